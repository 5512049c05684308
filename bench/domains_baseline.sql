-- bench/domains_baseline.sql — the state of bounce_domain_health(code, at)
-- written in plain SQL with window functions, as a user would write a report
-- that also wants each domain's totals next to its rows: the baseline
-- bench/domains.sh measures bounce_domain_health against, and checks its
-- answers with on every domain.
--
-- The rule (docs/domains.md): problems = unreachable (21, 29) + blocks (50-54,
-- 59) + throttles (20, 70); healthy below 5 problems or below half of the
-- outcomes (problems + successes 0, 60, 100, 200); else blocking when blocks are
-- 60% of the problems; else, when connection failures are, blocking if a
-- success came at most 7 days before the last problem (or after it), unreachable
-- if not; else throttling when throttles are; else mixed.  Rows with a NULL code
-- or time are ignored.  Reads the table domain_events(domain, code, at).
WITH kinds AS (
	SELECT domain, at,
	       CASE WHEN code IN ('0', '60', '100', '200') THEN 's'
	            WHEN code IN ('21', '29') THEN 'u'
	            WHEN code IN ('50', '51', '52', '53', '54', '59') THEN 'b'
	            WHEN code IN ('20', '70') THEN 't' END AS kind
	FROM domain_events
	WHERE code IS NOT NULL AND at IS NOT NULL
), totals AS (
	SELECT domain,
	       count(*) FILTER (WHERE kind = 's') OVER w AS successes,
	       count(*) FILTER (WHERE kind = 'u') OVER w AS unreachable,
	       count(*) FILTER (WHERE kind = 'b') OVER w AS blocks,
	       count(*) FILTER (WHERE kind = 't') OVER w AS throttles,
	       max(at) FILTER (WHERE kind = 's') OVER w AS last_success,
	       max(at) FILTER (WHERE kind IN ('u', 'b', 't')) OVER w AS last_problem,
	       row_number() OVER w AS rn
	FROM kinds
	WINDOW w AS (PARTITION BY domain)
), judged AS (
	SELECT *, unreachable + blocks + throttles AS problems FROM totals WHERE rn = 1
)
SELECT domain,
       CASE WHEN problems < 5 OR problems < 0.5 * (problems + successes) THEN 'healthy'
            WHEN blocks >= 0.6 * problems THEN 'blocking'
            WHEN unreachable >= 0.6 * problems THEN
                 CASE WHEN last_success >= last_problem - interval '7 days' THEN 'blocking' ELSE 'unreachable' END
            WHEN throttles >= 0.6 * problems THEN 'throttling'
            ELSE 'mixed' END AS state
FROM judged
