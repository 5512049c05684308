/*
 * classify_recipients.h — every recipient of a bounce with its own code: the
 * core of bounce_recipients().
 *
 * One scan of the message (the classifier's, with the recipient reader
 * attached) finds the recipients and the message's shared evidence; each
 * recipient is then decided from its own lines (its Diagnostic-Code and
 * Status, its plain-text paragraph) first and the message's prose and Subject
 * after, by the same decide stage.  The row that classify_bounce and
 * bounce_recipient report — the first failed recipient, else the first
 * delayed, else the first — carries the message's own decision, so the three
 * always agree.  Time is linear in the message (a recipient's own text is
 * bounded), memory linear in the recipients' facts.
 */
#ifndef BOUNCE_CLASSIFY_RECIPIENTS_H
#define BOUNCE_CLASSIFY_RECIPIENTS_H

#include <stddef.h>

#include "classify.h"

/* One recipient row; a string is NULL when the bounce does not say. */
typedef struct bounce_recipient_row
{
	const char *recipient;		/* Original-Recipient, else the final one; domain lower-cased */
	const char *final_recipient;
	const char *action;			/* failed, delayed, delivered, relayed, expanded */
	const char *status;			/* RFC 3463 enhanced status */
	int			smtp_reply;		/* 0 when none */
	const char *remote_mta;
	const char *smtp_command;	/* RCPT, DATA, MAIL, CONNECT, EHLO, HELO */
	const char *diagnostic;		/* the remote server's words, printable UTF-8 */
	int			code;
	const char *rule;			/* static */
	int			primary;		/* the row classify_bounce and bounce_recipient report */
} bounce_recipient_row;

/*
 * Memory for the recipients' facts, like realloc (ptr NULL: a new block); it
 * may not return NULL (raise an error instead) or, when it does, the call
 * returns -1.  The caller frees the block (or its memory context does).
 */
typedef void *(*bounce_grow_fn) (void *ptr, size_t size, void *arg);

/* Called once per row, in the order of the message. */
typedef void (*bounce_row_fn) (void *arg, const bounce_recipient_row *row);

/* The caller's hooks for bounce_classify_recipients. */
typedef struct bounce_recipients_io
{
	bounce_grow_fn grow;
	void	   *grow_arg;
	bounce_row_fn row;
	void	   *row_arg;
	void	   *block;			/* out: the block grow last returned, for the caller to free */
} bounce_recipients_io;

/*
 * Every recipient of len bytes of text, to io->row; options as for
 * bounce_classify (code_only is ignored).  Returns the number of rows (at
 * least 1: a message naming no recipient gives one row with a NULL
 * recipient), or -1 when memory ran out.
 */
extern long bounce_classify_recipients(const char *text, size_t len, const bounce_options *options,
									   bounce_recipients_io *io);

#endif
