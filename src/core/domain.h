/*
 * domain.h — the domain of an e-mail address, in one canonical form: lower
 * case, internationalised labels as IDNA A-labels ("xn--..."), so that a
 * Unicode domain and its xn-- form are the same value.
 *
 * What is done (a documented subset of UTS #46 processing; docs/domains.md):
 *   - the dots U+3002, U+FF0E, U+FF61 are label separators, as '.';
 *   - a mapping to lower case of ASCII, Latin-1, Latin Extended-A, Greek and
 *     Cyrillic capitals, and of the full-width ASCII letters, digits and
 *     hyphen (U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A, U+FF0D);
 *   - xn-- labels are decoded (RFC 3492), mapped the same way, and encoded
 *     again, so that an upper-case or non-canonical A-label converges;
 *   - rejected: invalid UTF-8, controls, spaces, ASCII punctuation but '-',
 *     a label that is empty, longer than 63 bytes encoded, starts or ends
 *     with '-', or has "--" in positions 3-4 without being an A-label; a
 *     Unicode label with a code point of the general punctuation and symbol
 *     blocks, private use, or noncharacters; a name longer than 253 bytes,
 *     with fewer than two labels, or with an all-digit last label.
 * Not done: Unicode normalisation (NFC) and the full UTS #46 mapping table;
 * a decomposed é and a precomposed é give different domains.
 *
 * Pure C, linear time, no allocation.
 */
#ifndef BOUNCE_DOMAIN_H
#define BOUNCE_DOMAIN_H

#include <stddef.h>

/* The longest domain name in its A-label form (RFC 1035 less the root). */
#define BOUNCE_DOMAIN_MAX 253

/*
 * Normalise the domain name text[0..len) (UTF-8) into out (at least
 * BOUNCE_DOMAIN_MAX + 1 bytes, NUL-terminated).  One trailing dot is allowed.
 * Returns the length written, or -1 when the text is no valid domain name.
 */
extern int	bounce_domain_normalize(const char *text, size_t len, char *out);

/*
 * The normalised domain of the address text[0..len): blanks and one pair of
 * angle brackets around it are allowed; the domain follows the last '@'; the
 * local part must be non-empty and without blanks or controls (but inside a
 * quoted local part).  Returns the length, or -1 when it is no address.
 */
extern int	bounce_domain_of_address(const char *text, size_t len, char *out);

#endif
