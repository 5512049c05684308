/*
 * scanner.h — reads the lines of a bounce text and collects the evidence in
 * them: phrase cues (through the matcher), SMTP reply and enhanced status
 * codes, DSN and header fields, the failed recipient.  It decides nothing;
 * classify.c weighs what it found.
 */
#ifndef BOUNCE_SCANNER_H
#define BOUNCE_SCANNER_H

#include <stddef.h>
#include <stdint.h>

#include "classify.h"
#include "matcher.h"
#include "smtp_status.h"

/* Where a line sits; a cue's weight depends on it. */
typedef enum scan_zone
{
	ZONE_TEXT,					/* a reply, or a human-readable bounce text */
	ZONE_HEADER,				/* a message header other than Subject (no cues) */
	ZONE_SUBJECT,				/* the Subject header */
	ZONE_DIAGNOSTIC				/* a DSN Diagnostic-Code field: the remote server's own words */
} scan_zone;

/*
 * The parts of a bounce in their order of authority (README, "How it
 * decides"): a lower level decides only what a higher one leaves open.
 */
typedef enum evidence_level
{
	LEVEL_REMOTE,				/* the remote server's own words: Diagnostic-Code, a reply line */
	LEVEL_PROSE,				/* the reporting MTA's explanation, the human-readable text */
	LEVEL_SUBJECT,				/* the top-level Subject */
	LEVEL_COUNT
} evidence_level;

/* Bytes of context kept around a piece of evidence: before and after it. */
#define SCAN_CONTEXT_BEFORE 120
#define SCAN_CONTEXT_AFTER 80

/*
 * One piece of evidence with the raw bytes around it.  The bytes are made
 * printable UTF-8 only for the piece that wins (scan_evidence_text), not for
 * every candidate on the way.
 */
typedef struct scan_evidence
{
	int			score;			/* 0 = none yet */
	int			code;
	const char *rule;
	const char *phrase;			/* the phrase that matched (static), NULL for a code or a fact */
	int			cited;			/* the words stood in quotation marks in the text: cited, not said */
	size_t		raw_len;
	char		raw[SCAN_CONTEXT_BEFORE + SCAN_CONTEXT_AFTER];
} scan_evidence;

/* Distinct remote hosts a user rule set may be scoped to (rules.h). */
#define SCAN_RULE_HOSTS_MAX 256

/* Automata a user rule set is split into, each under matcher_state's limit (rules.h). */
#define SCAN_RULE_AUTOMATA_MAX 8

typedef struct scan_state
{
	const matcher *m;
	const bounce_options *options;

	/*
	 * A user rule set (rules.h), NULL when none: its automata step beside
	 * the built-in one, each with its own waiting phrases, and the scoped
	 * hosts named so far.
	 */
	const struct bounce_ruleset *rules;
	matcher_state rule_state[SCAN_RULE_AUTOMATA_MAX];
	const int32_t *rule_pending[SCAN_RULE_AUTOMATA_MAX];
	size_t		rule_pending_at[SCAN_RULE_AUTOMATA_MAX];
	uint64_t	rule_hosts_seen[SCAN_RULE_HOSTS_MAX / 64];

	/* Matcher input normalisation. */
	matcher_state state;
	int			last_was_space;
	unsigned char prev_byte;

	/*
	 * Whole-word matching: the last 256 folded bytes fed (a phrase's start
	 * must follow a non-word byte), and the phrases that ended on a word byte,
	 * waiting for the next byte to be a non-word one.
	 */
	unsigned char ring[256];
	unsigned char ring_pos;
	/* Where the last IP address was stepped over: its line and the ring position after it. */
	const char *ip_line;
	unsigned char ip_ring;
	const char *ip_object_line;	/* the line where a MARK_IP_OBJECT cue last ended ("mail refused"), and where */
	unsigned char ip_object_ring;
	evidence_level ip_object_level;
	const int32_t *pending;
	size_t		pending_at;

	/* The other scripts' automaton (scan_script_matcher): active from the first line in such a script. */
	int			script_active;
	matcher_state script_state;
	const int32_t *script_pending;
	size_t		script_pending_at;

	int			line_has_cue;	/* line_cue holds a cue */

	/* Segments that are never evidence. */
	int			remote_line;	/* this line (and its indented continuation) is a server's reply */
	int			banner;			/* a footer, disclaimer or scanner banner: to the paragraph's end */
	int			quoted;			/* quoted reply text follows, to the end of this part */
	int			not_evidence_seen;	/* some text was set aside as quoted, footer or banner */
	int			subject_is_reply;	/* the Subject starts "Re:", "AW:", ...: its words are the answered mail's */
	unsigned char subject_ring_at;	/* the ring's position where the Subject's value began */
	size_t		subject_original_at;	/* > 0: the Subject line's bytes from here repeat another mail's Subject ("Undeliverable: ...", "Fwd: ...") */
	int			text_from_line;	/* the line read was a "From:" in the text (a quoted header block's first) */
	int			text_from_before;	/* the line before this one was */
	int			last_line_field;	/* the line read was a header or DSN field */
	int			text_lines;		/* lines of text read so far that are no field and not blank */
	int			sender_stage;	/* the first failed recipient's reply answered MAIL FROM (phrases_segments.def) */

	/*
	 * A bounce is labelled by its first failed recipient (LABELS.md): once
	 * that recipient's reply was read, another recipient's words do not count
	 * — in the text ("<b@example.com>: host ... said: ..." after a's) and in
	 * the DSN (a Final-Recipient block after a failed one).
	 */
	int			later_text_recipient;
	char		first_text_recipient[BOUNCE_ADDRESS_MAX + 1];	/* the first recipient heading of this part's text, lower case */
	int			later_dsn_recipient;
	int			dsn_group_failed;	/* the DSN per-recipient group being read says Action: failed */
	int			dsn_failed_group_closed;	/* a blank line ended a failed recipient's group */
	int			status_rank;
	int			reply_rank;
	smtp_enhanced status_code;
	int			reply_code;

	/* Report structure. */
	int			action_failed;
	int			action_delayed;
	int			action_delivered;
	int			dsn;			/* a delivery-status part or DSN fields were seen */
	int			arf;			/* a feedback report (ARF) */
	int			mdn;			/* a read receipt (RFC 8098 Disposition field) */
	int			null_sender;	/* Return-Path: <> */
	int			forwarded;		/* a person forwards a message ("Begin forwarded message:") */
	int			passed_on;		/* a forwarded or enclosed message a mail system wrote is being read as the bounce */
	int			enclosed_bounce;	/* a list manager encloses a bounce: 1 said so, 2 on its separator line, 3 entered */
	int			auto_replied;	/* Auto-Submitted: auto-replied, X-Autoreply, ... */
	int			from_mailer;	/* From: MAILER-DAEMON, postmaster, a delivery system */
	int			report_marked;	/* the headers mark a failure report: X-Failed-Recipients, a report's Subject */
	int			is_message;		/* the text is a whole message: a header block, then its body */
	int			list_post;		/* List-Unsubscribe in the headers: a list post or a newsletter (RFC 2369) */
	int			bulk_precedence;	/* Precedence: bulk/list/junk (list software, bulk mailers, some autoresponders) */
	int			from_list;		/* From: a mailing list's own address (list software wrote it) */
	int			delay_notice;	/* the bounce's own text says the message is still being retried */
	int			queue_expired;	/* the bounce's own text says the queue lifetime ran out ("retry timeout exceeded") */
	int			paragraph;		/* the text's paragraph being read: a blank line or a part's headers start the next */
	int			left_company;	/* 1 + the paragraph where an auto-reply last said its person left; 0: never */
	int			not_forwarded;	/* after that, in the same paragraph, it said mail is not passed on */
	int			refused_at_greeting;	/* the remote server refused the connection itself (its greeting) */
	int			answers_message;	/* written in reply: In-Reply-To/References, or "Re:" opens the Subject */
	int			provider_host;	/* a large provider's host name appeared */
	const char *remote_provider;	/* who runs the remote MTA, from its host name (hosts.h) */
	int			remote_provider_rank;	/* where that host was named: REMOTE_HOST_* */

	/* Failed recipient candidates, best rank kept. */
	char		recipient[BOUNCE_ADDRESS_MAX + 1];
	char		bounce_to[BOUNCE_ADDRESS_MAX + 1];	/* the bounce's To: address, lower case (the original sender) */
	int			recipient_rank;

	/* A multi-line field (Diagnostic-Code, Subject) continues on indented lines. */
	scan_zone	field_zone;
	int			in_field;

	/* The recipient reader (recipients.h) sees every line read, when one is attached. */
	struct recipient_reader *reader;

	int			cut;			/* the returned original message began */
	size_t		bytes_since_interrupt;

	evidence_level request_level;	/* where the request below stood */
	evidence_level line_request_level;	/* where the line's request stood */
	int			original_addressed;	/* the returned original's To: names an address (classify.c: code 30) */

	/*
	 * The evidence, last: scan_begin clears everything above and only the
	 * header of each piece below (score, code, rule, phrase, raw_len), not
	 * its raw bytes (about 1.8 kB, read only up to raw_len) — a fixed cost
	 * of every call, short replies included.
	 */
	scan_evidence cue[LEVEL_COUNT];	/* the strongest phrase cue per level */
	scan_evidence line_cue[LEVEL_COUNT];	/* those of the line being read */
	scan_evidence status;		/* from the enhanced status code */
	scan_evidence reply;		/* from the basic reply code */
	scan_evidence structure;	/* evidence for the structural facts (report structure) */
	scan_evidence request;		/* the strongest request (bounce_is_request) at any level: what a person
								 * asks when failure words of theirs outranked it and do not count (decide.c) */
	scan_evidence line_request;	/* the line's, taken into request with the line's cues (not a banner's) */
} scan_state;

/* Start a scan with the built automaton. */
extern void scan_begin(scan_state *sc, const matcher *m, const bounce_options *options);

/*
 * Scan one physical line (no line terminator) in a zone.  Header and DSN
 * fields are recognised by their names; an indented line continues the field
 * before it.  Sets sc->cut when the original message starts.
 */
extern void scan_line(scan_state *sc, const char *line, size_t len, scan_zone zone);

/*
 * A header block ended (the blank line before a body): the body's first line
 * continues no field, even when it starts with blanks.
 */
extern void scan_end_headers(scan_state *sc);

/* Scan every line of text[0..len) (LF or CRLF), stopping at a cut. */
extern void scan_lines(scan_state *sc, const char *text, size_t len, scan_zone zone);

/* Does a From: value name a mail system (MAILER-DAEMON, postmaster, ...) rather than a person? */
extern int	scan_mailer_sender(const char *value, size_t len);

/* Does a Subject: value name a failure report ("Returned mail", "Mail delivery failed", "Undeliverable", "failure notice")? */
extern int	scan_report_subject(const char *value, size_t len);

/* Does a From: value name a mailing list's own address ("list-owner@", "owner-list@", "list-bounces@")? */
extern int	scan_list_sender(const char *value, size_t len);

/* Is the message read so far a person's forward of another ("Fwd:", "Begin forwarded message"), no failure report? */
extern int	scan_forwarded_by_person(const scan_state *sc);

/*
 * A bounce passed on (attached by a person or a list manager) is about to be
 * read as the message: the failure words read so far were the wrapper's ("see
 * the attachment"), not the bounce's; forget them.
 */
extern void scan_forget_wrapper_failures(scan_state *sc);


/* What whole-word matching needs to know of a folded pattern. */
typedef struct phrase_shape
{
	unsigned char len;			/* folded length (patterns are shorter than 256 bytes) */
	unsigned char start_boundary;	/* its first byte is a word byte: a non-word byte must precede */
	unsigned char end_boundary;	/* its last byte is a word byte and it is no stem: a non-word byte must follow */
} phrase_shape;

/* The shape of a folded pattern; a trailing '*' (a stem) has been removed by the caller. */
extern phrase_shape scan_pattern_shape(const char *folded, size_t len, int stem);

/*
 * The built-in phrases, set once by the classifier's init, in two automata:
 * the phrases whose folded text is ASCII (every Latin script folds to it),
 * scan_begin's matcher, indexing scan_latin_phrases and scan_phrase_shapes;
 * and those of other scripts (Cyrillic, CJK, ...), scan_script_matcher (NULL
 * when there are none), stepped only from the first line that holds a byte
 * of such a script.  One automaton for both would need 125 byte classes
 * instead of about 50: a table several megabytes large, a cache miss on many
 * bytes of every bounce, for the few bounces written in those scripts.
 */
extern const struct phrase *scan_latin_phrases;
extern const phrase_shape *scan_phrase_shapes;
extern const matcher *scan_script_matcher;
extern const struct phrase *scan_script_phrases;
extern const phrase_shape *scan_script_shapes;

/* Copy a piece of input into an evidence buffer as printable, valid UTF-8. */
extern void scan_copy_evidence(char *dst, const char *src, size_t len);

/* Remember raw bytes as the evidence's text (the bytes are copied). */
extern void scan_set_evidence(scan_evidence *ev, const char *src, size_t len);

/* The evidence as printable, valid UTF-8 in dst (BOUNCE_EVIDENCE_MAX + 1 bytes). */
extern void scan_evidence_text(const scan_evidence *ev, char *dst);

#endif
