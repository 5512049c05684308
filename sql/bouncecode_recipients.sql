
-------------------------------------------------------------------------------
-- Every recipient of a bounce, with its own code
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.bounce_recipients(
		message pg_catalog.text,
		OUT recipient pg_catalog.text,
		OUT final_recipient pg_catalog.text,
		OUT action pg_catalog.text,
		OUT status pg_catalog.text,
		OUT smtp_reply pg_catalog.int4,
		OUT remote_mta pg_catalog.text,
		OUT smtp_command pg_catalog.text,
		OUT diagnostic pg_catalog.text,
		OUT code @extschema@.bounce_code,
		OUT kind @extschema@.bounce_kind,
		OUT rule pg_catalog.text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'bounce_recipients_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	ROWS 2;
COMMENT ON FUNCTION @extschema@.bounce_recipients(pg_catalog.text) IS
	'one row per recipient a bounce reports (DSN groups, plain-text MTA forms), in the order of the message, each with its own facts and code; the first failed row (then delayed, then any) is classify_bounce and bounce_recipient; a message naming no recipient gives one row with a NULL recipient';

-- Not STRICT: a NULL recipient means "unknown", as in classify_bounce(response, recipient); a NULL message gives no rows.
CREATE FUNCTION @extschema@.bounce_recipients(
		message pg_catalog.text,
		sent_to pg_catalog.text,
		OUT recipient pg_catalog.text,
		OUT final_recipient pg_catalog.text,
		OUT action pg_catalog.text,
		OUT status pg_catalog.text,
		OUT smtp_reply pg_catalog.int4,
		OUT remote_mta pg_catalog.text,
		OUT smtp_command pg_catalog.text,
		OUT diagnostic pg_catalog.text,
		OUT code @extschema@.bounce_code,
		OUT kind @extschema@.bounce_kind,
		OUT rule pg_catalog.text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'bounce_recipients_text' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
	ROWS 2;
COMMENT ON FUNCTION @extschema@.bounce_recipients(pg_catalog.text, pg_catalog.text) IS
	'bounce_recipients with the address the message was sent to (as classify_bounce with two arguments: it refines 29 vs 59 of the row classify_bounce reports); a NULL recipient is ignored';
