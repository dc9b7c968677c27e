/*
 * tui.c: the reader's panes, key table and main loop.
 *
 * State: two panes, each a document laid out at the pane's width, and
 * the alignment of the two layouts.  With the sync lock on (the default)
 * in a split screen, one position drives both panes: atop, the first
 * aligned row shown, so paired sections begin on the same screen row.
 * Otherwise each pane has its own top row; with the lock on, the pane
 * that is not focused follows the focused one (through the alignment,
 * or by the same fraction when no section pairs), which is also how a
 * narrow screen showing one pane keeps the other in step.
 *
 * Each pane keeps an anchor, the text offset of its top row, changed
 * only when the user moves; a resize lays everything out again and puts
 * the focused pane's anchor back at the top, so the same passage stays
 * in view however often the terminal changes size.
 *
 * Keys are one table (struct binding): the dispatcher, the ? screen and
 * --help all read it.  Every frame is drawn whole into curses' virtual
 * screen, which sends the terminal only what changed; a frame and every
 * command cost the rows on screen, never the length of the documents.
 */
#include "config.h"

#include <stddef.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>
#include <unistr.h>

#include "diptych/align.h"
#include "diptych/card.h"
#include "diptych/doc.h"
#include "diptych/glossary.h"
#include "diptych/layout.h"
#include "diptych/search.h"
#include "diptych/tui.h"
#include "diptych/util.h"
#include "screen.h"

#define MIN_COLS	20
#define MIN_LINES	4
#define SPLIT_COLS	80	/* below this, one pane at a time */
#define CTRL(c)		((c) & 0x1f)
#define KEY_ESC		27

/* Something Tab can select: a link (citation) or a glossary term. */
struct item {
	size_t		 start, end;
	int		 link;		/* 1: doc link index; 0: term hit index */
	size_t		 index;
};

struct pane {
	struct doc	*doc;
	struct layout	*lay;
	size_t		 top;		/* first layout row shown */
	size_t		 anchor;	/* text offset of the top row */
	int		 x, w;		/* columns of the text area */
	int		 shown;
	struct term_hit	*hits;		/* glossary terms in the text */
	size_t		 nhits;
	size_t		*counts;	/* per glossary term: its hits here */
	struct item	*items;		/* links and terms, in text order */
	size_t		 nitems;
	long		 sel;		/* selected item, or -1 */
	struct search_hit *matches;	/* of the last search, in this pane */
	size_t		 nmatches;
	long		 cur;		/* current match, or -1 */
	char		*searched;	/* the pattern matches[] are for */
};

enum overlay { OV_NONE, OV_HELP, OV_SECTIONS, OV_TERMS, OV_CARD };

struct app {
	struct pane	 pane[2];
	struct align	*al;
	size_t		 atop;		/* first aligned row, in row mode */
	int		 locked;	/* sync lock */
	int		 focus;		/* SIDE_LEFT or SIDE_RIGHT */
	int		 single;	/* narrow: only the focused pane */
	int		 tiny;		/* too small to draw */
	int		 height;	/* text rows of a pane */
	enum overlay	 overlay;
	long		 ov_top;	/* first line shown in the overlay */
	long		 ov_sel;	/* selected line (lists) */
	struct glossary	*gloss;
	size_t		*cycle;		/* per term: next occurrence to visit */
	struct card	 card;		/* the open popup's content */
	struct layout	*card_lay;	/* ... laid out at the popup's width */
	char		 msg[160];	/* shown once in the status row */
	int		 prompting;	/* reading a search pattern */
	struct buf	 input;		/* ... so far */
	char		*pattern;	/* the last pattern searched for */
	int		 count;		/* numeric prefix, 0 for none */
	int		 quit;
};

struct binding {
	int		 keys[4];	/* 0-terminated */
	const char	*names;		/* as shown on the ? screen */
	const char	*what;
	void		(*fn)(struct app *, int);
	int		 arg;
};

static volatile sig_atomic_t got_signal;

static void	cmd_quit(struct app *, int);
static void	cmd_scroll(struct app *, int);
static void	cmd_page(struct app *, int);
static void	cmd_half(struct app *, int);
static void	cmd_edge(struct app *, int);
static void	cmd_section(struct app *, int);
static void	cmd_sections(struct app *, int);
static void	cmd_focus(struct app *, int);
static void	cmd_lock(struct app *, int);
static void	cmd_select(struct app *, int);
static void	cmd_open(struct app *, int);
static void	cmd_unselect(struct app *, int);
static void	cmd_copy(struct app *, int);
static void	cmd_terms(struct app *, int);
static void	cmd_search(struct app *, int);
static void	cmd_next(struct app *, int);
static void	cmd_help(struct app *, int);
static void	cmd_redraw(struct app *, int);

/* The key table: one row per command. */
static const struct binding bindings[] = {
	{ { 'j', KEY_DOWN, CTRL('E') }, "j Down Ctrl-E",
	  "scroll down one row (5j: five rows)", cmd_scroll, 1 },
	{ { 'k', KEY_UP, CTRL('Y') }, "k Up Ctrl-Y",
	  "scroll up one row", cmd_scroll, -1 },
	{ { ' ', 'f', KEY_NPAGE, CTRL('F') }, "Space f PgDn Ctrl-F",
	  "page down", cmd_page, 1 },
	{ { 'b', KEY_PPAGE, CTRL('B') }, "b PgUp Ctrl-B",
	  "page up", cmd_page, -1 },
	{ { 'd', CTRL('D') }, "d Ctrl-D", "half a page down", cmd_half, 1 },
	{ { 'u', CTRL('U') }, "u Ctrl-U", "half a page up", cmd_half, -1 },
	{ { 'g', KEY_HOME, '<' }, "g Home <", "go to the top", cmd_edge, -1 },
	{ { 'G', KEY_END, '>' }, "G End >", "go to the bottom", cmd_edge, 1 },
	{ { ']' }, "]", "next section, in both panes", cmd_section, 1 },
	{ { '[' }, "[", "previous section, in both panes", cmd_section, -1 },
	{ { 'S' }, "S", "sections list (Enter jumps)", cmd_sections, 0 },
	{ { 'h', KEY_LEFT }, "h Left",
	  "focus the left pane (narrow: show it)", cmd_focus, SIDE_LEFT },
	{ { 'l', KEY_RIGHT }, "l Right",
	  "focus the right pane (narrow: show it)", cmd_focus, SIDE_RIGHT },
	{ { 's' }, "s", "sync lock on or off", cmd_lock, 0 },
	{ { '\t' }, "Tab", "select the next citation or term", cmd_select, 1 },
	{ { KEY_BTAB }, "Shift-Tab", "select the previous citation or term",
	  cmd_select, -1 },
	{ { '\r', '\n', KEY_ENTER }, "Enter",
	  "open the selection's popup (none: down a row)", cmd_open, 0 },
	{ { 'y' }, "y", "copy the selection's URL (OSC 52)", cmd_copy, 0 },
	{ { KEY_ESC }, "Esc", "clear the selection and search highlights",
	  cmd_unselect, 0 },
	{ { 'T' }, "T", "glossary index (Enter: next occurrence)", cmd_terms,
	  0 },
	{ { '/' }, "/", "search the focused pane (smart case)", cmd_search,
	  0 },
	{ { 'n' }, "n", "next match", cmd_next, 1 },
	{ { 'N' }, "N", "previous match", cmd_next, -1 },
	{ { '?' }, "?", "show or hide this help", cmd_help, 0 },
	{ { CTRL('L') }, "Ctrl-L", "redraw the screen", cmd_redraw, 0 },
	{ { 'q' }, "q", "quit (nothing is ever unsaved)", cmd_quit, 0 },
};

#define NBINDINGS	(sizeof(bindings) / sizeof(bindings[0]))

void
tui_print_keys(FILE *out)
{
	size_t i;

	for (i = 0; i < NBINDINGS; i++)
		fprintf(out, "  %-22s %s\n", bindings[i].names,
		    bindings[i].what);
}

static void
on_signal(int sig)
{
	got_signal = sig;
}

/* --- positions --------------------------------------------------------- */

/*
 * Row mode: with the lock on in a split screen, one aligned position
 * (atop) drives both panes, drawn row against row.
 */
static int
row_mode(const struct app *a)
{
	return a->locked && !a->single && !align_proportional(a->al);
}

/*
 * Proportional mode: with the lock on and no section in common, atop is
 * a position among as many rows as the longer essay has, and each pane
 * shows the same fraction of its own.
 */
static int
prop_mode(const struct app *a)
{
	return a->locked && align_proportional(a->al);
}

/* The rows atop moves among. */
static size_t
drive_rows(const struct app *a)
{
	size_t nl = layout_nrows(a->pane[0].lay), nr = layout_nrows(a->pane[1].lay);

	if (row_mode(a))
		return align_nrows(a->al);
	return nl > nr ? nl : nr;
}

/* The last full screen's top among n rows. */
static size_t
last_top(const struct app *a, size_t n)
{
	return n > (size_t)a->height ? n - (size_t)a->height : 0;
}

/*
 * Clamp a wanted top row among n rows: never before 0, and never past
 * the last full screen, unless already past it (a section jump may land
 * there so that its section starts at the top).
 */
static size_t
clamp_top(const struct app *a, long want, size_t cur, size_t n)
{
	size_t limit = last_top(a, n);

	if (cur > limit && want <= (long)cur)
		limit = cur;
	if (want < 0)
		return 0;
	return (size_t)want > limit ? limit : (size_t)want;
}

static void
set_anchor(struct pane *p)
{
	const struct layout_row *r = layout_row(p->lay, p->top);

	if (r != NULL)
		p->anchor = r->start;
}

/* Row n of pane p mapped to the same fraction of m rows. */
static size_t
scale(const struct app *a, size_t row, size_t n, size_t m)
{
	size_t from = last_top(a, n), to = last_top(a, m);

	if (from == 0)
		return 0;
	if (row > from)
		row = from;
	return (size_t)((double)row * to / from + 0.5);
}

/* In row and proportional mode, the pane tops follow atop. */
static void
tops_from_atop(struct app *a)
{
	size_t	 n = drive_rows(a);
	int	 side;

	for (side = 0; side < 2; side++) {
		struct pane *p = &a->pane[side];

		p->top = row_mode(a) ? align_layout_row(a->al, side, a->atop) :
		    scale(a, a->atop, n, layout_nrows(p->lay));
		set_anchor(p);
	}
}

/* The atop that shows pane side's top row where it is. */
static size_t
atop_from_pane(const struct app *a, int side)
{
	const struct pane *p = &a->pane[side];

	if (row_mode(a))
		return align_index_of(a->al, side, p->top);
	return scale(a, p->top, layout_nrows(p->lay), drive_rows(a));
}

/*
 * On a narrow screen with the lock on, bring the pane that is not
 * focused (and not shown) to the focused pane's aligned place.
 */
static void
follow_focus(struct app *a)
{
	struct pane *o = &a->pane[!a->focus];

	if (!a->locked || prop_mode(a))
		return;
	o->top = align_layout_row(a->al, !a->focus,
	    align_index_of(a->al, a->focus, a->pane[a->focus].top));
	o->top = clamp_top(a, (long)o->top, 0, layout_nrows(o->lay));
	set_anchor(o);
}

/* Whether atop drives the panes. */
static int
driven(const struct app *a)
{
	return row_mode(a) || prop_mode(a);
}

/* Move by rows: the driving position, or the focused pane. */
static void
move_by(struct app *a, long rows)
{
	struct pane *f = &a->pane[a->focus];

	if (driven(a)) {
		a->atop = clamp_top(a, (long)a->atop + rows, a->atop,
		    drive_rows(a));
		tops_from_atop(a);
		return;
	}
	f->top = clamp_top(a, (long)f->top + rows, f->top,
	    layout_nrows(f->lay));
	set_anchor(f);
	follow_focus(a);
}

/* Put pane side's row r at its top, the other pane following. */
static void
pane_to(struct app *a, int side, size_t r)
{
	struct pane *p = &a->pane[side];

	p->top = r;
	if (driven(a)) {
		a->atop = atop_from_pane(a, side);
		tops_from_atop(a);
		p->top = r;
	} else if (side == a->focus)
		follow_focus(a);
	set_anchor(p);
}

/* Go to aligned section k: its first row at the top of both panes. */
static void
goto_section(struct app *a, size_t k)
{
	const struct align_section *s = align_section(a->al, k);
	int side;

	if (row_mode(a)) {
		a->atop = s->first;
		tops_from_atop(a);
		return;
	}
	for (side = 0; side < 2; side++)
		if (s->sec[side] >= 0)
			a->pane[side].top = align_layout_row(a->al, side,
			    s->first);
	/* The focused essay's section, else the other's, leads. */
	side = s->sec[a->focus] >= 0 ? a->focus : !a->focus;
	pane_to(a, side, a->pane[side].top);
	if (side != a->focus && a->locked && !prop_mode(a)) {
		a->focus = side;
		follow_focus(a);
		a->focus = !side;
	}
}

/* The aligned section the focused pane is in. */
static size_t
current_section(const struct app *a)
{
	const struct pane *f = &a->pane[a->focus];

	if (row_mode(a))
		return align_section_at(a->al, a->atop);
	return align_section_at(a->al, align_index_of(a->al, a->focus,
	    f->top));
}

/* Lay pane p out at width w, if it is not already. */
static void
pane_layout(struct pane *p, int w)
{
	if (p->lay != NULL && layout_width(p->lay) == w)
		return;
	layout_free(p->lay);
	p->lay = layout_new(p->doc, w);
}

/*
 * Compute the geometry for the current terminal size, lay out and align
 * again, and put the focused pane's anchor back at the top.
 */
static void
relayout(struct app *a)
{
	struct pane	*f = &a->pane[a->focus];
	int		 side, lw;

	a->tiny = COLS < MIN_COLS || LINES < MIN_LINES;
	if (a->tiny)
		return;
	a->height = LINES - 1;
	a->single = COLS < SPLIT_COLS;
	if (a->single) {
		for (side = 0; side < 2; side++) {
			a->pane[side].x = 0;
			a->pane[side].w = COLS;
			a->pane[side].shown = side == a->focus;
		}
	} else {
		lw = (COLS - 3) / 2;
		a->pane[0].x = 0;
		a->pane[0].w = lw;
		a->pane[1].x = lw + 3;
		a->pane[1].w = COLS - 3 - lw;
		a->pane[0].shown = a->pane[1].shown = 1;
	}
	for (side = 0; side < 2; side++)
		pane_layout(&a->pane[side], a->pane[side].w);
	align_free(a->al);
	a->al = align_new(a->pane[0].lay, a->pane[1].lay);

	if (driven(a)) {
		/* The top of both texts stays the top. */
		size_t keep[2] = { a->pane[0].anchor, a->pane[1].anchor };

		if (a->atop > 0 || f->anchor > 0) {
			f->top = layout_row_at(f->lay, f->anchor);
			a->atop = clamp_top(a, (long)atop_from_pane(a, a->focus),
			    0, drive_rows(a));
		}
		tops_from_atop(a);
		/* A resize moves nothing: the anchors stay where the reader
		   left them, for the next resize. */
		a->pane[0].anchor = keep[0];
		a->pane[1].anchor = keep[1];
		return;
	}
	for (side = 0; side < 2; side++) {
		struct pane *p = &a->pane[side];
		size_t r = layout_row_at(p->lay, p->anchor);

		p->top = clamp_top(a, (long)r, 0, layout_nrows(p->lay));
	}
}

/* --- drawing ------------------------------------------------------------ */

struct at {
	int			 y, x;
	const struct pane	*p;	/* overlays to paint, or NULL */
};

/* The term hit covering offset off, or -1 (binary search). */
static long
hit_at(const struct pane *p, size_t off)
{
	size_t n = count_le(p->hits, p->nhits, sizeof(*p->hits),
	    offsetof(struct term_hit, start), off);

	return n > 0 && off < p->hits[n - 1].end ? (long)n - 1 : -1;
}

static void
draw_cell(const struct cell *c, void *arg)
{
	const struct at	*at = arg;
	struct cell	 cc = *c;
	const struct pane *p = at->p;

	/* Overlays are ranges of the text, painted over the layout. */
	if (p != NULL && c->off != CELL_NO_OFFSET) {
		if (hit_at(p, c->off) >= 0)
			cc.style |= DS_TERM;
		if (p->sel >= 0 && c->off >= p->items[p->sel].start &&
		    c->off < p->items[p->sel].end)
			cc.style |= DS_SELECT;
		if (p->nmatches > 0) {
			size_t k = count_le(p->matches, p->nmatches,
			    sizeof(*p->matches),
			    offsetof(struct search_hit, start), c->off);

			if (k > 0 && c->off < p->matches[k - 1].end)
				cc.style |= (long)k - 1 == p->cur ? DS_SELECT :
				    DS_MATCH;
		}
	}
	screen_cell(at->y, at->x, &cc, SA_NONE);
}

/* The pane's status row: title, section, lock, position. */
static void
draw_status(const struct app *a, int side)
{
	const struct pane *p = &a->pane[side];
	const struct layout_row *r = layout_row(p->lay, p->top);
	struct buf	 left, right;
	size_t		 n = layout_nrows(p->lay), bottom;
	long		 sec;
	int		 y = a->height, role, rw;

	role = side == a->focus ? SA_STATUS_FOCUS : SA_STATUS;
	buf_init(&left);
	buf_init(&right);
	buf_printf(&left, " %s", doc_short_title(p->doc));
	if (row_mode(a))
		/* The section at the aligned position, which this side may
		   not have. */
		sec = align_section(a->al, align_section_at(a->al,
		    a->atop))->sec[side];
	else
		sec = r != NULL ? doc_section_at(p->doc, r->start) : -1;
	if (sec >= 0)
		buf_printf(&left, " · %s", doc_section(p->doc,
		    (size_t)sec)->label);
	else if (row_mode(a))
		buf_adds(&left, " · no counterpart");
	/* How far through the essay the reader has seen. */
	if (row_mode(a))
		bottom = (size_t)(align_last_shown(a->al, side, a->atop +
		    (size_t)a->height - 1) + 1);
	else
		bottom = p->top + (size_t)a->height;
	if (bottom > n)
		bottom = n;
	if (a->single && p->w >= 50)
		buf_adds(&right, a->focus == SIDE_LEFT ? "[1/2 l: next] " :
		    "[2/2 h: back] ");
	else if (a->single)
		buf_adds(&right, a->focus == SIDE_LEFT ? "1/2 " : "2/2 ");
	buf_printf(&right, "%s %3d%% ", a->locked ? "sync" : "free",
	    n == 0 ? 100 : (int)(bottom * 100 / n));
	rw = text_width(right.data, right.len);
	screen_blank(y, p->x, p->w, role);
	screen_text(y, p->x, p->w - rw - 1, left.data, 0, role);
	screen_text(y, p->x + p->w - rw, rw, right.data, 0, role);
	buf_free(&left);
	buf_free(&right);
}

static void
draw_pane(const struct app *a, int side)
{
	const struct pane *p = &a->pane[side];
	struct at	 at;
	int		 y;

	at.x = p->x;
	at.p = p;
	for (y = 0; y < a->height; y++) {
		at.y = y;
		if (row_mode(a))
			align_cells(a->al, a->atop + (size_t)y, side,
			    draw_cell, &at);
		else
			layout_cells(p->lay, p->top + (size_t)y, draw_cell,
			    &at);
	}
	draw_status(a, side);
}

/* A boxed overlay of n lines, drawn by line(); returns lines shown. */
static int
draw_box(struct app *a, const char *title, const char *foot, long n,
    void (*line)(struct app *, long, int, int, int))
{
	int	 w = COLS - 4 < 76 ? COLS - 4 : 76;
	int	 h = LINES - 2, x = (COLS - w) / 2, y = 1, inner, i;

	if (h > (int)n + 4)
		h = (int)n + 4;
	inner = h - 4;
	if (inner < 1)
		return 0;
	/* Keep the selection, if any, in view. */
	if (a->ov_sel >= 0 && a->ov_sel < a->ov_top)
		a->ov_top = a->ov_sel;
	if (a->ov_sel >= 0 && a->ov_sel >= a->ov_top + inner)
		a->ov_top = a->ov_sel - inner + 1;
	if (a->ov_top > n - inner)
		a->ov_top = n - inner;
	if (a->ov_top < 0)
		a->ov_top = 0;
	for (i = 0; i < h; i++)
		screen_blank(y + i, x, w, SA_NONE);
	screen_box(y, x, h, w);
	screen_text(y, x + 2, w - 4, title, 0, SA_FRAME);
	for (i = 0; i < inner && a->ov_top + i < n; i++)
		line(a, a->ov_top + i, y + 1 + i, x + 2, w - 4);
	screen_text(y + h - 2, x + 2, w - 4, foot, DS_META, SA_NONE);
	return inner;
}

static void
help_line(struct app *a, long i, int y, int x, int w)
{
	const struct binding *k = &bindings[i];
	int namew = 22 < w / 3 ? 22 : w / 3;

	(void)a;
	screen_text(y, x, namew, k->names, DS_STRONG, SA_NONE);
	screen_text(y, x + namew + 1, w - namew - 1, k->what, 0, SA_NONE);
}

static void
section_line(struct app *a, long i, int y, int x, int w)
{
	const struct align_section *s = align_section(a->al, (size_t)i);
	struct buf	 where;
	int		 ww, role = i == a->ov_sel ? SA_STATUS_FOCUS : SA_NONE;

	buf_init(&where);
	if (s->sec[0] >= 0 && s->sec[1] >= 0)
		buf_adds(&where, "both");
	else
		buf_printf(&where, "%s only", doc_short_title(
		    a->pane[s->sec[0] >= 0 ? 0 : 1].doc));
	ww = text_width(where.data, where.len);
	screen_blank(y, x, w, role);
	screen_text(y, x, 2, (size_t)i == current_section(a) ? "▸" : " ",
	    DS_MARKER, role);
	screen_text(y, x + 2, w - ww - 3, s->label, 0, role);
	screen_text(y, x + w - ww, ww, where.data, DS_META, role);
	buf_free(&where);
}

static void
term_line(struct app *a, long i, int y, int x, int w)
{
	const struct term *t = glossary_term(a->gloss, (size_t)i);
	struct buf	 counts;
	int		 cw, role = i == a->ov_sel ? SA_STATUS_FOCUS : SA_NONE;

	buf_init(&counts);
	buf_printf(&counts, "%s %zu · %s %zu", doc_short_title(a->pane[0].doc),
	    a->pane[0].counts[i], doc_short_title(a->pane[1].doc),
	    a->pane[1].counts[i]);
	cw = text_width(counts.data, counts.len);
	screen_blank(y, x, w, role);
	screen_text(y, x, w - cw - 1, t->name, DS_TERM, role);
	screen_text(y, x + w - cw, cw, counts.data, DS_META, role);
	buf_free(&counts);
}

/* Screen row of text offset off in pane side, or -1 when not shown. */
static int
screen_row_of(const struct app *a, int side, size_t off)
{
	const struct pane *p = &a->pane[side];
	size_t	 r = layout_row_at(p->lay, off);
	long	 y;

	if (row_mode(a))
		y = (long)align_index_of(a->al, side, r) - (long)a->atop;
	else
		y = (long)r - (long)p->top;
	return y >= 0 && y < a->height && p->shown ? (int)y : -1;
}

/*
 * The popup: beside the selected item, below it when there is room,
 * else above, always on screen; its card laid out at its width.
 */
static void
draw_card(struct app *a)
{
	const struct pane *f = &a->pane[a->focus];
	struct at	 at;
	int		 w, h, x, y, iy, i, inner, n;

	/* Within the focused pane when it is wide enough, else as wide as
	   the screen allows. */
	w = f->w >= 40 ? f->w : COLS - 2;
	if (w > 76)
		w = 76;
	if (w < 16)
		w = COLS;
	if (a->card_lay == NULL || layout_width(a->card_lay) != w - 4) {
		layout_free(a->card_lay);
		a->card_lay = layout_new(a->card.doc, w - 4 > 1 ? w - 4 : 1);
	}
	n = (int)layout_nrows(a->card_lay);
	h = n + 3;
	if (h > LINES - 1)
		h = LINES - 1;
	inner = h - 3;
	if (a->ov_top > n - inner)
		a->ov_top = n - inner;
	if (a->ov_top < 0)
		a->ov_top = 0;
	iy = f->sel >= 0 ? screen_row_of(a, a->focus,
	    f->items[f->sel].start) : -1;
	x = f->x;
	if (x + w > COLS)
		x = COLS - w;
	if (x < 0)
		x = 0;
	if (iy >= 0 && iy + 1 + h <= a->height)
		y = iy + 1;
	else if (iy - h >= 0)
		y = iy - h;
	else
		y = a->height - h > 0 ? a->height - h : 0;
	for (i = 0; i < h; i++)
		screen_blank(y + i, x, w, SA_NONE);
	screen_box(y, x, h, w);
	screen_text(y, x + 2, w - 4, a->card.title, 0, SA_FRAME);
	at.x = x + 2;
	at.p = NULL;
	for (i = 0; i < inner; i++) {
		at.y = y + 1 + i;
		layout_cells(a->card_lay, (size_t)(a->ov_top + i), draw_cell,
		    &at);
	}
	{
		struct buf foot;

		buf_init(&foot);
		buf_adds(&foot, a->ov_top + inner < n ? "j k: more  " :
		    a->ov_top > 0 ? "k: back  " : "");
		if (*a->card.url != '\0')
			buf_adds(&foot, "y: copy URL  ");
		buf_adds(&foot, "Esc: close");
		screen_text(y + h - 2, x + 2, w - 4, foot.data, DS_META,
		    SA_NONE);
		buf_free(&foot);
	}
}

static void
draw(struct app *a)
{
	int	 side, prompt_w = 0;

	erase();
	if (a->tiny) {
		screen_text(LINES / 2, 0, COLS, COLS >= 18 ?
		    "terminal too small" : "too small", DS_STRONG, SA_NONE);
		refresh();
		return;
	}
	for (side = 0; side < 2; side++)
		if (a->pane[side].shown)
			draw_pane(a, side);
	if (!a->single) {
		screen_vline(0, a->pane[0].w + 1, a->height);
		screen_blank(a->height, a->pane[0].w, 3, SA_STATUS);
	}
	/* A message takes the whole bottom row until the next key. */
	if (a->msg[0] != '\0') {
		screen_blank(a->height, 0, COLS, SA_STATUS_FOCUS);
		screen_text(a->height, 1, COLS - 1, a->msg, 0,
		    SA_STATUS_FOCUS);
	}
	if (a->prompting) {
		screen_blank(a->height, 0, COLS, SA_NONE);
		screen_text(a->height, 0, 1, "/", 0, SA_NONE);
		prompt_w = screen_text(a->height, 1, COLS - 2, a->input.data ?
		    a->input.data : "", 0, SA_NONE);
	}
	if (a->overlay == OV_HELP)
		draw_box(a, " diptych keys ",
		    "j k PgDn PgUp: scroll   q Esc ?: close",
		    (long)NBINDINGS, help_line);
	else if (a->overlay == OV_SECTIONS)
		draw_box(a, " sections ", "j k: select   Enter: go   "
		    "q Esc: close", (long)align_nsections(a->al),
		    section_line);
	else if (a->overlay == OV_TERMS)
		draw_box(a, " glossary ", "j k: select   Enter: next "
		    "occurrence   q Esc: close",
		    (long)glossary_nterms(a->gloss), term_line);
	else if (a->overlay == OV_CARD)
		draw_card(a);
	/* The cursor shows only while a pattern is typed. */
	screen_cursor(a->prompting ? a->height : -1, 1 + prompt_w);
	refresh();
}

/* --- commands ----------------------------------------------------------- */

static int
take_count(struct app *a)
{
	int n = a->count > 0 ? a->count : 1;

	a->count = 0;
	return n;
}

static void
cmd_quit(struct app *a, int arg)
{
	(void)arg;
	a->quit = 1;
}

static void
cmd_scroll(struct app *a, int dir)
{
	move_by(a, (long)dir * take_count(a));
}

static void
cmd_page(struct app *a, int dir)
{
	long page = a->height > 2 ? a->height - 1 : 1;

	move_by(a, (long)dir * take_count(a) * page);
}

static void
cmd_half(struct app *a, int dir)
{
	long half = a->height / 2 > 0 ? a->height / 2 : 1;

	move_by(a, (long)dir * take_count(a) * half);
}

static void
cmd_edge(struct app *a, int dir)
{
	struct pane *f = &a->pane[a->focus];

	a->count = 0;
	if (driven(a)) {
		a->atop = dir < 0 ? 0 : last_top(a, drive_rows(a));
		tops_from_atop(a);
		return;
	}
	f->top = dir < 0 ? 0 : last_top(a, layout_nrows(f->lay));
	set_anchor(f);
	follow_focus(a);
}

/*
 * ] and [: the next or previous section.  In row mode that is the next
 * in aligned order; otherwise the next that the focused essay has.  [
 * inside a section first goes back to its start.
 */
static void
cmd_section(struct app *a, int dir)
{
	size_t	 cur = current_section(a), n = align_nsections(a->al), k;
	size_t	 pos = row_mode(a) ? a->atop : align_index_of(a->al, a->focus,
	    a->pane[a->focus].top);
	int	 times = take_count(a);

	while (times-- > 0) {
		if (dir < 0 && align_section(a->al, cur)->first < pos) {
			pos = align_section(a->al, cur)->first;
			continue;
		}
		for (k = cur; dir > 0 ? k + 1 < n : k > 0;) {
			k = dir > 0 ? k + 1 : k - 1;
			if (row_mode(a) ||
			    align_section(a->al, k)->sec[a->focus] >= 0) {
				cur = k;
				break;
			}
		}
		pos = align_section(a->al, cur)->first;
	}
	goto_section(a, cur);
}

static void
cmd_sections(struct app *a, int arg)
{
	(void)arg;
	a->count = 0;
	a->overlay = OV_SECTIONS;
	a->ov_sel = (long)current_section(a);
	a->ov_top = 0;
}

static void
cmd_focus(struct app *a, int side)
{
	a->count = 0;
	if (a->focus == side)
		return;
	a->focus = side;
	if (a->single) {
		a->pane[side].shown = 1;
		a->pane[!side].shown = 0;
	}
}

static void
cmd_lock(struct app *a, int arg)
{
	(void)arg;
	a->count = 0;
	a->locked = !a->locked;
	/* The focused pane stays; the other comes to its place. */
	if (a->locked)
		pane_to(a, a->focus, a->pane[a->focus].top);
}

static void
cmd_help(struct app *a, int arg)
{
	(void)arg;
	a->count = 0;
	a->overlay = OV_HELP;
	a->ov_top = 0;
	a->ov_sel = -1;
}

static void
cmd_redraw(struct app *a, int arg)
{
	(void)arg;
	a->count = 0;
	clearok(curscr, TRUE);
}

/*
 * Index of the first of n ranges (sorted by the size_t member at byte
 * offset member) that starts at or after the start of row top.
 */
static long
first_from(const struct layout_row *top, const void *base, size_t n,
    size_t size, size_t member)
{
	if (top == NULL || top->start == 0)
		return 0;
	return (long)count_le(base, n, size, member, top->start - 1);
}

/* Scroll pane side so that text offset off is shown, a third down. */
static void
show_offset(struct app *a, int side, size_t off)
{
	struct pane	*p = &a->pane[side];
	size_t		 r = layout_row_at(p->lay, off), idx;
	long		 want;

	if (screen_row_of(a, side, off) >= 0)
		return;
	if (row_mode(a)) {
		idx = align_index_of(a->al, side, r);
		want = (long)idx - a->height / 3;
		a->atop = clamp_top(a, want, 0, align_nrows(a->al));
		tops_from_atop(a);
		return;
	}
	want = (long)r - a->height / 3;
	pane_to(a, side, clamp_top(a, want, 0, layout_nrows(p->lay)));
}

/* Select item i of pane side and bring it into view. */
static void
select_item(struct app *a, int side, long i)
{
	struct pane *p = &a->pane[side];

	p->sel = i;
	show_offset(a, side, p->items[i].start);
}

static void
cmd_select(struct app *a, int dir)
{
	struct pane	*f = &a->pane[a->focus];
	const struct layout_row *top = layout_row(f->lay, f->top);
	long		 i, n = (long)f->nitems;
	int		 times = take_count(a);

	if (n == 0) {
		snprintf(a->msg, sizeof(a->msg), "no citations or terms here");
		return;
	}
	if (f->sel >= 0 && screen_row_of(a, a->focus,
	    f->items[f->sel].start) >= 0)
		i = f->sel + dir * times;
	else {
		/* From the top of the pane: the first item on it. */
		i = first_from(top, f->items, f->nitems, sizeof(*f->items),
		    offsetof(struct item, start));
		i += dir > 0 ? dir * (times - 1) : dir * times;
	}
	i %= n;
	if (i < 0)
		i += n;
	select_item(a, a->focus, i);
}

/* Fill the card of pane p's selected item; 0, or -1 when there is none. */
static int
make_card(struct app *a, struct pane *p, struct card *c)
{
	const struct item *it;
	const char	*names[2];
	size_t		 counts[2];

	if (p->sel < 0)
		return -1;
	it = &p->items[p->sel];
	if (it->link)
		return card_link(c, p->doc, it->index);
	names[0] = doc_short_title(a->pane[0].doc);
	names[1] = doc_short_title(a->pane[1].doc);
	counts[0] = a->pane[0].counts[p->hits[it->index].term];
	counts[1] = a->pane[1].counts[p->hits[it->index].term];
	card_term(c, a->gloss, p->hits[it->index].term, counts, names);
	return 0;
}

static void
cmd_open(struct app *a, int arg)
{
	struct pane *f = &a->pane[a->focus];

	if (f->sel < 0 || screen_row_of(a, a->focus,
	    f->items[f->sel].start) < 0) {
		cmd_scroll(a, 1);	/* nothing selected in view */
		return;
	}
	(void)arg;
	a->count = 0;
	card_free(&a->card);
	layout_free(a->card_lay);
	a->card_lay = NULL;
	if (make_card(a, f, &a->card) == -1) {
		snprintf(a->msg, sizeof(a->msg), "this citation leads nowhere");
		return;
	}
	a->overlay = OV_CARD;
	a->ov_top = 0;
}

/* Copy url to the terminal's clipboard and say so. */
static void
copy_url(struct app *a, const char *url)
{
	char *b64;

	if (url == NULL || *url == '\0') {
		snprintf(a->msg, sizeof(a->msg), "no URL to copy");
		return;
	}
	b64 = base64_encode(url, strlen(url));
	screen_osc52(b64);
	free(b64);
	snprintf(a->msg, sizeof(a->msg), "copied %s", url);
}

static void
cmd_copy(struct app *a, int arg)
{
	struct card c;

	(void)arg;
	a->count = 0;
	if (make_card(a, &a->pane[a->focus], &c) == -1) {
		snprintf(a->msg, sizeof(a->msg), "nothing selected to copy "
		    "(Tab selects)");
		return;
	}
	copy_url(a, c.url);
	card_free(&c);
}

/* Drop pane p's search matches. */
static void
clear_matches(struct pane *p)
{
	free(p->matches);
	free(p->searched);
	p->matches = NULL;
	p->searched = NULL;
	p->nmatches = 0;
	p->cur = -1;
}

static void
cmd_unselect(struct app *a, int arg)
{
	(void)arg;
	a->count = 0;
	a->pane[a->focus].sel = -1;
	clear_matches(&a->pane[SIDE_LEFT]);
	clear_matches(&a->pane[SIDE_RIGHT]);
}

static void
cmd_terms(struct app *a, int arg)
{
	(void)arg;
	a->count = 0;
	if (glossary_nterms(a->gloss) == 0)
		return;
	a->overlay = OV_TERMS;
	if (a->ov_sel < 0 || a->ov_sel >= (long)glossary_nterms(a->gloss))
		a->ov_sel = 0;
	a->ov_top = 0;
}

static void
cmd_search(struct app *a, int arg)
{
	(void)arg;
	a->count = 0;
	a->prompting = 1;
	buf_free(&a->input);
	buf_add(&a->input, "", 0);
}

/*
 * Go to match number k (wrapping) of the focused pane's matches for the
 * last pattern, finding them first if the pane has not been searched
 * for it; from is where a first match is looked for.
 */
static void
show_match(struct app *a, long step)
{
	struct pane	*f = &a->pane[a->focus];
	const struct layout_row *top = layout_row(f->lay, f->top);
	long		 n, k;
	const char	*wrapped = "";

	if (a->pattern == NULL) {
		snprintf(a->msg, sizeof(a->msg), "no search yet: / searches");
		return;
	}
	if (f->searched == NULL || strcmp(f->searched, a->pattern) != 0) {
		clear_matches(f);
		f->matches = search_doc(f->doc, a->pattern, &f->nmatches);
		f->searched = xstrdup(a->pattern);
	}
	n = (long)f->nmatches;
	if (n == 0) {
		snprintf(a->msg, sizeof(a->msg), "not found: %s", a->pattern);
		return;
	}
	if (f->cur < 0 || screen_row_of(a, a->focus,
	    f->matches[f->cur].start) < 0) {
		/* From the top of the pane. */
		k = first_from(top, f->matches, f->nmatches,
		    sizeof(*f->matches), offsetof(struct search_hit, start));
		if (step < 0)
			k--;
	} else
		k = f->cur + step;
	if (k >= n || k < 0)
		wrapped = " (wrapped)";
	k = ((k % n) + n) % n;
	f->cur = k;
	show_offset(a, a->focus, f->matches[k].start);
	snprintf(a->msg, sizeof(a->msg), "/%s: %ld of %ld%s", a->pattern,
	    k + 1, n, wrapped);
}

static void
cmd_next(struct app *a, int dir)
{
	show_match(a, (long)dir * take_count(a));
}

/* A key while the pattern is typed. */
static void
prompt_key(struct app *a, int is_key, wint_t wc)
{
	uint8_t	 u[6];
	int	 n;

	if (!is_key && (wc == '\r' || wc == '\n')) {
		a->prompting = 0;
		if (a->input.len > 0) {
			free(a->pattern);
			a->pattern = xstrdup(a->input.data);
			a->pane[a->focus].cur = -1;
		}
		show_match(a, 0);
		return;
	}
	if (!is_key && (wc == KEY_ESC || wc == CTRL('C') || wc == CTRL('G'))) {
		a->prompting = 0;
		return;
	}
	if ((is_key && wc == KEY_BACKSPACE) || (!is_key && (wc == 0x7f ||
	    wc == CTRL('H')))) {
		if (a->input.len == 0) {
			a->prompting = 0;
			return;
		}
		/* Back to the start of the last code point. */
		do
			a->input.len--;
		while (a->input.len > 0 &&
		    ((unsigned char)a->input.data[a->input.len] & 0xc0) == 0x80);
		a->input.data[a->input.len] = '\0';
		return;
	}
	if (!is_key && wc == CTRL('U')) {
		a->input.len = 0;
		a->input.data[0] = '\0';
		return;
	}
	if (is_key || wc < 0x20 || wc == 0x7f || (wc >= 0x80 && wc < 0xa0) ||
	    a->input.len > 200)
		return;
	if ((n = u8_uctomb(u, (ucs4_t)wc, sizeof(u))) > 0)
		buf_add(&a->input, u, (size_t)n);
}

/* Go to the next occurrence of term t, across both essays in turn. */
static void
visit_term(struct app *a, size_t t)
{
	const char	*name = glossary_term(a->gloss, t)->name;
	size_t		 c0 = a->pane[0].counts[t], total = c0 +
			    a->pane[1].counts[t], k, nth, seen = 0, i;
	struct pane	*p;
	int		 side;

	if (total == 0) {
		snprintf(a->msg, sizeof(a->msg), "%s: in neither essay", name);
		return;
	}
	k = a->cycle[t]++ % total;
	side = k < c0 ? SIDE_LEFT : SIDE_RIGHT;
	nth = side == SIDE_LEFT ? k : k - c0;
	p = &a->pane[side];
	for (i = 0; i < p->nitems; i++) {
		const struct item *it = &p->items[i];

		if (!it->link && p->hits[it->index].term == t &&
		    seen++ == nth)
			break;
	}
	cmd_focus(a, side);
	select_item(a, side, (long)i);
	snprintf(a->msg, sizeof(a->msg), "%s: %zu of %zu", name, k + 1, total);
}

/* Keys while an overlay is open. */
static void
overlay_key(struct app *a, int ch)
{
	long	 n, *pos;

	switch (a->overlay) {
	case OV_HELP:
		n = (long)NBINDINGS;
		pos = &a->ov_top;
		break;
	case OV_SECTIONS:
		n = (long)align_nsections(a->al);
		pos = &a->ov_sel;
		break;
	case OV_TERMS:
		n = (long)glossary_nterms(a->gloss);
		pos = &a->ov_sel;
		break;
	default:
		n = a->card_lay ? (long)layout_nrows(a->card_lay) : 0;
		pos = &a->ov_top;
		break;
	}
	switch (ch) {
	case 'j': case KEY_DOWN:
		if (*pos + 1 < n)
			(*pos)++;
		break;
	case 'k': case KEY_UP:
		if (*pos > 0)
			(*pos)--;
		break;
	case ' ': case 'f': case KEY_NPAGE:
		*pos += LINES / 2;
		if (*pos >= n)
			*pos = n - 1;
		break;
	case 'b': case KEY_PPAGE:
		*pos -= LINES / 2;
		if (*pos < 0)
			*pos = 0;
		break;
	case 'g': case KEY_HOME:
		*pos = 0;
		break;
	case 'G': case KEY_END:
		*pos = n - 1;
		break;
	case '\r': case '\n': case KEY_ENTER:
		if (a->overlay == OV_SECTIONS)
			goto_section(a, (size_t)a->ov_sel);
		else if (a->overlay == OV_TERMS)
			visit_term(a, (size_t)a->ov_sel);
		a->overlay = OV_NONE;
		break;
	case 'y':
		if (a->overlay == OV_CARD)
			copy_url(a, a->card.url);
		break;
	case 'q': case KEY_ESC:
		a->overlay = OV_NONE;
		break;
	case '?': case 'S': case 'T':
		if ((ch == '?' && a->overlay == OV_HELP) ||
		    (ch == 'S' && a->overlay == OV_SECTIONS) ||
		    (ch == 'T' && a->overlay == OV_TERMS))
			a->overlay = OV_NONE;
		break;
	case CTRL('L'):
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

static void
dispatch(struct app *a, int ch)
{
	size_t	 i;
	int	 k;

	a->msg[0] = '\0';
	if (a->tiny) {
		if (ch == 'q')
			a->quit = 1;
		return;
	}
	if (a->overlay != OV_NONE) {
		overlay_key(a, ch);
		return;
	}
	if (ch >= '0' && ch <= '9' && (ch != '0' || a->count > 0)) {
		if (a->count < 100000)
			a->count = a->count * 10 + (ch - '0');
		return;
	}
	for (i = 0; i < NBINDINGS; i++)
		for (k = 0; k < 4 && bindings[i].keys[k] != 0; k++)
			if (bindings[i].keys[k] == ch) {
				bindings[i].fn(a, bindings[i].arg);
				return;
			}
	a->count = 0;		/* unbound keys do nothing */
}

/* Find pane p's glossary terms and list what Tab can select. */
static void
pane_items(struct pane *p, struct glossary *g)
{
	size_t		 len, nl = doc_nlinks(p->doc), i = 0, j = 0, k;
	const char	*text = doc_text(p->doc, &len);

	p->hits = g ? glossary_match(g, text, len, &p->nhits) : NULL;
	p->counts = xcalloc((g ? glossary_nterms(g) : 0) + 1, sizeof(size_t));
	for (k = 0; k < p->nhits; k++)
		p->counts[p->hits[k].term]++;
	p->nitems = nl + p->nhits;
	p->items = xcalloc(p->nitems + 1, sizeof(*p->items));
	for (k = 0; k < p->nitems; k++) {
		struct item *it = &p->items[k];

		if (j >= p->nhits || (i < nl &&
		    doc_link(p->doc, i)->start <= p->hits[j].start)) {
			it->start = doc_link(p->doc, i)->start;
			it->end = doc_link(p->doc, i)->end;
			it->link = 1;
			it->index = i++;
		} else {
			it->start = p->hits[j].start;
			it->end = p->hits[j].end;
			it->link = 0;
			it->index = j++;
		}
	}
	p->sel = -1;
}

int
tui_run(struct doc *left, struct doc *right, struct glossary *g, int *signo,
    char **err)
{
	struct app		 a;
	struct sigaction	 sa;
	wint_t			 wc;
	int			 rc, errors = 0, side;

	*err = NULL;
	*signo = 0;
	memset(&a, 0, sizeof(a));
	a.pane[SIDE_LEFT].doc = left;
	a.pane[SIDE_RIGHT].doc = right;
	a.locked = 1;
	a.focus = SIDE_LEFT;
	a.gloss = g;
	buf_init(&a.input);
	a.pane[SIDE_LEFT].cur = a.pane[SIDE_RIGHT].cur = -1;
	a.cycle = xcalloc(glossary_nterms(g) + 1, sizeof(size_t));
	for (side = 0; side < 2; side++)
		pane_items(&a.pane[side], g);
	if (screen_open(err) == -1)
		goto out;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	relayout(&a);
	while (!a.quit && !got_signal) {
		draw(&a);
		rc = get_wch(&wc);
		if (got_signal)
			break;
		if (rc == ERR) {
			/* Interrupted, or the terminal is gone. */
			if (errno != EINTR && ++errors > 100)
				break;
			continue;
		}
		errors = 0;
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE)
			relayout(&a);
		else if (a.prompting)
			prompt_key(&a, rc == KEY_CODE_YES, wc);
		else if (rc == KEY_CODE_YES || wc < 0x80)
			dispatch(&a, (int)wc);
		else
			a.msg[0] = '\0';	/* other characters: no command */
	}
	screen_close();
	*signo = got_signal;
out:
	align_free(a.al);
	card_free(&a.card);
	layout_free(a.card_lay);
	for (side = 0; side < 2; side++) {
		layout_free(a.pane[side].lay);
		free(a.pane[side].hits);
		free(a.pane[side].counts);
		free(a.pane[side].items);
		clear_matches(&a.pane[side]);
	}
	free(a.cycle);
	free(a.pattern);
	buf_free(&a.input);
	return *err != NULL ? -1 : 0;
}
