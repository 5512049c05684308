/*
 * fold.c — text folding for phrase matching (see fold.h).
 */
#include "fold.h"

unsigned char fold_table[256];
unsigned char fold_ascii_word[256];
static int	fold_ready;

/*
 * Latin letters with diacritics, U+00C0..U+017F (UTF-8 lead bytes C3, C4,
 * C5), fold to their base letter: "Empfänger", "EMPFÄNGER" and "Empfanger"
 * all read "empfanger", "boîte" reads "boite", "użytkownik" "uzytkownik".
 * Patterns are folded the same way, so accented and unaccented spellings
 * match each other, and the automaton's alphabet stays small.
 */
const char fold_latin[192 + 1] =
	"aaaaaaaceeeeiiiidnooooo ouuuuytsaaaaaaaceeeeiiiidnooooo ouuuuytyaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

void
fold_init(void)
{
	int			c;

	if (fold_ready)
		return;
	for (c = 0; c < 256; c++)
	{
		unsigned char f = (unsigned char) c;

		if (c >= 'A' && c <= 'Z')
			f = (unsigned char) (c + 32);
		else if (c < 0x20 || c == 0x7f || c == '_' || c == '<' || c == '>')
			f = ' ';			/* '_' too: "BAD_RECIPIENT" reads "bad recipient"; the brackets
								 * around an address, so "User <a@example.com> unknown" reads
								 * "user unknown" */
		else if (c >= 0x80)
			f = FOLD_OTHER;
		fold_table[c] = f;
		fold_ascii_word[c] = c < 0x80 && fold_is_word_byte(f) ? f : 0;
	}
	fold_ready = 1;
}

size_t
fold_pattern(const char *in, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *) in;
	size_t		n = 0;

	fold_init();
	while (*p && n + 1 < size)
	{
		if (fold_is_lead(p[0]) && p[1] >= 0x80 && p[1] <= 0xBF)
		{
			out[n++] = (char) fold_pair(p[0], p[1]);
			p += 2;
		}
		else
			out[n++] = (char) fold_table[*p++];
	}
	out[n] = '\0';
	return n;
}
