/*
 * bounce_codes.c — the bounce code table, its lookups and its text parser.
 */
#include "bounce_codes.h"

#include <stdio.h>
#include <string.h>

const bounce_code_info bounce_code_table[BOUNCE_CODE_COUNT] = {
#define BOUNCE_CODE_ROW(code, name, kind, en, sv, example) \
	{code, name, BOUNCE_KIND_##kind, en, sv, example},
	BOUNCE_CODE_TABLE(BOUNCE_CODE_ROW)
#undef BOUNCE_CODE_ROW
};

/* Each code's position in the table, numbered by the X-macro itself. */
enum
{
#define BOUNCE_CODE_POS(code, name, kind, en, sv, example) BOUNCE_POS_##code,
	BOUNCE_CODE_TABLE(BOUNCE_CODE_POS)
#undef BOUNCE_CODE_POS
	BOUNCE_POS_COUNT
};

/* The table and BOUNCE_CODE_COUNT must agree, or the build fails. */
typedef char bounce_code_count_matches[(BOUNCE_POS_COUNT == BOUNCE_CODE_COUNT) ? 1 : -1];

/* Position of code in the table: a switch the compiler turns into a jump table. */
int
bounce_code_index(long code)
{
	switch (code)
	{
#define BOUNCE_CODE_CASE(c, name, kind, en, sv, example) case c: return BOUNCE_POS_##c;
		BOUNCE_CODE_TABLE(BOUNCE_CODE_CASE)
#undef BOUNCE_CODE_CASE
		default:
			return -1;
	}
}

/* Row of code, or NULL. */
const bounce_code_info *
bounce_code_lookup(long code)
{
	int			i = bounce_code_index(code);

	return i < 0 ? NULL : &bounce_code_table[i];
}

/* Lower-case kind label, the same as the SQL enum's. */
const char *
bounce_kind_label(bounce_kind kind)
{
	switch (kind)
	{
		case BOUNCE_KIND_HARD:
			return "hard";
		case BOUNCE_KIND_SOFT:
			return "soft";
		case BOUNCE_KIND_OTHER:
			return "other";
		case BOUNCE_KIND_NA:
			return "na";
	}
	return "na";
}

/* The blanks accepted around a code: the same set as PostgreSQL's int4in. */
static int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Case-insensitive comparison of len bytes of text with a lower-case name. */
static int
equals_name(const char *text, size_t len, const char *name)
{
	size_t		i;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) text[i];

		if (name[i] == '\0')
			return 0;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char) (c - 'A' + 'a');
		if (c != (unsigned char) name[i])
			return 0;
	}
	return name[len] == '\0';
}

/* Decimal form: digits only, no sign, no leading zero, at most three digits. */
static int
parse_number(const char *text, size_t len, int *code)
{
	int			value = 0;
	size_t		i;

	if (len == 0 || len > 3 || (len > 1 && text[0] == '0'))
		return 0;
	for (i = 0; i < len; i++)
	{
		if (text[i] < '0' || text[i] > '9')
			return 0;
		value = value * 10 + (text[i] - '0');
	}
	if (bounce_code_index(value) < 0)
		return 0;
	*code = value;
	return 1;
}

int
bounce_code_parse(const char *text, size_t len, int *code)
{
	int			i;

	while (len > 0 && is_blank((unsigned char) text[0]))
	{
		text++;
		len--;
	}
	while (len > 0 && is_blank((unsigned char) text[len - 1]))
		len--;
	if (len == 0)
		return 0;
	if (text[0] >= '0' && text[0] <= '9')
		return parse_number(text, len, code);
	for (i = 0; i < BOUNCE_CODE_COUNT; i++)
	{
		if (equals_name(text, len, bounce_code_table[i].name))
		{
			*code = bounce_code_table[i].code;
			return 1;
		}
	}
	return 0;
}

void
bounce_code_format_list(char *buf, size_t size)
{
	size_t		used = 0;
	int			i;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < BOUNCE_CODE_COUNT && used < size; i++)
	{
		int			n = snprintf(buf + used, size - used, "%s%d",
								 i == 0 ? "" : ", ", bounce_code_table[i].code);

		if (n < 0)
			break;
		used += (size_t) n;
	}
}
