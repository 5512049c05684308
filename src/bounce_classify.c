/*
 * bounce_classify.c — classify_bounce(), bounce_explain() and
 * bounce_recipient(): the SQL face of the pure C classifier.  The core decides;
 * this file only moves Datums in and out, hands over the rule set named by the
 * third argument (rule_sets.c) and honours cancel requests.
 */
#include "bouncecode.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "bounce_classify.h"
#include "rule_sets.h"

/* Called by the core about every megabyte: lets statement_timeout and cancel in. */
static void
interrupt_hook(void *arg)
{
	(void) arg;
	CHECK_FOR_INTERRUPTS();
}

/* The core's options as every face sets them: the recipient and rule set (NULL: none), the cancel hook. */
void
bounce_classify_options(bounce_options *options, const char *recipient, size_t recipient_len,
						const bounce_ruleset *rules)
{
	memset(options, 0, sizeof(*options));
	options->recipient = recipient;
	options->recipient_len = recipient != NULL ? recipient_len : 0;
	options->rules = rules;
	options->interrupt = interrupt_hook;
}

/* Classify len bytes of response with an optional recipient and rule set (NULL: none). */
void
bounce_classify_bytes(const char *response, size_t len,
					  const char *recipient, size_t recipient_len,
					  const bounce_ruleset *rules, bool code_only, bounce_result *result)
{
	bounce_options options;

	bounce_classify_options(&options, recipient, recipient_len, rules);
	options.code_only = code_only;
	bounce_classify(response, len, &options, result);
}

/* Classify a text Datum with an optional recipient and rule set (NULL: none). */
static void
classify_text(text *response, text *recipient, const bounce_ruleset *rules, bool code_only,
			  bounce_result *result)
{
	bounce_classify_bytes(VARDATA_ANY(response), VARSIZE_ANY_EXHDR(response),
						  recipient != NULL ? VARDATA_ANY(recipient) : NULL,
						  recipient != NULL ? VARSIZE_ANY_EXHDR(recipient) : 0,
						  rules, code_only, result);
}

/* The optional recipient argument: NULL when absent or SQL NULL. */
static text *
recipient_arg(FunctionCallInfo fcinfo, int argno)
{
	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return NULL;
	return PG_GETARG_TEXT_PP(argno);
}

PG_FUNCTION_INFO_V1(bounce_classify_text);
/* classify_bounce(response [, recipient [, ruleset]]): the bounce code of a response or message. */
Datum
bounce_classify_text(PG_FUNCTION_ARGS)
{
	bounce_result result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	classify_text(PG_GETARG_TEXT_PP(0), recipient_arg(fcinfo, 1), bounce_rule_set_arg(fcinfo, 2),
				  true, &result);
	PG_RETURN_BOUNCE_CODE((BounceCode) result.code);
}

/*
 * Evidence is valid UTF-8 from the core; in a database of another encoding,
 * non-ASCII characters become '?' rather than risk a conversion error.
 */
static text *
evidence_text(const char *utf8)
{
	int			encoding = GetDatabaseEncoding();

	if (encoding == PG_UTF8 || encoding == PG_SQL_ASCII)
		return cstring_to_text(utf8);
	else
	{
		char	   *copy = pstrdup(utf8);
		char	   *p = copy,
				   *q = copy;

		for (; *p; p++)
		{
			unsigned char c = (unsigned char) *p;

			if (c < 0x80)
				*q++ = *p;
			else if ((c & 0xC0) != 0x80)
				*q++ = '?';
		}
		*q = '\0';
		return cstring_to_text(copy);
	}
}

/* Columns of bounce_explain(), in order. */
enum
{
	EXPLAIN_CODE,
	EXPLAIN_KIND,
	EXPLAIN_SMTP_REPLY,
	EXPLAIN_STATUS,
	EXPLAIN_RULE,
	EXPLAIN_EVIDENCE,
	EXPLAIN_RECIPIENT,
	EXPLAIN_PHRASE,
	EXPLAIN_PART,
	EXPLAIN_NCOLUMNS
};

PG_FUNCTION_INFO_V1(bounce_explain_text);
/* bounce_explain(response [, recipient [, ruleset]]): the code and why. */
Datum
bounce_explain_text(PG_FUNCTION_ARGS)
{
	bounce_result result;
	TupleDesc	tupdesc;
	Datum		values[EXPLAIN_NCOLUMNS];
	bool		nulls[EXPLAIN_NCOLUMNS] = {false};
	BounceKindLabels *labels;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	tupdesc = BlessTupleDesc(bounce_result_tupdesc(fcinfo, EXPLAIN_NCOLUMNS, "bounce_explain()"));

	labels = (BounceKindLabels *) fcinfo->flinfo->fn_extra;
	if (labels == NULL)
	{
		labels = bounce_kind_labels(TupleDescAttr(tupdesc, EXPLAIN_KIND)->atttypid,
									fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = labels;
	}

	classify_text(PG_GETARG_TEXT_PP(0), recipient_arg(fcinfo, 1), bounce_rule_set_arg(fcinfo, 2),
				  false, &result);
	values[EXPLAIN_CODE] = BounceCodeGetDatum((BounceCode) result.code);
	values[EXPLAIN_KIND] = ObjectIdGetDatum(labels->oids[bounce_code_info_of((BounceCode) result.code)->kind]);
	values[EXPLAIN_SMTP_REPLY] = Int32GetDatum(result.smtp_reply);
	nulls[EXPLAIN_SMTP_REPLY] = result.smtp_reply == 0;
	values[EXPLAIN_STATUS] = PointerGetDatum(cstring_to_text(result.status));
	nulls[EXPLAIN_STATUS] = result.status[0] == '\0';
	values[EXPLAIN_RULE] = PointerGetDatum(cstring_to_text(result.rule));
	values[EXPLAIN_EVIDENCE] = PointerGetDatum(evidence_text(result.evidence));
	nulls[EXPLAIN_EVIDENCE] = result.evidence[0] == '\0';
	values[EXPLAIN_RECIPIENT] = PointerGetDatum(cstring_to_text(result.recipient));
	nulls[EXPLAIN_RECIPIENT] = result.recipient[0] == '\0';
	if (result.phrase != NULL)
		values[EXPLAIN_PHRASE] = PointerGetDatum(evidence_text(result.phrase));
	nulls[EXPLAIN_PHRASE] = result.phrase == NULL;
	if (result.part != NULL)
		values[EXPLAIN_PART] = PointerGetDatum(cstring_to_text(result.part));
	nulls[EXPLAIN_PART] = result.part == NULL;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

PG_FUNCTION_INFO_V1(bounce_recipient_text);
/* bounce_recipient(message): the failed recipient's address, or NULL. */
Datum
bounce_recipient_text(PG_FUNCTION_ARGS)
{
	bounce_result result;

	classify_text(PG_GETARG_TEXT_PP(0), NULL, NULL, false, &result);
	if (result.recipient[0] == '\0')
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(result.recipient));
}
