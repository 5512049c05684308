-- Address invalidity from bounce history: bounce_invalid() and bounce_verdict().
SET timezone = 'UTC';

-- One address per clause of the rule.
CREATE TABLE cases (address text, code bounce_code, at timestamptz);
INSERT INTO cases VALUES
	-- A hard bounce (10, 90) is invalid at once.
	('hard 10', '10', '2024-01-01'),
	('hard 90', '90', '2024-01-01'),
	-- A later reset (0, 60, 100) clears it; an earlier one does not.
	('hard, then reset 0', '10', '2024-01-01'), ('hard, then reset 0', '0', '2024-01-02'),
	('hard, then reset 60', '10', '2024-01-01'), ('hard, then reset 60', '60', '2024-01-02'),
	('hard, then reset 100', '90', '2024-01-01'), ('hard, then reset 100', '100', '2024-01-02'),
	('reset, then hard', '0', '2024-01-01'), ('reset, then hard', '10', '2024-01-02'),
	-- Only the latest reset counts.
	('resets around hards', '60', '2024-01-01'), ('resets around hards', '10', '2024-01-02'),
	('resets around hards', '0', '2024-01-03'), ('resets around hards', '90', '2024-01-04'),
	('resets around hards', '100', '2024-01-05'),
	-- An event at the same instant as a reset counts as after it.
	('hard at the reset''s instant', '10', '2024-01-05 12:00'), ('hard at the reset''s instant', '0', '2024-01-05 12:00'),
	('softs from the reset''s instant', '20', '2024-01-01'), ('softs from the reset''s instant', '0', '2024-01-03'),
	('softs from the reset''s instant', '21', '2024-01-03'), ('softs from the reset''s instant', '22', '2024-01-10'),
	('softs from the reset''s instant', '29', '2024-01-18'),
	-- Exactly soft_limit (3) softs: a span of exactly 15 days is enough ...
	('3 softs over 15 days', '20', '2024-01-01'), ('3 softs over 15 days', '21', '2024-01-08'),
	('3 softs over 15 days', '22', '2024-01-16'),
	-- ... one microsecond less is not.
	('3 softs over 15 days - 1us', '20', '2024-01-01 00:00:00.000001'), ('3 softs over 15 days - 1us', '21', '2024-01-08'),
	('3 softs over 15 days - 1us', '22', '2024-01-16'),
	-- Two softs are not enough, however far apart.
	('2 softs over a year', '29', '2023-01-01'), ('2 softs over a year', '29', '2024-01-01'),
	-- A reset between the softs leaves too few.
	('softs cut by a reset', '20', '2024-01-01'), ('softs cut by a reset', '20', '2024-01-10'),
	('softs cut by a reset', '60', '2024-01-11'), ('softs cut by a reset', '21', '2024-01-20'),
	('softs cut by a reset', '22', '2024-02-20'),
	-- Other and NA codes interleaved neither count nor reset.
	('softs among others', '20', '2024-01-01'), ('softs among others', '51', '2024-01-02'),
	('softs among others', '23', '2024-01-03'), ('softs among others', '21', '2024-01-08'),
	('softs among others', '59', '2024-01-09'), ('softs among others', '200', '2024-01-10'),
	('softs among others', '122', '2024-01-12'), ('softs among others', '22', '2024-01-16'),
	('softs among others', '40', '2024-01-17'),
	('hard among others', '10', '2024-01-01'), ('hard among others', '50', '2024-01-02'),
	('hard among others', '70', '2024-01-03'), ('hard among others', '123', '2024-01-04'),
	-- A repeated (code, time) pair is one piece of evidence; another code at that instant is another.
	('repeated pairs', '20', '2024-01-01'), ('repeated pairs', '20', '2024-01-01'),
	('repeated pairs', '20', '2024-01-20'), ('repeated pairs', '20', '2024-01-20'),
	('two codes at one instant', '20', '2024-01-01'), ('two codes at one instant', '21', '2024-01-01'),
	('two codes at one instant', '20', '2024-01-20'),
	-- Hard wins over soft as the reason.
	('hard and softs', '20', '2024-01-01'), ('hard and softs', '21', '2024-01-08'),
	('hard and softs', '22', '2024-01-16'), ('hard and softs', '10', '2024-01-17'),
	-- Rows without evidence: valid.
	('others only', '51', '2024-01-01'), ('others only', '200', '2024-01-02'),
	('resets only', '0', '2024-01-01'), ('resets only', '100', '2024-01-02'),
	-- Rows with a NULL code or time are ignored.
	('nulls ignored', NULL, '2024-01-01'), ('nulls ignored', '10', NULL), ('nulls ignored', '51', '2024-01-03'),
	('nulls only', NULL, '2024-01-01'), ('nulls only', '10', NULL), ('nulls only', NULL, NULL);

-- Each case's verdict, field by field; bounce_invalid is the verdict's first field.
SELECT address, (v).invalid, (v).reason, (v).hard_bounces AS hard, (v).soft_bounces AS soft,
       (v).first_soft, (v).last_soft, (v).last_reset, invalid IS NOT DISTINCT FROM (v).invalid AS same
FROM (SELECT address, bounce_invalid(code, at) AS invalid, bounce_verdict(code, at) AS v
      FROM cases GROUP BY address) s
ORDER BY address;

-- The whole composite, as reports show it.
SELECT bounce_verdict(code, at) FROM cases WHERE address = 'softs from the reset''s instant';

-- No rows: NULL, like bool_or.
SELECT bounce_invalid(code, at) IS NULL AS invalid_null, bounce_verdict(code, at) IS NULL AS verdict_null
FROM cases WHERE false;

-- The four-argument form: the defaults give the two-argument answers.
SELECT count(*) AS groups,
       count(*) FILTER (WHERE a IS NOT DISTINCT FROM b) AS same_invalid,
       count(*) FILTER (WHERE va IS NOT DISTINCT FROM vb) AS same_verdict
FROM (SELECT address, bounce_invalid(code, at) AS a, bounce_invalid(code, at, 3, '15 days') AS b,
             bounce_verdict(code, at) AS va, bounce_verdict(code, at, 3, '15 days') AS vb
      FROM cases GROUP BY address) s;

-- Other rules: one soft at all; two softs 30 days (a month) apart.
SELECT address, bounce_invalid(code, at, 1, '0') AS one_soft,
       bounce_invalid(code, at, 2, '1 month') AS two_a_month,
       bounce_invalid(code, at, 2, '30 days') AS two_30_days,
       bounce_invalid(code, at, 2, '30 days 00:00:00.000001') AS two_30_days_1us,
       bounce_invalid(code, at, 4, '0') AS four_softs
FROM (VALUES ('a', '22'::bounce_code, '2024-01-01'::timestamptz), ('a', '22', '2024-01-31'),
             ('b', '21', '2024-01-01'), ('b', '29', '2024-01-30 23:59:59.999999'),
             ('c', '51', '2024-01-01')) v(address, code, at)
GROUP BY address ORDER BY address;

-- A span with mixed signs counts months as 30 days and days as 24 hours, as
-- interval comparison does: the first two are 23 hours, the third 23:01.
SELECT bounce_invalid(code, at, 2, '1 day -1 hour') AS "1 day -1 hour",
       bounce_invalid(code, at, 2, '1 month -29 days -1 hour') AS "1 month -29 days -1 hour",
       bounce_invalid(code, at, 2, '1 day -59 minutes') AS "1 day -59 minutes"
FROM (VALUES ('20'::bounce_code, '2024-01-01 00:00'::timestamptz), ('20', '2024-01-01 23:00')) v(code, at);

-- Bad parameters: error 22023, each on its own.
SELECT bounce_invalid(code, at, 0, '15 days') FROM cases;
\echo :LAST_ERROR_SQLSTATE
SELECT bounce_invalid(code, at, -1, '15 days') FROM cases;
\echo :LAST_ERROR_SQLSTATE
SELECT bounce_verdict(code, at, 3, '-1 second') FROM cases;
\echo :LAST_ERROR_SQLSTATE
SELECT bounce_invalid(code, at, 3, '-1 month +29 days') FROM cases;
\echo :LAST_ERROR_SQLSTATE
SELECT bounce_invalid(code, at, NULL, '15 days') FROM cases;
\echo :LAST_ERROR_SQLSTATE
SELECT bounce_verdict(code, at, 3, NULL) FROM cases;
\echo :LAST_ERROR_SQLSTATE
SELECT bounce_invalid(code, at, 3, '100000000 years') FROM cases;
\echo :LAST_ERROR_SQLSTATE
-- ... also on rows that are ignored, since the parameters are wrong whatever the data.
SELECT bounce_invalid(code, at, 0, '15 days') FROM cases WHERE address = 'nulls only';
\echo :LAST_ERROR_SQLSTATE
-- ... and the rule must be the same on every row of a group.
SELECT bounce_invalid(code, at, n, '15 days')
FROM (VALUES ('10'::bounce_code, '2024-01-01'::timestamptz, 3), ('20', '2024-01-02', 4)) v(code, at, n);
\echo :LAST_ERROR_SQLSTATE
-- No rows: the parameters are never read.
SELECT bounce_invalid(code, at, 0, '-1 day') FROM cases WHERE false;

-- The support functions take internal: SQL cannot call them at all, since no
-- SQL expression yields an internal value.  Each of the extension's functions
-- with an internal argument is called with a NULL::internal for it; the server
-- refuses the cast (42846 cannot_coerce, or 0A000 feature_not_supported from
-- the minor releases that reject the internal type's input first).
DO $$
DECLARE
	f regprocedure;
	args text;
BEGIN
	FOR f, args IN
		SELECT p.oid::regprocedure,
		       string_agg(format('NULL::%s', format_type(t.type, NULL)), ', ' ORDER BY t.n)
		FROM pg_proc p
		JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
		CROSS JOIN unnest(p.proargtypes::oid[]) WITH ORDINALITY t(type, n)
		WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'bouncecode')
		  AND 'internal'::regtype = ANY (p.proargtypes::oid[])
		GROUP BY p.oid
		ORDER BY p.oid::regprocedure::text
	LOOP
		BEGIN
			EXECUTE format('SELECT %s(%s)', f::oid::regproc, args);
			RAISE NOTICE '% was called from SQL', f;
		EXCEPTION WHEN cannot_coerce OR feature_not_supported THEN
			RAISE NOTICE '% cannot be called from SQL', f;
		END;
	END LOOP;
END
$$;

-- As a window function: when did each address become invalid?
SELECT address, at, code, bounce_invalid(code, at) OVER w AS invalid,
       (bounce_verdict(code, at) OVER w).reason
FROM cases WHERE address IN ('3 softs over 15 days', 'hard, then reset 0', 'softs cut by a reset')
WINDOW w AS (PARTITION BY address ORDER BY at)
ORDER BY address, at;

-------------------------------------------------------------------------------
-- A larger history: 200000 rows for 10000 addresses, few distinct instants so
-- that ties and repeated pairs are common, some NULL codes and times.
-------------------------------------------------------------------------------
CREATE TABLE big (id int, address text, code bounce_code, at timestamptz);
INSERT INTO big
SELECT i, 'addr' || (abs(hashint4(i)) % 10000),
       CASE WHEN i % 97 = 0 THEN NULL
            ELSE ('{0,60,100,10,90,20,21,22,29,20,21,22,29,23,51,59,200,122,40,70}'::bounce_code[])
                 [1 + abs(hashint4(i + 1000000)) % 20] END,
       CASE WHEN i % 89 = 0 THEN NULL
            ELSE '2024-01-01'::timestamptz + (abs(hashint4(i + 2000000)) % 120) * interval '12 hours' END
FROM generate_series(1, 200000) i;
-- An address whose rows are all ignored.
INSERT INTO big VALUES (0, 'nulls', NULL, '2024-01-01'), (-1, 'nulls', '10', NULL);
ANALYZE big;

-- The rule written independently in plain SQL, with every field of the verdict.
CREATE VIEW big_by_sql AS
WITH events AS (
	SELECT DISTINCT address, code, at FROM big WHERE code IS NOT NULL AND at IS NOT NULL
), resets AS (
	SELECT address, max(at) FILTER (WHERE code IN ('0', '60', '100')) AS last_reset
	FROM events GROUP BY address
), counted AS (
	SELECT address, r.last_reset,
	       count(*) FILTER (WHERE bounce_is_hard(code) AND (at >= r.last_reset OR r.last_reset IS NULL)) AS hard,
	       count(*) FILTER (WHERE bounce_is_soft(code) AND (at >= r.last_reset OR r.last_reset IS NULL)) AS soft,
	       min(at) FILTER (WHERE bounce_is_soft(code) AND (at >= r.last_reset OR r.last_reset IS NULL)) AS first_soft,
	       max(at) FILTER (WHERE bounce_is_soft(code) AND (at >= r.last_reset OR r.last_reset IS NULL)) AS last_soft
	FROM events JOIN resets r USING (address)
	GROUP BY address, r.last_reset
)
SELECT address,
       ROW(hard > 0 OR (soft >= 3 AND last_soft - first_soft >= interval '15 days'),
           CASE WHEN hard > 0 THEN 'hard'
                WHEN soft >= 3 AND last_soft - first_soft >= interval '15 days' THEN 'soft' END,
           hard, soft, first_soft, last_soft, last_reset)::bounce_verdict AS v
FROM counted;

-- Serial results, kept to compare the other plans and orders with.
SET max_parallel_workers_per_gather = 0;
CREATE TABLE big_serial AS
SELECT address, bounce_invalid(code, at) AS invalid, bounce_verdict(code, at) AS v,
       bounce_verdict(code, at, 2, '5 days') AS v2
FROM big GROUP BY address;

-- They are the SQL rule's on every address (the SQL has no row for the address whose rows are all NULL).
SELECT count(*) AS addresses,
       count(*) FILTER (WHERE v IS NULL) AS without_events,
       count(*) FILTER (WHERE (v).reason = 'hard') AS hard,
       count(*) FILTER (WHERE (v).reason = 'soft') AS soft,
       count(*) FILTER (WHERE NOT (v).invalid) AS valid,
       count(*) FILTER (WHERE invalid IS DISTINCT FROM (v).invalid) AS invalid_differs,
       count(*) FILTER (WHERE (v2).invalid) AS invalid_by_2_in_5_days
FROM big_serial;
SELECT count(*) AS differ_from_sql
FROM big_serial s FULL JOIN big_by_sql q USING (address)
WHERE s.v IS DISTINCT FROM q.v;

-- Shuffled input and ORDER BY inside the call change nothing.
SELECT count(*) AS differ_when_ordered
FROM big_serial s
JOIN (SELECT address, bounce_verdict(code, at ORDER BY at) AS by_time,
             bounce_verdict(code, at ORDER BY at DESC, code) AS by_time_desc,
             bounce_verdict(code, at ORDER BY md5(id::text)) AS shuffled,
             bounce_verdict(code, at ORDER BY md5(id::text) DESC) AS shuffled_back
      FROM big GROUP BY address) o USING (address)
WHERE s.v IS DISTINCT FROM o.by_time OR s.v IS DISTINCT FROM o.by_time_desc
   OR s.v IS DISTINCT FROM o.shuffled OR s.v IS DISTINCT FROM o.shuffled_back;

-- A forced parallel plan: partial states are built in workers, serialized,
-- deserialized and combined in the leader.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

-- Hash aggregation in the workers and the leader.
SET enable_sort = off;
EXPLAIN (COSTS OFF)
SELECT address, bounce_invalid(code, at), bounce_verdict(code, at) FROM big GROUP BY address;
CREATE TABLE big_parallel_hash AS
SELECT address, bounce_invalid(code, at) AS invalid, bounce_verdict(code, at) AS v,
       bounce_verdict(code, at, 2, '5 days') AS v2
FROM big GROUP BY address;
RESET enable_sort;

-- Sorted aggregation in the workers and the leader.
SET enable_hashagg = off;
EXPLAIN (COSTS OFF)
SELECT address, bounce_invalid(code, at), bounce_verdict(code, at) FROM big GROUP BY address;
CREATE TABLE big_parallel_sort AS
SELECT address, bounce_invalid(code, at) AS invalid, bounce_verdict(code, at) AS v,
       bounce_verdict(code, at, 2, '5 days') AS v2
FROM big GROUP BY address;
RESET enable_hashagg;

-- One group over the whole table, split between the workers.
EXPLAIN (COSTS OFF) SELECT bounce_verdict(code, at) FROM big WHERE address COLLATE "C" < 'addr2';
CREATE TABLE big_parallel_one AS SELECT bounce_verdict(code, at) AS v FROM big WHERE address COLLATE "C" < 'addr2';

RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;

-- Hash aggregation that spills to disk (tiny work_mem) starts groups over in
-- later batches; still the same answers.
SET enable_sort = off;
SET work_mem = '64kB';
SET hash_mem_multiplier = 1;
CREATE FUNCTION hash_batches(query text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF, FORMAT JSON) ' || query INTO plan;
	RETURN (plan -> 0 -> 'Plan' ->> 'HashAgg Batches')::int;
END
$$;
SELECT hash_batches('SELECT address, bounce_verdict(code, at) FROM big GROUP BY address') > 1 AS spilled;
CREATE TABLE big_spilled AS
SELECT address, bounce_invalid(code, at) AS invalid, bounce_verdict(code, at) AS v,
       bounce_verdict(code, at, 2, '5 days') AS v2
FROM big GROUP BY address;
RESET enable_sort;
RESET work_mem;
RESET hash_mem_multiplier;

-- Exactly the serial results, both ways.
SELECT (SELECT count(*) FROM big_serial) AS serial,
       (SELECT count(*) FROM (TABLE big_serial EXCEPT TABLE big_parallel_hash) d) AS serial_not_hash,
       (SELECT count(*) FROM (TABLE big_parallel_hash EXCEPT TABLE big_serial) d) AS hash_not_serial,
       (SELECT count(*) FROM (TABLE big_serial EXCEPT TABLE big_parallel_sort) d) AS serial_not_sort,
       (SELECT count(*) FROM (TABLE big_parallel_sort EXCEPT TABLE big_serial) d) AS sort_not_serial,
       (SELECT count(*) FROM (TABLE big_serial EXCEPT TABLE big_spilled) d) AS serial_not_spilled,
       (SELECT count(*) FROM (TABLE big_spilled EXCEPT TABLE big_serial) d) AS spilled_not_serial;
SELECT p.v IS NOT DISTINCT FROM s.v AS one_group_same, (s.v).hard_bounces > 0 AS has_hard
FROM big_parallel_one p, (SELECT bounce_verdict(code, at) AS v FROM big WHERE address COLLATE "C" < 'addr2') s;

-- Sliding window frames (the moving aggregate takes rows out as the frame
-- moves) give what aggregating each frame afresh gives.
CREATE TABLE slide AS
SELECT id, address, code, at,
       row_number() OVER (PARTITION BY address ORDER BY at, code, id) AS rn
FROM big WHERE address COLLATE "C" < 'addr12' AND at IS NOT NULL;

SELECT count(*) AS rows,
       count(*) FILTER (WHERE w.v IS DISTINCT FROM f.v) AS rows_frame_differs,
       count(*) FILTER (WHERE w.v IS NULL) AS empty_frames,
       count(*) FILTER (WHERE (w.v).invalid) AS invalid_frames
FROM (SELECT id, bounce_verdict(code, at) OVER (PARTITION BY address ORDER BY at, code, id
                                                ROWS BETWEEN 4 PRECEDING AND 1 PRECEDING) AS v
      FROM slide) w
JOIN (SELECT s1.id, bounce_verdict(s2.code, s2.at) AS v
      FROM slide s1 LEFT JOIN slide s2 ON s2.address = s1.address AND s2.rn BETWEEN s1.rn - 4 AND s1.rn - 1
      GROUP BY s1.id) f USING (id);

SELECT count(*) AS rows,
       count(*) FILTER (WHERE w.v IS DISTINCT FROM f.v) AS range_frame_differs,
       count(*) FILTER (WHERE (w.v).invalid) AS invalid_frames,
       count(*) FILTER (WHERE (w.v).last_reset IS NOT NULL) AS frames_with_reset
FROM (SELECT id, bounce_verdict(code, at, 2, '5 days') OVER (PARTITION BY address ORDER BY at
                                                         RANGE BETWEEN '20 days' PRECEDING AND CURRENT ROW) AS v
      FROM slide) w
JOIN (SELECT s1.id, bounce_verdict(s2.code, s2.at, 2, '5 days') AS v
      FROM slide s1 JOIN slide s2 ON s2.address = s1.address AND s2.at BETWEEN s1.at - interval '20 days' AND s1.at
      GROUP BY s1.id) f USING (id);

RESET max_parallel_workers_per_gather;
