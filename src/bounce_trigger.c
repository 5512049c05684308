/*
 * bounce_trigger.c — bounce_classify_trigger(): a BEFORE INSERT OR UPDATE row
 * trigger that fills a code column from a response column (and, optionally, a
 * recipient column), so import tables loaded by COPY and batched INSERTs get
 * their codes as rows land.
 *
 *   CREATE TRIGGER classify BEFORE INSERT OR UPDATE ON bounces FOR EACH ROW
 *       EXECUTE FUNCTION bounce_classify_trigger('smtp_response', 'code', 'email' [, 'ruleset']);
 *
 * The rule: a code the row arrives with is kept.  The trigger fills the code
 * when the row has none (NULL), and on UPDATE recomputes it when the response
 * or the recipient changed and the UPDATE did not set the code itself.  A NULL
 * response gives a NULL code.  The classification is classify_bounce()'s, so
 * a code the trigger writes equals classify_bounce(response, recipient [, ruleset]).  A
 * code supplied in an integer column must be one of the codes: any other
 * integer is refused (22003), as by the cast to bounce_code.
 *
 * The arguments are resolved against the table at the first row and kept in
 * fn_extra: the executor gives every trigger of every result relation (every
 * partition) its own FmgrInfo for the statement, so a whole COPY resolves once.
 */
#include "bouncecode.h"

#include "access/detoast.h"
#include "access/htup_details.h"
#include "access/sysattr.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "parser/parse_coerce.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "bounce_classify.h"
#include "rule_sets.h"

#define USAGE_HINT \
	"Create it as BEFORE INSERT OR UPDATE ... FOR EACH ROW EXECUTE FUNCTION " \
	"bounce_classify_trigger('response column', 'code column' [, 'recipient column' or '' [, 'rule set']])."

/* The type of the code column, which decides the Datum written. */
typedef enum CodeStorage
{
	CODE_AS_BOUNCE_CODE,
	CODE_AS_INT2,
	CODE_AS_INT4,
	CODE_AS_INT8
} CodeStorage;

/* A text column the trigger reads. */
typedef struct TextColumn
{
	int			attnum;			/* 0: not configured (the optional recipient) */
	Oid			typid;			/* its declared type */
	bool		is_bpchar;		/* char(n): the padding is no part of the value */
} TextColumn;

/* The trigger's arguments resolved against its table, kept in fn_extra. */
typedef struct TriggerColumns
{
	Oid			tgoid;			/* the trigger and table they were resolved for */
	Oid			relid;
	int			natts;
	TextColumn	response;
	TextColumn	recipient;
	char		ruleset[NAMEDATALEN];	/* the rule set to classify with, "" for none */
	Oid			namespace;		/* where the rule tables are: the trigger function's schema */
	int			code_attnum;	/* an int: heap_modify_tuple_by_cols takes int[] */
	Oid			code_typid;
	CodeStorage code_storage;
	bool		code_is_domain; /* then what we write must pass domain_check() */
	void	   *domain_cache;	/* domain_check()'s cache */
} TriggerColumns;

/* Report a trigger declared for an event it cannot handle. */
static void
misdeclared(const TriggerData *trigdata, const char *requirement)
{
	ereport(ERROR,
			(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
			 errmsg("trigger \"%s\" on \"%s\" %s",
					trigdata->tg_trigger->tgname,
					RelationGetRelationName(trigdata->tg_relation), requirement),
			 errhint(USAGE_HINT)));
}

/* The trigger data of a BEFORE INSERT or UPDATE row event; any other firing is an error. */
static TriggerData *
trigger_event(FunctionCallInfo fcinfo)
{
	TriggerData *trigdata;
	TriggerEvent event;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("bounce_classify_trigger() was not called by the trigger manager")));
	trigdata = (TriggerData *) fcinfo->context;
	event = trigdata->tg_event;
	if (!TRIGGER_FIRED_FOR_ROW(event))
		misdeclared(trigdata, "must be FOR EACH ROW, not FOR EACH STATEMENT");
	if (TRIGGER_FIRED_AFTER(event))
		misdeclared(trigdata, "must be fired BEFORE, not AFTER");
	if (TRIGGER_FIRED_INSTEAD(event))
		misdeclared(trigdata, "must be fired BEFORE, not INSTEAD OF");
	if (TRIGGER_FIRED_BY_DELETE(event))
		misdeclared(trigdata, "must be fired on INSERT or UPDATE, not on DELETE");
	return trigdata;
}

/* Two to four arguments: the response column, the code column, the recipient column, the rule set. */
static void
check_argument_count(const TriggerData *trigdata)
{
	int			nargs = trigdata->tg_trigger->tgnargs;

	if (nargs < 2 || nargs > 4)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg_plural("trigger \"%s\" on \"%s\" gives bounce_classify_trigger() %d argument, but it takes 2 to 4",
							   "trigger \"%s\" on \"%s\" gives bounce_classify_trigger() %d arguments, but it takes 2 to 4",
							   nargs, trigdata->tg_trigger->tgname,
							   RelationGetRelationName(trigdata->tg_relation), nargs),
				 errhint(USAGE_HINT)));
}

/* The attribute number of column argument argno: an existing user column, not a generated one. */
static int
column_number(const TriggerData *trigdata, int argno, const char *role)
{
	TupleDesc	tupdesc = RelationGetDescr(trigdata->tg_relation);
	const char *name = trigdata->tg_trigger->tgargs[argno];
	int			attnum = SPI_fnumber(tupdesc, name);

	if (attnum == SPI_ERROR_NOATTRIBUTE)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("trigger \"%s\" on \"%s\": %s column \"%s\" does not exist",
						trigdata->tg_trigger->tgname,
						RelationGetRelationName(trigdata->tg_relation), role, name)));
	if (attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
				 errmsg("trigger \"%s\" on \"%s\": %s column \"%s\" is a system column",
						trigdata->tg_trigger->tgname,
						RelationGetRelationName(trigdata->tg_relation), role, name)));
	/* A BEFORE trigger sees generated columns before they are computed. */
	if (TupleDescAttr(tupdesc, attnum - 1)->attgenerated != '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
				 errmsg("trigger \"%s\" on \"%s\": %s column \"%s\" is a generated column",
						trigdata->tg_trigger->tgname,
						RelationGetRelationName(trigdata->tg_relation), role, name),
				 errdetail("Generated columns are computed after BEFORE triggers run.")));
	return attnum;
}

/* Resolve a text column argument: text, varchar, char(n) or a domain over one. */
static TextColumn
text_column(const TriggerData *trigdata, int argno, const char *role)
{
	TextColumn	col;

	col.attnum = column_number(trigdata, argno, role);
	col.typid = TupleDescAttr(RelationGetDescr(trigdata->tg_relation), col.attnum - 1)->atttypid;
	col.is_bpchar = getBaseType(col.typid) == BPCHAROID;
	if (!col.is_bpchar && !IsBinaryCoercible(col.typid, TEXTOID))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("trigger \"%s\" on \"%s\": %s column \"%s\" is of type %s, not a text type",
						trigdata->tg_trigger->tgname,
						RelationGetRelationName(trigdata->tg_relation), role,
						trigdata->tg_trigger->tgargs[argno], format_type_be(col.typid)),
				 errhint("Use a text, varchar or char column, or a domain over one.")));
	return col;
}

/* Our bounce_code type: it lives in this function's schema (the extension is not relocatable). */
static Oid
bounce_code_type(Oid fn_oid)
{
	return GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
						   CStringGetDatum("bounce_code"),
						   ObjectIdGetDatum(get_func_namespace(fn_oid)));
}

/* How a code column of base type base stores a code; false for any other type. */
static bool
code_storage_of(Oid base, Oid bounce_code_oid, CodeStorage *storage)
{
	if (base == bounce_code_oid)
		*storage = CODE_AS_BOUNCE_CODE;
	else if (base == INT2OID)
		*storage = CODE_AS_INT2;
	else if (base == INT4OID)
		*storage = CODE_AS_INT4;
	else if (base == INT8OID)
		*storage = CODE_AS_INT8;
	else
		return false;
	return true;
}

/*
 * Resolve the code column argument: bounce_code, smallint, integer, bigint or
 * a domain over one, without a default (a default would count as a supplied
 * code, and the trigger would never classify).
 */
static void
resolve_code_column(TriggerColumns *cols, const TriggerData *trigdata, Oid fn_oid)
{
	const char *name = trigdata->tg_trigger->tgargs[1];
	Form_pg_attribute attr;
	Oid			base;

	cols->code_attnum = column_number(trigdata, 1, "code");
	attr = TupleDescAttr(RelationGetDescr(trigdata->tg_relation), cols->code_attnum - 1);
	cols->code_typid = attr->atttypid;
	base = getBaseType(cols->code_typid);
	cols->code_is_domain = base != cols->code_typid;
	if (!code_storage_of(base, bounce_code_type(fn_oid), &cols->code_storage))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("trigger \"%s\" on \"%s\": code column \"%s\" is of type %s, not bounce_code or an integer type",
						trigdata->tg_trigger->tgname,
						RelationGetRelationName(trigdata->tg_relation), name,
						format_type_be(cols->code_typid)),
				 errhint("Use a bounce_code, smallint, integer or bigint column, or a domain over one.")));
	if (attr->atthasdef || attr->attidentity != '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_COLUMN_DEFINITION),
				 errmsg("trigger \"%s\" on \"%s\": code column \"%s\" %s",
						trigdata->tg_trigger->tgname,
						RelationGetRelationName(trigdata->tg_relation), name,
						attr->attidentity != '\0' ? "is an identity column" : "has a default"),
				 errdetail("The trigger keeps a code the row arrives with, so with a default it would never classify."),
				 errhint("Drop the column's default or identity.")));
}

/* Resolve the trigger's arguments against its table. */
static TriggerColumns
resolve_columns(const TriggerData *trigdata, Oid fn_oid)
{
	TriggerColumns cols;

	memset(&cols, 0, sizeof(cols));
	check_argument_count(trigdata);
	cols.tgoid = trigdata->tg_trigger->tgoid;
	cols.relid = RelationGetRelid(trigdata->tg_relation);
	cols.natts = RelationGetDescr(trigdata->tg_relation)->natts;
	cols.response = text_column(trigdata, 0, "response");
	resolve_code_column(&cols, trigdata, fn_oid);
	/* An empty recipient argument names no column, so that a rule set can follow without one. */
	if (trigdata->tg_trigger->tgnargs >= 3 && trigdata->tg_trigger->tgargs[2][0] != '\0')
		cols.recipient = text_column(trigdata, 2, "recipient");
	if (trigdata->tg_trigger->tgnargs == 4)
	{
		/* A set that does not exist is an error now, not at the first row with a response. */
		const char *set = trigdata->tg_trigger->tgargs[3];

		cols.namespace = get_func_namespace(fn_oid);
		(void) bounce_rule_set(set, strlen(set), cols.namespace);
		strlcpy(cols.ruleset, set, sizeof(cols.ruleset));
	}
	return cols;
}

/* Is column attnum of tupdesc still a live column of type typid? */
static bool
column_fits(TupleDesc tupdesc, int attnum, Oid typid)
{
	Form_pg_attribute attr = TupleDescAttr(tupdesc, attnum - 1);

	return !attr->attisdropped && attr->atttypid == typid;
}

/*
 * Do the cached columns still describe this trigger's table?  Within one
 * statement the table cannot change (ALTER TABLE waits for our lock, or refuses
 * a table in use by this session), so this only guards against an FmgrInfo
 * that outlives its statement; it costs a few comparisons per row.
 */
static bool
columns_fit(const TriggerColumns *cols, const TriggerData *trigdata)
{
	TupleDesc	tupdesc = RelationGetDescr(trigdata->tg_relation);

	return cols->tgoid == trigdata->tg_trigger->tgoid &&
		cols->relid == RelationGetRelid(trigdata->tg_relation) &&
		cols->natts == tupdesc->natts &&
		column_fits(tupdesc, cols->response.attnum, cols->response.typid) &&
		column_fits(tupdesc, cols->code_attnum, cols->code_typid) &&
		(cols->recipient.attnum == 0 ||
		 column_fits(tupdesc, cols->recipient.attnum, cols->recipient.typid));
}

/* The resolved columns: cached in fn_extra, resolved again when they no longer fit. */
static TriggerColumns *
trigger_columns(FunctionCallInfo fcinfo, const TriggerData *trigdata)
{
	TriggerColumns *cols = (TriggerColumns *) fcinfo->flinfo->fn_extra;

	if (cols == NULL || !columns_fit(cols, trigdata))
	{
		TriggerColumns resolved = resolve_columns(trigdata, fcinfo->flinfo->fn_oid);

		if (cols == NULL)
			cols = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(TriggerColumns));
		*cols = resolved;
		fcinfo->flinfo->fn_extra = cols;
	}
	return cols;
}

/* Do two varlena values hold the same bytes, however each is stored (compressed, out of line, short header)? */
static bool
same_varlena(Datum a, Datum b)
{
	struct varlena *x,
			   *y;

	if (toast_raw_datum_size(a) != toast_raw_datum_size(b))
		return false;
	x = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(a));
	y = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(b));
	return VARSIZE_ANY_EXHDR(x) == VARSIZE_ANY_EXHDR(y) &&
		memcmp(VARDATA_ANY(x), VARDATA_ANY(y), VARSIZE_ANY_EXHDR(x)) == 0;
}

/* Does column attnum hold the same value in two versions of a row (NULLs alike)? */
static bool
same_value(HeapTuple a, HeapTuple b, int attnum, TupleDesc tupdesc)
{
	Form_pg_attribute attr = TupleDescAttr(tupdesc, attnum - 1);
	bool		a_null,
				b_null;
	Datum		a_value = heap_getattr(a, attnum, tupdesc, &a_null);
	Datum		b_value = heap_getattr(b, attnum, tupdesc, &b_null);

	if (a_null || b_null)
		return a_null == b_null;
	if (datumIsEqual(a_value, b_value, attr->attbyval, attr->attlen))
		return true;
	return attr->attlen == -1 && same_varlena(a_value, b_value);
}

/*
 * Did this UPDATE supply the code?  Yes when its SET list names the code
 * column (tg_updatedcols), or when the code differs from the old row's, which
 * also catches a change made by an earlier BEFORE trigger.
 */
static bool
update_sets_code(const TriggerColumns *cols, const TriggerData *trigdata)
{
	return bms_is_member(cols->code_attnum - FirstLowInvalidHeapAttributeNumber,
						 trigdata->tg_updatedcols) ||
		!same_value(trigdata->tg_trigtuple, trigdata->tg_newtuple, cols->code_attnum,
					RelationGetDescr(trigdata->tg_relation));
}

/*
 * Did this UPDATE change what the code is computed from?  The values are
 * compared rather than tg_updatedcols trusted alone: an earlier BEFORE trigger
 * may have changed them unlisted, and "SET response = response" changes nothing.
 */
static bool
update_changes_input(const TriggerColumns *cols, const TriggerData *trigdata)
{
	TupleDesc	tupdesc = RelationGetDescr(trigdata->tg_relation);

	return !same_value(trigdata->tg_trigtuple, trigdata->tg_newtuple, cols->response.attnum, tupdesc) ||
		(cols->recipient.attnum != 0 &&
		 !same_value(trigdata->tg_trigtuple, trigdata->tg_newtuple, cols->recipient.attnum, tupdesc));
}

/* What the trigger does with a row's code. */
typedef enum CodeAction
{
	CODE_FILL,					/* classify the response */
	CODE_KEEP_SUPPLIED,			/* keep the code this statement supplied */
	CODE_KEEP_STORED			/* keep the code the row already had */
} CodeAction;

/*
 * The keep-or-fill rule.  A row without a code gets one.  A row with a code
 * keeps it, except after an UPDATE that changed the response or the recipient
 * without setting the code: the old code described the old text.
 */
static CodeAction
code_action(const TriggerColumns *cols, const TriggerData *trigdata, HeapTuple row)
{
	if (heap_attisnull(row, cols->code_attnum, RelationGetDescr(trigdata->tg_relation)))
		return CODE_FILL;
	if (!TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) || update_sets_code(cols, trigdata))
		return CODE_KEEP_SUPPLIED;
	return update_changes_input(cols, trigdata) ? CODE_FILL : CODE_KEEP_STORED;
}

/* The value of an integer code column's Datum. */
static int64
integer_code(CodeStorage storage, Datum value)
{
	switch (storage)
	{
		case CODE_AS_INT2:
			return DatumGetInt16(value);
		case CODE_AS_INT4:
			return DatumGetInt32(value);
		case CODE_AS_INT8:
			return DatumGetInt64(value);
		case CODE_AS_BOUNCE_CODE:
			break;
	}
	return DatumGetBounceCode(value);
}

/* The CONTEXT line of an error about a supplied code: which trigger, table and column. */
static void
supplied_code_context(void *arg)
{
	const TriggerData *trigdata = (const TriggerData *) arg;

	errcontext("code supplied to trigger \"%s\" on \"%s\" in column \"%s\"",
			   trigdata->tg_trigger->tgname,
			   RelationGetRelationName(trigdata->tg_relation),
			   trigdata->tg_trigger->tgargs[1]);
}

/*
 * A code supplied in an integer column must be a bounce code (22003, as the
 * cast says); a bounce_code column holds nothing else.
 */
static void
check_supplied_code(const TriggerColumns *cols, const TriggerData *trigdata, HeapTuple row)
{
	ErrorContextCallback context;
	bool		isnull;
	Datum		value;

	if (cols->code_storage == CODE_AS_BOUNCE_CODE)
		return;
	value = heap_getattr(row, cols->code_attnum, RelationGetDescr(trigdata->tg_relation), &isnull);
	Assert(!isnull);
	context.callback = supplied_code_context;
	context.arg = (void *) trigdata;
	context.previous = error_context_stack;
	error_context_stack = &context;
	(void) bounce_code_from_integer(integer_code(cols->code_storage, value));
	error_context_stack = context.previous;
}

/* The bytes classify_bounce() sees for a text value: char(n) loses its padding, as in its cast to text. */
static const char *
text_bytes(Datum value, bool is_bpchar, size_t *len)
{
	text	   *t = DatumGetTextPP(value);
	int			n = VARSIZE_ANY_EXHDR(t);

	if (is_bpchar)
		n = bpchartruelen(VARDATA_ANY(t), n);
	*len = (size_t) n;
	return VARDATA_ANY(t);
}

/* Classify a row's response, with its recipient when the trigger names one and it is not NULL. */
static BounceCode
classify_row(const TriggerColumns *cols, HeapTuple row, TupleDesc tupdesc, Datum response)
{
	bounce_result result;
	const char *response_bytes,
			   *recipient_bytes = NULL;
	size_t		response_len,
				recipient_len = 0;

	response_bytes = text_bytes(response, cols->response.is_bpchar, &response_len);
	if (cols->recipient.attnum != 0)
	{
		bool		isnull;
		Datum		recipient = heap_getattr(row, cols->recipient.attnum, tupdesc, &isnull);

		if (!isnull)
			recipient_bytes = text_bytes(recipient, cols->recipient.is_bpchar, &recipient_len);
	}
	bounce_classify_bytes(response_bytes, response_len, recipient_bytes, recipient_len,
						  cols->ruleset[0] != '\0' ?
						  bounce_rule_set(cols->ruleset, strlen(cols->ruleset), cols->namespace) : NULL,
						  true, &result);
	return (BounceCode) result.code;
}

/* A code as a Datum of the code column's type. */
static Datum
code_datum(CodeStorage storage, BounceCode code)
{
	switch (storage)
	{
		case CODE_AS_INT2:
			return Int16GetDatum(code);
		case CODE_AS_INT4:
			return Int32GetDatum(code);
		case CODE_AS_INT8:
			return Int64GetDatum(code);
		case CODE_AS_BOUNCE_CODE:
			break;
	}
	return BounceCodeGetDatum(code);
}

/* The row with its code set from its response (NULL for a NULL response). */
static HeapTuple
with_code(FunctionCallInfo fcinfo, TriggerColumns *cols, const TriggerData *trigdata, HeapTuple row)
{
	TupleDesc	tupdesc = RelationGetDescr(trigdata->tg_relation);
	bool		isnull;
	Datum		response = heap_getattr(row, cols->response.attnum, tupdesc, &isnull);
	Datum		code = (Datum) 0;

	if (!isnull)
		code = code_datum(cols->code_storage, classify_row(cols, row, tupdesc, response));
	/* The executor checks table constraints after BEFORE triggers, but not a domain's. */
	if (cols->code_is_domain)
		domain_check(code, isnull, cols->code_typid, &cols->domain_cache, fcinfo->flinfo->fn_mcxt);
	return heap_modify_tuple_by_cols(row, tupdesc, 1, &cols->code_attnum, &code, &isnull);
}

PG_FUNCTION_INFO_V1(bounce_classify_trigger);
/* bounce_classify_trigger(response column, code column [, recipient column [, rule set]]): fill in each row's code. */
Datum
bounce_classify_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = trigger_event(fcinfo);
	TriggerColumns *cols = trigger_columns(fcinfo, trigdata);
	HeapTuple	row = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ?
		trigdata->tg_newtuple : trigdata->tg_trigtuple;

	switch (code_action(cols, trigdata, row))
	{
		case CODE_FILL:
			return PointerGetDatum(with_code(fcinfo, cols, trigdata, row));
		case CODE_KEEP_SUPPLIED:
			check_supplied_code(cols, trigdata, row);
			break;
		case CODE_KEEP_STORED:
			break;
	}
	return PointerGetDatum(row);
}
