/*
 * test_dump.c: the --dump device keeps both columns exactly in place.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unistr.h>
#include <uniwidth.h>

#include "diptych/align.h"
#include "diptych/doc.h"
#include "diptych/dump.h"
#include "diptych/layout.h"
#include "diptych/util.h"

static struct doc *
load(const char *rel)
{
	const char	*srcdir = getenv("SRCDIR");
	char		 path[4096], *data, *err = NULL;
	size_t		 len;
	struct doc	*d;

	snprintf(path, sizeof(path), "%s/%s", srcdir ? srcdir : ".", rel);
	assert_int_equal(util_read_file(path, &data, &len), 0);
	d = doc_parse(rel, data, len, &err);
	free(data);
	if (d == NULL)
		fail_msg("%s", err);
	return d;
}

/* Dump the bundled essays at width; returns the output. */
static char *
dump_at(int width, int utf8, size_t *len)
{
	struct doc	*l = load("texts/ogi-2024.md");
	struct doc	*r = load("texts/koga-2023.md");
	int		 lw = (width - 3) / 2;
	struct layout	*ll = layout_new(l, lw);
	struct layout	*rl = layout_new(r, width - 3 - lw);
	struct align	*a = align_new(ll, rl);
	char		*out = NULL;
	FILE		*f = open_memstream(&out, len);

	assert_non_null(f);
	assert_int_equal(dump_write(f, a, utf8, NULL), 0);
	fclose(f);
	align_free(a);
	layout_free(ll);
	layout_free(rl);
	doc_free(l);
	doc_free(r);
	return out;
}

static void
every_row_is_full_width_with_the_divider_in_place(void **state)
{
	static const int widths[] = { 40, 81, 120, 160, 300 };
	size_t	 k;

	(void)state;
	for (k = 0; k < sizeof(widths) / sizeof(widths[0]); k++) {
		int	 w = widths[k], lw = (w - 3) / 2, rows = 0;
		size_t	 len;
		char	*out = dump_at(w, 1, &len), *line, *save = NULL;

		for (line = strtok_r(out, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save)) {
			const char *sep = strstr(line, " │ ");

			assert_non_null(sep);
			/* The left column ends at the same column on every
			   row, Japanese titles included ... */
			assert_int_equal(u8_width((const uint8_t *)line,
			    (size_t)(sep - line), "UTF-8"), lw);
			/* ... and the row is exactly w columns. */
			assert_int_equal(u8_strwidth((const uint8_t *)line,
			    "UTF-8"), w);
			rows++;
		}
		assert_true(rows > 100);
		free(out);
	}
}

static void
ascii_dump_keeps_the_geometry(void **state)
{
	size_t	 len, i;
	char	*out = dump_at(120, 0, &len), *line, *save = NULL;

	(void)state;
	for (i = 0; i < len; i++)
		assert_true((unsigned char)out[i] < 0x80);
	/* Typographic quotes became ASCII ones, the ideographs '?'. */
	assert_non_null(strstr(out, "\"inseparable\""));
	assert_non_null(strstr(out, "Japan's"));
	assert_non_null(strstr(out, "2023. \"????"));
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		assert_int_equal(strlen(line), 120);
		assert_memory_equal(line + 58, " | ", 3);
	}
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_row_is_full_width_with_the_divider_in_place),
		cmocka_unit_test(ascii_dump_keeps_the_geometry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
