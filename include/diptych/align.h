/*
 * align.h: two layouts side by side, section by section.
 *
 * The alignment is one sequence of rows, like `diff -y`: each row shows
 * a layout row (or nothing) in each column.  Sections with the same ID
 * in both documents begin on the same row; the shorter side is padded;
 * a section found in one document only is shown against a quiet "no
 * counterpart" note in the other column.  When the documents pair no
 * section at all, the alignment is proportional: the rows simply stand
 * side by side, and a reader in sync mode scrolls the other pane by the
 * same fraction.
 */
#ifndef DIPTYCH_ALIGN_H
#define DIPTYCH_ALIGN_H

#include <stddef.h>

#include "diptych/layout.h"

struct align;

enum { SIDE_LEFT, SIDE_RIGHT };

/* What an aligned row shows in one column. */
#define ALIGN_PAD	(-1L)	/* nothing: padding */
#define ALIGN_NOTE	(-2L)	/* the "no counterpart" note */

struct align_row {
	long		 row[2];	/* layout row, ALIGN_PAD or ALIGN_NOTE */
};

/* Where a section of the alignment, or the pairing that starts it, comes
   from. */
enum align_origin {
	ALIGN_MARKS,		/* section marks in the file */
	ALIGN_HEADINGS,		/* the file's headings (the same in both) */
	ALIGN_YOURS,		/* a pairing in the reader's own store */
	ALIGN_SEMINAR,		/* a pairing in the seminar's store */
	ALIGN_SUGGESTED		/* a pairing suggested from the words */
};

/*
 * A pairing besides the files' own sections: a passage of each text
 * that begins a section paired with the other's, from here on.
 */
struct align_pair {
	size_t		 off[2];	/* where it starts in each text */
	const char	*id;		/* the pairing's own, e.g. its note's */
	const char	*label;
	int		 origin;	/* ALIGN_YOURS, ALIGN_SEMINAR, ... */
};

/* What became of a pairing given to align_new_paired. */
enum align_pair_state {
	ALIGN_PAIR_USED,	/* it begins a paired section */
	ALIGN_PAIR_SAME,	/* the files pair the same places already */
	ALIGN_PAIR_CROSSES	/* it crosses a pair of the files' sections,
				   or one given before it: left out */
};

/*
 * A section of the alignment: one of each document's, or a pair.  A
 * section that a pairing starts has its id, label and origin, and pair
 * its index; sec[] is then the document's section in force there.
 */
struct align_section {
	const char	*id;
	const char	*label;
	long		 sec[2];	/* section index in each document, or -1 */
	int		 in[2];		/* whether each side has text in it */
	int		 origin;	/* enum align_origin */
	long		 pair;		/* the pairing's index, or -1 */
	size_t		 first;		/* aligned row where it starts */
};

/* Columns between the two panes: " │ ". */
#define ALIGN_GUTTER	3

/*
 * Split cols columns into the widths of the left and right panes, with
 * the gutter between them.
 */
void		 align_split(int cols, int *left, int *right);

/*
 * Align two layouts (which must outlive the alignment).  Returns a new
 * alignment owned by the caller.  Rows are aligned as the functions below
 * need them, section by section (row by row when proportional).
 */
struct align	*align_new(const struct layout *left, const struct layout *right);
/*
 * align_new with pairings besides the files' own sections, taken in
 * the order given: one that crosses a pair of the files' sections (file
 * marks win) or a pairing before it is left out.  pairs, its strings and
 * the layouts must outlive the alignment.  Returns a new alignment owned
 * by the caller.
 */
struct align	*align_new_paired(const struct layout *left,
		    const struct layout *right, const struct align_pair *pairs,
		    size_t npairs);
/* What became of pairing k (enum align_pair_state). */
int		 align_pair_state(const struct align *a, size_t k);
/*
 * Whether the places p and q (an offset in each text) cross: one comes
 * first on one side and not on the other, or they are one place on one
 * side only.  Two pairings that cross cannot both begin sections.
 */
int		 align_crosses(const size_t p[2], const size_t q[2]);
void		 align_free(struct align *a);

/* The layout of a side, as given to align_new. */
const struct layout *align_layout(const struct align *a, int side);
/* All the rows: both texts are laid out and aligned to their ends. */
size_t		 align_nrows(const struct align *a);
/* The rows aligned once at least upto are, or all when there are fewer. */
size_t		 align_count(const struct align *a, size_t upto);
const struct align_row *align_row(const struct align *a, size_t i);
/* Whether no section pairs: see above. */
int		 align_proportional(const struct align *a);

/* Sections in aligned order. */
size_t		 align_nsections(const struct align *a);
const struct align_section *align_section(const struct align *a, size_t i);
/* Index of the aligned section in force at aligned row i. */
size_t		 align_section_at(const struct align *a, size_t i);

/* The aligned row that shows layout row r of side. */
size_t		 align_index_of(const struct align *a, int side, size_t r);
/*
 * The layout row of side shown at aligned row i, or, on padding, the
 * next one shown after it (the last row when there is none).
 */
size_t		 align_layout_row(const struct align *a, int side, size_t i);

/*
 * The last layout row of side shown at or before aligned row i, or -1
 * when there is none.
 */
long		 align_last_shown(const struct align *a, int side, size_t i);

/*
 * Call fn for the cells of aligned row i in column side: the layout
 * row's cells, or the note, with layout_cells_with's flags.  Returns the
 * columns used.
 */
int		 align_cells(const struct align *a, size_t i, int side,
		    unsigned flags, cell_fn fn, void *arg);

#endif
