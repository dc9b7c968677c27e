/*
 * test_align.c: sections side by side (padding, one-sided sections,
 * order, proportional fallback, mappings).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diptych/align.h"
#include "diptych/doc.h"
#include "diptych/layout.h"
#include "diptych/util.h"

struct pair {
	struct doc	*d[2];
	struct layout	*l[2];
	struct align	*a;
};

static void
make(struct pair *p, const char *left, const char *right, int width)
{
	const char	*src[2] = { left, right };
	char		*err = NULL;
	int		 i;

	for (i = 0; i < 2; i++) {
		p->d[i] = doc_parse(i ? "r.md" : "l.md", src[i],
		    strlen(src[i]), &err);
		if (p->d[i] == NULL)
			fail_msg("%s", err);
		assert_int_equal(doc_nproblems(p->d[i]), 0);
		p->l[i] = layout_new(p->d[i], width);
	}
	p->a = align_new(p->l[0], p->l[1]);
}

static void
unmake(struct pair *p)
{
	int i;

	align_free(p->a);
	for (i = 0; i < 2; i++) {
		layout_free(p->l[i]);
		doc_free(p->d[i]);
	}
}

/* Text of layout row r of side, NUL-terminated in a static buffer. */
static const char *
row_text(const struct pair *p, int side, long r)
{
	static char	 buf[256];
	const struct layout_row *lr;
	const char	*t = doc_text(p->d[side], NULL);
	size_t		 n;

	if (r < 0)
		return r == ALIGN_NOTE ? "<note>" : "<pad>";
	lr = layout_row(p->l[side], (size_t)r);
	n = lr->end - lr->start < sizeof(buf) - 1 ? lr->end - lr->start :
	    sizeof(buf) - 1;
	memcpy(buf, t + lr->start, n);
	buf[n] = '\0';
	return buf;
}

/* The aligned row where side shows a row starting with text. */
static long
aligned_row_of(const struct pair *p, int side, const char *text)
{
	size_t i;

	for (i = 0; i < align_nrows(p->a); i++) {
		long r = align_row(p->a, i)->row[side];

		if (r >= 0 && strncmp(row_text(p, side, r), text,
		    strlen(text)) == 0)
			return (long)i;
	}
	return -1;
}

/*
 * Every layout row of both sides appears once, in order, and the
 * mappings agree both ways.
 */
static void
assert_invariants(const struct pair *p)
{
	int	 side;
	size_t	 i;

	for (side = 0; side < 2; side++) {
		long	 want = 0;

		for (i = 0; i < align_nrows(p->a); i++) {
			long r = align_row(p->a, i)->row[side];

			if (r < 0)
				continue;
			assert_int_equal(r, want);
			assert_int_equal(align_index_of(p->a, side, (size_t)r), i);
			assert_int_equal(align_layout_row(p->a, side, i), r);
			want++;
		}
		assert_int_equal(want, layout_nrows(p->l[side]));
	}
	/* The section in force where a section starts starts there too
	   (two may start on one row: proportional, or an empty one). */
	for (i = 0; i < align_nsections(p->a); i++) {
		size_t first = align_section(p->a, i)->first;

		assert_int_equal(align_section(p->a,
		    align_section_at(p->a, first))->first, first);
		if (i > 0)
			assert_true(align_section(p->a, i - 1)->first <= first);
	}
}

static const char left_ab[] =
    "<!-- section: a \"Alpha\" -->\n\nL one.\n\nL two.\n\nL three.\n\n"
    "<!-- section: b \"Beta\" -->\n\nL beta.\n";
static const char right_acb[] =
    "<!-- section: a \"Alpha\" -->\n\nR one.\n\n"
    "<!-- section: c \"Gamma\" -->\n\nR gamma.\n\n"
    "<!-- section: b \"Beta\" -->\n\nR beta.\n";

static void
paired_sections_start_on_one_row(void **state)
{
	struct pair	 p;
	long		 lb, rb, i;

	(void)state;
	make(&p, left_ab, right_acb, 30);
	assert_false(align_proportional(p.a));
	lb = aligned_row_of(&p, 0, "L beta.");
	rb = aligned_row_of(&p, 1, "R beta.");
	assert_true(lb > 0);
	assert_int_equal(lb, rb);
	/* Section a: the right side is shorter, and padded. */
	assert_int_equal(aligned_row_of(&p, 0, "L one."),
	    aligned_row_of(&p, 1, "R one."));
	for (i = aligned_row_of(&p, 1, "R one.") + 1;
	    i < aligned_row_of(&p, 0, "L three."); i++)
		assert_true(align_row(p.a, (size_t)i)->row[1] == ALIGN_PAD ||
		    strcmp(row_text(&p, 1, align_row(p.a, (size_t)i)->row[1]),
		    "") == 0);
	assert_invariants(&p);
	unmake(&p);
}

static void
one_sided_sections_get_a_note(void **state)
{
	struct pair	 p;
	long		 g;
	const struct align_section *s;

	(void)state;
	make(&p, left_ab, right_acb, 40);
	g = aligned_row_of(&p, 1, "R gamma.");
	assert_true(g > 0);
	/* The left column notes, once, that it has no such section. */
	assert_int_equal(align_row(p.a, (size_t)g)->row[0], ALIGN_NOTE);
	assert_int_equal(align_nsections(p.a), 3);
	s = align_section(p.a, 1);
	assert_string_equal(s->id, "c");
	assert_int_equal(s->sec[0], -1);
	assert_int_equal(s->sec[1], 1);
	assert_int_equal(s->first, (size_t)g);
	assert_invariants(&p);
	unmake(&p);
}

static void
sections_out_of_order_are_not_scrambled(void **state)
{
	struct pair	 p;
	static const char l[] =
	    "<!-- section: a \"A\" -->\n\nLA\n\n<!-- section: b \"B\" -->\n\n"
	    "LB\n\n<!-- section: c \"C\" -->\n\nLC\n";
	static const char r[] =
	    "<!-- section: a \"A\" -->\n\nRA\n\n<!-- section: c \"C\" -->\n\n"
	    "RC\n\n<!-- section: b \"B\" -->\n\nRB\n";
	size_t		 i, paired = 0;

	(void)state;
	make(&p, l, r, 20);
	/* Both texts stay in their own order; a and one of b, c pair. */
	assert_invariants(&p);
	for (i = 0; i < align_nsections(p.a); i++)
		if (align_section(p.a, i)->sec[0] >= 0 &&
		    align_section(p.a, i)->sec[1] >= 0)
			paired++;
	assert_int_equal(paired, 2);
	assert_int_equal(align_nsections(p.a), 4);
	unmake(&p);
}

static void
headings_pair_when_there_are_no_marks(void **state)
{
	struct pair	 p;

	(void)state;
	make(&p, "Intro left.\n\n## Background\n\nOne.\n\nTwo.\n\n"
	    "## Findings\n\nLeft findings.\n",
	    "Intro right,\nlonger.\n\nMore intro.\n\n## Background\n\nUno.\n\n"
	    "## FINDINGS\n\nRight findings.\n", 40);
	assert_false(align_proportional(p.a));
	assert_int_equal(aligned_row_of(&p, 0, "Background"),
	    aligned_row_of(&p, 1, "Background"));
	assert_int_equal(aligned_row_of(&p, 0, "Findings"),
	    aligned_row_of(&p, 1, "FINDINGS"));
	assert_invariants(&p);
	unmake(&p);
}

static void
nothing_in_common_is_proportional(void **state)
{
	struct pair	 p;
	size_t		 i;

	(void)state;
	make(&p, "# One\n\nA.\n\nB.\n\nC.\n", "# Two\n\nX.\n", 30);
	assert_true(align_proportional(p.a));
	/* Rows simply stand side by side. */
	for (i = 0; i < layout_nrows(p.l[0]); i++)
		assert_int_equal(align_row(p.a, i)->row[0], (long)i);
	assert_int_equal(align_row(p.a, 0)->row[1], 0);
	assert_int_equal(align_row(p.a, align_nrows(p.a) - 1)->row[1],
	    ALIGN_PAD);
	assert_invariants(&p);
	unmake(&p);
}

static void
bundled_essays_pair_as_designed(void **state)
{
	const char	*srcdir = getenv("SRCDIR");
	const char	*names[2] = { "texts/ogi-2024.md", "texts/koga-2023.md" };
	static const struct {
		const char	*id;
		int		 left, right;
	} want[] = {
		{ "front", 1, 1 }, { "partnership", 1, 1 },
		{ "japan-trilateral", 0, 1 }, { "china", 1, 1 },
		{ "japan-response", 1, 1 }, { "back", 1, 1 },
	};
	char		*data[2], path[4096];
	size_t		 len[2], i;
	struct pair	 p;
	int		 w;

	(void)state;
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", srcdir ? srcdir : ".",
		    names[i]);
		assert_int_equal(util_read_file(path, &data[i], &len[i]), 0);
	}
	for (w = 30; w <= 150; w += 40) {
		make(&p, data[0], data[1], w);
		assert_int_equal(align_nsections(p.a), 6);
		for (i = 0; i < 6; i++) {
			const struct align_section *s = align_section(p.a, i);

			assert_string_equal(s->id, want[i].id);
			assert_int_equal(s->sec[0] >= 0, want[i].left);
			assert_int_equal(s->sec[1] >= 0, want[i].right);
		}
		/* Koga's "partnership" opens with Kim's trip to Russia. */
		assert_int_equal(align_section(p.a, 1)->first,
		    (size_t)aligned_row_of(&p, 1, "North Korea’s leader, Kim"));
		assert_int_equal(align_section(p.a, 4)->first,
		    (size_t)aligned_row_of(&p, 1, "China holds the key"));
		assert_invariants(&p);
		unmake(&p);
	}
	free(data[0]);
	free(data[1]);
}

/* The offset in side's text where text first is. */
static size_t
off_of(const struct pair *p, int side, const char *text)
{
	const char	*t = doc_text(p->d[side], NULL), *at = strstr(t, text);

	assert_non_null(at);
	return (size_t)(at - t);
}

/* Realign p with pairings. */
static void
repair(struct pair *p, const struct align_pair *pairs, size_t n)
{
	align_free(p->a);
	p->a = align_new_paired(p->l[0], p->l[1], pairs, n);
}

/* The number of sections with text on both sides. */
static size_t
npaired(const struct pair *p)
{
	size_t i, n = 0;

	for (i = 0; i < align_nsections(p->a); i++)
		if (align_section(p->a, i)->in[0] &&
		    align_section(p->a, i)->in[1])
			n++;
	return n;
}

/*
 * Two texts with nothing in common stand side by side; a pairing makes
 * the passages it names begin on one row, and the sections say whose
 * they are.
 */
static void
a_pairing_pairs_two_plain_texts(void **state)
{
	struct pair		 p;
	struct align_pair	 pr[2];
	const struct align_section *s;

	(void)state;
	make(&p, "Left one.\n\nLeft two.\n\nLeft three.\n\nLeft four.\n",
	    "Right one.\n\nRight two.\n\nRight three.\n", 30);
	assert_true(align_proportional(p.a));
	pr[0].off[0] = off_of(&p, 0, "Left three.");
	pr[0].off[1] = off_of(&p, 1, "Right two.");
	pr[0].id = "p-1";
	pr[0].label = "The third";
	pr[0].origin = ALIGN_YOURS;
	repair(&p, pr, 1);
	assert_false(align_proportional(p.a));
	assert_int_equal(align_pair_state(p.a, 0), ALIGN_PAIR_USED);
	assert_int_equal(aligned_row_of(&p, 0, "Left three."),
	    aligned_row_of(&p, 1, "Right two."));
	assert_true(aligned_row_of(&p, 0, "Left three.") >
	    aligned_row_of(&p, 0, "Left two."));
	assert_int_equal(align_nsections(p.a), 2);
	s = align_section(p.a, 1);
	assert_string_equal(s->id, "p-1");
	assert_string_equal(s->label, "The third");
	assert_int_equal(s->origin, ALIGN_YOURS);
	assert_int_equal(s->pair, 0);
	assert_true(s->in[0] && s->in[1]);
	assert_int_equal(s->first, (size_t)aligned_row_of(&p, 1, "Right two."));
	assert_invariants(&p);

	/* A second pairing that crosses the first is left out; one after
	   it is taken. */
	pr[1] = pr[0];
	pr[1].id = "p-2";
	pr[1].off[0] = off_of(&p, 0, "Left four.");
	pr[1].off[1] = off_of(&p, 1, "Right one.");
	repair(&p, pr, 2);
	assert_int_equal(align_pair_state(p.a, 0), ALIGN_PAIR_USED);
	assert_int_equal(align_pair_state(p.a, 1), ALIGN_PAIR_CROSSES);
	/* The text before the pairing, and the pairing's. */
	assert_int_equal(npaired(&p), 2);
	assert_invariants(&p);
	pr[1].off[1] = off_of(&p, 1, "Right three.");
	repair(&p, pr, 2);
	assert_int_equal(align_pair_state(p.a, 1), ALIGN_PAIR_USED);
	assert_int_equal(npaired(&p), 3);
	assert_invariants(&p);
	unmake(&p);
}

/*
 * File marks win: a pairing that crosses them is left out and one that
 * repeats them changes nothing; one between two pairs of marked
 * sections divides them, and takes a one-sided section that begins
 * where it does.
 */
static void
file_marks_win_over_pairings_that_cross_them(void **state)
{
	struct pair		 p;
	struct align_pair	 pr[3];
	const struct align_section *s;

	(void)state;
	make(&p, left_ab, right_acb, 30);
	assert_int_equal(align_nsections(p.a), 3);
	memset(pr, 0, sizeof(pr));
	pr[0].off[0] = off_of(&p, 0, "L beta.");
	pr[0].off[1] = off_of(&p, 1, "R gamma.");
	pr[1].off[0] = doc_section(p.d[0], 1)->offset;
	pr[1].off[1] = doc_section(p.d[1], 2)->offset;
	pr[2].off[0] = off_of(&p, 0, "L two.");
	pr[2].off[1] = off_of(&p, 1, "R gamma.");
	pr[0].id = "x";
	pr[1].id = "y";
	pr[2].id = "z";
	pr[0].label = pr[1].label = pr[2].label = "Paired";
	pr[0].origin = pr[1].origin = pr[2].origin = ALIGN_SEMINAR;
	repair(&p, pr, 3);
	assert_int_equal(align_pair_state(p.a, 0), ALIGN_PAIR_CROSSES);
	assert_int_equal(align_pair_state(p.a, 1), ALIGN_PAIR_SAME);
	assert_int_equal(align_pair_state(p.a, 2), ALIGN_PAIR_USED);
	/* a (L one. against R one.), z (L two. on, against c), b. */
	assert_int_equal(align_nsections(p.a), 3);
	assert_int_equal(npaired(&p), 3);
	assert_int_equal(aligned_row_of(&p, 0, "L one."),
	    aligned_row_of(&p, 1, "R one."));
	assert_int_equal(aligned_row_of(&p, 0, "L two."),
	    aligned_row_of(&p, 1, "R gamma."));
	assert_int_equal(aligned_row_of(&p, 0, "L beta."),
	    aligned_row_of(&p, 1, "R beta."));
	s = align_section(p.a, 1);
	assert_string_equal(s->id, "z");
	assert_int_equal(s->origin, ALIGN_SEMINAR);
	assert_int_equal(s->pair, 2);
	assert_int_equal(s->sec[0], 0);
	assert_int_equal(s->sec[1], 1);
	assert_int_equal(align_section(p.a, 0)->origin, ALIGN_MARKS);
	assert_int_equal(align_section(p.a, 0)->pair, -1);
	assert_int_equal(align_section(p.a, 2)->origin, ALIGN_MARKS);
	assert_invariants(&p);
	unmake(&p);
}

/* Headings the same by chance give way to a pairing that crosses them. */
static void
a_pairing_wins_over_shared_headings(void **state)
{
	struct pair		 p;
	struct align_pair	 pr;

	(void)state;
	make(&p, "Intro left.\n\n## Background\n\nOne.\n\nTwo.\n\n"
	    "## Findings\n\nLeft findings.\n",
	    "Intro right.\n\n## Background\n\nUno.\n\n"
	    "## Findings\n\nRight findings.\n", 40);
	assert_int_equal(npaired(&p), 3);
	pr.off[0] = off_of(&p, 0, "Two.");
	pr.off[1] = off_of(&p, 1, "Intro right.");
	pr.id = "mine";
	pr.label = "Mine";
	pr.origin = ALIGN_YOURS;
	repair(&p, &pr, 1);
	assert_int_equal(align_pair_state(p.a, 0), ALIGN_PAIR_USED);
	assert_int_equal(aligned_row_of(&p, 0, "Two."),
	    aligned_row_of(&p, 1, "Intro right."));
	/* Findings still pair; the parts before and Background do not. */
	assert_int_equal(aligned_row_of(&p, 0, "Findings"),
	    aligned_row_of(&p, 1, "Findings"));
	assert_int_equal(npaired(&p), 2);
	assert_invariants(&p);
	unmake(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paired_sections_start_on_one_row),
		cmocka_unit_test(one_sided_sections_get_a_note),
		cmocka_unit_test(sections_out_of_order_are_not_scrambled),
		cmocka_unit_test(headings_pair_when_there_are_no_marks),
		cmocka_unit_test(a_pairing_pairs_two_plain_texts),
		cmocka_unit_test(file_marks_win_over_pairings_that_cross_them),
		cmocka_unit_test(a_pairing_wins_over_shared_headings),
		cmocka_unit_test(nothing_in_common_is_proportional),
		cmocka_unit_test(bundled_essays_pair_as_designed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
