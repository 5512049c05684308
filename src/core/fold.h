/*
 * fold.h — how text is folded before phrases are matched, one byte at a
 * time: ASCII letters to lower case, Latin letters with diacritics
 * (U+00C0..U+017F) to their base letter, Cyrillic capitals to small letters
 * (and ё to е), whitespace, control bytes and '_' to a space; any other
 * non-ASCII byte stays itself, so that phrases in other scripts (Cyrillic,
 * Greek, kana, Han, Hangul) match their UTF-8 bytes.  Such bytes are no word
 * bytes: a phrase in those scripts matches without word boundaries (Chinese
 * and Japanese put no spaces between words).  Patterns are folded the same
 * way (fold_pattern), so they meet the text halfway.
 */
#ifndef BOUNCE_FOLD_H
#define BOUNCE_FOLD_H

#include <stddef.h>

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

/*
 * A Cyrillic capital (U+0410..U+042F, UTF-8 D0 90..D0 AF) to its small letter
 * (D0 B0..D0 BF, D1 80..D1 8F), and Ё/ё (D0 81, D1 91) to е, the spelling
 * most Russian text uses: writes the two folded bytes to out and returns 1,
 * or returns 0 when lead, second need no folding.
 */
static inline int
fold_cyrillic(unsigned char lead, unsigned char second, unsigned char out[2])
{
	if ((lead == 0xD0 && second == 0x81) || (lead == 0xD1 && second == 0x91))
	{
		out[0] = 0xD0;
		out[1] = 0xB5;
		return 1;
	}
	if (lead != 0xD0 || second < 0x90 || second > 0xAF)
		return 0;
	out[0] = second < 0xA0 ? 0xD0 : 0xD1;
	out[1] = (unsigned char) (second < 0xA0 ? second + 0x20 : second - 0x20);
	return 1;
}

#endif
