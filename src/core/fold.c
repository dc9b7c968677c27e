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
 * The map back is kept by runs (struct fold_run): a run of ASCII maps
 * byte for byte, the bytes of one other code point all to its start, so
 * the map costs a few words per character beyond ASCII, not a word per
 * byte.
 *
 * Invariants: f->s[f->len] == '\0'; fold_source is nondecreasing, less
 * than the source length for i < f->len and the source length at
 * f->len; runs are in order of f, the first at 0 when len > 0; the
 * bytes of one code point are contiguous and valid UTF-8, so a folded
 * text is valid UTF-8.
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

/* Make room in f, of *cap bytes, for k more bytes. */
static void
room(struct fold *f, size_t *cap, size_t k)
{
	if (f->len + k + 1 <= *cap)
		return;
	f->s = xgrow(f->s, cap, f->len + k + 1, 1);
}

/*
 * Folded byte f->len and those after it come from source offset off:
 * byte for byte when ident, else all from the code point at off.
 */
static void
mark(struct fold *f, size_t off, int ident)
{
	struct fold_run *r = f->nrun > 0 ? &f->run[f->nrun - 1] : NULL;

	if (r != NULL && r->ident && ident && r->s + (f->len - r->f) == off)
		return;			/* the run goes on */
	f->run = xgrow(f->run, &f->runcap, f->nrun + 1, sizeof(*f->run));
	r = &f->run[f->nrun++];
	r->f = f->len;
	r->s = off;
	r->ident = ident;
}

/* Append s[0..k), produced by the code point at source offset off. */
static void
emit(struct fold *f, size_t *cap, const uint8_t *s, size_t k, size_t off)
{
	if (k == 0)
		return;
	room(f, cap, k);
	mark(f, off, 0);
	memcpy(f->s + f->len, s, k);
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
	f->len = 0;
	f->srclen = n;
	f->run = NULL;
	f->nrun = f->runcap = 0;
	while (p < end) {
		off = (size_t)(p - (const uint8_t *)s);
		if (*p < 0x80) {
			room(f, &cap, 1);
			mark(f, off, 1);
			f->s[f->len++] = (char)((flags & FOLD_CASE) &&
			    *p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
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
}

void
fold_free(struct fold *f)
{
	free(f->s);
	free(f->run);
	f->s = NULL;
	f->run = NULL;
	f->len = f->nrun = f->runcap = 0;
}

/*
 * The last run from lo on that starts at or before x: in the folded text,
 * or with by_source in the source (runs are in order of both).
 */
static size_t
last_run(const struct fold *f, size_t lo, size_t x, int by_source)
{
	size_t hi = f->nrun, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if ((by_source ? f->run[mid].s : f->run[mid].f) <= x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The source offset of folded byte i, from the run *hint (a run at or
 * before i's): a caller going through a text in order moves *hint on
 * run by run, so mapping every match of a pattern costs its runs, not a
 * search per match.
 */
static size_t
source_from(const struct fold *f, size_t i, size_t *hint)
{
	const struct fold_run	*r;
	size_t			 lo = *hint;

	if (i >= f->len)
		return f->srclen;
	if (lo >= f->nrun || f->run[lo].f > i)
		lo = 0;
	/* Runs near the hint one by one, then a binary search. */
	while (lo + 1 < f->nrun && f->run[lo + 1].f <= i && lo < *hint + 8)
		lo++;
	lo = last_run(f, lo, i, 0);
	*hint = lo;
	r = &f->run[lo];
	return r->ident ? r->s + (i - r->f) : r->s;
}

size_t
fold_index(const struct fold *f, size_t off)
{
	const struct fold_run	*r;
	size_t			 lo, end;

	if (f->nrun == 0 || off == 0)
		return 0;
	if (off >= f->srclen)
		return f->len;
	lo = last_run(f, 0, off, 1);
	r = &f->run[lo];
	end = lo + 1 < f->nrun ? f->run[lo + 1].f : f->len;
	if (r->s > off)
		return 0;
	if (r->ident)
		return r->f + (off - r->s) < end ? r->f + (off - r->s) : end;
	return off == r->s ? r->f : end;
}

size_t
fold_source(const struct fold *f, size_t i)
{
	size_t hint = 0;

	return source_from(f, i, &hint);
}

void
fold_range_from(const struct fold *f, size_t fs, size_t fe, size_t *start,
    size_t *end, size_t *hint)
{
	size_t k, last;

	assert(fs <= fe && fe <= f->len);
	*start = source_from(f, fs, hint);
	if (fs == fe) {
		*end = *start;
		return;
	}
	/* The next code point that produced a byte starts where the last
	   one matched, and the marks folded away after it, end. */
	last = source_from(f, fe - 1, hint);
	for (k = fe; source_from(f, k, hint) == last; k++)
		continue;
	*end = source_from(f, k, hint);
}

void
fold_range(const struct fold *f, size_t fs, size_t fe, size_t *start,
    size_t *end)
{
	size_t hint = 0;

	fold_range_from(f, fs, fe, start, end, &hint);
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
