#!/usr/bin/env bash
# test/dump_restore.sh — data survives pg_dump/pg_restore (custom format) and a
# plain-SQL dump: a database with bounce_code columns, arrays, btree and hash
# indexes and views using the extension, and user rule sets (an expression
# index uses one), is dumped, restored into fresh databases, and the contents
# compared by checksum.  Runs inside a cluster
# whose connection settings are in the environment (test/run uses pg_virtualenv).
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

for db in bc_dump_src bc_dump_custom bc_dump_plain; do dropdb --if-exists "$db"; done
createdb bc_dump_src
psql_q -d bc_dump_src <<'SQL'
CREATE EXTENSION bouncecode;
CREATE TABLE bounces (
	id       int PRIMARY KEY,
	email    text,
	response text,
	code     bounce_code,
	history  bounce_code[]
);
INSERT INTO bounces
SELECT i, 'user' || i || '@example.com', r.response, classify_bounce(r.response),
       ARRAY[classify_bounce(r.response), '0'::bounce_code]
FROM generate_series(1, 5000) i
JOIN (VALUES (0, '550 5.1.1 User unknown'), (1, '552 5.2.2 Mailbox full'), (2, 'Connection timed out'),
             (3, 'Out of office'), (4, '554 5.7.1 blocked using zen.spamhaus.org'), (5, NULL)) r(n, response)
	ON r.n = i % 6;
CREATE INDEX bounces_code ON bounces (code);
CREATE INDEX bounces_code_hash ON bounces USING hash (code);
CREATE VIEW bounce_report AS
	SELECT b.code, c.kind, c.description, count(*) AS n
	FROM bounces b JOIN bounce_codes() c ON c.code = b.code
	GROUP BY b.code, c.kind, c.description;
CREATE MATERIALIZED VIEW bounce_kinds AS
	SELECT bounce_kind(code) AS kind, count(*) AS n FROM bounces GROUP BY 1;
-- Rule sets are user data in the extension's tables: dumped and restored too,
-- before the index that uses one is rebuilt.
INSERT INTO bounce_rulesets VALUES ('acme', 'kept by pg_dump'), ('other', NULL);
INSERT INTO bounce_rules (ruleset, name, phrase, code, recipient_domain, remote_host, reply_class, status, comment) VALUES
	('acme', 'dormant', 'mailbox is dormant', '10', NULL, NULL, 5, NULL, 'closed accounts'),
	('acme', 'scoped', 'quiet hours', '52', 'example.com', 'mx.example.com', NULL, '5.7.1', NULL),
	('other', 'dormant', 'mailbox is dormant', '22', NULL, NULL, NULL, NULL, NULL);
INSERT INTO bounce_large_providers VALUES ('acme', 'bigcorp.example');
CREATE TABLE ruled (id int PRIMARY KEY, email text, response text);
INSERT INTO ruled VALUES (1, 'a@bigcorp.example', 'Connection timed out'), (2, 'b@example.com', '550 mailbox is dormant'),
	(3, 'c@example.com', 'host mx.example.com[192.0.2.1] said: 550 5.7.1 quiet hours');
CREATE INDEX ruled_acme ON ruled ((classify_bounce(response, email, 'acme')));
SQL

# A checksum of everything the extension's types hold, in a canonical order.
checksum() {
	psql -X -A -t -q -d "$1" -c "
		SELECT md5(string_agg(x, '|'))
		FROM (SELECT string_agg(b::text, ',' ORDER BY id) AS x FROM bounces b
		      UNION ALL SELECT string_agg(r::text, ',' ORDER BY code) FROM bounce_report r
		      UNION ALL SELECT string_agg(k::text, ',' ORDER BY kind) FROM bounce_kinds k
		      UNION ALL SELECT count(*)::text FROM bounces WHERE code = '10'
		      UNION ALL SELECT string_agg(r::text, ',' ORDER BY r::text) FROM bounce_rulesets r
		      UNION ALL SELECT string_agg(r::text, ',' ORDER BY r::text) FROM bounce_rules r
		      UNION ALL SELECT string_agg(p::text, ',' ORDER BY p::text) FROM bounce_large_providers p
		      UNION ALL SELECT string_agg(id || ':' || classify_bounce(response, email, 'acme'), ',' ORDER BY id) FROM ruled
		      UNION ALL SELECT count(*)::text FROM ruled WHERE classify_bounce(response, email, 'acme') = '59'
		      UNION ALL SELECT string_agg(indexrelid::regclass::text, ',' ORDER BY indexrelid::regclass::text)
		                FROM pg_index WHERE indrelid = 'bounces'::regclass) s"
}

source_sum=$(checksum bc_dump_src)
passed=0
failed=0
# compare NAME DB: the restored database's checksum against the source's.
compare() {
	local got
	got=$(checksum "$2")
	if [ "$got" = "$source_sum" ]; then
		echo "dump/restore $1: identical ($got)"
		passed=$((passed + 1))
	else
		echo "dump/restore $1: DIFFERS (source $source_sum, restored $got)"
		failed=$((failed + 1))
	fi
}

pg_dump -Fc -f "$work/src.dump" bc_dump_src
createdb bc_dump_custom
pg_restore --exit-on-error -d bc_dump_custom "$work/src.dump"
compare "custom format" bc_dump_custom

pg_dump -f "$work/src.sql" bc_dump_src
createdb bc_dump_plain
psql_q -d bc_dump_plain -f "$work/src.sql" >/dev/null
compare "plain SQL" bc_dump_plain

[ -n "${KEEP:-}" ] || for db in bc_dump_src bc_dump_custom bc_dump_plain; do dropdb "$db"; done
echo "dump/restore: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
