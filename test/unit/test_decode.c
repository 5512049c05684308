/*
 * test_decode.c — unit tests of the decode stage: charsets to UTF-8
 * (charset.c), RFC 2047 encoded words (encoded_words.c), and both at work
 * inside the message reader through bounce_classify.
 */
#include <stdlib.h>
#include <string.h>

#include "core/bounce_codes.h"
#include "core/charset.h"
#include "core/classify.h"
#include "core/encoded_words.h"
#include "unit.h"
#include "../fuzz/fuzz.h"	/* fuzz_clean_utf8 */

#define REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD */

/* Compare two strings, printing both when they differ. */
#define CHECK_STR(got, want) \
	do { \
		const char *unit_g_ = (got), *unit_w_ = (want); \
		if (strcmp(unit_g_, unit_w_) == 0) \
			unit_passed++; \
		else \
		{ \
			unit_failed++; \
			fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #got, unit_g_, unit_w_); \
		} \
	} while (0)

/* Converted output, collected. */
typedef struct collected
{
	size_t		len;
	size_t		calls;
	char		s[16384];
} collected;

/* charset_sink: append to a collected buffer. */
static void
collect(void *arg, const char *bytes, size_t n)
{
	collected  *c = arg;

	if (c->len + n < sizeof(c->s))
	{
		memcpy(c->s + c->len, bytes, n);
		c->len += n;
	}
	c->s[c->len] = '\0';
	c->calls++;
}

static collected out;

/* Convert in[0..len) from the charset named name, written in pieces of chunk bytes (0: byte by byte). */
static const char *
convert_n(const char *name, const char *in, size_t len, size_t chunk)
{
	charset_converter cv;
	size_t		i;

	out.len = 0;
	out.calls = 0;
	out.s[0] = '\0';
	charset_begin(&cv, charset_lookup(name, strlen(name)), collect, &out);
	if (chunk == 0)
		for (i = 0; i < len; i++)
			charset_put(&cv, (unsigned char) in[i]);
	else
		for (i = 0; i < len; i += chunk)
			charset_write(&cv, in + i, len - i < chunk ? len - i : chunk);
	charset_end(&cv);
	return out.s;
}

/* Convert a NUL-terminated string in one write. */
static const char *
convert(const char *name, const char *in)
{
	return convert_n(name, in, strlen(in), strlen(in) + 1);
}

/* Names, aliases, quoting and case. */
static void
test_lookup(void)
{
	CHECK_INT(charset_lookup("utf-8", 5), CHARSET_PASS);
	CHECK_INT(charset_lookup("UTF8", 4), CHARSET_PASS);
	CHECK_INT(charset_lookup("us-ascii", 8), CHARSET_PASS);
	CHECK_INT(charset_lookup("", 0), CHARSET_PASS);
	CHECK_INT(charset_lookup("x-no-such-charset", 17), CHARSET_PASS);
	CHECK_INT(charset_lookup("uft-8", 5), CHARSET_PASS);
	CHECK_STR(charset_iconv_name(charset_lookup("ISO-8859-1", 10)), "CP1252");
	CHECK_STR(charset_iconv_name(charset_lookup("\"iso-8859-1\"", 12)), "CP1252");
	CHECK_STR(charset_iconv_name(charset_lookup("latin1", 6)), "CP1252");
	CHECK_STR(charset_iconv_name(charset_lookup("iso_8859-1:1987", 15)), "CP1252");
	CHECK_STR(charset_iconv_name(charset_lookup("cp1252", 6)), "CP1252");
	CHECK_STR(charset_iconv_name(charset_lookup("Windows-1251", 12)), "CP1251");
	CHECK_STR(charset_iconv_name(charset_lookup("ISO-8859-15", 11)), "ISO-8859-15");
	CHECK_STR(charset_iconv_name(charset_lookup("iso8859-2", 9)), "ISO-8859-2");
	CHECK_STR(charset_iconv_name(charset_lookup("latin9", 6)), "ISO-8859-15");
	CHECK_STR(charset_iconv_name(charset_lookup("KOI8-R", 6)), "KOI8-R");
	CHECK_STR(charset_iconv_name(charset_lookup("koi8-u", 6)), "KOI8-U");
	CHECK_STR(charset_iconv_name(charset_lookup("x-sjis", 6)), "CP932");
	CHECK_STR(charset_iconv_name(charset_lookup("Shift_JIS", 9)), "CP932");
	CHECK_STR(charset_iconv_name(charset_lookup("ISO-2022-JP", 11)), "ISO-2022-JP-2");
	CHECK_STR(charset_iconv_name(charset_lookup("iso-2022-jp-3", 13)), "ISO-2022-JP-3");
	CHECK_STR(charset_iconv_name(charset_lookup("EUC-JP", 6)), "EUC-JP");
	CHECK_STR(charset_iconv_name(charset_lookup("ks_c_5601-1987", 14)), "CP949");
	CHECK_STR(charset_iconv_name(charset_lookup("euc-kr", 6)), "CP949");
	CHECK_STR(charset_iconv_name(charset_lookup("gb2312", 6)), "GBK");
	CHECK_STR(charset_iconv_name(charset_lookup("GB18030", 7)), "GB18030");
	CHECK_STR(charset_iconv_name(charset_lookup("big5", 4)), "BIG5-HKSCS");
	CHECK_STR(charset_iconv_name(charset_lookup("x-x-big5", 8)), "BIG5-HKSCS");
	CHECK_STR(charset_iconv_name(charset_lookup("utf-16", 6)), "UTF-16");
	CHECK_STR(charset_iconv_name(charset_lookup("UTF-16LE", 8)), "UTF-16LE");
	CHECK_STR(charset_iconv_name(charset_lookup("unicode-1-1-utf-7", 17)), "UTF-7");
	CHECK_STR(charset_iconv_name(charset_lookup("iso-8859-1*sv", 13)), "CP1252");
	CHECK_STR(charset_iconv_name(charset_lookup(" 'koi8-r' ", 10)), "KOI8-R");
	CHECK_INT(charset_lookup("iso-8859-12", 11), CHARSET_PASS);
	CHECK_INT(charset_lookup("iso-8859-99", 11), CHARSET_PASS);
	CHECK_INT(charset_lookup("a-name-far-too-long-to-be-any-charset-we-know-of", 48), CHARSET_PASS);
}

/* One sample per charset family. */
static void
test_families(void)
{
	CHECK_STR(convert("iso-8859-1", "Fr\xe5nvaro, \xfc\xe4\xf6 \x80"), "Frånvaro, üäö €");
	CHECK_STR(convert("iso-8859-2", "\xb1"), "ą");
	CHECK_STR(convert("iso-8859-5", "\xbf\xe0\xd8\xd2\xd5\xe2"), "Привет");
	CHECK_STR(convert("iso-8859-7", "\xca\xe1\xeb\xe7"), "Καλη");
	CHECK_STR(convert("iso-8859-15", "\xa4"), "€");
	CHECK_STR(convert("windows-1250", "\x9a"), "š");
	CHECK_STR(convert("windows-1251", "\xcf\xf0\xe8\xe2\xe5\xf2"), "Привет");
	CHECK_STR(convert("windows-1252", "\x93quoted\x94"), "“quoted”");
	CHECK_STR(convert("windows-1253", "\xca\xe1\xeb\xe7\xec\xdd\xf1\xe1"), "Καλημέρα");
	CHECK_STR(convert("windows-1254", "\xf0"), "ğ");
	CHECK_STR(convert("windows-1255", "\xf9\xec\xe5\xed"), "שלום");
	CHECK_STR(convert("windows-1256", "\xe3\xd1\xcd\xc8\xc7"), "مرحبا");
	CHECK_STR(convert("windows-1257", "\xe0"), "ą");
	CHECK_STR(convert("windows-1258", "\xf0"), "đ");
	CHECK_STR(convert("koi8-r", "\xf0\xd2\xc9\xd7\xc5\xd4"), "Привет");
	CHECK_STR(convert("koi8-u", "\xa4"), "є");
	CHECK_STR(convert("iso-2022-jp", "\x1b$B$3$s$K$A$O\x1b(B ok"), "こんにちは ok");
	CHECK_STR(convert("shift_jis", "\x82\xb1\x82\xf1\x82\xc9\x82\xbf\x82\xcd"), "こんにちは");
	CHECK_STR(convert("euc-jp", "\xa4\xb3\xa4\xf3\xa4\xcb\xa4\xc1\xa4\xcf"), "こんにちは");
	CHECK_STR(convert("euc-kr", "\xbe\xc8\xb3\xe7"), "안녕");
	CHECK_STR(convert("gb2312", "\xc4\xe3\xba\xc3"), "你好");
	CHECK_STR(convert("gbk", "\xc4\xe3\xba\xc3"), "你好");
	CHECK_STR(convert("gb18030", "\xc4\xe3\x81\x30\x81\x30"), "你\xc2\x80");
	CHECK_STR(convert("big5", "\xa7\x41\xa6\x6e"), "你好");
	CHECK_STR(convert("utf-7", "Fr+AOU-nvaro"), "Frånvaro");
	/* US-ASCII and UTF-8 pass through unchanged, even when not what they say. */
	CHECK_STR(convert("utf-8", "Frånvaro \xff"), "Frånvaro \xff");
	CHECK_STR(convert("us-ascii", "caf\xe9"), "caf\xe9");
}

/* UTF-16: a byte-order mark wins and is dropped; without one, the label or the first unit decides. */
static void
test_utf16(void)
{
	static const char le_bom[] = "\xff\xfe" "F\0r\0\xe5\0n\0\n\0";
	static const char be_bom[] = "\xfe\xff" "\0F\0r\0\xe5\0n\0\n";
	static const char le[] = "F\0r\0\xe5\0n\0";
	static const char be[] = "\0F\0r\0\xe5\0n";
	static const char surrogates[] = "=\xd8\x00\xde";	/* U+1F600, little-endian */

	CHECK_STR(convert_n("utf-16", le_bom, sizeof(le_bom) - 1, 3), "Från\n");
	CHECK_STR(convert_n("utf-16", be_bom, sizeof(be_bom) - 1, 0), "Från\n");
	CHECK_STR(convert_n("utf-16le", le_bom, sizeof(le_bom) - 1, 1), "Från\n");
	CHECK_STR(convert_n("utf-16be", le_bom, sizeof(le_bom) - 1, 5), "Från\n");	/* the mark wins */
	CHECK_STR(convert_n("utf-16le", le, sizeof(le) - 1, 0), "Från");
	CHECK_STR(convert_n("utf-16be", be, sizeof(be) - 1, 0), "Från");
	CHECK_STR(convert_n("utf-16", le, sizeof(le) - 1, 0), "Från");	/* reads as little-endian */
	CHECK_STR(convert_n("utf-16", be, sizeof(be) - 1, 0), "Från");	/* RFC 2781: big-endian */
	CHECK_STR(convert_n("utf-16le", surrogates, 4, 1), "😀");
	/* A lone surrogate, then text: one U+FFFD, and the text. */
	CHECK_STR(convert_n("utf-16le", "\x00\xd8" "A\0", 4, 0), REPLACEMENT "A");
	/* An odd byte at the end. */
	CHECK_STR(convert_n("utf-16le", "A\0B", 3, 0), "A" REPLACEMENT);
	/* Only a mark, or one byte. */
	CHECK_STR(convert_n("utf-16", "\xff\xfe", 2, 0), "");
	CHECK_STR(convert_n("utf-16", "A", 1, 0), REPLACEMENT);
}

/* A long text in each stateful or multi-byte charset, cut anywhere, converts the same. */
static void
test_straddle(void)
{
	static const struct
	{
		const char *charset;
		const char *unit;
		size_t		unit_len;
		const char *utf8;
	}			cases[] = {
		{"iso-2022-jp", "\x1b$B$3$s$K$A$O\x1b(B a", 18, "こんにちは a"},
		{"shift_jis", "\x82\xb1\x82\xf1\x82\xc9\x82\xbf\x82\xcd.", 11, "こんにちは."},
		{"euc-jp", "\xa4\xb3\xa4\xf3\xa4\xcb\xa4\xc1\xa4\xcf", 10, "こんにちは"},
		{"gb18030", "\xc4\xe3\x81\x30\x81\x30\xba\xc3", 8, "你\xc2\x80好"},
		{"big5", "\xa7\x41\xa6\x6e!", 5, "你好!"},
		{"euc-kr", "\xbe\xc8\xb3\xe7 ", 5, "안녕 "},
		{"utf-16le", "F\0r\0\xe5\0n\0\n\0=\xd8\x00\xde", 14, "Från\n😀"},
		{"utf-16", "\0F\0r\0\xe5\0n\0\n", 10, "Från\n"},
		{"utf-7", "a+AOU-b", 7, "aåb"},
	};
	size_t		k;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
	{
		char		in[4096];
		char		want[8192];
		size_t		len = 0,
					wlen = 0;
		size_t		shift,
					chunk;
		int			same = 1;

		/* Enough repetitions to cross the converter's hold several times, at every offset. */
		while (len + cases[k].unit_len <= sizeof(in) - 8)
		{
			memcpy(in + len, cases[k].unit, cases[k].unit_len);
			len += cases[k].unit_len;
			strcpy(want + wlen, cases[k].utf8);
			wlen += strlen(cases[k].utf8);
		}
		for (shift = 0; shift < cases[k].unit_len; shift += 3)
			for (chunk = 0; chunk < 12; chunk++)
			{
				convert_n(cases[k].charset, in, len, chunk == 0 ? 0 : chunk * 37 + shift);
				if (out.len != wlen || memcmp(out.s, want, wlen) != 0)
					same = 0;
			}
		if (!same)
			fprintf(stderr, "straddle: %s\n", cases[k].charset);
		CHECK(same);
	}
}

/* Invalid bytes become U+FFFD and the text goes on; nothing stops. */
static void
test_broken(void)
{
	CHECK_STR(convert("shift_jis", "a\x82"), "a" REPLACEMENT);	/* cut off */
	CHECK_STR(convert("shift_jis", "\x82\xb1\xff\x82\xb1"), "こ" REPLACEMENT "こ");
	CHECK_STR(convert("euc-kr", "\xbe"), REPLACEMENT);
	CHECK_STR(convert("iso-2022-jp", "\x1b$B$3\x1b(B ok"), "こ ok");
	CHECK(strstr(convert("iso-2022-jp", "a\x1b$Z b"), "$Z b") != NULL);	/* an unknown escape */
	CHECK_STR(convert("iso-2022-jp", "\x1b$B$"), REPLACEMENT);
	CHECK_STR(convert("windows-1252", "a\x81z"), "a" REPLACEMENT "z");
	CHECK_STR(convert("gb18030", "\x81\x30"), REPLACEMENT);
	CHECK_STR(convert("koi8-r", ""), "");
	/* Any bytes in any charset: output is valid UTF-8 and bounded. */
	{
		char		noise[3000];
		size_t		i;
		unsigned int seed = 12345;
		static const char *const names[] = {
			"iso-2022-jp", "shift_jis", "euc-jp", "euc-kr", "gbk", "gb18030", "big5",
			"utf-16", "utf-16le", "utf-16be", "utf-7", "koi8-r", "windows-1252", "iso-2022-kr",
			"iso-2022-cn", "utf-32", NULL
		};
		int			n;

		for (n = 0; names[n] != NULL; n++)
		{
			int			valid = 1;

			for (i = 0; i < sizeof(noise); i++)
			{
				seed = seed * 1103515245u + 12345u;
				noise[i] = (char) (seed >> 16);
			}
			convert_n(names[n], noise, sizeof(noise), (size_t) n % 5);
			for (i = 0; i < out.len; i++)
				if (out.s[i] == '\0')
					out.s[i] = ' ';
			/* NUL and controls aside, the output is UTF-8 (fuzz_clean_utf8 also rejects controls). */
			for (i = 0; i < out.len; i++)
				if ((unsigned char) out.s[i] < 0x20)
					out.s[i] = ' ';
			valid = fuzz_clean_utf8(out.s);
			if (!valid)
				fprintf(stderr, "broken: %s gave invalid UTF-8\n", names[n]);
			CHECK(valid);
			CHECK(out.len <= 4 * sizeof(noise) + 8);
		}
	}
}

/* An unknown or broken charset name passes the bytes through. */
static void
test_unknown(void)
{
	CHECK_STR(convert("x-unknown", "caf\xe9 ok"), "caf\xe9 ok");
	CHECK_STR(convert("\"\"", "caf\xe9"), "caf\xe9");
	CHECK_STR(convert("utf-8\"; format=flowed", "ok"), "ok");
}

/* Decode a header into a static buffer. */
static const char *
words(const char *in)
{
	static char buf[1024];

	encoded_words_to_buffer(in, strlen(in), buf, sizeof(buf));
	return buf;
}

/* RFC 2047 encoded words: B and Q, adjacency, folding, malformed words. */
static void
test_encoded_words(void)
{
	char		small[8];

	CHECK_STR(words("Subject: =?UTF-8?B?RnLDpW52YXJvbWVkZGVsYW5kZQ==?="), "Subject: Frånvaromeddelande");
	CHECK_STR(words("Subject: =?utf-8?b?RnLDpW52YXJvbWVkZGVsYW5kZQ?="), "Subject: Frånvaromeddelande");
	CHECK_STR(words("=?ISO-8859-1?Q?Fr=E5nvaro_meddelande?="), "Frånvaro meddelande");
	CHECK_STR(words("=?iso-8859-1?q?Abwesenheitsnotiz:_nicht_im_B=FCro?="), "Abwesenheitsnotiz: nicht im Büro");
	CHECK_STR(words("=?iso-2022-jp?B?GyRCJDMkcyRLJEEkTxsoQg==?="), "こんにちは");
	CHECK_STR(words("=?koi8-r?B?8NLJ18XU?="), "Привет");
	CHECK_STR(words("=?windows-1251?Q?=CF=F0=E8=E2=E5=F2?="), "Привет");
	CHECK_STR(words("=?gb2312?B?xOO6ww==?="), "你好");
	/* Adjacent words join; folding between them goes too; other text stays. */
	CHECK_STR(words("=?UTF-8?Q?a?= =?UTF-8?Q?b?="), "ab");
	CHECK_STR(words("=?UTF-8?Q?a?=\r\n =?UTF-8?Q?b?=\r\n\t=?UTF-8?Q?c?="), "abc");
	CHECK_STR(words("=?UTF-8?Q?a?= x =?UTF-8?Q?b?="), "a x b");
	CHECK_STR(words("Re: =?UTF-8?Q?a?= end"), "Re: a end");
	CHECK_STR(words("=?UTF-8?Q?a?= =?ISO-8859-1?Q?=E5?="), "aå");
	/* A character split between two words survives. */
	CHECK_STR(words("=?UTF-8?Q?Fr=C3?= =?UTF-8?Q?=A5nvaro?="), "Frånvaro");
	CHECK_STR(words("=?UTF-8?B?RnLD?= =?UTF-8?B?pW52YXJv?="), "Frånvaro");
	/* Unfolding plain text. */
	CHECK_STR(words("Subject: a\r\n b"), "Subject: a b");
	/* RFC 2231 language, unknown charset, odd Q. */
	CHECK_STR(words("=?UTF-8*sv?Q?hej?="), "hej");
	CHECK_STR(words("=?x-unknown?Q?caf=E9?="), "caf\xe9");
	CHECK_STR(words("=?UTF-8?Q?a=zz=4?="), "a=zz=4");
	CHECK_STR(words("=?UTF-8?Q?\?="), "");
	CHECK_STR(words("=?UTF-8?Q?a=0D=0Ab?="), "a\r\nb");	/* the reader turns these into blanks */
	/* Malformed words are plain text. */
	CHECK_STR(words("=?UTF-8?X?abc?="), "=?UTF-8?X?abc?=");
	CHECK_STR(words("=?UTF-8?Q?abc"), "=?UTF-8?Q?abc");
	CHECK_STR(words("=?\?Q?abc?="), "=?\?Q?abc?=");
	CHECK_STR(words("=?UTF-8?Q?a?b?="), "=?UTF-8?Q?a?b?=");
	CHECK_STR(words("=?UTF 8?Q?a?="), "=?UTF 8?Q?a?=");
	CHECK_STR(words("=?"), "=?");
	CHECK_STR(words("=?UTF-8?Q?"), "=?UTF-8?Q?");
	CHECK_STR(words("a=?=?UTF-8?Q?b?="), "a=?b");
	CHECK_STR(words("=?UTF-8?B?w6U=?=?="), "å?=");
	/* Invalid bytes in a word. */
	CHECK_STR(words("=?shift_jis?Q?=82?= z"), REPLACEMENT " z");
	/* The buffer form cuts and terminates. */
	CHECK_INT(encoded_words_to_buffer("=?UTF-8?Q?abcdefghij?=", 22, small, sizeof(small)), 7);
	CHECK_STR(small, "abcdefg");
	CHECK_INT(encoded_words_to_buffer("x", 1, small, 0), 0);
	CHECK(encoded_words_present("a =?x?q?b?=", 11));
	CHECK(!encoded_words_present("a = ? b", 7));
	CHECK(!encoded_words_present("a=", 2));
	/* A word longer than ENCODED_WORD_MAX is plain text; its bytes come through. */
	{
		static char longw[ENCODED_WORD_MAX + 64];
		static char got[sizeof(longw)];
		size_t		n = 0;

		memcpy(longw, "=?UTF-8?Q?", 10);
		n = 10;
		while (n < ENCODED_WORD_MAX + 40)
			longw[n++] = 'a';
		memcpy(longw + n, "?=", 2);
		n += 2;
		CHECK_INT(encoded_words_to_buffer(longw, n, got, sizeof(got)), n);
	}
}

/* Classify a NUL-terminated message. */
static bounce_result
classify(const char *text)
{
	bounce_result r;

	bounce_classify(text, strlen(text), NULL, &r);
	return r;
}

/* Whole messages through bounce_classify: the decoded text is what the phrases see. */
static void
test_messages(void)
{
	/* A Swedish out-of-office in ISO-8859-1 quoted-printable: "jag är på semester". */
	const char *sv_qp =
		"From: Anna Svensson <anna@example.se>\r\nTo: news@example.com\r\nSubject: Re: Nyhetsbrev\r\n"
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=\"iso-8859-1\"\r\n"
		"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
		"Hej!\r\n\r\nJag =E4r p=E5 semester till och med den 15 augusti och l=E4ser inte min e-p=\r\n"
		"ost.\r\n\r\nMed v=E4nliga h=E4lsningar\r\nAnna\r\n";
	/* The same in 8bit, no transfer encoding. */
	const char *sv_8bit =
		"From: Anna Svensson <anna@example.se>\nSubject: Re: Nyhetsbrev\nMIME-Version: 1.0\n"
		"Content-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: 8bit\n\n"
		"Hej!\nJag \xe4r p\xe5 semester till och med den 15 augusti.\n";
	/* German, in a multipart/alternative, windows-1252 HTML and ISO-8859-15 text. */
	const char *de =
		"From: Jens M\xfcller <jens@example.de>\nSubject: Re: Angebot\nMIME-Version: 1.0\n"
		"Content-Type: multipart/alternative; boundary=\"alt\"\n\n"
		"--alt\nContent-Type: text/plain; charset=iso-8859-15\nContent-Transfer-Encoding: quoted-printable\n\n"
		"Guten Tag,\nich bin bis zum 3. M=E4rz nicht im B=FCro. Nach meiner R=FCckkehr melde ich mich.\n"
		"--alt\nContent-Type: text/html; charset=windows-1252\n\n"
		"<p>ich bin <b>nicht im B\xfcro</b></p>\n--alt--\n";
	/* The Subject alone says it, in an encoded word. */
	const char *subject_only =
		"From: Anna Svensson <anna@example.se>\nSubject: =?UTF-8?B?RnLDpW52YXJvbWVkZGVsYW5kZQ==?=\n"
		"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nHej, tack.\n";
	/* A folded Subject whose encoded words split the phrase. */
	const char *subject_folded =
		"From: Anna Svensson <anna@example.se>\nSubject: =?ISO-8859-1?Q?Fr=E5nvaro?=\n"
		" =?ISO-8859-1?Q?meddelande?=\nMIME-Version: 1.0\nContent-Type: text/plain\n\nHej.\n";
	/* A Japanese bounce body in ISO-2022-JP around the English reply. */
	const char *jp =
		"From: MAILER-DAEMON@example.jp\nSubject: =?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=\nMIME-Version: 1.0\n"
		"Content-Type: text/plain; charset=\"ISO-2022-JP\"\nContent-Transfer-Encoding: 7bit\n\n"
		"\x1b$B$3$s$K$A$O\x1b(B\n550 5.1.1 <nobody@example.jp>: Recipient address rejected: User unknown\n";
	/* A UTF-16 (base64, with a mark) text part of a report: "User unknown". */
	const char *utf16 =
		"From: MAILER-DAEMON@example.net\nSubject: Undeliverable\nMIME-Version: 1.0\n"
		"Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
		"--b\nContent-Type: text/plain; charset=utf-16\nContent-Transfer-Encoding: base64\n\n"
		"//41ADUAMAAgADUALgAxAC4AMQAgADwAYQBAAGUAeABhAG0AcABsAGUALgBvAHIAZwA+ACAAVQBzAGUAcgAgAHUAbgBrAG4AbwB3AG4ADQAKAA==\n--b--\n";
	/* Unknown charset: the bytes pass through and the ASCII still classifies. */
	const char *unknown =
		"From: MAILER-DAEMON@example.net\nSubject: failure\nMIME-Version: 1.0\n"
		"Content-Type: text/plain; charset=x-no-such\n\n552 5.2.2 Mailbox full \xff\xfe\n";
	/* HTML only, a tag at the start of each line: the line is text, no header's continuation. */
	const char *html_only =
		"From: Anna Svensson <anna@example.se>\nSubject: Re: Nyhetsbrev\nMIME-Version: 1.0\n"
		"Content-Type: text/html; charset=utf-8\n\n<div>Hej!</div>\n<div>Jag \xc3\xa4r p\xc3\xa5 semester.</div>\n";
	/* Japanese in ISO-2022-JP, 7bit, as Japanese mail is sent: "自動返信" (auto-reply). */
	const char *jp_reply =
		"From: sato@example.jp\nSubject: Re: news\nMIME-Version: 1.0\n"
		"Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n"
		"\x1b$B<+F0JV?.\x1b(B\n";
	/* An HTML body whose first line opens with a tag, with entities; and a text body indented from its first line. */
	const char *html =
		"From: postmaster@example.com\nSubject: Undeliverable\nContent-Type: text/html\n\n"
		"<div>The recipient&#39;s mailbox&nbsp;is full. AT&amp;T &bogus; &</div>\n";
	const char *indented =
		"From: MAILER-DAEMON@example.com\nSubject: failure notice\nContent-Type: text/plain\n\n"
		"    kim@example.com\n    mailbox is full\n";
	bounce_result r;
	CHECK_INT(classify(html_only).code, 60);
	CHECK_INT(classify(jp_reply).code, 60);
	r = classify(html);
	CHECK_INT(r.code, 22);
	CHECK(strstr(r.evidence, "recipient's mailbox is full. AT&T &bogus; &") != NULL);
	CHECK_INT(classify(indented).code, 22);
	/* An escaped bracket is text, not a tag: the address between "&lt;" and "&gt;" is read. */
	r = classify("From: postmaster@example.com\nSubject: Undeliverable\nContent-Type: text/html\n\n"
				 "<p>&lt;kim@example.com&gt;: mailbox is full &amp;lt;</p>\n");
	CHECK_INT(r.code, 22);
	CHECK(strstr(r.evidence, "<kim@example.com>: mailbox is full &lt;") != NULL);
	/*
	 * An HTML reply's <blockquote> (Gmail's, Apple Mail's quote of the mail it
	 * answers) is quoted text: the newsletter's "from 420 EUR" is no reply
	 * code, its "Unsubscribe" no request; what follows the quote is the
	 * person's again.
	 */
	CHECK_INT(classify("From: Ann <ann@example.org>\nSubject: Re: Autumn offers\nContent-Type: text/html\n\n"
					   "<div>Is the transfer included?</div><div class=\"gmail_quote\">On Tue, News wrote:<br></div>"
					   "<BLOCKQUOTE class=\"gmail_quote\" style=\"margin:0\">5 nights from 420 EUR per person.<br>"
					   "<blockquote>Older news</blockquote><a href=\"https://example.com/u\">Unsubscribe</a>"
					   "</blockquote>\n").code, 0);
	CHECK_INT(classify("From: Ann <ann@example.org>\nSubject: Re: Autumn offers\nContent-Type: text/html\n\n"
					   "<blockquote type=\"cite\">5 nights from 420 EUR per person.</blockquote><div>Please remove me "
					   "from your list.</div>\n").code, 90);
	/* Gmail's indentation is a <blockquote> too, and no quote; nor is a mail system's. */
	CHECK_INT(classify("From: Ann <ann@example.org>\nSubject: Re: Autumn offers\nContent-Type: text/html\n\n"
					   "<blockquote style=\"margin:0 0 0 40px;border:none\">Indented:<blockquote type=\"cite\">Unsubscribe"
					   "</blockquote>Please remove me from your list.</blockquote>\n").code, 90);
	CHECK_INT(classify("From: Ann <ann@example.org>\nSubject: Re: Autumn offers\nContent-Type: text/html\n\n"
					   "Thanks!<blockquote class=\"gmail_quote\">News<blockquote style=\"margin:0\">x</blockquote>"
					   "Please remove me from your list.</blockquote>\n").code, 0);
	CHECK_INT(classify("From: MAILER-DAEMON@example.org\nSubject: Undeliverable\nContent-Type: text/html\n\n"
					   "<p>Delivery to a@example.com failed:</p><blockquote>550 5.1.1 User unknown</blockquote>\n").code, 10);
	/* A currency is a word of its own: "550 euro.example.com" names a host after a real code. */
	CHECK_INT(classify("550 euro.example.com: user unknown").smtp_reply, 550);
	r = classify(sv_qp);
	CHECK_INT(r.code, 60);
	CHECK(fuzz_clean_utf8(r.evidence));
	CHECK(strstr(r.evidence, "semester") != NULL);
	CHECK_INT(classify(sv_8bit).code, 60);
	CHECK_INT(classify(de).code, 60);
	CHECK_INT(classify(subject_only).code, 60);
	CHECK_INT(classify(subject_folded).code, 60);
	r = classify(jp);
	CHECK_INT(r.code, 10);
	CHECK(fuzz_clean_utf8(r.evidence));
	CHECK_INT(classify(utf16).code, 10);
	CHECK_INT(classify(unknown).code, 22);
	/*
	 * A saved message that starts with a line of blanks and an mbox "From "
	 * line: its header block is still read, so the base64 body is decoded.
	 */
	CHECK_INT(classify("   \n\nFrom MAILER-DAEMON Mon Jan  1 00:00:00 2024\n"
					   "From: postmaster@example.com\nSubject: failure\n"
					   "Content-Transfer-Encoding: base64\n\nTWFpbGJveCBpcyBmdWxsOiBxdW90YSBleGNlZWRlZAo=\n").code, 22);
	/* In a MIME part an empty first line means no header fields: the line after it is body. */
	CHECK_INT(classify("From: postmaster@example.com\nSubject: failure\nMIME-Version: 1.0\n"
					   "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\n\n"
					   "Content-Transfer-Encoding: base64\n\n552 5.2.2 Mailbox full\n--b--\n").code, 22);
	/*
	 * A multipart body stored without its header block: its parts are still
	 * decoded (the quoted-printable soft break inside "Domino Directory") and
	 * its returned original still skipped ("mailbox is full" there is no reason).
	 */
	CHECK_INT(classify("This is a multipart message in MIME format.\n--=_mixed 00EE_=\nContent-Type: text/plain\n"
					   "Content-Transfer-Encoding: quoted-printable\n\nUser kim (kim@example.com) not listed in Domino Di=\n"
					   "rectory\n--=_mixed 00EE_=\nContent-Type: message/rfc822\n\nSubject: mailbox is full\n\n"
					   "Your mailbox is full.\n--=_mixed 00EE_=--\n").code, 10);
	/* Further down, such lines are a returned original's in a plain-text bounce: not the bounce's parts. */
	CHECK_INT(classify("From: MAILER-DAEMON@example.net\nSubject: Mail delivery failed\n\nThe following address failed:\n\n"
					   "  kim@example.com\n    mailbox is full\n\n------ This is a copy of the message ------\n\n"
					   "From: news@example.org\nContent-Type: multipart/alternative; boundary=\"n\"\n\nx\n\n--n\n"
					   "Content-Type: text/plain\n\nAccess denied to your account\n--n--\n").code, 22);
}

/* Long input: a header of many encoded words and a large converted body, in linear time. */
static void
test_large(void)
{
	static const char head[] =
		"From: MAILER-DAEMON@example.net\nMIME-Version: 1.0\nSubject: ";
	static const char word[] = "=?ISO-8859-1?Q?Fr=E5nvaromeddelande_?= ";
	static const char middle[] =
		"\nContent-Type: text/plain; charset=utf-16le\nContent-Transfer-Encoding: base64\n\n";
	size_t		words = 20000,
				units = 300000;
	size_t		size = sizeof(head) + words * (sizeof(word) - 1) + sizeof(middle) + units * 4 / 3 + 8;
	char	   *msg = malloc(size);
	size_t		n = 0,
				i;
	bounce_result r;

	CHECK(msg != NULL);
	if (msg == NULL)
		return;
	memcpy(msg, head, sizeof(head) - 1);
	n = sizeof(head) - 1;
	for (i = 0; i < words; i++)
	{
		memcpy(msg + n, word, sizeof(word) - 1);
		n += sizeof(word) - 1;
	}
	memcpy(msg + n, middle, sizeof(middle) - 1);
	n += sizeof(middle) - 1;
	/* "a\0b\0c\0" repeated, base64: "YQBiAGMA". */
	for (i = 0; i < units / 6; i++)
	{
		memcpy(msg + n, "YQBiAGMA", 8);
		n += 8;
	}
	msg[n++] = '\n';
	bounce_classify(msg, n, NULL, &r);
	CHECK_INT(r.code, 60);		/* the Subject, read across its pieces */
	CHECK(fuzz_clean_utf8(r.evidence));
	free(msg);
}

int
main(void)
{
	CHECK_INT(bounce_classifier_init(malloc, free), 0);
	test_lookup();
	test_families();
	test_utf16();
	test_straddle();
	test_broken();
	test_unknown();
	test_encoded_words();
	test_messages();
	test_large();
	return unit_finish("decode");
}
