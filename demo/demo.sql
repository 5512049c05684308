-- demo/demo.sql — load sample bounces and report them by code, kind and description.
\set ON_ERROR_STOP on
\pset footer off
CREATE EXTENSION IF NOT EXISTS bouncecode;

CREATE TABLE bounces (
	email         text NOT NULL,
	bounced_at    timestamptz NOT NULL,
	code          bounce_code NOT NULL,
	smtp_response text
);
\copy bounces FROM 'demo/sample_bounces.csv' WITH (FORMAT csv, HEADER)

\echo
\echo '== Bounces by code, kind and description'
SELECT b.code, c.name, c.kind, c.description, count(*) AS bounces
FROM bounces b JOIN bounce_codes() c ON c.code = b.code
GROUP BY b.code, c.name, c.kind, c.description
ORDER BY b.code;

\echo '== By kind (hard and soft count against the address; other never does)'
SELECT bounce_kind(code) AS kind, count(*) AS bounces,
       count(*) FILTER (WHERE bounce_address_at_fault(code)) AS against_address
FROM bounces GROUP BY 1 ORDER BY 1;

\echo '== The same report in Swedish'
SELECT code, bounce_description(code, 'sv') AS beskrivning, count(*) AS antal
FROM bounces GROUP BY code ORDER BY code;
