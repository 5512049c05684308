
-------------------------------------------------------------------------------
-- Domains and providers: bounce_domain(), bounce_provider(),
-- bounce_remote_provider() and the bounce_domain_health() aggregate
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.bounce_domain(address pg_catalog.text)
	RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'bounce_domain_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_domain(pg_catalog.text) IS
	'the domain of an e-mail address, lower case, internationalised labels in IDNA A-label (xn--) form, so that a Unicode domain and its xn-- form are equal; NULL for text that is no address';

CREATE FUNCTION @extschema@.bounce_provider(address_or_domain pg_catalog.text)
	RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'bounce_provider_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_provider(pg_catalog.text) IS
	'the mailbox provider behind an address or domain from the built-in table (''google'' for gmail.com, ''microsoft'' for outlook.com and hotmail.*, ...), else the domain as bounce_domain gives it; NULL for text that is neither';

CREATE FUNCTION @extschema@.bounce_remote_provider(message pg_catalog.text)
	RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'bounce_remote_provider_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_remote_provider(pg_catalog.text) IS
	'the provider running the remote mail server a bounce names (Remote-MTA, "host X[ip] said", a host in the reply): ''google'' for aspmx.l.google.com, ''microsoft'' for *.mail.protection.outlook.com, ''proofpoint'', ''mimecast'', ...; NULL when it names no known provider''s server';

CREATE TYPE @extschema@.bounce_health AS (
	state pg_catalog.text,
	events pg_catalog.int8,
	successes pg_catalog.int8,
	unreachable pg_catalog.int8,
	blocks pg_catalog.int8,
	throttles pg_catalog.int8,
	others pg_catalog.int8,
	block_share pg_catalog.float8,
	first_problem pg_catalog.timestamptz,
	last_problem pg_catalog.timestamptz,
	last_success pg_catalog.timestamptz
);
COMMENT ON TYPE @extschema@.bounce_health IS
	'what bounce_domain_health says of a domain or provider: state (healthy, unreachable, blocking, throttling, mixed), rows, the rows of each kind (successes 0/60/100/200, unreachable 21/29, blocks 50-59, throttles 20/70, others), blocks / (problems + successes), the first and last problem, the last success';

-- The support functions take internal: they cannot be called from SQL, only by the aggregates.
CREATE FUNCTION @extschema@.bounce_domain_health_transfn(pg_catalog.internal, @extschema@.bounce_code, pg_catalog.timestamptz)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'bounce_domain_health_transfn' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_domain_health_transfn(pg_catalog.internal, @extschema@.bounce_code, pg_catalog.timestamptz,
		pg_catalog.int4, pg_catalog.interval, pg_catalog.float8, pg_catalog.float8)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'bounce_domain_health_transfn' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_domain_health_invfn(pg_catalog.internal, @extschema@.bounce_code, pg_catalog.timestamptz)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'bounce_domain_health_invfn' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_domain_health_invfn(pg_catalog.internal, @extschema@.bounce_code, pg_catalog.timestamptz,
		pg_catalog.int4, pg_catalog.interval, pg_catalog.float8, pg_catalog.float8)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'bounce_domain_health_invfn' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_domain_health_combinefn(pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'bounce_domain_health_combinefn' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_domain_health_serialfn(pg_catalog.internal)
	RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'bounce_domain_health_serialfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_domain_health_deserialfn(pg_catalog.bytea, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'bounce_domain_health_deserialfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_domain_health_finalfn(pg_catalog.internal)
	RETURNS @extschema@.bounce_health
	AS 'MODULE_PATHNAME', 'bounce_domain_health_finalfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.bounce_domain_health_transfn(pg_catalog.internal, @extschema@.bounce_code, pg_catalog.timestamptz) IS
	'transition function of bounce_domain_health: adds one (code, time) row; rows with a NULL code or time are ignored';
COMMENT ON FUNCTION @extschema@.bounce_domain_health_transfn(pg_catalog.internal, @extschema@.bounce_code, pg_catalog.timestamptz, pg_catalog.int4, pg_catalog.interval, pg_catalog.float8, pg_catalog.float8) IS
	'transition function of bounce_domain_health with min_events, window, problem_share and dominant_share (NULL or out of range: error 22023)';
COMMENT ON FUNCTION @extschema@.bounce_domain_health_invfn(pg_catalog.internal, @extschema@.bounce_code, pg_catalog.timestamptz) IS
	'inverse transition of bounce_domain_health in sliding window frames: takes a row out, or returns NULL when the frame must be recomputed';
COMMENT ON FUNCTION @extschema@.bounce_domain_health_invfn(pg_catalog.internal, @extschema@.bounce_code, pg_catalog.timestamptz, pg_catalog.int4, pg_catalog.interval, pg_catalog.float8, pg_catalog.float8) IS
	'inverse transition of bounce_domain_health with its parameters';
COMMENT ON FUNCTION @extschema@.bounce_domain_health_combinefn(pg_catalog.internal, pg_catalog.internal) IS
	'combine function of bounce_domain_health: merges two partial states exactly (parallel aggregation)';
COMMENT ON FUNCTION @extschema@.bounce_domain_health_serialfn(pg_catalog.internal) IS
	'serialization function of bounce_domain_health: a portable big-endian byte form of the state';
COMMENT ON FUNCTION @extschema@.bounce_domain_health_deserialfn(pg_catalog.bytea, pg_catalog.internal) IS
	'deserialization function of bounce_domain_health: accepts only a consistent state (else error 22P03)';
COMMENT ON FUNCTION @extschema@.bounce_domain_health_finalfn(pg_catalog.internal) IS
	'final function of bounce_domain_health: NULL without rows, else the state and its evidence';

CREATE AGGREGATE @extschema@.bounce_domain_health(code @extschema@.bounce_code, at pg_catalog.timestamptz) (
	SFUNC = @extschema@.bounce_domain_health_transfn, STYPE = pg_catalog.internal, SSPACE = 128,
	FINALFUNC = @extschema@.bounce_domain_health_finalfn,
	COMBINEFUNC = @extschema@.bounce_domain_health_combinefn,
	SERIALFUNC = @extschema@.bounce_domain_health_serialfn,
	DESERIALFUNC = @extschema@.bounce_domain_health_deserialfn,
	MSFUNC = @extschema@.bounce_domain_health_transfn, MINVFUNC = @extschema@.bounce_domain_health_invfn,
	MSTYPE = pg_catalog.internal, MSSPACE = 128,
	MFINALFUNC = @extschema@.bounce_domain_health_finalfn,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.bounce_domain_health(code @extschema@.bounce_code, at pg_catalog.timestamptz,
		min_events pg_catalog.int4, "window" pg_catalog.interval,
		problem_share pg_catalog.float8, dominant_share pg_catalog.float8) (
	SFUNC = @extschema@.bounce_domain_health_transfn, STYPE = pg_catalog.internal, SSPACE = 128,
	FINALFUNC = @extschema@.bounce_domain_health_finalfn,
	COMBINEFUNC = @extschema@.bounce_domain_health_combinefn,
	SERIALFUNC = @extschema@.bounce_domain_health_serialfn,
	DESERIALFUNC = @extschema@.bounce_domain_health_deserialfn,
	MSFUNC = @extschema@.bounce_domain_health_transfn, MINVFUNC = @extschema@.bounce_domain_health_invfn,
	MSTYPE = pg_catalog.internal, MSSPACE = 128,
	MFINALFUNC = @extschema@.bounce_domain_health_finalfn,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.bounce_domain_health(@extschema@.bounce_code, pg_catalog.timestamptz) IS
	'what is wrong with a domain or provider, from its rows: healthy below 5 problems or when under half of the outcomes are problems; else blocking (blocks are 60% of problems, or connection failures at a domain that accepted mail within 7 days of its last problem), unreachable (connection failures, no recent success), throttling, or mixed; NULL without rows';
COMMENT ON AGGREGATE @extschema@.bounce_domain_health(@extschema@.bounce_code, pg_catalog.timestamptz, pg_catalog.int4, pg_catalog.interval, pg_catalog.float8, pg_catalog.float8) IS
	'bounce_domain_health with min_events (>= 1), window (how recent a success must be), problem_share and dominant_share (0 to 1); bad parameters are error 22023';
