#!/usr/bin/env bash
# test/rule_sessions.sh — a rule set changed in one connection is seen by the
# next statement of another, long-lived connection that had the set cached
# (the relcache invalidation of rule_sets.c), including after a rollback and
# after the extension is dropped and created again.  pg_regress has one
# connection only, hence this script; takes a second.
#
# Runs against the server the PG* variables name, with bouncecode installed;
# test/run runs it inside a throwaway cluster:
#   pg_virtualenv -v 15 test/rule_sessions.sh
set -euo pipefail
DB=bouncecode_rule_sessions

PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -d postgres \
	-c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
export PGDATABASE=$DB
# A statement in connection A (a fresh psql each time).
in_a() { psql -X -q -v ON_ERROR_STOP=1 -c "$1" >/dev/null; }

in_a "CREATE EXTENSION bouncecode"
in_a "INSERT INTO bounce_rulesets VALUES ('s'); INSERT INTO bounce_rules (ruleset, name, phrase, code) VALUES ('s', 'zebra', 'zebra crossing closed', '52')"

# Connection B: one psql for the whole script, fed through a coprocess.
coproc B { psql -X -q -A -t -v ON_ERROR_STOP=0 2>&1; }
# Kept now: bash unsets B_PID as soon as the coprocess has ended.
b_pid=$B_PID
# The answer of connection B to one statement (its first line).
in_b() {
	local line answer=""
	printf '%s;\n\\echo __done__\n' "$1" >&"${B[1]}"
	while IFS= read -r -t 30 line <&"${B[0]}"; do
		[ "$line" = "__done__" ] && break
		[ -z "$answer" ] && answer=$line
	done
	echo "$answer"
}
B_CODE="SELECT classify_bounce('550 zebra crossing closed', 'a@bigcorp.example', 's')"
B_59="SELECT classify_bounce('Connection timed out', 'a@bigcorp.example', 's')"

passed=0
failed=0
# expect WHAT WANT GOT
expect() {
	if [ "$3" = "$2" ]; then
		echo "rule sessions: $1: $3"
		passed=$((passed + 1))
	else
		echo "rule sessions: $1: got '$3', expected '$2'"
		failed=$((failed + 1))
	fi
}

expect "B reads the set (and caches it)" 52 "$(in_b "$B_CODE")"
in_a "UPDATE bounce_rules SET code = '10' WHERE name = 'zebra'"
expect "B sees A's update" 10 "$(in_b "$B_CODE")"
in_a "BEGIN; UPDATE bounce_rules SET code = '54'; ROLLBACK"
expect "B after A's rollback" 10 "$(in_b "$B_CODE")"
expect "B, provider not yet added" 29 "$(in_b "$B_59")"
in_a "INSERT INTO bounce_large_providers VALUES ('s', 'bigcorp.example')"
expect "B sees A's large provider" 59 "$(in_b "$B_59")"
in_a "DELETE FROM bounce_rules WHERE name = 'zebra'"
expect "B sees A's delete" 40 "$(in_b "$B_CODE")"
in_a "DELETE FROM bounce_rulesets WHERE name = 's'"
expect "B sees the set dropped" 'ERROR:  rule set "s" does not exist' "$(in_b "$B_CODE")"
in_a "DROP EXTENSION bouncecode; CREATE EXTENSION bouncecode"
in_a "INSERT INTO bounce_rulesets VALUES ('s'); INSERT INTO bounce_rules (ruleset, name, phrase, code) VALUES ('s', 'zebra', 'zebra crossing closed', '53')"
expect "B after the extension was made again" 53 "$(in_b "$B_CODE")"

printf '\\q\n' >&"${B[1]}"
wait "$b_pid" || true
psql -X -q -d postgres -c "DROP DATABASE $DB"
echo "rule sessions: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
