/*
 * event_time.c — RFC 3339 date-times and decimal Unix seconds of ESP webhook
 * events, read into microseconds since 1970-01-01 00:00:00 UTC.
 */
#include "event_time.h"

#define USECS_PER_SEC INT64_C(1000000)

/* Read exactly n decimal digits at *p into *value; advance *p. */
static int
read_digits(const char **p, const char *end, int n, int *value)
{
	int			v = 0;

	if (end - *p < n)
		return 0;
	for (int i = 0; i < n; i++)
	{
		char		c = (*p)[i];

		if (c < '0' || c > '9')
			return 0;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*value = v;
	return 1;
}

/* Is the next byte c?  Then step over it. */
static int
expect(const char **p, const char *end, char c)
{
	if (*p >= end || **p != c)
		return 0;
	(*p)++;
	return 1;
}

/* Days in month m (1-12) of year y (proleptic Gregorian). */
static int
days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int			leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return days[m - 1] + (m == 2 && leap);
}

/* Days from 1970-01-01 to y-m-d (Howard Hinnant's days_from_civil). */
static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t		yy = y - (m <= 2);
	int64_t		era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t		yoe = yy - era * 400;
	int64_t		doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t		doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

/* The zone designator: Z, +HH:MM, -HH:MM or +HHMM, as seconds east of UTC. */
static int
read_zone(const char **p, const char *end, int *offset)
{
	int			sign,
				hh,
				mm;

	if (expect(p, end, 'Z') || expect(p, end, 'z'))
	{
		*offset = 0;
		return 1;
	}
	if (expect(p, end, '+'))
		sign = 1;
	else if (expect(p, end, '-'))
		sign = -1;
	else
		return 0;
	if (!read_digits(p, end, 2, &hh))
		return 0;
	(void) expect(p, end, ':');
	if (!read_digits(p, end, 2, &mm) || hh > 23 || mm > 59)
		return 0;
	*offset = sign * (hh * 3600 + mm * 60);
	return 1;
}

/* An RFC 3339 date-time with its zone, as Unix microseconds. */
int
event_time_iso8601(const char *text, size_t len, int64_t *usec)
{
	const char *p = text,
			   *end = text + len;
	int			y, mo, d, h, mi, s, offset;
	int64_t		frac = 0,
				scale = 100000;

	if (!read_digits(&p, end, 4, &y) || !expect(&p, end, '-') ||
		!read_digits(&p, end, 2, &mo) || !expect(&p, end, '-') ||
		!read_digits(&p, end, 2, &d))
		return 0;
	if (!(expect(&p, end, 'T') || expect(&p, end, 't') || expect(&p, end, ' ')))
		return 0;
	if (!read_digits(&p, end, 2, &h) || !expect(&p, end, ':') ||
		!read_digits(&p, end, 2, &mi) || !expect(&p, end, ':') ||
		!read_digits(&p, end, 2, &s))
		return 0;
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 60)
		return 0;
	if (expect(&p, end, '.'))
	{
		if (p >= end || *p < '0' || *p > '9')
			return 0;
		for (; p < end && *p >= '0' && *p <= '9'; p++)
		{
			frac += (*p - '0') * scale;
			scale /= 10;
		}
	}
	if (!read_zone(&p, end, &offset) || p != end)
		return 0;
	/* A leap second (:60) is read as the first instant of the next minute. */
	*usec = ((days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset) *
			 USECS_PER_SEC) + frac;
	return 1;
}

/* Decimal Unix seconds, as Unix microseconds. */
int
event_time_epoch(const char *text, size_t len, int64_t *usec)
{
	const char *p = text,
			   *end = text + len;
	int64_t		seconds = 0,
				frac = 0,
				scale = 100000;
	int			digits = 0;

	for (; p < end && *p >= '0' && *p <= '9'; p++)
	{
		if (++digits > 12)
			return 0;
		seconds = seconds * 10 + (*p - '0');
	}
	if (digits == 0)
		return 0;
	if (p < end && *p == '.')
	{
		p++;
		for (; p < end && *p >= '0' && *p <= '9'; p++)
		{
			frac += (*p - '0') * scale;
			scale /= 10;
		}
	}
	if (p != end)
		return 0;
	*usec = seconds * USECS_PER_SEC + frac;
	return 1;
}
