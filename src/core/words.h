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

/* Bytes looked at by token_classify; a longer token is opaque. */
#define TOKEN_LOOK 256

/* A token this long or longer that mixes letters and digits is opaque. */
#define OPAQUE_MIN 12

/* Byte classes for the one pass over a token (token_build_char_class fills them once). */
#define CC_DELIMITER 1			/* ends a token */
#define CC_DIGIT 2
#define CC_LETTER 4
#define CC_NAME_MARK 8			/* '@', '.', ':', '/': a name may be in the token */
extern unsigned char token_char_class[256];
extern int	token_char_class_ready;
extern void token_build_char_class(void);

/*
 * Is the token at s[0] certainly a plain word?  The scanner asks this first,
 * inline, and calls token_classify only when it is not.  It answers exactly as
 * token_classify would for most tokens: those with no name mark and too short
 * to be opaque, and those whose only name marks are sentence punctuation at
 * their end ("unknown.", "failed:"), which token_classify sets aside first.
 */
static inline int
token_is_plain_word(const char *s, size_t len)
{
	size_t		n = 0,
				core,
				i,
				look = len < TOKEN_LOOK ? len : TOKEN_LOOK;
	unsigned char seen = 0;

	if (!token_char_class_ready)
		token_build_char_class();
	while (n < look)
	{
		unsigned char k = token_char_class[(unsigned char) s[n]];

		if (k & CC_DELIMITER)
			break;
		seen |= k;
		n++;
	}
	if (n >= TOKEN_LOOK)
		return 0;
	if (seen & CC_NAME_MARK)
	{
		/* As token_classify: sentence punctuation after a name is no part of it. */
		core = n;
		while (core > 0 && (s[core - 1] == '.' || s[core - 1] == ':' || s[core - 1] == '!' ||
							s[core - 1] == '?'))
			core--;
		for (seen = 0, i = 0; i < core; i++)
			seen |= token_char_class[(unsigned char) s[i]];
		n = core;
	}
	return !(seen & CC_NAME_MARK) && (n < OPAQUE_MIN || !(seen & CC_DIGIT));
}

#endif
