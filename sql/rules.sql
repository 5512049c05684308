-- Rule sets: user rules in bounce_rules and bounce_large_providers, named by
-- the last argument of classify_bounce, bounce_explain and bounce_phrases.

INSERT INTO bounce_rulesets VALUES ('acme', 'rules of the acme platform'), ('empty', NULL);
INSERT INTO bounce_rules (ruleset, name, phrase, code, comment) VALUES
	('acme', 'dormant', 'mailbox is dormant', '10', 'a provider''s wording for a closed account'),
	('acme', 'full_is_gone', 'mailbox full', '10', 'overrides the built-in 22 in replies'),
	('acme', 'stem', 'quarantin*', '52', NULL),
	('acme', 'accents', 'Empfänger gesperrt', '10', NULL),
	('acme', 'prose_only', 'delivery was refused', '54', NULL);

-------------------------------------------------------------------------------
-- A rule decides what the built-in knowledge does not know
-------------------------------------------------------------------------------
SELECT classify_bounce('550 mailbox is dormant') AS builtin,
       classify_bounce('550 mailbox is dormant', NULL, 'acme') AS acme,
       classify_bounce('550 mailbox is dormant', NULL, 'empty') AS empty_set,
       classify_bounce('550 mailbox is dormant', NULL, NULL) AS null_set;
-- bounce_explain names the rule (ruleset:name) and its phrase.
SELECT code, rule, phrase, part FROM bounce_explain('550 mailbox is dormant', NULL, 'acme');
SELECT code, rule, phrase, part FROM bounce_explain('550 mailbox is dormant', NULL, NULL);
-- Matching is the built-in phrases': any case, whitespace runs, accents folded, whole words, stems.
SELECT classify_bounce('550 MAILBOX   is Dormant.', NULL, 'acme') AS folded,
       classify_bounce('550 mailbox is dormantly', NULL, 'acme') AS not_whole_word,
       classify_bounce('550 message quarantined', NULL, 'acme') AS stem,
       classify_bounce('550 EMPFANGER GESPERRT', NULL, 'acme') AS accents_folded,
       classify_bounce('550 empfänger gesperrt', NULL, 'acme') AS accents;

-------------------------------------------------------------------------------
-- Precedence: a rule beats the built-in phrases read at its level of authority
-------------------------------------------------------------------------------
-- The built-in 22 and the rule's 10 both in the remote reply: the rule wins.
SELECT classify_bounce('550 mailbox full') AS builtin, classify_bounce('550 mailbox full', NULL, 'acme') AS acme;
-- A rule read in the bounce's prose does not beat the remote server's words.
SELECT classify_bounce(E'Your message could not be delivered: delivery was refused.\n<a@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown', NULL, 'acme') AS remote_wins,
       classify_bounce('Your message could not be delivered: delivery was refused.', NULL, 'acme') AS prose_rule;
-- The reply class still constrains a rule: a 4xx reply never gives a hard code.
SELECT code, rule FROM bounce_explain('450 mailbox is dormant', NULL, 'acme');
-- The platform's own events outrank every rule.
SELECT classify_bounce('Queue dumped: mailbox is dormant', NULL, 'acme') AS platform_event;

-------------------------------------------------------------------------------
-- Scopes: a scoped rule applies only in its scope
-------------------------------------------------------------------------------
INSERT INTO bounce_rulesets VALUES ('scoped');
INSERT INTO bounce_rules (ruleset, name, phrase, code, recipient_domain, remote_host, reply_class, status) VALUES
	('scoped', 'by_domain', 'account on hold', '22', 'Example.ORG', NULL, NULL, NULL),
	('scoped', 'by_host', 'please slow down', '50', NULL, 'mx.bigmail.example', NULL, NULL),
	('scoped', 'by_class', 'try the other door', '54', NULL, NULL, 5, NULL),
	('scoped', 'by_status', 'quiet hours', '52', NULL, NULL, NULL, '5.7.1');
SELECT classify_bounce('550 account on hold', 'anna@example.org', 'scoped') AS in_domain,
       classify_bounce('550 account on hold', 'anna@eu.example.org', 'scoped') AS subdomain,
       classify_bounce('550 account on hold', 'anna@example.com', 'scoped') AS other_domain,
       classify_bounce('550 account on hold', NULL, 'scoped') AS no_recipient,
       classify_bounce('<bo@example.org>: host mx.example.org[192.0.2.1] said: 550 account on hold', NULL, 'scoped') AS recipient_in_text;
SELECT classify_bounce('host mx.bigmail.example[192.0.2.1] said: 550 please slow down', NULL, 'scoped') AS named_host,
       classify_bounce('host mx.other.example[192.0.2.1] said: 550 please slow down', NULL, 'scoped') AS other_host,
       classify_bounce('550 please slow down', NULL, 'scoped') AS no_host;
SELECT classify_bounce('550 try the other door', NULL, 'scoped') AS class_5,
       classify_bounce('451 try the other door', NULL, 'scoped') AS class_4,
       classify_bounce('try the other door', NULL, 'scoped') AS no_class;
SELECT classify_bounce('550 5.7.1 quiet hours', NULL, 'scoped') AS status_571,
       classify_bounce('550 5.7.2 quiet hours', NULL, 'scoped') AS status_572,
       classify_bounce('550 quiet hours', NULL, 'scoped') AS no_status;

-------------------------------------------------------------------------------
-- Large providers of a rule set: 29 becomes 59, on top of the built-in list
-------------------------------------------------------------------------------
INSERT INTO bounce_large_providers VALUES ('acme', 'bigcorp.example');
SELECT classify_bounce('Connection timed out', 'a@bigcorp.example') AS builtin,
       classify_bounce('Connection timed out', 'a@bigcorp.example', 'acme') AS acme,
       classify_bounce('Connection timed out', 'a@mx.bigcorp.example', 'acme') AS subdomain,
       classify_bounce('Connection timed out', 'a@gmail.com', 'acme') AS still_builtin;

-------------------------------------------------------------------------------
-- bounce_phrases(ruleset): the built-in knowledge, then the set's
-------------------------------------------------------------------------------
SELECT (SELECT count(*) FROM bounce_phrases('acme')) - (SELECT count(*) FROM bounce_phrases()) AS added_rows;
SELECT code, kind, role, rule, phrase, strength, source FROM bounce_phrases('acme') WHERE source = 'rule_set' ORDER BY rule, phrase;

-------------------------------------------------------------------------------
-- Changes are seen by the next statement; nothing stale after a rollback
-------------------------------------------------------------------------------
UPDATE bounce_rules SET code = '52' WHERE ruleset = 'acme' AND name = 'dormant';
SELECT classify_bounce('550 mailbox is dormant', NULL, 'acme') AS after_update;
BEGIN;
DELETE FROM bounce_rules WHERE ruleset = 'acme' AND name = 'dormant';
SELECT classify_bounce('550 mailbox is dormant', NULL, 'acme') AS deleted_in_transaction;
ROLLBACK;
SELECT classify_bounce('550 mailbox is dormant', NULL, 'acme') AS after_rollback;
UPDATE bounce_rulesets SET name = 'acme2' WHERE name = 'acme';
SELECT classify_bounce('550 mailbox is dormant', NULL, 'acme2') AS renamed;
SELECT classify_bounce('550 mailbox is dormant', NULL, 'acme') AS old_name;
UPDATE bounce_rulesets SET name = 'acme' WHERE name = 'acme2';
TRUNCATE bounce_large_providers;
SELECT classify_bounce('Connection timed out', 'a@bigcorp.example', 'acme') AS after_truncate;
INSERT INTO bounce_large_providers VALUES ('acme', 'bigcorp.example');

-------------------------------------------------------------------------------
-- The issue's index example: the same answer through the index and without it
-------------------------------------------------------------------------------
CREATE TABLE g (resp text, rcpt text);
INSERT INTO g SELECT 'connect to mx.bigcorp.example[192.0.2.1]:25: Connection timed out', 'u' || i || '@bigcorp.example'
FROM generate_series(1, 5000) i;
CREATE INDEX g_builtin ON g ((classify_bounce(resp, rcpt)));
CREATE INDEX g_acme ON g ((classify_bounce(resp, rcpt, 'acme')));
ANALYZE g;
SELECT classify_bounce(resp, rcpt) AS builtin, classify_bounce(resp, rcpt, 'acme') AS acme, count(*) FROM g GROUP BY 1, 2;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM g WHERE classify_bounce(resp, rcpt) = '59';
SELECT count(*) AS builtin_59_by_index FROM g WHERE classify_bounce(resp, rcpt) = '59';
SELECT count(*) AS acme_59_by_index FROM g WHERE classify_bounce(resp, rcpt, 'acme') = '59';
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM g WHERE classify_bounce(resp, rcpt) = '59';
SELECT count(*) AS builtin_59_by_scan FROM g WHERE classify_bounce(resp, rcpt) = '59';
SELECT count(*) AS acme_59_by_scan FROM g WHERE classify_bounce(resp, rcpt, 'acme') = '59';
RESET enable_indexscan;
RESET enable_bitmapscan;
-- Parallel workers read the rule set too (the functions are PARALLEL SAFE).
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM g WHERE classify_bounce(resp, rcpt, 'acme') = '59';
SELECT count(*) AS acme_59_in_parallel FROM g WHERE classify_bounce(resp, rcpt, 'acme') = '59';
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET enable_indexscan;
RESET enable_bitmapscan;
DROP TABLE g;

-------------------------------------------------------------------------------
-- Refused values: each its own statement
-------------------------------------------------------------------------------
-- A phrase that folds to nothing, or holds what is never read as words.
INSERT INTO bounce_rules (ruleset, name, phrase, code) VALUES ('acme', 'bad', '', '10');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO bounce_rules (ruleset, name, phrase, code) VALUES ('acme', 'bad', ' -- !! ', '10');
INSERT INTO bounce_rules (ruleset, name, phrase, code) VALUES ('acme', 'bad', '*', '10');
INSERT INTO bounce_rules (ruleset, name, phrase, code) VALUES ('acme', 'bad', 'user@example.com is unknown', '10');
INSERT INTO bounce_rules (ruleset, name, phrase, code) VALUES ('acme', 'bad', 'rejected by mx.example.com', '10');
INSERT INTO bounce_rules (ruleset, name, phrase, code) VALUES ('acme', 'bad', '550 dormant', '10');
INSERT INTO bounce_rules (ruleset, name, phrase, code) VALUES ('acme', 'bad', 'почтовый ящик', '10');
-- Too long: 201 bytes folded, and 100 kB.
INSERT INTO bounce_rules (ruleset, name, phrase, code) VALUES ('acme', 'bad', repeat('a', 201), '10');
INSERT INTO bounce_rules (ruleset, name, phrase, code) VALUES ('acme', 'bad', repeat('mailbox ', 12800), '10');
-- 200 bytes is the limit, and such a rule matches.
INSERT INTO bounce_rules (ruleset, name, phrase, code) VALUES ('acme', 'longest', rtrim(repeat('word ', 40)), '53');
SELECT classify_bounce('550 ' || repeat('WORD ', 40), NULL, 'acme') AS longest;
-- Every character from U+0001 to U+00FF, one phrase each: refused or harmless, never a crash.
DO $$
DECLARE
	i int;
	refused int := 0;
	accepted int := 0;
BEGIN
	FOR i IN 1..255 LOOP
		BEGIN
			INSERT INTO bounce_rules (ruleset, name, phrase, code)
				VALUES ('acme', 'byte_' || i, 'word' || chr(i) || 'word', '10');
			accepted := accepted + 1;
		EXCEPTION WHEN invalid_parameter_value THEN
			refused := refused + 1;
		END;
	END LOOP;
	RAISE NOTICE 'accepted %, refused %', accepted, refused;
END
$$;
SELECT classify_bounce('550 word-word', NULL, 'acme') AS hyphen_rule,
       classify_bounce('550 wordword', NULL, 'acme') AS not_a_rule;
-- And all of them in one phrase.
INSERT INTO bounce_rules (ruleset, name, phrase, code)
	SELECT 'acme', 'bad', string_agg(chr(i), ''), '10' FROM generate_series(1, 255) i;
DELETE FROM bounce_rules WHERE name LIKE 'byte\_%';
-- Bad scopes, codes and names.
INSERT INTO bounce_rules (ruleset, name, phrase, code, recipient_domain) VALUES ('acme', 'bad', 'fine words', '10', 'not a domain');
INSERT INTO bounce_rules (ruleset, name, phrase, code, remote_host) VALUES ('acme', 'bad', 'fine words', '10', 'localhost');
INSERT INTO bounce_rules (ruleset, name, phrase, code, reply_class) VALUES ('acme', 'bad', 'fine words', '10', 2);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO bounce_rules (ruleset, name, phrase, code, status) VALUES ('acme', 'bad', 'fine words', '10', '5.7');
INSERT INTO bounce_rules (ruleset, name, phrase, code) VALUES ('acme', 'bad', 'fine words', '24');
INSERT INTO bounce_rules (ruleset, name, phrase, code) VALUES ('acme', 'bad:name', 'fine words', '10');
INSERT INTO bounce_rules (ruleset, name, phrase, code) VALUES ('nowhere', 'bad', 'fine words', '10');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO bounce_large_providers VALUES ('acme', 'bigcorp');
INSERT INTO bounce_rulesets VALUES (repeat('x', 64));
-- A rule set that does not exist.
SELECT classify_bounce('550 mailbox is dormant', NULL, 'nowhere');
\echo :LAST_ERROR_SQLSTATE
SELECT classify_bounce('550 mailbox is dormant', NULL, repeat('x', 1000));
SELECT * FROM bounce_explain('550', NULL, 'nowhere');
SELECT count(*) FROM bounce_phrases('nowhere');

-------------------------------------------------------------------------------
-- bounce_recipients and bounce_events read with a rule set too
-------------------------------------------------------------------------------
-- Each recipient of a DSN is read with the set's rules; the first failed row is classify_bounce.
SELECT recipient, code, rule FROM bounce_recipients(E'Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; ann@example.org\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 550 message quarantined\n\nFinal-Recipient: rfc822; bob@example.org\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 550 delivery was refused', NULL, 'acme');
SELECT recipient, code, rule FROM bounce_recipients(E'Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; ann@example.org\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 550 message quarantined\n\nFinal-Recipient: rfc822; bob@example.org\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 550 delivery was refused', NULL, NULL);
SELECT classify_bounce(E'Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; ann@example.org\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 550 message quarantined', NULL, 'acme') AS first_failed;
SELECT count(*) AS no_rows FROM bounce_recipients(NULL, NULL, 'acme');
-- A webhook event's words are read with the set's rules.
SELECT event, code, diagnostic
FROM bounce_events('[{"email": "ann@example.org", "event": "bounce", "reason": "550 message quarantined", "timestamp": 1700000000, "sg_event_id": "x"}]', 'acme');
SELECT event, code
FROM bounce_events('[{"email": "ann@example.org", "event": "bounce", "reason": "550 message quarantined", "timestamp": 1700000000, "sg_event_id": "x"}]', NULL);
SELECT count(*) AS no_rows FROM bounce_events(NULL, 'acme');
SELECT count(*) FROM bounce_events('[{"email": "ann@example.org", "event": "bounce", "reason": "550", "timestamp": 1700000000}]', 'nowhere');
\echo :LAST_ERROR_SQLSTATE

-------------------------------------------------------------------------------
-- Who may change a rule set: readable by all, writable by the extension owner
-------------------------------------------------------------------------------
CREATE ROLE regress_rules_reader;
SET ROLE regress_rules_reader;
SELECT count(*) AS readable FROM bounce_rules WHERE ruleset = 'acme';
SELECT classify_bounce('550 mailbox is dormant', NULL, 'acme') AS reader_classifies;
INSERT INTO bounce_rules (ruleset, name, phrase, code) VALUES ('acme', 'sneaky', 'all is fine', '0');
\echo :LAST_ERROR_SQLSTATE
UPDATE bounce_rules SET code = '0' WHERE ruleset = 'acme';
DELETE FROM bounce_rules;
TRUNCATE bounce_rules;
INSERT INTO bounce_rulesets VALUES ('mine');
INSERT INTO bounce_large_providers VALUES ('acme', 'victim.example');
RESET ROLE;
DROP ROLE regress_rules_reader;

DELETE FROM bounce_rulesets WHERE name IN ('acme', 'empty', 'scoped');
SELECT count(*) AS rules_left FROM bounce_rules;
