-- Hostile and broken input through SQL: every answer pinned, no crash, no hang.

-- NULL and empty input everywhere.
SELECT classify_bounce(NULL) IS NULL, classify_bounce(''), classify_bounce('', ''),
       classify_bounce('', NULL), bounce_recipient(''), (bounce_explain('')).rule;
SELECT bounce_kind(NULL), bounce_description(NULL, NULL), bounce_code_name(NULL);

-- 100 MB of text: classified, in linear time.
SELECT classify_bounce(repeat('x', 100 * 1024 * 1024)) AS hundred_mb;
SELECT classify_bounce(repeat('Mailbox full. ', 7 * 1024 * 1024)) AS hundred_mb_of_cues;

-- Pathological structure: deep and broken MIME, endless boundaries, headers only.
SELECT classify_bounce(repeat(E'Content-Type: multipart/mixed; boundary=a\n\n--a\n', 100000)) AS nested;
SELECT classify_bounce('From: a@b.example' || repeat(E'\nX-Header: y', 200000)) AS headers_only;
SELECT classify_bounce(repeat('=', 1000000)) AS equals_signs;
SELECT classify_bounce(repeat('@', 1000000)) AS at_signs;
SELECT classify_bounce(repeat('5.5.5.', 1000000)) AS dotted_digits;
SELECT bounce_recipient(repeat('a', 1000000) || '@' || repeat('b', 1000000) || '.example') IS NULL AS oversized_address;

-- Binary bounce_code input of the wrong length: 1 byte, 4 bytes.
CREATE TEMP TABLE hostile_bin (c bounce_code);
\set copyfile '/tmp/bouncecode_hostile.bin'
COPY (SELECT true) TO :'copyfile' WITH (FORMAT binary);
COPY hostile_bin FROM :'copyfile' WITH (FORMAT binary);
\echo :LAST_ERROR_SQLSTATE
COPY (SELECT 10::int8) TO :'copyfile' WITH (FORMAT binary);
COPY hostile_bin FROM :'copyfile' WITH (FORMAT binary);
\echo :LAST_ERROR_SQLSTATE
COPY (SELECT (-1)::int2) TO :'copyfile' WITH (FORMAT binary);
COPY hostile_bin FROM :'copyfile' WITH (FORMAT binary);
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) FROM hostile_bin;

-- Every byte value and invalid UTF-8, in a SQL_ASCII database (where text may hold any bytes).
CREATE DATABASE bouncecode_sqlascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c bouncecode_sqlascii
CREATE EXTENSION bouncecode;
SELECT classify_bounce(convert_from(decode(string_agg(lpad(to_hex(i), 2, '0'), '' ORDER BY i), 'hex'), 'SQL_ASCII'))
	AS every_byte FROM generate_series(1, 255) i;
-- Invalid UTF-8 around an ASCII cue: classified from the ASCII, evidence made valid.
SELECT code, rule, evidence FROM bounce_explain(convert_from('\x35353020ff fe c3 2075736572 20 756e6b6e6f776e e9'::bytea, 'SQL_ASCII'));
SELECT classify_bounce(convert_from('\x456d7066e46e67657220756e62656b616e6e74'::bytea, 'SQL_ASCII')) AS latin1_bytes;
\c contrib_regression
DROP DATABASE bouncecode_sqlascii;
