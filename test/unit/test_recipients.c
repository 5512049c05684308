/*
 * test_recipients.c — unit and property tests of the recipient reader and of
 * bounce_classify_recipients: every recipient with its own code, the row
 * classify_bounce reports, the ARF and auto-reply recipients, and time and
 * memory linear in the number of recipients (a 100,000-recipient DSN).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/bounce_codes.h"
#include "core/classify.h"
#include "core/classify_recipients.h"
#include "unit.h"

#define MAX_ROWS 64

/* The rows of one call, copied (the core's strings live only during the call). */
typedef struct collected
{
	long		n;
	long		primaries;
	int			code[MAX_ROWS];
	int			primary[MAX_ROWS];
	char		recipient[MAX_ROWS][BOUNCE_ADDRESS_MAX + 1];
	char		action[MAX_ROWS][16];
	char		command[MAX_ROWS][16];
	char		remote[MAX_ROWS][256];
	int			all_codes_valid;
	size_t		peak_block;		/* the largest block the core asked for */
} collected;

/* realloc, remembering the largest size asked for. */
static void *
grow(void *ptr, size_t size, void *arg)
{
	collected  *c = arg;

	if (size > c->peak_block)
		c->peak_block = size;
	return realloc(ptr, size);
}

/* Copy a string or "" into dst. */
static void
copy_or_empty(char *dst, size_t size, const char *s)
{
	if (s == NULL)
		s = "";
	strncpy(dst, s, size - 1);
	dst[size - 1] = '\0';
}

/* The row callback: count, check, copy the first MAX_ROWS. */
static void
collect(void *arg, const bounce_recipient_row *row)
{
	collected  *c = arg;

	if (bounce_code_index(row->code) < 0 || row->rule == NULL)
		c->all_codes_valid = 0;
	c->primaries += row->primary;
	if (c->n < MAX_ROWS)
	{
		c->code[c->n] = row->code;
		c->primary[c->n] = row->primary;
		copy_or_empty(c->recipient[c->n], sizeof(c->recipient[0]), row->recipient);
		copy_or_empty(c->action[c->n], sizeof(c->action[0]), row->action);
		copy_or_empty(c->command[c->n], sizeof(c->command[0]), row->smtp_command);
		copy_or_empty(c->remote[c->n], sizeof(c->remote[0]), row->remote_mta);
	}
	c->n++;
}

/* All recipients of a text. */
static collected *
recipients_of_bytes(const char *text, size_t len)
{
	static collected c;
	bounce_recipients_io io;

	memset(&c, 0, sizeof(c));
	c.all_codes_valid = 1;
	io.grow = grow;
	io.grow_arg = &c;
	io.row = collect;
	io.row_arg = &c;
	io.block = NULL;
	CHECK(bounce_classify_recipients(text, len, NULL, &io) == c.n);
	free(io.block);
	return &c;
}

/* All recipients of a NUL-terminated text. */
static collected *
recipients_of(const char *text)
{
	return recipients_of_bytes(text, strlen(text));
}

/*
 * The properties every call has: at least one row, exactly one primary row,
 * valid codes, and the primary row is classify_bounce's code and
 * bounce_recipient's address.
 */
static void
check_agreement(const char *text)
{
	collected  *c = recipients_of(text);
	bounce_result full,
				code_only;
	bounce_options only;
	long		i;

	memset(&only, 0, sizeof(only));
	only.code_only = 1;
	bounce_classify(text, strlen(text), NULL, &full);
	bounce_classify(text, strlen(text), &only, &code_only);
	CHECK(c->n >= 1);
	CHECK_INT(c->primaries, 1);
	CHECK(c->all_codes_valid);
	for (i = 0; i < c->n && i < MAX_ROWS; i++)
		if (c->primary[i])
		{
			CHECK_INT(c->code[i], code_only.code);
			CHECK_INT(c->code[i], full.code);
			CHECK(strcmp(c->recipient[i], full.recipient) == 0);
		}
}

static const char two_recipient_dsn[] =
	"From: MAILER-DAEMON@mx.example.net\n"
	"Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
	"--B\nContent-Type: message/delivery-status\n\n"
	"Reporting-MTA: dns; mx.example.net\n\n"
	"Original-Recipient: rfc822;Anna@Example.COM\nFinal-Recipient: rfc822;anna@example.com\n"
	"Action: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\n\n"
	"Final-Recipient: rfc822; bo@example.org\nAction: failed\nStatus: 5.1.1\n"
	"Remote-MTA: dns; MX.example.org.\n"
	"Diagnostic-Code: smtp; 550 5.1.1 <bo@example.org>: Recipient address rejected:\n"
	"    User unknown (in reply to RCPT TO command)\n\n--B--\n";

static const char mixed_dsn[] =
	"Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n"
	"From: MAILER-DAEMON@mx.example.net\n\n"
	"--B\nContent-Type: message/delivery-status\n\n"
	"Reporting-MTA: dns; mx.example.net\n\n"
	"Final-Recipient: rfc822;cid@example.com\nAction: delivered\nStatus: 2.0.0\n\n"
	"Final-Recipient: rfc822;dan@example.net\nAction: delayed\nStatus: 4.4.1\n"
	"Diagnostic-Code: smtp; 421 4.4.1 Connection timed out\n\n"
	"Final-Recipient: rfc822;eva@example.org\nAction: failed\nStatus: 5.7.1\n"
	"Diagnostic-Code: smtp; 554 5.7.1 Client host blocked using zen.spamhaus.org\n\n--B--\n";

/* Per-recipient groups: each row its own facts and code, in the order of the message. */
static void
test_dsn_groups(void)
{
	collected  *c = recipients_of(two_recipient_dsn);

	CHECK_INT(c->n, 2);
	CHECK(strcmp(c->recipient[0], "Anna@example.com") == 0);	/* Original-Recipient, domain lower-cased */
	CHECK_INT(c->code[0], 22);
	CHECK(c->primary[0]);
	CHECK(strcmp(c->recipient[1], "bo@example.org") == 0);
	CHECK_INT(c->code[1], 10);
	CHECK(strcmp(c->command[1], "RCPT") == 0);
	CHECK(strcmp(c->remote[1], "mx.example.org") == 0);
	check_agreement(two_recipient_dsn);

	c = recipients_of(mixed_dsn);
	CHECK_INT(c->n, 3);
	CHECK_INT(c->code[0], 0);
	CHECK(strcmp(c->action[0], "delivered") == 0);
	CHECK_INT(c->code[1], 70);
	CHECK_INT(c->code[2], 51);
	CHECK(c->primary[2]);		/* the first failed one, not the first */
	check_agreement(mixed_dsn);
}

static const char postfix_text[] =
	"From: MAILER-DAEMON@mail.example.net\nSubject: Undelivered Mail Returned to Sender\n\n"
	"I'm sorry to have to inform you that your message could not\n"
	"be delivered to one or more recipients.\n\n"
	"<finn@example.com>: host mx.example.com[192.0.2.11] said: 552 5.2.2 Mailbox\n"
	"    full (in reply to RCPT TO command)\n\n"
	"<gun@gmail.com>: connect to gmail-smtp-in.l.google.com[192.0.2.12]:25:\n"
	"    Connection timed out\n";

static const char exim_text[] =
	"From: Mail Delivery System <Mailer-Daemon@mail.example.net>\n"
	"Subject: Mail delivery failed: returning message to sender\n\n"
	"A message sent by\n\n  <news@sender.example>\n\n"
	"could not be delivered to one or more of its recipients. The following\n"
	"address(es) failed:\n\n"
	"  carl@example.com\n"
	"    host mx.example.com [192.0.2.30]\n"
	"    SMTP error from remote mail server after RCPT TO:\n"
	"    <carl@example.com>:\n"
	"    452 4.2.2 Mailbox full\n"
	"  dora@example.org\n"
	"    (generated from dora.old@example.org)\n"
	"    SMTP error from remote mail server after end of data:\n"
	"    554 5.7.1 Client host blocked using zen.spamhaus.org\n\n"
	"------ This is a copy of the message, including all the headers. ------\n\n"
	"To: other@example.com\n";

static const char microsoft_text[] =
	"From: postmaster@contoso.example\nSubject: Undeliverable: News\n\n"
	"Delivery has failed to these recipients or groups:\n\n"
	"hugo@contoso.example\nThe email address you entered couldn't be found.\n\n"
	"ida@contoso.example\nThe recipient's mailbox is full and can't accept messages now.\n\n"
	"Diagnostic information for administrators:\n\n"
	"hugo@contoso.example\n"
	"Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found'\n\n"
	"ida@contoso.example\n"
	"Remote Server returned '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException'\n";

/* Plain-text forms: Postfix, Exim (the sender is no recipient), Microsoft (each named twice). */
static void
test_text_forms(void)
{
	collected  *c = recipients_of(postfix_text);

	CHECK_INT(c->n, 2);
	CHECK_INT(c->code[0], 22);
	CHECK(strcmp(c->remote[0], "mx.example.com") == 0);
	CHECK(strcmp(c->recipient[1], "gun@gmail.com") == 0);
	CHECK_INT(c->code[1], 59);	/* unable to connect, at a large provider */
	CHECK(strcmp(c->command[1], "CONNECT") == 0);
	check_agreement(postfix_text);

	c = recipients_of(exim_text);
	CHECK_INT(c->n, 2);
	CHECK(strcmp(c->recipient[0], "carl@example.com") == 0);
	CHECK_INT(c->code[0], 22);	/* its own 452 4.2.2, not the next recipient's block */
	CHECK(strcmp(c->recipient[1], "dora.old@example.org") == 0);
	CHECK_INT(c->code[1], 51);
	CHECK(strcmp(c->command[1], "DATA") == 0);
	check_agreement(exim_text);

	c = recipients_of(microsoft_text);
	CHECK_INT(c->n, 2);
	CHECK(strcmp(c->recipient[0], "hugo@contoso.example") == 0);
	CHECK_INT(c->code[0], 10);
	CHECK(strcmp(c->recipient[1], "ida@contoso.example") == 0);
	CHECK_INT(c->code[1], 22);
	check_agreement(microsoft_text);
}

static const char arf[] =
	"From: feedback@isp.example\nSubject: Abuse report\n"
	"Content-Type: multipart/report; report-type=feedback-report; boundary=\"A\"\n\n"
	"--A\nContent-Type: message/feedback-report\n\n"
	"Feedback-Type: abuse\nVersion: 1\nOriginal-Mail-From: <bounces+1@sender.example>\n"
	"Original-Rcpt-To: <Nina@ISP.example>\n\n"
	"--A\nContent-Type: message/rfc822\n\nFrom: news@sender.example\nTo: other@isp.example\n\nHi\n--A--\n";

static const char arf_reported_to[] =
	"From: feedback@isp.example\nSubject: Abuse report\n"
	"Content-Type: multipart/report; report-type=feedback-report; boundary=\"A\"\n\n"
	"--A\nContent-Type: message/feedback-report\n\n"
	"Feedback-Type: abuse\nVersion: 1\nOriginal-Mail-From: <bounces+1@sender.example>\n\n"
	"--A\nContent-Type: message/rfc822\n\nFrom: news@sender.example\nTo: Ola <ola@ISP.example>\n\nHi\n--A--\n";

static const char auto_reply[] =
	"From: Pia <pia@example.se>\nSubject: Automatic reply: News\nAuto-Submitted: auto-replied\n\n"
	"I am out of the office. For urgent matters please contact\n\n  sales@example.se\n";

/* The ARF complainant and the replier, never an address in the text or our own bounce address. */
static void
test_reports_and_replies(void)
{
	static const char left_pointing[] =
		"From: john@acme.example\nAuto-Submitted: auto-replied\nSubject: Automatic reply: hi\n\n"
		"John no longer works for ACME. Your email will not be forwarded.\n"
		"Please contact jane@acme.example\n";
	collected  *c = recipients_of(arf);

	CHECK_INT(c->n, 1);
	CHECK(strcmp(c->recipient[0], "Nina@isp.example") == 0);
	CHECK_INT(c->code[0], 200);
	check_agreement(arf);

	c = recipients_of(arf_reported_to);
	CHECK(strcmp(c->recipient[0], "ola@isp.example") == 0);
	check_agreement(arf_reported_to);

	c = recipients_of(auto_reply);
	CHECK_INT(c->n, 1);
	CHECK(strcmp(c->recipient[0], "pia@example.se") == 0);
	CHECK_INT(c->code[0], 60);
	check_agreement(auto_reply);

	/* A reply saying its person left names a working address: the row is the reply's own sender. */
	c = recipients_of(left_pointing);
	CHECK_INT(c->n, 1);
	CHECK(strcmp(c->recipient[0], "john@acme.example") == 0);
	CHECK_INT(c->code[0], 10);
	check_agreement(left_pointing);

	c = recipients_of("Your message could not be delivered.\n");
	CHECK_INT(c->n, 1);
	CHECK(c->recipient[0][0] == '\0');
	check_agreement("Your message could not be delivered.\n");
	check_agreement("");
}

/* A DSN with n recipients, five outcomes in turn; caller frees. */
static char *
big_dsn(long n, size_t *len)
{
	static const char *const groups[] = {
		"Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n\n",
		"Action: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\n\n",
		"Action: delayed\nStatus: 4.4.7\nDiagnostic-Code: smtp; 451 4.4.7 will retry\n\n",
		"Action: delivered\nStatus: 2.0.0\n\n",
		"Action: failed\nStatus: 5.7.1\nDiagnostic-Code: smtp; 550 5.7.1 rejected as spam\n\n",
	};
	size_t		room = 200 + (size_t) n * 160,
				used;
	char	   *text = malloc(room);
	long		i;

	used = (size_t) sprintf(text, "From: MAILER-DAEMON@mx.example.net\n"
							"Content-Type: multipart/report; report-type=delivery-status; boundary=\"F\"\n\n"
							"--F\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n");
	for (i = 0; i < n; i++)
		used += (size_t) sprintf(text + used, "Final-Recipient: rfc822; user%ld@example.com\n%s", i,
								 groups[i % 5]);
	used += (size_t) sprintf(text + used, "--F--\n");
	*len = used;
	return text;
}

/* Seconds of CPU to read every recipient of a DSN with n recipients; *c gets the rows. */
static double
time_big(long n, collected **c, size_t *len)
{
	char	   *text = big_dsn(n, len);
	clock_t		start = clock();

	*c = recipients_of_bytes(text, *len);
	free(text);
	return (double) (clock() - start) / CLOCKS_PER_SEC;
}

/* 100,000 recipients: every one a row, linear time, memory bounded by the message's size. */
static void
test_many_recipients(void)
{
	collected  *c;
	size_t		small_len,
				big_len;
	double		small = time_big(10000, &c, &small_len);
	double		big;
	long		n_small = c->n;

	CHECK_INT(n_small, 10000);
	big = time_big(100000, &c, &big_len);
	CHECK_INT(c->n, 100000);
	CHECK_INT(c->primaries, 1);
	CHECK(c->all_codes_valid);
	CHECK_INT(c->code[0], 10);
	CHECK_INT(c->code[1], 22);
	CHECK_INT(c->code[2], 70);
	CHECK_INT(c->code[3], 0);
	CHECK_INT(c->code[4], 52);
	/* The stored facts are a bounded multiple of the message (each group's own lines and fields). */
	CHECK(c->peak_block <= 4 * big_len + 4096);
	/* Ten times the recipients, about ten times the time (generous for noisy machines): linear, not quadratic. */
	CHECK(big <= 30.0 * (small > 0.01 ? small : 0.01));
	printf("recipients: 10,000 in %.3f s, 100,000 in %.3f s (%.0f recipients/s), peak block %zu bytes for a %zu-byte message\n",
		   small, big, big > 0 ? 100000 / big : 0.0, c->peak_block, big_len);
}

int
main(void)
{
	CHECK(bounce_classifier_init(malloc, free) == 0);
	test_dsn_groups();
	test_text_forms();
	test_reports_and_replies();
	test_many_recipients();
	return unit_finish("recipients");
}
