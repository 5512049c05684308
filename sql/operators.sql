-- Comparison operators, sorting, grouping, indexes and joins on bounce_code.

SELECT '10'::bounce_code = '10', '10'::bounce_code <> '20', '10'::bounce_code < '20',
       '20'::bounce_code <= '20', '200'::bounce_code > '123', '59'::bounce_code >= '60';
-- Ordered by code number, not by text: 100 comes after 90, 200 last.
SELECT array_agg(code ORDER BY code) FROM bounce_codes();
SELECT array_agg(code ORDER BY code DESC) FROM bounce_codes() WHERE code >= '90';
SELECT min(code), max(code) FROM bounce_codes();
SELECT min(code), max(code) FROM bounce_codes() WHERE code > '23' AND code < '90';
-- btree comparison and hashing agree with the integer code.
SELECT bounce_code_cmp('21', '22'), bounce_code_cmp('22', '22'), bounce_code_cmp('200', '0');
SELECT bool_and(bounce_code_hash(code) = hashint4(code::int)) AS hash_like_int,
       bool_and(bounce_code_hash_extended(code, 42) = hashint4extended(code::int, 42)) AS extended_like_int
FROM bounce_codes();
SELECT '21'::bounce_code = ANY ('{10,21,22}'::bounce_code[]) AS any_hit,
       '23'::bounce_code = ANY ('{10,21,22}'::bounce_code[]) AS any_miss;

-- The operator classes are the type's defaults.
SELECT am.amname, opc.opcname, opc.opcdefault
FROM pg_opclass opc JOIN pg_am am ON am.oid = opc.opcmethod
WHERE opc.opcintype = 'bounce_code'::regtype ORDER BY 1;

CREATE TABLE op_events (id int, code bounce_code);
INSERT INTO op_events
SELECT i, (SELECT array_agg(code ORDER BY code) FROM bounce_codes())[1 + i % 25] FROM generate_series(1, 10000) i;
ANALYZE op_events;

-- GROUP BY, DISTINCT and ORDER BY.
SELECT code, count(*) FROM op_events GROUP BY code ORDER BY code LIMIT 5;
SELECT count(DISTINCT code) FROM op_events;

-- A btree index is used for equality and ranges.
CREATE INDEX op_events_code_idx ON op_events (code);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM op_events WHERE code = '21';
SELECT count(*) FROM op_events WHERE code = '21';
EXPLAIN (COSTS OFF) SELECT count(*) FROM op_events WHERE code BETWEEN '50' AND '59';
SELECT count(*) FROM op_events WHERE code BETWEEN '50' AND '59';
EXPLAIN (COSTS OFF) SELECT count(*) FROM op_events WHERE code = ANY ('{10,90}');
SELECT count(*) FROM op_events WHERE code = ANY ('{10,90}');
-- min and max use the index.  (The plan's text without the "(returns $0)" that
-- PostgreSQL 17 dropped from InitPlan lines.)
CREATE FUNCTION plan_lines(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
		RETURN NEXT regexp_replace(line, ' \(returns \$\d+\)$', '');
	END LOOP;
END
$$;
SELECT plan_lines('SELECT max(code) FROM op_events') AS "QUERY PLAN";
SELECT max(code) FROM op_events;
RESET enable_seqscan;

-- A hash index.
CREATE INDEX op_events_code_hash ON op_events USING hash (code);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
DROP INDEX op_events_code_idx;
EXPLAIN (COSTS OFF) SELECT id FROM op_events WHERE code = '200' ORDER BY id LIMIT 1;
SELECT id FROM op_events WHERE code = '200' ORDER BY id LIMIT 1;
RESET enable_seqscan;
RESET enable_bitmapscan;

-- Hash join and merge join on bounce_code, with the same answer.
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT c.kind, count(*) FROM op_events e JOIN bounce_codes() c ON c.code = e.code GROUP BY c.kind;
SELECT c.kind, count(*) FROM op_events e JOIN bounce_codes() c ON c.code = e.code GROUP BY c.kind ORDER BY c.kind;
RESET enable_mergejoin;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT c.kind, count(*) FROM op_events e JOIN bounce_codes() c ON c.code = e.code GROUP BY c.kind;
SELECT c.kind, count(*) FROM op_events e JOIN bounce_codes() c ON c.code = e.code GROUP BY c.kind ORDER BY c.kind;
RESET enable_hashjoin;
RESET enable_nestloop;

-- Hash aggregation.
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT code, count(*) FROM op_events GROUP BY code;
RESET enable_sort;

DROP TABLE op_events;
