
-------------------------------------------------------------------------------
-- What the classifier knows
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.bounce_phrases(
		OUT code @extschema@.bounce_code,
		OUT kind @extschema@.bounce_kind,
		OUT role pg_catalog.text,
		OUT rule pg_catalog.text,
		OUT phrase pg_catalog.text,
		OUT strength pg_catalog.int4,
		OUT language pg_catalog.text,
		OUT provider pg_catalog.text,
		OUT source pg_catalog.text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'bounce_phrases_catalog' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	ROWS 2000;
COMMENT ON FUNCTION @extschema@.bounce_phrases() IS
	'everything the classifier knows: one row per phrase (role cue: evidence for code with its strength; other roles mark quoted text, banners, forwarded and returned messages), then per host name or label (blocklist zones, large providers'' mail exchangers); phrases match whole words, a trailing * is a stem';
