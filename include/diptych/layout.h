/*
 * layout.h: a document laid out at a column width.
 *
 * A layout is the sequence of display rows of one document at one
 * width.  Each row shows a byte range of the document's text after a
 * prefix (list marker, quote bar).  Rows are in text order, so offsets
 * map to rows by binary search.  A resize builds a new layout; the
 * document is never parsed again.
 */
#ifndef DIPTYCH_LAYOUT_H
#define DIPTYCH_LAYOUT_H

#include <stddef.h>

struct doc;
struct layout;

enum layout_row_kind {
	LR_BLANK,		/* the gap between two blocks */
	LR_TEXT,		/* text of a block */
	LR_RULE			/* a thematic break */
};

struct layout_row {
	enum layout_row_kind kind;
	size_t		 start, end;	/* text shown; start == end if none */
	long		 block;		/* block index; for a blank row, the
					   block that follows it */
	int		 first;		/* first row of its block */
};

/*
 * One grapheme cluster placed on a row, for a device to draw.  A layout
 * hands out cells of one row (row 0, no roles); a reader's frame places
 * them on the screen and paints its overlay layers over them.
 */
struct cell {
	const char	*s;		/* UTF-8 bytes, not NUL-terminated */
	size_t		 n;
	int		 row;		/* 0-based row of the frame */
	int		 col;		/* 0-based column in the row */
	int		 width;		/* display columns (1 or 2) */
	unsigned	 style;		/* DS_* bits */
	unsigned	 roles;		/* OR_BIT()s of the layers over it */
	int		 top_role;	/* the role that wins its look, or -1 */
	int		 ui;		/* the part of the frame (UI_*) */
	size_t		 off;		/* offset in the document's text, or
					   CELL_NO_OFFSET (prefix, note) */
};

#define CELL_NO_OFFSET	((size_t)-1)

typedef void (*cell_fn)(const struct cell *c, void *arg);

/*
 * Lay d out at width columns (at least 1).  Returns a new layout owned by
 * the caller; the document must outlive it.  Blocks are laid out in
 * order as the functions below need them, not before: opening a long
 * text lays out what is read of it.
 */
struct layout	*layout_new(const struct doc *d, int width);
void		 layout_free(struct layout *l);

const struct doc *layout_doc(const struct layout *l);
int		 layout_width(const struct layout *l);

/* All the rows: the whole text is laid out. */
size_t		 layout_nrows(const struct layout *l);

/*
 * The rows laid out once at least upto are, or all of them when there
 * are fewer: the text is laid out only that far.
 */
size_t		 layout_count(const struct layout *l, size_t upto);

/* Whether the whole text is laid out. */
int		 layout_complete(const struct layout *l);

/* Row i, or NULL past the last. */
const struct layout_row *layout_row(const struct layout *l, size_t i);

/* Rows laid out so far by the process, all layouts together (a count
   for tests: what showing something cost). */
size_t		 layout_rows_built(void);

/*
 * The row that shows offset: the last row starting at or before it,
 * moved past blank rows.  Returns a row index < layout_nrows (0 when the
 * layout has no rows).
 */
size_t		 layout_row_at(const struct layout *l, size_t offset);

/*
 * Call fn once for every grapheme cluster of row i, left to right:
 * prefix, then text, each with its style.  Cells never reach past the
 * layout's width.  Returns the number of columns used.
 */
int		 layout_cells(const struct layout *l, size_t i, cell_fn fn,
		    void *arg);

/*
 * The same with flags: CELLS_RUNS makes a run of printable ASCII
 * clusters one cell, as wide as it is long, with the style and offset of
 * its first cluster (for output that needs neither per cluster).
 */
#define CELLS_RUNS	1
int		 layout_cells_with(const struct layout *l, size_t i,
		    unsigned flags, cell_fn fn, void *arg);

/*
 * The same for any string s[0..n): its clusters from column col, styled
 * style, stopping before one would pass column width.  Returns the column
 * after the last cell.
 */
int		 layout_text_cells(const char *s, size_t n, int col, int width,
		    unsigned style, cell_fn fn, void *arg);

/* Display columns of s[0..n) (UTF-8). */
int		 layout_text_width(const char *s, size_t n);

/*
 * The UAX #14 line break opportunities of s[0..n) into brk[0..n), as
 * u8_possible_linebreaks gives them; plain prose takes a cheaper path
 * with the same result.  Returns 1 when it took that path.
 */
int		 layout_breaks(const char *s, size_t n, char *brk);

/*
 * For tests: 0 makes every text take the full path (libunistring's line
 * breaks, grapheme clusters and widths for every character); 1, the
 * default, lets plain text take the cheaper paths, which must give the
 * same rows and cells.  Returns the previous setting.
 */
int		 layout_fast_paths(int on);

#endif
