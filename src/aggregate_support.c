/*
 * aggregate_support.c — what the aggregates' glue files share: the aggregate
 * memory context check, an interval parameter as microseconds, and the
 * composite result type of a final function, looked up once per call site.
 */
#include "bouncecode.h"

#include "common/int.h"
#include "utils/memutils.h"

MemoryContext
bounce_aggregate_context(FunctionCallInfo fcinfo, const char *function)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s can only be called as an aggregate support function", function)));
	return aggcontext;
}

/*
 * An interval parameter in microseconds, counting a month as 30 days and a
 * day as 24 hours: the arithmetic of interval comparison, so that a span
 * compared with it means the same as in SQL.  It must be finite, not
 * negative, and fit in 64-bit microseconds; name is the parameter's, for the
 * errors (22023).
 */
int64
bounce_interval_usecs(const Interval *span, const char *name)
{
	int64		months,
				days,
				total;

	if (!BounceIntervalIsFinite(span))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be finite", name)));
	if (pg_mul_s64_overflow((int64) span->month, DAYS_PER_MONTH * USECS_PER_DAY, &months) ||
		pg_mul_s64_overflow((int64) span->day, USECS_PER_DAY, &days) ||
		pg_add_s64_overflow(months, days, &total) ||
		pg_add_s64_overflow(total, span->time, &total))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s is out of range", name),
				 errhint("%s must be at most about 292000 years.", name)));
	if (total < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative", name)));
	return total;
}

TupleDesc
bounce_final_tupdesc(FunctionCallInfo fcinfo, int ncolumns, const char *what)
{
	TupleDesc	tupdesc = (TupleDesc) fcinfo->flinfo->fn_extra;
	MemoryContext oldcontext;

	if (tupdesc != NULL)
		return tupdesc;
	tupdesc = bounce_result_tupdesc(fcinfo, ncolumns, what);
	oldcontext = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
	MemoryContextSwitchTo(oldcontext);
	fcinfo->flinfo->fn_extra = tupdesc;
	return tupdesc;
}
