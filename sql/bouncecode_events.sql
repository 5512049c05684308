
-------------------------------------------------------------------------------
-- Webhook events of email service providers: bounce_events()
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.bounce_events(
		payload pg_catalog.jsonb,
		OUT provider pg_catalog.text,
		OUT event pg_catalog.text,
		OUT recipient pg_catalog.text,
		OUT occurred_at pg_catalog.timestamptz,
		OUT code @extschema@.bounce_code,
		OUT kind @extschema@.bounce_kind,
		OUT diagnostic pg_catalog.text,
		OUT provider_type pg_catalog.text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'bounce_events_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION @extschema@.bounce_events(pg_catalog.jsonb) IS
	'one row per recipient event of an email service provider''s webhook payload (Amazon SES, also in an SNS envelope; SendGrid; Mailgun; Postmark; SparkPost; Mailjet; Brevo; KumoMTA log records): the provider, its event name, the recipient, the time, the bounce code and its kind (from the remote server''s words, else the provider''s own classification, else the event; NULL for an event that says nothing about delivery), the words, the provider''s classification; error 22023 for a payload of no known format';
