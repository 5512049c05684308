/*
 * bounce_domain_health.c — bounce_domain_health(): the aggregate support
 * functions around the pure C domain-health state (src/core/domain_health.c).
 * The core decides; this file moves Datums, validates the rule's parameters,
 * allocates the state in the aggregate's memory context and turns core
 * statuses into errors.
 *
 * The transition takes 2 arguments (code, at) or 6 (code, at, min_events,
 * window, problem_share, dominant_share); it tells them apart by its own
 * argument count.  The state is of fixed size.
 */
#include "bouncecode.h"

#include "access/htup_details.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "core/domain_health.h"

/* Arguments of the transition and inverse functions, after the state. */
enum
{
	ARG_STATE,
	ARG_CODE,
	ARG_AT,
	ARG_MIN_EVENTS,
	ARG_WINDOW,
	ARG_PROBLEM_SHARE,
	ARG_DOMINANT_SHARE,
	NARGS_WITH_PARAMS
};

/* Raise the error a core status stands for (OK and CANNOT_UNDO are not errors). */
static void
check_status(domain_health_status status)
{
	switch (status)
	{
		case DOMAIN_HEALTH_OK:
		case DOMAIN_HEALTH_CANNOT_UNDO:
			return;
		case DOMAIN_HEALTH_PARAMS_DIFFER:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("min_events, window, problem_share and dominant_share must be the same for every row of a group")));
			break;
		case DOMAIN_HEALTH_MALFORMED:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid serialized domain health state")));
			break;
	}
}

/* A share parameter: a number from 0 to 1. */
static double
share_arg(FunctionCallInfo fcinfo, int argno, const char *name)
{
	double		share = PG_GETARG_FLOAT8(argno);

	if (!(share >= 0.0 && share <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be between 0 and 1, not %g", name, share)));
	return share;
}

/* The rule of this row: the defaults, or the validated parameters. */
static domain_health_params
params_arg(FunctionCallInfo fcinfo)
{
	domain_health_params params = domain_health_default_params();

	if (PG_NARGS() < NARGS_WITH_PARAMS)
		return params;
	if (PG_ARGISNULL(ARG_MIN_EVENTS) || PG_ARGISNULL(ARG_WINDOW) ||
		PG_ARGISNULL(ARG_PROBLEM_SHARE) || PG_ARGISNULL(ARG_DOMINANT_SHARE))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_events, window, problem_share and dominant_share must not be NULL")));
	params.min_events = PG_GETARG_INT32(ARG_MIN_EVENTS);
	if (params.min_events < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_events must be at least 1, not %d", params.min_events)));
	params.window = bounce_interval_usecs(PG_GETARG_INTERVAL_P(ARG_WINDOW), "window");
	params.problem_share = share_arg(fcinfo, ARG_PROBLEM_SHARE, "problem_share");
	params.dominant_share = share_arg(fcinfo, ARG_DOMINANT_SHARE, "dominant_share");
	return params;
}

/* The state so far, or NULL before the first row. */
static domain_health *
state_arg(FunctionCallInfo fcinfo)
{
	return PG_ARGISNULL(ARG_STATE) ? NULL : (domain_health *) PG_GETARG_POINTER(ARG_STATE);
}

/* Rows with a NULL code or time are not events: they are ignored. */
static bool
is_event(FunctionCallInfo fcinfo)
{
	return !PG_ARGISNULL(ARG_CODE) && !PG_ARGISNULL(ARG_AT);
}

/* A new empty state for the rule, in the aggregate's context. */
static domain_health *
new_state(MemoryContext aggcontext, const domain_health_params *params)
{
	domain_health *h = (domain_health *) MemoryContextAlloc(aggcontext, sizeof(domain_health));

	domain_health_init(h, params);
	return h;
}

PG_FUNCTION_INFO_V1(bounce_domain_health_transfn);
/* Transition (and moving forward) function: add one row to the group. */
Datum
bounce_domain_health_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = bounce_aggregate_context(fcinfo, "bounce_domain_health_transfn");
	domain_health *h = state_arg(fcinfo);
	domain_health_params params = params_arg(fcinfo);

	/* A state even for an ignored row: a moving-aggregate transition must not return NULL. */
	if (h == NULL)
		h = new_state(aggcontext, &params);
	else if (!domain_health_params_equal(&h->params, &params))
		check_status(DOMAIN_HEALTH_PARAMS_DIFFER);
	if (is_event(fcinfo))
		domain_health_add(h, PG_GETARG_BOUNCE_CODE(ARG_CODE), PG_GETARG_TIMESTAMPTZ(ARG_AT));
	PG_RETURN_POINTER(h);
}

PG_FUNCTION_INFO_V1(bounce_domain_health_invfn);
/*
 * Inverse transition: take out the row that left the window frame.  NULL when
 * the state cannot undo it (the frame's first or last problem, or last
 * success, leaves while others of its kind remain); PostgreSQL then
 * recomputes the frame from its rows.
 */
Datum
bounce_domain_health_invfn(PG_FUNCTION_ARGS)
{
	domain_health *h;

	bounce_aggregate_context(fcinfo, "bounce_domain_health_invfn");
	h = state_arg(fcinfo);
	if (h == NULL)
		PG_RETURN_NULL();
	if (!is_event(fcinfo))
		PG_RETURN_POINTER(h);
	if (domain_health_remove(h, PG_GETARG_BOUNCE_CODE(ARG_CODE), PG_GETARG_TIMESTAMPTZ(ARG_AT)) != DOMAIN_HEALTH_OK)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(h);
}

PG_FUNCTION_INFO_V1(bounce_domain_health_combinefn);
/* Combine function: merge a partial state (from a worker) into the leader's. */
Datum
bounce_domain_health_combinefn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = bounce_aggregate_context(fcinfo, "bounce_domain_health_combinefn");
	domain_health *dst = state_arg(fcinfo);
	domain_health *src;

	if (PG_ARGISNULL(1))
	{
		if (dst == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(dst);
	}
	src = (domain_health *) PG_GETARG_POINTER(1);
	/* The first partial state may live in short-lived memory: copy it into ours. */
	if (dst == NULL)
	{
		dst = new_state(aggcontext, &src->params);
		*dst = *src;
		PG_RETURN_POINTER(dst);
	}
	check_status(domain_health_combine(dst, src));
	PG_RETURN_POINTER(dst);
}

PG_FUNCTION_INFO_V1(bounce_domain_health_serialfn);
/* Serialization function: the state as portable big-endian bytes. */
Datum
bounce_domain_health_serialfn(PG_FUNCTION_ARGS)
{
	bytea	   *out;

	bounce_aggregate_context(fcinfo, "bounce_domain_health_serialfn");
	out = (bytea *) palloc(VARHDRSZ + DOMAIN_HEALTH_SERIAL_SIZE);
	SET_VARSIZE(out, VARHDRSZ + DOMAIN_HEALTH_SERIAL_SIZE);
	domain_health_serialize((const domain_health *) PG_GETARG_POINTER(0), (unsigned char *) VARDATA(out));
	PG_RETURN_BYTEA_P(out);
}

PG_FUNCTION_INFO_V1(bounce_domain_health_deserialfn);
/* Deserialization function: bytes back to a state, refusing anything inconsistent. */
Datum
bounce_domain_health_deserialfn(PG_FUNCTION_ARGS)
{
	bytea	   *in;
	domain_health *h;

	bounce_aggregate_context(fcinfo, "bounce_domain_health_deserialfn");
	in = PG_GETARG_BYTEA_PP(0);
	h = (domain_health *) palloc(sizeof(domain_health));
	check_status(domain_health_deserialize((const unsigned char *) VARDATA_ANY(in), VARSIZE_ANY_EXHDR(in), h));
	PG_RETURN_POINTER(h);
}

/* Columns of the composite type bounce_health, in order. */
enum
{
	HEALTH_STATE,
	HEALTH_EVENTS,
	HEALTH_SUCCESSES,
	HEALTH_UNREACHABLE,
	HEALTH_BLOCKS,
	HEALTH_THROTTLES,
	HEALTH_OTHERS,
	HEALTH_BLOCK_SHARE,
	HEALTH_FIRST_PROBLEM,
	HEALTH_LAST_PROBLEM,
	HEALTH_LAST_SUCCESS,
	HEALTH_NCOLUMNS
};

PG_FUNCTION_INFO_V1(bounce_domain_health_finalfn);
/* Final function: NULL without rows, else the state and its evidence as a bounce_health. */
Datum
bounce_domain_health_finalfn(PG_FUNCTION_ARGS)
{
	domain_health_verdict v;
	Datum		values[HEALTH_NCOLUMNS];
	bool		nulls[HEALTH_NCOLUMNS] = {false};
	TupleDesc	tupdesc;

	if (PG_ARGISNULL(0) || !domain_health_decide((const domain_health *) PG_GETARG_POINTER(0), &v))
		PG_RETURN_NULL();
	tupdesc = bounce_final_tupdesc(fcinfo, HEALTH_NCOLUMNS, "bounce_health");
	values[HEALTH_STATE] = PointerGetDatum(cstring_to_text(domain_state_name(v.state)));
	values[HEALTH_EVENTS] = Int64GetDatum((int64) v.events);
	values[HEALTH_SUCCESSES] = Int64GetDatum((int64) v.counts[DOMAIN_KIND_SUCCESS]);
	values[HEALTH_UNREACHABLE] = Int64GetDatum((int64) v.counts[DOMAIN_KIND_UNREACHABLE]);
	values[HEALTH_BLOCKS] = Int64GetDatum((int64) v.counts[DOMAIN_KIND_BLOCK]);
	values[HEALTH_THROTTLES] = Int64GetDatum((int64) v.counts[DOMAIN_KIND_THROTTLE]);
	values[HEALTH_OTHERS] = Int64GetDatum((int64) v.counts[DOMAIN_KIND_OTHER]);
	values[HEALTH_BLOCK_SHARE] = Float8GetDatum(v.block_share);
	nulls[HEALTH_BLOCK_SHARE] = !v.has_outcomes;
	values[HEALTH_FIRST_PROBLEM] = TimestampTzGetDatum(v.first_problem);
	values[HEALTH_LAST_PROBLEM] = TimestampTzGetDatum(v.last_problem);
	nulls[HEALTH_FIRST_PROBLEM] = nulls[HEALTH_LAST_PROBLEM] = !v.has_problem;
	values[HEALTH_LAST_SUCCESS] = TimestampTzGetDatum(v.last_success);
	nulls[HEALTH_LAST_SUCCESS] = !v.has_success;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
