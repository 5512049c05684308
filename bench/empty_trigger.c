/*
 * empty_trigger.c — bench_empty_trigger(): a C row trigger that does nothing
 * and returns the row unchanged.  It is PostgreSQL's own floor for any BEFORE
 * ROW trigger (firing it at all turns off COPY's multi-insert), the yardstick
 * bench/trigger.sh compares bounce_classify_trigger() with.
 *
 * Not part of the extension: bench/trigger.sh compiles it into a throwaway
 * shared library with pg_config's flags and loads it from its path:
 *
 *   CREATE FUNCTION bench_empty_trigger() RETURNS trigger
 *       AS '/path/empty_trigger.so', 'bench_empty_trigger' LANGUAGE C;
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "fmgr.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(bench_empty_trigger);

/* Return the row the trigger fired for (the new row on UPDATE), unchanged. */
Datum
bench_empty_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("bench_empty_trigger: not called by the trigger manager")));
	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		return PointerGetDatum(trigdata->tg_newtuple);
	return PointerGetDatum(trigdata->tg_trigtuple);
}
