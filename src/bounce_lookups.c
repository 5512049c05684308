/*
 * bounce_lookups.c — what a code means: its kind, name and descriptions, the
 * predicates reports filter on, and the catalog function bounce_codes().
 * Every answer comes from the core table; nothing here decides anything.
 */
#include "bouncecode.h"

#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

/* Look up one label of the enum type in pg_enum. */
static Oid
kind_label_oid(Oid kind_type, bounce_kind kind)
{
	const char *label = bounce_kind_label(kind);
	Oid			oid = GetSysCacheOid2(ENUMTYPOIDNAME, Anum_pg_enum_oid,
									  ObjectIdGetDatum(kind_type),
									  CStringGetDatum(label));

	if (!OidIsValid(oid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("enum type %s has no label \"%s\"", format_type_be(kind_type), label),
				 errhint("The bouncecode extension's objects may be damaged; reinstall it.")));
	return oid;
}

BounceKindLabels *
bounce_kind_labels(Oid kind_type, MemoryContext mcxt)
{
	BounceKindLabels *labels = MemoryContextAlloc(mcxt, sizeof(BounceKindLabels));
	int			k;

	labels->kind_type = kind_type;
	for (k = 0; k < BOUNCE_KIND_COUNT; k++)
		labels->oids[k] = kind_label_oid(kind_type, (bounce_kind) k);
	return labels;
}

text *
bounce_utf8_text(const char *utf8)
{
	int			len = (int) strlen(utf8);
	char	   *converted = pg_any_to_server(utf8, len, PG_UTF8);

	return cstring_to_text_with_len(converted, (int) strlen(converted));
}

PG_FUNCTION_INFO_V1(bounce_code_kind);
/* bounce_kind(bounce_code): hard, soft, other or na. */
Datum
bounce_code_kind(PG_FUNCTION_ARGS)
{
	const bounce_code_info *info = bounce_code_info_of(PG_GETARG_BOUNCE_CODE(0));
	BounceKindLabels *labels = (BounceKindLabels *) fcinfo->flinfo->fn_extra;

	/* The labels' OIDs are looked up once per call site, not once per row. */
	if (labels == NULL)
	{
		labels = bounce_kind_labels(get_func_rettype(fcinfo->flinfo->fn_oid),
									fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = labels;
	}
	return ObjectIdGetDatum(labels->oids[info->kind]);
}

PG_FUNCTION_INFO_V1(bounce_code_is_hard);
/* bounce_is_hard(bounce_code): the address is invalid at once. */
Datum
bounce_code_is_hard(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(bounce_code_info_of(PG_GETARG_BOUNCE_CODE(0))->kind == BOUNCE_KIND_HARD);
}

PG_FUNCTION_INFO_V1(bounce_code_is_soft);
/* bounce_is_soft(bounce_code): the address is invalid if it keeps happening. */
Datum
bounce_code_is_soft(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(bounce_code_info_of(PG_GETARG_BOUNCE_CODE(0))->kind == BOUNCE_KIND_SOFT);
}

PG_FUNCTION_INFO_V1(bounce_code_address_at_fault);
/* bounce_address_at_fault(bounce_code): hard or soft, the kinds that count against an address. */
Datum
bounce_code_address_at_fault(PG_FUNCTION_ARGS)
{
	bounce_kind kind = bounce_code_info_of(PG_GETARG_BOUNCE_CODE(0))->kind;

	PG_RETURN_BOOL(kind == BOUNCE_KIND_HARD || kind == BOUNCE_KIND_SOFT);
}

PG_FUNCTION_INFO_V1(bounce_code_name);
/* bounce_code_name(bounce_code): the stable symbolic name, e.g. dns_failure. */
Datum
bounce_code_name(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(bounce_code_info_of(PG_GETARG_BOUNCE_CODE(0))->name));
}

PG_FUNCTION_INFO_V1(bounce_code_description);
/* bounce_description(bounce_code): the seed's English wording. */
Datum
bounce_code_description(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(bounce_utf8_text(bounce_code_info_of(PG_GETARG_BOUNCE_CODE(0))->description_en));
}

/* The supported description languages, for lookups and for the error. */
static const char *
description_in(const bounce_code_info *info, const char *lang)
{
	if (pg_strcasecmp(lang, "en") == 0)
		return info->description_en;
	if (pg_strcasecmp(lang, "sv") == 0)
		return info->description_sv;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unsupported language for bounce_description: \"%s\"", lang),
			 errhint("Supported languages are 'en' (English) and 'sv' (Swedish).")));
	return NULL;				/* not reached */
}

PG_FUNCTION_INFO_V1(bounce_code_description_lang);
/* bounce_description(bounce_code, lang): 'en' or 'sv'. */
Datum
bounce_code_description_lang(PG_FUNCTION_ARGS)
{
	const bounce_code_info *info = bounce_code_info_of(PG_GETARG_BOUNCE_CODE(0));
	char	   *lang = text_to_cstring(PG_GETARG_TEXT_PP(1));

	PG_RETURN_TEXT_P(bounce_utf8_text(description_in(info, lang)));
}

TupleDesc
bounce_result_tupdesc(FunctionCallInfo fcinfo, int ncolumns, const char *what)
{
	TupleDesc	tupdesc;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s must be called where a row type is expected", what)));
	if (tupdesc->natts != ncolumns)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s is declared with %d columns, expected %d", what, tupdesc->natts, ncolumns),
				 errhint("The bouncecode extension's objects may be damaged; reinstall it.")));
	return tupdesc;
}

FuncCallContext *
bounce_catalog_first_call(FunctionCallInfo fcinfo, int ncolumns, int kind_column, uint64 max_calls,
						  const char *what)
{
	FuncCallContext *funcctx = SRF_FIRSTCALL_INIT();
	MemoryContext oldcontext = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
	TupleDesc	tupdesc = bounce_result_tupdesc(fcinfo, ncolumns, what);

	funcctx->tuple_desc = BlessTupleDesc(tupdesc);
	funcctx->user_fctx = bounce_kind_labels(TupleDescAttr(tupdesc, kind_column)->atttypid,
											funcctx->multi_call_memory_ctx);
	funcctx->max_calls = max_calls;
	MemoryContextSwitchTo(oldcontext);
	return funcctx;
}

/* Columns of bounce_codes(), in order. */
enum
{
	CATALOG_CODE,
	CATALOG_NAME,
	CATALOG_KIND,
	CATALOG_DESCRIPTION,
	CATALOG_DESCRIPTION_SV,
	CATALOG_EXAMPLE,
	CATALOG_NCOLUMNS
};

PG_FUNCTION_INFO_V1(bounce_codes_catalog);
/* bounce_codes(): one row per code, in code order. */
Datum
bounce_codes_catalog(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;

	if (SRF_IS_FIRSTCALL())
		bounce_catalog_first_call(fcinfo, CATALOG_NCOLUMNS, CATALOG_KIND, BOUNCE_CODE_COUNT, "bounce_codes()");

	funcctx = SRF_PERCALL_SETUP();
	if (funcctx->call_cntr < funcctx->max_calls)
	{
		const bounce_code_info *info = &bounce_code_table[funcctx->call_cntr];
		TupleDesc	tupdesc = funcctx->tuple_desc;
		Datum		values[CATALOG_NCOLUMNS];
		bool		nulls[CATALOG_NCOLUMNS] = {false};
		BounceKindLabels *labels = (BounceKindLabels *) funcctx->user_fctx;

		values[CATALOG_CODE] = BounceCodeGetDatum((BounceCode) info->code);
		values[CATALOG_NAME] = PointerGetDatum(cstring_to_text(info->name));
		values[CATALOG_KIND] = ObjectIdGetDatum(labels->oids[info->kind]);
		values[CATALOG_DESCRIPTION] = PointerGetDatum(bounce_utf8_text(info->description_en));
		values[CATALOG_DESCRIPTION_SV] = PointerGetDatum(bounce_utf8_text(info->description_sv));
		if (info->example != NULL)
			values[CATALOG_EXAMPLE] = PointerGetDatum(bounce_utf8_text(info->example));
		else
			nulls[CATALOG_EXAMPLE] = true;
		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}
