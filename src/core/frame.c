/*
 * frame.c: a reader's state -> the cells of one frame.
 *
 * The panes come first, row by row, then the divider and status rows,
 * then a list or popup over them; a device draws the cells in the order
 * given, so the later wins.  Overlay layers are painted here: each text
 * cell the layout hands over carries its offset, and one cursor per
 * layer, set at the row's first offset, moves forward with the cells, so
 * a frame costs the cells on screen, never the number of ranges.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unistr.h>
#include <uniwidth.h>

#include "diptych/align.h"
#include "diptych/anno.h"
#include "diptych/concord.h"
#include "diptych/doc.h"
#include "diptych/editor.h"
#include "diptych/glossary.h"
#include "diptych/layout.h"
#include "diptych/overlay.h"
#include "diptych/reader.h"
#include "diptych/store.h"
#include "diptych/util.h"
#include "reader_impl.h"

/* Where the cells being made go, and what to paint over them. */
struct out {
	cell_fn			 fn;
	void			*arg;
	int			 row, x;	/* frame row; column offset */
	int			 ui;
	const struct pane	*p;		/* layers to paint, or NULL */
	int			 role;		/* a role for every cell, or -1 */
	int			 noted;		/* a cell of this row is noted */
	int			 seeded;	/* cursors set for this row */
	struct overlay_cursor	 cur[PL_N];
};

/* The roles of the layers over cell c, and the one that wins. */
static void
paint(struct out *o, struct cell *c)
{
	int k, best = -1;

	if (!o->seeded) {
		for (k = 0; k < PL_N; k++)
			overlay_cursor_init(&o->cur[k], o->p->layer[k], c->off);
		o->seeded = 1;
	}
	for (k = 0; k < PL_N; k++) {
		if (!overlay_cursor_covers(&o->cur[k], c->off))
			continue;
		c->roles |= OR_BIT(overlay_role(o->p->layer[k]));
		if (best < 0 || overlay_priority(o->p->layer[k]) >
		    overlay_priority(o->p->layer[best]))
			best = k;
	}
	c->top_role = best >= 0 ? (int)overlay_role(o->p->layer[best]) : -1;
}

static void
put(const struct cell *c, void *arg)
{
	struct out	*o = arg;
	struct cell	 cc = *c;

	cc.row = o->row;
	cc.col = c->col + o->x;
	cc.ui = o->ui;
	if (o->p != NULL && c->off != CELL_NO_OFFSET)
		paint(o, &cc);
	if (cc.roles & OR_BIT(OR_NOTE))
		o->noted = 1;
	if (o->role >= 0) {
		cc.roles |= OR_BIT(o->role);
		cc.top_role = o->role;
	}
	o->fn(&cc, o->arg);
}

static void
out_init(struct out *o, cell_fn fn, void *arg)
{
	memset(o, 0, sizeof(*o));
	o->role = -1;
	o->fn = fn;
	o->arg = arg;
}

/*
 * Text s at (row, x), at most width columns, ending in "…" when it had
 * to be cut; returns the columns used.
 */
static int
put_text(struct out *o, int row, int x, int width, const char *s,
    unsigned style, int ui)
{
	struct out	 t = *o;
	size_t		 n = strlen(s);
	int		 col;

	if (width <= 0)
		return 0;
	t.row = row;
	t.x = x;
	t.ui = ui;
	t.p = NULL;
	if (width < 2 || layout_text_width(s, n) <= width)
		return layout_text_cells(s, n, 0, width, style, put, &t);
	col = layout_text_cells(s, n, 0, width - 1, style, put, &t);
	return layout_text_cells("…", strlen("…"), col, width, style, put, &t);
}

/* width blank cells from (row, x). */
static void
put_blank(struct out *o, int row, int x, int width, int ui)
{
	int i;

	for (i = 0; i < width; i++)
		put_text(o, row, x + i, 1, " ", 0, ui);
}

/* A box around the rectangle (y, x, h, w), blank inside. */
static void
put_box(struct out *o, int y, int x, int h, int w)
{
	int i;

	for (i = 0; i < h; i++) {
		const char *edge = i == 0 ? "─" : i == h - 1 ? "─" : " ";

		put_text(o, y + i, x, 1, i == 0 ? "┌" : i == h - 1 ? "└" : "│",
		    0, UI_FRAME);
		put_blank(o, y + i, x + 1, w - 2, UI_TEXT);
		if (*edge != ' ') {
			int k;

			for (k = 1; k < w - 1; k++)
				put_text(o, y + i, x + k, 1, edge, 0, UI_FRAME);
		}
		put_text(o, y + i, x + w - 1, 1, i == 0 ? "┐" : i == h - 1 ?
		    "┘" : "│", 0, UI_FRAME);
	}
}

/* How far through pane side's essay the screen shows: its last row + 1. */
static size_t
shown_bottom(const struct reader *r, int side)
{
	const struct pane	*p = &r->pane[side];
	size_t			 n, bottom;

	if (reader_row_mode(r))
		bottom = (size_t)(align_last_shown(r->al, side, r->atop +
		    (size_t)r->height - 1) + 1);
	else
		bottom = p->top + (size_t)r->height;
	n = layout_count(p->lay, bottom);
	return bottom > n ? n : bottom;
}

/*
 * How much of pane side's text the screen has shown through its bottom,
 * in percent, by text offsets: 100 once its last row is on screen.
 */
static int
shown_percent(const struct reader *r, int side, size_t bottom)
{
	const struct pane	*p = &r->pane[side];
	const struct layout_row	*lr;
	size_t			 len;

	(void)doc_text(p->doc, &len);
	if (layout_row(p->lay, bottom) == NULL || len == 0)
		return 100;
	if (bottom == 0 || (lr = layout_row(p->lay, bottom - 1)) == NULL)
		return 0;
	return (int)(lr->end * 100 / len);
}

/*
 * The right-hand part of pane side's status row into b: the narrow
 * screen's hint, the seminar (whom one follows, who follows one, whether
 * it is reached, what waits for it), the lock and how far through the
 * essay, bottom rows of n; short, with few words.
 */
static void
status_right(const struct reader *r, int side, int percent, int shortly,
    struct buf *b)
{
	const struct pane	*p = &r->pane[side];
	struct buf		 who;
	size_t			 k, nf = 0;

	if (r->single && p->w >= 50 && !shortly)
		buf_adds(b, r->focus == SIDE_LEFT ? "[1/2 l: next] " :
		    "[2/2 h: back] ");
	else if (r->single)
		buf_adds(b, r->focus == SIDE_LEFT ? "1/2 " : "2/2 ");
	/* A seminar is open: said once, on the right-hand status row. */
	if (r->seminar != NULL && (side == SIDE_RIGHT || r->single)) {
		/* Names while they fit in a third of the pane, else a
		   count. */
		buf_init(&who);
		buf_add(&who, "", 0);
		if (r->following != NULL)
			buf_printf(&who, "following %s · ", r->following);
		for (k = 0; k < r->npeers; k++)
			if (strcmp(r->peers[k].pos.following,
			    store_author(r->seminar)) == 0)
				buf_printf(&who, "%s%s", nf++ ? ", " :
				    "followed by ", r->peers[k].author);
		if (nf > 0)
			buf_adds(&who, " · ");
		if (shortly ||
		    layout_text_width(who.data, who.len) > p->w / 3) {
			who.len = 0;
			if (r->following != NULL)
				buf_adds(&who, "following · ");
			if (nf > 0)
				buf_printf(&who, "followed by %zu · ", nf);
		}
		buf_add(b, who.data, who.len);
		buf_free(&who);
		if (!store_connected(r->seminar))
			buf_adds(b, shortly ? "offline · " :
			    "seminar unreachable · ");
		else if (!shortly)
			buf_adds(b, "seminar · ");
		if (r->nunsent > 0)
			buf_printf(b, "%zu unsent · ", r->nunsent);
	}
	buf_printf(b, "%s %3d%% ", r->locked ? "sync" : "free", percent);
}

/*
 * " · " and the name of where side is, into b: in aligned section as
 * (NULL outside any), a pairing's label, or "no counterpart" where side
 * has nothing; else its essay's section sec (-1: none, nothing added).
 * The status rows and F name places alike with it.
 */
static void
add_section_name(struct buf *b, const struct reader *r, int side,
    const struct align_section *as, long sec)
{
	if (as != NULL && as->in[side] && as->pair >= 0)
		buf_printf(b, " · %s", as->label);
	else if (as != NULL && !as->in[side])
		buf_adds(b, " · no counterpart");
	else if (sec >= 0)
		buf_printf(b, " · %s", doc_section(r->pane[side].doc,
		    (size_t)sec)->label);
}

/* The pane's status row: title, section, lock, position. */
static void
status_row(struct out *o, const struct reader *r, int side)
{
	const struct pane *p = &r->pane[side];
	const struct layout_row *lr = layout_row(p->lay, p->top);
	const struct align_section *as;
	struct buf	 left, right;
	long		 sec;
	int		 y = r->height, ui, rw, pct;

	ui = side == r->focus ? UI_STATUS_FOCUS : UI_STATUS;
	buf_init(&left);
	buf_init(&right);
	buf_printf(&left, " %s", doc_short_title(p->doc));
	if (reader_row_mode(r)) {
		/* The section at the aligned position, which this side may
		   not have. */
		as = align_section(r->al, align_section_at(r->al, r->atop));
		add_section_name(&left, r, side, as, as->in[side] ?
		    as->sec[side] : -1);
	} else if (lr != NULL) {
		/* Outside row mode, the section of this pane's top row.
		   The alignment may lay more rows out, moving lr: the
		   essay's section is taken first. */
		sec = doc_section_at(p->doc, lr->start);
		lr = NULL;
		as = align_proportional(r->al) ? NULL : align_section(r->al,
		    align_section_at(r->al, align_index_of(r->al, side,
		    p->top)));
		add_section_name(&left, r, side, as, sec);
	}
	/* How far through the essay the reader has seen. */
	pct = shown_percent(r, side, shown_bottom(r, side));
	status_right(r, side, pct, 0, &right);
	/* Words that would crowd out the title give way to short ones. */
	if (layout_text_width(right.data, right.len) > p->w * 2 / 3) {
		right.len = 0;
		status_right(r, side, pct, 1, &right);
	}
	rw = layout_text_width(right.data, right.len);
	/* Never past the pane: the right-hand part is cut at its start. */
	while (rw > p->w - 1 && right.len > 0) {
		ucs4_t	 uc;
		int	 k = u8_mbtouc(&uc, (const uint8_t *)right.data,
			    right.len);

		memmove(right.data, right.data + k, right.len - (size_t)k);
		right.len -= (size_t)k;
		right.data[right.len] = '\0';
		rw = layout_text_width(right.data, right.len);
	}
	put_blank(o, y, p->x, p->w, ui);
	put_text(o, y, p->x, p->w - rw - 1, left.data, 0, ui);
	put_text(o, y, p->x + p->w - rw, rw, right.data, 0, ui);
	buf_free(&left);
	buf_free(&right);
}

/* --- the overview bar ----------------------------------------------- */

/* Whether a range of layer l starts in [start, end). */
static int
starts_in(const struct overlay *l, size_t start, size_t end)
{
	long k = overlay_next(l, start);

	return k >= 0 && overlay_range(l, (size_t)k)->start < end;
}

/*
 * The bar beside pane side: each of its rows stands for an equal share
 * of the essay's text, the shares shown now drawn heavy (the thumb),
 * and marked where the share has the current match, a match, the
 * selected term or a note, in that order.  A look per bar row, so the
 * cost follows the screen's height, not the essay's length.
 */
static void
overview_bar(struct out *o, const struct reader *r, int side)
{
	static const struct {
		int		 layer;
		const char	*glyph;
	} marks[] = {
		{ PL_CURRENT, "◆" }, { PL_MATCH, "≡" }, { PL_OCCUR, "◇" },
		{ PL_NOTE, "•" },
	};
	const struct pane		*p = &r->pane[side];
	const struct layout_row		*lr;
	size_t				 len, b0, b1, k;
	size_t				 lo = SIZE_MAX, hi = 0;
	long				 row;
	int				 y, h = r->height, x = p->x + p->w - 1;
	int				 thumb;

	/* The text shown: padding and a one-sided section in between
	   show none of this essay's. */
	for (y = 0; y < h; y++)
		if ((row = reader_row_at(r, side, y)) >= 0 &&
		    (lr = layout_row(p->lay, (size_t)row)) != NULL) {
			lo = lr->start < lo ? lr->start : lo;
			hi = lr->end + 1 > hi ? lr->end + 1 : hi;
		}
	/* None (padding only): where the essay stands, as the status row
	   counts it. */
	(void)doc_text(p->doc, &len);
	if (lo == SIZE_MAX) {
		k = shown_bottom(r, side);
		lr = k > 0 ? layout_row(p->lay, k - 1) : NULL;
		lo = lr != NULL ? lr->end : 0;
		if (len > 0 && lo >= len)
			lo = len - 1;
		hi = lo + 1;
	}
	for (y = 0; y < h && len > 0; y++) {
		/* Each bar row: an equal share of the text. */
		b0 = (size_t)y * len / (size_t)h;
		b1 = (size_t)(y + 1) * len / (size_t)h;
		if (b1 <= b0)
			b1 = b0 + 1;
		if (b0 >= len)
			break;
		thumb = b0 < hi && b1 > lo;
		o->role = -1;
		for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++)
			if (starts_in(p->layer[marks[k].layer], b0, b1)) {
				o->role = (int)overlay_role(
				    p->layer[marks[k].layer]);
				break;
			}
		put_text(o, y, x, 1, o->role >= 0 ? marks[k].glyph :
		    thumb ? "┃" : "┊", 0, thumb ? UI_STATUS : UI_DIVIDER);
		o->role = -1;
	}
}


static void
pane_rows(struct out *o, const struct reader *r, int side)
{
	const struct pane *p = &r->pane[side];
	int y;

	o->x = p->x + p->tx;
	o->ui = UI_TEXT;
	o->p = p;
	for (y = 0; y < r->height; y++) {
		o->row = y;
		o->seeded = 0;
		o->noted = 0;
		if (reader_row_mode(r))
			align_cells(r->al, r->atop + (size_t)y, side, 0, put,
			    o);
		else
			layout_cells(p->lay, p->top + (size_t)y, put, o);
		/* A mark in the margin beside a noted row: in the gutter,
		   or beside the text when the measure keeps it narrower. */
		if (o->noted && !r->single) {
			int mx = side == 0 ? p->x + p->tx + p->tw :
			    p->x + p->tx - 1;

			if (side == 0 && mx >= p->x + p->w - 2 * p->bar)
				mx = p->x + p->w;
			put_text(o, y, mx, 1, "▐", DS_MARKER, UI_TEXT);
		} else if (o->noted && p->bar)
			/* One pane: beside the text, before its bar. */
			put_text(o, y, p->x + p->tx + p->tw, 1, "▐", DS_MARKER,
			    UI_TEXT);
	}
	o->p = NULL;
	if (p->bar)
		overview_bar(o, r, side);
	status_row(o, r, side);
}

/* --- lists ---------------------------------------------------------- */

/* A popup made shorter to keep its passage in view has this many rows. */
#define POPUP_MIN_ROWS	7

typedef void (*line_fn)(struct out *, struct reader *, long, int, int, int);

/*
 * A boxed list of n lines drawn by line(), its cursor kept in view, at
 * most maxw columns wide.  On a short screen the box takes every row and
 * drops its footer, so that at least two lines of the list show.
 */
static void
list_box(struct out *o, struct reader *r, struct list *l, const char *title,
    const char *foot, long n, line_fn line, int maxw)
{
	int	 w = r->cols - 4 < maxw ? r->cols - 4 : maxw;
	int	 h = r->rows - 2, x = (r->cols - w) / 2, y = 1, inner, i;
	int	 compact = h - 4 < 3;

	if (compact) {
		y = 0;
		h = r->rows;
	}
	if (h > (int)n + (compact ? 2 : 4))
		h = (int)n + (compact ? 2 : 4);
	inner = h - (compact ? 2 : 4);
	if (inner < 1)
		return;
	if (l->sel >= 0 && l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= 0 && l->sel >= l->top + inner)
		l->top = l->sel - inner + 1;
	if (l->top > n - inner)
		l->top = n - inner;
	if (l->top < 0)
		l->top = 0;
	put_box(o, y, x, h, w);
	put_text(o, y, x + 2, w - 4, title, 0, UI_FRAME);
	if (n > inner) {
		/* Which lines show, when not all do. */
		struct buf	 at;
		int		 aw;

		buf_init(&at);
		buf_printf(&at, " %ld-%ld of %ld ", l->top + 1,
		    l->top + inner, n);
		aw = layout_text_width(at.data, at.len);
		if (aw + layout_text_width(title, strlen(title)) + 6 <= w)
			put_text(o, y, x + w - 2 - aw, aw, at.data, 0, UI_FRAME);
		buf_free(&at);
	}
	for (i = 0; i < inner && l->top + i < n; i++)
		line(o, r, l->top + i, y + 1 + i, x + 2, w - 4);
	if (!compact)
		put_text(o, y + h - 2, x + 2, w - 4, foot, DS_META, UI_TEXT);
}

static void
help_line(struct out *o, struct reader *r, long i, int y, int x, int w)
{
	const struct help_line	*hl = &r->help[i];
	int			 namew = 22 < w / 3 ? 22 : w / 3;

	if (hl->help == NULL) {
		put_text(o, y, x, w, hl->group, DS_HEADING, UI_TEXT);
		return;
	}
	put_text(o, y, x, namew, hl->help->keys, DS_STRONG, UI_TEXT);
	put_text(o, y, x + namew + 1, w - namew - 1, hl->help->what, 0,
	    UI_TEXT);
}

/*
 * A line of a list: blank in ui's look, an optional mark, the label (in
 * the look of role, when not -1) and, flush right, a note in DS_META.
 */
static void
list_row(struct out *o, int y, int x, int w, int ui, const char *mark,
    const char *label, int role, const char *note)
{
	int nw = layout_text_width(note, strlen(note)), lx = mark ? 2 : 0;

	put_blank(o, y, x, w, ui);
	if (mark != NULL)
		put_text(o, y, x, 2, mark, DS_MARKER, ui);
	o->role = role;
	put_text(o, y, x + lx, w - nw - 1 - lx, label, 0, ui);
	o->role = -1;
	put_text(o, y, x + w - nw, nw, note, DS_META, ui);
}

static void
section_line(struct out *o, struct reader *r, long i, int y, int x, int w)
{
	static const char *const origins[] = {
		[ALIGN_MARKS] = "marks", [ALIGN_HEADINGS] = "headings",
		[ALIGN_YOURS] = "yours", [ALIGN_SEMINAR] = "seminar's",
		[ALIGN_SUGGESTED] = "suggested"
	};
	const struct align_section *s = align_section(r->al, (size_t)i);
	struct buf	 where;

	buf_init(&where);
	/* The texts' openings, before any heading: they begin together. */
	if (s->in[0] && s->in[1] && s->pair < 0 &&
	    s->origin == ALIGN_HEADINGS && s->id != NULL && *s->id == '\0')
		buf_adds(&where, "both · openings");
	else if (s->in[0] && s->in[1])
		buf_printf(&where, "both · %s", origins[s->origin]);
	else
		buf_printf(&where, "%s only", doc_short_title(
		    r->pane[s->in[0] ? 0 : 1].doc));
	list_row(o, y, x, w, i == r->lists[LIST_SECTIONS].sel ?
	    UI_STATUS_FOCUS : UI_TEXT, (size_t)i == reader_current_section(r) ?
	    "▸" : " ", s->label, -1, where.data);
	buf_free(&where);
}

/* A term, in the look of a term, and its count in each essay. */
static void
term_line(struct out *o, struct reader *r, long i, int y, int x, int w)
{
	struct buf	 counts;
	size_t		 t, most[2] = { 0, 0 };
	int		 side, dig[2];

	/* The counts right-aligned, so the columns line up. */
	for (side = 0; side < 2; side++) {
		for (t = 0; t < glossary_nterms(r->gloss); t++)
			if (r->pane[side].counts[t] > most[side])
				most[side] = r->pane[side].counts[t];
		dig[side] = snprintf(NULL, 0, "%zu", most[side]);
	}
	buf_init(&counts);
	buf_printf(&counts, "%s %*zu · %s %*zu",
	    doc_short_title(r->pane[0].doc), dig[0], r->pane[0].counts[i],
	    doc_short_title(r->pane[1].doc), dig[1], r->pane[1].counts[i]);
	list_row(o, y, x, w, i == r->lists[LIST_TERMS].sel ? UI_STATUS_FOCUS :
	    UI_TEXT, NULL, glossary_term(r->gloss, (size_t)i)->name, OR_TERM,
	    counts.data);
	buf_free(&counts);
}

/*
 * A line of the concordance: the essay, the section, and the mention in
 * the middle of its context (keyword in context); on a narrow screen
 * the section, then the essay, give way to the context.
 */
static void
kwic_line(struct out *o, struct reader *r, long i, int y, int x, int w)
{
	const struct concord_line	*l = &r->concord.v[i];
	const struct doc		*d = r->pane[l->side].doc;
	int	 ui = i == r->lists[LIST_CONCORD].sel ? UI_STATUS_FOCUS :
		    UI_TEXT;
	int	 ew = 0, sw = 0, kw, mw, lw, rw, side;
	struct buf left, mid, right;

	put_blank(o, y, x, w, ui);
	if (w >= 40)
		for (side = 0; side < 2; side++) {
			const char *t = doc_short_title(r->pane[side].doc);
			int tw = layout_text_width(t, strlen(t));

			if (tw > ew)
				ew = tw < 12 ? tw : 12;
		}
	if (w >= 60)
		sw = w / 5 < 24 ? w / 5 : 24;
	if (ew > 0)
		put_text(o, y, x, ew, doc_short_title(d), DS_META, ui);
	if (sw > 0)
		put_text(o, y, x + ew + 1, sw, concord_section(d, l), DS_META,
		    ui);
	kw = w - (ew > 0 ? ew + 1 : 0) - (sw > 0 ? sw + 1 : 0);
	x += w - kw;
	buf_init(&left);
	buf_init(&mid);
	buf_init(&right);
	concord_kwic(d, l, 0, 0, &left, &mid, &right);
	mw = layout_text_width(mid.data, mid.len);
	if (mw > kw)
		mw = kw;
	lw = (kw - mw) / 2;
	rw = kw - mw - lw;
	concord_kwic(d, l, lw, rw, &left, &mid, &right);
	if (lw > 0)
		put_text(o, y, x + lw - layout_text_width(left.data, left.len),
		    lw, left.data, 0, ui);
	o->role = r->concord.term >= 0 ? OR_TERM : -1;
	put_text(o, y, x + lw, mw, mid.data, r->concord.term >= 0 ? 0 :
	    DS_STRONG, ui);
	o->role = -1;
	if (rw > 0)
		put_text(o, y, x + lw + mw, rw, right.data, 0, ui);
	buf_free(&left);
	buf_free(&mid);
	buf_free(&right);
}

/*
 * An annotation: its essay and quote, its note's first line, and on the
 * right its author (and "orphan" when its passage is not found).
 */
static void
note_line(struct out *o, struct reader *r, long i, int y, int x, int w)
{
	const struct anno	*a;
	struct buf		 label, right;
	size_t			 k, s, e;
	int			 side, ui, found;

	if (r->nshown == 0) {
		list_row(o, y, x, w, UI_TEXT, NULL, r->nannos > 0 ?
		    "no annotation matches the filter (/ changes it)" :
		    "no annotations: v selects a passage, a writes a note on it",
		    -1, "");
		return;
	}
	ui = i == r->lists[LIST_NOTES].sel ? UI_STATUS_FOCUS : UI_TEXT;
	i = (long)r->shown[i];
	a = &r->annos[i];
	found = notes_where(r, (size_t)i, &side, &s, &e) == 0;
	buf_init(&label);
	buf_init(&right);
	for (k = 0; a->note[k] != '\0' && a->note[k] != '\n'; k++)
		;
	if (notes_root(r, (size_t)i) != (size_t)i) {
		/* A reply, under the note it answers. */
		buf_adds(&label, "    ↳ ");
		buf_add(&label, a->note, k);
	} else {
		buf_printf(&label, "%s: ", found ?
		    doc_short_title(r->pane[side].doc) : a->target[0].doc_id);
		buf_add(&label, a->note, k);
		buf_adds(&label, " — “");
		buf_adds(&label, a->target[0].exact);
		buf_adds(&label, "”");
	}
	for (k = 0; k < label.len; k++)
		if (label.data[k] == '\n')
			label.data[k] = ' ';
	buf_printf(&right, "%s%s%s%s", a->ntargets > 1 ? "link · " : "",
	    !found ? "orphan · " : notes_fuzzy(r, (size_t)i) ? "fuzzy · " : "",
	    notes_private(r, (size_t)i) ? "private · " :
	    notes_unsent(r, (size_t)i) ? "unsent · " : "", a->author);
	list_row(o, y, x, w, ui, NULL, label.data, OR_NOTE, right.data);
	buf_free(&label);
	buf_free(&right);
}

/*
 * Someone reading in the seminar: name, where (essay and section of
 * their focused pane), how long ago they moved, whom they follow.
 */
static void
reader_line(struct out *o, struct reader *r, long i, int y, int x, int w)
{
	const struct store_reader *p = &r->peers[i];
	int			 side = p->pos.focus ? 1 : 0;
	const struct doc	*d = r->pane[side].doc;
	const struct align_section *as = NULL;
	struct buf		 where, when;
	long			 sec = doc_section_at(d, p->pos.offset[side]);
	int64_t			 ago = (anno_now() - p->pos.saved) / 1000;

	/* Their section as this reader's alignment has it, named as on
	   their status row. */
	if (r->al != NULL && !align_proportional(r->al))
		as = align_section(r->al, align_section_at(r->al,
		    view_atop_at(r, p->pos.offset, side)));
	buf_init(&where);
	buf_init(&when);
	buf_printf(&where, "%s · %s", p->author, doc_short_title(d));
	add_section_name(&where, r, side, as, sec);
	if (p->pos.following[0] != '\0')
		buf_printf(&where, " · follows %s", p->pos.following);
	if (r->following != NULL && strcmp(r->following, p->author) == 0)
		buf_adds(&when, "followed · ");
	buf_printf(&when, "%s", ago < 5 ? "now" : "");
	if (ago >= 5)
		buf_printf(&when, "%lld s ago", (long long)ago);
	list_row(o, y, x, w, i == r->lists[LIST_READERS].sel ?
	    UI_STATUS_FOCUS : UI_TEXT, NULL, where.data, -1, when.data);
	buf_free(&where);
	buf_free(&when);
}

/* The annotations list, its title saying the filter. */
static void
notes_box(struct out *o, struct reader *r)
{
	struct buf title;

	buf_init(&title);
	if (r->filter != NULL)
		buf_printf(&title, " annotations · /%s · %zu of %zu ",
		    r->filter, r->nshown, r->nannos);
	else
		buf_adds(&title, " annotations ");
	list_box(o, r, &r->lists[LIST_NOTES], title.data,
	    "Enter: go  e: edit  x: delete  u: undo  /: filter  q: close",
	    r->nshown > 0 ? (long)r->nshown : 1, note_line, 120);
	buf_free(&title);
}

/*
 * The popup: beside the selected item, below it when there is room,
 * else above, always on screen; its card laid out at its width.
 */
static void
popup(struct out *o, struct reader *r)
{
	const struct pane *f = &r->pane[r->focus];
	struct buf	 foot;
	const struct overlay_range *rg = NULL;
	int		 w, h, x, y, iy, ey = -1, i, inner, n, compact;
	int		 below, above;

	/* Within the focused pane when it is wide enough, else as wide as
	   the screen allows. */
	w = f->w >= 40 ? f->w : r->cols - 2;
	if (w > 76)
		w = 76;
	if (w < 16)
		w = r->cols;
	if (r->card_lay == NULL || layout_width(r->card_lay) != w - 4) {
		layout_free(r->card_lay);
		r->card_lay = layout_new(r->card.doc, w - 4 > 1 ? w - 4 : 1);
	}
	n = (int)layout_nrows(r->card_lay);
	/* Borders, the card, a footer. */
	h = n + 3;
	if (h > r->rows - 1)
		h = r->rows - 1;
	/* Below the selected item's last row, else above its first: a
	   note's card does not hide the passage it is about.  Where it
	   fits neither way whole, it is made shorter (j and k scroll it)
	   on the roomier side, when that side has room for a few lines. */
	if (f->sel >= 0)
		rg = overlay_range(f->layer[f->sel_layer], (size_t)f->sel);
	iy = rg != NULL ? reader_screen_row(r, r->focus, rg->start) : -1;
	if (rg != NULL && rg->end > rg->start)
		ey = reader_screen_row(r, r->focus, rg->end - 1);
	below = ey >= 0 ? r->height - ey - 1 : -1;
	above = iy >= 0 ? iy : -1;
	if (below >= h)
		y = ey + 1;
	else if (above >= h)
		y = iy - h;
	else if (below >= POPUP_MIN_ROWS && below >= above) {
		y = ey + 1;
		h = below;
	} else if (above >= POPUP_MIN_ROWS) {
		y = 0;
		h = above;
	} else
		y = r->height - h > 0 ? r->height - h : 0;
	/* On a short screen every row and no footer, so that two lines of
	   the card show. */
	compact = h - 3 < 2 && n > h - 3;
	if (compact) {
		h = n + 2 < r->rows ? n + 2 : r->rows;
		if (y + h > r->rows)
			y = r->rows - h > 0 ? r->rows - h : 0;
	}
	inner = h - (compact ? 2 : 3);
	if (r->card_top > n - inner)
		r->card_top = n - inner;
	if (r->card_top < 0)
		r->card_top = 0;
	x = f->x;
	if (x + w > r->cols)
		x = r->cols - w;
	if (x < 0)
		x = 0;
	put_box(o, y, x, h, w);
	put_text(o, y, x + 2, w - 4, r->card.title, 0, UI_FRAME);
	o->x = x + 2;
	o->ui = UI_TEXT;
	for (i = 0; i < inner; i++) {
		o->row = y + 1 + i;
		layout_cells(r->card_lay, (size_t)(r->card_top + i), put, o);
	}
	if (compact)
		return;
	buf_init(&foot);
	buf_adds(&foot, r->card_top + inner < n ? "j k: more  " :
	    r->card_top > 0 ? "k: back  " : "");
	if (r->review != NULL)
		buf_adds(&foot, "n p: next, previous  r: reply  y: copy  "
		    "q: end");
	else {
		if (*r->card.url != '\0')
			buf_adds(&foot, "y: copy URL  ");
		buf_adds(&foot, "Esc: close");
	}
	put_text(o, y + h - 2, x + 2, w - 4, foot.data, DS_META, UI_TEXT);
	buf_free(&foot);
}

/*
 * Append s[0..n) to b, at most cols display columns of it, then "…" if
 * it had to be cut; new lines become spaces.
 */
static void
add_clipped(struct buf *b, const char *s, size_t n, int cols)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + n;
	ucs4_t		 uc;
	int		 len, w, used = 0;

	for (; p < end; p += len) {
		len = u8_mbtouc(&uc, p, (size_t)(end - p));
		w = uc_width(uc, "UTF-8");
		if (used + (w > 0 ? w : 0) > cols - 1 && p + len < end) {
			buf_adds(b, "…");
			return;
		}
		if (uc == '\n')
			buf_addc(b, ' ');
		else
			buf_add(b, p, (size_t)len);
		used += w > 0 ? w : 0;
	}
}

/*
 * The note editor: a box at the bottom of the focused pane (or of the
 * screen, when the pane is narrow), the passage quoted in its title, the
 * note wrapped in it with the cursor's row kept in view.
 */
static void
note_box(struct out *o, struct reader *r)
{
	const struct pane	*f = &r->pane[r->edit.side];
	const struct layout	*lay;
	struct buf		 title;
	const char		*t = doc_text(f->doc, NULL);
	int			 x = f->x, w = f->w, h, y, inner, crow, ccol;
	int			 top, i, n;

	if (!f->shown || w < 30) {
		x = 0;
		w = r->cols;
	}
	lay = editor_layout(r->edit.ed, w - 4 > 1 ? w - 4 : 1, &crow, &ccol);
	n = (int)layout_nrows(lay);
	inner = n < 3 ? 3 : n;
	if (inner > r->height / 2 - 2)
		inner = r->height / 2 - 2;
	if (inner < 1)
		inner = 1;
	h = inner + 2;
	y = r->height - h;
	if (y < 0)
		y = 0;
	top = crow >= inner ? crow - inner + 1 : 0;
	put_box(o, y, x, h, w);
	buf_init(&title);
	if (r->edit.asking)
		buf_adds(&title, " drop this note? y: drop it, another key: "
		    "go on writing ");
	else {
		int share = r->edit.link ? (w - 16) / 2 : w - 16;

		buf_adds(&title, r->edit.link ? " link “" : r->edit.reply_to !=
		    NULL ? " reply on “" : " note on “");
		add_clipped(&title, t + r->edit.start, r->edit.end -
		    r->edit.start, share);
		if (r->edit.link) {
			const char *t2 = doc_text(r->pane[r->edit.side2].doc,
			    NULL);

			buf_adds(&title, "” ↔ “");
			add_clipped(&title, t2 + r->edit.start2, r->edit.end2 -
			    r->edit.start2, share);
		}
		buf_adds(&title, "” ");
	}
	for (i = 0; i < (int)title.len; i++)
		if (title.data[i] == '\n')
			title.data[i] = ' ';
	put_text(o, y, x + 2, w - 4, title.data, 0, UI_FRAME);
	buf_free(&title);
	o->x = x + 2;
	o->ui = UI_TEXT;
	o->p = NULL;
	for (i = 0; i < inner; i++) {
		o->row = y + 1 + i;
		layout_cells(lay, (size_t)(top + i), put, o);
	}
	put_text(o, y + h - 1, x + 2, w - 4, " Enter: save   Ctrl-J: new "
	    "line   Esc: cancel ", DS_META, UI_FRAME);
	r->edit.crow = y + 1 + crow - top;
	r->edit.ccol = x + 2 + ccol;
}

void
frame_draw(struct reader *r, cell_fn fn, void *arg)
{
	struct out	 o;
	int		 side, y;

	out_init(&o, fn, arg);
	if (r->tiny) {
		put_text(&o, r->rows / 2, 0, r->cols, r->cols >= 18 ?
		    "terminal too small" : "too small", DS_STRONG, UI_TEXT);
		return;
	}
	for (side = 0; side < 2; side++)
		if (r->pane[side].shown)
			pane_rows(&o, r, side);
	if (!r->single) {
		for (y = 0; y < r->height; y++)
			put_text(&o, y, r->pane[0].w + 1, 1, "│", 0, UI_DIVIDER);
		put_blank(&o, r->height, r->pane[0].w, ALIGN_GUTTER, UI_STATUS);
	}
	/* A message takes the whole bottom row until the next key. */
	if (r->msg[0] != '\0') {
		put_blank(&o, r->height, 0, r->cols, UI_STATUS_FOCUS);
		put_text(&o, r->height, 1, r->cols - 1, r->msg, 0,
		    UI_STATUS_FOCUS);
	}
	if (r->prompting) {
		int pw = reader_prompt_width(r);

		put_blank(&o, r->height, 0, r->cols, UI_TEXT);
		put_text(&o, r->height, 0, 1, "/", 0, UI_TEXT);
		put_text(&o, r->height, 1, pw, reader_prompt_tail(r), 0,
		    UI_TEXT);
		/* As a search is typed: what it finds, at the row's end. */
		if (pw < r->cols - 2)
			put_text(&o, r->height, pw + 3, r->cols - pw - 4,
			    r->pinfo, 0, UI_STATUS_FOCUS);
	}
	if (r->list == LIST_HELP)
		list_box(&o, r, &r->lists[LIST_HELP], " diptych keys ",
		    "j k PgDn PgUp: scroll   q Esc ?: close", (long)r->nhelp,
		    help_line, 76);
	else if (r->list == LIST_SECTIONS)
		list_box(&o, r, &r->lists[LIST_SECTIONS], " sections ",
		    "j k: select   Enter: go   x: delete a pairing   u: undo   "
		    "q Esc: close", reader_list_len(r, LIST_SECTIONS),
		    section_line, 76);
	else if (r->list == LIST_TERMS)
		list_box(&o, r, &r->lists[LIST_TERMS], " glossary ",
		    "j k: select   Enter: where it is used   /: a word   "
		    "q Esc: close", reader_list_len(r, LIST_TERMS), term_line,
		    76);
	else if (r->list == LIST_NOTES)
		notes_box(&o, r);
	else if (r->list == LIST_CONCORD) {
		struct buf title;

		buf_init(&title);
		buf_printf(&title, " %s: %zu in %s, %zu in %s ",
		    r->concord.what, r->concord.count[0],
		    doc_short_title(r->pane[0].doc), r->concord.count[1],
		    doc_short_title(r->pane[1].doc));
		list_box(&o, r, &r->lists[LIST_CONCORD], title.data,
		    "j k: select   Enter: go there   y: copy the lines   "
		    "/: a word   T: glossary   q Esc: close",
		    (long)r->concord.n, kwic_line, 160);
		buf_free(&title);
	}
	else if (r->list == LIST_READERS)
		list_box(&o, r, &r->lists[LIST_READERS], " reading now ",
		    "j k: select   Enter: follow (a movement key stops)   "
		    "q: close", (long)r->npeers, reader_line, 100);
	if (r->popup)
		popup(&o, r);
	if (r->edit.ed != NULL)
		note_box(&o, r);
}
