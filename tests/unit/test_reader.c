/*
 * test_reader.c: a reading session driven without a terminal.
 *
 * Each test feeds a reader a size and commands, as a device does, and
 * looks at what a user would see: the frame captured into a grid of
 * cells (text, the part of the frame, the overlay roles), plus the
 * positions the reader reports.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "diptych/align.h"
#include "diptych/anchor.h"
#include "diptych/anno.h"
#include "diptych/doc.h"
#include "diptych/glossary.h"
#include "diptych/layout.h"
#include "diptych/overlay.h"
#include "diptych/reader.h"
#include "diptych/search.h"
#include "diptych/store.h"
#include "diptych/util.h"

/* --- a frame as a grid ---------------------------------------------- */

#define MAXROWS	64
#define MAXCOLS	200
#define CELLMAX	32

/* One screen cell; the right half of a wide cell has s == "". */
struct gcell {
	char		 s[CELLMAX];
	unsigned	 roles;
	int		 ui;		/* UI_*, or -1: nothing drawn */
	size_t		 off;
};

struct screen {
	int		 rows, cols;
	struct gcell	 c[MAXROWS][MAXCOLS];
};

static void
grab(const struct cell *c, void *arg)
{
	struct screen	*s = arg;
	struct gcell	*g;

	/* Every cell lands on the screen, wide ones whole. */
	assert_true(c->row >= 0 && c->row < s->rows);
	assert_true(c->col >= 0 && c->width >= 1 &&
	    c->col + c->width <= s->cols);
	assert_true(c->n > 0 && c->n < CELLMAX);
	g = &s->c[c->row][c->col];
	memcpy(g->s, c->s, c->n);
	g->s[c->n] = '\0';
	g->roles = c->roles;
	g->ui = c->ui;
	g->off = c->off;
	if (c->width == 2) {
		g[1].s[0] = '\0';
		g[1].roles = c->roles;
		g[1].ui = c->ui;
		g[1].off = c->off;
	}
}

/* The frame of r at its size cols x rows, into s. */
static struct screen *
capture(struct screen *s, struct reader *r, int cols, int rows)
{
	int		 y, x;

	assert_true(rows <= MAXROWS && cols <= MAXCOLS);
	memset(s, 0, sizeof(*s));
	s->rows = rows;
	s->cols = cols;
	for (y = 0; y < rows; y++)
		for (x = 0; x < cols; x++) {
			strcpy(s->c[y][x].s, " ");
			s->c[y][x].ui = -1;
			s->c[y][x].off = CELL_NO_OFFSET;
		}
	reader_frame(r, grab, s);
	return s;
}

/*
 * The text of row y between columns x0 and x1, trailing blanks dropped,
 * in one of a few static buffers (so two can be compared).
 */
static const char *
text(const struct screen *s, int y, int x0, int x1)
{
	static char	 bufs[4][MAXCOLS * CELLMAX];
	static int	 k;
	char		*b = bufs[k++ % 4];
	size_t		 n = 0;
	int		 x;

	if (x1 > s->cols)
		x1 = s->cols;
	for (x = x0; x < x1; x++) {
		size_t len = strlen(s->c[y][x].s);

		memcpy(b + n, s->c[y][x].s, len);
		n += len;
	}
	while (n > 0 && b[n - 1] == ' ')
		n--;
	b[n] = '\0';
	return b;
}

/* The first row whose text between x0 and x1 holds needle, or -1. */
static int
find_row(const struct screen *s, const char *needle, int x0, int x1)
{
	int y;

	for (y = 0; y < s->rows; y++)
		if (strstr(text(s, y, x0, x1), needle) != NULL)
			return y;
	return -1;
}

/* Whether needle shows anywhere on the screen. */
static int
shows(const struct screen *s, const char *needle)
{
	return find_row(s, needle, 0, s->cols) >= 0;
}

/*
 * The cells carrying role bit, row by row: each row's run joined, rows
 * joined by "\n".  Returned in a static buffer.
 */
static const char *
with_role(const struct screen *s, unsigned bit)
{
	static char	 b[MAXROWS * MAXCOLS * CELLMAX];
	size_t		 n = 0;
	int		 x, y, any;

	for (y = 0; y < s->rows; y++) {
		for (any = 0, x = 0; x < s->cols; x++) {
			/* The text's cells: not the overview bar's marks. */
			if (!(s->c[y][x].roles & bit) ||
			    s->c[y][x].ui != UI_TEXT)
				continue;
			if (!any && n > 0)
				b[n++] = '\n';
			any = 1;
			strcpy(b + n, s->c[y][x].s);
			n += strlen(s->c[y][x].s);
		}
	}
	b[n] = '\0';
	return b;
}

/* How many cells of text (not of the overview bar) carry role bit. */
static int
count_role(const struct screen *s, unsigned bit)
{
	int x, y, n = 0;

	for (y = 0; y < s->rows; y++)
		for (x = 0; x < s->cols; x++)
			n += (s->c[y][x].roles & bit) != 0 &&
			    s->c[y][x].ui == UI_TEXT;
	return n;
}

/* How many cells of columns [x0, x1) carry role bit. */
static int
count_role_in(const struct screen *s, unsigned bit, int x0, int x1)
{
	int x, y, n = 0;

	for (y = 0; y < s->rows; y++)
		for (x = x0; x < x1 && x < s->cols; x++)
			n += (s->c[y][x].roles & bit) != 0;
	return n;
}

/* For debugging a failing test: the grid on stderr. */
static void	print_screen(const struct screen *) __attribute__((unused));
static void
print_screen(const struct screen *s)
{
	int y;

	for (y = 0; y < s->rows; y++)
		fprintf(stderr, "%2d|%s\n", y, text(s, y, 0, s->cols));
}

/* The columns of the panes of a split screen cols wide. */
static void
panes(int cols, int *lx0, int *lx1, int *rx0, int *rx1)
{
	int lw, rw;

	align_split(cols, &lw, &rw);
	*lx0 = 0;
	*lx1 = lw - (lw >= READER_BAR_COLS);
	*rx0 = lw + ALIGN_GUTTER;
	*rx1 = lw + ALIGN_GUTTER + rw - (rw >= READER_BAR_COLS);
}

/* --- readers -------------------------------------------------------- */

/*
 * A test's reader and what it reads.  cmocka's teardown frees it, so a
 * failing assertion leaks nothing under valgrind.  Frames are kept in a
 * ring: the last NSCREENS captured stay valid.
 */
#define NSCREENS	4

struct fix {
	struct doc	*d[2];
	struct glossary	*g;
	struct reader	*r;
	int		 cols, rows;
	struct screen	*screen[NSCREENS];
	int		 next;
	struct search_hit *hits;	/* a test's search results */
};

static struct doc *
parse(const char *name, const char *src, size_t len)
{
	char		*err = NULL;
	struct doc	*d = doc_parse(name, src, len, &err);

	if (d == NULL)
		fail_msg("%s", err);
	assert_int_equal(doc_nproblems(d), 0);
	return d;
}

static char *
slurp(const char *rel, size_t *len)
{
	const char	*srcdir = getenv("SRCDIR");
	char		 path[4096], *data;

	snprintf(path, sizeof(path), "%s/%s", srcdir ? srcdir : ".", rel);
	if (util_read_file(path, &data, len) != 0)
		fail_msg("cannot read %s", path);
	return data;
}

static void
resize(struct fix *f, int cols, int rows)
{
	f->cols = cols;
	f->rows = rows;
	reader_resize(f->r, cols, rows);
}

/* A reader of two documents written in the test, no glossary. */
static void
open_docs(struct fix *f, const char *left, const char *right, int cols,
    int rows)
{
	assert_null(f->r);
	f->d[0] = parse("left.md", left, strlen(left));
	f->d[1] = parse("right.md", right, strlen(right));
	f->r = reader_new(f->d[0], f->d[1], NULL);
	resize(f, cols, rows);
}

/* The bundled glossary, into the fixture. */
static void
bundled_glossary(struct fix *f)
{
	char	*data, *err = NULL;
	size_t	 len;

	f->g = glossary_new();
	data = slurp("texts/glossary.md", &len);
	if (glossary_load(f->g, "glossary.md", data, len, &err) != 0)
		fail_msg("%s", err);
	free(data);
}

/* A reader of the bundled essays with the bundled glossary. */
static void
open_bundled(struct fix *f, int cols, int rows)
{
	static const char *names[2] = {
		"texts/ogi-2024.md", "texts/koga-2023.md"
	};
	char	*data;
	size_t	 len;
	int	 i;

	assert_null(f->r);
	for (i = 0; i < 2; i++) {
		data = slurp(names[i], &len);
		f->d[i] = parse(names[i], data, len);
		free(data);
	}
	bundled_glossary(f);
	f->r = reader_new(f->d[0], f->d[1], f->g);
	resize(f, cols, rows);
}

/* Close the reader (if open); the fixture can open another. */
static void
close_fix(struct fix *f)
{
	reader_free(f->r);
	doc_free(f->d[0]);
	doc_free(f->d[1]);
	glossary_free(f->g);
	free(f->hits);
	f->r = NULL;
	f->d[0] = f->d[1] = NULL;
	f->g = NULL;
	f->hits = NULL;
}

static int
setup(void **state)
{
	*state = calloc(1, sizeof(struct fix));
	return *state == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	struct fix	*f = *state;
	int		 k;

	close_fix(f);
	for (k = 0; k < NSCREENS; k++)
		free(f->screen[k]);
	free(f);
	return 0;
}

/* The current frame; valid until NSCREENS more are captured. */
static struct screen *
frame(struct fix *f)
{
	struct screen **s = &f->screen[f->next++ % NSCREENS];

	if (*s == NULL && (*s = malloc(sizeof(**s))) == NULL)
		fail_msg("out of memory");
	return capture(*s, f->r, f->cols, f->rows);
}

/* The text offsets the layout row at screen row y of side shows. */
static const struct layout_row *
row_shown(const struct fix *f, int side, int y)
{
	long r = reader_row_at(f->r, side, y);

	return r < 0 ? NULL : layout_row(reader_layout(f->r, side), (size_t)r);
}

/* Whether screen row y of side shows text offset off. */
static int
shows_offset(const struct fix *f, int side, int y, size_t off)
{
	const struct layout_row *lr = row_shown(f, side, y);

	return lr != NULL && lr->start <= off && off < lr->end;
}

/* The first screen row of side that shows off, or -1. */
static int
screen_row_of(const struct fix *f, int side, size_t off)
{
	int y;

	for (y = 0; y < f->rows - 1; y++)
		if (shows_offset(f, side, y, off))
			return y;
	return -1;
}

/* The first text offset shown in side from screen row 0 down, and where. */
static size_t
first_text(const struct fix *f, int side, int *where)
{
	const struct layout_row *lr;
	int y;

	for (y = 0; y < f->rows - 1; y++)
		if ((lr = row_shown(f, side, y)) != NULL &&
		    lr->kind == LR_TEXT) {
			*where = y;
			return lr->start;
		}
	fail_msg("no text in pane %d", side);
	return 0;
}

/* The id of the section of side's document in force at offset off. */
static const char *
section_of(const struct fix *f, int side, size_t off)
{
	long k = doc_section_at(f->d[side], off);

	return k < 0 ? "" : doc_section(f->d[side], (size_t)k)->id;
}

/* Where text needle first occurs in side's plain text. */
static size_t
offset_of(const struct fix *f, int side, const char *needle)
{
	const char *t = doc_text(f->d[side], NULL), *p = strstr(t, needle);

	if (p == NULL)
		fail_msg("\"%s\" is not in document %d", needle, side);
	return (size_t)(p - t);
}

/* --- the documents -------------------------------------------------- */

/*
 * Left and right pair sections a and b; left alone has "lonely", right
 * alone has "gamma".  Left's a is longer than right's; right's b is
 * longer than left's; Zeta, paired, ends both.
 */
static const char left_doc[] =
    "---\nshort: Left\n---\n\n"
    "<!-- section: a \"Alpha\" -->\n\n"
    "La1 first alpha.\n\nLa2.\n\nLa3.\n\nLa4.\n\nLa5.\n\nLa6.\n\n"
    "<!-- section: lonely \"Lonely\" -->\n\n"
    "Ll1 only on the left.\n\nLl2.\n\n"
    "<!-- section: b \"Beta\" -->\n\n"
    "Lb1 first beta.\n\nLb2.\n\nLb3.\n\nLb4.\n\nLb5.\n\nLb6.\n\nLb7.\n\n"
    "Lb8.\n\nLb9.\n\n"
    "<!-- section: z \"Zeta\" -->\n\n"
    "Lz1 last.\n\nLz2.\n\nLz3.\n\nLz4.\n\nLz5.\n\nLz6.\n";
static const char right_doc[] =
    "---\nshort: Right\n---\n\n"
    "<!-- section: a \"Alpha\" -->\n\n"
    "Ra1 first alpha.\n\nRa2.\n\n"
    "<!-- section: gamma \"Gamma\" -->\n\n"
    "Rg1 only on the right.\n\nRg2.\n\nRg3.\n\nRg4.\n\nRg5.\n\nRg6.\n\n"
    "Rg7.\n\nRg8.\n\n"
    "<!-- section: b \"Beta\" -->\n\n"
    "Rb1 first beta.\n\nRb2.\n\nRb3.\n\nRb4.\n\nRb5.\n\nRb6.\n\nRb7.\n\n"
    "Rb8.\n\nRb9.\n\nRb10.\n\nRb11.\n\nRb12.\n\nRb13.\n\nRb14.\n\n"
    "<!-- section: z \"Zeta\" -->\n\n"
    "Rz1 last.\n\nRz2.\n\nRz3.\n\nRz4.\n\nRz5.\n\nRz6.\n";

/* The text of the cells of row y drawn as part ui. */
static const char *
ui_text(const struct screen *s, int y, int ui)
{
	static char	 b[MAXCOLS * CELLMAX];
	size_t		 n = 0;
	int		 x;

	for (x = 0; x < s->cols; x++)
		if (s->c[y][x].ui == ui) {
			strcpy(b + n, s->c[y][x].s);
			n += strlen(s->c[y][x].s);
		}
	b[n] = '\0';
	return b;
}

/*
 * The selected line of an open list: the one row between the top and
 * the status row drawn as UI_STATUS_FOCUS.
 */
static const char *
selected_line(const struct screen *s)
{
	int y, x, found = -1;

	for (y = 0; y < s->rows - 1; y++)
		for (x = 0; x < s->cols; x++)
			if (s->c[y][x].ui == UI_STATUS_FOCUS) {
				if (found >= 0 && found != y)
					fail_msg("rows %d and %d both selected",
					    found, y);
				found = y;
			}
	if (found < 0)
		fail_msg("no line is selected");
	return ui_text(s, found, UI_STATUS_FOCUS);
}

/* s without spaces and newlines, in a static buffer. */
static const char *
squeeze(const char *s, size_t n)
{
	static char	 bufs[2][4096];
	static int	 k;
	char		*b = bufs[k++ % 2];
	size_t		 i, j = 0;

	for (i = 0; i < n && s[i] != '\0' && j + 1 < sizeof(bufs[0]); i++)
		if (s[i] != ' ' && s[i] != '\n')
			b[j++] = s[i];
	b[j] = '\0';
	return b;
}

/* --- sync: row mode ------------------------------------------------- */

static void
paired_sections_start_on_one_row(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;
	int		 lx0, lx1, rx0, rx1, y, lb, rb;

	open_docs(f, left_doc, right_doc, 100, 50);
	panes(100, &lx0, &lx1, &rx0, &rx1);
	assert_true(reader_locked(f->r));
	s = frame(f);
	/* Alpha and Beta start on one row in both columns. */
	assert_int_equal(find_row(s, "La1 first alpha.", lx0, lx1), 0);
	assert_int_equal(find_row(s, "Ra1 first alpha.", rx0, rx1), 0);
	lb = find_row(s, "Lb1 first beta.", lx0, lx1);
	rb = find_row(s, "Rb1 first beta.", rx0, rx1);
	assert_true(lb > 0);
	assert_int_equal(lb, rb);
	/* The two texts stay in their own columns. */
	assert_int_equal(find_row(s, "Lb1", rx0, rx1), -1);
	assert_int_equal(find_row(s, "Rb1", lx0, lx1), -1);
	/* Right's Alpha is shorter: padded while left still shows Alpha. */
	y = find_row(s, "La4.", lx0, lx1);
	assert_true(y > 0);
	assert_true(reader_row_at(f->r, SIDE_LEFT, y) >= 0);
	assert_int_equal(reader_row_at(f->r, SIDE_RIGHT, y), -1);
	assert_string_equal(text(s, y, rx0, rx1), "");
	/* Left's Lonely has a note in the right column, on its first row. */
	y = find_row(s, "· no counterpart in Right ·", rx0, rx1);
	assert_true(y > 0);
	assert_int_equal(y, find_row(s, "Ll1 only on the left.", lx0, lx1));
	assert_int_equal(find_row(s, "no counterpart", lx0, lx1),
	    find_row(s, "Rg1 only on the right.", rx0, rx1));
	assert_string_equal(text(s, find_row(s, "Rg1", rx0, rx1), lx0, lx1),
	    "· no counterpart in Left ·");
	/* Gamma comes after Lonely, Beta after both. */
	assert_true(find_row(s, "Rg1", rx0, rx1) > find_row(s, "Ll2.", lx0,
	    lx1));
	assert_true(lb > find_row(s, "Rg8.", rx0, rx1));
	/* The divider, and a status row per pane naming the section. */
	assert_string_equal(text(s, 3, lx1 + 1, rx0), " │");
	assert_non_null(strstr(text(s, 49, lx0, lx1), "Left · Alpha"));
	assert_non_null(strstr(text(s, 49, rx0, rx1), "Right · Alpha"));
	assert_non_null(strstr(text(s, 49, rx0, rx1), "sync"));
	/* No layout row is shown where the note is. */
	assert_int_equal(reader_row_at(f->r, SIDE_RIGHT,
	    find_row(s, "no counterpart", rx0, rx1)), -1);
	assert_int_equal(reader_row_at(f->r, SIDE_LEFT,
	    find_row(s, "no counterpart", lx0, lx1)), -1);
	close_fix(f);
}

static void
a_count_moves_both_panes(void **state)
{
	struct fix	*f = *state;
	struct screen	*s0, *s1;
	int		 lx0, lx1, rx0, rx1, y;

	open_docs(f, left_doc, right_doc, 100, 20);
	panes(100, &lx0, &lx1, &rx0, &rx1);
	s0 = frame(f);
	reader_do(f->r, RC_DOWN, 5);
	s1 = frame(f);
	/* What was 5 rows down is at the top, in both columns. */
	for (y = 0; y + 5 < 19; y++) {
		assert_string_equal(text(s1, y, lx0, lx1),
		    text(s0, y + 5, lx0, lx1));
		assert_string_equal(text(s1, y, rx0, rx1),
		    text(s0, y + 5, rx0, rx1));
	}
	/* Both columns show something new at the bottom. */
	assert_int_equal(find_row(s0, "Rg3.", rx0, rx1), -1);
	assert_string_equal(text(s1, 15, rx0, rx1), "Rg3.");
	assert_string_equal(text(s1, 11, lx0, lx1),
	    "· no counterpart in Left ·");
	reader_do(f->r, RC_UP, 3);
	s1 = frame(f);
	assert_string_equal(text(s1, 0, lx0, lx1), "La2.");
	assert_true(shows_offset(f, SIDE_LEFT, 0, offset_of(f, SIDE_LEFT,
	    "La2.")));
	assert_true(shows_offset(f, SIDE_RIGHT, 0, offset_of(f, SIDE_RIGHT,
	    "Ra2.")));
	close_fix(f);
}

/* --- free mode and locking again ------------------------------------ */

static void
free_mode_scrolls_one_pane_and_relocking_joins_it(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;
	size_t		 left0;
	int		 lx0, lx1, rx0, rx1;

	open_docs(f, left_doc, right_doc, 100, 20);
	panes(100, &lx0, &lx1, &rx0, &rx1);
	reader_do(f->r, RC_LOCK, 0);
	assert_false(reader_locked(f->r));
	reader_do(f->r, RC_FOCUS_RIGHT, 0);
	assert_int_equal(reader_focus(f->r), SIDE_RIGHT);
	left0 = reader_top_offset(f->r, SIDE_LEFT);
	reader_do(f->r, RC_DOWN, 26);
	/* The right alone moved, into its Beta. */
	assert_int_equal(reader_top_offset(f->r, SIDE_LEFT), left0);
	assert_int_equal(reader_top_offset(f->r, SIDE_RIGHT),
	    offset_of(f, SIDE_RIGHT, "Rb4."));
	s = frame(f);
	assert_string_equal(text(s, 0, lx0, lx1), "La1 first alpha.");
	assert_string_equal(text(s, 0, rx0, rx1), "Rb4.");
	assert_non_null(strstr(text(s, 19, rx0, rx1), "free"));
	assert_non_null(strstr(text(s, 19, rx0, rx1), "Right · Beta"));
	/* Locked again: the right stays, the left comes to its Beta, as
	   deep in as the right is. */
	reader_do(f->r, RC_LOCK, 0);
	assert_true(reader_locked(f->r));
	assert_int_equal(reader_focus(f->r), SIDE_RIGHT);
	s = frame(f);
	assert_string_equal(text(s, 0, rx0, rx1), "Rb4.");
	assert_string_equal(text(s, 0, lx0, lx1), "Lb4.");
	assert_string_equal(section_of(f, SIDE_LEFT,
	    reader_top_offset(f->r, SIDE_LEFT)), "b");
	assert_non_null(strstr(text(s, 19, rx0, rx1), "sync"));
	/* ... and they move together again. */
	reader_do(f->r, RC_DOWN, 2);
	s = frame(f);
	assert_string_equal(text(s, 0, rx0, rx1), "Rb5.");
	assert_string_equal(text(s, 0, lx0, lx1), "Lb5.");
	close_fix(f);
}

/* --- section jumps -------------------------------------------------- */

/* The texts at the top of the two panes, "LEFT|RIGHT". */
static const char *
tops(struct fix *f)
{
	static char	 b[2 * MAXCOLS * CELLMAX + 2];
	struct screen	*s = frame(f);
	int		 lx0, lx1, rx0, rx1;

	panes(f->cols, &lx0, &lx1, &rx0, &rx1);
	snprintf(b, sizeof(b), "%s|%s", text(s, 0, lx0, lx1),
	    text(s, 0, rx0, rx1));
	return b;
}

static void
section_jumps(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;

	open_docs(f, left_doc, right_doc, 100, 20);
	/* Aligned order: Alpha, Lonely, Gamma, Beta, Zeta. */
	reader_do(f->r, RC_SECTION_NEXT, 2);
	assert_string_equal(tops(f),
	    "· no counterpart in Left ·|Rg1 only on the right.");
	s = frame(f);
	assert_non_null(strstr(text(s, 19, 0, 50), "Left · no counterpart"));
	assert_non_null(strstr(text(s, 19, 50, 100), "Right · Gamma"));
	reader_do(f->r, RC_SECTION_PREV, 0);
	assert_string_equal(tops(f),
	    "Ll1 only on the left.|· no counterpart in Right ·");
	/* Inside a section, [ goes to its start first, then before it. */
	reader_do(f->r, RC_DOWN, 2);
	assert_string_equal(tops(f), "Ll2.|");
	reader_do(f->r, RC_SECTION_PREV, 0);
	assert_string_equal(tops(f),
	    "Ll1 only on the left.|· no counterpart in Right ·");
	reader_do(f->r, RC_SECTION_PREV, 0);
	assert_string_equal(tops(f), "La1 first alpha.|Ra1 first alpha.");
	/* A count inside a section: its start counts as one. */
	reader_do(f->r, RC_SECTION_NEXT, 3);
	reader_do(f->r, RC_DOWN, 4);
	assert_string_equal(tops(f), "Lb3.|Rb3.");
	reader_do(f->r, RC_SECTION_PREV, 2);
	assert_string_equal(tops(f),
	    "· no counterpart in Left ·|Rg1 only on the right.");
	reader_do(f->r, RC_SECTION_NEXT, 1);
	assert_string_equal(tops(f), "Lb1 first beta.|Rb1 first beta.");
	/* The last section, short as it is, comes to the top; ] stays. */
	reader_do(f->r, RC_SECTION_NEXT, 0);
	assert_string_equal(tops(f), "Lz1 last.|Rz1 last.");
	reader_do(f->r, RC_SECTION_NEXT, 0);
	assert_string_equal(tops(f), "Lz1 last.|Rz1 last.");
	reader_do(f->r, RC_SECTION_NEXT, 7);
	assert_string_equal(tops(f), "Lz1 last.|Rz1 last.");
	/* A count past the first stops at the first. */
	reader_do(f->r, RC_SECTION_PREV, 9);
	assert_string_equal(tops(f), "La1 first alpha.|Ra1 first alpha.");
	reader_do(f->r, RC_SECTION_PREV, 0);
	assert_string_equal(tops(f), "La1 first alpha.|Ra1 first alpha.");
	close_fix(f);
}

/*
 * The documents at 100x20 with the lock off and the right pane focused,
 * the panes' columns into lx0 .. rx1.
 */
static void
open_free_right(struct fix *f, int *lx0, int *lx1, int *rx0, int *rx1)
{
	open_docs(f, left_doc, right_doc, 100, 20);
	panes(100, lx0, lx1, rx0, rx1);
	reader_do(f->r, RC_LOCK, 0);
	reader_do(f->r, RC_FOCUS_RIGHT, 0);
}

/*
 * With the lock off, a pane scrolls on past its last full screen until
 * its last row is at the top (so = can pair any passage), where G goes
 * to the last full screen, as in less; locked again, the end is a full
 * screen again.
 */
static void
free_mode_scrolls_a_pane_until_its_last_row_is_at_the_top(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;
	int		 lx0, lx1, rx0, rx1;

	open_free_right(f, &lx0, &lx1, &rx0, &rx1);
	reader_do(f->r, RC_BOTTOM, 0);
	s = frame(f);
	assert_string_equal(text(s, 18, rx0, rx1), "Rz6.");
	assert_int_equal(find_row(s, "Rz1 last.", rx0, rx1), 8);
	reader_do(f->r, RC_DOWN, 8);
	assert_string_equal(tops(f), "La1 first alpha.|Rz1 last.");
	reader_do(f->r, RC_DOWN, 100);
	assert_string_equal(tops(f), "La1 first alpha.|Rz6.");
	/* Not past it: k comes back a row at a time. */
	reader_do(f->r, RC_UP, 2);
	assert_string_equal(tops(f), "La1 first alpha.|Rz5.");
	/* Locked, the right stays where it is, past the end as it is, and
	   the left comes to it; the next j goes back to the last full
	   screen, as after a jump to a short last section. */
	reader_do(f->r, RC_LOCK, 0);
	assert_string_equal(tops(f), "Lz5.|Rz5.");
	reader_do(f->r, RC_DOWN, 0);
	s = frame(f);
	assert_string_equal(text(s, 18, rx0, rx1), "Rz6.");
	assert_string_equal(text(s, 18, lx0, lx1), "Lz6.");
	close_fix(f);
}

/*
 * Locked again with a blank row at the top of the focused pane, at the
 * end of a section shorter than the other text's: the text under it
 * stays on its row (not the blank row aligned, with the padding after
 * it).
 */
static void
relocking_keeps_the_text_under_a_blank_top_row(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;
	int		 lx0, lx1, rx0, rx1;

	open_free_right(f, &lx0, &lx1, &rx0, &rx1);
	reader_do(f->r, RC_DOWN, 3);
	s = frame(f);
	assert_string_equal(text(s, 0, rx0, rx1), "");
	assert_string_equal(text(s, 1, rx0, rx1), "Rg1 only on the right.");
	reader_do(f->r, RC_LOCK, 0);
	s = frame(f);
	assert_string_equal(text(s, 1, rx0, rx1), "Rg1 only on the right.");
	assert_string_equal(text(s, 1, lx0, lx1), "· no counterpart in Left ·");
	close_fix(f);
}

/*
 * A place taken in a section of one text alone, focused on the pane
 * that has nothing there (whose top is then the text after it), is put
 * back in that section: as a follower or a reopened reader gets it.
 */
static void
a_place_in_a_section_of_the_other_text_alone_comes_back(void **state)
{
	struct fix		*f = *state;
	struct store_position	 p;

	open_docs(f, left_doc, right_doc, 100, 20);
	reader_do(f->r, RC_SECTION_NEXT, 2);
	assert_int_equal(reader_focus(f->r), SIDE_LEFT);
	assert_string_equal(tops(f),
	    "· no counterpart in Left ·|Rg1 only on the right.");
	memset(&p, 0, sizeof(p));
	reader_get_place(f->r, &p);
	reader_do(f->r, RC_TOP, 0);
	assert_string_equal(tops(f), "La1 first alpha.|Ra1 first alpha.");
	reader_set_place(f->r, &p);
	assert_string_equal(tops(f),
	    "· no counterpart in Left ·|Rg1 only on the right.");
	close_fix(f);
}

/*
 * Two texts that pair nothing of their own get suggested pairings once
 * the first frame is out.  A reader still at the top of both stays
 * there: the right text's opening, which has no counterpart, is not
 * pushed off the screen by the pair that comes after it.
 */
static const char bees_left[] =
    "Honeybees pollinate almond orchards, apple trees and melon fields "
    "across the valley.\n\n"
    "Colony losses over winter have doubled since the survey began, "
    "beekeepers report.\n\n"
    "Neonicotinoid pesticides impair foraging bees and weaken their "
    "memory of flowers.\n\n"
    "Hedgerows and wildflower strips give wild bees forage and nesting "
    "ground.\n";
static const char bees_right[] =
    "Quarries employed whole villages of stonecutters until the railway "
    "came north.\n\n"
    "Honeybees pollinate almond orchards, apple trees and melon fields "
    "across the valley.\n\n"
    "Colony losses over winter have doubled since the survey began, "
    "beekeepers report.\n\n"
    "Neonicotinoid pesticides impair foraging bees and weaken their "
    "memory of flowers.\n\n"
    "Hedgerows and wildflower strips give wild bees forage and nesting "
    "ground.\n";

static void
suggestions_leave_a_reader_at_the_top_there(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;
	int		 lx0, lx1, rx0, rx1;

	/* A screen shorter than the texts, that can scroll. */
	open_docs(f, bees_left, bees_right, 120, 8);
	panes(120, &lx0, &lx1, &rx0, &rx1);
	s = frame(f);
	assert_int_equal(find_row(s, "Quarries", rx0, rx1), 0);
	while (reader_idle(f->r))
		;
	/* Paired now: the shared paragraphs on one row, below the right's
	   opening. */
	s = frame(f);
	assert_int_equal(find_row(s, "Quarries", rx0, rx1), 0);
	assert_true(find_row(s, "Honeybees", lx0, lx1) > 0);
	assert_int_equal(find_row(s, "Honeybees", lx0, lx1),
	    find_row(s, "Honeybees", rx0, rx1));
	assert_true(find_row(s, "Colony", lx0, lx1) > 0);
	assert_int_equal(find_row(s, "Colony", lx0, lx1),
	    find_row(s, "Colony", rx0, rx1));
	/* With the lock off, a pane's status row names the suggested
	   section its top row is in, as with the lock on. */
	reader_do(f->r, RC_LOCK, 0);
	reader_do(f->r, RC_FOCUS_RIGHT, 0);
	reader_do(f->r, RC_DOWN, 3);
	s = frame(f);
	assert_int_equal(find_row(s, "Honeybees", rx0, rx1), 0);
	assert_non_null(strstr(text(s, 7, rx0, rx1),
	    "right.md · Honeybees pollinate"));
	close_fix(f);
}

static void
section_jumps_in_free_mode_follow_the_focused_essay(void **state)
{
	struct fix	*f = *state;

	open_docs(f, left_doc, right_doc, 100, 20);
	reader_do(f->r, RC_LOCK, 0);
	/* The right's next is Gamma, which the left has not: the left
	   stays. */
	reader_do(f->r, RC_FOCUS_RIGHT, 0);
	reader_do(f->r, RC_SECTION_NEXT, 0);
	assert_string_equal(tops(f), "La1 first alpha.|Rg1 only on the right.");
	/* The left's next is Lonely, which the right has not. */
	reader_do(f->r, RC_FOCUS_LEFT, 0);
	reader_do(f->r, RC_SECTION_NEXT, 0);
	assert_string_equal(tops(f),
	    "Ll1 only on the left.|Rg1 only on the right.");
	/* Beta both have: both land on it. */
	reader_do(f->r, RC_SECTION_NEXT, 0);
	assert_string_equal(tops(f), "Lb1 first beta.|Rb1 first beta.");
	/* With counts: Zeta, then back two of the left's: Lonely. */
	reader_do(f->r, RC_SECTION_NEXT, 5);
	assert_string_equal(tops(f), "Lz1 last.|Rz1 last.");
	reader_do(f->r, RC_SECTION_PREV, 2);
	assert_string_equal(section_of(f, SIDE_LEFT,
	    reader_top_offset(f->r, SIDE_LEFT)), "lonely");
	assert_false(reader_locked(f->r));
	close_fix(f);
}

/* --- resizes -------------------------------------------------------- */

static void
a_resize_by_one_column_keeps_the_passage(void **state)
{
	struct fix	*f = *state;
	size_t		 off;
	int		 y;

	open_bundled(f, 120, 40);
	reader_do(f->r, RC_SECTION_NEXT, 0);
	reader_do(f->r, RC_DOWN, 15);
	off = first_text(f, SIDE_LEFT, &y);
	assert_string_equal(section_of(f, SIDE_LEFT, off), "partnership");
	resize(f, 121, 40);
	assert_int_equal(screen_row_of(f, SIDE_LEFT, off), y);
	resize(f, 120, 40);
	assert_int_equal(screen_row_of(f, SIDE_LEFT, off), y);
	resize(f, 119, 40);
	assert_int_equal(screen_row_of(f, SIDE_LEFT, off), y);
	close_fix(f);
}

static void
resizes_back_and_forth_keep_the_passage(void **state)
{
	static const int sizes[][2] = {
		{ 121, 40 }, { 150, 40 }, { 100, 30 }, { 81, 50 },
		{ 199, 40 }, { 70, 30 }, { 90, 20 }, { 133, 41 }, { 120, 40 },
	};
	struct fix	*f = *state;
	size_t		 off, top[2];
	size_t		 i;
	int		 y;

	open_bundled(f, 120, 40);
	reader_do(f->r, RC_SECTION_NEXT, 3);
	reader_do(f->r, RC_DOWN, 7);
	off = first_text(f, SIDE_LEFT, &y);
	assert_int_equal(y, 0);
	assert_string_equal(section_of(f, SIDE_LEFT, off), "china");
	top[0] = reader_top_offset(f->r, SIDE_LEFT);
	top[1] = reader_top_offset(f->r, SIDE_RIGHT);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		resize(f, sizes[i][0], sizes[i][1]);
		if (screen_row_of(f, SIDE_LEFT, off) != 0)
			fail_msg("at %dx%d the passage is at row %d",
			    sizes[i][0], sizes[i][1],
			    screen_row_of(f, SIDE_LEFT, off));
	}
	/* Back at the first size: exactly what was shown. */
	assert_int_equal(reader_top_offset(f->r, SIDE_LEFT), top[0]);
	assert_int_equal(reader_top_offset(f->r, SIDE_RIGHT), top[1]);
	close_fix(f);
}

/*
 * The case from the issue: the focused (left) pane shows padding at the
 * top, the right shows text; a resize by one column must keep the
 * right's text, not jump to where the left's text resumes.
 */
static void
a_resize_keeps_the_other_panes_text_when_focus_shows_padding(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;
	size_t		 off;
	int		 y, rx0, rx1, lx0, lx1;

	open_bundled(f, 120, 40);
	reader_do(f->r, RC_SECTION_NEXT, 0);
	reader_do(f->r, RC_SECTION_NEXT, 0);
	reader_do(f->r, RC_DOWN, 10);
	assert_int_equal(reader_focus(f->r), SIDE_LEFT);
	/* Koga alone has this section: the left is padding. */
	assert_int_equal(reader_row_at(f->r, SIDE_LEFT, 0), -1);
	off = first_text(f, SIDE_RIGHT, &y);
	assert_string_equal(section_of(f, SIDE_RIGHT, off),
	    "japan-trilateral");
	resize(f, 121, 40);
	assert_int_equal(screen_row_of(f, SIDE_RIGHT, off), y);
	assert_int_equal(reader_row_at(f->r, SIDE_LEFT, 0), -1);
	s = frame(f);
	panes(121, &lx0, &lx1, &rx0, &rx1);
	assert_non_null(strstr(text(s, 39, rx0, rx1),
	    "Japan and trilateral cooperation"));
	resize(f, 120, 40);
	assert_int_equal(screen_row_of(f, SIDE_RIGHT, off), y);
	close_fix(f);
}

static void
a_resize_keeps_text_under_padding_and_notes(void **state)
{
	struct fix	*f = *state;
	size_t		 off;
	int		 y, w;

	open_docs(f, left_doc, right_doc, 100, 12);
	/* Beta, 20 rows in: the left (focused) has run out, the right
	   has not. */
	reader_do(f->r, RC_SECTION_NEXT, 3);
	reader_do(f->r, RC_DOWN, 20);
	assert_int_equal(reader_focus(f->r), SIDE_LEFT);
	assert_int_equal(reader_row_at(f->r, SIDE_LEFT, 0), -1);
	assert_true(shows_offset(f, SIDE_RIGHT, 0, offset_of(f, SIDE_RIGHT,
	    "Rb11.")));
	for (w = 99; w <= 103; w++) {
		resize(f, w, 12);
		assert_true(shows_offset(f, SIDE_RIGHT, 0,
		    offset_of(f, SIDE_RIGHT, "Rb11.")));
	}
	/* Gamma's start: the note on the left at the top, text right. */
	reader_do(f->r, RC_SECTION_PREV, 2);
	assert_string_equal(tops(f),
	    "· no counterpart in Left ·|Rg1 only on the right.");
	resize(f, 101, 12);
	assert_string_equal(tops(f),
	    "· no counterpart in Left ·|Rg1 only on the right.");
	/* Two rows on, the note is gone from the top and the left is
	   padding: the right's text stays put. */
	reader_do(f->r, RC_DOWN, 2);
	assert_int_equal(reader_row_at(f->r, SIDE_LEFT, 0), -1);
	off = first_text(f, SIDE_RIGHT, &y);
	assert_int_equal(off, offset_of(f, SIDE_RIGHT, "Rg2."));
	resize(f, 100, 12);
	assert_int_equal(screen_row_of(f, SIDE_RIGHT, off), y);
	resize(f, 102, 13);
	assert_int_equal(screen_row_of(f, SIDE_RIGHT, off), y);
	close_fix(f);
}

/*
 * A blank row (the gap between paragraphs) at the top is part of what
 * the reader sees: a resize that rewraps nothing scrolls nothing.
 */
static void
a_resize_with_a_blank_row_at_the_top_moves_nothing(void **state)
{
	struct fix	*f = *state;

	open_docs(f, left_doc, right_doc, 100, 12);
	reader_do(f->r, RC_DOWN, 1);
	assert_string_equal(tops(f), "|");
	assert_int_equal(screen_row_of(f, SIDE_LEFT, offset_of(f, SIDE_LEFT,
	    "La2.")), 1);
	resize(f, 101, 12);
	assert_string_equal(tops(f), "|");
	assert_int_equal(screen_row_of(f, SIDE_LEFT, offset_of(f, SIDE_LEFT,
	    "La2.")), 1);
	/* The same with the lock off. */
	reader_do(f->r, RC_LOCK, 0);
	reader_do(f->r, RC_DOWN, 2);
	assert_int_equal(screen_row_of(f, SIDE_LEFT, offset_of(f, SIDE_LEFT,
	    "La3.")), 1);
	resize(f, 100, 12);
	assert_int_equal(screen_row_of(f, SIDE_LEFT, offset_of(f, SIDE_LEFT,
	    "La3.")), 1);
	close_fix(f);
}

/* --- narrow and tiny screens ---------------------------------------- */

static void
a_narrow_screen_shows_one_pane_the_other_following(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;

	open_docs(f, left_doc, right_doc, 60, 20);
	s = frame(f);
	assert_string_equal(text(s, 0, 0, 59), "La1 first alpha.");
	assert_false(shows(s, "Ra1"));
	assert_false(shows(s, "│"));
	assert_non_null(strstr(text(s, 19, 0, 60), "1/2"));
	assert_int_equal(reader_row_at(f->r, SIDE_RIGHT, 0), -1);
	reader_do(f->r, RC_DOWN, 20);
	s = frame(f);
	assert_string_equal(text(s, 0, 0, 59), "Lb3.");
	/* The right pane followed, to the same place in its Beta. */
	reader_do(f->r, RC_FOCUS_RIGHT, 0);
	s = frame(f);
	assert_string_equal(text(s, 0, 0, 59), "Rb3.");
	assert_false(shows(s, "Lb"));
	assert_non_null(strstr(text(s, 19, 0, 60), "2/2"));
	assert_non_null(strstr(text(s, 19, 0, 59), "Right · Beta"));
	assert_int_equal(reader_row_at(f->r, SIDE_LEFT, 0), -1);
	assert_true(reader_row_at(f->r, SIDE_RIGHT, 0) >= 0);
	/* And back. */
	reader_do(f->r, RC_DOWN, 2);
	reader_do(f->r, RC_FOCUS_LEFT, 0);
	s = frame(f);
	assert_string_equal(text(s, 0, 0, 59), "Lb4.");
	close_fix(f);
}

static void
widening_a_narrow_screen_keeps_the_passage(void **state)
{
	struct fix	*f = *state;

	open_docs(f, left_doc, right_doc, 100, 20);
	resize(f, 60, 20);
	reader_do(f->r, RC_DOWN, 20);
	assert_int_equal(reader_top_offset(f->r, SIDE_LEFT),
	    offset_of(f, SIDE_LEFT, "Lb3."));
	/* Both panes again: the left still shows Lb3 at the top, the
	   right its counterpart. */
	resize(f, 100, 20);
	assert_string_equal(tops(f), "Lb3.|Rb3.");
	close_fix(f);
}

static void
a_tiny_screen_says_too_small(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;
	int		 row, col;

	open_docs(f, left_doc, right_doc, 10, 3);
	s = frame(f);
	assert_true(shows(s, "too small"));
	assert_false(shows(s, "La1"));
	assert_int_equal(reader_row_at(f->r, SIDE_LEFT, 0), -1);
	/* Keys do nothing harmful, and nothing at all. */
	reader_do(f->r, RC_DOWN, 5);
	reader_do(f->r, RC_SEARCH, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	assert_int_equal(reader_cursor(f->r, &row, &col), 0);
	resize(f, 100, 3);
	s = frame(f);
	assert_true(shows(s, "too small"));
	resize(f, 19, 20);
	s = frame(f);
	assert_true(shows(s, "terminal too small"));
	resize(f, 100, 20);
	assert_string_equal(tops(f), "La1 first alpha.|Ra1 first alpha.");
	close_fix(f);
}

/* --- lists ---------------------------------------------------------- */

/* A device's key help: two groups. */
static const struct reader_help help[] = {
	{ "Reading", "j Down", "scroll down a row" },
	{ "Reading", "k Up", "scroll up a row" },
	{ "Lists", "Enter", "go to the selected line" },
};

static void
lists_keep_their_own_cursor(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;

	open_bundled(f, 120, 40);
	reader_do(f->r, RC_SECTIONS, 0);
	assert_int_equal(reader_mode(f->r), RM_LIST);
	s = frame(f);
	assert_non_null(strstr(selected_line(s), "Front matter"));
	reader_do(f->r, RC_LIST_DOWN, 0);
	reader_do(f->r, RC_LIST_DOWN, 0);
	reader_do(f->r, RC_LIST_DOWN, 0);
	s = frame(f);
	assert_non_null(strstr(selected_line(s), "China's response"));
	reader_do(f->r, RC_CLOSE, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	/* The glossary opens on its first term, not on the fourth. */
	reader_do(f->r, RC_TERMS, 0);
	assert_int_equal(reader_mode(f->r), RM_LIST);
	s = frame(f);
	assert_non_null(strstr(selected_line(s), glossary_term(f->g,
	    0)->name));
	assert_null(strstr(selected_line(s), glossary_term(f->g, 3)->name));
	/* It keeps its own place when closed and opened again. */
	reader_do(f->r, RC_LIST_DOWN, 0);
	reader_do(f->r, RC_LIST_DOWN, 0);
	reader_do(f->r, RC_TERMS, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	reader_do(f->r, RC_TERMS, 0);
	s = frame(f);
	assert_non_null(strstr(selected_line(s), glossary_term(f->g,
	    2)->name));
	/* Enter on a section goes there. */
	reader_do(f->r, RC_CLOSE, 0);
	reader_do(f->r, RC_SECTIONS, 0);
	reader_do(f->r, RC_LIST_BOTTOM, 0);
	s = frame(f);
	assert_non_null(strstr(selected_line(s), "References and authors"));
	reader_do(f->r, RC_LIST_ENTER, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	assert_string_equal(section_of(f, SIDE_LEFT,
	    reader_top_offset(f->r, SIDE_LEFT)), "back");
	assert_string_equal(section_of(f, SIDE_RIGHT,
	    reader_top_offset(f->r, SIDE_RIGHT)), "back");
	close_fix(f);
}

/*
 * The text inside the box of a list or popup (the rows between its
 * borders, joined by "\n"), in a static buffer; "" when there is none.
 */
static const char *
box_text(const struct screen *s)
{
	static char	 b[MAXROWS * MAXCOLS * CELLMAX];
	size_t		 n = 0;
	int		 x, y, top = -1, x0 = -1, x1 = -1;

	b[0] = '\0';
	for (y = 0; y < s->rows && top < 0; y++)
		for (x = 0; x < s->cols; x++)
			if (strcmp(s->c[y][x].s, "┌") == 0 &&
			    s->c[y][x].ui == UI_FRAME) {
				top = y;
				x0 = x;
				break;
			}
	if (top < 0)
		return b;
	for (x = x0 + 1; x < s->cols; x++)
		if (strcmp(s->c[top][x].s, "┐") == 0) {
			x1 = x;
			break;
		}
	assert_true(x1 > x0);
	for (y = top + 1; y < s->rows && strcmp(s->c[y][x0].s, "└") != 0;
	    y++) {
		const char *t = text(s, y, x0 + 1, x1);

		n += (size_t)sprintf(b + n, "%s%s", n > 0 ? "\n" : "", t);
	}
	return b;
}

/*
 * Any size the reader draws at (not "too small") shows the list or
 * popup it is in: else the keys go to something the user cannot see.
 */
static void
small_screens_show_the_open_list_or_popup(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;
	char		 item[256];
	int		 rows;

	for (rows = READER_MIN_ROWS; rows <= 8; rows++) {
		open_bundled(f, 100, rows);
		reader_set_help(f->r, help, sizeof(help) / sizeof(help[0]));
		reader_do(f->r, RC_SECTIONS, 0);
		s = frame(f);
		if (reader_mode(f->r) == RM_LIST) {
			if (strstr(box_text(s), "Front matter") == NULL)
				fail_msg("%dx%d: the sections list is open but "
				    "not shown", 100, rows);
		} else
			assert_string_not_equal(reader_message(f->r), "");
		reader_do(f->r, RC_CLOSE, 0);
		reader_do(f->r, RC_HELP, 0);
		s = frame(f);
		if (reader_mode(f->r) == RM_LIST &&
		    strstr(box_text(s), "Reading") == NULL)
			fail_msg("%dx%d: the help is open but not shown", 100,
			    rows);
		reader_do(f->r, RC_CLOSE, 0);
		/* A popup shows at least the first line of its card: the
		   name of what was selected. */
		reader_do(f->r, RC_FOCUS_RIGHT, 0);
		reader_do(f->r, RC_SECTION_NEXT, 0);
		reader_do(f->r, RC_SELECT_NEXT, 0);
		s = frame(f);
		snprintf(item, sizeof(item), "%s",
		    with_role(s, OR_BIT(OR_SELECTED)));
		assert_true(item[0] != '\0' && strchr(item, '\n') == NULL);
		reader_do(f->r, RC_OPEN, 0);
		s = frame(f);
		if (reader_mode(f->r) == RM_POPUP &&
		    strstr(box_text(s), item) == NULL)
			fail_msg("%dx%d: the popup of \"%s\" shows no content",
			    100, rows, item);
		close_fix(f);
	}
}

/* --- Tab, popups, copy ---------------------------------------------- */

/* The item (link or term) Tab should select first at or after off. */
static void
first_item_after(struct fix *f, int side, size_t off, size_t *start,
    size_t *end)
{
	size_t		 len, n, i;
	const char	*t = doc_text(f->d[side], &len);
	struct term_hit	*h = glossary_match(f->g, t, len, &n);

	*start = *end = (size_t)-1;
	for (i = 0; i < doc_nlinks(f->d[side]); i++) {
		const struct doc_link *l = doc_link(f->d[side], i);

		if (l->start >= off && l->start < *start) {
			*start = l->start;
			*end = l->end;
		}
	}
	for (i = 0; i < n; i++)
		if (h[i].start >= off && h[i].start < *start) {
			*start = h[i].start;
			*end = h[i].end;
		}
	free(h);
}

/* The first cell selected in s. */
static const struct gcell *
selected_cell(const struct screen *s)
{
	int x, y;

	for (y = 0; y < s->rows; y++)
		for (x = 0; x < s->cols; x++)
			if (s->c[y][x].roles & OR_BIT(OR_SELECTED))
				return &s->c[y][x];
	fail_msg("nothing selected");
	return NULL;
}

/* The text offset of the first cell selected in s. */
static size_t
selected_off(const struct screen *s)
{
	return selected_cell(s)->off;
}

static void
tab_selects_items_and_opens_popups(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;
	size_t		 start, end, len, i, top;
	const char	*t, *clip, *url = NULL;
	const struct doc_link *l = NULL;
	const struct doc_block *b;
	char		 entry[64];
	int		 rx0, rx1, lx0, lx1, x, y, k;

	open_bundled(f, 120, 40);
	panes(120, &lx0, &lx1, &rx0, &rx1);
	t = doc_text(f->d[SIDE_RIGHT], &len);
	reader_do(f->r, RC_FOCUS_RIGHT, 0);
	reader_do(f->r, RC_SECTION_NEXT, 3);
	top = reader_top_offset(f->r, SIDE_RIGHT);
	/* There are items above the top, and below it. */
	first_item_after(f, SIDE_RIGHT, 0, &start, &end);
	assert_true(start < top);
	first_item_after(f, SIDE_RIGHT, top, &start, &end);
	assert_true(start < len);
	reader_do(f->r, RC_SELECT_NEXT, 0);
	s = frame(f);
	/* The first item from the top, all of it and only it. */
	assert_int_equal(selected_off(s), start);
	assert_string_equal(squeeze(with_role(s, OR_BIT(OR_SELECTED)),
	    (size_t)-1), squeeze(t + start, end - start));
	for (y = 0; y < 39; y++)
		for (x = 0; x < 120; x++)
			if (s->c[y][x].roles & OR_BIT(OR_SELECTED))
				assert_true(x >= rx0 && x < rx1);
	/* The next Tab, the next item. */
	first_item_after(f, SIDE_RIGHT, start + 1, &start, &end);
	reader_do(f->r, RC_SELECT_NEXT, 0);
	s = frame(f);
	assert_int_equal(selected_off(s), start);
	/* Shift-Tab from the first item of the essay wraps to the last. */
	reader_do(f->r, RC_UNSELECT, 0);
	s = frame(f);
	assert_int_equal(count_role(s, OR_BIT(OR_SELECTED)), 0);
	reader_do(f->r, RC_TOP, 0);
	reader_do(f->r, RC_SELECT_NEXT, 0);
	first_item_after(f, SIDE_RIGHT, 0, &start, &end);
	s = frame(f);
	assert_int_equal(selected_off(s), start);
	reader_do(f->r, RC_SELECT_PREV, 0);
	s = frame(f);
	for (i = len; i-- > 0;) {
		first_item_after(f, SIDE_RIGHT, i, &start, &end);
		if (start != (size_t)-1)
			break;
	}
	assert_int_equal(selected_off(s), start);
	assert_string_equal(squeeze(with_role(s, OR_BIT(OR_SELECTED)),
	    (size_t)-1), squeeze(t + start, end - start));
	/* Tab on to a citation (a link before a term at one start);
	   Enter shows its reference entry. */
	reader_do(f->r, RC_TOP, 0);
	for (k = 0; k < 300 && l == NULL; k++) {
		reader_do(f->r, RC_SELECT_NEXT, 0);
		s = frame(f);
		if (!(selected_cell(s)->roles & OR_BIT(OR_LINK)))
			continue;
		for (i = 0; i < doc_nlinks(f->d[SIDE_RIGHT]); i++)
			if (doc_link(f->d[SIDE_RIGHT], i)->start ==
			    selected_off(s))
				l = doc_link(f->d[SIDE_RIGHT], i);
	}
	assert_non_null(l);
	assert_true(l->url[0] == '#' && l->target >= 0);
	b = doc_block(f->d[SIDE_RIGHT], (size_t)l->target);
	for (i = 0; i < doc_nlinks(f->d[SIDE_RIGHT]); i++) {
		const struct doc_link *e = doc_link(f->d[SIDE_RIGHT], i);

		if (e->start >= b->start && e->end <= b->end &&
		    e->url[0] != '#') {
			url = e->url;
			break;
		}
	}
	assert_non_null(url);
	/* The entry's first words (up to a space before byte 24). */
	snprintf(entry, sizeof(entry), "%.*s", 24, t + b->start);
	for (i = strlen(entry); i > 0 && entry[i - 1] != ' '; i--)
		;
	assert_true(i > 1);
	entry[i - 1] = '\0';
	reader_do(f->r, RC_OPEN, 0);
	assert_int_equal(reader_mode(f->r), RM_POPUP);
	s = frame(f);
	assert_true(shows(s, "Koga 2023: reference"));
	assert_non_null(strstr(box_text(s), entry));
	assert_non_null(strstr(box_text(s), "Esc: close"));
	reader_do(f->r, RC_COPY, 0);
	clip = reader_take_clipboard(f->r);
	assert_non_null(clip);
	assert_string_equal(clip, url);
	assert_null(reader_take_clipboard(f->r));
	reader_do(f->r, RC_CLOSE, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	s = frame(f);
	assert_false(shows(s, "Koga 2023: reference"));
	close_fix(f);
}

/* --- search --------------------------------------------------------- */

/* The offsets of the cells carrying bit, one per run, into offs. */
static size_t
runs_of(const struct screen *s, unsigned bit, size_t *offs, size_t max)
{
	size_t	 n = 0;
	int	 x, y, in;

	for (y = 0; y < s->rows; y++)
		for (in = 0, x = 0; x < s->cols; x++) {
			int on = (s->c[y][x].roles & bit) != 0 &&
			    s->c[y][x].ui == UI_TEXT;

			if (on && !in && n < max)
				offs[n++] = s->c[y][x].off;
			in = on;
		}
	return n;
}

static void
search_marks_matches_and_steps_through_them(void **state)
{
	struct fix		*f = *state;
	struct screen		*s;
	struct search_hit	*hits, *there;
	size_t			 nhits, nthere, offs[4], n, k, k0, top;
	char			 want[96];
	int			 lx0, lx1, rx0, rx1, x, y;

	open_bundled(f, 120, 40);
	panes(120, &lx0, &lx1, &rx0, &rx1);
	hits = f->hits = search_doc(f->d[SIDE_LEFT], "Korea", &nhits);
	assert_true(nhits > 3);
	there = search_doc(f->d[SIDE_RIGHT], "Korea", &nthere);
	free(there);
	/* From China's response, with matches above and below. */
	reader_do(f->r, RC_SECTION_NEXT, 3);
	top = reader_top_offset(f->r, SIDE_LEFT);
	for (k0 = 0; k0 < nhits && hits[k0].start < top; k0++)
		;
	assert_true(k0 > 0 && k0 + 1 < nhits);
	reader_do(f->r, RC_SEARCH, 0);
	assert_int_equal(reader_mode(f->r), RM_PROMPT);
	reader_input(f->r, "Korea", 5);
	s = frame(f);
	/* As it is typed: the count at the prompt row's end. */
	assert_string_equal(text(s, 39, 0, 20), "/Korea");
	snprintf(want, sizeof(want), "match %zu/%zu · %zu in Koga 2023",
	    k0 + 1, nhits, nthere);
	assert_true(shows(s, want));
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	snprintf(want, sizeof(want), "/Korea: match %zu/%zu · %zu in Koga "
	    "2023", k0 + 1, nhits, nthere);
	assert_string_equal(reader_message(f->r), want);
	s = frame(f);
	assert_true(shows(s, want));
	/* Every cell of a match in the left pane is marked, and nothing
	   else; the right pane's are marked too. */
	assert_true(count_role_in(s, OR_BIT(OR_MATCH), rx0, rx1) > 0);
	for (n = 0, y = 0; y < 39; y++)
		for (x = 0; x < lx1; x++) {
			const struct gcell *c = &s->c[y][x];
			int in = 0;

			for (k = 0; k < nhits && x < lx1; k++)
				if (c->off != CELL_NO_OFFSET &&
				    hits[k].start <= c->off &&
				    c->off < hits[k].end)
					in = 1;
			assert_int_equal((c->roles & OR_BIT(OR_MATCH)) != 0,
			    in);
			n += in;
		}
	assert_true(n >= 10);
	/* The current one is the first from the top. */
	assert_int_equal(count_role(s, OR_BIT(OR_CURRENT)), 5);
	assert_string_equal(with_role(s, OR_BIT(OR_CURRENT)), "Korea");
	assert_int_equal(runs_of(s, OR_BIT(OR_CURRENT), offs, 1), 1);
	assert_int_equal(offs[0], hits[k0].start);
	/* n: the next. */
	reader_do(f->r, RC_MATCH_NEXT, 0);
	snprintf(want, sizeof(want), "/Korea: match %zu/%zu · %zu in Koga "
	    "2023", k0 + 2, nhits, nthere);
	assert_string_equal(reader_message(f->r), want);
	s = frame(f);
	assert_int_equal(runs_of(s, OR_BIT(OR_CURRENT), offs, 1), 1);
	assert_int_equal(offs[0], hits[k0 + 1].start);
	/* N twice: one before where it began, above the old top. */
	reader_do(f->r, RC_MATCH_PREV, 2);
	snprintf(want, sizeof(want), "/Korea: match %zu/%zu · %zu in Koga "
	    "2023", k0, nhits, nthere);
	assert_string_equal(reader_message(f->r), want);
	s = frame(f);
	assert_int_equal(runs_of(s, OR_BIT(OR_CURRENT), offs, 1), 1);
	assert_int_equal(offs[0], hits[k0 - 1].start);
	/* Before the first: round to the last. */
	reader_do(f->r, RC_MATCH_PREV, (int)k0);
	snprintf(want, sizeof(want), "/Korea: match %zu/%zu · %zu in Koga "
	    "2023 (past the top: from the end)", nhits, nhits, nthere);
	assert_string_equal(reader_message(f->r), want);
	s = frame(f);
	assert_int_equal(runs_of(s, OR_BIT(OR_CURRENT), offs, 1), 1);
	assert_int_equal(offs[0], hits[nhits - 1].start);
	/* Unselect: no highlight left. */
	reader_do(f->r, RC_UNSELECT, 0);
	s = frame(f);
	assert_int_equal(count_role(s, OR_BIT(OR_MATCH) | OR_BIT(OR_CURRENT)),
	    0);
	/* A pattern nowhere in the text says so. */
	reader_do(f->r, RC_SEARCH, 0);
	reader_input(f->r, "zqxzqx", 6);
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	assert_string_equal(reader_message(f->r), "/zqxzqx: not found");
	close_fix(f);
}

static void
the_prompt_erases_and_cancels(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;

	open_bundled(f, 120, 40);
	reader_do(f->r, RC_SEARCH, 0);
	reader_input(f->r, "ab", 2);
	reader_do(f->r, RC_PROMPT_ERASE, 0);
	s = frame(f);
	assert_string_equal(text(s, 39, 0, 20), "/a");
	reader_do(f->r, RC_PROMPT_ERASE, 0);
	assert_int_equal(reader_mode(f->r), RM_PROMPT);
	/* Erasing on an empty prompt leaves it, as in less and vim. */
	reader_do(f->r, RC_PROMPT_ERASE, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	s = frame(f);
	assert_false(shows(s, "/a"));
	/* A multibyte character goes whole; control bytes never enter. */
	reader_do(f->r, RC_SEARCH, 0);
	reader_input(f->r, "K\x1b[1mo\x07r\xc3\xa9", 10);
	s = frame(f);
	assert_string_equal(text(s, 39, 0, 20), "/K[1moré");
	reader_do(f->r, RC_PROMPT_ERASE, 0);
	s = frame(f);
	assert_string_equal(text(s, 39, 0, 20), "/K[1mor");
	reader_do(f->r, RC_ED_KILL_LINE, 0);
	s = frame(f);
	assert_string_equal(text(s, 39, 0, 120), "/");
	reader_do(f->r, RC_PROMPT_CANCEL, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	close_fix(f);
}

/*
 * The search as it is typed: the view goes to the first match from
 * where / was typed, and Esc comes back there; Tab searches the other
 * essay; Up recalls what was searched before; the line edits as a
 * shell's; n after Esc goes on from the match that was current.
 */
static void
the_search_moves_as_it_is_typed(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;
	size_t		 top, there;

	open_bundled(f, 120, 40);
	reader_do(f->r, RC_SECTION_NEXT, 1);
	top = reader_top_offset(f->r, SIDE_LEFT);
	reader_do(f->r, RC_SEARCH, 0);
	reader_input(f->r, "gsomi", 5);
	s = frame(f);
	assert_true(shows(s, "not in Ogi 2024 · 4 in Koga 2023 (Tab searches "
	    "there)"));
	/* Tab: Koga's essay is searched, and shows its first match. */
	reader_do(f->r, RC_PROMPT_PANE, 0);
	assert_int_equal(reader_focus(f->r), SIDE_RIGHT);
	s = frame(f);
	assert_true(shows(s, "match 1/4 · 0 in Ogi 2024"));
	there = reader_top_offset(f->r, SIDE_RIGHT);
	assert_int_equal(count_role(s, OR_BIT(OR_CURRENT)), 5);
	/* Typed on: the same match, the count still right. */
	reader_input(f->r, "a", 1);
	assert_true(shows(frame(f), "match 1/4 · 0 in Ogi 2024"));
	assert_int_equal(reader_top_offset(f->r, SIDE_RIGHT), there);
	/* Ctrl-A, then typed: at the start. */
	reader_do(f->r, RC_ED_HOME, 0);
	reader_input(f->r, "x", 1);
	assert_string_equal(reader_prompt_text(f->r), "xgsomia");
	assert_true(shows(frame(f), "not found"));
	reader_do(f->r, RC_PROMPT_ERASE, 0);
	assert_string_equal(reader_prompt_text(f->r), "gsomia");
	/* Esc: back where / was typed, nothing marked. */
	reader_do(f->r, RC_PROMPT_CANCEL, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	assert_int_equal(count_role(frame(f), OR_BIT(OR_MATCH)), 0);
	assert_int_equal(reader_focus(f->r), SIDE_RIGHT);
	assert_int_equal(reader_top_offset(f->r, SIDE_LEFT), top);

	/* Enter keeps it; Up at the next prompt recalls it. */
	reader_do(f->r, RC_SEARCH, 0);
	reader_input(f->r, "gsomia", 6);
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	assert_string_equal(reader_message(f->r), "/gsomia: match 1/4 · 0 in "
	    "Ogi 2024");
	reader_do(f->r, RC_SEARCH, 0);
	reader_input(f->r, "KN-23", 5);
	reader_do(f->r, RC_PROMPT_OLDER, 0);
	assert_string_equal(reader_prompt_text(f->r), "gsomia");
	reader_do(f->r, RC_PROMPT_NEWER, 0);
	assert_string_equal(reader_prompt_text(f->r), "KN-23");
	reader_do(f->r, RC_PROMPT_OLDER, 0);
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	assert_string_equal(reader_message(f->r), "/gsomia: match 1/4 · 0 in "
	    "Ogi 2024");
	/* n, Esc (the marks go), n: on from the match that was current. */
	reader_do(f->r, RC_MATCH_NEXT, 0);
	assert_string_equal(reader_message(f->r), "/gsomia: match 2/4 · 0 in "
	    "Ogi 2024");
	reader_do(f->r, RC_UNSELECT, 0);
	assert_int_equal(count_role(frame(f), OR_BIT(OR_MATCH)), 0);
	reader_do(f->r, RC_MATCH_NEXT, 0);
	assert_string_equal(reader_message(f->r), "/gsomia: match 3/4 · 0 in "
	    "Ogi 2024");
	reader_do(f->r, RC_MATCH_NEXT, 2);
	assert_string_equal(reader_message(f->r), "/gsomia: match 1/4 · 0 in "
	    "Ogi 2024 (past the end: from the top)");
	close_fix(f);
}

/*
 * What goes to the clipboard is plain: a hostile essay's front matter
 * (an escape sequence, a bidirectional override) does not ride along
 * with Y's citation line, and invisible characters in a quote are left
 * out.
 */
static void
the_clipboard_carries_no_payload(void **state)
{
	struct fix	*f = *state;
	const char	*md = "---\ntitle: Evil\xe2\x80\x8b \x1b]52;c;"
			    "cGF5bG9hZA==\x07 title\xe2\x80\xae\nauthor: "
			    "A\xc2\x9b" "1m Author\n---\n\nOne two three.\n";
	const char	*clip;
	size_t		 i;

	open_docs(f, md, "Right side.\n", 100, 20);
	/* v takes the first sentence shown: the title. */
	reader_do(f->r, RC_VISUAL, 0);
	reader_do(f->r, RC_COPY_CITED, 0);
	clip = reader_take_clipboard(f->r);
	assert_non_null(clip);
	for (i = 0; clip[i] != '\0'; i++)
		assert_true((unsigned char)clip[i] >= 0x20 || clip[i] == '\n');
	assert_null(strstr(clip, "\xe2\x80\xae"));	/* RLO */
	assert_null(strstr(clip, "\xc2\x9b"));		/* CSI */
	assert_null(strstr(clip, "\xe2\x80\x8b"));	/* ZWSP */
	if (strstr(clip, "\n— A1m Author, “Evil ]52;c;cGF5bG9hZA== title”") ==
	    NULL)
		fail_msg("copied: %s", clip);
	close_fix(f);
}

/* --- help, cursor --------------------------------------------------- */

static void
help_lists_groups_and_rows(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;
	int		 reading, lists;

	open_docs(f, left_doc, right_doc, 100, 20);
	reader_set_help(f->r, help, sizeof(help) / sizeof(help[0]));
	reader_do(f->r, RC_HELP, 0);
	assert_int_equal(reader_mode(f->r), RM_LIST);
	s = frame(f);
	reading = find_row(s, "Reading", 0, 100);
	lists = find_row(s, "Lists", 0, 100);
	assert_true(reading > 0);
	assert_true(lists > reading);
	assert_true(find_row(s, "scroll down a row", 0, 100) > reading);
	assert_true(find_row(s, "scroll up a row", 0, 100) < lists);
	assert_true(find_row(s, "go to the selected line", 0, 100) > lists);
	assert_non_null(strstr(text(s, find_row(s, "scroll down a row", 0,
	    100), 0, 100), "j Down"));
	assert_non_null(strstr(text(s, find_row(s, "go to the selected line",
	    0, 100), 0, 100), "Enter"));
	assert_true(shows(s, "diptych keys"));
	/* ? again closes it. */
	reader_do(f->r, RC_HELP, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	s = frame(f);
	assert_false(shows(s, "scroll down a row"));
	close_fix(f);
}

static void
the_cursor_shows_only_in_the_prompt(void **state)
{
	struct fix	*f = *state;
	int		 row = -1, col = -1;

	open_docs(f, left_doc, right_doc, 100, 20);
	assert_int_equal(reader_cursor(f->r, &row, &col), 0);
	reader_do(f->r, RC_SEARCH, 0);
	assert_int_equal(reader_cursor(f->r, &row, &col), 1);
	assert_int_equal(row, 19);
	assert_int_equal(col, 1);
	reader_input(f->r, "Lé", 3);
	assert_int_equal(reader_cursor(f->r, &row, &col), 1);
	assert_int_equal(row, 19);
	assert_int_equal(col, 3);
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	assert_int_equal(reader_cursor(f->r, &row, &col), 0);
	reader_do(f->r, RC_QUIT, 0);
	assert_true(reader_done(f->r));
	close_fix(f);
}

/* --- selections ----------------------------------------------------- */

/* The text of pane side's selection, in a static buffer ("" if none). */
static const char *
selected_text(struct fix *f, int side)
{
	static char	 b[1024];
	size_t		 s, e;
	const char	*t = doc_text(f->d[side], NULL);

	b[0] = '\0';
	if (reader_selection(f->r, side, &s, &e)) {
		assert_true(e - s < sizeof(b));
		memcpy(b, t + s, e - s);
		b[e - s] = '\0';
	}
	return b;
}

/*
 * v takes the first sentence at the top; w b ) ( } { grow and shrink it
 * by words, sentences and paragraphs; the frame paints it; y copies it;
 * Esc ends it.
 */
static void
a_selection_grows_and_shrinks_by_unit(void **state)
{
	struct fix	*f = *state;
	const char	*md = "One two three. Mr. Four met the U.S. envoy.\n\n"
			    "Five six.\n";
	struct screen	*sc;

	open_docs(f, md, "Right side.\n", 100, 20);
	reader_do(f->r, RC_VISUAL, 0);
	assert_int_equal(reader_mode(f->r), RM_SELECT);
	assert_string_equal(selected_text(f, SIDE_LEFT), "One two three.");
	sc = frame(f);
	assert_string_equal(with_role(sc, OR_BIT(OR_SELECTION)),
	    "One two three.");
	reader_do(f->r, RC_SEL_WORD_NEXT, 0);
	assert_string_equal(selected_text(f, SIDE_LEFT), "One two three. Mr");
	reader_do(f->r, RC_SEL_WORD_PREV, 2);
	assert_string_equal(selected_text(f, SIDE_LEFT), "One two");
	/* Nothing before: ( keeps what there is. */
	reader_do(f->r, RC_SEL_SENTENCE_PREV, 0);
	assert_string_equal(selected_text(f, SIDE_LEFT), "One two");
	reader_do(f->r, RC_SEL_SENTENCE_NEXT, 2);
	assert_string_equal(selected_text(f, SIDE_LEFT),
	    "One two three. Mr. Four met the U.S. envoy.");
	reader_do(f->r, RC_SEL_BLOCK_NEXT, 0);
	assert_string_equal(selected_text(f, SIDE_LEFT) + 43, "\nFive six.");
	reader_do(f->r, RC_SEL_BLOCK_PREV, 0);
	assert_string_equal(selected_text(f, SIDE_LEFT),
	    "One two three. Mr. Four met the U.S. envoy.");
	reader_do(f->r, RC_COPY, 0);
	assert_string_equal(reader_take_clipboard(f->r),
	    "One two three. Mr. Four met the U.S. envoy.");
	/* Y: with where it is from; a device that cannot copy says so. */
	reader_do(f->r, RC_COPY_CITED, 0);
	assert_string_equal(reader_take_clipboard(f->r),
	    "One two three. Mr. Four met the U.S. envoy.\n— left.md");
	reader_set_clipboard(f->r, "no clipboard here");
	reader_do(f->r, RC_COPY, 0);
	assert_null(reader_take_clipboard(f->r));
	assert_string_equal(reader_message(f->r), "not copied: no clipboard "
	    "here");
	reader_do(f->r, RC_SEL_CANCEL, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	sc = frame(f);
	assert_string_equal(with_role(sc, OR_BIT(OR_SELECTION)), "");
	close_fix(f);
}

/*
 * Moving the start edge back past the end swaps the edges: "(" on the
 * second sentence takes in the first; j and k go by rows.
 */
static void
a_selection_swaps_edges_and_goes_by_rows(void **state)
{
	struct fix	*f = *state;
	const char	*md = "First sentence here. Second sentence here. "
			    "Third one is long enough to wrap onto the next "
			    "row of a narrow pane.\n";
	size_t		 s, e;

	open_docs(f, md, "Right.\n", 60, 20);
	reader_do(f->r, RC_FOCUS_LEFT, 0);
	reader_do(f->r, RC_VISUAL, 0);
	reader_do(f->r, RC_SEL_SENTENCE_NEXT, 0);
	reader_do(f->r, RC_SEL_WORD_PREV, 0);
	assert_string_equal(selected_text(f, SIDE_LEFT),
	    "First sentence here. Second sentence");
	reader_do(f->r, RC_SEL_WORD_PREV, 3);
	assert_string_equal(selected_text(f, SIDE_LEFT), "First sentence");
	/* Down to "First", and no lower: the edges swap at the start. */
	reader_do(f->r, RC_SEL_WORD_PREV, 2);
	assert_string_equal(selected_text(f, SIDE_LEFT), "First");
	reader_do(f->r, RC_SEL_CANCEL, 0);
	/* Rows: j ends the selection at the end of the next row. */
	reader_do(f->r, RC_VISUAL, 0);
	reader_do(f->r, RC_SEL_ROW_NEXT, 0);
	assert_true(reader_selection(f->r, SIDE_LEFT, &s, &e));
	assert_int_equal(e, layout_row(reader_layout(f->r, SIDE_LEFT),
	    0)->end);
	reader_do(f->r, RC_SEL_ROW_NEXT, 0);
	assert_true(reader_selection(f->r, SIDE_LEFT, &s, &e));
	assert_int_equal(e, layout_row(reader_layout(f->r, SIDE_LEFT),
	    1)->end);
	reader_do(f->r, RC_SEL_ROW_PREV, 0);
	assert_true(reader_selection(f->r, SIDE_LEFT, &s, &e));
	assert_int_equal(e, layout_row(reader_layout(f->r, SIDE_LEFT),
	    0)->end);
	close_fix(f);
}

/* v on a selected citation or the current match selects just that. */
static void
v_takes_the_item_or_the_match(void **state)
{
	struct fix *f = *state;

	open_docs(f, "Plain words. A [link](https://example.org) here.\n",
	    "Right.\n", 100, 20);
	reader_do(f->r, RC_SELECT_NEXT, 0);
	reader_do(f->r, RC_VISUAL, 0);
	assert_string_equal(selected_text(f, SIDE_LEFT), "link");
	reader_do(f->r, RC_SEL_CANCEL, 0);
	reader_do(f->r, RC_UNSELECT, 0);
	reader_do(f->r, RC_SEARCH, 0);
	reader_input(f->r, "words", 5);
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	reader_do(f->r, RC_VISUAL, 0);
	assert_string_equal(selected_text(f, SIDE_LEFT), "words");
	/* ( on it: the edges swap and the sentence before it comes in
	   (here, the start of its own). */
	reader_do(f->r, RC_SEL_SENTENCE_PREV, 0);
	assert_string_equal(selected_text(f, SIDE_LEFT), "Plain words");
	reader_do(f->r, RC_SEL_CANCEL, 0);
	close_fix(f);
	open_docs(f, "Alpha one.\n\nBeta two. Gamma three.\n", "Right.\n",
	    100, 20);
	reader_do(f->r, RC_SEARCH, 0);
	reader_input(f->r, "Gamma three", 11);
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	reader_do(f->r, RC_VISUAL, 0);
	reader_do(f->r, RC_SEL_SENTENCE_PREV, 0);
	assert_string_equal(selected_text(f, SIDE_LEFT), "Beta two. Gamma three");
	reader_do(f->r, RC_SEL_SENTENCE_PREV, 0);
	assert_string_equal(selected_text(f, SIDE_LEFT),
	    "Alpha one.\nBeta two. Gamma three");
	close_fix(f);
}

/*
 * A pane wider than the measure keeps its text that wide, centred; the
 * note marks stay beside it; measure 0 lets the text run the pane's
 * width.  Either way no word of the text is lost.
 */
static void
the_measure_keeps_lines_readable(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;
	int		 lx0, lx1, rx0, rx1, x, y, lo, hi, beyond = 0;

	open_bundled(f, 200, 40);
	panes(200, &lx0, &lx1, &rx0, &rx1);
	/* The default measure is wider than these panes: no change. */
	assert_true(lx1 - lx0 < READER_MEASURE);
	reader_set_measure(f->r, 60);
	reader_do(f->r, RC_SECTION_NEXT, 0);
	s = frame(f);
	/* The text's cells lie in a band 60 wide, centred in the pane. */
	lo = 200;
	hi = 0;
	for (y = 0; y < 39; y++)
		for (x = lx0; x < lx1; x++)
			if (s->c[y][x].off != CELL_NO_OFFSET) {
				lo = x < lo ? x : lo;
				hi = x > hi ? x : hi;
			}
	assert_true(hi - lo + 1 <= 60 && hi - lo + 1 >= 50);
	assert_true(abs((lo - lx0) - (lx1 - 1 - hi)) <= 10);
	close_fix(f);

	/* Measure 0: as wide as the pane. */
	open_bundled(f, 200, 40);
	reader_set_measure(f->r, 0);
	reader_do(f->r, RC_SECTION_NEXT, 0);
	s = frame(f);
	for (y = 0; y < 39; y++)
		for (x = lx0 + 60; x < lx1; x++)
			if (s->c[y][x].off != CELL_NO_OFFSET)
				beyond++;
	assert_true(beyond > 0);
	close_fix(f);
}

static struct store *temp_store(char *, size_t);
static void	remove_store(const char *);
static void	put_note(struct fix *, struct store *, int, const char *,
		    const char *, const char *);

/* Column x of screen s, rows [0, h), as one string. */
static const char *
column(const struct screen *s, int x, int h)
{
	static char	 b[MAXROWS * CELLMAX];
	size_t		 n = 0;
	int		 y;

	for (y = 0; y < h; y++) {
		strcpy(b + n, s->c[y][x].s[0] != '\0' ? s->c[y][x].s : " ");
		n += strlen(b + n);
	}
	return b;
}

/*
 * The overview bar beside each pane: the part in view heavy, moving with
 * the view; matches, the current one, the selected term's occurrences
 * and notes marked where they lie in the whole essay; none on a pane
 * narrower than 40 columns.
 */
static void
the_overview_bar_shows_the_whole_essay(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;
	const char	*bar;
	int		 lx0, lx1, rx0, rx1;

	open_bundled(f, 120, 40);
	panes(120, &lx0, &lx1, &rx0, &rx1);
	s = frame(f);
	/* At the top: the first rows heavy, the rest light. */
	bar = column(s, lx1, 39);
	assert_true(strncmp(bar, "┃", strlen("┃")) == 0);
	assert_non_null(strstr(bar, "┊"));
	assert_null(strstr(strstr(bar, "┊"), "┃"));
	assert_true(strncmp(column(s, rx1, 39), "┃", strlen("┃")) == 0);
	/* At the bottom: the heavy part in the lower half only. */
	reader_do(f->r, RC_BOTTOM, 0);
	s = frame(f);
	bar = column(s, lx1, 39);
	assert_true(strncmp(bar, "┊", strlen("┊")) == 0);
	assert_non_null(strstr(bar, "┃"));
	assert_true((size_t)(strstr(bar, "┃") - bar) > strlen(bar) / 2);
	/* A search: its matches marked in both bars, the current one too. */
	reader_do(f->r, RC_TOP, 0);
	reader_do(f->r, RC_SEARCH, 0);
	reader_input(f->r, "GSOMIA", 6);
	reader_do(f->r, RC_PROMPT_PANE, 0);
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	s = frame(f);
	assert_non_null(strstr(column(s, rx1, 39), "◆"));
	assert_null(strstr(column(s, lx1, 39), "≡"));
	reader_do(f->r, RC_UNSELECT, 0);
	s = frame(f);
	assert_null(strstr(column(s, rx1, 39), "◆"));
	/* A term selected (T, Enter, Enter: its concordance, its first
	   mention): where else it occurs. */
	reader_do(f->r, RC_TERMS, 0);
	reader_do(f->r, RC_LIST_ENTER, 0);
	assert_int_equal(reader_mode(f->r), RM_LIST);
	reader_do(f->r, RC_LIST_ENTER, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	s = frame(f);
	assert_true(strstr(column(s, lx1, 39), "◇") != NULL ||
	    strstr(column(s, rx1, 39), "◇") != NULL);
	assert_true(count_role(s, OR_BIT(OR_OCCUR)) > 0);
	reader_do(f->r, RC_UNSELECT, 0);
	s = frame(f);
	assert_int_equal(count_role(s, OR_BIT(OR_OCCUR)), 0);
	close_fix(f);

	/* A note on screen: its mark lies in the heavy part, also after a
	   resize. */
	{
		char		 path[4096];
		struct store	*st = temp_store(path, sizeof(path));
		int		 y, found = 0;

		open_bundled(f, 120, 40);
		put_note(f, st, SIDE_RIGHT, "Kim Jong Un, made a six-day trip",
		    "tester", "the trip");
		reader_set_store(f->r, st, NULL);
		reader_do(f->r, RC_SECTION_NEXT, 0);
		resize(f, 121, 40);
		panes(121, &lx0, &lx1, &rx0, &rx1);
		s = frame(f);
		for (y = 0; y < 39; y++)
			if (strcmp(s->c[y][rx1].s, "•") == 0) {
				found = 1;
				assert_int_equal(s->c[y][rx1].ui, UI_STATUS);
			}
		assert_true(found);
		/* One pane at a time: the note's rows are marked too. */
		resize(f, 60, 24);
		reader_do(f->r, RC_FOCUS_RIGHT, 0);
		assert_true(shows(frame(f), "▐"));
		close_fix(f);
		store_close(st);
		remove_store(path);
		panes(120, &lx0, &lx1, &rx0, &rx1);
	}

	/* 80 columns: panes of 38, no bar; the text runs to the edge. */
	open_bundled(f, 80, 24);
	panes(80, &lx0, &lx1, &rx0, &rx1);
	s = frame(f);
	assert_null(strstr(column(s, lx1 - 1, 23), "┃"));
	assert_null(strstr(column(s, rx1 - 1, 23), "┃"));
	close_fix(f);
}

/* --- notes ---------------------------------------------------------- */

/* A store in a new temporary folder; its path into path. */
static struct store *
temp_store(char *path, size_t size)
{
	char		 dir[] = "/tmp/diptych-reader-XXXXXX";
	struct store	*st;
	char		*err = NULL;

	assert_non_null(mkdtemp(dir));
	snprintf(path, size, "%s/notes.db", dir);
	if (store_open(&st, path, "tester", STORE_WRITE | STORE_CREATE,
	    &err) == -1)
		fail_msg("%s", err);
	return st;
}

static void
remove_store(const char *path)
{
	char	 p[4200];
	char	*slash;

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s", path);
	if ((slash = strrchr(p, '/')) != NULL) {
		*slash = '\0';
		rmdir(p);
	}
}

/*
 * m{a-z} sets a mark, '{a-z} comes back to it, also in a new reader on
 * the same store; '' goes back to before the last jump (G, ], N%, a
 * search, a mark), and back again; N% goes to that percent.
 */
static void
marks_and_jumps(void **state)
{
	struct fix	*f = *state;
	char		 path[4096];
	struct store	*st = temp_store(path, sizeof(path));
	size_t		 marked, len, at;

	open_bundled(f, 120, 40);
	reader_set_store(f->r, st, NULL);
	reader_do(f->r, RC_SECTION_NEXT, 2);
	marked = reader_top_offset(f->r, SIDE_LEFT);
	reader_do(f->r, RC_MARK_SET, 0);
	assert_int_equal(reader_mode(f->r), RM_MARK);
	reader_input(f->r, "a", 1);
	assert_int_equal(reader_mode(f->r), RM_READ);
	assert_string_equal(reader_message(f->r), "mark a set ('a comes back "
	    "here)");
	/* A key that is no letter: no mark, said so. */
	reader_do(f->r, RC_MARK_SET, 0);
	reader_input(f->r, "7", 1);
	assert_string_equal(reader_message(f->r), "marks are a to z: m then a "
	    "letter");
	reader_do(f->r, RC_MARK_GO, 0);
	reader_do(f->r, RC_MARK_CANCEL, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	reader_do(f->r, RC_MARK_GO, 0);
	reader_input(f->r, "q", 1);
	assert_string_equal(reader_message(f->r), "no mark q here (mq sets it)");

	/* G, then 'a: back at the mark; '' to the bottom again; '' back. */
	reader_do(f->r, RC_BOTTOM, 0);
	at = reader_top_offset(f->r, SIDE_LEFT);
	assert_true(at > marked);
	reader_do(f->r, RC_MARK_GO, 0);
	reader_input(f->r, "a", 1);
	assert_int_equal(reader_top_offset(f->r, SIDE_LEFT), marked);
	reader_do(f->r, RC_MARK_GO, 0);
	reader_input(f->r, "'", 1);
	assert_int_equal(reader_top_offset(f->r, SIDE_LEFT), at);
	reader_do(f->r, RC_MARK_GO, 0);
	reader_input(f->r, "'", 1);
	assert_int_equal(reader_top_offset(f->r, SIDE_LEFT), marked);

	/* 50%: the middle of the essay; '' comes back from it. */
	doc_text(f->d[SIDE_LEFT], &len);
	reader_do(f->r, RC_PERCENT, 50);
	at = reader_top_offset(f->r, SIDE_LEFT);
	assert_true(at > len / 2 - 1500 && at <= len / 2);
	reader_do(f->r, RC_MARK_GO, 0);
	reader_input(f->r, "'", 1);
	assert_int_equal(reader_top_offset(f->r, SIDE_LEFT), marked);

	/* A search is a jump from where / was typed. */
	reader_do(f->r, RC_SEARCH, 0);
	reader_input(f->r, "Columbia", 8);
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	assert_true(reader_top_offset(f->r, SIDE_LEFT) != marked);
	reader_do(f->r, RC_MARK_GO, 0);
	reader_input(f->r, "'", 1);
	assert_int_equal(reader_top_offset(f->r, SIDE_LEFT), marked);
	close_fix(f);

	/* The mark is kept: a new reader on the store finds it. */
	open_bundled(f, 100, 30);
	reader_set_store(f->r, st, NULL);
	reader_do(f->r, RC_MARK_GO, 0);
	reader_input(f->r, "a", 1);
	assert_string_equal(reader_message(f->r), "mark a");
	at = reader_top_offset(f->r, SIDE_LEFT);
	assert_true(at <= marked && at + 400 > marked);
	close_fix(f);
	store_close(st);
	remove_store(path);
}

/*
 * = pairs the passages at the top of the panes.  A second pairing that
 * crosses the first (the same left passage with another right one) is
 * not saved: it would pair nothing, and the message names the pairing
 * in its way.
 */
static void
a_pairing_that_crosses_one_stored_is_not_saved(void **state)
{
	struct fix	*f = *state;
	char		 path[4096];
	struct store	*st = temp_store(path, sizeof(path));
	struct anno	*v;
	size_t		 n;
	struct screen	*sc;
	int		 lx0, lx1, rx0, rx1;

	open_docs(f, bees_left, bees_right, 120, 20);
	panes(120, &lx0, &lx1, &rx0, &rx1);
	reader_set_store(f->r, st, NULL);
	reader_do(f->r, RC_PAIR, 0);
	assert_true(strstr(reader_message(f->r), "turn the sync lock off") !=
	    NULL);
	reader_do(f->r, RC_LOCK, 0);
	/* The texts' openings begin together already. */
	reader_do(f->r, RC_PAIR, 0);
	reader_do(f->r, RC_EDIT_SAVE, 0);
	assert_string_equal(reader_message(f->r), "not paired: these passages "
	    "begin sections together already; Esc, y drops it");
	reader_do(f->r, RC_EDIT_CANCEL, 0);
	reader_input(f->r, "y", 1);
	assert_int_equal(reader_mode(f->r), RM_READ);
	/* The left's second paragraph against the right's second. */
	reader_do(f->r, RC_DOWN, 3);
	reader_do(f->r, RC_FOCUS_RIGHT, 0);
	reader_do(f->r, RC_DOWN, 3);
	sc = frame(f);
	assert_int_equal(find_row(sc, "Colony", lx0, lx1), 0);
	assert_int_equal(find_row(sc, "Honeybees", rx0, rx1), 0);
	reader_do(f->r, RC_PAIR, 0);
	assert_int_equal(reader_mode(f->r), RM_EDIT);
	reader_do(f->r, RC_EDIT_SAVE, 0);
	assert_string_equal(reader_message(f->r), "paired from here on: saved");
	/* The same left passage against the right's third: refused. */
	reader_do(f->r, RC_DOWN, 3);
	sc = frame(f);
	assert_int_equal(find_row(sc, "Colony", rx0, rx1), 0);
	reader_do(f->r, RC_PAIR, 0);
	reader_do(f->r, RC_EDIT_SAVE, 0);
	assert_string_equal(reader_message(f->r), "not paired: \"Paired "
	    "passages\" starts here (x in S deletes it); Esc, y drops it");
	assert_true(strlen(reader_message(f->r)) <= 79);
	assert_int_equal(reader_mode(f->r), RM_EDIT);
	reader_do(f->r, RC_EDIT_CANCEL, 0);
	reader_input(f->r, "y", 1);
	/* The left's first against the right's third: they cross. */
	reader_do(f->r, RC_FOCUS_LEFT, 0);
	reader_do(f->r, RC_UP, 3);
	reader_do(f->r, RC_PAIR, 0);
	reader_do(f->r, RC_EDIT_SAVE, 0);
	assert_string_equal(reader_message(f->r), "not paired: it crosses "
	    "\"Paired passages\" (x in S deletes it); Esc, y drops it");
	reader_do(f->r, RC_EDIT_CANCEL, 0);
	reader_input(f->r, "y", 1);
	/* The same two passages again: paired already. */
	reader_do(f->r, RC_DOWN, 3);
	reader_do(f->r, RC_FOCUS_RIGHT, 0);
	reader_do(f->r, RC_UP, 3);
	reader_do(f->r, RC_PAIR, 0);
	reader_do(f->r, RC_EDIT_SAVE, 0);
	assert_string_equal(reader_message(f->r), "not paired: \"Paired "
	    "passages\" pairs these passages already; Esc, y drops it");
	reader_do(f->r, RC_EDIT_CANCEL, 0);
	reader_input(f->r, "y", 1);
	assert_int_equal(store_list(st, 0, &v, &n, NULL), 0);
	assert_int_equal(n, 1);
	/* Its passages: the first row of each. */
	assert_string_equal(v[0].target[1].exact, "Honeybees pollinate almond "
	    "orchards, apple trees and");
	store_free_annos(v, n);
	close_fix(f);
	store_close(st);
	remove_store(path);
}

/*
 * A pairing across the files' section marks is not saved either: the
 * marks win.  The texts without a section in common have no section of
 * the alignment on their status rows but their own.
 */
static void
a_pairing_across_the_marks_is_not_saved(void **state)
{
	struct fix	*f = *state;
	char		 path[4096];
	struct store	*st = temp_store(path, sizeof(path));
	struct anno	*v;
	size_t		 n;
	struct screen	*sc;
	int		 lx0, lx1, rx0, rx1;

	open_docs(f, left_doc, right_doc, 100, 20);
	reader_set_store(f->r, st, NULL);
	reader_do(f->r, RC_LOCK, 0);
	/* The left's Alpha against the right's Beta. */
	reader_do(f->r, RC_FOCUS_RIGHT, 0);
	reader_do(f->r, RC_DOWN, 20);
	assert_string_equal(tops(f), "La1 first alpha.|Rb1 first beta.");
	reader_do(f->r, RC_PAIR, 0);
	reader_do(f->r, RC_EDIT_SAVE, 0);
	assert_string_equal(reader_message(f->r), "not paired: it crosses the "
	    "files' section marks, which win; Esc, y drops it");
	reader_do(f->r, RC_EDIT_CANCEL, 0);
	reader_input(f->r, "y", 1);
	assert_int_equal(store_list(st, 0, &v, &n, NULL), 0);
	assert_int_equal(n, 0);
	store_free_annos(v, n);
	close_fix(f);
	store_close(st);
	remove_store(path);

	open_docs(f, "## Alpha one\n\nText a.\n", "## Beta two\n\nText b.\n",
	    100, 20);
	panes(100, &lx0, &lx1, &rx0, &rx1);
	sc = frame(f);
	assert_non_null(strstr(text(sc, 19, lx0, lx1), "left.md · Alpha one"));
	assert_non_null(strstr(text(sc, 19, rx0, rx1), "right.md · Beta two"));
	close_fix(f);

	/* Texts that share a heading: what comes before it in both is
	   their openings, in the sections list. */
	open_docs(f, "Opening left.\n\n## Shared\n\nText a.\n",
	    "Opening right.\n\n## Shared\n\nText b.\n", 100, 20);
	reader_do(f->r, RC_SECTIONS, 0);
	sc = frame(f);
	assert_true(shows(sc, "both · openings"));
	assert_true(shows(sc, "both · headings"));
	close_fix(f);
}

/*
 * a, typed text, Enter: the note is in the store, with its tags and its
 * passage; a new reader on the same store paints it, and Tab then Enter
 * shows it.
 */
static void
a_note_is_stored_and_shown_again(void **state)
{
	struct fix	*f = *state;
	const char	*md = "Alpha one. Beta two.\n\nGamma three.\n";
	char		 path[4096];
	struct store	*st = temp_store(path, sizeof(path));
	struct anno	*v;
	size_t		 n;
	struct screen	*sc;

	open_docs(f, md, "Right.\n", 100, 20);
	reader_set_store(f->r, st, NULL);
	reader_do(f->r, RC_VISUAL, 0);
	reader_do(f->r, RC_SEL_SENTENCE_NEXT, 0);
	reader_do(f->r, RC_ANNOTATE, 0);
	assert_int_equal(reader_mode(f->r), RM_EDIT);
	reader_input(f->r, "Both at once #pair", 18);
	reader_do(f->r, RC_ED_NEWLINE, 0);
	reader_input(f->r, "done", 4);
	reader_do(f->r, RC_EDIT_SAVE, 0);
	assert_string_equal(reader_message(f->r), "saved");
	assert_int_equal(reader_mode(f->r), RM_READ);
	assert_int_equal(store_list(st, 0, &v, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].note, "Both at once #pair\ndone");
	assert_int_equal(v[0].ntags, 1);
	assert_string_equal(v[0].tags[0], "pair");
	assert_string_equal(v[0].target[0].exact, "Alpha one. Beta two.");
	assert_string_equal(v[0].author, "tester");
	store_free_annos(v, n);
	close_fix(f);

	open_docs(f, md, "Right.\n", 100, 20);
	reader_set_store(f->r, st, NULL);
	sc = frame(f);
	assert_string_equal(with_role(sc, OR_BIT(OR_NOTE)),
	    "Alpha one. Beta two.");
	assert_true(shows(sc, "▐"));
	reader_do(f->r, RC_SELECT_NEXT, 0);
	reader_do(f->r, RC_OPEN, 0);
	assert_int_equal(reader_mode(f->r), RM_POPUP);
	sc = frame(f);
	assert_true(shows(sc, "Both at once #pair"));
	assert_true(shows(sc, "tester, "));
	close_fix(f);
	store_close(st);
	remove_store(path);
}

/* Frames a and b show the same, cell by cell. */
static void
assert_same_frame(const struct screen *a, const struct screen *b)
{
	int y, x;

	assert_int_equal(a->rows, b->rows);
	assert_int_equal(a->cols, b->cols);
	for (y = 0; y < a->rows; y++)
		for (x = 0; x < a->cols; x++)
			if (strcmp(a->c[y][x].s, b->c[y][x].s) != 0 ||
			    a->c[y][x].roles != b->c[y][x].roles ||
			    a->c[y][x].ui != b->c[y][x].ui)
				fail_msg("row %d column %d: \"%s\" %#x, then "
				    "\"%s\" %#x", y, x, a->c[y][x].s,
				    a->c[y][x].roles, b->c[y][x].s,
				    b->c[y][x].roles);
}

/*
 * The first frame costs what the notes in view cost, not what every
 * note does: before the notes are read (reader_idle), the passages come
 * from the store's index of places, and the frame is the same as once
 * they are read, marks in the overview bar included.
 */
static void
the_first_frame_needs_no_note_read(void **state)
{
	struct fix	*f = *state;
	char		 path[4096];
	struct store	*st = temp_store(path, sizeof(path));
	struct screen	*before, *after;
	struct anno	 a, reply;
	const char	*t, *sp;
	size_t		 len, at, listed;
	int		 side, k, nnotes = 0;

	open_bundled(f, 160, 48);
	/* Notes on a word every so often in both essays, one of them
	   deleted and one with a reply (a reply shows in its note). */
	for (side = 0; side < 2; side++) {
		t = doc_text(f->d[side], &len);
		for (k = 0; k < 60; k++) {
			at = (size_t)k * len / 60;
			if ((sp = strchr(t + at, ' ')) == NULL ||
			    strchr(sp + 1, ' ') == NULL)
				break;
			memset(&a, 0, sizeof(a));
			assert_int_equal(anno_new_id(a.id), 0);
			a.note = xstrdup("a word");
			a.ntargets = 1;
			anchor_make(&a.target[0], f->d[side],
			    (size_t)(sp + 1 - t),
			    (size_t)(strchr(sp + 1, ' ') - t));
			assert_int_equal(store_put(st, &a), 0);
			nnotes++;
			if (k == 3)
				assert_int_equal(store_delete(st, a.id), 0);
			if (k == 4) {
				anno_copy(&reply, &a);
				assert_int_equal(anno_new_id(reply.id), 0);
				reply.reply_to = xstrdup(a.id);
				assert_int_equal(store_put(st, &reply), 0);
				anno_clear(&reply);
			}
			anno_clear(&a);
		}
	}
	assert_true(nnotes > 100);

	listed = store_listed();
	reader_set_store_later(f->r, st, NULL);
	reader_paint_places(f->r);
	before = frame(f);
	assert_int_equal(store_listed(), listed);	/* none read */
	assert_true(count_role(before, OR_BIT(OR_NOTE)) > 0);
	assert_int_equal(reader_idle(f->r), 1);
	assert_true(store_listed() > listed);
	after = frame(f);
	assert_same_frame(before, after);
	assert_int_equal(reader_idle(f->r), 0);
	close_fix(f);
	store_close(st);
	remove_store(path);
}

/* Without a store a note is never said to be saved; it stays. */
static void
without_a_store_a_note_stays_in_the_editor(void **state)
{
	struct fix *f = *state;

	open_docs(f, "Alpha one.\n", "Right.\n", 100, 20);
	reader_set_store(f->r, NULL, "no place for notes");
	reader_do(f->r, RC_ANNOTATE, 0);
	reader_input(f->r, "kept", 4);
	reader_do(f->r, RC_EDIT_SAVE, 0);
	assert_string_equal(reader_message(f->r),
	    "not saved: no place for notes");
	assert_int_equal(reader_mode(f->r), RM_EDIT);
	/* Esc asks first; another Esc goes on writing; y drops it. */
	reader_do(f->r, RC_EDIT_CANCEL, 0);
	assert_int_equal(reader_mode(f->r), RM_EDIT);
	reader_do(f->r, RC_EDIT_CANCEL, 0);
	assert_int_equal(reader_mode(f->r), RM_EDIT);
	reader_do(f->r, RC_EDIT_CANCEL, 0);
	reader_input(f->r, "y", 1);
	assert_int_equal(reader_mode(f->r), RM_READ);
	close_fix(f);
}

/* A note by author on the passage [start, end) of f's document side. */
static void
put_note(struct fix *f, struct store *st, int side, const char *quote,
    const char *author, const char *note)
{
	static int	 seq;
	struct anno	 a;
	const char	*text;
	size_t		 len, at;

	text = doc_text(f->d[side], &len);
	assert_non_null(strstr(text, quote));
	at = (size_t)(strstr(text, quote) - text);
	memset(&a, 0, sizeof(a));
	assert_int_equal(anno_new_id(a.id), 0);
	/* Written one after the other, a millisecond apart at least. */
	a.created = anno_now() + seq++;
	a.author = xstrdup(author);
	a.note = xstrdup(note);
	anno_tags_from_note(&a);
	anchor_make(&a.target[0], f->d[side], at, at + strlen(quote));
	a.ntargets = 1;
	assert_int_equal(store_put(st, &a), 0);
	anno_clear(&a);
}

/*
 * / in the annotations list filters it as it is typed (#tag, @author,
 * words of the note or the quote); Esc gives back the list as it was,
 * Enter keeps the filter, and R then reviews only those notes.
 */
static void
the_notes_filter_narrows_the_list_and_the_review(void **state)
{
	struct fix	*f = *state;
	const char	*md = "Alpha one. Beta two.\n\nGamma three. Delta "
			    "four.\n";
	char		 path[4096];
	struct store	*st = temp_store(path, sizeof(path));
	struct screen	*sc;

	open_docs(f, md, "Right side. Epsilon five.\n", 100, 24);
	put_note(f, st, 0, "Alpha one.", "ana", "first #Seminar");
	put_note(f, st, 0, "Gamma three.", "bo", "third, on Gamma");
	put_note(f, st, 1, "Epsilon five.", "ana", "other side #seminar");
	put_note(f, st, 0, "Delta four.", "cy", "nothing to see");
	reader_set_store(f->r, st, NULL);

	reader_do(f->r, RC_NOTES, 0);
	assert_true(shows(frame(f), "nothing to see"));
	/* y in the list: the selected note's passage. */
	reader_do(f->r, RC_COPY, 0);
	assert_string_equal(reader_take_clipboard(f->r), "Alpha one.");
	reader_do(f->r, RC_FILTER, 0);
	assert_int_equal(reader_mode(f->r), RM_PROMPT);
	reader_input(f->r, "#sem", 4);
	sc = frame(f);
	assert_true(shows(sc, "annotations · /#sem · 2 of 4"));
	assert_true(shows(sc, "first #Seminar"));
	assert_true(shows(sc, "other side #seminar"));
	assert_false(shows(sc, "third, on Gamma"));
	/* Esc: the list as it was. */
	reader_do(f->r, RC_PROMPT_CANCEL, 0);
	assert_int_equal(reader_mode(f->r), RM_LIST);
	assert_true(shows(frame(f), "third, on Gamma"));
	/* @author, and words anywhere: in the quote, folded. */
	reader_do(f->r, RC_FILTER, 0);
	reader_input(f->r, "@bo", 3);
	assert_true(shows(frame(f), "· 1 of 4"));
	reader_do(f->r, RC_ED_KILL_LINE, 0);
	reader_input(f->r, "DELTA", 5);
	sc = frame(f);
	assert_true(shows(sc, "nothing to see"));
	assert_true(shows(sc, "· 1 of 4"));
	reader_do(f->r, RC_ED_KILL_LINE, 0);
	reader_input(f->r, "zzz", 3);
	assert_true(shows(frame(f), "no annotation matches the filter"));
	reader_do(f->r, RC_ED_KILL_LINE, 0);
	reader_input(f->r, "#seminar ana", 12);
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	assert_string_equal(reader_message(f->r), "2 of 4 notes match "
	    "/#seminar ana");
	/* Enter on the second line goes to Koga's side: the right pane. */
	reader_do(f->r, RC_LIST_DOWN, 0);
	reader_do(f->r, RC_LIST_ENTER, 0);
	assert_int_equal(reader_focus(f->r), SIDE_RIGHT);
	/* R: the filtered notes only, and the title says so. */
	reader_do(f->r, RC_REVIEW, 0);
	assert_int_equal(reader_mode(f->r), RM_REVIEW);
	assert_true(shows(frame(f), "note 1 of 2 · /#seminar ana"));
	/* / in review: another filter, the review starts again. */
	reader_do(f->r, RC_FILTER, 0);
	reader_do(f->r, RC_ED_KILL_LINE, 0);
	reader_input(f->r, "gamma", 5);
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	assert_int_equal(reader_mode(f->r), RM_REVIEW);
	sc = frame(f);
	assert_true(shows(sc, "note 1 of 1 · /gamma"));
	assert_true(shows(sc, "third, on Gamma"));
	/* y: the reviewed note's passage to the clipboard. */
	reader_do(f->r, RC_COPY, 0);
	assert_string_equal(reader_take_clipboard(f->r), "Gamma three.");
	/* A filter nothing passes leaves the review as it was. */
	reader_do(f->r, RC_FILTER, 0);
	reader_input(f->r, "xyz", 3);
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	assert_true(strstr(reader_message(f->r), "no note matches") != NULL);
	assert_true(shows(frame(f), "note 1 of 1 · /gamma"));
	reader_do(f->r, RC_REVIEW_END, 0);
	close_fix(f);
	store_close(st);
	remove_store(path);
}

/*
 * A note on a sentence whose word was changed in the essay is found
 * approximately: the list says "fuzzy", its card asks to check it, and
 * c holds it to the passage as it reads now.  A note whose sentence is
 * gone is an orphan, listed with its quote; a in the list, then a
 * selection and a, moves it onto a new passage.  Nothing is lost.
 */
static void
fuzzy_notes_are_confirmed_and_orphans_moved(void **state)
{
	struct fix	*f = *state;
	const char	*v1 = "Alpha one. The alliance met in Tokyo in the "
			    "spring of that year.\n\nGamma three. Delta "
			    "four.\n";
	const char	*v2 = "Alpha one. The alliance met in Seoul in the "
			    "spring of that year.\n\nGamma three. Delta "
			    "four.\n";
	const char	*v3 = "Alpha one.\n\nGamma three. Delta four.\n";
	char		 path[4096];
	struct store	*st = temp_store(path, sizeof(path));
	struct anno	*v;
	size_t		 n;

	open_docs(f, v1, "Right.\n", 120, 24);
	put_note(f, st, 0, "The alliance met in Tokyo in the spring of that "
	    "year.", "tester", "where they met");
	close_fix(f);

	open_docs(f, v2, "Right.\n", 120, 24);
	reader_set_store(f->r, st, NULL);
	reader_do(f->r, RC_NOTES, 0);
	assert_true(shows(frame(f), "fuzzy · tester"));
	reader_do(f->r, RC_NOTE_CONFIRM, 0);
	assert_true(strstr(reader_message(f->r), "confirmed") != NULL);
	assert_false(shows(frame(f), "fuzzy"));
	assert_int_equal(store_list(st, 0, &v, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].target[0].exact,
	    "The alliance met in Seoul in the spring of that year.");
	assert_string_equal(v[0].note, "where they met");
	store_free_annos(v, n);
	/* u in the list undoes the confirmation. */
	reader_do(f->r, RC_NOTE_UNDO, 0);
	assert_true(shows(frame(f), "fuzzy · tester"));
	/* c in a review filtered on the old words: the note no longer
	   passes, and the review ends rather than show nothing. */
	reader_do(f->r, RC_FILTER, 0);
	reader_input(f->r, "tokyo", 5);
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	reader_do(f->r, RC_CLOSE, 0);
	reader_do(f->r, RC_REVIEW, 0);
	assert_int_equal(reader_mode(f->r), RM_REVIEW);
	reader_do(f->r, RC_NOTE_CONFIRM, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	frame(f);
	reader_do(f->r, RC_NOTES, 0);
	reader_do(f->r, RC_FILTER, 0);
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	assert_false(shows(frame(f), "fuzzy"));
	close_fix(f);

	open_docs(f, v3, "Right.\n", 120, 24);
	reader_set_store(f->r, st, NULL);
	reader_do(f->r, RC_NOTES, 0);
	assert_true(shows(frame(f), "orphan · tester"));
	assert_true(shows(frame(f), "The alliance met in Seoul"));
	reader_do(f->r, RC_NOTE_MOVE, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	/* Esc would leave it; a selection and a move it. */
	reader_do(f->r, RC_VISUAL, 0);
	reader_do(f->r, RC_ANNOTATE, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	assert_true(strstr(reader_message(f->r), "on this passage") != NULL);
	assert_int_equal(store_list(st, 0, &v, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].target[0].exact, "Alpha one.");
	assert_string_equal(v[0].note, "where they met");
	store_free_annos(v, n);
	assert_string_equal(with_role(frame(f), OR_BIT(OR_NOTE)),
	    "Alpha one.");
	close_fix(f);
	store_close(st);
	remove_store(path);
}

/*
 * E hands the note to the device for the user's editor: what the editor
 * leaves is saved; a failed editor leaves the note in the note editor;
 * --secure never asks for one.
 */
static void
e_writes_the_note_in_the_outside_editor(void **state)
{
	struct fix	*f = *state;
	const char	*md = "Alpha one. Beta two.\n";
	char		 path[4096];
	struct store	*st = temp_store(path, sizeof(path));
	struct anno	*v;
	size_t		 n;

	open_docs(f, md, "Right.\n", 100, 20);
	reader_set_store(f->r, st, NULL);
	assert_null(reader_external(f->r));
	reader_do(f->r, RC_VISUAL, 0);
	reader_do(f->r, RC_EXTERNAL, 0);
	assert_int_equal(reader_mode(f->r), RM_EDIT);
	assert_non_null(reader_external(f->r));
	assert_string_equal(reader_external(f->r), "");
	/* The editor failed: nothing saved, the note editor stays. */
	reader_external_done(f->r, NULL, "vi failed (exit 1)");
	assert_null(reader_external(f->r));
	assert_int_equal(reader_mode(f->r), RM_EDIT);
	assert_true(strstr(reader_message(f->r), "vi failed (exit 1)") !=
	    NULL);
	reader_input(f->r, "typed here", 10);
	reader_do(f->r, RC_EXTERNAL, 0);
	assert_string_equal(reader_external(f->r), "typed here");
	reader_external_done(f->r, "typed here\nand there #ed", NULL);
	assert_string_equal(reader_message(f->r), "saved");
	assert_int_equal(reader_mode(f->r), RM_READ);
	assert_int_equal(store_list(st, 0, &v, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].note, "typed here\nand there #ed");
	assert_string_equal(v[0].tags[0], "ed");
	assert_string_equal(v[0].target[0].exact, "Alpha one.");
	store_free_annos(v, n);
	/* E in the list: the note's text; unchanged, nothing is saved. */
	reader_do(f->r, RC_NOTES, 0);
	reader_do(f->r, RC_EXTERNAL, 0);
	assert_string_equal(reader_external(f->r), "typed here\nand there #ed");
	reader_external_done(f->r, "typed here\nand there #ed", NULL);
	assert_string_equal(reader_message(f->r), "the note is unchanged");
	assert_int_equal(reader_mode(f->r), RM_READ);
	/* An empty note is not saved. */
	reader_do(f->r, RC_EXTERNAL, 0);
	reader_external_done(f->r, "  \n", NULL);
	assert_int_equal(reader_mode(f->r), RM_EDIT);
	assert_true(strstr(reader_message(f->r), "empty") != NULL);
	reader_do(f->r, RC_EDIT_CANCEL, 0);
	reader_input(f->r, "y", 1);
	/* Kiosk mode: E says no, and nothing waits for an editor. */
	reader_set_secure(f->r, 1);
	reader_do(f->r, RC_EXTERNAL, 0);
	assert_null(reader_external(f->r));
	assert_int_equal(reader_mode(f->r), RM_READ);
	assert_true(strstr(reader_message(f->r), "--secure") != NULL);
	reader_do(f->r, RC_NOTES, 0);
	reader_do(f->r, RC_EXTERNAL, 0);
	assert_null(reader_external(f->r));
	assert_true(strstr(reader_message(f->r), "--secure") != NULL);
	assert_int_equal(store_list(st, 0, &v, &n, NULL), 0);
	assert_int_equal(n, 1);
	store_free_annos(v, n);
	close_fix(f);
	store_close(st);
	remove_store(path);
}

/*
 * The terminal goes while a note is being edited: the draft comes back
 * as that note's edit, and saving it changes the note, never adds one.
 */
static void
the_draft_of_an_edit_stays_an_edit(void **state)
{
	struct fix	*f = *state;
	const char	*md = "Alpha one. Beta two.\n";
	char		 path[4096];
	struct store	*st = temp_store(path, sizeof(path));
	struct anno	*v;
	size_t		 n;

	open_docs(f, md, "Right.\n", 100, 20);
	/* Written under another name (an import, say): in one's own
	   store, still one's own to edit. */
	put_note(f, st, 0, "Beta two.", "someone else", "first words");
	reader_set_store(f->r, st, NULL);
	reader_do(f->r, RC_NOTES, 0);
	reader_do(f->r, RC_NOTE_EDIT, 0);
	assert_int_equal(reader_mode(f->r), RM_EDIT);
	reader_do(f->r, RC_ED_END, 0);
	reader_input(f->r, ", more", 6);
	reader_keep_draft(f->r);
	close_fix(f);

	open_docs(f, md, "Right.\n", 100, 20);
	reader_set_store(f->r, st, NULL);
	assert_int_equal(reader_mode(f->r), RM_EDIT);
	assert_true(strstr(reader_message(f->r), "was kept") != NULL);
	reader_do(f->r, RC_EDIT_SAVE, 0);
	assert_true(strstr(reader_message(f->r), "saved") != NULL);
	assert_int_equal(store_list(st, 0, &v, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].note, "first words, more");
	assert_string_equal(v[0].target[0].exact, "Beta two.");
	store_free_annos(v, n);
	close_fix(f);
	/* Saved: not offered again. */
	open_docs(f, md, "Right.\n", 100, 20);
	reader_set_store(f->r, st, NULL);
	assert_int_equal(reader_mode(f->r), RM_READ);
	close_fix(f);
	store_close(st);
	remove_store(path);
}

/* Live annotations in s. */
static size_t
live(struct store *s)
{
	struct anno	*v;
	size_t		 n;

	assert_int_equal(store_list(s, 0, &v, &n, NULL), 0);
	store_free_annos(v, n);
	return n;
}

/*
 * With a seminar open, a new note goes to the seminar's store; P makes
 * it private (in the personal store only) and shared again.  Notes
 * others write there appear when the reader looks (no key needed: the
 * device calls reader_poll_stores), and are theirs: no editing them.
 */
static void
a_seminar_shares_notes_and_keeps_them_apart(void **state)
{
	struct fix	*f = *state;
	const char	*md = "Alpha one. Beta two.\n\nGamma three.\n";
	char		 mine[4096], shared[4096];
	struct store	*st = temp_store(mine, sizeof(mine));
	struct store	*sem = temp_store(shared, sizeof(shared));
	struct store	*ana;
	char		*err = NULL;
	struct screen	*sc;

	if (store_open(&ana, shared, "ana", STORE_WRITE, &err) == -1)
		fail_msg("%s", err);
	open_docs(f, md, "Right.\n", 120, 24);
	reader_set_seminar(f->r, sem);
	reader_set_store(f->r, st, NULL);
	assert_true(shows(frame(f), "seminar · "));
	assert_int_equal(reader_poll_stores(f->r), 0);

	reader_do(f->r, RC_VISUAL, 0);
	reader_do(f->r, RC_ANNOTATE, 0);
	reader_input(f->r, "for everyone", 12);
	reader_do(f->r, RC_EDIT_SAVE, 0);
	assert_true(strstr(reader_message(f->r), "shared with the seminar") !=
	    NULL);
	assert_int_equal(live(sem), 1);
	assert_int_equal(live(st), 0);

	/* P: private, then shared again; the same note all along. */
	reader_do(f->r, RC_NOTES, 0);
	reader_do(f->r, RC_NOTE_SHARE, 0);
	assert_true(strstr(reader_message(f->r), "private") != NULL);
	assert_int_equal(live(sem), 0);
	assert_int_equal(live(st), 1);
	sc = frame(f);
	assert_true(shows(sc, "private · tester"));
	reader_do(f->r, RC_NOTE_SHARE, 0);
	assert_int_equal(live(sem), 1);
	assert_int_equal(live(st), 0);
	assert_false(shows(frame(f), "private ·"));
	reader_do(f->r, RC_NOTE_SHARE, 0);

	/* Someone else writes in the seminar: it shows on the next look. */
	put_note(f, ana, 0, "Gamma three.", "ana", "ana's view #seminar");
	assert_int_equal(reader_poll_stores(f->r), 1);
	assert_int_equal(reader_poll_stores(f->r), 0);
	sc = frame(f);
	assert_true(shows(sc, "ana's view #seminar"));
	assert_true(shows(sc, "private · tester"));
	/* Not ours to change. */
	reader_do(f->r, RC_LIST_BOTTOM, 0);
	reader_do(f->r, RC_NOTE_EDIT, 0);
	assert_int_equal(reader_mode(f->r), RM_LIST);
	assert_string_equal(reader_message(f->r),
	    "this is ana's note: only they can change it");
	reader_do(f->r, RC_NOTE_DELETE, 0);
	assert_int_equal(live(sem), 1);
	reader_do(f->r, RC_NOTE_SHARE, 0);
	assert_int_equal(live(sem), 1);
	/* A thread moves whole or not at all: P on a note with a reply
	   says so and moves nothing. */
	reader_do(f->r, RC_LIST_TOP, 0);
	reader_do(f->r, RC_REPLY, 0);
	reader_input(f->r, "my own answer", 13);
	reader_do(f->r, RC_EDIT_SAVE, 0);
	assert_string_equal(reader_message(f->r), "reply saved");
	reader_do(f->r, RC_NOTES, 0);
	reader_do(f->r, RC_LIST_TOP, 0);
	reader_do(f->r, RC_NOTE_SHARE, 0);
	assert_true(strstr(reader_message(f->r), "in a thread") != NULL);
	/* The private note and its reply stay in the personal store. */
	assert_int_equal(live(sem), 1);
	assert_int_equal(live(st), 2);
	/* Both passages marked, whoever wrote them, wherever kept. */
	reader_do(f->r, RC_CLOSE, 0);
	assert_string_equal(with_role(frame(f), OR_BIT(OR_NOTE)),
	    "Alpha one.\nGamma three.");
	close_fix(f);
	store_close(ana);
	store_close(st);
	store_close(sem);
	remove_store(mine);
	remove_store(shared);
}

/*
 * r replies to a note: the reply is kept on the note's passage with
 * reply_to set, listed under it, shown in its card as a thread, and not
 * reviewed on its own.
 */
static void
replies_are_threads_under_their_note(void **state)
{
	struct fix	*f = *state;
	const char	*md = "Alpha one. Beta two.\n\nGamma three.\n";
	char		 path[4096];
	struct store	*st = temp_store(path, sizeof(path));
	struct anno	*v;
	size_t		 n, i, k;
	struct screen	*sc;

	open_docs(f, md, "Right.\n", 120, 30);
	put_note(f, st, 0, "Beta two.", "ana", "a question?");
	put_note(f, st, 0, "Gamma three.", "bo", "later note");
	reader_set_store(f->r, st, NULL);
	reader_do(f->r, RC_NOTES, 0);
	reader_do(f->r, RC_REPLY, 0);
	assert_int_equal(reader_mode(f->r), RM_EDIT);
	assert_true(shows(frame(f), "reply on “Beta two.”"));
	reader_input(f->r, "an answer", 9);
	reader_do(f->r, RC_EDIT_SAVE, 0);
	assert_string_equal(reader_message(f->r), "reply saved");
	assert_int_equal(store_list(st, 0, &v, &n, NULL), 0);
	assert_int_equal(n, 3);
	for (i = 0; i < n && v[i].reply_to == NULL; i++)
		;
	for (k = 0; k < n && strcmp(v[k].note, "a question?") != 0; k++)
		;
	assert_true(i < n && k < n);
	assert_string_equal(v[i].note, "an answer");
	assert_string_equal(v[i].reply_to, v[k].id);
	assert_string_equal(v[i].target[0].exact, "Beta two.");
	store_free_annos(v, n);

	/* Listed under its note, before the later one. */
	reader_do(f->r, RC_NOTES, 0);
	sc = frame(f);
	assert_true(find_row(sc, "a question?", 0, sc->cols) + 1 ==
	    find_row(sc, "↳ an answer", 0, sc->cols));
	assert_true(find_row(sc, "↳ an answer", 0, sc->cols) + 1 ==
	    find_row(sc, "later note", 0, sc->cols));
	reader_do(f->r, RC_CLOSE, 0);
	/* One passage marked for the note and its reply. */
	assert_string_equal(with_role(frame(f), OR_BIT(OR_NOTE)),
	    "Beta two.\nGamma three.");
	/* The card shows the thread; a reply to it from the card too. */
	reader_do(f->r, RC_SELECT_NEXT, 0);
	for (i = 0; i < 10 && reader_mode(f->r) == RM_READ; i++) {
		reader_do(f->r, RC_OPEN, 0);
		if (reader_mode(f->r) == RM_POPUP &&
		    !shows(frame(f), "a question?")) {
			reader_do(f->r, RC_CLOSE, 0);
			reader_do(f->r, RC_SELECT_NEXT, 0);
		}
	}
	sc = frame(f);
	assert_true(shows(sc, "a question?"));
	assert_true(shows(sc, "↳ tester"));
	assert_true(shows(sc, "an answer"));
	reader_do(f->r, RC_REPLY, 0);
	assert_int_equal(reader_mode(f->r), RM_EDIT);
	reader_do(f->r, RC_EDIT_CANCEL, 0);
	/* Review: the two notes, not the reply. */
	reader_do(f->r, RC_REVIEW, 0);
	assert_true(shows(frame(f), "note 1 of 2"));
	reader_do(f->r, RC_REVIEW_END, 0);
	close_fix(f);
	store_close(st);
	remove_store(path);
}

/*
 * F names where a reader is as their status row does: in a section of
 * the other text alone, with their focus on the pane that has nothing
 * there, "no counterpart"; in a paired section, its label.
 */
static void
f_names_a_readers_section_as_their_status_row_does(void **state)
{
	struct fix		*f = *state;
	char			 mine[4096], shared[4096];
	struct store		*st = temp_store(mine, sizeof(mine));
	struct store		*sem = temp_store(shared, sizeof(shared));
	struct store_reader	*v;
	struct store_position	 p;

	open_docs(f, left_doc, right_doc, 100, 20);
	reader_set_store(f->r, st, NULL);
	reader_set_seminar(f->r, sem);
	reader_do(f->r, RC_SECTION_NEXT, 2);
	assert_string_equal(tops(f),
	    "· no counterpart in Left ·|Rg1 only on the right.");
	memset(&p, 0, sizeof(p));
	reader_get_place(f->r, &p);
	reader_do(f->r, RC_TOP, 0);
	v = xcalloc(1, sizeof(*v));
	snprintf(v[0].author, sizeof(v[0].author), "ana");
	v[0].pos = p;
	v[0].pos.saved = anno_now();
	reader_set_readers(f->r, v, 1);
	reader_do(f->r, RC_READERS, 0);
	assert_true(shows(frame(f), "ana · Left · no counterpart"));
	reader_do(f->r, RC_CLOSE, 0);
	/* In Beta, paired by the marks: its name. */
	reader_do(f->r, RC_SECTION_NEXT, 3);
	reader_get_place(f->r, &p);
	reader_do(f->r, RC_TOP, 0);
	v = xcalloc(1, sizeof(*v));
	snprintf(v[0].author, sizeof(v[0].author), "ana");
	v[0].pos = p;
	v[0].pos.saved = anno_now();
	reader_set_readers(f->r, v, 1);
	reader_do(f->r, RC_READERS, 0);
	assert_true(shows(frame(f), "ana · Left · Beta"));
	close_fix(f);
	store_close(st);
	store_close(sem);
	remove_store(mine);
	remove_store(shared);
}

/*
 * F lists who else reads the pair; Enter follows one: the panes go to
 * their place, and again each time it moves, until a movement key; the
 * status row says whom one follows, and who follows one.
 */
static void
following_a_reader_moves_the_panes_until_one_moves(void **state)
{
	struct fix		*f = *state;
	char			 mine[4096], shared[4096];
	struct store		*st = temp_store(mine, sizeof(mine));
	struct store		*sem = temp_store(shared, sizeof(shared));
	struct store_reader	*v;
	struct screen		*sc;
	size_t			 at;
	int			 lx0, lx1, rx0, rx1;

	open_bundled(f, 160, 30);
	reader_set_store(f->r, st, NULL);
	reader_do(f->r, RC_READERS, 0);
	assert_true(strstr(reader_message(f->r), "none is open") != NULL);
	reader_set_seminar(f->r, sem);
	reader_do(f->r, RC_READERS, 0);
	assert_true(strstr(reader_message(f->r), "nobody else") != NULL);

	/* ana reads the third section; bo follows tester. */
	v = xcalloc(2, sizeof(*v));
	snprintf(v[0].author, sizeof(v[0].author), "ana");
	v[0].pos.offset[0] = doc_section(f->d[0], 3)->offset;
	v[0].pos.offset[1] = doc_section(f->d[1], 0)->offset;
	v[0].pos.sync = 1;
	v[0].pos.saved = anno_now();
	snprintf(v[1].author, sizeof(v[1].author), "bo");
	snprintf(v[1].pos.following, sizeof(v[1].pos.following), "tester");
	v[1].pos.sync = 1;
	v[1].pos.saved = anno_now() - 20000;
	reader_set_readers(f->r, v, 2);
	reader_do(f->r, RC_REDRAW, 0);		/* the message goes */
	sc = frame(f);
	assert_true(shows(sc, "followed by bo"));
	reader_do(f->r, RC_READERS, 0);
	assert_int_equal(reader_mode(f->r), RM_LIST);
	sc = frame(f);
	assert_true(shows(sc, "reading now"));
	assert_true(shows(sc, "ana · Ogi 2024 · "));
	assert_true(shows(sc, "bo · Ogi 2024"));
	assert_true(shows(sc, "follows tester"));
	reader_do(f->r, RC_LIST_ENTER, 0);
	assert_string_equal(reader_following(f->r), "ana");
	at = reader_top_offset(f->r, SIDE_LEFT);
	assert_true(doc_section_at(f->d[0], at) == 3);
	assert_true(shows(frame(f), "following ana"));

	/* ana moves on: so does the reader. */
	v = xcalloc(1, sizeof(*v));
	snprintf(v[0].author, sizeof(v[0].author), "ana");
	v[0].pos.offset[0] = doc_section(f->d[0], 4)->offset;
	v[0].pos.sync = 1;
	v[0].pos.saved = anno_now();
	reader_set_readers(f->r, v, 1);
	assert_true(doc_section_at(f->d[0],
	    reader_top_offset(f->r, SIDE_LEFT)) == 4);
	/* A movement key: no longer following; ana's moves stay hers. */
	reader_do(f->r, RC_DOWN, 0);
	assert_null(reader_following(f->r));
	assert_true(strstr(reader_message(f->r), "no longer following ana") !=
	    NULL);
	at = reader_top_offset(f->r, SIDE_LEFT);
	v = xcalloc(1, sizeof(*v));
	snprintf(v[0].author, sizeof(v[0].author), "ana");
	v[0].pos.offset[0] = doc_section(f->d[0], 1)->offset;
	v[0].pos.sync = 1;
	v[0].pos.saved = anno_now();
	reader_set_readers(f->r, v, 1);
	assert_int_equal(reader_top_offset(f->r, SIDE_LEFT), at);

	/* At 80 columns, followed by two with long names: the right
	   status row says so in few words, and keeps to its pane. */
	v = xcalloc(2, sizeof(*v));
	snprintf(v[0].author, sizeof(v[0].author), "a-rather-long-name");
	snprintf(v[0].pos.following, sizeof(v[0].pos.following), "tester");
	v[0].pos.saved = anno_now();
	snprintf(v[1].author, sizeof(v[1].author), "another-long-one");
	snprintf(v[1].pos.following, sizeof(v[1].pos.following), "tester");
	v[1].pos.saved = anno_now();
	reader_set_readers(f->r, v, 2);
	resize(f, 80, 24);
	reader_do(f->r, RC_REDRAW, 0);
	sc = frame(f);
	panes(80, &lx0, &lx1, &rx0, &rx1);
	assert_true(strncmp(text(sc, 23, 0, lx1), " Ogi 2024 · ", 12) == 0);
	assert_true(strstr(text(sc, 23, rx0, 80), "followed by 2 · sync") !=
	    NULL);
	assert_true(strncmp(text(sc, 23, rx0, 80), " Koga", 5) == 0);
	close_fix(f);
	store_close(st);
	store_close(sem);
	remove_store(mine);
	remove_store(shared);
}

/* Every test gets a fresh fixture, freed even when it fails. */
#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

/*
 * A text of 10 MB (the essay again and again) opens laying out what the
 * first screen shows, not the text: the rows built are counted, never
 * timed.  Scrolling, paging and resizing near the top cost rows of the
 * screen's order too.
 */
static void
a_long_text_lays_out_what_is_shown(void **state)
{
	struct fix	*f = *state;
	struct buf	 big;
	struct screen	*before;
	char		*data, *body;
	const char	*p;
	size_t		 len, len1, built, matched;
	int		 k;

	data = slurp("texts/ogi-2024.md", &len);
	/* The body: after the front matter, without section marks. */
	body = strstr(data + 3, "\n---\n") + 5;
	buf_init(&big);
	while (big.len < 10 * 1024 * 1024)
		for (p = body; *p != '\0'; p = strchr(p, '\n') + 1) {
			if (strncmp(p, "<!-- section:", 13) != 0)
				buf_add(&big, p, (size_t)(strchr(p, '\n') + 1 -
				    p));
			if (strchr(p, '\n')[1] == '\0')
				break;
		}
	free(data);
	f->d[0] = parse("big.md", big.data, big.len);
	buf_free(&big);
	data = slurp("texts/koga-2023.md", &len);
	f->d[1] = parse("koga.md", data, len);
	free(data);
	bundled_glossary(f);

	built = layout_rows_built();
	matched = glossary_matched();
	f->r = reader_new(f->d[0], f->d[1], f->g);
	resize(f, 160, 48);
	before = frame(f);
	/* Both panes' first screen, and the rest of the paragraphs that
	   reach into it: a few hundred rows of some 300,000. */
	assert_true(layout_rows_built() - built < 600);
	/* The terms of the pieces shown: a piece or two of each text,
	   pieces of some 4 KiB. */
	assert_true(glossary_matched() - matched < 24 * 1024);
	/* Found whole when the device waits, each text once, the frame
	   unchanged. */
	matched = glossary_matched();
	assert_int_equal(reader_idle(f->r), 1);
	(void)doc_text(f->d[0], &len);
	(void)doc_text(f->d[1], &len1);
	assert_true(len > 10 * 1000 * 1000);
	assert_int_equal(glossary_matched() - matched, len + len1);
	assert_same_frame(before, frame(f));
	built = layout_rows_built();
	for (k = 0; k < 20; k++) {
		reader_do(f->r, RC_DOWN, 0);
		(void)frame(f);
	}
	reader_do(f->r, RC_PAGE_DOWN, 0);
	reader_do(f->r, RC_PAGE_DOWN, 0);
	(void)frame(f);
	assert_true(layout_rows_built() - built < 600);
	built = layout_rows_built();
	resize(f, 120, 40);
	(void)frame(f);
	resize(f, 160, 48);
	(void)frame(f);
	assert_true(layout_rows_built() - built < 1500);
	close_fix(f);
}

/*
 * T, Enter: the first term's concordance; / and a word in neither essay,
 * or nothing to find, leave it as it was and say so; a word found
 * replaces it; Enter goes to a line's mention.
 */
static void
the_concordance_list_keeps_its_lines(void **state)
{
	struct fix	*f = *state;
	struct screen	*s;

	open_bundled(f, 160, 40);
	reader_do(f->r, RC_TERMS, 0);
	reader_do(f->r, RC_LIST_ENTER, 0);
	assert_int_equal(reader_mode(f->r), RM_LIST);
	s = frame(f);
	assert_true(shows(s, " KN-23: 4 in Ogi 2024, 0 in Koga 2023 "));
	reader_do(f->r, RC_FILTER, 0);
	reader_input(f->r, "zzqx", 4);
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	assert_string_equal(reader_message(f->r), "zzqx: in neither essay");
	assert_true(shows(frame(f), " KN-23: 4 in Ogi 2024, 0 in Koga 2023 "));
	reader_do(f->r, RC_FILTER, 0);
	reader_input(f->r, "*", 1);
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	assert_non_null(strstr(reader_message(f->r), "a word to find"));
	assert_true(shows(frame(f), " KN-23: 4 in Ogi 2024, 0 in Koga 2023 "));
	reader_do(f->r, RC_FILTER, 0);
	reader_input(f->r, "Pyongyang", 9);
	reader_do(f->r, RC_PROMPT_ACCEPT, 0);
	s = frame(f);
	assert_false(shows(s, " KN-23: 4 in Ogi 2024"));
	assert_true(shows(s, " Pyongyang: "));
	reader_do(f->r, RC_LIST_ENTER, 0);
	assert_int_equal(reader_mode(f->r), RM_READ);
	assert_non_null(strstr(reader_message(f->r), "Pyongyang: 1 of "));
	close_fix(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(paired_sections_start_on_one_row),
		T(a_count_moves_both_panes),
		T(free_mode_scrolls_one_pane_and_relocking_joins_it),
		T(section_jumps),
		T(section_jumps_in_free_mode_follow_the_focused_essay),
		T(free_mode_scrolls_a_pane_until_its_last_row_is_at_the_top),
		T(relocking_keeps_the_text_under_a_blank_top_row),
		T(a_place_in_a_section_of_the_other_text_alone_comes_back),
		T(suggestions_leave_a_reader_at_the_top_there),
		T(a_resize_by_one_column_keeps_the_passage),
		T(resizes_back_and_forth_keep_the_passage),
		T(a_resize_keeps_the_other_panes_text_when_focus_shows_padding),
		T(a_resize_keeps_text_under_padding_and_notes),
		T(a_resize_with_a_blank_row_at_the_top_moves_nothing),
		T(a_narrow_screen_shows_one_pane_the_other_following),
		T(widening_a_narrow_screen_keeps_the_passage),
		T(a_tiny_screen_says_too_small),
		T(lists_keep_their_own_cursor),
		T(small_screens_show_the_open_list_or_popup),
		T(tab_selects_items_and_opens_popups),
		T(search_marks_matches_and_steps_through_them),
		T(the_prompt_erases_and_cancels),
		T(the_search_moves_as_it_is_typed),
		T(marks_and_jumps),
		T(the_clipboard_carries_no_payload),
		T(the_measure_keeps_lines_readable),
		T(the_overview_bar_shows_the_whole_essay),
		T(help_lists_groups_and_rows),
		T(the_cursor_shows_only_in_the_prompt),
		T(a_selection_grows_and_shrinks_by_unit),
		T(a_selection_swaps_edges_and_goes_by_rows),
		T(v_takes_the_item_or_the_match),
		T(a_note_is_stored_and_shown_again),
		T(a_pairing_that_crosses_one_stored_is_not_saved),
		T(a_pairing_across_the_marks_is_not_saved),
		T(the_first_frame_needs_no_note_read),
		T(without_a_store_a_note_stays_in_the_editor),
		T(the_notes_filter_narrows_the_list_and_the_review),
		T(fuzzy_notes_are_confirmed_and_orphans_moved),
		T(e_writes_the_note_in_the_outside_editor),
		T(the_draft_of_an_edit_stays_an_edit),
		T(a_seminar_shares_notes_and_keeps_them_apart),
		T(replies_are_threads_under_their_note),
		T(following_a_reader_moves_the_panes_until_one_moves),
		T(f_names_a_readers_section_as_their_status_row_does),
		T(a_long_text_lays_out_what_is_shown),
		T(the_concordance_list_keeps_its_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
