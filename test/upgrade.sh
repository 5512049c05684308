#!/usr/bin/env bash
# test/upgrade.sh — the ALTER EXTENSION ... UPDATE path: install the oldest
# released version, update step by step through every upgrade script to the
# current version, and compare the extension's objects with a fresh install of
# the current version (as postgresql-unit does); user rules inserted before the
# walk must still be there, and classify, after it.  Runs inside a cluster whose
# connection settings are in the environment (test/run uses pg_virtualenv),
# with the current build installed.
#
# Released versions keep their install script frozen as sql/bouncecode--X.Y.Z.sql
# (committed); the current version's is built from sql/bouncecode.sql.
set -euo pipefail
cd "$(dirname "$0")/.."
current=$(sed -n "s/^default_version *= *'\([^']*\)'.*/\1/p" bouncecode.control)
# Every version that has an install script or an upgrade script, oldest first.
versions=$( (echo "$current"; ls sql/ | sed -n 's/^bouncecode--\([0-9.]*\)--\([0-9.]*\)\.sql$/\1\n\2/p') | sort -u -V)
oldest=$(echo "$versions" | head -n 1)
echo "versions: $(echo $versions); oldest $oldest, current $current"

# Every member object of the extension with its definition, in a stable order.
describe() {
	psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
SELECT pg_describe_object(d.classid, d.objid, 0) || ' | ' ||
       coalesce(CASE WHEN d.classid = 'pg_proc'::regclass THEN
                     (SELECT p.prosrc || ' ' || p.provolatile::text || p.proparallel::text || p.proisstrict::text ||
                             ' ' || pg_get_function_result(p.oid) FROM pg_proc p WHERE p.oid = d.objid) END, '') ||
       coalesce(' comment: ' || obj_description(d.objid, (SELECT relname FROM pg_class WHERE oid = d.classid)), '')
FROM pg_depend d
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'bouncecode') AND d.deptype = 'e'
ORDER BY 1;
SQL
}

dropdb --if-exists bc_upgrade_walk
dropdb --if-exists bc_upgrade_fresh
createdb bc_upgrade_walk
createdb bc_upgrade_fresh
psql -X -q -v ON_ERROR_STOP=1 -d bc_upgrade_walk -c "CREATE EXTENSION bouncecode VERSION '$oldest'"
# User rules present before the walk must come through it (from the first version with rule sets).
rules_query="SELECT string_agg(r::text, ',' ORDER BY r::text) FROM bounce_rules r"
rules_before=""
if [ "$(psql -X -A -t -d bc_upgrade_walk -c "SELECT to_regclass('bounce_rules') IS NOT NULL")" = t ]; then
	psql -X -q -v ON_ERROR_STOP=1 -d bc_upgrade_walk <<'SQL'
INSERT INTO bounce_rulesets VALUES ('walk', 'present during the upgrade');
INSERT INTO bounce_rules (ruleset, name, phrase, code, reply_class) VALUES ('walk', 'dormant', 'mailbox is dormant', '10', 5);
INSERT INTO bounce_large_providers VALUES ('walk', 'bigcorp.example');
SQL
	rules_before=$(psql -X -A -t -d bc_upgrade_walk -c "$rules_query")
fi
steps=0
for v in $versions; do
	[ "$v" = "$oldest" ] && continue
	psql -X -q -v ON_ERROR_STOP=1 -d bc_upgrade_walk -c "ALTER EXTENSION bouncecode UPDATE TO '$v'"
	steps=$((steps + 1))
done
psql -X -q -v ON_ERROR_STOP=1 -d bc_upgrade_fresh -c "CREATE EXTENSION bouncecode"
walked=$(psql -X -A -t -d bc_upgrade_walk -c "SELECT extversion FROM pg_extension WHERE extname = 'bouncecode'")
describe bc_upgrade_walk >/tmp/bouncecode-upgrade.walk
describe bc_upgrade_fresh >/tmp/bouncecode-upgrade.fresh
rules_after=""
rules_work="none before the walk"
if [ -n "$rules_before" ]; then
	rules_after=$(psql -X -A -t -d bc_upgrade_walk -c "$rules_query")
	rules_work=$(psql -X -A -t -d bc_upgrade_walk -c "SELECT classify_bounce('550 mailbox is dormant', NULL, 'walk') || ' ' || classify_bounce('Connection timed out', 'a@bigcorp.example', 'walk')")
	[ "$rules_work" = "10 59" ] || rules_after="(the rules no longer classify: $rules_work)"
fi
if diff /tmp/bouncecode-upgrade.walk /tmp/bouncecode-upgrade.fresh >/tmp/bouncecode-upgrade.diff &&
	[ "$walked" = "$current" ] && [ -s /tmp/bouncecode-upgrade.fresh ] && [ "$rules_after" = "$rules_before" ]; then
	echo "upgrade: $oldest to $current in $steps step(s): $(wc -l </tmp/bouncecode-upgrade.fresh) objects identical to a fresh install; user rules kept (classify: $rules_work)"
	result=0
else
	echo "upgrade: the updated extension ($walked) differs from a fresh install of $current, or lost user rules:"
	cat /tmp/bouncecode-upgrade.diff
	echo "user rules before: $rules_before"
	echo "user rules after:  $rules_after"
	result=1
fi
dropdb bc_upgrade_walk
dropdb bc_upgrade_fresh
echo "upgrade: $((1 - result)) passed, $result failed"
exit $result
