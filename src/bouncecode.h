/*
 * bouncecode.h — the bounce_code type's Datum representation and the helpers
 * the glue files share.
 *
 * A bounce_code is stored as an int16 holding the numeric code: 2 bytes, passed
 * by value, int2-aligned.  This representation is on disk and must never change.
 */
#ifndef BOUNCECODE_H
#define BOUNCECODE_H

#include "compat.h"
#include "access/tupdesc.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "funcapi.h"

#include "core/bounce_codes.h"

typedef int16 BounceCode;

#define DatumGetBounceCode(X)	((BounceCode) DatumGetInt16(X))
#define BounceCodeGetDatum(X)	Int16GetDatum(X)
#define PG_GETARG_BOUNCE_CODE(n) DatumGetBounceCode(PG_GETARG_DATUM(n))
#define PG_RETURN_BOUNCE_CODE(x) return BounceCodeGetDatum(x)

/* The table row of a stored code; a stored value that is no code is corruption. */
extern const bounce_code_info *bounce_code_info_of(BounceCode code);

/* An integer as a bounce_code; one that is no code is error 22003, as in the casts. */
extern BounceCode bounce_code_from_integer(int64 value);

/* The OIDs of the labels of the SQL enum bounce_kind, indexed by bounce_kind. */
typedef struct BounceKindLabels
{
	Oid			kind_type;
	Oid			oids[BOUNCE_KIND_COUNT];
} BounceKindLabels;

/* Look up the labels of kind_type (the enum bounce_kind) into mcxt. */
extern BounceKindLabels *bounce_kind_labels(Oid kind_type, MemoryContext mcxt);

/* Text datum of a UTF-8 C string, converted to the database encoding. */
extern text *bounce_utf8_text(const char *utf8);

/*
 * The composite result type of the calling function, checked to have ncolumns
 * columns; what names the function in the errors.
 */
extern TupleDesc bounce_result_tupdesc(FunctionCallInfo fcinfo, int ncolumns, const char *what);

/*
 * The first call of a catalog function returning rows with a bounce_kind
 * column: the blessed row type, the kind labels (user_fctx) and max_calls.
 */
extern FuncCallContext *bounce_catalog_first_call(FunctionCallInfo fcinfo, int ncolumns, int kind_column,
												  uint64 max_calls, const char *what);

/* The aggregate's memory context; calling a support function directly is an error (0A000). */
extern MemoryContext bounce_aggregate_context(FunctionCallInfo fcinfo, const char *function);

/* An interval parameter named name in microseconds (months of 30 days); finite and not negative, else 22023. */
extern int64 bounce_interval_usecs(const Interval *span, const char *name);

/* The blessed composite result type of an aggregate's final function, looked up once per call site. */
extern TupleDesc bounce_final_tupdesc(FunctionCallInfo fcinfo, int ncolumns, const char *what);

#endif							/* BOUNCECODE_H */
