/*
 * classify.h — the bounce classifier's public interface: any SMTP response or
 * whole bounce message in, one of the 25 codes and the evidence for it out.
 *
 * Pure C, no PostgreSQL headers.  One pass over the text, linear time, no
 * allocation per call (the result is caller-owned and of fixed size), no
 * regular expressions.
 */
#ifndef BOUNCE_CLASSIFY_H
#define BOUNCE_CLASSIFY_H

#include <stddef.h>

#define BOUNCE_EVIDENCE_MAX 200		/* bytes of the input shown as evidence */
#define BOUNCE_ADDRESS_MAX 254		/* RFC 5321's limit on a forward path */
#define BOUNCE_STATUS_MAX 12		/* "5.123.123" and a NUL, with room */

/* Optional inputs and hooks.  A zeroed struct (or NULL) means "none". */
typedef struct bounce_options
{
	/* The recipient's address or bare domain, refining 29 vs 59. */
	const char *recipient;
	size_t		recipient_len;

	/*
	 * A compiled user rule set (rules.h), NULL for the built-in knowledge
	 * alone: its phrases are cues, its domains large providers.
	 */
	const struct bounce_ruleset *rules;

	/*
	 * Only the code is wanted (classify_bounce): the evidence text, the status
	 * string and the recipient are left empty, which saves their cost.
	 */
	int			code_only;

	/* Called about every megabyte scanned, e.g. to honour a cancel; may not return. */
	void		(*interrupt) (void *arg);
	void	   *interrupt_arg;
} bounce_options;

/* The decision and what it rests on. */
typedef struct bounce_result
{
	int			code;			/* one of the 25 codes */
	const char *rule;			/* name of the rule that decided (static) */
	const char *phrase;			/* the phrase that matched (static), NULL when no phrase decided */
	const char *part;			/* the part of the message the decision came from (static) */
	int			smtp_reply;		/* basic SMTP reply code found, 0 if none */
	char		status[BOUNCE_STATUS_MAX];	/* enhanced status code, "" if none */
	char		evidence[BOUNCE_EVIDENCE_MAX + 1];	/* the text that triggered it (valid UTF-8) */
	char		recipient[BOUNCE_ADDRESS_MAX + 1];	/* failed recipient found in the text, "" if none */
	const char *remote_provider;	/* provider running the remote MTA the bounce names (static), NULL if none known */
} bounce_result;

/*
 * Build the phrase automaton.  Call once before classifying (the PostgreSQL
 * glue does it in _PG_init); returns 0, or -1 when memory runs out.  The
 * allocator must return memory that lives as long as the process.
 */
extern int	bounce_classifier_init(void *(*alloc) (size_t), void (*release) (void *));

/* Classify len bytes of text (any bytes, NULs included). */
extern void bounce_classify(const char *text, size_t len, const bounce_options *options,
							bounce_result *result);

#endif
