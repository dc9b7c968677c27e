/*
 * view.c: what each pane of a reader shows.
 *
 * With the sync lock on in a split screen (row mode), one aligned
 * position, atop, drives both panes, so paired sections begin on the same
 * screen row.  With the lock on and no section in common (proportional
 * mode), the longer text moves by rows and the other shows the same
 * fraction of its own text, by offsets.  Otherwise each pane has its own
 * top row, and with the lock on the hidden pane of a narrow screen
 * follows the one shown.
 *
 * Where the reader is looking is kept as text offsets, changed only when
 * the reader moves: each pane's anchor (the text at its top row) and, in
 * row mode, a place taken from a pane that shows real text at the top of
 * the screen (not padding, not a "no counterpart" note).  A resize lays
 * the texts out again, as far as shown, and puts that text back where it
 * was, so the same passage stays in view however often the terminal
 * changes size.  Rows are counted only a screen past where the view goes
 * (VIEW_UPTO): every function here costs what it shows, not the length
 * of the essays, but the end (G), which lays a text out whole.
 */
#include "config.h"

#include <stddef.h>

#include "diptych/align.h"
#include "diptych/doc.h"
#include "diptych/layout.h"
#include "diptych/reader.h"
#include "reader_impl.h"

int
reader_row_mode(const struct reader *r)
{
	return r->locked && !r->single && !align_proportional(r->al);
}

/* Proportional mode: with the lock on and no section in common. */
static int
view_prop_mode(const struct reader *r)
{
	return r->locked && align_proportional(r->al);
}

/* Whether atop drives the panes. */
int
view_driven(const struct reader *r)
{
	return reader_row_mode(r);
}

/*
 * The rows atop moves among, as far as upto: aligned once at least upto
 * are, or all of them when there are fewer.
 */
size_t
view_drive_count(const struct reader *r, size_t upto)
{
	return align_count(r->al, upto);
}

/* The rows of pane p's text as far as upto, the same way. */
size_t
view_pane_count(const struct pane *p, size_t upto)
{
	return layout_count(p->lay, upto);
}

/* The last full screen's top among n rows. */
size_t
view_last_top(const struct reader *r, size_t n)
{
	return n > (size_t)r->height ? n - (size_t)r->height : 0;
}

/*
 * Clamp a wanted top row among n rows: never before 0, and never past
 * the last full screen, unless already past it (a section jump may land
 * there so that its section starts at the top).  With the lock off in a
 * split screen, a pane scrolls on until its last row is at the top, as
 * in vim, so that = can pair any passage of it.  n need only count the
 * rows as far as want plus a screen (VIEW_UPTO): the text is not laid
 * out further to answer.
 */
size_t
view_clamp(const struct reader *r, long want, size_t cur, size_t n)
{
	size_t limit = !r->locked && !r->single ? (n > 0 ? n - 1 : 0) :
	    view_last_top(r, n);

	if (cur > limit && want <= (long)cur)
		limit = cur;
	if (want < 0)
		return 0;
	return (size_t)want > limit ? limit : (size_t)want;
}

/*
 * The pane's anchor: its first text row from the top, and how far down
 * it is (a blank row between paragraphs starts no text of its own).
 */
void
view_set_anchor(struct pane *p)
{
	const struct layout_row *lr;
	size_t			 row = p->top;

	while ((lr = layout_row(p->lay, row)) != NULL && lr->kind == LR_BLANK)
		row++;
	if (lr == NULL) {
		row = p->top;
		if ((lr = layout_row(p->lay, row)) == NULL)
			return;
	}
	p->anchor = lr->start;
	p->anchor_dy = (int)(row - p->top);
}

/* The top row that puts pane p's anchor back where it was. */
static size_t
view_anchored_top(const struct pane *p)
{
	size_t row = layout_row_at(p->lay, p->anchor);

	return row >= (size_t)p->anchor_dy ? row - (size_t)p->anchor_dy : 0;
}

/* In row mode, the pane tops follow atop. */
void
view_tops_from_atop(struct reader *r)
{
	int side;

	for (side = 0; side < 2; side++) {
		struct pane *p = &r->pane[side];

		p->top = align_layout_row(r->al, side, r->atop);
		view_set_anchor(p);
	}
}

/* The atop that shows pane side's top row where it is. */
static size_t
view_atop_from_pane(const struct reader *r, int side)
{
	return align_index_of(r->al, side, r->pane[side].top);
}

/*
 * Remember where the reader is looking.  In row mode, the first text on
 * screen, the focused pane's before the other's on each row (padding,
 * notes and blank rows show no text); otherwise the focused pane's
 * anchor, which is where the panes will be if the lock joins them.
 */
void
view_remember_place(struct reader *r)
{
	const struct align_row	*ar;
	const struct layout_row	*lr;
	const struct pane	*f = &r->pane[r->focus];
	int			 dy, k, side;

	if (!reader_row_mode(r)) {
		r->place.side = r->focus;
		r->place.off = f->anchor;
		r->place.dy = f->anchor_dy;
		return;
	}
	for (dy = 0; dy < r->height; dy++) {
		if ((ar = align_row(r->al, r->atop + (size_t)dy)) == NULL)
			break;
		for (k = 0; k < 2; k++) {
			side = k == 0 ? r->focus : !r->focus;
			if (ar->row[side] < 0)
				continue;
			lr = layout_row(r->pane[side].lay,
			    (size_t)ar->row[side]);
			if (lr->kind == LR_BLANK)
				continue;
			r->place.side = side;
			r->place.off = lr->start;
			r->place.dy = dy;
			return;
		}
	}
	r->place.side = r->focus;
	r->place.off = 0;
	r->place.dy = 0;
}

/*
 * Proportional mode: the pane that is not lead shows the same fraction
 * of its text as pane lead, by text offsets, so neither text is laid
 * out further than shown; when pane lead shows its end, so does the
 * other.
 */
static void
view_follow_prop(struct reader *r, int lead)
{
	struct pane	*f = &r->pane[lead], *o = &r->pane[!lead];
	size_t		 flen, olen, want;
	size_t		 h = (size_t)r->height;

	(void)doc_text(f->doc, &flen);
	(void)doc_text(o->doc, &olen);
	if (f->top > 0 && view_pane_count(f, f->top + h + 1) <= f->top + h) {
		o->top = view_last_top(r, layout_nrows(o->lay));
		view_set_anchor(o);
		return;
	}
	want = flen > 0 ? (size_t)((double)view_top_start(r, lead) *
	    olen / flen) : 0;
	o->top = f->top == 0 ? 0 : layout_row_at(o->lay, want);
	o->top = view_clamp(r, (long)o->top, 0, view_pane_count(o,
	    o->top + h + 1));
	view_set_anchor(o);
}

/*
 * The pane that moves when the reader scrolls (outside row mode): the
 * focused one, but in proportional mode the longer text, the other
 * following by as much of its own.
 */
int
view_lead(const struct reader *r)
{
	size_t n[2];

	if (!view_prop_mode(r))
		return r->focus;
	(void)doc_text(r->pane[0].doc, &n[0]);
	(void)doc_text(r->pane[1].doc, &n[1]);
	return n[1] > n[0] ? SIDE_RIGHT : SIDE_LEFT;
}

/* After pane lead moved: the other follows, when locked. */
void
view_follow_lead(struct reader *r, int lead)
{
	if (view_prop_mode(r))
		view_follow_prop(r, lead);
	else
		view_follow(r);
}

/*
 * With the lock on, bring the pane not focused along: in proportional
 * mode to the same fraction of its text, on a narrow screen to the
 * focused pane's aligned place.
 */
void
view_follow(struct reader *r)
{
	struct pane	*o = &r->pane[!r->focus];
	size_t		 h = (size_t)r->height;

	if (!r->locked)
		return;
	if (view_prop_mode(r)) {
		view_follow_prop(r, r->focus);
		return;
	}
	o->top = align_layout_row(r->al, !r->focus,
	    align_index_of(r->al, r->focus, r->pane[r->focus].top));
	o->top = view_clamp(r, (long)o->top, 0, view_pane_count(o,
	    o->top + h + 1));
	view_set_anchor(o);
}

/* Move by rows: the driving position, or the focused pane. */
void
view_move(struct reader *r, long rows)
{
	struct pane	*f;
	long		 want;
	int		 lead;

	if (view_driven(r)) {
		want = (long)r->atop + rows;
		r->atop = view_clamp(r, want, r->atop, view_drive_count(r,
		    VIEW_UPTO(r, want)));
		view_tops_from_atop(r);
		return;
	}
	lead = view_lead(r);
	f = &r->pane[lead];
	want = (long)f->top + rows;
	f->top = view_clamp(r, want, f->top, view_pane_count(f,
	    VIEW_UPTO(r, want)));
	view_set_anchor(f);
	view_follow_lead(r, lead);
}

/* Put pane side's row row at its top, the other pane following. */
void
view_pane_to(struct reader *r, int side, size_t row)
{
	struct pane *p = &r->pane[side];

	p->top = row;
	if (view_driven(r)) {
		r->atop = view_atop_from_pane(r, side);
		view_tops_from_atop(r);
		p->top = row;
	} else if (side == r->focus)
		view_follow(r);
	else if (view_prop_mode(r)) {
		/* The focused pane comes to the same fraction. */
		view_set_anchor(p);
		view_follow_prop(r, side);
	}
	view_set_anchor(p);
}

/*
 * The sync lock comes on: the text at the top of the focused pane stays
 * on its screen row (a blank row or padding above it would be aligned
 * with what pads the other pane's section before), the other pane comes
 * to its place.
 */
void
view_lock(struct reader *r)
{
	struct pane	*f = &r->pane[r->focus];
	long		 want;

	if (!reader_row_mode(r)) {
		view_pane_to(r, r->focus, f->top);
		return;
	}
	want = (long)align_index_of(r->al, r->focus, layout_row_at(f->lay,
	    f->anchor)) - f->anchor_dy;
	/* Even past the last full screen (the pane was scrolled past its
	   end to pair its last passage), as after a section jump. */
	r->atop = view_clamp(r, want, want > 0 ? (size_t)want : 0,
	    view_drive_count(r, VIEW_UPTO(r, want)));
	view_tops_from_atop(r);
}

/*
 * In row mode, the aligned row that puts the text at off[lead] at the
 * top of pane lead.  A pane with nothing at an aligned row (in a section
 * of the other text alone) shows the next row it has there
 * (align_layout_row), so a place taken there has pane lead's text after
 * the padding: when the other side's place is earlier, and pane lead
 * shows that same top row at it, that earlier aligned row is the one.
 */
size_t
view_atop_at(const struct reader *r, const size_t off[2], int lead)
{
	size_t	 idx[2], row[2], len;
	int	 side;

	for (side = 0; side < 2; side++) {
		(void)doc_text(r->pane[side].doc, &len);
		row[side] = layout_row_at(r->pane[side].lay, off[side] <= len ?
		    off[side] : len);
		idx[side] = align_index_of(r->al, side, row[side]);
	}
	if (idx[!lead] < idx[lead] && align_layout_row(r->al, lead,
	    idx[!lead]) == row[lead])
		return idx[!lead];
	return idx[lead];
}

/* Go to aligned section k: its first row at the top of both panes. */
void
view_goto_section(struct reader *r, size_t k)
{
	const struct align_section *s = align_section(r->al, k);
	int side;

	if (reader_row_mode(r)) {
		r->atop = s->first;
		view_tops_from_atop(r);
		return;
	}
	for (side = 0; side < 2; side++)
		if (s->in[side])
			r->pane[side].top = align_layout_row(r->al, side,
			    s->first);
	/* The focused essay's section, else the other's, leads. */
	side = s->in[r->focus] ? r->focus : !r->focus;
	view_pane_to(r, side, r->pane[side].top);
	if (side != r->focus && r->locked && !view_prop_mode(r)) {
		r->focus = side;
		view_follow(r);
		r->focus = !side;
	}
}

size_t
reader_current_section(const struct reader *r)
{
	const struct pane *f = &r->pane[r->focus];

	if (reader_row_mode(r))
		return align_section_at(r->al, r->atop);
	return align_section_at(r->al, align_index_of(r->al, r->focus,
	    f->top));
}

/* Lay pane p out at width w, if it is not already. */
static void
view_pane_layout(struct pane *p, int w)
{
	if (p->lay != NULL && layout_width(p->lay) == w)
		return;
	layout_free(p->lay);
	p->lay = layout_new(p->doc, w);
}

/* The geometry of the panes at the current size. */
static void
view_geometry(struct reader *r)
{
	int side, lw, rw;

	r->height = r->rows - 1;
	r->single = r->cols < READER_SPLIT_COLS;
	if (r->single) {
		for (side = 0; side < 2; side++) {
			r->pane[side].x = 0;
			r->pane[side].w = r->cols;
			r->pane[side].shown = side == r->focus;
		}
		return;
	}
	align_split(r->cols, &lw, &rw);
	r->pane[0].x = 0;
	r->pane[0].w = lw;
	r->pane[1].x = lw + ALIGN_GUTTER;
	r->pane[1].w = rw;
	r->pane[0].shown = r->pane[1].shown = 1;
}

/*
 * Each pane's text: as wide as the pane, or the measure when the pane
 * is wider (lines much longer than that are hard to read), centred.
 */
static void
view_measure(struct reader *r)
{
	struct pane	*p;
	int		 side, avail;

	for (side = 0; side < 2; side++) {
		p = &r->pane[side];
		/* The overview bar takes a column of a pane wide enough,
		   and one more keeps the text off it. */
		p->bar = p->w >= READER_BAR_COLS;
		avail = p->w - 2 * p->bar;
		p->tw = r->measure > 0 && avail > r->measure ? r->measure :
		    avail;
		p->tx = (avail - p->tw) / 2;
	}
}

void
reader_resize(struct reader *r, int cols, int rows)
{
	struct pane	*f = &r->pane[r->focus];
	size_t		 keep[2], row;
	long		 want;
	int		 keepdy[2], side, attop, first = r->al == NULL;

	/* Both panes at their first row stay there: the texts' openings
	   are not pushed off by what comes to pair them (suggestions come
	   after the first frame). */
	attop = !first && r->pane[0].top == 0 && r->pane[1].top == 0;

	r->cols = cols;
	r->rows = rows;
	r->tiny = cols < READER_MIN_COLS || rows < READER_MIN_ROWS;
	if (r->tiny)
		return;
	view_geometry(r);
	view_measure(r);
	for (side = 0; side < 2; side++)
		view_pane_layout(&r->pane[side], r->pane[side].tw);
	align_free(r->al);
	r->al = align_new_paired(r->pane[0].lay, r->pane[1].lay, r->pairs,
	    r->npairs);
	if (first)
		view_remember_place(r);

	if (!view_driven(r)) {
		for (side = 0; side < 2; side++) {
			struct pane *p = &r->pane[side];

			size_t top = view_anchored_top(p);

			p->top = view_clamp(r, (long)top, 0,
			    view_pane_count(p, VIEW_UPTO(r, top)));
		}
		return;
	}
	/* A resize moves nothing: the anchors stay where the reader left
	   them, for the next resize. */
	keep[0] = r->pane[0].anchor;
	keep[1] = r->pane[1].anchor;
	keepdy[0] = r->pane[0].anchor_dy;
	keepdy[1] = r->pane[1].anchor_dy;
	if (reader_row_mode(r)) {
		/* The text remembered goes back to its screen row. */
		row = layout_row_at(r->pane[r->place.side].lay, r->place.off);
		want = attop ? 0 : (long)align_index_of(r->al, r->place.side,
		    row) - r->place.dy;
		r->atop = view_clamp(r, want, 0, view_drive_count(r,
		    VIEW_UPTO(r, want)));
	} else if (r->atop > 0 || f->anchor > 0) {
		f->top = view_anchored_top(f);
		want = (long)view_atop_from_pane(r, r->focus);
		r->atop = view_clamp(r, want, 0, view_drive_count(r,
		    VIEW_UPTO(r, want)));
	}
	view_tops_from_atop(r);
	r->pane[0].anchor = keep[0];
	r->pane[1].anchor = keep[1];
	r->pane[0].anchor_dy = keepdy[0];
	r->pane[1].anchor_dy = keepdy[1];
}

int
reader_screen_row(const struct reader *r, int side, size_t off)
{
	const struct pane *p = &r->pane[side];
	size_t	 row = layout_row_at(p->lay, off);
	long	 y;

	if (reader_row_mode(r))
		y = (long)align_index_of(r->al, side, row) - (long)r->atop;
	else
		y = (long)row - (long)p->top;
	return y >= 0 && y < r->height && p->shown ? (int)y : -1;
}

/* The text offset where pane side's top row starts. */
size_t
view_top_start(const struct reader *r, int side)
{
	const struct layout_row *lr = layout_row(r->pane[side].lay,
	    r->pane[side].top);

	return lr != NULL ? lr->start : 0;
}

/*
 * Scroll pane side so that text [start, end) is shown whole: when it is
 * not, its start comes a third of the way down.
 */
void
view_show(struct reader *r, int side, size_t start, size_t end)
{
	struct pane	*p = &r->pane[side];
	size_t		 row = layout_row_at(p->lay, start), idx;
	long		 want;

	if (reader_screen_row(r, side, start) >= 0 &&
	    reader_screen_row(r, side, end > start ? end - 1 : start) >= 0)
		return;
	if (reader_row_mode(r)) {
		idx = align_index_of(r->al, side, row);
		want = (long)idx - r->height / 3;
		r->atop = view_clamp(r, want, 0, view_drive_count(r,
		    VIEW_UPTO(r, want)));
		view_tops_from_atop(r);
		return;
	}
	want = (long)row - r->height / 3;
	view_pane_to(r, side, view_clamp(r, want, 0, view_pane_count(p,
	    VIEW_UPTO(r, want))));
}
