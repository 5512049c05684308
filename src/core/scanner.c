/*
 * scanner.c — line-by-line evidence collection (see scanner.h).
 *
 * Every byte goes once through a fold (ASCII upper case to lower case, Latin
 * letters with diacritics to their base letter, any whitespace run to one
 * space, any other non-ASCII byte to a separator) and one automaton step; SMTP
 * codes are read only where a digit starts a token, fields only at a line's
 * start.  Nothing here allocates.
 */
#include "scanner.h"

#include <stddef.h>
#include <string.h>

#include "ascii.h"
#include "bounce_codes.h"
#include "compiler.h"
#include "fold.h"
#include "segment.h"
#include "hosts.h"
#include "phrases.h"
#include "recipients.h"
#include "rules.h"
#include "words.h"

/* About how often the interrupt hook runs. */
#define INTERRUPT_EVERY (1024 * 1024)


/* Zone weights: the remote server's own diagnostic beats our MTA's prose; a
 * Subject summarises (and often garbles) what the body says in full. */
#define DIAGNOSTIC_BONUS 5
#define SUBJECT_PENALTY 15

/* Ranks of where an SMTP code was read (higher wins; ties keep the first). */
#define RANK_TEXT 1
#define RANK_DIAGNOSTIC 2
#define RANK_STATUS_FIELD 3
#define RANK_FAILED_STATUS_FIELD 4	/* the Status of a recipient whose Action is failed */

/* Ranks of where a failed recipient was read. */
#define RECIPIENT_IN_TEXT 1
#define RECIPIENT_X_FAILED 2
#define RECIPIENT_FINAL 3
#define RECIPIENT_ORIGINAL 4

/* The fields the scanner knows by name. */
typedef enum field
{
	FIELD_NONE,
	FIELD_OTHER,				/* some "Name: value" header or DSN field */
	FIELD_REMOTE_MTA,			/* RFC 3464 Remote-MTA: the server that refused */
	FIELD_ACTION,
	FIELD_STATUS,
	FIELD_DIAGNOSTIC,
	FIELD_FINAL_RECIPIENT,
	FIELD_ORIGINAL_RECIPIENT,
	FIELD_LIST_UNSUBSCRIBE,		/* a list post or a newsletter (RFC 2369), not a report */
	FIELD_X_FAILED,
	FIELD_FEEDBACK_TYPE,
	FIELD_AUTO_SUBMITTED,
	FIELD_AUTOREPLY,
	FIELD_PRECEDENCE,
	FIELD_SUBJECT,
	FIELD_FROM,
	FIELD_TO,					/* the bounce's own To: is the original sender, never the failed recipient */
	FIELD_DISPOSITION,
	FIELD_RETURN_PATH,
	FIELD_QUOTED_HEADER,		/* a header of the returned message, quoted in the text */
	FIELD_IN_REPLY_TO,			/* In-Reply-To, References: the message answers another */
	FIELD_QUOTE_START,			/* the "Sent:" of a mail client's quoted header block */
	FIELD_DATE					/* "Date:": after a "From:" line of the text, a quoted header block (Outlook for Mac) */
} field;

static const struct
{
	const char *name;			/* lower case, with the colon */
	field		f;
}			known_fields[] = {
	{"action:", FIELD_ACTION},
	{"status:", FIELD_STATUS},
	{"diagnostic-code:", FIELD_DIAGNOSTIC},
	{"final-recipient:", FIELD_FINAL_RECIPIENT},
	{"original-recipient:", FIELD_ORIGINAL_RECIPIENT},
	{"x-failed-recipients:", FIELD_X_FAILED},
	{"feedback-type:", FIELD_FEEDBACK_TYPE},
	{"auto-submitted:", FIELD_AUTO_SUBMITTED},
	{"x-autoreply:", FIELD_AUTOREPLY},
	{"x-autorespond:", FIELD_AUTOREPLY},
	{"x-autoresponder:", FIELD_AUTOREPLY},
	{"precedence:", FIELD_PRECEDENCE},
	{"subject:", FIELD_SUBJECT},
	{"from:", FIELD_FROM},
	/*
	 * "From:" as mail clients write it above quoted or forwarded text, in the
	 * languages they ship (Outlook: De, Von, Från, Fra, Van, Da, Od, Kimden,
	 * Lähettäjä): never a header of the message itself.
	 */
	{"de:", FIELD_FROM},
	{"de :", FIELD_FROM},
	{"von:", FIELD_FROM},
	{"fr\xc3\xa5n:", FIELD_FROM},
	{"fra:", FIELD_FROM},
	{"van:", FIELD_FROM},
	{"da:", FIELD_FROM},
	{"od:", FIELD_FROM},
	{"kimden:", FIELD_FROM},
	{"l\xc3\xa4hett\xc3\xa4j\xc3\xa4:", FIELD_FROM},
	{"to:", FIELD_TO},
	{"disposition:", FIELD_DISPOSITION},
	/* Headers of a returned message pasted into the text: read for nothing. */
	{"received:", FIELD_QUOTED_HEADER},
	{"x-", FIELD_QUOTED_HEADER},
	{"dkim-signature:", FIELD_QUOTED_HEADER},
	{"domainkey-signature:", FIELD_QUOTED_HEADER},
	{"arc-", FIELD_QUOTED_HEADER},
	{"authentication-results:", FIELD_QUOTED_HEADER},
	{"received-spf:", FIELD_QUOTED_HEADER},
	{"message-id:", FIELD_QUOTED_HEADER},
	{"in-reply-to:", FIELD_IN_REPLY_TO},
	{"references:", FIELD_IN_REPLY_TO},
	{"content-", FIELD_QUOTED_HEADER},
	{"mime-version:", FIELD_QUOTED_HEADER},
	{"return-path:", FIELD_RETURN_PATH},
	{"list-unsubscribe:", FIELD_LIST_UNSUBSCRIBE},
	{"list-", FIELD_QUOTED_HEADER},
	{"thread-", FIELD_QUOTED_HEADER},
	/*
	 * The "Sent:" line of the header block Outlook, Apple Mail and others put
	 * above quoted text, in the languages they ship: quoted text follows.
	 */
	{"sent:", FIELD_QUOTE_START},
	{"skickat:", FIELD_QUOTE_START},
	{"gesendet:", FIELD_QUOTE_START},
	{"envoy\xc3\xa9" " :", FIELD_QUOTE_START},
	{"envoy\xc3\xa9" ":", FIELD_QUOTE_START},
	{"enviado el:", FIELD_QUOTE_START},
	{"enviado:", FIELD_QUOTE_START},
	{"inviato:", FIELD_QUOTE_START},
	{"verzonden:", FIELD_QUOTE_START},
	{"sendt:", FIELD_QUOTE_START},
	{"l\xc3\xa4" "hetetty:", FIELD_QUOTE_START},
	{"wys\xc5\x82" "ano:", FIELD_QUOTE_START},
	{"data de envio:", FIELD_QUOTE_START},
	{"date:", FIELD_DATE},
	{"g\xc3\xb6" "nderildi:", FIELD_QUOTE_START},	/* tr */
	{"odesl\xc3\xa1" "no:", FIELD_QUOTE_START},	/* cs */
	/* DSN fields with nothing to say for the code: read for host names only. */
	{"reporting-mta:", FIELD_OTHER},
	{"remote-mta:", FIELD_REMOTE_MTA},
	{"received-from-mta:", FIELD_OTHER},
	{"arrival-date:", FIELD_OTHER},
	{"last-attempt-date:", FIELD_OTHER},
	{"will-retry-until:", FIELD_OTHER},
	{"x-postfix-queue-id:", FIELD_OTHER},
	{"x-postfix-sender:", FIELD_OTHER},
	{"x-original-message-id:", FIELD_OTHER},
	{"dsn-gateway:", FIELD_OTHER},
};

/* Case-insensitive search for a lower-case word in s[0..len). */
static int
contains(const char *s, size_t len, const char *word)
{
	return ascii_find(s, len, word) < len;
}

/* Length of a valid UTF-8 sequence at s (1..4), or 0 when it is invalid. */
static size_t
utf8_sequence(const unsigned char *s, size_t len)
{
	size_t		n,
				i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4;
	else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
		(s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
		return 0;
	return n;
}

void
scan_copy_evidence(char *dst, const char *src, size_t len)
{
	const unsigned char *s = (const unsigned char *) src;
	size_t		out = 0,
				i = 0;

	/* Start on a character boundary. */
	while (i < len && (s[i] & 0xC0) == 0x80)
		i++;
	while (i < len && out < BOUNCE_EVIDENCE_MAX)
	{
		size_t		n = utf8_sequence(s + i, len - i);

		if (n == 0)
		{
			dst[out++] = '?';
			i++;
		}
		else if (n == 1)
		{
			unsigned char c = s[i++];

			if (c < 0x20 || c == 0x7f)
				c = ' ';
			if (c != ' ' || (out > 0 && dst[out - 1] != ' '))
				dst[out++] = (char) c;
		}
		else
		{
			if (out + n > BOUNCE_EVIDENCE_MAX)
				break;
			memcpy(dst + out, s + i, n);
			out += n;
			i += n;
		}
	}
	while (out > 0 && dst[out - 1] == ' ')
		out--;
	dst[out] = '\0';
}

/*
 * Does a cue displace an equally strong one?  Only a full mailbox over a bad
 * address: a full mailbox exists, so of "invalid mailbox ... mailbox is full"
 * (Mail.ru's "Local mailbox ... is unavailable: mailbox is full") the generic
 * category is the lesser statement, as X.2.2 outranks such words (decide.c).
 */
static int
displaces_on_tie(int code, int held)
{
	return code == BOUNCE_22 && held == BOUNCE_10;
}

/*
 * Record evidence when it is stronger than what is there (ties keep the
 * first, see above); 1 if it was recorded.
 */
static int
offer(scan_evidence *ev, int score, int code, const char *rule,
	  const char *line, size_t len, size_t at)
{
	size_t		start,
				end;

	if (score < ev->score || (score == ev->score && !displaces_on_tie(code, ev->code)))
		return 0;
	ev->phrase = NULL;
	ev->cited = 0;
	ev->score = score;
	ev->code = code;
	ev->rule = rule;
	start = at > SCAN_CONTEXT_BEFORE ? at - SCAN_CONTEXT_BEFORE : 0;
	end = len - at > SCAN_CONTEXT_AFTER ? at + SCAN_CONTEXT_AFTER : len;
	scan_set_evidence(ev, line + start, end - start);
	return 1;
}

void
scan_set_evidence(scan_evidence *ev, const char *src, size_t len)
{
	if (len > sizeof(ev->raw))
		len = sizeof(ev->raw);
	memcpy(ev->raw, src, len);
	ev->raw_len = len;
}

void
scan_evidence_text(const scan_evidence *ev, char *dst)
{
	scan_copy_evidence(dst, ev->raw, ev->raw_len);
}

/* Clear a piece of evidence but for its raw bytes (none of them is read past raw_len). */
static void
clear_evidence(scan_evidence *ev)
{
	ev->score = 0;
	ev->code = 0;
	ev->rule = NULL;
	ev->phrase = NULL;
	ev->cited = 0;
	ev->raw_len = 0;
}

void
scan_begin(scan_state *sc, const matcher *m, const bounce_options *options)
{
	int			l;

	fold_init();
	memset(sc, 0, offsetof(scan_state, cue));
	for (l = 0; l < LEVEL_COUNT; l++)
	{
		clear_evidence(&sc->cue[l]);
		clear_evidence(&sc->line_cue[l]);
	}
	clear_evidence(&sc->status);
	clear_evidence(&sc->reply);
	clear_evidence(&sc->structure);
	clear_evidence(&sc->request);
	clear_evidence(&sc->line_request);
	sc->m = m;
	sc->options = options;
	sc->last_was_space = 1;
	if (options != NULL && options->rules != NULL && options->rules->nrules > 0)
		sc->rules = options->rules;
}

const phrase *scan_latin_phrases;
const phrase_shape *scan_phrase_shapes;
const matcher *scan_script_matcher;
const phrase *scan_script_phrases;
const phrase_shape *scan_script_shapes;

phrase_shape
scan_pattern_shape(const char *folded, size_t len, int stem)
{
	phrase_shape sh;

	sh.len = (unsigned char) (len < 255 ? len : 255);
	sh.start_boundary = len > 0 && fold_is_word_byte((unsigned char) folded[0]);
	sh.end_boundary = len > 0 && !stem && fold_is_word_byte((unsigned char) folded[len - 1]);
	return sh;
}

/*
 * Is the text a mail system's report (from a mailer daemon, sent with the
 * null reverse path, a DSN, a failure code read)?  A person asks to
 * unsubscribe; in a report such words are the returned newsletter's.
 */
static int
is_failure_report(const scan_state *sc)
{
	return sc->from_mailer || sc->null_sender || sc->dsn || sc->reply_code >= 400 ||
		sc->status_code.klass == 4 || sc->status_code.klass == 5;
}

/* The longest "prefix: " before a whole-Subject cue ("Abwesenheitsnotiz: Urlaub"), folded. */
#define SUBJECT_PREFIX_MAX 40

/*
 * Is the phrase that ended at byte `at` of a Subject line (plen folded bytes,
 * `after` bytes read past it) all of the Subject: its value from the start or
 * after one "prefix: ", and nothing but blanks and closing punctuation after?
 */
static int
is_whole_subject(const scan_state *sc, int plen, int after, const char *line, size_t len, size_t at)
{
	unsigned char start = (unsigned char) (sc->ring_pos - after - plen);
	unsigned char before = (unsigned char) (start - sc->subject_ring_at);
	size_t		i;

	for (i = at + 1; i < len; i++)
		if (strchr(" \t\r.!", line[i]) == NULL)
			return 0;
	if (before == 0)
		return 1;
	return before <= SUBJECT_PREFIX_MAX && sc->ring[(unsigned char) (start - 1)] == ' ' &&
		sc->ring[(unsigned char) (start - 2)] == ':';
}

/* A person's forward: a forward marker or Subject prefix, and nothing of a failure report yet. */
int
scan_forwarded_by_person(const scan_state *sc)
{
	return sc->forwarded && !is_failure_report(sc);
}

void
scan_forget_wrapper_failures(scan_state *sc)
{
	int			l;

	sc->passed_on = 1;
	/* A request (90), an auto-reply (60) or a report (200) of the wrapper's stays. */
	for (l = 0; l < LEVEL_COUNT; l++)
		if (bounce_is_failure(sc->cue[l].code))
			clear_evidence(&sc->cue[l]);
}

/*
 * Does the request name a wish ("want to unsubscribe", "wish to ...", "like
 * to ...")?  Who wishes is then in the words before it: "I", or the reader.
 */
static int
is_volition_phrase(const char *text)
{
	return strncmp(text, "want to ", 8) == 0 || strncmp(text, "wish to ", 8) == 0 ||
		strncmp(text, "like to ", 8) == 0;
}

/* A threat to report our mail ("report it as spam"): a request only when the speaker makes it. */
static int
is_report_threat(const char *text)
{
	size_t		n = strlen(text);

	return n > 8 && strcmp(text + n - 8, " as spam") == 0;
}

/*
 * Does the phrase (folded length plen, `after` bytes before the ring's end)
 * start right after an IP address of the same line ("192.0.2.10 has been
 * blocked", "[192.0.2.10] is blocked")?
 */
static int
ip_before_phrase(const scan_state *sc, int plen, int after, const char *line)
{
	unsigned char start = (unsigned char) (sc->ring_pos - after - plen);

	/* A space, or a closing bracket and a space ("[192.0.2.10] is"), between them. */
	return sc->ip_line == line && (unsigned char) (start - sc->ip_ring) <= 2;
}

/* Act on one phrase that matched as whole words, ending at byte `at` of the line. */
static void
on_phrase(scan_state *sc, const phrase *p, int plen, int after, const char *line, size_t len,
		  size_t at, scan_zone zone)
{
	switch (p->kind)
	{
		case PHRASE_CUT:
			/*
			 * Outlook's "-----Original Message-----" in a person's forward
			 * opens the forwarded message, not a returned original: its
			 * From: line decides whether it is read (a mail system's bounce
			 * passed on) or quoted (a person's mail; scan_field).
			 */
			if (zone == ZONE_TEXT && p->text[0] == '-' && scan_forwarded_by_person(sc))
				break;
			/*
			 * A list manager's enclosure is the bounce: its separator line (where
			 * several cut wordings may match) is read past, once; the original
			 * the enclosed bounce returns is cut.
			 */
			if (zone == ZONE_TEXT && (sc->enclosed_bounce == 1 || sc->enclosed_bounce == 2))
				sc->enclosed_bounce = 2;
			else if (zone == ZONE_TEXT)
				sc->cut = 1;
			break;
		case PHRASE_ENCLOSED_BOUNCE:
			if (zone == ZONE_TEXT && sc->enclosed_bounce == 0)
				sc->enclosed_bounce = 1;
			break;
		case PHRASE_FORWARD:
			if (zone == ZONE_TEXT || zone == ZONE_SUBJECT)
				sc->forwarded = 1;
			break;
		case PHRASE_QUOTE:
			if (zone == ZONE_TEXT && !sc->remote_line)
			{
				sc->quoted = 1;
				sc->not_evidence_seen = 1;
			}
			break;
		case PHRASE_BANNER:
			if (zone == ZONE_TEXT && !sc->remote_line && !segment_first_person(sc, plen, after))
			{
				sc->banner = 1;
				sc->not_evidence_seen = 1;
				/* What this line said before the banner began is part of it. */
				sc->line_cue[LEVEL_PROSE].score = 0;
				sc->line_request.score = 0;
			}
			break;
		case PHRASE_SENDER_STAGE:
			if ((zone == ZONE_TEXT || zone == ZONE_DIAGNOSTIC) &&
				!((sc->banner || sc->quoted) && !sc->remote_line) &&
				!(zone == ZONE_TEXT && sc->remote_line && sc->later_text_recipient))
				sc->sender_stage = 1;
			break;
		case PHRASE_CUE:
			if (zone == ZONE_HEADER || (p->where != IN_ANY && zone != ZONE_SUBJECT) ||
				(zone == ZONE_TEXT && (sc->banner || sc->quoted) && !sc->remote_line))
				break;
			if (zone == ZONE_TEXT && sc->later_text_recipient)
				break;
			/*
			 * An unsubscribe request is a hard code: "please do not remove me"
			 * is none; nor is "not listed in" a blocklisting.
			 */
			if ((p->code == 90 || p->code == 51) && segment_negated(sc, plen, after))
				break;
			/* "want/wish/like to unsubscribe" asks only when the one who wants is not "you". */
			if (p->code == 90 && is_volition_phrase(p->text) && segment_second_person(sc, plen, after))
				break;
			/* "I'm reporting it as spam" asks us to stop; "you can report it as spam" tells how. */
			if (p->code == 90 && is_report_threat(p->text) && !segment_first_person(sc, plen, after))
				break;
			/* Boilerplate that guesses at causes ("they may be blacklisted") names no blocklisting. */
			if (p->code == 51 && segment_hedged(sc, plen, after))
				break;
			if (p->code == 90 && is_failure_report(sc))
				break;
			if (p->where == IN_SUBJECT_WHOLE && !is_whole_subject(sc, plen, after, line, len, at))
				break;
			/* A reply's Subject ("Re: Before you unsubscribe ...") repeats the words of the mail it answers. */
			if (zone == ZONE_SUBJECT && sc->subject_is_reply)
				break;
			/* An NDR's or a forward's Subject repeats another mail's after its prefix: no evidence there. */
			if (zone == ZONE_SUBJECT && sc->subject_original_at > 0 && at > sc->subject_original_at)
				break;
			/* The reporting MTA says the message is not lost: the bounce is a delay notice (decide.c). */
			if (p->mark == MARK_WARNING_ONLY && (zone == ZONE_SUBJECT || (zone == ZONE_TEXT && !sc->remote_line)))
				sc->delay_notice = 1;
			/*
			 * An auto-reply says its person left, then, in that paragraph,
			 * that mail is not passed on (decide.c).  Apart or the other way
			 * round ("I am on leave; mail is not forwarded. John has left,
			 * contact Mary") the two speak of different things.
			 */
			if (p->mark == MARK_LEFT_COMPANY)
				sc->left_company = sc->paragraph + 1;
			if (p->mark == MARK_NOT_FORWARDED && sc->left_company == sc->paragraph + 1)
				sc->not_forwarded = 1;
			/* The reporting MTA says it gave up when the queue lifetime ran out (decide.c, step 8). */
			if (p->mark == MARK_QUEUE_EXPIRED && zone != ZONE_SUBJECT)
				sc->queue_expired = 1;
			/*
			 * A remote's refusal that an IP address may follow ("Mail refused -
			 * <IP>"): where it ended, for the IP token (scan_bytes).
			 */
			if (p->mark == MARK_IP_OBJECT &&
				(zone == ZONE_DIAGNOSTIC || (zone == ZONE_TEXT && sc->remote_line && !sc->quoted && !sc->banner)))
			{
				sc->ip_object_line = line;
				sc->ip_object_ring = (unsigned char) (sc->ring_pos - after);
				sc->ip_object_level = segment_level(sc, zone);
			}
			/* The reporting MTA says where the remote refused: at its greeting (decide.c). */
			if (p->mark == MARK_REFUSED_AT_GREETING && zone == ZONE_TEXT)
				sc->refused_at_greeting = 1;
			{
				scan_evidence *ev = &sc->line_cue[segment_level(sc, zone)];
				int			code = p->code,
							strength = p->strength,
							cited;
				const char *rule = p->rule;

				/*
				 * "Connection refused: 192.0.2.10 has been blocked": when the
				 * thing blocked is the sending IP, it is a block list of the
				 * receiver's (51); "your message has been blocked" stays 50.
				 */
				if (p->mark == MARK_IP_SUBJECT && ip_before_phrase(sc, plen, after, line))
				{
					code = 51;
					strength = STRONG + 5;
					rule = "ip_blocked";
				}

				/*
				 * "Unrouteable address" in the reporting MTA's own words (no
				 * remote reply on the line): it found no route to the domain.
				 * Exim says it too of an unknown local user of its own
				 * domains (a 10): the soft reading is the safer of the two
				 * when nobody else's reply says which.
				 */
				if (p->mark == MARK_UNROUTED && segment_level(sc, zone) == LEVEL_PROSE)
				{
					code = 21;
					rule = "unrouteable_domain";
				}

				/*
				 * A remote server that refuses the address because its person
				 * left ("550 5.1.1 The recipient has left the organization")
				 * answers for the mailbox: it is gone (LABELS.md's 10), not
				 * an auto-reply.
				 */
				if (p->mark == MARK_LEFT_COMPANY && p->code == 60 && segment_level(sc, zone) == LEVEL_REMOTE &&
					sc->reply_code >= 500)
				{
					code = 10;
					rule = "left_company_refused";
				}

				/*
				 * Nor does it name a missing mailbox but in its own weak
				 * words ("the account or domain may not exist"): asked only
				 * of a cue that would count.
				 */
				if (code == 10 && strength < STRONG && strength >= ev->score && segment_hedged(sc, plen, after))
					break;

				/*
				 * Bad-address words in quotation marks, in the text, are
				 * cited, not said (decide.c): the mark stays on this cue, and
				 * the same words said outright displace it.
				 */
				cited = code == 10 && zone == ZONE_TEXT && !sc->remote_line &&
					segment_in_quotes(sc, plen, after, line, len, at);
				if (ev->cited && !cited && strength == ev->score)
					ev->score = 0;
				if (offer(ev, strength, code, rule, line, len, at))
					ev->cited = cited;
				if (ev->rule == rule && ev->score == strength)
					ev->phrase = p->text;
				/* Kept apart too: a failure cue that outranks it on its line may not count (decide.c). */
				if (bounce_is_request(code) && offer(&sc->line_request, strength, code, rule, line, len, at))
				{
					sc->line_request.phrase = p->text;
					sc->line_request_level = segment_level(sc, zone);
				}
				sc->line_has_cue = 1;
			}
			break;
	}
}

/*
 * What the scanner matches by whole words: the built-in phrases, or a user
 * rule set's (rules.h), whose matches count only within their scope.
 */
typedef struct vocabulary
{
	const phrase *phrases;
	const phrase_shape *shapes;
	int			scoped;			/* ask bounce_rule_applies before acting on a match */
	int			first_rule;		/* the rule number of this vocabulary's phrase 0 */
} vocabulary;

/* The phrases waiting for the byte after them: the built-in ones' or the rule set's. */
typedef struct waiting
{
	const int32_t **ids;
	size_t	   *at;
} waiting;

/* Act on phrase id of a vocabulary, when it is in scope. */
static inline void
on_vocabulary_phrase(scan_state *sc, const vocabulary *v, int32_t id, int after,
					 const char *line, size_t len, size_t at, scan_zone zone)
{
	if (v->scoped && !bounce_rule_applies(sc, v->first_rule + id))
		return;
	on_phrase(sc, &v->phrases[id], v->shapes[id].len, after, line, len, at, zone);
}

/*
 * Phrases ended at byte `at`: act on those whose first word starts a word in
 * the text; those that end inside a word of the text wait for the next byte.
 */
static void
on_match(scan_state *sc, const vocabulary *v, waiting w, const int32_t *ids,
		 const char *line, size_t len, size_t at, scan_zone zone)
{
	int			waits = 0;

	for (; *ids >= 0; ids++)
	{
		phrase_shape sh = v->shapes[*ids];

		if (sh.start_boundary &&
			fold_is_word_byte(sc->ring[(unsigned char) (sc->ring_pos - sh.len - 1)]))
			continue;
		if (sh.end_boundary)
		{
			if (!waits)
			{
				*w.ids = ids;
				*w.at = at;
				waits = 1;
			}
			continue;
		}
		on_vocabulary_phrase(sc, v, *ids, 0, line, len, at, zone);
	}
}

/* The byte after phrases that ended on a word byte: those still waiting match if it is no word byte. */
static void
resolve_pending(scan_state *sc, const vocabulary *v, waiting w, unsigned char next,
				const char *line, size_t len, scan_zone zone)
{
	const int32_t *ids = *w.ids;

	*w.ids = NULL;
	if (fold_is_word_byte(next))
		return;
	for (; *ids >= 0; ids++)
	{
		phrase_shape sh = v->shapes[*ids];

		/* The byte before the phrase: the ring now holds one more byte. */
		if (!sh.end_boundary ||
			(sh.start_boundary && fold_is_word_byte(sc->ring[(unsigned char) (sc->ring_pos - sh.len - 2)])))
			continue;
		on_vocabulary_phrase(sc, v, *ids, 1, line, len, *w.at, zone);
	}
}

/*
 * User rules (rules.h): the rule set's own automata step over the same
 * folded byte, after the built-in one, each with its own waiting phrases.
 * A phrase of automaton a waits for the next byte (step_done 0) or ended here.
 */
static void
rule_matches(scan_state *sc, int a, unsigned char c, int step_done, const char *line, size_t len,
			 size_t at, scan_zone zone)
{
	const bounce_ruleset *rs = sc->rules;
	const rule_automaton *ra = &rs->automata[a];
	vocabulary	v = {rs->phrases + ra->first_rule, rs->shapes + ra->first_rule, 1, ra->first_rule};
	waiting		w = {&sc->rule_pending[a], &sc->rule_pending_at[a]};

	if (!step_done)
	{
		resolve_pending(sc, &v, w, c, line, len, zone);
		return;
	}
	on_match(sc, &v, w, matcher_outputs(&ra->m, sc->rule_state[a]), line, len, at, zone);
}

/* The rule set's automata over one folded byte: one step each, the rest only on a match. */
static inline void
feed_rules(scan_state *sc, unsigned char c, const char *line, size_t len, size_t at, scan_zone zone)
{
	const bounce_ruleset *rs = sc->rules;
	int			a;

	for (a = 0; a < rs->nautomata; a++)
	{
		if (sc->rule_pending[a] != NULL)
			rule_matches(sc, a, c, 0, line, len, at, zone);
		sc->rule_state[a] = matcher_step(&rs->automata[a].m, sc->rule_state[a], c);
		if (matcher_has_output(&rs->automata[a].m, sc->rule_state[a]))
			rule_matches(sc, a, c, 1, line, len, at, zone);
	}
}

/*
 * What the hot loop steps: the automaton's tables, its state and the ring's
 * position, held in locals while a line is read.  Through sc, every byte
 * stored into the ring (a char store may alias anything) would make the
 * compiler load them all again at the next byte.
 */
typedef struct feeder
{
	const matcher_state *next;
	const uint8_t *byte_class;
	size_t		nclasses;
	matcher_state first_output_state;
	matcher_state state;
	unsigned char ring_pos;
	int			has_rules;		/* a user rule set steps too */
	int			script;			/* the other scripts' automaton steps too */
} feeder;

/* Take the automaton's state and the ring's position from sc into locals. */
static inline void
feeder_begin(feeder *f, const scan_state *sc)
{
	f->next = sc->m->next;
	f->byte_class = sc->m->byte_class;
	f->nclasses = (size_t) sc->m->nclasses;
	f->first_output_state = sc->m->first_output_state;
	f->state = sc->state;
	f->ring_pos = sc->ring_pos;
	f->has_rules = sc->rules != NULL;
	f->script = sc->script_active;
}

/* Give the state and the ring's position back to sc. */
static inline void
feeder_end(const feeder *f, scan_state *sc)
{
	sc->state = f->state;
	sc->ring_pos = f->ring_pos;
}

/* The built-in phrases' vocabulary and waiting list, for the slow paths of feed(). */
#define BUILTIN_VOCABULARY {scan_latin_phrases, scan_phrase_shapes, 0, 0}
#define BUILTIN_WAITING(sc) {&(sc)->pending, &(sc)->pending_at}

/* feed()'s slow path: a built-in phrase ended on a word byte and waits for this one. */
static NOINLINE void
feed_pending(scan_state *sc, unsigned char c, const char *line, size_t len, scan_zone zone)
{
	vocabulary	builtin = BUILTIN_VOCABULARY;
	waiting		w = BUILTIN_WAITING(sc);

	resolve_pending(sc, &builtin, w, c, line, len, zone);
}

/* feed()'s slow path: built-in phrases end at this byte. */
static NOINLINE void
feed_match(scan_state *sc, matcher_state state, const char *line, size_t len, size_t at, scan_zone zone)
{
	vocabulary	builtin = BUILTIN_VOCABULARY;
	waiting		w = BUILTIN_WAITING(sc);

	on_match(sc, &builtin, w, matcher_outputs(sc->m, state), line, len, at, zone);
}

/*
 * feed()'s slow path in a line of another script (or after one): the other
 * scripts' automaton steps over the same byte, with its own waiting phrases.
 */
static NOINLINE void
feed_script(scan_state *sc, unsigned char c, const char *line, size_t len, size_t at, scan_zone zone)
{
	vocabulary	v = {scan_script_phrases, scan_script_shapes, 0, 0};
	waiting		w = {&sc->script_pending, &sc->script_pending_at};

	if (sc->script_pending != NULL)
		resolve_pending(sc, &v, w, c, line, len, zone);
	sc->script_state = matcher_step(scan_script_matcher, sc->script_state, c);
	if (matcher_has_output(scan_script_matcher, sc->script_state))
		on_match(sc, &v, w, matcher_outputs(scan_script_matcher, sc->script_state), line, len, at, zone);
}

/* feed()'s slow path: the user rule set's automata (rules.h) step too; their matches look back through the ring. */
static NOINLINE void
feed_user_rules(scan_state *sc, unsigned char c, const char *line, size_t len, size_t at, scan_zone zone)
{
	feed_rules(sc, c, line, len, at, zone);
}

/*
 * Step the automaton over one folded byte and act on what matches.  Most
 * bytes only step: that is inlined into the loops of scan_bytes(), and what
 * happens on a match, a waiting phrase or a user rule set is out of line.
 */
static ALWAYS_INLINE void
feed(scan_state *sc, feeder *f, unsigned char c, const char *line, size_t len, size_t at, scan_zone zone)
{
	sc->ring[f->ring_pos++] = c;
	if (sc->pending != NULL)
	{
		sc->ring_pos = f->ring_pos;
		feed_pending(sc, c, line, len, zone);
	}
	/* matcher_step(), with the tables in locals. */
	f->state = f->next[(size_t) f->state * f->nclasses + f->byte_class[c]];
	if (f->state >= f->first_output_state)
	{
		sc->ring_pos = f->ring_pos;
		feed_match(sc, f->state, line, len, at, zone);
	}
	if (f->script)
	{
		sc->ring_pos = f->ring_pos;
		feed_script(sc, c, line, len, at, zone);
	}
	if (f->has_rules)
	{
		sc->ring_pos = f->ring_pos;
		feed_user_rules(sc, c, line, len, at, zone);
	}
}

/* The first address of the bounce's To: header: whom the bounce goes back to. */
static void
remember_bounce_to(scan_state *sc, const char *value, size_t len)
{
	const char *at = memchr(value, '@', len);
	size_t		start,
				end,
				i;

	if (at == NULL || !recipient_address_bounds(value, len, (size_t) (at - value), &start, &end))
		return;
	for (i = 0; i < end - start; i++)
		sc->bounce_to[i] = (char) ascii_lower((unsigned char) value[start + i]);
	sc->bounce_to[end - start] = '\0';
}

/* Read a failed-recipient candidate address around the '@' at line[at]. */
static void
offer_address(scan_state *sc, const char *line, size_t len, size_t at, int rank)
{
	size_t		start,
				end,
				n;

	if (rank <= sc->recipient_rank || !recipient_address_bounds(line, len, at, &start, &end))
		return;
	n = end - start;
	/* The address the bounce returns to sent the message: in the text it is no recipient. */
	if (rank == RECIPIENT_IN_TEXT && sc->bounce_to[0] != '\0' && strlen(sc->bounce_to) == n &&
		ascii_has_prefix(line + start, n, sc->bounce_to))
		return;
	if (rank == RECIPIENT_IN_TEXT &&
		(ascii_has_prefix(line + start, n, "mailer-daemon@") || ascii_has_prefix(line + start, n, "postmaster@") ||
		 ascii_has_prefix(line + start, n, "noreply") || ascii_has_prefix(line + start, n, "no-reply")))
		return;
	memcpy(sc->recipient, line + start, n);
	sc->recipient[n] = '\0';
	sc->recipient_rank = rank;
}

/* A recipient field's value: "rfc822; user@example.com" or "<user@example.com>". */
static void
read_recipient_field(scan_state *sc, const char *value, size_t len, int rank)
{
	const char *at = memchr(value, '@', len);

	if (at != NULL)
		offer_address(sc, value, len, (size_t) (at - value), rank);
}

/*
 * Does a code at line[at] open a citation in double quotes ("it came back
 * with \"550 5.1.1 User unknown\"", or in U+201C) in a message no mail system
 * sent (no mailer daemon, no null sender)?  A person quotes a server there;
 * the server did not answer this message.  (MTAs that quote a reply use
 * single quotes: Exchange's "Remote Server returned '550 ...'".)
 */
static int
person_cites_code(const scan_state *sc, const char *line, size_t at)
{
	if (!sc->is_message || sc->from_mailer || sc->null_sender || sc->dsn)
		return 0;
	return (at >= 1 && line[at - 1] == '"') ||
		(at >= 3 && (unsigned char) line[at - 3] == 0xE2 && (unsigned char) line[at - 2] == 0x80 &&
		 (unsigned char) line[at - 1] == 0x9C);
}

/*
 * Is line[at] the last group of a telephone number ("ring the workshop on
 * 01632 960 418")?  The word before it is digits alone, and not a reply code
 * itself: a relay's own code before the remote's ("554 550 5.7.1 ...") is no
 * telephone number.  (smtp_read_reply looks at the groups after a code.)
 */
static int
after_number_group(const char *line, size_t at)
{
	size_t		end,
				start;

	if (at < 2 || line[at - 1] != ' ' || line[at - 2] < '0' || line[at - 2] > '9')
		return 0;
	end = at - 1;
	/* A group is a few digits: the look-back stops at 16, so a line of digits costs no more. */
	for (start = end; start > 0 && end - start < 16 && line[start - 1] >= '0' && line[start - 1] <= '9'; start--)
		;
	if (start > 0 && line[start - 1] != ' ' && line[start - 1] != '\t')
		return 0;				/* "5.1.1 550", "[192.0.2.1] 550", a longer run: no group of digits alone */
	return !(end - start == 3 && (line[start] == '2' || line[start] == '4' || line[start] == '5'));
}

/* Note an SMTP code found at line[at]; returns the bytes it spans (0: none). */
static size_t
read_code_at(scan_state *sc, const char *line, size_t len, size_t at, int rank)
{
	smtp_enhanced e;
	size_t		n;

	if (rank == RANK_TEXT && person_cites_code(sc, line, at))
	{
		/* Step over the cited codes ("550 5.1.1"), noting none of them. */
		n = smtp_read_enhanced(line + at, len - at, &e);
		if (n == 0 && smtp_read_reply(line + at, len - at) != 0)
		{
			n = 3;
			if (at + n + 1 < len && line[at + n] == ' ')
			{
				size_t		m = smtp_read_enhanced(line + at + n + 1, len - at - n - 1, &e);

				if (m > 0)
					n += 1 + m;
			}
		}
		return n;
	}
	n = smtp_read_enhanced(line + at, len - at, &e);

	if (n > 0)
	{
		/* A failure code outranks a success code read at the same place. */
		int			r = rank * 2 + (e.klass != 2);

		/* A failure code in a text line: the rest of the line is a server's reply. */
		if (rank == RANK_TEXT && e.klass != 2)
			sc->remote_line = 1;

		/*
		 * X.0.0 says no more than its class: Exim's DSN gives "Status: 5.0.0"
		 * for every failure, whatever the remote server's "550 5.7.1" said.
		 * A specific code of the same class is kept over it, at the rank of
		 * the two that is higher.
		 */
		if (sc->status_rank > 0 && e.klass == sc->status_code.klass &&
			((e.subject == 0 && e.detail == 0 && sc->status_code.subject != 0) ||
			 (sc->status_code.subject == 0 && sc->status_code.detail == 0 && e.subject != 0)))
		{
			if (e.subject == 0)
			{
				if (r > sc->status_rank)
					sc->status_rank = r;
				return n;
			}
			if (r < sc->status_rank)
				r = sc->status_rank;
			sc->status_rank = 0;
		}
		if (r > sc->status_rank)
		{
			smtp_meaning m = smtp_enhanced_meaning(&e);

			sc->status_rank = r;
			sc->status_code = e;
			sc->status.score = 0;
			if (m.code >= 0)
				offer(&sc->status, m.strength, m.code, m.rule, line, len, at + n);
		}
		return n;
	}
	else
	{
		int			reply = after_number_group(line, at) ? 0 : smtp_read_reply(line + at, len - at);

		if (reply != 0)
		{
			int			r = rank * 2 + (reply >= 400);

			if (rank == RANK_TEXT && reply >= 400)
				sc->remote_line = 1;

			if (r > sc->reply_rank)
			{
				smtp_meaning m = smtp_reply_meaning(reply);

				sc->reply_rank = r;
				sc->reply_code = reply;
				sc->reply.score = 0;
				if (m.code >= 0)
					offer(&sc->reply, m.strength, m.code, m.rule, line, len, at + 3);
			}
			/* A continuation's hyphen ("potential 552-5.7.0 security issue") is the code's, not a word's. */
			return at + 3 < len && line[at + 3] == '-' ? 4 : 3;
		}
	}
	return 0;
}

/*
 * Where the remote MTA's host name was read, weakest first: a host name in a
 * reply or the bounce's text; one followed by its address in brackets
 * ("host mx.example.com[192.0.2.1] said:", "connect to
 * mx.example.com[192.0.2.1]:25"), as Postfix, Exim and Sendmail name the
 * server they talked to; the DSN's Remote-MTA field (RFC 3464 2.3.5).
 */
#define REMOTE_HOST_TEXT 1
#define REMOTE_HOST_BRACKETED 2
#define REMOTE_HOST_FIELD 3

/* Remember the provider running a remote host named at rank, when known and better placed than the one kept. */
static void
offer_remote_provider(scan_state *sc, const char *provider, int rank)
{
	if (rank > sc->remote_provider_rank && provider != NULL)
	{
		sc->remote_provider = provider;
		sc->remote_provider_rank = rank;
	}
}

/* The host of a Remote-MTA value ("dns; mx.example.com"): the first token after the type's ';'. */
static void
read_remote_mta(scan_state *sc, const char *value, size_t len)
{
	const char *semi = memchr(value, ';', len);
	size_t		i = semi != NULL ? (size_t) (semi - value) + 1 : 0,
				end;

	while (i < len && (value[i] == ' ' || value[i] == '\t'))
		i++;
	for (end = i; end < len && !token_is_delimiter((unsigned char) value[end]); end++)
		;
	if (end > i)
	{
		token		t = token_classify(value + i, end - i);

		if (t.kind == TOKEN_HOST)
			offer_remote_provider(sc, host_provider(value + i + t.host_at, t.host_len), REMOTE_HOST_FIELD);
	}
}

/*
 * A token that is no word (words.h) was found at line[i]: note what it says —
 * a recipient address, a blocklist zone, a large provider's host — and step
 * over it.
 */
static void
on_name(scan_state *sc, const token *t, const char *line, size_t len, size_t i, scan_zone zone,
		int read_codes)
{
	if (!read_codes)
		return;
	if (t->kind == TOKEN_ADDRESS && sc->recipient_rank < RECIPIENT_IN_TEXT)
	{
		const char *at = memchr(line + i, '@', t->len);

		offer_address(sc, line, len, (size_t) (at - line), RECIPIENT_IN_TEXT);
	}
	else if (t->kind == TOKEN_HOST || t->kind == TOKEN_URL)
	{
		host_fact f = host_lookup(line + i + t->host_at, t->host_len);

		/* A link to a blocklist's look-up page says the sending IP is listed. */
		if (f.code < 0 && t->kind == TOKEN_URL &&
			url_path_names_blocklist(line + i + t->host_at + t->host_len, t->len - t->host_at - t->host_len))
		{
			f.code = 51;
			f.rule = "blocklist_lookup";
		}

		if (t->kind == TOKEN_HOST && !((sc->banner || sc->quoted) && !sc->remote_line))
			offer_remote_provider(sc, f.provider,
								  (i + t->len < len && line[i + t->len] == '[') ? REMOTE_HOST_BRACKETED : REMOTE_HOST_TEXT);
		if (f.large_provider)
			sc->provider_host = 1;
		/* User rules scoped to a remote host (rules.h) ask whether it was named. */
		if (sc->rules != NULL)
			bounce_ruleset_note_host(sc->rules, line + i + t->host_at, t->host_len, sc->rule_hosts_seen);
		if (f.code >= 0 && !((sc->banner || sc->quoted) && !sc->remote_line) &&
			!(zone == ZONE_TEXT && sc->remote_line && sc->later_text_recipient))
		{
			offer(&sc->line_cue[segment_level(sc, zone)], STRONG + 8, f.code, f.rule, line, len, i + t->len);
			sc->line_has_cue = 1;
		}
	}
}

/* Take the line's cues into the message's, unless the line turned out to be a banner. */
static void
commit_line_cues(scan_state *sc)
{
	int			l;

	if (sc->line_request.score > sc->request.score)
	{
		sc->request = sc->line_request;
		sc->request_level = sc->line_request_level;
	}
	sc->line_request.score = 0;
	for (l = 0; l < LEVEL_COUNT; l++)
	{
		/* A request that won its line (the one-word "unsubscribe" reply, a Subject) is kept apart as well. */
		if (bounce_is_request(sc->line_cue[l].code) && sc->line_cue[l].score > sc->request.score)
		{
			sc->request = sc->line_cue[l];
			sc->request_level = (evidence_level) l;
		}
		/* Words said outright displace the same strength cited (on_phrase). */
		if (sc->line_cue[l].score > sc->cue[l].score ||
			(sc->line_cue[l].score > 0 && sc->line_cue[l].score == sc->cue[l].score &&
			 sc->cue[l].cited && !sc->line_cue[l].cited))
			sc->cue[l] = sc->line_cue[l];
		sc->line_cue[l].score = 0;
		sc->line_cue[l].cited = 0;
	}
	sc->line_has_cue = 0;
}

/*
 * Does text hold a byte of a script that does not fold to ASCII: a UTF-8 lead
 * byte other than those of the Latin letters fold.h folds (C3, C4, C5)?  Eight
 * bytes at a time while they are ASCII, as most lines are.
 */
static int
has_script_bytes(const char *text, size_t len)
{
	size_t		i = 0;

	for (; i + 8 <= len; i += 8)
	{
		uint64_t	word;

		memcpy(&word, text + i, 8);
		if ((word & UINT64_C(0x8080808080808080)) != 0)
			break;
	}
	for (; i < len; i++)
	{
		unsigned char c = (unsigned char) text[i];

		if (c >= 0xC0 && !fold_is_lead(c))
			return 1;
	}
	return 0;
}

/*
 * Feed the bytes line[from..len) to the matcher, word by word, and read SMTP
 * codes and names (addresses, hosts, URLs) among them.
 */
static void
scan_bytes(scan_state *sc, const char *line, size_t len, size_t from, scan_zone zone)
{
	int			last_was_space = sc->last_was_space;
	unsigned char prev = sc->prev_byte;
	int			code_rank = zone == ZONE_DIAGNOSTIC ? RANK_DIAGNOSTIC :
		zone == ZONE_TEXT && !sc->later_text_recipient ? RANK_TEXT : 0;
	size_t		i;
	feeder		f;

	if (!sc->script_active && scan_script_matcher != NULL && has_script_bytes(line + from, len - from))
		sc->script_active = 1;
	feeder_begin(&f, sc);
	for (i = from; i < len && !sc->cut; i++)
	{
		unsigned char raw = (unsigned char) line[i];
		unsigned char c;

		if (fold_is_lead(raw) && i + 1 < len &&
			(unsigned char) line[i + 1] >= 0x80 && (unsigned char) line[i + 1] <= 0xBF)
		{
			/* A Latin letter with a diacritic: read its base letter. */
			c = fold_pair(raw, (unsigned char) line[++i]);
			raw = c;
		}
		else
			c = fold_table[raw];

		if (c == ' ')
		{
			prev = raw;
			if (last_was_space)
				continue;
			last_was_space = 1;
			feed(sc, &f, ' ', line, len, i, zone);
			continue;
		}
		if (i == 0 || fold_ascii_word[prev] == 0)
		{
			size_t		n = 0;
			token		t;

			if (code_rank > 0 && (raw == '2' || raw == '4' || raw == '5') && prev != '.' && prev != '_')
				n = read_code_at(sc, line, len, i, code_rank);
			if (n == 0 && i > 0 && !token_is_delimiter(prev))
				goto word;

			/*
			 * A code is no part of a phrase: it reads as a space, so that
			 * "Please try 550-5.1.1 double-checking" (a reply wrapped by an
			 * MTA) matches as "please try double-checking", and "Unrouteable
			 * 550 address" as "unrouteable address".
			 */
			t.kind = TOKEN_WORD;
			if (n == 0 && !token_is_plain_word(line + i, len - i))
			{
				t = token_classify(line + i, len - i);
				if (t.kind != TOKEN_WORD)
				{
					on_name(sc, &t, line, len, i, zone, code_rank > 0);
					n = t.len;
				}
			}
			if (n > 0)
			{
				prev = (unsigned char) line[i + n - 1];
				i += n - 1;
				if (!last_was_space)
				{
					last_was_space = 1;
					feed(sc, &f, ' ', line, len, i, zone);
				}
				/* What follows an IP address may say what befell it (on_phrase). */
				if (t.kind == TOKEN_IP)
				{
					sc->ip_line = line;
					sc->ip_ring = f.ring_pos;
					/* ... and what came just before it: a remote's "Mail refused - <IP>" (on_phrase). */
					if (sc->ip_object_line == line && (unsigned char) (f.ring_pos - sc->ip_object_ring) <= 4 &&
						offer(&sc->line_cue[sc->ip_object_level], STRONG + 5, 51, "ip_refused", line, len, i + 1))
					{
						sc->line_cue[sc->ip_object_level].phrase = "mail refused";
						sc->line_has_cue = 1;
					}
				}
				continue;
			}
		}
word:
		last_was_space = 0;
		if (raw >= 0xD0 && i + 1 < len)
		{
			unsigned char cyr[2];

			/* A Cyrillic capital: its small letter, two bytes as in the patterns. */
			if (fold_cyrillic(raw, (unsigned char) line[i + 1], cyr))
			{
				feed(sc, &f, cyr[0], line, len, i, zone);
				c = raw = cyr[1];
				i++;
			}
		}
		prev = raw;
		feed(sc, &f, c, line, len, i, zone);

		/*
		 * The ASCII letters and digits that go on with a word need none of
		 * the checks above (they fold to themselves or lower case, start no
		 * token and no code): most bytes of a text take this loop.
		 */
		if (fold_ascii_word[prev] != 0)
			while (i + 1 < len && !sc->cut && (c = fold_ascii_word[(unsigned char) line[i + 1]]) != 0)
			{
				prev = (unsigned char) line[++i];
				feed(sc, &f, c, line, len, i, zone);
			}
	}
	/* The line break is whitespace too. */
	if (!last_was_space)
	{
		feed(sc, &f, ' ', line, len, len, zone);
		last_was_space = 1;
	}
	feeder_end(&f, sc);
	if (sc->line_has_cue)
		commit_line_cues(sc);
	/* The enclosure's separator line is over: the next "original message" is the bounce's own. */
	if (sc->enclosed_bounce == 2)
		sc->enclosed_bounce = 3;
	sc->last_was_space = last_was_space;
	sc->prev_byte = ' ';
}

/*
 * The entries of known_fields by the first letter of their names, in the
 * table's order (the first that matches wins), each letter's run ended by -1;
 * built once.  A line is compared with the few names of its first letter, not
 * with all sixty.
 */
#define KNOWN_FIELDS (sizeof(known_fields) / sizeof(known_fields[0]))
static signed char fields_by_letter[26][KNOWN_FIELDS + 1];
static int	fields_by_letter_ready;

/* Fill fields_by_letter. */
static void
index_known_fields(void)
{
	int			letter;

	for (letter = 0; letter < 26; letter++)
	{
		size_t		i,
					n = 0;

		for (i = 0; i < KNOWN_FIELDS; i++)
			if ((unsigned char) known_fields[i].name[0] == 'a' + letter)
				fields_by_letter[letter][n++] = (signed char) i;
		fields_by_letter[letter][n] = -1;
	}
	fields_by_letter_ready = 1;
}

/*
 * The "Sent:" of the quoted header block in the Outlook, Gmail and QQ/Foxmail
 * translations whose names are not in Latin script (field names above start
 * with a Latin letter): Russian, Japanese, Chinese, Korean.
 */
static const char *const quote_start_scripts[] = {
	"\xd0\x9e\xd1\x82\xd0\xbf\xd1\x80\xd0\xb0\xd0\xb2\xd0\xbb\xd0\xb5\xd0\xbd\xd0\xbe:",	/* Отправлено: */
	"\xe9\x80\x81\xe4\xbf\xa1\xe6\x97\xa5\xe6\x99\x82:",	/* 送信日時: */
	"\xe5\x8f\x91\xe9\x80\x81\xe6\x97\xb6\xe9\x97\xb4:",	/* 发送时间: */
	"\xe5\x8f\x91\xe9\x80\x81\xe6\x97\xb6\xe9\x97\xb4\xef\xbc\x9a",	/* 发送时间： */
	"\xe5\xaf\x84\xe4\xbb\xb6\xe6\x97\xa5\xe6\x9c\x9f:",	/* 寄件日期: */
	"\xeb\xb3\xb4\xeb\x82\xb8 \xeb\x82\xa0\xec\xa7\x9c:",	/* 보낸 날짜: */
	NULL
};

/* Which known field a line starts with. */
static field
field_of(const char *line, size_t len, size_t *value_at)
{
	const signed char *k;
	const char *const *q;
	unsigned char first = len > 0 ? ascii_lower((unsigned char) line[0]) : 0;

	/* A quoted header block in a script other than Latin ("Отправлено:", "送信日時:"). */
	if (first >= 0x80)
	{
		for (q = quote_start_scripts; *q != NULL; q++)
			if (ascii_has_prefix(line, len, *q))
			{
				*value_at = strlen(*q);
				return FIELD_QUOTE_START;
			}
		return FIELD_NONE;
	}
	/* Every field name starts with a letter: most reply lines start with a digit. */
	if (first < 'a' || first > 'z')
		return FIELD_NONE;
	if (!fields_by_letter_ready)
		index_known_fields();
	for (k = fields_by_letter[first - 'a']; *k >= 0; k++)
	{
		if (ascii_has_prefix(line, len, known_fields[*k].name) &&
			(known_fields[*k].f != FIELD_QUOTED_HEADER || ascii_is_header_name(line, len)))
		{
			*value_at = strlen(known_fields[*k].name);
			return known_fields[*k].f;
		}
	}
	return FIELD_NONE;
}

/* The names mail systems send their bounces under (From: of a bounce). */
static const char *const mailer_senders[] = {
	"mailer-daemon", "mailer daemon", "mailer_daemon", "postmaster", "mail delivery",
	"mail system", "delivery subsystem", "mail administrator", "mailadmin", "mail-daemon",
	"returned mail", "nondeliverable", "non-delivery",
	"<>", "mail server", "mdaemon", "mailer@",	/* "Courier mail server at x <@>", "MDaemon@x", "<>" */
	NULL
};

/* Does a From: value name a mailing list's own address (RFC 2142 "-owner", Mailman, Majordomo, LISTSERV, Sympa)? */
int
scan_list_sender(const char *value, size_t len)
{
	return contains(value, len, "-owner@") || contains(value, len, "owner-") ||
		contains(value, len, "-bounces@") || contains(value, len, "-request@") || contains(value, len, "listserv@") ||
		contains(value, len, "sympa@") || contains(value, len, "majordomo@");
}

/* Does a From: value name a mail system rather than a person? */
int
scan_mailer_sender(const char *value, size_t len)
{
	int			i;

	for (i = 0; mailer_senders[i] != NULL; i++)
		if (contains(value, len, mailer_senders[i]))
			return 1;
	return 0;
}

/*
 * The prefixes mail clients put before the Subject of a reply (RFC 5322 3.6.5
 * "Re:", and the translations clients ship: German AW, Nordic SV/VS, Dutch
 * Antw, Polish Odp, Italian R/RIF, Turkish YNT, Spanish/Portuguese RES,
 * Chinese 回复/答复, Japanese 返信), lower case, without the colon.
 */
static const char *const reply_prefixes[] = {
	"re", "aw", "sv", "vs", "antw", "odp", "r", "rif", "ynt", "res",
	"\xe5\x9b\x9e\xe5\xa4\x8d", "\xe7\xad\x94\xe5\xa4\x8d", "\xe8\xbf\x94\xe4\xbf\xa1", NULL
};

/*
 * The length of the reply prefix a Subject value opens with ("Re:", "RE :",
 * "Re[2]:", "SV:", "回复："), the blanks before it included; 0: none.
 */
static size_t
reply_prefix_len(const char *value, size_t len)
{
	size_t		i = 0;
	int			p;

	while (i < len && (value[i] == ' ' || value[i] == '\t'))
		i++;
	for (p = 0; reply_prefixes[p] != NULL; p++)
	{
		size_t		n = strlen(reply_prefixes[p]),
					j = i + n;

		if (!ascii_has_prefix(value + i, len - i, reply_prefixes[p]))
			continue;
		/* "Re[2]:" and "Re(2):" count the replies. */
		if (j < len && (value[j] == '[' || value[j] == '('))
		{
			while (j < len && j < i + n + 6 && value[j] != ']' && value[j] != ')')
				j++;
			if (j < len && (value[j] == ']' || value[j] == ')'))
				j++;
		}
		if (j < len && value[j] == ' ')
			j++;
		if (j < len && value[j] == ':')
			return j + 1;
		if (j + 3 <= len && memcmp(value + j, "\xef\xbc\x9a", 3) == 0)	/* a full-width colon */
			return j + 3;
	}
	return 0;
}

/*
 * The prefixes of a non-delivery report's Subject that the returned message's
 * own Subject follows (Exchange and Outlook "Undeliverable:", CommuniGate
 * "Undeliverable mail:", Exchange's translations), lower case.  Not Sendmail's
 * "Returned mail:" nor Domino's "DELIVERY FAILURE:": their reason follows.
 */
static const char *const ndr_subject_prefixes[] = {
	"undeliverable mail:", "undeliverable:", "undelivered:", "non remis :", "non remis:",
	"unzustellbar:", "onbestelbaar:", "non recapitabile:", "no se puede entregar:",
	"n\xc3\xa3o \xc3\xa9 poss\xc3\xadvel entregar:", "olevererbart:", "kan ikke leveres:",
	"ei voitu toimittaa:", NULL
};

/*
 * The prefixes mail clients put before the Subject of a message forwarded
 * ("Fwd:", Outlook's "FW:", German "WG:", French "TR :", Spanish "RV:",
 * Portuguese "Enc:", Dutch "Doorst:", Swedish "VB:", Finnish "VL:", Polish
 * "PD:"), lower case: the forwarded mail's own Subject follows.
 */
static const char *const forward_subject_prefixes[] = {
	"fwd:", "fwd :", "fw:", "fw :", "wg:", "tr:", "tr :", "rv:", "enc:", "doorst:", "vb:", "vl:", "pd:",
	NULL
};

/* The length of one of the prefixes a Subject value opens with, the blanks before it included; 0: none. */
static size_t
subject_prefix_len(const char *value, size_t len, const char *const *prefixes)
{
	size_t		i = 0;
	int			p;

	while (i < len && (value[i] == ' ' || value[i] == '\t'))
		i++;
	for (p = 0; prefixes[p] != NULL; p++)
		if (ascii_has_prefix(value + i, len - i, prefixes[p]))
			return i + strlen(prefixes[p]);
	return 0;
}

/*
 * The names mail systems give the Subjects of their failure reports, lower
 * case: the Subject is the name, or opens with it and then ':' or '('
 * ("Undeliverable: ...", "Returned mail: see transcript for details",
 * "Delivery Status Notification (Failure)", "failure notice"); a name ending
 * in '*' may go on with anything ("Mail delivery failed: returning message to
 * sender", "Mail System Error - Returned Mail").  A person's "Undeliverable
 * mail - please update our address" or a vendor's "Undeliverable? Not anymore"
 * is no report.  A forward prefix before it is passed over ("Fwd: Returned
 * mail: ...").
 */
static const char *const report_subject_names[] = {
	"undeliverable", "undeliverable mail", "undeliverable message", "undelivered", "undelivered mail",
	"undelivered mail returned to sender*", "returned mail", "mail delivery failed*", "mail delivery failure*",
	"delivery status notification", "delivery failure", "delivery notification", "failure notice",
	"failure delivery", "nondeliverable mail", "non-deliverable mail", "non delivery*", "non-delivery*",
	"mail system error*", "message not delivered", "unzustellbar", "non remis", NULL
};

int
scan_report_subject(const char *value, size_t len)
{
	size_t		i = subject_prefix_len(value, len, forward_subject_prefixes);
	int			w;

	while (i < len && (value[i] == ' ' || value[i] == '\t'))
		i++;
	while (len > i && (value[len - 1] == ' ' || value[len - 1] == '\t' || value[len - 1] == '\r'))
		len--;
	for (w = 0; report_subject_names[w] != NULL; w++)
	{
		const char *name = report_subject_names[w];
		size_t		n = strlen(name),
					end;

		if (name[n - 1] == '*')
			n--;
		if (n > len - i || !ascii_has_prefix(value + i, n, name))
			continue;
		if (name[n] == '*')
			return 1;
		end = i + n;
		while (end < len && value[end] == ' ')
			end++;
		if (end == len || value[end] == ':' || value[end] == '(')
			return 1;
	}
	return 0;
}

static int	is_unsubscribe_line(const char *line, size_t len);

/* RFC 3464's action-value: one word, a comment may follow ("failed (bad mailbox)"). */
typedef enum dsn_action
{
	ACTION_NONE,				/* not one of them: prose after "Action:" */
	ACTION_FAILED,
	ACTION_DELAYED,
	ACTION_DELIVERED			/* delivered, relayed, expanded */
} dsn_action;

/*
 * The action an "Action:" value names.  A scanner's notice whose line reads
 * "Action: The attachment was deleted. The message was not delivered." is
 * prose, no DSN field.
 */
static dsn_action
action_of(const char *value, size_t vlen)
{
	static const char *const failed[] = {"failed", NULL};
	static const char *const delayed[] = {"delayed", NULL};
	static const char *const delivered[] = {"delivered", "relayed", "expanded", NULL};
	size_t		i = 0,
				n = 0;

	while (i < vlen && (value[i] == ' ' || value[i] == '\t'))
		i++;
	while (i + n < vlen && ascii_lower((unsigned char) value[i + n]) >= 'a' &&
		   ascii_lower((unsigned char) value[i + n]) <= 'z')
		n++;
	if (ascii_is_one_of(value + i, n, failed))
		return ACTION_FAILED;
	if (ascii_is_one_of(value + i, n, delayed))
		return ACTION_DELAYED;
	if (ascii_is_one_of(value + i, n, delivered))
		return ACTION_DELIVERED;
	return ACTION_NONE;
}

/* Act on a DSN or header field; returns the zone its value is read in. */
static scan_zone
on_field(scan_state *sc, field f, const char *line, size_t len, size_t value_at, scan_zone zone)
{
	const char *value = line + value_at;
	size_t		vlen = len - value_at;
	dsn_action	action = f == FIELD_ACTION ? action_of(value, vlen) : ACTION_NONE;

	/* An "Action:" line of prose is no field at all. */
	if (f == FIELD_ACTION && action == ACTION_NONE)
		return zone;
	/* A recipient's field after a failed recipient's group (RFC 3464: groups end with a blank line). */
	if (sc->dsn_failed_group_closed &&
		(f == FIELD_ACTION || f == FIELD_STATUS || f == FIELD_DIAGNOSTIC ||
		 f == FIELD_FINAL_RECIPIENT || f == FIELD_ORIGINAL_RECIPIENT))
		sc->later_dsn_recipient = 1;
	switch (f)
	{
		case FIELD_ACTION:
			sc->dsn = 1;
			if (action == ACTION_FAILED)
			{
				sc->action_failed = 1;
				sc->dsn_group_failed = 1;
			}
			else if (action == ACTION_DELAYED)
			{
				sc->action_delayed = 1;
				offer(&sc->structure, 2, 70, "dsn_action_delayed", line, len, len);
			}
			else
			{
				sc->action_delivered = 1;
				offer(&sc->structure, 1, 0, "dsn_action_delivered", line, len, len);
			}
			return ZONE_HEADER;
		case FIELD_STATUS:
			{
				size_t		i = 0;

				sc->dsn = 1;
				if (sc->later_dsn_recipient)
					return ZONE_HEADER;
				while (i < vlen && (value[i] == ' ' || value[i] == '\t'))
					i++;
				read_code_at(sc, line, len, value_at + i,
							 sc->dsn_group_failed ? RANK_FAILED_STATUS_FIELD : RANK_STATUS_FIELD);
				return ZONE_HEADER;
			}
		case FIELD_DIAGNOSTIC:
			sc->dsn = 1;
			return sc->later_dsn_recipient ? ZONE_HEADER : ZONE_DIAGNOSTIC;
		case FIELD_FINAL_RECIPIENT:
			sc->dsn = 1;
			read_recipient_field(sc, value, vlen, RECIPIENT_FINAL);
			return ZONE_HEADER;
		case FIELD_ORIGINAL_RECIPIENT:
			read_recipient_field(sc, value, vlen, RECIPIENT_ORIGINAL);
			return ZONE_HEADER;
		case FIELD_X_FAILED:
			/* Exim marks its bounces so: a mail system wrote this one. */
			if (zone == ZONE_HEADER)
				sc->report_marked = 1;
			read_recipient_field(sc, value, vlen, RECIPIENT_X_FAILED);
			return ZONE_HEADER;
		case FIELD_FEEDBACK_TYPE:
			/* RFC 5965 section 7.3 and RFC 6650: the feedback types. */
			sc->arf = 1;
			if (contains(value, vlen, "opt-out") || contains(value, vlen, "unsubscribe"))
				offer(&sc->structure, 3, 90, "arf_opt_out", line, len, len);
			else if (contains(value, vlen, "not-spam"))
				offer(&sc->structure, 3, 0, "arf_not_spam", line, len, len);
			else
				offer(&sc->structure, 3, 200, "arf_feedback_report", line, len, len);
			return ZONE_HEADER;
		case FIELD_AUTO_SUBMITTED:
			/*
			 * RFC 3834 section 5: auto-replied, and auto-generated as
			 * Exchange's and Domino's out-of-office replies and helpdesk
			 * acknowledgements send it.  Sendmail's DSNs send it with a
			 * comment ("auto-generated (failure)"): a report, not a reply.
			 */
			if (contains(value, vlen, "auto-replied") ||
				(contains(value, vlen, "auto-generated") && memchr(value, '(', vlen) == NULL))
				sc->auto_replied = 1;
			return ZONE_HEADER;
		case FIELD_AUTOREPLY:
			sc->auto_replied = 1;
			return ZONE_HEADER;
		case FIELD_PRECEDENCE:
			if (contains(value, vlen, "auto_reply") || contains(value, vlen, "auto-reply"))
				sc->auto_replied = 1;
			/* RFC 2076, RFC 3834 2: list software and bulk mailers mark their mail. */
			else if (zone == ZONE_HEADER &&
					 (contains(value, vlen, "bulk") || contains(value, vlen, "list") || contains(value, vlen, "junk")))
				sc->bulk_precedence = 1;
			return ZONE_HEADER;
		case FIELD_SUBJECT:
			if (zone == ZONE_HEADER)
			{
				size_t		n = reply_prefix_len(value, vlen),
							m = subject_prefix_len(value, vlen, ndr_subject_prefixes),
							fw = subject_prefix_len(value, vlen, forward_subject_prefixes);

				sc->subject_is_reply = n > 0;
				if (scan_report_subject(value, vlen))
					sc->report_marked = 1;
				sc->subject_ring_at = sc->ring_pos;
				/* "Undeliverable: Virus alert", "Fwd: ...": the words after the prefix are another mail's Subject. */
				if (fw > 0)
				{
					sc->forwarded = 1;
					m = fw;
				}
				sc->subject_original_at = m > 0 ? value_at + m : 0;
				if (n > 0)
					sc->answers_message = 1;
				/*
				 * "Re: Unsubscribe": the person put the request in place of the
				 * subject they answer; a new mail whose whole Subject is the
				 * request ("afmelden", "wypisz") asks the same.  Not the
				 * Subject of a bounce or a forward ("Undeliverable: Stop").
				 */
				if ((n > 0 || m == 0) && is_unsubscribe_line(value + n, vlen - n))
				{
					offer(&sc->line_cue[LEVEL_SUBJECT], STRONG + 15, 90, "unsubscribe", line, len, len);
					sc->line_has_cue = 1;
				}
			}
			return zone == ZONE_HEADER ? ZONE_SUBJECT : zone;
		case FIELD_IN_REPLY_TO:
			/* RFC 5322 3.6.4: a reply names the message it answers; a DSN is a new message. */
			if (zone == ZONE_HEADER)
				sc->answers_message = 1;
			return ZONE_HEADER;
		case FIELD_TO:
			if (zone == ZONE_HEADER && sc->bounce_to[0] == '\0')
				remember_bounce_to(sc, value, vlen);
			return zone;
		case FIELD_FROM:
			if (zone == ZONE_HEADER && scan_mailer_sender(value, vlen))
				sc->from_mailer = 1;
			/* RFC 2142, Mailman, Majordomo, LISTSERV: "list-owner@", "owner-list@", "list-bounces@", "list-request@". */
			if (zone == ZONE_HEADER && scan_list_sender(value, vlen))
				sc->from_list = 1;
			/*
			 * A person forwards a message: it is read only if a mail system
			 * wrote it (a bounce passed on); a person's forwarded mail is
			 * quoted text ("your mail bounced with 'user unknown'" is no bounce).
			 */
			if (zone == ZONE_TEXT && scan_forwarded_by_person(sc))
			{
				if (!scan_mailer_sender(value, vlen))
				{
					sc->quoted = 1;
					sc->not_evidence_seen = 1;
				}
				else
					sc->passed_on = 1;
			}
			return zone == ZONE_HEADER ? ZONE_HEADER : zone;
		case FIELD_RETURN_PATH:
			/* RFC 5321 4.5.5: bounces (and auto-replies) go out with the null reverse path. */
			if (zone == ZONE_HEADER && contains(value, vlen, "<>"))
			{
				/*
				 * RFC 3834 3.3: automatic responses go out with the null
				 * reverse path, as bounces do; a message that is neither a
				 * DSN nor from a mailer daemon is then an auto-response.
				 */
				sc->null_sender = 1;
				sc->auto_replied = 1;
			}
			return ZONE_HEADER;
		case FIELD_DISPOSITION:
			/* RFC 8098: a message disposition notification is a read receipt, no failure. */
			sc->mdn = 1;
			offer(&sc->structure, 1, 0, "read_receipt", line, len, len);
			return ZONE_HEADER;
		case FIELD_LIST_UNSUBSCRIBE:
			if (zone == ZONE_HEADER)
				sc->list_post = 1;
			return ZONE_HEADER;
		case FIELD_QUOTED_HEADER:
			return ZONE_HEADER;
		case FIELD_DATE:
			/* "From: ...\nDate: ...": the header block Outlook for Mac puts above quoted text. */
			if (zone == ZONE_TEXT && sc->text_from_before && !sc->forwarded)
			{
				sc->quoted = 1;
				sc->not_evidence_seen = 1;
			}
			return zone == ZONE_TEXT ? ZONE_HEADER : zone;
		case FIELD_QUOTE_START:
			/*
			 * Quoted text follows, but for a forward's header block whose
			 * From: line just named a mail system (Outlook's "From: Microsoft
			 * Outlook <postmaster@...>", "Sent: ..."): that bounce is read; and
			 * but for a text that opens with the block (a message Outlook
			 * saved as text: "Van: ...\nVerzonden: ..."): its own headers.
			 */
			if (zone == ZONE_TEXT && !(sc->passed_on && sc->text_from_before && scan_forwarded_by_person(sc)) &&
				!(!sc->is_message && sc->text_lines == 0))
			{
				sc->quoted = 1;
				sc->not_evidence_seen = 1;
			}
			return ZONE_HEADER;
		case FIELD_REMOTE_MTA:
			if (!sc->later_dsn_recipient)
				read_remote_mta(sc, value, vlen);
			return ZONE_HEADER;
		case FIELD_OTHER:
			return ZONE_HEADER;
		case FIELD_NONE:
			break;
	}
	return zone;
}

/* Replies that are nothing but an unsubscribe word, in the languages we read. */
static const char *const unsubscribe_lines[] = {
	"unsubscribe", "unsubscribe me", "remove", "remove me", "stop", "opt out", "optout",
	"avregistrera", "avregistrera mig", "avsluta", "abmelden", "abbestellen", "désabonner",
	"desabonner", "désinscrire", "desinscrire", "darse de baja", "baja", "uitschrijven",
	"afmeld", "afmelden", "avmeld", "peruuta", "disiscrivi", "cancellami", "odhlásit", "odhlasit",
	"wypisz", "wypisz mnie", "désinscription", "desinscription", "désabonnement", "desabonnement",
	"\xd0\xbe\xd1\x82\xd0\xbf\xd0\xb8\xd1\x81\xd0\xb0\xd1\x82\xd1\x8c\xd1\x81\xd1\x8f",	/* отписаться */
	"\xd0\x9e\xd1\x82\xd0\xbf\xd0\xb8\xd1\x81\xd0\xb0\xd1\x82\xd1\x8c\xd1\x81\xd1\x8f",	/* Отписаться */
	"\xe9\x80\x80\xe8\xae\xa2", "\xe9\x80\x80\xe8\xa8\x82",	/* 退订, 退訂 */
	"\xe5\x8f\x96\xe6\xb6\x88\xe8\xae\xa2\xe9\x98\x85",	/* 取消订阅 */
	"\xe9\x85\x8d\xe4\xbf\xa1\xe5\x81\x9c\xe6\xad\xa2",	/* 配信停止 */
	"\xec\x88\x98\xec\x8b\xa0\xea\xb1\xb0\xeb\xb6\x80",	/* 수신거부 */
	"td",						/* China's "reply TD to unsubscribe" (回复TD退订) convention */
	NULL
};

/*
 * A reply that is nothing but "remove" says so in its opening lines (after a
 * greeting at most); the same word on a line of its own further down is a
 * link's or a footer's ("Remove your email" wrapped after a long URL).
 */
#define UNSUBSCRIBE_LINE_WITHIN 3

/* The longest one-word request line, courtesy word included, and the longest request word in it (bytes). */
#define UNSUBSCRIBE_LINE_MAX 40
#define UNSUBSCRIBE_WORD_MAX 20

/*
 * Courtesy words around a one-word request ("unsubscribe please", "bitte
 * abmelden", "désinscription svp").  Not "now": "Unsubscribe now" is a
 * marketing mail's link text.
 */
static const char *const courtesy_words[] = {
	"please", "pls", "plz", "thanks", "thank you", "thx", "bitte", "danke", "svp", "merci",
	"por favor", "gracias", "grazie", "per favore", "tack", "kiitos", "dank u", "graag", "proszę", "prosze",
	NULL
};

/* The line without blanks and closing punctuation at either end. */
static void
trim_request(const char **line, size_t *len)
{
	while (*len > 0 && ((*line)[0] == ' ' || (*line)[0] == '\t'))
	{
		(*line)++;
		(*len)--;
	}
	while (*len > 0 && ((*line)[*len - 1] == ' ' || (*line)[*len - 1] == '\t' || (*line)[*len - 1] == '.' ||
						(*line)[*len - 1] == '!' || (*line)[*len - 1] == ','))
		(*len)--;
}

/* Is the line, trimmed, exactly one of the unsubscribe words, perhaps with one courtesy word before or after? */
static int
is_unsubscribe_line(const char *line, size_t len)
{
	size_t		i;

	trim_request(&line, &len);
	if (len == 0 || len > UNSUBSCRIBE_LINE_MAX)
		return 0;
	/* A reply code or another number opens no request: most short lines of a bounce are replies. */
	if (line[0] >= '0' && line[0] <= '9')
		return 0;
	if (len <= UNSUBSCRIBE_WORD_MAX && ascii_is_one_of(line, len, unsubscribe_lines))
		return 1;
	for (i = 1; i < len; i++)
	{
		const char *rest;
		size_t		rest_len;

		if (line[i] != ' ' && line[i] != ',')
			continue;
		/* "please unsubscribe": a courtesy word, then the request */
		rest = line + i;
		rest_len = len - i;
		trim_request(&rest, &rest_len);
		while (rest_len > 0 && rest[0] == ',')
		{
			rest++;
			rest_len--;
			trim_request(&rest, &rest_len);
		}
		if (rest_len == 0 || rest_len > UNSUBSCRIBE_WORD_MAX)
			continue;			/* neither a request nor a courtesy word is that long */
		if (ascii_is_one_of(line, i, courtesy_words) && ascii_is_one_of(rest, rest_len, unsubscribe_lines))
			return 1;
		/* "unsubscribe please": the request, then a courtesy word */
		{
			const char *head = line;
			size_t		head_len = i;

			trim_request(&head, &head_len);
			if (head_len > 0 && head_len <= UNSUBSCRIBE_WORD_MAX && ascii_is_one_of(rest, rest_len, courtesy_words) &&
				ascii_is_one_of(head, head_len, unsubscribe_lines))
				return 1;
		}
	}
	return 0;
}

void
scan_end_headers(scan_state *sc)
{
	sc->in_field = 0;
}

void
scan_line(scan_state *sc, const char *line, size_t len, scan_zone zone)
{
	size_t		from = 0;
	scan_zone	line_zone = zone;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	sc->bytes_since_interrupt += len + 1;
	if (sc->bytes_since_interrupt >= INTERRUPT_EVERY)
	{
		sc->bytes_since_interrupt = 0;
		if (sc->options != NULL && sc->options->interrupt != NULL)
			sc->options->interrupt(sc->options->interrupt_arg);
	}

	if (!segment_line(sc, &line, &len, zone))
	{
		/* No evidence here; the line break still separates words. */
		scan_bytes(sc, line, 0, 0, zone);
		return;
	}
	if (sc->reader != NULL)
		recipients_line(sc->reader, line, len, zone);

	if (len > 0 && (line[0] == ' ' || line[0] == '\t') && sc->in_field)
		line_zone = sc->field_zone;	/* a folded continuation of the field above */
	else
	{
		size_t		value_at = 0;
		field		f = field_of(line, len, &value_at);

		sc->in_field = 0;
		/*
		 * A quoted header block starts with its "From:" after the person's
		 * text, not inside a run of header fields (a message's own headers
		 * read as text, a returned message's).
		 */
		if (zone == ZONE_TEXT && f == FIELD_NONE && !ascii_is_blank(line, len))
			sc->text_lines++;	/* this line included */
		sc->text_from_before = sc->text_from_line;
		sc->text_from_line = zone == ZONE_TEXT && f == FIELD_FROM && !sc->last_line_field;
		sc->last_line_field = f != FIELD_NONE || ascii_is_header_name(line, len);
		if (f != FIELD_NONE)
		{
			line_zone = on_field(sc, f, line, len, value_at, zone);
			from = value_at;
			sc->in_field = 1;
			sc->field_zone = line_zone;
		}
		else if (zone == ZONE_HEADER && ascii_is_header_name(line, len))
		{
			sc->in_field = 1;
			sc->field_zone = ZONE_HEADER;
		}
		else if (zone == ZONE_TEXT && sc->text_lines <= UNSUBSCRIBE_LINE_WITHIN && !is_failure_report(sc) &&
				 is_unsubscribe_line(line, len))
		{
			offer(&sc->line_cue[LEVEL_PROSE], STRONG, 90, "unsubscribe_reply", line, len, len);
			sc->line_has_cue = 1;
		}
		else if (zone == ZONE_TEXT)
		{
			/* SMTP continuation prefixes ("550-5.1.1 ") join the text they wrap. */
			size_t		n = 0;
			smtp_enhanced e;

			if (smtp_read_reply(line, len) != 0)
			{
				read_code_at(sc, line, len, 0, RANK_TEXT);
				n = len > 3 ? 4 : 3;
				if (n < len)
				{
					size_t		k = smtp_read_enhanced(line + n, len - n, &e);

					if (k > 0)
					{
						read_code_at(sc, line, len, n, RANK_TEXT);
						n += k;
					}
				}
				from = n;
			}
		}
	}
	if (line_zone == ZONE_DIAGNOSTIC && from < len)
	{
		/* "smtp; 550 ..." : skip the diagnostic type. */
		size_t		i = from;

		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (ascii_has_prefix(line + i, len - i, "smtp;") || ascii_has_prefix(line + i, len - i, "x-unix;") ||
			ascii_has_prefix(line + i, len - i, "x-postfix;"))
			from = (size_t) ((const char *) memchr(line + i, ';', len - i) - line) + 1;
		/*
		 * "x-unix;" is the output of a local delivery program (procmail, a
		 * pipe), not a remote server's reply: it counts as the reporting
		 * MTA's own explanation, it and its continuation lines.
		 */
		if (ascii_has_prefix(line + i, len - i, "x-unix;"))
			sc->field_zone = ZONE_TEXT;
		if (sc->field_zone == ZONE_TEXT)
			line_zone = ZONE_TEXT;
	}
	scan_bytes(sc, line, len, from, line_zone);
}

void
scan_lines(scan_state *sc, const char *text, size_t len, scan_zone zone)
{
	size_t		pos = 0;

	while (pos < len && !sc->cut)
	{
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t		end = nl ? (size_t) (nl - text) : len;

		scan_line(sc, text + pos, end - pos, zone);
		pos = end + 1;
	}
}
