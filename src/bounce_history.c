/*
 * bounce_history.c — bounce_invalid() and bounce_verdict(): the aggregate
 * support functions around the pure C history state (src/core/history.c).
 * The core decides; this file moves Datums, validates the rule's parameters,
 * allocates in the aggregate's memory context and turns core statuses into
 * errors.
 *
 * Both aggregates share every support function but the final one: the
 * transition (also the moving-aggregate forward function), the inverse,
 * combine, serialize and deserialize.  The transition takes 2 arguments
 * (code, at) or 4 (code, at, soft_limit, min_span); it tells them apart by
 * its own argument count.
 */
#include "bouncecode.h"

#include "access/htup_details.h"
#include "datatype/timestamp.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "core/history.h"

/* Arguments of the transition and inverse functions, after the state. */
enum
{
	ARG_STATE,
	ARG_CODE,
	ARG_AT,
	ARG_SOFT_LIMIT,
	ARG_MIN_SPAN,
	NARGS_WITH_PARAMS
};

/* Allocation for the core: states may exceed 1 GB in memory. */
static void *
history_alloc(size_t size, void *arg)
{
	return MemoryContextAllocHuge((MemoryContext) arg, size);
}

/* Growth for the core: the block stays in its own context. */
static void *
history_resize(void *block, size_t size, void *arg)
{
	(void) arg;
	return repalloc_huge(block, size);
}

/* An allocator for the core that allocates in mcxt. */
static bounce_history_allocator
allocator_in(MemoryContext mcxt)
{
	bounce_history_allocator allocator = {history_alloc, history_resize, mcxt};

	return allocator;
}

/* Raise the error a core status stands for (OK and CANNOT_UNDO are not errors). */
static void
check_status(bounce_history_status status)
{
	switch (status)
	{
		case BOUNCE_HISTORY_OK:
		case BOUNCE_HISTORY_CANNOT_UNDO:
			return;
		case BOUNCE_HISTORY_NO_MEMORY:
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory for a bounce history")));
			break;
		case BOUNCE_HISTORY_TOO_LARGE:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("bounce history of one group is too large"),
					 errdetail("A group can hold at most 4294967295 distinct (time, code) pairs of hard and soft bounces after its latest reset.")));
			break;
		case BOUNCE_HISTORY_PARAMS_DIFFER:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("soft_limit and min_span must be the same for every row of a group")));
			break;
		case BOUNCE_HISTORY_MALFORMED:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid serialized bounce history")));
			break;
	}
}

/* soft_limit must be at least 1. */
static int32
check_soft_limit(int32 soft_limit)
{
	if (soft_limit < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("soft_limit must be at least 1, not %d", soft_limit)));
	return soft_limit;
}

/* The rule of this row: the defaults, or the validated soft_limit and min_span. */
static bounce_history_params
params_arg(FunctionCallInfo fcinfo)
{
	bounce_history_params params = {BOUNCE_HISTORY_DEFAULT_SOFT_LIMIT, BOUNCE_HISTORY_DEFAULT_MIN_SPAN};

	if (PG_NARGS() < NARGS_WITH_PARAMS)
		return params;
	if (PG_ARGISNULL(ARG_SOFT_LIMIT) || PG_ARGISNULL(ARG_MIN_SPAN))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("soft_limit and min_span must not be NULL")));
	params.soft_limit = check_soft_limit(PG_GETARG_INT32(ARG_SOFT_LIMIT));
	params.min_span = bounce_interval_usecs(PG_GETARG_INTERVAL_P(ARG_MIN_SPAN), "min_span");
	return params;
}

/* The state so far, or NULL before the first event. */
static bounce_history *
state_arg(FunctionCallInfo fcinfo)
{
	return PG_ARGISNULL(ARG_STATE) ? NULL : (bounce_history *) PG_GETARG_POINTER(ARG_STATE);
}

/* Rows with a NULL code or time are not events: they are ignored. */
static bool
is_event(FunctionCallInfo fcinfo)
{
	return !PG_ARGISNULL(ARG_CODE) && !PG_ARGISNULL(ARG_AT);
}

PG_FUNCTION_INFO_V1(bounce_history_transfn);
/* Transition (and moving forward) function: add one row's event to the group. */
Datum
bounce_history_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = bounce_aggregate_context(fcinfo, "bounce_history_transfn");
	bounce_history *h = state_arg(fcinfo);
	bounce_history_params params = params_arg(fcinfo);
	bounce_history_allocator allocator = allocator_in(aggcontext);

	/*
	 * A state even for an ignored row: a moving-aggregate transition must not
	 * return NULL.  A state without events still finalizes to NULL.
	 */
	if (h == NULL)
	{
		h = bounce_history_create(&params, &allocator);
		if (h == NULL)
			check_status(BOUNCE_HISTORY_NO_MEMORY);
	}
	else
	{
		bounce_history_params current = bounce_history_get_params(h);

		if (current.soft_limit != params.soft_limit || current.min_span != params.min_span)
			check_status(BOUNCE_HISTORY_PARAMS_DIFFER);
	}
	if (!is_event(fcinfo))
		PG_RETURN_POINTER(h);
	check_status(bounce_history_add(&h, PG_GETARG_BOUNCE_CODE(ARG_CODE),
									PG_GETARG_TIMESTAMPTZ(ARG_AT), &allocator));
	PG_RETURN_POINTER(h);
}

PG_FUNCTION_INFO_V1(bounce_history_invfn);
/*
 * Inverse transition: take out the row that left the window frame.  NULL when
 * the state cannot undo it (the frame's latest reset leaves while events it
 * discarded remain); PostgreSQL then recomputes the frame from its rows.
 */
Datum
bounce_history_invfn(PG_FUNCTION_ARGS)
{
	bounce_history *h;

	bounce_aggregate_context(fcinfo, "bounce_history_invfn");
	h = state_arg(fcinfo);
	if (h == NULL)
		PG_RETURN_NULL();
	if (!is_event(fcinfo))
		PG_RETURN_POINTER(h);
	if (bounce_history_remove(h, PG_GETARG_BOUNCE_CODE(ARG_CODE),
							  PG_GETARG_TIMESTAMPTZ(ARG_AT)) != BOUNCE_HISTORY_OK)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(h);
}

PG_FUNCTION_INFO_V1(bounce_history_combinefn);
/* Combine function: merge a partial state (from a worker) into the leader's. */
Datum
bounce_history_combinefn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = bounce_aggregate_context(fcinfo, "bounce_history_combinefn");
	bounce_history_allocator allocator = allocator_in(aggcontext);
	bounce_history *dst = state_arg(fcinfo);
	bounce_history *src;

	if (PG_ARGISNULL(1))
	{
		if (dst == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(dst);
	}
	src = (bounce_history *) PG_GETARG_POINTER(1);
	/* The first partial state may live in short-lived memory: copy it into ours. */
	if (dst == NULL)
	{
		bounce_history_params params = bounce_history_get_params(src);

		dst = bounce_history_create(&params, &allocator);
		if (dst == NULL)
			check_status(BOUNCE_HISTORY_NO_MEMORY);
	}
	check_status(bounce_history_combine(&dst, src, &allocator));
	PG_RETURN_POINTER(dst);
}

PG_FUNCTION_INFO_V1(bounce_history_serialfn);
/* Serialization function: the state as portable big-endian bytes. */
Datum
bounce_history_serialfn(PG_FUNCTION_ARGS)
{
	bounce_history *h;
	size_t		size;
	bytea	   *out;

	bounce_aggregate_context(fcinfo, "bounce_history_serialfn");
	h = (bounce_history *) PG_GETARG_POINTER(0);
	size = bounce_history_serial_size(h);
	if (size > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("bounce history of one group is too large to pass between processes"),
				 errdetail("Its serialized form would take %zu bytes; the limit is 1 GB.", size),
				 errhint("Disable parallel aggregation for this query: SET max_parallel_workers_per_gather = 0.")));
	out = (bytea *) palloc(VARHDRSZ + size);
	SET_VARSIZE(out, VARHDRSZ + size);
	bounce_history_serialize(h, (unsigned char *) VARDATA(out));
	PG_RETURN_BYTEA_P(out);
}

PG_FUNCTION_INFO_V1(bounce_history_deserialfn);
/* Deserialization function: bytes back to a state, refusing anything but the canonical form. */
Datum
bounce_history_deserialfn(PG_FUNCTION_ARGS)
{
	bytea	   *in;
	bounce_history *h = NULL;
	bounce_history_allocator allocator = allocator_in(CurrentMemoryContext);

	bounce_aggregate_context(fcinfo, "bounce_history_deserialfn");
	in = PG_GETARG_BYTEA_PP(0);
	check_status(bounce_history_deserialize((const unsigned char *) VARDATA_ANY(in),
											VARSIZE_ANY_EXHDR(in), &h, &allocator));
	PG_RETURN_POINTER(h);
}

PG_FUNCTION_INFO_V1(bounce_invalid_finalfn);
/* Final function of bounce_invalid: NULL without rows, else whether the address is invalid. */
Datum
bounce_invalid_finalfn(PG_FUNCTION_ARGS)
{
	bounce_history_verdict verdict;

	if (PG_ARGISNULL(0) ||
		!bounce_history_decide((bounce_history *) PG_GETARG_POINTER(0), &verdict))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(verdict.invalid);
}

/* Columns of the composite type bounce_verdict, in order. */
enum
{
	VERDICT_INVALID,
	VERDICT_REASON,
	VERDICT_HARD_BOUNCES,
	VERDICT_SOFT_BOUNCES,
	VERDICT_FIRST_SOFT,
	VERDICT_LAST_SOFT,
	VERDICT_LAST_RESET,
	VERDICT_NCOLUMNS
};

PG_FUNCTION_INFO_V1(bounce_verdict_finalfn);
/* Final function of bounce_verdict: NULL without rows, else the decision and its evidence. */
Datum
bounce_verdict_finalfn(PG_FUNCTION_ARGS)
{
	bounce_history_verdict verdict;
	Datum		values[VERDICT_NCOLUMNS];
	bool		nulls[VERDICT_NCOLUMNS] = {false};
	TupleDesc	tupdesc;

	if (PG_ARGISNULL(0) ||
		!bounce_history_decide((bounce_history *) PG_GETARG_POINTER(0), &verdict))
		PG_RETURN_NULL();
	tupdesc = bounce_final_tupdesc(fcinfo, VERDICT_NCOLUMNS, "bounce_verdict");

	values[VERDICT_INVALID] = BoolGetDatum(verdict.invalid);
	if (verdict.reason == BOUNCE_REASON_HARD)
		values[VERDICT_REASON] = PointerGetDatum(cstring_to_text("hard"));
	else if (verdict.reason == BOUNCE_REASON_SOFT)
		values[VERDICT_REASON] = PointerGetDatum(cstring_to_text("soft"));
	else
		nulls[VERDICT_REASON] = true;
	values[VERDICT_HARD_BOUNCES] = Int64GetDatum((int64) verdict.hard_bounces);
	values[VERDICT_SOFT_BOUNCES] = Int64GetDatum((int64) verdict.soft_bounces);
	values[VERDICT_FIRST_SOFT] = TimestampTzGetDatum(verdict.first_soft);
	values[VERDICT_LAST_SOFT] = TimestampTzGetDatum(verdict.last_soft);
	nulls[VERDICT_FIRST_SOFT] = nulls[VERDICT_LAST_SOFT] = !verdict.has_soft;
	values[VERDICT_LAST_RESET] = TimestampTzGetDatum(verdict.last_reset);
	nulls[VERDICT_LAST_RESET] = !verdict.has_reset;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
