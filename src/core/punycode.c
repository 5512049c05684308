/*
 * punycode.c — RFC 3492 Punycode with the IDNA parameters (section 5), written
 * from the RFC's pseudocode (sections 6.1 to 6.3) with its overflow checks.
 */
#include "punycode.h"

#define BASE 36
#define TMIN 1
#define TMAX 26
#define SKEW 38
#define DAMP 700
#define INITIAL_BIAS 72
#define INITIAL_N 128
#define MAX_POINT 0x10FFFF

/* RFC 3492 6.1: the bias adaptation after each delta. */
static uint32_t
adapt(uint32_t delta, uint32_t numpoints, int firsttime)
{
	uint32_t	k = 0;

	delta = firsttime ? delta / DAMP : delta / 2;
	delta += delta / numpoints;
	while (delta > ((BASE - TMIN) * TMAX) / 2)
	{
		delta /= BASE - TMIN;
		k += BASE;
	}
	return k + (BASE - TMIN + 1) * delta / (delta + SKEW);
}

/* The basic code point of digit d (0..35): a-z then 0-9, lower case. */
static char
encode_digit(uint32_t d)
{
	return (char) (d < 26 ? 'a' + d : '0' + (d - 26));
}

/* The value of a digit in either case, or BASE when c is no digit. */
static uint32_t
decode_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return (uint32_t) (c - '0') + 26;
	if (c >= 'a' && c <= 'z')
		return (uint32_t) (c - 'a');
	if (c >= 'A' && c <= 'Z')
		return (uint32_t) (c - 'A');
	return BASE;
}

/* The threshold t of RFC 3492 for position k under bias. */
static uint32_t
threshold(uint32_t k, uint32_t bias)
{
	if (k <= bias)
		return TMIN;
	if (k >= bias + TMAX)
		return TMAX;
	return k - bias;
}

/* RFC 3492 6.3, into a bounded buffer. */
int
punycode_encode(const uint32_t *points, size_t n, char *out, size_t outcap)
{
	uint32_t	cp = INITIAL_N,
				delta = 0,
				bias = INITIAL_BIAS,
				h,
				b;
	size_t		j,
				o = 0;

	if (n > PUNYCODE_MAX_POINTS)
		return -1;
	for (j = 0; j < n; j++)
		if (points[j] < 0x80)
		{
			if (o >= outcap)
				return -1;
			out[o++] = (char) points[j];
		}
	h = b = (uint32_t) o;
	if (b > 0)
	{
		if (o >= outcap)
			return -1;
		out[o++] = '-';
	}
	while (h < n)
	{
		uint32_t	m = UINT32_MAX;

		for (j = 0; j < n; j++)
			if (points[j] >= cp && points[j] < m)
				m = points[j];
		if (m - cp > (UINT32_MAX - delta) / (h + 1))
			return -1;
		delta += (m - cp) * (h + 1);
		cp = m;
		for (j = 0; j < n; j++)
		{
			if (points[j] < cp && ++delta == 0)
				return -1;
			if (points[j] == cp)
			{
				uint32_t	q = delta,
							k;

				for (k = BASE;; k += BASE)
				{
					uint32_t	t = threshold(k, bias);

					if (q < t)
						break;
					if (o >= outcap)
						return -1;
					out[o++] = encode_digit(t + (q - t) % (BASE - t));
					q = (q - t) / (BASE - t);
				}
				if (o >= outcap)
					return -1;
				out[o++] = encode_digit(q);
				bias = adapt(delta, h + 1, h == b);
				delta = 0;
				h++;
			}
		}
		delta++;
		cp++;
	}
	return (int) o;
}

/* RFC 3492 6.2, into a bounded buffer; code points are checked for Unicode range. */
int
punycode_decode(const char *in, size_t len, uint32_t *points)
{
	uint32_t	cp = INITIAL_N,
				i = 0,
				bias = INITIAL_BIAS,
				out = 0;
	size_t		b = 0,
				j,
				pos;

	for (j = 0; j < len; j++)
		if (in[j] == '-')
			b = j;
	for (j = 0; j < b; j++)
	{
		unsigned char c = (unsigned char) in[j];

		if (c >= 0x80 || out >= PUNYCODE_MAX_POINTS)
			return -1;
		points[out++] = c;
	}
	pos = b > 0 ? b + 1 : 0;
	while (pos < len)
	{
		uint32_t	oldi = i,
					w = 1,
					k;

		for (k = BASE;; k += BASE)
		{
			uint32_t	digit,
						t;

			if (pos >= len)
				return -1;
			digit = decode_digit((unsigned char) in[pos++]);
			if (digit >= BASE || digit > (UINT32_MAX - i) / w)
				return -1;
			i += digit * w;
			t = threshold(k, bias);
			if (digit < t)
				break;
			if (w > UINT32_MAX / (BASE - t))
				return -1;
			w *= BASE - t;
		}
		if (out >= PUNYCODE_MAX_POINTS)
			return -1;
		bias = adapt(i - oldi, out + 1, oldi == 0);
		if (i / (out + 1) > MAX_POINT - cp)
			return -1;
		cp += i / (out + 1);
		i %= out + 1;
		if (cp < 0x80 || (cp >= 0xD800 && cp <= 0xDFFF))
			return -1;
		for (j = out; j > i; j--)
			points[j] = points[j - 1];
		points[i++] = cp;
		out++;
	}
	return (int) out;
}
