
-------------------------------------------------------------------------------
-- The classification trigger
-------------------------------------------------------------------------------

-- Arguments are given at CREATE TRIGGER: the response column, the code column
-- and optionally the recipient column.  Volatile and not strict, as trigger
-- functions are; parallel safe, as it touches no shared state.
CREATE FUNCTION @extschema@.bounce_classify_trigger() RETURNS pg_catalog.trigger
	AS 'MODULE_PATHNAME', 'bounce_classify_trigger' LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_classify_trigger() IS
	'BEFORE INSERT OR UPDATE row trigger: bounce_classify_trigger(response column, code column [, recipient column]) fills a NULL code with classify_bounce(response, recipient), keeps a supplied code (in an integer column, an integer that is no code is error 22003), and on UPDATE reclassifies when the response or recipient changed and the code was not set';
