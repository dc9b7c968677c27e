/*
 * bounds.c: word and sentence boundaries, block by block.
 *
 * Every question is answered within one block of the document at a
 * time, walking to the next or previous block when this one has no
 * answer; a block's words come from u8_wordbreaks and its sentences from
 * the rule in bounds.h, both computed on demand, so a call costs the
 * length of the blocks it looks at, never the document's.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>
#include <uniwbrk.h>

#include "diptych/bounds.h"
#include "diptych/doc.h"
#include "diptych/util.h"

struct span {
	size_t		 start, end;
};

/* Words after which a full stop does not end a sentence. */
static const char *const abbreviations[] = {
	"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "cf", "al",
	"no", "nos", "vol", "fig", "pp", "approx", "gen", "lt", "col", "sen",
	"rep", "gov", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec",
};

static int
is_space(ucs4_t uc)
{
	return uc == ' ' || uc == '\n' || uc == '\t' || uc == 0xa0 ||
	    uc == 0x3000;
}

/* Closing quotes and brackets that stay with the sentence they end. */
static int
is_closer(ucs4_t uc)
{
	return uc == '"' || uc == '\'' || uc == ')' || uc == ']' ||
	    uc == 0x2019 || uc == 0x201d || uc == 0xbb || uc == 0x300d ||
	    uc == 0x300f || uc == 0xff09;
}

static ucs4_t
at(const char *t, size_t end, size_t i, int *len)
{
	ucs4_t uc;

	*len = u8_mbtouc(&uc, (const uint8_t *)t + i, end - i);
	return uc;
}

/*
 * Whether the word that ends at the full stop t[dot] is an abbreviation:
 * one of the list, letters joined by full stops ("U.S", "e.g"), or a
 * single capital (an initial).
 */
static int
abbreviation(const char *t, size_t from, size_t dot)
{
	size_t	 ws = dot, i, n;
	char	 low[16];
	int	 letters = 0, dots = 0;

	while (ws > from && t[ws - 1] != ' ' && t[ws - 1] != '\n' &&
	    t[ws - 1] != '(' && t[ws - 1] != '"' && t[ws - 1] != '[' &&
	    t[ws - 1] != '-' && t[ws - 1] != '/')
		ws--;
	/* A quote mark before the word (“, ‘) is three bytes: skip it. */
	if (dot - ws >= 3 && (unsigned char)t[ws] == 0xe2)
		ws += 3;
	n = dot - ws;
	if (n == 0)
		return 0;
	for (i = ws; i < dot; i++) {
		if (t[i] == '.')
			dots++;
		else if ((t[i] >= 'a' && t[i] <= 'z') ||
		    (t[i] >= 'A' && t[i] <= 'Z'))
			letters++;
		else
			return 0;
	}
	if (dots > 0)
		return letters > 0;	/* U.S, e.g */
	if (n == 1 && t[ws] >= 'A' && t[ws] <= 'Z')
		return 1;		/* an initial */
	if (n >= sizeof(low))
		return 0;
	for (i = 0; i < n; i++)
		low[i] = (char)(t[ws + i] >= 'A' && t[ws + i] <= 'Z' ?
		    t[ws + i] - 'A' + 'a' : t[ws + i]);
	low[n] = '\0';
	for (i = 0; i < sizeof(abbreviations) / sizeof(abbreviations[0]); i++)
		if (strcmp(low, abbreviations[i]) == 0)
			return 1;
	return 0;
}

/* Append [start, end) to the spans, white space trimmed off its end. */
static void
add_span(const char *t, struct span **s, size_t *n, size_t *cap,
    size_t start, size_t end)
{
	while (end > start && (t[end - 1] == ' ' || t[end - 1] == '\n'))
		end--;
	if (end <= start)
		return;
	*s = xgrow(*s, cap, *n + 1, sizeof(**s));
	(*s)[*n].start = start;
	(*s)[(*n)++].end = end;
}

/* Skip white space from i; returns the first other offset (or end). */
static size_t
skip_space(const char *t, size_t i, size_t end)
{
	int len;

	while (i < end && is_space(at(t, end, i, &len)))
		i += (size_t)len;
	return i;
}

/* The sentences of t[bs, be). */
static struct span *
sentences(const char *t, size_t bs, size_t be, size_t *n)
{
	struct span	*s = NULL;
	size_t		 cap = 0, start = skip_space(t, bs, be), i, j, k;
	ucs4_t		 uc, next;
	int		 len, l2;

	*n = 0;
	for (i = start; i < be; i += (size_t)len) {
		uc = at(t, be, i, &len);
		if (uc != '.' && uc != '?' && uc != '!' && uc != 0x3002 &&
		    uc != 0xff1f && uc != 0xff01)
			continue;
		for (j = i + (size_t)len; j < be && is_closer(at(t, be, j, &l2));
		    j += (size_t)l2)
			;
		if (uc == '.' || uc == '?' || uc == '!') {
			if (j < be && !is_space(at(t, be, j, &l2)))
				continue;	/* 3.5, U.S.-Japan */
			k = skip_space(t, j, be);
			if (k < be) {
				next = at(t, be, k, &l2);
				if (uc_is_property_lowercase(next))
					continue;
			}
			if (uc == '.' && abbreviation(t, start, i))
				continue;
		} else
			k = skip_space(t, j, be);
		add_span(t, &s, n, &cap, start, j);
		start = k;
		len = (int)(k - i);
	}
	add_span(t, &s, n, &cap, start, be);
	return s;
}

/* The words of t[bs, be): pieces between breaks that hold a letter or
   a digit. */
static struct span *
words(const char *t, size_t bs, size_t be, size_t *n)
{
	struct span	*s = NULL;
	char		*brk;
	size_t		 cap = 0, i, ws;
	int		 alnum = 0, len;

	*n = 0;
	if (be <= bs)
		return NULL;
	brk = xmalloc(be - bs);
	u8_wordbreaks((const uint8_t *)t + bs, be - bs, brk);
	for (i = ws = bs; i <= be; i += (size_t)len) {
		len = 1;
		if (i == be || (i > ws && brk[i - bs])) {
			if (alnum)
				add_span(t, &s, n, &cap, ws, i);
			ws = i;
			alnum = 0;
			if (i == be)
				break;
		}
		if (uc_is_alnum(at(t, be, i, &len)))
			alnum = 1;
	}
	free(brk);
	return s;
}

/* The units of block b of d. */
static struct span *
units(const struct doc *d, size_t b, enum bounds_unit u, size_t *n)
{
	const struct doc_block	*blk = doc_block(d, b);
	const char		*t = doc_text(d, NULL);
	struct span		*s;

	switch (u) {
	case BU_WORD:
		return words(t, blk->start, blk->end, n);
	case BU_SENTENCE:
		return sentences(t, blk->start, blk->end, n);
	default:
		*n = 0;
		if (blk->end <= blk->start)
			return NULL;
		s = xmalloc(sizeof(*s));
		s->start = blk->start;
		s->end = blk->end;
		*n = 1;
		return s;
	}
}

/* The block that holds off (the last to start at or before it). */
static size_t
block_of(const struct doc *d, size_t off)
{
	size_t lo = 0, hi = doc_nblocks(d);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (doc_block(d, mid)->start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? lo - 1 : 0;
}

size_t
bounds_next(const struct doc *d, size_t off, enum bounds_unit u)
{
	struct span	*s;
	size_t		 len, b, n, i, found = (size_t)-1;

	doc_text(d, &len);
	for (b = block_of(d, off); b < doc_nblocks(d) && found ==
	    (size_t)-1; b++) {
		s = units(d, b, u, &n);
		for (i = 0; i < n; i++)
			if (s[i].end > off) {
				found = s[i].end;
				break;
			}
		free(s);
	}
	return found != (size_t)-1 ? found : len;
}

size_t
bounds_prev(const struct doc *d, size_t off, enum bounds_unit u)
{
	struct span	*s;
	size_t		 b, n, i, found = (size_t)-1;

	if (doc_nblocks(d) == 0)
		return 0;
	for (b = block_of(d, off) + 1; b-- > 0 && found == (size_t)-1;) {
		s = units(d, b, u, &n);
		for (i = n; i-- > 0;)
			if (s[i].start < off) {
				found = s[i].start;
				break;
			}
		free(s);
	}
	return found != (size_t)-1 ? found : 0;
}

int
bounds_sentence(const struct doc *d, size_t off, size_t *start, size_t *end)
{
	struct span	*s;
	size_t		 b, n, i;
	int		 rc = -1;

	for (b = doc_nblocks(d) > 0 ? block_of(d, off) : 0;
	    b < doc_nblocks(d) && rc == -1; b++) {
		s = units(d, b, BU_SENTENCE, &n);
		for (i = 0; i < n; i++)
			if (s[i].end > off) {
				*start = s[i].start;
				*end = s[i].end;
				rc = 0;
				break;
			}
		free(s);
	}
	return rc;
}
