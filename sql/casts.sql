-- Casts between bounce_code, integer and text.

-- integer -> bounce_code is explicit and validated.
SELECT 10::bounce_code, CAST(200 AS bounce_code), code::int::bounce_code = code AS round_trip
FROM bounce_codes() WHERE code IN ('0', '59');
SELECT 24::bounce_code;
\echo :LAST_ERROR_SQLSTATE
SELECT (-10)::bounce_code;
\echo :LAST_ERROR_SQLSTATE
SELECT 2147483647::bounce_code;
\echo :LAST_ERROR_SQLSTATE
SELECT 65546::bounce_code;  -- 10 + 2^16: no wrap-around into int16
\echo :LAST_ERROR_SQLSTATE

-- smallint and bigint -> bounce_code: explicit and validated like integer.
SELECT 22::smallint::bounce_code AS from_smallint, CAST(200::bigint AS bounce_code) AS from_bigint,
       bounce_code(10::smallint) AS fn_smallint, bounce_code(90::bigint) AS fn_bigint;
SELECT count(*) AS codes,
       count(*) FILTER (WHERE code::int::smallint::bounce_code = code) AS smallint_round_trips,
       count(*) FILTER (WHERE code::int::bigint::bounce_code = code) AS bigint_round_trips
FROM bounce_codes();
SELECT 24::smallint::bounce_code;
\echo :LAST_ERROR_SQLSTATE
SELECT (-10)::smallint::bounce_code;
\echo :LAST_ERROR_SQLSTATE
SELECT 32767::smallint::bounce_code;
\echo :LAST_ERROR_SQLSTATE
SELECT 24::bigint::bounce_code;
\echo :LAST_ERROR_SQLSTATE
SELECT (-10)::bigint::bounce_code;
\echo :LAST_ERROR_SQLSTATE
SELECT 65546::bigint::bounce_code;  -- 10 + 2^16: no wrap-around into int16
\echo :LAST_ERROR_SQLSTATE
SELECT 4294967306::bigint::bounce_code;  -- 10 + 2^32: no wrap-around into int32
\echo :LAST_ERROR_SQLSTATE
SELECT 9223372036854775807::bigint::bounce_code;
\echo :LAST_ERROR_SQLSTATE
SELECT (-9223372036854775808)::bigint::bounce_code;
\echo :LAST_ERROR_SQLSTATE

-- ... and never implicit, from any integer type.
CREATE TEMP TABLE cast_t (c bounce_code, n int);
INSERT INTO cast_t (c) VALUES (21::int);
INSERT INTO cast_t (c) SELECT 21;
INSERT INTO cast_t (c) VALUES (21::smallint);
INSERT INTO cast_t (c) VALUES (21::bigint);

-- bounce_code -> integer is an assignment cast (lossless).
INSERT INTO cast_t (c, n) VALUES ('22', 'mailbox_full'::bounce_code);
SELECT c, n FROM cast_t;
SELECT sum(code::int) AS sum_of_codes, max(code)::int + 1 AS plus_one FROM bounce_codes();
-- but not implicit: integer arithmetic on a code needs the cast.
SELECT '21'::bounce_code + 1;

-- text <-> bounce_code through the I/O functions.
SELECT 'dns_failure'::text::bounce_code, '22'::bounce_code::text, ('22'::bounce_code)::varchar(10);
SELECT 'no such code'::text::bounce_code;
\echo :LAST_ERROR_SQLSTATE

-- The casts the extension defines, as the catalog records them.
SELECT castsource::regtype, casttarget::regtype, castcontext, castmethod
FROM pg_cast
WHERE castsource = 'bounce_code'::regtype OR casttarget = 'bounce_code'::regtype
ORDER BY castsource::regtype::text COLLATE "C", casttarget::regtype::text COLLATE "C";
