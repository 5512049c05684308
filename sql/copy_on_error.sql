-- COPY ... WITH (ON_ERROR ignore) (PostgreSQL 17 and later; run only there):
-- rows whose bounce_code does not parse are skipped, the others loaded.
CREATE TABLE copy_soft (id int, code bounce_code);
COPY copy_soft FROM stdin WITH (ON_ERROR ignore);
1	21
2	24
3	dns_failure
4	nonsense
5	 200 
6	-1
\.
SELECT id, code FROM copy_soft ORDER BY id;
-- The default (ON_ERROR stop) refuses the whole COPY with the input error.
TRUNCATE copy_soft;
COPY copy_soft FROM stdin;
1	21
2	24
\.
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS loaded FROM copy_soft;
DROP TABLE copy_soft;
