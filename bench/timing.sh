# bench/timing.sh — sourced inside a bench's throwaway cluster: the psql
# command, the session settings of the measurements, and the helpers that time
# a query on the server and summarise the runs.

PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
# The session settings of every measurement: no JIT (its compile time would
# dominate the differences), enough memory to aggregate in memory; serial, or
# with 2 parallel workers whatever the planner's costs.
SESSION="SET jit = off; SET work_mem = '1GB';"
SERIAL="$SESSION SET max_parallel_workers_per_gather = 0;"
PARALLEL="$SESSION SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;"

# The backend's CPU time so far (user + system, in clock ticks), read from /proc by the backend itself.
CPU_TICKS="SELECT 'cpu ' || (s[14]::bigint + s[15]::bigint) FROM string_to_array(pg_read_file('/proc/self/stat'), ' ') s"
TICK_MS=$(awk "BEGIN { print 1000 / $(getconf CLK_TCK) }")
# run SETTINGS QUERY: "wall_ms cpu_ms" of one run: the server's execution time, and
# the CPU time the backend spent (which other processes on the machine do not inflate;
# parallel workers' CPU is not in it).
run() {
	"${PSQL[@]}" -c "$1" -c "$CPU_TICKS" -c "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) $2" -c "$CPU_TICKS" |
		awk -v tick="$TICK_MS" '/^Execution Time:/ { wall = $3 } /^cpu / { c[n++] = $2 }
		                        END { printf "%s %.0f\n", wall, (c[1] - c[0]) * tick }'
}
# top_node SETTINGS QUERY: the plan's top node and its workers, e.g. "Finalize HashAggregate, 2 workers".
top_node() {
	"${PSQL[@]}" -c "$1" -c "EXPLAIN (COSTS OFF) $2" |
		awk 'NR == 1 { top = $0 } /Workers Planned/ { w = ", " $3 " workers" } END { print top w }'
}
# median of the numbers given.
median() {
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
# ratio A B: A / B with two decimals.
ratio() {
	awk "BEGIN { printf \"%.2f\", $1 / $2 }"
}

# verdict VALUE OP TARGET: "met" or "MISSED".
verdict() {
	awk "BEGIN { print ($1 $2 $3) ? \"met\" : \"MISSED\" }"
}
