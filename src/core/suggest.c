/*
 * suggest.c: suggested section pairs, by aligning paragraph vectors.
 *
 * Three stages, each over the data of the one before:
 *
 * 1. Units and vectors.  Each side's units are its paragraph-like
 *    blocks (struct unit), in text order.  A unit's text is folded
 *    (fold.h: case, accents, typographic quotes), cut into words by
 *    u8_wordbreaks, stop words dropped, the rest stemmed by Snowball's
 *    English stemmer; each stem is a term of one dictionary shared by
 *    both sides (struct dict).  A unit's vector (struct vec) holds its
 *    terms in increasing order with their weights, (1 + ln tf) * idf,
 *    idf = ln(1 + N / df) over the N units of both texts (never 0, so
 *    that a text of one paragraph still matches its copy); its weight
 *    in the alignment, root, is the square root of its words.
 *
 * 2. The alignment.  Left unit r and right unit c are a pair; what the
 *    pair is worth, x(r, c), is root(r) * root(c) * (cos - threshold),
 *    cos their vectors' cosine: a pair of long paragraphs counts more
 *    than a heading against a reference entry.  Cell (i, j) of the
 *    table is the best score of an alignment of the first i left units
 *    with the first j right units; a move into it skips a unit of
 *    either side (worth 0) or takes a bead: the last a left and b right
 *    units, 1 <= a, b <= POOL, worth the sum of x over its a * b pairs.
 *    Pooling neighbours so adds the pairs a block of related paragraphs
 *    has across it, where pooling an unrelated paragraph adds pairs
 *    below the threshold: the sum, unlike the cosine of summed
 *    vectors, does not grow with a bead's size for its own sake.  Only
 *    a bead's first unit may be a heading.  Row i holds the cells
 *    lo[i]..hi[i]: all of them for a small table, else a band around
 *    the diagonal.  Each row of x is summed along its columns once
 *    (make_pre), so a move costs O(1) after the loop that sums it;
 *    the move into each cell is kept for all rows (a byte), scores and
 *    sums only for the last POOL rows.
 *
 * 3. The sections, cut from the beads of the best path (suggest.h says
 *    the rule).  IDs and labels are made last, in text order.
 *
 * Invariants: lo[] and hi[] are nondecreasing and each row reaches
 * past the next one's start, so every cell of the band is reachable
 * from (0, 0) and (n, m) is in it; the beads cover every unit of both
 * sides exactly once, in order; sections are in order on each side.
 */
#include "config.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <unictype.h>
#include <unistr.h>
#include <uniwbrk.h>

#include "diptych/doc.h"
#include "diptych/fold.h"
#include "diptych/suggest.h"
#include "diptych/util.h"

/* The most units of a side in one bead. */
#define POOL		SUGGEST_POOL
#if POOL < 1 || POOL > 15
#error "a move must fit in a byte: MV_BEAD + POOL * POOL < 256"
#endif
/* Longer words (URLs, long runs of letters) are not words of the text. */
#define WORD_MAX	64

/* English stop words (folded), sorted for bsearch. */
static const char *const stop_words[] = {
	"a", "about", "above", "after", "again", "against", "all", "also",
	"am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
	"before", "being", "below", "between", "both", "but", "by", "can",
	"could", "did", "do", "does", "doing", "down", "during", "each",
	"even", "few", "for", "from", "further", "had", "has", "have",
	"having", "he", "her", "here", "hers", "herself", "him", "himself",
	"his", "how", "however", "i", "if", "in", "into", "is", "it", "its",
	"itself", "just", "may", "me", "might", "more", "most", "much",
	"must", "my", "myself", "no", "nor", "not", "now", "of", "off", "on",
	"once", "one", "only", "or", "other", "our", "ours", "ourselves",
	"out", "over", "own", "same", "shall", "she", "should", "since",
	"so", "some", "such", "than", "that", "the", "their", "theirs",
	"them", "themselves", "then", "there", "these", "they", "this",
	"those", "through", "thus", "to", "too", "under", "until", "up",
	"upon", "us", "very", "was", "we", "were", "what", "when", "where",
	"whether", "which", "while", "who", "whom", "why", "will", "with",
	"within", "would", "yet", "you", "your", "yours", "yourself",
	"yourselves",
};

/* The terms of both texts: stems, numbered in order of first sight. */
struct dict {
	struct buf	 chars;		/* each term, then a NUL */
	size_t		*off;		/* term -> its offset in chars */
	size_t		*df;		/* term -> units that hold it */
	size_t		 n, cap;
	size_t		*slot;		/* open addressing: term + 1, 0 free */
	size_t		 nslot;		/* a power of two over 2 * n */
};

/* A sparse vector: distinct terms in increasing order, their weights. */
struct vec {
	size_t		*term;
	double		*w;
	size_t		 n;
};

struct unit {
	long		 block;		/* the document's block */
	int		 heading;
	struct vec	 v;
	double		 norm;		/* |v| */
	double		 root;		/* the square root of its words */
};

struct side {
	const struct doc *d;
	struct unit	*u;
	size_t		 n, cap;
};

/* A move into a cell: MV_BEAD + (a - 1) * POOL + (b - 1) for a bead of
   a left and b right units. */
enum { MV_NONE, MV_SKIP_L, MV_SKIP_R, MV_BEAD };

struct suggest {
	struct suggest_bead	*beads;
	size_t			 nbeads, beadcap;
	struct suggest_section	*secs;
	size_t			 nsecs, seccap;
	size_t			 npaired;
	size_t			 nunits[2];
	size_t			 cells;
};

/* --- words and vectors ------------------------------------------------ */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
is_stop(const char *w, size_t n)
{
	const char	*key = w;
	char		 base[WORD_MAX + 1];

	if (bsearch(&key, stop_words, sizeof(stop_words) /
	    sizeof(stop_words[0]), sizeof(stop_words[0]), cmp_str) != NULL)
		return 1;
	/* "it's", "that's" */
	if (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's') {
		memcpy(base, w, n - 2);
		base[n - 2] = '\0';
		key = base;
		return bsearch(&key, stop_words, sizeof(stop_words) /
		    sizeof(stop_words[0]), sizeof(stop_words[0]),
		    cmp_str) != NULL;
	}
	return 0;
}

/* FNV-1a. */
static size_t
hash(const char *s, size_t n)
{
	uint64_t	 h = 14695981039346656037ULL;
	size_t		 i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

/* The number of term s[0..n), added when new. */
static size_t
dict_term(struct dict *t, const char *s, size_t n)
{
	size_t	 h, i, k;

	if (2 * (t->n + 1) > t->nslot) {
		size_t	 nslot = t->nslot ? 2 * t->nslot : 256;
		size_t	*slot = xcalloc(nslot, sizeof(*slot));

		for (k = 0; k < t->n; k++) {
			const char *w = t->chars.data + t->off[k];

			for (i = hash(w, strlen(w)) & (nslot - 1); slot[i];
			    i = (i + 1) & (nslot - 1))
				;
			slot[i] = k + 1;
		}
		free(t->slot);
		t->slot = slot;
		t->nslot = nslot;
	}
	h = hash(s, n);
	for (i = h & (t->nslot - 1); t->slot[i]; i = (i + 1) & (t->nslot - 1)) {
		const char *w = t->chars.data + t->off[t->slot[i] - 1];

		if (strncmp(w, s, n) == 0 && w[n] == '\0')
			return t->slot[i] - 1;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap;

		t->off = xgrow(t->off, &cap, t->n + 1, sizeof(*t->off));
		t->df = xgrow(t->df, &t->cap, t->n + 1, sizeof(*t->df));
	}
	t->off[t->n] = t->chars.len;
	t->df[t->n] = 0;
	buf_add(&t->chars, s, n);
	buf_addc(&t->chars, '\0');
	t->slot[i] = t->n + 1;
	return t->n++;
}

static void
dict_free(struct dict *t)
{
	buf_free(&t->chars);
	free(t->off);
	free(t->df);
	free(t->slot);
}

/* Scratch of the unit being read: its terms, as they come. */
struct words {
	size_t		*term;
	size_t		 n, cap;
};

/* Add word w[0..n) (folded) to ws, stemmed, unless it is a stop word. */
static void
add_word(struct dict *t, struct sb_stemmer *st, struct words *ws,
    const char *w, size_t n)
{
	char		 word[WORD_MAX + 1];
	const sb_symbol	*stem;

	if (n < 2 || n > WORD_MAX)
		return;
	memcpy(word, w, n);
	word[n] = '\0';
	if (is_stop(word, n))
		return;
	if ((stem = sb_stemmer_stem(st, (const sb_symbol *)word, (int)n)) ==
	    NULL) {
		fputs("diptych: out of memory\n", stderr);
		abort();
	}
	ws->term = xgrow(ws->term, &ws->cap, ws->n + 1, sizeof(*ws->term));
	ws->term[ws->n++] = dict_term(t, (const char *)stem,
	    (size_t)sb_stemmer_length(st));
}

/* The words of text[0..len) into ws: pieces between word breaks that
   hold a letter, folded. */
static void
read_words(struct dict *t, struct sb_stemmer *st, struct words *ws,
    const char *text, size_t len)
{
	struct fold	 f;
	char		*brk;
	size_t		 i, start;
	int		 alpha = 0, n;
	ucs4_t		 uc;

	fold_text(&f, text, len, FOLD_CASE);
	if (f.len == 0) {
		fold_free(&f);
		return;
	}
	brk = xmalloc(f.len);
	u8_wordbreaks((const uint8_t *)f.s, f.len, brk);
	for (i = start = 0; ; i += (size_t)n) {
		n = 1;
		if (i == f.len || (i > start && brk[i])) {
			if (alpha)
				add_word(t, st, ws, f.s + start, i - start);
			start = i;
			alpha = 0;
			if (i == f.len)
				break;
		}
		if ((n = u8_mbtouc(&uc, (const uint8_t *)f.s + i,
		    f.len - i)) < 1)
			n = 1;
		if (uc_is_alpha(uc))
			alpha = 1;
	}
	free(brk);
	fold_free(&f);
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* ws's terms as a vector of counts; counts each distinct term in df. */
static void
count_terms(struct dict *t, struct words *ws, struct vec *v)
{
	size_t	 i, k;

	memset(v, 0, sizeof(*v));
	if (ws->n == 0)
		return;
	qsort(ws->term, ws->n, sizeof(*ws->term), cmp_size);
	v->term = xmalloc(ws->n * sizeof(*v->term));
	v->w = xmalloc(ws->n * sizeof(*v->w));
	for (i = 0; i < ws->n; i = k) {
		for (k = i; k < ws->n && ws->term[k] == ws->term[i]; k++)
			;
		v->term[v->n] = ws->term[i];
		v->w[v->n++] = (double)(k - i);
		t->df[ws->term[i]]++;
	}
}

static double
vec_dot(const struct vec *x, const struct vec *y)
{
	size_t	 i = 0, j = 0;
	double	 s = 0;

	while (i < x->n && j < y->n) {
		if (x->term[i] < y->term[j])
			i++;
		else if (x->term[i] > y->term[j])
			j++;
		else
			s += x->w[i++] * y->w[j++];
	}
	return s;
}

/* Whether block b may take part in the alignment: if it has words. */
static int
is_unit(const struct doc_block *b)
{
	return (b->kind == BLK_PARA || b->kind == BLK_HEADING) &&
	    b->end > b->start;
}

/*
 * The units of side s, their vectors holding counts.  A block without
 * words ("1914-1918", a symbol, a heading of stop words) is no unit:
 * it cannot be compared, and it is in whatever section holds it.
 */
static void
read_side(struct side *s, struct dict *t, struct sb_stemmer *st,
    struct words *ws)
{
	const char	*text = doc_text(s->d, NULL);
	size_t		 b;

	for (b = 0; b < doc_nblocks(s->d); b++) {
		const struct doc_block	*blk = doc_block(s->d, b);
		struct unit		*u;

		if (!is_unit(blk))
			continue;
		ws->n = 0;
		read_words(t, st, ws, text + blk->start, blk->end - blk->start);
		if (ws->n == 0)
			continue;
		s->u = xgrow(s->u, &s->cap, s->n + 1, sizeof(*s->u));
		u = &s->u[s->n++];
		memset(u, 0, sizeof(*u));
		u->block = (long)b;
		u->heading = blk->kind == BLK_HEADING;
		u->root = sqrt((double)ws->n);
		count_terms(t, ws, &u->v);
	}
}

/* Counts to tf-idf weights, and the norms. */
static void
weigh_side(struct side *s, const struct dict *t, size_t nunits)
{
	size_t	 i, k;

	for (i = 0; i < s->n; i++) {
		struct unit *u = &s->u[i];

		for (k = 0; k < u->v.n; k++)
			u->v.w[k] = (1 + log(u->v.w[k])) * log(1 +
			    (double)nunits / (double)t->df[u->v.term[k]]);
		u->norm = sqrt(vec_dot(&u->v, &u->v));
	}
}

static void
free_side(struct side *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		free(s->u[i].v.term);
		free(s->u[i].v.w);
	}
	free(s->u);
}

/* --- the alignment ---------------------------------------------------- */

struct dp {
	const struct side *l, *r;
	size_t		 n, m;		/* units of each side */
	size_t		*lo, *hi;	/* row i's cells: lo[i]..hi[i] */
	size_t		*row;		/* row i's first cell in mv */
	unsigned char	*mv;		/* the move into each cell */
	double		*score[POOL + 1];	/* row i in i % (POOL + 1),
						   from lo[i] */
	double		*pre[POOL];	/* left unit r in r % POOL: */
	size_t		 pbase[POOL];	/* sums of x(r, c) for c from
					   pbase up to each column */
	size_t		 width, pwidth;	/* the widest row, prefix row */
	size_t		 cells;
};

static int
in_band(const struct dp *p, size_t i, size_t j)
{
	return j >= p->lo[i] && j <= p->hi[i];
}

/* What the pair of left unit r and right unit c adds to a bead.  A
   unit has words, each weighing more than 0: its norm is not 0. */
static double
pair_gain(const struct dp *p, size_t r, size_t c)
{
	const struct unit *x = &p->l->u[r], *y = &p->r->u[c];

	return x->root * y->root * (vec_dot(&x->v, &y->v) /
	    (x->norm * y->norm) - SUGGEST_THRESHOLD);
}

/* The rows of the band (all of each row for a small table). */
static void
make_band(struct dp *p)
{
	size_t	 i, n = p->n, m = p->m, w = SUGGEST_BAND;
	int	 full = n == 0 || (m + 1) <= SUGGEST_FULL_CELLS / (n + 1);

	p->lo = xcalloc(n + 1, sizeof(*p->lo));
	p->hi = xcalloc(n + 1, sizeof(*p->hi));
	p->row = xcalloc(n + 2, sizeof(*p->row));
	for (i = 0; i <= n; i++) {
		if (full) {
			p->lo[i] = 0;
			p->hi[i] = m;
		} else {
			/* From the diagonal at row i, less w, to the
			   diagonal at row i + 1, plus w: each row reaches
			   past the next one's start. */
			size_t c0 = (size_t)((double)i * m / n);
			size_t c1 = (size_t)ceil((double)(i + 1) * m / n);

			p->lo[i] = c0 > w ? c0 - w : 0;
			p->hi[i] = i == n || c1 + w > m ? m : c1 + w;
			if (p->lo[i] > m)
				p->lo[i] = m;
		}
		p->row[i + 1] = p->row[i] + (p->hi[i] - p->lo[i] + 1);
		if (p->hi[i] - p->lo[i] + 1 > p->width)
			p->width = p->hi[i] - p->lo[i] + 1;
	}
	p->cells = p->row[n + 1];
	p->pwidth = p->width + 2 * POOL + 1;
	for (i = 0; i < n; i++) {
		size_t lo = p->lo[i + 1] > POOL ? p->lo[i + 1] - POOL : 0;
		size_t hi = p->hi[i + POOL < n ? i + POOL : n];

		if (hi - lo + 1 > p->pwidth)
			p->pwidth = hi - lo + 1;
	}
}

/*
 * The sums of left unit r's pair gains along the columns that the rows
 * r + 1 .. r + POOL can ask for: from POOL before row r + 1's first
 * cell to row r + POOL's last.
 */
static void
make_pre(struct dp *p, size_t r)
{
	double	*pre = p->pre[r % POOL];
	size_t	 lo = p->lo[r + 1] > POOL ? p->lo[r + 1] - POOL : 0;
	size_t	 hi = p->hi[r + POOL < p->n ? r + POOL : p->n];
	size_t	 c;

	p->pbase[r % POOL] = lo;
	pre[0] = 0;
	for (c = lo; c < hi; c++)
		pre[c - lo + 1] = pre[c - lo] + pair_gain(p, r, c);
}

/* The sum of left unit r's pair gains with right units c0 .. c1 - 1. */
static double
row_gain(const struct dp *p, size_t r, size_t c0, size_t c1)
{
	const double	*pre = p->pre[r % POOL];
	size_t		 base = p->pbase[r % POOL];

	assert(c0 >= base && c0 <= c1);
	return pre[c1 - base] - pre[c0 - base];
}

static double *
score_at(const struct dp *p, size_t i, size_t j)
{
	return &p->score[i % (POOL + 1)][j - p->lo[i]];
}

/* The best move into cell (i, j) and its score. */
static void
fill_cell(struct dp *p, size_t i, size_t j)
{
	const struct unit *lu = p->l->u, *ru = p->r->u;
	double	 best = i == 0 && j == 0 ? 0 : -HUGE_VAL;
	double	 gain[POOL + 1][POOL + 1];	/* of the bead a, b */
	size_t	 a, b, na = 0, nb = 0;
	int	 mv = MV_NONE;

	/* Only the first unit of a bead may be a heading on either side. */
	while (na < POOL && na < i && (na == 0 || !lu[i - na].heading))
		na++;
	while (nb < POOL && nb < j && (nb == 0 || !ru[j - nb].heading))
		nb++;
	for (b = 1; b <= nb; b++) {
		gain[0][b] = 0;
		for (a = 1; a <= na; a++)
			gain[a][b] = gain[a - 1][b] +
			    row_gain(p, i - a, j - b, j);
	}
	/* A skip must do strictly better than a bead. */
	for (b = 1; b <= nb; b++)
		for (a = 1; a <= na; a++) {
			if (!in_band(p, i - a, j - b) ||
			    *score_at(p, i - a, j - b) + gain[a][b] <= best)
				continue;
			best = *score_at(p, i - a, j - b) + gain[a][b];
			mv = MV_BEAD + (int)((a - 1) * POOL + (b - 1));
		}
	if (i > 0 && in_band(p, i - 1, j) && *score_at(p, i - 1, j) > best) {
		best = *score_at(p, i - 1, j);
		mv = MV_SKIP_L;
	}
	if (j > p->lo[i] && *score_at(p, i, j - 1) > best) {
		best = *score_at(p, i, j - 1);
		mv = MV_SKIP_R;
	}
	*score_at(p, i, j) = best;
	p->mv[p->row[i] + (j - p->lo[i])] = (unsigned char)mv;
}

/* Fill the table. */
static void
fill(struct dp *p)
{
	size_t	 i, j, k;

	p->mv = xmalloc(p->cells);
	for (k = 0; k <= POOL; k++)
		p->score[k] = xcalloc(p->width, sizeof(double));
	for (k = 0; k < POOL; k++)
		p->pre[k] = xcalloc(p->pwidth, sizeof(double));
	for (i = 0; i <= p->n; i++) {
		if (i > 0)
			make_pre(p, i - 1);
		for (j = p->lo[i]; j <= p->hi[i]; j++)
			fill_cell(p, i, j);
	}
}

/* The units a move takes from each side. */
static void
move_units(int mv, size_t *a, size_t *b)
{
	*a = mv == MV_SKIP_L ? 1 : 0;
	*b = mv == MV_SKIP_R ? 1 : 0;
	if (mv >= MV_BEAD) {
		*a = (size_t)(mv - MV_BEAD) / POOL + 1;
		*b = (size_t)(mv - MV_BEAD) % POOL + 1;
	}
}

struct term_weight {
	size_t		 term;
	double		 w;
};

static int
cmp_term(const void *a, const void *b)
{
	size_t x = ((const struct term_weight *)a)->term;
	size_t y = ((const struct term_weight *)b)->term;

	return x < y ? -1 : x > y;
}

/* The sum of the vectors of units from .. to - 1 of sd, into v. */
static void
pool_units(const struct side *sd, size_t from, size_t to, struct vec *v)
{
	struct term_weight	*tw;
	size_t			 n = 0, u, k;

	memset(v, 0, sizeof(*v));
	for (u = from; u < to; u++)
		n += sd->u[u].v.n;
	if (n == 0)
		return;
	tw = xmalloc(n * sizeof(*tw));
	for (n = 0, u = from; u < to; u++)
		for (k = 0; k < sd->u[u].v.n; k++) {
			tw[n].term = sd->u[u].v.term[k];
			tw[n++].w = sd->u[u].v.w[k];
		}
	qsort(tw, n, sizeof(*tw), cmp_term);
	v->term = xmalloc(n * sizeof(*v->term));
	v->w = xmalloc(n * sizeof(*v->w));
	for (k = 0; k < n; k++) {
		if (v->n > 0 && v->term[v->n - 1] == tw[k].term) {
			v->w[v->n - 1] += tw[k].w;
			continue;
		}
		v->term[v->n] = tw[k].term;
		v->w[v->n++] = tw[k].w;
	}
	free(tw);
}

/*
 * How alike the units from[0] .. to[0] - 1 of the left and from[1] ..
 * to[1] - 1 of the right are: the cosine of their summed vectors, 0..1.
 */
static double
pooled_cos(const struct side *sd, const size_t *from, const size_t *to)
{
	struct vec	 v[2];
	double		 d, n0, n1, c;
	int		 k;

	for (k = 0; k < 2; k++)
		pool_units(&sd[k], from[k], to[k], &v[k]);
	d = vec_dot(&v[0], &v[1]);
	n0 = vec_dot(&v[0], &v[0]);
	n1 = vec_dot(&v[1], &v[1]);
	c = n0 > 0 && n1 > 0 ? d / sqrt(n0 * n1) : 0;
	for (k = 0; k < 2; k++) {
		free(v[k].term);
		free(v[k].w);
	}
	/* Within 0..1 but for rounding. */
	return c > 1 ? 1 : c < 0 ? 0 : c;
}

/* Add the bead of the move into cell (i, j). */
static void
add_bead(struct suggest *s, const struct dp *p, size_t i, size_t j, int mv)
{
	struct suggest_bead	*b;
	size_t			 na, nb, from[2], to[2];

	move_units(mv, &na, &nb);
	s->beads = xgrow(s->beads, &s->beadcap, s->nbeads + 1,
	    sizeof(*s->beads));
	b = &s->beads[s->nbeads++];
	b->n[0] = (int)na;
	b->n[1] = (int)nb;
	b->first[0] = na ? p->l->u[i - na].block : -1;
	b->last[0] = na ? p->l->u[i - 1].block : -1;
	b->first[1] = nb ? p->r->u[j - nb].block : -1;
	b->last[1] = nb ? p->r->u[j - 1].block : -1;
	from[0] = i - na;
	from[1] = j - nb;
	to[0] = i;
	to[1] = j;
	b->score = na && nb ? pooled_cos(p->l, from, to) : 0;
}

/* The beads of the best path, in text order. */
static void
trace(struct suggest *s, struct dp *p)
{
	size_t	 i = p->n, j = p->m, a, b, k;
	size_t	 nmv = 0, cap = 0;
	size_t	*at = NULL;	/* (i, j, move) triples, from the end */

	while (i > 0 || j > 0) {
		int mv = p->mv[p->row[i] + (j - p->lo[i])];

		assert(mv != MV_NONE);
		at = xgrow(at, &cap, nmv + 3, sizeof(*at));
		at[nmv++] = i;
		at[nmv++] = j;
		at[nmv++] = (size_t)mv;
		move_units(mv, &a, &b);
		i -= a;
		j -= b;
	}
	for (k = nmv; k > 0; k -= 3)
		add_bead(s, p, at[k - 3], at[k - 2], (int)at[k - 1]);
	free(at);
}

static void
free_dp(struct dp *p)
{
	int	 k;

	free(p->lo);
	free(p->hi);
	free(p->row);
	free(p->mv);
	for (k = 0; k <= POOL; k++)
		free(p->score[k]);
	for (k = 0; k < POOL; k++)
		free(p->pre[k]);
}

/* --- the sections ----------------------------------------------------- */

/* Add a section starting at units ul and ur (SUGGEST_NONE: none). */
static void
add_section(struct suggest *s, const struct side *sd, size_t ul, size_t ur)
{
	struct suggest_section	*c;
	size_t			 u[2] = { ul, ur };
	int			 k;

	s->secs = xgrow(s->secs, &s->seccap, s->nsecs + 1, sizeof(*s->secs));
	c = &s->secs[s->nsecs++];
	memset(c, 0, sizeof(*c));
	for (k = 0; k < 2; k++) {
		c->block[k] = u[k] == SUGGEST_NONE ? -1 : sd[k].u[u[k]].block;
		c->offset[k] = u[k] == SUGGEST_NONE ? SUGGEST_NONE :
		    doc_block(sd[k].d, (size_t)c->block[k])->start;
	}
	if (ul != SUGGEST_NONE && ur != SUGGEST_NONE)
		s->npaired++;
}

/*
 * Add the units from .. to - 1 of side k, which matched nothing, as
 * one-sided sections: one, and another at each heading in it (but for
 * one right after another).
 */
static void
add_passage(struct suggest *s, const struct side *sd, int k, size_t from,
    size_t to)
{
	size_t	 u;

	for (u = from; u < to; u++)
		if (u == from || (sd[k].u[u].heading &&
		    !sd[k].u[u - 1].heading))
			add_section(s, sd, k ? SUGGEST_NONE : u,
			    k ? u : SUGGEST_NONE);
}

/* The first heading among units from .. to - 1 of sd, or SUGGEST_NONE. */
static size_t
first_heading(const struct side *sd, size_t from, size_t to)
{
	for (; from < to; from++)
		if (sd->u[from].heading)
			return from;
	return SUGGEST_NONE;
}

/*
 * Cut the beads into sections (suggest.h has the rule).  run[k] is the
 * first unit of side k that matched nothing since the last bead that
 * paired, or SUGGEST_NONE; next[k] the units of side k seen so far.
 */
static void
cut(struct suggest *s, const struct side *sd)
{
	size_t	 run[2] = { SUGGEST_NONE, SUGGEST_NONE };
	size_t	 next[2] = { 0, 0 };
	size_t	 i, h, start[2], cur = SUGGEST_NONE;
	size_t	 from[2] = { 0, 0 }, end[2] = { 0, 0 };	/* cur's beads */
	int	 k, both;

	for (i = 0; i < s->nbeads; i++) {
		const struct suggest_bead *b = &s->beads[i];

		if (b->n[0] == 0 || b->n[1] == 0) {
			k = b->n[0] ? 0 : 1;
			if (run[k] == SUGGEST_NONE)
				run[k] = next[k];
			next[k]++;
			continue;
		}
		if (cur == SUGGEST_NONE || run[0] != SUGGEST_NONE ||
		    run[1] != SUGGEST_NONE || sd[0].u[next[0]].heading ||
		    sd[1].u[next[1]].heading) {
			if (cur != SUGGEST_NONE)
				s->secs[cur].score = pooled_cos(sd, from, end);
			/* Headings just before a bead go with it; in a
			   passage replaced by another, a heading is where
			   its author begins the next section. */
			both = cur != SUGGEST_NONE && run[0] != SUGGEST_NONE &&
			    run[1] != SUGGEST_NONE;
			for (k = 0; k < 2; k++) {
				start[k] = next[k];
				if (run[k] == SUGGEST_NONE)
					continue;
				while (start[k] > run[k] &&
				    sd[k].u[start[k] - 1].heading)
					start[k]--;
				if (start[k] == run[k])
					continue;
				h = both ? first_heading(&sd[k], run[k],
				    start[k]) : SUGGEST_NONE;
				if (h != SUGGEST_NONE)
					start[k] = h;
				else
					add_passage(s, sd, k, run[k], start[k]);
			}
			add_section(s, sd, start[0], start[1]);
			cur = s->nsecs - 1;
			from[0] = next[0];
			from[1] = next[1];
			run[0] = run[1] = SUGGEST_NONE;
		}
		next[0] = end[0] = next[0] + (size_t)b->n[0];
		next[1] = end[1] = next[1] + (size_t)b->n[1];
	}
	/* A pair's score: its beads' units, pooled. */
	if (cur != SUGGEST_NONE)
		s->secs[cur].score = pooled_cos(sd, from, end);
	/* What matched nothing at the end is a passage of its side; when
	   both sides end so, from the first heading on (what comes before
	   it ends the last pair). */
	for (k = 0; k < 2; k++) {
		if (run[k] == SUGGEST_NONE)
			continue;
		h = cur != SUGGEST_NONE && run[1 - k] != SUGGEST_NONE ?
		    first_heading(&sd[k], run[k], sd[k].n) : SUGGEST_NONE;
		add_passage(s, sd, k, h == SUGGEST_NONE ? run[k] : h, sd[k].n);
	}
}

/* The text of heading block h of d, on one line. */
static char *
heading_text(const struct doc *d, long h)
{
	const struct doc_block	*b = doc_block(d, (size_t)h);
	char			*s, *c;

	s = xstrndup(doc_text(d, NULL) + b->start, b->end - b->start);
	for (c = s; *c != '\0'; c++)
		if (*c == '\n')
			*c = ' ';
	return s;
}

/*
 * The opening words of block b of d, on one line: up to LABEL_MAX bytes,
 * cut where a word ends (u8_wordbreaks), with an ellipsis if cut.
 */
#define LABEL_MAX	40
static char *
opening_words(const struct doc *d, long b)
{
	const struct doc_block	*blk = doc_block(d, (size_t)b);
	const char		*t = doc_text(d, NULL) + blk->start;
	size_t			 n = blk->end - blk->start, cut;
	char			*brk, *s, *c;
	struct buf		 out;

	if (n > LABEL_MAX) {
		brk = xmalloc(n);
		u8_wordbreaks((const uint8_t *)t, n, brk);
		/* The last break at a space, else any break. */
		for (cut = LABEL_MAX; cut > 0; cut--)
			if (brk[cut] && (t[cut - 1] == ' ' || t[cut] == ' '))
				break;
		if (cut == 0)
			for (cut = LABEL_MAX; cut > 0 && !brk[cut]; cut--)
				;
		free(brk);
		while (cut > 0 && t[cut - 1] == ' ')
			cut--;
		if (cut == 0)	/* one word longer than a label */
			for (cut = LABEL_MAX; cut > 0 &&
			    ((unsigned char)t[cut] & 0xC0) == 0x80; cut--)
				;
	} else
		cut = n;
	buf_init(&out);
	buf_add(&out, t, cut);
	if (cut < n)
		buf_adds(&out, "\u2026");
	s = buf_steal(&out, NULL);
	for (c = s; *c != '\0'; c++)
		if (*c == '\n')
			*c = ' ';
	return s;
}

/*
 * IDs and labels.  A section is labelled with the heading in force where
 * it starts in the left text, else in the right, when the section starts
 * at that heading or is the first on that side: a heading before an
 * earlier section on that side, or inside one, names that section's
 * passage, not this one's (a preface's "Editor's Note" does not name the
 * body's passages).  Else it is labelled with its opening words.
 */
static void
name_sections(struct suggest *s, const struct side *sd)
{
	size_t	 i, last[2] = { SUGGEST_NONE, SUGGEST_NONE };
	int	 k;

	for (i = 0; i < s->nsecs; i++) {
		struct suggest_section	*c = &s->secs[i];
		struct buf		 b;
		char			*label = NULL;
		long			 h;

		buf_init(&b);
		buf_printf(&b, "s%zu", i + 1);
		c->id = buf_steal(&b, NULL);
		for (k = 0; k < 2 && label == NULL; k++)
			if (c->offset[k] != SUGGEST_NONE && (h =
			    doc_heading_at(sd[k].d, c->offset[k])) >= 0 &&
			    (last[k] == SUGGEST_NONE || c->offset[k] ==
			    doc_block(sd[k].d, (size_t)h)->start))
				label = heading_text(sd[k].d, h);
		for (k = 0; k < 2 && label == NULL; k++)
			if (c->block[k] >= 0)
				label = opening_words(sd[k].d, c->block[k]);
		c->label = label;
		for (k = 0; k < 2; k++)
			if (c->offset[k] != SUGGEST_NONE)
				last[k] = c->offset[k];
	}
}

/* --- the API ---------------------------------------------------------- */

struct suggest *
suggest_new(const struct doc *left, const struct doc *right)
{
	struct suggest		*s = xcalloc(1, sizeof(*s));
	struct side		 sd[2];
	struct dict		 t;
	struct words		 ws = { NULL, 0, 0 };
	struct sb_stemmer	*st;
	struct dp		 p;
	int			 k;

#ifndef NDEBUG
	for (k = 1; k < (int)(sizeof(stop_words) / sizeof(stop_words[0])); k++)
		assert(strcmp(stop_words[k - 1], stop_words[k]) < 0);
#endif
	memset(sd, 0, sizeof(sd));
	memset(&t, 0, sizeof(t));
	buf_init(&t.chars);
	sd[0].d = left;
	sd[1].d = right;
	/* Only memory can fail: English in UTF-8 is always there. */
	if ((st = sb_stemmer_new("english", NULL)) == NULL) {
		fputs("diptych: out of memory\n", stderr);
		abort();
	}
	for (k = 0; k < 2; k++)
		read_side(&sd[k], &t, st, &ws);
	sb_stemmer_delete(st);
	free(ws.term);
	for (k = 0; k < 2; k++) {
		weigh_side(&sd[k], &t, sd[0].n + sd[1].n);
		s->nunits[k] = sd[k].n;
	}
	dict_free(&t);

	memset(&p, 0, sizeof(p));
	p.l = &sd[0];
	p.r = &sd[1];
	p.n = sd[0].n;
	p.m = sd[1].n;
	make_band(&p);
	fill(&p);
	s->cells = p.cells;
	trace(s, &p);
	free_dp(&p);

	cut(s, sd);
	name_sections(s, sd);
	for (k = 0; k < 2; k++)
		free_side(&sd[k]);
	return s;
}

void
suggest_free(struct suggest *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nsecs; i++) {
		free((char *)s->secs[i].id);
		free((char *)s->secs[i].label);
	}
	free(s->secs);
	free(s->beads);
	free(s);
}

size_t
suggest_nsections(const struct suggest *s)
{
	return s->nsecs;
}

const struct suggest_section *
suggest_section(const struct suggest *s, size_t i)
{
	assert(i < s->nsecs);
	return &s->secs[i];
}

size_t
suggest_npaired(const struct suggest *s)
{
	return s->npaired;
}

size_t
suggest_nbeads(const struct suggest *s)
{
	return s->nbeads;
}

const struct suggest_bead *
suggest_bead(const struct suggest *s, size_t i)
{
	assert(i < s->nbeads);
	return &s->beads[i];
}

size_t
suggest_nunits(const struct suggest *s, int side)
{
	return s->nunits[side ? 1 : 0];
}

size_t
suggest_cells(const struct suggest *s)
{
	return s->cells;
}
