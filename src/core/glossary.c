/*
 * glossary.c: glossary files, and an Aho-Corasick matcher for their
 * terms.
 *
 * Every name, alias and hyphen-less variant is a pattern, folded as
 * fold.h folds a text but for case: curly quotes and dashes to ASCII,
 * compatibility forms to plain ones, accents dropped.  The patterns are
 * compiled into one automaton over ASCII-case-folded bytes, completed
 * into a DFA over the byte classes that the patterns use, so one pass
 * over the folded text finds every occurrence of every pattern whatever
 * the number of terms.  A match is kept when it stands as a whole word
 * of the folded text and, for acronyms, when its case is exact there;
 * then the leftmost-longest matches that do not overlap win, and
 * fold_range maps them back to the text.
 *
 * Invariants: terms are in file order, later files replacing terms of
 * the same name in place; the automaton, when not NULL, was built from
 * the current terms (any load drops it).
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "diptych/fold.h"
#include "diptych/glossary.h"
#include "diptych/util.h"

struct pattern {
	char		*s;		/* folded, case kept */
	size_t		 len;
	int		 exact;		/* match case exactly (acronym) */
	size_t		 term;
};

struct automaton {
	unsigned char	 cls[256];	/* byte -> class; 0: none */
	int		 nclass;
	int		*next;		/* nnodes * nclass */
	long		*out;		/* node -> pattern ending here, -1 */
	int		*dict;		/* node -> next node with output, -1 */
	int		 nnodes;
};

struct glossary {
	struct term	*terms;
	size_t		 nterms, termcap;
	struct pattern	*pats;
	size_t		 npats, patcap;
	struct automaton *ac;
};

static unsigned char
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static void
term_free(struct term *t)
{
	size_t i;

	free((char *)t->name);
	for (i = 0; i < t->naliases; i++)
		free((char *)t->aliases[i]);
	free(t->aliases);
	free((char *)t->definition);
	free((char *)t->source);
	free((char *)t->url);
	free((char *)t->file);
}

static void
ac_free(struct automaton *ac)
{
	if (ac == NULL)
		return;
	free(ac->next);
	free(ac->out);
	free(ac->dict);
	free(ac);
}

static void
patterns_free(struct glossary *g)
{
	size_t i;

	for (i = 0; i < g->npats; i++)
		free(g->pats[i].s);
	g->npats = 0;
	ac_free(g->ac);
	g->ac = NULL;
}

struct glossary *
glossary_new(void)
{
	return xcalloc(1, sizeof(struct glossary));
}

void
glossary_free(struct glossary *g)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < g->nterms; i++)
		term_free(&g->terms[i]);
	free(g->terms);
	patterns_free(g);
	free(g->pats);
	free(g);
}

size_t
glossary_nterms(const struct glossary *g)
{
	return g->nterms;
}

const struct term *
glossary_term(const struct glossary *g, size_t i)
{
	assert(i < g->nterms);
	return &g->terms[i];
}

long
glossary_find(const struct glossary *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->nterms; i++)
		if (strcmp(g->terms[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* --- reading a glossary file ------------------------------------------ */

/* The plain text of node's inline content; link text kept, URL not. */
static void
inline_text(cmark_node *node, struct buf *b, const char **url)
{
	cmark_iter	*it = cmark_iter_new(node);
	cmark_event_type ev;
	cmark_node	*n;
	const char	*lit;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(n);
			buf_adds(b, lit ? lit : "");
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_addc(b, ' ');
			break;
		case CMARK_NODE_LINK:
			if (url != NULL && *url == NULL)
				*url = cmark_node_get_url(n);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

static char *
trim(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

static char *
errorf(const char *name, int line, const char *fmt, const char *arg)
{
	struct buf	 b;

	buf_init(&b);
	buf_printf(&b, "%s:%d: ", name, line);
	buf_printf(&b, fmt, arg);
	return buf_steal(&b, NULL);
}

/* Add alias text s[0..n) to t, refusing an empty one. */
static int
add_aliases(struct term *t, const char *s, const char *name, int line,
    char **err)
{
	const char	*p = s, *comma;
	char		*a;

	for (;;) {
		comma = strchr(p, ',');
		a = trim(p, comma ? (size_t)(comma - p) : strlen(p));
		if (*a == '\0') {
			free(a);
			*err = errorf(name, line, "empty alias in the 'Also:' "
			    "line of term '%s'", t->name);
			return -1;
		}
		t->aliases = xrealloc(t->aliases, (t->naliases + 1) *
		    sizeof(*t->aliases));
		t->aliases[t->naliases++] = a;
		if (comma == NULL)
			return 0;
		p = comma + 1;
	}
}

/* Check that t is complete; 0 or -1 with *err. */
static int
term_done(const struct term *t, const char *name, char **err)
{
	if (t->definition == NULL || *t->definition == '\0') {
		*err = errorf(name, t->line, "term '%s' has no definition",
		    t->name);
		return -1;
	}
	return 0;
}

/* Parse a glossary file into terms[]; 0 or -1 with *err. */
static int
parse_terms(const char *name, const char *data, size_t len,
    struct term **terms, size_t *nterms, char **err)
{
	cmark_node	*root, *n;
	struct term	*cur = NULL;
	size_t		 cap = 0, i;
	int		 rc = 0, line;
	const uint8_t	*bad;

	*terms = NULL;
	*nterms = 0;
	if ((bad = u8_check((const uint8_t *)data, len)) != NULL) {
		const char	*p;
		char		 what[64];
		int		 col = 1;

		for (line = 1, p = data; p < (const char *)bad; p++) {
			if (*p == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)*p & 0xc0) != 0x80)
				col++;
		}
		snprintf(what, sizeof(what), "(byte 0x%02x at column %d)",
		    *bad, col);
		*err = errorf(name, line, "not valid UTF-8 %s", what);
		return -1;
	}
	root = cmark_parse_document(data, len, CMARK_OPT_DEFAULT);
	for (n = cmark_node_first_child(root); n && rc == 0;
	    n = cmark_node_next(n)) {
		struct buf	 b;
		const char	*url = NULL;

		line = cmark_node_get_start_line(n);
		buf_init(&b);
		buf_add(&b, "", 0);
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) == 2) {
			if (cur != NULL && term_done(cur, name, err) == -1) {
				rc = -1;
				buf_free(&b);
				break;
			}
			inline_text(n, &b, NULL);
			*terms = xgrow(*terms, &cap, *nterms + 1,
			    sizeof(**terms));
			cur = &(*terms)[(*nterms)++];
			memset(cur, 0, sizeof(*cur));
			cur->name = trim(b.data, b.len);
			cur->line = line;
			cur->file = xstrdup(name);
			if (*cur->name == '\0') {
				*err = errorf(name, line, "empty term "
				    "heading%s", "");
				rc = -1;
			}
			for (i = 0; rc == 0 && i + 1 < *nterms; i++)
				if (strcmp((*terms)[i].name, cur->name) == 0) {
					*err = errorf(name, line, "term '%s' "
					    "is defined twice", cur->name);
					rc = -1;
				}
		} else if (cur != NULL &&
		    cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) {
			inline_text(n, &b, &url);
			if (strncmp(b.data, "Also:", 5) == 0)
				rc = add_aliases(cur, b.data + 5, name, line,
				    err);
			else if (strncmp(b.data, "Source:", 7) == 0) {
				size_t k = b.len;

				/* The link's own text is its URL: keep it
				   out of the source's words. */
				if (url != NULL && b.len >= strlen(url) &&
				    strcmp(b.data + b.len - strlen(url),
				    url) == 0)
					k = b.len - strlen(url);
				free((char *)cur->source);
				cur->source = trim(b.data + 7, k - 7);
				free((char *)cur->url);
				cur->url = xstrdup(url ? url : "");
			} else {
				struct buf def;

				buf_init(&def);
				buf_adds(&def, cur->definition ?
				    cur->definition : "");
				if (def.len > 0)
					buf_adds(&def, "\n\n");
				buf_add(&def, b.data, b.len);
				free((char *)cur->definition);
				cur->definition = buf_steal(&def, NULL);
			}
		}
		buf_free(&b);
	}
	cmark_node_free(root);
	if (rc == 0 && cur != NULL && term_done(cur, name, err) == -1)
		rc = -1;
	if (rc == 0 && *nterms == 0) {
		*err = errorf(name, 1, "no terms: a term is a '## ' heading%s",
		    "");
		rc = -1;
	}
	if (rc == -1) {
		for (i = 0; i < *nterms; i++)
			term_free(&(*terms)[i]);
		free(*terms);
		*terms = NULL;
		*nterms = 0;
	}
	for (i = 0; i < *nterms; i++) {
		struct term *t = &(*terms)[i];

		if (t->source == NULL)
			t->source = xstrdup("");
		if (t->url == NULL)
			t->url = xstrdup("");
	}
	return rc;
}

int
glossary_load(struct glossary *g, const char *name, const char *data,
    size_t len, char **err)
{
	struct term	*terms;
	size_t		 n, i;
	long		 at;

	*err = NULL;
	if (parse_terms(name, data, len, &terms, &n, err) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if ((at = glossary_find(g, terms[i].name)) >= 0) {
			term_free(&g->terms[at]);
			g->terms[at] = terms[i];
			continue;
		}
		g->terms = xgrow(g->terms, &g->termcap, g->nterms + 1,
		    sizeof(*g->terms));
		g->terms[g->nterms++] = terms[i];
	}
	free(terms);
	patterns_free(g);
	return 0;
}

/* --- matching ----------------------------------------------------------- */

static void
add_pattern(struct glossary *g, const char *s, size_t len, size_t term)
{
	struct pattern	*p;
	size_t		 i;

	if (len == 0)
		return;
	for (i = 0; i < g->npats; i++)
		if (g->pats[i].len == len && memcmp(g->pats[i].s, s, len) == 0)
			return;
	g->pats = xgrow(g->pats, &g->patcap, g->npats + 1, sizeof(*g->pats));
	p = &g->pats[g->npats++];
	p->s = xstrndup(s, len);
	p->len = len;
	p->term = term;
	p->exact = 1;
	for (i = 0; i < len; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			p->exact = 0;
}

/* s, and s without a hyphen that joins a letter and a digit (KN-23). */
static void
add_with_variants(struct glossary *g, const char *s, size_t term)
{
	size_t	 len = strlen(s), i;
	char	*v;

	add_pattern(g, s, len, term);
	for (i = 1; i + 1 < len; i++) {
		int a = (unsigned char)s[i - 1], b = (unsigned char)s[i + 1];

		int la = (a | 0x20) >= 'a' && (a | 0x20) <= 'z';
		int lb = (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
		int da = a >= '0' && a <= '9', db = b >= '0' && b <= '9';

		if (s[i] == '-' && ((la && db) || (da && lb))) {
			v = xmalloc(len);
			memcpy(v, s, i);
			memcpy(v + i, s + i + 1, len - i - 1);
			add_pattern(g, v, len - 1, term);
			free(v);
		}
	}
}

/* A name or alias as a pattern: NFC like a document's text, folded. */
static void
add_name(struct glossary *g, const char *s, size_t term)
{
	struct fold	 f;
	uint8_t		*nfc;
	size_t		 len = 0;

	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)s, strlen(s), NULL,
	    &len);
	if (nfc != NULL)
		fold_text(&f, (const char *)nfc, len, 0);
	else
		fold_text(&f, s, strlen(s), 0);
	free(nfc);
	add_with_variants(g, f.s, term);
	fold_free(&f);
}

static void
compile(struct glossary *g)
{
	struct automaton *ac = xcalloc(1, sizeof(*ac));
	size_t		 i, j, cap = 1, nodes = 1, head = 0, tail = 0, nc;
	int		*queue, c, u, v;

	patterns_free(g);
	for (i = 0; i < g->nterms; i++) {
		add_name(g, g->terms[i].name, i);
		for (j = 0; j < g->terms[i].naliases; j++)
			add_name(g, g->terms[i].aliases[j], i);
	}
	/* Byte classes: one per folded byte the patterns use. */
	ac->nclass = 1;
	for (i = 0; i < g->npats; i++)
		for (j = 0; j < g->pats[i].len; j++) {
			unsigned char b = fold((unsigned char)g->pats[i].s[j]);

			if (ac->cls[b] == 0)
				ac->cls[b] = (unsigned char)ac->nclass++;
		}
	for (c = 'A'; c <= 'Z'; c++)
		ac->cls[c] = ac->cls[fold((unsigned char)c)];
	nc = (size_t)ac->nclass;

	/* The trie: a node at most for each byte of the patterns, each
	   node's row of transitions -1 (none) until it has some. */
	for (i = 0; i < g->npats; i++)
		cap += g->pats[i].len;
	ac->next = xmalloc(cap * nc * sizeof(int));
	ac->out = xmalloc(cap * sizeof(long));
	memset(ac->next, 0xff, nc * sizeof(int));
	ac->out[0] = -1;
	for (i = 0; i < g->npats; i++) {
		u = 0;
		for (j = 0; j < g->pats[i].len; j++) {
			c = ac->cls[fold((unsigned char)g->pats[i].s[j])];
			if (ac->next[(size_t)u * nc + c] < 0) {
				memset(ac->next + nodes * nc, 0xff,
				    nc * sizeof(int));
				ac->out[nodes] = -1;
				ac->next[(size_t)u * nc + c] = (int)nodes++;
			}
			u = ac->next[(size_t)u * nc + c];
		}
		ac->out[u] = (long)i;
	}
	ac->nnodes = (int)nodes;

	/* Failure links, breadth first, folded into a complete DFA; dict
	   links chain the nodes with output along the failure path. */
	{
		int *fail = xcalloc(nodes, sizeof(int));

		ac->dict = xmalloc(nodes * sizeof(int));
		queue = xmalloc(nodes * sizeof(int));
		ac->dict[0] = -1;
		for (c = 0; (size_t)c < nc; c++) {
			v = ac->next[c];
			if (v < 0)
				ac->next[c] = 0;
			else {
				fail[v] = 0;
				ac->dict[v] = -1;
				queue[tail++] = v;
			}
		}
		while (head < tail) {
			u = queue[head++];
			for (c = 0; (size_t)c < nc; c++) {
				v = ac->next[(size_t)u * nc + c];
				if (v < 0) {
					ac->next[(size_t)u * nc + c] =
					    ac->next[(size_t)fail[u] * nc + c];
					continue;
				}
				fail[v] = ac->next[(size_t)fail[u] * nc + c];
				ac->dict[v] = ac->out[fail[v]] >= 0 ? fail[v] :
				    ac->dict[fail[v]];
				queue[tail++] = v;
			}
		}
		free(fail);
		free(queue);
	}
	g->ac = ac;
}

static int
by_start_then_longest(const void *a, const void *b)
{
	const struct term_hit *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return 0;
}

/*
 * Whether byte c can be part of an address as it is written in a text:
 * printable ASCII but for the brackets and quote that set one off.  A
 * space (U+00A0 or U+3000 too) or any letter beyond ASCII ends one, so
 * that an address in a line of Japanese takes only its own characters.
 */
static int
url_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && c != '<' && c != '>' && c != '"';
}

/*
 * Whether text[ts, te) reads as an address: it holds "://", starts with
 * "www." or "mailto:" (after an opening bracket or quote), or is an
 * e-mail address (an autolink's text has no "mailto:").
 */
static int
is_url(const char *text, size_t ts, size_t te)
{
	const char	*at;
	size_t		 i;

	while (ts < te && strchr("([\'", text[ts]) != NULL)
		ts++;
	if (te - ts >= 4 && strncasecmp(text + ts, "www.", 4) == 0)
		return 1;
	if (te - ts >= 7 && strncasecmp(text + ts, "mailto:", 7) == 0)
		return 1;
	for (i = ts; i + 3 <= te; i++)
		if (text[i] == ':' && text[i + 1] == '/' && text[i + 2] == '/')
			return 1;
	at = memchr(text + ts, '@', te - ts);
	return at != NULL && at > text + ts &&
	    memchr(at, '.', (size_t)(text + te - at)) != NULL;
}

/*
 * Drop the hits of h (*n - first of them, in text order, within
 * text[cs, ce)) that lie in an address: a word of the text such as
 * "https://example.org/quad-leaders-joint-statement" or an autolink's
 * text names no term.  Each run of address characters is read once,
 * however many hits it holds.
 */
static void
drop_in_urls(const char *text, size_t cs, size_t ce, struct term_hit *h,
    size_t *n, size_t first)
{
	size_t	 i, k, ts = cs, te = cs, count = *n - first;
	int	 url = 0;

	for (i = k = 0; i < count; i++) {
		if (h[i].start >= te) {
			for (ts = h[i].start; ts > te &&
			    url_char((unsigned char)text[ts - 1]); ts--)
				;
			for (te = h[i].end; te < ce &&
			    url_char((unsigned char)text[te]); te++)
				;
			url = is_url(text, ts, te);
		}
		if (!url)
			h[k++] = h[i];
	}
	*n = first + k;
}

/* The offset after the white space (U+00A0 too) at text[at, end). */
static size_t
skip_white(const char *text, size_t at, size_t end)
{
	ucs4_t	 uc;
	int	 k;

	while (at < end && (k = u8_mbtouc(&uc, (const uint8_t *)text + at,
	    end - at)) > 0 && uc_is_property_white_space(uc))
		at += (size_t)k;
	return at;
}

/*
 * A name spelled out and its acronym side by side, "General Security of
 * Military Information Agreement (GSOMIA)" or the other way round, are
 * one mention: the two hits of h (within text[.., ce)) become one, up
 * to the closing parenthesis.
 */
static void
join_spelled_out(const char *text, size_t ce, struct term_hit *h, size_t *n,
    size_t first)
{
	size_t	 i, k, at, count = *n - first;

	for (i = k = 0; i < count; i++) {
		if (k > 0 && h[k - 1].term == h[i].term && h[i].end < ce &&
		    text[h[i].end] == ')') {
			at = skip_white(text, h[k - 1].end, h[i].start);
			if (at + 1 == h[i].start && text[at] == '(') {
				h[k - 1].end = h[i].end + 1;
				continue;
			}
		}
		h[k++] = h[i];
	}
	*n = first + k;
}

/*
 * The hits in text[cs, ce), appended to *hits in text offsets.  No term
 * holds a '\n', so a piece that ends at one matches as the whole text
 * would: the automaton is back at its root after a '\n', and a '\n' is
 * no letter for the word boundaries.
 */
static void
match_piece(struct glossary *g, const char *text, size_t cs, size_t ce,
    struct term_hit **hits, size_t *nhits, size_t *cap)
{
	struct fold	 f;
	size_t		 first = *nhits, i, kept, start, end, k;
	int		 state = 0, v;

	fold_text(&f, text + cs, ce - cs, 0);
	for (i = 0; i < f.len; i++) {
		state = g->ac->next[(size_t)state * (size_t)g->ac->nclass +
		    g->ac->cls[(unsigned char)f.s[i]]];
		for (v = g->ac->out[state] >= 0 ? state : g->ac->dict[state];
		    v >= 0; v = g->ac->dict[v]) {
			const struct pattern *p = &g->pats[g->ac->out[v]];

			start = i + 1 - p->len;
			if (p->exact && memcmp(f.s + start, p->s, p->len) != 0)
				continue;
			if (util_alnum_before(f.s, start) ||
			    util_alnum_at(f.s, f.len, i + 1))
				continue;
			*hits = xgrow(*hits, cap, *nhits + 1, sizeof(**hits));
			(*hits)[*nhits].start = start;
			(*hits)[*nhits].end = i + 1;
			(*hits)[*nhits].term = p->term;
			(*nhits)++;
		}
	}
	/* Leftmost-longest, no overlaps, in the folded text and then in
	   the text (two hits may share a code point's expansion). */
	if (*nhits > first)
		qsort(*hits + first, *nhits - first, sizeof(**hits),
		    by_start_then_longest);
	for (i = kept = first; i < *nhits; i++) {
		if (kept > first && (*hits)[i].start < (*hits)[kept - 1].end)
			continue;
		(*hits)[kept++] = (*hits)[i];
	}
	for (i = k = first; i < kept; i++) {
		fold_range(&f, (*hits)[i].start, (*hits)[i].end, &start, &end);
		if (k > first && cs + start < (*hits)[k - 1].end)
			continue;
		(*hits)[k].start = cs + start;
		(*hits)[k].end = cs + end;
		(*hits)[k].term = (*hits)[i].term;
		k++;
	}
	*nhits = k;
	fold_free(&f);
	if (*nhits > first)
		drop_in_urls(text, cs, ce, *hits + first, nhits, first);
	if (*nhits > first)
		join_spelled_out(text, ce, *hits + first, nhits, first);
}

size_t
glossary_piece(const char *text, size_t len, size_t cs, size_t size)
{
	const char	*nl;
	size_t		 ce;

	ce = len - cs > size ? cs + size : len;
	if (ce < len && (nl = memchr(text + ce, '\n', len - ce)) != NULL)
		ce = (size_t)(nl - text) + 1;
	else if (ce < len)
		ce = len;
	return ce;
}

/* Bytes of text gone through for terms, in all: a count tests guard. */
static size_t	 nmatched;

size_t
glossary_matched(void)
{
	return nmatched;
}

void
glossary_match_piece(struct glossary *g, const char *text, size_t cs,
    size_t ce, struct term_hit **hits, size_t *n, size_t *cap)
{
	if (g->ac == NULL)
		compile(g);
	if (g->npats > 0 && cs < ce) {
		match_piece(g, text, cs, ce, hits, n, cap);
		nmatched += ce - cs;
	}
}

struct term_hit *
glossary_match(struct glossary *g, const char *text, size_t len, size_t *n)
{
	struct term_hit	*hits = NULL;
	size_t		 nhits = 0, cap = 0, cs, ce;

	*n = 0;
	if (g->ac == NULL)
		compile(g);
	if (g->npats == 0)
		return NULL;
	/* Piece by piece: the folded copy and its map stay small. */
	for (cs = 0; cs < len; cs = ce) {
		ce = glossary_piece(text, len, cs, GLOSSARY_PIECE);
		match_piece(g, text, cs, ce, &hits, &nhits, &cap);
		nmatched += ce - cs;
	}
	if (nhits == 0) {
		free(hits);
		return NULL;
	}
	*n = nhits;
	return hits;
}

size_t *
glossary_count(const struct glossary *g, const struct term_hit *hits,
    size_t n)
{
	size_t *count = xcalloc(g->nterms > 0 ? g->nterms : 1, sizeof(*count));
	size_t	i;

	for (i = 0; i < n; i++) {
		assert(hits[i].term < g->nterms);
		count[hits[i].term]++;
	}
	return count;
}
