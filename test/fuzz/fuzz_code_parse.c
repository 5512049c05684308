/*
 * fuzz_code_parse.c — libFuzzer target: the bounce_code text parser.
 * Properties: an accepted input is one of the 25 codes; its number printed
 * back parses to the same code; what is accepted is exactly a canonical number
 * or a symbolic name, with blanks around it.
 */
#include "fuzz.h"

/* Is c one of the blanks the parser allows around a code? */
static int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *s = (const char *) data;
	int			code = -1;

	if (bounce_code_parse(s, size, &code))
	{
		const bounce_code_info *info = bounce_code_lookup(code);
		char		number[16];
		int			again = -1;
		size_t		start = 0,
					end = size;

		PROPERTY(info != NULL);
		snprintf(number, sizeof(number), "%d", code);
		PROPERTY(bounce_code_parse(number, strlen(number), &again) && again == code);
		while (start < end && is_blank(data[start]))
			start++;
		while (end > start && is_blank(data[end - 1]))
			end--;
		PROPERTY((end - start == strlen(number) && memcmp(s + start, number, end - start) == 0) ||
				 end - start == strlen(info->name));
	}
	return 0;
}
