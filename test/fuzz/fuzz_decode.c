/*
 * fuzz_decode.c — libFuzzer target: the decode stage.  The first byte picks
 * a charset, the second how the bytes are written (one at a time or in
 * pieces); the rest is the text.  It is converted with charset.c, decoded as
 * a header with encoded_words.c, and classified as a message whose text part
 * and Subject are in that charset.
 * Properties: converted text is valid UTF-8 (a pass-through charset gives
 * back its input), its size is bounded by the input's, writing in pieces
 * gives the same text as writing it whole, and the classifier's properties
 * hold for the message.
 */
#include "fuzz.h"

#include "core/charset.h"
#include "core/encoded_words.h"

/* The charsets tried: every family charset.c knows, aliases, and unknown names. */
static const char *const charsets[] = {
	"iso-8859-1", "iso-8859-2", "iso-8859-5", "iso-8859-7", "iso-8859-15", "windows-1250",
	"windows-1251", "windows-1252", "windows-1253", "windows-1255", "windows-1256", "koi8-r",
	"koi8-u", "iso-2022-jp", "shift_jis", "euc-jp", "euc-kr", "ks_c_5601-1987", "gb2312",
	"gb18030", "big5", "utf-16", "utf-16le", "utf-16be", "utf-32", "utf-7", "iso-2022-kr",
	"iso-2022-cn", "utf-8", "us-ascii", "x-unknown", "\"latin1\"",
};

#define N_CHARSETS (sizeof(charsets) / sizeof(charsets[0]))

/* Collected output, with its size. */
typedef struct output
{
	char	   *s;
	size_t		len;
	size_t		size;
} output;

/* charset_sink: append (the buffer is sized for the bound, so overflow is a failed property). */
static void
collect(void *arg, const char *bytes, size_t n)
{
	output	   *o = arg;

	PROPERTY(o->len + n <= o->size);
	memcpy(o->s + o->len, bytes, n);
	o->len += n;
}

/* Is s[0..n) valid UTF-8 (controls and NUL allowed)? */
static int
valid_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		i = 0;

	while (i < n)
	{
		size_t		k = p[i] < 0x80 ? 1 : (p[i] >> 5) == 6 ? 2 : (p[i] >> 4) == 14 ? 3 : (p[i] >> 3) == 30 ? 4 : 0;
		size_t		j;

		if (k == 0 || i + k > n)
			return 0;
		for (j = 1; j < k; j++)
			if ((p[i + j] & 0xC0) != 0x80)
				return 0;
		i += k;
	}
	return 1;
}

/* Convert text from charset id, written in pieces of chunk bytes (0: byte by byte). */
static void
convert(int id, const char *text, size_t len, size_t chunk, output *o)
{
	charset_converter cv;
	size_t		i;

	o->len = 0;
	charset_begin(&cv, id, collect, o);
	if (chunk == 0)
		for (i = 0; i < len; i++)
			charset_put(&cv, (unsigned char) text[i]);
	else
		for (i = 0; i < len; i += chunk)
			charset_write(&cv, text + i, len - i < chunk ? len - i : chunk);
	charset_end(&cv);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *name;
	const char *text;
	size_t		len,
				chunk;
	int			id;
	output		a,
				b;
	char	   *msg;
	size_t		mlen = 0;

	if (size < 2)
		return 0;
	fuzz_init();
	name = charsets[data[0] % N_CHARSETS];
	chunk = data[1] % 8 == 0 ? 0 : (size_t) (data[1] % 8) * (size_t) (1 + data[1] / 8);
	text = (const char *) data + 2;
	len = size - 2;
	id = charset_lookup(name, strlen(name));

	/* The charset: bounded, valid, the same whole or in pieces. */
	a.size = b.size = 4 * len + 8;
	a.s = malloc(a.size);
	b.s = malloc(b.size);
	PROPERTY(a.s != NULL && b.s != NULL);
	convert(id, text, len, len + 1, &a);
	convert(id, text, len, chunk, &b);
	PROPERTY(a.len == b.len && memcmp(a.s, b.s, a.len) == 0);
	if (id == CHARSET_PASS)
		PROPERTY(a.len == len && memcmp(a.s, text, len) == 0);
	else
		PROPERTY(valid_utf8(a.s, a.len));

	/* The header decoder: bounded; the buffer form cuts and terminates. */
	a.len = 0;
	encoded_words_decode(text, len, collect, &a);
	{
		char		small[64];
		size_t		n = encoded_words_to_buffer(text, len, small, sizeof(small));

		PROPERTY(n < sizeof(small) && small[n] == '\0');
		PROPERTY(n == (a.len < sizeof(small) - 1 ? a.len : sizeof(small) - 1));
		PROPERTY(memcmp(small, a.s, n) == 0);
	}
	free(a.s);
	free(b.s);

	/* A message in that charset: its Subject an encoded word of the text, its body the text. */
	msg = malloc(3 * len + 512);
	PROPERTY(msg != NULL);
	mlen += (size_t) sprintf(msg, "From: someone@example.net\r\nMIME-Version: 1.0\r\n"
							 "Content-Type: text/%s; charset=%s\r\nSubject: =?%s?%c?",
							 data[1] & 1 ? "html" : "plain", name, name, data[1] & 2 ? 'B' : 'Q');
	memcpy(msg + mlen, text, len);
	mlen += len;
	mlen += (size_t) sprintf(msg + mlen, "?=\r\n\r\n");
	memcpy(msg + mlen, text, len);
	mlen += len;
	fuzz_classify_checked(msg, mlen);
	free(msg);
	return 0;
}
