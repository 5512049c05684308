/*
 * core_throughput.c — throughput of the pure C classifier outside PostgreSQL:
 * classifies the response corpus repeated to about 100 MB, once response by
 * response and once as a single 100 MB text, and prints MB/s for each.  Both
 * ask for the code only, as classify_bounce() does.
 *
 *   bench/core_throughput.bin test/corpus/responses.tsv [megabytes]
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/classify.h"
#include "../test/tools/tool_io.h"

/* Seconds on the monotonic clock. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	FILE	   *f;
	char		line[65536];
	size_t		target,
				used = 0,
				nresp = 0,
				cap = 4096,
				i;
	char	   *blob;
	size_t	   *offsets = malloc(sizeof(size_t) * cap);
	double		t0,
				per_call,
				one_call;
	long		checksum = 0;
	bounce_result r;
	bounce_options code_only;

	if (argc < 2 || (f = fopen(argv[1], "r")) == NULL)
	{
		fprintf(stderr, "usage: %s responses.tsv [megabytes]\n", argv[0]);
		return 2;
	}
	target = (size_t) (argc > 2 ? atof(argv[2]) : 100.0) * 1024 * 1024;
	blob = malloc(target + sizeof(line));
	if (blob == NULL || offsets == NULL || bounce_classifier_init(malloc, free) != 0)
		return 2;

	/* Repeat the corpus texts (the sixth column) until the target size. */
	while (used < target)
	{
		if (!fgets(line, sizeof(line), f))
		{
			rewind(f);
			continue;
		}
		{
			char	   *text = line;
			int			tabs = 0;
			size_t		len;

			while (*text && tabs < 5)
				tabs += *text++ == '\t';
			if (tabs < 5 || strncmp(line, "id\t", 3) == 0)
				continue;
			len = strcspn(text, "\n");
			len = unescape(text, len);
			memcpy(blob + used, text, len);
			blob[used + len] = '\n';
			if (nresp + 1 >= cap)
				offsets = realloc(offsets, sizeof(size_t) * (cap *= 2));
			offsets[nresp++] = used;
			used += len + 1;
		}
	}
	offsets[nresp] = used;
	fclose(f);

	/* As classify_bounce() calls it: only the code is wanted. */
	memset(&code_only, 0, sizeof(code_only));
	code_only.code_only = 1;
	t0 = now();
	for (i = 0; i < nresp; i++)
	{
		bounce_classify(blob + offsets[i], offsets[i + 1] - offsets[i] - 1, &code_only, &r);
		checksum += r.code;
	}
	per_call = now() - t0;

	t0 = now();
	bounce_classify(blob, used, &code_only, &r);
	one_call = now() - t0;

	printf("core: %.1f MB in %zu responses (average %zu bytes), checksum %ld\n",
		   used / 1048576.0, nresp, used / nresp, checksum);
	printf("core: one call per response: %.3f s, %.0f MB/s, %.0f ns per response\n",
		   per_call, used / 1048576.0 / per_call, per_call * 1e9 / nresp);
	printf("core: one call on the whole text: %.3f s, %.0f MB/s\n", one_call, used / 1048576.0 / one_call);
	free(blob);
	free(offsets);
	return 0;
}
