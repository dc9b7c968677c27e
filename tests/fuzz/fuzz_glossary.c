/*
 * fuzz_glossary.c: libFuzzer harness for the glossary parser and the
 * term matcher (the input is matched against itself).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "diptych/glossary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct glossary	*g = glossary_new();
	struct term_hit	*hits;
	char		*err = NULL;
	size_t		 n;

	if (glossary_load(g, "fuzz.md", (const char *)data, size, &err) == 0) {
		hits = glossary_match(g, (const char *)data, size, &n);
		free(hits);
	}
	free(err);
	glossary_free(g);
	return 0;
}
