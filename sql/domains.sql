-- Domains and providers: bounce_domain(), bounce_provider(),
-- bounce_remote_provider() and the bounce_domain_health() aggregate.
SET timezone = 'UTC';

-------------------------------------------------------------------------------
-- bounce_domain: lower case, IDNA A-labels, NULL for no address
-------------------------------------------------------------------------------
SELECT a AS address, bounce_domain(a) AS domain
FROM (VALUES ('Anna@Gmail.COM'), ('  <bo@example.se>  '), ('"a@b"@example.org'),
             ('jürgen@bücher.example'), ('JÜRGEN@BÜCHER.EXAMPLE'), ('user@xn--bcher-kva.example'),
             ('user@XN--BCHER-KVA.example'), ('user@пример.рф'), ('user@ПРИМЕР.РФ'), ('user@例え。jp'),
             ('user@ｅｘａｍｐｌｅ．ｃｏｍ'), ('user@faß.de'), ('user@example.com.'),
             ('anna'), ('@example.com'), ('anna@'), ('an na@example.com'), ('anna@exa mple.com'),
             ('anna@[192.0.2.1]'), ('anna@localhost'), ('anna@192.0.2.1'), ('anna@a..example.com'),
             ('anna@-a.example.com'), ('anna@ab--c.example.com'), ('anna@xn--bcher-kv!.example'),
             ('anna@xn--abc-.example'), ('anna@a☃b.example'), ('Anna <anna@example.com>'), ('')) v(a);
-- A Unicode domain and its xn-- form are the same value.
SELECT bounce_domain('a@bücher.example') = bounce_domain('b@xn--bcher-kva.example') AS same;
-- NULL in, NULL out.
SELECT bounce_domain(NULL) IS NULL AS null_in_null_out;
-- 63 bytes a label, 253 a name.
SELECT bounce_domain('a@' || repeat('a', 63) || '.com') IS NOT NULL AS label_63,
       bounce_domain('a@' || repeat('a', 64) || '.com') IS NULL AS label_64,
       length(bounce_domain('a@' || repeat(repeat('a', 63) || '.', 3) || repeat('a', 61))) AS name_253,
       bounce_domain('a@' || repeat(repeat('a', 63) || '.', 3) || repeat('a', 62)) IS NULL AS name_254;

-------------------------------------------------------------------------------
-- bounce_provider: the built-in table, else the domain
-------------------------------------------------------------------------------
SELECT a AS address_or_domain, bounce_provider(a) AS provider
FROM (VALUES ('anna@gmail.com'), ('anna@GoogleMail.com'), ('anna@hotmail.co.uk'), ('anna@outlook.com'),
             ('anna@live.se'), ('anna@msn.com'), ('anna@yahoo.co.jp'), ('anna@ymail.com'), ('anna@aol.com'),
             ('anna@icloud.com'), ('anna@me.com'), ('anna@gmx.de'), ('anna@web.de'), ('anna@orange.fr'),
             ('anna@wanadoo.fr'), ('anna@free.fr'), ('anna@mail.ru'), ('anna@bk.ru'), ('anna@yandex.ru'),
             ('anna@qq.com'), ('anna@163.com'), ('anna@comcast.net'), ('anna@t-online.de'),
             ('anna@telia.com'), ('gmail.com'), ('GMAIL.COM.'), ('mail.gmail.com'), ('anna@arcor.de'),
             ('anna@corp.example'), ('Corp.Example'), ('anna@bücher.example'), ('notgmail.com'),
             ('gmail.com.evil.example'), ('anna'), ('not a domain'), ('')) v(a);

-------------------------------------------------------------------------------
-- bounce_remote_provider: who runs the server the bounce names
-------------------------------------------------------------------------------
SELECT m AS message, bounce_remote_provider(m) AS remote_provider
FROM (VALUES
	('<anna@corp.example>: host aspmx.l.google.com[142.250.1.26] said: 550-5.1.1 The email account that you tried to reach does not exist'),
	('<anna@corp.example>: host corp-example.mail.protection.outlook.com[52.101.1.1] said: 550 5.4.1 Recipient address rejected: Access denied'),
	('connect to mx1.corp.example.pphosted.com[192.0.2.5]:25: Connection timed out'),
	('host eu-smtp-inbound-1.mimecast.com[192.0.2.6] said: 451 Internal resource temporarily unavailable'),
	('host mta5.am0.yahoodns.net[67.195.1.1] said: 421 4.7.0 [TSS04] Messages temporarily deferred'),
	('host mx.corp.example[192.0.2.7] said: 550 5.1.1 User unknown'),
	('550 5.7.1 blocked, see https://support.google.com/mail/answer/81126'),
	('550 5.1.1 <anna@example.com>: Recipient address rejected: User unknown'),
	('')) v(m);
-- A DSN: the Remote-MTA field outranks a host in the prose.
SELECT bounce_remote_provider(E'From: MAILER-DAEMON@mta.example.net\r\nSubject: Undelivered Mail\r\n'
	'Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n'
	'--b\r\nContent-Type: text/plain\r\n\r\nhost mx.example.com said: 550 no such user\r\n'
	'--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mta.example.net\r\n\r\n'
	'Final-Recipient: rfc822; anna@corp.example\r\nAction: failed\r\nStatus: 5.1.1\r\n'
	'Remote-MTA: dns; corp-example.mail.protection.outlook.com\r\n--b--\r\n') AS remote_mta_field;
-- Grouping a company domain hosted at Microsoft 365 with Microsoft.
SELECT coalesce(bounce_remote_provider(response), bounce_provider(email)) AS provider, count(*)
FROM (VALUES ('anna@corp.example', 'host corp-example.mail.protection.outlook.com[52.101.1.1] said: 550 5.1.10 RESOLVER.ADR.RecipientNotFound'),
             ('bo@hotmail.com', '550 5.5.0 Requested action not taken: mailbox unavailable'),
             ('cid@smallco.example', '550 5.1.1 User unknown')) v(email, response)
GROUP BY 1 ORDER BY 1;

-------------------------------------------------------------------------------
-- bounce_domain_health: one domain per state and clause of the rule
-------------------------------------------------------------------------------
CREATE TABLE cases (domain text, code bounce_code, at timestamptz);
INSERT INTO cases VALUES
	-- Four problems are too few (min_events 5).
	('four failures', '29', '2024-03-01'), ('four failures', '29', '2024-03-02'),
	('four failures', '29', '2024-03-03'), ('four failures', '29', '2024-03-04'),
	-- Five connection failures, no success ever: the domain does not work.
	('dead', '29', '2024-03-01'), ('dead', '29', '2024-03-02'), ('dead', '21', '2024-03-03'),
	('dead', '29', '2024-03-04'), ('dead', '29', '2024-03-05'),
	-- A success 8 days before the last failure is not recent: still unreachable.
	('old success', '0', '2024-02-25'), ('old success', '29', '2024-03-01'), ('old success', '29', '2024-03-02'),
	('old success', '29', '2024-03-03'), ('old success', '29', '2024-03-04'), ('old success', '29', '2024-03-04'),
	-- Exactly 7 days before: recent; it works and refuses our connections: blocking.
	('refuses connections', '0', '2024-02-26'), ('refuses connections', '29', '2024-03-01'),
	('refuses connections', '29', '2024-03-02'), ('refuses connections', '29', '2024-03-03'),
	('refuses connections', '29', '2024-03-04'), ('refuses connections', '29', '2024-03-04'),
	-- Blocks dominate: a large domain blocking us.
	('blocks', '59', '2024-03-01'), ('blocks', '51', '2024-03-02'), ('blocks', '52', '2024-03-03'),
	('blocks', '50', '2024-03-04'), ('blocks', '54', '2024-03-05'), ('blocks', '0', '2024-03-05'),
	-- Rate limits dominate.
	('throttles', '70', '2024-03-01'), ('throttles', '20', '2024-03-01'), ('throttles', '70', '2024-03-02'),
	('throttles', '70', '2024-03-03'), ('throttles', '29', '2024-03-04'),
	-- No kind reaches 60% of the problems.
	('mixed', '70', '2024-03-01'), ('mixed', '70', '2024-03-01'), ('mixed', '29', '2024-03-02'),
	('mixed', '29', '2024-03-03'), ('mixed', '51', '2024-03-04'), ('mixed', '51', '2024-03-05'),
	-- Five blocks, six successes: most mail gets through.
	('most delivered', '51', '2024-03-01'), ('most delivered', '51', '2024-03-01'), ('most delivered', '51', '2024-03-01'),
	('most delivered', '51', '2024-03-01'), ('most delivered', '51', '2024-03-01'), ('most delivered', '0', '2024-03-01'),
	('most delivered', '0', '2024-03-01'), ('most delivered', '60', '2024-03-01'), ('most delivered', '100', '2024-03-01'),
	('most delivered', '200', '2024-03-01'), ('most delivered', '0', '2024-03-01'),
	-- Codes about addresses and the platform are no problem of the domain.
	('address codes', '10', '2024-03-01'), ('address codes', '22', '2024-03-01'), ('address codes', '90', '2024-03-01'),
	('address codes', '110', '2024-03-01'), ('address codes', '123', '2024-03-01'), ('address codes', '40', '2024-03-01'),
	-- Rows with a NULL code or time are ignored; only such rows: NULL.
	('nulls', NULL, '2024-03-01'), ('nulls', '29', NULL),
	('some nulls', NULL, '2024-03-01'), ('some nulls', '51', '2024-03-01');

SELECT domain, (bounce_domain_health(code, at)).*
FROM cases GROUP BY domain ORDER BY domain;

-- Shuffled input and ORDER BY inside the call change nothing.
SELECT count(*) AS differ_when_ordered
FROM (SELECT domain, bounce_domain_health(code, at) AS h,
             bounce_domain_health(code, at ORDER BY at DESC) AS by_time_desc,
             bounce_domain_health(code, at ORDER BY md5(domain || code::text || at::text)) AS shuffled
      FROM cases GROUP BY domain) s
WHERE h IS DISTINCT FROM by_time_desc OR h IS DISTINCT FROM shuffled;

-- Each parameter: min_events, window, problem_share, dominant_share.
SELECT domain,
       (bounce_domain_health(code, at)).state AS defaults,
       (bounce_domain_health(code, at, 4, '7 days', 0.5, 0.6)).state AS min_events_4,
       (bounce_domain_health(code, at, 5, '8 days', 0.5, 0.6)).state AS window_8_days,
       (bounce_domain_health(code, at, 5, '6 days 23:59:59', 0.5, 0.6)).state AS window_under_7_days,
       (bounce_domain_health(code, at, 5, '7 days', 0.4, 0.6)).state AS problem_share_04,
       (bounce_domain_health(code, at, 5, '7 days', 0.5, 0.3)).state AS dominant_share_03,
       (bounce_domain_health(code, at, 5, '7 days', 0.5, 1)).state AS dominant_share_1
FROM cases GROUP BY domain ORDER BY domain;

-- Parameters out of range, NULL, or not the same on every row of a group: 22023.
\set VERBOSITY sqlstate
SELECT bounce_domain_health(code, at, 0, '7 days', 0.5, 0.6) FROM cases;
SELECT bounce_domain_health(code, at, 5, '-1 day', 0.5, 0.6) FROM cases;
SELECT bounce_domain_health(code, at, 5, '7 days', 1.5, 0.6) FROM cases;
SELECT bounce_domain_health(code, at, 5, '7 days', 0.5, -0.1) FROM cases;
SELECT bounce_domain_health(code, at, 5, '7 days', 'NaN', 0.6) FROM cases;
SELECT bounce_domain_health(code, at, NULL, '7 days', 0.5, 0.6) FROM cases;
SELECT bounce_domain_health(code, at, 5, NULL, 0.5, 0.6) FROM cases;
SELECT bounce_domain_health(code, at, CASE WHEN domain = 'dead' THEN 6 ELSE 5 END, '7 days', 0.5, 0.6) FROM cases;
\set VERBOSITY default
SELECT bounce_domain_health(code, at, 5, '7 days', 1.5, 0.6) FROM cases;
-- Parameters are checked only on rows: an empty group is NULL, whatever they are.
SELECT bounce_domain_health(code, at, 0, '-1 day', 7, 7) IS NULL AS no_rows_no_check FROM cases WHERE false;

-------------------------------------------------------------------------------
-- A larger history: 200000 rows for 2000 domains, few distinct instants (ties
-- at the extremes are common), some NULL codes and times.
-------------------------------------------------------------------------------
CREATE TABLE big (id int, domain text, code bounce_code, at timestamptz);
INSERT INTO big
SELECT i, 'd' || (abs(hashint4(i)) % 2000) || '.example',
       CASE WHEN i % 97 = 0 THEN NULL
            ELSE ('{0,0,0,60,100,200,10,22,20,70,70,21,29,29,29,50,51,52,59,59,123,40}'::bounce_code[])
                 [1 + abs(hashint4(i + 1000000)) % 22] END,
       CASE WHEN i % 89 = 0 THEN NULL
            ELSE '2024-01-01'::timestamptz + (abs(hashint4(i + 2000000)) % 60) * interval '12 hours' END
FROM generate_series(1, 200000) i;
-- 50 domains of one problem code each (29, 51, 70, 0, 21 in turn), half of them
-- with successes 20 days apart, so that every state occurs.
INSERT INTO big
SELECT 300000 + i, 'skew' || (i % 50) || '.example',
       (ARRAY['29', '51', '70', '0', '21']::bounce_code[])[1 + (i % 50) % 5],
       '2024-01-01'::timestamptz + (abs(hashint4(i)) % 60) * interval '12 hours'
FROM generate_series(1, 5000) i;
INSERT INTO big
SELECT 400000 + i, 'skew' || (i % 50) || '.example', '0', '2024-01-01'::timestamptz + (i % 3) * interval '20 days'
FROM generate_series(1, 100) i WHERE i % 50 < 25;
INSERT INTO big VALUES (0, 'nulls.example', NULL, '2024-01-01'), (-1, 'nulls.example', '29', NULL);
ANALYZE big;

-- The rule written independently in plain SQL.
CREATE VIEW big_by_sql AS
WITH counted AS (
	SELECT domain,
	       count(*) FILTER (WHERE code IS NOT NULL AND at IS NOT NULL) AS events,
	       count(*) FILTER (WHERE code IN ('0', '60', '100', '200') AND at IS NOT NULL) AS successes,
	       count(*) FILTER (WHERE code IN ('21', '29') AND at IS NOT NULL) AS unreachable,
	       count(*) FILTER (WHERE code IN ('50', '51', '52', '53', '54', '59') AND at IS NOT NULL) AS blocks,
	       count(*) FILTER (WHERE code IN ('20', '70') AND at IS NOT NULL) AS throttles,
	       min(at) FILTER (WHERE code IN ('21', '29', '50', '51', '52', '53', '54', '59', '20', '70')) AS first_problem,
	       max(at) FILTER (WHERE code IN ('21', '29', '50', '51', '52', '53', '54', '59', '20', '70')) AS last_problem,
	       max(at) FILTER (WHERE code IN ('0', '60', '100', '200')) AS last_success
	FROM big GROUP BY domain
), judged AS (
	SELECT *, unreachable + blocks + throttles AS problems FROM counted WHERE events > 0
)
SELECT domain,
       ROW(CASE WHEN problems < 5 OR problems < 0.5 * (problems + successes) THEN 'healthy'
                WHEN blocks >= 0.6 * problems THEN 'blocking'
                WHEN unreachable >= 0.6 * problems THEN
                     CASE WHEN last_success >= last_problem - interval '7 days' THEN 'blocking' ELSE 'unreachable' END
                WHEN throttles >= 0.6 * problems THEN 'throttling'
                ELSE 'mixed' END,
           events, successes, unreachable, blocks, throttles, events - successes - problems,
           CASE WHEN problems + successes > 0 THEN blocks::float8 / (problems + successes) END,
           first_problem, last_problem, last_success)::bounce_health AS h
FROM judged;

SET max_parallel_workers_per_gather = 0;
CREATE TABLE big_serial AS
SELECT domain, bounce_domain_health(code, at) AS h, bounce_domain_health(code, at, 3, '2 days', 0.3, 0.5) AS h2
FROM big GROUP BY domain;
SELECT (h).state, count(*) FROM big_serial GROUP BY 1 ORDER BY 1;
SELECT count(*) AS differ_from_sql
FROM big_serial s FULL JOIN big_by_sql q USING (domain)
WHERE s.h IS DISTINCT FROM q.h;
SELECT count(*) AS differ_when_ordered
FROM big_serial s
JOIN (SELECT domain, bounce_domain_health(code, at ORDER BY at) AS by_time,
             bounce_domain_health(code, at ORDER BY md5(id::text)) AS shuffled
      FROM big GROUP BY domain) o USING (domain)
WHERE s.h IS DISTINCT FROM o.by_time OR s.h IS DISTINCT FROM o.shuffled;

-- Forced parallel plans: partial states built in workers, serialized, combined in the leader.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT domain, bounce_domain_health(code, at) FROM big GROUP BY domain;
CREATE TABLE big_parallel_hash AS
SELECT domain, bounce_domain_health(code, at) AS h, bounce_domain_health(code, at, 3, '2 days', 0.3, 0.5) AS h2
FROM big GROUP BY domain;
RESET enable_sort;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT domain, bounce_domain_health(code, at) FROM big GROUP BY domain;
CREATE TABLE big_parallel_sort AS
SELECT domain, bounce_domain_health(code, at) AS h, bounce_domain_health(code, at, 3, '2 days', 0.3, 0.5) AS h2
FROM big GROUP BY domain;
RESET enable_hashagg;
-- One group over the whole table, split between the workers.
EXPLAIN (COSTS OFF) SELECT bounce_domain_health(code, at) FROM big;
CREATE TABLE big_parallel_one AS SELECT bounce_domain_health(code, at) AS h FROM big;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;

SELECT (SELECT count(*) FROM big_serial) AS serial,
       (SELECT count(*) FROM (TABLE big_serial EXCEPT TABLE big_parallel_hash) d) AS serial_not_hash,
       (SELECT count(*) FROM (TABLE big_parallel_hash EXCEPT TABLE big_serial) d) AS hash_not_serial,
       (SELECT count(*) FROM (TABLE big_serial EXCEPT TABLE big_parallel_sort) d) AS serial_not_sort,
       (SELECT count(*) FROM (TABLE big_parallel_sort EXCEPT TABLE big_serial) d) AS sort_not_serial;
SELECT p.h = s.h AS one_group_same, (s.h).events AS events
FROM big_parallel_one p, (SELECT bounce_domain_health(code, at) AS h FROM big) s;

-- Sliding window frames (the moving aggregate takes rows out as the frame
-- moves) give what aggregating each frame afresh gives.
CREATE TABLE slide AS
SELECT id, domain, code, at, row_number() OVER (PARTITION BY domain ORDER BY at, code, id) AS rn
FROM big WHERE (domain COLLATE "C" < 'd12' OR domain LIKE 'skew%') AND at IS NOT NULL;

SELECT count(*) AS rows,
       count(*) FILTER (WHERE w.h IS DISTINCT FROM f.h) AS rows_frame_differs,
       count(*) FILTER (WHERE w.h IS NULL) AS empty_frames,
       count(DISTINCT (w.h).state) AS states_seen
FROM (SELECT id, bounce_domain_health(code, at, 2, '1 day', 0.5, 0.6)
                 OVER (PARTITION BY domain ORDER BY at, code, id ROWS BETWEEN 9 PRECEDING AND 1 PRECEDING) AS h
      FROM slide) w
JOIN (SELECT s1.id, bounce_domain_health(s2.code, s2.at, 2, '1 day', 0.5, 0.6) AS h
      FROM slide s1 LEFT JOIN slide s2 ON s2.domain = s1.domain AND s2.rn BETWEEN s1.rn - 9 AND s1.rn - 1
      GROUP BY s1.id) f USING (id);

SELECT count(*) AS rows,
       count(*) FILTER (WHERE w.h IS DISTINCT FROM f.h) AS range_frame_differs,
       count(DISTINCT (w.h).state) AS states_seen
FROM (SELECT id, bounce_domain_health(code, at) OVER (PARTITION BY domain ORDER BY at
                                                     RANGE BETWEEN '3 days' PRECEDING AND CURRENT ROW) AS h
      FROM slide) w
JOIN (SELECT s1.id, bounce_domain_health(s2.code, s2.at) AS h
      FROM slide s1 JOIN slide s2 ON s2.domain = s1.domain AND s2.at BETWEEN s1.at - interval '3 days' AND s1.at
      GROUP BY s1.id) f USING (id);

RESET max_parallel_workers_per_gather;

-- The tests that follow in this database have tables of these names.
DROP VIEW big_by_sql;
DROP TABLE cases, big, big_serial, big_parallel_hash, big_parallel_sort, big_parallel_one, slide;
