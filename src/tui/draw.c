/*
 * draw.c: one frame, drawn whole into curses' virtual screen, which
 * sends the terminal only what changed.
 *
 * Overlays (glossary terms, the selection, search matches) are ranges of
 * a document's text; each cell the layout hands over carries its offset,
 * and the painter looks it up among the ranges (binary search), so a
 * frame costs the cells on screen, never the length of the essays.
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


struct at {
	int			 y, x;
	const struct pane	*p;	/* overlays to paint, or NULL */
};

/* The term hit covering offset off, or -1 (binary search). */
static long
hit_at(const struct pane *p, size_t off)
{
	size_t n = util_count_le(p->hits, p->nhits, sizeof(*p->hits),
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
			size_t k = util_count_le(p->matches, p->nmatches,
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
	if (view_row_mode(a))
		/* The section at the aligned position, which this side may
		   not have. */
		sec = align_section(a->al, align_section_at(a->al,
		    a->atop))->sec[side];
	else
		sec = r != NULL ? doc_section_at(p->doc, r->start) : -1;
	if (sec >= 0)
		buf_printf(&left, " · %s", doc_section(p->doc,
		    (size_t)sec)->label);
	else if (view_row_mode(a))
		buf_adds(&left, " · no counterpart");
	/* How far through the essay the reader has seen. */
	if (view_row_mode(a))
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
	rw = layout_text_width(right.data, right.len);
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
		if (view_row_mode(a))
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
	ww = layout_text_width(where.data, where.len);
	screen_blank(y, x, w, role);
	screen_text(y, x, 2, (size_t)i == view_current_section(a) ? "▸" : " ",
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
	cw = layout_text_width(counts.data, counts.len);
	screen_blank(y, x, w, role);
	screen_text(y, x, w - cw - 1, t->name, DS_TERM, role);
	screen_text(y, x + w - cw, cw, counts.data, DS_META, role);
	buf_free(&counts);
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
	iy = f->sel >= 0 ? view_screen_row(a, a->focus,
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

void
draw_screen(struct app *a)
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
		    (long)nbindings, help_line);
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

