/*
 * recipients.h — the recipient reader: the core stage that finds, in the same
 * pass as the classifier's scan, every recipient a bounce reports and each
 * one's own facts: the RFC 3464 per-recipient groups (Original-Recipient,
 * Final-Recipient, Action, Status, Remote-MTA, Diagnostic-Code) and the
 * plain-text forms (Postfix and qmail "<a@example.com>:" paragraphs, Exim's
 * indented address list, Sendmail, Exchange, Domino, Gmail, Yahoo).  It also
 * keeps who replied (From:, Reply-To:, Return-Path:) and an ARF report's
 * complaining recipient (Original-Rcpt-To:, else the reported message's To:).
 *
 * The scanner hands it every line it reads (scan_state.reader); it decides
 * nothing.  Each group is handed, when it ends, to a sink: a list (all
 * recipients, for bounce_recipients) or the first failed / delayed / any
 * (bounce_recipient and bounce_explain, without allocation).
 */
#ifndef BOUNCE_RECIPIENTS_H
#define BOUNCE_RECIPIENTS_H

#include <stddef.h>

#include "classify.h"

#define RECIPIENT_HOST_MAX 255		/* a host name (RFC 1035) */
#define RECIPIENT_WORD_MAX 15		/* an action, an SMTP command */
#define RECIPIENT_DIAGNOSTIC_MAX 500	/* the remote server's words kept for a recipient */
#define RECIPIENT_OWN_MAX 1024		/* a recipient's own lines, read again to decide its code */

/* Where a recipient was read. */
typedef enum recipient_source
{
	RECIPIENT_FROM_DSN = 1,		/* an RFC 3464 per-recipient group */
	RECIPIENT_FROM_TEXT = 2		/* a plain-text bounce's recipient paragraph */
} recipient_source;

/* One recipient's facts; every string is NUL-terminated, "" when absent. */
typedef struct recipient_facts
{
	recipient_source source;
	char		recipient[BOUNCE_ADDRESS_MAX + 1];	/* Original-Recipient, else the final one */
	char		final_recipient[BOUNCE_ADDRESS_MAX + 1];
	char		action[RECIPIENT_WORD_MAX + 1];	/* failed, delayed, delivered, relayed, expanded */
	char		status[BOUNCE_STATUS_MAX];
	int			smtp_reply;
	char		remote_mta[RECIPIENT_HOST_MAX + 1];
	char		smtp_command[RECIPIENT_WORD_MAX + 1];	/* RCPT, DATA, MAIL, CONNECT, EHLO */
	char		diagnostic[RECIPIENT_DIAGNOSTIC_MAX + 1];	/* printable UTF-8 */
	size_t		own_len;
	char		own[RECIPIENT_OWN_MAX];	/* its own lines, LF-separated: its evidence */
} recipient_facts;

/* Where finished groups go. */
typedef struct recipient_sink
{
	void		(*take) (void *arg, const recipient_facts *f);
	void	   *arg;
} recipient_sink;

/* The reader's state between lines. */
typedef struct recipient_reader
{
	recipient_sink sink;
	recipient_facts cur;		/* the group being read */
	int			open;			/* cur holds a group */
	int			in_diagnostic;	/* indented lines continue the group's Diagnostic-Code */
	int			text_diagnostic;	/* a text group's reply paragraph is being read */
	char		diagnostic_closer;	/* the quote or parenthesis that opened the text reply */
	size_t		indent;			/* a text group's address line's indentation */
	int			sender_follows;	/* the last text line ended "sent by": the next address is the sender */
	int			headers_done;	/* the top-level header block is over */
	int			dsn_groups;		/* groups read from DSN fields */
	int			text_groups;	/* groups read from plain text */
	char		replier[BOUNCE_ADDRESS_MAX + 1];	/* From:, else Reply-To:, else Return-Path: */
	int			replier_rank;
	char		complainant[BOUNCE_ADDRESS_MAX + 1];	/* ARF: Original-Rcpt-To:, else the reported To: */
	int			complainant_rank;
} recipient_reader;

/* Start reading; finished groups go to sink. */
extern void recipients_begin(recipient_reader *rr, recipient_sink sink);

/*
 * One line as the scanner reads it (after quoted text is set aside), in zone
 * (a scan_zone: 0 text, else a header).
 */
extern void recipients_line(recipient_reader *rr, const char *line, size_t len, int zone);

/* A MIME part ended (or a new one's headers begin): the open group ends. */
extern void recipients_part_end(recipient_reader *rr);

/* The header block of a returned or reported message (an ARF report's To:). */
extern void recipients_reported_headers(recipient_reader *rr, const char *text, size_t len);

/* The end of the message: the open group ends. */
extern void recipients_end(recipient_reader *rr);

/* Where the address around the '@' at s[at] starts and ends (quote marks around it excluded); 0 when none. */
extern int recipient_address_bounds(const char *s, size_t len, size_t at, size_t *start, size_t *end);

/*
 * Copy the address around the '@' at s[at] into dst (BOUNCE_ADDRESS_MAX + 1
 * bytes) with its domain lower-cased, the local part as written.  Returns its
 * length, 0 when there is no plausible address there.
 */
extern size_t recipient_copy_address(char *dst, const char *s, size_t len, size_t at);

/* Copy an address the scanner found (NUL-terminated) into dst with its domain lower-cased. */
extern void recipient_found(char *dst, const char *addr);

/*
 * Is the line a plain-text recipient's heading: "<a@example.com>:" (Postfix,
 * qmail, Yahoo), "<a@example.com>" (Sendmail), or the address alone on its
 * line (Exim, Exchange, Domino, Gmail)?  Returns where its '@' is (0: no), its
 * indentation in *indent and where the text after it starts in *rest_at.
 */
extern size_t recipient_heading_at(const char *line, size_t len, size_t *indent, size_t *rest_at);

/* Which recipients a message reports, once it is decided. */
typedef enum recipient_choice
{
	CHOOSE_COMPLAINANT,			/* an ARF report: the complaining recipient */
	CHOOSE_REPLIER,				/* an auto-reply, a challenge, a person's reply: who replied */
	CHOOSE_DSN,					/* the DSN's per-recipient groups */
	CHOOSE_TEXT,				/* the plain-text recipient paragraphs */
	CHOOSE_FOUND				/* none of these: the address the scanner found, if any */
} recipient_choice;

/*
 * Choose, for a message scanned with reader rr (arf, dsn: what the scanner
 * saw) and decided as code by rule.
 */
extern recipient_choice recipient_choose(const recipient_reader *rr, int arf, int dsn, int code,
										 const char *rule);

/* The first, best: the first failed recipient, else the first delayed, else the first. */
typedef struct recipient_first
{
	int			have_failed,
				have_delayed,
				have_any;
	recipient_facts failed,
				delayed,
				any;
} recipient_first;

/* A sink that keeps only the first failed, first delayed and first recipient of one source. */
extern void recipient_first_take(recipient_first *first, const recipient_facts *f);

/* The best of a recipient_first (NULL when it saw none). */
extern const recipient_facts *recipient_first_best(const recipient_first *first);

#endif
