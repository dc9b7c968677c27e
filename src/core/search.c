/*
 * search.c: plain-text search with smart case.
 *
 * The text is folded code point by code point (uc_tolower keeps one code
 * point for one), with a map from each folded byte back to the offset of
 * its code point in the text, so a match in the folded copy is a byte
 * range of the text.  UTF-8 being self-synchronizing, a byte match of a
 * valid pattern starts and ends on code point boundaries.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "diptych/doc.h"
#include "diptych/search.h"
#include "diptych/util.h"

/* Fold s[0..n) (lowercase when fold); *map gets n' + 1 offsets. */
static char *
fold_text(const char *s, size_t n, int fold, size_t **map, size_t *outlen)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + n;
	char		*out = xmalloc(n * 4 + 1);
	size_t		*m = xmalloc((n * 4 + 1) * sizeof(*m));
	size_t		 o = 0;
	ucs4_t		 uc;
	int		 len, k, w;

	while (p < end) {
		len = u8_mbtouc(&uc, p, (size_t)(end - p));
		if (fold)
			uc = uc_tolower(uc);
		w = u8_uctomb((uint8_t *)out + o, uc, 6);
		if (w < 0)
			w = 0;
		for (k = 0; k < w; k++)
			m[o + (size_t)k] = (size_t)(p - (const uint8_t *)s);
		o += (size_t)w;
		p += len;
	}
	m[o] = n;
	out[o] = '\0';
	*map = m;
	*outlen = o;
	return out;
}

static int
has_upper(const char *s, size_t n)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + n;
	ucs4_t		 uc;

	while (p < end) {
		p += u8_mbtouc(&uc, p, (size_t)(end - p));
		if (uc_is_upper(uc))
			return 1;
	}
	return 0;
}

struct search_hit *
search_doc(const struct doc *d, const char *pattern, size_t *n)
{
	struct search_hit *hits = NULL;
	size_t		 tlen, plen, flen, fplen, cap = 0, *map, *pmap;
	const char	*text = doc_text(d, &tlen), *at;
	uint8_t		*nfc;
	char		*ft, *fp;
	int		 fold;

	*n = 0;
	if (pattern == NULL || *pattern == '\0' ||
	    u8_check((const uint8_t *)pattern, strlen(pattern)) != NULL)
		return NULL;
	plen = 0;
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)pattern,
	    strlen(pattern), NULL, &plen);
	if (nfc == NULL)
		return NULL;
	fold = !has_upper((const char *)nfc, plen);
	ft = fold_text(text, tlen, fold, &map, &flen);
	fp = fold_text((const char *)nfc, plen, fold, &pmap, &fplen);
	free(nfc);
	free(pmap);
	for (at = ft; fplen > 0 && (size_t)(at - ft) + fplen <= flen &&
	    (at = memmem(at, flen - (size_t)(at - ft), fp, fplen)) != NULL;
	    at += fplen) {
		size_t fs = (size_t)(at - ft);

		hits = xgrow(hits, &cap, *n + 1, sizeof(*hits));
		hits[*n].start = map[fs];
		hits[*n].end = map[fs + fplen];
		(*n)++;
	}
	free(ft);
	free(fp);
	free(map);
	return hits;
}
