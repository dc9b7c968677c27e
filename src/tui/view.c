/*
 * view.c: what each pane shows.
 *
 * With the sync lock on in a split screen (row mode), one aligned
 * position, atop, drives both panes, so paired sections begin on the same
 * screen row.  With the lock on and no section in common (proportional
 * mode), atop is a position among as many rows as the longer essay has
 * and each pane shows the same fraction of its own.  Otherwise each pane
 * has its own top row, and with the lock on the hidden pane of a narrow
 * screen follows the one shown.
 *
 * Each pane keeps an anchor, the text offset of its top row, changed
 * only when the reader moves; a resize lays everything out again and
 * puts the focused pane's anchor back at the top, so the same passage
 * stays in view however often the terminal changes size.  Every function
 * here costs the same whatever the length of the essays.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "diptych/align.h"
#include "diptych/doc.h"
#include "diptych/glossary.h"
#include "diptych/layout.h"
#include "diptych/search.h"
#include "diptych/util.h"
#include "app.h"
#include "screen.h"


/*
 * Row mode: with the lock on in a split screen, one aligned position
 * (atop) drives both panes, drawn row against row.
 */
int
view_row_mode(const struct app *a)
{
	return a->locked && !a->single && !align_proportional(a->al);
}

/*
 * Proportional mode: with the lock on and no section in common, atop is
 * a position among as many rows as the longer essay has, and each pane
 * shows the same fraction of its own.
 */
int
view_prop_mode(const struct app *a)
{
	return a->locked && align_proportional(a->al);
}

/* The rows atop moves among. */
size_t
view_drive_rows(const struct app *a)
{
	size_t nl = layout_nrows(a->pane[0].lay), nr = layout_nrows(a->pane[1].lay);

	if (view_row_mode(a))
		return align_nrows(a->al);
	return nl > nr ? nl : nr;
}

/* The last full screen's top among n rows. */
size_t
view_last_top(const struct app *a, size_t n)
{
	return n > (size_t)a->height ? n - (size_t)a->height : 0;
}

/*
 * Clamp a wanted top row among n rows: never before 0, and never past
 * the last full screen, unless already past it (a section jump may land
 * there so that its section starts at the top).
 */
size_t
view_clamp(const struct app *a, long want, size_t cur, size_t n)
{
	size_t limit = view_last_top(a, n);

	if (cur > limit && want <= (long)cur)
		limit = cur;
	if (want < 0)
		return 0;
	return (size_t)want > limit ? limit : (size_t)want;
}

void
view_set_anchor(struct pane *p)
{
	const struct layout_row *r = layout_row(p->lay, p->top);

	if (r != NULL)
		p->anchor = r->start;
}

/* Row n of pane p mapped to the same fraction of m rows. */
static size_t
scale(const struct app *a, size_t row, size_t n, size_t m)
{
	size_t from = view_last_top(a, n), to = view_last_top(a, m);

	if (from == 0)
		return 0;
	if (row > from)
		row = from;
	return (size_t)((double)row * to / from + 0.5);
}

/* In row and proportional mode, the pane tops follow atop. */
void
view_tops_from_atop(struct app *a)
{
	size_t	 n = view_drive_rows(a);
	int	 side;

	for (side = 0; side < 2; side++) {
		struct pane *p = &a->pane[side];

		p->top = view_row_mode(a) ? align_layout_row(a->al, side, a->atop) :
		    scale(a, a->atop, n, layout_nrows(p->lay));
		view_set_anchor(p);
	}
}

/* The atop that shows pane side's top row where it is. */
static size_t
atop_from_pane(const struct app *a, int side)
{
	const struct pane *p = &a->pane[side];

	if (view_row_mode(a))
		return align_index_of(a->al, side, p->top);
	return scale(a, p->top, layout_nrows(p->lay), view_drive_rows(a));
}

/*
 * On a narrow screen with the lock on, bring the pane that is not
 * focused (and not shown) to the focused pane's aligned place.
 */
void
view_follow(struct app *a)
{
	struct pane *o = &a->pane[!a->focus];

	if (!a->locked || view_prop_mode(a))
		return;
	o->top = align_layout_row(a->al, !a->focus,
	    align_index_of(a->al, a->focus, a->pane[a->focus].top));
	o->top = view_clamp(a, (long)o->top, 0, layout_nrows(o->lay));
	view_set_anchor(o);
}

/* Whether atop drives the panes. */
int
view_driven(const struct app *a)
{
	return view_row_mode(a) || view_prop_mode(a);
}

/* Move by rows: the driving position, or the focused pane. */
void
view_move(struct app *a, long rows)
{
	struct pane *f = &a->pane[a->focus];

	if (view_driven(a)) {
		a->atop = view_clamp(a, (long)a->atop + rows, a->atop,
		    view_drive_rows(a));
		view_tops_from_atop(a);
		return;
	}
	f->top = view_clamp(a, (long)f->top + rows, f->top,
	    layout_nrows(f->lay));
	view_set_anchor(f);
	view_follow(a);
}

/* Put pane side's row r at its top, the other pane following. */
void
view_pane_to(struct app *a, int side, size_t r)
{
	struct pane *p = &a->pane[side];

	p->top = r;
	if (view_driven(a)) {
		a->atop = atop_from_pane(a, side);
		view_tops_from_atop(a);
		p->top = r;
	} else if (side == a->focus)
		view_follow(a);
	view_set_anchor(p);
}

/* Go to aligned section k: its first row at the top of both panes. */
void
view_goto_section(struct app *a, size_t k)
{
	const struct align_section *s = align_section(a->al, k);
	int side;

	if (view_row_mode(a)) {
		a->atop = s->first;
		view_tops_from_atop(a);
		return;
	}
	for (side = 0; side < 2; side++)
		if (s->sec[side] >= 0)
			a->pane[side].top = align_layout_row(a->al, side,
			    s->first);
	/* The focused essay's section, else the other's, leads. */
	side = s->sec[a->focus] >= 0 ? a->focus : !a->focus;
	view_pane_to(a, side, a->pane[side].top);
	if (side != a->focus && a->locked && !view_prop_mode(a)) {
		a->focus = side;
		view_follow(a);
		a->focus = !side;
	}
}

/* The aligned section the focused pane is in. */
size_t
view_current_section(const struct app *a)
{
	const struct pane *f = &a->pane[a->focus];

	if (view_row_mode(a))
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
void
view_relayout(struct app *a)
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

	if (view_driven(a)) {
		/* The top of both texts stays the top. */
		size_t keep[2] = { a->pane[0].anchor, a->pane[1].anchor };

		if (a->atop > 0 || f->anchor > 0) {
			f->top = layout_row_at(f->lay, f->anchor);
			a->atop = view_clamp(a, (long)atop_from_pane(a, a->focus),
			    0, view_drive_rows(a));
		}
		view_tops_from_atop(a);
		/* A resize moves nothing: the anchors stay where the reader
		   left them, for the next resize. */
		a->pane[0].anchor = keep[0];
		a->pane[1].anchor = keep[1];
		return;
	}
	for (side = 0; side < 2; side++) {
		struct pane *p = &a->pane[side];
		size_t r = layout_row_at(p->lay, p->anchor);

		p->top = view_clamp(a, (long)r, 0, layout_nrows(p->lay));
	}
}

/* Screen row of text offset off in pane side, or -1 when not shown. */
int
view_screen_row(const struct app *a, int side, size_t off)
{
	const struct pane *p = &a->pane[side];
	size_t	 r = layout_row_at(p->lay, off);
	long	 y;

	if (view_row_mode(a))
		y = (long)align_index_of(a->al, side, r) - (long)a->atop;
	else
		y = (long)r - (long)p->top;
	return y >= 0 && y < a->height && p->shown ? (int)y : -1;
}

/*
 * Index of the first of n ranges (sorted by the size_t member at byte
 * offset member) that starts at or after the start of row top.
 */
long
view_first_from(const struct layout_row *top, const void *base, size_t n,
    size_t size, size_t member)
{
	if (top == NULL || top->start == 0)
		return 0;
	return (long)util_count_le(base, n, size, member, top->start - 1);
}

/* Scroll pane side so that text offset off is shown, a third down. */
void
view_show(struct app *a, int side, size_t off)
{
	struct pane	*p = &a->pane[side];
	size_t		 r = layout_row_at(p->lay, off), idx;
	long		 want;

	if (view_screen_row(a, side, off) >= 0)
		return;
	if (view_row_mode(a)) {
		idx = align_index_of(a->al, side, r);
		want = (long)idx - a->height / 3;
		a->atop = view_clamp(a, want, 0, align_nrows(a->al));
		view_tops_from_atop(a);
		return;
	}
	want = (long)r - a->height / 3;
	view_pane_to(a, side, view_clamp(a, want, 0, layout_nrows(p->lay)));
}

