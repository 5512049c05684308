-- The install script under a hostile search_path, and the extension as trusted.

CREATE DATABASE bouncecode_security;
\c bouncecode_security
-- Look-alikes of what the install script uses, in a schema ahead of everything.
CREATE SCHEMA evil;
CREATE FUNCTION evil.int4(integer) RETURNS integer LANGUAGE sql AS 'SELECT 666';
CREATE FUNCTION evil.hashint2(smallint) RETURNS integer LANGUAGE sql AS 'SELECT 666';
CREATE FUNCTION evil.texteq(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.texteq);
CREATE TYPE evil.bounce_kind AS ENUM ('evil');
CREATE SCHEMA bc;
SET search_path = evil, bc, public, pg_catalog;
CREATE EXTENSION bouncecode SCHEMA bc;

-- Every function an extension object calls lives in bc or pg_catalog, never in evil.
WITH ext AS (SELECT oid FROM pg_extension WHERE extname = 'bouncecode'),
members AS (
	SELECT classid, objid FROM pg_depend, ext WHERE refobjid = ext.oid AND deptype = 'e'),
called AS (
	SELECT o.oprcode::oid AS f FROM pg_operator o JOIN members m ON m.objid = o.oid AND m.classid = 'pg_operator'::regclass
	UNION ALL SELECT o.oprrest::oid FROM pg_operator o JOIN members m ON m.objid = o.oid AND m.classid = 'pg_operator'::regclass
	UNION ALL SELECT o.oprjoin::oid FROM pg_operator o JOIN members m ON m.objid = o.oid AND m.classid = 'pg_operator'::regclass
	UNION ALL SELECT c.castfunc FROM pg_cast c JOIN members m ON m.objid = c.oid AND m.classid = 'pg_cast'::regclass
	UNION ALL SELECT a.aggtransfn::oid FROM pg_aggregate a JOIN members m ON m.objid = a.aggfnoid AND m.classid = 'pg_proc'::regclass
	UNION ALL SELECT a.aggcombinefn::oid FROM pg_aggregate a JOIN members m ON m.objid = a.aggfnoid AND m.classid = 'pg_proc'::regclass
	UNION ALL SELECT ap.amproc::oid FROM pg_amproc ap JOIN pg_opfamily f ON f.oid = ap.amprocfamily
		JOIN members m ON m.objid = f.oid AND m.classid = 'pg_opfamily'::regclass
	UNION ALL SELECT t.typinput::oid FROM pg_type t JOIN members m ON m.objid = t.oid AND m.classid = 'pg_type'::regclass
	UNION ALL SELECT t.typreceive::oid FROM pg_type t JOIN members m ON m.objid = t.oid AND m.classid = 'pg_type'::regclass)
SELECT DISTINCT n.nspname AS schema_of_called_functions
FROM called JOIN pg_proc p ON p.oid = called.f JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE called.f <> 0 ORDER BY 1;
-- The result types and arguments are the extension's own, not evil's look-alikes.
SELECT DISTINCT t.typnamespace::regnamespace AS schema_of_types
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
JOIN pg_type t ON t.oid = p.prorettype
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'bouncecode') ORDER BY 1;
-- It still works with evil first in the search path.
SELECT bc.classify_bounce('550 5.1.1 user unknown'), bc.bounce_kind('10'::bc.bounce_code), '21'::bc.bounce_code = '21',
       bc.bounce_code('21'::int4)::int;
-- No function runs with its owner's rights.
SELECT count(*) AS security_definer_functions
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'bouncecode') AND p.prosecdef;
RESET search_path;
DROP EXTENSION bouncecode;
DROP SCHEMA evil CASCADE;

-- Trusted: a role with CREATE on the database (and no superuser) can install and use it.
CREATE ROLE bouncecode_user;
GRANT CREATE ON DATABASE bouncecode_security TO bouncecode_user;
GRANT CREATE, USAGE ON SCHEMA bc TO bouncecode_user;
SET ROLE bouncecode_user;
CREATE EXTENSION bouncecode SCHEMA bc;
SELECT bc.classify_bounce('452 4.2.2 Mailbox full') AS works_for_the_user;
-- ... and gains nothing it did not have: no C functions, no superuser.
CREATE FUNCTION bc.sneaky() RETURNS int AS 'bouncecode', 'bounce_code_cmp' LANGUAGE C;
SELECT rolsuper FROM pg_roles WHERE rolname = current_user;
-- The rule tables belong to the bootstrap superuser; the role that created the extension may write them ...
SELECT r.rolsuper AS rule_tables_owned_by_superuser FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
WHERE c.oid = 'bc.bounce_rules'::regclass;
INSERT INTO bc.bounce_rulesets VALUES ('mine');
INSERT INTO bc.bounce_rules (ruleset, name, phrase, code) VALUES ('mine', 'dormant', 'mailbox is dormant', '10');
SELECT bc.classify_bounce('550 mailbox is dormant', NULL, 'mine') AS installer_rule;
RESET ROLE;
-- ... another role only reads them, until it is granted more.
CREATE ROLE bouncecode_other;
GRANT USAGE ON SCHEMA bc TO bouncecode_other;
SET ROLE bouncecode_other;
SELECT count(*) AS other_reads FROM bc.bounce_rules;
SELECT bc.classify_bounce('550 mailbox is dormant', NULL, 'mine') AS other_classifies;
UPDATE bc.bounce_rules SET code = '0';
INSERT INTO bc.bounce_rulesets VALUES ('theirs');
RESET ROLE;
SET ROLE bouncecode_user;
GRANT INSERT, UPDATE ON bc.bounce_rules TO bouncecode_other;
RESET ROLE;
SET ROLE bouncecode_other;
UPDATE bc.bounce_rules SET code = '52';
SELECT bc.classify_bounce('550 mailbox is dormant', NULL, 'mine') AS after_grant;
RESET ROLE;
SET ROLE bouncecode_user;
DROP EXTENSION bouncecode;
RESET ROLE;
REVOKE ALL ON SCHEMA bc FROM bouncecode_other;
DROP ROLE bouncecode_other;
\c contrib_regression
DROP DATABASE bouncecode_security;
DROP ROLE bouncecode_user;
