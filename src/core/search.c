/*
 * search.c: plain-text search with smart case.
 *
 * The text and the pattern are folded the same way (fold.h: typography,
 * compatibility forms and accents always; case unless the pattern has
 * an uppercase letter), so a match is a byte match in the folded text.
 * Folding is per code point, so a valid pattern's folding matches
 * wherever the pattern would; fold_range maps each match back to whole
 * code points of the text.  Two matches inside one code point's
 * expansion (s and s of ß) map to the same range: the second is
 * dropped, so hits never overlap.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <uninorm.h>
#include <unistr.h>

#include "diptych/doc.h"
#include "diptych/fold.h"
#include "diptych/search.h"
#include "diptych/util.h"

struct search_text {
	const struct doc	*d;
	struct fold		 fold[2];	/* as is, and FOLD_CASE */
	int			 made[2];
	char			*whole;		/* the last pattern found whole */
	struct search_hit	*all;		/* ... all its matches, in order */
	size_t			 nall;
};

struct search_text *
search_text_new(const struct doc *d)
{
	struct search_text *t = xcalloc(1, sizeof(*t));

	t->d = d;
	return t;
}

void
search_text_free(struct search_text *t)
{
	int k;

	if (t == NULL)
		return;
	for (k = 0; k < 2; k++)
		if (t->made[k])
			fold_free(&t->fold[k]);
	free(t->whole);
	free(t->all);
	free(t);
}

/*
 * The pattern folded for t, and t's text folded the same way (made the
 * first time): 0, or -1 when the pattern can match nothing.
 */
static int
prepare(struct search_text *t, const char *pattern, struct fold *fp,
    struct fold **ft)
{
	size_t		 tlen, plen = 0;
	const char	*text = doc_text(t->d, &tlen);
	uint8_t		*nfc;
	unsigned	 flags;

	if (pattern == NULL || *pattern == '\0' ||
	    u8_check((const uint8_t *)pattern, strlen(pattern)) != NULL)
		return -1;
	/* The text is NFC, and folding is per code point: so the pattern. */
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)pattern,
	    strlen(pattern), NULL, &plen);
	if (nfc == NULL)
		return -1;
	flags = fold_has_upper((const char *)nfc, plen) ? 0 : FOLD_CASE;
	fold_text(fp, (const char *)nfc, plen, flags);
	free(nfc);
	if (fp->len == 0) {
		/* Only marks: they fold to nothing, and nothing matches. */
		fold_free(fp);
		return -1;
	}
	*ft = &t->fold[flags == FOLD_CASE];
	if (!t->made[flags == FOLD_CASE]) {
		fold_text(*ft, text, tlen, flags);
		t->made[flags == FOLD_CASE] = 1;
	}
	return 0;
}

/*
 * Append to hits the matches of fp starting in the folded text ft from
 * byte lo to before hi, until there are max; returns 0, or 1 when it
 * stopped at max.
 */
static int
scan(const struct fold *ft, const struct fold *fp, size_t lo, size_t hi,
    size_t max, struct search_hit **hits, size_t *n, size_t *cap)
{
	const char	*at = ft->s + lo, *end;
	size_t		 fs, start, stop, hint = 0;

	stop = hi + fp->len - 1 < ft->len ? hi + fp->len - 1 : ft->len;
	end = ft->s + stop;
	while (at + fp->len <= end &&
	    (at = memmem(at, (size_t)(end - at), fp->s, fp->len)) != NULL) {
		fs = (size_t)(at - ft->s);
		at += fp->len;
		fold_range_from(ft, fs, fs + fp->len, &start, &stop, &hint);
		if (*n > 0 && start < (*hits)[*n - 1].end &&
		    start >= (*hits)[*n - 1].start)
			continue;
		if (*n == max)
			return 1;
		*hits = xgrow(*hits, cap, *n + 1, sizeof(**hits));
		(*hits)[*n].start = start;
		(*hits)[*n].end = stop;
		(*n)++;
	}
	return 0;
}

struct search_hit *
search_in(struct search_text *t, const char *pattern, size_t *n)
{
	int cut;

	return search_some(t, pattern, 0, SIZE_MAX, SIZE_MAX, n, &cut);
}

/*
 * The matches of the pattern t found whole last, as search_some gives
 * them: from from on, then from the top, at most max.
 */
static struct search_hit *
from_whole(const struct search_text *t, size_t from, size_t max, size_t *n,
    int *cut)
{
	struct search_hit	*hits;
	size_t			 k, i;

	for (k = 0; k < t->nall && t->all[k].start < from; k++)
		;
	*n = t->nall < max ? t->nall : max;
	*cut = t->nall > max;
	hits = xcalloc(*n + 1, sizeof(*hits));
	for (i = 0; i < *n; i++)
		hits[i] = t->all[(k + i) % t->nall];
	return hits;
}

/*
 * Keep hits[0..n), all of pattern's, found from a place on and then
 * from the top: each part in order.
 */
static void
keep_whole(struct search_text *t, const char *pattern,
    const struct search_hit *hits, size_t n)
{
	size_t k;

	free(t->whole);
	free(t->all);
	t->whole = xstrdup(pattern);
	t->all = xcalloc(n + 1, sizeof(*t->all));
	t->nall = n;
	/* Those from the place on came first: the rest go before them. */
	if (n == 0)
		return;
	for (k = 1; k < n && hits[k].start >= hits[k - 1].start; k++)
		;
	memcpy(t->all, hits + k, (n - k) * sizeof(*hits));
	memcpy(t->all + (n - k), hits, k * sizeof(*hits));
}

struct search_hit *
search_some(struct search_text *t, const char *pattern, size_t from,
    size_t span, size_t max, size_t *n, int *cut)
{
	struct search_hit *hits = NULL;
	struct fold	*ft, fp;
	size_t		 cap = 0, fi, hi;

	*n = 0;
	*cut = 0;
	if (max == 0)
		return NULL;
	if (t->whole != NULL && strcmp(t->whole, pattern) == 0)
		return from_whole(t, from, max, n, cut);
	if (prepare(t, pattern, &fp, &ft) == -1)
		return NULL;
	fi = fold_index(ft, from);
	if (span >= ft->srclen) {
		*cut = scan(ft, &fp, fi, ft->len, max, &hits, n, &cap) ||
		    (fi > 0 && scan(ft, &fp, 0, fi, max, &hits, n, &cap));
		if (!*cut)
			keep_whole(t, pattern, hits, *n);
	} else {
		/* Only span bytes on, wrapping: there may be more. */
		from = from < ft->srclen ? from : ft->srclen;
		hi = from + span <= ft->srclen ? fold_index(ft, from + span) :
		    ft->len;
		*cut = 1;
		if (!scan(ft, &fp, fi, hi, max, &hits, n, &cap) &&
		    from + span > ft->srclen)
			scan(ft, &fp, 0, fold_index(ft, from + span -
			    ft->srclen), max, &hits, n, &cap);
	}
	fold_free(&fp);
	return hits;
}

/* Whether s[0..n) has a border: a proper prefix that is also a suffix. */
static int
has_border(const char *s, size_t n)
{
	size_t k;

	for (k = 1; k < n; k++)
		if (memcmp(s, s + n - k, k) == 0)
			return 1;
	return 0;
}

struct search_hit *
search_refine(struct search_text *t, const char *was,
    const struct search_hit *prev, size_t nprev, const char *pattern,
    size_t *n, int *refined)
{
	struct search_hit *hits = NULL;
	struct fold	*ft, *fw, fp, fq;
	size_t		 cap = 0, i, fi, start, end, hint = 0;

	*n = 0;
	*refined = 0;
	if (prepare(t, pattern, &fp, &ft) == -1)
		return NULL;
	if (prepare(t, was, &fq, &fw) == -1) {
		fold_free(&fp);
		return NULL;
	}
	/* Every match of a pattern that is the old one and more starts
	   where the old one matched, when the old one cannot overlap
	   itself (its matches were then all of its places), in the same
	   folded text. */
	if (fw != ft || fq.len >= fp.len || memcmp(fq.s, fp.s, fq.len) != 0 ||
	    has_border(fq.s, fq.len)) {
		fold_free(&fp);
		fold_free(&fq);
		return NULL;
	}
	for (i = 0; i < nprev; i++) {
		fi = fold_index(ft, prev[i].start);
		if (fi + fp.len > ft->len ||
		    memcmp(ft->s + fi, fp.s, fp.len) != 0)
			continue;
		fold_range_from(ft, fi, fi + fp.len, &start, &end, &hint);
		if (*n > 0 && start < hits[*n - 1].end)
			continue;	/* as search_in: not overlapping */
		hits = xgrow(hits, &cap, *n + 1, sizeof(*hits));
		hits[*n].start = start;
		hits[*n].end = end;
		(*n)++;
	}
	*refined = 1;
	fold_free(&fp);
	fold_free(&fq);
	return hits;
}

struct search_hit *
search_doc(const struct doc *d, const char *pattern, size_t *n)
{
	struct search_text	*t = search_text_new(d);
	struct search_hit	*hits = search_in(t, pattern, n);

	search_text_free(t);
	return hits;
}
