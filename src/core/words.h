/*
 * words.h — the word stage: which tokens of a line are words to read for
 * phrase cues, and which are names of things that only look like words.
 *
 * An e-mail address, a host name, a URL, an IP address, a message ID or a long
 * opaque token (a queue id, a hash, base64) is never text for a phrase cue:
 * "jamescompton@example.com" contains no "scomp", "warbler" no "rbl".  The
 * scanner asks token_classify at the start of every token and steps over
 * such a token whole; host names (of a URL too) are handed to hosts.h, which
 * knows the few hosts that do mean something (blocklist zones, the large
 * providers' mail exchangers).
 */
#ifndef BOUNCE_WORDS_H
#define BOUNCE_WORDS_H

#include <stddef.h>

typedef enum token_kind
{
	TOKEN_WORD,					/* ordinary text: read it */
	TOKEN_ADDRESS,				/* user@domain, a message ID <id@host> */
	TOKEN_HOST,					/* mx1.example.com */
	TOKEN_URL,					/* http://..., www.example.com/path */
	TOKEN_IP,					/* 192.0.2.1, 2001:db8::1, [IPv6:...] */
	TOKEN_OPAQUE				/* a queue id, a hash, base64: 12+ characters of letters and digits mixed */
} token_kind;

typedef struct token
{
	token_kind	kind;
	size_t		len;			/* bytes the token spans from its start */
	size_t		host_at;		/* TOKEN_HOST, TOKEN_URL: the host name inside it */
	size_t		host_len;
} token;

/* Does a token end at byte c (whitespace and the brackets and quotes around names)? */
extern int	token_is_delimiter(unsigned char c);

/* Classify the token that starts at s[0] (s[0] is no delimiter); len bytes follow. */
extern token token_classify(const char *s, size_t len);

#endif
