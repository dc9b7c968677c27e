/*
 * reader.c: a reading session's commands, lists, search and prompt.
 *
 * The state (struct reader, reader_impl.h) is changed only here and in
 * view.c, which owns positions; frame.c turns it into cells.  Each pane
 * has its overlay layers: citations and glossary terms, filled once,
 * search matches, the current match and the selected item, each a layer
 * of its own with a role and a priority (pane_layers[]), so a new kind of
 * highlighted range is one more layer.  Tab walks the citation and term
 * layers together, in text order.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "diptych/align.h"
#include "diptych/anchor.h"
#include "diptych/anno.h"
#include "diptych/bounds.h"
#include "diptych/card.h"
#include "diptych/doc.h"
#include "diptych/editor.h"
#include "diptych/glossary.h"
#include "diptych/layout.h"
#include "diptych/overlay.h"
#include "diptych/reader.h"
#include "diptych/search.h"
#include "diptych/store.h"
#include "diptych/util.h"
#include "reader_impl.h"

/* Layer roles and priorities: who wins a cell's look. */
static const struct {
	enum overlay_role role;
	int		 priority;
} pane_layers[PL_N] = {
	[PL_LINK]	= { OR_LINK, 10 },
	[PL_TERM]	= { OR_TERM, 20 },
	[PL_NOTE]	= { OR_NOTE, 25 },
	[PL_MATCH]	= { OR_MATCH, 30 },
	[PL_CURRENT]	= { OR_CURRENT, 40 },
	[PL_SELECTED]	= { OR_SELECTED, 50 },
	[PL_SELECTION]	= { OR_SELECTION, 60 },
	[PL_OCCUR]	= { OR_OCCUR, 22 },
};

static void	say(struct reader *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	toggle_list(struct reader *, int);
static void	list_do(struct reader *, enum reader_cmd);

static void
say(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
}

/* --- reading commands ----------------------------------------------- */

static int
times(int count)
{
	return count > 0 ? count : 1;
}

static void
cmd_edge(struct reader *r, int dir, int count)
{
	int		 lead = view_lead(r);
	struct pane	*f = &r->pane[lead];
	size_t		 to = 0, upto;

	/* A count is a row number, as in less and vim: 40G.  The end is
	   found by laying the whole text out, as less reads a whole file
	   for G. */
	if (count > 0) {
		upto = VIEW_UPTO(r, (long)count - 1);
		to = view_clamp(r, (long)count - 1, 0, view_driven(r) ?
		    view_drive_count(r, upto) : view_pane_count(f, upto));
	} else if (dir > 0)
		to = view_last_top(r, view_driven(r) ? align_nrows(r->al) :
		    layout_nrows(f->lay));
	if (view_driven(r)) {
		r->atop = to;
		view_tops_from_atop(r);
		return;
	}
	f->top = to;
	view_set_anchor(f);
	view_follow_lead(r, lead);
}

/*
 * ] and [: the next or previous section.  In row mode that is the next
 * in aligned order; otherwise the next that the focused essay has.  [
 * inside a section first goes back to its start.
 */
static void
cmd_section(struct reader *r, int dir, int count)
{
	size_t	 cur = reader_current_section(r), n = align_nsections(r->al), k;
	size_t	 pos = reader_row_mode(r) ? r->atop :
		    align_index_of(r->al, r->focus, r->pane[r->focus].top);
	int	 t = times(count), moved = 0, found;

	while (t-- > 0) {
		if (dir < 0 && align_section(r->al, cur)->first < pos) {
			pos = align_section(r->al, cur)->first;
			moved = 1;
			continue;
		}
		found = 0;
		for (k = cur; dir > 0 ? k + 1 < n : k > 0;) {
			k = dir > 0 ? k + 1 : k - 1;
			if (reader_row_mode(r) ||
			    align_section(r->al, k)->in[r->focus]) {
				cur = k;
				found = moved = 1;
				break;
			}
		}
		if (!found)
			break;
		pos = align_section(r->al, cur)->first;
	}
	/* Past the last (or first) section: nowhere to go, and said. */
	if (!moved) {
		say(r, "%s", dir > 0 ? "the last section: no section after "
		    "it" : "the first section: no section before it");
		return;
	}
	view_goto_section(r, cur);
}

static void
cmd_focus(struct reader *r, int side)
{
	if (r->focus == side)
		return;
	r->focus = side;
	if (r->single) {
		r->pane[side].shown = 1;
		r->pane[!side].shown = 0;
	}
}

static void
cmd_lock(struct reader *r)
{
	r->locked = !r->locked;
	/* The focused pane stays; the other comes to its place. */
	if (r->locked)
		view_lock(r);
}

/* --- items: what Tab selects ---------------------------------------- */

/*
 * Items are the ranges of the item layers (citations, terms, notes),
 * in order of start, then of the layer's place in item_layers[], then of
 * index.  An item is (layer, index).
 */
static const int item_layers[] = { PL_LINK, PL_TERM, PL_NOTE };
#define NITEM_LAYERS	(sizeof(item_layers) / sizeof(item_layers[0]))

struct item {
	int		 layer;		/* one of item_layers, or -1: none */
	long		 i;
};

static int
rank(int layer)
{
	size_t k;

	for (k = 0; k < NITEM_LAYERS; k++)
		if (item_layers[k] == layer)
			return (int)k;
	return -1;
}

static size_t
item_start(const struct pane *p, struct item it)
{
	return overlay_range(p->layer[it.layer], (size_t)it.i)->start;
}

/* Whether item a comes before item b (both are items). */
static int
before(const struct pane *p, struct item a, struct item b)
{
	size_t sa = item_start(p, a), sb = item_start(p, b);

	if (sa != sb)
		return sa < sb;
	if (a.layer != b.layer)
		return rank(a.layer) < rank(b.layer);
	return a.i < b.i;
}

static size_t
nitems(const struct pane *p)
{
	size_t k, n = 0;

	for (k = 0; k < NITEM_LAYERS; k++)
		n += overlay_count(p->layer[item_layers[k]]);
	return n;
}

/*
 * The first item after cur in item order; cur.layer -1 stands before
 * any item at off.  Wraps to the first item.
 */
static struct item
item_after(const struct pane *p, struct item cur, size_t off)
{
	struct item	 best = { -1, -1 }, c;
	size_t		 k;

	for (k = 0; k < NITEM_LAYERS; k++) {
		c.layer = item_layers[k];
		if (c.layer == cur.layer)
			c.i = cur.i + 1 < (long)overlay_count(p->layer[c.layer]) ?
			    cur.i + 1 : -1;
		else
			c.i = overlay_next(p->layer[c.layer], cur.layer < 0 ||
			    rank(c.layer) > rank(cur.layer) ? off : off + 1);
		if (c.i >= 0 && (best.i < 0 || before(p, c, best)))
			best = c;
	}
	if (best.i < 0 && (off > 0 || cur.layer >= 0)) {
		cur.layer = -1;
		return item_after(p, cur, 0);
	}
	return best;
}

/*
 * The last item before cur in item order; cur.layer -1 stands before any
 * item at off.  Wraps to the last item.
 */
static struct item
item_before(const struct pane *p, struct item cur, size_t off)
{
	struct item	 best = { -1, -1 }, c;
	size_t		 k;

	for (k = 0; k < NITEM_LAYERS; k++) {
		c.layer = item_layers[k];
		if (c.layer == cur.layer)
			c.i = cur.i - 1;
		else
			c.i = overlay_prev(p->layer[c.layer], cur.layer >= 0 &&
			    rank(c.layer) < rank(cur.layer) &&
			    off != (size_t)-1 ? off + 1 : off);
		if (c.i >= 0 && (best.i < 0 || before(p, best, c)))
			best = c;
	}
	if (best.i < 0 && off != (size_t)-1) {
		cur.layer = -1;
		return item_before(p, cur, (size_t)-1);
	}
	return best;
}

/* Select item it of pane side and bring it into view. */
/*
 * The occurrences of glossary term t (SIZE_MAX: none) in both panes, for
 * the overview bars and the text.
 */
static void
mark_occurrences(struct reader *r, size_t t)
{
	struct pane	*p;
	size_t		 i;
	int		 side;

	for (side = 0; side < 2; side++) {
		p = &r->pane[side];
		overlay_clear(p->layer[PL_OCCUR]);
		for (i = 0; t != SIZE_MAX && i < p->nhits; i++)
			if (p->hits[i].term == t)
				overlay_add(p->layer[PL_OCCUR], p->hits[i].start,
				    p->hits[i].end, i);
	}
}

static void
select_item(struct reader *r, int side, struct item it)
{
	struct pane			*p = &r->pane[side];
	const struct overlay_range	*rg;

	overlay_clear(p->layer[PL_SELECTED]);
	p->sel_layer = it.layer;
	p->sel = it.i;
	if (it.i < 0) {
		mark_occurrences(r, SIZE_MAX);
		return;
	}
	rg = overlay_range(p->layer[it.layer], (size_t)it.i);
	overlay_add(p->layer[PL_SELECTED], rg->start, rg->end, (size_t)it.i);
	mark_occurrences(r, it.layer == PL_TERM ? p->hits[rg->id].term :
	    SIZE_MAX);
	view_show(r, side, rg->start, rg->end);
}

static void
unselect(struct pane *p)
{
	overlay_clear(p->layer[PL_SELECTED]);
	overlay_clear(p->layer[PL_OCCUR]);
	p->sel_layer = -1;
	p->sel = -1;
}

/* The selected item of pane side, if it is on screen. */
static int
selection_shown(const struct reader *r, int side)
{
	const struct pane *p = &r->pane[side];

	return p->sel >= 0 && reader_screen_row(r, side,
	    overlay_range(p->layer[p->sel_layer], (size_t)p->sel)->start) >= 0;
}

static void
cmd_select(struct reader *r, int dir, int count)
{
	struct pane	*f = &r->pane[r->focus];
	struct item	 it;
	int		 t = times(count);

	if (nitems(f) == 0) {
		say(r, "no citations, terms or notes here");
		return;
	}
	if (selection_shown(r, r->focus)) {
		it.layer = f->sel_layer;
		it.i = f->sel;
	} else {
		/* From the top of the pane: the first item on it, or the
		   last before it. */
		it.layer = -1;
		it.i = -1;
		it = dir > 0 ? item_after(f, it, view_top_start(r, r->focus)) :
		    item_before(f, it, view_top_start(r, r->focus));
		t--;
	}
	while (t-- > 0)
		it = dir > 0 ? item_after(f, it, item_start(f, it)) :
		    item_before(f, it, item_start(f, it));
	select_item(r, r->focus, it);
}

/* Fill the card of pane p's selected item; 0, or -1 when there is none. */
static int
make_card(struct reader *r, const struct pane *p, struct card *c)
{
	const char	*names[2];
	size_t		 counts[2], t;

	if (p->sel < 0)
		return -1;
	if (p->sel_layer == PL_LINK)
		return card_link(c, p->doc, (size_t)p->sel);
	if (p->sel_layer == PL_NOTE) {
		notes_card(r, p == &r->pane[0] ? 0 : 1, (size_t)p->sel, c);
		return 0;
	}
	t = p->hits[overlay_range(p->layer[PL_TERM], (size_t)p->sel)->id].term;
	names[0] = doc_short_title(r->pane[0].doc);
	names[1] = doc_short_title(r->pane[1].doc);
	counts[0] = r->pane[0].counts[t];
	counts[1] = r->pane[1].counts[t];
	card_term(c, r->gloss, t, counts, names);
	return 0;
}

/*
 * Enter on one end of a link: the other pane goes to the other end (the
 * sync lock, which would keep the panes in step, comes off).
 */
static void
link_other_end(struct reader *r, const struct pane *f)
{
	size_t			 id = overlay_range(f->layer[PL_NOTE],
				    (size_t)f->sel)->id;
	const struct note_place	*other = &r->placed[id >> 1][!(id & 1)];

	if (r->annos[id >> 1].ntargets < 2 || other->side < 0 ||
	    other->state == ANCHOR_ORPHAN || other->side == r->focus)
		return;
	if (r->locked) {
		r->locked = 0;
		say(r, "sync off: each pane shows one end of the link");
	}
	view_show(r, other->side, other->start, other->end);
}

static void
cmd_open(struct reader *r, int count)
{
	struct pane *f = &r->pane[r->focus];

	if (!selection_shown(r, r->focus)) {
		view_move(r, times(count));	/* nothing selected in view */
		return;
	}
	card_free(&r->card);
	layout_free(r->card_lay);
	r->card_lay = NULL;
	if (make_card(r, f, &r->card) == -1) {
		say(r, "this citation leads nowhere");
		return;
	}
	r->popup = 1;
	r->card_top = 0;
	if (f->sel_layer == PL_NOTE)
		link_other_end(r, f);
}

/* --- the mouse ----------------------------------------------------- */

/* What layout_cells gives at one column: the text offset there. */
struct hit_col {
	int	 col;
	size_t	 off;
};

static void
hit_cell(const struct cell *c, void *arg)
{
	struct hit_col *h = arg;

	if (h->col >= c->col && h->col < c->col + c->width)
		h->off = c->off;
}

/*
 * A click at screen row y, column x: the pane there takes the focus,
 * and the citation, term or note clicked on is selected and its popup
 * opens, as Tab and Enter would.  A list or popup open closes.
 */
void
reader_click(struct reader *r, int y, int x)
{
	static const int	 layers[] = { PL_LINK, PL_NOTE, PL_TERM };
	struct hit_col		 h;
	struct pane		*p;
	struct item		 it;
	long			 row, k;
	size_t			 i;
	int			 side;

	reader_idle(r);
	r->msg[0] = '\0';
	if (r->tiny || reader_mode(r) == RM_EDIT || r->prompting)
		return;
	if (r->list >= 0 || r->popup) {
		r->list = -1;
		r->popup = 0;
		return;
	}
	if (reader_mode(r) != RM_READ)
		return;
	for (side = 0; side < 2; side++) {
		p = &r->pane[side];
		if (p->shown && x >= p->x && x < p->x + p->w)
			break;
	}
	if (side == 2 || y < 0 || y >= r->height)
		return;
	if (side != r->focus)
		cmd_focus(r, side);
	if ((row = reader_row_at(r, side, y)) < 0)
		return;
	h.col = x - p->x - p->tx;
	h.off = CELL_NO_OFFSET;
	layout_cells(p->lay, (size_t)row, hit_cell, &h);
	if (h.off == CELL_NO_OFFSET)
		return;
	for (i = 0; i < sizeof(layers) / sizeof(layers[0]); i++)
		if ((k = overlay_at(p->layer[layers[i]], h.off)) >= 0) {
			it.layer = layers[i];
			it.i = k;
			select_item(r, side, it);
			cmd_open(r, 0);
			return;
		}
}

/* The wheel: rows down (up when negative), in a list or the panes. */
void
reader_wheel(struct reader *r, int rows)
{
	enum reader_mode	 mode = reader_mode(r);
	int			 n = rows < 0 ? -rows : rows;

	reader_idle(r);
	if (mode == RM_LIST || mode == RM_POPUP || mode == RM_REVIEW)
		while (n-- > 0)
			reader_do(r, rows < 0 ? RC_LIST_UP : RC_LIST_DOWN, 0);
	else if (mode == RM_READ || mode == RM_SELECT)
		reader_do(r, rows < 0 ? RC_UP : RC_DOWN, n);
}

/* --- the clipboard ------------------------------------------------- */

/* Characters that change how text around them reads, but show nothing. */
static int
invisible(ucs4_t uc)
{
	return uc == 0x061c || uc == 0x200b || uc == 0x200e || uc == 0x200f ||
	    (uc >= 0x202a && uc <= 0x202e) || (uc >= 0x2060 && uc <= 0x2069) ||
	    uc == 0xfeff || (uc >= 0xfff9 && uc <= 0xfffb) ||
	    (uc >= 0xe0000 && uc <= 0xe007f);
}

/*
 * s[0..n) as plain text for the clipboard, into b: no control
 * characters, no bidirectional controls or other invisible format
 * characters (a pasted quote reads as it was shown); a tab is a space, a
 * new line stays.  A URL is one line with no spaces: what it cannot
 * hold is percent-encoded, so that it still leads where it did.
 */
static void
clip_clean(const char *s, size_t n, int url, struct buf *b)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + n;
	ucs4_t		 uc;
	int		 len, k;

	for (; p < end; p += len) {
		if ((len = u8_mbtouc(&uc, p, (size_t)(end - p))) < 1)
			break;
		if (uc == 0xfffd && (len != 3 || p[0] != 0xef))
			continue;		/* not UTF-8 */
		if (url && (uc <= 0x20 || uc == 0x7f ||
		    (uc >= 0x80 && uc < 0xa0) || uc == 0xa0 || uc == 0x2028 ||
		    uc == 0x2029 || invisible(uc))) {
			for (k = 0; k < len; k++)
				buf_printf(b, "%%%02X", p[k]);
			continue;
		}
		if (uc == '\t')
			uc = ' ';
		if ((uc < 0x20 && uc != '\n') || uc == 0x7f ||
		    (uc >= 0x80 && uc < 0xa0) || uc == 0x2028 ||
		    uc == 0x2029 || invisible(uc))
			continue;
		if (uc == ' ' && p[0] == '\t')
			buf_addc(b, ' ');
		else
			buf_add(b, p, (size_t)len);
	}
}

/*
 * The line that says where a passage at off of pane side is from:
 * author, title, publisher, year, section; into b.
 */
static void
cite_line(const struct reader *r, int side, size_t off, struct buf *b)
{
	const struct doc	*d = r->pane[side].doc;
	const char		*v;
	long			 sec = doc_section_at(d, off);

	buf_adds(b, "\n—");
	if ((v = doc_meta(d, "author")) != NULL && *v != '\0')
		buf_printf(b, " %s,", v);
	if ((v = doc_meta(d, "title")) != NULL && *v != '\0')
		buf_printf(b, " “%s”,", v);
	else
		buf_printf(b, " %s,", doc_short_title(d));
	if ((v = doc_meta(d, "publisher")) != NULL && *v != '\0')
		buf_printf(b, " %s,", v);
	if ((v = doc_meta(d, "date")) != NULL && strlen(v) >= 4)
		buf_printf(b, " %.4s,", v);
	b->data[--b->len] = '\0';	/* the last comma */
	/* A text of one section, with no name but its own, has none. */
	if (sec >= 0 && strcmp(doc_section(d, (size_t)sec)->label,
	    doc_short_title(d)) != 0)
		buf_printf(b, " (§ %s)", doc_section(d, (size_t)sec)->label);
}

/*
 * Ask the device to copy text[0..n) (a URL when url), with a line
 * saying where it is from (cite: the passage at off of pane side), and
 * say what was copied; or why it cannot be.
 */
static void
clip_put(struct reader *r, const char *text, size_t n, int url, int cite,
    int side, size_t off, const char *what)
{
	struct buf	 b, line;

	if (r->clip_off != NULL) {
		say(r, "not copied: %s", r->clip_off);
		return;
	}
	buf_init(&b);
	buf_add(&b, "", 0);
	clip_clean(text, n, url, &b);
	/* Where from: the essay's front matter and a section label, as
	   plain as the text. */
	if (cite) {
		buf_init(&line);
		cite_line(r, side, off, &line);
		clip_clean(line.data, line.len, 0, &b);
		buf_free(&line);
	}
	free(r->clip);
	r->clip = buf_steal(&b, NULL);
	if (url)
		say(r, "copied %s%s", r->clip, cite ? " (with where from)" : "");
	else
		say(r, "copied %s%s", what, cite ? ", with where it is from" :
		    "");
}

/*
 * y in A or R: note k's passage as the text has it now, else (an
 * orphan) as it was kept; Y says where from when it is in an essay.
 */
static void
copy_note(struct reader *r, size_t k, int cite)
{
	const struct anchor	*a = &r->annos[k].target[0];
	char			 what[96];
	size_t			 s, e;
	int			 side;

	if (notes_where(r, k, &side, &s, &e) == 0) {
		snprintf(what, sizeof(what), "%zu bytes of the note's passage",
		    e - s);
		clip_put(r, doc_text(r->pane[side].doc, NULL) + s, e - s, 0,
		    cite, side, s, what);
		return;
	}
	snprintf(what, sizeof(what), "the passage the note was on (%zu "
	    "bytes; not found in the text now)", strlen(a->exact));
	clip_put(r, a->exact, strlen(a->exact), 0, 0, 0, 0, what);
}

/*
 * y (and Y, with a citation line): the popup's URL, else the selected
 * item: a note's passage, a citation's URL, a term as the text has it.
 */
static void
cmd_copy(struct reader *r, int cite)
{
	struct pane			*f = &r->pane[r->focus];
	const struct overlay_range	*rg;
	const char			*t;
	struct card			 c;
	char				 what[64];

	if (r->popup) {
		if (r->card.url == NULL || *r->card.url == '\0')
			say(r, "no URL to copy");
		else
			clip_put(r, r->card.url, strlen(r->card.url), 1, cite,
			    r->focus, f->sel >= 0 ? overlay_range(
			    f->layer[f->sel_layer], (size_t)f->sel)->start :
			    view_top_start(r, r->focus), NULL);
		return;
	}
	if (f->sel < 0) {
		say(r, "nothing selected to copy (Tab selects; v makes a "
		    "selection)");
		return;
	}
	rg = overlay_range(f->layer[f->sel_layer], (size_t)f->sel);
	t = doc_text(f->doc, NULL);
	if (f->sel_layer == PL_NOTE || f->sel_layer == PL_TERM) {
		snprintf(what, sizeof(what), "%zu bytes of the %s",
		    rg->end - rg->start, f->sel_layer == PL_NOTE ?
		    "note's passage" : "term");
		clip_put(r, t + rg->start, rg->end - rg->start, 0, cite,
		    r->focus, rg->start, what);
		return;
	}
	if (make_card(r, f, &c) == -1) {
		say(r, "no URL to copy");
		return;
	}
	if (c.url == NULL || *c.url == '\0')
		say(r, "no URL to copy");
	else
		clip_put(r, c.url, strlen(c.url), 1, cite, r->focus,
		    rg->start, NULL);
	card_free(&c);
}

/* --- search --------------------------------------------------------- */

/* Drop pane p's search matches (where the current one was stays). */
static void
clear_matches(struct pane *p)
{
	overlay_clear(p->layer[PL_MATCH]);
	overlay_clear(p->layer[PL_CURRENT]);
	free(p->searched);
	p->searched = NULL;
	p->cur = -1;
}

static void
set_current(struct pane *p, long k)
{
	const struct overlay_range *rg = overlay_range(p->layer[PL_MATCH],
	    (size_t)k);

	p->cur = k;
	p->last = rg->start;
	overlay_clear(p->layer[PL_CURRENT]);
	overlay_add(p->layer[PL_CURRENT], rg->start, rg->end, (size_t)k);
}

/*
 * Pane side's matches of the last pattern, found when not yet; how many.
 * As one types (live), only the first LIVE_MATCHES in LIVE_SPAN bytes
 * from the place on (then from the top) are looked for, *more telling
 * there may be others: a key costs what it shows, not the length of the
 * text.  Enter, n and N look for them all (once per pattern and text:
 * search_some keeps them).
 */
#define LIVE_MATCHES	1000
#define LIVE_SPAN	(256 * 1024)

static long
matches(struct reader *r, int side, int live, int *more)
{
	struct pane		*p = &r->pane[side];
	struct search_hit	*hits, *was;
	size_t			 nhits, i, n;
	int			 cut, refined;

	if (p->searched == NULL || strcmp(p->searched, r->pattern) != 0 ||
	    (p->search_cut && !live)) {
		if (p->stext == NULL)
			p->stext = search_text_new(p->doc);
		hits = NULL;
		refined = 0;
		if (p->searched != NULL && !p->search_cut) {
			/* Typed on: among the matches there were. */
			n = overlay_count(p->layer[PL_MATCH]);
			was = xcalloc(n + 1, sizeof(*was));
			for (i = 0; i < n; i++) {
				was[i].start = overlay_range(
				    p->layer[PL_MATCH], i)->start;
				was[i].end = overlay_range(
				    p->layer[PL_MATCH], i)->end;
			}
			hits = search_refine(p->stext, p->searched, was, n,
			    r->pattern, &nhits, &refined);
			free(was);
		}
		cut = 0;
		if (!refined)
			hits = search_some(p->stext, r->pattern, live ?
			    view_top_start(r, side) : 0, live ? LIVE_SPAN :
			    SIZE_MAX, live ? LIVE_MATCHES : SIZE_MAX, &nhits,
			    &cut);
		clear_matches(p);
		for (i = 0; i < nhits; i++)
			overlay_add(p->layer[PL_MATCH], hits[i].start,
			    hits[i].end, i);
		free(hits);
		p->searched = xstrdup(r->pattern);
		p->search_cut = cut;
	}
	if (more != NULL)
		*more = p->search_cut;
	return (long)overlay_count(p->layer[PL_MATCH]);
}

/* A new pattern: no match is current in either pane. */
static void
new_pattern(struct reader *r, const char *pattern)
{
	int side;

	free(r->pattern);
	r->pattern = pattern != NULL ? xstrdup(pattern) : NULL;
	for (side = 0; side < 2; side++) {
		clear_matches(&r->pane[side]);
		r->pane[side].last = SIZE_MAX;
	}
}

/*
 * The pattern as typed on: no match is current, but the matches of the
 * pattern before stay, for matches() to look among them.
 */
static void
typed_pattern(struct reader *r, const char *pattern)
{
	int side;

	if (pattern == NULL) {
		new_pattern(r, NULL);
		return;
	}
	free(r->pattern);
	r->pattern = xstrdup(pattern);
	for (side = 0; side < 2; side++) {
		overlay_clear(r->pane[side].layer[PL_CURRENT]);
		r->pane[side].cur = -1;
		r->pane[side].last = SIZE_MAX;
	}
}

/*
 * Go step matches on (wrapping) among the focused pane's matches of the
 * last pattern; the other pane's are counted and marked too.  From the
 * current match, or where it was when Esc cleared the marks, when it is
 * in view; else from the top of the pane.  What was found is said in
 * the message row, or, as a search is typed (live), beside the prompt.
 */
static void
show_match(struct reader *r, long step, int live)
{
	struct pane	*f = &r->pane[r->focus];
	const struct overlay_range *rg;
	const char	*other = doc_short_title(r->pane[!r->focus].doc);
	const char	*wrapped = "";
	char		 info[sizeof(r->pinfo)];
	long		 n, k, elsewhere;
	int		 more = 0, moreb = 0;

	if (r->pattern == NULL) {
		say(r, "no search yet: / searches");
		return;
	}
	n = matches(r, r->focus, live, &more);
	elsewhere = r->single ? 0 : matches(r, !r->focus, live, &moreb);
	if (n == 0) {
		if (elsewhere > 0)
			snprintf(info, sizeof(info), "not in %s · %ld%s in %s "
			    "(%s)", doc_short_title(f->doc), elsewhere,
			    moreb ? "+" : "", other,
			    live ? "Tab searches there" : r->focus == SIDE_LEFT ?
			    "l then n goes there" : "h then n goes there");
		else
			snprintf(info, sizeof(info), "not found");
	} else {
		if (f->cur < 0 && f->last != SIZE_MAX &&
		    reader_screen_row(r, r->focus, f->last) >= 0 &&
		    (k = overlay_next(f->layer[PL_MATCH], f->last)) >= 0 &&
		    overlay_range(f->layer[PL_MATCH], (size_t)k)->start ==
		    f->last)
			f->cur = k;
		if (f->cur < 0 || reader_screen_row(r, r->focus,
		    overlay_range(f->layer[PL_MATCH], (size_t)f->cur)->start) <
		    0) {
			k = overlay_next(f->layer[PL_MATCH],
			    view_top_start(r, r->focus));
			if (k < 0)
				k = n;
			if (step < 0)
				k--;
			else if (step > 0)
				k += step - 1;
		} else
			k = f->cur + step;
		if (k >= n)
			wrapped = " (past the end: from the top)";
		else if (k < 0)
			wrapped = " (past the top: from the end)";
		k = ((k % n) + n) % n;
		set_current(f, k);
		rg = overlay_range(f->layer[PL_MATCH], (size_t)k);
		view_show(r, r->focus, rg->start, rg->end);
		if (r->single)
			snprintf(info, sizeof(info), "match %ld/%ld%s%s",
			    k + 1, n, more ? "+" : "", wrapped);
		else
			snprintf(info, sizeof(info), "match %ld/%ld%s · %ld%s "
			    "in %s%s", k + 1, n, more ? "+" : "", elsewhere,
			    moreb ? "+" : "", other, wrapped);
	}
	if (live)
		snprintf(r->pinfo, sizeof(r->pinfo), "%s", info);
	else
		say(r, "/%s: %s", r->pattern, info);
}

static void	review_start(struct reader *);

/* The filter typed so far takes effect (as it is typed). */
static void
filter_set(struct reader *r, const char *f)
{
	struct list *l = &r->lists[LIST_NOTES];

	free(r->filter);
	r->filter = f != NULL && *f != '\0' ? xstrdup(f) : NULL;
	notes_filter(r);
	if (l->sel >= (long)r->nshown)
		l->sel = r->nshown > 0 ? (long)r->nshown - 1 : 0;
	if (l->sel < 0)
		l->sel = 0;
}

static void	jumped_from(struct reader *, const struct store_position *);
static void	mark_input(struct reader *, const char *, size_t);
static void	kwic_word(struct reader *, const char *);

/* --- the prompt ----------------------------------------------------- */

/* The store's names of what the prompts read. */
static const char *const recall_kinds[] = {
	[PROMPT_SEARCH] = "search",
	[PROMPT_FILTER] = "filter",
	[PROMPT_WORD] = "word",
};

/* The longest text a prompt takes, in bytes. */
#define PROMPT_MAX	200

const char *
reader_prompt_text(const struct reader *r)
{
	return r->line != NULL ? editor_text(r->line, NULL) : "";
}

/* The prompt of kind opens, empty; what was typed before is at hand. */
static void
prompt_open(struct reader *r, int kind)
{
	struct recall *h = &r->recall[kind];

	r->prompting = kind;
	editor_free(r->line);
	r->line = editor_new(NULL);
	r->pinfo[0] = '\0';
	if (!h->loaded && r->store != NULL &&
	    store_recall(r->store, recall_kinds[kind], &h->v, &h->n) == -1)
		say(r, "%s", store_error(r->store));
	h->loaded = 1;
	h->at = h->n;
	free(h->typed);
	h->typed = NULL;
}

static void
prompt_close(struct reader *r)
{
	r->prompting = 0;
	editor_free(r->line);
	r->line = NULL;
	r->pinfo[0] = '\0';
}

/* Keep text as the newest of what the prompt of kind was given. */
static void
recall_keep(struct reader *r, int kind, const char *text)
{
	struct recall	*h = &r->recall[kind];
	size_t		 i, k;

	if (text[0] == '\0')
		return;
	for (i = k = 0; i < h->n; i++)
		if (strcmp(h->v[i], text) == 0)
			free(h->v[i]);
		else
			h->v[k++] = h->v[i];
	h->n = k;
	if (h->n == STORE_RECALL_MAX) {
		free(h->v[0]);
		memmove(h->v, h->v + 1, --h->n * sizeof(*h->v));
	}
	h->v = xrealloc(h->v, (h->n + 1) * sizeof(*h->v));
	h->v[h->n++] = xstrdup(text);
	/* Losing it costs a retyping: a store that fails says so once,
	   in its own writes. */
	if (r->store != NULL && store_writable(r->store))
		store_recall_add(r->store, recall_kinds[kind], text);
}

/*
 * As a search is typed, the first match from where / was typed shows,
 * every match in both panes is marked, and the count beside the prompt
 * says how many; an empty one goes back there.
 */
static void
search_live(struct reader *r)
{
	const char *t = reader_prompt_text(r);

	reader_set_place(r, &r->before);
	typed_pattern(r, t[0] != '\0' ? t : NULL);
	r->pinfo[0] = '\0';
	if (r->pattern != NULL)
		show_match(r, 0, 1);
}

/* The prompt's text changed: a filter or a search acts as it is typed. */
static void
prompt_changed(struct reader *r)
{
	if (r->prompting == PROMPT_WORD)
		return;		/* found on Enter: every key would read
				   both texts whole */
	if (r->prompting == PROMPT_FILTER)
		filter_set(r, reader_prompt_text(r));
	else
		search_live(r);
}

/*
 * /: in A or R, the prompt of a new filter (Enter on nothing: none);
 * Esc gives back the filter there was.
 */
static void
filter_prompt(struct reader *r)
{
	if (r->review == NULL && r->list != LIST_NOTES) {
		say(r, "/ filters the annotations list (A) and the review (R)");
		return;
	}
	prompt_open(r, PROMPT_FILTER);
	free(r->filter_was);
	r->filter_was = r->filter != NULL ? xstrdup(r->filter) : NULL;
}

/* /: the search prompt; the place now is where Esc comes back to. */
static void
search_prompt(struct reader *r)
{
	prompt_open(r, PROMPT_SEARCH);
	reader_get_place(r, &r->before);
	free(r->pattern_was);
	r->pattern_was = r->pattern != NULL ? xstrdup(r->pattern) : NULL;
}

static void
prompt_accept(struct reader *r)
{
	char	*text = xstrdup(reader_prompt_text(r));
	int	 kind = r->prompting;

	prompt_close(r);
	recall_keep(r, kind, text);
	if (kind == PROMPT_WORD) {
		if (text[0] != '\0')
			kwic_word(r, text);
		free(text);
		return;
	}
	if (kind == PROMPT_FILTER) {
		filter_set(r, text);
		if (r->review != NULL) {
			if (r->nshown == 0) {
				filter_set(r, r->filter_was);
				say(r, "no note matches /%s: the review is as "
				    "it was", text);
				free(text);
				return;
			}
			review_start(r);
		}
		if (r->filter != NULL)
			say(r, "%zu of %zu notes match /%s", r->nshown,
			    r->nannos, r->filter);
		free(text);
		return;
	}
	/* Enter on nothing searches again for the pattern before. */
	if (text[0] == '\0' && r->pattern_was != NULL)
		new_pattern(r, r->pattern_was);
	free(text);
	show_match(r, 0, 0);
	jumped_from(r, &r->before);
}

/* Esc: a filter as it was; a search back where / was typed. */
static void
prompt_cancel(struct reader *r)
{
	int kind = r->prompting;

	prompt_close(r);
	if (kind == PROMPT_WORD)
		return;
	if (kind == PROMPT_FILTER) {
		filter_set(r, r->filter_was);
		return;
	}
	reader_set_place(r, &r->before);
	new_pattern(r, r->pattern_was);
}

/* Up (older, dir -1) and Down: what was typed at this prompt before. */
static void
prompt_recall(struct reader *r, int dir)
{
	struct recall	*h = &r->recall[r->prompting];
	const char	*t;

	if ((dir < 0 && h->at == 0) || (dir > 0 && h->at >= h->n)) {
		say(r, dir < 0 ? "nothing typed before that" :
		    "back at what you typed");
		return;
	}
	if (h->at == h->n) {
		free(h->typed);
		h->typed = xstrdup(reader_prompt_text(r));
	}
	h->at = dir < 0 ? h->at - 1 : h->at + 1;
	t = h->at < h->n ? h->v[h->at] : h->typed;
	editor_free(r->line);
	r->line = editor_new(t);
	prompt_changed(r);
}

/* Tab: the search goes on in the other pane. */
static void
prompt_pane(struct reader *r)
{
	if (r->prompting != PROMPT_SEARCH) {
		say(r, "Tab in a search prompt searches the other essay");
		return;
	}
	/* Back where / was typed first: the other essay is searched from
	   there, not from where this one's match took the panes. */
	reader_set_place(r, &r->before);
	cmd_focus(r, !r->focus);
	reader_get_place(r, &r->before);
	search_live(r);
}

void
reader_input(struct reader *r, const char *s, size_t n)
{
	size_t len;

	reader_idle(r);
	if (r->pending) {
		mark_input(r, s, n);
		return;
	}
	if (r->edit.ed != NULL) {
		notes_input(r, s, n);
		return;
	}
	if (!r->prompting)
		return;
	editor_text(r->line, &len);
	if (len + n > PROMPT_MAX) {
		say(r, "a pattern is at most %d bytes", PROMPT_MAX);
		return;
	}
	if (editor_insert(r->line, s, n) > 0)
		prompt_changed(r);
}

/* --- marks and jumps ------------------------------------------------ */

/* Whether two places show the same passage. */
static int
same_place(const struct store_position *a, const struct store_position *b)
{
	return a->offset[0] == b->offset[0] && a->offset[1] == b->offset[1] &&
	    a->focus == b->focus;
}

/* The reader jumped from place from: '' goes back there. */
static void
jumped_from(struct reader *r, const struct store_position *from)
{
	struct store_position here;

	memset(&here, 0, sizeof(here));
	reader_get_place(r, &here);
	if (same_place(&here, from))
		return;
	r->jumped = *from;
	r->has_jumped = 1;
}

/* The marks kept for this pair of essays, read once. */
static void
marks_read(struct reader *r)
{
	if (r->marks_read || r->store == NULL)
		return;
	r->marks_read = 1;
	if (store_marks(r->store, anchor_doc_id(r->pane[SIDE_LEFT].doc),
	    anchor_doc_id(r->pane[SIDE_RIGHT].doc), &r->marks, &r->nmarks) ==
	    -1)
		say(r, "%s", store_error(r->store));
}

static struct store_mark *
mark_find(struct reader *r, int name)
{
	size_t i;

	for (i = 0; i < r->nmarks; i++)
		if (r->marks[i].name == name)
			return &r->marks[i];
	return NULL;
}

/* m{a-z}: mark name here, kept in the personal store for this pair. */
static void
mark_set(struct reader *r, int name)
{
	struct store_mark *m;

	if (name < 'a' || name > 'z') {
		say(r, "marks are a to z: m then a letter");
		return;
	}
	marks_read(r);
	if ((m = mark_find(r, name)) == NULL) {
		r->marks = xrealloc(r->marks, (r->nmarks + 1) *
		    sizeof(*r->marks));
		m = &r->marks[r->nmarks++];
	}
	memset(m, 0, sizeof(*m));
	m->name = (char)name;
	reader_get_place(r, &m->pos);
	if (r->store == NULL)
		say(r, "mark %c set, for now: %s", name, r->store_off);
	else if (store_mark_put(r->store,
	    anchor_doc_id(r->pane[SIDE_LEFT].doc),
	    anchor_doc_id(r->pane[SIDE_RIGHT].doc), m) == -1)
		say(r, "mark %c set, for now: %s", name,
		    store_error(r->store));
	else
		say(r, "mark %c set ('%c comes back here)", name, name);
}

/* '{a-z}: to mark name; '': back to before the last jump. */
static void
mark_go(struct reader *r, int name)
{
	struct store_position	 here, to;
	struct store_mark	*m;

	memset(&here, 0, sizeof(here));
	reader_get_place(r, &here);
	if (name == '\'') {
		if (!r->has_jumped) {
			say(r, "no jump yet to go back from");
			return;
		}
		to = r->jumped;
	} else if (name < 'a' || name > 'z') {
		say(r, "marks are a to z: ' then a letter ('' goes back)");
		return;
	} else {
		marks_read(r);
		if ((m = mark_find(r, name)) == NULL) {
			say(r, "no mark %c here (m%c sets it)", name, name);
			return;
		}
		to = m->pos;
	}
	reader_set_place(r, &to);
	jumped_from(r, &here);
	if (name != '\'')
		say(r, "mark %c", name);
}

/* N%: the focused essay at N percent of its text. */
static void
cmd_percent(struct reader *r, int count)
{
	struct store_position	 here, to;
	size_t			 len;

	if (count <= 0) {
		say(r, "a count first: 50%% goes to the middle");
		return;
	}
	if (count > 100)
		count = 100;
	memset(&here, 0, sizeof(here));
	reader_get_place(r, &here);
	to = here;
	doc_text(r->pane[r->focus].doc, &len);
	to.offset[r->focus] = len / 100 * (size_t)count +
	    len % 100 * (size_t)count / 100;
	reader_set_place(r, &to);
	jumped_from(r, &here);
}

/* The letter after m or '. */
static void
mark_input(struct reader *r, const char *s, size_t n)
{
	int kind = r->pending;

	r->pending = 0;
	if (n != 1)
		say(r, "marks are a to z");
	else if (kind == 'm')
		mark_set(r, (unsigned char)s[0]);
	else
		mark_go(r, (unsigned char)s[0]);
}

/* --- selections ----------------------------------------------------- */

/*
 * A selection is two edges of a pane's text: fixed, and moving, which
 * the keys move by a unit (word, sentence, block, row).  Moving an edge
 * toward the other shrinks the selection; when it would meet the other
 * edge, the edges swap roles and the selection grows the other way, so
 * "(" on a selected sentence takes in the one before.
 */

enum { SEL_ROW = -1 };

static int
is_blank(char c)
{
	return c == ' ' || c == '\n';
}

/* The end of the unit after off, or the start of the unit before it. */
static size_t
unit_next(const struct pane *p, size_t off, int unit)
{
	const struct layout_row	*lr;
	size_t			 row, len;

	if (unit != SEL_ROW)
		return bounds_next(p->doc, off, (enum bounds_unit)unit);
	doc_text(p->doc, &len);
	for (row = layout_row_at(p->lay, off);
	    (lr = layout_row(p->lay, row)) != NULL; row++)
		if (lr->kind == LR_TEXT && lr->end > off)
			return lr->end;
	return len;
}

static size_t
unit_prev(const struct pane *p, size_t off, int unit)
{
	const struct layout_row	*lr;
	size_t			 row;

	if (unit != SEL_ROW)
		return bounds_prev(p->doc, off, (enum bounds_unit)unit);
	row = layout_row_at(p->lay, off > 0 ? off - 1 : 0);
	for (;; row--) {
		lr = layout_row(p->lay, row);
		if (lr != NULL && lr->kind == LR_TEXT && lr->start < off)
			return lr->start;
		if (row == 0)
			return 0;
	}
}

/* Paint pane p's selection layer from its edges. */
static void
sel_paint(struct pane *p)
{
	overlay_clear(p->layer[PL_SELECTION]);
	if (p->selecting)
		overlay_add(p->layer[PL_SELECTION], p->fixed < p->moving ?
		    p->fixed : p->moving, p->fixed < p->moving ? p->moving :
		    p->fixed, 0);
}

static void
sel_cancel(struct pane *p)
{
	p->selecting = 0;
	sel_paint(p);
}

/* Say what the selection holds. */
static void
sel_say(struct reader *r)
{
	const struct pane	*f = &r->pane[r->focus];
	size_t			 s = 0, e = 0, words = 0, at;

	reader_selection(r, r->focus, &s, &e);
	for (at = s; at < e && words < 100000; words++) {
		at = bounds_next(f->doc, at, BU_WORD);
		if (at > e)
			break;
	}
	say(r, "selection: %zu word%s   w b ) ( } { j k: change   a: note   "
	    "y: copy   Esc: done", words, words == 1 ? "" : "s");
}

/*
 * The passage at the cursor: the selected item or the current match when
 * on screen, else the first sentence at the top of the focused pane.
 * Returns 0 with its range, or -1 when the pane shows no text.
 */
int
reader_cursor_range(struct reader *r, size_t *start, size_t *end)
{
	struct pane			*f = &r->pane[r->focus];
	const struct overlay_range	*rg = NULL;
	size_t				 top = view_top_start(r, r->focus);
	size_t				 s2, e2;

	if (selection_shown(r, r->focus))
		rg = overlay_range(f->layer[f->sel_layer], (size_t)f->sel);
	else if (f->cur >= 0 && reader_screen_row(r, r->focus,
	    overlay_range(f->layer[PL_MATCH], (size_t)f->cur)->start) >= 0)
		rg = overlay_range(f->layer[PL_MATCH], (size_t)f->cur);
	if (rg != NULL) {
		*start = rg->start;
		*end = rg->end;
		return 0;
	}
	if (bounds_sentence(f->doc, top, start, end) == -1)
		return -1;
	if (*start < top && bounds_sentence(f->doc, *end, &s2, &e2) == 0 &&
	    reader_screen_row(r, r->focus, s2) >= 0) {
		/* The sentence at the top began above it: the next. */
		*start = s2;
		*end = e2;
	}
	return 0;
}

/* v: a selection of the passage at the cursor. */
static void
sel_start(struct reader *r)
{
	struct pane	*f = &r->pane[r->focus];
	size_t		 s, e;

	if (reader_cursor_range(r, &s, &e) == -1) {
		say(r, "no text here to select");
		return;
	}
	f->selecting = 1;
	f->fixed = s;
	f->moving = e;
	sel_paint(f);
	view_show(r, r->focus, s, e);
	sel_say(r);
}

/* Move the selection's moving edge count units forward or back. */
static void
sel_move(struct reader *r, int unit, int dir, int count)
{
	struct pane	*f = &r->pane[r->focus];
	const char	*t = doc_text(f->doc, NULL);
	size_t		 m = f->moving, n, was;
	int		 k = times(count);

	while (k-- > 0) {
		if (dir > 0 && m >= f->fixed)
			m = unit_next(f, m, unit);
		else if (dir < 0 && m <= f->fixed)
			m = unit_prev(f, m, unit);
		else if (dir > 0) {
			/* The start edge moves on: past the unit and the
			   blank after it. */
			for (n = unit_next(f, m, unit); n < f->fixed &&
			    is_blank(t[n]); n++)
				;
			if (n < f->fixed)
				m = n;
			else {
				was = f->fixed;
				f->fixed = m;
				m = unit_next(f, was, unit);
			}
		} else {
			for (n = unit_prev(f, m, unit); n > f->fixed &&
			    is_blank(t[n - 1]); n--)
				;
			if (n > f->fixed)
				m = n;
			else {
				was = f->fixed;
				f->fixed = m;
				m = unit_prev(f, was, unit);
			}
		}
	}
	if (m == f->fixed)
		return;			/* at an end of the text */
	f->moving = m;
	sel_paint(f);
	view_show(r, r->focus, m > 0 && m > f->fixed ? m - 1 : m,
	    m > f->fixed ? m : m + 1);
	sel_say(r);
}

/* y in a selection: its text to the clipboard (Y: and where from). */
static void
sel_copy(struct reader *r, int cite)
{
	const char	*t = doc_text(r->pane[r->focus].doc, NULL);
	char		 what[64];
	size_t		 s, e;

	if (!reader_selection(r, r->focus, &s, &e))
		return;
	snprintf(what, sizeof(what), "%zu bytes of the selection", e - s);
	clip_put(r, t + s, e - s, 0, cite, r->focus, s, what);
}

int
reader_selection(const struct reader *r, int side, size_t *start,
    size_t *end)
{
	const struct pane *p = &r->pane[side];

	if (!p->selecting)
		return 0;
	*start = p->fixed < p->moving ? p->fixed : p->moving;
	*end = p->fixed < p->moving ? p->moving : p->fixed;
	return 1;
}

/* A command while a selection is being made. */
static void
select_do(struct reader *r, enum reader_cmd cmd, int count)
{
	static const struct {
		enum reader_cmd	 cmd;
		int		 unit, dir;
	} moves[] = {
		{ RC_SEL_WORD_NEXT,	BU_WORD,	 1 },
		{ RC_SEL_WORD_PREV,	BU_WORD,	-1 },
		{ RC_SEL_SENTENCE_NEXT,	BU_SENTENCE,	 1 },
		{ RC_SEL_SENTENCE_PREV,	BU_SENTENCE,	-1 },
		{ RC_SEL_BLOCK_NEXT,	BU_BLOCK,	 1 },
		{ RC_SEL_BLOCK_PREV,	BU_BLOCK,	-1 },
		{ RC_SEL_ROW_NEXT,	SEL_ROW,	 1 },
		{ RC_SEL_ROW_PREV,	SEL_ROW,	-1 },
	};
	size_t i;

	for (i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if (moves[i].cmd == cmd) {
			sel_move(r, moves[i].unit, moves[i].dir, count);
			return;
		}
	switch (cmd) {
	case RC_COPY:
	case RC_COPY_CITED:
		sel_copy(r, cmd == RC_COPY_CITED);
		break;
	case RC_LINK:
		notes_link(r);
		break;
	case RC_ANNOTATE:
		notes_annotate(r);
		break;
	case RC_EXTERNAL:
		notes_external(r);
		break;
	case RC_VISUAL:
	case RC_SEL_CANCEL:
		sel_cancel(&r->pane[r->focus]);
		break;
	case RC_HELP:
		toggle_list(r, LIST_HELP);
		break;
	default:
		break;
	}
}

/* --- review ---------------------------------------------------------- */

/*
 * R steps through the notes whose passage is found, in the order they
 * stand on screen (aligned rows: both essays together, top to bottom):
 * each is selected in its pane, brought into view with the panes in
 * step, and its card shown beside it, "note 3 of 12" in its title.
 */
static const struct reader *sort_reader;

/* The aligned row where note k's passage starts. */
static size_t
review_row(const struct reader *r, size_t k)
{
	int	 side;
	size_t	 s, e;

	notes_where(r, k, &side, &s, &e);
	return align_index_of(r->al, side, layout_row_at(r->pane[side].lay,
	    s));
}

static int
by_row(const void *a, const void *b)
{
	size_t ra = review_row(sort_reader, *(const size_t *)a);
	size_t rb = review_row(sort_reader, *(const size_t *)b);

	return ra < rb ? -1 : ra > rb;
}

static void
review_end(struct reader *r)
{
	free(r->review);
	r->review = NULL;
	r->nreview = 0;
	r->popup = 0;
}

/* Show review note number r->at. */
static void
review_show(struct reader *r)
{
	size_t		 k = r->review[r->at], i, s, e;
	struct pane	*p;
	struct item	 it;
	struct buf	 title;
	int		 side;

	notes_where(r, k, &side, &s, &e);
	p = &r->pane[side];
	cmd_focus(r, side);
	it.layer = PL_NOTE;
	it.i = -1;
	for (i = 0; i < overlay_count(p->layer[PL_NOTE]); i++)
		if (overlay_range(p->layer[PL_NOTE], i)->id >> 1 == k) {
			it.i = (long)i;
			break;
		}
	select_item(r, side, it);
	card_free(&r->card);
	layout_free(r->card_lay);
	r->card_lay = NULL;
	notes_card(r, side, (size_t)it.i, &r->card);
	buf_init(&title);
	buf_printf(&title, " note %zu of %zu ", r->at + 1, r->nreview);
	if (r->filter != NULL)
		buf_printf(&title, "· /%s ", r->filter);
	free(r->card.title);
	r->card.title = buf_steal(&title, NULL);
	r->popup = 1;
	r->card_top = 0;
}

static void
review_start(struct reader *r)
{
	size_t	 i, k, s, e;
	int	 side;

	review_end(r);
	r->review = xcalloc(r->nshown + 1, sizeof(*r->review));
	/* The notes, not their replies: those show in the notes' cards. */
	for (i = 0; i < r->nshown; i++) {
		k = r->shown[i];
		if (notes_root(r, k) == k &&
		    notes_where(r, k, &side, &s, &e) == 0)
			r->review[r->nreview++] = k;
	}
	if (r->nreview == 0) {
		review_end(r);
		if (r->filter != NULL)
			say(r, "no note matches /%s (A, then /, changes the "
			    "filter)", r->filter);
		else
			say(r, "no notes to review: v selects, a writes one");
		return;
	}
	sort_reader = r;
	qsort(r->review, r->nreview, sizeof(*r->review), by_row);
	r->at = 0;
	review_show(r);
}

void
review_refresh(struct reader *r, const char *id)
{
	size_t i;

	/* Started again on the notes as they are now, at the same note
	   (or, when it is gone, the first). */
	review_start(r);
	if (r->review == NULL)
		return;
	for (i = 0; i < r->nreview; i++)
		if (strcmp(r->annos[r->review[i]].id, id) == 0 && i != r->at) {
			r->at = i;
			review_show(r);
		}
}

static void
review_do(struct reader *r, enum reader_cmd cmd)
{
	switch (cmd) {
	case RC_REVIEW_NEXT:
	case RC_REVIEW_PREV:
		if (cmd == RC_REVIEW_NEXT ? r->at + 1 >= r->nreview :
		    r->at == 0) {
			say(r, "%s note", cmd == RC_REVIEW_NEXT ? "the last" :
			    "the first");
			return;
		}
		r->at += cmd == RC_REVIEW_NEXT ? 1 : -1;
		review_show(r);
		break;
	case RC_REVIEW_END:
	case RC_REVIEW:
		review_end(r);
		break;
	case RC_LIST_DOWN:
	case RC_LIST_UP:
		list_do(r, cmd);	/* scroll the card */
		break;
	case RC_FILTER:
		filter_prompt(r);
		break;
	case RC_REPLY:
		notes_reply(r, r->review[r->at]);
		r->popup = 1;		/* the card stays, the editor below */
		break;
	case RC_COPY:
	case RC_COPY_CITED:
		copy_note(r, r->review[r->at], cmd == RC_COPY_CITED);
		break;
	case RC_NOTE_CONFIRM:
		/* The notes are read again, and the review goes on at this
		   one by its id (or ends, when the filter no longer lets
		   any through). */
		notes_confirm(r, r->review[r->at]);
		break;
	default:
		break;
	}
}

/* --- lists ---------------------------------------------------------- */

long
reader_list_len(const struct reader *r, int list)
{
	switch (list) {
	case LIST_HELP:
		return (long)r->nhelp;
	case LIST_SECTIONS:
		return r->al != NULL ? (long)align_nsections(r->al) : 0;
	case LIST_NOTES:
		return (long)r->nshown;
	case LIST_READERS:
		return (long)r->npeers;
	case LIST_CONCORD:
		return (long)r->concord.n;
	default:
		return r->gloss != NULL ? (long)glossary_nterms(r->gloss) : 0;
	}
}

/* Open list, or close it when it is the one open. */
static void
toggle_list(struct reader *r, int list)
{
	struct list *l = &r->lists[list];

	if (r->list == list) {
		r->list = -1;
		return;
	}
	/* An empty list has nothing to show, but the annotations list
	   still takes u (undo). */
	if (list == LIST_READERS && r->seminar == NULL) {
		say(r, "F shows who reads in a seminar: none is open "
		    "(--seminar)");
		return;
	}
	if (list == LIST_READERS && r->npeers == 0) {
		say(r, "nobody else is reading these essays in the seminar "
		    "now");
		return;
	}
	if (reader_list_len(r, list) == 0 && list != LIST_NOTES)
		return;
	r->list = list;
	if (list == LIST_SECTIONS) {
		l->sel = (long)reader_current_section(r);
		l->top = 0;
	} else if ((list == LIST_TERMS || list == LIST_NOTES ||
	    list == LIST_READERS) && (l->sel < 0 ||
	    l->sel >= reader_list_len(r, list)))
		l->sel = 0;
	else if (list == LIST_HELP)
		l->top = 0;
}

/* --- the concordance (T, then Enter or /) ----------------------------- */

/* The concordance list on r->concord's lines, from the first. */
static void
kwic_show(struct reader *r)
{
	r->popup = 0;
	r->list = LIST_CONCORD;
	r->lists[LIST_CONCORD].sel = 0;
	r->lists[LIST_CONCORD].top = 0;
}

/*
 * The concordance c, when it has lines, in place of the list's (which
 * was shown, if any, stays as it was when c has none).
 */
static void
kwic_take(struct reader *r, struct concord *c)
{
	if (c->n == 0) {
		say(r, "%s: in neither essay", c->what);
		concord_free(c);
		return;
	}
	concord_free(&r->concord);
	r->concord = *c;
	kwic_show(r);
}

/* Enter on term t in T: its mentions, as highlighted. */
static void
kwic_term(struct reader *r, size_t t)
{
	struct concord	 c;
	struct term_hit	*hits[2];
	size_t		 n[2];
	int		 side;

	reader_terms_idle(r);
	for (side = 0; side < 2; side++) {
		hits[side] = r->pane[side].hits;
		n[side] = r->pane[side].nhits;
	}
	memset(&c, 0, sizeof(c));
	concord_term(&c, r->gloss, t, hits, n);
	kwic_take(r, &c);
}

/* A word typed after / in T: the term it names, else the word. */
static void
kwic_word(struct reader *r, const char *word)
{
	const struct doc *const d[2] = { r->pane[0].doc, r->pane[1].doc };
	struct concord	 c;
	long		 t = r->gloss != NULL ? concord_lookup(r->gloss,
			    word) : -1;

	memset(&c, 0, sizeof(c));
	if (t >= 0)
		kwic_term(r, (size_t)t);
	else if (concord_word(&c, d, word) == -1)
		say(r, "a word to find, then Enter (a final * takes any "
		    "ending)");
	else
		kwic_take(r, &c);
}

/*
 * Enter on line i: its pane focused and there, the mention selected;
 * with the sync lock off, the other pane at the start of the section
 * paired with it (with it on, the other pane follows as it always does).
 */
static void
kwic_go(struct reader *r, size_t i)
{
	const struct concord_line	*l = &r->concord.v[i];
	struct pane			*p = &r->pane[l->side];
	const struct align_section	*s;
	struct item			 it;
	long				 k = -1;

	cmd_focus(r, l->side);
	if (r->concord.term >= 0)
		k = overlay_at(p->layer[PL_TERM], l->start);
	if (k >= 0) {
		it.layer = PL_TERM;
		it.i = k;
		select_item(r, l->side, it);
	} else {
		unselect(p);
		overlay_add(p->layer[PL_SELECTED], l->start, l->end, 0);
		view_show(r, l->side, l->start, l->end);
	}
	if (!r->locked && !r->single) {
		s = align_section(r->al, align_section_at(r->al,
		    align_index_of(r->al, l->side, layout_row_at(p->lay,
		    l->start))));
		if (s->in[!l->side])
			view_pane_to(r, !l->side, align_layout_row(r->al,
			    !l->side, s->first));
	}
	say(r, "%s: %zu of %zu in %s (%s)", r->concord.what, l->side ?
	    i + 1 - r->concord.count[0] : i + 1, r->concord.count[l->side],
	    doc_short_title(p->doc), concord_section(p->doc, l));
}

/* The columns of context either side of a mention that y copies. */
#define KWIC_COPY_COLS	40

/* y: the lines to the clipboard, the mention in brackets. */
static void
kwic_copy(struct reader *r)
{
	struct buf	 b, left, mid, right;
	struct buf	 what;
	size_t		 i;

	buf_init(&b);
	buf_init(&left);
	buf_init(&mid);
	buf_init(&right);
	for (i = 0; i < r->concord.n; i++) {
		const struct concord_line	*l = &r->concord.v[i];
		const struct doc		*d = r->pane[l->side].doc;

		concord_kwic(d, l, KWIC_COPY_COLS, KWIC_COPY_COLS, &left, &mid,
		    &right);
		buf_printf(&b, "%s (§ %s): %s[%s]%s\n", doc_short_title(d),
		    concord_section(d, l), left.data, mid.data, right.data);
	}
	buf_init(&what);
	buf_printf(&what, "the %zu lines of %s's concordance", r->concord.n,
	    r->concord.what);
	clip_put(r, b.data, b.len, 0, 0, 0, 0, what.data);
	buf_free(&what);
	buf_free(&b);
	buf_free(&left);
	buf_free(&mid);
	buf_free(&right);
}

/* Move the open list's cursor (or the popup's top) by n lines. */
static void
list_move(struct reader *r, long n, int edge)
{
	long	 len, *pos;

	if (r->popup) {
		len = r->card_lay != NULL ? (long)layout_nrows(r->card_lay) : 0;
		pos = &r->card_top;
	} else {
		struct list *l = &r->lists[r->list];

		len = reader_list_len(r, r->list);
		pos = r->list == LIST_HELP ? &l->top : &l->sel;
	}
	if (edge < 0)
		*pos = 0;
	else if (edge > 0)
		*pos = len - 1;
	else
		*pos += n;
	if (*pos >= len)
		*pos = len - 1;
	if (*pos < 0)
		*pos = 0;
}

static void
list_enter(struct reader *r)
{
	long sel = r->list >= 0 ? r->lists[r->list].sel : -1;

	if (r->list == LIST_HELP)
		return;			/* nothing to go to */
	if (r->list == LIST_SECTIONS && sel >= 0) {
		const struct align_section *s = align_section(r->al,
		    (size_t)sel);
		long pair = s->origin == ALIGN_SUGGESTED ? s->pair : -1;

		/* One pane shown: a section of the other essay only is
		   shown in that essay. */
		if (r->single && !s->in[r->focus])
			cmd_focus(r, !r->focus);
		view_goto_section(r, (size_t)sel);
		/* A suggestion: there, and the editor to keep it. */
		if (pair >= 0) {
			r->list = -1;
			pairs_accept(r, (size_t)pair);
		}
	} else if (r->list == LIST_TERMS && sel >= 0) {
		kwic_term(r, (size_t)sel);
		return;
	} else if (r->list == LIST_CONCORD && sel >= 0 &&
	    sel < (long)r->concord.n)
		kwic_go(r, (size_t)sel);
	else if (r->list == LIST_READERS && sel >= 0 &&
	    sel < (long)r->npeers) {
		free(r->following);
		r->following = xstrdup(r->peers[sel].author);
		reader_set_place(r, &r->peers[sel].pos);
		say(r, "following %s: a movement key stops",
		    r->following);
	}
	else if (r->list == LIST_NOTES && sel >= 0 && sel < (long)r->nshown) {
		int	 side;
		size_t	 s, e;

		if (notes_where(r, r->shown[sel], &side, &s, &e) == -1) {
			say(r, "this note's passage is not found (an orphan): "
			    "its quote is kept");
			return;
		}
		cmd_focus(r, side);
		view_show(r, side, s, e);
	}
	r->list = -1;
	r->popup = 0;
}

/* --- the reader ----------------------------------------------------- */

/*
 * Fill pane p's layers.  Its glossary terms are found as they are
 * shown (terms_shown), by pieces of TERM_PIECE bytes, about a screen of
 * text, and whole when the device waits (terms_whole).
 */
#define TERM_PIECE	4096

static void
pane_init(struct pane *p, const struct doc *d, struct glossary *g)
{
	size_t		 len, cap = 0;
	const char	*text = doc_text(d, &len);
	int		 k;

	p->doc = d;
	for (k = 0; k < PL_N; k++)
		p->layer[k] = overlay_new(pane_layers[k].role,
		    pane_layers[k].priority);
	p->counts = g != NULL ? glossary_count(g, NULL, 0) :
	    xcalloc(1, sizeof(size_t));
	if (g != NULL && len > 0) {
		p->terms_later = 1;
		p->piece = xgrow(NULL, &cap, 2, sizeof(*p->piece));
		p->piece[0] = 0;
		while (p->piece[p->npieces] < len) {
			p->piece = xgrow(p->piece, &cap, p->npieces + 2,
			    sizeof(*p->piece));
			p->piece[p->npieces + 1] = glossary_piece(text, len,
			    p->piece[p->npieces], TERM_PIECE);
			p->npieces++;
		}
		p->piece_done = xcalloc(p->npieces + 1, 1);
	}
	overlay_add_links(p->layer[PL_LINK], d);
	p->sel_layer = -1;
	p->sel = -1;
	p->cur = -1;
}

/* The terms of pane p's pieces that [start, end) of its text touches. */
static void
terms_shown(struct reader *r, struct pane *p, size_t start, size_t end)
{
	const char	*text = doc_text(p->doc, NULL);
	size_t		 lo = 0, hi = p->npieces, mid, k, n0;

	if (!p->terms_later)
		return;
	/* The piece that holds start. */
	while (lo + 1 < hi) {
		mid = lo + (hi - lo) / 2;
		if (p->piece[mid] <= start)
			lo = mid;
		else
			hi = mid;
	}
	for (k = lo; k < p->npieces && (k == lo || p->piece[k] < end); k++) {
		if (p->piece_done[k])
			continue;
		p->piece_done[k] = 1;
		n0 = p->nhits;
		glossary_match_piece(r->gloss, text, p->piece[k],
		    p->piece[k + 1], &p->hits, &p->nhits, &p->hitcap);
		for (; n0 < p->nhits; n0++)
			overlay_add(p->layer[PL_TERM], p->hits[n0].start,
			    p->hits[n0].end, n0);
	}
}

/* Pane p's terms found whole, in text order: 1 when it was not yet. */
static int
terms_whole(struct reader *r, struct pane *p)
{
	size_t		 len;
	const char	*text = doc_text(p->doc, &len);

	if (!p->terms_later)
		return 0;
	p->terms_later = 0;
	free(p->hits);
	free(p->counts);
	p->hits = glossary_match(r->gloss, text, len, &p->nhits);
	p->hitcap = p->nhits;
	p->counts = glossary_count(r->gloss, p->hits, p->nhits);
	overlay_clear(p->layer[PL_TERM]);
	overlay_add_hits(p->layer[PL_TERM], p->hits, p->nhits);
	return 1;
}

/* The terms of what each pane shows now. */
static void
terms_in_view(struct reader *r)
{
	const struct layout_row	*lr;
	struct pane		*p;
	size_t			 top, bottom, len;
	int			 side;

	for (side = 0; side < 2; side++) {
		p = &r->pane[side];
		if (!p->terms_later || !p->shown || p->lay == NULL)
			continue;
		(void)doc_text(p->doc, &len);
		top = view_top_start(r, side);
		lr = layout_row(p->lay, p->top + (size_t)r->height);
		bottom = lr != NULL ? lr->start : len;
		terms_shown(r, p, top, bottom);
	}
}

int
reader_terms_idle(struct reader *r)
{
	int changed;

	changed = terms_whole(r, &r->pane[0]);
	changed |= terms_whole(r, &r->pane[1]);
	return changed;
}

struct reader *
reader_new(const struct doc *left, const struct doc *right,
    struct glossary *g)
{
	struct reader	*r = xcalloc(1, sizeof(*r));
	int		 side;

	r->locked = 1;
	r->measure = READER_MEASURE;
	r->focus = SIDE_LEFT;
	r->gloss = g;
	r->list = -1;
	r->lists[LIST_HELP].sel = -1;
	r->lists[LIST_TERMS].sel = -1;
	r->lists[LIST_NOTES].sel = -1;
	r->lists[LIST_READERS].sel = -1;
	r->pane[SIDE_LEFT].last = r->pane[SIDE_RIGHT].last = SIZE_MAX;
	pane_init(&r->pane[SIDE_LEFT], left, g);
	pane_init(&r->pane[SIDE_RIGHT], right, g);
	for (side = 0; side < 2; side++)
		r->pane[side].shown = 1;
	return r;
}

void
reader_free(struct reader *r)
{
	size_t	 n;
	int	 side, k;

	if (r == NULL)
		return;
	align_free(r->al);
	card_free(&r->card);
	layout_free(r->card_lay);
	for (side = 0; side < 2; side++) {
		struct pane *p = &r->pane[side];

		layout_free(p->lay);
		free(p->hits);
		free(p->piece);
		free(p->piece_done);
		search_text_free(p->stext);
		free(p->counts);
		free(p->searched);
		for (k = 0; k < PL_N; k++)
			overlay_free(p->layer[k]);
	}
	free(r->help);
	free(r->pattern);
	free(r->clip);
	free(r->clip_off);
	free(r->taken);
	editor_free(r->line);
	concord_free(&r->concord);
	for (k = 0; k < PROMPT_N; k++) {
		for (n = 0; n < r->recall[k].n; n++)
			free(r->recall[k].v[n]);
		free(r->recall[k].v);
		free(r->recall[k].typed);
	}
	free(r->pattern_was);
	free(r->marks);
	notes_free(r);
	free(r->review);
	free(r->peers);
	free(r->following);
	free(r);
}

void
reader_set_help(struct reader *r, const struct reader_help *help, size_t n)
{
	size_t i;

	free(r->help);
	r->help = xcalloc(2 * n + 1, sizeof(*r->help));
	r->nhelp = 0;
	for (i = 0; i < n; i++) {
		/* A heading before each group. */
		if (i == 0 || strcmp(help[i].group, help[i - 1].group) != 0) {
			if (i > 0)
				r->help[r->nhelp++].group = "";
			r->help[r->nhelp++].group = help[i].group;
		}
		r->help[r->nhelp].group = help[i].group;
		r->help[r->nhelp++].help = &help[i];
	}
}

enum reader_mode
reader_mode(const struct reader *r)
{
	if (r->pending)
		return RM_MARK;
	if (r->prompting)
		return RM_PROMPT;
	if (r->edit.ed != NULL)
		return RM_EDIT;
	if (r->review != NULL)
		return RM_REVIEW;
	if (r->popup)
		return RM_POPUP;
	if (r->list >= 0)
		return RM_LIST;
	if (r->pane[r->focus].selecting)
		return RM_SELECT;
	return RM_READ;
}

int
reader_done(const struct reader *r)
{
	return r->quit;
}

/* Commands that mean the same in every mode. */
static int
common(struct reader *r, enum reader_cmd cmd)
{
	switch (cmd) {
	case RC_QUIT:
		r->quit = 1;
		return 1;
	case RC_REDRAW:
		r->redraw = 1;
		return 1;
	default:
		return 0;
	}
}

/* The note of the open note card, or -1. */
static long
card_note_index(const struct reader *r)
{
	const struct pane *f = &r->pane[r->focus];

	if (!r->popup || f->sel_layer != PL_NOTE || f->sel < 0)
		return -1;
	return (long)(overlay_range(f->layer[PL_NOTE], (size_t)f->sel)->id >>
	    1);
}

/*
 * x and u in the sections list: delete the pairing that begins the
 * section (yours: the notes' rules hold), or undo your last change.
 */
static void
pairing_cmd(struct reader *r, enum reader_cmd cmd, long sel)
{
	const struct align_section	*s;
	long				 k;

	if (cmd == RC_NOTE_UNDO) {
		notes_undo(r);
		return;
	}
	if (sel < 0 || (size_t)sel >= align_nsections(r->al))
		return;
	s = align_section(r->al, (size_t)sel);
	if (s->pair < 0 || s->origin == ALIGN_SUGGESTED) {
		say(r, "x deletes a stored pairing; %s", s->pair >= 0 ?
		    "a suggestion is not stored (Enter keeps it)" :
		    "this section is the files' own");
		return;
	}
	for (k = 0; k < (long)r->nannos; k++)
		if (strcmp(r->annos[k].id, s->id) == 0) {
			notes_delete(r, (size_t)k);
			return;
		}
}

/* e, x, u, c and a: on the selected line of the annotations list. */
static void
note_cmd(struct reader *r, enum reader_cmd cmd)
{
	long	 sel = r->lists[LIST_NOTES].sel;
	size_t	 k;

	if (cmd == RC_NOTE_CONFIRM && card_note_index(r) >= 0) {
		notes_confirm(r, (size_t)card_note_index(r));
		r->popup = 0;
		return;
	}
	if (cmd == RC_REPLY && card_note_index(r) >= 0) {
		notes_reply(r, (size_t)card_note_index(r));
		return;
	}
	if (r->list == LIST_SECTIONS &&
	    (cmd == RC_NOTE_DELETE || cmd == RC_NOTE_UNDO)) {
		pairing_cmd(r, cmd, r->lists[LIST_SECTIONS].sel);
		return;
	}
	if (r->list != LIST_NOTES) {
		say(r, "e, x, u, c and a work in the annotations list (A)");
		return;
	}
	if (cmd == RC_NOTE_UNDO) {
		notes_undo(r);
		return;
	}
	if (sel < 0 || sel >= (long)r->nshown)
		return;
	k = r->shown[sel];
	if (cmd == RC_NOTE_DELETE)
		notes_delete(r, k);
	else if (cmd == RC_NOTE_CONFIRM)
		notes_confirm(r, k);
	else if (cmd == RC_NOTE_SHARE)
		notes_share(r, k);
	else if (cmd == RC_REPLY)
		notes_reply(r, k);
	else if (cmd == RC_NOTE_MOVE) {
		notes_reattach(r, k);
		if (r->reattach.on)
			r->list = -1;
	} else {
		if (cmd == RC_EXTERNAL && r->secure) {
			notes_external(r);	/* says it cannot */
			return;
		}
		if (notes_edit(r, k) == -1)
			return;
		r->list = -1;
		if (cmd == RC_EXTERNAL)
			notes_external(r);
	}
}

/* A command in a list or popup. */
static void
list_do(struct reader *r, enum reader_cmd cmd)
{
	long page = r->rows / 2 > 0 ? r->rows / 2 : 1;

	switch (cmd) {
	case RC_LIST_DOWN:
		list_move(r, 1, 0);
		break;
	case RC_LIST_UP:
		list_move(r, -1, 0);
		break;
	case RC_LIST_PAGE_DOWN:
		list_move(r, page, 0);
		break;
	case RC_LIST_PAGE_UP:
		list_move(r, -page, 0);
		break;
	case RC_LIST_TOP:
		list_move(r, 0, -1);
		break;
	case RC_LIST_BOTTOM:
		list_move(r, 0, 1);
		break;
	case RC_LIST_ENTER:
		list_enter(r);
		break;
	case RC_CLOSE:
		r->list = -1;
		r->popup = 0;
		break;
	case RC_COPY:
	case RC_COPY_CITED:
		/* In A: the selected note's passage; in a concordance its
		   lines; else the popup's URL. */
		if (r->list == LIST_CONCORD && !r->popup)
			kwic_copy(r);
		else if (r->list == LIST_NOTES && !r->popup) {
			if (r->lists[LIST_NOTES].sel >= 0 &&
			    r->lists[LIST_NOTES].sel < (long)r->nshown)
				copy_note(r, r->shown[r->lists[LIST_NOTES].sel],
				    cmd == RC_COPY_CITED);
		} else
			cmd_copy(r, cmd == RC_COPY_CITED);
		break;
	case RC_HELP:
		r->popup = 0;
		toggle_list(r, LIST_HELP);
		break;
	case RC_SECTIONS:
		r->popup = 0;
		toggle_list(r, LIST_SECTIONS);
		break;
	case RC_TERMS:
		r->popup = 0;
		toggle_list(r, LIST_TERMS);
		break;
	case RC_NOTES:
		r->popup = 0;
		toggle_list(r, LIST_NOTES);
		break;
	case RC_READERS:
		r->popup = 0;
		toggle_list(r, LIST_READERS);
		break;
	case RC_NOTE_DELETE:
	case RC_NOTE_UNDO:
	case RC_NOTE_EDIT:
	case RC_NOTE_CONFIRM:
	case RC_NOTE_MOVE:
	case RC_NOTE_SHARE:
	case RC_REPLY:
	case RC_EXTERNAL:
		note_cmd(r, cmd);
		break;
	case RC_FILTER:
		/* In T or a concordance: a word's concordance. */
		if (r->list == LIST_TERMS || r->list == LIST_CONCORD)
			prompt_open(r, PROMPT_WORD);
		else
			filter_prompt(r);
		break;
	default:
		break;
	}
}

/* A command while the panes have the keys. */
static void
read_do(struct reader *r, enum reader_cmd cmd, int count)
{
	long page = r->height > 2 ? r->height - 1 : 1;
	long half = r->height / 2 > 0 ? r->height / 2 : 1;

	/* Moving on one's own ends following. */
	if (r->following != NULL && ((cmd >= RC_DOWN &&
	    cmd <= RC_SECTION_PREV) || cmd == RC_PERCENT ||
	    cmd == RC_MARK_GO)) {
		say(r, "no longer following %s", r->following);
		free(r->following);
		r->following = NULL;
	}
	switch (cmd) {
	case RC_DOWN:
	case RC_UP:
		view_move(r, (cmd == RC_DOWN ? 1 : -1) * (long)times(count));
		break;
	case RC_PAGE_DOWN:
	case RC_PAGE_UP:
		view_move(r, (cmd == RC_PAGE_DOWN ? 1 : -1) * times(count) * page);
		break;
	case RC_HALF_DOWN:
	case RC_HALF_UP:
		view_move(r, (cmd == RC_HALF_DOWN ? 1 : -1) * times(count) * half);
		break;
	case RC_TOP:
	case RC_BOTTOM:
		cmd_edge(r, cmd == RC_TOP ? -1 : 1, count);
		break;
	case RC_SECTION_NEXT:
	case RC_SECTION_PREV:
		cmd_section(r, cmd == RC_SECTION_NEXT ? 1 : -1, count);
		break;
	case RC_FOCUS_LEFT:
	case RC_FOCUS_RIGHT:
		cmd_focus(r, cmd == RC_FOCUS_LEFT ? SIDE_LEFT : SIDE_RIGHT);
		break;
	case RC_LOCK:
		cmd_lock(r);
		break;
	case RC_SELECT_NEXT:
	case RC_SELECT_PREV:
		cmd_select(r, cmd == RC_SELECT_NEXT ? 1 : -1, count);
		break;
	case RC_OPEN:
		cmd_open(r, count);
		break;
	case RC_COPY:
	case RC_COPY_CITED:
		cmd_copy(r, cmd == RC_COPY_CITED);
		break;
	case RC_UNSELECT:
		if (r->linking.on) {
			overlay_clear(r->pane[r->linking.side].layer[
			    PL_SELECTION]);
			r->linking.on = 0;
			say(r, "no link");
		}
		if (r->reattach.on) {
			r->reattach.on = 0;
			say(r, "the note stays where it was");
		}
		/* Both panes: a selection left in the other would be one
		   more than the screen can say which y copies. */
		unselect(&r->pane[SIDE_LEFT]);
		unselect(&r->pane[SIDE_RIGHT]);
		mark_occurrences(r, SIZE_MAX);
		clear_matches(&r->pane[SIDE_LEFT]);
		clear_matches(&r->pane[SIDE_RIGHT]);
		break;
	case RC_VISUAL:
		sel_start(r);
		break;
	case RC_ANNOTATE:
		notes_annotate(r);
		break;
	case RC_LINK:
		notes_link(r);
		break;
	case RC_PAIR:
		notes_pair(r);
		break;
	case RC_EXTERNAL:
		notes_external(r);
		break;
	case RC_SEARCH:
		search_prompt(r);
		break;
	case RC_PERCENT:
		cmd_percent(r, count);
		break;
	case RC_MARK_SET:
		r->pending = 'm';
		break;
	case RC_MARK_GO:
		r->pending = '\'';
		break;
	case RC_MATCH_NEXT:
	case RC_MATCH_PREV:
		show_match(r, (cmd == RC_MATCH_NEXT ? 1 : -1) *
		    (long)times(count), 0);
		break;
	case RC_HELP:
		toggle_list(r, LIST_HELP);
		break;
	case RC_SECTIONS:
		toggle_list(r, LIST_SECTIONS);
		break;
	case RC_TERMS:
		toggle_list(r, LIST_TERMS);
		break;
	case RC_NOTES:
		toggle_list(r, LIST_NOTES);
		break;
	case RC_READERS:
		toggle_list(r, LIST_READERS);
		break;
	case RC_REVIEW:
		review_start(r);
		break;
	default:
		break;
	}
}

/* A command while a prompt is open: it edits as a shell line does. */
static void
prompt_do(struct reader *r, enum reader_cmd cmd)
{
	static const struct {
		enum reader_cmd	 cmd;
		enum editor_cmd	 ed;
	} keys[] = {
		{ RC_ED_LEFT, ED_LEFT }, { RC_ED_RIGHT, ED_RIGHT },
		{ RC_ED_HOME, ED_HOME }, { RC_ED_END, ED_END },
		{ RC_ED_DELETE, ED_DELETE }, { RC_ED_KILL_LINE, ED_KILL_LINE },
		{ RC_ED_KILL_WORD, ED_KILL_WORD },
		{ RC_ED_KILL_END, ED_KILL_END },
	};
	char		*was;
	size_t		 i;

	switch (cmd) {
	case RC_PROMPT_ACCEPT:
		prompt_accept(r);
		return;
	case RC_PROMPT_CANCEL:
		prompt_cancel(r);
		return;
	case RC_PROMPT_OLDER:
	case RC_PROMPT_NEWER:
		prompt_recall(r, cmd == RC_PROMPT_OLDER ? -1 : 1);
		return;
	case RC_PROMPT_PANE:
		prompt_pane(r);
		return;
	case RC_PROMPT_ERASE:
		/* Erasing on an empty prompt leaves it, as less and vim
		   do. */
		if (reader_prompt_text(r)[0] == '\0') {
			prompt_cancel(r);
			return;
		}
		cmd = RC_ED_ERASE;
		break;
	default:
		break;
	}
	was = xstrdup(reader_prompt_text(r));
	if (cmd == RC_ED_ERASE)
		editor_do(r->line, ED_ERASE);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (keys[i].cmd == cmd)
			editor_do(r->line, keys[i].ed);
	if (strcmp(was, reader_prompt_text(r)) != 0)
		prompt_changed(r);
	free(was);
}

/* Whether cmd in mode is a jump, one that '' comes back from. */
static int
is_jump(enum reader_mode mode, enum reader_cmd cmd)
{
	switch (cmd) {
	case RC_TOP:
	case RC_BOTTOM:
	case RC_SECTION_NEXT:
	case RC_SECTION_PREV:
	case RC_MATCH_NEXT:
	case RC_MATCH_PREV:
	case RC_PERCENT:
		return mode == RM_READ;
	case RC_LIST_ENTER:
		return mode == RM_LIST;
	default:
		return 0;	/* a search too: from where / was typed */
	}
}

void
reader_do(struct reader *r, enum reader_cmd cmd, int count)
{
	struct store_position from;
	size_t	 atop = r->atop, top0 = r->pane[0].top, top1 = r->pane[1].top;
	int	 focus = r->focus, locked = r->locked, jump;

	reader_idle(r);
	assert(cmd < RC_NCMDS);
	r->msg[0] = '\0';
	if (common(r, cmd))
		return;
	if (r->tiny)
		return;
	if ((jump = is_jump(reader_mode(r), cmd))) {
		memset(&from, 0, sizeof(from));
		reader_get_place(r, &from);
	}
	switch (reader_mode(r)) {
	case RM_MARK:
		r->pending = 0;
		break;
	case RM_PROMPT:
		prompt_do(r, cmd);
		break;
	case RM_LIST:
	case RM_POPUP:
		list_do(r, cmd);
		break;
	case RM_SELECT:
		select_do(r, cmd, count);
		break;
	case RM_EDIT:
		notes_edit_do(r, cmd);
		break;
	case RM_REVIEW:
		review_do(r, cmd);
		break;
	default:
		read_do(r, cmd, count);
		break;
	}
	if (jump)
		jumped_from(r, &from);
	/* The reader moved: remember where to, for the next resize. */
	if (r->atop != atop || r->pane[0].top != top0 ||
	    r->pane[1].top != top1 || r->focus != focus ||
	    r->locked != locked)
		view_remember_place(r);
}

void
reader_frame(struct reader *r, cell_fn fn, void *arg)
{
	if (!r->tiny)
		terms_in_view(r);
	frame_draw(r, fn, arg);
}

/*
 * The part of the prompt's text that shows: from its start when the
 * cursor is in view so, else from far enough on that it is; the device
 * cuts the rest at the prompt's width, reader_prompt_width.
 */
const char *
reader_prompt_tail(const struct reader *r)
{
	const char	*s = reader_prompt_text(r);
	const uint8_t	*p = (const uint8_t *)s;
	size_t		 cur = r->line != NULL ? editor_cursor(r->line) : 0;
	int		 w = reader_prompt_width(r);
	ucs4_t		 uc;

	while ((size_t)((const char *)p - s) < cur &&
	    layout_text_width((const char *)p, cur -
	    (size_t)((const char *)p - s)) > w - 1)
		p += u8_mbtouc(&uc, p, strlen((const char *)p));
	return (const char *)p;
}

/* The columns the prompt's text has: the row less "/" and the count. */
int
reader_prompt_width(const struct reader *r)
{
	int w = r->cols - 2;

	if (r->pinfo[0] != '\0' &&
	    w - (int)layout_text_width(r->pinfo, strlen(r->pinfo)) - 2 >= 20)
		w -= (int)layout_text_width(r->pinfo, strlen(r->pinfo)) + 2;
	return w;
}

int
reader_cursor(const struct reader *r, int *row, int *col)
{
	const char *tail;

	if (r->tiny)
		return 0;
	if (r->edit.ed != NULL && !r->edit.asking && r->edit.crow >= 0) {
		*row = r->edit.crow;
		*col = r->edit.ccol;
		return 1;
	}
	if (!r->prompting)
		return 0;
	tail = reader_prompt_tail(r);
	*row = r->height;
	*col = 1 + layout_text_width(tail, editor_cursor(r->line) -
	    (size_t)(tail - reader_prompt_text(r)));
	if (*col >= r->cols)
		*col = r->cols - 1;
	return 1;
}

void
reader_set_measure(struct reader *r, int cols)
{
	r->measure = cols > 0 ? cols : 0;
	if (r->al != NULL)
		reader_resize(r, r->cols, r->rows);
}

void
reader_set_clipboard(struct reader *r, const char *why_not)
{
	free(r->clip_off);
	r->clip_off = why_not != NULL ? xstrdup(why_not) : NULL;
}

void
reader_set_secure(struct reader *r, int on)
{
	r->secure = on;
}

const char *
reader_take_clipboard(struct reader *r)
{
	free(r->taken);
	r->taken = r->clip;
	r->clip = NULL;
	return r->taken;
}

int
reader_take_redraw(struct reader *r)
{
	int redraw = r->redraw;

	r->redraw = 0;
	return redraw;
}

const char *
reader_message(const struct reader *r)
{
	return r->msg;
}

void
reader_set_readers(struct reader *r, struct store_reader *v, size_t n)
{
	size_t	 i;
	long	*sel = &r->lists[LIST_READERS].sel;

	free(r->peers);
	r->peers = v;
	r->npeers = n;
	if (*sel >= (long)n)
		*sel = n > 0 ? (long)n - 1 : 0;
	if (r->list == LIST_READERS && n == 0)
		r->list = -1;
	if (r->following == NULL)
		return;
	for (i = 0; i < n; i++)
		if (strcmp(v[i].author, r->following) == 0) {
			/* Where they are, unless it is where we are. */
			struct store_position here;

			reader_get_place(r, &here);
			if (here.offset[0] != v[i].pos.offset[0] ||
			    here.offset[1] != v[i].pos.offset[1] ||
			    here.focus != v[i].pos.focus)
				reader_set_place(r, &v[i].pos);
			return;
		}
	say(r, "%s has stopped reading: no longer following", r->following);
	free(r->following);
	r->following = NULL;
}

const char *
reader_following(const struct reader *r)
{
	return r->following;
}

void
reader_get_place(const struct reader *r, struct store_position *p)
{
	int side;

	for (side = 0; side < 2; side++)
		p->offset[side] = r->al != NULL ? view_top_start(r, side) : 0;
	p->focus = r->focus;
	p->sync = r->locked;
}

void
reader_set_place(struct reader *r, const struct store_position *p)
{
	size_t	 len;
	int	 side, focus = p->focus == SIDE_RIGHT ? SIDE_RIGHT : SIDE_LEFT;

	if (r->al == NULL || r->tiny)
		return;
	if (focus != r->focus)
		cmd_focus(r, focus);
	if (!p->sync != !r->locked)
		cmd_lock(r);
	/* In row mode, the aligned row that shows the focused pane's place
	   (or both, where that pane had nothing to show). */
	if (reader_row_mode(r)) {
		long want = (long)view_atop_at(r, p->offset, focus);

		/* A place past the last full screen stays (a section jump
		   goes there): clamped only to the rows there are. */
		r->atop = view_clamp(r, want, (size_t)want, view_drive_count(r,
		    VIEW_UPTO(r, want)));
		view_tops_from_atop(r);
		view_remember_place(r);
		return;
	}
	/* Locked, the focused pane leads and the other follows; free,
	   each goes to its own place, the focused one last. */
	for (side = 0; side < 2; side++) {
		int s = side == 0 ? !focus : focus;

		if (r->locked && s != focus)
			continue;
		doc_text(r->pane[s].doc, &len);
		view_pane_to(r, s, layout_row_at(r->pane[s].lay,
		    p->offset[s] <= len ? p->offset[s] : len));
	}
	view_remember_place(r);
}

int
reader_focus(const struct reader *r)
{
	return r->focus;
}

int
reader_locked(const struct reader *r)
{
	return r->locked;
}

size_t
reader_top_offset(const struct reader *r, int side)
{
	return view_top_start(r, side);
}

long
reader_row_at(const struct reader *r, int side, int y)
{
	const struct pane	*p = &r->pane[side];
	const struct align_row	*ar;
	size_t			 row;

	if (r->tiny || r->al == NULL || !p->shown || y < 0 || y >= r->height)
		return -1;
	if (reader_row_mode(r)) {
		ar = align_row(r->al, r->atop + (size_t)y);
		return ar != NULL && ar->row[side] >= 0 ? ar->row[side] : -1;
	}
	row = p->top + (size_t)y;
	return layout_row(p->lay, row) != NULL ? (long)row : -1;
}

const struct layout *
reader_layout(const struct reader *r, int side)
{
	return r->pane[side].lay;
}
