/*
 * ascii.h — the small ASCII helpers the scanner and the message reader share:
 * case folding, case-insensitive prefix tests, and the header-name syntax.
 */
#ifndef BOUNCE_ASCII_H
#define BOUNCE_ASCII_H

#include <stddef.h>
#include <string.h>

/* ASCII upper case to lower case; every other byte unchanged. */
static inline unsigned char
ascii_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char) (c + 32) : c;
}

/* Is c an ASCII letter or digit? */
static inline int
ascii_is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Does s[0..len) start with the lower-case word, in any case? */
static inline int
ascii_has_prefix(const char *s, size_t len, const char *word)
{
	size_t		i;

	for (i = 0; word[i] != '\0'; i++)
		if (i >= len || ascii_lower((unsigned char) s[i]) != (unsigned char) word[i])
			return 0;
	return 1;
}

/* Position of the lower-case word in s[0..len), in any case, or len when absent. */
static inline size_t
ascii_find(const char *s, size_t len, const char *word)
{
	size_t		n = strlen(word);
	size_t		i;

	for (i = 0; i + n <= len; i++)
		if (ascii_has_prefix(s + i, len - i, word))
			return i;
	return len;
}

/* Is s[0..len) empty or only spaces and tabs? */
static inline int
ascii_is_blank(const char *s, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* Is s[0..len) exactly one of the lower-case words of the NULL-terminated list, in any case? */
static inline int
ascii_is_one_of(const char *s, size_t len, const char *const *list)
{
	size_t		i;

	for (i = 0; list[i] != NULL; i++)
	{
		size_t		j;

		for (j = 0; j < len && list[i][j] != '\0' &&
			 ascii_lower((unsigned char) s[j]) == (unsigned char) list[i][j]; j++)
			;
		if (j == len && list[i][j] == '\0')
			return 1;
	}
	return 0;
}

/* Does a line start with a header's "Name:" (RFC 5322 field-name characters, then a colon)? */
static inline int
ascii_is_header_name(const char *line, size_t len)
{
	size_t		i;

	for (i = 0; i < len && i < 80; i++)
	{
		unsigned char c = (unsigned char) line[i];

		if (c == ':')
			return i > 0;
		if (c <= ' ' || c >= 0x7f)
			return 0;
	}
	return 0;
}

#endif
