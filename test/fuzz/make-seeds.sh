#!/bin/sh
# test/fuzz/make-seeds.sh — seed corpora for the fuzz targets, from the labeled
# corpora: every Sisimai message and every response of test/corpus/responses.tsv
# (unescaped) for the classifier and message targets; every code and name,
# and near misses, for the bounce_code parser; text in several encodings for
# the decode target; the classifier's seeds, the dev corpus and multi-recipient
# bounces in each form for the recipients target.  Written under test/fuzz/seeds/.
set -eu
cd "$(dirname "$0")/../.."
out=test/fuzz/seeds
rm -rf "$out"
mkdir -p "$out/classify" "$out/message" "$out/code_parse" "$out/decode" "$out/event_time" "$out/domain" "$out/recipients" "$out/rules"
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
cp "$out"/classify/* test/corpus/dev/eml/* "$out/recipients/"
# The multi-recipient messages of the recipients regression test, one file each.
awk -v dir="$out/recipients" '
	/\$m\$\);$/ { inside = 0; close(f); next }
	inside { print > f; next }
	/VALUES \([0-9]+, \$m\$/ { inside = 1; n++; f = dir "/regress-" n; sub(/.*\$m\$/, ""); print > f }
' sql/recipients.sql
# Codes, names, and inputs one step from them.
for v in 0 10 20 21 22 23 29 30 40 50 51 52 53 54 59 60 70 90 100 110 120 121 122 123 200 \
	non_bounce bad_address dns_failure mailbox_full spam_complaint " 21 " "021" "-0" "+21" "1e1" "21 21" "nan" ""; do
	printf '%s' "$v" > "$out/code_parse/seed-$(printf '%s' "$v" | od -An -tx1 | tr -d ' \n')"
done
# The decode target: a charset selector byte, a writing selector byte, then
# text (printf octal escapes): Latin-1, ISO-2022-JP cut mid-character, CJK
# multi-byte bytes, UTF-16LE with a mark and lone surrogates, encoded words.
sample0='Fr\345nvaromeddelande: jag \344r p\345 semester, nicht im B\374ro\015\012550 5.1.1 user unknown\015\012'
sample1='\033$B$3$s$K$A$O\033(B 550 5.1.1 <a@example.jp>: User unknown\015\012\033$B$3'
sample2='\202\261\202\361\202\311\244\263\244\363\304\343\272\303\247A\2010\2010\276\310\015\012'
sample3='\377\376U\000s\000e\000r\000 \000u\000n\000k\000n\000o\000w\000n\000\015\000\012\000=\330\000\336\000\330'
sample4='=?UTF-8?B?RnLDpW52YXJvbWVkZGVsYW5kZQ==?= =?ISO-8859-1?Q?Fr=E5nvaro_?=\015\012 =?x?q?a?= =?bad'
i=0
while [ $i -lt 32 ]; do
	n=0
	for s in "$sample0" "$sample1" "$sample2" "$sample3" "$sample4"; do
		printf "\\$(printf %03o $i)\\$(printf %03o $(((i * 7 + n * 3) % 256)))$s" > "$out/decode/seed-$i-$n"
		n=$((n + 1))
	done
	i=$((i + 1))
done
# The event time readers: the documented forms of the providers' times, and near misses.
n=0
for v in "2016-01-27T14:59:38.237Z" "2014-08-01T13:28:10.2735393-04:00" "2019-11-05T16:33:54+0200" \
	"2020-02-29 23:59:59z" "2016-01-27T14:59:38" "2019-02-29T00:00:00Z" "1513299569" "1521243339.873676" \
	"9999999999999" "-5" "1e300" ".5" "9999-12-31T23:59:60-23:59" "0000-01-01T00:00:00+23:59"; do
	printf '%s' "$v" > "$out/event_time/seed-$n"
	n=$((n + 1))
done
# The domain target: addresses and domains in Unicode and xn-- forms, full-width
# dots and letters, and near misses (printf octal escapes for the UTF-8).
n=0
for v in 'anna@gmail.com' '<Anna@Example.COM>' '"a@b"@example.org' 'j\303\274rgen@b\303\274cher.example' \
	'user@xn--bcher-kva.example' 'XN--BCHER-KVA.EXAMPLE.' 'user@\344\276\213\343\201\210\343\200\202jp' \
	'\357\275\205\357\275\230.com' 'a..b.example' '-a.example' 'ab--c.example' 'xn--abc-.example' \
	'anna@[192.0.2.1]' 'anna@localhost' 'bcher-kva' 'egbpdaj6bu4bxfgehfvwxn' '3B-ww4c5e180e575a65lsy2b' \
	'\320\277\321\200\320\270\320\274\320\265\321\200.\321\200\321\204'; do
	printf -- "$v" > "$out/domain/seed-$n"
	n=$((n + 1))
done
# The rules target: rule lines (a selector byte, then the phrase and a scope
# word), a blank line, then a bounce text.
printf '\001mailbox is dormant\n\021account on hold example.org\n\042please slow down mx.example.com\n\063quiet hours 5.7.1\n\304quarantin*\n\nhost mx.example.com[192.0.2.1] said: 550 5.7.1 quiet hours, mailbox is dormant\n' > "$out/rules/seed-scopes"
printf '\005Empf\303\244nger gesperrt\n\006user@example.com\n\007\n\n<a@example.org>: 550 EMPFANGER GESPERRT\n' > "$out/rules/seed-refused"
for f in "$out"/classify/response-1*; do { printf '\002user unknown\n\003mailbox full\n\n'; cat "$f"; } > "$out/rules/$(basename "$f")"; done
