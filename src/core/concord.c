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
#include <strings.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unistr.h>

#include "diptych/concord.h"
#include "diptych/doc.h"
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

/* Whether the code point before at, or the one at at, is alphanumeric. */
static int
alnum_before(const char *text, size_t at)
{
	ucs4_t		 uc;

	return at > 0 && u8_prev(&uc, (const uint8_t *)text + at,
	    (const uint8_t *)text) != NULL && uc_is_alnum(uc);
}

static int
alnum_at(const char *text, size_t len, size_t at)
{
	ucs4_t uc;

	return at < len && u8_mbtouc(&uc, (const uint8_t *)text + at,
	    len - at) > 0 && uc_is_alnum(uc);
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

	clear(c);
	plen = strlen(word);
	prefix = plen > 0 && word[plen - 1] == '*';
	pat = xstrndup(word, prefix ? plen - 1 : plen);
	if (pat[0] == '\0') {
		free(pat);
		return -1;
	}
	c->what = xstrdup(word);
	for (side = 0; side < 2; side++) {
		text = doc_text(d[side], &len);
		h = search_doc(d[side], pat, &n);
		for (i = 0; i < n; i++) {
			size_t	 end = h[i].end;
			int	 k;

			if (alnum_before(text, h[i].start) ||
			    (!prefix && alnum_at(text, len, end)))
				continue;
			/* "deter*": the mention is the whole word. */
			while (alnum_at(text, len, end) && (k = u8_mblen(
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

long
concord_lookup(const struct glossary *g, const char *s)
{
	size_t	 i, k;
	long	 t;

	if ((t = glossary_find(g, s)) >= 0)
		return t;
	for (i = 0; i < glossary_nterms(g); i++) {
		const struct term *term = glossary_term(g, i);

		if (strcasecmp(term->name, s) == 0)
			return (long)i;
		for (k = 0; k < term->naliases; k++)
			if (strcasecmp(term->aliases[k], s) == 0)
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

static int
is_white(const char *s, size_t n)
{
	ucs4_t uc;

	return u8_mbtouc(&uc, (const uint8_t *)s, n) > 0 && (uc == ' ' ||
	    uc == '\n' || uc == '\t' || uc == 0xA0 || uc_is_property_space(uc));
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

void
concord_kwic(const struct doc *d, const struct concord_line *l, int lcols,
    int rcols, struct buf *left, struct buf *mid, struct buf *right)
{
	const struct doc_block	*blk = block_at(d, l->start);
	const char		*t = doc_text(d, NULL);
	const uint8_t		*base = (const uint8_t *)t, *s, *prev;
	size_t			 bs = blk != NULL ? blk->start : 0;
	size_t			 be = blk != NULL && blk->end >= l->end ?
				    blk->end : l->end;
	int			 cols, space;

	left->len = mid->len = right->len = 0;
	buf_add(left, "", 0);
	buf_add(mid, "", 0);
	buf_add(right, "", 0);
	add_plain(mid, t, l->start, l->end, 0, 0);
	/* Before: back from the mention while the columns last; a run of
	   white space is one column. */
	s = base + l->start;
	for (cols = 0, space = 0; s > base + bs; s = prev) {
		int w;

		prev = u8_grapheme_prev(s, base + bs);
		if (prev == NULL)
			break;
		if (is_white((const char *)prev, (size_t)(s - prev))) {
			if (space)
				continue;
			space = 1;
			w = 1;
		} else {
			space = 0;
			w = layout_text_width((const char *)prev,
			    (size_t)(s - prev));
		}
		if (cols + w > lcols)
			break;
		cols += w;
	}
	/* A word cut by the columns is left out. */
	if (s > base + bs && !is_white((const char *)s - 1, 1)) {
		const uint8_t *w = s;

		while (w < base + l->start && !is_white((const char *)w, 1))
			w++;
		if (w < base + l->start)
			s = w;
	}
	add_plain(left, t, (size_t)(s - base), l->start, 0, 1);
	/* After. */
	s = base + l->end;
	for (cols = 0, space = 0; s < base + be; ) {
		const uint8_t	*next = u8_grapheme_next(s, base + be);
		int		 w;

		if (is_white((const char *)s, (size_t)(next - s))) {
			w = space ? 0 : 1;
			space = 1;
		} else {
			space = 0;
			w = layout_text_width((const char *)s,
			    (size_t)(next - s));
		}
		if (cols + w > rcols)
			break;
		cols += w;
		s = next;
	}
	if (s < base + be && !is_white((const char *)s, 1)) {
		const uint8_t *w = s;

		while (w > base + l->end && !is_white((const char *)w - 1, 1))
			w--;
		if (w > base + l->end)
			s = w;
	}
	add_plain(right, t, l->end, (size_t)(s - base), 1, 0);
}

const char *
concord_section(const struct doc *d, const struct concord_line *l)
{
	long			 k = doc_section_at(d, l->start);
	const char		*label;

	label = k >= 0 ? doc_section(d, (size_t)k)->label : NULL;
	return label != NULL && label[0] != '\0' ? label : doc_short_title(d);
}
