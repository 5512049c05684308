/*
 * recipients.c — the recipient reader (see recipients.h).
 *
 * Every line is looked at once, at its start (a field name, an indentation, a
 * recipient address) and, inside a recipient's paragraph, for the first SMTP
 * reply code; a recipient's own text is bounded (RECIPIENT_OWN_MAX), so the
 * work is linear in the message and in the number of recipients.  Nothing
 * here allocates: finished groups go to the sink.
 *
 * The forms read, from the MTAs' documentation and RFCs:
 *   RFC 3464 section 2.3: per-recipient fields, groups separated by a blank
 *     line; Original-Recipient before Final-Recipient.
 *   Postfix bounce(8) and qmail-send's bounce text: "<a@example.com>:" opens
 *     a recipient's paragraph ("host mx.example.com[192.0.2.1] said: 550 ...
 *     (in reply to RCPT TO command)", qmail's "Remote host said: ...").
 *   Exim (spec chapter "Bounce and warning messages"): the failed addresses
 *     indented by two spaces, each followed by its more indented reasons
 *     ("SMTP error from remote mail server after RCPT TO:<...>: 550 ...").
 *   Sendmail: "----- The following addresses had permanent fatal errors -----"
 *     then "<a@example.com>" and "(reason: 550 ...)"; its transcript
 *     ("... while talking to mx.example.com.:", ">>> RCPT To:<...>").
 *   Exchange / Microsoft 365 NDRs, Domino, Gmail, Yahoo: the address alone on
 *     its line, the server's words after it ("Remote Server returned '550
 *     5.1.1 ...'", "The error that the other server returned was: 550 ...").
 *   RFC 5965 section 3.5: an ARF report's Original-Rcpt-To field.
 */
#include "recipients.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "scanner.h"
#include "smtp_status.h"

/* Ranks of the address that replied (RFC 3834 section 4: the reply's From:, Reply-To:, Return-Path:). */
#define REPLIER_RETURN_PATH 1
#define REPLIER_REPLY_TO 2
#define REPLIER_FROM 3

/* Ranks of an ARF report's complaining recipient. */
#define COMPLAINANT_REPORTED_TO 1
#define COMPLAINANT_ORIGINAL_RCPT_TO 2

/* Is c a blank (space or tab)? */
static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Is the line empty or all blanks? */
static int
is_blank_line(const char *line, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (!is_blank(line[i]))
			return 0;
	return 1;
}

/* Where the address around the '@' at s[at] starts and ends; 0 when there is none. */
int
recipient_address_bounds(const char *s, size_t len, size_t at, size_t *start_out, size_t *end_out)
{
	static const char local_chars[] = "._%+-=/!#$&'*?^`{|}~";
	size_t		start = at,
				end = at + 1;

	while (start > 0 && s[start - 1] != '\0' &&
		   (ascii_is_alnum((unsigned char) s[start - 1]) || strchr(local_chars, s[start - 1]) != NULL))
		start--;
	while (end < len && (ascii_is_alnum((unsigned char) s[end]) || s[end] == '.' || s[end] == '-'))
		end++;
	while (end > at + 1 && s[end - 1] == '.')
		end--;

	/*
	 * "Failed to deliver to 'user@example.com'" (CommuniGate Pro), "`user@...'":
	 * a quote mark that opens the local part and closes the domain quotes the
	 * address; it is no part of it.
	 */
	if (start < at && (s[start] == '\'' || s[start] == '`') && end < len && s[end] == '\'')
		start++;
	if (start == at || end - at < 4 || memchr(s + at + 1, '.', end - at - 1) == NULL ||
		end - start > BOUNCE_ADDRESS_MAX)
		return 0;
	*start_out = start;
	*end_out = end;
	return 1;
}

size_t
recipient_copy_address(char *dst, const char *s, size_t len, size_t at)
{
	size_t		start,
				end,
				n,
				i;

	if (!recipient_address_bounds(s, len, at, &start, &end))
		return 0;
	n = end - start;
	for (i = 0; i < n; i++)
		dst[i] = start + i > at ? (char) ascii_lower((unsigned char) s[start + i]) : s[start + i];
	dst[n] = '\0';
	return n;
}

void
recipient_found(char *dst, const char *addr)
{
	const char *at = strchr(addr, '@');
	size_t		len = strlen(addr);

	if (at == NULL || recipient_copy_address(dst, addr, len, (size_t) (at - addr)) == 0)
	{
		if (len > BOUNCE_ADDRESS_MAX)
			len = BOUNCE_ADDRESS_MAX;
		memmove(dst, addr, len);
		dst[len] = '\0';
	}
}

/* Copy the first address in s[0..len) into dst; 0 when there is none. */
static size_t
copy_first_address(char *dst, const char *s, size_t len)
{
	const char *at = memchr(s, '@', len);

	return at != NULL ? recipient_copy_address(dst, s, len, (size_t) (at - s)) : 0;
}

/* Copy a field's word (an action, a command) lower-cased into dst of RECIPIENT_WORD_MAX + 1 bytes. */
static void
copy_word(char *dst, const char *s, size_t len)
{
	size_t		i = 0,
				n = 0;

	while (i < len && is_blank(s[i]))
		i++;
	/* Actions (RFC 3464 2.3.3) are ASCII words: anything else ends the word. */
	while (i < len && (ascii_is_alnum((unsigned char) s[i]) || s[i] == '-') && n < RECIPIENT_WORD_MAX)
		dst[n++] = (char) ascii_lower((unsigned char) s[i++]);
	dst[n] = '\0';
}

/* Copy a host name (letters, digits, '.', '-') at s lower-cased, without a trailing dot. */
static void
copy_host(char *dst, const char *s, size_t len)
{
	size_t		n = 0;

	while (n < len && n < RECIPIENT_HOST_MAX &&
		   (ascii_is_alnum((unsigned char) s[n]) || s[n] == '.' || s[n] == '-' || s[n] == ':'))
	{
		dst[n] = (char) ascii_lower((unsigned char) s[n]);
		n++;
	}
	while (n > 0 && (dst[n - 1] == '.' || dst[n - 1] == ':'))
		n--;
	dst[n] = '\0';
}

/* Append a line to the group's own text (bounded), LF-terminated. */
static void
append_own(recipient_facts *f, const char *line, size_t len)
{
	size_t		room = sizeof(f->own) - f->own_len;

	if (room < 2)
		return;
	if (len > room - 1)
		len = room - 1;
	memcpy(f->own + f->own_len, line, len);
	f->own_len += len;
	f->own[f->own_len++] = '\n';
}

/* Append words to the diagnostic, printable, one blank between pieces. */
static void
append_diagnostic(recipient_facts *f, const char *s, size_t len)
{
	size_t		have = strlen(f->diagnostic);
	char		piece[RECIPIENT_DIAGNOSTIC_MAX + 1];
	size_t		n;

	while (len > 0 && is_blank(s[0]))
	{
		s++;
		len--;
	}
	if (len == 0 || have + 2 > RECIPIENT_DIAGNOSTIC_MAX)
		return;
	if (len > RECIPIENT_DIAGNOSTIC_MAX)
		len = RECIPIENT_DIAGNOSTIC_MAX;
	/* The server's words made printable, valid UTF-8 (the evidence's rules). */
	scan_copy_evidence(piece, s, len);
	n = strlen(piece);
	if (have > 0)
		f->diagnostic[have++] = ' ';
	if (n > RECIPIENT_DIAGNOSTIC_MAX - have)
	{
		n = RECIPIENT_DIAGNOSTIC_MAX - have;
		/* Do not cut a UTF-8 sequence. */
		while (n > 0 && ((unsigned char) piece[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(f->diagnostic + have, piece, n);
	f->diagnostic[have + n] = '\0';
}

/* Read a reply code and an enhanced status at s[0..len) into the facts, unless known. */
static void
read_codes(recipient_facts *f, const char *s, size_t len)
{
	size_t		i = 0;
	smtp_enhanced e;

	while (i < len && is_blank(s[i]))
		i++;
	if (f->smtp_reply == 0)
		f->smtp_reply = smtp_read_reply(s + i, len - i);
	/* "554 554 5.7.1": a reply code repeated by a relay is read once. */
	while (smtp_read_reply(s + i, len - i) != 0)
	{
		i += 3;
		while (i < len && (is_blank(s[i]) || s[i] == '-'))
			i++;
	}
	if (f->status[0] == '\0' && smtp_read_enhanced(s + i, len - i, &e) > 0)
		snprintf(f->status, sizeof(f->status), "%d.%d.%d", e.klass, e.subject, e.detail);
}

/* The commands a server's reply answered, as the bounce names them; first that matches wins. */
static const struct
{
	const char *wording;		/* lower case */
	const char *command;
}			command_wordings[] = {
	{"rcpt to", "RCPT"}, {"[rcpt_to]", "RCPT"}, {">>> rcpt", "RCPT"},
	{"mail from", "MAIL"}, {"[mail_from]", "MAIL"},
	{"end of data", "DATA"}, {"[end_of_data]", "DATA"}, {"data command", "DATA"}, {"after data", "DATA"},
	{"ehlo", "EHLO"}, {"helo", "HELO"},
	{"connect to", "CONNECT"}, {"initial connection", "CONNECT"}, {"connection refused", "CONNECT"},
	{"connection timed out", "CONNECT"}, {"greeting", "CONNECT"},
};

/* The SMTP command named in the group's own text, if any. */
static void
find_command(recipient_facts *f)
{
	size_t		i;

	for (i = 0; i < sizeof(command_wordings) / sizeof(command_wordings[0]); i++)
		if (ascii_find(f->own, f->own_len, command_wordings[i].wording) < f->own_len)
		{
			strcpy(f->smtp_command, command_wordings[i].command);
			return;
		}
}

/* Words that name the remote host just after them in a plain-text bounce. */
static const char *const host_wordings[] = {"host", "talking to", "connect to", NULL};

/* Position of a lower-case word standing alone in s[0..len) (no letter or digit around it), or len. */
static size_t
find_word(const char *s, size_t len, const char *word)
{
	size_t		n = strlen(word);
	size_t		from = 0;

	while (from < len)
	{
		size_t		at = from + ascii_find(s + from, len - from, word);

		if (at >= len)
			return len;
		if ((at == 0 || !ascii_is_alnum((unsigned char) s[at - 1])) &&
			(at + n == len || !ascii_is_alnum((unsigned char) s[at + n])))
			return at;
		from = at + 1;
	}
	return len;
}

/* The remote host named in a text group's own text ("host mx.example.com[192.0.2.1] said:"). */
static void
find_remote_host(recipient_facts *f)
{
	int			i;

	for (i = 0; host_wordings[i] != NULL; i++)
	{
		size_t		at = find_word(f->own, f->own_len, host_wordings[i]);

		if (at < f->own_len)
		{
			size_t		from = at + strlen(host_wordings[i]);

			/* The name may wrap to the next line ("host\n    mx.example.com[...]"). */
			while (from < f->own_len && (is_blank(f->own[from]) || f->own[from] == '\n'))
				from++;
			copy_host(f->remote_mta, f->own + from, f->own_len - from);
			if (memchr(f->remote_mta, '.', strlen(f->remote_mta)) != NULL)
				return;
			f->remote_mta[0] = '\0';
		}
	}
}

/* End the open group: finish its facts and hand it to the sink. */
static void
end_group(recipient_reader *rr)
{
	recipient_facts *f = &rr->cur;

	if (!rr->open)
		return;
	rr->open = 0;
	rr->in_diagnostic = 0;
	rr->text_diagnostic = 0;
	if (f->recipient[0] == '\0')
		memcpy(f->recipient, f->final_recipient, sizeof(f->recipient));
	if (f->recipient[0] == '\0')
		return;					/* a DSN's per-message fields, or a group without an address */
	if (f->source == RECIPIENT_FROM_TEXT)
	{
		size_t		n = strlen(f->diagnostic);

		if (n > 0 && rr->diagnostic_closer != '\0' && f->diagnostic[n - 1] == rr->diagnostic_closer)
			f->diagnostic[n - 1] = '\0';
		find_remote_host(f);
		if (f->action[0] == '\0')
			strcpy(f->action, "failed");
	}
	find_command(f);
	if (f->source == RECIPIENT_FROM_DSN)
		rr->dsn_groups++;
	else
		rr->text_groups++;
	rr->sink.take(rr->sink.arg, f);
}

/* Open a new group read from source. */
static void
open_group(recipient_reader *rr, recipient_source source)
{
	end_group(rr);
	memset(&rr->cur, 0, offsetof(recipient_facts, own));
	rr->diagnostic_closer = '\0';
	rr->cur.own_len = 0;
	rr->cur.source = source;
	rr->open = 1;
}

void
recipients_begin(recipient_reader *rr, recipient_sink sink)
{
	memset(rr, 0, sizeof(*rr));
	rr->sink = sink;
}

/* Offer an address for a ranked slot (the replier, the complainant): the best rank wins. */
static void
offer_ranked(char *slot, int *slot_rank, int rank, const char *value, size_t len)
{
	char		addr[BOUNCE_ADDRESS_MAX + 1];

	if (rank <= *slot_rank || copy_first_address(addr, value, len) == 0)
		return;
	memcpy(slot, addr, sizeof(addr));
	*slot_rank = rank;
}

/* A top-level header line: who replied (a mail system's own address is no recipient). */
static void
header_line(recipient_reader *rr, const char *line, size_t len)
{
	size_t		i = 0;

	while (i < len && line[i] != ':')
		i++;
	if (ascii_find(line + i, len - i, "mailer-daemon@") < len - i || ascii_find(line + i, len - i, "postmaster@") < len - i)
		return;
	if (ascii_has_prefix(line, len, "from:"))
		offer_ranked(rr->replier, &rr->replier_rank, REPLIER_FROM, line + 5, len - 5);
	else if (ascii_has_prefix(line, len, "reply-to:"))
		offer_ranked(rr->replier, &rr->replier_rank, REPLIER_REPLY_TO, line + 9, len - 9);
	else if (ascii_has_prefix(line, len, "return-path:"))
		offer_ranked(rr->replier, &rr->replier_rank, REPLIER_RETURN_PATH, line + 12, len - 12);
}

/* The DSN fields the reader knows. */
typedef enum dsn_field
{
	DSN_NONE,
	DSN_ORIGINAL_RECIPIENT,
	DSN_FINAL_RECIPIENT,
	DSN_ACTION,
	DSN_STATUS,
	DSN_REMOTE_MTA,
	DSN_DIAGNOSTIC,
	DSN_ORIGINAL_RCPT_TO,		/* ARF */
	DSN_OTHER					/* any other "Name: value" field */
} dsn_field;

static const struct
{
	const char *name;			/* lower case, with the colon */
	dsn_field	f;
}			dsn_fields[] = {
	{"original-recipient:", DSN_ORIGINAL_RECIPIENT},
	{"final-recipient:", DSN_FINAL_RECIPIENT},
	{"action:", DSN_ACTION},
	{"status:", DSN_STATUS},
	{"remote-mta:", DSN_REMOTE_MTA},
	{"diagnostic-code:", DSN_DIAGNOSTIC},
	{"original-rcpt-to:", DSN_ORIGINAL_RCPT_TO},
};

/* Which DSN field a line is; *value_at is where its value starts. */
static dsn_field
dsn_field_of(const char *line, size_t len, size_t *value_at)
{
	size_t		i;

	if (len == 0 || !ascii_is_alnum((unsigned char) line[0]) || !ascii_is_header_name(line, len))
		return DSN_NONE;
	for (i = 0; i < sizeof(dsn_fields) / sizeof(dsn_fields[0]); i++)
		if (ascii_has_prefix(line, len, dsn_fields[i].name))
		{
			*value_at = strlen(dsn_fields[i].name);
			return dsn_fields[i].f;
		}
	return DSN_OTHER;
}

/* The value after an address or diagnostic type ("rfc822;", "smtp;", "dns;"). */
static size_t
after_type(const char *v, size_t len)
{
	const char *semi = memchr(v, ';', len);
	size_t		i = semi != NULL ? (size_t) (semi - v) + 1 : 0;

	while (i < len && is_blank(v[i]))
		i++;
	return i;
}

/* A DSN field line: opens, fills or ends a per-recipient group. */
static void
dsn_line(recipient_reader *rr, dsn_field f, const char *line, size_t len, size_t value_at)
{
	const char *v = line + value_at;
	size_t		vlen = len - value_at;
	recipient_facts *g = &rr->cur;
	int			dsn_open = rr->open && g->source == RECIPIENT_FROM_DSN;

	rr->in_diagnostic = 0;
	switch (f)
	{
		case DSN_ORIGINAL_RECIPIENT:
			/* Postfix writes Final-Recipient first, RFC 3464 Original-Recipient first. */
			if (!dsn_open || g->recipient[0] != '\0' || g->action[0] != '\0')
				open_group(rr, RECIPIENT_FROM_DSN);
			copy_first_address(rr->cur.recipient, v, vlen);
			return;
		case DSN_FINAL_RECIPIENT:
			if (!dsn_open || g->final_recipient[0] != '\0' || g->action[0] != '\0')
				open_group(rr, RECIPIENT_FROM_DSN);
			copy_first_address(rr->cur.final_recipient, v, vlen);
			return;
		case DSN_ACTION:
			if (!dsn_open || g->action[0] != '\0')
				open_group(rr, RECIPIENT_FROM_DSN);
			copy_word(rr->cur.action, v, vlen);
			append_own(&rr->cur, line, len);
			return;
		case DSN_STATUS:
			if (!dsn_open)
				return;
			g->status[0] = '\0';
			read_codes(g, v, vlen);
			append_own(g, line, len);
			return;
		case DSN_REMOTE_MTA:
			if (dsn_open)
				copy_host(g->remote_mta, v + after_type(v, vlen), vlen - after_type(v, vlen));
			return;
		case DSN_DIAGNOSTIC:
			if (!dsn_open)
				return;
			{
				size_t		i = after_type(v, vlen);

				/* The Status field, read before, stays the group's status. */
				if (g->smtp_reply == 0)
					read_codes(g, v + i, vlen - i);
				append_diagnostic(g, v + i, vlen - i);
				append_own(g, line, len);
				rr->in_diagnostic = 1;
			}
			return;
		case DSN_ORIGINAL_RCPT_TO:
			offer_ranked(rr->complainant, &rr->complainant_rank, COMPLAINANT_ORIGINAL_RCPT_TO, v, vlen);
			return;
		case DSN_OTHER:
		case DSN_NONE:
			return;
	}
}

/*
 * Is the line a plain-text recipient line: "<a@example.com>:" (Postfix,
 * qmail, Yahoo), "<a@example.com>" (Sendmail), or the address alone on its
 * line, indented or not (Exim, Exchange, Domino, Gmail)?  Returns where the
 * address's '@' is (0: no) and sets *rest_at to the text after it.
 */
size_t
recipient_heading_at(const char *line, size_t len, size_t *indent, size_t *rest_at)
{
	size_t		i = 0,
				start,
				end,
				at;
	char		addr[BOUNCE_ADDRESS_MAX + 1];

	addr[0] = '\0';			/* the compiler may test it before knowing the copy succeeded */
	while (i < len && is_blank(line[i]))
		i++;
	*indent = i;
	if (i == len)
		return 0;
	start = i + (line[i] == '<');
	end = start;
	while (end < len && !is_blank(line[end]) && line[end] != '>' && line[end] != '<')
		end++;
	at = start;
	while (at < end && line[at] != '@')
		at++;
	if (line[i] == '<')
	{
		if (end == len || line[end] != '>')
			return 0;
	}
	else if (end > start && line[end - 1] == ':')
		end--;
	/* The token is one address, whole (not "Japanese text<a@example.com>"). */
	if (at == end || at == start || recipient_copy_address(addr, line, len, at) != end - start ||
		(at > start && line[start] != addr[0]))
		return 0;
	if (line[i] == '<')
		end++;					/* the '>' */
	if (end < len && line[end] == ':')
		end++;
	else if (!is_blank_line(line + end, len - end))
		return 0;				/* "<a@example.com>... User unknown" is a reply, not a heading */
	*rest_at = end;
	return at;
}

/* Is a parenthesis open at line[at] ("(reason: 550 ...")? */
static int
open_parenthesis(const char *line, size_t at)
{
	int			depth = 0;
	size_t		i;

	for (i = 0; i < at; i++)
		depth += line[i] == '(' ? 1 : line[i] == ')' && depth > 0 ? -1 : 0;
	return depth > 0;
}

/* A line of a plain-text recipient's paragraph: its own text and the server's words in it. */
static void
text_group_line(recipient_reader *rr, const char *line, size_t len)
{
	recipient_facts *g = &rr->cur;
	size_t		i;

	if (is_blank_line(line, len))
	{
		rr->text_diagnostic = 0;
		if (g->own_len > 0)
			append_own(g, "", 0);
		return;
	}
	append_own(g, line, len);
	/* Exim: "(generated from a@example.com)": the address as the sender wrote it. */
	if (strcmp(g->recipient, g->final_recipient) == 0)
	{
		size_t		at = ascii_find(line, len, "generated from ");

		if (at < len)
			copy_first_address(g->recipient, line + at, len - at);
	}
	if (rr->text_diagnostic)
	{
		append_diagnostic(g, line, len);
		return;
	}
	if (g->diagnostic[0] != '\0')
		return;
	/* The server's reply starts at its first 4xx/5xx code that starts a token. */
	for (i = 0; i + 3 <= len; i++)
	{
		int			reply;

		if (i > 0 && !is_blank(line[i - 1]) && line[i - 1] != '\'' && line[i - 1] != '"' &&
			line[i - 1] != '(' && line[i - 1] != ':')
			continue;
		reply = smtp_read_reply(line + i, len - i);
		if (reply >= 400)
		{
			/* "returned '550 ...'", "(reason: 550 ...)": the closing mark is no part of the words. */
			rr->diagnostic_closer = i == 0 ? '\0' :
				line[i - 1] == '\'' || line[i - 1] == '"' ? line[i - 1] :
				open_parenthesis(line, i) ? ')' : '\0';
			read_codes(g, line + i, len - i);
			append_diagnostic(g, line + i, len - i);
			rr->text_diagnostic = 1;
			return;
		}
	}
}

/* A body line that is no DSN field. */
static void
text_line(recipient_reader *rr, const char *line, size_t len)
{
	size_t		rest_at = 0,
				indent = 0;
	size_t		at;

	if (rr->open && rr->cur.source == RECIPIENT_FROM_DSN)
	{
		/* A Diagnostic-Code continues on indented lines (RFC 3464 2.1.1, RFC 5322 folding). */
		if (rr->in_diagnostic && len > 0 && is_blank(line[0]))
		{
			append_diagnostic(&rr->cur, line, len);
			append_own(&rr->cur, line, len);
		}
		else
			rr->in_diagnostic = 0;
		return;
	}
	at = recipient_heading_at(line, len, &indent, &rest_at);
	/* Exim's "A message sent by\n\n  <sender>\n\ncould not be delivered": the sender, no recipient. */
	if (rr->sender_follows)
	{
		rr->sender_follows = 0;
		if (at > 0)
			return;
	}
	if (len >= 7 && ascii_has_prefix(line + len - 7, 7, "sent by"))
		rr->sender_follows = 1;
	/* A line indented deeper than its recipient's continues its paragraph (Exim). */
	if (at > 0 && !(rr->open && indent > rr->indent))
	{
		open_group(rr, RECIPIENT_FROM_TEXT);
		rr->indent = indent;
		if (recipient_copy_address(rr->cur.recipient, line, len, at) > 0)
		{
			memcpy(rr->cur.final_recipient, rr->cur.recipient, sizeof(rr->cur.recipient));
			if (rest_at < len)
				text_group_line(rr, line + rest_at, len - rest_at);
			return;
		}
		rr->open = 0;
		return;
	}
	if (rr->open)
		text_group_line(rr, line, len);
}

void
recipients_line(recipient_reader *rr, const char *line, size_t len, int zone)
{
	size_t		value_at = 0;
	dsn_field	f;

	if (zone != ZONE_TEXT)
	{
		if (!rr->headers_done)
			header_line(rr, line, len);
		else
			end_group(rr);		/* a part's headers: the last part is over */
		return;
	}
	rr->headers_done = 1;
	if (is_blank_line(line, len))
	{
		if (rr->open && rr->cur.source == RECIPIENT_FROM_DSN)
			end_group(rr);		/* RFC 3464 2.1: a blank line ends a recipient's group */
		else if (rr->open)
			text_group_line(rr, line, len);
		return;
	}
	f = dsn_field_of(line, len, &value_at);
	if (f != DSN_NONE && f != DSN_OTHER)
		dsn_line(rr, f, line, len, value_at);
	else if (f == DSN_OTHER && rr->open && rr->cur.source == RECIPIENT_FROM_DSN)
		rr->in_diagnostic = 0;	/* Last-Attempt-Date, Will-Retry-Until, X-...: nothing to keep */
	else
		text_line(rr, line, len);
}

void
recipients_part_end(recipient_reader *rr)
{
	end_group(rr);
}

void
recipients_reported_headers(recipient_reader *rr, const char *text, size_t len)
{
	size_t		pos = 0;

	while (pos < len)
	{
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t		end = nl ? (size_t) (nl - text) : len;
		size_t		n = end - pos;

		if (n == 0 || (n == 1 && text[pos] == '\r'))
			return;				/* the header block ends */
		if (ascii_has_prefix(text + pos, n, "to:"))
		{
			offer_ranked(rr->complainant, &rr->complainant_rank, COMPLAINANT_REPORTED_TO,
						 text + pos + 3, n - 3);
			return;
		}
		pos = end + 1;
	}
}

void
recipients_end(recipient_reader *rr)
{
	end_group(rr);
}

void
recipient_first_take(recipient_first *first, const recipient_facts *f)
{
	if (!first->have_any)
	{
		first->any = *f;
		first->have_any = 1;
	}
	if (!first->have_failed && strcmp(f->action, "failed") == 0)
	{
		first->failed = *f;
		first->have_failed = 1;
	}
	if (!first->have_delayed && strcmp(f->action, "delayed") == 0)
	{
		first->delayed = *f;
		first->have_delayed = 1;
	}
}

const recipient_facts *
recipient_first_best(const recipient_first *first)
{
	if (first->have_failed)
		return &first->failed;
	if (first->have_delayed)
		return &first->delayed;
	return first->have_any ? &first->any : NULL;
}

recipient_choice
recipient_choose(const recipient_reader *rr, int arf, int dsn, int code, const char *rule)
{
	/* RFC 5965: the report is about the recipient who complained, never our own bounce address. */
	if (arf)
		return CHOOSE_COMPLAINANT;
	/*
	 * RFC 3834: an automatic (or a person's) reply comes from the recipient;
	 * addresses in its text are not.  So does step 12's reply whose person
	 * left: the address it points to ("please contact jane@...") works.
	 */
	if (code == 60 || code == 100 || (code == 90 && !dsn) ||
		(rule != NULL && (strcmp(rule, "not_a_bounce") == 0 || strcmp(rule, "person_reply") == 0 ||
						  strcmp(rule, "left_no_forwarding") == 0)))
		return CHOOSE_REPLIER;
	if (rr->dsn_groups > 0)
		return CHOOSE_DSN;
	if (rr->text_groups > 0)
		return CHOOSE_TEXT;
	return CHOOSE_FOUND;
}
