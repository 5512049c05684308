/*
 * charset.c — MIME charsets to UTF-8 through glibc's iconv (see charset.h).
 *
 * Names follow the WHATWG Encoding Standard where mail in the wild does:
 * ISO-8859-1 and US-ASCII-with-8-bit are really windows-1252, ISO-8859-9 is
 * windows-1254, TIS-620 is windows-874, Shift_JIS is windows-31J (CP932),
 * EUC-KR is CP949, Big5 is Big5-HKSCS; each is a superset of the name on the
 * label for the characters people type.
 */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "ascii.h"

/* The charsets: an id is an index into this table; 0 passes bytes through. */
static const char *const iconv_names[] = {
	"",
	"CP1252", "ISO-8859-2", "ISO-8859-3", "ISO-8859-4", "ISO-8859-5", "ISO-8859-6",
	"ISO-8859-7", "ISO-8859-8", "CP1254", "ISO-8859-10", "CP874", "ISO-8859-13",
	"ISO-8859-14", "ISO-8859-15", "ISO-8859-16",
	"CP1250", "CP1251", "CP1253", "CP1255", "CP1256", "CP1257", "CP1258",
	"KOI8-R", "KOI8-U", "CP866", "IBM850", "IBM437", "MACINTOSH",
	"ISO-2022-JP-2", "ISO-2022-JP-3", "CP932", "EUC-JP", "CP949", "ISO-2022-KR",
	"GBK", "GB18030", "ISO-2022-CN-EXT", "BIG5-HKSCS",
	"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32", "UTF-32LE", "UTF-32BE", "UTF-7",
};

#define CHARSET_COUNT ((int) (sizeof(iconv_names) / sizeof(iconv_names[0])))

/* Other names of the table's charsets, folded: lower case, letters and digits only. */
static const struct
{
	const char *alias;
	const char *name;
}			aliases[] = {
	{"latin1", "CP1252"}, {"l1", "CP1252"}, {"cp819", "CP1252"}, {"ibm819", "CP1252"},
	{"ansix341968", ""}, {"usascii", ""}, {"ascii", ""}, {"us", ""}, {"iso646us", ""},
	{"utf8", ""}, {"unicode11utf8", ""}, {"unicode20utf8", ""},
	{"latin2", "ISO-8859-2"}, {"l2", "ISO-8859-2"}, {"latin3", "ISO-8859-3"}, {"l3", "ISO-8859-3"},
	{"latin4", "ISO-8859-4"}, {"l4", "ISO-8859-4"}, {"cyrillic", "ISO-8859-5"},
	{"arabic", "ISO-8859-6"}, {"greek", "ISO-8859-7"}, {"hebrew", "ISO-8859-8"},
	{"iso88598i", "ISO-8859-8"}, {"latin5", "CP1254"}, {"l5", "CP1254"},
	{"latin6", "ISO-8859-10"}, {"l6", "ISO-8859-10"}, {"tis620", "CP874"}, {"tis6200", "CP874"},
	{"tis62025291", "CP874"}, {"tis62025330", "CP874"}, {"latin7", "ISO-8859-13"},
	{"l7", "ISO-8859-13"}, {"latin8", "ISO-8859-14"}, {"l8", "ISO-8859-14"},
	{"latin9", "ISO-8859-15"}, {"l9", "ISO-8859-15"}, {"latin0", "ISO-8859-15"},
	{"latin10", "ISO-8859-16"}, {"l10", "ISO-8859-16"},
	{"koi8r", "KOI8-R"}, {"koi8", "KOI8-R"}, {"cskoi8r", "KOI8-R"}, {"koi8u", "KOI8-U"},
	{"koi8ru", "KOI8-U"}, {"cp866", "CP866"}, {"ibm866", "CP866"}, {"cp850", "IBM850"},
	{"ibm850", "IBM850"}, {"cp437", "IBM437"}, {"ibm437", "IBM437"},
	{"macintosh", "MACINTOSH"}, {"mac", "MACINTOSH"}, {"macroman", "MACINTOSH"},
	{"iso2022jp", "ISO-2022-JP-2"}, {"csiso2022jp", "ISO-2022-JP-2"},
	{"iso2022jp1", "ISO-2022-JP-2"}, {"iso2022jp2", "ISO-2022-JP-2"},
	{"csiso2022jp2", "ISO-2022-JP-2"}, {"iso2022jpms", "ISO-2022-JP-2"},
	{"iso2022jp3", "ISO-2022-JP-3"}, {"iso2022jp2004", "ISO-2022-JP-3"},
	{"shiftjis", "CP932"}, {"sjis", "CP932"}, {"mskanji", "CP932"}, {"csshiftjis", "CP932"},
	{"windows31j", "CP932"}, {"cswindows31j", "CP932"}, {"cp932", "CP932"}, {"ms932", "CP932"},
	{"shiftjis2004", "CP932"}, {"shiftjisx0213", "CP932"}, {"sjiswin", "CP932"},
	{"sjisopen", "CP932"},
	{"eucjp", "EUC-JP"}, {"ujis", "EUC-JP"}, {"cseucpkdfmtjapanese", "EUC-JP"},
	{"eucjpms", "EUC-JP"}, {"eucjisx0213", "EUC-JP"},
	{"euckr", "CP949"}, {"cseuckr", "CP949"}, {"ksc56011987", "CP949"}, {"ksc56011989", "CP949"},
	{"ksc5601", "CP949"}, {"korean", "CP949"}, {"cp949", "CP949"}, {"uhc", "CP949"},
	{"windows949", "CP949"}, {"ms949", "CP949"}, {"iso2022kr", "ISO-2022-KR"},
	{"csiso2022kr", "ISO-2022-KR"},
	{"gb2312", "GBK"}, {"csgb2312", "GBK"}, {"gb231280", "GBK"}, {"gbk", "GBK"}, {"csgbk", "GBK"},
	{"cp936", "GBK"}, {"ms936", "GBK"}, {"windows936", "GBK"}, {"euccn", "GBK"},
	{"chinese", "GBK"}, {"isoir58", "GBK"}, {"gb18030", "GB18030"},
	{"iso2022cn", "ISO-2022-CN-EXT"}, {"iso2022cnext", "ISO-2022-CN-EXT"},
	{"big5", "BIG5-HKSCS"}, {"csbig5", "BIG5-HKSCS"}, {"cnbig5", "BIG5-HKSCS"},
	{"big5hkscs", "BIG5-HKSCS"}, {"cp950", "BIG5-HKSCS"}, {"windows950", "BIG5-HKSCS"},
	{"utf16", "UTF-16"}, {"ucs2", "UTF-16"}, {"csunicode", "UTF-16"}, {"unicode", "UTF-16"},
	{"iso10646ucs2", "UTF-16"}, {"utf16le", "UTF-16LE"}, {"ucs2le", "UTF-16LE"},
	{"utf16be", "UTF-16BE"}, {"ucs2be", "UTF-16BE"},
	{"utf32", "UTF-32"}, {"ucs4", "UTF-32"}, {"utf32le", "UTF-32LE"}, {"utf32be", "UTF-32BE"},
	{"utf7", "UTF-7"}, {"unicode11utf7", "UTF-7"}, {"csunicode11utf7", "UTF-7"},
};

/* The descriptors, opened on first use and kept (reachable) for the process. */
static iconv_t descriptors[CHARSET_COUNT];
static unsigned char opened[CHARSET_COUNT];	/* 0 not tried, 1 open, 2 failed */

/* The id of an iconv name in the table; CHARSET_PASS when absent. */
static int
id_of(const char *name)
{
	int			i;

	for (i = 1; i < CHARSET_COUNT; i++)
		if (strcmp(iconv_names[i], name) == 0)
			return i;
	return CHARSET_PASS;
}

/* Is id one of the UTF-16 family, whose byte order a BOM may settle? */
static int
is_utf16(int id)
{
	const char *n = iconv_names[id];

	return strncmp(n, "UTF-16", 6) == 0;
}

/* ISO-8859-n for a folded "iso8859..." tail of digits ("1", "15", "11987"); 0 if none. */
static int
iso8859_part(const char *digits, size_t n)
{
	int			part = 0;
	size_t		i;

	if (n > 4 && n <= 6)
		n -= 4;					/* a year: "iso_8859-1:1987" */
	if (n == 0 || n > 2)
		return 0;
	for (i = 0; i < n; i++)
	{
		if (digits[i] < '0' || digits[i] > '9')
			return 0;
		part = part * 10 + (digits[i] - '0');
	}
	return part >= 1 && part <= 16 && part != 12 ? part : 0;
}

/* The id for a folded name made only of letters and digits. */
static int
lookup_folded(const char *f, size_t n)
{
	static const char *const iso8859[17] = {
		NULL, "CP1252", "ISO-8859-2", "ISO-8859-3", "ISO-8859-4", "ISO-8859-5", "ISO-8859-6",
		"ISO-8859-7", "ISO-8859-8", "CP1254", "ISO-8859-10", "CP874", NULL, "ISO-8859-13",
		"ISO-8859-14", "ISO-8859-15", "ISO-8859-16"
	};
	size_t		i;
	int			k;

	/* Most mail says one of these two: no conversion, no search. */
	if ((n == 4 && memcmp(f, "utf8", 4) == 0) || (n == 7 && memcmp(f, "usascii", 7) == 0))
		return CHARSET_PASS;
	if (n > 7 && memcmp(f, "iso8859", 7) == 0 && (k = iso8859_part(f + 7, n - 7)) > 0)
		return id_of(iso8859[k]);
	/* windows-1250..1258, cp1250, win1250, ms1250 */
	for (i = 0; i < 3; i++)
	{
		static const char *const prefix[] = {"windows", "cp", "win"};
		size_t		p = strlen(prefix[i]);

		if (n == p + 4 && memcmp(f, prefix[i], p) == 0 && memcmp(f + p, "125", 3) == 0 &&
			f[p + 3] >= '0' && f[p + 3] <= '8')
		{
			static const char *const windows[9] = {
				"CP1250", "CP1251", "CP1252", "CP1253", "CP1254", "CP1255", "CP1256", "CP1257", "CP1258"
			};

			return id_of(windows[f[p + 3] - '0']);
		}
	}
	if (n == 5 && memcmp(f, "cp874", 5) == 0)
		return id_of("CP874");
	if (n == 10 && memcmp(f, "windows874", 10) == 0)
		return id_of("CP874");
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (aliases[i].alias[0] == f[0] && strlen(aliases[i].alias) == n &&
			memcmp(aliases[i].alias, f, n) == 0)
			return aliases[i].name[0] ? id_of(aliases[i].name) : CHARSET_PASS;
	return CHARSET_PASS;
}

int
charset_lookup(const char *name, size_t len)
{
	char		f[40];
	size_t		n = 0,
				i = 0;

	/* Trim blanks and quotes; drop an RFC 2231 "*language" and any "x-" prefixes. */
	while (i < len && (name[i] == ' ' || name[i] == '\t' || name[i] == '"' || name[i] == '\''))
		i++;
	while (len - i >= 2 && ascii_lower((unsigned char) name[i]) == 'x' && name[i + 1] == '-')
		i += 2;
	for (; i < len && name[i] != '*' && name[i] != '"' && name[i] != '\''; i++)
	{
		unsigned char c = ascii_lower((unsigned char) name[i]);

		if (!ascii_is_alnum(c))
			continue;
		if (n == sizeof(f))
			return CHARSET_PASS;	/* too long to be a charset we know */
		f[n++] = (char) c;
	}
	return n == 0 ? CHARSET_PASS : lookup_folded(f, n);
}

const char *
charset_iconv_name(int id)
{
	return id > 0 && id < CHARSET_COUNT ? iconv_names[id] : "";
}

/* The open descriptor of a charset, reset to its initial state; (iconv_t) -1 if it cannot open. */
static iconv_t
descriptor(int id)
{
	if (id <= 0 || id >= CHARSET_COUNT)
		return (iconv_t) -1;
	if (opened[id] == 0)
	{
		descriptors[id] = iconv_open("UTF-8", iconv_names[id]);
		opened[id] = descriptors[id] == (iconv_t) -1 ? 2 : 1;
	}
	if (opened[id] != 1)
		return (iconv_t) -1;
	iconv(descriptors[id], NULL, NULL, NULL, NULL);
	return descriptors[id];
}

void
charset_begin(charset_converter *cv, int id, charset_sink sink, void *arg)
{
	cv->id = id > 0 && id < CHARSET_COUNT ? id : CHARSET_PASS;
	cv->slot = -1;
	cv->held = 0;
	cv->sink = sink;
	cv->arg = arg;
}

/*
 * Settle the descriptor at the stream's first bytes: a UTF-16 byte-order mark
 * wins over the label (and is dropped); unmarked "UTF-16" is big-endian
 * (RFC 2781) unless its first unit reads as little-endian ASCII.  Returns the
 * bytes to skip, or -1 to wait for more.
 */
static int
settle(charset_converter *cv, int final)
{
	const unsigned char *b = (const unsigned char *) cv->in;
	int			le,
				be;

	if (!is_utf16(cv->id))
	{
		cv->slot = cv->id;
		return 0;
	}
	le = id_of("UTF-16LE");
	be = id_of("UTF-16BE");
	if (cv->held < 2 && !final)
		return -1;
	if (cv->held >= 2 && b[0] == 0xFF && b[1] == 0xFE)
	{
		cv->slot = le;
		return 2;
	}
	if (cv->held >= 2 && b[0] == 0xFE && b[1] == 0xFF)
	{
		cv->slot = be;
		return 2;
	}
	if (cv->id != id_of("UTF-16"))
		cv->slot = cv->id;
	else
		cv->slot = (cv->held >= 2 && b[0] != 0 && b[1] == 0) ? le : be;
	return 0;
}

/* Bytes an invalid sequence is stepped over by: the code unit's size. */
static size_t
unit_of(int slot)
{
	const char *n = iconv_names[slot];

	return strncmp(n, "UTF-16", 6) == 0 ? 2 : strncmp(n, "UTF-32", 6) == 0 ? 4 : 1;
}

/* Convert the held bytes; at the end of the stream (final) nothing is kept. */
static void
convert_held(charset_converter *cv, int final)
{
	static const char replacement[] = "\xEF\xBF\xBD";	/* U+FFFD */
	char		out[4 * CHARSET_HOLD];
	char	   *inp;
	size_t		inleft;
	size_t		unit;
	iconv_t		cd;

	if (cv->held == 0)
		return;
	inp = cv->in;
	inleft = cv->held;
	if (cv->slot < 0)
	{
		int			skip = settle(cv, final);

		if (skip < 0)
			return;
		inp += skip;
		inleft -= (size_t) skip;
		cd = descriptor(cv->slot);
	}
	else
	{
		cd = cv->slot > 0 && opened[cv->slot] == 1 ? descriptors[cv->slot] : (iconv_t) -1;
	}
	if (cd == (iconv_t) -1)
	{
		/* No conversion (US-ASCII, UTF-8, or iconv lacks it): the bytes as they are. */
		cv->slot = CHARSET_PASS;
		if (inleft > 0)
			cv->sink(cv->arg, inp, inleft);
		cv->held = 0;
		return;
	}
	unit = unit_of(cv->slot);
	while (inleft > 0)
	{
		char	   *outp = out;
		size_t		outleft = sizeof(out);
		size_t		r = iconv(cd, &inp, &inleft, &outp, &outleft);

		if (outp > out)
			cv->sink(cv->arg, out, (size_t) (outp - out));
		if (r != (size_t) -1)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !final && inleft < 16)
			break;				/* a sequence the next bytes complete */
		/* An invalid sequence, or one the stream ends inside: U+FFFD, and on. */
		cv->sink(cv->arg, replacement, 3);
		if (errno == EINVAL)
			inleft = 0;
		else
		{
			size_t		step = inleft < unit ? inleft : unit;

			inp += step;
			inleft -= step;
		}
	}
	if (inleft > 0)
		memmove(cv->in, inp, inleft);
	cv->held = inleft;
}

void
charset_convert(charset_converter *cv)
{
	convert_held(cv, 0);
	if (cv->held == CHARSET_HOLD)
	{
		/* Nothing could be converted (cannot happen with a real charset): give up the bytes. */
		cv->sink(cv->arg, cv->in, cv->held);
		cv->held = 0;
	}
}

void
charset_write(charset_converter *cv, const char *bytes, size_t len)
{
	while (len > 0)
	{
		size_t		room = CHARSET_HOLD - cv->held;
		size_t		k = len < room ? len : room;

		memcpy(cv->in + cv->held, bytes, k);
		cv->held += k;
		bytes += k;
		len -= k;
		if (cv->held == CHARSET_HOLD)
			charset_convert(cv);
	}
}

void
charset_end(charset_converter *cv)
{
	convert_held(cv, 1);
	if (cv->slot > 0 && opened[cv->slot] == 1)
	{
		char		out[16];
		char	   *outp = out;
		size_t		outleft = sizeof(out);

		/* Return to the initial shift state; into UTF-8 that writes nothing. */
		iconv(descriptors[cv->slot], NULL, NULL, &outp, &outleft);
		if (outp > out)
			cv->sink(cv->arg, out, (size_t) (outp - out));
	}
	cv->slot = -1;
	cv->held = 0;
}
