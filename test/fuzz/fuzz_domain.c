/*
 * fuzz_domain.c — libFuzzer target: the domain normaliser and Punycode.
 * Properties: an accepted domain is lower-case ASCII letters, digits, '-' and
 * '.', at most 253 bytes, of labels of 1 to 63 bytes, and normalising it again
 * gives itself; every xn-- label of it decodes and encodes back to itself; an
 * address's domain is the normalised text after its last '@'; Punycode that
 * decodes encodes back to the same code points.
 */
#include "fuzz.h"

#include "core/domain.h"
#include "core/punycode.h"

/* Check an accepted domain's shape, idempotence and A-labels. */
static void
check_domain(const char *d, int n)
{
	char		again[BOUNCE_DOMAIN_MAX + 1];
	int			i,
				start = 0;

	PROPERTY(n > 0 && n <= BOUNCE_DOMAIN_MAX && (int) strlen(d) == n);
	for (i = 0; i <= n; i++)
	{
		if (i == n || d[i] == '.')
		{
			int			len = i - start;

			PROPERTY(len >= 1 && len <= 63);
			if (len > 4 && memcmp(d + start, "xn--", 4) == 0)
			{
				uint32_t	points[PUNYCODE_MAX_POINTS];
				char		back[64];
				int			m = punycode_decode(d + start + 4, (size_t) len - 4, points);

				PROPERTY(m > 0);
				PROPERTY(punycode_encode(points, (size_t) m, back, sizeof(back)) == len - 4);
				PROPERTY(memcmp(back, d + start + 4, (size_t) len - 4) == 0);
			}
			start = i + 1;
			continue;
		}
		PROPERTY((d[i] >= 'a' && d[i] <= 'z') || (d[i] >= '0' && d[i] <= '9') || d[i] == '-');
	}
	PROPERTY(bounce_domain_normalize(d, (size_t) n, again) == n && memcmp(again, d, (size_t) n) == 0);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *s = (const char *) data;
	char		out[BOUNCE_DOMAIN_MAX + 1];
	int			n;
	uint32_t	points[PUNYCODE_MAX_POINTS];
	int			m;

	n = bounce_domain_normalize(s, size, out);
	if (n >= 0)
		check_domain(out, n);
	n = bounce_domain_of_address(s, size, out);
	if (n >= 0)
	{
		const char *at = NULL;
		char		direct[BOUNCE_DOMAIN_MAX + 1];
		size_t		i,
					end = size;

		check_domain(out, n);
		for (i = 0; i < size; i++)
			if (s[i] == '@')
				at = s + i;
		PROPERTY(at != NULL);
		/* The domain is what follows the last '@', less the blanks and '>' an address may end with. */
		while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r' || s[end - 1] == '\n'))
			end--;
		if (end > 0 && s[end - 1] == '>')
			end--;
		PROPERTY(bounce_domain_normalize(at + 1, (size_t) (s + end - (at + 1)), direct) == n &&
				 memcmp(direct, out, (size_t) n) == 0);
	}
	m = punycode_decode(s, size, points);
	if (m > 0)
	{
		char		back[256];
		uint32_t	again[PUNYCODE_MAX_POINTS];
		int			len = punycode_encode(points, (size_t) m, back, sizeof(back));

		PROPERTY(len > 0);
		PROPERTY(punycode_decode(back, (size_t) len, again) == m);
		PROPERTY(memcmp(again, points, (size_t) m * sizeof(uint32_t)) == 0);
	}
	return 0;
}
