-- The README's bounce-history examples, as written there: the suppression list,
-- the report with evidence, the running window, and deliveries and opens fed in
-- as code 0 so that they reset an address's soft-bounce history.
SET timezone = 'UTC';
SET datestyle = ISO, YMD;  -- as psql shows times by default (pg_regress sets Postgres, MDY)
CREATE TABLE bounce_events (address text, code bounce_code, at timestamptz);
INSERT INTO bounce_events VALUES
  ('ann@example.com', '22', '2024-03-01 08:00'), ('ann@example.com', '22', '2024-03-09 08:00'),
  ('ann@example.com', '22', '2024-03-20 08:00'),
  ('bob@example.com', '10', '2024-03-02 10:00'), ('bob@example.com', '60', '2024-03-05 11:00'),
  ('cid@example.com', '29', '2024-03-01 09:00'), ('cid@example.com', '51', '2024-03-04 09:00'),
  ('dan@example.com', '90', '2024-03-07 12:00');

-- The suppression list of a nightly job.
SELECT address FROM bounce_events GROUP BY address HAVING bounce_invalid(code, at) ORDER BY address;

-- A report with the evidence next to each address.
SELECT address, (bounce_verdict(code, at)).* FROM bounce_events GROUP BY address ORDER BY address;

-- When an address became invalid (a running window).
SELECT address, at, code, bounce_invalid(code, at) OVER (PARTITION BY address ORDER BY at) AS invalid
FROM bounce_events WHERE address IN ('ann@example.com', 'bob@example.com') ORDER BY address, at;

-- Deliveries and opens as code 0: each is a reset.
CREATE TABLE deliveries (address text, delivered_at timestamptz);
CREATE TABLE opens (address text, opened_at timestamptz);
INSERT INTO deliveries VALUES ('cid@example.com', '2024-03-02 09:00');
INSERT INTO opens VALUES ('ann@example.com', '2024-03-10 18:30');

SELECT address, (bounce_verdict(code, at)).*
FROM (
    SELECT address, code, at FROM bounce_events
    UNION ALL
    SELECT address, '0', delivered_at FROM deliveries
    UNION ALL
    SELECT address, '0', opened_at FROM opens
) AS history
GROUP BY address ORDER BY address;

-- Or store them as events: a delivery's own SMTP reply classifies as 0.
SELECT classify_bounce('250 2.0.0 Ok: queued as 4BqXyz1abc') AS delivered;
INSERT INTO bounce_events SELECT address, '0', opened_at FROM opens;
SELECT address FROM bounce_events GROUP BY address HAVING bounce_invalid(code, at) ORDER BY address;
