/*
 * editor.c: a note's text and cursor.
 *
 * The text is one growable buffer of valid UTF-8 without control
 * characters but '\n'; the cursor is a byte offset in it, always on a
 * grapheme cluster boundary of u8_grapheme_breaks (an edit that joins
 * clusters around it moves it to the joined cluster's edge).  For
 * drawing and for up and down, the text is laid out as a plain
 * document (doc_plain) by the same layout code as the essays, made again
 * only when the text or the width changed.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unistr.h>

#include "diptych/doc.h"
#include "diptych/editor.h"
#include "diptych/layout.h"
#include "diptych/util.h"

struct editor {
	struct buf	 text;
	size_t		 cur;
	struct doc	*doc;		/* the text as a document, or NULL */
	struct layout	*lay;		/* ... laid out, or NULL */
	int		 goal;		/* column up and down aim for, or -1 */
};

/* The text changed: drop its layout. */
static void
changed(struct editor *e)
{
	layout_free(e->lay);
	doc_free(e->doc);
	e->lay = NULL;
	e->doc = NULL;
}

struct editor *
editor_new(const char *text)
{
	struct editor *e = xcalloc(1, sizeof(*e));

	buf_init(&e->text);
	buf_add(&e->text, "", 0);
	e->goal = -1;
	if (text != NULL)
		editor_insert(e, text, strlen(text));
	return e;
}

void
editor_free(struct editor *e)
{
	if (e == NULL)
		return;
	changed(e);
	buf_free(&e->text);
	free(e);
}

static const uint8_t *
u(const struct editor *e)
{
	return (const uint8_t *)e->text.data;
}

/*
 * The cluster boundary after or before off, from the text's grapheme
 * breaks (the whole text: a note is short, and pairs of regional
 * indicators need what comes before them).
 */
static size_t
cluster(const struct editor *e, size_t off, int dir)
{
	char	*brk;
	size_t	 i;

	if ((dir > 0 && off >= e->text.len) || (dir < 0 && off == 0))
		return off;
	brk = xmalloc(e->text.len + 1);
	u8_grapheme_breaks(u(e), e->text.len, brk);
	brk[0] = 1;
	if (dir > 0) {
		for (i = off + 1; i < e->text.len && !brk[i]; i++)
			;
	} else
		for (i = off - 1; i > 0 && !brk[i]; i--)
			;
	free(brk);
	return i;
}

static size_t
next_cluster(const struct editor *e, size_t off)
{
	return cluster(e, off, 1);
}

static size_t
prev_cluster(const struct editor *e, size_t off)
{
	return cluster(e, off, -1);
}

/*
 * off, or, when an edit has left it inside a cluster (a regional
 * indicator typed before another pairs with it; a cut joins two), the
 * cluster boundary after it (dir > 0) or before it.
 */
static size_t
snap(const struct editor *e, size_t off, int dir)
{
	char	*brk;
	int	 inside;

	if (off == 0 || off >= e->text.len)
		return off;
	brk = xmalloc(e->text.len + 1);
	u8_grapheme_breaks(u(e), e->text.len, brk);
	inside = !brk[off];
	free(brk);
	return inside ? cluster(e, off, dir) : off;
}

static size_t
line_start(const struct editor *e, size_t off)
{
	while (off > 0 && e->text.data[off - 1] != '\n')
		off--;
	return off;
}

static size_t
line_end(const struct editor *e, size_t off)
{
	while (off < e->text.len && e->text.data[off] != '\n')
		off++;
	return off;
}

/* Cut [from, to) out of the text; the cursor goes to from. */
static void
cut(struct editor *e, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(e->text.data + from, e->text.data + to, e->text.len - to + 1);
	e->text.len -= to - from;
	e->cur = snap(e, from, -1);
	changed(e);
}

/* The start of the word before off (white space before it included). */
static size_t
word_before(const struct editor *e, size_t off)
{
	ucs4_t		 uc;
	const uint8_t	*p;

	while (off > 0) {
		p = u8_prev(&uc, u(e) + off, u(e));
		if (p == NULL || !(uc == ' ' || uc == '\n'))
			break;
		off = (size_t)(p - u(e));
	}
	while (off > 0) {
		p = u8_prev(&uc, u(e) + off, u(e));
		if (p == NULL || uc == ' ' || uc == '\n')
			break;
		off = (size_t)(p - u(e));
	}
	return off;
}

/* Move the cursor a row up or down, to the goal column. */
static void
vertical(struct editor *e, int dir)
{
	const struct layout_row	*lr;
	int			 row, col, w;
	size_t			 at;

	if (e->lay == NULL)
		return;			/* never laid out: no rows yet */
	w = layout_width(e->lay);
	editor_layout(e, w, &row, &col);
	if (e->goal < 0)
		e->goal = col;
	if ((dir < 0 && row == 0) ||
	    (lr = layout_row(e->lay, (size_t)(row + dir))) == NULL)
		return;
	/* The last cluster boundary of that row at or before the goal. */
	for (at = lr->start; at < lr->end;) {
		size_t n = next_cluster(e, at);

		if (layout_text_width(e->text.data + lr->start,
		    n - lr->start) > e->goal)
			break;
		at = n;
	}
	/* A row of a narrow layout may start inside a cluster. */
	e->cur = snap(e, at, dir);
}

void
editor_do(struct editor *e, enum editor_cmd cmd)
{
	if (cmd != ED_UP && cmd != ED_DOWN)
		e->goal = -1;
	switch (cmd) {
	case ED_LEFT:
		e->cur = prev_cluster(e, e->cur);
		break;
	case ED_RIGHT:
		e->cur = next_cluster(e, e->cur);
		break;
	case ED_UP:
	case ED_DOWN:
		vertical(e, cmd == ED_UP ? -1 : 1);
		break;
	case ED_HOME:
		e->cur = line_start(e, e->cur);
		break;
	case ED_END:
		e->cur = line_end(e, e->cur);
		break;
	case ED_ERASE:
		cut(e, prev_cluster(e, e->cur), e->cur);
		break;
	case ED_DELETE:
		cut(e, e->cur, next_cluster(e, e->cur));
		break;
	case ED_KILL_LINE:
		cut(e, line_start(e, e->cur), e->cur);
		break;
	case ED_KILL_WORD:
		cut(e, word_before(e, e->cur), e->cur);
		break;
	case ED_KILL_END:
		cut(e, e->cur, line_end(e, e->cur));
		break;
	case ED_NEWLINE:
		editor_insert(e, "\n", 1);
		break;
	}
}

size_t
editor_insert(struct editor *e, const char *s, size_t n)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + n;
	struct buf	 in;
	ucs4_t		 uc;
	int		 len;
	size_t		 got;

	buf_init(&in);
	buf_add(&in, "", 0);
	for (; p < end; p += len) {
		len = u8_mbtouc(&uc, p, (size_t)(end - p));
		if ((uc < 0x20 && uc != '\n') || uc == 0x7f ||
		    (uc >= 0x80 && uc < 0xa0) ||
		    (uc == 0xfffd && u8_check(p, (size_t)len) != NULL))
			continue;
		buf_add(&in, p, (size_t)len);
	}
	got = in.len;
	if (got > 0) {
		size_t tail = e->text.len - e->cur;

		buf_add(&e->text, in.data, got);	/* room */
		memmove(e->text.data + e->cur + got, e->text.data + e->cur,
		    tail);
		memcpy(e->text.data + e->cur, in.data, got);
		e->text.data[e->text.len] = '\0';
		e->cur = snap(e, e->cur + got, 1);
		changed(e);
	}
	buf_free(&in);
	return got;
}

const char *
editor_text(const struct editor *e, size_t *len)
{
	if (len != NULL)
		*len = e->text.len;
	return e->text.data;
}

size_t
editor_cursor(const struct editor *e)
{
	return e->cur;
}

int
editor_has_text(const struct editor *e)
{
	size_t i;

	for (i = 0; i < e->text.len; i++)
		if (e->text.data[i] != ' ' && e->text.data[i] != '\n')
			return 1;
	return 0;
}

const struct layout *
editor_layout(struct editor *e, int width, int *row, int *col)
{
	const struct layout_row	*lr;
	size_t			 r;

	if (e->lay == NULL || layout_width(e->lay) != width) {
		changed(e);
		e->doc = doc_plain("note", e->text.data, e->text.len);
		e->lay = layout_new(e->doc, width);
	}
	/* The row holding the cursor: the last to start at or before it,
	   unless the cursor ends a full row that another continues. */
	r = layout_row_at(e->lay, e->cur);
	lr = layout_row(e->lay, r);
	if (lr != NULL && e->cur > lr->end && layout_row(e->lay, r + 1) !=
	    NULL)
		lr = layout_row(e->lay, ++r);
	*row = (int)r;
	*col = lr != NULL && e->cur >= lr->start ? layout_text_width(
	    e->text.data + lr->start, e->cur - lr->start) : 0;
	/* Blanks after a full last row are not laid out: the cursor
	   after them stays at the row's end, inside the width. */
	if (*col > width)
		*col = width;
	return e->lay;
}
