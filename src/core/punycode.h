/*
 * punycode.h — RFC 3492 Punycode: a label's Unicode code points to the ASCII
 * that follows "xn--" in an IDNA A-label, and back.  Pure C, bounded: labels
 * are at most PUNYCODE_MAX_POINTS code points and 63 bytes of output, as DNS
 * allows.
 */
#ifndef BOUNCE_PUNYCODE_H
#define BOUNCE_PUNYCODE_H

#include <stddef.h>
#include <stdint.h>

/* A DNS label holds 63 bytes; an encoded label never has more code points. */
#define PUNYCODE_MAX_POINTS 63

/*
 * Encode n code points into out (capacity outcap bytes, no NUL written).
 * Returns the number of bytes written, or -1 when the result does not fit or
 * the arithmetic would overflow.
 */
extern int	punycode_encode(const uint32_t *points, size_t n, char *out, size_t outcap);

/*
 * Decode len bytes of Punycode (the part after "xn--") into points (capacity
 * PUNYCODE_MAX_POINTS).  Returns the number of code points, or -1 when the
 * input is not valid Punycode (bad digit, overflow, a code point beyond
 * U+10FFFF or a surrogate, too many code points).
 */
extern int	punycode_decode(const char *in, size_t len, uint32_t *points);

#endif
