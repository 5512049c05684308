/*
 * test_bounce_codes.c — unit tests of the code table and the bounce_code text parser.
 */
#include <string.h>

#include "core/bounce_codes.h"
#include "unit.h"

/* Parse a NUL-terminated string; -1 when it is no code. */
static int
parse(const char *s)
{
	int			code = -1;

	return bounce_code_parse(s, strlen(s), &code) ? code : -1;
}

/* The table has exactly the seed's codes, in order, with its kinds. */
static void
test_table_matches_seed(void)
{
	static const int codes[] = {0, 10, 20, 21, 22, 23, 29, 30, 40, 50, 51, 52, 53, 54, 59,
	60, 70, 90, 100, 110, 120, 121, 122, 123, 200};
	int			i;

	CHECK_INT(sizeof(codes) / sizeof(codes[0]), BOUNCE_CODE_COUNT);
	for (i = 0; i < BOUNCE_CODE_COUNT; i++)
	{
		CHECK_INT(bounce_code_table[i].code, codes[i]);
		CHECK_INT(bounce_code_index(codes[i]), i);
		CHECK(bounce_code_lookup(codes[i]) == &bounce_code_table[i]);
		CHECK(bounce_code_table[i].description_en[0] != '\0');
		CHECK(bounce_code_table[i].description_sv[0] != '\0');
	}
	CHECK_INT(bounce_code_lookup(10)->kind, BOUNCE_KIND_HARD);
	CHECK_INT(bounce_code_lookup(90)->kind, BOUNCE_KIND_HARD);
	CHECK_INT(bounce_code_lookup(20)->kind, BOUNCE_KIND_SOFT);
	CHECK_INT(bounce_code_lookup(21)->kind, BOUNCE_KIND_SOFT);
	CHECK_INT(bounce_code_lookup(22)->kind, BOUNCE_KIND_SOFT);
	CHECK_INT(bounce_code_lookup(29)->kind, BOUNCE_KIND_SOFT);
	CHECK_INT(bounce_code_lookup(23)->kind, BOUNCE_KIND_OTHER);
	CHECK_INT(bounce_code_lookup(59)->kind, BOUNCE_KIND_OTHER);
	CHECK_INT(bounce_code_lookup(200)->kind, BOUNCE_KIND_NA);
	CHECK(strcmp(bounce_code_lookup(21)->description_en, "Temp failure \xE2\x80\x93 DNS Failure") == 0);
	CHECK(strcmp(bounce_code_lookup(10)->example, "550 User Unknown") == 0);
	CHECK(bounce_code_lookup(20)->example == NULL);
}

/* Names are unique, lower-case identifiers and never look like numbers. */
static void
test_names_unique(void)
{
	int			i,
				j;

	for (i = 0; i < BOUNCE_CODE_COUNT; i++)
	{
		const char *n = bounce_code_table[i].name;

		CHECK(n[0] >= 'a' && n[0] <= 'z');
		CHECK(strspn(n, "abcdefghijklmnopqrstuvwxyz_") == strlen(n));
		CHECK_INT(parse(n), bounce_code_table[i].code);
		for (j = i + 1; j < BOUNCE_CODE_COUNT; j++)
			CHECK(strcmp(n, bounce_code_table[j].name) != 0);
	}
}

/* Codes that are not in the table. */
static void
test_not_codes(void)
{
	CHECK_INT(bounce_code_index(-1), -1);
	CHECK_INT(bounce_code_index(1), -1);
	CHECK_INT(bounce_code_index(24), -1);
	CHECK_INT(bounce_code_index(201), -1);
	CHECK_INT(bounce_code_index(65536 + 10), -1);
	CHECK(bounce_code_lookup(11) == NULL);
}

/* Text input: what is accepted and what is not. */
static void
test_parse(void)
{
	int			code = -1;

	CHECK_INT(parse("21"), 21);
	CHECK_INT(parse("0"), 0);
	CHECK_INT(parse("200"), 200);
	CHECK_INT(parse("  21\t\n"), 21);
	CHECK_INT(parse("DNS_Failure"), 21);
	CHECK_INT(parse(" dns_failure "), 21);
	CHECK_INT(parse("SPAM_COMPLAINT"), 200);
	CHECK_INT(parse(""), -1);
	CHECK_INT(parse(" "), -1);
	CHECK_INT(parse("-0"), -1);
	CHECK_INT(parse("+21"), -1);
	CHECK_INT(parse("021"), -1);
	CHECK_INT(parse("00"), -1);
	CHECK_INT(parse("1e1"), -1);
	CHECK_INT(parse("21 21"), -1);
	CHECK_INT(parse("21.0"), -1);
	CHECK_INT(parse("24"), -1);
	CHECK_INT(parse("2000"), -1);
	CHECK_INT(parse("99999999999"), -1);
	CHECK_INT(parse("nan"), -1);
	CHECK_INT(parse("dns failure"), -1);
	CHECK_INT(parse("dns_failures"), -1);
	CHECK_INT(parse("dns_failur"), -1);
	CHECK_INT(parse("0x15"), -1);
	/* Reads exactly len bytes: "210" cut to two bytes is 21, and a NUL inside is no code. */
	CHECK(bounce_code_parse("210", 2, &code) && code == 21);
	CHECK(!bounce_code_parse("2\0001", 3, &code));
	CHECK(!bounce_code_parse("non_bounce\0x", 12, &code));
}

/* The list used in error hints. */
static void
test_format_list(void)
{
	char		buf[128];
	char		small[8];

	bounce_code_format_list(buf, sizeof(buf));
	CHECK(strncmp(buf, "0, 10, 20, 21, ", 15) == 0);
	CHECK(strcmp(buf + strlen(buf) - 10, "123, 200") == 0 || strstr(buf, "122, 123, 200") != NULL);
	bounce_code_format_list(small, sizeof(small));
	CHECK(strlen(small) < sizeof(small));
}

int
main(void)
{
	test_table_matches_seed();
	test_names_unique();
	test_not_codes();
	test_parse();
	test_format_list();
	return unit_finish("bounce_codes");
}
