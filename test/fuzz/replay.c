/*
 * replay.c — runs a fuzz target's LLVMFuzzerTestOneInput over files without
 * libFuzzer: the test command replays the kept regression inputs and the seed
 * corpus with it, under the sanitizers, on any compiler.
 *
 *   fuzz_X.replay FILE...
 */
#include <stdio.h>
#include <stdlib.h>

int			LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
main(int argc, char **argv)
{
	int			i,
				n = 0;

	for (i = 1; i < argc; i++)
	{
		FILE	   *f = fopen(argv[i], "rb");
		long		size;
		unsigned char *buf;

		if (f == NULL)
		{
			perror(argv[i]);
			return 1;
		}
		fseek(f, 0, SEEK_END);
		size = ftell(f);
		fseek(f, 0, SEEK_SET);
		buf = malloc((size_t) size + 1);
		if (buf == NULL || fread(buf, 1, (size_t) size, f) != (size_t) size)
			return 1;
		fclose(f);
		LLVMFuzzerTestOneInput(buf, (size_t) size);
		free(buf);
		n++;
	}
	printf("replayed %d inputs\n", n);
	return 0;
}
