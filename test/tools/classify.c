/*
 * classify.c — the pure C core as a command-line tool: classify each file
 * named (or standard input) and print the code, the rule and the evidence.
 *
 *   test/tools/classify.bin [-r recipient] [file ...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bounce_codes.h"
#include "core/classify.h"
#include "tool_io.h"

/* Classify one input and print a line about it. */
static int
report(const char *name, FILE *f, const char *recipient)
{
	size_t		len;
	char	   *text = slurp(f, &len);
	bounce_options opt;
	bounce_result r;

	if (text == NULL)
		return 1;
	memset(&opt, 0, sizeof(opt));
	if (recipient != NULL)
	{
		opt.recipient = recipient;
		opt.recipient_len = strlen(recipient);
	}
	bounce_classify(text, len, &opt, &r);
	printf("%s\t%d\t%s\t%d\t%s\t%s\t%s\n", name, r.code, r.rule, r.smtp_reply, r.status,
		   r.recipient, r.evidence);
	free(text);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *recipient = NULL;
	int			i = 1,
				status = 0;

	if (bounce_classifier_init(malloc, free) != 0)
	{
		fprintf(stderr, "classifier initialisation failed\n");
		return 2;
	}
	if (i + 1 < argc && strcmp(argv[i], "-r") == 0)
	{
		recipient = argv[i + 1];
		i += 2;
	}
	if (i == argc)
		return report("-", stdin, recipient);
	for (; i < argc; i++)
	{
		FILE	   *f = fopen(argv[i], "rb");

		if (f == NULL)
		{
			perror(argv[i]);
			status = 1;
			continue;
		}
		status |= report(argv[i], f, recipient);
		fclose(f);
	}
	return status;
}
