-- classify_bounce, bounce_explain and bounce_recipient.

-- One typical response per reason, with the evidence the decision rests on.
SELECT r.code, e.kind, e.smtp_reply, e.status, e.rule, left(e.response, 70) AS response
FROM (VALUES
	('550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table'),
	('550 5.5.0 Requested action not taken: mailbox unavailable'),
	('Sorry, no mailbox here by that name. (#5.1.1)'),
	('550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'),
	('552 5.2.2 The email account that you tried to reach is over quota.'),
	('Host or domain name not found. Name service error for name=nonexistent.example type=MX: Host not found'),
	('connect to mx.smallshop.example[192.0.2.10]:25: Connection timed out'),
	('552 5.3.4 Message size exceeds fixed maximum message size'),
	('451 4.3.0 Temporary system failure. Please try again later.'),
	('I''m not going to try again; this message has been in the queue too long.'),
	('550 5.7.26 Unauthenticated email from example.net is not accepted due to domain''s DMARC policy.'),
	('554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org'),
	('550 5.7.1 Message rejected as spam by Content Filtering.'),
	('554 5.7.1 Message rejected: virus found in attachment'),
	('554 5.7.1 <x@example.org>: Relay access denied'),
	('421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints'),
	('Out of Office: I am away until Monday.'),
	('Please unsubscribe me from this list.'),
	('Please verify your email address to complete delivery of your message (challenge-response).'),
	('250 2.0.0 OK 1700000000 queued as ABC123'),
	('Over throttle limit'),
	('Queue dumped'),
	('Delivery paused then message expired'),
	('Suppressed due to subscriber inactivity'),
	('Blocked due to system policy enforcement'),
	('This is an email abuse report for an email message received from IP 192.0.2.1')
) AS t(response)
CROSS JOIN LATERAL (SELECT t.response, * FROM bounce_explain(t.response)) e
CROSS JOIN LATERAL (SELECT classify_bounce(t.response) AS code) r;

-- classify_bounce and bounce_explain always agree.
SELECT classify_bounce(x) = (bounce_explain(x)).code AS agree
FROM (VALUES ('550 user unknown'), ('452 4.2.2 over quota'), ('')) t(x);

-- Multi-line replies: continuation prefixes join the phrase they wrap.
SELECT * FROM bounce_explain(E'550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n550-5.1.1 double-checking the recipient''s email address for typos or\r\n550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser a1si123 - gsmtp');

-- DSN fields: Status and Diagnostic-Code.
SELECT * FROM bounce_explain(E'Final-Recipient: rfc822; anna@example.se\nAction: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full');
-- Action: delayed is a transient bounce, whatever the reason given.
SELECT * FROM bounce_explain(E'Final-Recipient: rfc822; anna@example.se\nAction: delayed\nStatus: 4.4.1\nDiagnostic-Code: smtp; 451 4.4.1 Connection timed out');
-- Action: delivered is no bounce.
SELECT * FROM bounce_explain(E'Final-Recipient: rfc822; anna@example.se\nAction: delivered\nStatus: 2.0.0');

-- 29 vs 59: a failed connection to a large provider is a block.
SELECT classify_bounce('connect to mx.example.com[192.0.2.1]:25: Connection refused') AS no_recipient,
       classify_bounce('connect to mx.example.com[192.0.2.1]:25: Connection refused', 'anna@smallco.example') AS small_domain,
       classify_bounce('connect to mx.example.com[192.0.2.1]:25: Connection refused', 'anna@gmail.com') AS gmail,
       classify_bounce('connect to mx.example.com[192.0.2.1]:25: Connection refused', 'HOTMAIL.COM') AS bare_domain,
       classify_bounce('connect to mx.example.com[192.0.2.1]:25: Connection refused', NULL) AS null_recipient,
       classify_bounce('connect to gmail-smtp-in.l.google.com[192.0.2.5]:25: Connection timed out') AS google_host;
-- ... and a rule set can add its own large providers (rules.sql has the rest).
INSERT INTO bounce_rulesets VALUES ('classify_test');
INSERT INTO bounce_large_providers VALUES ('classify_test', 'smallco.example'), ('classify_test', 'Other.Example');
SELECT classify_bounce('Connection timed out', 'anna@smallco.example', 'classify_test') AS added,
       classify_bounce('Connection timed out', 'anna@mx.other.example', 'classify_test') AS added_parent,
       classify_bounce('Connection timed out', 'anna@unlisted.example', 'classify_test') AS not_added;
SELECT classify_bounce('Connection timed out', 'anna@smallco.example') AS without_rule_set;
INSERT INTO bounce_large_providers VALUES ('classify_test', 'not a domain!');
DELETE FROM bounce_rulesets WHERE name = 'classify_test';

-- A whole RFC 3464 bounce: the reason comes from the report, not from the
-- returned message (whose subject says "mailbox full" and body "unsubscribe").
SELECT * FROM bounce_explain(E'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\nTo: news@sender.example\r\nSubject: Undelivered Mail Returned to Sender\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status;\r\n\tboundary="B0UND"\r\n\r\n--B0UND\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nThis is the mail system at host mx.example.net.\r\n\r\nI''m sorry to have to inform you that your message could not be delivered=\r\n to one or more recipients.\r\n\r\n<anna@example.net>: host mx2.example.net[192.0.2.2] said: 550 5.1.1\r\n    <anna@example.net>: Recipient address rejected: User unknown (in reply to RCPT TO command)\r\n\r\n--B0UND\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\nFinal-Recipient: rfc822; anna@example.net\r\nOriginal-Recipient: rfc822;anna@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\nRemote-MTA: dns; mx2.example.net\r\nDiagnostic-Code: smtp; 550 5.1.1 <anna@example.net>: Recipient address\r\n    rejected: User unknown\r\n\r\n--B0UND\r\nContent-Type: message/rfc822\r\n\r\nFrom: news@sender.example\r\nSubject: Is your mailbox full? Unsubscribe here\r\n\r\nOut of office? Spam? Click unsubscribe.\r\n--B0UND--\r\n');

-- Base64-encoded text part; the reason is only readable after decoding.
SELECT code, rule, evidence FROM bounce_explain(E'From: postmaster@example.org\nSubject: Delivery failure\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=xyz\n\n--xyz\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n' || encode(convert_to('Your message could not be delivered: mailbox is full', 'UTF8'), 'base64') || E'\n--xyz--\n');

-- An ARF feedback report is a spam complaint.
SELECT code, rule FROM bounce_explain(E'From: feedback@example.net\nSubject: complaint\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=feedback-report; boundary="arf"\n\n--arf\nContent-Type: text/plain\n\nThis is a report.\n\n--arf\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\nUser-Agent: Example-FBL/1.0\nVersion: 1\n\n--arf\nContent-Type: message/rfc822\n\nFrom: news@sender.example\nSubject: hello\n\nbody\n--arf--\n');

-- An auto-reply recognised by its RFC 3834 header alone.
SELECT code, rule FROM bounce_explain(E'From: anna@example.com\nSubject: Re: Our newsletter\nAuto-Submitted: auto-replied\n\nThanks, we got your mail and will get back to you.\n');

-- Languages.
SELECT x AS response, classify_bounce(x) FROM (VALUES
	('550 5.1.1 Empfänger unbekannt'),
	('Das Postfach des Empfängers ist voll.'),
	('Frånvaromeddelande: Jag är på semester till och med vecka 32.'),
	('Réponse automatique : je suis absent du bureau'),
	('550 utilisateur inconnu'),
	('Buzón lleno'),
	('Automatisch antwoord: ik ben afwezig'),
	('Postilaatikko on täynnä'),
	('Risposta automatica: sono in ferie')
) t(x);
-- Text from a Latin-1 source still classifies (here converted; the core's unit
-- tests feed it raw Latin-1 bytes, which are not valid UTF-8).
SELECT classify_bounce(convert_from('\x456d7066e46e67657220756e62656b616e6e74'::bytea, 'LATIN1')) AS latin1;

-- No cue at all, and empty text: 40, a general bounce (never invalidates an address).
SELECT * FROM bounce_explain('The weather is nice today.');
SELECT * FROM bounce_explain('');
SELECT classify_bounce(E' \n\t ') AS blank;

-- The failed recipient.
SELECT bounce_recipient(E'Final-Recipient: rfc822; Anna.Lind@Example.se\nAction: failed') AS final,
       bounce_recipient(E'Original-Recipient: rfc822;list@old.example\nFinal-Recipient: rfc822; forward@new.example') AS original_first,
       bounce_recipient(E'X-Failed-Recipients: bob@example.org\nSubject: Mail delivery failed\n\nfailed') AS exim,
       bounce_recipient('<carl@example.com>: host mx.example.com said: 550 no such user') AS postfix,
       bounce_recipient('550 no such user') AS none;

-- Every form of bounce_explain returns the same columns: the recipient column is
-- the failed recipient found in the text, whatever recipient argument is given.
SELECT p.pronargs,
       array(SELECT a.name FROM unnest(p.proargnames, p.proargmodes) WITH ORDINALITY a(name, mode, i)
             WHERE a.mode = 'o' ORDER BY a.i) AS out_columns
FROM pg_proc p WHERE p.proname = 'bounce_explain' ORDER BY p.pronargs;
SELECT code, kind, rule, recipient
FROM bounce_explain('<anna@smallco.example>: connect to mx.smallco.example[192.0.2.1]:25: Connection refused', 'anna@gmail.com');
SELECT * FROM bounce_explain('552 5.2.2 Mailbox full', NULL)
UNION ALL
SELECT * FROM bounce_explain('552 5.2.2 Mailbox full');

-- NULL in, NULL out (a NULL recipient is ignored).
SELECT classify_bounce(NULL) IS NULL AS null1, classify_bounce(NULL, 'a@b.c') IS NULL AS null2,
       classify_bounce('550 user unknown', NULL) AS null_recipient,
       bounce_explain(NULL) IS NULL AS null3, bounce_recipient(NULL) IS NULL AS null4;

-- Hostile input: every character up to U+03E8.
SELECT classify_bounce(string_agg(chr(i), '')) AS all_chars FROM generate_series(1, 1000) i;
-- A million continuation lines, and a 32 MB text of repeated cues: linear, and decided.
SELECT classify_bounce(repeat(E'550-5.1.1 x\n', 1000000)) AS continuation_lines;
SELECT classify_bounce(repeat('user unknown mailbox full ', 1300000)) AS repeated_cues;
SELECT (bounce_explain(repeat('=?=', 5000000))).rule AS odd_bytes;
-- A cancel (statement_timeout) is honoured during a long classification.
CREATE TEMP TABLE huge AS SELECT repeat('no cue here at all ', 6000000) AS t;
SET statement_timeout = '10ms';
SELECT classify_bounce(t) FROM huge;
RESET statement_timeout;

-------------------------------------------------------------------------------
-- Classifier 2: the readings of the issue's table, each pinned
-------------------------------------------------------------------------------

-- Words, not substrings: nothing is read inside an address or a word.
SELECT classify_bounce('550 5.1.1 <jamescompton@example.com>: Recipient address rejected: User unknown') AS inside_address;
SELECT classify_bounce('550 5.1.1 <warbler@example.com>: Recipient address rejected: User unknown') AS inside_word;
-- A footer never outranks the server's reply.
SELECT classify_bounce(E'550 5.1.1 <a@example.com>: Recipient address rejected: User unknown\n\nAll mail is scanned for viruses and spam.') AS footer;
SELECT code, rule, part FROM bounce_explain(E'From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n--b\nContent-Type: text/plain\n\nYour message could not be delivered.\n\nThis message was scanned by the antivirus service.\n--b\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\n--b--\n');
-- Quoted text is not the sender's words: a question is no unsubscribe request.
SELECT code, rule FROM bounce_explain(E'From: Kim <kim@example.com>\nSubject: Re: News\n\nDo you ship to Norway?\n\nOn Mon, 3 May 2010, News <news@example.org> wrote:\n> Big sale!\n> Unsubscribe\n');
SELECT classify_bounce(E'From: Kim <kim@example.com>\nSubject: SV: News\n\nFinns den i blått?\n\nFrån: News <news@example.org>\nSkickat: den 3 maj 2010\nÄmne: News\n\nUnsubscribe\n') AS outlook_quote_sv;
-- A person's reply: failure words in the person's own text are no bounce; a request to be removed still is one.
SELECT code, rule FROM bounce_explain(E'From: Paul <paul@example.org>\nSubject: Re: Spring sale\n\nThe page says "user unknown" when I log in. Can you check my account?\n');
SELECT classify_bounce(E'From: Paul <paul@example.org>\nSubject: Re: Spring sale\n\nPlease remove me from your list.\n') AS removal_request;
-- A 4xx reply never gives a hard code.
SELECT code, rule FROM bounce_explain('450 Requested mail action not taken: mailbox unavailable');
SELECT code, rule FROM bounce_explain('421 4.2.1 Mailbox unavailable, try again later');
-- Boilerplate listing possible causes is not the cause.
SELECT code, rule, part FROM bounce_explain(E'This message was created automatically by mail delivery software.\n\nThe account or domain may not exist, they may be blacklisted, or missing the proper dns entries.\n\n  a@example.com\n    host mx.example.com [192.0.2.1]\n    SMTP error from remote mail server after RCPT TO:<a@example.com>:\n    554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org\n');
-- A final bounce whose reason is a 4xx: a temporary reason (20), not a delay notice (70).
SELECT classify_bounce(E'From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail Returned to Sender\n\n<a@example.com>: host mx.example.com[192.0.2.1] said: 421 Server busy, try again later\n    (in reply to RCPT TO command)\n') AS final_4xx;
-- A warning that the message is still being retried is a delay notice (70), even when the remote reason was read.
SELECT code, rule FROM bounce_explain(E'From: Mail Delivery Subsystem <MAILER-DAEMON@example.org>\nSubject: Warning: could not send message for past 4 hours\n\n    **      THIS IS A WARNING MESSAGE ONLY      **\n\n   ----- Transcript of session follows -----\n<a@example.com>... Deferred: Connection refused by mx.example.com.\nWarning: message still undelivered after 4 hours\nWill keep trying until message is 5 days old\n');
-- AOL's block wording outranks the disabled-mailbox meaning of its X.2.1 (a false hard otherwise).
SELECT code, rule FROM bounce_explain('521 5.2.1 : AOL will not accept delivery of this message.');
-- Feedback types (RFC 5965).
SELECT classify_bounce(E'Content-Type: message/feedback-report\n\nFeedback-Type: opt-out\nUser-Agent: x\n') AS opt_out,
       classify_bounce(E'Content-Type: message/feedback-report\n\nFeedback-Type: abuse\nUser-Agent: x\n') AS abuse,
       classify_bounce(E'Content-Type: message/feedback-report\n\nFeedback-Type: not-spam\nUser-Agent: x\n') AS not_spam;
-- A code in mid-line.
SELECT classify_bounce('Unrouteable 550 address') AS mid_line_code;
-- A person's message that is no bounce.
SELECT code, rule FROM bounce_explain(E'From: Kim <kim@example.com>\nSubject: Hello\n\nSee you on Monday.\n');

-- What the classifier knows, in SQL.
SELECT role, count(*) > 0 AS present FROM bounce_phrases() GROUP BY role ORDER BY role;
SELECT code, role, rule, phrase FROM bounce_phrases() WHERE phrase IN ('user unknown', 'spamhaus.org', 'wrote:', 'rbl') ORDER BY phrase;
SELECT count(*) = count(DISTINCT (role, rule, phrase, source)) AS rows_distinct,
       bool_and(code IS NOT NULL) FILTER (WHERE role LIKE 'cue%') AS cues_have_codes,
       bool_and(language IS NOT NULL) FILTER (WHERE source = 'mta_wordings_intl') AS intl_have_languages,
       bool_and(provider IS NOT NULL) FILTER (WHERE source = 'provider_documentation') AS providers_named
FROM bounce_phrases();
-- Negation: "please do not remove me" is no unsubscribe request; a footer is no request either.
SELECT classify_bounce(E'From: Kim <kim@example.com>\nSubject: Re: News\n\nPlease do not remove me from your list, I love it.\n') AS negated,
       classify_bounce(E'From: Kim <kim@example.com>\nSubject: Re: News\n\nI want to unsubscribe from this list.\n') AS request,
       classify_bounce(E'From: Kim <kim@example.com>\nSubject: Re: News\n\nThanks!\n\nTo unsubscribe from this list, click here.\n') AS footer;
-- Several recipients: the first failed one is the reading (a later recipient's hard bounce does not decide).
SELECT code, rule, status, recipient FROM bounce_explain(E'Reporting-MTA: dns; a1.example.net\n\nAction: failed\nFinal-Recipient: rfc822; a@example.com\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\nStatus: 5.2.2\n\nAction: failed\nFinal-Recipient: rfc822; b@example.com\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\nStatus: 5.1.1\n');
