#!/usr/bin/env bash
# bench/trigger.sh — what the classification trigger costs a bulk load.
#
# COPY of 1,000,000 rows (the labeled corpus's responses and recipients,
# repeated) into the same import table without a trigger, with
# bounce_classify_trigger() and with a PL/pgSQL trigger calling
# classify_bounce(); each load is run REPS times, interleaved, and the medians
# are compared.  Targets: at most 1.3x the untriggered load, at least 2x faster
# than the PL/pgSQL trigger.
#
# Also measured, to explain the figures: the same loads when every row already
# has its code (the triggers fire but classify nothing: what merely having a
# BEFORE ROW trigger costs), and a stored generated column instead of a trigger.
# Both table shapes are run: a bare import table and one with a primary key.
#
# Installs what it needs (as root, like test/run), builds and installs the
# extension and runs on a throwaway cluster (pg_virtualenv).
#   bench/trigger.sh              ROWS=1000000 REPS=3 by default
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
REPS=${REPS:-3}

if [ "${1:-}" != "--in-cluster" ]; then
	. test/lib/deps.sh
	ensure_packages $BASE_PACKAGES
	require_root_for_install
	make --no-print-directory -s PG_CONFIG="$PG_BINDIR/pg_config"
	make --no-print-directory -s install PG_CONFIG="$PG_BINDIR/pg_config"
	# No checkpoint in the middle of a load: each run starts after one.
	exec pg_virtualenv -v "$PG_MAJOR" -o max_wal_size=20GB -o checkpoint_timeout=1h \
		env ROWS="$ROWS" REPS="$REPS" "$(pwd)/bench/trigger.sh" --in-cluster
fi

# --- inside the throwaway cluster -------------------------------------------
work=$(mktemp -d)
chmod 777 "$work"			# the server writes and reads the row files
trap 'rm -rf "$work"' EXIT
export PGDATABASE=postgres
run_sql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

echo "bench/trigger.sh: preparing $ROWS rows" >&2
run_sql -v rows="$ROWS" -v rows_file="$work/rows.tsv" -v coded_file="$work/coded.tsv" <<'SQL'
CREATE EXTENSION bouncecode;
CREATE TABLE corpus (id text, accept text, recipient text, source text, lang text, response text);
\copy corpus FROM PROGRAM 'tail -n +2 test/corpus/responses.tsv'
CREATE TEMP TABLE bench_rows AS
	SELECT i AS id,
	       timestamptz '2024-06-11 09:00:00+00' + i * interval '1 second' AS received_at,
	       nullif(c.recipient, '') AS email, c.response AS smtp_response
	FROM generate_series(1, :rows) i
	JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS n, * FROM corpus) c
	  ON c.n = i % (SELECT count(*) FROM corpus)
	ORDER BY i;
COPY bench_rows TO :'rows_file';
COPY (SELECT *, classify_bounce(smtp_response, email) FROM bench_rows) TO :'coded_file';

CREATE FUNCTION plpgsql_classify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	-- The same rule as bounce_classify_trigger() on INSERT: fill a missing code.
	IF NEW.code IS NULL THEN
		NEW.code := classify_bounce(NEW.smtp_response, NEW.email);
	END IF;
	RETURN NEW;
END $$;

-- Two shapes of the import table, each without and with the triggers.
CREATE TABLE bare_none (id bigint, received_at timestamptz, email text, smtp_response text, code bounce_code);
CREATE TABLE pkey_none (id bigint PRIMARY KEY, received_at timestamptz, email text, smtp_response text, code bounce_code);
CREATE TABLE bare_c (LIKE bare_none);
CREATE TABLE pkey_c (LIKE pkey_none INCLUDING INDEXES);
CREATE TABLE bare_plpgsql (LIKE bare_none);
CREATE TABLE pkey_plpgsql (LIKE pkey_none INCLUDING INDEXES);
CREATE TRIGGER classify BEFORE INSERT OR UPDATE ON bare_c FOR EACH ROW
	EXECUTE FUNCTION bounce_classify_trigger('smtp_response', 'code', 'email');
CREATE TRIGGER classify BEFORE INSERT OR UPDATE ON pkey_c FOR EACH ROW
	EXECUTE FUNCTION bounce_classify_trigger('smtp_response', 'code', 'email');
CREATE TRIGGER classify BEFORE INSERT OR UPDATE ON bare_plpgsql FOR EACH ROW
	EXECUTE FUNCTION plpgsql_classify();
CREATE TRIGGER classify BEFORE INSERT OR UPDATE ON pkey_plpgsql FOR EACH ROW
	EXECUTE FUNCTION plpgsql_classify();
-- The alternative without a trigger: a stored generated column (always derived).
CREATE TABLE bare_generated (id bigint, received_at timestamptz, email text, smtp_response text,
	code bounce_code GENERATED ALWAYS AS (classify_bounce(smtp_response, email)) STORED);
SQL

# timed_copy TABLE FILE COLUMNS: empty the table, checkpoint, then print the
# seconds the COPY took (psql's \timing, the library already loaded).
timed_copy() {
	run_sql -c "TRUNCATE $1" -c "CHECKPOINT"
	run_sql <<SQL | awk '/^Time:/ { printf "%.3f\n", $2 / 1000 }'
SELECT classify_bounce('warm-up') \\g /dev/null
\\timing on
COPY $1 ($3) FROM '$2';
SQL
}

# The loads: name, table, file, columns.
LOADS=(
	"bare_none bare_none rows id,received_at,email,smtp_response"
	"bare_c bare_c rows id,received_at,email,smtp_response"
	"bare_plpgsql bare_plpgsql rows id,received_at,email,smtp_response"
	"bare_generated bare_generated rows id,received_at,email,smtp_response"
	"bare_none_coded bare_none coded id,received_at,email,smtp_response,code"
	"bare_c_coded bare_c coded id,received_at,email,smtp_response,code"
	"bare_plpgsql_coded bare_plpgsql coded id,received_at,email,smtp_response,code"
	"pkey_none pkey_none rows id,received_at,email,smtp_response"
	"pkey_c pkey_c rows id,received_at,email,smtp_response"
	"pkey_plpgsql pkey_plpgsql rows id,received_at,email,smtp_response"
)
declare -A times
for rep in $(seq 1 "$REPS"); do
	for load in "${LOADS[@]}"; do
		read -r name table file columns <<< "$load"
		t=$(timed_copy "$table" "$work/$file.tsv" "$columns")
		times[$name]="${times[$name]:-} $t"
		echo "bench/trigger.sh: run $rep/$REPS $name ${t}s" >&2
	done
done

# The loads must also be right: the last C-trigger load against classify_bounce().
wrong=$(run_sql -At -c "SELECT count(*) FROM pkey_c WHERE code IS DISTINCT FROM classify_bounce(smtp_response, email)")
if [ "$wrong" -ne 0 ]; then
	echo "bench/trigger.sh: $wrong rows with a wrong code" >&2
	exit 1
fi

median() { tr ' ' '\n' <<< "$1" | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
declare -A m
for load in "${LOADS[@]}"; do
	read -r name _ <<< "$load"
	m[$name]=$(median "${times[$name]}")
done

version=$(run_sql -At -c "SHOW server_version")
cpus=$(nproc)
cat <<REPORT

bench/trigger.sh: COPY of $ROWS rows, median of $REPS runs each (PostgreSQL $version, fsync off, $cpus CPUs)

bare import table (no index)               seconds   ratio
  no trigger                               ${m[bare_none]}
  bounce_classify_trigger()                ${m[bare_c]}   $(ratio "${m[bare_c]}" "${m[bare_none]}")x the untriggered load (target <= 1.3x)
  PL/pgSQL trigger calling classify_bounce ${m[bare_plpgsql]}   the C trigger is $(ratio "${m[bare_plpgsql]}" "${m[bare_c]}")x faster (target >= 2x)
  stored generated column instead          ${m[bare_generated]}   $(ratio "${m[bare_generated]}" "${m[bare_none]}")x the untriggered load
  every row arrives with its code (the triggers fire but classify nothing):
  no trigger                               ${m[bare_none_coded]}
  bounce_classify_trigger()                ${m[bare_c_coded]}   $(ratio "${m[bare_c_coded]}" "${m[bare_none_coded]}")x
  PL/pgSQL trigger                         ${m[bare_plpgsql_coded]}   $(ratio "${m[bare_plpgsql_coded]}" "${m[bare_none_coded]}")x

import table with a bigint primary key     seconds   ratio
  no trigger                               ${m[pkey_none]}
  bounce_classify_trigger()                ${m[pkey_c]}   $(ratio "${m[pkey_c]}" "${m[pkey_none]}")x the untriggered load (target <= 1.3x)
  PL/pgSQL trigger calling classify_bounce ${m[pkey_plpgsql]}   the C trigger is $(ratio "${m[pkey_plpgsql]}" "${m[pkey_c]}")x faster (target >= 2x)
REPORT
