/*
 * test_classify.c — unit tests of the classifier core: the matcher, the SMTP
 * code readers, the message reader, the decision, and properties that must
 * hold for any input (a valid code, valid UTF-8 evidence, determinism).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bounce_codes.h"
#include "core/classify.h"
#include "core/matcher.h"
#include "core/phrases.h"
#include "core/providers.h"
#include "core/smtp_status.h"
#include "unit.h"
#include "../fuzz/fuzz.h"	/* fuzz_clean_utf8: the same property the fuzzers check */

/* Classify a NUL-terminated string. */
static bounce_result
classify(const char *text)
{
	bounce_result r;

	bounce_classify(text, strlen(text), NULL, &r);
	return r;
}

/* A text and the code it must get. */
typedef struct code_case
{
	const char *text;
	int			code;
} code_case;

/* Check a table of cases. */
static void
check_codes(const code_case *cases, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		CHECK_INT(classify(cases[i].text).code, cases[i].code);
}

/* Classify with a recipient. */
static int
classify_for(const char *text, const char *recipient)
{
	bounce_options opt;
	bounce_result r;

	memset(&opt, 0, sizeof(opt));
	opt.recipient = recipient;
	opt.recipient_len = strlen(recipient);
	bounce_classify(text, strlen(text), &opt, &r);
	return r.code;
}

/* Classify a person's message that forwards another as an attachment (Outlook's "Forward as attachment"). */
static int
classify_attached(const char *subject, const char *note, const char *attached)
{
	char		text[4096];

	snprintf(text, sizeof(text),
			 "From: Kim <kim@example.com>\nSubject: %s\nMIME-Version: 1.0\n"
			 "Content-Type: multipart/mixed; boundary=\"f\"\n\n--f\nContent-Type: text/plain\n\n%s\n"
			 "--f\nContent-Type: message/rfc822\n\n%s\n--f--\n", subject, note, attached);
	return classify(text).code;
}

/* The automaton finds every pattern, overlapping ones included. */
static void
test_matcher(void)
{
	static const char *const patterns[] = {"he", "she", "his", "hers"};
	matcher		m;
	const char *text = "ushers";
	matcher_state s = 0;
	int			found[4] = {0, 0, 0, 0};
	size_t		i;

	CHECK_INT(matcher_build(&m, patterns, 4, malloc, free), 0);
	for (i = 0; i < strlen(text); i++)
	{
		const int32_t *out;

		s = matcher_step(&m, s, (unsigned char) text[i]);
		for (out = matcher_outputs(&m, s); out && *out >= 0; out++)
			found[*out]++;
	}
	CHECK_INT(found[0], 1);		/* he */
	CHECK_INT(found[1], 1);		/* she */
	CHECK_INT(found[2], 0);		/* his */
	CHECK_INT(found[3], 1);		/* hers */
	matcher_free(&m, free);
}

/*
 * The states where patterns end are numbered last: matcher_has_output() says
 * yes exactly where matcher_outputs() has a list, in an automaton larger than
 * a 15-bit state could name; an empty pattern is refused.
 */
static void
test_matcher_outputs_last(void)
{
	static char text[6000][9];
	static const char *patterns[6000];
	static const char *const empty[] = {"a", ""};
	matcher		m;
	int			i,
				s,
				agree = 1;

	/* 6,000 distinct 8-byte patterns sharing only short prefixes: over 40,000 states. */
	for (i = 0; i < 6000; i++)
	{
		snprintf(text[i], sizeof(text[i]), "%c%c%c%05d", 'a' + i % 26, 'a' + (i / 26) % 26,
				 'a' + (i / 676) % 26, i * 7);
		patterns[i] = text[i];
	}
	CHECK_INT(matcher_build(&m, patterns, 6000, malloc, free), 0);
	CHECK(m.nstates > 32767);
	for (s = 0; s < m.nstates; s++)
		if (matcher_has_output(&m, (matcher_state) s) != (matcher_outputs(&m, (matcher_state) s) != NULL))
			agree = 0;
	CHECK(agree);
	CHECK(!matcher_has_output(&m, 0));
	matcher_free(&m, free);
	CHECK_INT(matcher_build(&m, empty, 2, malloc, free), -1);
}

/*
 * No built-in phrase is written twice (same text, rule, kind, scope and table):
 * bounce_phrases() lists them as distinct rows, and a copy is a merge's slip.
 */
static void
test_phrases_distinct(void)
{
	int			i,
				j,
				copies = 0;

	for (i = 0; i < bounce_phrase_count; i++)
		for (j = i + 1; j < bounce_phrase_count; j++)
		{
			const phrase *a = &bounce_phrases[i],
					   *b = &bounce_phrases[j];

			if (a->kind == b->kind && a->where == b->where && a->code == b->code &&
				strcmp(a->text, b->text) == 0 && strcmp(a->rule, b->rule) == 0 &&
				strcmp(a->source, b->source) == 0)
			{
				fprintf(stderr, "phrase written twice: \"%s\" (%s)\n", a->text, a->rule);
				copies++;
			}
		}
	CHECK_INT(copies, 0);
}

/* Basic and enhanced code readers: what counts as a code and what does not. */
static void
test_smtp_readers(void)
{
	smtp_enhanced e;

	CHECK_INT(smtp_read_reply("550 x", 5), 550);
	CHECK_INT(smtp_read_reply("550-x", 5), 550);
	CHECK_INT(smtp_read_reply("550", 3), 550);
	CHECK_INT(smtp_read_reply("5500", 4), 0);
	CHECK_INT(smtp_read_reply("650 x", 5), 0);
	CHECK_INT(smtp_read_reply("570 x", 5), 0);
	CHECK_INT(smtp_read_reply("55", 2), 0);
	CHECK_INT(smtp_read_reply("550-5.1.1 x", 11), 550);	/* a continuation line */
	CHECK_INT(smtp_read_reply("555-1234", 8), 0);	/* a telephone number */
	CHECK_INT(smtp_read_reply("400-8899,628", 12), 0);
	CHECK_INT(smtp_read_reply("555-0133.", 9), 0);	/* "call 555-0133." */
	CHECK_INT(smtp_read_reply("521-192.0.2.1 blocked", 21), 521);
	/* Groups of a telephone number are no reply; a relay's code before the remote's still is. */
	CHECK_INT(smtp_read_reply("555 3400.", 9), 0);	/* "0711 555 3400." */
	CHECK_INT(smtp_read_reply("416 555 0148", 12), 0);
	CHECK_INT(smtp_read_reply("550 0", 5), 0);	/* "020 7946 550 0" */
	CHECK_INT(smtp_read_reply("550 550 5.1.1 x", 15), 550);
	CHECK_INT(smtp_read_reply("554 554 Rejected", 16), 554);
	CHECK_INT(smtp_read_reply("550 5.1.1 x", 11), 550);
	CHECK_INT(smtp_read_reply("550 550 550 550 550 550 x", 25), 0);	/* four groups looked at, no more */
	/* A quantity is no reply: "over its size quota of 250 MB". */
	CHECK_INT(smtp_read_reply("250 MB. Message", 15), 0);
	CHECK_INT(smtp_read_reply("550 messages per hour", 21), 0);
	CHECK_INT(smtp_read_reply("250 Ok", 6), 250);
	CHECK_INT(smtp_read_reply("550 mailbox unavailable", 23), 550);
	CHECK_INT(classify("because: Recipient's mail file is over its size quota of 250 MB.").code, 22);
	CHECK_INT(smtp_read_enhanced("5.1.1 x", 7, &e), 5);
	CHECK(e.klass == 5 && e.subject == 1 && e.detail == 1);
	CHECK_INT(smtp_read_enhanced("5.7.26", 6, &e), 6);
	CHECK_INT(e.detail, 26);
	CHECK_INT(smtp_read_enhanced("4.4.316 x", 9, &e), 7);
	CHECK_INT(smtp_read_enhanced("5.1.1.", 6, &e), 5);	/* ends a sentence */
	CHECK_INT(smtp_read_enhanced("5.1.1.1", 7, &e), 0);	/* an IP address */
	CHECK_INT(smtp_read_enhanced("5.1.1234", 8, &e), 0);
	CHECK_INT(smtp_read_enhanced("3.1.1", 5, &e), 0);
	CHECK_INT(smtp_read_enhanced("5..1", 4, &e), 0);
	CHECK_INT(smtp_read_enhanced("2.213.00", 8, &e), 0);	/* RFC 3463 subjects are 0-7: a version */
	CHECK_INT(smtp_read_enhanced("5.7.1", 5, &e), 5);
	CHECK_INT(smtp_read_enhanced("5.1", 3, &e), 0);
	e.klass = 5;
	e.subject = 1;
	e.detail = 1;
	CHECK_INT(smtp_enhanced_meaning(&e).code, 10);
	e.subject = 2;
	e.detail = 2;
	CHECK_INT(smtp_enhanced_meaning(&e).code, 22);
	e.subject = 7;
	e.detail = 26;
	CHECK_INT(smtp_enhanced_meaning(&e).code, 50);
	e.klass = 4;
	e.subject = 4;
	e.detail = 7;
	CHECK_INT(smtp_enhanced_meaning(&e).code, 40);
}

/* The built-in large providers: exact domains and their subdomains only. */
static void
test_providers(void)
{
	CHECK(bounce_is_large_provider("gmail.com", 9));
	CHECK(bounce_is_large_provider("GMAIL.COM", 9));
	CHECK(bounce_is_large_provider("gmail.com.", 10));
	CHECK(bounce_is_large_provider("mx1.telia.com", 13));
	CHECK(!bounce_is_large_provider("notgmail.com", 12));
	CHECK(!bounce_is_large_provider("gmail.com.evil.example", 22));
	CHECK(!bounce_is_large_provider("com", 3));
	CHECK(!bounce_is_large_provider("", 0));
}

/*
 * Sophos Email's documented reply ids ("SMTP error codes", Sophos Central
 * help): a name, '_' and a number is a word to read, not an opaque id.
 */
static const code_case sophos_cases[] = {
	{"550 5.7.1 XGEMAIL_0011 Command rejected", 10},
	{"550 5.7.1 XGEMAIL_0004 Command rejected", 51},
	{"550 5.7.1 XGEMAIL_0003 Command rejected", 50},
	{"550 5.7.4 XGEMAIL_0006 Command rejected", 50},
	{"550 5.7.1 XGEMAIL_0010 Command rejected", 54},
	{"552 5.3.4 XGEMAIL_0012 Command rejected", 23},
	{"450 4.7.1 XGEMAIL_0014 Command rejected", 20},
	/* a long mixed id with more than one '_' stays opaque: no cue inside it */
	{"550 5.7.1 Command rejected Part_5173_13498957", 50},
};

static void
test_provider_sophos(void)
{
	check_codes(sophos_cases, sizeof(sophos_cases) / sizeof(sophos_cases[0]));
}

/* Orange (OFR) and La Poste (LPN) reply ids, after their postmaster pages. */
static const code_case france_cases[] = {
	{"550 5.2.0 Mail rejete. Mail rejected. OFR_506 [506]", 52},
	/* the same id after words that only refuse: the id alone is no cue */
	{"550 5.7.1 Service refuse. Veuillez essayer plus tard. Service refused, please "
	 "try later. OFR_506 [506]", 50},
	{"550 opmta1mti37nd1 smtp.orange.fr Service refuse. Service refused. OFR006_103 - "
	 "please visit: https://postmaster.orange.fr/ [103]", 51},
	{"550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam. Client host "
	 "blocked for spamming issues. OFR006_102", 51},
	{"421 mwinf5c79 ME Trop de connexions, veuillez verifier votre configuration. Too "
	 "many connections, slow down. OFR005_104 [104]", 20},
	{"550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. "
	 "OFR_416 [416]", 10},
	{"552 5.1.1 Boite du destinataire pleine. Recipient overquota. OFR_417 [417]", 22},
	{"501 5.1.0 Emetteur invalide. Invalid Sender. OFR004_405 [405]", 50},
	{"421 smtp.orange.fr Emetteur invalide, Veuillez verifier la configuration SPF/DNS de "
	 "votre nom de domaine. Invalid Sender. SPF check failed, please verify the SPF/DNS "
	 "configuration for your domain name.", 50},
	{"550 5.5.0 Les emails envoyes vers la messagerie Laposte.net ont ete bloques par nos "
	 "services. LPN007_102", 51},
	{"550 5.5.0 Boite du destinataire archivee. Archived recipient. LPN007_420", 10},
	{"550 5.5.0 Le compte du destinataire est bloque. The recipient account isblocked. "
	 "LPN007_426", 10},
	{"571 5.7.1 Message refused, DMARC verification Failed. Message refuse, verification "
	 "DMARC en echec LPN007_517", 50},
	{"421 4.2.1 Too many connections, slow down. LPN105_104", 20},
};

static void
test_provider_france(void)
{
	check_codes(france_cases, sizeof(france_cases) / sizeof(france_cases[0]));
}

/* The remote MTA's provider, where the bounce names the server: field, bracketed host, text. */
static void
test_remote_provider(void)
{
	bounce_result r;
	const char *dsn = "From: MAILER-DAEMON@mta.example.net\r\nSubject: Undelivered Mail\r\n"
		"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
		"--b\r\nContent-Type: text/plain\r\n\r\nhost mx.example.com[192.0.2.1] said: 550 no\r\n"
		"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mta.example.net\r\n\r\n"
		"Final-Recipient: rfc822; anna@corp.example\r\nAction: failed\r\nStatus: 5.1.1\r\n"
		"Remote-MTA: dns; corp-example.mail.protection.outlook.com\r\n--b--\r\n";
	const char *text;

	bounce_classify(dsn, strlen(dsn), NULL, &r);
	CHECK(r.remote_provider != NULL && strcmp(r.remote_provider, "microsoft") == 0);
	text = "<anna@corp.example>: host aspmx.l.google.com[142.250.1.26] said: 550-5.1.1 The email account "
		"does not exist (in reply to RCPT TO command)";
	bounce_classify(text, strlen(text), NULL, &r);
	CHECK(r.remote_provider != NULL && strcmp(r.remote_provider, "google") == 0);
	text = "connect to mx1.corp.example.pphosted.com[192.0.2.5]:25: Connection timed out";
	bounce_classify(text, strlen(text), NULL, &r);
	CHECK(r.remote_provider != NULL && strcmp(r.remote_provider, "proofpoint") == 0);
	CHECK_INT(r.code, 29);
	text = "550 5.1.1 <anna@example.com>: Recipient address rejected: User unknown";
	bounce_classify(text, strlen(text), NULL, &r);
	CHECK(r.remote_provider == NULL);
	/* A link is no server: support.google.com in a URL names no remote MTA. */
	text = "550 5.7.1 blocked, see https://support.google.com/mail/answer/81126";
	bounce_classify(text, strlen(text), NULL, &r);
	CHECK(r.remote_provider == NULL);
}

/* Decisions on plain replies, one per reason. */
static void
test_replies(void)
{
	CHECK_INT(classify("550 5.1.1 <a@b.example>: Recipient address rejected: User unknown").code, 10);
	CHECK_INT(classify("552 5.2.2 Mailbox full").code, 22);
	CHECK_INT(classify("Host or domain name not found. Name service error").code, 21);
	CHECK_INT(classify("connect to mx.example[192.0.2.1]:25: Connection refused").code, 29);
	CHECK_INT(classify_for("connect to mx.example[192.0.2.1]:25: Connection refused", "a@gmail.com"), 59);
	CHECK_INT(classify_for("connect to mx.example[192.0.2.1]:25: Connection refused", "yahoo.co.uk"), 59);
	CHECK_INT(classify_for("connect to mx.example[192.0.2.1]:25: Connection refused", "a@small.example"), 29);
	CHECK_INT(classify("552 5.3.4 Message size exceeds fixed maximum message size").code, 23);
	CHECK_INT(classify("554 5.7.1 Relay access denied").code, 54);
	CHECK_INT(classify("554 Client host blocked using zen.spamhaus.org").code, 51);
	CHECK_INT(classify("250 2.0.0 Ok: queued as 1234").code, 0);
	CHECK_INT(classify("Over throttle limit").code, 110);
	CHECK_INT(classify("QUEUE DUMPED").code, 120);
	/* The seed's own example of a general bounce. */
	CHECK_INT(classify("Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)/I'm not going "
					   "to try again; this message has been in the queue too long").code, 40);
	/* A failed DSN after a TLS session that was never set up is 29 (refused at once); one whose status says the time expired (X.4.7) 40. */
	CHECK_INT(classify("Reporting-MTA: dns; mail.example.com\n\nFinal-Recipient: rfc822; a@example.org\n"
					   "Action: failed\nStatus: 4.7.4\nDiagnostic-Code: X-Postfix; TLS is required, but was not "
					   "offered by host mx.example.org[192.0.2.1]\n").code, 29);
	CHECK_INT(classify("Reporting-MTA: dns; esa1.example.com\n\nFinal-Recipient: rfc822; a@example.org\n"
					   "Action: failed\nStatus: 5.4.7\nDiagnostic-Code: smtp; 5.4.7 - Delivery expired (message "
					   "too old) [Errno 111] Connection refused\n").code, 40);
	/* Blocked what: the sending IP (a block list of the receiver's), else the message. */
	CHECK_INT(classify("550 Connection refused: 192.0.2.10 has been blocked. Email postmaster for assistance.").code, 51);
	CHECK_INT(classify("554 5.7.1 [192.0.2.10] is blocked").code, 51);
	CHECK_INT(classify("550 5.7.1 Your message has been blocked by the recipient's organization").code, 50);
	/* "Message rejected" says no reason: a reason in the same reply outranks it. */
	CHECK_INT(classify("421 4.7.0 Message rejected due to too many messages from this sender. Please try again later.").code, 20);
	/* A link to a blocklist's look-up page; Barracuda's intent analysis (spam links). */
	CHECK_INT(classify("550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.9").code, 51);
	CHECK_INT(classify("550 5.7.0 Blocked - see https://support.example.com/help/blocked.html").code, 50);
	CHECK_INT(classify("550 permanent failure for one or more recipients (a@example.org:blocked by intent analysis)").code, 52);
	/* qmail's plural and OpenSMTPD's wording of a domain without mail exchangers. */
	CHECK_INT(classify("<a@nodomain.example>:\nNo MX or A records for nodomain.example\n").code, 21);
	CHECK_INT(classify("a@example.net: No MX found for domain").code, 21);
	CHECK_INT(classify("Reason: Failed to connect to the recipients mail server. No MX records were found for the "
					   "'example.net' domain.").code, 21);
	/* Mimecast names its spam-signature check; a key=value pair is words ("limit=15728640"). */
	CHECK_INT(classify("552 5.3.4 message size limit=15728640 exceeded").code, 23);
	CHECK_INT(classify("554 Email rejected due to security policies - MCSpamSignature.sa.5.6").code, 52);
	CHECK_INT(classify("554 Email rejected due to security policies").code, 50);
	CHECK_INT(classify("").code, 40);
	CHECK(strcmp(classify("").rule, "empty") == 0);
	CHECK(strcmp(classify("nothing to see").rule, "no_cue") == 0);
}

/* Multi-line replies, transcripts and quoting. */
static void
test_line_forms(void)
{
	bounce_result r = classify("550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
							   "550-5.1.1 double-checking the recipient's email address for typos\r\n"
							   "550 5.1.1 unnecessary spaces.");

	CHECK_INT(r.code, 10);
	CHECK_INT(r.smtp_reply, 550);
	CHECK(strcmp(r.status, "5.1.1") == 0);
	CHECK_INT(classify("... while talking to mx.example.:\n>>> RCPT To:<a@example>\n<<< 550 5.1.1 No such user").code, 10);
	/* A forwarded bounce is read through its quote marks. */
	CHECK_INT(classify("Begin forwarded message:\n\n> Action: failed\n> Status: 5.2.2\n").code, 22);
	/* An NDR's Subject repeats the returned mail's after "Undeliverable:": no evidence there. */
	CHECK_INT(classify("From: postmaster@example.com\nSubject: Undeliverable: Virus alert\n\n"
					   "bob@example.net\n  <mx.example.com #5.0.0>\n").code, 40);
	CHECK_INT(classify("From: postmaster@example.com\nSubject: Returned mail: Mailbox full\n\n"
					   "bob@example.net\n").code, 22);
	/* A list manager's enclosed bounce is read past its separator; that bounce's own original is cut. */
	CHECK_INT(classify("The enclosed message has been identified as a delivery error for the X list.\n"
					   "------------------ Original message ------------------\n"
					   "Subject: Undeliverable mail\n\nbob@example.net:\n  Server reply: 550 5.1.1 User unknown\n"
					   "----- Original message -----\nSubject: your mailbox is full\n").code, 10);
	/* Without the list manager's words the same separator starts the returned original. */
	CHECK_INT(classify("Delivery error report\n"
					   "------------------ Original message ------------------\n"
					   "Subject: Undeliverable mail\n\nServer reply: 550 5.1.1 User unknown\n").code == 10, 0);
	/* A 2xx before a failure in a transcript does not make it a success. */
	r = classify("<<< 250 OK\n<<< 550 5.7.1 Message rejected");
	CHECK_INT(r.smtp_reply, 550);
}

/* MIME: encodings, nesting, and the returned message left unread. */
static void
test_messages(void)
{
	const char *qp =
		"From: MAILER-DAEMON@example.net\nSubject: failure\nMIME-Version: 1.0\n"
		"Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n"
		"--b1\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n"
		"The mailbox of the recipient is f=\null =3D quota exceeded\n"
		"--b1\nContent-Type: message/rfc822\n\nSubject: unsubscribe\n\nRelay access denied, virus!\n--b1--\n";
	const char *nested =
		"From: postmaster@example.net\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=outer\n\n"
		"--outer\nContent-Type: multipart/alternative; boundary=inner\n\n"
		"--inner\nContent-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: base64\n\n"
		"YUBleGFtcGxlLm9yZzogVXNlciB1bmtub3du\n--inner--\n--outer--\n";
	const char *broken =
		"From: MAILER-DAEMON@example.net\nMIME-Version: 1.0\nContent-Type: multipart/report; boundary=\"nope\"\n\n"
		"--other\nmailbox full\n";

	CHECK_INT(classify(qp).code, 22);
	CHECK_INT(classify(nested).code, 10);
	CHECK_INT(classify(broken).code, 22);
	/* The explanation written in the MIME preamble, only the original attached. */
	CHECK_INT(classify("From: Postmaster@example.net\nMIME-Version: 1.0\n"
					   "Content-Type: multipart/mixed; boundary=\"B1\"\n\n"
					   "The following destination addresses were unknown:\n\nSMTP <bob@example.org>\n\n"
					   "--B1\nContent-Type: message/rfc822\n\nSubject: mailbox full\n\n--B1--\n").code, 10);
	/* A quote mark around an address is no part of it (CommuniGate Pro). */
	CHECK(strcmp(classify("Failed to deliver to 'ops@example.net'\nLOCAL module(account ops) reports:\n"
						  " account is not found\n").recipient, "ops@example.net") == 0);
	/* A body whose first line is indented does not continue the last header field. */
	CHECK_INT(classify("From: MAILER-DAEMON@example.org\nSubject: Returned mail\nTo: news@example.com\n\n"
					   "  The mailbox is full\n").code, 22);
	/* The bounce's own To: is the sender: named again in the text, it is no recipient. */
	CHECK(strcmp(classify("From: MDaemon@example.org\nTo: news@example.com\nSubject: Permanent Delivery Failure\n\n"
						  "Thu 2006-06-01 10:15:33: *  From: news@example.com\n"
						  "Thu 2006-06-01 10:15:34: --> RCPT To:<jdoe@example.net>\n"
						  "Thu 2006-06-01 10:15:34: <-- 550 5.1.1 User unknown\n").recipient, "jdoe@example.net") == 0);
	/* A delay notice that is no DSN: its temporary reason is the delay's (70). */
	CHECK_INT(classify("From: MAILER-DAEMON@example.net\nSubject: Delayed mail\n\n"
					   "The message has not been delivered yet to 'ops@example.net'\n"
					   " mx.example.net: connection timed out\n"
					   "The server will keep trying to deliver this message.\n").code, 70);
	CHECK_INT(classify("From: a@example.com\nAuto-Submitted: auto-replied\nSubject: Re: hi\n\nThanks!\n").code, 60);
	CHECK_INT(classify("Action: delayed\nStatus: 4.2.2\nDiagnostic-Code: smtp; 452 mailbox full\n").code, 70);
	/* A warning that the message is still being retried is a delay notice, whatever the remote reason. */
	CHECK_INT(classify("From: MAILER-DAEMON@example.com\nSubject: Warning: could not send message for past 4 hours\n\n"
					   "   ----- Transcript of session follows -----\n"
					   "<a@example.net>... Deferred: Connection refused by mx.example.net.\n").code, 70);
	CHECK_INT(classify("From: MAILER-DAEMON@example.com\nSubject: Undelivered Mail\n\nThis is a warning only.\n"
					   "<a@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 User unknown\n").code, 10);
	/* A negation counts within its sentence only. */
	CHECK_INT(classify("From: p@example.org\nSubject: Re: offers\n\nI never signed up. Take me off your list.\n").code, 90);
	CHECK_INT(classify("From: p@example.org\nSubject: Re: offers\n\nPlease don't remove me, I love it.\n").code, 0);
	/* A person's reply: failure words in it are a person talking; a request to unsubscribe still counts. */
	CHECK_INT(classify("From: Paul <paul@example.org>\nSubject: Re: Spring sale\n\n"
					   "The page says user unknown, can you check my account?\n").code, 0);
	CHECK(strcmp(classify("From: paul@example.org\nIn-Reply-To: <1@example.com>\nSubject: offers\n\n"
						  "Mailbox full again, sorry.\n").rule, "person_reply") == 0);
	CHECK_INT(classify("From: p@example.org\nSubject: SV: Nyhetsbrev\n\nPlease remove me from your list.\n").code, 90);
	CHECK_INT(classify("From: p@example.org\nSubject: Re[2]: offers\n\n550 5.1.1 user unknown\n").code, 10);
	CHECK_INT(classify("From: MAILER-DAEMON@example.net\nSubject: Re: offers\n\n<a@example.org>: user unknown\n").code, 10);
	CHECK_INT(classify("From: p@example.org\nSubject: Rebate offers\n\nuser unknown\n").code, 10);
	/* The domain is lower-cased, the local part kept as written (RFC 5321 2.4). */
	CHECK(strcmp(classify("Final-Recipient: rfc822; A@Example.org\nAction: failed\nStatus: 5.1.1\n").recipient,
				 "A@example.org") == 0);
}

/* Wordings the fresh batches' first pass found unread: readers' requests and auto-answers, SES's delay event. */
static const code_case reader_wording_cases[] = {
	{"From: v@example.es\nSubject: Verifique\nAuto-Submitted: auto-replied\n\nPara que su mensaje sea entregado, "
	 "confirme que es una persona haciendo clic en el enlace.\n", 100},
	{"From: AWS Notifications <no-reply@sns.amazonaws.com>\nSubject: AWS Notification Message\n\n{\"notificationType\":"
	 "\"Complaint\",\"complaint\":{\"complainedRecipients\":[{\"emailAddress\":\"a@example.com\"}],"
	 "\"complaintFeedbackType\":\"abuse\"}}\n", 200},
	{"552 Requested mail action aborted: exceeded mailsize limit", 23},
	{"From: Lourdes <l@example.com>\nSubject: RE: Ofertas\n\nPor favor no me envíen más correos.\n", 90},
	{"From: Admin <a@example.es>\nSubject: BAJA\n\n\n", 90},
	{"From: m@example.com.br\nSubject: Re: Ofertas\n\nISSO É SPAM!!! Parem de mandar e-mail pra mim.\n", 90},
	{"Votre message pour la liste a été rejeté.\nVous n'êtes pas autorisé(e) à envoyer des messages à cette liste.\n", 50},
	{"Benutzer poststelle (poststelle@example.de) ist nicht im Domino-Verzeichnis aufgeführt", 10},
	{"550 5.7.1 Message rejected due to unacceptable attachments", 53},
	{"571 Email from 198.51.100.44 is currently blocked by Verizon Online's anti-spam system.", 51},
	/* A message Outlook saved as text opens with its own header block, not a quote. */
	{"Van: Pieter <p@example.nl>\nVerzonden: maandag 22 juli 2019 08:15\nAan: Nieuwsbrief\nOnderwerp: Automatisch "
	 "antwoord: Zomeractie\n\nIk ben met vakantie tot en met 9 augustus.\n", 60},
	/* Gmail's wrapped reply: the continuation's code and hyphen read as a space. */
	{"said: 552-5.7.0 This message was blocked because its content presents a\npotential 552-5.7.0 security issue.\n", 53},
	{"Domain example.com has exceeded the max emails per hour (500/500 (100%)) allowed.  Message discarded.", 20},
	{"SMTP module(domain example.pl) reports:\n example.pl: no DNS A-data returned\n", 21},
	/* A person's reply citing a server's codes in double quotes: the person talks; no server refused this mail. */
	{"From: Hannah <h@example.co.uk>\nSubject: RE: Price list\nIn-Reply-To: <1@example.net>\n\nWhen I forwarded it "
	 "to him it came straight back with \"550 5.1.1\nUser unknown\". His address is m.evans@example.co.uk.\n", 0},
	/* Exchange quotes the remote reply in single quotes: a server's words. */
	{"From: postmaster@example.net\nSubject: Undeliverable: News\n\na@example.org\nRemote Server returned '550 5.1.1 "
	 "User unknown'\n", 10},
	/* Outlook's forward of a bounce, in English and in Spanish: its From: names a mail system, so it is read. */
	{"From: Kim <kim@example.com>\nSubject: FW: Undeliverable: Offer\n\nFYI\n\nFrom: Microsoft Outlook "
	 "<postmaster@example.org>\nSent: Tuesday, March 12, 2019 9:41 AM\nTo: Kim <kim@example.com>\nSubject: "
	 "Undeliverable: Offer\n\nDelivery has failed to these recipients or groups:\n\na@example.org\nThe email "
	 "address you entered couldn't be found.\n", 10},
	{"From: Elena <e@example.net>\nSubject: RV: No se puede entregar: Oferta\n\nOs reenvío este rebote.\n\n"
	 "De: Microsoft Outlook <postmaster@example.es>\nEnviado el: martes, 12 de marzo de 2019 9:41\nPara: Elena\n"
	 "Asunto: No se puede entregar: Oferta\n\nm@example.es\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##\n", 10},
	/* Outlook's classic forward opens with "-----Original Message-----": the bounce under it is read too. */
	{"From: Kim <kim@example.com>\nSubject: FW: Undeliverable: Offer\n\nFYI\n\n-----Original Message-----\n"
	 "From: Mail Delivery System [mailto:Mailer-Daemon@example.org]\nSent: Tuesday, March 12, 2019 9:41 AM\n"
	 "Subject: Mail delivery failed\n\n  a@example.org\n    host mx.example.org [192.0.2.5]: 550 No Such User Here\n", 10},
	{"From: Kim <kim@example.com>\nSubject: FW: News\n\nLook at this\n\n-----Original Message-----\n"
	 "From: News <news@example.org>\nSent: Tuesday\nSubject: News\n\nBig sale. Unsubscribe here.\n", 0},
	/* A person's mail quoted under Outlook's block stays quoted. */
	{"From: Kim <kim@example.com>\nSubject: FW: Offer\n\nFYI\n\nFrom: Ann <ann@example.org>\nSent: Tuesday\n"
	 "Subject: Offer\n\nMy old address gives user unknown.\n", 0},
	{"From: mailman-owner@lists.example.org\nSubject: mailing list memberships reminder\nPrecedence: bulk\n\n"
	 "You can change your membership, including disabling delivery altogether (e.g., for a vacation).\n", 0},
	/* List software's notice marked as sent automatically (Sympa's) is still no person's auto-reply. */
	{"From: sympa-request@lists.example.fr\nAuto-Submitted: auto-replied\nSubject: Confirmation de votre abonnement\n\n"
	 "Pour confirmer votre abonnement a la liste info, repondez a ce message.\n", 0},
	/* A person's polite request in Japanese: "could you stop sending this newsletter?" */
	{"From: k@example.jp\nSubject: RE: news\nContent-Type: text/plain; charset=utf-8\n\n"
	 "\xe4\xbb\x8a\xe5\xbe\x8c\xe3\x80\x81\xe9\x85\x8d\xe4\xbf\xa1\xe3\x82\x92\xe5\x81\x9c\xe6\xad\xa2"
	 "\xe3\x81\x97\xe3\x81\xa6\xe3\x81\x84\xe3\x81\x9f\xe3\x81\xa0\xe3\x81\x91\xe3\x81\xbe\xe3\x81\x99"
	 "\xe3\x81\x8b\xe3\x80\x82\n", 90},
	/* A price is no reply code: "5 nights from 420 EUR" in a person's question. */
	{"From: Ana <a@example.es>\nSubject: Re: Ofertas\n\nHola, 5 noches desde 420 \xe2\x82\xac por persona?\n", 0},
	{"From: Ana <a@example.es>\nSubject: Re: Ofertas\n\nIs it really 450 EUR for two?\n", 0},
	/* A list's autoresponder that names itself so in its Subject is an automatic acknowledgement. */
	{"From: info-bounces@lists.example.org\nSubject: Auto-response for your message to the \"Info\" mailing list\n"
	 "Precedence: bulk\n\nThank you for your message. Our office is closed until 6 January.\n", 60},
	{"From: Alain <a@example.fr>\nSubject: Re: Promos\nIn-Reply-To: <1@example.net>\n\nArrêtez de m'écrire, merci "
	 "de supprimer mon adresse de vos fichiers.\n", 90},
	/* A newsletter about bounces (List-Unsubscribe, no report) is content, not an answer. */
	{"From: ListScrub <hello@listscrub.example.com>\nSubject: Undeliverable? Not anymore.\nList-Unsubscribe: "
	 "<https://listscrub.example.com/unsub?u=1>\n\nEvery \"550 5.1.1 user unknown\" costs you sender reputation.\n"
	 "Unsubscribe | Update your preferences\n", 0},
	/* A person's Subject that only starts like a report's name. */
	{"From: Linda <ap@example.com>\nSubject: Undeliverable mail - please update our address\n\nThe post office "
	 "returned your statements marked \"Undeliverable as addressed\". We moved.\n", 0},
	{"From: a@qq.com\nSubject: x\n\nTD\n", 90},	/* "reply TD to unsubscribe" */
	{"From: a@example.com.tw\nSubject: Re: x\n\n我已經不想再收到你們的電子報了，請把我的信箱從名單中移除。\n", 90},
	{"From: a@example.co.kr\nSubject: RE: x\n\n수신거부합니다.\n", 90},
	{"From: a@example.pl\nSubject: x\nAuto-Submitted: auto-replied\n\nPotwierdź, że jesteś człowiekiem.\n", 100},
	{"550 Mailbox is frozen. See http://mail.example.net/err/3/", 10},
	/* cPanel's boilerplate alone is its dnslookup router's: the domain could not be routed. */
	{"The mail server could not deliver mail to a@b.example.  The account or domain may not exist, they may be "
	 "blacklisted, or missing the proper dns entries.", 21},
	/* Exchange names the recipient again above its diagnostic information: the same recipient's reply. */
	{"Delivery has failed to these recipients or groups:\n\ninfo@example.org\nA problem occurred during the delivery "
	 "of this message to this e-mail address.\n\nDiagnostic information for administrators:\n\ninfo@example.org\n"
	 "mx.example.org #554 5.7.1 <info@example.org>: Relay access denied ##\n", 54},
	/* Exim's list: the first recipient's own reason decides, not the next one's reply. */
	{"From: Mail Delivery System <Mailer-Daemon@example.net>\nSubject: Mail delivery failed\n\nThe following "
	 "address(es) failed:\n\n  a@example.org\n    The mail server could not deliver mail to a@example.org.  The "
	 "account or domain may not exist.\n\n  b@example.com\n    host mx.example.com [192.0.2.1]\n    SMTP error from "
	 "remote mail server after end of data:\n    552 5.2.2 <b@example.com> Quota exceeded\n", 21},
	{"From: AWS Notifications <no-reply@sns.amazonaws.com>\nSubject: AWS Notification Message\n\n"
	 "{\"eventType\":\"DeliveryDelay\",\"deliveryDelay\":{\"delayedRecipients\":[{\"emailAddress\":"
	 "\"a@hotmail.com\",\"status\":\"4.4.1\",\"diagnosticCode\":\"smtp; 421 4.4.1 Unable to connect\"}]}}\n", 70},
	{"From: a@example.fr\nSubject: RE: Soldes\n\nDésabonnez-moi SVP.\n", 90},
	{"From: a@example.it\nSubject: Re: Novità\n\nVi prego di cancellarmi dalla vostra lista.\n", 90},
	{"From: a@example.de\nSubject: Abmelden\n\nBitte tragen Sie mich aus Ihrem Newsletter aus.\n", 90},
	{"From: a@example.co.uk\nSubject: RE: News\n\nPlease remove accounts@example.co.uk from your "
	    "mailing list.\n", 90},
	{"From: a@example.com\nSubject: verify#1589\nAuto-Submitted: auto-replied\n\nThe message you sent "
	    "requires that you verify that you\nare a real live human being and not a spam source.\n", 100},
	{"From: a@example.es\nSubject: Verificación de remitente requerida\nAuto-Submitted: auto-replied\n\n"
	    "Confirme que es usted una persona haciendo clic en el enlace.\n", 100},
	{"From: a@example.org\nSubject: RE: News\n\nThis is an unmonitored mailbox.\n", 60},
	{"From: a@example.es\nSubject: Respuesta automática: Vinos\nAuto-Submitted: auto-generated\n\n"
	    "Javier ya no forma parte de la empresa. Los mensajes que recibe no se reenvían.\n", 10},
};

/*
 * Who says "Unrouteable address", readers' requests in their own words, list
 * holds, challenges and content filters' notices (docs/classifier.md).
 */
static const code_case routes_requests_notices_cases[] = {
	/* Exim's own reason under a failed address: no route to the domain (21); a remote's reply: no such user (10). */
	{"From: Mail Delivery System <Mailer-Daemon@example.net>\nSubject: Mail delivery failed: returning message to "
	 "sender\n\nThis message was created automatically by mail delivery software.\n\nA message that you sent could not "
	 "be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n"
	 "  a@example.org\n    Unrouteable address\n", 21},
	{"From: Mail Delivery System <Mailer-Daemon@example.net>\nSubject: Mail delivery failed: returning message to "
	 "sender\n\nThe following address(es) failed:\n\n  a@example.org\n    SMTP error from remote mail server after "
	 "RCPT TO:<a@example.org>:\n    host mx.example.org [192.0.2.1]: 550 Unrouteable address\n", 10},
	{"550 Unrouteable address", 10},
	/* A reader's request in Swedish, Dutch, Italian and Danish ("vil I ikke nok" is a courtesy, no negation). */
	{"From: a@example.se\nSubject: SV: Nyheter\n\nVänligen ta bort min adress från ert utskick.\n", 90},
	{"From: a@example.nl\nSubject: Re: Zomeractie\n\nGraag mij afmelden voor deze nieuwsbrief.\n", 90},
	{"From: a@example.it\nSubject: R: Offerte\n\nVi prego di cancellare il mio indirizzo dalla vostra mailing list.\n", 90},
	{"From: a@example.dk\nSubject: SV: Nyheder\n\nVil I ikke nok afmelde mig jeres nyhedsbrev.\n", 90},
	{"From: a@example.dk\nSubject: SV: Nyheder\n\nI skal ikke afmelde mig, jeg har bare skiftet adresse.\n", 0},
	/* A post held for the list's moderator may yet be posted: no failure, whatever the reason for the hold. */
	{"From: members-owner@lists.example.org\nSubject: Your message to members@lists.example.org awaits moderator "
	 "approval\nAuto-Submitted: auto-generated\n\nIs being held until the list moderator can review it for approval.\n\n"
	 "The message is being held because:\n\n    The message is not from a list member\n", 0},
	/* Challenges: TMDA's whitelist, a Brazilian ISP's and a Spanish host's confirmation. */
	{"From: kevin-confirm-1@example.org\nSubject: Please confirm your message\n\nThe message is being held in a "
	 "pending queue because your address is not\nyet on my whitelist. To release your message, simply reply.\n", 100},
	{"From: AntiSpam <antispam@example.com.br>\nSubject: Confirmacao de envio\n\nPara que sua mensagem seja entregue, "
	 "é preciso confirmar o envio.\n", 100},
	{"From: v@example.es\nSubject: Verifique su mensaje\nAuto-Submitted: auto-replied\n\nNecesitamos verificar que el "
	 "remitente es una persona. Marque la casilla \"No soy un robot\".\n", 100},
	/* Passive requests ("I would like to be unsubscribed"), a threat to report us, Japanese. */
	{"Hej\nJeg vil gerne afmeldes jeres nyhedsbrev.\n", 90},
	{"From: Greg <g@example.com>\nSubject: Re: Sale\n\nPlease remove me from your mailing list. If I get another one "
	 "I will report it as spam.\n", 90},
	{"From: m@example.jp\nSubject: Re: Coupon\n\n\xe3\x83\xa1\xe3\x83\xab\xe3\x83\x9e\xe3\x82\xac\xe8\xa7\xa3"
	 "\xe9\x99\xa4\xe3\x81\x97\xe3\x81\xa6\xe3\x81\x8f\xe3\x81\xa0\xe3\x81\x95\xe3\x81\x84\n", 90},
	/* An abuse desk passing a complaint on, in Russian; the sender's address on a receiver's own list is a block. */
	{"From: abuse@hoster.example.ru\nSubject: ABUSE-1\n\n\xd0\x92 \xd1\x81\xd0\xbb\xd1\x83\xd0\xb6\xd0\xb1\xd1\x83 abuse "
	 "\xd0\xbf\xd0\xbe\xd1\x81\xd1\x82\xd1\x83\xd0\xbf\xd0\xb8\xd0\xbb\xd0\xb0 \xd0\xb6\xd0\xb0\xd0\xbb\xd0\xbe"
	 "\xd0\xb1\xd0\xb0 \xd0\xbd\xd0\xb0 \xd1\x80\xd0\xb0\xd1\x81\xd1\x81\xd1\x8b\xd0\xbb\xd0\xba\xd1\x83.\n", 200},
	{"554 5.7.1 <news@example.cz> sender is blacklisted", 50},
	/* A closed DNSBL named by its site; a TLS session refused by certificate; MailEnable's relay refusal. */
	{"550 5.7.1 Mail from 192.0.2.77 refused - see http://dsbl.org/listing?192.0.2.77", 51},
	{"TLS session: (SSL_connect): error:0A000086:SSL routines::certificate verify failed", 29},
	{"503 This mail server requires authentication when attempting to send to a non-local e-mail address", 54},
	/* A person's failure words do not count, but what they ask does: the block list's name no longer hides it. */
	{"From: Dave <d@example.com>\nSubject: Re: Sale\n\nStop spamming me and take me off your list. If it carries "
	 "on I'm reporting you to SpamCop.\n", 90},
	{"From: Tyler <t@example.com>\nSubject: Re: Last call\n\npls unsuscribe me form this list thx\n", 90},
	{"From: Ann <a@example.com>\nSubject: Re: Deals\n\nIf I get one more I'm reporting it as spam to Yahoo.\n", 90},
	{"From: Ann <a@example.com>\nTo: abuse@example.net\nSubject: Spam\n\nI am reporting the message below as spam "
	 "sent through your platform.\n", 200},
	/* A Norwegian leaver whose mail is neither read nor passed on (LABELS.md: 10). */
	{"From: ole@example.no\nSubject: Auto: Kampanje\nAuto-Submitted: auto-replied (vacation)\n\nOle Hansen har "
	 "sluttet i Vestland AS, og e-post til denne adressen blir verken lest eller videresendt.\n", 10},
	/* A German abuse desk passing a complaint on; the complained-about newsletter's footer is not the desk's words. */
	{"From: Abuse-Team <abuse@example.de>\nSubject: Beschwerde\n\nuns liegt die Beschwerde eines Kunden vor, der die "
	 "Nachricht als Spam gemeldet hat.\n\n----- Beanstandete Nachricht -----\nSubject: Angebote\n\n"
	 "Newsletter abbestellen: https://example.de/abmelden\n", 200},
	/* Outlook.com's DY-001 refuses dynamic IP ranges by policy (50); AOL's RTR:BB with words of a block list is 51. */
	{"550 DY-001 (SNT0-MC2-F12) Unfortunately, messages from 203.0.113.107 weren't sent.", 50},
	{"554- (RTR:BB) The IP address you are using to connect to AOL is listed on a block list.", 51},
	/* Barracuda's notice to the sender; an antivirus notice whose "Action:" line is prose, no DSN field. */
	{"From: postmaster@example.com\nSubject: Message you sent blocked by our bulk email filter\n\nYour message was "
	 "blocked by our Spam Firewall.\n", 52},
	{"From: WebShield@example.com\nSubject: Virus found\n\nThe message you sent contained a virus.\nVirus: "
	 "W32/Netsky\nAction: The attachment was deleted. The message was not delivered.\n", 53},
	/* A bad address that the bounce never names (a Notes name only): no address to invalidate, LABELS.md's 30. */
	{"From: Postmaster@example.com\nSubject: DELIVERY FAILURE: User Maria Lopez not listed\n\nYour message was not "
	 "delivered to:\n\n  Maria Lopez/Sales/HARGROVE\n\nbecause:\n\n  User Maria Lopez (Maria Lopez/Sales/HARGROVE) "
	 "not listed in Domino Directory\n", 30},
	/* ... but a returned original's To: names it: a bad address (10). */
	{"From: Postmaster@example.com\nSubject: DELIVERY FAILURE\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\n"
	 "Content-Type: text/plain\n\nUser Maria Lopez (Maria Lopez/Sales) not listed in Domino Directory\n--b\n"
	 "Content-Type: message/rfc822\n\nTo: maria@example.com\nSubject: News\n\nHello\n--b--\n", 10},
	/* No request: someone else's threat, advice, a footer, a cancelled course or meeting, an alert's link. */
	{"From: Kim <k@example.com>\nSubject: Re: Deals\n\nMy husband says if it happens again he will report it as spam.\n", 0},
	{"From: Kim <k@example.com>\nSubject: Re: Deals\n\nIf you get an email you did not ask for, you can report it as "
	 "spam in your mail client.\n", 0},
	{"From: a@example.nl\nSubject: Re: Uitnodiging\n\nHelaas moet ik me afmelden voor de vergadering van dinsdag.\n", 0},
	{"From: a@example.no\nSubject: Re: Kurs\n\nJeg må dessverre melde meg av kurset.\n", 0},
	{"From: a@example.se\nSubject: Re: Kurs\n\nJag vill avanmäla mig från kursen.\n", 0},
	{"From: a@example.fr\nSubject: Re: Alertes\n\nMerci. Pour ne plus recevoir vos alertes, cliquez ici.\n", 0},
	/* A footer's words on a person's line are no request, though failure words elsewhere do not count. */
	{"From: Kim <k@example.com>\nSubject: Re: Offer\n\nThe link in your mail was blocked by our firewall.\n\n"
	 "To unsubscribe me click here. This email and any attachments are confidential.\n", 0},
	/* Out of the office, not out of the company: no leaver, though mail is not passed on. */
	{"From: a@example.dk\nSubject: Autosvar\nAuto-Submitted: auto-replied\n\nJeg har forladt kontoret og er tilbage "
	 "mandag. Mails bliver ikke videresendt.\n", 60},
	{"From: a@example.pl\nSubject: Autoodpowiedz\nAuto-Submitted: auto-replied\n\nDzisiaj nie pracuje już, wracam w "
	 "poniedziałek. Poczta nie jest przekazywana.\n", 60},
	/* A German leaver whose mail is not passed on (10); a telephone number's last group is no reply code (418). */
	{"From: info@example.de\nSubject: Automatische Antwort: Herbst\nAuto-Submitted: auto-generated\n\nHerr Wagner ist "
	 "aus unserem Unternehmen ausgeschieden. E-Mails werden nicht gelesen und nicht weitergeleitet.\n", 10},
	{"From: tom@example.co.uk\nSubject: Auto: Offer\nAuto-Submitted: auto-replied\n\nI'm off sick. Please ring the "
	 "workshop on 01632 960 418 and Jenny will help.\n", 60},
	/* Requests in Russian and Brazilian Portuguese ("прошу удалить мой адрес", "descadastrem meu e-mail"). */
	{"From: a@example.ru\nSubject: Re: News\n\n\xd0\x9f\xd1\x80\xd0\xbe\xd1\x88\xd1\x83 \xd1\x83\xd0\xb4\xd0\xb0\xd0\xbb"
	 "\xd0\xb8\xd1\x82\xd1\x8c \xd0\xbc\xd0\xbe\xd0\xb9 \xd0\xb0\xd0\xb4\xd1\x80\xd0\xb5\xd1\x81.\n", 90},
	{"From: c@example.com.br\nSubject: Re: Novidades\n\nPor favor, descadastrem meu e-mail.\n", 90},
	/* A content filter's notice to the sender: its policy blocked the message. */
	{"From: \"SMSMSE Admin\" <smsmse@example.gov>\nSubject: Symantec Mail Security detected a message that violates "
	 "content policy\n\nSymantec Mail Security detected a violation of the content filtering policy in the message "
	 "above, sent from your address.\n", 50},
};

/* No hard code (10, 90) where the text shows the address was not what was judged. */
static void
test_not_hard(void)
{
	/* The sender's address under 5.1.x, a reply to MAIL FROM, an AUTH reply. */
	CHECK_INT(classify("501 5.1.3 Bad sender address syntax").code, 50);
	CHECK_INT(classify("553 5.1.7 <news@example.net>: Invalid address").code, 50);
	CHECK_INT(classify("<a@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 <b@example.net>: User unknown "
					   "(in reply to MAIL FROM command)").code, 50);
	CHECK_INT(classify("<a@example.org>: host mx.example.org[192.0.2.1] said: 552 5.3.4 Message size exceeds fixed limit "
					   "(in reply to MAIL FROM command)").code, 23);
	CHECK_INT(classify("535 5.7.8 Error: authentication failed: account locked").code, 50);
	/* Unregistered 5.1.x details say nothing of the recipient; 5.1.0 still does. */
	CHECK_INT(classify("550 5.1.90 Your message can't be sent because you've reached your daily limit").code, 20);
	CHECK_INT(classify("550 #5.1.0 Address rejected.").code, 10);
	/* Postfix's access(5) REJECT is a policy; Microsoft's DBEB (5.4.1) a missing recipient. */
	CHECK_INT(classify("554 5.7.1 <a@example.com>: Recipient address rejected: Access denied").code, 50);
	CHECK_INT(classify("550 5.4.1 Recipient address rejected: Access denied. AS(201806281)").code, 10);
	/* Negated, hedged and described wordings. */
	CHECK_INT(classify("I never asked you to stop sending me the catalogue.").code != 90, 1);
	CHECK_INT(classify("No, please unsubscribe me.").code, 90);
	/* A wish is a request when the one who wishes is not "you": Mailman's notice tells how, it asks nothing. */
	CHECK_INT(classify("From: list-owner@lists.example.org\nSubject: Notice\n\nIf you would like to unsubscribe from "
					   "this list, visit the list information page.\n").code != 90, 1);
	CHECK_INT(classify("From: p@example.org\nSubject: Newsletter\n\nI would like to unsubscribe from this list.\n").code, 90);
	CHECK_INT(classify("From: p@example.org\nSubject: Newsletter\n\nCould you please remove me from the list?\n").code, 90);
	CHECK_INT(classify("From: p@example.org\nSubject: Newsletter\n\nI told you I want to unsubscribe.\n").code, 90);
	/* A list manager's refusal of a non-member is a block, above its Auto-Submitted header. */
	CHECK_INT(classify("From: dev-owner@lists.example.org\nAuto-Submitted: auto-replied\nSubject: Your message was rejected\n\n"
					   "Your message to the dev mailing-list was rejected for the following reasons:\n\n"
					   "The message is not from a list member\n").code, 50);
	/* A receiver's rule on words is a content policy, not a spam judgement. */
	CHECK_INT(classify("550 5.7.1 Message content rejected: forbidden words in message body").code, 50);
	CHECK_INT(classify("550 5.7.1 Sender is not listed in the allowed senders list").code, 50);
	CHECK_INT(classify("The account or domain may not exist, they may be blacklisted, or missing the proper dns entries.\n"
					   "retry timeout exceeded\n").code, 40);
	/* A report holds no request; "Re: Unsubscribe" is one, "Re: Before you unsubscribe" is not. */
	CHECK_INT(classify("From: MAILER-DAEMON@example.net\nSubject: Returned mail\n\nUser a@example.com failed.\n\nUnsubscribe\n").code != 90, 1);
	CHECK_INT(classify("From: p@example.org\nSubject: Re: Unsubscribe\n\n").code, 90);
	CHECK_INT(classify("From: p@example.org\nSubject: Re: Before you unsubscribe\n\nDo you ship to Norway?\n").code, 0);
	/* A bounce forwarded inline by Gmail or Thunderbird is read, as a '>' forward is: no returned original. */
	CHECK_INT(classify("From: Kim <kim@example.com>\nSubject: Fwd: failure notice\n\nWhat does this mean?\n\n"
					   "---------- Forwarded message ---------\nFrom: MAILER-DAEMON@example.net\n"
					   "Date: 1 Jul 2014 08:30:56 -0000\nSubject: failure notice\n\n"
					   "<nobody@example.org>:\nRemote host said: 550 5.1.1 <nobody@example.org>... User Unknown\n").code, 10);
	/* A person's mail forwarded is quoted text, its words no bounce; a forward's Subject is another mail's. */
	CHECK_INT(classify("From: Kim <kim@example.com>\nSubject: Fwd: Re: Invoice\n\nSee below.\n\n"
					   "---------- Forwarded message ---------\nFrom: Michael <m@example.com>\nSubject: Re: Invoice\n\n"
					   "Your earlier mail bounced with user unknown because IT renamed my mailbox.\n").code, 0);
	CHECK_INT(classify("From: Kim <kim@example.com>\nSubject: Fwd: Re: Before you unsubscribe: 3 things\n\n"
					   "Do you ship to Norway?\n").code, 0);
	/* Forwarded as an attachment: a mail system's bounce is read, a person's mail is not. */
	CHECK_INT(classify_attached("FW: Undeliverable: Invoice", "See attached.",
								"From: postmaster@example.org\nSubject: Undeliverable: Invoice\n\n"
								"Remote Server returned '550 5.2.2 mailbox full'"), 22);
	CHECK_INT(classify_attached("FW: Invoice", "See attached.",
								"From: Michael <m@example.org>\nSubject: Invoice\n\n"
								"My old address gave user unknown, use this one."), 0);
	/*
	 * The forwarder's own words are not the bounce's ("See the attachment."
	 * is no attachment block); a report attached is a mail system's however
	 * its From: reads (Microsoft 365's "Microsoft Outlook"), and so is a
	 * message whose Subject names a failure report.
	 */
	CHECK_INT(classify_attached("FW: bounce", "See the attachment.",
								"From: Microsoft Outlook\n <MicrosoftExchange329e@example.org>\n"
								"Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\n\n--r\n"
								"Content-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@example.org\n"
								"Action: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 554 5.2.2 mailbox full\n--r--"), 22);
	CHECK_INT(classify_attached("FW: bounce", "See the attachment.",
								"From: smtp@vm.example.edu\nSubject: Undeliverable mail\n\n"
								"550 'a@example.edu' is not a valid recipient address"), 10);
	/* A person's own mail whose only failure words are generic talks about mail: no server refused it. */
	CHECK_INT(classify("From: Kim <kim@example.com>\nSubject: CV\n\nPlease find my CV in the attachment.\n").code, 0);
	CHECK_INT(classify_attached("FW: offer", "See the attachment.", "From: Ann <ann@example.org>\nSubject: offer\n\nHello"), 0);
	/* Headers that mark a failure report (Exim's X-Failed-Recipients, a report's Subject): no person talking. */
	CHECK_INT(classify("X-Failed-Recipients: bob@example.org\nSubject: Mail delivery failed\n\nfailed").code, 40);
	/* A message of header fields only (RFC 5322: the body is optional), as a List-Unsubscribe mailto sends it. */
	CHECK_INT(classify("From: g@example.com\nTo: unsub-1@bounce.example.org\nSubject: unsubscribe\nMIME-Version: 1.0").code, 90);
	check_codes(reader_wording_cases, sizeof(reader_wording_cases) / sizeof(reader_wording_cases[0]));
	check_codes(routes_requests_notices_cases,
				sizeof(routes_requests_notices_cases) / sizeof(routes_requests_notices_cases[0]));
	/* The caller knows the address the bounce does not name: a bad address (10). */
	CHECK_INT(classify_for("From: Postmaster@example.com\nSubject: DELIVERY FAILURE\n\nUser Maria Lopez (Maria "
						   "Lopez/Sales) not listed in Domino Directory\n", "maria@example.com"), 10);
	/* Postfix's report of two recipients: the first failed one's reason, though only the second quotes a server. */
	CHECK_INT(classify("From: MAILER-DAEMON@example.org (Mail Delivery System)\nSubject: Undelivered Mail Returned to Sender\n\n"
					   "<a@example.net>: delivery temporarily suspended: connect to\n    mx.example.net[192.0.2.1]:25: No "
					   "route to host\n\n<b@gmail.com>: host gmail-smtp-in.l.google.com[192.0.2.27] said:\n    550-5.1.1 The "
					   "email account that you tried to reach does not exist.\n").code, 29);
	/* List software's notice is no person talking (Precedence: bulk, a list's owner address). */
	CHECK_INT(classify("From: discuss-owner@lists.example.org\nSubject: Your message to Discuss was rejected\n\n"
					   "You are not allowed to post to this mailing list.\n").code, 50);
	/* Courier's delay notice without its DSN part: the warning, not the quoted greylisting, decides. */
	CHECK_INT(classify("From: \"Courier mail server at mail.example.net\" <@>\nSubject: WARNING: delivery status notification.\n\n"
					   "Delivery to the following recipients has been delayed.  Your message will be\n"
					   "resent later.  No action is required at this time.\n\n<a@example.org>: mx.example.org [192.0.2.1]:\n"
					   "<<< 451 4.7.1 Greylisting in action, please come back later\n").code, 70);
	/* A template footer's "Privacy Policy" is no policy block; amavisd-new's backscatter paragraph names no cause. */
	CHECK_INT(classify("From: MAILER-DAEMON@example.com\nSubject: Mail delivery failed\n\n"
					   "We were unable to deliver your message to a@example.org.\n\n"
					   "Privacy Policy | Customer Support\n").code, 40);
	CHECK_INT(classify("From: postmaster@example.com\nSubject: Considered UNSOLICITED BULK EMAIL, apparently from you\n\n"
					   "A message from <a@example.com> to:\n-> b@example.org\n\nwas considered unsolicited bulk e-mail (UBE).\n\n"
					   "We do try to minimize backscatter for more prominent cases of UBE and\n"
					   "for infected mail, but for less obvious cases some balance is sought.\n").code, 52);
	/* A reply of one word opens with it; the word on its own line deep in a message is a link's. */
	CHECK_INT(classify("From: p@example.org\nSubject: Re: News\n\nHi,\nRemove\nThanks\n").code, 90);
	CHECK_INT(classify("From: x@example.org\nSubject: My dream\nContent-Type: text/html\n\n"
					   "Have you ever had an idea<BR>\nthat you can do the same?<BR>\n"
					   "Pills are what you need<BR>\nto make your dream true.<BR>\n"
					   "<A href=\"http://example.com/del.php?mail=a@example.com\">Remove\nyour email</A>\n").code != 90, 1);
	/* An auto-reply under its own address exists, whatever it says of the address. */
	CHECK_INT(classify("From: a@example.org\nAuto-Submitted: auto-replied\nSubject: Away\n\n"
					   "This address is no longer in use. Please write to b@example.org.\n").code, 60);
	/* ... but one whose person left and whose mail is not forwarded is gone with no forwarding (LABELS.md 10). */
	CHECK_INT(classify("From: a@example.org\nAuto-Submitted: auto-replied\nSubject: Automatic reply: hi\n\n"
					   "Ann is no longer employed here. Your email has not been forwarded.\n").code, 10);
	CHECK_INT(classify("From: a@example.org\nAuto-Submitted: auto-replied\nSubject: Automatic reply: hi\n\n"
					   "I am on leave. Your email will not be forwarded.\n").code, 60);
	/* Only "not forwarded" after "left", in the same paragraph, says the address is gone. */
	CHECK_INT(classify("From: a@example.org\nAuto-Submitted: auto-replied\nSubject: Automatic reply: hi\n\n"
					   "I am on leave; your email will not be forwarded. John is no longer with the company, "
					   "contact Mary.\n").code, 60);
	CHECK_INT(classify("From: a@example.org\nAuto-Submitted: auto-replied\nSubject: Automatic reply: hi\n\n"
					   "Ann is no longer employed here.\n\nI am away; your email will not be forwarded.\n").code, 60);
	CHECK_INT(classify("From: a@example.org\nAuto-Submitted: auto-replied\nSubject: Abwesenheitsnotiz\n\n"
					   "Ihre Nachricht wird nicht weitergeleitet. Herr Meier ist nicht mehr f\xc3\xbcr den "
					   "Vertrieb zust\xc3\xa4ndig.\n").code, 60);
	CHECK_INT(classify("From: a@example.org\nAuto-Submitted: auto-replied\nSubject: Abwesenheitsnotiz\n\n"
					   "Herr Meier ist nicht mehr im Unternehmen. Ihre Nachricht wird nicht weitergeleitet.\n").code, 10);
	/* "is no longer with <Company>" says the person left; "not read or forwarded", "will be deleted": not passed on. */
	CHECK_INT(classify("From: a@example.org\nAuto-Submitted: auto-replied\nSubject: Automatic reply: hi\n\n"
					   "Rachel is no longer with Oakridge Dental. Messages sent to this address are not read or "
					   "forwarded.\n").code, 10);
	CHECK_INT(classify("From: a@example.org\nAuto-Submitted: auto-replied\nSubject: Automatic reply: hi\n\n"
					   "Rachel is no longer with Oakridge Dental; please write to info@example.org.\n").code, 60);
	/* A deletion date says nothing of forwarding; "passwords no longer work for" is no person leaving. */
	CHECK_INT(classify("From: a@example.org\nAuto-Submitted: auto-replied\nSubject: Automatic reply: hi\n\n"
					   "Tom has left the organisation and this mailbox will be deleted.\n").code, 60);
	CHECK_INT(classify("From: it@example.org\nAuto-Submitted: auto-generated\nSubject: Password change\n\n"
					   "Old passwords no longer work for the VPN. Messages are not read or forwarded; "
					   "your account will be deleted if unused.\n").code != 10, 1);
	/* A helpdesk's acknowledgement (sent automatically, in reply) citing a bounce in its ticket is an auto-reply. */
	CHECK_INT(classify("From: Support <support@example.org>\nIn-Reply-To: <1@example.net>\nSubject: [Support] Re: Billing\n"
					   "Auto-Submitted: auto-generated\n\nYour request (58213) has been received and is being reviewed.\n\n"
					   "Our last notice was returned with the error \"550 5.1.1 <ap@example.org>: User unknown\".\n").code, 60);
	/* A remote server refusing the address because its person left answers for the mailbox. */
	CHECK_INT(classify("550 5.1.1 This address is no longer in use. The recipient has left the organization.").code, 10);
	CHECK_INT(classify("550 5.1.1 <ann@example.org>: Ann is no longer with the company").code, 10);
	/* A locked account at Sina or NetEase is disabled; a 4xx keeps it temporary; AUTH's is the sender's. */
	CHECK_INT(classify("550 User is locked").code, 10);
	CHECK_INT(classify("450 User is locked").code, 20);
	CHECK_INT(classify("535 5.7.139 Authentication unsuccessful, user is locked by your organization's security "
					   "defaults policy.").code, 50);
	/* "Take my name off", "remove my email from": requests; AOL's pre-ARF feedback loop is a complaint. */
	CHECK_INT(classify("From: p@example.org\nSubject: Re: News\n\nPlease take my name off your mailing list.\n").code, 90);
	CHECK_INT(classify("From: scomp@aol.net\nSubject: Client TOS Notification\n\nThe attached message was reported "
					   "by an AOL member.\n").code, 200);
	/* ... only as a mail system's report: a bank's, a courier's or a person's words are no bounce. */
	CHECK_INT(classify("From: Bank <noreply@bank.example>\nSubject: Payment stopped\n\nYour transfer of 300 to an "
					   "unknown account was stopped.\n").code != 10, 1);
	CHECK_INT(classify("From: Ann <ann@example.org>\nSubject: Login\n\nI tried to log in and it says account not "
					   "found. Can you check?\n").code != 10, 1);
	CHECK_INT(classify("From: Ann <ann@example.org>\nSubject: Saturday\n\nPlease remove my name from the attendee "
					   "list for Saturday.\n").code != 90, 1);
	/* A new mail whose whole Subject is the request asks it, in any language the one-word replies know. */
	CHECK_INT(classify("From: Jan <j@example.nl>\nSubject: afmelden\n\nMet vriendelijke groet,\nJan\n").code, 90);
	CHECK_INT(classify("From: MAILER-DAEMON@example.nl\nSubject: Undeliverable: stop\n\nUser unknown\n").code != 90, 1);
	/* SMTPUTF8 not offered (RFC 6531's X.6.7-X.6.10) is a capability, no content policy; Mailgun's "No MX for". */
	CHECK_INT(classify("Status: 5.6.7\nDiagnostic-Code: X-Postfix; SMTPUTF8 is required, but was not offered by host "
					   "mx.example.com[192.0.2.1]\n").code, 40);
	CHECK_INT(classify("No MX for [example.com]").code, 21);
	/* hMailServer's refusal to relay. */
	CHECK_INT(classify("550 Delivery is not allowed to this address.").code, 54);
	/* A refusal that names the sending IP after it ("Mail refused - <IP>") is the receiver's block of it. */
	CHECK_INT(classify("554 Mail refused - <198.51.100.7> - See http://security.example.net/blocked").code, 51);
	CHECK_INT(classify("554 Mail refused").code, 50);
	CHECK_INT(classify("From: Ann <a@example.org>\nSubject: hi\n\nMy mail refused - 192.0.2.1 was the server\n").code, 0);
	/* The other nouns of a missing mailbox (SIMS, Courier, GroupWise). */
	CHECK_INT(classify("Failed to deliver to '<maria@example.com>'\nLOCAL module(account maria) reports:\n"
					   " account is not known\n").code, 10);
	CHECK_INT(classify("550 Recipient was not found").code, 10);
	CHECK_INT(classify("550 5.1.1 Account not found").code, 10);
	/* Exchange's and Domino's replies say auto-generated; Sendmail's DSNs add a comment. */
	CHECK_INT(classify("From: a@example.org\nAuto-Submitted: auto-generated\nSubject: hi\n\nNoted.\n").code, 60);
	CHECK_INT(classify("From: a@example.org\nAuto-Submitted: auto-generated (failure)\nSubject: hi\n\nNoted.\n").code, 0);
	/* A telephone number ending a sentence at a line's start is no reply code. */
	CHECK_INT(classify("From: a@example.org\nX-Autoreply: yes\nSubject: Re: hi\n\nCall us at\n555-0133.\n").code, 60);
	/* A person's own mail citing a server's words in quotation marks talks about them. */
	CHECK_INT(classify("From: p@example.org\nSubject: Login\n\nThe site says \"user unknown\" when I log in.\n").code, 0);
	CHECK_INT(classify("From: p@example.org\nSubject: hmm\n\nuser unknown\n").code, 10);
	/* The citation marks its own cue only: a strong line said outright still counts. */
	CHECK_INT(classify("From: p@example.org\nSubject: hmm\n\nSorry, \"user unknown\" here.\n"
					   "This mailbox does not exist.\n").code, 10);
	CHECK_INT(classify("From: p@example.org\nSubject: hmm\n\n"
					   "Sorry, \"user unknown\" here. This mailbox does not exist.\n").code, 10);
	/* U+201C ... U+201D quote; an em dash (E2 80 94) after the words is no closing quote. */
	CHECK_INT(classify("From: p@example.org\nSubject: Login\n\nThe site says \xe2\x80\x9cuser unknown\xe2\x80\x9d.\n").code, 0);
	CHECK_INT(classify("From: p@example.org\nSubject: hmm\n\n\xe2\x80\x9cuser unknown\xe2\x80\x94 sorry\n").code, 10);
	/* A one-word request with a courtesy word around it; a courtesy word alone asks nothing. */
	CHECK_INT(classify("From: p@example.org\nSubject: Re: offers\n\nUnsubscribe please.\n").code, 90);
	CHECK_INT(classify("From: p@example.org\nSubject: Re: offers\n\nBitte abmelden!\n").code, 90);
	CHECK_INT(classify("From: p@example.org\nSubject: Re: offers\n\nThanks!\n").code, 0);
	/* A person's ordinary mail is no complaint report nor a challenge; an abuse desk's and a challenge's are. */
	CHECK_INT(classify("From: p@example.org\nSubject: Noise\n\nMy neighbour has complained about the noise.\n").code, 0);
	CHECK_INT(classify("From: p@example.org\nSubject: Noise\n\nWe received a complaint from the landlord.\n").code, 0);
	CHECK_INT(classify("From: p@example.org\nSubject: Invoice\n\nCould you confirm that you sent the payment?\n").code, 0);
	CHECK_INT(classify("From: abuse@isp.example\nSubject: Abuse\n\n"
					   "One of our customers has complained about unsolicited bulk email from your network.\n").code, 200);
	CHECK_INT(classify("From: p@example.org\nSubject: Please confirm\n\n"
					   "Please confirm that you sent this message by clicking the link below.\n").code, 100);
	/* A bare absence word is a Subject of its own ("Urlaub", "Auto: OOO"), not a word in a newsletter's. */
	CHECK_INT(classify("From: news@reisen.example\nSubject: Urlaub in Italien: unsere Angebote\n\nJetzt buchen.\n").code, 0);
	CHECK_INT(classify("From: news@shop.example\nSubject: Absence management for HR teams\n\nRead on.\n").code, 0);
	CHECK_INT(classify("From: a@example.org\nSubject: Urlaub\n\nHallo.\n").code, 60);
	CHECK_INT(classify("From: a@example.org\nSubject: Abwesenheitsnotiz: Urlaub!\n\nHallo.\n").code, 60);
	CHECK_INT(classify("From: a@example.org\nSubject: OOO\n\nBack Monday.\n").code, 60);
	/* "Unsubscribe now" is a marketing mail's link text, no request. */
	CHECK_INT(classify("From: news@shop.example\nSubject: Deals\n\nBig sale!\nunsubscribe now\n").code != 90, 1);
	CHECK_INT(classify("From: news@shop.example\nSubject: Deals\n\nUnsubscribe now\nView in browser\n").code != 90, 1);
	CHECK_INT(classify("From: p@example.org\nSubject: Re: offers\n\nUnsubscribe, thanks\n").code, 90);
}

/* Bytes that are not UTF-8 (Latin-1) still classify from their ASCII parts. */
static void
test_not_utf8(void)
{
	const char latin1[] = "550 5.1.1 Empf\xe4nger unbekannt / user unknown \xff\xfe";
	const char with_nul[] = "junk\0junk\0550 5.2.2 mailbox full";
	bounce_result r;

	bounce_classify(latin1, sizeof(latin1) - 1, NULL, &r);
	CHECK_INT(r.code, 10);
	CHECK(fuzz_clean_utf8(r.evidence));
	bounce_classify(with_nul, sizeof(with_nul) - 1, NULL, &r);
	CHECK_INT(r.code, 22);
}

/* Random inputs: always one of the 25 codes, clean evidence, the same answer twice. */
static void
test_random_inputs(void)
{
	static const char *const pieces[] = {
		"550", "-", " ", "5.1.1", "\n", "\r\n", "user unknown", "=", "?", "--b", "Content-Type: multipart/mixed; boundary=b\n",
		"\n\n", "From: x\n", "Action: delayed\n", "Status: ", "\xc3", "\xe4", "\x80", "@", "a@b.c", "<<< ", "> ",
		"Content-Transfer-Encoding: base64\n", "Content-Transfer-Encoding: quoted-printable\n", "=\n", "mailbox full"
	};
	int			i,
				bad_code = 0,
				bad_evidence = 0,
				unstable = 0;
	unsigned int seed = 12345;
	char		buf[4096];

	for (i = 0; i < 20000; i++)
	{
		size_t		len = 0;
		bounce_result a,
					b;

		while (len < sizeof(buf) - 64)
		{
			const char *p;

			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 23 == 0)
				break;
			if ((seed >> 8) % 3 == 0)
				buf[len++] = (char) (seed >> 13);
			else
			{
				p = pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))];
				memcpy(buf + len, p, strlen(p));
				len += strlen(p);
			}
		}
		bounce_classify(buf, len, NULL, &a);
		bounce_classify(buf, len, NULL, &b);
		bad_code += bounce_code_index(a.code) < 0;
		bad_evidence += !fuzz_clean_utf8(a.evidence) || !fuzz_clean_utf8(a.recipient);
		unstable += a.code != b.code || strcmp(a.rule, b.rule) != 0 || strcmp(a.evidence, b.evidence) != 0;
	}
	CHECK_INT(bad_code, 0);
	CHECK_INT(bad_evidence, 0);
	CHECK_INT(unstable, 0);
}

int
main(void)
{
	if (bounce_classifier_init(malloc, free) != 0)
	{
		printf("classifier: 0 passed, 1 failed\n");
		return 1;
	}
	test_matcher();
	test_matcher_outputs_last();
	test_phrases_distinct();
	test_smtp_readers();
	test_providers();
	test_provider_sophos();
	test_provider_france();
	test_remote_provider();
	test_replies();
	test_line_forms();
	test_messages();
	test_not_hard();
	test_not_utf8();
	test_random_inputs();
	return unit_finish("classifier");
}
