-- bouncecode install script (source of sql/bouncecode--<version>.sql, built by the Makefile)
--
-- Every object is created in @extschema@ and every reference to one of ours is
-- schema-qualified, so a hostile search_path cannot substitute a look-alike.
-- Built-in objects are qualified with pg_catalog for the same reason.

\echo Use "CREATE EXTENSION bouncecode" to load this file. \quit

-------------------------------------------------------------------------------
-- The bounce_code type
-------------------------------------------------------------------------------

CREATE TYPE @extschema@.bounce_code;

CREATE FUNCTION @extschema@.bounce_code_in(pg_catalog.cstring) RETURNS @extschema@.bounce_code
	AS 'MODULE_PATHNAME', 'bounce_code_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_code_out(@extschema@.bounce_code) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'bounce_code_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_code_recv(pg_catalog.internal) RETURNS @extschema@.bounce_code
	AS 'MODULE_PATHNAME', 'bounce_code_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_code_send(@extschema@.bounce_code) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'bounce_code_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.bounce_code (
	INPUT = @extschema@.bounce_code_in,
	OUTPUT = @extschema@.bounce_code_out,
	RECEIVE = @extschema@.bounce_code_recv,
	SEND = @extschema@.bounce_code_send,
	INTERNALLENGTH = 2,
	PASSEDBYVALUE,
	ALIGNMENT = int2,
	STORAGE = plain,
	CATEGORY = 'N'
);

COMMENT ON TYPE @extschema@.bounce_code IS
	'an email bounce code: one of the 25 codes of the bounce code table (0 non-bounce, 10 bad address, ... 200 spam complaint); input accepts the number or the symbolic name, output is the number';
COMMENT ON FUNCTION @extschema@.bounce_code_in(pg_catalog.cstring) IS 'text input of bounce_code: a code number or its symbolic name';
COMMENT ON FUNCTION @extschema@.bounce_code_out(@extschema@.bounce_code) IS 'text output of bounce_code: the code number';
COMMENT ON FUNCTION @extschema@.bounce_code_recv(pg_catalog.internal) IS 'binary input of bounce_code: a big-endian int2 that must be a code';
COMMENT ON FUNCTION @extschema@.bounce_code_send(@extschema@.bounce_code) IS 'binary output of bounce_code: the code as a big-endian int2';

-------------------------------------------------------------------------------
-- Comparison operators, btree and hash operator classes
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.bounce_code_eq(@extschema@.bounce_code, @extschema@.bounce_code) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'bounce_code_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.bounce_code_ne(@extschema@.bounce_code, @extschema@.bounce_code) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'bounce_code_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.bounce_code_lt(@extschema@.bounce_code, @extschema@.bounce_code) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'bounce_code_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.bounce_code_le(@extschema@.bounce_code, @extschema@.bounce_code) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'bounce_code_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.bounce_code_gt(@extschema@.bounce_code, @extschema@.bounce_code) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'bounce_code_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.bounce_code_ge(@extschema@.bounce_code, @extschema@.bounce_code) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'bounce_code_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.bounce_code_cmp(@extschema@.bounce_code, @extschema@.bounce_code) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'bounce_code_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.bounce_code_hash(@extschema@.bounce_code) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'bounce_code_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.bounce_code_hash_extended(@extschema@.bounce_code, pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'bounce_code_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION @extschema@.bounce_code_eq(@extschema@.bounce_code, @extschema@.bounce_code) IS 'implementation of = for bounce_code';
COMMENT ON FUNCTION @extschema@.bounce_code_ne(@extschema@.bounce_code, @extschema@.bounce_code) IS 'implementation of <> for bounce_code';
COMMENT ON FUNCTION @extschema@.bounce_code_lt(@extschema@.bounce_code, @extschema@.bounce_code) IS 'implementation of < for bounce_code';
COMMENT ON FUNCTION @extschema@.bounce_code_le(@extschema@.bounce_code, @extschema@.bounce_code) IS 'implementation of <= for bounce_code';
COMMENT ON FUNCTION @extschema@.bounce_code_gt(@extschema@.bounce_code, @extschema@.bounce_code) IS 'implementation of > for bounce_code';
COMMENT ON FUNCTION @extschema@.bounce_code_ge(@extschema@.bounce_code, @extschema@.bounce_code) IS 'implementation of >= for bounce_code';
COMMENT ON FUNCTION @extschema@.bounce_code_cmp(@extschema@.bounce_code, @extschema@.bounce_code) IS 'btree comparison of bounce_code: -1, 0 or 1 by code number';
COMMENT ON FUNCTION @extschema@.bounce_code_hash(@extschema@.bounce_code) IS 'hash of bounce_code (the same as int2''s hash of the code number)';
COMMENT ON FUNCTION @extschema@.bounce_code_hash_extended(@extschema@.bounce_code, pg_catalog.int8) IS 'seeded 64-bit hash of bounce_code';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.bounce_code, RIGHTARG = @extschema@.bounce_code,
	FUNCTION = @extschema@.bounce_code_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.bounce_code, RIGHTARG = @extschema@.bounce_code,
	FUNCTION = @extschema@.bounce_code_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.bounce_code, RIGHTARG = @extschema@.bounce_code,
	FUNCTION = @extschema@.bounce_code_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.bounce_code, RIGHTARG = @extschema@.bounce_code,
	FUNCTION = @extschema@.bounce_code_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.bounce_code, RIGHTARG = @extschema@.bounce_code,
	FUNCTION = @extschema@.bounce_code_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.bounce_code, RIGHTARG = @extschema@.bounce_code,
	FUNCTION = @extschema@.bounce_code_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);

COMMENT ON OPERATOR @extschema@.= (@extschema@.bounce_code, @extschema@.bounce_code) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.bounce_code, @extschema@.bounce_code) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.bounce_code, @extschema@.bounce_code) IS 'less than (by code number)';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.bounce_code, @extschema@.bounce_code) IS 'less than or equal (by code number)';
COMMENT ON OPERATOR @extschema@.> (@extschema@.bounce_code, @extschema@.bounce_code) IS 'greater than (by code number)';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.bounce_code, @extschema@.bounce_code) IS 'greater than or equal (by code number)';

CREATE OPERATOR CLASS @extschema@.bounce_code_ops
	DEFAULT FOR TYPE @extschema@.bounce_code USING btree AS
		OPERATOR 1 @extschema@.< ,
		OPERATOR 2 @extschema@.<= ,
		OPERATOR 3 @extschema@.= ,
		OPERATOR 4 @extschema@.>= ,
		OPERATOR 5 @extschema@.> ,
		FUNCTION 1 @extschema@.bounce_code_cmp(@extschema@.bounce_code, @extschema@.bounce_code);

CREATE OPERATOR CLASS @extschema@.bounce_code_hash_ops
	DEFAULT FOR TYPE @extschema@.bounce_code USING hash AS
		OPERATOR 1 @extschema@.= ,
		FUNCTION 1 @extschema@.bounce_code_hash(@extschema@.bounce_code),
		FUNCTION 2 @extschema@.bounce_code_hash_extended(@extschema@.bounce_code, pg_catalog.int8);

COMMENT ON OPERATOR CLASS @extschema@.bounce_code_ops USING btree IS 'default btree operator class for bounce_code: orders by code number';
COMMENT ON OPERATOR CLASS @extschema@.bounce_code_hash_ops USING hash IS 'default hash operator class for bounce_code';
COMMENT ON OPERATOR FAMILY @extschema@.bounce_code_ops USING btree IS 'btree operator family of bounce_code';
COMMENT ON OPERATOR FAMILY @extschema@.bounce_code_hash_ops USING hash IS 'hash operator family of bounce_code';

CREATE FUNCTION @extschema@.bounce_code_smaller(@extschema@.bounce_code, @extschema@.bounce_code) RETURNS @extschema@.bounce_code
	AS 'MODULE_PATHNAME', 'bounce_code_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_code_larger(@extschema@.bounce_code, @extschema@.bounce_code) RETURNS @extschema@.bounce_code
	AS 'MODULE_PATHNAME', 'bounce_code_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_code_smaller(@extschema@.bounce_code, @extschema@.bounce_code) IS 'the lesser of two bounce codes (transition function of min)';
COMMENT ON FUNCTION @extschema@.bounce_code_larger(@extschema@.bounce_code, @extschema@.bounce_code) IS 'the greater of two bounce codes (transition function of max)';

CREATE AGGREGATE @extschema@.min(@extschema@.bounce_code) (
	SFUNC = @extschema@.bounce_code_smaller, STYPE = @extschema@.bounce_code,
	COMBINEFUNC = @extschema@.bounce_code_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.max(@extschema@.bounce_code) (
	SFUNC = @extschema@.bounce_code_larger, STYPE = @extschema@.bounce_code,
	COMBINEFUNC = @extschema@.bounce_code_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.bounce_code) IS 'the lowest bounce code of the group';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.bounce_code) IS 'the highest bounce code of the group';

-------------------------------------------------------------------------------
-- Casts
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.bounce_code(pg_catalog.int2) RETURNS @extschema@.bounce_code
	AS 'MODULE_PATHNAME', 'bounce_code_from_int2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_code(pg_catalog.int4) RETURNS @extschema@.bounce_code
	AS 'MODULE_PATHNAME', 'bounce_code_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bounce_code(pg_catalog.int8) RETURNS @extschema@.bounce_code
	AS 'MODULE_PATHNAME', 'bounce_code_from_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.int4(@extschema@.bounce_code) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'bounce_code_to_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION @extschema@.bounce_code(pg_catalog.int2) IS 'convert a smallint to bounce_code; a smallint that is no code is an error (22003)';
COMMENT ON FUNCTION @extschema@.bounce_code(pg_catalog.int4) IS 'convert an integer to bounce_code; an integer that is no code is an error (22003)';
COMMENT ON FUNCTION @extschema@.bounce_code(pg_catalog.int8) IS 'convert a bigint to bounce_code; a bigint that is no code is an error (22003)';
COMMENT ON FUNCTION @extschema@.int4(@extschema@.bounce_code) IS 'the code number of a bounce_code';

CREATE CAST (pg_catalog.int2 AS @extschema@.bounce_code)
	WITH FUNCTION @extschema@.bounce_code(pg_catalog.int2);
CREATE CAST (pg_catalog.int4 AS @extschema@.bounce_code)
	WITH FUNCTION @extschema@.bounce_code(pg_catalog.int4);
CREATE CAST (pg_catalog.int8 AS @extschema@.bounce_code)
	WITH FUNCTION @extschema@.bounce_code(pg_catalog.int8);
CREATE CAST (@extschema@.bounce_code AS pg_catalog.int4)
	WITH FUNCTION @extschema@.int4(@extschema@.bounce_code) AS ASSIGNMENT;

COMMENT ON CAST (pg_catalog.int2 AS @extschema@.bounce_code) IS 'explicit: validates that the smallint is one of the 25 codes';
COMMENT ON CAST (pg_catalog.int4 AS @extschema@.bounce_code) IS 'explicit: validates that the integer is one of the 25 codes';
COMMENT ON CAST (pg_catalog.int8 AS @extschema@.bounce_code) IS 'explicit: validates that the bigint is one of the 25 codes';
COMMENT ON CAST (@extschema@.bounce_code AS pg_catalog.int4) IS 'assignment: lossless';

-------------------------------------------------------------------------------
-- What a code means: kind, name, descriptions, catalog
-------------------------------------------------------------------------------

CREATE TYPE @extschema@.bounce_kind AS ENUM ('hard', 'soft', 'other', 'na');
COMMENT ON TYPE @extschema@.bounce_kind IS
	'the type of a bounce code: hard (address invalid at once), soft (invalid when it repeats over time), other (Swedish "Annat": never the address''s fault), na (not a delivery result: spam complaint)';

CREATE FUNCTION @extschema@.bounce_kind(@extschema@.bounce_code) RETURNS @extschema@.bounce_kind
	AS 'MODULE_PATHNAME', 'bounce_code_kind' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_kind(@extschema@.bounce_code) IS 'the kind of a bounce code: hard, soft, other or na';

CREATE FUNCTION @extschema@.bounce_is_hard(@extschema@.bounce_code) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'bounce_code_is_hard' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_is_hard(@extschema@.bounce_code) IS 'true for hard codes (10, 90): the address is invalid at once';

CREATE FUNCTION @extschema@.bounce_is_soft(@extschema@.bounce_code) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'bounce_code_is_soft' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_is_soft(@extschema@.bounce_code) IS 'true for soft codes (20, 21, 22, 29): the address is invalid when they repeat over time';

CREATE FUNCTION @extschema@.bounce_address_at_fault(@extschema@.bounce_code) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'bounce_code_address_at_fault' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_address_at_fault(@extschema@.bounce_code) IS 'true for hard and soft codes, the ones that count against the address; false for other and na';

CREATE FUNCTION @extschema@.bounce_code_name(@extschema@.bounce_code) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'bounce_code_name' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_code_name(@extschema@.bounce_code) IS 'the stable symbolic name of a code, e.g. dns_failure for 21 (also accepted as bounce_code input)';

CREATE FUNCTION @extschema@.bounce_description(@extschema@.bounce_code) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'bounce_code_description' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_description(@extschema@.bounce_code) IS 'the English description of a code, as worded in the bounce code table';

CREATE FUNCTION @extschema@.bounce_description(@extschema@.bounce_code, pg_catalog.text) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'bounce_code_description_lang' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_description(@extschema@.bounce_code, pg_catalog.text) IS 'the description of a code in a language: ''en'' (English) or ''sv'' (Swedish); any other is an error (22023)';

CREATE FUNCTION @extschema@.bounce_codes(
		OUT code @extschema@.bounce_code,
		OUT name pg_catalog.text,
		OUT kind @extschema@.bounce_kind,
		OUT description pg_catalog.text,
		OUT description_sv pg_catalog.text,
		OUT example pg_catalog.text)
	RETURNS SETOF pg_catalog.record
	AS 'MODULE_PATHNAME', 'bounce_codes_catalog' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 25;
COMMENT ON FUNCTION @extschema@.bounce_codes() IS 'the bounce code table: one row per code with its name, kind, English and Swedish descriptions and the example SMTP response, if any';

-------------------------------------------------------------------------------
-- Classification
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.classify_bounce(response pg_catalog.text) RETURNS @extschema@.bounce_code
	AS 'MODULE_PATHNAME', 'bounce_classify_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.classify_bounce(pg_catalog.text) IS
	'the bounce code of an SMTP response, DSN fields or a whole bounce message (any text; see bounce_explain for why)';

-- Not STRICT: a NULL recipient means "unknown", as in the one-argument form; a NULL response gives NULL.
CREATE FUNCTION @extschema@.classify_bounce(response pg_catalog.text, recipient pg_catalog.text) RETURNS @extschema@.bounce_code
	AS 'MODULE_PATHNAME', 'bounce_classify_text' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.classify_bounce(pg_catalog.text, pg_catalog.text) IS
	'the bounce code of a response, given the recipient address or domain (refines 29 vs 59 for large providers); a NULL recipient is ignored';

CREATE FUNCTION @extschema@.bounce_explain(
		response pg_catalog.text,
		OUT code @extschema@.bounce_code,
		OUT kind @extschema@.bounce_kind,
		OUT smtp_reply pg_catalog.int4,
		OUT status pg_catalog.text,
		OUT rule pg_catalog.text,
		OUT evidence pg_catalog.text,
		OUT recipient pg_catalog.text,
		OUT phrase pg_catalog.text,
		OUT part pg_catalog.text)
	AS 'MODULE_PATHNAME', 'bounce_explain_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_explain(pg_catalog.text) IS
	'why a response gets its code: the code, its kind, the SMTP reply and enhanced status codes found, the deciding rule, the text that triggered it, the failed recipient found, the phrase that matched (NULL when a code or a structural fact decided) and the part of the message the decision came from (remote server reply, enhanced status code, bounce text, subject, ...)';

CREATE FUNCTION @extschema@.bounce_explain(
		response pg_catalog.text,
		recipient pg_catalog.text,
		OUT code @extschema@.bounce_code,
		OUT kind @extschema@.bounce_kind,
		OUT smtp_reply pg_catalog.int4,
		OUT status pg_catalog.text,
		OUT rule pg_catalog.text,
		OUT evidence pg_catalog.text,
		OUT recipient pg_catalog.text,
		OUT phrase pg_catalog.text,
		OUT part pg_catalog.text)
	AS 'MODULE_PATHNAME', 'bounce_explain_text' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_explain(pg_catalog.text, pg_catalog.text) IS
	'bounce_explain with the recipient address or domain (as classify_bounce with two arguments); a NULL recipient is ignored; the same columns as the one-argument form (recipient: the failed recipient found in the text)';

CREATE FUNCTION @extschema@.bounce_recipient(message pg_catalog.text) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'bounce_recipient_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_recipient(pg_catalog.text) IS
	'the recipient of the row bounce_recipients reports first failed (then delayed, then any): DSN Original-Recipient else Final-Recipient, a plain-text bounce''s recipient, an ARF report''s Original-Rcpt-To, an auto-reply''s sender; domain lower-cased; NULL when there is none';
