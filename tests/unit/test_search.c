/*
 * test_search.c: search with smart case over a document's text, folded
 * (typography, compatibility forms, accents) and mapped back exactly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diptych/doc.h"
#include "diptych/search.h"

static struct doc *
parse_ok(const char *src)
{
	char		*err = NULL;
	struct doc	*d = doc_parse("t.md", src, strlen(src), &err);

	if (d == NULL)
		fail_msg("%s", err);
	return d;
}

/* The matched texts joined by '|'. */
static void
assert_matches(const struct doc *d, const char *pattern, const char *want)
{
	size_t		 n, i, len = 0;
	struct search_hit *h = search_doc(d, pattern, &n);
	const char	*t = doc_text(d, NULL);
	char		 got[512];

	got[0] = '\0';
	for (i = 0; i < n; i++) {
		len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%.*s",
		    i ? "|" : "", (int)(h[i].end - h[i].start), t + h[i].start);
		assert_true(h[i].start < h[i].end);
		if (i > 0)
			assert_true(h[i].start >= h[i - 1].end);
	}
	free(h);
	if (strcmp(got, want) != 0)
		fail_msg("/%s: got \"%s\", want \"%s\"", pattern, got, want);
}

static void
lowercase_patterns_ignore_case(void **state)
{
	struct doc *d = parse_ok("The Treaty, the TREATY and treaty.\n");

	(void)state;
	assert_matches(d, "treaty", "Treaty|TREATY|treaty");
	assert_matches(d, "Treaty", "Treaty");
	assert_matches(d, "xyz", "");
	assert_matches(d, "", "");
	doc_free(d);
}

static void
non_ascii_text_folds_and_keeps_offsets(void **state)
{
	struct doc *d = parse_ok("ÉCOLE école Straße 北朝鮮問題 “quoted”\n");

	(void)state;
	assert_matches(d, "école", "ÉCOLE|école");
	assert_matches(d, "École", "");
	assert_matches(d, "straße", "Straße");
	assert_matches(d, "朝鮮", "朝鮮");
	assert_matches(d, "“quoted”", "“quoted”");
	/* A decomposed pattern finds the composed text (NFC). */
	assert_matches(d, "e\xcc\x81" "cole", "ÉCOLE|école");
	/* Invalid UTF-8 finds nothing, and does not crash. */
	assert_matches(d, "\xff", "");
	doc_free(d);
}

static void
matches_do_not_overlap(void **state)
{
	struct doc *d = parse_ok("aaaa\n");

	(void)state;
	assert_matches(d, "aa", "aa|aa");
	doc_free(d);
}

static void
typography_matches_what_people_type(void **state)
{
	struct doc *d = parse_ok("Korea’s navy, Korea's army, KOREA’S "
	    "coast; the “Quad” and the \"Quad\"; 2023–2024 and "
	    "2023-2024.\n");

	(void)state;
	/* Straight finds curly, curly finds straight, both ways. */
	assert_matches(d, "Korea's", "Korea’s|Korea's");
	assert_matches(d, "Korea’s", "Korea’s|Korea's");
	assert_matches(d, "korea's", "Korea’s|Korea's|KOREA’S");
	assert_matches(d, "\"Quad\"", "“Quad”|\"Quad\"");
	assert_matches(d, "2023-2024", "2023–2024|2023-2024");
	assert_matches(d, "’s", "’s|'s|’S");
	doc_free(d);
}

static void
accents_and_compatibility_forms_are_ignored(void **state)
{
	struct doc *d = parse_ok("Vis-à-vis Japan, VIS-A-VIS Korea; "
	    "ASEAN and ＡＳＥＡＮ; the ﬁnal ﬁle.\n");
	struct doc *g = parse_ok("Straße, STRASSE.\n");

	(void)state;
	assert_matches(d, "vis-a-vis", "Vis-à-vis|VIS-A-VIS");
	assert_matches(d, "vis-à-vis", "Vis-à-vis|VIS-A-VIS");
	/* Smart case still: an uppercase letter makes case count. */
	assert_matches(d, "Vis-a-vis", "Vis-à-vis");
	assert_matches(d, "ＡＳＥＡＮ", "ASEAN|ＡＳＥＡＮ");
	assert_matches(d, "ASEAN", "ASEAN|ＡＳＥＡＮ");
	assert_matches(d, "asean", "ASEAN|ＡＳＥＡＮ");
	assert_matches(g, "strasse", "Straße|STRASSE");
	assert_matches(g, "STRASSE", "STRASSE");
	/* Ranges are whole code points of the text. */
	assert_matches(d, "fi", "ﬁ|ﬁ");
	assert_matches(d, "inal", "ﬁnal");
	assert_matches(d, "sean", "SEAN|ＳＥＡＮ");
	assert_matches(g, "as", "aß|AS");
	assert_matches(g, "s", "S|ß|S|S|S");
	doc_free(d);
	doc_free(g);
}

static void
hit_offsets_are_byte_offsets_of_the_text(void **state)
{
	struct doc	 *d = parse_ok("“Straße” vis-à-vis\n");
	struct search_hit *h;
	size_t		 n;

	(void)state;
	/* “ is 3 bytes, ß 2, à 2. */
	h = search_doc(d, "strasse", &n);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].start, 3);
	assert_int_equal(h[0].end, 10);
	free(h);
	h = search_doc(d, "\"strasse\"", &n);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].start, 0);
	assert_int_equal(h[0].end, 13);
	free(h);
	h = search_doc(d, "a-v", &n);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].start, 18);
	assert_int_equal(h[0].end, 22);
	free(h);
	/* A pattern of marks only folds to nothing and finds nothing. */
	assert_null(search_doc(d, "\xcc\x81", &n));
	assert_int_equal(n, 0);
	doc_free(d);
}

static int
by_start(const void *a, const void *b)
{
	const struct search_hit *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * Some of the matches, from a place on: the first of them after it, then
 * from the top; all of them, sorted, are search_in's; at most max, with
 * the word that there were more.
 */
static void
some_matches_start_at_the_place(void **state)
{
	struct doc		*d = parse_ok("Alpha beta alpha. Gamma "
	    "\xe2\x80\x9c" "alpha\xe2\x80\x9d alphabet ALPHA.\n\nAnd alpha.\n");
	struct search_text	*t = search_text_new(d), *t2;
	struct search_hit	*all, *some;
	size_t			 nall, n, from, len, k;
	int			 cut;

	(void)state;
	(void)doc_text(d, &len);
	all = search_in(t, "alpha", &nall);
	assert_int_equal(nall, 6);
	for (from = 0; from <= len; from++) {
		some = search_some(t, "alpha", from, SIZE_MAX, SIZE_MAX, &n,
		    &cut);
		assert_int_equal(n, nall);
		assert_false(cut);
		/* From the place on first. */
		for (k = 0; k < n && all[k].start < from; k++)
			;
		if (k < n)
			assert_int_equal(some[0].start, all[k].start);
		qsort(some, n, sizeof(*some), by_start);
		assert_memory_equal(some, all, n * sizeof(*some));
		free(some);

		some = search_some(t, "alpha", from, SIZE_MAX, 2, &n, &cut);
		assert_int_equal(n, 2);
		assert_true(cut);
		free(some);

		/* Not yet found whole: the same, searched. */
		t2 = search_text_new(d);
		some = search_some(t2, "alpha", from, SIZE_MAX, 2, &n, &cut);
		assert_int_equal(n, 2);
		assert_true(cut);
		for (k = 0; k < nall && all[k].start < from; k++)
			;
		assert_int_equal(some[0].start, all[k % nall].start);
		free(some);
		/* Only a span from the place: those starting in it. */
		some = search_some(t2, "alpha", from, 12, SIZE_MAX, &n, &cut);
		assert_true(cut);
		for (k = 0; k < n; k++)
			assert_true((some[k].start >= from &&
			    some[k].start < from + 12) ||
			    some[k].start + len < from + 12);
		free(some);
		search_text_free(t2);
	}
	free(all);
	/* A pattern that is nowhere, searched whole and then kept. */
	for (k = 0; k < 2; k++) {
		some = search_some(t, "omega", 3, SIZE_MAX, SIZE_MAX, &n,
		    &cut);
		assert_int_equal(n, 0);
		assert_false(cut);
		free(some);
	}
	search_text_free(t);
	doc_free(d);
}

/*
 * Typing on looks among the matches there were, and finds what a new
 * search finds; a pattern that can overlap itself ("aa") is searched
 * again.
 */
static void
typing_on_refines_the_matches(void **state)
{
	static const char *const steps[] = {
		"t", "tr", "tre", "trea", "treat", "treaty", "treaty ", "Treaty"
	};
	struct doc		*d = parse_ok("The treaty, a Treaty of treats: "
	    "treaty after treaty. Retreat, treatise, treat.\n\naaab aab.\n");
	struct search_text	*t = search_text_new(d);
	struct search_hit	*prev, *hits, *want;
	size_t			 nprev, n, nwant, k;
	int			 refined, any = 0;

	(void)state;
	prev = search_in(t, steps[0], &nprev);
	for (k = 1; k < sizeof(steps) / sizeof(steps[0]); k++) {
		hits = search_refine(t, steps[k - 1], prev, nprev, steps[k],
		    &n, &refined);
		want = search_in(t, steps[k], &nwant);
		if (refined) {
			any = 1;
			assert_int_equal(n, nwant);
			if (n > 0)
				assert_memory_equal(hits, want,
				    n * sizeof(*hits));
		}
		free(hits);
		free(prev);
		prev = want;
		nprev = nwant;
	}
	assert_true(any);
	free(prev);
	/* "aa" overlaps itself: "aab" at 1 starts inside "aa" at 0. */
	prev = search_in(t, "aa", &nprev);
	hits = search_refine(t, "aa", prev, nprev, "aab", &n, &refined);
	assert_false(refined);
	free(hits);
	free(prev);
	/* Case: "Treaty" folds another way than "treaty". */
	prev = search_in(t, "treaty", &nprev);
	hits = search_refine(t, "treat", prev, nprev, "Treaty", &n, &refined);
	assert_false(refined);
	free(hits);
	free(prev);
	search_text_free(t);
	doc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lowercase_patterns_ignore_case),
		cmocka_unit_test(non_ascii_text_folds_and_keeps_offsets),
		cmocka_unit_test(matches_do_not_overlap),
		cmocka_unit_test(typography_matches_what_people_type),
		cmocka_unit_test(accents_and_compatibility_forms_are_ignored),
		cmocka_unit_test(hit_offsets_are_byte_offsets_of_the_text),
		cmocka_unit_test(some_matches_start_at_the_place),
		cmocka_unit_test(typing_on_refines_the_matches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
