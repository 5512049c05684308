
-------------------------------------------------------------------------------
-- Address invalidity from bounce history: bounce_invalid() and bounce_verdict()
-------------------------------------------------------------------------------

CREATE TYPE @extschema@.bounce_verdict AS (
	invalid pg_catalog.bool,
	reason pg_catalog.text,
	hard_bounces pg_catalog.int8,
	soft_bounces pg_catalog.int8,
	first_soft pg_catalog.timestamptz,
	last_soft pg_catalog.timestamptz,
	last_reset pg_catalog.timestamptz
);
COMMENT ON TYPE @extschema@.bounce_verdict IS
	'the evidence behind bounce_invalid: invalid or not, why (''hard'', ''soft'' or NULL), the counted hard and soft bounces (distinct (code, time) pairs at or after the last reset), the first and last counted soft bounce, the last reset';

-- The support functions take internal: they cannot be called from SQL, only by the aggregates.
CREATE FUNCTION @extschema@.bounce_history_transfn(pg_catalog.internal, @extschema@.bounce_code, pg_catalog.timestamptz)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'bounce_history_transfn' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_history_transfn(pg_catalog.internal, @extschema@.bounce_code, pg_catalog.timestamptz,
		pg_catalog.int4, pg_catalog.interval)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'bounce_history_transfn' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_history_invfn(pg_catalog.internal, @extschema@.bounce_code, pg_catalog.timestamptz)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'bounce_history_invfn' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_history_invfn(pg_catalog.internal, @extschema@.bounce_code, pg_catalog.timestamptz,
		pg_catalog.int4, pg_catalog.interval)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'bounce_history_invfn' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_history_combinefn(pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'bounce_history_combinefn' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_history_serialfn(pg_catalog.internal)
	RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'bounce_history_serialfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_history_deserialfn(pg_catalog.bytea, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'bounce_history_deserialfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_invalid_finalfn(pg_catalog.internal)
	RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'bounce_invalid_finalfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_verdict_finalfn(pg_catalog.internal)
	RETURNS @extschema@.bounce_verdict
	AS 'MODULE_PATHNAME', 'bounce_verdict_finalfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.bounce_history_transfn(pg_catalog.internal, @extschema@.bounce_code, pg_catalog.timestamptz) IS
	'transition function of bounce_invalid and bounce_verdict: adds one (code, time) event; rows with a NULL code or time are ignored';
COMMENT ON FUNCTION @extschema@.bounce_history_transfn(pg_catalog.internal, @extschema@.bounce_code, pg_catalog.timestamptz, pg_catalog.int4, pg_catalog.interval) IS
	'transition function of bounce_invalid and bounce_verdict with soft_limit and min_span (NULL, soft_limit < 1 or a negative span: error 22023)';
COMMENT ON FUNCTION @extschema@.bounce_history_invfn(pg_catalog.internal, @extschema@.bounce_code, pg_catalog.timestamptz) IS
	'inverse transition of bounce_invalid and bounce_verdict in sliding window frames: takes an event out, or returns NULL when the frame must be recomputed';
COMMENT ON FUNCTION @extschema@.bounce_history_invfn(pg_catalog.internal, @extschema@.bounce_code, pg_catalog.timestamptz, pg_catalog.int4, pg_catalog.interval) IS
	'inverse transition of bounce_invalid and bounce_verdict with soft_limit and min_span';
COMMENT ON FUNCTION @extschema@.bounce_history_combinefn(pg_catalog.internal, pg_catalog.internal) IS
	'combine function of bounce_invalid and bounce_verdict: merges two partial states exactly (parallel aggregation)';
COMMENT ON FUNCTION @extschema@.bounce_history_serialfn(pg_catalog.internal) IS
	'serialization function of bounce_invalid and bounce_verdict: a portable big-endian byte form of the state';
COMMENT ON FUNCTION @extschema@.bounce_history_deserialfn(pg_catalog.bytea, pg_catalog.internal) IS
	'deserialization function of bounce_invalid and bounce_verdict: accepts only the canonical byte form (else error 22P03)';
COMMENT ON FUNCTION @extschema@.bounce_invalid_finalfn(pg_catalog.internal) IS
	'final function of bounce_invalid: NULL without rows, else whether the address is invalid';
COMMENT ON FUNCTION @extschema@.bounce_verdict_finalfn(pg_catalog.internal) IS
	'final function of bounce_verdict: NULL without rows, else the decision and its evidence';

CREATE AGGREGATE @extschema@.bounce_invalid(code @extschema@.bounce_code, at pg_catalog.timestamptz) (
	SFUNC = @extschema@.bounce_history_transfn, STYPE = pg_catalog.internal, SSPACE = 144,
	FINALFUNC = @extschema@.bounce_invalid_finalfn,
	COMBINEFUNC = @extschema@.bounce_history_combinefn,
	SERIALFUNC = @extschema@.bounce_history_serialfn,
	DESERIALFUNC = @extschema@.bounce_history_deserialfn,
	MSFUNC = @extschema@.bounce_history_transfn, MINVFUNC = @extschema@.bounce_history_invfn,
	MSTYPE = pg_catalog.internal, MSSPACE = 144,
	MFINALFUNC = @extschema@.bounce_invalid_finalfn,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.bounce_invalid(code @extschema@.bounce_code, at pg_catalog.timestamptz,
		soft_limit pg_catalog.int4, min_span pg_catalog.interval) (
	SFUNC = @extschema@.bounce_history_transfn, STYPE = pg_catalog.internal, SSPACE = 144,
	FINALFUNC = @extschema@.bounce_invalid_finalfn,
	COMBINEFUNC = @extschema@.bounce_history_combinefn,
	SERIALFUNC = @extschema@.bounce_history_serialfn,
	DESERIALFUNC = @extschema@.bounce_history_deserialfn,
	MSFUNC = @extschema@.bounce_history_transfn, MINVFUNC = @extschema@.bounce_history_invfn,
	MSTYPE = pg_catalog.internal, MSSPACE = 144,
	MFINALFUNC = @extschema@.bounce_invalid_finalfn,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.bounce_verdict(code @extschema@.bounce_code, at pg_catalog.timestamptz) (
	SFUNC = @extschema@.bounce_history_transfn, STYPE = pg_catalog.internal, SSPACE = 144,
	FINALFUNC = @extschema@.bounce_verdict_finalfn,
	COMBINEFUNC = @extschema@.bounce_history_combinefn,
	SERIALFUNC = @extschema@.bounce_history_serialfn,
	DESERIALFUNC = @extschema@.bounce_history_deserialfn,
	MSFUNC = @extschema@.bounce_history_transfn, MINVFUNC = @extschema@.bounce_history_invfn,
	MSTYPE = pg_catalog.internal, MSSPACE = 144,
	MFINALFUNC = @extschema@.bounce_verdict_finalfn,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.bounce_verdict(code @extschema@.bounce_code, at pg_catalog.timestamptz,
		soft_limit pg_catalog.int4, min_span pg_catalog.interval) (
	SFUNC = @extschema@.bounce_history_transfn, STYPE = pg_catalog.internal, SSPACE = 144,
	FINALFUNC = @extschema@.bounce_verdict_finalfn,
	COMBINEFUNC = @extschema@.bounce_history_combinefn,
	SERIALFUNC = @extschema@.bounce_history_serialfn,
	DESERIALFUNC = @extschema@.bounce_history_deserialfn,
	MSFUNC = @extschema@.bounce_history_transfn, MINVFUNC = @extschema@.bounce_history_invfn,
	MSTYPE = pg_catalog.internal, MSSPACE = 144,
	MFINALFUNC = @extschema@.bounce_verdict_finalfn,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.bounce_invalid(@extschema@.bounce_code, pg_catalog.timestamptz) IS
	'is the address invalid, given its bounce history: a hard bounce (10, 90), or 3 soft bounces (20, 21, 22, 29) spanning at least 15 days, at or after the last reset (0, 60, 100); NULL without rows';
COMMENT ON AGGREGATE @extschema@.bounce_invalid(@extschema@.bounce_code, pg_catalog.timestamptz, pg_catalog.int4, pg_catalog.interval) IS
	'bounce_invalid with soft_limit soft bounces spanning at least min_span (months count 30 days); bad parameters are error 22023';
COMMENT ON AGGREGATE @extschema@.bounce_verdict(@extschema@.bounce_code, pg_catalog.timestamptz) IS
	'the decision of bounce_invalid with its evidence, as a bounce_verdict; NULL without rows';
COMMENT ON AGGREGATE @extschema@.bounce_verdict(@extschema@.bounce_code, pg_catalog.timestamptz, pg_catalog.int4, pg_catalog.interval) IS
	'the decision of bounce_invalid(code, at, soft_limit, min_span) with its evidence, as a bounce_verdict';
