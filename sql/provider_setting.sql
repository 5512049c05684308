-- bouncecode.large_providers: every way a value is replaced or discarded.
-- From PostgreSQL 16 GUC frees a setting's parsed value with guc_free(); one
-- allocated with malloc() made the second SET and every RESET fail with
-- "pfree called with invalid pointer".  Each statement below replaces or
-- discards a parsed list; the classification shows which list is in force.
SET bouncecode.large_providers = 'smallco.example';
SELECT classify_bounce('Connection timed out', 'anna@smallco.example') AS first_listed,
       classify_bounce('Connection timed out', 'anna@other.example') AS first_unlisted;
-- A second SET replaces the first list.
SET bouncecode.large_providers = 'other.example, third.example';
SELECT classify_bounce('Connection timed out', 'anna@smallco.example') AS no_longer_listed,
       classify_bounce('Connection timed out', 'anna@other.example') AS second_listed,
       classify_bounce('Connection timed out', 'anna@mx.third.example') AS second_parent;
SHOW bouncecode.large_providers;
RESET bouncecode.large_providers;
SELECT classify_bounce('Connection timed out', 'anna@other.example') AS after_reset;
-- RESET twice, and SET after RESET.
RESET bouncecode.large_providers;
SET bouncecode.large_providers = 'smallco.example';
SELECT classify_bounce('Connection timed out', 'anna@smallco.example') AS set_after_reset;
-- A rejected value leaves the list in force.
SET bouncecode.large_providers = 'smallco.example, not_a_domain';
\echo :LAST_ERROR_SQLSTATE
SELECT classify_bounce('Connection timed out', 'anna@smallco.example') AS kept_after_error;
-- SET LOCAL and a rolled-back SET are discarded at the end of the transaction.
BEGIN;
SET LOCAL bouncecode.large_providers = 'local.example';
SELECT classify_bounce('Connection timed out', 'anna@local.example') AS local_listed,
       classify_bounce('Connection timed out', 'anna@smallco.example') AS outer_hidden;
COMMIT;
SELECT classify_bounce('Connection timed out', 'anna@local.example') AS local_gone,
       classify_bounce('Connection timed out', 'anna@smallco.example') AS outer_back;
BEGIN;
SET bouncecode.large_providers = 'rolledback.example';
SAVEPOINT s;
SET bouncecode.large_providers = 'savepoint.example';
ROLLBACK TO SAVEPOINT s;
SELECT classify_bounce('Connection timed out', 'anna@rolledback.example') AS before_savepoint,
       classify_bounce('Connection timed out', 'anna@savepoint.example') AS savepoint_gone;
ROLLBACK;
SELECT classify_bounce('Connection timed out', 'anna@rolledback.example') AS rolled_back,
       classify_bounce('Connection timed out', 'anna@smallco.example') AS outer_kept;
-- A function's SET clause installs and discards a value on every call.
CREATE FUNCTION classify_with_providers(recipient text) RETURNS bounce_code
	LANGUAGE sql SET bouncecode.large_providers = 'function.example'
	AS $$ SELECT classify_bounce('Connection timed out', recipient) $$;
SELECT classify_with_providers('anna@function.example') AS in_function,
       classify_with_providers('anna@smallco.example') AS outer_hidden_in_function,
       classify_bounce('Connection timed out', 'anna@function.example') AS outside_function;
DROP FUNCTION classify_with_providers(text);
-- A list longer than the table's first size: every domain is found.
SELECT set_config('bouncecode.large_providers',
                  string_agg('d' || i || '.example', ', '), false) <> '' AS set_long_list
FROM generate_series(1, 200) i;
SELECT count(*) FILTER (WHERE classify_bounce('Connection timed out', 'anna@d' || i || '.example') = '59') AS found,
       count(*) FILTER (WHERE classify_bounce('Connection timed out', 'anna@e' || i || '.example') = '29') AS not_found
FROM generate_series(1, 200) i;
-- Empty and separator-only lists hold no domain.
SET bouncecode.large_providers = '';
SELECT classify_bounce('Connection timed out', 'anna@d1.example') AS empty_list;
SET bouncecode.large_providers = ' , ,, ';
SELECT classify_bounce('Connection timed out', 'anna@d1.example') AS separators_only;
RESET bouncecode.large_providers;
SHOW bouncecode.large_providers;
