/*
 * fuzz_classify.c — libFuzzer target: the classifier on arbitrary bytes.
 * Properties: one of the 25 codes, clean evidence, deterministic.  Slow inputs
 * (anything not linear) are caught by libFuzzer's -timeout.
 */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	fuzz_init();
	fuzz_classify_checked((const char *) data, size);
	return 0;
}
