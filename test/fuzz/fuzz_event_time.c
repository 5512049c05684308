/*
 * fuzz_event_time.c — libFuzzer target: the event time readers.  Properties:
 * no read past the input (ASan); an accepted RFC 3339 date-time is one of
 * years 0000-9999 give or take a day of zone; an accepted epoch has no more
 * than 12 integer digits and is never negative; the two never both accept.
 */
#include <stdint.h>

#include "core/event_time.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *s = (const char *) data;
	int64_t		iso = 0,
				epoch = 0;
	int			iso_ok = event_time_iso8601(s, size, &iso);
	int			epoch_ok = event_time_epoch(s, size, &epoch);

	if (iso_ok)
	{
		/* 0000-01-01 minus 24 h to 9999-12-31 plus 24 h, in microseconds. */
		PROPERTY(iso >= INT64_C(-62167305600000000) && iso <= INT64_C(253402387200000000));
	}
	if (epoch_ok)
		PROPERTY(epoch >= 0 && epoch < INT64_C(1000000000000) * 1000000);
	PROPERTY(!(iso_ok && epoch_ok));
	return 0;
}
