/*
 * suggest.h: suggested section pairs for two texts (issue #13).
 *
 * For two texts that pair nothing by marks or headings (or for any two,
 * on request), diptych proposes which passages stand against each
 * other.  The units are the paragraph-like blocks of each document
 * (paragraphs, list items, headings; not the front matter's title
 * block, rules or code) that have words: a block without any is in
 * whatever section holds it.  Each unit is a vector of its words, folded,
 * stemmed (English Snowball) and weighted by tf-idf over the units of
 * both texts, stop words dropped.
 *
 * A monotone alignment by dynamic programming, like a sentence
 * aligner's (hunalign, bertalign) but on paragraphs, links "beads" of
 * up to SUGGEST_POOL neighbouring units of each side, and skips units
 * that have no counterpart.  A bead is worth the sum, over its pairs
 * of a left and a right unit, of (cosine - SUGGEST_THRESHOLD) times
 * the square roots of the two units' word counts: pooled neighbours
 * that belong together add up, an unrelated one pulls the bead down,
 * and long paragraphs weigh more than headings or reference entries.
 * Only the first unit of a bead may be a heading.
 *
 * The beads are then cut into sections:
 *  - A paired section starts at the first bead, at a bead after units
 *    that matched nothing, and at a bead whose first unit on either
 *    side is a heading; headings just before it, unmatched, go with it.
 *  - Units that matched nothing form one-sided sections of their side
 *    (another at each heading among them): an inserted passage is
 *    shown against nothing.
 *  - But where both sides have units that matched nothing between two
 *    pairs (one passage replaced by another), a heading among them is
 *    where the next pair starts on that side, its author's own
 *    boundary; the units before it end the pair before.  So too at the
 *    end, where both sides end unmatched: from the first heading, a
 *    one-sided section.
 *
 * Cost: the alignment fills one cell per pair of units within a band
 * around the diagonal: the whole table while it has at most
 * SUGGEST_FULL_CELLS cells, else SUGGEST_BAND units of the right text
 * either side of the diagonal (scaled to the texts' lengths), so the
 * cells are fewer than (n + 1) * (m / n + 2 * SUGGEST_BAND + 2), growing
 * with n + m, not n * m; each cell weighs SUGGEST_POOL^2 + 2 moves in
 * constant time.  Memory is a byte a cell.
 */
#ifndef DIPTYCH_SUGGEST_H
#define DIPTYCH_SUGGEST_H

#include <stddef.h>

struct doc;
struct suggest;

/*
 * The cosine similarity (0..1) over which a pair of units counts for a
 * bead, under which against it.  Unrelated English paragraphs score
 * 0.00 to 0.05, related ones 0.10 and up; on the bundled essays
 * without their marks every value from 0.06 to 0.12 finds the same
 * designed pairs (tests/unit/test_suggest.c counts them).
 */
#define SUGGEST_THRESHOLD	0.08

/* The most units of a side pooled in one bead. */
#define SUGGEST_POOL		4

/* The alignment's table is full up to this many cells, else banded. */
#define SUGGEST_FULL_CELLS	((size_t)250000)
/* Half the width of the band, in units of the longer text. */
#define SUGGEST_BAND		64

/* A side where a section or bead has nothing. */
#define SUGGEST_NONE		((size_t)-1)

/*
 * A step of the alignment: units linked, or units of one side that
 * match nothing.
 */
struct suggest_bead {
	long		 first[2];	/* first block on each side, or -1 */
	long		 last[2];	/* last block on each side, or -1 */
	int		 n[2];		/* units on each side, 0 on a skip,
					   up to SUGGEST_POOL */
	double		 score;		/* the cosine of its units' vectors
					   summed on each side; 0 on a skip */
};

/* A suggested section: a pair, or a passage of one side. */
struct suggest_section {
	const char	*id;		/* "s1", "s2", ... in text order */
	const char	*label;		/* a heading's text, or its opening
					   words */
	size_t		 offset[2];	/* where it starts in each text, at
					   a block's start; SUGGEST_NONE on
					   a side that has no part in it */
	long		 block[2];	/* that block, or -1 */
	double		 score;		/* the cosine of the vectors of its
					   beads' units summed on each side:
					   how alike its two sides are;
					   0 one-sided */
};

/*
 * Suggest sections for left and right (which need not outlive the
 * result).  Returns a new suggestion owned by the caller (free it with
 * suggest_free); it never fails but by aborting when memory runs out.
 */
struct suggest	*suggest_new(const struct doc *left, const struct doc *right);
void		 suggest_free(struct suggest *s);

/*
 * The sections in text order: the offsets of each side increase from
 * one section that has that side to the next.
 */
size_t		 suggest_nsections(const struct suggest *s);
const struct suggest_section *suggest_section(const struct suggest *s,
		    size_t i);
/* The number of sections that pair both sides. */
size_t		 suggest_npaired(const struct suggest *s);

/* The alignment the sections were cut from, beads in text order. */
size_t		 suggest_nbeads(const struct suggest *s);
const struct suggest_bead *suggest_bead(const struct suggest *s, size_t i);

/* The units (blocks taken part in the alignment) of side 0 or 1. */
size_t		 suggest_nunits(const struct suggest *s, int side);

/*
 * How many cells of the alignment's table were filled: the cost, as a
 * count that tests can bound without timing.
 */
size_t		 suggest_cells(const struct suggest *s);

#endif
