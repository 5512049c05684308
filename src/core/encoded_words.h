/*
 * encoded_words.h — RFC 2047 encoded words in header fields
 * ("=?charset?B?...?=", "=?charset?Q?...?="), decoded to UTF-8 before the
 * scanner reads the field: "Subject: =?UTF-8?B?RnLDpW52YXJvbWVkZGVsYW5kZQ==?="
 * reads "Subject: Frånvaromeddelande".
 *
 * Whitespace between two adjacent encoded words (folding included) is
 * dropped, and the bytes of adjacent words in one charset are converted as one
 * stream, so a character split between two words survives.  The field is
 * unfolded: CR and LF are removed.  Everything else is copied as it is.
 *
 * It fails soft: a malformed word is copied as plain text, an unknown charset
 * passes its decoded bytes through, invalid bytes become U+FFFD.  Linear time,
 * fixed buffers on the stack, nothing allocated.
 */
#ifndef BOUNCE_ENCODED_WORDS_H
#define BOUNCE_ENCODED_WORDS_H

#include <stddef.h>

#include "charset.h"

/* The longest encoded word read as one (RFC 2047 says 75; mailers write longer). */
#define ENCODED_WORD_MAX 1024

/* Could in[0..len) hold an encoded word (does "=?" occur)? */
extern int	encoded_words_present(const char *in, size_t len);

/* Decode a header field's text in[0..len) to UTF-8, in pieces, to sink. */
extern void encoded_words_decode(const char *in, size_t len, charset_sink sink, void *arg);

/*
 * The same into out[0..size): at most size - 1 bytes (the rest is cut) and a
 * NUL; returns the length written.
 */
extern size_t encoded_words_to_buffer(const char *in, size_t len, char *out, size_t size);

#endif
