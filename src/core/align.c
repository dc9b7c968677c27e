/*
 * align.c: two layouts -> one sequence of side-by-side rows.
 *
 * Each document's sections are row spans of its layout: from the row
 * showing the section's first block to the next section's.  Sections
 * pair by ID, keeping the longest run of pairs that are in the same
 * order in both documents (a pair out of order is shown as two one-sided
 * sections rather than scrambling either text).  Walking both section
 * lists in order, an unpaired section is emitted against a note in the
 * other column, and a pair is emitted row against row, the shorter side
 * padded.
 *
 * Invariants: every layout row of both sides appears exactly once, in
 * order; sections are in order of their first aligned row; index[] and
 * next[] make every mapping between layout rows and aligned rows O(1).
 */
#include "config.h"

#include <stddef.h>
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "diptych/align.h"
#include "diptych/doc.h"
#include "diptych/layout.h"
#include "diptych/util.h"

struct span {
	const char	*id;		/* NULL: pairs with nothing */
	const char	*label;
	long		 sec;		/* document section, or -1 */
	size_t		 start, end;	/* layout rows */
	long		 pair;		/* span index on the other side, or -1 */
};

struct align {
	const struct layout	*lay[2];
	struct align_row	*rows;
	size_t			 nrows, rowcap;
	struct align_section	*secs;
	size_t			 nsecs, seccap;
	size_t			*index[2];	/* layout row -> aligned row */
	size_t			*next[2];	/* aligned row -> layout row */
	long			*prev[2];	/* aligned row -> layout row */
	char			*note[2];	/* "no counterpart in ..." */
	int			 proportional;
};

/* The row spans of a layout's sections. */
static struct span *
spans_of(const struct layout *l, size_t *n)
{
	const struct doc *d = layout_doc(l);
	size_t		 ns = doc_nsections(d), nrows = layout_nrows(l), i;
	struct span	*sp;

	if (ns == 0) {
		/* No sections: the whole text is one that pairs with
		   nothing. */
		sp = xcalloc(1, sizeof(*sp));
		sp->sec = -1;
		sp->label = doc_short_title(d);
		sp->end = nrows;
		sp->pair = -1;
		*n = 1;
		return sp;
	}
	sp = xcalloc(ns, sizeof(*sp));
	for (i = 0; i < ns; i++) {
		const struct doc_section *s = doc_section(d, i);

		sp[i].id = s->id;
		sp[i].label = s->label;
		sp[i].sec = (long)i;
		sp[i].pair = -1;
		sp[i].start = i == 0 || nrows == 0 ? 0 :
		    layout_row_at(l, s->offset);
		if (i > 0 && sp[i].start < sp[i - 1].start)
			sp[i].start = sp[i - 1].start;
	}
	for (i = 0; i < ns; i++)
		sp[i].end = i + 1 < ns ? sp[i + 1].start : nrows;
	*n = ns;
	return sp;
}

/*
 * Pair spans by ID, keeping the longest set of pairs in the same order
 * on both sides (longest increasing subsequence, quadratic: documents
 * have few sections).
 */
static size_t
pair_spans(struct span *l, size_t nl, struct span *r, size_t nr)
{
	long	*cand = xcalloc(nl + 1, sizeof(*cand));
	size_t	*len = xcalloc(nl + 1, sizeof(*len));
	long	*prev = xcalloc(nl + 1, sizeof(*prev));
	size_t	 i, j, best = 0, npairs = 0;
	long	 at = -1;

	for (i = 0; i < nl; i++) {
		cand[i] = -1;
		if (l[i].id == NULL)
			continue;
		for (j = 0; j < nr; j++)
			if (r[j].id != NULL && strcmp(l[i].id, r[j].id) == 0) {
				cand[i] = (long)j;
				break;
			}
	}
	for (i = 0; i < nl; i++) {
		prev[i] = -1;
		len[i] = 0;
		if (cand[i] < 0)
			continue;
		len[i] = 1;
		for (j = 0; j < i; j++)
			if (cand[j] >= 0 && cand[j] < cand[i] &&
			    len[j] + 1 > len[i]) {
				len[i] = len[j] + 1;
				prev[i] = (long)j;
			}
		if (len[i] > best) {
			best = len[i];
			at = (long)i;
		}
	}
	for (; at >= 0; at = prev[at]) {
		l[at].pair = cand[at];
		r[cand[at]].pair = at;
		if (l[at].id[0] != '\0')
			npairs++;
	}
	free(cand);
	free(len);
	free(prev);
	return npairs;
}

static void
add_row(struct align *a, long left, long right)
{
	a->rows = xgrow(a->rows, &a->rowcap, a->nrows + 1, sizeof(*a->rows));
	a->rows[a->nrows].row[SIDE_LEFT] = left;
	a->rows[a->nrows].row[SIDE_RIGHT] = right;
	a->nrows++;
}

static void
add_section(struct align *a, const struct span *l, const struct span *r)
{
	struct align_section *s;

	a->secs = xgrow(a->secs, &a->seccap, a->nsecs + 1, sizeof(*a->secs));
	s = &a->secs[a->nsecs++];
	s->id = l ? l->id : r->id;
	if (s->id == NULL)
		s->id = "";		/* a text with no section at all */
	s->label = l ? l->label : r->label;
	s->sec[SIDE_LEFT] = l ? l->sec : -1;
	s->sec[SIDE_RIGHT] = r ? r->sec : -1;
	s->first = a->nrows;
}

/* Emit span sp of side alone, against the note in the other column. */
static void
emit_one(struct align *a, int side, const struct span *sp)
{
	size_t	 k;
	long	 mine, other;

	add_section(a, side == SIDE_LEFT ? sp : NULL,
	    side == SIDE_RIGHT ? sp : NULL);
	for (k = sp->start; k < sp->end; k++) {
		mine = (long)k;
		other = k == sp->start ? ALIGN_NOTE : ALIGN_PAD;
		if (side == SIDE_LEFT)
			add_row(a, mine, other);
		else
			add_row(a, other, mine);
	}
}

static void
emit_pair(struct align *a, const struct span *l, const struct span *r)
{
	size_t	 nl = l->end - l->start, nr = r->end - r->start, k;

	add_section(a, l, r);
	for (k = 0; k < nl || k < nr; k++)
		add_row(a, k < nl ? (long)(l->start + k) : ALIGN_PAD,
		    k < nr ? (long)(r->start + k) : ALIGN_PAD);
}

/* Proportional: rows side by side, sections of both in row order. */
static void
emit_proportional(struct align *a, const struct span *l, size_t nl,
    const struct span *r, size_t nr)
{
	size_t	 n[2] = { layout_nrows(a->lay[0]), layout_nrows(a->lay[1]) };
	size_t	 i, j;

	for (i = j = 0; i < nl || j < nr;) {
		if (i < nl && j < nr && l[i].pair == (long)j &&
		    l[i].start == r[j].start) {
			/* Paired and side by side already (the parts
			   before the first headings). */
			add_section(a, &l[i], &r[j]);
			a->secs[a->nsecs - 1].first = l[i].start;
			i++;
			j++;
		} else if (j >= nr || (i < nl && l[i].start <= r[j].start)) {
			add_section(a, &l[i], NULL);
			a->secs[a->nsecs - 1].first = l[i++].start;
		} else {
			add_section(a, NULL, &r[j]);
			a->secs[a->nsecs - 1].first = r[j++].start;
		}
	}
	for (i = 0; i < n[0] || i < n[1]; i++)
		add_row(a, i < n[0] ? (long)i : ALIGN_PAD,
		    i < n[1] ? (long)i : ALIGN_PAD);
}

static char *
note_for(const struct layout *l)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "· no counterpart in %s ·",
	    doc_short_title(layout_doc(l)));
	return buf_steal(&b, NULL);
}

void
align_split(int cols, int *left, int *right)
{
	*left = (cols - ALIGN_GUTTER) / 2;
	*right = cols - ALIGN_GUTTER - *left;
}

struct align *
align_new(const struct layout *left, const struct layout *right)
{
	struct align	*a = xcalloc(1, sizeof(*a));
	struct span	*sp[2];
	size_t		 ns[2], i, j, side;
	long		 last;

	a->lay[SIDE_LEFT] = left;
	a->lay[SIDE_RIGHT] = right;
	for (side = 0; side < 2; side++) {
		sp[side] = spans_of(a->lay[side], &ns[side]);
		a->note[side] = note_for(a->lay[side]);
	}
	if (pair_spans(sp[0], ns[0], sp[1], ns[1]) == 0) {
		a->proportional = 1;
		emit_proportional(a, sp[0], ns[0], sp[1], ns[1]);
	} else {
		for (i = j = 0; i < ns[0] || j < ns[1];) {
			if (i < ns[0] && sp[0][i].pair < 0)
				emit_one(a, SIDE_LEFT, &sp[0][i++]);
			else if (j < ns[1] && sp[1][j].pair < 0)
				emit_one(a, SIDE_RIGHT, &sp[1][j++]);
			else {
				assert(i < ns[0] && j < ns[1] &&
				    sp[0][i].pair == (long)j);
				emit_pair(a, &sp[0][i++], &sp[1][j++]);
			}
		}
	}
	for (side = 0; side < 2; side++) {
		size_t nl = layout_nrows(a->lay[side]);

		a->index[side] = xcalloc(nl + 1, sizeof(size_t));
		a->next[side] = xcalloc(a->nrows + 1, sizeof(size_t));
		a->prev[side] = xcalloc(a->nrows + 1, sizeof(long));
		for (last = -1, i = 0; i < a->nrows; i++) {
			if (a->rows[i].row[side] >= 0)
				last = a->rows[i].row[side];
			a->prev[side][i] = last;
		}
		last = nl > 0 ? (long)nl - 1 : 0;
		for (i = a->nrows; i-- > 0;) {
			long r = a->rows[i].row[side];

			if (r >= 0) {
				a->index[side][r] = i;
				last = r;
			}
			a->next[side][i] = (size_t)last;
		}
		free(sp[side]);
	}
	return a;
}

void
align_free(struct align *a)
{
	int side;

	if (a == NULL)
		return;
	for (side = 0; side < 2; side++) {
		free(a->index[side]);
		free(a->next[side]);
		free(a->prev[side]);
		free(a->note[side]);
	}
	free(a->rows);
	free(a->secs);
	free(a);
}

const struct layout *
align_layout(const struct align *a, int side)
{
	return a->lay[side];
}

size_t
align_nrows(const struct align *a)
{
	return a->nrows;
}

const struct align_row *
align_row(const struct align *a, size_t i)
{
	return i < a->nrows ? &a->rows[i] : NULL;
}

int
align_proportional(const struct align *a)
{
	return a->proportional;
}

size_t
align_nsections(const struct align *a)
{
	return a->nsecs;
}

const struct align_section *
align_section(const struct align *a, size_t i)
{
	assert(i < a->nsecs);
	return &a->secs[i];
}

size_t
align_section_at(const struct align *a, size_t i)
{
	size_t n = util_count_le(a->secs, a->nsecs, sizeof(*a->secs),
	    offsetof(struct align_section, first), i);

	return n > 0 ? n - 1 : 0;
}

size_t
align_index_of(const struct align *a, int side, size_t r)
{
	size_t n = layout_nrows(a->lay[side]);

	if (n == 0)
		return 0;
	return a->index[side][r < n ? r : n - 1];
}

size_t
align_layout_row(const struct align *a, int side, size_t i)
{
	if (a->nrows == 0)
		return 0;
	return a->next[side][i < a->nrows ? i : a->nrows - 1];
}

long
align_last_shown(const struct align *a, int side, size_t i)
{
	if (a->nrows == 0)
		return -1;
	return a->prev[side][i < a->nrows ? i : a->nrows - 1];
}

int
align_cells(const struct align *a, size_t i, int side, unsigned flags,
    cell_fn fn, void *arg)
{
	const struct layout *l = a->lay[side];
	long r;

	if (i >= a->nrows)
		return 0;
	r = a->rows[i].row[side];
	if (r >= 0)
		return layout_cells_with(l, (size_t)r, flags, fn, arg);
	if (r == ALIGN_NOTE) {
		/* The whole note when it fits, else a shorter one. */
		const char *note = a->note[side];

		if (layout_text_width(note, strlen(note)) > layout_width(l))
			note = "· no counterpart ·";
		return layout_text_cells(note, strlen(note), 0, layout_width(l),
		    DS_NOTE, fn, arg);
	}
	return 0;
}
