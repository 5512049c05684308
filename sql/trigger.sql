-- bounce_classify_trigger(): a BEFORE INSERT OR UPDATE row trigger that fills
-- a code column from a response column and an optional recipient column.

-------------------------------------------------------------------------------
-- The README's import table
-------------------------------------------------------------------------------
CREATE TABLE bounces (
	id int PRIMARY KEY,
	smtp_response text,
	code bounce_code,
	email text,
	note text
);
CREATE TRIGGER classify BEFORE INSERT OR UPDATE ON bounces FOR EACH ROW
	EXECUTE FUNCTION bounce_classify_trigger('smtp_response', 'code', 'email');

-- A NULL code is filled in; a NULL response gives a NULL code; the recipient
-- decides 29 (small domain) vs 59 (large provider); a NULL recipient is none.
INSERT INTO bounces (id, smtp_response, email) VALUES
	(1, '550 5.1.1 <anna@example.se>: Recipient address rejected: User unknown', 'anna@example.se'),
	(2, 'connect to mx.example.com[192.0.2.1]:25: Connection refused', 'anna@smallco.example'),
	(3, 'connect to mx.example.com[192.0.2.1]:25: Connection refused', 'anna@gmail.com'),
	(4, 'connect to mx.example.com[192.0.2.1]:25: Connection refused', NULL),
	(5, NULL, 'anna@example.se'),
	(6, '552 5.2.2 Mailbox full', NULL);
-- An explicit NULL code is filled in too.
INSERT INTO bounces VALUES (7, '550 5.1.1 User unknown', NULL, 'bo@example.se');
-- A supplied code is kept: a platform event without a response, and a code
-- set by hand that the classifier would not choose.
INSERT INTO bounces VALUES (8, NULL, '120', NULL);
INSERT INTO bounces VALUES (9, '550 5.1.1 User unknown', '122', 'carl@example.se');
SELECT id, code, classify_bounce(smtp_response, email), email, smtp_response
FROM bounces ORDER BY id;

-- A rule set named as the fourth argument counts, as in classify_bounce(response, recipient, ruleset).
INSERT INTO bounce_rulesets VALUES ('trigger_test');
INSERT INTO bounce_large_providers VALUES ('trigger_test', 'smallco.example');
CREATE TABLE bounces_ruled (LIKE bounces);
CREATE TRIGGER classify BEFORE INSERT OR UPDATE ON bounces_ruled FOR EACH ROW
	EXECUTE FUNCTION bounce_classify_trigger('smtp_response', 'code', 'email', 'trigger_test');
INSERT INTO bounces_ruled (id, smtp_response, email) VALUES
	(10, 'connect to mx.example.com[192.0.2.1]:25: Connection refused', 'dan@smallco.example');
INSERT INTO bounces (id, smtp_response, email) VALUES
	(10, 'connect to mx.example.com[192.0.2.1]:25: Connection refused', 'dan@smallco.example');
SELECT id, code FROM bounces WHERE id IN (2, 10) ORDER BY id;
SELECT id, code, classify_bounce(smtp_response, email, 'trigger_test') FROM bounces_ruled;
DROP TABLE bounces_ruled;
DELETE FROM bounce_rulesets WHERE name = 'trigger_test';

-------------------------------------------------------------------------------
-- UPDATE
-------------------------------------------------------------------------------
-- A changed response is classified again.
UPDATE bounces SET smtp_response = '552 5.2.2 The email account that you tried to reach is over quota.' WHERE id = 1;
-- So is a changed recipient: the small domain becomes a large provider.
UPDATE bounces SET email = 'anna@hotmail.com' WHERE id = 2;
-- A change to another column keeps the code, a supplied one included.
UPDATE bounces SET note = 'checked' WHERE id IN (6, 9);
-- Assigning the same response is no change.
UPDATE bounces SET smtp_response = smtp_response WHERE id = 9;
-- An UPDATE that sets the code keeps it, even with a new response.
UPDATE bounces SET smtp_response = 'Out of Office: I am away until Monday.', code = '52' WHERE id = 6;
-- A new response without a code replaces even a supplied code: it described the old text.
UPDATE bounces SET smtp_response = 'Out of Office: I am away until Monday.' WHERE id = 7;
-- A response set to NULL gives a NULL code.
UPDATE bounces SET smtp_response = NULL WHERE id = 4;
SELECT id, code, classify_bounce(smtp_response, email), note, email, smtp_response
FROM bounces WHERE id IN (1, 2, 4, 6, 7, 9) ORDER BY id;

-- SET code = NULL asks for a fresh classification (e.g. after an upgrade).
UPDATE bounces SET code = '10' WHERE id = 3;
SELECT id, code FROM bounces WHERE id = 3;
UPDATE bounces SET code = NULL WHERE id = 3;
SELECT id, code FROM bounces WHERE id = 3;

-- INSERT ... ON CONFLICT DO UPDATE: the new response is classified.
INSERT INTO bounces (id, smtp_response) VALUES (1, '554 5.7.1 Relay access denied')
	ON CONFLICT (id) DO UPDATE SET smtp_response = EXCLUDED.smtp_response;
SELECT id, code FROM bounces WHERE id = 1;

-- The values decide, not the SET list: an earlier BEFORE trigger (triggers
-- fire in name order) that rewrites the response or sets the code is seen.
CREATE FUNCTION rewrite_on_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.note = 'rewrite' THEN
		NEW.smtp_response := '552 5.3.4 Message size exceeds fixed maximum message size';
	ELSIF NEW.note = 'mark' THEN
		NEW.code := '123';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER a_rewrite BEFORE UPDATE ON bounces FOR EACH ROW EXECUTE FUNCTION rewrite_on_note();
UPDATE bounces SET note = 'rewrite' WHERE id = 3;
UPDATE bounces SET note = 'mark', smtp_response = '550 5.1.1 User unknown' WHERE id = 8;
DROP TRIGGER a_rewrite ON bounces;
SELECT id, code, note, smtp_response FROM bounces WHERE id IN (3, 8) ORDER BY id;

-- Long responses stored compressed or out of line: rewriting the same text is
-- no change (the supplied code stays), a different one is.
INSERT INTO bounces VALUES
	(11, repeat('Lorem ipsum dolor sit amet. ', 4000) || '552 5.2.2 Mailbox full', '122', NULL),
	(12, repeat('Lorem ipsum dolor sit amet. ', 4000) || '552 5.2.2 Mailbox full', NULL, NULL);
UPDATE bounces SET smtp_response = smtp_response || '' WHERE id = 11;
UPDATE bounces SET note = 'x' WHERE id = 12;
SELECT id, code, length(smtp_response) FROM bounces WHERE id IN (11, 12) ORDER BY id;
UPDATE bounces SET smtp_response = replace(smtp_response, '552 5.2.2 Mailbox full', '550 5.1.1 User unknown') WHERE id IN (11, 12);
SELECT id, code FROM bounces WHERE id IN (11, 12) ORDER BY id;

-------------------------------------------------------------------------------
-- COPY
-------------------------------------------------------------------------------
COPY bounces (id, smtp_response, email) FROM STDIN;
20	550 5.1.1 <eva@example.se>: Recipient address rejected: User unknown	eva@example.se
21	\N	eva@example.se
22	connect to mx.example.com[192.0.2.1]:25: Connection timed out	frans@gmail.com
23	Final-Recipient: rfc822; gun@example.se\nAction: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full	\N
\.
COPY bounces (id, smtp_response, code, email) FROM STDIN (FORMAT csv);
24,Out of office,110,
25,Out of office,,
\.
SELECT id, code FROM bounces WHERE id >= 20 ORDER BY id;

-------------------------------------------------------------------------------
-- Column types: varchar, char(n) and domains; integer code columns
-------------------------------------------------------------------------------
CREATE DOMAIN response_text AS varchar(500);
CREATE DOMAIN at_fault_code AS bounce_code CHECK (bounce_address_at_fault(VALUE));
CREATE TABLE typed (
	id int,
	response varchar(200),
	rcpt char(30),
	long_response response_text,
	c2 smallint,
	c4 integer,
	c8 bigint,
	cb bounce_code
);
-- Several triggers on one table: each fills its own column.
CREATE TRIGGER c2 BEFORE INSERT ON typed FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'c2', 'rcpt');
CREATE TRIGGER c4 BEFORE INSERT ON typed FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'c4');
CREATE TRIGGER c8 BEFORE INSERT ON typed FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('long_response', 'c8', 'rcpt');
CREATE TRIGGER cb BEFORE INSERT ON typed FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('long_response', 'cb', 'rcpt');
INSERT INTO typed (id, response, rcpt, long_response) VALUES
	(1, 'connect to mx.example.com[192.0.2.1]:25: Connection refused', 'anna@gmail.com',
	    'connect to mx.example.com[192.0.2.1]:25: Connection refused'),
	(2, '452 4.2.2 Mailbox full', 'anna@smallco.example', '550 5.7.1 Message rejected as spam'),
	(3, NULL, NULL, NULL);
-- char(n) padding is no part of the recipient, as in the cast to text.
SELECT id, octet_length(rcpt) AS rcpt_bytes, c2, c4, c8, cb, pg_typeof(c2) AS t2, pg_typeof(c4) AS t4, pg_typeof(c8) AS t8,
       c2 = classify_bounce(response, rcpt)::int AS c2_ok,
       c4 = classify_bounce(response)::int AS c4_ok,
       c8 = classify_bounce(long_response, rcpt)::int AS c8_ok,
       cb = classify_bounce(long_response, rcpt) AS cb_ok
FROM typed ORDER BY id;

-- A domain's constraints hold for the codes the trigger writes.
CREATE TABLE domained (response text, code at_fault_code);
CREATE TRIGGER classify BEFORE INSERT ON domained FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'code');
INSERT INTO domained (response) VALUES ('550 5.1.1 User unknown'), (NULL);
SELECT * FROM domained;
INSERT INTO domained (response) VALUES ('Out of Office: I am away until Monday.');
\echo :LAST_ERROR_SQLSTATE

-------------------------------------------------------------------------------
-- A code supplied in an integer column must be a bounce code: any other integer
-- is refused with 22003, as by the cast, never kept
-------------------------------------------------------------------------------
CREATE DOMAIN int_code AS integer;
CREATE TABLE int_codes (id int, response text, c2 smallint, c4 integer, c8 bigint, cd int_code, note text);
CREATE TRIGGER c2 BEFORE INSERT OR UPDATE ON int_codes FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'c2');
CREATE TRIGGER c4 BEFORE INSERT OR UPDATE ON int_codes FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'c4');
CREATE TRIGGER c8 BEFORE INSERT OR UPDATE ON int_codes FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'c8');
CREATE TRIGGER cd BEFORE INSERT OR UPDATE ON int_codes FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'cd');
-- Supplied codes that are codes are kept; missing ones are filled in.
INSERT INTO int_codes (id, response, c2, c4, c8, cd) VALUES
	(1, '550 5.1.1 User unknown', 22, 120, 200, 0),
	(2, '550 5.1.1 User unknown', NULL, NULL, NULL, NULL);
-- Each bad supplied integer its own statement: the cast's error, and a CONTEXT
-- naming the trigger and the column.
INSERT INTO int_codes (id, response, c2) VALUES (3, '550 5.1.1 User unknown', 24);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO int_codes (id, response, c4) VALUES (3, '550 5.1.1 User unknown', -10);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO int_codes (id, response, c8) VALUES (3, '550 5.1.1 User unknown', 4294967306);  -- 10 + 2^32: no wrap-around
\echo :LAST_ERROR_SQLSTATE
INSERT INTO int_codes (id, response, cd) VALUES (3, '550 5.1.1 User unknown', 65546);  -- 10 + 2^16, in a domain
\echo :LAST_ERROR_SQLSTATE
INSERT INTO int_codes (id, response, c4) VALUES (3, NULL, 1);  -- also without a response
\echo :LAST_ERROR_SQLSTATE
COPY int_codes (id, response, c2) FROM STDIN (FORMAT csv);
3,550 5.1.1 User unknown,10
4,550 5.1.1 User unknown,11
\.
\echo :LAST_ERROR_SQLSTATE
-- An UPDATE that sets a code supplies it: the same check.
UPDATE int_codes SET c4 = 25 WHERE id = 1;
\echo :LAST_ERROR_SQLSTATE
UPDATE int_codes SET c8 = 201 WHERE id = 2;
\echo :LAST_ERROR_SQLSTATE
UPDATE int_codes SET c4 = 121, c8 = 0 WHERE id = 1;
-- A value stored while the trigger was disabled is not supplied by an UPDATE of
-- another column (kept), but a new response replaces it with a code.
ALTER TABLE int_codes DISABLE TRIGGER c4;
INSERT INTO int_codes (id, response, c4) VALUES (5, '552 5.2.2 Mailbox full', 7);
ALTER TABLE int_codes ENABLE TRIGGER c4;
UPDATE int_codes SET note = 'kept' WHERE id = 5;
SELECT id, c4, note FROM int_codes WHERE id = 5;
UPDATE int_codes SET response = '550 5.1.1 User unknown' WHERE id = 5;
SELECT id, c2, c4, c8, cd, note FROM int_codes ORDER BY id;

-------------------------------------------------------------------------------
-- Partitioned tables: the trigger on the parent is cloned to every partition
-------------------------------------------------------------------------------
CREATE TABLE pbounces (received date, smtp_response text, code bounce_code, email text)
	PARTITION BY RANGE (received);
CREATE TABLE pbounces_2024 PARTITION OF pbounces FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TRIGGER classify BEFORE INSERT OR UPDATE ON pbounces FOR EACH ROW
	EXECUTE FUNCTION bounce_classify_trigger('smtp_response', 'code', 'email');
-- A partition attached later, with its columns in another order and a dropped one.
CREATE TABLE pbounces_2025 (dropped int, email text, code bounce_code, smtp_response text, received date);
ALTER TABLE pbounces_2025 DROP COLUMN dropped;
ALTER TABLE pbounces ATTACH PARTITION pbounces_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
SELECT tgrelid::regclass, tgname FROM pg_trigger WHERE tgname = 'classify' AND tgrelid::regclass::text LIKE 'pbounces%' ORDER BY 1;
INSERT INTO pbounces VALUES
	('2024-06-11', '550 5.1.1 User unknown', NULL, 'anna@example.se'),
	('2025-06-11', 'connect to mx.example.com[192.0.2.1]:25: Connection refused', NULL, 'anna@gmail.com');
COPY pbounces (received, smtp_response, email) FROM STDIN;
2024-07-01	552 5.2.2 Mailbox full	bo@example.se
2025-07-01	connect to mx.example.com[192.0.2.1]:25: Connection refused	bo@smallco.example
\.
-- An UPDATE that moves a row to the other partition, with a new response.
UPDATE pbounces SET received = '2025-01-02', smtp_response = 'Out of Office: back Monday.' WHERE received = '2024-07-01';
-- In the partition whose columns lie elsewhere, the SET list is read right:
-- naming the code keeps it, a new response alone is classified.
UPDATE pbounces SET smtp_response = '552 5.2.2 Mailbox full', code = code WHERE received = '2025-06-11';
UPDATE pbounces SET smtp_response = '552 5.2.2 Mailbox full' WHERE received = '2025-07-01';
SELECT tableoid::regclass AS partition, received, code, classify_bounce(smtp_response, email)
FROM pbounces ORDER BY received;

-------------------------------------------------------------------------------
-- The table may change between statements: columns are resolved again
-------------------------------------------------------------------------------
ALTER TABLE bounces RENAME COLUMN email TO recipient;
INSERT INTO bounces (id, smtp_response) VALUES (30, '550 5.1.1 User unknown');
\echo :LAST_ERROR_SQLSTATE
ALTER TABLE bounces ADD COLUMN email text;
INSERT INTO bounces (id, smtp_response, email) VALUES
	(30, 'connect to mx.example.com[192.0.2.1]:25: Connection refused', 'anna@gmail.com');
SELECT id, code FROM bounces WHERE id = 30;

-------------------------------------------------------------------------------
-- Every stored code is classify_bounce() of its row, except the supplied ones
-- (6, 8, 9, 24)
-------------------------------------------------------------------------------
SELECT id, code, classify_bounce(smtp_response, coalesce(email, recipient)) AS classify_bounce
FROM bounces
WHERE code IS DISTINCT FROM classify_bounce(smtp_response, coalesce(email, recipient))
ORDER BY id;
SELECT count(*) AS rows, count(*) FILTER (WHERE code IS NOT DISTINCT FROM classify_bounce(smtp_response, coalesce(email, recipient))) AS agree
FROM bounces;

-------------------------------------------------------------------------------
-- Misuse: each an error at the first row, naming the trigger and the column
-------------------------------------------------------------------------------
CREATE TABLE misuse (id int, response text, code bounce_code, n int, t text, num numeric,
	c_gen bounce_code GENERATED ALWAYS AS (classify_bounce(t)) STORED,
	c_def bounce_code DEFAULT '0',
	c_ident int GENERATED BY DEFAULT AS IDENTITY);
CREATE VIEW misuse_view AS SELECT * FROM misuse;

-- Not called by the trigger manager.
SELECT bounce_classify_trigger();
\echo :LAST_ERROR_SQLSTATE

-- Wrong number of arguments.
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger();
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'code', 't', 't', 't');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;
-- A rule set that does not exist.
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'code', '', 'no_such_set');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;

-- A column that does not exist (names are exact: no case folding).
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('smtp_response', 'code');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'Code');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'code', 'email');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;

-- A system column.
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('ctid', 'code');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'tableoid');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;

-- A column of the wrong type.
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('n', 'code');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 't');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'num');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'code', 'n');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;

-- A generated code column (computed after BEFORE triggers), and code columns
-- with a default or an identity (they would always arrive with a code).
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'c_gen');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'c_def');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'c_ident');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;

-- Fired AFTER, FOR EACH STATEMENT, on DELETE, INSTEAD OF.
CREATE TRIGGER m AFTER INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'code');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH STATEMENT EXECUTE FUNCTION bounce_classify_trigger('response', 'code');
INSERT INTO misuse (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;
INSERT INTO misuse (id, response) VALUES (1, '550 5.1.1 User unknown');
CREATE TRIGGER m BEFORE DELETE ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'code');
DELETE FROM misuse;
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;
CREATE TRIGGER m INSTEAD OF INSERT ON misuse_view FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('response', 'code');
INSERT INTO misuse_view (id) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse_view;

-- A statement that writes no row never fires a row trigger, so a broken one
-- reports at the first row.
CREATE TRIGGER m BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION bounce_classify_trigger('nope', 'code');
INSERT INTO misuse (id) SELECT 1 WHERE false;
INSERT INTO misuse (id) VALUES (2);
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER m ON misuse;
