/*
 * accuracy.c — the accuracy report: classify a labeled corpus with the pure C
 * core and print, per corpus, accuracy, false-hard and missed-hard.
 *
 *   accuracy.bin [-c CHECKLIST -n NAME] eml <labels.tsv> <eml-dir> <floor%> <false-hard-max%>
 *       labels.tsv: file <TAB> accepted codes (comma-separated, first preferred) <TAB> ...
 *   accuracy.bin [-c CHECKLIST -n NAME] tsv <responses.tsv> <floor%> <false-hard-max%>
 *       id <TAB> accept <TAB> recipient <TAB> source <TAB> lang <TAB> text (\n \t \\ escapes)
 *
 * Items named "NAME/item" in CHECKLIST form the check split: for them only
 * totals are printed, never which item missed, so that rules are not fitted to
 * them; the gap between the development split and the check split is the
 * overfitting figure.  The development split gets the per-code table, the
 * confusion matrix and every miss.
 *
 * false-hard: a hard code (10, 90) given where the label accepts none — a
 * valid address lost, the worst error.  missed-hard: the preferred label is
 * hard and the answer is not accepted.  Exits 1 when the whole corpus's
 * accuracy is below the floor or its false-hard share above the maximum.
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
				ok,
				false_hard,
				missed_hard;
} tally;

/* The check split's item names, "corpus/item", one per line. */
static char *check_list;
static const char *corpus_name = "";

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

/* Is the code's kind Hard (the address becomes invalid at once)? */
static int
is_hard(int code)
{
	const bounce_code_info *info = bounce_code_lookup(code);

	return info != NULL && info->kind == BOUNCE_KIND_HARD;
}

/* Is "corpus/name" a line of the check list? */
static int
in_check_split(const char *name)
{
	char		key[1024];
	size_t		n;
	const char *p;

	if (check_list == NULL)
		return 0;
	n = (size_t) snprintf(key, sizeof(key), "%s/%s", corpus_name, name);
	for (p = check_list; (p = strstr(p, key)) != NULL; p += n)
		if ((p == check_list || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Count one classified item in its split; print a development miss. */
static void
count(tally *dev, tally *check, const char *name, const int *accept, int naccept,
	  const bounce_result *r)
{
	int			want = bounce_code_index(accept[0]);
	int			got = bounce_code_index(r->code);
	int			i,
				hit = 0,
				hard_accepted = 0;
	int			checked = in_check_split(name);
	tally	   *t = checked ? check : dev;

	for (i = 0; i < naccept; i++)
	{
		hit |= accept[i] == r->code;
		hard_accepted |= is_hard(accept[i]);
	}
	if (want < 0 || got < 0)
		return;
	t->n++;
	t->total[want]++;
	t->confusion[want][got]++;
	if (is_hard(r->code) && !hard_accepted)
		t->false_hard++;
	if (is_hard(accept[0]) && !hit)
		t->missed_hard++;
	if (hit)
	{
		t->ok++;
		t->right[want]++;
	}
	else if (!checked)
		printf("miss\t%s\twant %d\tgot %d\t%s\t%.120s\n", name, accept[0], r->code, r->rule, r->evidence);
}

/* One line of totals: accuracy, false-hard and missed-hard. */
static void
print_totals(const char *title, const tally *t)
{
	printf("%-28s %4d items  accuracy %6.2f%%  false-hard %d (%.2f%%)  missed-hard %d\n", title, t->n,
		   t->n ? 100.0 * t->ok / t->n : 0.0, t->false_hard,
		   t->n ? 100.0 * t->false_hard / t->n : 0.0, t->missed_hard);
}

/* The sum of two tallies' totals. */
static tally
tally_sum(const tally *a, const tally *b)
{
	tally		s;

	memset(&s, 0, sizeof(s));
	s.n = a->n + b->n;
	s.ok = a->ok + b->ok;
	s.false_hard = a->false_hard + b->false_hard;
	s.missed_hard = a->missed_hard + b->missed_hard;
	return s;
}

/* Print the per-code table and the confusion matrix (rows: preferred label). */
static void
print_report(const char *title, const tally *t)
{
	int			i,
				j;

	printf("\n%s, development split: %d of %d correct, accuracy %.2f%%\n", title, t->ok, t->n,
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
run_eml(const char *labels, const char *dir, tally *dev, tally *check)
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
		count(dev, check, file, codes, parse_accept(accept, codes), &r);
		free(text);
	}
	fclose(f);
	return 0;
}

/* The response corpus: one escaped text per line. */
static int
run_tsv(const char *path, tally *dev, tally *check)
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
		count(dev, check, field[0], codes, parse_accept(field[1], codes), &r);
	}
	free(all);
	return 0;
}

int
main(int argc, char **argv)
{
	tally		dev,
				check,
				all;
	double		floor_percent,
				false_hard_max;
	int			rc,
				a = 1;
	size_t		len;

	memset(&dev, 0, sizeof(dev));
	memset(&check, 0, sizeof(check));
	if (bounce_classifier_init(malloc, free) != 0)
		return 2;
	while (a + 1 < argc && argv[a][0] == '-')
	{
		if (strcmp(argv[a], "-c") == 0 && (check_list = read_file(argv[a + 1], &len)) == NULL)
		{
			perror(argv[a + 1]);
			return 2;
		}
		if (strcmp(argv[a], "-n") == 0)
			corpus_name = argv[a + 1];
		a += 2;
	}
	if (argc - a == 5 && strcmp(argv[a], "eml") == 0)
		rc = run_eml(argv[a + 1], argv[a + 2], &dev, &check);
	else if (argc - a == 4 && strcmp(argv[a], "tsv") == 0)
		rc = run_tsv(argv[a + 1], &dev, &check);
	else
	{
		fprintf(stderr, "usage: %s [-c CHECKLIST -n NAME] eml LABELS DIR FLOOR FALSE_HARD_MAX | "
				"tsv FILE FLOOR FALSE_HARD_MAX\n", argv[0]);
		return 2;
	}
	if (rc != 0)
		return 2;
	floor_percent = atof(argv[argc - 2]);
	false_hard_max = atof(argv[argc - 1]);
	print_report(argv[a + 1], &dev);
	all = tally_sum(&dev, &check);
	printf("\n");
	print_totals("development split", &dev);
	print_totals("check split (totals only)", &check);
	print_totals("whole corpus", &all);
	if (check.n > 0 && dev.n > 0)
		printf("overfitting gap (development - check): %+.2f points\n",
			   100.0 * dev.ok / dev.n - 100.0 * check.ok / check.n);
	free(check_list);
	if (all.n == 0 || 100.0 * all.ok / all.n < floor_percent ||
		100.0 * all.false_hard / all.n > false_hard_max)
	{
		printf("FAIL: below the floor of %.2f%% or false-hard above %.2f%%\n", floor_percent, false_hard_max);
		return 1;
	}
	printf("ok: at or above the floor of %.2f%%, false-hard at most %.2f%%\n", floor_percent, false_hard_max);
	return 0;
}
