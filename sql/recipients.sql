-- bounce_recipients: every recipient of a bounce with its own facts and code,
-- and its agreement with classify_bounce and bounce_recipient.  The messages
-- follow RFC 3464 (DSN), RFC 5965 (ARF), RFC 3834 (auto-replies) and the
-- plain-text forms the MTAs document.
SET client_min_messages = warning;
CREATE TABLE recipient_samples (id int PRIMARY KEY, raw text NOT NULL);

-- 1: a DSN with two recipients, a full mailbox and an unknown user (RFC 3464,
-- Postfix writes Final-Recipient before Original-Recipient).
INSERT INTO recipient_samples VALUES (1, $m$From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: news@sender.example
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

--B1
Content-Type: text/plain

This is the mail system at host mx.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<anna@example.com>: host mx.example.com[192.0.2.10] said: 552 5.2.2
    Mailbox full (in reply to RCPT TO command)

<bo@example.org>: host mx.example.org[192.0.2.20] said: 550 5.1.1
    <bo@example.org>: Recipient address rejected: User unknown (in reply to
    RCPT TO command)

--B1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net
Arrival-Date: Mon, 1 Dec 2025 10:00:00 +0000

Final-Recipient: rfc822; anna@example.com
Original-Recipient: rfc822;Anna@Example.COM
Action: failed
Status: 5.2.2
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

Final-Recipient: rfc822; bo@example.org
Original-Recipient: rfc822;bo@example.org
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.org
Diagnostic-Code: smtp; 550 5.1.1 <bo@example.org>: Recipient address
    rejected: User unknown

--B1
Content-Type: message/rfc822

From: news@sender.example
To: anna@example.com, bo@example.org
Subject: News

Hello
--B1--
$m$);

-- 2: three recipients, relayed, delayed and failed (RFC 3464 order: Original-Recipient first).
INSERT INTO recipient_samples VALUES (2, $m$From: MAILER-DAEMON@relay.example.net
Subject: Delivery Status Notification
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B2"

--B2
Content-Type: text/plain

Your message was relayed to one recipient, is delayed for another and
could not be delivered to a third.

--B2
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.example.net

Original-Recipient: rfc822;cid@old.example
Final-Recipient: rfc822;cid@example.com
Action: relayed
Status: 2.0.0
Remote-MTA: dns; legacy.example.com

Final-Recipient: rfc822;dan@example.net
Action: delayed
Status: 4.4.1
Diagnostic-Code: smtp; 421 4.4.1 Connection timed out
Will-Retry-Until: Tue, 2 Dec 2025 10:00:00 +0000

Final-Recipient: rfc822;eva@example.org
Action: failed
Status: 5.7.1
Remote-MTA: dns; mx.example.org
Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host
    [192.0.2.7] blocked using zen.spamhaus.org

--B2--
$m$);

-- 3: Postfix without a DSN part: two recipients, the second's server unreachable (at a large provider: 59).
INSERT INTO recipient_samples VALUES (3, $m$From: MAILER-DAEMON@mail.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender

This is the mail system at host mail.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

<finn@example.com>: host mx.example.com[192.0.2.11] said: 550 5.1.1
    <finn@example.com>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

<gun@gmail.com>: connect to gmail-smtp-in.l.google.com[192.0.2.12]:25:
    Connection timed out
$m$);

-- 4: Exim: the failed addresses indented, each with its reasons below.
INSERT INTO recipient_samples VALUES (4, $m$From: Mail Delivery System <Mailer-Daemon@mail.example.net>
Subject: Mail delivery failed: returning message to sender
X-Failed-Recipients: carl@example.com, dora@example.org

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  carl@example.com
    host mx.example.com [192.0.2.30]
    SMTP error from remote mail server after RCPT TO:<carl@example.com>:
    550 5.1.1 <carl@example.com>: Recipient address rejected: User unknown
  dora@example.org
    (generated from dora.old@example.org)
    host mx.example.org [192.0.2.40]
    SMTP error from remote mail server after end of data:
    552 5.3.4 Message size exceeds fixed maximum message size

------ This is a copy of the message, including all the headers. ------

From: news@sender.example
To: carl@example.com
Subject: News
$m$);

-- 5: qmail: "<address>:" then what the remote host said.
INSERT INTO recipient_samples VALUES (5, $m$From: MAILER-DAEMON@mail.example.net
Subject: failure notice

Hi. This is the qmail-send program at mail.example.net.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<erik@example.com>:
192.0.2.50 does not like recipient.
Remote host said: 550 5.1.1 <erik@example.com>: No such user
Giving up on 192.0.2.50.

<fia@example.org>:
192.0.2.60 failed after I sent the message.
Remote host said: 554 5.7.1 Message rejected as spam

--- Below this line is a copy of the message.
$m$);

-- 6: Sendmail: the address list, then the transcript of the session.
INSERT INTO recipient_samples VALUES (6, $m$From: Mail Delivery Subsystem <MAILER-DAEMON@mail.example.net>
Subject: Returned mail: see transcript for details

The original message was received at Mon, 1 Dec 2025 10:00:00 +0000
from localhost [127.0.0.1]

   ----- The following addresses had permanent fatal errors -----
<gus@example.com>
    (reason: 550 5.1.1 <gus@example.com>... User unknown)

   ----- Transcript of session follows -----
... while talking to mx.example.com.:
>>> RCPT To:<gus@example.com>
<<< 550 5.1.1 <gus@example.com>... User unknown
550 5.1.1 <gus@example.com>... User unknown
$m$);

-- 7: Exchange / Microsoft 365: every recipient named twice, for the user and for administrators.
INSERT INTO recipient_samples VALUES (7, $m$From: postmaster@contoso.example
Subject: Undeliverable: News

Delivery has failed to these recipients or groups:

hugo@contoso.example
The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message.

ida@contoso.example
The recipient's mailbox is full and can't accept messages now.

Diagnostic information for administrators:

Generating server: EX01.contoso.example

hugo@contoso.example
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'

ida@contoso.example
Remote Server returned '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded'
$m$);

-- 8: Domino.
INSERT INTO recipient_samples VALUES (8, $m$From: Postmaster@notes.example.com
Subject: DELIVERY FAILURE: User jan (jan@notes.example.com) not listed in Domino Directory

Your message

  Subject: News

was not delivered to:

  jan@notes.example.com

because:

  User jan (jan@notes.example.com) not listed in Domino Directory
$m$);

-- 9: Gmail.
INSERT INTO recipient_samples VALUES (9, $m$From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Subject: Delivery Status Notification (Failure)

Delivery to the following recipient failed permanently:

     kim@example.com

Technical details of permanent failure:
Google tried to deliver your message, but it was rejected by the server for the recipient domain example.com by mx.example.com. [192.0.2.70].

The error that the other server returned was:
550 5.1.1 <kim@example.com>: Recipient address rejected: User unknown in virtual mailbox table
$m$);

-- 10: Yahoo: two recipients, "[RCPT_TO]" naming the command.
INSERT INTO recipient_samples VALUES (10, $m$From: MAILER-DAEMON@yahoo.com
Subject: Failure Notice

Sorry, we were unable to deliver your message to the following address.

<lo@example.com>:
Remote host said: 552 5.2.2 <lo@example.com>... Mailbox Full [RCPT_TO]

<max@example.net>:
Remote host said: 550 5.1.1 <max@example.net>... User Unknown [RCPT_TO]
$m$);

-- 11: an ARF report: the complaining recipient is Original-Rcpt-To, never Original-Mail-From (our bounce address).
INSERT INTO recipient_samples VALUES (11, $m$From: feedback@isp.example
To: abuse@sender.example
Subject: FW: Abuse report
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="A1"

--A1
Content-Type: text/plain

This is an email abuse report for an email message received from IP
192.0.2.1. Contact postmaster@isp.example with questions.

--A1
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: SomeGenerator/1.0
Version: 1
Original-Mail-From: <bounces+123@sender.example>
Original-Rcpt-To: <Nina@ISP.Example>
Source-IP: 192.0.2.1

--A1
Content-Type: message/rfc822

From: news@sender.example
To: nina@isp.example
Subject: News

Hi
--A1--
$m$);

-- 12: an ARF report without Original-Rcpt-To: the reported message's To:.
INSERT INTO recipient_samples VALUES (12, $m$From: feedback@isp.example
Subject: Complaint
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="A2"

--A2
Content-Type: message/feedback-report

Feedback-Type: abuse
Version: 1
Original-Mail-From: <bounces+456@sender.example>

--A2
Content-Type: message/rfc822

From: news@sender.example
To: Ola <ola@ISP.example>
Subject: News

Hi
--A2--
$m$);

-- 13: an auto-reply: the recipient is who replied, not the address in its text.
INSERT INTO recipient_samples VALUES (13, $m$From: Pia Persson <Pia.Persson@Example.SE>
To: news@sender.example
Subject: Automatic reply: News
Auto-Submitted: auto-replied

I am out of the office until Monday. For urgent matters please contact sales@example.se.
$m$);

-- 14: a challenge: the recipient is who asks us to verify, not the service's address.
INSERT INTO recipient_samples VALUES (14, $m$From: Quinn <quinn@example.net>
Reply-To: verify@challenge.example
To: news@sender.example
Subject: Please confirm your message

I use a challenge-response system (Boxbe) to block spam: only senders I have
approved reach me. Questions: help@boxbe.example
$m$);

-- 15: a bounce naming no recipient at all: one row, a NULL recipient.
INSERT INTO recipient_samples VALUES (15, $m$From: MAILER-DAEMON@mail.example.net
Subject: Delivery failure

Your message could not be delivered.
$m$);

-- Every row, in the order of each message.
SELECT m.id, r.recipient, r.final_recipient, r.action, r.status, r.smtp_reply, r.remote_mta, r.smtp_command,
       r.code, r.kind, r.rule
FROM recipient_samples m CROSS JOIN LATERAL bounce_recipients(m.raw) r
ORDER BY m.id;

-- The server's own words per recipient.
SELECT m.id, r.recipient, r.diagnostic
FROM recipient_samples m CROSS JOIN LATERAL bounce_recipients(m.raw) r
WHERE r.diagnostic IS NOT NULL
ORDER BY m.id;

-- The three agree: classify_bounce and bounce_recipient are the first failed row (then delayed, then any).
WITH rows AS (
	SELECT m.id, r.*, row_number() OVER (PARTITION BY m.id ORDER BY (r.action = 'failed') IS NOT TRUE,
	       (r.action = 'delayed') IS NOT TRUE) AS pick, row_number() OVER (PARTITION BY m.id) AS n
	FROM recipient_samples m CROSS JOIN LATERAL bounce_recipients(m.raw) r
)
SELECT m.id, classify_bounce(m.raw) AS classify_bounce, r.code AS first_failed_code,
       bounce_recipient(m.raw) AS bounce_recipient, r.recipient AS first_failed_recipient,
       (SELECT e.recipient FROM bounce_explain(m.raw) e) AS explain_recipient
FROM recipient_samples m JOIN rows r ON r.id = m.id AND r.pick = 1
WHERE classify_bounce(m.raw) IS DISTINCT FROM r.code
   OR bounce_recipient(m.raw) IS DISTINCT FROM r.recipient
   OR (SELECT e.recipient FROM bounce_explain(m.raw) e) IS DISTINCT FROM r.recipient;

-- 50 recipients, five outcomes in turn: one row each, in order, each with its own code.
CREATE TABLE fifty AS
SELECT E'From: MAILER-DAEMON@mx.example.net\nContent-Type: multipart/report; report-type=delivery-status; boundary="F"\n\n--F\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n'
	|| string_agg(format(E'Final-Recipient: rfc822; user%s@example.com\nAction: %s\nStatus: %s\nDiagnostic-Code: smtp; %s\n\n',
	                     i, (ARRAY['failed','failed','delayed','delivered','failed'])[i % 5 + 1],
	                     (ARRAY['5.1.1','5.2.2','4.4.7','2.0.0','5.7.1'])[i % 5 + 1],
	                     (ARRAY['550 5.1.1 User unknown','552 5.2.2 Mailbox full','451 4.4.7 Delivery time expired, will retry',
	                            '250 2.0.0 Ok','550 5.7.1 Message rejected as spam'])[i % 5 + 1]), '' ORDER BY i)
	|| E'--F--\n' AS raw
FROM generate_series(1, 50) i;

SELECT count(*) AS rows, count(DISTINCT r.recipient) AS recipients,
       bool_and(r.recipient = 'user' || ordinality || '@example.com') AS in_order,
       classify_bounce(raw) AS classify_bounce, bounce_recipient(raw) AS bounce_recipient
FROM fifty CROSS JOIN LATERAL bounce_recipients(raw) WITH ORDINALITY r
GROUP BY raw;

SELECT r.action, r.status, r.code, r.kind, count(*)
FROM fifty CROSS JOIN LATERAL bounce_recipients(raw) r
GROUP BY 1, 2, 3, 4 ORDER BY 1, 2;

-- The second argument: the address the message was sent to refines 29 vs 59, as in classify_bounce.
SELECT recipient, code, rule FROM bounce_recipients('connect to mx.example.com[192.0.2.1]:25: Connection timed out', 'anna@gmail.com');
SELECT classify_bounce('connect to mx.example.com[192.0.2.1]:25: Connection timed out', 'anna@gmail.com');
SELECT recipient, code FROM bounce_recipients('550 5.1.1 User unknown', NULL);
SELECT count(*) FROM bounce_recipients(NULL, 'anna@gmail.com');
SELECT count(*) FROM bounce_recipients(NULL);
-- In the select list and on an empty text.
SELECT (bounce_recipients('')).code;

-- The markings the catalog must show.
SELECT p.oid::regprocedure, p.provolatile, p.proisstrict, p.proparallel, p.proretset,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
FROM pg_proc p WHERE p.proname = 'bounce_recipients' ORDER BY 1::text;

DROP TABLE recipient_samples, fifty;
