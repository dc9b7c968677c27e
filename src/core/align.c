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
 * Pairings (align_new_paired) add places where a paired section begins
 * in each text: each is a span of its own on each side, paired with the
 * other, unless it begins where a section of the file does (that span
 * is then the pairing's).  The pairs must go forward together on both
 * sides: a pairing that crosses the files' marks is left out (the files
 * win), and one that crosses a pair of shared headings leaves those
 * headings unpaired (the reader's choice wins over a coincidence of
 * words).
 *
 * The alignment is built as it is read, like the layouts under it: the
 * order of the sections is settled at once from their IDs alone, and
 * their rows are emitted section by section (in proportional mode, row
 * by row) only as far as a question needs, so what costs is what is
 * looked at, not the length of the texts.
 *
 * Invariants: every layout row of both sides appears exactly once, in
 * order, among the rows emitted; sections are in order of their first
 * aligned row; index[] and prev[] map between the rows emitted in O(1).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
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
	size_t		 off;		/* where it starts in the text */
	size_t		 start;		/* its first layout row, once known */
	long		 pair;		/* span index on the other side, or -1 */
	long		 pk;		/* the pairing it begins, or -1 */
	int		 origin;	/* enum align_origin */
};

/* One step of the walk: a section of one side, or a pair (-1: none). */
struct step {
	long		 span[2];
};

struct align {
	const struct layout	*lay[2];
	struct span		*sp[2];
	size_t			 ns[2];
	size_t			 known[2];	/* spans whose start is known */
	struct step		*steps;		/* row mode's walk */
	size_t			 nsteps, step;	/* ... and the next to emit */
	size_t			 pnext[2];	/* proportional: next span */
	size_t			 nsecs_all;	/* sections once all emitted */
	int			 done;		/* every row emitted */
	struct align_row	*rows;
	size_t			 nrows, rowcap;
	struct align_section	*secs;
	size_t			 nsecs, seccap;
	size_t			*index[2];	/* layout row -> aligned row */
	size_t			 nindex[2], indexcap[2];
	long			*prev[2];	/* aligned row -> layout row */
	size_t			 prevcap[2];
	char			*note[2];	/* "no counterpart in ..." */
	const struct align_pair	*pairs;		/* as given */
	int			*pstate;	/* enum align_pair_state */
	size_t			 npairs;
	int			 proportional;
	struct align_row	 scratch[4];	/* proportional rows asked for */
	int			 turn;
};

#define ALIGN_SCRATCH	4

/* The spans of a layout's sections, their rows not yet known. */
static struct span *
spans_of(const struct layout *l, size_t *n)
{
	const struct doc *d = layout_doc(l);
	size_t		 ns = doc_nsections(d), i;
	struct span	*sp;

	if (ns == 0) {
		/* No sections: the whole text is one that pairs with
		   nothing. */
		sp = xcalloc(1, sizeof(*sp));
		sp->sec = -1;
		sp->label = doc_short_title(d);
		sp->pair = sp->pk = -1;
		sp->origin = ALIGN_HEADINGS;
		*n = 1;
		return sp;
	}
	sp = xcalloc(ns, sizeof(*sp));
	for (i = 0; i < ns; i++) {
		const struct doc_section *s = doc_section(d, i);

		sp[i].id = s->id;
		sp[i].label = s->label;
		sp[i].sec = (long)i;
		sp[i].off = s->offset;
		sp[i].pair = sp[i].pk = -1;
		sp[i].origin = s->implicit ? ALIGN_HEADINGS : ALIGN_MARKS;
	}
	*n = ns;
	return sp;
}

/*
 * The first layout row of span i of side: the row showing its offset,
 * never before the span before it.  Lays the text out that far.
 */
static size_t
span_start(struct align *a, int side, size_t i)
{
	struct span	*sp = a->sp[side];

	while (a->known[side] <= i) {
		size_t k = a->known[side]++;

		sp[k].start = k == 0 ? 0 : layout_row_at(a->lay[side],
		    sp[k].off);
		if (k > 0 && sp[k].start < sp[k - 1].start)
			sp[k].start = sp[k - 1].start;
	}
	return sp[i].start;
}

/* The end (one past the last layout row) of span i of side. */
static size_t
span_end(struct align *a, int side, size_t i)
{
	if (i + 1 < a->ns[side])
		return span_start(a, side, i + 1);
	return layout_nrows(a->lay[side]);
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
	long	 r[2] = { left, right };
	int	 side;

	a->rows = xgrow(a->rows, &a->rowcap, a->nrows + 1, sizeof(*a->rows));
	for (side = 0; side < 2; side++) {
		a->rows[a->nrows].row[side] = r[side];
		a->prev[side] = xgrow(a->prev[side], &a->prevcap[side],
		    a->nrows + 1, sizeof(*a->prev[side]));
		if (r[side] >= 0) {
			assert((size_t)r[side] == a->nindex[side]);
			a->index[side] = xgrow(a->index[side],
			    &a->indexcap[side], a->nindex[side] + 1,
			    sizeof(*a->index[side]));
			a->index[side][a->nindex[side]++] = a->nrows;
		}
		a->prev[side][a->nrows] = r[side] >= 0 ? r[side] :
		    a->nrows > 0 ? a->prev[side][a->nrows - 1] : -1;
	}
	a->nrows++;
}

static void
add_section(struct align *a, const struct span *l, const struct span *r,
    size_t first)
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
	s->in[SIDE_LEFT] = l != NULL;
	s->in[SIDE_RIGHT] = r != NULL;
	s->origin = l ? l->origin : r->origin;
	s->pair = l ? l->pk : r->pk;
	s->first = first;
}

/*
 * Row mode: emit the next step of the walk, a section alone against
 * the note in the other column, or a pair row against row, the shorter
 * side padded.
 */
static void
emit_step(struct align *a)
{
	const struct step *st = &a->steps[a->step++];
	size_t		 start[2] = { 0, 0 }, n[2] = { 0, 0 }, k;
	int		 side;

	for (side = 0; side < 2; side++)
		if (st->span[side] >= 0) {
			start[side] = span_start(a, side,
			    (size_t)st->span[side]);
			n[side] = span_end(a, side, (size_t)st->span[side]) -
			    start[side];
		}
	add_section(a, st->span[0] >= 0 ? &a->sp[0][st->span[0]] : NULL,
	    st->span[1] >= 0 ? &a->sp[1][st->span[1]] : NULL, a->nrows);
	for (k = 0; k < n[0] || k < n[1]; k++) {
		long row[2];

		for (side = 0; side < 2; side++)
			row[side] = k < n[side] ? (long)(start[side] + k) :
			    st->span[side] >= 0 ? ALIGN_PAD :
			    k == 0 ? ALIGN_NOTE : ALIGN_PAD;
		add_row(a, row[0], row[1]);
	}
	if (a->step == a->nsteps)
		a->done = 1;
}

/*
 * Proportional mode: the next section of either side, in the order of
 * their first rows (the rows stand side by side, row i against row i),
 * when it starts at or before row upto; returns 0 when none does.
 */
static int
emit_prop_section(struct align *a, size_t upto)
{
	struct span	*l = a->sp[0], *r = a->sp[1];
	size_t		*i = &a->pnext[0], *j = &a->pnext[1];
	size_t		 ls = SIZE_MAX, rs = SIZE_MAX;
	const struct layout_row *lr;
	int		 side;

	/* A span starting at or past the text of row upto + 1 starts
	   past row upto: found without laying the text out to it. */
	for (side = 0; side < 2; side++) {
		size_t k = a->pnext[side];

		if (k >= a->ns[side])
			continue;
		if (k > 0 && upto < SIZE_MAX &&
		    (lr = layout_row(a->lay[side], upto + 1)) != NULL &&
		    a->sp[side][k].off >= lr->start)
			continue;
		if (side == 0)
			ls = span_start(a, 0, k);
		else
			rs = span_start(a, 1, k);
	}
	if ((ls == SIZE_MAX || ls > upto) && (rs == SIZE_MAX || rs > upto))
		return 0;
	if (ls != SIZE_MAX && rs != SIZE_MAX && l[*i].pair == (long)*j &&
	    ls == rs) {
		/* Paired and side by side already (the parts before the
		   first headings). */
		add_section(a, &l[*i], &r[*j], ls);
		(*i)++;
		(*j)++;
	} else if (rs == SIZE_MAX || (ls != SIZE_MAX && ls <= rs))
		add_section(a, &l[(*i)++], NULL, ls);
	else
		add_section(a, NULL, &r[(*j)++], rs);
	return 1;
}

/*
 * Proportional mode: row i is row i of each side, or padding past a
 * side's end; nothing is kept but how many rows there are.
 */
static void
prop_row(const struct align *a, size_t i, struct align_row *ar)
{
	int side;

	for (side = 0; side < 2; side++)
		ar->row[side] = layout_row(a->lay[side], i) != NULL ?
		    (long)i : ALIGN_PAD;
}

/* Proportional mode: count row nrows, or find there is none. */
static void
emit_prop_row(struct align *a)
{
	struct align_row ar;

	prop_row(a, a->nrows, &ar);
	if (ar.row[0] == ALIGN_PAD && ar.row[1] == ALIGN_PAD)
		a->done = 1;
	else
		a->nrows++;
}

/* Emit rows until there are more than upto, or all. */
static struct align *
fill_rows(const struct align *ca, size_t upto)
{
	struct align *a = (struct align *)ca;

	while (!a->done && a->nrows <= upto) {
		if (a->proportional)
			emit_prop_row(a);
		else
			emit_step(a);
	}
	return a;
}

/* Emit until section k is known, or all sections are. */
static struct align *
fill_sections(const struct align *ca, size_t k)
{
	struct align *a = (struct align *)ca;

	while (a->nsecs <= k && a->nsecs < a->nsecs_all) {
		if (!a->proportional)
			emit_step(a);
		else if (emit_prop_section(a, a->nrows))
			continue;
		else if (!a->done)
			emit_prop_row(a);
		else if (!emit_prop_section(a, SIZE_MAX))
			break;
	}
	return a;
}

/* Emit until layout row r of side is, or all rows are. */
static struct align *
fill_side(const struct align *ca, int side, size_t r)
{
	struct align *a = (struct align *)ca;

	while (!a->done && a->nindex[side] <= r)
		fill_rows(a, a->nrows);
	return a;
}

int
align_crosses(const size_t p[2], const size_t q[2])
{
	if (p[0] == q[0] || p[1] == q[1])
		return p[0] != q[0] || p[1] != q[1];
	return (p[0] < q[0]) != (p[1] < q[1]);
}

/*
 * Which pairings begin sections, in the order given: each that crosses
 * neither a pair of the files' marks nor a pairing taken before it.
 * A pair of shared headings that a pairing taken crosses is unpaired.
 * Returns how many were taken.
 */
static size_t
settle_pairs(struct align *a)
{
	struct span	*l = a->sp[0], *r = a->sp[1];
	size_t		 k, t, i, ntaken = 0, *taken;
	size_t		 p[2], q[2];

	taken = xcalloc(a->npairs + 1, sizeof(*taken));
	for (k = 0; k < a->npairs; k++) {
		int state = ALIGN_PAIR_USED;

		p[0] = a->pairs[k].off[0];
		p[1] = a->pairs[k].off[1];
		for (i = 0; i < a->ns[0] && state == ALIGN_PAIR_USED; i++) {
			if (l[i].pair < 0)
				continue;
			q[0] = l[i].off;
			q[1] = r[l[i].pair].off;
			if (q[0] == p[0] && q[1] == p[1])
				state = ALIGN_PAIR_SAME;
			else if (align_crosses(p, q) &&
			    (l[i].origin == ALIGN_MARKS ||
			    r[l[i].pair].origin == ALIGN_MARKS))
				state = ALIGN_PAIR_CROSSES;
		}
		for (t = 0; t < ntaken && state == ALIGN_PAIR_USED; t++) {
			q[0] = a->pairs[taken[t]].off[0];
			q[1] = a->pairs[taken[t]].off[1];
			if (align_crosses(p, q) ||
			    (q[0] == p[0] && q[1] == p[1]))
				state = ALIGN_PAIR_CROSSES;
		}
		a->pstate[k] = state;
		if (state == ALIGN_PAIR_USED)
			taken[ntaken++] = k;
	}
	/* Shared headings give way to the pairings taken. */
	for (i = 0; i < a->ns[0]; i++) {
		if (l[i].pair < 0)
			continue;
		q[0] = l[i].off;
		q[1] = r[l[i].pair].off;
		for (t = 0; t < ntaken; t++) {
			p[0] = a->pairs[taken[t]].off[0];
			p[1] = a->pairs[taken[t]].off[1];
			if (align_crosses(p, q)) {
				r[l[i].pair].pair = -1;
				l[i].pair = -1;
				break;
			}
		}
	}
	free(taken);
	return ntaken;
}

/* Pairings taken, by where they begin on the left (also on the right). */
struct taken {
	size_t		 off;
	size_t		 k;
};

static int
by_off(const void *x, const void *y)
{
	const struct taken *a = x, *b = y;

	return a->off < b->off ? -1 : a->off > b->off;
}

/*
 * Put the pairings taken among the spans of both sides, in text order:
 * a span of their own, or the span of the file's section that begins at
 * the same place (which no other span pairs).  Then pair them.
 */
static void
merge_pairs(struct align *a, size_t ntaken)
{
	struct taken	*tk = xcalloc(ntaken + 1, sizeof(*tk));
	struct span	*sp[2];
	size_t		*map[2], *at[2], ns[2], n = 0, k, i, j;
	int		 side;

	for (k = 0; k < a->npairs; k++)
		if (a->pstate[k] == ALIGN_PAIR_USED) {
			tk[n].off = a->pairs[k].off[0];
			tk[n++].k = k;
		}
	qsort(tk, n, sizeof(*tk), by_off);
	for (side = 0; side < 2; side++) {
		const struct doc *d = layout_doc(a->lay[side]);
		struct span	*old = a->sp[side];

		sp[side] = xcalloc(a->ns[side] + n, sizeof(**sp));
		map[side] = xcalloc(a->ns[side] + 1, sizeof(**map));
		at[side] = xcalloc(n + 1, sizeof(**at));
		ns[side] = 0;
		for (i = j = 0; i < a->ns[side] || j < n;) {
			const struct align_pair *pr = j < n ?
			    &a->pairs[tk[j].k] : NULL;
			struct span *o = &sp[side][ns[side]];

			if (pr != NULL && (i == a->ns[side] ||
			    pr->off[side] <= old[i].off)) {
				if (i < a->ns[side] &&
				    pr->off[side] == old[i].off) {
					*o = old[i];
					map[side][i++] = ns[side];
				} else {
					o->sec = doc_section_at(d,
					    pr->off[side]);
					o->off = pr->off[side];
				}
				o->id = pr->id;
				o->label = pr->label;
				o->origin = pr->origin;
				o->pk = (long)tk[j].k;
				o->pair = -1;
				at[side][j++] = ns[side]++;
			} else {
				*o = old[i];
				map[side][i++] = ns[side]++;
			}
		}
	}
	/* The files' pairs that stand, then the pairings'. */
	for (side = 0; side < 2; side++)
		for (i = 0; i < a->ns[side]; i++)
			if (a->sp[side][i].pair >= 0 &&
			    sp[side][map[side][i]].pk < 0)
				sp[side][map[side][i]].pair = (long)
				    map[!side][a->sp[side][i].pair];
	for (j = 0; j < n; j++) {
		sp[0][at[0][j]].pair = (long)at[1][j];
		sp[1][at[1][j]].pair = (long)at[0][j];
	}
	for (side = 0; side < 2; side++) {
		free(a->sp[side]);
		a->sp[side] = sp[side];
		a->ns[side] = ns[side];
		free(map[side]);
		free(at[side]);
	}
	free(tk);
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
	return align_new_paired(left, right, NULL, 0);
}

struct align *
align_new_paired(const struct layout *left, const struct layout *right,
    const struct align_pair *pairs, size_t npairs)
{
	struct align	*a = xcalloc(1, sizeof(*a));
	struct span	**sp = a->sp;
	size_t		*ns = a->ns, i, j, ntaken = 0, npaired = 0;
	int		 side;

	a->lay[SIDE_LEFT] = left;
	a->lay[SIDE_RIGHT] = right;
	for (side = 0; side < 2; side++) {
		sp[side] = spans_of(a->lay[side], &ns[side]);
		a->note[side] = note_for(a->lay[side]);
	}
	a->pairs = pairs;
	a->npairs = npairs;
	a->pstate = xcalloc(npairs + 1, sizeof(*a->pstate));
	(void)pair_spans(sp[0], ns[0], sp[1], ns[1]);
	if (npairs > 0 && (ntaken = settle_pairs(a)) > 0)
		merge_pairs(a, ntaken);
	/* The part before the first headings pairs, but is no pair. */
	for (i = 0; i < ns[0]; i++)
		if (sp[0][i].pair >= 0 && (sp[0][i].pk >= 0 ||
		    (sp[0][i].id != NULL && sp[0][i].id[0] != '\0')))
			npaired++;
	if (npaired == 0) {
		a->proportional = 1;
		a->nsecs_all = ns[0] + ns[1] - (sp[0][0].pair == 0);
		return a;
	}
	/* The walk, settled from the pairs alone. */
	a->steps = xcalloc(ns[0] + ns[1], sizeof(*a->steps));
	for (i = j = 0; i < ns[0] || j < ns[1]; a->nsteps++) {
		struct step *st = &a->steps[a->nsteps];

		st->span[0] = st->span[1] = -1;
		if (i < ns[0] && sp[0][i].pair < 0)
			st->span[0] = (long)i++;
		else if (j < ns[1] && sp[1][j].pair < 0)
			st->span[1] = (long)j++;
		else {
			assert(i < ns[0] && j < ns[1] &&
			    sp[0][i].pair == (long)j);
			st->span[0] = (long)i++;
			st->span[1] = (long)j++;
		}
	}
	a->nsecs_all = a->nsteps;
	return a;
}

void
align_free(struct align *a)
{
	int side;

	if (a == NULL)
		return;
	for (side = 0; side < 2; side++) {
		free(a->sp[side]);
		free(a->index[side]);
		free(a->prev[side]);
		free(a->note[side]);
	}
	free(a->steps);
	free(a->rows);
	free(a->secs);
	free(a->pstate);
	free(a);
}

int
align_pair_state(const struct align *a, size_t k)
{
	assert(k < a->npairs);
	return a->pstate[k];
}

const struct layout *
align_layout(const struct align *a, int side)
{
	return a->lay[side];
}

size_t
align_nrows(const struct align *a)
{
	return fill_rows(a, SIZE_MAX)->nrows;
}

size_t
align_count(const struct align *a, size_t upto)
{
	return fill_rows(a, upto > 0 ? upto - 1 : 0)->nrows;
}

const struct align_row *
align_row(const struct align *a, size_t i)
{
	struct align	*m = fill_rows(a, i);

	if (i >= a->nrows)
		return NULL;
	if (!a->proportional)
		return &a->rows[i];
	/* Made when asked, in turn in a few places, so that the last
	   few asked for stay valid together. */
	m->turn = (m->turn + 1) % ALIGN_SCRATCH;
	prop_row(a, i, &m->scratch[m->turn]);
	return &m->scratch[m->turn];
}

int
align_proportional(const struct align *a)
{
	return a->proportional;
}

size_t
align_nsections(const struct align *a)
{
	return a->nsecs_all;
}

const struct align_section *
align_section(const struct align *a, size_t i)
{
	assert(i < a->nsecs_all);
	return &fill_sections(a, i)->secs[i];
}

size_t
align_section_at(const struct align *a, size_t i)
{
	struct align	*m = (struct align *)a;
	size_t		 n;

	/* Every section starting at or before row i: the last of them is
	   in force. */
	fill_rows(a, i);
	if (m->proportional)
		while (m->nsecs < m->nsecs_all && emit_prop_section(m, i))
			;
	n = util_count_le(a->secs, a->nsecs, sizeof(*a->secs),
	    offsetof(struct align_section, first), i);
	return n > 0 ? n - 1 : 0;
}

size_t
align_index_of(const struct align *a, int side, size_t r)
{
	if (a->proportional) {
		/* Row r against row r; past the last, the last. */
		if (layout_row(a->lay[side], r) == NULL) {
			size_t n = layout_nrows(a->lay[side]);

			return n > 0 ? n - 1 : 0;
		}
		return r;
	}
	fill_side(a, side, r);
	if (a->nindex[side] == 0)
		return 0;
	return a->index[side][r < a->nindex[side] ? r : a->nindex[side] - 1];
}

size_t
align_layout_row(const struct align *a, int side, size_t i)
{
	size_t	 j;
	long	 last;

	if (a->proportional) {
		if (layout_row(a->lay[side], i) != NULL)
			return i;
		j = layout_nrows(a->lay[side]);
		return j > 0 ? j - 1 : 0;
	}
	/* The row shown there, else the next one shown after it. */
	for (j = i; align_row(a, j) != NULL; j++)
		if (a->rows[j].row[side] >= 0)
			return (size_t)a->rows[j].row[side];
	if (a->nrows == 0)
		return 0;
	last = a->prev[side][a->nrows - 1];
	return last > 0 ? (size_t)last : 0;
}

long
align_last_shown(const struct align *a, int side, size_t i)
{
	if (a->proportional) {
		if (layout_row(a->lay[side], i) != NULL)
			return (long)i;
		return (long)layout_nrows(a->lay[side]) - 1;
	}
	fill_rows(a, i);
	if (a->nrows == 0)
		return -1;
	return a->prev[side][i < a->nrows ? i : a->nrows - 1];
}

int
align_cells(const struct align *a, size_t i, int side, unsigned flags,
    cell_fn fn, void *arg)
{
	const struct layout	*l = a->lay[side];
	const struct align_row	*ar;
	long			 r;

	if ((ar = align_row(a, i)) == NULL)
		return 0;
	r = ar->row[side];
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
