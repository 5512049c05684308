/*
 * charset.h — converting text in a MIME charset to UTF-8, in a stream.
 *
 * Bytes arrive in any pieces (after the transfer decoding); a multi-byte
 * sequence or an escape sequence may straddle two pieces, and stateful
 * encodings (ISO-2022-JP, UTF-16) are converted before the text is cut into
 * lines.  The conversion is glibc's iconv, with one descriptor per charset
 * opened on first use and kept for the life of the process in a small static
 * table; a converter borrows it and resets its shift state.  Nothing is
 * allocated per call, and the work is linear in the input.  The table is
 * process-wide and unlocked (a PostgreSQL backend is one thread), and one
 * charset serves one stream at a time: end a stream before starting another
 * in the same charset.
 *
 * It fails soft: an unknown charset name passes the bytes through unchanged,
 * an invalid or truncated sequence becomes U+FFFD, and the text goes on.
 * US-ASCII and UTF-8 (and a part with no charset) need no conversion at all:
 * charset_lookup says so, and the caller skips the converter.
 */
#ifndef BOUNCE_CHARSET_H
#define BOUNCE_CHARSET_H

#include <stddef.h>

/* charset_lookup's answer for US-ASCII, UTF-8 and unknown names: no conversion. */
#define CHARSET_PASS 0

/* Bytes a converter collects before converting them in one call. */
#define CHARSET_HOLD 256

/* Where converted UTF-8 goes, one piece at a time. */
typedef void (*charset_sink) (void *arg, const char *utf8, size_t len);

/* One stream being converted; lives on the caller's stack. */
typedef struct charset_converter
{
	int			id;				/* the charset, from charset_lookup */
	int			slot;			/* the descriptor in use; -1 until the first conversion */
	size_t		held;			/* bytes in in[] not yet converted */
	charset_sink sink;
	void	   *arg;
	char		in[CHARSET_HOLD];
} charset_converter;

/*
 * The charset a MIME name means (case-insensitive, quotes and an RFC 2231
 * "*language" suffix ignored, common aliases: latin1, cp1252, x-sjis,
 * ks_c_5601-1987, gb2312, utf8, ...); CHARSET_PASS when the bytes need no
 * conversion or the name is unknown.
 */
extern int	charset_lookup(const char *name, size_t len);

/* The iconv name a charset converts from ("" for CHARSET_PASS). */
extern const char *charset_iconv_name(int id);

/* Start converting a stream in charset id (not CHARSET_PASS) to sink. */
extern void charset_begin(charset_converter *cv, int id, charset_sink sink, void *arg);

/* Convert what is held, keeping an incomplete sequence at the end for later. */
extern void charset_convert(charset_converter *cv);

/* Feed one byte. */
static inline void
charset_put(charset_converter *cv, unsigned char c)
{
	cv->in[cv->held++] = (char) c;
	if (cv->held == CHARSET_HOLD)
		charset_convert(cv);
}

/* Feed len bytes. */
extern void charset_write(charset_converter *cv, const char *bytes, size_t len);

/* End the stream: convert the rest (a truncated sequence becomes U+FFFD). */
extern void charset_end(charset_converter *cv);

#endif
