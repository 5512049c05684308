/*
 * fuzz.h — shared by the fuzz targets: the property checks, and a
 * one-time classifier initialisation.  A failed property aborts, which
 * libFuzzer (and the replay driver) report with the input that caused it.
 */
#ifndef BOUNCECODE_FUZZ_H
#define BOUNCECODE_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bounce_codes.h"
#include "core/classify.h"

/* Abort with a message when a property does not hold. */
#define PROPERTY(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "property failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
			abort(); \
		} \
	} while (0)

/* Build the classifier once per process. */
static inline void
fuzz_init(void)
{
	static int	ready;

	if (!ready)
	{
		PROPERTY(bounce_classifier_init(malloc, free) == 0);
		ready = 1;
	}
}

/* Is s printable, valid UTF-8 (what evidence and recipients must be)? */
static inline int
fuzz_clean_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *) s;

	while (*p)
	{
		int			n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;
		int			i;

		if (n == 0 || (n == 1 && *p < 0x20))
			return 0;
		for (i = 1; i < n; i++)
			if ((p[i] & 0xC0) != 0x80)
				return 0;
		p += n;
	}
	return 1;
}

/* Classify with options and check the properties every result must have; returns the result. */
static inline bounce_result
fuzz_classify_with(const char *text, size_t len, const bounce_options *options)
{
	bounce_result a,
				b;

	bounce_classify(text, len, options, &a);
	PROPERTY(bounce_code_index(a.code) >= 0);	/* always one of the 25 codes */
	PROPERTY(a.rule != NULL);
	PROPERTY(fuzz_clean_utf8(a.evidence));
	PROPERTY(fuzz_clean_utf8(a.recipient));
	PROPERTY(strlen(a.evidence) <= BOUNCE_EVIDENCE_MAX);
	bounce_classify(text, len, options, &b);	/* the same input, the same answer */
	PROPERTY(a.code == b.code && strcmp(a.rule, b.rule) == 0 &&
			 strcmp(a.evidence, b.evidence) == 0 && strcmp(a.recipient, b.recipient) == 0 &&
			 strcmp(a.status, b.status) == 0 && a.smtp_reply == b.smtp_reply);
	return a;
}

/* Classify without options and check the properties; returns the result. */
static inline bounce_result
fuzz_classify_checked(const char *text, size_t len)
{
	return fuzz_classify_with(text, len, NULL);
}

int			LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#endif
