/*
 * classify.c — the decision: weigh what the scanner found and name one code.
 *
 * Precedence (the README's "How it decides" table is this function in prose):
 *   1. An RFC 5965 feedback report is a spam complaint (200).
 *   2. The strongest piece of evidence wins: a phrase cue, the enhanced status
 *      code or the basic reply code, each with its strength (phrases.h,
 *      smtp_status.c); a tie between a phrase and the enhanced status code
 *      goes to the status code, one with the basic reply code to the phrase.
 *   3. A DSN whose recipients were only delayed is a transient bounce (70),
 *      whatever the reason given: the message may still arrive.  One whose
 *      recipients were only delivered is no bounce (0).  Either gives way to a
 *      definitive cue (the platform's own events).  A DSN that failed with
 *      a temporary status (4.x.x) after connection or temporary errors gave up
 *      when the queue lifetime ran out: 40.
 *   4. An auto-reply header (RFC 3834) on a message that is no DSN, does not
 *      come from a mailer daemon and carries no failure code is an auto-reply
 *      (60) unless a stronger cue is present.
 *   5. No evidence at all: 40, a general bounce — kind Other, so a text nobody
 *      can read never invalidates an address.
 *   6. A failed connection (29) to a large mailbox provider is a block (59).
 */
#include "classify.h"

#include <stdio.h>
#include <string.h>

#include "bounce_codes.h"
#include "matcher.h"
#include "message.h"
#include "phrases.h"
#include "providers.h"
#include "scanner.h"

/* Strengths of the structural facts, on the phrase scale. */
#define AUTO_REPLY_HEADER (STRONG - 5)

static matcher automaton;
static int	automaton_ready;

int
bounce_classifier_init(void *(*alloc) (size_t), void (*release) (void *))
{
	const char **texts;
	char	   *folded;
	size_t		used = 0,
				room = 0;
	int			i,
				rc;

	if (automaton_ready)
		return 0;
	/* The automaton matches folded text, so it is built from folded patterns. */
	for (i = 0; i < bounce_phrase_count; i++)
		room += strlen(bounce_phrases[i].text) + 1;
	texts = alloc(sizeof(const char *) * (size_t) bounce_phrase_count);
	folded = alloc(room);
	if (texts == NULL || folded == NULL)
		return -1;
	for (i = 0; i < bounce_phrase_count; i++)
	{
		texts[i] = folded + used;
		used += scan_fold_pattern(bounce_phrases[i].text, folded + used, room - used) + 1;
	}
	rc = matcher_build(&automaton, texts, bounce_phrase_count, alloc, release);
	release(texts);
	release(folded);
	if (rc != 0)
		return -1;
	automaton_ready = 1;
	return 0;
}

/* Copy the winning evidence into the result. */
static void
take(bounce_result *r, const scan_evidence *ev)
{
	r->code = ev->code;
	r->rule = ev->rule;
	scan_evidence_text(ev, r->evidence);
}

/*
 * Does the failed recipient belong to a large mailbox provider?  The recipient
 * given by the caller counts first, then the one found in the text; only when
 * neither is known does a large provider's host name in the text decide.
 */
static int
recipient_is_large_provider(const scan_state *sc, const bounce_options *opt)
{
	const char *addr = sc->recipient;
	size_t		len = strlen(sc->recipient);
	const char *domain;
	size_t		dlen;

	if (opt != NULL && opt->recipient != NULL && opt->recipient_len > 0)
	{
		addr = opt->recipient;
		len = opt->recipient_len;
	}
	if (len == 0)
		return sc->provider_host;
	domain = bounce_address_domain(addr, len, &dlen);
	if (dlen == 0)
		return sc->provider_host;
	if (bounce_is_large_provider(domain, dlen))
		return 1;
	return opt != NULL && opt->is_extra_provider != NULL &&
		opt->is_extra_provider(domain, dlen, opt->provider_arg);
}

/* Is there nothing but whitespace? */
static int
is_blank_text(const char *text, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n' &&
			text[i] != '\f' && text[i] != '\v' && text[i] != '\0')
			return 0;
	return 1;
}

/* Steps 1-5 of the precedence above. */
static void
decide(const scan_state *sc, const char *text, size_t len, bounce_result *r)
{
	const scan_evidence *best = &sc->cue;
	int			failure_code = sc->reply_code >= 400 ||
		sc->status_code.klass == 4 || sc->status_code.klass == 5;

	if (sc->arf)
	{
		r->code = BOUNCE_200;
		r->rule = sc->structure.code == BOUNCE_200 && sc->structure.rule != NULL ?
			sc->structure.rule : "arf_feedback_report";
		scan_evidence_text(&sc->structure, r->evidence);
		return;
	}
	if (sc->status.score >= best->score && sc->status.score > 0)
		best = &sc->status;	/* a tie with a phrase goes to the registry's code */
	if (sc->reply.score > best->score)
		best = &sc->reply;

	if (sc->dsn && !sc->action_failed && (sc->action_delivered || sc->action_delayed) &&
		best->score < DEFINITIVE)
	{
		take(r, &sc->structure);
		return;
	}
	/* Failed after temporary errors: the queue lifetime ran out (the seed's 40 example). */
	if (sc->action_failed && sc->status_code.klass == 4 && best->score < DEFINITIVE &&
		(best->code == BOUNCE_29 || best->code == BOUNCE_70 ||
		 (best->code == BOUNCE_20 && best->score < STRONG)))
	{
		r->code = BOUNCE_40;
		r->rule = "expired_after_retries";
		scan_evidence_text(best, r->evidence);
		return;
	}
	if (sc->auto_replied && !sc->dsn && !sc->from_mailer && !failure_code &&
		best->score < AUTO_REPLY_HEADER)
	{
		r->code = BOUNCE_60;
		r->rule = "auto_submitted_header";
		if (best->score > 0)
			scan_evidence_text(best, r->evidence);
		return;
	}
	if (best->score > 0)
	{
		take(r, best);
		return;
	}
	r->code = BOUNCE_40;
	r->rule = is_blank_text(text, len) ? "empty" : "no_cue";
	scan_copy_evidence(r->evidence, text, len < BOUNCE_EVIDENCE_MAX ? len : BOUNCE_EVIDENCE_MAX);
}

void
bounce_classify(const char *text, size_t len, const bounce_options *options, bounce_result *r)
{
	scan_state	sc;

	memset(r, 0, sizeof(*r));
	r->code = BOUNCE_40;
	r->rule = "classifier_not_initialised";
	if (!automaton_ready)
		return;
	scan_begin(&sc, &automaton, options);
	message_scan(&sc, text, len);
	decide(&sc, text, len, r);

	/* Step 6: 29 vs 59. */
	if (r->code == BOUNCE_29 && recipient_is_large_provider(&sc, options))
	{
		r->code = BOUNCE_59;
		r->rule = "unable_to_connect_large_provider";
	}

	r->smtp_reply = sc.reply_code;
	if (sc.status_rank > 0)
		snprintf(r->status, sizeof(r->status), "%d.%d.%d",
				 sc.status_code.klass, sc.status_code.subject, sc.status_code.detail);
	memcpy(r->recipient, sc.recipient, sizeof(r->recipient));
}
