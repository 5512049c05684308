-- bounce_code text and binary I/O: every code by number and by name, and every
-- kind of bad literal, each as its own statement so its error is pinned.

-- Every code reads back as itself, by number and by name.
SELECT c.code::text AS number, c.name,
       c.code::text::bounce_code AS from_number,
       c.name::bounce_code AS from_name,
       upper(c.name)::bounce_code AS from_upper_name,
       (c.code::text::bounce_code)::text = c.code::text AS output_is_number
FROM bounce_codes() c ORDER BY c.code;

-- Blanks around the value are allowed; names are case-insensitive.
SELECT ' 21 '::bounce_code, E'\t10\n'::bounce_code, 'Dns_Failure'::bounce_code, '  SPAM_COMPLAINT'::bounce_code;

-- Bad literals: 22P02, the value named, the valid codes listed in the hint.
SELECT '24'::bounce_code;
SELECT 'dns failure'::bounce_code;

-- Every other bad literal, each its own statement, with its SQLSTATE and message.
CREATE FUNCTION pg_temp.input_error(literal text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	PERFORM literal::bounce_code;
	RETURN 'accepted';
EXCEPTION WHEN others THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT pg_temp.input_error('');
SELECT pg_temp.input_error('  ');
SELECT pg_temp.input_error('-0');
SELECT pg_temp.input_error('+21');
SELECT pg_temp.input_error('021');
SELECT pg_temp.input_error('00');
SELECT pg_temp.input_error('1e1');
SELECT pg_temp.input_error('21 21');
SELECT pg_temp.input_error('21.0');
SELECT pg_temp.input_error('0x15');
SELECT pg_temp.input_error('201');
SELECT pg_temp.input_error('99999999999');
SELECT pg_temp.input_error('nan');
SELECT pg_temp.input_error('dns_failures');
SELECT pg_temp.input_error('Hard');
SELECT pg_temp.input_error('non_bounce;');
SELECT pg_temp.input_error(E'21\n21');
SELECT pg_temp.input_error(E'\u00a021');  -- a non-breaking space is not a blank

-- NULL in, NULL out.
SELECT NULL::bounce_code IS NULL AS is_null;

-- Storage: two bytes, passed by value.
SELECT typlen, typbyval, typalign FROM pg_type WHERE oid = 'bounce_code'::regtype;
SELECT pg_column_size('200'::bounce_code);

-- Binary send: a big-endian int2.
SELECT bounce_code_send('200') AS send_200, bounce_code_send('0') AS send_0;

-- Binary COPY round trip of every code (and a NULL).
CREATE TEMP TABLE io_src (id int, c bounce_code);
INSERT INTO io_src SELECT row_number() OVER (ORDER BY code), code FROM bounce_codes();
INSERT INTO io_src VALUES (26, NULL);
\set copyfile '/tmp/bouncecode_type_io.bin'
COPY io_src TO :'copyfile' WITH (FORMAT binary);
CREATE TEMP TABLE io_dst (LIKE io_src);
COPY io_dst FROM :'copyfile' WITH (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE s.c IS NOT DISTINCT FROM d.c) AS identical
FROM io_src s JOIN io_dst d USING (id);

-- Binary input validates like text input: a value that is no code is refused (22P03).
CREATE TEMP TABLE io_bad (c bounce_code);
COPY (SELECT 24::int2) TO :'copyfile' WITH (FORMAT binary);
COPY io_bad FROM :'copyfile' WITH (FORMAT binary);
\echo :LAST_ERROR_SQLSTATE
-- A binary field of the wrong length is refused.
COPY (SELECT 21::int4) TO :'copyfile' WITH (FORMAT binary);
COPY io_bad FROM :'copyfile' WITH (FORMAT binary);
\echo :LAST_ERROR_SQLSTATE
-- The right length is accepted.
COPY (SELECT 21::int2) TO :'copyfile' WITH (FORMAT binary);
COPY io_bad FROM :'copyfile' WITH (FORMAT binary);
SELECT * FROM io_bad;
