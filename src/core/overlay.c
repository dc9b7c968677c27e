/*
 * overlay.c: a layer of ranges over a document's text.
 *
 * The ranges are kept sorted by start (ties in insertion order), and
 * maxend[i] holds the largest end among ranges 0..i.  A range covers an
 * offset when it starts at or before it and ends after it; with maxend,
 * "some range covers off" is one binary search (or, for a cursor moving
 * forward, an amortized O(1) step), however many ranges overlap.
 *
 * Invariants: ranges[i].start <= ranges[i + 1].start; start < end;
 * maxend[i] = max(ranges[0..i].end).
 */
#include "config.h"

#include <stddef.h>
#include <assert.h>
#include <string.h>
#include <stdlib.h>

#include "diptych/doc.h"
#include "diptych/glossary.h"
#include "diptych/overlay.h"
#include "diptych/util.h"

struct overlay {
	enum overlay_role	 role;
	int			 priority;
	struct overlay_range	*ranges;
	size_t			*maxend;
	size_t			 n, cap, maxcap;
	int			 unsorted;	/* added out of order since
						   last read */
};

static const struct {
	char		 letter;
	const char	*name;
} roles[OR_NROLES] = {
	[OR_LINK]	= { 'c', "citation" },
	[OR_TERM]	= { 't', "term" },
	[OR_NOTE]	= { 'n', "note" },
	[OR_MATCH]	= { 'm', "match" },
	[OR_CURRENT]	= { 'M', "current match" },
	[OR_SELECTED]	= { 's', "selected" },
	[OR_SELECTION]	= { 'v', "selection" },
	[OR_OCCUR]	= { 'o', "occurrence" },
};

struct overlay *
overlay_new(enum overlay_role role, int priority)
{
	struct overlay *o = xcalloc(1, sizeof(*o));

	assert(role < OR_NROLES);
	o->role = role;
	o->priority = priority;
	return o;
}

void
overlay_free(struct overlay *o)
{
	if (o == NULL)
		return;
	free(o->ranges);
	free(o->maxend);
	free(o);
}

enum overlay_role
overlay_role(const struct overlay *o)
{
	return o->role;
}

int
overlay_priority(const struct overlay *o)
{
	return o->priority;
}

char
overlay_role_letter(enum overlay_role role)
{
	return role < OR_NROLES ? roles[role].letter : '?';
}

const char *
overlay_role_name(enum overlay_role role)
{
	return role < OR_NROLES ? roles[role].name : "?";
}

void
overlay_clear(struct overlay *o)
{
	o->n = 0;
	o->unsorted = 0;
}

/* Recompute maxend from index i on. */
static void
settle(struct overlay *o, size_t i)
{
	for (; i < o->n; i++) {
		size_t prev = i > 0 ? o->maxend[i - 1] : 0;

		o->maxend[i] = o->ranges[i].end > prev ? o->ranges[i].end : prev;
	}
}

/* A range and the order it was added in, for a stable sort. */
struct added {
	struct overlay_range	 r;
	size_t			 seq;
};

static int
by_start(const void *a, const void *b)
{
	const struct added *x = a, *y = b;

	if (x->r.start != y->r.start)
		return x->r.start < y->r.start ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Ranges added out of order are sorted when the layer is next read,
 * once, rather than moved into place one by one: a reader adding a
 * thousand notes in the store's order pays for one sort.  The functions
 * that read a layer take it const, as sorting changes none of their
 * answers.
 */
static const struct overlay *
ready(const struct overlay *co)
{
	struct overlay	*o = (struct overlay *)co;
	struct added	*a;
	size_t		 i;

	if (!o->unsorted)
		return o;
	a = xcalloc(o->n, sizeof(*a));
	for (i = 0; i < o->n; i++) {
		a[i].r = o->ranges[i];
		a[i].seq = i;
	}
	qsort(a, o->n, sizeof(*a), by_start);
	for (i = 0; i < o->n; i++)
		o->ranges[i] = a[i].r;
	free(a);
	o->unsorted = 0;
	settle(o, 0);
	return o;
}

void
overlay_add(struct overlay *o, size_t start, size_t end, size_t id)
{
	size_t	 at = o->n;

	if (end <= start)
		return;
	o->ranges = xgrow(o->ranges, &o->cap, o->n + 1, sizeof(*o->ranges));
	o->maxend = xgrow(o->maxend, &o->maxcap, o->n + 1,
	    sizeof(*o->maxend));
	if (o->n > 0 && o->ranges[o->n - 1].start > start)
		o->unsorted = 1;
	o->ranges[at].start = start;
	o->ranges[at].end = end;
	o->ranges[at].id = id;
	o->n++;
	if (!o->unsorted)
		settle(o, at);
}

void
overlay_add_links(struct overlay *o, const struct doc *d)
{
	size_t i;

	for (i = 0; i < doc_nlinks(d); i++)
		overlay_add(o, doc_link(d, i)->start, doc_link(d, i)->end, i);
}

void
overlay_add_hits(struct overlay *o, const struct term_hit *hits, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		overlay_add(o, hits[i].start, hits[i].end, i);
}

size_t
overlay_count(const struct overlay *o)
{
	return o->n;
}

const struct overlay_range *
overlay_range(const struct overlay *o, size_t i)
{
	return i < o->n ? &ready(o)->ranges[i] : NULL;
}

/* How many ranges start at or before off. */
static size_t
started(const struct overlay *o, size_t off)
{
	ready(o);
	return util_count_le(o->ranges, o->n, sizeof(*o->ranges),
	    offsetof(struct overlay_range, start), off);
}

long
overlay_next(const struct overlay *o, size_t off)
{
	size_t k = off == 0 ? 0 : started(o, off - 1);

	return k < o->n ? (long)k : -1;
}

long
overlay_prev(const struct overlay *o, size_t off)
{
	return off == 0 ? -1 : (long)started(o, off - 1) - 1;
}

long
overlay_at(const struct overlay *o, size_t off)
{
	size_t k = started(o, off);

	if (k == 0 || o->maxend[k - 1] <= off)
		return -1;
	while (o->ranges[k - 1].end <= off)
		k--;
	return (long)k - 1;
}

void
overlay_cursor_init(struct overlay_cursor *c, const struct overlay *o,
    size_t off)
{
	c->o = ready(o);
	c->i = off == 0 ? 0 : started(o, off - 1);
}

int
overlay_cursor_covers(struct overlay_cursor *c, size_t off)
{
	const struct overlay *o = c->o;

	while (c->i < o->n && o->ranges[c->i].start <= off)
		c->i++;
	return c->i > 0 && o->maxend[c->i - 1] > off;
}
