/*
 * test_bounds.c: words and sentences as a reader selects them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diptych/bounds.h"
#include "diptych/doc.h"
#include "diptych/util.h"

static struct doc *
parse(const char *md)
{
	char		*err = NULL;
	struct doc	*d = doc_parse("t.md", md, strlen(md), &err);

	assert_non_null(d);
	return d;
}

/* The text of [s, e) of d, in a static buffer. */
static const char *
piece(const struct doc *d, size_t s, size_t e)
{
	static char	 b[512];
	const char	*t = doc_text(d, NULL);

	assert_true(e >= s && e - s < sizeof(b));
	memcpy(b, t + s, e - s);
	b[e - s] = '\0';
	return b;
}

/* The sentences of d from the start, one after another. */
static void
expect_sentences(const struct doc *d, const char *const *want, size_t n)
{
	size_t	 off = 0, s, e, i;

	for (i = 0; i < n; i++) {
		assert_int_equal(bounds_sentence(d, off, &s, &e), 0);
		assert_string_equal(piece(d, s, e), want[i]);
		off = e;
	}
	assert_int_equal(bounds_sentence(d, off, &s, &e), -1);
}

static void
test_abbreviations(void **state)
{
	static const char *const want[] = {
		"The U.S. and Japan met on Sept. 5 in Washington, D.C. with "
		    "Mr. Kishida and Koga et al. 2023.",
		"Growth was 3.5 percent!",
		"Was it?",
		"Yes, e.g. in approx. the same way.",
	};
	struct doc *d = parse("The U.S. and Japan met on Sept. 5 in "
	    "Washington, D.C. with Mr. Kishida and Koga et al. 2023. Growth was 3.5 percent! "
	    "Was it? Yes, e.g. in approx. the same way.\n");

	(void)state;
	expect_sentences(d, want, 4);
	doc_free(d);
}

static void
test_quotes_and_cjk(void **state)
{
	static const char *const want[] = {
		"He said “stop.”",
		"Then he left.",
		"北朝鮮が発射した。",
		"日本は抗議した。",
	};
	struct doc *d = parse("He said “stop.” Then he left.\n\n"
	    "北朝鮮が発射した。日本は抗議した。\n");

	(void)state;
	expect_sentences(d, want, 4);
	doc_free(d);
}

/* Words: UAX #29, a curly apostrophe inside a word, punctuation out. */
static void
test_words(void **state)
{
	struct doc	*d = parse("Korea’s KN-23, tested.\n\nNext one.\n");
	const char	*t = doc_text(d, NULL);
	size_t		 e, s;

	(void)state;
	e = bounds_next(d, 0, BU_WORD);
	assert_string_equal(piece(d, 0, e), "Korea’s");
	e = bounds_next(d, e, BU_WORD);
	assert_string_equal(piece(d, 0, e), "Korea’s KN");
	e = bounds_next(d, e, BU_WORD);
	assert_string_equal(piece(d, 0, e), "Korea’s KN-23");
	e = bounds_next(d, e, BU_WORD);
	assert_string_equal(piece(d, 0, e), "Korea’s KN-23, tested");
	/* On into the next paragraph. */
	e = bounds_next(d, e, BU_WORD);
	assert_string_equal(piece(d, strstr(t, "Next") - t, e), "Next");
	s = bounds_prev(d, e, BU_WORD);
	assert_string_equal(piece(d, s, e), "Next");
	s = bounds_prev(d, s, BU_WORD);
	assert_string_equal(piece(d, s, strstr(t, ".") - t), "tested");
	assert_int_equal(bounds_prev(d, 0, BU_WORD), 0);
	doc_free(d);
}

/* Sentences and blocks forward and back, across paragraphs. */
static void
test_units_across_blocks(void **state)
{
	struct doc	*d = parse("One here. Two here.\n\nThree here.\n");
	const char	*t = doc_text(d, NULL);
	size_t		 len, e, s;

	(void)state;
	doc_text(d, &len);
	e = bounds_next(d, 0, BU_SENTENCE);
	assert_string_equal(piece(d, 0, e), "One here.");
	e = bounds_next(d, e, BU_SENTENCE);
	assert_string_equal(piece(d, 0, e), "One here. Two here.");
	e = bounds_next(d, e, BU_SENTENCE);
	assert_string_equal(piece(d, strstr(t, "Three") - t, e),
	    "Three here.");
	assert_int_equal(bounds_next(d, e, BU_SENTENCE), len);
	s = bounds_prev(d, e, BU_SENTENCE);
	assert_string_equal(piece(d, s, e), "Three here.");
	s = bounds_prev(d, s, BU_SENTENCE);
	assert_string_equal(piece(d, s, s + 9), "Two here.");
	e = bounds_next(d, 0, BU_BLOCK);
	assert_string_equal(piece(d, 0, e), "One here. Two here.");
	s = bounds_prev(d, len, BU_BLOCK);
	assert_string_equal(piece(d, s, len), "Three here.");
	doc_free(d);
}

/* The bundled essay: sentences stay whole across "U.S." and "Mr.". */
static void
test_bundled(void **state)
{
	const char	*srcdir = getenv("SRCDIR");
	char		 path[4096], *data = NULL, *err = NULL;
	size_t		 len, s, e, off = 0, n = 0;
	struct doc	*d;

	(void)state;
	snprintf(path, sizeof(path), "%s/texts/koga-2023.md",
	    srcdir ? srcdir : ".");
	assert_int_equal(util_read_file(path, &data, &len), 0);
	d = doc_parse(path, data, len, &err);
	assert_non_null(d);
	while (bounds_sentence(d, off, &s, &e) == 0) {
		const char *p = piece(d, s, e < s + 500 ? e : s + 1);

		/* No sentence ends right after U.S. or starts with a
		   lowercase letter after one. */
		if (e - s >= 4 && strncmp(doc_text(d, NULL) + e - 4, "U.S.",
		    4) == 0)
			fail_msg("a sentence ends at U.S.: %s", p);
		assert_true(e > off || off == 0);
		off = e;
		n++;
	}
	assert_true(n > 50);
	doc_free(d);
	free(data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abbreviations),
		cmocka_unit_test(test_quotes_and_cjk),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_units_across_blocks),
		cmocka_unit_test(test_bundled),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
