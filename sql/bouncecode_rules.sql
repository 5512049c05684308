
-------------------------------------------------------------------------------
-- Rule sets: user rules without rebuilding (README, "Rule sets")
-------------------------------------------------------------------------------

-- The checks of the rule tables' values: true, or error 22023 saying why.
CREATE FUNCTION @extschema@.bounce_rule_phrase_valid(phrase pg_catalog.text) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'bounce_rule_phrase_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_rule_phrase_valid(pg_catalog.text) IS
	'true when a rule phrase can match (it has a letter or digit, only characters the classifier reads, no address, host name, URL, IP or SMTP code, at most 200 bytes folded); otherwise error 22023 saying why';

CREATE FUNCTION @extschema@.bounce_rule_domain_valid(domain pg_catalog.text) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'bounce_rule_domain_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_rule_domain_valid(pg_catalog.text) IS
	'true when the text is a domain name (letter, digit and hyphen labels joined by dots, two labels at least); otherwise error 22023';

CREATE FUNCTION @extschema@.bounce_rule_status_valid(status pg_catalog.text) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'bounce_rule_status_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_rule_status_valid(pg_catalog.text) IS
	'true when the text is an enhanced status code such as 5.7.1; otherwise error 22023';

-- Statement-level trigger of the rule tables: every backend's cached rule sets are read again.
CREATE FUNCTION @extschema@.bounce_rules_changed() RETURNS pg_catalog.trigger
	AS 'MODULE_PATHNAME', 'bounce_rules_changed' LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bounce_rules_changed() IS
	'AFTER ... FOR EACH STATEMENT trigger of the rule tables: invalidates the compiled rule sets cached by every session';

CREATE TABLE @extschema@.bounce_rulesets (
	name pg_catalog.text PRIMARY KEY CHECK (name OPERATOR(pg_catalog.~) '^[A-Za-z0-9_.-]{1,63}$'),
	comment pg_catalog.text
);
COMMENT ON TABLE @extschema@.bounce_rulesets IS
	'named sets of user rules, for classify_bounce(response, recipient, ruleset) and the functions that take a rule set';
COMMENT ON COLUMN @extschema@.bounce_rulesets.name IS 'the rule set''s name: letters, digits, _ . and -, at most 63 characters';

CREATE TABLE @extschema@.bounce_rules (
	ruleset pg_catalog.text NOT NULL
		REFERENCES @extschema@.bounce_rulesets (name) ON UPDATE CASCADE ON DELETE CASCADE,
	name pg_catalog.text NOT NULL CHECK (name OPERATOR(pg_catalog.~) '^[A-Za-z0-9_.-]{1,63}$'),
	phrase pg_catalog.text NOT NULL CHECK (@extschema@.bounce_rule_phrase_valid(phrase)),
	code @extschema@.bounce_code NOT NULL,
	recipient_domain pg_catalog.text CHECK (@extschema@.bounce_rule_domain_valid(recipient_domain)),
	remote_host pg_catalog.text CHECK (@extschema@.bounce_rule_domain_valid(remote_host)),
	reply_class pg_catalog.int2 CHECK (reply_class OPERATOR(pg_catalog.=) ANY ('{4,5}'::pg_catalog.int2[])),
	status pg_catalog.text CHECK (@extschema@.bounce_rule_status_valid(status)),
	comment pg_catalog.text,
	PRIMARY KEY (ruleset, name)
);
COMMENT ON TABLE @extschema@.bounce_rules IS
	'user rules: a phrase (matched like the built-in phrases) that gives a code, optionally only for a recipient domain, after a remote host was named, under a reply class or an enhanced status; a rule beats the built-in phrases read at the same level of authority';
COMMENT ON COLUMN @extschema@.bounce_rules.ruleset IS 'the rule set (bounce_rulesets.name)';
COMMENT ON COLUMN @extschema@.bounce_rules.name IS 'the rule''s name in its set; bounce_explain shows ruleset:name as its rule';
COMMENT ON COLUMN @extschema@.bounce_rules.phrase IS 'words matched whole, any case, accents and whitespace runs folded as for the built-in phrases; a trailing * is a stem';
COMMENT ON COLUMN @extschema@.bounce_rules.code IS 'the code the rule gives';
COMMENT ON COLUMN @extschema@.bounce_rules.recipient_domain IS 'NULL, or only for a recipient (the one given, else the one found in the text) in this domain or a subdomain';
COMMENT ON COLUMN @extschema@.bounce_rules.remote_host IS 'NULL, or only once this host or a subdomain of it was named in the text (host ... said:, Remote-MTA:, ...)';
COMMENT ON COLUMN @extschema@.bounce_rules.reply_class IS 'NULL, or only when the reply read so far is of this class (4 or 5; the enhanced status''s class when there is one)';
COMMENT ON COLUMN @extschema@.bounce_rules.status IS 'NULL, or only when the enhanced status read so far is this one (5.7.1)';
COMMENT ON COLUMN @extschema@.bounce_rules.comment IS 'free text: why the rule exists';

CREATE TABLE @extschema@.bounce_large_providers (
	ruleset pg_catalog.text NOT NULL
		REFERENCES @extschema@.bounce_rulesets (name) ON UPDATE CASCADE ON DELETE CASCADE,
	domain pg_catalog.text NOT NULL CHECK (@extschema@.bounce_rule_domain_valid(domain)),
	PRIMARY KEY (ruleset, domain)
);
COMMENT ON TABLE @extschema@.bounce_large_providers IS
	'domains that a rule set adds to the built-in large-provider list: a failed connection to a recipient there (or in a subdomain) is 59, not 29';
COMMENT ON COLUMN @extschema@.bounce_large_providers.ruleset IS 'the rule set (bounce_rulesets.name)';
COMMENT ON COLUMN @extschema@.bounce_large_providers.domain IS 'a large mailbox provider''s domain';

CREATE TRIGGER bounce_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.bounce_rulesets
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.bounce_rules_changed();
CREATE TRIGGER bounce_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.bounce_rules
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.bounce_rules_changed();
CREATE TRIGGER bounce_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.bounce_large_providers
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.bounce_rules_changed();

-- The rows are the users': pg_dump dumps them with the data.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.bounce_rulesets', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.bounce_rules', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.bounce_large_providers', '');

-- Readable by all; writable by their owner (the installing superuser, or for a
-- trusted install the bootstrap superuser) and the role that created the
-- extension, who can GRANT more.
REVOKE ALL ON @extschema@.bounce_rulesets, @extschema@.bounce_rules, @extschema@.bounce_large_providers FROM PUBLIC;
GRANT SELECT ON @extschema@.bounce_rulesets, @extschema@.bounce_rules, @extschema@.bounce_large_providers TO PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES
	ON @extschema@.bounce_rulesets, @extschema@.bounce_rules, @extschema@.bounce_large_providers
	TO @extowner@ WITH GRANT OPTION;

-- The functions that take a rule set.  IMMUTABLE as to_tsvector(regconfig, text)
-- is: the rule set is an explicit argument; after changing a rule set, rebuild
-- the indexes and stored codes that used it (README).  Not STRICT: a NULL
-- recipient is ignored and a NULL rule set means the built-in knowledge alone.
CREATE FUNCTION @extschema@.classify_bounce(response pg_catalog.text, recipient pg_catalog.text, ruleset pg_catalog.text)
	RETURNS @extschema@.bounce_code
	AS 'MODULE_PATHNAME', 'bounce_classify_text' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.classify_bounce(pg_catalog.text, pg_catalog.text, pg_catalog.text) IS
	'the bounce code of a response with the recipient and the rules of a rule set (bounce_rules, bounce_large_providers); a NULL recipient is ignored, a NULL rule set means none; after changing the set, rebuild what stored its results';

CREATE FUNCTION @extschema@.bounce_explain(
		response pg_catalog.text,
		recipient pg_catalog.text,
		ruleset pg_catalog.text,
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
COMMENT ON FUNCTION @extschema@.bounce_explain(pg_catalog.text, pg_catalog.text, pg_catalog.text) IS
	'bounce_explain with a rule set (as classify_bounce with three arguments); when a user rule decided, rule is ruleset:name and phrase the rule''s phrase';

CREATE FUNCTION @extschema@.bounce_recipients(
		message pg_catalog.text,
		sent_to pg_catalog.text,
		ruleset pg_catalog.text,
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
COMMENT ON FUNCTION @extschema@.bounce_recipients(pg_catalog.text, pg_catalog.text, pg_catalog.text) IS
	'bounce_recipients with a rule set (as classify_bounce with three arguments): every recipient''s code is read with the set''s rules; a NULL sent_to is ignored, a NULL rule set means none, a NULL message gives no rows';

CREATE FUNCTION @extschema@.bounce_events(
		payload pg_catalog.jsonb,
		ruleset pg_catalog.text,
		OUT provider pg_catalog.text,
		OUT event pg_catalog.text,
		OUT recipient pg_catalog.text,
		OUT occurred_at pg_catalog.timestamptz,
		OUT code @extschema@.bounce_code,
		OUT kind @extschema@.bounce_kind,
		OUT diagnostic pg_catalog.text,
		OUT provider_type pg_catalog.text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'bounce_events_jsonb' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION @extschema@.bounce_events(pg_catalog.jsonb, pg_catalog.text) IS
	'bounce_events with a rule set: the remote server''s words of each event are read with the set''s rules (as classify_bounce with three arguments); a NULL rule set means none, a NULL payload gives no rows';

CREATE FUNCTION @extschema@.bounce_phrases(
		ruleset pg_catalog.text,
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
COMMENT ON FUNCTION @extschema@.bounce_phrases(pg_catalog.text) IS
	'bounce_phrases() and then the rule set''s own knowledge: its rules (role cue, rule ruleset:name, source rule_set) and its large-provider domains (role large_provider_domain)';
