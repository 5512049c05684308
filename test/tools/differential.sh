#!/bin/sh
# test/tools/differential.sh [BASE] — the answers of the core in the working
# tree against those of the core at git revision BASE (default: the last
# commit before the word-level matcher, the reference for issue 11's "the
# answers must not change"), on every file of test/corpus (all corpora,
# the check split included: only the outputs are compared, the files are
# never shown), every row of test/corpus/responses.tsv and fresh.tsv, the fuzz seeds and
# the fuzz regressions.  Compares code, rule, phrase, part and reply code with
# code_only, and the whole result (status, recipient, evidence) without it.
# Prints the names of the inputs whose answers differ (those of the check split
# only counted, test/corpus/check-split.txt) and fails if any does.
set -eu
cd "$(dirname "$0")/../.."
base=${1:-${DIFF_BASE:-753b07e}}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -d test/fuzz/seeds/classify ] || ./test/fuzz/make-seeds.sh
mkdir -p "$work/base"
git archive "$base" src/core | tar -x -C "$work/base"
cc -std=c99 -O2 -I"$work/base/src" -o "$work/old.bin" test/tools/digest.c "$work"/base/src/core/*.c
cc -std=c99 -O2 -Isrc -o "$work/new.bin" test/tools/digest.c src/core/*.c

find test/corpus -type f -path '*/eml/*' | sort > "$work/inputs"
find test/fuzz/seeds/classify test/fuzz/seeds/message test/fuzz/regressions -type f | sort >> "$work/inputs"
for b in old new; do
	xargs "$work/$b.bin" < "$work/inputs" > "$work/$b.out"
	for rows in test/corpus/responses.tsv test/corpus/fresh.tsv; do
		"$work/$b.bin" -t "$rows" >> "$work/$b.out"
	done
done
n=$(wc -l < "$work/new.out")
if cmp -s "$work/old.out" "$work/new.out"; then
	echo "differential: $n inputs, every answer identical to $base's"
	exit 0
fi
diff "$work/old.out" "$work/new.out" | sed -n 's/^> \([^	]*\)	.*/\1/p' | sort -u > "$work/differ"
# A check-split item (or a fuzz seed copied from one) is named by its file's or row's base name.
grep -v '^#' test/corpus/check-split.txt | sed 's|.*/||; s|\.eml$||' > "$work/check"
awk 'NR == FNR { check[$0] = 1; next }
     { name = $0; sub(/.*\//, "", name); sub(/\.eml$/, "", name) }
     name in check { hidden++; next } { print }
     END { if (hidden) print hidden " in the check split (not named)" }' "$work/check" "$work/differ" > "$work/shown"
echo "differential: $(wc -l < "$work/differ") of $n inputs answered differently from $base's:"
cat "$work/shown"
exit 1
