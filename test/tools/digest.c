/*
 * digest.c — every answer of the core for a set of inputs, one line each, for
 * comparing two builds of the core (test/tools/differential.sh): the code,
 * rule, phrase, part and reply code with code_only set (classify_bounce's
 * path), then the whole result (bounce_explain's and bounce_recipient's).
 *
 *   test/tools/digest.bin file ...          each file is one input
 *   test/tools/digest.bin -t responses.tsv  each row's text (escapes undone), with its recipient
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/classify.h"
#include "tool_io.h"

/* A static string, or "-" for NULL. */
static const char *
or_dash(const char *s)
{
	return s != NULL ? s : "-";
}

/* Classify one input both ways and print one line about it. */
static void
digest(const char *name, const char *text, size_t len, const char *recipient)
{
	bounce_options opt;
	bounce_result r;

	memset(&opt, 0, sizeof(opt));
	if (recipient != NULL && *recipient != '\0')
	{
		opt.recipient = recipient;
		opt.recipient_len = strlen(recipient);
	}
	opt.code_only = 1;
	bounce_classify(text, len, &opt, &r);
	printf("%s\t%d\t%s\t%s\t%s\t%d", name, r.code, or_dash(r.rule), or_dash(r.phrase),
		   or_dash(r.part), r.smtp_reply);
	opt.code_only = 0;
	bounce_classify(text, len, &opt, &r);
	printf("\t|\t%d\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", r.code, or_dash(r.rule), or_dash(r.phrase),
		   or_dash(r.part), r.smtp_reply, r.status, r.recipient, r.evidence);
}

/* Every row of a corpus table: id, accept, recipient, source, lang, text. */
static int
digest_table(const char *path)
{
	FILE	   *f = fopen(path, "rb");
	size_t		len;
	char	   *all,
			   *line,
			   *next;
	int			row = 0;

	if (f == NULL)
	{
		perror(path);
		return 1;
	}
	all = slurp(f, &len);
	fclose(f);
	if (all == NULL)
		return 1;
	for (line = all; line < all + len; line = next)
	{
		char	   *nl = memchr(line, '\n', (size_t) (all + len - line));
		char	   *col[6];
		int			n = 0;
		char	   *p = line;

		next = nl != NULL ? nl + 1 : all + len;
		if (nl != NULL)
			*nl = '\0';
		if (row++ == 0)
			continue;
		while (n < 6)
		{
			char	   *tab = strchr(p, '\t');

			col[n++] = p;
			if (tab == NULL || n == 6)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		if (n < 6)
			continue;
		digest(col[0], col[5], unescape(col[5], strlen(col[5])), col[2]);
	}
	free(all);
	return 0;
}

int
main(int argc, char **argv)
{
	int			i,
				status = 0;

	if (bounce_classifier_init(malloc, free) != 0)
	{
		fprintf(stderr, "classifier initialisation failed\n");
		return 2;
	}
	for (i = 1; i < argc; i++)
	{
		FILE	   *f;
		size_t		len;
		char	   *text;

		if (strcmp(argv[i], "-t") == 0 && i + 1 < argc)
		{
			status |= digest_table(argv[++i]);
			continue;
		}
		if ((f = fopen(argv[i], "rb")) == NULL)
		{
			perror(argv[i]);
			status = 1;
			continue;
		}
		text = slurp(f, &len);
		fclose(f);
		if (text == NULL)
			return 2;
		digest(argv[i], text, len, NULL);
		free(text);
	}
	return status;
}
