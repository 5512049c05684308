# bench/stage.sh — sourced by the bench scripts after test/lib/deps.sh: build
# the extension and install it into a private staging directory ($STAGE, gone
# at exit) that the benchmark's own cluster reads first (extension_destdir),
# so the server's directories are never written.
STAGE=$(mktemp -d /tmp/bouncecode-bench.XXXXXX)
trap 'rm -rf "$STAGE"' EXIT
chmod 755 "$STAGE"
make --no-print-directory -s PG_CONFIG="$PG_CONFIG"
make --no-print-directory -s install DESTDIR="$STAGE" PG_CONFIG="$PG_CONFIG" >/dev/null
