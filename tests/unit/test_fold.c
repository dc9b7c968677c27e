/*
 * test_fold.c: folding text for matching, and the map back to it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diptych/fold.h"

/* Fold s and check the result, and that the map is whole and in order. */
static void
assert_folds(const char *s, unsigned flags, const char *want)
{
	struct fold	 f;
	size_t		 i, n = strlen(s);

	fold_text(&f, s, n, flags);
	if (strcmp(f.s, want) != 0)
		fail_msg("\"%s\" folds to \"%s\", want \"%s\"", s, f.s, want);
	assert_int_equal(f.len, strlen(want));
	assert_int_equal(fold_source(&f, f.len), n);
	for (i = 0; i < f.len; i++) {
		assert_true(fold_source(&f, i) < n);
		assert_true(fold_source(&f, i) <= fold_source(&f, i + 1));
	}
	fold_free(&f);
}

/* The source range of the folded range [fs, fe) of s. */
static void
assert_range(const char *s, unsigned flags, size_t fs, size_t fe,
    size_t want_start, size_t want_end)
{
	struct fold	 f;
	size_t		 start, end;

	fold_text(&f, s, strlen(s), flags);
	fold_range(&f, fs, fe, &start, &end);
	if (start != want_start || end != want_end)
		fail_msg("\"%s\" [%zu, %zu): got [%zu, %zu), want [%zu, %zu)",
		    s, fs, fe, start, end, want_start, want_end);
	fold_free(&f);
}

static void
typographic_quotes_and_dashes_become_ascii(void **state)
{
	(void)state;
	assert_folds("Korea’s ‘Quad’ “Indo-Pacific”", 0,
	    "Korea's 'Quad' \"Indo-Pacific\"");
	assert_folds("‚low‛ „low‟ 5′ 6″ ʼokina", 0,
	    "'low' \"low\" 5' 6\" 'okina");
	assert_folds("a–b—c‐d‑e‒f−g―h", 0, "a-b-c-d-e-f-g-h");
	assert_folds("Korea’s", FOLD_CASE, "korea's");
}

static void
compatibility_forms_become_plain(void **state)
{
	(void)state;
	assert_folds("ＡＳＥＡＮ　２０２４", 0, "ASEAN 2024");
	assert_folds("ＡＳＥＡＮ", FOLD_CASE, "asean");
	assert_folds("ﬁne ﬂow", 0, "fine flow");
	assert_folds("a\xc2\xa0" "b", 0, "a b");
	assert_folds("wait…", 0, "wait...");
	assert_folds("㍿ ½", 0, "株式会社 1⁄2");
	assert_folds("ｶﾀｶﾅ", 0, "カタカナ");
}

static void
accents_go(void **state)
{
	(void)state;
	assert_folds("vis-à-vis café naïve Ångström", 0,
	    "vis-a-vis cafe naive Angstrom");
	assert_folds("ÉCOLE école", 0, "ECOLE ecole");
	assert_folds("ÉCOLE école", FOLD_CASE, "ecole ecole");
	/* Decomposed, the marks go just the same. */
	assert_folds("e\xcc\x81" "cole", 0, "ecole");
	assert_folds("Đà Nẵng, Việt Nam", 0, "Đa Nang, Viet Nam");
}

static void
case_folding_is_full(void **state)
{
	(void)state;
	assert_folds("Straße", 0, "Straße");
	assert_folds("Straße STRASSE", FOLD_CASE, "strasse strasse");
	assert_folds("ΣΊΣΥΦΟΣ", FOLD_CASE, "σισυφοσ");
	assert_folds("İstanbul", FOLD_CASE, "istanbul");
	assert_folds("The TREATY", FOLD_CASE, "the treaty");
	assert_folds("The TREATY", 0, "The TREATY");
}

static void
hangul_and_japanese_are_unchanged(void **state)
{
	static const char *texts[] = {
		"대한민국과 일본의 안보 협력",
		"日本がガイドラインを見直し、パートナーシップを強化した。",
		"ぱぴぷぺぽ ばびぶべぼ",
		"朝鮮民主主義人民共和国",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		assert_folds(texts[i], 0, texts[i]);
		assert_folds(texts[i], FOLD_CASE, texts[i]);
	}
}

static void
the_map_points_at_each_code_point(void **state)
{
	struct fold	 f;
	/* a, both s of ß, b, ’, f and i of ﬁ, x, and the end. */
	static const size_t want[] = { 0, 1, 1, 3, 4, 7, 7, 10, 11 };
	size_t		 i;

	(void)state;
	fold_text(&f, "aßb’ﬁx", strlen("aßb’ﬁx"), FOLD_CASE);
	assert_string_equal(f.s, "assb'fix");
	assert_int_equal(f.len, 8);
	for (i = 0; i <= f.len; i++)
		assert_int_equal(fold_source(&f, i), want[i]);
	fold_free(&f);
}

static void
ranges_cover_whole_code_points(void **state)
{
	(void)state;
	/* "aßb’ﬁx" folds to "assb'fix". */
	assert_range("aßb’ﬁx", FOLD_CASE, 0, 1, 0, 1);
	/* Half of ß, either half, is all of it. */
	assert_range("aßb’ﬁx", FOLD_CASE, 1, 2, 1, 3);
	assert_range("aßb’ﬁx", FOLD_CASE, 2, 3, 1, 3);
	assert_range("aßb’ﬁx", FOLD_CASE, 0, 4, 0, 4);
	assert_range("aßb’ﬁx", FOLD_CASE, 4, 5, 4, 7);
	assert_range("aßb’ﬁx", FOLD_CASE, 5, 6, 7, 10);
	assert_range("aßb’ﬁx", FOLD_CASE, 6, 8, 7, 11);
	assert_range("aßb’ﬁx", FOLD_CASE, 8, 8, 11, 11);
	/* "vis-à-vis": the a is all of à. */
	assert_range("vis-à-vis", 0, 4, 5, 4, 6);
	assert_range("vis-à-vis", 0, 0, 9, 0, 10);
	/* A mark folded away goes with the letter before it. */
	assert_range("e\xcc\x81x", 0, 0, 1, 0, 3);
	assert_range("e\xcc\x81x", 0, 1, 2, 3, 4);
	assert_range("x\xcc\x83\xcc\x84", 0, 0, 1, 0, 5);
	/* Full-width letters, three bytes each. */
	assert_range("ＡＢＣ", 0, 1, 2, 3, 6);
}

static void
expansions_grow_the_text(void **state)
{
	struct fold	 f;
	char		 s[3 * 200 + 1];
	size_t		 i;

	(void)state;
	/* ㍿ is three bytes and folds to twelve. */
	for (i = 0; i < 200; i++)
		memcpy(s + 3 * i, "㍿", 3);
	s[3 * 200] = '\0';
	fold_text(&f, s, strlen(s), FOLD_CASE);
	assert_int_equal(f.len, 12 * 200);
	for (i = 0; i < f.len; i++) {
		assert_int_equal(fold_source(&f, i), 3 * (i / 12));
		assert_memory_equal(f.s + i / 12 * 12, "株式会社", 12);
	}
	assert_int_equal(fold_source(&f, f.len), 600);
	fold_free(&f);
}

static void
empty_and_invalid_text(void **state)
{
	struct fold	 f;
	size_t		 start, end;

	(void)state;
	fold_text(&f, "", 0, FOLD_CASE);
	assert_int_equal(f.len, 0);
	assert_string_equal(f.s, "");
	assert_int_equal(fold_source(&f, 0), 0);
	fold_range(&f, 0, 0, &start, &end);
	assert_int_equal(start, 0);
	assert_int_equal(end, 0);
	fold_free(&f);
	/* A bad byte is one U+FFFD; so is a truncated sequence. */
	assert_folds("a\xff" "B", FOLD_CASE, "a\xef\xbf\xbd" "b");
	assert_folds("a\xe2\x80", 0, "a\xef\xbf\xbd");
	assert_folds("\xc3", 0, "\xef\xbf\xbd");
	/* Not NUL-terminated: only n bytes are read. */
	fold_text(&f, "abcdef", 3, 0);
	assert_string_equal(f.s, "abc");
	fold_free(&f);
}

static void
smart_case_sees_uppercase_letters(void **state)
{
	(void)state;
	assert_false(fold_has_upper("", 0));
	assert_false(fold_has_upper("korea's 2024", 12));
	assert_true(fold_has_upper("Korea", 5));
	assert_false(fold_has_upper("école", strlen("école")));
	assert_true(fold_has_upper("École", strlen("École")));
	assert_true(fold_has_upper("Ａ", strlen("Ａ")));
	assert_false(fold_has_upper("대한민국 日本", strlen("대한민국 日本")));
	/* Only n bytes count. */
	assert_false(fold_has_upper("abC", 2));
}

/* Ranges mapped in order with a hint map as they do one by one. */
static void
ranges_in_order_map_alike(void **state)
{
	static const char s[] = "Caf\xc3\xa9 \xe2\x80\x9cna\xc3\xafve\xe2\x80\x9d "
	    "\xef\xac\x81ne STRA\xc3\x9f" "E d\xc3\xa9j\xc3\xa0 vu, \xe6\x97\xa5\xe6\x9c\xac.";
	struct fold	 f;
	size_t		 i, j, s1, e1, s2, e2, hint = 0;

	(void)state;
	fold_text(&f, s, sizeof(s) - 1, FOLD_CASE);
	for (i = 0; i < f.len; i++)
		for (j = i; j <= f.len && j < i + 5; j++) {
			fold_range(&f, i, j, &s1, &e1);
			fold_range_from(&f, i, j, &s2, &e2, &hint);
			assert_int_equal(s1, s2);
			assert_int_equal(e1, e2);
		}
	fold_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(typographic_quotes_and_dashes_become_ascii),
		cmocka_unit_test(compatibility_forms_become_plain),
		cmocka_unit_test(accents_go),
		cmocka_unit_test(case_folding_is_full),
		cmocka_unit_test(hangul_and_japanese_are_unchanged),
		cmocka_unit_test(the_map_points_at_each_code_point),
		cmocka_unit_test(ranges_cover_whole_code_points),
		cmocka_unit_test(expansions_grow_the_text),
		cmocka_unit_test(empty_and_invalid_text),
		cmocka_unit_test(smart_case_sees_uppercase_letters),
		cmocka_unit_test(ranges_in_order_map_alike),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
