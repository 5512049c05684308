#!/bin/sh
# test/fuzz/run.sh SECONDS TARGET... — run each libFuzzer target for SECONDS,
# growing its working corpus in test/fuzz/work/TARGET from the seeds; a crash,
# a failed property or a slow input (-timeout) is kept in test/fuzz/regressions/
# and fails the run.  Prints executions, coverage and peak memory per target.
set -u
cd "$(dirname "$0")/../.."
seconds=$1
shift
status=0
for t in "$@"; do
	mkdir -p "test/fuzz/work/$t"
	log="test/fuzz/work/$t.log"
	./test/fuzz/fuzz_$t.fuzzer -max_total_time="$seconds" -timeout=10 -max_len=65536 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="test/fuzz/regressions/$t-" \
		"test/fuzz/work/$t" "test/fuzz/seeds/$t" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
	cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.*cov: \([0-9]*\).*ft: \([0-9]*\).*corp: \([0-9]*\).*/coverage \1 edges, \2 features, corpus \3/p')
	echo "fuzz $t: ${seconds}s, ${execs:-?} executions, ${cov:-?}, peak ${rss:-?} MB, exit $rc"
	if [ "$rc" -ne 0 ]; then
		tail -n 40 "$log"
		status=1
	fi
done
exit $status
