/*
 * encoded_words.c — RFC 2047 encoded words to UTF-8 (see encoded_words.h).
 */
#include "encoded_words.h"

#include <string.h>

#include "ascii.h"
#include "transfer_encoding.h"

#define CHARSET_NAME_MAX 64		/* a longer name is no encoded word */

/* One parsed encoded word. */
typedef struct encoded_word
{
	size_t		length;			/* of the whole "=?...?=" */
	const char *charset;
	size_t		charset_len;
	char		encoding;		/* 'b' or 'q' */
	const char *text;
	size_t		text_len;
} encoded_word;

int
encoded_words_present(const char *in, size_t len)
{
	const char *p = in;
	const char *end = in + len;

	while (p + 1 < end && (p = memchr(p, '=', (size_t) (end - p - 1))) != NULL)
	{
		if (p[1] == '?')
			return 1;
		p++;
	}
	return 0;
}

/*
 * Parse the encoded word at s ("=?" already seen); 0 when it is none.  Its
 * text ends at the first "?": an encoded word holds no other.  The scan stops
 * at a "?" or after ENCODED_WORD_MAX bytes, so failed attempts stay linear.
 */
static int
parse_word(const char *s, size_t len, encoded_word *w)
{
	size_t		i = 2,
				start;

	while (i < len && s[i] != '?')
	{
		unsigned char c = (unsigned char) s[i];

		if (c <= ' ' || c >= 0x7f || i - 2 >= CHARSET_NAME_MAX)
			return 0;
		i++;
	}
	if (i == 2 || i + 4 >= len)
		return 0;
	w->charset = s + 2;
	w->charset_len = i - 2;
	w->encoding = (char) ascii_lower((unsigned char) s[i + 1]);
	if ((w->encoding != 'b' && w->encoding != 'q') || s[i + 2] != '?')
		return 0;
	start = i + 3;
	for (i = start; i < len && i - start <= ENCODED_WORD_MAX; i++)
	{
		if (s[i] == '?')
		{
			if (i + 1 >= len || s[i + 1] != '=')
				return 0;
			w->text = s + start;
			w->text_len = i - start;
			w->length = i + 2;
			return 1;
		}
	}
	return 0;
}

/* Q (RFC 2047 4.2): "_" is a space, "=XX" a byte; a stray fold is dropped. */
static void
decode_q(charset_converter *cv, const char *t, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) t[i];

		if (c == '_')
			charset_put(cv, ' ');
		else if (c == '=' && i + 2 < n && hex_digit((unsigned char) t[i + 1]) >= 0 &&
				 hex_digit((unsigned char) t[i + 2]) >= 0)
		{
			charset_put(cv, (unsigned char) (hex_digit((unsigned char) t[i + 1]) * 16 +
											 hex_digit((unsigned char) t[i + 2])));
			i += 2;
		}
		else if (c != '\r' && c != '\n')
			charset_put(cv, c);
	}
}

/* B (RFC 2047 4.1): base64; other characters are skipped, padding optional. */
static void
decode_b(charset_converter *cv, const char *t, size_t n)
{
	base64_state st = {0, 0};
	size_t		i;
	unsigned char byte;

	for (i = 0; i < n; i++)
	{
		int			v = base64_digit((unsigned char) t[i]);

		if (v >= 0 && base64_take(&st, v, &byte))
			charset_put(cv, byte);
	}
}

/* Are s[0..n) only blanks and line breaks (what may separate two encoded words)? */
static int
only_space(const char *s, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* Copy plain text, unfolded (CR and LF removed). */
static void
emit_plain(const char *s, size_t n, charset_sink sink, void *arg)
{
	size_t		from = 0,
				i;

	for (i = 0; i < n; i++)
	{
		if (s[i] == '\r' || s[i] == '\n')
		{
			if (i > from)
				sink(arg, s + from, i - from);
			from = i + 1;
		}
	}
	if (n > from)
		sink(arg, s + from, n - from);
}

void
encoded_words_decode(const char *in, size_t len, charset_sink sink, void *arg)
{
	charset_converter cv;
	int			run = -1;		/* the charset of the open run of adjacent words */
	size_t		i = 0,
				plain = 0;		/* in[plain..i) is text not yet copied */
	const char *eq;

	while (i + 1 < len && (eq = memchr(in + i, '=', len - i - 1)) != NULL)
	{
		encoded_word w;
		int			id;

		i = (size_t) (eq - in);
		if (in[i + 1] != '?' || !parse_word(in + i, len - i, &w))
		{
			i++;
			continue;
		}
		id = charset_lookup(w.charset, w.charset_len);
		if (run >= 0 && only_space(in + plain, i - plain))
		{
			/* Adjacent words: the space between them goes. */
			if (run != id)
			{
				charset_end(&cv);
				run = -1;
			}
		}
		else
		{
			if (run >= 0)
				charset_end(&cv);
			run = -1;
			emit_plain(in + plain, i - plain, sink, arg);
		}
		if (run < 0)
		{
			charset_begin(&cv, id, sink, arg);
			run = id;
		}
		if (w.encoding == 'b')
			decode_b(&cv, w.text, w.text_len);
		else
			decode_q(&cv, w.text, w.text_len);
		i += w.length;
		plain = i;
	}
	if (run >= 0)
		charset_end(&cv);
	emit_plain(in + plain, len - plain, sink, arg);
}

/* A bounded output buffer for encoded_words_to_buffer. */
typedef struct buffer_sink
{
	char	   *out;
	size_t		size;
	size_t		len;
} buffer_sink;

/* Append what fits. */
static void
append(void *arg, const char *bytes, size_t n)
{
	buffer_sink *b = arg;
	size_t		room = b->size - 1 - b->len;

	if (n > room)
		n = room;
	memcpy(b->out + b->len, bytes, n);
	b->len += n;
}

size_t
encoded_words_to_buffer(const char *in, size_t len, char *out, size_t size)
{
	buffer_sink b;

	if (size == 0)
		return 0;
	b.out = out;
	b.size = size;
	b.len = 0;
	encoded_words_decode(in, len, append, &b);
	out[b.len] = '\0';
	return b.len;
}
