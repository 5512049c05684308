/*
 * phrases.h — the classifier's vocabulary: every phrase it looks for, what
 * each one means, and how strongly.  The tables themselves are phrases_en.def
 * (English, MTA and provider wordings) and phrases_intl.def (other languages).
 */
#ifndef BOUNCE_PHRASES_H
#define BOUNCE_PHRASES_H

/* What a match of the phrase does. */
typedef enum phrase_kind
{
	PHRASE_CUE,					/* evidence for a code */
	PHRASE_CUT,					/* the returned original message starts here: stop reading */
	PHRASE_FORWARD,				/* a forwarded message follows: its '>' lines are read */
	PHRASE_QUOTE,				/* quoted reply text starts here ("On ... wrote:"): no evidence to the part's end */
	PHRASE_BANNER,				/* a footer, disclaimer or scanner banner: no evidence to the paragraph's end */
	PHRASE_SENDER_STAGE,		/* the reply answered MAIL FROM: it is about the sender, not a recipient */
	PHRASE_ENCLOSED_BOUNCE		/* a list manager passes a bounce on: the message it encloses is the bounce */
} phrase_kind;

/*
 * How much a cue says on its own.  The decision takes the strongest evidence
 * (see classify.c); ties go to the first seen.  Numbers in between are allowed
 * where one phrase must beat another (a sender-side rejection beats the DNS
 * words it contains, say).
 */
#define DEFINITIVE 90			/* the platform's canonical phrases, report formats */
#define STRONG 70				/* a specific reason, unambiguous in a bounce */
#define MEDIUM 50				/* a likely reason that can appear in other contexts */
#define WEAK 20					/* generic wording; decides only when nothing else does */

/*
 * Matching is by whole words: a phrase's first and last words must stand
 * alone ("rbl" does not match inside "warbler").  A phrase ending in '*' is a
 * stem: its last word may go on ("unsubscri*" matches "unsubscribe" and
 * "unsubscribing").
 */

/* The longest phrase, folded (the scanner's look-back ring is 256 bytes). */
#define PHRASE_MAX_LEN 200

/* Where a cue counts. */
#define IN_ANY 0
#define IN_SUBJECT_ONLY 1		/* only in a Subject: header (e.g. the bare word "unsubscribe") */
#define IN_SUBJECT_WHOLE 2		/* only as the whole Subject, or all of it after a "prefix:" ("Urlaub", "Auto: OOO") */

/*
 * What a built-in cue also tells the decision, besides its code (decide.c):
 * declared in the .def files with PHRASE_MARK, so that a user rule set's rule
 * of the same name (rules.h) never sets it.
 */
typedef enum phrase_mark
{
	MARK_NONE,
	MARK_LEFT_COMPANY,			/* an auto-reply says its person left ("no longer employed") */
	MARK_NOT_FORWARDED,			/* ... and that mail is not passed on ("will not be forwarded") */
	MARK_WARNING_ONLY,			/* the reporting MTA says the message is not lost (a delay notice) */
	MARK_REFUSED_AT_GREETING,	/* the remote refused the connection itself, at its greeting */
	MARK_IP_SUBJECT,			/* "has been blocked": 51 when an IP address stands just before it */
	MARK_IP_OBJECT,				/* "mail refused": 51 when an IP address follows it ("Mail refused - <IP>") */
	MARK_UNROUTED,				/* "unrouteable address": 21 when the reporting MTA says it, not a remote */
	MARK_QUEUE_EXPIRED			/* "retry timeout exceeded": the queue lifetime ran out, the MTA gave up */
} phrase_mark;

typedef struct phrase
{
	const char *text;			/* lower case, single spaces, UTF-8 */
	short		code;
	short		strength;
	const char *rule;
	unsigned char kind;
	unsigned char where;
	const char *lang;			/* ISO 639-1 code of the wording's language, NULL: any */
	const char *source;			/* the table it comes from (see phrases.c) */
	unsigned char mark;			/* phrase_mark: built-in phrases only */
} phrase;

extern const phrase bounce_phrases[];
extern const int bounce_phrase_count;

#endif
