/*
 * tool_io.h — reading inputs, shared by the command-line tools over the core
 * (the .c files of test/tools) and bench/core_throughput.c.
 */
#ifndef BOUNCE_TOOL_IO_H
#define BOUNCE_TOOL_IO_H

#include <stdio.h>
#include <stdlib.h>

/* Read a whole stream into memory; NULL when memory runs out. */
static inline char *
slurp(FILE *f, size_t *len)
{
	size_t		cap = 65536,
				n = 0;
	char	   *buf = malloc(cap);

	while (buf != NULL)
	{
		size_t		got = fread(buf + n, 1, cap - n, f);
		char	   *bigger;

		n += got;
		if (n < cap)
			break;
		cap *= 2;
		bigger = realloc(buf, cap);
		if (bigger == NULL)
			free(buf);
		buf = bigger;
	}
	*len = n;
	return buf;
}

/* Undo the corpus escapes \n \t \r \\ in place; returns the new length. */
static inline size_t
unescape(char *s, size_t len)
{
	size_t		r = 0,
				w = 0;

	while (r < len)
	{
		if (s[r] == '\\' && r + 1 < len)
		{
			char		c = s[r + 1];

			s[w++] = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
			r += 2;
		}
		else
			s[w++] = s[r++];
	}
	return w;
}

#endif
