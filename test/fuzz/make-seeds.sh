#!/bin/sh
# test/fuzz/make-seeds.sh — seed corpora for the fuzz targets, from the labeled
# corpora: every Sisimai message and every response of test/corpus/responses.tsv
# (unescaped) for the classifier and message targets; every code and name,
# and near misses, for the bounce_code parser.  Written under test/fuzz/seeds/.
set -eu
cd "$(dirname "$0")/../.."
out=test/fuzz/seeds
rm -rf "$out"
mkdir -p "$out/classify" "$out/message" "$out/code_parse"
cp test/corpus/sisimai/eml/*.eml "$out/classify/"
cp test/corpus/sisimai/eml/*.eml "$out/message/"
# One file per response; the corpus escapes \n, \t and \\ are undone.
awk -F '\t' -v dir="$out/classify" 'NR > 1 {
	t = $6; s = ""
	for (i = 1; i <= length(t); i++) {
		c = substr(t, i, 1)
		if (c == "\\" && i < length(t)) {
			d = substr(t, ++i, 1)
			c = d == "n" ? "\n" : d == "t" ? "\t" : d == "r" ? "\r" : d
		}
		s = s c
	}
	f = dir "/response-" NR; printf "%s", s > f; close(f)
}' test/corpus/responses.tsv
for f in "$out"/classify/response-*; do cp "$f" "$out/message/"; done
# Codes, names, and inputs one step from them.
for v in 0 10 20 21 22 23 29 30 40 50 51 52 53 54 59 60 70 90 100 110 120 121 122 123 200 \
	non_bounce bad_address dns_failure mailbox_full spam_complaint " 21 " "021" "-0" "+21" "1e1" "21 21" "nan" ""; do
	printf '%s' "$v" > "$out/code_parse/seed-$(printf '%s' "$v" | od -An -tx1 | tr -d ' \n')"
done
