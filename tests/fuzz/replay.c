/*
 * replay.c: run a libFuzzer harness on stored inputs without libFuzzer,
 * so that make check (with any compiler) replays each harness's seed
 * corpus (tests/fuzz/corpus/NAME) and the inputs that once crashed it
 * (tests/fuzz/regress/NAME).  A harness aborts on a broken invariant,
 * which fails the test.  Prints TAP: one line per input.
 *
 * Usage: replay_NAME [FILE | DIR]...; with no arguments, the two
 * directories of NAME under $SRCDIR (or ".").
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diptych/util.h"

#ifndef FUZZ_NAME
#error "FUZZ_NAME must name the harness"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char	**files;
static size_t	  nfiles, filecap;

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add path, or the files in it when it is a directory. */
static void
add(const char *path)
{
	struct stat	 st;
	struct dirent	*de;
	DIR		*dir;
	struct buf	 b;

	if (stat(path, &st) == -1)
		return;
	if (!S_ISDIR(st.st_mode)) {
		files = xgrow(files, &filecap, nfiles + 1, sizeof(*files));
		files[nfiles++] = xstrdup(path);
		return;
	}
	if ((dir = opendir(path)) == NULL)
		return;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		buf_init(&b);
		buf_printf(&b, "%s/%s", path, de->d_name);
		add(b.data);
		buf_free(&b);
	}
	closedir(dir);
}

static int
run(const char *path)
{
	FILE	*f;
	struct buf b;
	char	 chunk[4096];
	size_t	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	buf_init(&b);
	buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	/* An exact-size copy, so that ASan sees reads past the input. */
	{
		uint8_t *copy = xmalloc(b.len > 0 ? b.len : 1);

		memcpy(copy, b.data, b.len);
		LLVMFuzzerTestOneInput(copy, b.len);
		free(copy);
	}
	buf_free(&b);
	return 0;
}

int
main(int argc, char **argv)
{
	const char	*src = getenv("SRCDIR");
	struct buf	 b;
	size_t		 i;
	int		 bad = 0;

	if (argc > 1) {
		for (i = 1; i < (size_t)argc; i++)
			add(argv[i]);
	} else {
		if (src == NULL)
			src = ".";
		buf_init(&b);
		buf_printf(&b, "%s/tests/fuzz/corpus/%s", src, FUZZ_NAME);
		add(b.data);
		buf_free(&b);
		buf_init(&b);
		buf_printf(&b, "%s/tests/fuzz/regress/%s", src, FUZZ_NAME);
		add(b.data);
		buf_free(&b);
	}
	qsort(files, nfiles, sizeof(*files), by_name);
	if (nfiles == 0) {
		printf("1..0 # SKIP no inputs for %s\n", FUZZ_NAME);
		return 0;
	}
	printf("1..%zu\n", nfiles);
	fflush(stdout);
	for (i = 0; i < nfiles; i++) {
		if (run(files[i]) == -1) {
			printf("not ok %zu - %s: cannot read\n", i + 1, files[i]);
			bad = 1;
		} else
			printf("ok %zu - %s\n", i + 1, files[i]);
		fflush(stdout);
		free(files[i]);
	}
	free(files);
	return bad;
}
