/*
 * fold.h — how text is folded before phrases are matched, one byte at a
 * time: ASCII letters to lower case, Latin letters with diacritics
 * (U+00C0..U+017F) to their base letter, whitespace, control bytes and '_' to
 * a space, any other non-ASCII byte to FOLD_OTHER (in no pattern).  Patterns
 * are folded the same way (fold_pattern), so they meet the text halfway.
 */
#ifndef BOUNCE_FOLD_H
#define BOUNCE_FOLD_H

#include <stddef.h>

/* The byte every other non-ASCII byte folds to: in no pattern, a separator. */
#define FOLD_OTHER 0x80

/* Byte to folded byte (after fold_init). */
extern unsigned char fold_table[256];

/* An ASCII letter or digit to its folded byte, any other byte to 0 (after fold_init). */
extern unsigned char fold_ascii_word[256];

/* The base letters of U+00C0..U+017F, 64 per UTF-8 lead byte C3, C4, C5. */
extern const char fold_latin[192 + 1];

/* Build fold_table (idempotent; the classifier's init calls it). */
extern void fold_init(void);

/* Fold a NUL-terminated pattern exactly as text is folded; returns its length. */
extern size_t fold_pattern(const char *in, char *out, size_t size);

/* Is a folded byte part of a word (a letter or a digit)?  Other bytes are word boundaries. */
static inline int
fold_is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Is b the lead byte of a foldable two-byte sequence (U+00C0..U+017F)? */
static inline int
fold_is_lead(unsigned char b)
{
	return b >= 0xC3 && b <= 0xC5;
}

/* The base letter of the sequence lead, second (second is 0x80..0xBF). */
static inline unsigned char
fold_pair(unsigned char lead, unsigned char second)
{
	return (unsigned char) fold_latin[(lead - 0xC3) * 64 + (second - 0x80)];
}

#endif
