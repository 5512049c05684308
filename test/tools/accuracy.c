/*
 * accuracy.c — the accuracy report: classify a labeled corpus with the pure C
 * core and print accuracy overall and per code, the confusion matrix and the
 * misses.  Exits 1 when accuracy falls below the floor given.
 *
 *   accuracy.bin eml <labels.tsv> <eml-dir> <floor-percent>
 *       labels.tsv: file <TAB> accepted codes (comma-separated, first preferred) <TAB> ...
 *   accuracy.bin tsv <responses.tsv> <floor-percent>
 *       id <TAB> accept <TAB> recipient <TAB> source <TAB> lang <TAB> text (\n \t \\ escapes)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bounce_codes.h"
#include "core/classify.h"

#define MAX_ACCEPT 8

typedef struct tally
{
	int			total[BOUNCE_CODE_COUNT];
	int			right[BOUNCE_CODE_COUNT];
	int			confusion[BOUNCE_CODE_COUNT][BOUNCE_CODE_COUNT];
	int			n,
				ok;
} tally;

/* Read a whole file; NULL on failure. */
static char *
read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		size;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t) size + 1);
	if (buf != NULL && fread(buf, 1, (size_t) size, f) != (size_t) size)
	{
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf != NULL)
		buf[size] = '\0';
	*len = (size_t) size;
	return buf;
}

/* Parse "10,20" into codes; returns the count. */
static int
parse_accept(const char *s, int *codes)
{
	int			n = 0;

	while (*s && n < MAX_ACCEPT)
	{
		codes[n++] = atoi(s);
		while (*s && *s != ',')
			s++;
		if (*s == ',')
			s++;
	}
	return n;
}

/* Undo the corpus escapes \n \t \r \\ in place; returns the new length. */
static size_t
unescape(char *s)
{
	char	   *r = s,
			   *w = s;

	while (*r)
	{
		if (r[0] == '\\' && r[1] != '\0')
		{
			char		c = r[1];

			*w++ = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
			r += 2;
		}
		else
			*w++ = *r++;
	}
	*w = '\0';
	return (size_t) (w - s);
}

/* Count one classified item and print it when it is a miss. */
static void
count(tally *t, const char *name, const int *accept, int naccept, const bounce_result *r)
{
	int			want = bounce_code_index(accept[0]);
	int			got = bounce_code_index(r->code);
	int			i,
				hit = 0;

	for (i = 0; i < naccept; i++)
		hit |= accept[i] == r->code;
	if (want < 0 || got < 0)
		return;
	t->n++;
	t->total[want]++;
	t->confusion[want][got]++;
	if (hit)
	{
		t->ok++;
		t->right[want]++;
	}
	else
		printf("miss\t%s\twant %d\tgot %d\t%s\t%.120s\n", name, accept[0], r->code, r->rule, r->evidence);
}

/* Print the per-code table and the confusion matrix (rows: preferred label). */
static void
print_report(const char *title, const tally *t)
{
	int			i,
				j;

	printf("\n%s: %d of %d correct, accuracy %.2f%%\n", title, t->ok, t->n,
		   t->n ? 100.0 * t->ok / t->n : 0.0);
	printf("%6s %6s %6s %8s\n", "code", "items", "right", "accuracy");
	for (i = 0; i < BOUNCE_CODE_COUNT; i++)
		if (t->total[i] > 0)
			printf("%6d %6d %6d %7.1f%%\n", bounce_code_table[i].code, t->total[i], t->right[i],
				   100.0 * t->right[i] / t->total[i]);
	printf("confusion (row: preferred label, column: classified; only non-empty rows and columns)\n%6s", "");
	for (j = 0; j < BOUNCE_CODE_COUNT; j++)
	{
		int			used = 0;

		for (i = 0; i < BOUNCE_CODE_COUNT; i++)
			used |= t->confusion[i][j] > 0;
		if (used)
			printf("%5d", bounce_code_table[j].code);
	}
	printf("\n");
	for (i = 0; i < BOUNCE_CODE_COUNT; i++)
	{
		if (t->total[i] == 0)
			continue;
		printf("%6d", bounce_code_table[i].code);
		for (j = 0; j < BOUNCE_CODE_COUNT; j++)
		{
			int			used = 0,
						k;

			for (k = 0; k < BOUNCE_CODE_COUNT; k++)
				used |= t->confusion[k][j] > 0;
			if (used)
			{
				if (t->confusion[i][j])
					printf("%5d", t->confusion[i][j]);
				else
					printf("%5s", ".");
			}
		}
		printf("\n");
	}
}

/* The eml corpus: one message per file. */
static int
run_eml(const char *labels, const char *dir, tally *t)
{
	FILE	   *f = fopen(labels, "r");
	char		line[4096];

	if (f == NULL)
	{
		perror(labels);
		return -1;
	}
	while (fgets(line, sizeof(line), f))
	{
		char	   *file = strtok(line, "\t\n");
		char	   *accept = strtok(NULL, "\t\n");
		char		path[8192];
		int			codes[MAX_ACCEPT];
		size_t		len;
		char	   *text;
		bounce_result r;

		if (file == NULL || accept == NULL || strcmp(file, "file") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, file);
		text = read_file(path, &len);
		if (text == NULL)
		{
			perror(path);
			fclose(f);
			return -1;
		}
		bounce_classify(text, len, NULL, &r);
		count(t, file, codes, parse_accept(accept, codes), &r);
		free(text);
	}
	fclose(f);
	return 0;
}

/* The response corpus: one escaped text per line. */
static int
run_tsv(const char *path, tally *t)
{
	size_t		len;
	char	   *all = read_file(path, &len);
	char	   *line,
			   *next;

	if (all == NULL)
	{
		perror(path);
		return -1;
	}
	for (line = all; line && *line; line = next)
	{
		char	   *field[6];
		int			i,
					codes[MAX_ACCEPT];
		bounce_options opt;
		bounce_result r;
		char	   *p = line;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		for (i = 0; i < 6; i++)
		{
			field[i] = p;
			p = p ? strchr(p, '\t') : NULL;
			if (p)
				*p++ = '\0';
		}
		if (field[5] == NULL || strcmp(field[0], "id") == 0)
			continue;
		memset(&opt, 0, sizeof(opt));
		opt.recipient = field[2];
		opt.recipient_len = strlen(field[2]);
		len = unescape(field[5]);
		bounce_classify(field[5], len, &opt, &r);
		count(t, field[0], codes, parse_accept(field[1], codes), &r);
	}
	free(all);
	return 0;
}

int
main(int argc, char **argv)
{
	tally		t;
	double		floor_percent;
	int			rc;

	memset(&t, 0, sizeof(t));
	if (bounce_classifier_init(malloc, free) != 0)
		return 2;
	if (argc == 5 && strcmp(argv[1], "eml") == 0)
	{
		rc = run_eml(argv[2], argv[3], &t);
		floor_percent = atof(argv[4]);
	}
	else if (argc == 4 && strcmp(argv[1], "tsv") == 0)
	{
		rc = run_tsv(argv[2], &t);
		floor_percent = atof(argv[3]);
	}
	else
	{
		fprintf(stderr, "usage: %s eml LABELS DIR FLOOR | tsv FILE FLOOR\n", argv[0]);
		return 2;
	}
	if (rc != 0)
		return 2;
	print_report(argv[2], &t);
	if (t.n == 0 || 100.0 * t.ok / t.n < floor_percent)
	{
		printf("FAIL: accuracy below the floor of %.2f%%\n", floor_percent);
		return 1;
	}
	printf("ok: accuracy at or above the floor of %.2f%%\n", floor_percent);
	return 0;
}
