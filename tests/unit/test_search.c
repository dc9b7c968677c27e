/*
 * test_search.c: search with smart case over a document's text.
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lowercase_patterns_ignore_case),
		cmocka_unit_test(non_ascii_text_folds_and_keeps_offsets),
		cmocka_unit_test(matches_do_not_overlap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
