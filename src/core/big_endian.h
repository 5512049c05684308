/*
 * big_endian.h — the byte order of the aggregates' serialized states:
 * unsigned integers of 1 to 8 bytes, most significant byte first, so that a
 * state written on one machine reads the same on any other.
 */
#ifndef BOUNCE_BIG_ENDIAN_H
#define BOUNCE_BIG_ENDIAN_H

#include <stdint.h>

/* Big-endian writer of an unsigned integer of 1 to 8 bytes; returns the position after it. */
static inline unsigned char *
put_uint(unsigned char *p, uint64_t v, int bytes)
{
	int			i;

	for (i = bytes - 1; i >= 0; i--)
	{
		p[i] = (unsigned char) (v & 0xFF);
		v >>= 8;
	}
	return p + bytes;
}

/* Big-endian reader of an unsigned integer of 1 to 8 bytes. */
static inline uint64_t
get_uint(const unsigned char *p, int bytes)
{
	uint64_t	v = 0;
	int			i;

	for (i = 0; i < bytes; i++)
		v = (v << 8) | p[i];
	return v;
}

#endif							/* BOUNCE_BIG_ENDIAN_H */
