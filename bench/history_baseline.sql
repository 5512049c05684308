-- bench/history_baseline.sql — the decision of bounce_invalid(code, at) written
-- in plain SQL with window functions and FILTER, as a user would write it: the
-- baseline bench/history.sh measures bounce_invalid against, and checks its
-- answers with on every address.
--
-- The rule: only events at or after the latest reset (0, 60, 100) count; an
-- address is invalid if a hard bounce (10, 90) counts, or at least 3 soft
-- bounces (20, 21, 22, 29) count and span at least 15 days.  A repeated
-- (address, code, time) row is the same evidence (DISTINCT); rows with a NULL
-- code or time are ignored.  Reads the table bounce_events(address, code, at).
WITH events AS (
	SELECT DISTINCT address, code, at
	FROM bounce_events
	WHERE code IS NOT NULL AND at IS NOT NULL
), scoped AS (
	SELECT address, code, at,
	       at >= coalesce(max(at) FILTER (WHERE code IN ('0', '60', '100'))
	                      OVER (PARTITION BY address), '-infinity') AS counted
	FROM events
)
SELECT address,
       count(*) FILTER (WHERE counted AND bounce_is_hard(code)) > 0
       OR (count(*) FILTER (WHERE counted AND bounce_is_soft(code)) >= 3
           AND max(at) FILTER (WHERE counted AND bounce_is_soft(code))
               - min(at) FILTER (WHERE counted AND bounce_is_soft(code)) >= interval '15 days') AS invalid
FROM scoped
GROUP BY address
