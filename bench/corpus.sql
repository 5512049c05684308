-- bench/corpus.sql — included (\i) by the benchmarks' setup: the table corpus
-- holding the benchmarked response rows (bench/responses.sh says which).
CREATE TABLE corpus (id text, accept text, recipient text, source text, lang text, response text);
\copy corpus FROM PROGRAM 'sh bench/responses.sh'
