/*
 * concord.c: the concordance of a term or a word in the two texts.
 *
 * The mentions come from what already finds them: a term's from the
 * glossary's hits (so the concordance counts what is highlighted), a
 * word's from search_doc, kept where they are whole words.  The context
 * is read from the mention outwards, cluster by cluster (libunistring's
 * grapheme breaks), so that a line costs its width, not its paragraph.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unistr.h>

#include "diptych/concord.h"
#include "diptych/doc.h"
#include "diptych/fold.h"
#include "diptych/glossary.h"
#include "diptych/layout.h"
#include "diptych/search.h"
#include "diptych/util.h"

static void
add_line(struct concord *c, int side, size_t start, size_t end)
{
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof(*c->v));
	c->v[c->n].side = side;
	c->v[c->n].start = start;
	c->v[c->n].end = end;
	c->n++;
	c->count[side]++;
}

static void
clear(struct concord *c)
{
	free(c->what);
	c->what = NULL;
	c->term = -1;
	c->n = 0;
	c->count[0] = c->count[1] = 0;
}

void
concord_term(struct concord *c, const struct glossary *g, size_t t,
    struct term_hit *const hits[2], const size_t nhits[2])
{
	size_t	 i;
	int	 side;

	clear(c);
	c->what = xstrdup(glossary_term(g, t)->name);
	c->term = (long)t;
	for (side = 0; side < 2; side++)
		for (i = 0; i < nhits[side]; i++)
			if (hits[side][i].term == t)
				add_line(c, side, hits[side][i].start,
				    hits[side][i].end);
}

int
concord_word(struct concord *c, const struct doc *const d[2],
    const char *word)
{
	struct search_hit	*h;
	char			*pat;
	size_t			 n, len, plen, i;
	int			 side, prefix;
	const char		*text;

	plen = strlen(word);
	prefix = plen > 0 && word[plen - 1] == '*';
	if (plen == (size_t)prefix)
		return -1;		/* c as it was */
	pat = xstrndup(word, prefix ? plen - 1 : plen);
	clear(c);
	c->what = xstrdup(word);
	for (side = 0; side < 2; side++) {
		text = doc_text(d[side], &len);
		h = search_doc(d[side], pat, &n);
		for (i = 0; i < n; i++) {
			size_t	 end = h[i].end;
			int	 k;

			if (util_alnum_before(text, h[i].start) ||
			    (!prefix && util_alnum_at(text, len, end)))
				continue;
			/* "deter*": the mention is the whole word. */
			while (util_alnum_at(text, len, end) && (k = u8_mblen(
			    (const uint8_t *)text + end, len - end)) > 0)
				end += (size_t)k;
			add_line(c, side, h[i].start, end);
		}
		free(h);
	}
	free(pat);
	return 0;
}

void
concord_free(struct concord *c)
{
	free(c->what);
	free(c->v);
	memset(c, 0, sizeof(*c));
	c->term = -1;
}

/* Whether a and b are the same, folded as the glossary folds (case too). */
static int
same_folded(const char *a, const char *b)
{
	struct fold	 fa, fb;
	int		 same;

	fold_text(&fa, a, strlen(a), FOLD_CASE);
	fold_text(&fb, b, strlen(b), FOLD_CASE);
	same = fa.len == fb.len && memcmp(fa.s, fb.s, fa.len) == 0;
	fold_free(&fa);
	fold_free(&fb);
	return same;
}

long
concord_lookup(const struct glossary *g, const char *s)
{
	size_t	 i, k;
	long	 t;

	if ((t = glossary_find(g, s)) >= 0)
		return t;
	for (i = 0; i < glossary_nterms(g); i++) {
		const struct term *term = glossary_term(g, i);

		if (same_folded(term->name, s))
			return (long)i;
		for (k = 0; k < term->naliases; k++)
			if (same_folded(term->aliases[k], s))
				return (long)i;
	}
	return -1;
}

/* The block of d holding offset off (the last that starts at or before). */
static const struct doc_block *
block_at(const struct doc *d, size_t off)
{
	size_t lo = 0, hi = doc_nblocks(d), mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (doc_block(d, mid)->start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return doc_nblocks(d) > 0 ? doc_block(d, lo) : NULL;
}

/* Whether the cluster s[0..n) begins with white space (U+00A0 too). */
static int
is_white(const char *s, size_t n)
{
	ucs4_t uc;

	return n > 0 && u8_mbtouc(&uc, (const uint8_t *)s, n) > 0 &&
	    uc_is_property_white_space(uc);
}

/* Whether the code point that ends at p (after lo) is white space. */
static int
white_before(const uint8_t *p, const uint8_t *lo)
{
	ucs4_t uc;

	return p > lo && u8_prev(&uc, p, lo) != NULL &&
	    uc_is_property_white_space(uc);
}

/*
 * Append t[from, to) to b, white space as single spaces; at the start
 * only when lead, at the end only when trail.
 */
static void
add_plain(struct buf *b, const char *t, size_t from, size_t to, int lead,
    int trail)
{
	const uint8_t	*s = (const uint8_t *)t + from, *e = (const uint8_t *)t +
			    to, *next;
	int		 space = 0;

	for (; s < e; s = next) {
		next = u8_grapheme_next(s, e);
		if (is_white((const char *)s, (size_t)(next - s))) {
			space = 1;
			continue;
		}
		if (space && (b->len > 0 || lead))
			buf_addc(b, ' ');
		space = 0;
		buf_add(b, s, (size_t)(next - s));
	}
	if (space && trail)
		buf_addc(b, ' ');
}

/* Columns of cluster p[0..n) in a context: a run of white space is one. */
static int
cluster_cols(const uint8_t *p, size_t n, int *space)
{
	if (is_white((const char *)p, n)) {
		if (*space)
			return 0;
		*space = 1;
		return 1;
	}
	*space = 0;
	return layout_text_width((const char *)p, n);
}

/*
 * Where the context before offset at starts: back cluster by cluster
 * from at, no further than from, while cols last; a word the columns cut
 * is left out, unless it is the only one.
 */
static size_t
kwic_before(const uint8_t *base, size_t from, size_t at, int cols)
{
	const uint8_t	*s = base + at, *prev, *w, *end = base + at;
	int		 used = 0, space = 0, c, k;

	for (; s > base + from; s = prev) {
		if ((prev = u8_grapheme_prev(s, base + from)) == NULL)
			break;
		c = cluster_cols(prev, (size_t)(s - prev), &space);
		if (used + c > cols)
			break;
		used += c;
	}
	if (s > base + from && !white_before(s, base + from)) {
		for (w = s; w < end && !is_white((const char *)w,
		    (size_t)(end - w)); w += k > 0 ? k : 1)
			k = u8_mblen(w, (size_t)(end - w));
		if (w < end)
			s = w;
	}
	return (size_t)(s - base);
}

/* Where the context after offset at ends, as kwic_before, forwards. */
static size_t
kwic_after(const uint8_t *base, size_t at, size_t to, int cols)
{
	const uint8_t	*s = base + at, *next, *w;
	int		 used = 0, space = 0, c;
	ucs4_t		 uc;

	for (; s < base + to; s = next) {
		next = u8_grapheme_next(s, base + to);
		c = cluster_cols(s, (size_t)(next - s), &space);
		if (used + c > cols)
			break;
		used += c;
	}
	if (s < base + to && !is_white((const char *)s,
	    (size_t)(base + to - s))) {
		for (w = s; w != NULL && w > base + at &&
		    !white_before(w, base + at); )
			w = (const uint8_t *)u8_prev(&uc, w, base + at);
		if (w != NULL && w > base + at)
			s = w;
	}
	return (size_t)(s - base);
}

void
concord_kwic(const struct doc *d, const struct concord_line *l, int lcols,
    int rcols, struct buf *left, struct buf *mid, struct buf *right)
{
	const struct doc_block	*blk = block_at(d, l->start);
	const char		*t = doc_text(d, NULL);
	const uint8_t		*base = (const uint8_t *)t;
	size_t			 bs = blk != NULL ? blk->start : 0;
	size_t			 be = blk != NULL && blk->end >= l->end ?
				    blk->end : l->end;

	left->len = mid->len = right->len = 0;
	buf_add(left, "", 0);
	buf_add(mid, "", 0);
	buf_add(right, "", 0);
	add_plain(mid, t, l->start, l->end, 0, 0);
	add_plain(left, t, kwic_before(base, bs, l->start, lcols), l->start,
	    0, 1);
	add_plain(right, t, l->end, kwic_after(base, l->end, be, rcols), 1,
	    0);
}

const char *
concord_section(const struct doc *d, const struct concord_line *l)
{
	long			 k = doc_section_at(d, l->start);
	const char		*label;

	label = k >= 0 ? doc_section(d, (size_t)k)->label : NULL;
	return label != NULL && label[0] != '\0' ? label : doc_short_title(d);
}
