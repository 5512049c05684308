/*
 * domain.c — address to domain, and a domain name to its canonical A-label
 * form (see domain.h for what is mapped and what is refused, and why).
 *
 * The A-label (ASCII) form is the one kept because it is what DNS, MTAs and
 * MX records use, it joins with any table of host names, and it can be stored
 * in a database of any encoding.
 */
#include "domain.h"

#include <stdint.h>
#include <string.h>

#include "punycode.h"

#define LABEL_MAX 63

/* Is cp one of the four label separators of IDNA (UTS #46 section 2.3)? */
static int
is_label_separator(uint32_t cp)
{
	return cp == '.' || cp == 0x3002 || cp == 0xFF0E || cp == 0xFF61;
}

/* Lower case of a Latin Extended-A capital (U+0100-U+017F), or cp itself. */
static uint32_t
latin_extended_a_lower(uint32_t cp)
{
	/* Capitals are the even code points of these runs... */
	if ((cp >= 0x100 && cp <= 0x12F) || (cp >= 0x132 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
		return (cp % 2 == 0) ? cp + 1 : cp;
	/* ...and the odd ones of these. */
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return (cp % 2 == 1) ? cp + 1 : cp;
	if (cp == 0x178)
		return 0xFF;			/* Y with diaeresis */
	if (cp == 0x17F)
		return 's';				/* long s, as UTS #46 maps it */
	return cp;
}

/* Lower case of a Greek capital (U+0386-U+03A9), or cp itself. */
static uint32_t
greek_lower(uint32_t cp)
{
	if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
		return cp + 0x20;
	if (cp == 0x386)
		return 0x3AC;
	if (cp >= 0x388 && cp <= 0x38A)
		return cp + 0x25;
	if (cp == 0x38C)
		return 0x3CC;
	if (cp == 0x38E || cp == 0x38F)
		return cp + 0x3F;
	return cp;
}

/*
 * The code point a label keeps for cp: lower case for the scripts domain.h
 * names, the full-width ASCII forms as ASCII; 0 for a code point no label may
 * hold.
 */
static uint32_t
map_code_point(uint32_t cp)
{
	if (cp < 0x80)
	{
		if (cp >= 'A' && cp <= 'Z')
			return cp + 32;
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '-')
			return cp;
		return 0;
	}
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return 0;				/* C1 controls, Latin-1 spaces, symbols and punctuation */
	if (cp <= 0xDE)
		return cp + 0x20;
	if (cp <= 0xFF)
		return cp;
	if (cp <= 0x17F)
		return (cp == 0x130 || cp == 0x149) ? 0 : latin_extended_a_lower(cp);	/* both map to two code points */
	if (cp >= 0x386 && cp <= 0x3A9)
		return greek_lower(cp);
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 0x50;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 0x20;
	if (cp >= 0x2000 && cp <= 0x2BFF)
		return 0;				/* general punctuation, symbols, arrows, shapes, dingbats */
	if (cp >= 0x3000 && cp <= 0x303F && !(cp >= 0x3005 && cp <= 0x3007))
		return 0;				/* CJK punctuation (but the iteration marks and ideographic zero) */
	if ((cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
		(cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || (cp & 0xFFFE) == 0xFFFE || cp >= 0xF0000)
		return 0;				/* private use, noncharacters, variation selectors, BOM */
	if (cp >= 0xFF21 && cp <= 0xFF3A)
		return 'a' + (cp - 0xFF21);
	if (cp >= 0xFF41 && cp <= 0xFF5A)
		return 'a' + (cp - 0xFF41);
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return '0' + (cp - 0xFF10);
	if (cp == 0xFF0D)
		return '-';
	if (cp >= 0xFF00 && cp <= 0xFFEF)
		return 0;				/* other full-width and half-width forms: not mapped here */
	return cp;
}

/* Is cp a combining diacritical mark, which cannot begin a label? */
static int
is_combining_mark(uint32_t cp)
{
	return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
		(cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

/*
 * Decode one UTF-8 sequence at s[0..len) (len >= 1) into *cp; returns its
 * length, or 0 for an invalid, overlong or surrogate sequence.
 */
static size_t
utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t		n,
				i;
	uint32_t	v;

	if (s[0] < 0x80)
	{
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, v = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, v = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, v = s[0] & 0x07;
	else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++)
	{
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

/*
 * Check the mapped code points of a label as IDNA would (UTS #46 4.1
 * CheckHyphens, a leading combining mark) and say whether any is non-ASCII.
 * Returns -1 when the label is invalid, else 1 when it holds non-ASCII, 0 when not.
 */
static int
check_label(const uint32_t *points, size_t n)
{
	size_t		i;
	int			wide = 0;

	if (n == 0 || points[0] == '-' || points[n - 1] == '-' || is_combining_mark(points[0]))
		return -1;
	for (i = 0; i < n; i++)
	{
		if (points[i] == 0)
			return -1;
		if (points[i] >= 0x80)
			wide = 1;
	}
	return wide;
}

/* Append the A-label "xn--" + Punycode of points to out at *o; 0 on success, -1 when too long. */
static int
append_a_label(const uint32_t *points, size_t n, char *out, size_t *o)
{
	char		buf[LABEL_MAX];
	int			len;

	memcpy(buf, "xn--", 4);
	len = punycode_encode(points, n, buf + 4, sizeof(buf) - 4);
	if (len < 0 || *o + 4 + (size_t) len > BOUNCE_DOMAIN_MAX)
		return -1;
	memcpy(out + *o, buf, 4 + (size_t) len);
	*o += 4 + (size_t) len;
	return 0;
}

/*
 * Append one label, given as mapped code points, to out at *o in canonical
 * form: ASCII as it is, an xn-- label decoded, mapped and encoded again, a
 * Unicode label encoded.  Returns 0, or -1 when the label is invalid.
 */
static int
append_label(const uint32_t *points, size_t n, char *out, size_t *o)
{
	int			wide = check_label(points, n);
	size_t		i;

	if (wide < 0)
		return -1;
	if (wide)
	{
		if (n >= 4 && points[2] == '-' && points[3] == '-')
			return -1;
		return append_a_label(points, n, out, o);
	}
	if (n > LABEL_MAX)
		return -1;
	if (n >= 4 && points[2] == '-' && points[3] == '-')
	{
		char		ascii[LABEL_MAX];
		uint32_t	decoded[PUNYCODE_MAX_POINTS];
		int			m;

		/* Only an A-label may have "--" in positions 3 and 4 (RFC 5891 4.2.3.1). */
		if (points[0] != 'x' || points[1] != 'n')
			return -1;
		for (i = 4; i < n; i++)
			ascii[i - 4] = (char) points[i];
		m = punycode_decode(ascii, n - 4, decoded);
		if (m <= 0)
			return -1;
		for (i = 0; i < (size_t) m; i++)
			decoded[i] = map_code_point(decoded[i]);
		/* An A-label must stand for a valid label with something beyond ASCII. */
		if (check_label(decoded, (size_t) m) != 1 ||
			(m >= 4 && decoded[2] == '-' && decoded[3] == '-'))
			return -1;
		return append_a_label(decoded, (size_t) m, out, o);
	}
	if (*o + n > BOUNCE_DOMAIN_MAX)
		return -1;
	for (i = 0; i < n; i++)
		out[(*o)++] = (char) points[i];
	return 0;
}

int
bounce_domain_normalize(const char *text, size_t len, char *out)
{
	const unsigned char *s = (const unsigned char *) text;
	uint32_t	label[LABEL_MAX + 1];
	size_t		n = 0,
				i = 0,
				o = 0,
				last_label = 0;
	int			labels = 0;

	while (i <= len)
	{
		uint32_t	cp = 0;
		size_t		step = 0;
		int			end = (i == len);

		if (!end)
		{
			step = utf8_decode(s + i, len - i, &cp);
			if (step == 0)
				return -1;
		}
		if (end || is_label_separator(cp))
		{
			/* One trailing separator names the root: allowed, not kept. */
			if (n == 0 && end && labels > 0 && o > 0 && out[o - 1] == '.')
			{
				o--;
				break;
			}
			last_label = o;
			if (append_label(label, n, out, &o) < 0)
				return -1;
			labels++;
			n = 0;
			if (end)
				break;
			if (o + 1 > BOUNCE_DOMAIN_MAX)
				return -1;
			out[o++] = '.';
			i += step;
			continue;
		}
		if (n > LABEL_MAX)
			return -1;
		label[n++] = map_code_point(cp);
		i += step;
	}
	if (labels < 2)
		return -1;
	/* A top-level domain is never all digits: that is an IPv4 address. */
	for (i = last_label; i < o && out[i] >= '0' && out[i] <= '9'; i++)
		;
	if (i == o)
		return -1;
	out[o] = '\0';
	return (int) o;
}

/* Blanks allowed around an address. */
static int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Is the local part local[0..len) one an address can have (not empty, no blank, control or special)? */
static int
local_part_valid(const char *local, size_t len)
{
	size_t		i;

	if (len == 0)
		return 0;
	if (len >= 2 && local[0] == '"' && local[len - 1] == '"')
	{
		for (i = 1; i + 1 < len; i++)
			if (local[i] == '\r' || local[i] == '\n' || local[i] == '\0')
				return 0;
		return 1;
	}
	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) local[i];

		if (c <= 0x20 || c == 0x7F || strchr("<>()[]\\,;:\"", c) != NULL)
			return 0;
	}
	return 1;
}

int
bounce_domain_of_address(const char *text, size_t len, char *out)
{
	const char *at = NULL;
	size_t		start = 0,
				i;

	while (start < len && is_blank((unsigned char) text[start]))
		start++;
	while (len > start && is_blank((unsigned char) text[len - 1]))
		len--;
	if (len - start >= 2 && text[start] == '<' && text[len - 1] == '>')
	{
		start++;
		len--;
	}
	for (i = start; i < len; i++)
		if (text[i] == '@')
			at = text + i;
	if (at == NULL || !local_part_valid(text + start, (size_t) (at - text) - start))
		return -1;
	return bounce_domain_normalize(at + 1, (size_t) (text + len - (at + 1)), out);
}
