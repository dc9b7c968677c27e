/*
 * fold.c: folding text code point by code point, with a map back.
 *
 * A struct fold owns the folded bytes and, for each, the source offset
 * of the code point that produced it.  One code point folds in order:
 * typographic quotes and dashes to ASCII (before decomposition, which
 * would turn ″ into two primes); NFKD; with FOLD_CASE full case
 * folding; combining marks (Mn) dropped, but for kana voicing marks
 * (が is not か) and viramas, which spell rather than accent; NFC of
 * what is left, so Hangul comes back as syllables.  ASCII, most of any
 * text, maps to itself (lowercased under FOLD_CASE) without a call into
 * libunistring, and so does a code point that no step would change.
 * The libunistring steps write into buffers on the stack; they allocate
 * only for a code point that expands past FOLD_BUF bytes.
 *
 * Invariants: f->s[f->len] == '\0'; f->map has f->len + 1 entries, is
 * nondecreasing, map[i] < the source length for i < f->len and
 * map[f->len] == the source length; the bytes of one code point are
 * contiguous and valid UTF-8, so a folded text is valid UTF-8.
 */
#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "diptych/fold.h"
#include "diptych/util.h"

#define FOLD_BUF	64	/* bytes: past the longest NFKD (U+FDFA, 33) */

/* What people type in ASCII for what typesetting prints. */
static const struct {
	ucs4_t	 uc;
	char	 c;
} typographic[] = {
	{ 0x02bc, '\'' },	/* modifier letter apostrophe */
	{ 0x2010, '-' },	/* hyphen */
	{ 0x2011, '-' },	/* non-breaking hyphen */
	{ 0x2012, '-' },	/* figure dash */
	{ 0x2013, '-' },	/* en dash */
	{ 0x2014, '-' },	/* em dash */
	{ 0x2015, '-' },	/* horizontal bar */
	{ 0x2018, '\'' },	/* left single quotation mark */
	{ 0x2019, '\'' },	/* right single quotation mark */
	{ 0x201a, '\'' },	/* single low-9 quotation mark */
	{ 0x201b, '\'' },	/* single high-reversed-9 quotation mark */
	{ 0x201c, '"' },	/* left double quotation mark */
	{ 0x201d, '"' },	/* right double quotation mark */
	{ 0x201e, '"' },	/* double low-9 quotation mark */
	{ 0x201f, '"' },	/* double high-reversed-9 quotation mark */
	{ 0x2032, '\'' },	/* prime */
	{ 0x2033, '"' },	/* double prime */
	{ 0x2212, '-' },	/* minus sign */
};

/* The ASCII stand-in of uc, or 0. */
static char
typographic_ascii(ucs4_t uc)
{
	size_t i;

	if (uc != 0x02bc && (uc < 0x2010 || uc > 0x2212))
		return 0;
	for (i = 0; i < sizeof(typographic) / sizeof(typographic[0]); i++)
		if (typographic[i].uc == uc)
			return typographic[i].c;
	return 0;
}

/* Whether folding drops uc: an accent, not a mark that spells. */
static int
drops(ucs4_t uc)
{
	int ccc;

	if (!uc_is_general_category(uc, UC_CATEGORY_Mn))
		return 0;
	ccc = uc_combining_class(uc);
	return ccc != UC_CCC_KV && ccc != UC_CCC_VR;
}

/*
 * Whether folding leaves uc as it is: it has no decomposition and no
 * case to fold, or it is a Hangul syllable, whose canonical
 * decomposition NFC undoes.
 */
static int
unchanged(ucs4_t uc, unsigned flags)
{
	ucs4_t	 d[UC_DECOMPOSITION_MAX_LENGTH];
	int	 tag;

	if (uc >= 0xac00 && uc <= 0xd7a3)
		return 1;
	return uc_decomposition(uc, &tag, d) < 0 && !((flags & FOLD_CASE) &&
	    uc_is_property_changes_when_casefolded(uc));
}

/* Make room in f, of *cap bytes and map entries, for k more bytes. */
static void
room(struct fold *f, size_t *cap, size_t k)
{
	if (f->len + k + 1 <= *cap)
		return;
	f->map = xgrow(f->map, cap, f->len + k + 1, sizeof(*f->map));
	f->s = xrealloc(f->s, *cap);
}

/* Append s[0..k), produced by the code point at source offset off. */
static void
emit(struct fold *f, size_t *cap, const uint8_t *s, size_t k, size_t off)
{
	size_t i;

	room(f, cap, k);
	memcpy(f->s + f->len, s, k);
	for (i = 0; i < k; i++)
		f->map[f->len + i] = off;
	f->len += k;
}

/*
 * Decompose, case fold, drop marks and recompose the one code point uc
 * (at source offset off) into f.
 */
static void
fold_slow(struct fold *f, size_t *cap, ucs4_t uc, size_t off,
    unsigned flags)
{
	uint8_t		 src[6], b1[FOLD_BUF], b2[FOLD_BUF];
	uint8_t		*d, *c, *r, *w;
	const uint8_t	*p, *end;
	size_t		 dlen, clen, rlen;
	ucs4_t		 u;
	int		 k;
	char		 a;

	k = u8_uctomb(src, uc, sizeof(src));
	assert(k > 0);
	dlen = sizeof(b1);
	d = u8_normalize(UNINORM_NFKD, src, (size_t)k, b1, &dlen);
	if (d == NULL) {
		/* Out of memory in libunistring: keep the code point. */
		emit(f, cap, src, (size_t)k, off);
		return;
	}
	if (flags & FOLD_CASE) {
		clen = sizeof(b2);
		c = u8_casefold(d, dlen, NULL, NULL, b2, &clen);
		if (c != NULL) {
			if (d != b1)
				free(d);
			d = c;
			dlen = clen;
		}
	}
	/* Drop the marks and map the typography, in place: never longer. */
	for (p = w = d, end = d + dlen; p < end; p += k) {
		k = u8_mbtouc(&u, p, (size_t)(end - p));
		if (drops(u))
			continue;
		if ((a = typographic_ascii(u)) != 0)
			*w++ = (uint8_t)a;
		else {
			memmove(w, p, (size_t)k);
			w += k;
		}
	}
	dlen = (size_t)(w - d);
	if (dlen > 0) {
		/* d is b1 or b2 or allocated: the result goes in the other. */
		rlen = FOLD_BUF;
		r = u8_normalize(UNINORM_NFC, d, dlen, d == b2 ? b1 : b2,
		    &rlen);
		if (r != NULL) {
			emit(f, cap, r, rlen, off);
			if (r != b1 && r != b2)
				free(r);
		} else
			emit(f, cap, d, dlen, off);
	}
	if (d != b1 && d != b2)
		free(d);
}

void
fold_text(struct fold *f, const char *s, size_t n, unsigned flags)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + n;
	size_t		 cap = n + 1, off;
	uint8_t		 b[6];
	ucs4_t		 uc;
	int		 k;
	char		 a;

	f->s = xmalloc(cap);
	f->map = xmalloc(cap * sizeof(*f->map));
	f->len = 0;
	while (p < end) {
		off = (size_t)(p - (const uint8_t *)s);
		if (*p < 0x80) {
			room(f, &cap, 1);
			f->s[f->len] = (char)((flags & FOLD_CASE) &&
			    *p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
			f->map[f->len++] = off;
			p++;
			continue;
		}
		k = u8_mbtouc(&uc, p, (size_t)(end - p));
		p += k;
		if ((a = typographic_ascii(uc)) != 0)
			emit(f, &cap, (const uint8_t *)&a, 1, off);
		else if (drops(uc))
			continue;
		else if (unchanged(uc, flags)) {
			/* Copy (U+FFFD for a bad byte). */
			k = u8_uctomb(b, uc, sizeof(b));
			emit(f, &cap, b, (size_t)k, off);
		} else
			fold_slow(f, &cap, uc, off, flags);
	}
	f->s[f->len] = '\0';
	f->map[f->len] = n;
}

void
fold_free(struct fold *f)
{
	free(f->s);
	free(f->map);
	f->s = NULL;
	f->map = NULL;
	f->len = 0;
}

void
fold_range(const struct fold *f, size_t fs, size_t fe, size_t *start,
    size_t *end)
{
	size_t k, last;

	assert(fs <= fe && fe <= f->len);
	*start = f->map[fs];
	if (fs == fe) {
		*end = *start;
		return;
	}
	/* The next code point that produced a byte starts where the last
	   one matched, and the marks folded away after it, end. */
	last = f->map[fe - 1];
	for (k = fe; f->map[k] == last; k++)
		continue;
	*end = f->map[k];
}

int
fold_has_upper(const char *s, size_t n)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + n;
	ucs4_t		 uc;

	while (p < end) {
		if (*p < 0x80) {
			if (*p >= 'A' && *p <= 'Z')
				return 1;
			p++;
			continue;
		}
		p += u8_mbtouc(&uc, p, (size_t)(end - p));
		if (uc_is_upper(uc))
			return 1;
	}
	return 0;
}
