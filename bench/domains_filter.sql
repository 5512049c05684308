-- bench/domains_filter.sql — the same rule as bench/domains_baseline.sql in the
-- fastest plain SQL we know: one pass of FILTERed aggregates grouped by domain,
-- no window functions.  bench/domains.sh reports it beside the window baseline,
-- so that the aggregate's gain is not measured against a slow formulation only.
WITH counted AS (
	SELECT domain,
	       count(*) FILTER (WHERE code IN ('0', '60', '100', '200') AND at IS NOT NULL) AS successes,
	       count(*) FILTER (WHERE code IN ('21', '29') AND at IS NOT NULL) AS unreachable,
	       count(*) FILTER (WHERE code IN ('50', '51', '52', '53', '54', '59') AND at IS NOT NULL) AS blocks,
	       count(*) FILTER (WHERE code IN ('20', '70') AND at IS NOT NULL) AS throttles,
	       max(at) FILTER (WHERE code IN ('0', '60', '100', '200')) AS last_success,
	       max(at) FILTER (WHERE code IN ('21', '29', '50', '51', '52', '53', '54', '59', '20', '70')) AS last_problem
	FROM domain_events
	WHERE code IS NOT NULL AND at IS NOT NULL
	GROUP BY domain
), judged AS (
	SELECT *, unreachable + blocks + throttles AS problems FROM counted
)
SELECT domain,
       CASE WHEN problems < 5 OR problems < 0.5 * (problems + successes) THEN 'healthy'
            WHEN blocks >= 0.6 * problems THEN 'blocking'
            WHEN unreachable >= 0.6 * problems THEN
                 CASE WHEN last_success >= last_problem - interval '7 days' THEN 'blocking' ELSE 'unreachable' END
            WHEN throttles >= 0.6 * problems THEN 'throttling'
            ELSE 'mixed' END AS state
FROM judged
