-- bench/best_ms.sql — pg_temp.best_ms(query): the fastest of three runs of a
-- query, in milliseconds (shared by the benchmark scripts).
CREATE FUNCTION pg_temp.best_ms(q text) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; best numeric := NULL; i int;
BEGIN
	FOR i IN 1..3 LOOP
		t0 := clock_timestamp();
		EXECUTE q;
		best := least(coalesce(best, 1e12), extract(epoch FROM clock_timestamp() - t0) * 1000);
	END LOOP;
	RETURN round(best, 1);
END $$;
