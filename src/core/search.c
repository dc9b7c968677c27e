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
	free(t);
}

struct search_hit *
search_in(struct search_text *t, const char *pattern, size_t *n)
{
	struct search_hit *hits = NULL;
	struct fold	*ft, fp;
	size_t		 tlen, plen, cap = 0, fs, start, end, hint = 0;
	const char	*text = doc_text(t->d, &tlen), *at;
	uint8_t		*nfc;
	unsigned	 flags;

	*n = 0;
	if (pattern == NULL || *pattern == '\0' ||
	    u8_check((const uint8_t *)pattern, strlen(pattern)) != NULL)
		return NULL;
	/* The text is NFC, and folding is per code point: so the pattern. */
	plen = 0;
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)pattern,
	    strlen(pattern), NULL, &plen);
	if (nfc == NULL)
		return NULL;
	flags = fold_has_upper((const char *)nfc, plen) ? 0 : FOLD_CASE;
	fold_text(&fp, (const char *)nfc, plen, flags);
	free(nfc);
	if (fp.len == 0) {
		/* Only marks: they fold to nothing, and nothing matches. */
		fold_free(&fp);
		return NULL;
	}
	ft = &t->fold[flags == FOLD_CASE];
	if (!t->made[flags == FOLD_CASE]) {
		fold_text(ft, text, tlen, flags);
		t->made[flags == FOLD_CASE] = 1;
	}
	for (at = ft->s; (size_t)(at - ft->s) + fp.len <= ft->len &&
	    (at = memmem(at, ft->len - (size_t)(at - ft->s), fp.s,
	    fp.len)) != NULL; at += fp.len) {
		fs = (size_t)(at - ft->s);
		fold_range_from(ft, fs, fs + fp.len, &start, &end, &hint);
		if (*n > 0 && start < hits[*n - 1].end)
			continue;
		hits = xgrow(hits, &cap, *n + 1, sizeof(*hits));
		hits[*n].start = start;
		hits[*n].end = end;
		(*n)++;
	}
	fold_free(&fp);
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
