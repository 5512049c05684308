-- demo/demo.sql — load sample bounces with their raw SMTP responses, classify
-- them, and report by code, kind and description.
\set ON_ERROR_STOP on
\pset footer off
CREATE EXTENSION IF NOT EXISTS bouncecode;

CREATE TABLE bounces (
	email         text NOT NULL,
	bounced_at    timestamptz NOT NULL,
	smtp_response text,
	expected_code bounce_code          -- what a person reading the response decided
);
\copy bounces FROM 'demo/sample_bounces.csv' WITH (FORMAT csv, HEADER)

\echo
\echo '== Each response, its code and why (bounce_explain)'
SELECT b.email, e.code, e.kind, e.rule, left(replace(b.smtp_response, E'\n', ' | '), 60) AS response
FROM bounces b CROSS JOIN LATERAL bounce_explain(b.smtp_response, b.email) e
ORDER BY b.bounced_at;

\echo '== Bounces by code, kind and description'
SELECT c.code, c.kind, c.description, count(*) AS bounces
FROM bounces b JOIN bounce_codes() c ON c.code = classify_bounce(b.smtp_response, b.email)
GROUP BY c.code, c.kind, c.description
ORDER BY c.code;

\echo '== By kind (hard and soft count against the address; other never does)'
SELECT bounce_kind(classify_bounce(smtp_response, email)) AS kind, count(*) AS bounces
FROM bounces GROUP BY 1 ORDER BY 1;

\echo '== The classifier against the person who labelled the sample'
SELECT count(*) AS responses,
       count(*) FILTER (WHERE classify_bounce(smtp_response, email) = expected_code) AS agree
FROM bounces;

\echo '== The same report in Swedish'
SELECT code, bounce_description(code, 'sv') AS beskrivning, count(*) AS antal
FROM (SELECT classify_bounce(smtp_response, email) AS code FROM bounces) s
GROUP BY code ORDER BY code;

\echo '== Which addresses are invalid, and why (bounce_verdict over each address''s history)'
SELECT email, (v).invalid, (v).reason, (v).hard_bounces, (v).soft_bounces, (v).first_soft, (v).last_soft
FROM (SELECT email, bounce_verdict(classify_bounce(smtp_response, email), bounced_at) AS v
      FROM bounces GROUP BY email) s
WHERE (v).hard_bounces > 0 OR (v).soft_bounces > 0
ORDER BY (v).invalid DESC, email;

\echo '== Per provider: who runs the mailbox (the refusing server when the bounce names it), and its health'
SELECT provider, domains, (h).state, (h).events, (h).unreachable, (h).blocks, (h).throttles,
       round((h).block_share::numeric, 2) AS block_share, (h).last_problem
FROM (SELECT provider, count(DISTINCT domain) AS domains, bounce_domain_health(code, bounced_at) AS h
      FROM (SELECT coalesce(bounce_remote_provider(smtp_response), bounce_provider(email)) AS provider,
                   bounce_domain(email) AS domain, classify_bounce(smtp_response, email) AS code, bounced_at
            FROM bounces) b
      GROUP BY provider) s
ORDER BY (h).events DESC, provider;
