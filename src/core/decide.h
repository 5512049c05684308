/*
 * decide.h — the last stage: from what the scanner found (scanner.h) to one
 * code.  Table-driven: the order of authority is a table, and what each SMTP
 * reply class allows is one function, bounce_constrain().  The README's
 * "How it decides" is these two in prose.
 */
#ifndef BOUNCE_DECIDE_H
#define BOUNCE_DECIDE_H

#include "scanner.h"

/* The decision and where it came from. */
typedef struct decision
{
	int			code;
	const char *rule;
	const char *part;			/* the part of the message that decided (see decide.c) */
	const scan_evidence *evidence;	/* NULL when no single piece of text decided */
} decision;

/*
 * What the reply class allows (README, "Codes constrain words"): the code
 * that words or a status gave, corrected by the class of the reply (2, 4 or
 * 5; 0 when no code was read) and the enhanced status (klass 0: none).
 * Returns the code; *rule is replaced when the code changes.
 */
extern int	bounce_constrain(int code, int strength, int reply_class, int status_subject,
							 int status_detail, const char **rule);

/*
 * Decide.  is_message: the text is a whole message (headers and a body);
 * addr (addr_len bytes, 0 when none was found): the failed recipient the
 * decision is for, which the last steps read (a large provider, no address
 * at all); the caller's recipient option (sc->options) outranks it.
 */
extern void bounce_decide(const scan_state *sc, int is_message, const char *addr, size_t addr_len,
						  decision *d);

/* The rule of a 5xx refusal at the remote server's greeting with no specific reason. */
#define REFUSED_AT_GREETING "refused_at_greeting"

/*
 * Was the delivery refused at the connection (29: unable to connect; a 50
 * refused at the greeting)?  At a large mailbox provider that is 59.
 */
extern int	bounce_is_connection_level(int code, const char *rule);

#endif
