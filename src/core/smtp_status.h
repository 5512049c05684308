/*
 * smtp_status.h — SMTP reply codes (RFC 5321) and enhanced status codes
 * (RFC 3463 and the IANA registry): recognising them in text and what each
 * says about a bounce.
 */
#ifndef BOUNCE_SMTP_STATUS_H
#define BOUNCE_SMTP_STATUS_H

#include <stddef.h>

/* An enhanced status code class.subject.detail, e.g. 5.1.1. */
typedef struct smtp_enhanced
{
	int			klass;			/* 2, 4 or 5; 0 when absent */
	int			subject;
	int			detail;
} smtp_enhanced;

/* What an enhanced code means for the bounce code, and how strongly. */
typedef struct smtp_meaning
{
	int			code;			/* bounce code, or -1 when it says nothing */
	int			strength;		/* on the phrase scale of phrases.h */
	const char *rule;
} smtp_meaning;

/*
 * Read an enhanced status code at text[0..len): returns the bytes it spans, or
 * 0 when there is none.  The code must not be part of a longer dotted number
 * (an IP address, a version), so "5.1.1" matches and "5.1.1.1" does not.
 */
extern size_t smtp_read_enhanced(const char *text, size_t len, smtp_enhanced *out);

/*
 * Read a basic reply code at text[0..len): three digits 2xx/4xx/5xx followed
 * by a space, a hyphen or the end.  Returns the code or 0.
 */
extern int	smtp_read_reply(const char *text, size_t len);

/* The meaning of an enhanced status code (the IANA registry, see the README). */
extern smtp_meaning smtp_enhanced_meaning(const smtp_enhanced *status);

/* The meaning of a basic reply code alone. */
extern smtp_meaning smtp_reply_meaning(int reply);

#endif
