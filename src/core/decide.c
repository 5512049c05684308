/*
 * decide.c — one code from the evidence (see decide.h).
 *
 * The order, first match wins:
 *   1. the platform's own events (DEFINITIVE phrases), wherever they stand;
 *   2. a feedback report (ARF): its Feedback-Type (abuse, fraud, virus,
 *      other: 200; opt-out, unsubscribe: 90; not-spam: 0);
 *   3. a DSN whose recipients were only delayed: 70; only delivered, or a
 *      read receipt: 0;
 *   4. an auto-reply (RFC 3834 headers) that is no DSN, not from a mailer
 *      daemon and carries no failure code: 60, unless a strong cue says more;
 *   5. the evidence, by authority (the `authority` table below): the remote
 *      server's own words, then a specific enhanced status code, then the
 *      reporting MTA's prose, then a general status code, then the Subject;
 *      a level decides only when its evidence is at least as strong as the
 *      table asks, else the next one is asked; last, the strongest of what
 *      is left (generic wording, the bare reply code);
 *   6. nothing at all: a message that is no bounce (a person's reply, not
 *      from a mailer daemon, no DSN, no failure code) is 0; any other text 40;
 *   7. bounce_constrain(): what the reply class allows;
 *  7b. a delay notice (the reporting MTA says the message is not lost) is
 *      70 whatever remote reason it quotes, unless it failed for good;
 *  7c. a 5xx refusal at the greeting with no specific reason is 50;
 *   8. a failed delivery whose status is temporary (4.x.x) after connection
 *      errors gave up when the queue lifetime ran out: 40 (LABELS.md);
 *  8b. a final bounce that says the queue lifetime ran out ("retry timeout
 *      exceeded") and quotes only a temporary reason (20): 40;
 *  10. a person's reply (it answers a message: In-Reply-To, References or
 *      "Re:" in the Subject; not from a mailer daemon, no null sender, no
 *      DSN, no failure code) is 0 even when its own words name a failure:
 *      "the page says user unknown" is a person talking, not a server
 *      refusing.  Replies that ask (90), report (200), verify (100) or
 *      answer automatically (60) keep their code.
 *  11. no hard code where the text shows the address was not judged: a
 *      reply to MAIL FROM or AUTH (it refused the sender) gives 50, a
 *      person's own message that only talks about a bad address (likely
 *      words, or words it cites in quotation marks: 'the site says "user
 *      unknown"', the deciding cue's own mark) gives 0 (not_hard());
 * 11b. any other failure code from a person's own message (not a list
 *      manager's notice, no bounce passed on inside it) whose deciding words
 *      are generic or cited gives 0 (person_talking()): "see the attachment";
 * 11c. a list post or newsletter (List-Unsubscribe) that is no report nor
 *      auto-reply gives 0 (list_post()): its words are content;
 *  12. a reply coded 60 (by its headers or its words) that says its person
 *      left and then, in that paragraph, that mail is not passed on: the
 *      address is gone with no forwarding, 10 (gone_without_forwarding()).
 * Then the steps that read the failed address (by_address()):
 *   9. 29, or 50 refused at the greeting, at a large mailbox provider: 59;
 *  13. a report that calls an address bad but names none anywhere: 30.
 */
#include "decide.h"

#include <stddef.h>
#include <string.h>

#include "bounce_codes.h"
#include "phrases.h"
#include "providers.h"
#include "rules.h"

/* Strengths of the structural facts, on the phrase scale. */
#define AUTO_REPLY_HEADER (STRONG - 5)

/* The status_rank of a status from a Status: or Diagnostic-Code field (scanner.c). */
#define STATUS_FROM_DSN 4

/* The enhanced status meanings' strengths (smtp_status.c). */
#define STATUS_SPECIFIC (STRONG - 5)
#define STATUS_GENERAL (MEDIUM - 10)

typedef enum source
{
	SOURCE_REMOTE,
	SOURCE_STATUS,
	SOURCE_PROSE,
	SOURCE_SUBJECT
} source;

/* The parts of a message a decision names (bounce_explain's part). */
#define PART_REMOTE "remote server reply"
#define PART_PROSE "bounce text"
#define PART_SUBJECT "subject"

/* The order of authority: each row decides when its evidence is at least this strong. */
static const struct
{
	source		from;
	int			at_least;
	const char *part;
}			authority[] = {
	{SOURCE_REMOTE, MEDIUM, PART_REMOTE},
	{SOURCE_STATUS, STATUS_SPECIFIC, "enhanced status code"},
	{SOURCE_PROSE, MEDIUM, PART_PROSE},
	{SOURCE_STATUS, STATUS_GENERAL, "enhanced status code"},
	{SOURCE_SUBJECT, MEDIUM, PART_SUBJECT},
};

/* The evidence a source holds. */
static const scan_evidence *
evidence_of(const scan_state *sc, source from)
{
	switch (from)
	{
		case SOURCE_REMOTE:
			return &sc->cue[LEVEL_REMOTE];
		case SOURCE_STATUS:
			return &sc->status;
		case SOURCE_PROSE:
			return &sc->cue[LEVEL_PROSE];
		case SOURCE_SUBJECT:
			return &sc->cue[LEVEL_SUBJECT];
	}
	return &sc->status;
}

int
bounce_constrain(int code, int strength, int reply_class, int status_subject, int status_detail,
				 const char **rule)
{
	if (strength >= DEFINITIVE)
		return code;
	/*
	 * X.1.2 names the destination system (the domain) bad: weaker words that
	 * call an address bad ("550 5.1.2 The host name example.com does not
	 * exist", where the host name is stepped over) speak of the domain.  Before
	 * the 4xx row, since 21 is a soft code a 4.1.2 allows too.
	 */
	if (code == BOUNCE_10 && status_subject == 1 && status_detail == 2 && strength < STRONG)
	{
		*rule = "status_bad_domain";
		return BOUNCE_21;
	}
	/* 5xx, 5.x.x: permanent.  Only generic words call it temporary ("554 Service not available"): a general bounce. */
	if (reply_class == 5 && code == BOUNCE_20 && strength < MEDIUM)
	{
		*rule = "permanent_reply";
		return BOUNCE_40;
	}
	/* 4xx, 4.x.x: temporary.  A hard phrase under it ("450 mailbox unavailable") is a temporary failure. */
	if (reply_class == 4 && code == BOUNCE_10)
	{
		*rule = "temporary_reply";
		return BOUNCE_20;
	}
	/* 2xx, 2.x.x: the delivery succeeded; failure words around it are no failure. */
	if (reply_class == 2 && bounce_is_failure(code))
	{
		*rule = "success_reply";
		return BOUNCE_0;
	}
	/*
	 * X.7.x is policy (but for X.7.13, X.7.17 and X.7.18, a disabled account
	 * or a mailbox whose owner changed).  Strong words that name a missing
	 * mailbox still win ("550 5.7.1 No mailbox found"); weaker ones ("550
	 * 5.7.1 mailbox unavailable") are a policy refusal.
	 */
	if (code == BOUNCE_10 && status_subject == 7 && strength < STRONG &&
		status_detail != 13 && status_detail != 17 && status_detail != 18)
	{
		*rule = "status_policy";
		return BOUNCE_50;
	}
	/* X.1.7, X.1.8 name the sender's address: words that call an address bad speak of the sender's. */
	if (code == BOUNCE_10 && status_subject == 1 && (status_detail == 7 || status_detail == 8))
	{
		*rule = "status_bad_sender";
		return BOUNCE_50;
	}
	/* X.2.2 names the mailbox full: words that call the address bad are not trusted over it. */
	if (code == BOUNCE_10 && status_subject == 2 && status_detail == 2)
	{
		*rule = "status_mailbox_full";
		return BOUNCE_22;
	}
	return code;
}

/* Does the DSN's status itself say the delivery time expired (X.4.7, RFC 3463)? */
static int
status_expired(const scan_state *sc)
{
	return sc->status_rank >= STATUS_FROM_DSN && sc->status_code.subject == 4 && sc->status_code.detail == 7;
}

/* Take a piece of evidence. */
static void
take(decision *d, const scan_evidence *ev, const char *part)
{
	d->code = ev->code;
	d->rule = ev->rule;
	d->part = part;
	d->evidence = ev;
}

/*
 * A person's failure words do not count (steps 10, 11, 11b): what they ask
 * still does.  "Stop spamming me and take me off your list, or I report you
 * to SpamCop": the block list's name outranked the request among the cues,
 * and only the request is left.  The decision becomes that request when a
 * specific one was made, else 0 with the rule given.
 */
static void
person_decides(const scan_state *sc, decision *d, const char *rule)
{
	static const char *const part_of_level[LEVEL_COUNT] = {PART_REMOTE, PART_PROSE, PART_SUBJECT};

	if (sc->request.score >= STRONG)
		take(d, &sc->request, part_of_level[sc->request_level]);
	else
	{
		d->code = BOUNCE_0;
		d->rule = rule;
	}
}

/* The strongest DEFINITIVE cue at any level, or NULL. */
static const scan_evidence *
definitive_cue(const scan_state *sc)
{
	int			l;

	for (l = 0; l < LEVEL_COUNT; l++)
		if (sc->cue[l].score >= DEFINITIVE)
			return &sc->cue[l];
	return NULL;
}

/*
 * Was the message written by a person: a message not from a mailer daemon,
 * not sent with the null reverse path, with no DSN and no failure code?
 */
static int
written_by_person(const scan_state *sc, int is_message, int failure_code)
{
	return is_message && !sc->from_mailer && !sc->null_sender && !sc->dsn && !failure_code;
}

/* Steps 5 and 6: the evidence by authority. */
static void
by_authority(const scan_state *sc, int is_message, int failure_code, decision *d)
{
	const scan_evidence *best = NULL;
	const char *best_part = NULL;
	size_t		i;

	for (i = 0; i < sizeof(authority) / sizeof(authority[0]); i++)
	{
		const scan_evidence *ev = evidence_of(sc, authority[i].from);

		/* A status read inside a line of prose is that line's, not the DSN's. */
		if (authority[i].from == SOURCE_STATUS && sc->status_rank < STATUS_FROM_DSN)
		{
			if (ev->score > 0 && (best == NULL || ev->score > best->score))
			{
				best = ev;
				best_part = authority[i].part;
			}
			continue;
		}
		if (ev->score > 0 && ev->score >= authority[i].at_least)
		{
			take(d, ev, authority[i].part);
			return;
		}
		if (ev->score > 0 && (best == NULL || ev->score > best->score))
		{
			best = ev;
			best_part = authority[i].part;
		}
	}
	if (sc->reply.score > 0 && (best == NULL || sc->reply.score > best->score))
	{
		best = &sc->reply;
		best_part = "smtp reply code";
	}
	if (best != NULL)
	{
		take(d, best, best_part);
		return;
	}
	d->evidence = NULL;
	d->part = "none";
	if (written_by_person(sc, is_message, failure_code))
	{
		d->code = BOUNCE_0;
		d->rule = "not_a_bounce";
		return;
	}
	d->code = BOUNCE_40;
	d->rule = "no_cue";
}

/* Written by a person, and no auto-reply or feedback report (a forward of theirs may be). */
static int
person_wrote_it(const scan_state *sc, int is_message, int failure_code)
{
	return written_by_person(sc, is_message, failure_code) && !sc->auto_replied && !sc->arf;
}

/*
 * Is the message a person's own mail: written by a person, and no auto-reply,
 * forward or feedback report?  Such a mail ("I tried to register but it said
 * my email address is invalid") talks about an address; it is no report that
 * this one is bad.
 */
static int
is_person_message(const scan_state *sc, int is_message, int failure_code)
{
	return person_wrote_it(sc, is_message, failure_code) && !sc->forwarded;
}

/*
 * Step 12: does an auto-reply say its person left and that mail to the
 * address is not passed on ("X is no longer employed here ... your email has
 * not been forwarded")?  The address is gone with no forwarding: LABELS.md's
 * 10.  A person who left but names where to write, or one on leave whose mail
 * is not forwarded, is an auto-reply (60); so are the two in different
 * paragraphs or the other way round (the scanner sets not_forwarded only
 * after left_company, in its paragraph): they may speak of different people.
 */
static void
gone_without_forwarding(const scan_state *sc, int failure_code, decision *d)
{
	if (d->code == BOUNCE_60 && sc->not_forwarded &&
		!sc->dsn && !sc->from_mailer && !sc->arf && !failure_code)
	{
		d->code = BOUNCE_10;
		d->rule = "left_no_forwarding";
	}
}

/*
 * Step 11b: a person's own message (no reply, auto-reply, report, headers
 * that mark a failure report, list software's notice, bounce passed on or
 * failure code; a forward of a
 * person's mail counts) whose deciding words are generic or cited ("see the
 * attachment", "it was blocked by my filter") talks about mail; no server
 * refused any: 0, as step 11 does for the bad-address words.
 */
static void
person_talking(const scan_state *sc, int is_message, int failure_code, decision *d)
{
	if (bounce_is_failure(d->code) && person_wrote_it(sc, is_message, failure_code) &&
		!sc->from_list && !sc->bulk_precedence && !sc->passed_on && !sc->report_marked &&
		d->evidence != NULL && (d->evidence->score < STRONG || d->evidence->cited))
		person_decides(sc, d, "not_a_bounce");
}

/*
 * Step 11c: a list post or a newsletter (its headers carry List-Unsubscribe,
 * RFC 2369) that is no report (no DSN, not from a mailer daemon, not sent
 * with the null reverse path, no feedback report) and no auto-reply by its
 * headers: its "550 5.1.1 user unknown", "unsubscribe" or "vacation" is
 * content about mail, not an answer to ours: 0.  So is a 60 of a notice from
 * a list's own address (Mailman's reminder "disabling delivery ... for a
 * vacation", Sympa's "sent to the moderators").
 */
static void
list_post(const scan_state *sc, decision *d)
{
	if (sc->list_post && !sc->dsn && !sc->from_mailer && !sc->null_sender && !sc->arf && !sc->auto_replied &&
		(bounce_is_failure(d->code) || d->code == BOUNCE_90 || d->code == BOUNCE_60 || d->code == BOUNCE_70))
	{
		d->code = BOUNCE_0;
		d->rule = "list_post";
	}
	/*
	 * List software's own notice (a reminder, "sent to the moderators") is no
	 * person's auto-reply; a list's autoresponder that says so in its Subject
	 * (Mailman's "Auto-response for your message to the ... mailing list",
	 * the owner's "we are closed until ...") is one: an automatic
	 * acknowledgement, LABELS.md's 60.
	 */
	else if (sc->from_list && !sc->dsn && d->code == BOUNCE_60 &&
			 !(sc->cue[LEVEL_SUBJECT].code == BOUNCE_60 && sc->cue[LEVEL_SUBJECT].score >= STRONG))
	{
		d->code = BOUNCE_0;
		d->rule = "list_notice";
	}
}

/* Step 11: take a bad-address code back where the text shows the address was not what was judged. */
static void
not_hard(const scan_state *sc, int is_message, int failure_code, decision *d)
{
	if (d->code != BOUNCE_10)
		return;
	/*
	 * A person's vague words ("it said my email address is invalid") are no
	 * proof; a terse "user unknown" from an odd mail system still is, unless
	 * the person cites it in quotation marks ('the site says "user unknown"').
	 */
	if (is_person_message(sc, is_message, failure_code) && d->evidence != NULL &&
		(d->evidence->score < STRONG || d->evidence->cited))
	{
		person_decides(sc, d, "not_a_bounce");
		return;
	}
	/*
	 * A reply to MAIL FROM refused the sender (its address, its domain), and
	 * 530-538 answer AUTH (RFC 4954): the sender's login: LABELS.md's 50.
	 */
	if (sc->sender_stage || (sc->reply_code >= 530 && sc->reply_code <= 538))
	{
		d->code = BOUNCE_50;
		d->rule = "reply_to_mail_from";
	}
}

/*
 * Is the recipient addr (len bytes; the caller's recipient option first) at a
 * large mailbox provider?  With no address, a large provider's mail host
 * named in the bounce decides (provider_host).
 */
static int
at_large_provider(const char *addr, size_t len, int provider_host, const bounce_options *opt)
{
	const char *domain;
	size_t		dlen;

	if (opt != NULL && opt->recipient != NULL && opt->recipient_len > 0)
	{
		addr = opt->recipient;
		len = opt->recipient_len;
	}
	if (len == 0)
		return provider_host;
	domain = bounce_address_domain(addr, len, &dlen);
	if (dlen == 0)
		return provider_host;
	if (bounce_is_large_provider(domain, dlen))
		return 1;
	return opt != NULL && opt->rules != NULL && bounce_ruleset_is_provider(opt->rules, domain, dlen);
}

/*
 * Steps 9 and 13: what the failed address itself changes.
 *
 * Step 9: a failed connection (29) or a refusal at the greeting (50) at a
 * large mailbox provider, which surely exists, is a block of the sender: 59.
 *
 * Step 13: a mail system's bounce that calls an address bad but names none
 * — no address in its text, none in the returned original's To:, none given
 * by the caller (Domino's "User Maria Lopez (Maria Lopez/Sales) not listed",
 * a gateway's notice about mail to undisclosed-recipients) — invalidates no
 * address: LABELS.md's 30, "a bounce from which no recipient address can be
 * found at all".  Other codes keep their reason: they say nothing against an
 * address.  Only a report (a DSN, or from a mailer daemon or postmaster): an
 * auto-reply's address is its sender's (a leaver's notice stays 10).
 */
static void
by_address(const scan_state *sc, int is_message, const char *addr, size_t addr_len, decision *d)
{
	const bounce_options *opt = sc->options;

	if (bounce_is_connection_level(d->code, d->rule) &&
		at_large_provider(addr, addr_len, sc->provider_host, opt))
	{
		d->code = BOUNCE_59;
		d->rule = "unable_to_connect_large_provider";
	}
	if (is_message && d->code == BOUNCE_10 && addr_len == 0 && !sc->original_addressed &&
		(sc->from_mailer || sc->dsn) &&
		(opt == NULL || opt->recipient == NULL || opt->recipient_len == 0))
	{
		d->code = BOUNCE_30;
		d->rule = "no_recipient_address";
	}
}

void
bounce_decide(const scan_state *sc, int is_message, const char *addr, size_t addr_len, decision *d)
{
	const scan_evidence *def = definitive_cue(sc);
	int			failure_code = sc->reply_code >= 400 ||
		sc->status_code.klass == 4 || sc->status_code.klass == 5;
	int			reply_class = sc->status_rank > 0 ? sc->status_code.klass :
		sc->reply_code / 100;

	if (def != NULL)
	{
		take(d, def, "platform event");
		return;
	}
	if (sc->arf)
	{
		/* A report whose Feedback-Type was not read (or said nothing we know) is a complaint. */
		take(d, &sc->structure, "feedback report");
		if (d->rule == NULL || strncmp(d->rule, "arf_", 4) != 0)
		{
			d->code = BOUNCE_200;
			d->rule = "arf_feedback_report";
		}
		return;
	}
	if ((sc->dsn && !sc->action_failed && (sc->action_delivered || sc->action_delayed)) ||
		(sc->mdn && !failure_code))
	{
		take(d, &sc->structure, sc->mdn ? "read receipt" : "delivery status");
		return;
	}
	if (sc->auto_replied && !sc->dsn && !sc->from_mailer && !failure_code)
	{
		int			l,
					strongest = 0;

		/*
		 * A mailbox that answers under its own address exists: its words
		 * about the address ("this address is no longer in use, please write
		 * to ...") make no bad address of it, they are the auto-reply's
		 * message.  Sent with the null reverse path, it may be a mail
		 * system's terse bounce ("That's not a valid user here"): its words
		 * count.
		 */
		for (l = 0; l < LEVEL_COUNT; l++)
			if (sc->cue[l].score > strongest && (sc->cue[l].code != BOUNCE_10 || sc->null_sender))
				strongest = sc->cue[l].score;
		if (strongest < AUTO_REPLY_HEADER)
		{
			d->code = BOUNCE_60;
			d->rule = "auto_submitted_header";
			d->part = "headers";
			d->evidence = NULL;
			gone_without_forwarding(sc, failure_code, d);
			list_post(sc, d);	/* a list's own notice marked so (Sympa's) is no person's auto-reply */
			return;
		}
	}

	by_authority(sc, is_message, failure_code, d);
	if (d->evidence != NULL)
		d->code = bounce_constrain(d->code, d->evidence->score, reply_class,
								   sc->status_rank > 0 ? sc->status_code.subject : -1,
								   sc->status_rank > 0 ? sc->status_code.detail : -1, &d->rule);

	/*
	 * Step 7b: a delay notice (LABELS.md 70: the message is still being
	 * retried) whose reason was read from the remote server ("Deferred:
	 * Connection refused", "421 try again later") is still a delay notice:
	 * the reason says why it waits, not that it failed.  Not when anything
	 * says it failed for good (Action: failed, a 5xx reply, a 5.x.x status).
	 */
	if (sc->delay_notice && !sc->action_failed && sc->reply_code < 500 && sc->status_code.klass != 5 &&
		bounce_is_failure(d->code))
	{
		d->code = BOUNCE_70;
		d->rule = "delay_warning";
	}

	/*
	 * Step 7c: a permanent refusal of the connection itself (a 5xx greeting)
	 * whose words give no specific reason is a block (50), not a temporary
	 * failure or a general bounce; at a large provider it is the
	 * connection-level block of 59 (bounce_is_connection_level).
	 */
	if (sc->refused_at_greeting && sc->reply_code >= 500 &&
		(d->code == BOUNCE_20 || d->code == BOUNCE_40 || d->code == BOUNCE_50) &&
		(d->evidence == NULL || d->evidence->score < STRONG))
	{
		d->code = BOUNCE_50;
		d->rule = REFUSED_AT_GREETING;
	}

	/*
	 * Step 8: failed after temporary errors, the queue lifetime ran out (the
	 * seed's 40 example), or the status says so (X.4.7).  A TLS session that
	 * could not be set up ("TLS Negotiation failed", "TLS is required, but was
	 * not offered") is refused at once by the MTAs that require it (Gmail,
	 * Postfix's smtp_tls_security_level): LABELS.md's 29 unless the status
	 * says the time expired.
	 */
	if (sc->action_failed && (sc->status_code.klass == 4 || status_expired(sc)) &&
		((d->code == BOUNCE_29 && (status_expired(sc) || d->rule == NULL || strcmp(d->rule, "tls_failure") != 0)) ||
		 d->code == BOUNCE_70 ||
		 (d->code == BOUNCE_20 && d->evidence != NULL && d->evidence->phrase == NULL)))
	{
		d->code = BOUNCE_40;
		d->rule = "expired_after_retries";
	}

	/*
	 * Step 8b: the bounce says in so many words that it gave up when the
	 * queue lifetime ran out (Exim's "retry timeout exceeded", "message
	 * expired", "could not be delivered within 5 days"), and the last reason
	 * it quotes is only a temporary one (20: greylisting, "try again later",
	 * a temporary lookup failure): LABELS.md's 40, "gave up after the queue
	 * lifetime", the seed's own example.  A final bounce that quotes a
	 * temporary reason without saying the time ran out keeps 20 (the
	 * issue's Postfix "Server busy" row); a specific reason (mailbox full,
	 * a block) keeps its code; a delay notice is no final bounce.
	 */
	if (sc->queue_expired && d->code == BOUNCE_20 && !sc->delay_notice &&
		!(sc->dsn && !sc->action_failed))
	{
		d->code = BOUNCE_40;
		d->rule = "expired_after_retries";
	}

	/*
	 * Step 10: a person's reply names no failure of the address; what it asks
	 * still counts.  One sent automatically by its headers (a helpdesk's
	 * acknowledgement that quotes the ticket: 'the error "550 5.1.1 ... User
	 * unknown"') is an auto-reply: 60.
	 */
	if (sc->answers_message && written_by_person(sc, is_message, failure_code) && bounce_is_failure(d->code))
	{
		person_decides(sc, d, "person_reply");
		if (d->code == BOUNCE_0)
		{
			d->part = "headers";
			d->evidence = NULL;
			if (sc->auto_replied)
			{
				d->code = BOUNCE_60;
				d->rule = "auto_submitted_header";
			}
		}
	}
	not_hard(sc, is_message, failure_code, d);
	person_talking(sc, is_message, failure_code, d);
	list_post(sc, d);
	gone_without_forwarding(sc, failure_code, d);
	by_address(sc, is_message, addr, addr_len, d);
	if (d->evidence == NULL && d->code == BOUNCE_40)
		d->rule = "no_cue";
}

int
bounce_is_connection_level(int code, const char *rule)
{
	return code == BOUNCE_29 || (code == BOUNCE_50 && rule != NULL && strcmp(rule, REFUSED_AT_GREETING) == 0);
}
