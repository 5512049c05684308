# test/lib/steps.sh — sourced by test/run and test/lib/in-chroot.sh: count the
# suites that pass and fail, going on after a failure.

passed=0
failed=0

# step NAME CMD...: run one suite, count it, go on after a failure.
step() {
	local name=$1
	shift
	echo "== $name"
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "!! $name FAILED" >&2
	fi
}

# regress: make installcheck on a throwaway cluster; the diffs on failure.
regress() {
	if ! throwaway_cluster make --no-print-directory installcheck PG_CONFIG="$PG_CONFIG"; then
		[ -f regression.diffs ] && cat regression.diffs
		return 1
	fi
}
