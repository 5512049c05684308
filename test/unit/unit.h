/*
 * unit.h — a minimal unit-test harness for the pure C core: CHECK records a
 * failure with its location and goes on; unit_finish prints the closing line
 * "N passed, N failed" and returns the exit status.
 */
#ifndef BOUNCECODE_UNIT_H
#define BOUNCECODE_UNIT_H

#include <stdio.h>

static int	unit_passed;
static int	unit_failed;

#define CHECK(cond) \
	do { \
		if (cond) \
			unit_passed++; \
		else \
		{ \
			unit_failed++; \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
		} \
	} while (0)

#define CHECK_INT(got, want) \
	do { \
		long unit_got_ = (long) (got), unit_want_ = (long) (want); \
		if (unit_got_ == unit_want_) \
			unit_passed++; \
		else \
		{ \
			unit_failed++; \
			fprintf(stderr, "%s:%d: %s is %ld, expected %ld\n", __FILE__, __LINE__, #got, unit_got_, unit_want_); \
		} \
	} while (0)

/* Print the summary line and return the process exit status. */
static int
unit_finish(const char *suite)
{
	printf("%s: %d passed, %d failed\n", suite, unit_passed, unit_failed);
	return unit_failed == 0 ? 0 : 1;
}

#endif
