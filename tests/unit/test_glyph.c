/*
 * test_glyph.c: the filter between any text and a terminal
 * (glyph_clean, glyph_cut), and reading only regular files
 * (util_load_file).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <cmocka.h>

#include "diptych/glyph.h"
#include "diptych/util.h"

/* Clean s (n bytes) with flags; check the result and the count. */
static void
assert_cleans(const char *s, size_t n, unsigned flags, const char *want,
    size_t nbad)
{
	struct buf	 b;
	size_t		 got;

	buf_init(&b);
	got = glyph_clean(s, n, flags, &b);
	if (strcmp(b.data, want) != 0)
		fail_msg("cleaned to \"%s\", want \"%s\"", b.data, want);
	assert_int_equal(got, nbad);
	buf_free(&b);
}

/* No byte of out is a control, DEL, C1 or bidi control. */
static void
assert_safe(const char *out, int utf8)
{
	const unsigned char *p;

	for (p = (const unsigned char *)out; *p != '\0'; p++) {
		assert_false(*p < 0x20 && *p != '\n' && *p != '\t' &&
		    !(*p == '\r' && p[1] == '\n'));
		assert_false(*p == 0x7f);
		if (!utf8)
			assert_false(*p >= 0x80);
		/* U+0080..009F is C2 80..C2 9F. */
		assert_false(*p == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0);
		/* U+202A..202E, U+2066..2069: E2 80 AA..AE, E2 81 A6..A9 */
		assert_false(*p == 0xe2 && p[1] == 0x80 && p[2] >= 0xaa &&
		    p[2] <= 0xae);
		assert_false(*p == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 &&
		    p[2] <= 0xa9);
	}
}

static void
plain_text_is_unchanged(void **state)
{
	(void)state;
	assert_cleans("Plain text, “quoted” — 日本語.", strlen("Plain text, "
	    "“quoted” — 日本語."), GLYPH_UTF8, "Plain text, “quoted” — 日本語.",
	    0);
	assert_cleans("", 0, GLYPH_UTF8, "", 0);
	assert_cleans("a\tb\nc\r\n", 7, GLYPH_UTF8 | GLYPH_LINES, "a\tb\nc\r\n",
	    0);
}

static void
controls_become_pictures(void **state)
{
	(void)state;
	/* An OSC 52 clipboard write and a screen clear. */
	assert_cleans("\033]52;c;aGk=\007x\033[2J", 17, GLYPH_UTF8,
	    "␛]52;c;aGk=␇x␛[2J", 3);
	assert_cleans("a\nb\tc\rd", 7, GLYPH_UTF8, "a␊b␉c␍d", 3);
	/* A lone CR is no line end, even among lines. */
	assert_cleans("a\rb\n", 4, GLYPH_UTF8 | GLYPH_LINES, "a␍b\n", 1);
	assert_cleans("x\177y", 3, GLYPH_UTF8, "x␡y", 1);
	assert_cleans("n\0ul", 4, GLYPH_UTF8, "n␀ul", 1);
	/* C1: CSI (U+009B) and OSC (U+009D), as UTF-8. */
	assert_cleans("\302\2332J\302\235", 6, GLYPH_UTF8, "\xef\xbf\xbd"
	    "2J\xef\xbf\xbd", 2);
}

static void
bad_bytes_become_replacement_characters(void **state)
{
	(void)state;
	/* Raw C1 bytes, an overlong form, a lone continuation byte. */
	assert_cleans("a\233b\300\257c\200", 7, GLYPH_UTF8,
	    "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd" "c\xef\xbf\xbd", 4);
	assert_cleans("a\233b", 3, 0, "a?b", 1);
}

static void
bidi_controls_are_named(void **state)
{
	(void)state;
	assert_cleans("abc\342\200\256def", 9, GLYPH_UTF8, "abc<RLO>def", 1);
	assert_cleans("\342\201\247x\342\201\251", 7, 0, "<RLI>x<PDI>", 2);
	assert_cleans("\342\200\217\330\234", 5, GLYPH_UTF8, "<RLM><ALM>", 2);
	assert_string_equal(glyph_name(0x202e), "RLO");
	assert_string_equal(glyph_name(0x1b), "ESC");
	assert_string_equal(glyph_name(0x9b), "CSI");
	assert_true(glyph_unsafe(0x2066));
	assert_false(glyph_unsafe(0x2070));
	assert_false(glyph_unsafe('a'));
	assert_true(glyph_unsafe(-1));
}

static void
ascii_gets_stand_ins(void **state)
{
	(void)state;
	assert_cleans("\033[1m“Café” — x\177", strlen("\033[1m“Café” — x\177"),
	    0, "^[[1m\"Cafe\" - x^?", 2);
	assert_cleans("日本", 6, 0, "??", 0);
	/* A decomposed accent: its base letter stands. */
	assert_cleans("e\314\201", 3, 0, "e", 0);
}

static void
no_output_carries_a_control(void **state)
{
	unsigned char	 s[512];
	struct buf	 b;
	size_t		 i;
	unsigned	 seed = 11;
	int		 round, flags;

	(void)state;
	for (round = 0; round < 200; round++) {
		for (i = 0; i < sizeof(s); i++) {
			seed = seed * 1103515245 + 12345;
			s[i] = (unsigned char)(seed >> 16);
			/* Now and then a bidi control or a C1 in UTF-8. */
			if (i + 3 < sizeof(s) && (seed >> 8) % 17 == 0) {
				memcpy(s + i, (seed >> 4) % 2 ? "\342\200\256" :
				    "\302\233", 3);
				i += 2;
			}
		}
		for (flags = 0; flags < 4; flags++) {
			buf_init(&b);
			glyph_clean((const char *)s, sizeof(s),
			    (unsigned)flags, &b);
			assert_safe(b.data, flags & GLYPH_UTF8);
			buf_free(&b);
		}
	}
}

static void
long_lines_are_cut(void **state)
{
	struct buf	 b;
	char		 s[300];

	(void)state;
	memset(s, 'x', sizeof(s));
	buf_init(&b);
	buf_adds(&b, "diptych: ");
	buf_add(&b, s, sizeof(s));
	glyph_cut(&b, 0, 200, GLYPH_UTF8);
	assert_int_equal(b.len, 199 + strlen("…"));
	assert_string_equal(b.data + 199, "…");
	buf_free(&b);

	buf_init(&b);
	buf_add(&b, s, sizeof(s));
	glyph_cut(&b, 0, 200, 0);
	assert_int_equal(b.len, 200);
	assert_string_equal(b.data + 197, "...");
	buf_free(&b);

	/* Wide characters count two columns each. */
	buf_init(&b);
	buf_adds(&b, "日本語日本語");
	glyph_cut(&b, 0, 7, GLYPH_UTF8);
	assert_string_equal(b.data, "日本語…");
	buf_free(&b);

	/* A short line is left alone. */
	buf_init(&b);
	buf_adds(&b, "short");
	glyph_cut(&b, 0, 200, GLYPH_UTF8);
	assert_string_equal(b.data, "short");
	buf_free(&b);
}

static void
only_regular_files_are_read(void **state)
{
	char	 dir[] = "/tmp/diptych-glyph.XXXXXX", path[64], *data, *err;
	size_t	 len;
	FILE	*f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/f.md", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs("hello\n", f);
	fclose(f);

	assert_int_equal(util_load_file(path, 100, &data, &len, &err), 0);
	assert_int_equal(len, 6);
	assert_string_equal(data, "hello\n");
	assert_null(err);
	free(data);

	/* Too large: refused, the limit named. */
	assert_int_equal(util_load_file(path, 5, &data, &len, &err), -1);
	assert_int_equal(errno, EFBIG);
	assert_null(data);
	assert_non_null(strstr(err, "f.md: larger than 5 bytes"));
	free(err);

	/* A directory, a device, a FIFO with no writer: at once. */
	assert_int_equal(util_load_file(dir, 100, &data, &len, &err), -1);
	assert_int_equal(errno, EISDIR);
	free(err);
	assert_int_equal(util_load_file("/dev/zero", UTIL_FILE_MAX, &data,
	    &len, &err), -1);
	assert_int_equal(errno, EINVAL);
	assert_string_equal(err, "/dev/zero: not a regular file (a device)");
	free(err);
	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(util_load_file(path, 100, &data, &len, &err), -1);
	assert_non_null(strstr(err, "fifo: not a regular file (a FIFO)"));
	free(err);
	unlink(path);

	/* Missing: errno as open set it, and no message asked for. */
	snprintf(path, sizeof(path), "%s/none", dir);
	assert_int_equal(util_load_file(path, 100, &data, &len, NULL), -1);
	assert_int_equal(errno, ENOENT);

	snprintf(path, sizeof(path), "%s/f.md", dir);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_text_is_unchanged),
		cmocka_unit_test(controls_become_pictures),
		cmocka_unit_test(bad_bytes_become_replacement_characters),
		cmocka_unit_test(bidi_controls_are_named),
		cmocka_unit_test(ascii_gets_stand_ins),
		cmocka_unit_test(no_output_carries_a_control),
		cmocka_unit_test(long_lines_are_cut),
		cmocka_unit_test(only_regular_files_are_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
