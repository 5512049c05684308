/*
 * bounce_recipients.c — bounce_recipients(message [, recipient]): one row per
 * recipient a bounce reports, each with its own facts and code.  The core
 * (core/classify_recipients.h) reads and decides; this file moves the rows
 * into a tuplestore (materialize mode, as contrib's pg_stat_statements and
 * dblink return their rows) and honours cancel requests.
 */
#include "bouncecode.h"

#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "bounce_classify.h"
#include "core/classify_recipients.h"
#include "rule_sets.h"

/* Columns of bounce_recipients(), in order. */
enum
{
	RCPT_RECIPIENT,
	RCPT_FINAL_RECIPIENT,
	RCPT_ACTION,
	RCPT_STATUS,
	RCPT_SMTP_REPLY,
	RCPT_REMOTE_MTA,
	RCPT_SMTP_COMMAND,
	RCPT_DIAGNOSTIC,
	RCPT_CODE,
	RCPT_KIND,
	RCPT_RULE,
	RCPT_NCOLUMNS
};

/*
 * What one call is asked: the message and the options that shape the
 * reading.  New options (a ruleset) are new fields here, set by the SQL
 * entry points below.
 */
typedef struct BounceRecipientsCall
{
	text	   *message;		/* NULL: no rows */
	text	   *recipient;		/* the address the message was sent to; NULL: unknown */
	const bounce_ruleset *rules;	/* the rule set named; NULL: the built-in knowledge only */
} BounceRecipientsCall;

/* Where rows go while the core hands them out. */
typedef struct RowSink
{
	Tuplestorestate *store;
	TupleDesc	tupdesc;
	const BounceKindLabels *labels;
	MemoryContext row_context;	/* reset after each row */
} RowSink;

/* The core's memory: a huge-capable palloc/repalloc in the calling context. */
static void *
grow_block(void *ptr, size_t size, void *arg)
{
	(void) arg;
	if (ptr == NULL)
		return MemoryContextAllocHuge(CurrentMemoryContext, size);
	return repalloc_huge(ptr, size);
}

/* A text column, or NULL. */
static void
set_text(Datum *values, bool *nulls, int column, const char *s)
{
	nulls[column] = s == NULL;
	if (s != NULL)
		values[column] = PointerGetDatum(bounce_utf8_text(s));
}

/* One row from the core into the tuplestore. */
static void
put_row(void *arg, const bounce_recipient_row *row)
{
	RowSink    *sink = arg;
	Datum		values[RCPT_NCOLUMNS];
	bool		nulls[RCPT_NCOLUMNS];
	MemoryContext old = MemoryContextSwitchTo(sink->row_context);

	memset(nulls, 0, sizeof(nulls));
	set_text(values, nulls, RCPT_RECIPIENT, row->recipient);
	set_text(values, nulls, RCPT_FINAL_RECIPIENT, row->final_recipient);
	set_text(values, nulls, RCPT_ACTION, row->action);
	set_text(values, nulls, RCPT_STATUS, row->status);
	values[RCPT_SMTP_REPLY] = Int32GetDatum(row->smtp_reply);
	nulls[RCPT_SMTP_REPLY] = row->smtp_reply == 0;
	set_text(values, nulls, RCPT_REMOTE_MTA, row->remote_mta);
	set_text(values, nulls, RCPT_SMTP_COMMAND, row->smtp_command);
	set_text(values, nulls, RCPT_DIAGNOSTIC, row->diagnostic);
	values[RCPT_CODE] = BounceCodeGetDatum((BounceCode) row->code);
	values[RCPT_KIND] = ObjectIdGetDatum(sink->labels->oids[bounce_code_info_of((BounceCode) row->code)->kind]);
	set_text(values, nulls, RCPT_RULE, row->rule);
	tuplestore_putvalues(sink->store, sink->tupdesc, values, nulls);
	MemoryContextSwitchTo(old);
	MemoryContextReset(sink->row_context);
}

/* Check that the caller takes a materialized set (contrib's check, word for word in spirit). */
static ReturnSetInfo *
materialize_result(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	if (!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("materialize mode required, but it is not allowed in this context")));
	return rsinfo;
}

/* Read the call's message and return its recipients as the function's result set. */
static void
bounce_recipients_materialize(FunctionCallInfo fcinfo, const BounceRecipientsCall *call)
{
	ReturnSetInfo *rsinfo = materialize_result(fcinfo);
	MemoryContext per_query = rsinfo->econtext->ecxt_per_query_memory;
	MemoryContext old;
	RowSink		sink;
	bounce_options options;
	bounce_recipients_io io;
	BounceKindLabels *labels;
	TupleDesc	tupdesc;

	old = MemoryContextSwitchTo(per_query);
	tupdesc = BlessTupleDesc(CreateTupleDescCopy(bounce_result_tupdesc(fcinfo, RCPT_NCOLUMNS,
																	   "bounce_recipients()")));
	sink.store = tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0,
									   false, work_mem);
	MemoryContextSwitchTo(old);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = sink.store;
	rsinfo->setDesc = tupdesc;

	labels = (BounceKindLabels *) fcinfo->flinfo->fn_extra;
	if (labels == NULL)
	{
		labels = bounce_kind_labels(TupleDescAttr(tupdesc, RCPT_KIND)->atttypid, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = labels;
	}
	if (call->message == NULL)
		return;
	sink.tupdesc = tupdesc;
	sink.labels = labels;
	sink.row_context = AllocSetContextCreate(CurrentMemoryContext, "bounce_recipients row",
											 ALLOCSET_SMALL_SIZES);

	bounce_classify_options(&options,
							call->recipient != NULL ? VARDATA_ANY(call->recipient) : NULL,
							call->recipient != NULL ? VARSIZE_ANY_EXHDR(call->recipient) : 0,
							call->rules);
	io.grow = grow_block;
	io.grow_arg = NULL;
	io.row = put_row;
	io.row_arg = &sink;
	io.block = NULL;
	/* grow_block raises "out of memory" itself, so the core never sees NULL. */
	(void) bounce_classify_recipients(VARDATA_ANY(call->message), VARSIZE_ANY_EXHDR(call->message),
									  &options, &io);
	if (io.block != NULL)
		pfree(io.block);
	MemoryContextDelete(sink.row_context);
}

PG_FUNCTION_INFO_V1(bounce_recipients_text);
/* bounce_recipients(message [, recipient [, ruleset]]): every recipient of a bounce with its own code. */
Datum
bounce_recipients_text(PG_FUNCTION_ARGS)
{
	BounceRecipientsCall call;

	/* The two- and three-argument forms are not STRICT: a NULL recipient means unknown, a NULL rule set none; a NULL message, no rows. */
	call.message = PG_ARGISNULL(0) ? NULL : PG_GETARG_TEXT_PP(0);
	call.recipient = PG_NARGS() > 1 && !PG_ARGISNULL(1) ? PG_GETARG_TEXT_PP(1) : NULL;
	call.rules = call.message != NULL ? bounce_rule_set_arg(fcinfo, 2) : NULL;
	bounce_recipients_materialize(fcinfo, &call);
	return (Datum) 0;
}
