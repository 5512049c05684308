# bench/stage.sh — sourced by the bench scripts after test/lib/deps.sh: build
# the extension and install it into a private staging directory ($STAGE, gone
# at exit) that the benchmark's own cluster reads first (extension_destdir),
# so the server's directories are never written; bench_in_cluster runs a
# bench inside such a cluster.
STAGE=$(mktemp -d /tmp/bouncecode-bench.XXXXXX)
trap 'rm -rf "$STAGE"' EXIT
chmod 755 "$STAGE"
make --no-print-directory -s PG_CONFIG="$PG_CONFIG"
make --no-print-directory -s install DESTDIR="$STAGE" PG_CONFIG="$PG_CONFIG" >/dev/null

# bench_in_cluster SCRIPT: run SCRIPT --in-cluster in a throwaway cluster of its
# own (-t: even as root, so other throwaway clusters can run meanwhile) that
# loads the extension from the staging directory; SCALE and RUNS pass through.
bench_in_cluster() {
	SCALE=${SCALE:-} RUNS=${RUNS:-} pg_virtualenv -t -v "$PG_MAJOR" \
		-o "extension_destdir=$STAGE" \
		-o "dynamic_library_path=$STAGE$($PG_CONFIG --pkglibdir):\$libdir" \
		-o "shared_buffers=2GB" -o "max_wal_size=8GB" \
		"$PWD/$1" --in-cluster
}
