/*
 * bounce_phrases.c — bounce_phrases(): everything the classifier knows, as
 * rows, so that a user reads the knowledge in SQL rather than in
 * the src/core .def tables.  One row per phrase (cues, and the wordings that mark
 * quoted text, banners, forwarded and returned messages), then one per host
 * name or label the classifier knows (blocklist zones, large providers' mail
 * exchangers); given a rule set, then its rules and its large-provider domains.
 */
#include "bouncecode.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "core/hosts.h"
#include "core/phrases.h"
#include "rule_sets.h"

/* Columns of bounce_phrases(), in order. */
enum
{
	PHRASES_CODE,
	PHRASES_KIND,
	PHRASES_ROLE,
	PHRASES_RULE,
	PHRASES_PHRASE,
	PHRASES_STRENGTH,
	PHRASES_LANGUAGE,
	PHRASES_PROVIDER,
	PHRASES_SOURCE,
	PHRASES_NCOLUMNS
};

/* What a phrase of this kind does, as the role column says it. */
static const char *
role_label(int kind, int where)
{
	switch (kind)
	{
		case PHRASE_CUE:
			return where == IN_SUBJECT_ONLY ? "cue_in_subject" : "cue";
		case PHRASE_CUT:
			return "original_message_follows";
		case PHRASE_FORWARD:
			return "forwarded_message";
		case PHRASE_QUOTE:
			return "quoted_text_follows";
		case PHRASE_BANNER:
			return "banner";
		case PHRASE_SENDER_STAGE:
			return "sender_stage";
		case PHRASE_ENCLOSED_BOUNCE:
			return "enclosed_bounce";
	}
	return "other";
}

/* The provider a provider-documentation rule belongs to: its prefix before '_'. */
static text *
provider_of(const char *rule)
{
	const char *us = strchr(rule, '_');

	return cstring_to_text_with_len(rule, us != NULL ? (int) (us - rule) : (int) strlen(rule));
}

/* Fill one row for a phrase. */
static void
phrase_row(const phrase *p, BounceKindLabels *labels, Datum *values, bool *nulls)
{
	if (p->kind == PHRASE_CUE)
	{
		values[PHRASES_CODE] = BounceCodeGetDatum((BounceCode) p->code);
		values[PHRASES_KIND] = ObjectIdGetDatum(labels->oids[bounce_code_info_of((BounceCode) p->code)->kind]);
		values[PHRASES_STRENGTH] = Int32GetDatum(p->strength);
	}
	else
		nulls[PHRASES_CODE] = nulls[PHRASES_KIND] = nulls[PHRASES_STRENGTH] = true;
	values[PHRASES_ROLE] = PointerGetDatum(cstring_to_text(role_label(p->kind, p->where)));
	values[PHRASES_RULE] = PointerGetDatum(cstring_to_text(p->rule));
	values[PHRASES_PHRASE] = PointerGetDatum(bounce_utf8_text(p->text));
	if (p->lang != NULL)
		values[PHRASES_LANGUAGE] = PointerGetDatum(cstring_to_text(p->lang));
	else
		nulls[PHRASES_LANGUAGE] = true;
	if (strcmp(p->source, "provider_documentation") == 0)
		values[PHRASES_PROVIDER] = PointerGetDatum(provider_of(p->rule));
	else
		nulls[PHRASES_PROVIDER] = true;
	values[PHRASES_SOURCE] = PointerGetDatum(cstring_to_text(p->source));
}

/* Fill one row for a host name or label. */
static void
host_row(const host_knowledge *k, BounceKindLabels *labels, Datum *values, bool *nulls)
{
	if (k->code >= 0)
	{
		values[PHRASES_CODE] = BounceCodeGetDatum((BounceCode) k->code);
		values[PHRASES_KIND] = ObjectIdGetDatum(labels->oids[bounce_code_info_of((BounceCode) k->code)->kind]);
	}
	else
		nulls[PHRASES_CODE] = nulls[PHRASES_KIND] = true;
	values[PHRASES_ROLE] = PointerGetDatum(cstring_to_text(k->code >= 0 ?
														   (k->is_label ? "host_label_cue" : "host_cue") :
														   "large_provider_host"));
	values[PHRASES_RULE] = PointerGetDatum(cstring_to_text(k->rule));
	values[PHRASES_PHRASE] = PointerGetDatum(cstring_to_text(k->host));
	nulls[PHRASES_STRENGTH] = true;
	nulls[PHRASES_LANGUAGE] = true;
	nulls[PHRASES_PROVIDER] = true;
	values[PHRASES_SOURCE] = PointerGetDatum(cstring_to_text("hosts"));
}

/* Fill one row for a rule set's large-provider domain. */
static void
provider_row(const char *domain, Datum *values, bool *nulls)
{
	nulls[PHRASES_CODE] = nulls[PHRASES_KIND] = nulls[PHRASES_STRENGTH] = true;
	values[PHRASES_ROLE] = PointerGetDatum(cstring_to_text("large_provider_domain"));
	nulls[PHRASES_RULE] = true;
	values[PHRASES_PHRASE] = PointerGetDatum(cstring_to_text(domain));
	nulls[PHRASES_LANGUAGE] = true;
	nulls[PHRASES_PROVIDER] = true;
	values[PHRASES_SOURCE] = PointerGetDatum(cstring_to_text("rule_set"));
}

PG_FUNCTION_INFO_V1(bounce_phrases_catalog);
/*
 * bounce_phrases([ruleset]): one row per phrase, then per host name, in table
 * order; then the rule set's rules and domains.
 */
Datum
bounce_phrases_catalog(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	const bounce_ruleset *rs = bounce_rule_set_arg(fcinfo, 0);
	uint64		builtin = (uint64) bounce_phrase_count + (uint64) host_knowledge_count();

	if (SRF_IS_FIRSTCALL())
		bounce_catalog_first_call(fcinfo, PHRASES_NCOLUMNS, PHRASES_KIND,
								  builtin + (rs != NULL ? (uint64) rs->nrules + (uint64) rs->nproviders : 0),
								  "bounce_phrases()");

	funcctx = SRF_PERCALL_SETUP();
	if (funcctx->call_cntr < funcctx->max_calls)
	{
		Datum		values[PHRASES_NCOLUMNS];
		bool		nulls[PHRASES_NCOLUMNS] = {false};
		BounceKindLabels *labels = (BounceKindLabels *) funcctx->user_fctx;
		int			i = (int) funcctx->call_cntr;

		if (i < bounce_phrase_count)
			phrase_row(&bounce_phrases[i], labels, values, nulls);
		else if ((uint64) i >= builtin)
		{
			/* The set is looked up per row: one read again meanwhile may be shorter. */
			int			j = (int) ((uint64) i - builtin);

			if (j < rs->nrules)
				phrase_row(&rs->phrases[j], labels, values, nulls);
			else if (j - rs->nrules < rs->nproviders)
				provider_row(rs->providers[j - rs->nrules], values, nulls);
			else
				SRF_RETURN_DONE(funcctx);
		}
		else
		{
			host_knowledge k = host_knowledge_at(i - bounce_phrase_count);

			host_row(&k, labels, values, nulls);
		}
		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}
