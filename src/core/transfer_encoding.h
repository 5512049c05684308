/*
 * transfer_encoding.h — the digits of the MIME transfer encodings (RFC 2045),
 * shared by the body decoder (message.c) and the header encoded words
 * (encoded_words.c).
 */
#ifndef BOUNCE_TRANSFER_ENCODING_H
#define BOUNCE_TRANSFER_ENCODING_H

/* The value of a hexadecimal digit, or -1. */
static inline int
hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The value of a base64 digit, or -1 (padding "=" included). */
static inline int
base64_digit(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* A base64 decoder's state: the bits read and not yet given out as a byte. */
typedef struct base64_state
{
	unsigned int acc;
	int			bits;
} base64_state;

/* Take one base64 digit value (0..63); returns 1 and sets *out when a byte is complete. */
static inline int
base64_take(base64_state *st, int v, unsigned char *out)
{
	st->acc = (st->acc << 6) | (unsigned int) v;
	st->bits += 6;
	if (st->bits < 8)
		return 0;
	st->bits -= 8;
	*out = (unsigned char) ((st->acc >> st->bits) & 0xFF);
	return 1;
}

#endif
