/*
 * anchor.c: the selectors of a passage, and finding the passage again.
 *
 * A struct anchor owns its strings and holds numbers only: it does not
 * point into a document, so it outlives the text it was made on.  exact
 * is the bytes of the passage; prefix and suffix are up to
 * ANCHOR_CONTEXT code points around it, fewer only where the text
 * starts or ends (so a short side says "the text's edge is here");
 * start and end count code points of the text, as the W3C
 * TextPositionSelector does.  anchor_make puts both edges on grapheme
 * cluster boundaries.
 *
 * anchor_find tries, in this order, and the first that holds wins:
 *
 *  1. The position: the code points [start, end) of the text are still
 *     the quote, and its edges are cluster edges: EXACT.  (A text hash
 *     equal to the anchor's says nothing more: the text is verified.)
 *  2. The quote, byte for byte, elsewhere.  Each occurrence on cluster
 *     edges scores the code points it shares with the end of the prefix
 *     and the start of the suffix, one more for a text edge where the
 *     anchor had one; the best score wins, then the nearest to the old
 *     position, then the first: MOVED.
 *  3. An approximate match, on text and quote folded alike (fold.h,
 *     FOLD_CASE) and counted in code points, with at most k = m / 10
 *     edits for a quote of m code points (90% similar):
 *     - Myers' bit-parallel algorithm, in Hyyrö's blocks of 64 rows,
 *       gives for every end in the text the fewest edits of the quote
 *       ending there (any start): O(n ceil(m / 64)), which is O(n k) or
 *       better.  Runs of ends with at most k edits are the candidate
 *       regions.  The prefix (read forwards) and the suffix (read
 *       backwards) are scanned the same way, so that each place in the
 *       text knows the edits of the context before or after it.
 *     - In each region, fewest edits first, at most MAX_REGIONS and
 *       only while one can still beat the best so far, a DP picks the
 *       start and end that minimize the quote's edits plus
 *       CONTEXT_WEIGHT times the context's: an edit inside a passage
 *       leaves its context alone, and the context then pins the edges.
 *       The DP is banded to the diagonals that the paths worth having
 *       can reach (kk <= k edits, see align_region), over at most
 *       2 kk + 1 ends: O(m kk).
 *     - A candidate is accepted only when the prefix or the suffix is
 *       at least 75% the same: FUZZY.  The text's start and end are the
 *       code point EDGE, which a side cut at an edge ends with and
 *       which matches nothing else; a side not known (NULL, from an
 *       import) is no evidence.
 *  4. ORPHAN, and the caller's range is left as it was.
 *
 * Invariants: a found range is inside the text, start <= end, and both
 * edges are grapheme cluster boundaries (u8_grapheme_breaks) or the
 * text's ends.  Steps 1 and 2 allocate only NFC copies of the anchor's
 * strings and KMP's table; step 3 O(n + m ceil(m / 64) + m kk).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>

#include "diptych/anchor.h"
#include "diptych/doc.h"
#include "diptych/fold.h"
#include "diptych/util.h"

#define EDGE		((ucs4_t)0xffffffff)	/* the text's start or end */
#define WORD		64	/* bits in a block of pattern rows */
#define NONE		((size_t)-1)
#define MAX_REGIONS	16	/* candidate regions looked at closely */
#define CONTEXT_WEIGHT	2	/* an edit in the context, in quote edits */
#define BREAK_WINDOW	4096	/* bytes looked back for a cluster's start */

/* The anchor's strings in NFC; prefix or suffix NULL when unknown. */
struct target {
	uint8_t		*exact, *prefix, *suffix;
	size_t		 elen, plen, slen;
	int		 pedge, sedge;	/* side cut at the text's edge */
};

/* A sequence of code points. */
struct cps {
	ucs4_t		*c;
	size_t		 n;
};

/* Myers' pattern: for each of its code points, where it is. */
struct myers {
	size_t		 m, nb;		/* length, blocks of WORD rows */
	ucs4_t		*cps;		/* its distinct code points, sorted */
	size_t		 ncps;
	uint64_t	*eq;		/* ncps rows of nb words: bit i of
					   row r is set when p[i] == cps[r] */
	size_t		 ascii[128];	/* row of an ASCII code point, or NONE */
};

/* What step 3 works on; t[-1] and t[n] are EDGE. */
struct fuzzy {
	const ucs4_t	*t;
	size_t		 n;
	const ucs4_t	*p;		/* the folded quote */
	size_t		 m, k;
	size_t		*pre;		/* pre[i]: edits of the prefix ending
					   at i, i = 0..n */
	size_t		*suf;		/* suf[j]: of the suffix from j */
	size_t		 npre, nsuf;	/* sides' lengths, EDGE included */
	const size_t	*ends;		/* ends[j]: fewest edits of the quote
					   ending at j, j = 0..n */
	size_t		 old;		/* where it ended, in code points */
};

/* A run of ends with at most k edits. */
struct region {
	size_t		 lo, hi;	/* ends, in code points of the fold */
	size_t		 best;		/* fewest edits in the run */
	size_t		 dist;		/* from the old end, of the nearest
					   end with that many */
};

/* A place found by step 3. */
struct cand {
	size_t		 i, j;		/* code points of the fold */
	size_t		 q, cp, cs;	/* edits: quote, prefix, suffix */
	size_t		 total;
};

/* One cell of the banded DP. */
struct cell {
	size_t		 total;		/* SIZE_MAX: unreachable */
	size_t		 q;
	size_t		 start;
};

uint64_t
anchor_text_hash(const struct doc *d)
{
	size_t		 n, i;
	const uint8_t	*t = (const uint8_t *)doc_text(d, &n);
	uint64_t	 h = 0xcbf29ce484222325ULL;

	for (i = 0; i < n; i++) {
		h ^= t[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/*
 * Whether o is a grapheme cluster boundary of t[0..n): the text's ends,
 * or where u8_grapheme_breaks (UAX #29 in full: emoji ZWJ sequences and
 * flag pairs stay whole, which the pairwise uc_is_grapheme_break does
 * not see) starts a cluster.  The rules look back only so far as a line
 * feed, after which a cluster always starts (GB4), so the breaks are
 * computed from there, or from BREAK_WINDOW bytes back at most.
 */
static int
is_edge(const uint8_t *t, size_t n, size_t o)
{
	char		 buf[256], *p;
	const uint8_t	*q;
	size_t		 from, to;
	ucs4_t		 uc;
	int		 r;

	if (o == 0 || o >= n)
		return o <= n;
	if (t[o - 1] == '\n' || (t[o - 1] < 0x80 && t[o] < 0x80))
		return 1;	/* GB4, GB999: no CR in a document */
	if ((t[o] & 0xc0) == 0x80)
		return 0;	/* inside a code point */
	for (from = o; from > 0 && o - from < BREAK_WINDOW &&
	    t[from - 1] != '\n'; from = (size_t)(q - t))
		if ((q = u8_prev(&uc, t + from, t)) == NULL)
			break;
	to = o + (size_t)u8_mbtouc(&uc, t + o, n - o);
	p = to - from <= sizeof(buf) ? buf : xmalloc(to - from);
	u8_grapheme_breaks(t + from, to - from, p);
	r = p[o - from];
	if (p != buf)
		free(p);
	return r;
}

/* The boundary at or before o. */
static size_t
edge_before(const uint8_t *t, size_t n, size_t o)
{
	while (o > 0 && !is_edge(t, n, o))
		o--;
	return o;
}

/* The boundary at or after o. */
static size_t
edge_after(const uint8_t *t, size_t n, size_t o)
{
	while (o < n && !is_edge(t, n, o))
		o++;
	return o;
}

/* The byte offset of code point cp of t[0..n), or NONE past the end. */
static size_t
cp_offset(const uint8_t *t, size_t n, size_t from, size_t cp)
{
	ucs4_t		 uc;

	for (; cp > 0 && from < n; cp--)
		from += (size_t)u8_mbtouc(&uc, t + from, n - from);
	return cp > 0 ? NONE : from;
}

/* The offset n code points before o in t (or 0). */
static size_t
back_cps(const uint8_t *t, size_t o, size_t n)
{
	const uint8_t	*p = t + o;
	ucs4_t		 uc;

	while (n-- > 0 && p > t && (p = u8_prev(&uc, p, t)) != NULL)
		continue;
	return p != NULL ? (size_t)(p - t) : 0;
}

void
anchor_make(struct anchor *a, const struct doc *d, size_t start,
    size_t end)
{
	size_t		 n, p, s;
	const char	*text = doc_text(d, &n);
	const uint8_t	*t = (const uint8_t *)text;

	if (start > n)
		start = n;
	if (end > n)
		end = n;
	if (end < start)
		end = start;
	if (start == end)
		start = end = edge_before(t, n, start);
	else {
		start = edge_before(t, n, start);
		end = edge_after(t, n, end);
	}
	p = back_cps(t, start, ANCHOR_CONTEXT);
	s = cp_offset(t, n, end, ANCHOR_CONTEXT);
	if (s == NONE)
		s = n;
	a->doc_id = xstrdup(anchor_doc_id(d));
	a->exact = xstrndup(text + start, end - start);
	a->prefix = xstrndup(text + p, start - p);
	a->suffix = xstrndup(text + end, s - end);
	a->start = u8_mbsnlen(t, start);
	a->end = a->start + u8_mbsnlen(t + start, end - start);
	a->hash = anchor_text_hash(d);
}

static char *
strdup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

const char *
anchor_doc_id(const struct doc *d)
{
	const char *id = doc_meta(d, "id");

	return id != NULL && *id != '\0' ? id : doc_short_title(d);
}

void
anchor_copy(struct anchor *copy, const struct anchor *a)
{
	copy->doc_id = strdup_or_null(a->doc_id);
	copy->exact = strdup_or_null(a->exact);
	copy->prefix = strdup_or_null(a->prefix);
	copy->suffix = strdup_or_null(a->suffix);
	copy->start = a->start;
	copy->end = a->end;
	copy->hash = a->hash;
}

void
anchor_free(struct anchor *a)
{
	free(a->doc_id);
	free(a->exact);
	free(a->prefix);
	free(a->suffix);
	memset(a, 0, sizeof(*a));
}

const char *
anchor_state_name(enum anchor_state s)
{
	static const char *const names[] = {
		[ANCHOR_EXACT] = "exact",
		[ANCHOR_MOVED] = "moved",
		[ANCHOR_FUZZY] = "fuzzy",
		[ANCHOR_ORPHAN] = "orphan",
	};

	return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] :
	    "orphan";
}

/*
 * A NUL-terminated NFC copy of s in *len bytes, or NULL when s is NULL
 * or not UTF-8.  The caller frees it.
 */
static uint8_t *
nfc(const char *s, size_t *len)
{
	size_t		 n;
	uint8_t		*r;

	*len = 0;
	if (s == NULL)
		return NULL;
	n = strlen(s);
	if (u8_check((const uint8_t *)s, n) != NULL)
		return NULL;
	if ((r = (uint8_t *)util_nfc(s, n, len)) != NULL)
		return r;
	/* In NFC already (or out of memory in libunistring): s. */
	*len = n;
	return (uint8_t *)xstrdup(s);
}

static void
target_init(struct target *g, const struct anchor *a)
{
	g->exact = nfc(a->exact != NULL ? a->exact : "", &g->elen);
	g->prefix = nfc(a->prefix, &g->plen);
	g->suffix = nfc(a->suffix, &g->slen);
	/* Fewer code points than asked for: the text's edge was there. */
	g->pedge = g->prefix != NULL &&
	    u8_mbsnlen(g->prefix, g->plen) < ANCHOR_CONTEXT;
	g->sedge = g->suffix != NULL &&
	    u8_mbsnlen(g->suffix, g->slen) < ANCHOR_CONTEXT;
}

static void
target_free(struct target *g)
{
	free(g->exact);
	free(g->prefix);
	free(g->suffix);
}

/* Whether s[0..n) is only white space (or nothing). */
static int
blank(const uint8_t *s, size_t n)
{
	const uint8_t	*p = s, *end = s + n;
	ucs4_t		 uc;

	while (p < end) {
		p += u8_mbtouc(&uc, p, (size_t)(end - p));
		if (!uc_is_property_white_space(uc))
			return 0;
	}
	return 1;
}

/* Step 1: whether the quote is still at a's code points. */
static int
at_position(const struct anchor *a, const struct doc *d, const uint8_t *t,
    size_t n, const struct target *g, size_t *start, size_t *end)
{
	size_t		 s, e;

	if (g->exact == NULL || a->start > a->end ||
	    (s = doc_cp_offset(d, a->start)) == NONE ||
	    (e = cp_offset(t, n, s, a->end - a->start)) == NONE)
		return 0;
	if (e - s != g->elen || memcmp(t + s, g->exact, g->elen) != 0 ||
	    !is_edge(t, n, s) || !is_edge(t, n, e))
		return 0;
	*start = s;
	*end = e;
	return 1;
}

/*
 * The code points that the end of p[0..plen) shares with the text before
 * o, and one more when both run out together at an edge the anchor saw.
 */
static size_t
shared_before(const uint8_t *t, size_t o, const uint8_t *p, size_t plen,
    int edge)
{
	const uint8_t	*x = t + o, *y, *x2, *y2;
	ucs4_t		 a, b;
	size_t		 k = 0;

	if (p == NULL)
		return 0;
	for (y = p + plen; x > t && y > p; k++) {
		x2 = u8_prev(&a, x, t);
		y2 = u8_prev(&b, y, p);
		if (x2 == NULL || y2 == NULL || a != b)
			break;
		x = x2;
		y = y2;
	}
	return k + (edge && x == t && y == p);
}

/* The same for the start of s[0..slen) and the text from o on. */
static size_t
shared_after(const uint8_t *t, size_t n, size_t o, const uint8_t *s,
    size_t slen, int edge)
{
	size_t		 i = 0, k = 0;
	ucs4_t		 a, b;
	int		 la, lb;

	if (s == NULL)
		return 0;
	while (o < n && i < slen) {
		la = u8_mbtouc(&a, t + o, n - o);
		lb = u8_mbtouc(&b, s + i, slen - i);
		if (a != b)
			break;
		o += (size_t)la;
		i += (size_t)lb;
		k++;
	}
	return k + (edge && o == n && i == slen);
}

/*
 * Step 2: the quote, byte for byte, anywhere; ranked by context.  The
 * occurrences, overlapping ones too, come from Knuth-Morris-Pratt:
 * O(n + m) however periodic the text.
 */
static int
find_exact(const struct anchor *a, const uint8_t *t, size_t n,
    const struct target *g, size_t *start, size_t *end)
{
	const uint8_t	*p = g->exact;
	size_t		 m = g->elen, *fail, i, k, o, pos = 0, cp = 0;
	size_t		 score, dist, bscore = 0, bdist = 0, best = NONE;

	/* fail[i]: the longest proper border of p[0..i]. */
	fail = xmalloc(m * sizeof(*fail));
	fail[0] = 0;
	for (i = 1, k = 0; i < m; i++) {
		while (k > 0 && p[i] != p[k])
			k = fail[k - 1];
		if (p[i] == p[k])
			k++;
		fail[i] = k;
	}
	for (i = 0, k = 0; i < n; i++) {
		while (k > 0 && t[i] != p[k])
			k = fail[k - 1];
		if (t[i] == p[k])
			k++;
		if (k < m)
			continue;
		k = fail[m - 1];
		o = i + 1 - m;
		if (!is_edge(t, n, o) || !is_edge(t, n, o + m))
			continue;
		cp += u8_mbsnlen(t + pos, o - pos);
		pos = o;
		score = shared_before(t, o, g->prefix, g->plen, g->pedge) +
		    shared_after(t, n, o + m, g->suffix, g->slen, g->sedge);
		dist = cp > a->start ? cp - a->start : a->start - cp;
		if (best == NONE || score > bscore ||
		    (score == bscore && dist < bdist)) {
			best = o;
			bscore = score;
			bdist = dist;
		}
	}
	free(fail);
	if (best == NONE)
		return 0;
	*start = best;
	*end = best + m;
	return 1;
}

/*
 * The folded code points of s[0..len), with EDGE first when before is
 * set and last when after is; NFC is the caller's.  *at, when asked
 * for, gets for each code point (and one past the last) its offset in
 * the folded text f, which the caller frees with fold_free.
 */
static void
fold_cps(const uint8_t *s, size_t len, int before, int after,
    struct cps *out, struct fold *f, size_t **at)
{
	struct fold	 own;
	const uint8_t	*p, *end;
	size_t		 n = 0;

	if (f == NULL)
		f = &own;
	fold_text(f, (const char *)s, len, FOLD_CASE);
	out->c = xmalloc((f->len + 2) * sizeof(*out->c));
	if (at != NULL)
		*at = xmalloc((f->len + 1) * sizeof(**at));
	if (before)
		out->c[n++] = EDGE;
	for (p = (const uint8_t *)f->s, end = p + f->len; p < end; n++) {
		if (at != NULL)
			(*at)[n - (before != 0)] = (size_t)(p -
			    (const uint8_t *)f->s);
		p += u8_mbtouc(&out->c[n], p, (size_t)(end - p));
	}
	if (at != NULL)
		(*at)[n - (before != 0)] = f->len;
	if (after)
		out->c[n++] = EDGE;
	out->n = n;
	if (f == &own)
		fold_free(&own);
}

static void
reverse(ucs4_t *c, size_t n)
{
	size_t		 i;
	ucs4_t		 x;

	for (i = 0; i < n / 2; i++) {
		x = c[i];
		c[i] = c[n - 1 - i];
		c[n - 1 - i] = x;
	}
}

static int
cmp_ucs4(const void *a, const void *b)
{
	ucs4_t		 x = *(const ucs4_t *)a, y = *(const ucs4_t *)b;

	return x < y ? -1 : x > y;
}

static void
myers_init(struct myers *my, const ucs4_t *p, size_t m)
{
	size_t		 i, r, lo, hi, mid;

	my->m = m;
	my->nb = (m + WORD - 1) / WORD;
	my->cps = xmalloc((m + 1) * sizeof(*my->cps));
	memcpy(my->cps, p, m * sizeof(*p));
	qsort(my->cps, m, sizeof(*my->cps), cmp_ucs4);
	for (i = my->ncps = 0; i < m; i++)
		if (my->ncps == 0 || my->cps[my->ncps - 1] != my->cps[i])
			my->cps[my->ncps++] = my->cps[i];
	my->eq = xcalloc(my->ncps * my->nb + 1, sizeof(*my->eq));
	for (i = 0; i < 128; i++)
		my->ascii[i] = NONE;
	for (i = 0; i < m; i++) {
		for (lo = 0, hi = my->ncps; lo < hi; )
			if (my->cps[mid = lo + (hi - lo) / 2] < p[i])
				lo = mid + 1;
			else
				hi = mid;
		r = lo;
		my->eq[r * my->nb + i / WORD] |= (uint64_t)1 << (i % WORD);
		if (p[i] < 128)
			my->ascii[p[i]] = r;
	}
}

static void
myers_free(struct myers *my)
{
	free(my->cps);
	free(my->eq);
}

/* The blocks of c in the pattern, or NULL when it is not there. */
static const uint64_t *
myers_eq(const struct myers *my, ucs4_t c)
{
	size_t		 lo = 0, hi = my->ncps, mid;

	if (c < 128)
		return my->ascii[c] == NONE ? NULL :
		    my->eq + my->ascii[c] * my->nb;
	while (lo < hi)
		if (my->cps[mid = lo + (hi - lo) / 2] < c)
			lo = mid + 1;
		else
			hi = mid;
	return lo < my->ncps && my->cps[lo] == c ? my->eq + lo * my->nb :
	    NULL;
}

/*
 * score[j], j = 0..n: the fewest edits that turn the pattern into some
 * t[s..j) (Sellers: any start).  Myers' vertical deltas, a block of
 * WORD pattern rows per word, each block passing its bottom row's
 * horizontal delta to the next; the last block reads the delta of row
 * m, whatever the padding rows under it do (they feed only rows below).
 */
static void
myers_scan(const struct myers *my, const ucs4_t *t, size_t n,
    size_t *score)
{
	uint64_t	*pv, *mv, e, x, xh, ph, mh, v, w;
	const uint64_t	*eq;
	size_t		 j, b, nb = my->nb, s = my->m;
	unsigned	 top, last;
	int		 hin, hout;

	score[0] = s;
	if (my->m == 0) {
		for (j = 1; j <= n; j++)
			score[j] = 0;
		return;
	}
	pv = xmalloc(nb * sizeof(*pv));
	mv = xcalloc(nb, sizeof(*mv));
	memset(pv, 0xff, nb * sizeof(*pv));
	last = (unsigned)((my->m - 1) % WORD);
	for (j = 0; j < n; j++) {
		eq = myers_eq(my, t[j]);
		hin = 0;
		for (b = 0; b < nb; b++) {
			e = eq != NULL ? eq[b] : 0;
			v = pv[b];
			w = mv[b];
			top = b + 1 == nb ? last : WORD - 1;
			x = e | w;
			if (hin < 0)
				e |= 1;
			xh = (((e & v) + v) ^ v) | e;
			ph = w | ~(xh | v);
			mh = v & xh;
			hout = (int)(ph >> top & 1) - (int)(mh >> top & 1);
			ph <<= 1;
			mh <<= 1;
			if (hin < 0)
				mh |= 1;
			else if (hin > 0)
				ph |= 1;
			pv[b] = mh | ~(x | ph);
			mv[b] = ph & x;
			hin = hout;
		}
		if (hin > 0)
			s++;
		else if (hin < 0)
			s--;
		score[j + 1] = s;
	}
	free(pv);
	free(mv);
}

/* Whether a side of e edits out of len is at least 75% the same. */
static int
side_holds(size_t e, size_t len)
{
	return len > 0 && e * 4 <= len;
}

/* How far the end j is from the old end. */
static size_t
away(const struct fuzzy *fz, size_t j)
{
	return j > fz->old ? j - fz->old : fz->old - j;
}

/*
 * Whether a cell of (total, q) beats x: by total then q, or, when
 * by_edits, by q then total.
 */
static int
cell_better(const struct cell *x, size_t total, size_t q, int by_edits)
{
	if (x->total == SIZE_MAX)
		return 1;
	if (by_edits && q != x->q)
		return q < x->q;
	return total < x->total || (total == x->total && q < x->q);
}

/*
 * One DP over the ends [lo, hi], on diagonals d = c - r (text minus
 * quote code points) in [lo - m - kk, hi - m + kk]: all that an
 * alignment with at most kk edits ending there can touch.  Row 0 starts
 * anywhere, at the cost of the prefix before it; the suffix's cost is
 * added at the end.  Each cell keeps one path: the cheapest by total
 * (quote edits plus CONTEXT_WEIGHT times context edits), or, when
 * by_edits, the one with the fewest quote edits, paths past kk edits
 * cut.  Returns 1 with *out, the best with at most k edits, or 0.
 */
static int
align_pass(const struct fuzzy *fz, size_t lo, size_t hi, size_t kk,
    int by_edits, struct cand *out)
{
	ptrdiff_t	 dlo, dhi, d, c, width;
	struct cell	*prev, *cur, *sw, *x, *y;
	size_t		 r, cost, t, w = CONTEXT_WEIGHT;
	int		 found = 0, alive = 1;

	dlo = (ptrdiff_t)lo - (ptrdiff_t)fz->m - (ptrdiff_t)kk;
	dhi = (ptrdiff_t)hi - (ptrdiff_t)fz->m + (ptrdiff_t)kk;
	width = dhi - dlo + 1;
	prev = xmalloc((size_t)width * sizeof(*prev));
	cur = xmalloc((size_t)width * sizeof(*cur));
	for (d = dlo; d <= dhi; d++) {
		x = &prev[d - dlo];
		x->total = SIZE_MAX;
		if (d >= 0 && (size_t)d <= fz->n) {
			x->total = w * fz->pre[d];
			x->q = 0;
			x->start = (size_t)d;
		}
	}
	for (r = 1; r <= fz->m && alive; r++) {
		alive = 0;
		for (d = dlo; d <= dhi; d++) {
			x = &cur[d - dlo];
			x->total = SIZE_MAX;
			c = (ptrdiff_t)r + d;
			if (c < 0 || (size_t)c > fz->n)
				continue;
			/* Match or substitute: from (r - 1, c - 1). */
			y = &prev[d - dlo];
			if (c >= 1 && y->total != SIZE_MAX) {
				cost = fz->p[r - 1] != fz->t[c - 1];
				*x = *y;
				x->total += cost;
				x->q += cost;
			}
			/* A quote code point gone: from (r - 1, c). */
			y = &prev[d + 1 - dlo];
			if (d < dhi && y->total != SIZE_MAX &&
			    cell_better(x, y->total + 1, y->q + 1, by_edits)) {
				*x = *y;
				x->total++;
				x->q++;
			}
			/* A text code point added: from (r, c - 1). */
			y = &cur[d - 1 - dlo];
			if (d > dlo && c >= 1 && y->total != SIZE_MAX &&
			    cell_better(x, y->total + 1, y->q + 1, by_edits)) {
				*x = *y;
				x->total++;
				x->q++;
			}
			if (by_edits && x->total != SIZE_MAX && x->q > kk)
				x->total = SIZE_MAX;
			alive |= x->total != SIZE_MAX;
		}
		sw = prev;
		prev = cur;
		cur = sw;
	}
	for (d = dlo; alive && d <= dhi; d++) {
		x = &prev[d - dlo];
		c = (ptrdiff_t)fz->m + d;
		if (x->total == SIZE_MAX || x->q > fz->k ||
		    c < (ptrdiff_t)lo || c > (ptrdiff_t)hi)
			continue;
		t = x->total + w * fz->suf[c];
		if (!found || (by_edits ? x->q < out->q || (x->q == out->q &&
		    t < out->total) : t < out->total || (t == out->total &&
		    x->q < out->q)) || (t == out->total && x->q == out->q &&
		    away(fz, (size_t)c) < away(fz, out->j))) {
			out->i = x->start;
			out->j = (size_t)c;
			out->q = x->q;
			out->cp = fz->pre[x->start];
			out->cs = fz->suf[c];
			out->total = t;
			found = 1;
		}
	}
	free(prev);
	free(cur);
	return found;
}

/*
 * Narrow the ends [*lo, *hi] to those with at most kk edits, and to
 * the 2 kk + 1 around the one with fewest edits nearest the old end.
 * In a text that does not repeat itself, a run of ends with at most kk
 * edits is no wider than that (the edits fall by one an end to the
 * best and rise by one after it); in one that does, the DP stays
 * O(m kk) however long the run.
 */
static void
narrow(const struct fuzzy *fz, size_t *lo, size_t *hi, size_t kk)
{
	size_t		 j, best = *lo;

	while (fz->ends[*lo] > kk)
		(*lo)++;
	while (fz->ends[*hi] > kk)
		(*hi)--;
	if (*hi - *lo <= 2 * kk)
		return;
	for (j = *lo; j <= *hi; j++)
		if (fz->ends[j] < fz->ends[best] || (fz->ends[j] ==
		    fz->ends[best] && away(fz, j) < away(fz, best)))
			best = j;
	if (best - *lo > kk)
		*lo = best - kk;
	if (*hi - best > kk)
		*hi = best + kk;
}

/*
 * The best alignment in a region with at most k quote edits: the
 * cheapest by total when that one keeps to k edits (as it does when an
 * edit inside the passage leaves its context alone), else the one with
 * the fewest edits.  Returns 1 with *out, or 0.
 *
 * Neither pass needs the whole band of k edits.  The path of fewest
 * edits has r->best of them; the cheapest path costs at most its total,
 * r->best plus the context's edits, which are at most the sides'
 * lengths: so no path to consider has more quote edits than that.
 */
static int
align_region(const struct fuzzy *fz, const struct region *r,
    struct cand *out)
{
	struct cand	 c;
	size_t		 kk, lo = r->lo, hi = r->hi;

	kk = r->best + CONTEXT_WEIGHT * (fz->npre + fz->nsuf);
	if (kk > fz->k)
		kk = fz->k;
	narrow(fz, &lo, &hi, kk);
	if (align_pass(fz, lo, hi, kk, 0, &c) && c.q <= fz->k) {
		*out = c;
		return 1;
	}
	lo = r->lo;
	hi = r->hi;
	narrow(fz, &lo, &hi, r->best);
	return align_pass(fz, lo, hi, r->best, 1, out);
}

static int
cmp_region(const void *a, const void *b)
{
	const struct region *x = a, *y = b;

	if (x->best != y->best)
		return x->best < y->best ? -1 : 1;
	if (x->dist != y->dist)
		return x->dist < y->dist ? -1 : 1;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/*
 * The edits of a side s (folded, with EDGE at its far end when it was
 * cut there) next to each place of the text u (with EDGE at both ends,
 * nu code points): out[i], i = 0..nu - 2, for a quote starting (prefix)
 * or ending (suffix, read backwards) at text code point i.  Returns the
 * side's length.
 */
static size_t
side_scores(const uint8_t *s, size_t len, int edge, int backwards,
    const ucs4_t *u, size_t nu, size_t *out)
{
	struct cps	 p;
	struct myers	 my;
	size_t		*score, i, n = nu - 2, plen;

	if (s == NULL) {
		/* Unknown: no evidence anywhere. */
		for (i = 0; i <= n; i++)
			out[i] = 0;
		return 0;
	}
	fold_cps(s, len, edge && !backwards, edge && backwards, &p, NULL,
	    NULL);
	if (backwards)
		reverse(p.c, p.n);
	myers_init(&my, p.c, p.n);
	score = xmalloc((nu + 1) * sizeof(*score));
	myers_scan(&my, u, nu, score);
	/* u[0] is EDGE: text code point i is u[i + 1]. */
	for (i = 0; i <= n; i++)
		out[i] = score[backwards ? n + 1 - i : i + 1];
	plen = p.n;
	free(score);
	myers_free(&my);
	free(p.c);
	return plen;
}

/* Step 3: a close match of the folded quote, held by its context. */
static int
find_fuzzy(const struct anchor *a, const uint8_t *t, size_t n,
    const struct target *g, size_t *start, size_t *end)
{
	struct fold	 ft;
	struct cps	 u, ur, q;
	struct myers	 my;
	struct fuzzy	 fz;
	struct region	*reg = NULL;
	struct cand	 c = { 0, 0, 0, 0, 0, 0 }, best = c;
	size_t		*at, *score, nreg = 0, cap = 0, j, i, old, s, e;
	size_t		 bdist = 0, dist, cpos, lo, hi, mid;
	int		 found = 0;

	fold_cps(g->exact, g->elen, 0, 0, &q, NULL, NULL);
	if (q.n == 0) {
		free(q.c);
		return 0;
	}
	fold_cps(t, n, 1, 1, &u, &ft, &at);
	fz.t = u.c + 1;
	fz.n = u.n - 2;
	fz.p = q.c;
	fz.m = q.n;
	fz.k = q.n / 10;

	/* Every end with at most k edits, in runs. */
	myers_init(&my, q.c, q.n);
	score = xmalloc((fz.n + 1) * sizeof(*score));
	myers_scan(&my, fz.t, fz.n, score);
	myers_free(&my);
	fz.ends = score;
	/* The old end, in code points of the fold: the first at or past
	   it in the text. */
	old = cp_offset(t, n, 0, a->end);
	if (old == NONE)
		old = n;
	for (lo = 0, hi = fz.n; lo < hi; )
		if (fold_source(&ft, at[mid = lo + (hi - lo) / 2]) < old)
			lo = mid + 1;
		else
			hi = mid;
	fz.old = lo;
	for (j = 1; j <= fz.n; j++) {
		if (score[j] > fz.k)
			continue;
		if (nreg == 0 || reg[nreg - 1].hi + 1 != j) {
			reg = xgrow(reg, &cap, nreg + 1, sizeof(*reg));
			reg[nreg].lo = j;
			reg[nreg].best = score[j];
			reg[nreg].dist = SIZE_MAX;
			nreg++;
		}
		reg[nreg - 1].hi = j;
		if (score[j] < reg[nreg - 1].best)
			reg[nreg - 1].dist = SIZE_MAX;
		if (score[j] <= reg[nreg - 1].best) {
			reg[nreg - 1].best = score[j];
			if (away(&fz, j) < reg[nreg - 1].dist)
				reg[nreg - 1].dist = away(&fz, j);
		}
	}
	if (nreg == 0)
		goto done;
	qsort(reg, nreg, sizeof(*reg), cmp_region);
	if (nreg > MAX_REGIONS)
		nreg = MAX_REGIONS;

	/* The context's edits before and after each place. */
	ur.n = u.n;
	ur.c = xmalloc(u.n * sizeof(*ur.c));
	memcpy(ur.c, u.c, u.n * sizeof(*ur.c));
	reverse(ur.c, ur.n);
	fz.pre = xmalloc((fz.n + 1) * sizeof(*fz.pre));
	fz.suf = xmalloc((fz.n + 1) * sizeof(*fz.suf));
	fz.npre = side_scores(g->prefix, g->plen, g->pedge, 0, u.c, u.n,
	    fz.pre);
	fz.nsuf = side_scores(g->suffix, g->slen, g->sedge, 1, ur.c, ur.n,
	    fz.suf);
	free(ur.c);

	/* In order of fewest edits: a region whose best has more than the
	   total of one accepted cannot beat it. */
	for (i = 0; i < nreg && !(found && reg[i].best > best.total); i++) {
		if (!align_region(&fz, &reg[i], &c))
			continue;
		if (!side_holds(c.cp, fz.npre) && !side_holds(c.cs, fz.nsuf))
			continue;
		s = fold_source(&ft, at[c.i]);
		cpos = u8_mbsnlen(t, s);
		dist = cpos > a->start ? cpos - a->start : a->start - cpos;
		if (!found || c.total < best.total || (c.total == best.total &&
		    (dist < bdist || (dist == bdist && c.i < best.i)))) {
			best = c;
			bdist = dist;
			found = 1;
		}
	}
	free(fz.pre);
	free(fz.suf);
	if (found) {
		fold_range(&ft, at[best.i], at[best.j], &s, &e);
		*start = edge_before(t, n, s);
		*end = edge_after(t, n, e);
	}
done:
	free(score);
	free(reg);
	free(at);
	free(u.c);
	free(q.c);
	fold_free(&ft);
	return found;
}

enum anchor_state
anchor_find(const struct anchor *a, const struct doc *d, size_t *start,
    size_t *end)
{
	struct target	 g;
	size_t		 n;
	const uint8_t	*t = (const uint8_t *)doc_text(d, &n);
	enum anchor_state st = ANCHOR_ORPHAN;

	target_init(&g, a);
	if (at_position(a, d, t, n, &g, start, end))
		st = ANCHOR_EXACT;
	else if (g.exact == NULL || blank(g.exact, g.elen))
		st = ANCHOR_ORPHAN;
	else if (find_exact(a, t, n, &g, start, end))
		st = ANCHOR_MOVED;
	else if (find_fuzzy(a, t, n, &g, start, end))
		st = ANCHOR_FUZZY;
	target_free(&g);
	return st;
}
