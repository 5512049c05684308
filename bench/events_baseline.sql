-- bench/events_baseline.sql — bench/events.sh's baseline: the extraction
-- bounce_events() does on a SendGrid event webhook batch, written by hand in
-- plain SQL (jsonb operators), as a user would without the extension's
-- function: the same columns and the same rules (the event name; for a
-- failure the words through classify_bounce, then bounce_classification, then
-- the default; a deferral's soft or hard code is 70).  "The words say nothing"
-- is approximated by code 0 or 40, which is exact on the benchmark's data (the
-- script checks that both give the same rows).  Only SendGrid: bounce_events
-- also detects the provider of every element.
SELECT 'sendgrid' AS provider, x.event, x.recipient, x.occurred_at, x.code,
       bounce_kind(x.code) AS kind, x.diagnostic, x.provider_type
FROM webhook_batches b
CROSS JOIN LATERAL jsonb_array_elements(b.payload) AS e(ev)
CROSS JOIN LATERAL (
	SELECT e.ev ->> 'event' AS event, e.ev ->> 'email' AS recipient,
	       to_timestamp((e.ev ->> 'timestamp')::float8) AS occurred_at,
	       coalesce(e.ev ->> 'reason', e.ev ->> 'response') AS diagnostic,
	       e.ev ->> 'bounce_classification' AS provider_type
) AS f
CROSS JOIN LATERAL (
	SELECT CASE WHEN f.event IN ('bounce', 'blocked', 'dropped', 'deferred') AND f.diagnostic IS NOT NULL
	            THEN nullif(nullif(classify_bounce(f.diagnostic, f.recipient), '0'), '40') END AS words
) AS w
CROSS JOIN LATERAL (
	SELECT f.event, f.recipient, f.occurred_at, f.diagnostic, f.provider_type,
	       CASE f.event
	           WHEN 'delivered' THEN '0'::bounce_code WHEN 'open' THEN '0' WHEN 'click' THEN '0'
	           WHEN 'spamreport' THEN '200' WHEN 'unsubscribe' THEN '90' WHEN 'group_unsubscribe' THEN '90'
	           WHEN 'deferred' THEN CASE WHEN bounce_kind(w.words) IN ('other', 'na') THEN w.words ELSE '70' END
	           WHEN 'dropped' THEN w.words
	           WHEN 'bounce' THEN coalesce(w.words,
	               CASE f.provider_type
	                   WHEN 'Invalid Address' THEN '10'::bounce_code WHEN 'Content' THEN '52'
	                   WHEN 'Reputation' THEN '50' WHEN 'Frequency or Volume' THEN '50' ELSE '40' END)
	           WHEN 'blocked' THEN coalesce(w.words, '50')
	       END AS code
) AS x
