/*
 * test_overlay.c: layers of ranges (order, lookups at the boundaries,
 * overlapping ranges, the painting cursor, links of a parsed document,
 * role names).
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
#include "diptych/glossary.h"
#include "diptych/overlay.h"

/* Ranges are sorted by start; ties keep the order they were added in. */
static void
assert_sorted(const struct overlay *o)
{
	size_t i;

	for (i = 1; i < overlay_count(o); i++)
		assert_true(overlay_range(o, i - 1)->start <=
		    overlay_range(o, i)->start);
	assert_null(overlay_range(o, overlay_count(o)));
}

static void
ranges_stay_sorted_in_any_order(void **state)
{
	struct overlay	*o = overlay_new(OR_TERM, 20);
	static const size_t starts[] = { 10, 30, 50 }, late[] = { 40, 0, 20 };
	static const size_t want[] = { 0, 10, 20, 30, 40, 50 };
	size_t		 i;

	(void)state;
	assert_int_equal(overlay_role(o), OR_TERM);
	assert_int_equal(overlay_priority(o), 20);
	for (i = 0; i < 3; i++)
		overlay_add(o, starts[i], starts[i] + 5, i);
	for (i = 0; i < 3; i++)
		overlay_add(o, late[i], late[i] + 5, 100 + i);
	assert_int_equal(overlay_count(o), 6);
	assert_sorted(o);
	for (i = 0; i < 6; i++) {
		assert_int_equal(overlay_range(o, i)->start, want[i]);
		assert_int_equal(overlay_range(o, i)->end, want[i] + 5);
	}
	/* Ids travel with their ranges. */
	assert_int_equal(overlay_range(o, 0)->id, 101);
	assert_int_equal(overlay_range(o, 4)->id, 100);
	assert_int_equal(overlay_range(o, 5)->id, 2);
	/* A range inserted before others is found by lookups too. */
	assert_int_equal(overlay_at(o, 2), 0);
	assert_int_equal(overlay_at(o, 42), 4);
	overlay_free(o);
}

static void
empty_ranges_are_ignored(void **state)
{
	struct overlay *o = overlay_new(OR_LINK, 10);

	(void)state;
	overlay_add(o, 5, 5, 1);
	overlay_add(o, 9, 3, 2);	/* reversed: empty too */
	assert_int_equal(overlay_count(o), 0);
	assert_int_equal(overlay_at(o, 5), -1);
	assert_int_equal(overlay_next(o, 0), -1);
	assert_int_equal(overlay_prev(o, 100), -1);
	overlay_add(o, 5, 6, 3);
	overlay_add(o, 7, 7, 4);
	assert_int_equal(overlay_count(o), 1);
	assert_int_equal(overlay_range(o, 0)->id, 3);
	overlay_free(o);
}

static void
lookups_at_the_boundaries(void **state)
{
	struct overlay *o = overlay_new(OR_MATCH, 30);

	(void)state;
	overlay_add(o, 10, 20, 0);
	overlay_add(o, 30, 40, 1);
	/* Start inclusive, end exclusive. */
	assert_int_equal(overlay_at(o, 9), -1);
	assert_int_equal(overlay_at(o, 10), 0);
	assert_int_equal(overlay_at(o, 19), 0);
	assert_int_equal(overlay_at(o, 20), -1);
	assert_int_equal(overlay_at(o, 29), -1);
	assert_int_equal(overlay_at(o, 30), 1);
	assert_int_equal(overlay_at(o, 39), 1);
	assert_int_equal(overlay_at(o, 40), -1);
	assert_int_equal(overlay_at(o, 0), -1);
	/* next: the first starting at or after. */
	assert_int_equal(overlay_next(o, 0), 0);
	assert_int_equal(overlay_next(o, 10), 0);
	assert_int_equal(overlay_next(o, 11), 1);
	assert_int_equal(overlay_next(o, 30), 1);
	assert_int_equal(overlay_next(o, 31), -1);
	/* prev: the last starting before. */
	assert_int_equal(overlay_prev(o, 0), -1);
	assert_int_equal(overlay_prev(o, 10), -1);
	assert_int_equal(overlay_prev(o, 11), 0);
	assert_int_equal(overlay_prev(o, 30), 0);
	assert_int_equal(overlay_prev(o, 31), 1);
	assert_int_equal(overlay_prev(o, 1000), 1);
	overlay_free(o);
}

static void
a_long_range_covers_short_ones(void **state)
{
	struct overlay		*o = overlay_new(OR_TERM, 20);
	struct overlay_cursor	 c;
	size_t			 off;

	(void)state;
	overlay_add(o, 0, 100, 0);	/* covers all the others */
	overlay_add(o, 10, 12, 1);
	overlay_add(o, 20, 22, 2);
	overlay_add(o, 21, 30, 3);
	/* Inside a short one: the last to start that covers it. */
	assert_int_equal(overlay_at(o, 11), 1);
	assert_int_equal(overlay_at(o, 21), 3);
	assert_int_equal(overlay_at(o, 20), 2);
	/* Past the short ones, the long one still covers. */
	assert_int_equal(overlay_at(o, 12), 0);
	assert_int_equal(overlay_at(o, 50), 0);
	assert_int_equal(overlay_at(o, 99), 0);
	assert_int_equal(overlay_at(o, 100), -1);
	assert_int_equal(overlay_next(o, 1), 1);
	assert_int_equal(overlay_prev(o, 21), 2);
	/* The cursor agrees everywhere. */
	overlay_cursor_init(&c, o, 0);
	for (off = 0; off < 110; off++)
		assert_int_equal(overlay_cursor_covers(&c, off), off < 100);
	/* ... and from a start in the middle of the long range. */
	overlay_cursor_init(&c, o, 60);
	assert_true(overlay_cursor_covers(&c, 60));
	overlay_free(o);
}

/* A small deterministic generator, so a failure is reproducible. */
static uint32_t
lcg(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 8) & 0xffffff;
}

static void
cursor_agrees_with_brute_force(void **state)
{
	enum { N = 2000, NR = 300 };
	struct overlay		*o = overlay_new(OR_MATCH, 30);
	struct overlay_cursor	 c;
	const struct overlay_range *rg;
	static size_t		 st[NR], en[NR];
	uint32_t		 seed = 20240614;
	size_t			 i, off;

	(void)state;
	for (i = 0; i < NR; i++) {
		st[i] = lcg(&seed) % N;
		/* Mostly short, some long, a few empty. */
		en[i] = st[i] + (i % 17 == 0 ? lcg(&seed) % 400 :
		    lcg(&seed) % 8);
		overlay_add(o, st[i], en[i], i);
	}
	assert_sorted(o);
	for (i = 0; i < overlay_count(o); i++)
		assert_true(overlay_range(o, i)->start <
		    overlay_range(o, i)->end);
	/* One cursor from 0 walking every offset. */
	overlay_cursor_init(&c, o, 0);
	for (off = 0; off < N + 500; off++) {
		int	 covered = 0;
		long	 at = overlay_at(o, off), next = -1, prev = -1;

		for (i = 0; i < NR; i++)
			if (st[i] <= off && off < en[i])
				covered = 1;
		assert_int_equal(overlay_cursor_covers(&c, off), covered);
		assert_int_equal(at >= 0, covered);
		if (at >= 0) {
			rg = overlay_range(o, (size_t)at);

			assert_true(rg->start <= off && off < rg->end);
			/* No covering range comes later. */
			for (i = (size_t)at + 1; i < overlay_count(o); i++) {
				rg = overlay_range(o, i);
				assert_false(rg->start <= off && off < rg->end);
			}
		}
		for (i = 0; i < overlay_count(o); i++) {
			if (next < 0 && overlay_range(o, i)->start >= off)
				next = (long)i;
			if (overlay_range(o, i)->start < off)
				prev = (long)i;
		}
		assert_int_equal(overlay_next(o, off), next);
		assert_int_equal(overlay_prev(o, off), prev);
	}
	/* Cursors set at the start of every 37th offset agree too. */
	for (off = 0; off < N; off += 37) {
		size_t k;

		overlay_cursor_init(&c, o, off);
		for (k = off; k < off + 60; k++)
			assert_int_equal(overlay_cursor_covers(&c, k),
			    overlay_at(o, k) >= 0);
	}
	overlay_free(o);
}

static void
clear_drops_every_range(void **state)
{
	struct overlay		*o = overlay_new(OR_SELECTED, 50);
	struct overlay_cursor	 c;

	(void)state;
	overlay_add(o, 0, 100, 0);
	overlay_add(o, 5, 10, 1);
	overlay_clear(o);
	assert_int_equal(overlay_count(o), 0);
	assert_int_equal(overlay_at(o, 7), -1);
	assert_int_equal(overlay_next(o, 0), -1);
	assert_int_equal(overlay_prev(o, 50), -1);
	overlay_cursor_init(&c, o, 0);
	assert_false(overlay_cursor_covers(&c, 7));
	/* The long range cleared no longer covers what is added after. */
	overlay_add(o, 40, 42, 7);
	assert_int_equal(overlay_count(o), 1);
	assert_int_equal(overlay_at(o, 20), -1);
	assert_int_equal(overlay_at(o, 41), 0);
	overlay_cursor_init(&c, o, 0);
	assert_false(overlay_cursor_covers(&c, 20));
	assert_true(overlay_cursor_covers(&c, 41));
	overlay_free(o);
}

static void
links_of_a_parsed_document(void **state)
{
	static const char src[] =
	    "Intro with [the first](https://example.org/one) link.\n\n"
	    "Then [a second one](#ref-x) here.\n\n"
	    "<a id=\"ref-x\"></a>X. 2020. A reference.\n";
	struct overlay	*o = overlay_new(OR_LINK, 10);
	struct doc	*d;
	char		*err = NULL;
	const char	*t;

	(void)state;
	d = doc_parse("links.md", src, sizeof(src) - 1, &err);
	if (d == NULL)
		fail_msg("%s", err);
	t = doc_text(d, NULL);
	overlay_add_links(o, d);
	assert_int_equal(overlay_count(o), 2);
	assert_int_equal(overlay_range(o, 0)->id, 0);
	assert_int_equal(overlay_range(o, 1)->id, 1);
	assert_int_equal(overlay_range(o, 0)->end - overlay_range(o, 0)->start,
	    strlen("the first"));
	assert_memory_equal(t + overlay_range(o, 0)->start, "the first", 9);
	assert_memory_equal(t + overlay_range(o, 1)->start, "a second one", 12);
	/* The word before a link is not part of it; its first letter is. */
	assert_int_equal(overlay_at(o, overlay_range(o, 1)->start - 1), -1);
	assert_int_equal(overlay_at(o, overlay_range(o, 1)->start), 1);
	assert_int_equal(overlay_at(o, overlay_range(o, 1)->end), -1);
	overlay_free(o);
	doc_free(d);
}

static void
hits_become_ranges(void **state)
{
	static const struct term_hit hits[] = {
		{ 3, 8, 4 }, { 10, 14, 0 }, { 20, 21, 9 },
	};
	struct overlay *o = overlay_new(OR_TERM, 20);

	(void)state;
	overlay_add_hits(o, hits, 3);
	assert_int_equal(overlay_count(o), 3);
	/* The id is the hit's index, not its term. */
	assert_int_equal(overlay_range(o, overlay_at(o, 12))->id, 1);
	assert_int_equal(overlay_range(o, 2)->start, 20);
	overlay_free(o);
}

static void
roles_have_letters_and_names(void **state)
{
	int	 i, j;

	(void)state;
	assert_int_equal(overlay_role_letter(OR_LINK), 'c');
	assert_string_equal(overlay_role_name(OR_LINK), "citation");
	assert_int_equal(overlay_role_letter(OR_TERM), 't');
	assert_string_equal(overlay_role_name(OR_TERM), "term");
	assert_int_equal(overlay_role_letter(OR_MATCH), 'm');
	assert_string_equal(overlay_role_name(OR_MATCH), "match");
	assert_int_equal(overlay_role_letter(OR_CURRENT), 'M');
	assert_string_equal(overlay_role_name(OR_CURRENT), "current match");
	assert_int_equal(overlay_role_letter(OR_SELECTED), 's');
	assert_string_equal(overlay_role_name(OR_SELECTED), "selected");
	/* Distinct, so --overlays can be read back. */
	for (i = 0; i < OR_NROLES; i++)
		for (j = i + 1; j < OR_NROLES; j++)
			assert_int_not_equal(overlay_role_letter(i),
			    overlay_role_letter(j));
	/* Out of range: a placeholder, not a crash. */
	assert_int_equal(overlay_role_letter(OR_NROLES), '?');
	assert_string_equal(overlay_role_name(OR_NROLES), "?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ranges_stay_sorted_in_any_order),
		cmocka_unit_test(empty_ranges_are_ignored),
		cmocka_unit_test(lookups_at_the_boundaries),
		cmocka_unit_test(a_long_range_covers_short_ones),
		cmocka_unit_test(cursor_agrees_with_brute_force),
		cmocka_unit_test(clear_drops_every_range),
		cmocka_unit_test(links_of_a_parsed_document),
		cmocka_unit_test(hits_become_ranges),
		cmocka_unit_test(roles_have_letters_and_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
