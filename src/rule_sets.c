/*
 * rule_sets.c — user rule sets in PostgreSQL: the compiled set of a name,
 * cached per backend, and the functions the rule tables use.
 *
 * Like text search configurations (utils/cache/ts_cache.c), a set is read
 * once, compiled into a long-lived memory context and kept in a hash table
 * keyed by its name; classify_bounce(..., ruleset) then costs one hash
 * lookup per row.  A statement that changes the rule tables fires
 * bounce_rules_changed(), which queues a relcache invalidation of the table;
 * every backend (this one at the end of the command, the others when they
 * next read invalidations, at their next statement) marks its cached sets
 * stale in the callback, and the next use reads the set again.  The rows are
 * read with a fresh catalog-style snapshot (systable_beginscan without one),
 * not the transaction's, so a set cached after an invalidation is never
 * older than it.
 */
#include "bouncecode.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "commands/trigger.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "mb/pg_wchar.h"

#include "rule_sets.h"

/* The key of a cached set: its name, NUL-padded (names are at most 63 bytes: the tables' CHECK). */
#define RULE_SET_NAME_MAX 63

typedef struct RuleSetEntry
{
	char		name[RULE_SET_NAME_MAX + 1];	/* hash key */
	bool		valid;
	MemoryContext context;		/* holds rs; NULL when none */
	bounce_ruleset *rs;
} RuleSetEntry;

/* The tables the sets are read from, by name in the extension's schema. */
typedef struct RuleTables
{
	Oid			namespace;
	Oid			sets;
	Oid			rules;
	Oid			providers;
} RuleTables;

static HTAB *rule_set_cache;
static RuleTables tables;

/* The entry the last call used (entries never move nor go: only their contents are replaced). */
static RuleSetEntry *last_entry;

/* Counts the invalidations of the rule tables: a set read while one came in is stale at once. */
static uint64 rule_tables_generation;

/* The context a compile allocates in (the core's allocator has no argument). */
static MemoryContext compile_context;

/* The core's allocator while compiling: the set's own context, NULL when out of memory. */
static void *
compile_alloc(size_t size)
{
	return MemoryContextAllocExtended(compile_context, size, MCXT_ALLOC_NO_OOM | MCXT_ALLOC_HUGE);
}

/* The matching release. */
static void
compile_release(void *p)
{
	pfree(p);
}

/*
 * The start of a value for an error message: at most 80 bytes, cut on a
 * character boundary, control characters shown as '?'.
 */
static char *
value_for_message(const char *value, int len)
{
	int			keep = pg_mbcliplen(value, len, 80);
	char	   *out = palloc(keep + 4);
	int			i;

	for (i = 0; i < keep; i++)
		out[i] = ((unsigned char) value[i] < 0x20 || value[i] == 0x7f) ? '?' : value[i];
	strcpy(out + keep, keep < len ? "..." : "");
	return out;
}

/* Relcache callback: a rule table changed (or every relation did): every set is stale. */
static void
rule_tables_changed(Datum arg, Oid relid)
{
	HASH_SEQ_STATUS status;
	RuleSetEntry *entry;

	(void) arg;
	if (OidIsValid(relid) && relid != tables.sets && relid != tables.rules && relid != tables.providers)
		return;
	/* The tables may be gone (DROP EXTENSION): look them up again. */
	tables.namespace = InvalidOid;
	rule_tables_generation++;
	hash_seq_init(&status, rule_set_cache);
	while ((entry = hash_seq_search(&status)) != NULL)
		entry->valid = false;
}

/* The hash table and the invalidation callback, made on first use. */
static void
rule_set_cache_init(void)
{
	HASHCTL		ctl;

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = RULE_SET_NAME_MAX + 1;
	ctl.entrysize = sizeof(RuleSetEntry);
	ctl.hcxt = CacheMemoryContext;
	rule_set_cache = hash_create("bouncecode rule sets", 16, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	CacheRegisterRelcacheCallback(rule_tables_changed, (Datum) 0);
}

/* The OID of one of the extension's tables in namespace; an error when it is missing. */
static Oid
rule_table(const char *name, Oid namespace)
{
	Oid			relid = get_relname_relid(name, namespace);

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("bouncecode's table %s.%s is missing", get_namespace_name(namespace), name),
				 errhint("Reinstall the extension: DROP EXTENSION bouncecode; CREATE EXTENSION bouncecode;")));
	return relid;
}

/* Look the tables up in namespace (again after an invalidation, or for another schema). */
static void
find_rule_tables(Oid namespace)
{
	if (tables.namespace == namespace)
		return;
	tables.sets = rule_table("bounce_rulesets", namespace);
	tables.rules = rule_table("bounce_rules", namespace);
	tables.providers = rule_table("bounce_large_providers", namespace);
	tables.namespace = namespace;
}

/* A column's number, by name (users may add columns; the order is not relied upon). */
static AttrNumber
column(Relation rel, const char *name)
{
	AttrNumber	attnum = get_attnum(RelationGetRelid(rel), name);

	if (attnum == InvalidAttrNumber)
		elog(ERROR, "bouncecode: column %s of %s is missing", name, RelationGetRelationName(rel));
	return attnum;
}

/* A text column of a deformed row as a C string in the current context, NULL when SQL NULL. */
static char *
text_value(Datum *values, bool *nulls, AttrNumber attnum)
{
	return nulls[attnum - 1] ? NULL : TextDatumGetCString(values[attnum - 1]);
}

/* Is the text column of a deformed row equal to name? */
static bool
names_set(Datum *values, bool *nulls, AttrNumber attnum, const char *name)
{
	text	   *t;

	if (nulls[attnum - 1])
		return false;
	t = DatumGetTextPP(values[attnum - 1]);
	return VARSIZE_ANY_EXHDR(t) == strlen(name) && memcmp(VARDATA_ANY(t), name, strlen(name)) == 0;
}

/* A growing array of rows read, in the current context. */
typedef struct RowList
{
	int			n;
	int			room;
	void	   *items;
	size_t		item_size;
} RowList;

/* Room for one more item; returns it. */
static void *
row_list_add(RowList *list)
{
	if (list->n == list->room)
	{
		list->room = list->room == 0 ? 16 : list->room * 2;
		list->items = list->items == NULL ? palloc(list->item_size * list->room) :
			repalloc(list->items, list->item_size * list->room);
	}
	return (char *) list->items + list->item_size * list->n++;
}

/* Open a rule table and start a scan with a fresh snapshot. */
static SysScanDesc
begin_read(Oid relid, Relation *rel, Datum **values, bool **nulls)
{
	*rel = table_open(relid, AccessShareLock);
	*values = palloc(sizeof(Datum) * RelationGetDescr(*rel)->natts);
	*nulls = palloc(sizeof(bool) * RelationGetDescr(*rel)->natts);
	return systable_beginscan(*rel, InvalidOid, false, NULL, 0, NULL);
}

/* End a scan begun by begin_read. */
static void
end_read(SysScanDesc scan, Relation rel)
{
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
}

/* Does the set exist (a row of bounce_rulesets)? */
static bool
set_exists(const char *name)
{
	Relation	rel;
	Datum	   *values;
	bool	   *nulls;
	SysScanDesc scan = begin_read(tables.sets, &rel, &values, &nulls);
	AttrNumber	name_col = column(rel, "name");
	HeapTuple	tuple;
	bool		found = false;

	while (!found && HeapTupleIsValid(tuple = systable_getnext(scan)))
	{
		heap_deform_tuple(tuple, RelationGetDescr(rel), values, nulls);
		found = names_set(values, nulls, name_col, name);
	}
	end_read(scan, rel);
	return found;
}

/* The rules of a set, in the order of their names (so that ties between rules are stable). */
static void
read_rules(const char *name, RowList *rules)
{
	Relation	rel;
	Datum	   *values;
	bool	   *nulls;
	SysScanDesc scan = begin_read(tables.rules, &rel, &values, &nulls);
	AttrNumber	set_col = column(rel, "ruleset"),
				name_col = column(rel, "name"),
				phrase_col = column(rel, "phrase"),
				code_col = column(rel, "code"),
				domain_col = column(rel, "recipient_domain"),
				host_col = column(rel, "remote_host"),
				class_col = column(rel, "reply_class"),
				status_col = column(rel, "status");
	HeapTuple	tuple;

	while (HeapTupleIsValid(tuple = systable_getnext(scan)))
	{
		bounce_rule_def *r;

		heap_deform_tuple(tuple, RelationGetDescr(rel), values, nulls);
		if (!names_set(values, nulls, set_col, name) || nulls[name_col - 1] ||
			nulls[phrase_col - 1] || nulls[code_col - 1])
			continue;
		r = row_list_add(rules);
		r->name = text_value(values, nulls, name_col);
		r->phrase = text_value(values, nulls, phrase_col);
		r->code = DatumGetBounceCode(values[code_col - 1]);
		r->recipient_domain = text_value(values, nulls, domain_col);
		r->remote_host = text_value(values, nulls, host_col);
		r->reply_class = nulls[class_col - 1] ? 0 : DatumGetInt16(values[class_col - 1]);
		r->status = text_value(values, nulls, status_col);
	}
	end_read(scan, rel);
}

/* The large-provider domains of a set. */
static void
read_providers(const char *name, RowList *domains)
{
	Relation	rel;
	Datum	   *values;
	bool	   *nulls;
	SysScanDesc scan = begin_read(tables.providers, &rel, &values, &nulls);
	AttrNumber	set_col = column(rel, "ruleset"),
				domain_col = column(rel, "domain");
	HeapTuple	tuple;

	while (HeapTupleIsValid(tuple = systable_getnext(scan)))
	{
		heap_deform_tuple(tuple, RelationGetDescr(rel), values, nulls);
		if (names_set(values, nulls, set_col, name) && !nulls[domain_col - 1])
			*(char **) row_list_add(domains) = text_value(values, nulls, domain_col);
	}
	end_read(scan, rel);
}

/* Order rules by name. */
static int
compare_rule_names(const void *a, const void *b)
{
	return strcmp(((const bounce_rule_def *) a)->name, ((const bounce_rule_def *) b)->name);
}

/* Read and compile the set name into a new context, a child of the current one (so an error frees it). */
static bounce_ruleset *
compile_set(const char *name, MemoryContext *context)
{
	RowList		rules = {0, 0, NULL, sizeof(bounce_rule_def)};
	RowList		domains = {0, 0, NULL, sizeof(char *)};
	rule_problem problem;
	int			bad;
	bounce_ruleset *rs;

	if (!set_exists(name))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("rule set \"%s\" does not exist", name),
				 errhint("Rule sets are the rows of bounce_rulesets.")));
	read_rules(name, &rules);
	read_providers(name, &domains);
	if (rules.n > 1)
		qsort(rules.items, rules.n, sizeof(bounce_rule_def), compare_rule_names);

	/* Made under the current context, so that an error frees it; kept only when compiled. */
	compile_context = AllocSetContextCreate(CurrentMemoryContext, "bouncecode rule set", ALLOCSET_SMALL_SIZES);
	rs = bounce_ruleset_compile(name, rules.items, rules.n, (const char *const *) domains.items,
								domains.n, compile_alloc, compile_release, &problem, &bad);
	if (rs == NULL)
		ereport(ERROR,
				(errcode(problem == RULE_NO_MEMORY ? ERRCODE_OUT_OF_MEMORY :
						 problem == RULE_SET_TOO_LARGE || problem == RULE_TOO_MANY_HOSTS ?
						 ERRCODE_PROGRAM_LIMIT_EXCEEDED : ERRCODE_INVALID_PARAMETER_VALUE),
				 bad >= 0 ? errmsg("rule \"%s\" of rule set \"%s\" cannot be used",
								   ((bounce_rule_def *) rules.items)[bad].name, name) :
				 errmsg("rule set \"%s\" cannot be compiled", name),
				 errdetail("%s", bounce_rule_problem_text(problem))));
	*context = compile_context;
	return rs;
}

const bounce_ruleset *
bounce_rule_set(const char *name, size_t len, Oid namespace)
{
	char		key[RULE_SET_NAME_MAX + 1];
	RuleSetEntry *entry;
	bool		found;
	uint64		generation;
	MemoryContext context;
	bounce_ruleset *rs;

	if (len > RULE_SET_NAME_MAX || memchr(name, '\0', len) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("rule set \"%s\" does not exist", value_for_message(name, (int) len)),
				 errdetail("Rule set names are at most %d bytes.", RULE_SET_NAME_MAX)));
	/* The set of the previous call, without hashing: a column of rows usually names one set. */
	if (last_entry != NULL && last_entry->valid && last_entry->name[len] == '\0' &&
		memcmp(last_entry->name, name, len) == 0)
		return last_entry->rs;
	if (rule_set_cache == NULL)
		rule_set_cache_init();
	memset(key, 0, sizeof(key));
	memcpy(key, name, len);
	entry = hash_search(rule_set_cache, key, HASH_FIND, NULL);
	if (entry != NULL && entry->valid)
	{
		last_entry = entry;
		return entry->rs;
	}

	/* Read and compiled before the cache changes: a set that cannot be used leaves no entry. */
	find_rule_tables(namespace);
	generation = rule_tables_generation;
	rs = compile_set(key, &context);
	entry = hash_search(rule_set_cache, key, HASH_ENTER, &found);
	if (found && entry->context != NULL)
		MemoryContextDelete(entry->context);
	MemoryContextSetParent(context, CacheMemoryContext);
	entry->context = context;
	entry->rs = rs;
	/* An invalidation read while the tables were opened: this copy serves this call only. */
	entry->valid = generation == rule_tables_generation;
	last_entry = entry;
	return entry->rs;
}

/* The function whose schema was looked up last, and that schema. */
static Oid	last_function = InvalidOid;
static Oid	last_namespace = InvalidOid;

const bounce_ruleset *
bounce_rule_set_arg(FunctionCallInfo fcinfo, int argno)
{
	text	   *name;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return NULL;
	name = PG_GETARG_TEXT_PP(argno);
	/* The function's schema is the tables': looked up once per function, not per row. */
	if (fcinfo->flinfo->fn_oid != last_function)
	{
		last_namespace = get_func_namespace(fcinfo->flinfo->fn_oid);
		last_function = fcinfo->flinfo->fn_oid;
	}
	return bounce_rule_set(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), last_namespace);
}

/*
 * A check of the rule tables: true, or error 22023 naming what the value
 * should have been and why it is refused.
 */
static Datum
check_value(FunctionCallInfo fcinfo, const char *what, rule_problem (*check) (const char *, size_t))
{
	text	   *value = PG_GETARG_TEXT_PP(0);
	rule_problem problem = check(VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value));

	if (problem != RULE_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s \"%s\"", what,
						value_for_message(VARDATA_ANY(value), (int) VARSIZE_ANY_EXHDR(value))),
				 errdetail("%s", bounce_rule_problem_text(problem))));
	PG_RETURN_BOOL(true);
}

PG_FUNCTION_INFO_V1(bounce_rule_phrase_valid);
/* bounce_rule_phrase_valid(phrase): true, or error 22023 saying why the phrase could never match. */
Datum
bounce_rule_phrase_valid(PG_FUNCTION_ARGS)
{
	return check_value(fcinfo, "rule phrase", bounce_rule_check_phrase);
}

PG_FUNCTION_INFO_V1(bounce_rule_domain_valid);
/* bounce_rule_domain_valid(domain): true, or error 22023 when it is no domain name. */
Datum
bounce_rule_domain_valid(PG_FUNCTION_ARGS)
{
	return check_value(fcinfo, "domain name", bounce_rule_check_domain);
}

PG_FUNCTION_INFO_V1(bounce_rule_status_valid);
/* bounce_rule_status_valid(status): true, or error 22023 when it is no enhanced status code. */
Datum
bounce_rule_status_valid(PG_FUNCTION_ARGS)
{
	return check_value(fcinfo, "enhanced status code", bounce_rule_check_status);
}

PG_FUNCTION_INFO_V1(bounce_rules_changed);
/*
 * Statement-level trigger on the rule tables: queue a relcache invalidation
 * of the table, which every backend's cached sets listen for (see above).
 */
Datum
bounce_rules_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("bounce_rules_changed() must be an AFTER ... FOR EACH STATEMENT trigger")));
	CacheInvalidateRelcacheByRelid(RelationGetRelid(trigdata->tg_relation));
	return PointerGetDatum(NULL);
}
