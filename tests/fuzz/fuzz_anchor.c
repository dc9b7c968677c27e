/*
 * fuzz_anchor.c: libFuzzer harness for the anchor matcher.
 *
 * Input: four bytes for the selection's start and end, a byte of mode
 * (bit 0: the text is Markdown for doc_parse, else plain for
 * doc_plain, made NFC as a parsed essay's is), then the text, a NUL, and edits made to the text before
 * the passage is looked for again: each edit is an op byte, a position
 * byte and a length byte (0 insert the next length bytes, 1 delete,
 * 2 copy a span elsewhere, 3 upper-case a span).
 *
 * Checked: anchor_make's selectors are the text at their position
 * (code points), on cluster edges, with at most ANCHOR_CONTEXT code
 * points of context; the anchor finds itself EXACT in its own text;
 * in the edited text any range found lies inside it, on cluster edges,
 * is the quote itself when EXACT or MOVED (and at its position when
 * EXACT), and an orphan leaves the range alone.  An anchor without
 * context (as imported) and a copy find the same.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <uninorm.h>
#include <unistr.h>

#include "diptych/anchor.h"
#include "diptych/doc.h"
#include "diptych/util.h"
#include "check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * s[0..n) without what is not UTF-8 or is a control but '\n', in NFC:
 * a document's text is NFC (doc.h), which anchor_find relies on, but
 * doc_plain keeps its text's bytes.
 */
static char *
clean(const uint8_t *s, size_t n, size_t *len)
{
	struct buf	 b;
	uint8_t		*nfc;
	size_t		 nfclen = 0;
	const uint8_t	*end = s + n;
	ucs4_t		 uc;
	int		 l;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (; s < end; s += l) {
		l = u8_mbtouc(&uc, s, (size_t)(end - s));
		if (u8_check(s, (size_t)l) != NULL ||
		    (uc < 0x20 && uc != '\n') || (uc >= 0x7f && uc < 0xa0))
			continue;
		buf_add(&b, s, (size_t)l);
	}
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)b.data, b.len, NULL,
	    &nfclen);
	FUZZ_CHECK(nfc != NULL || b.len == 0);
	buf_free(&b);
	buf_init(&b);
	buf_add(&b, "", 0);
	buf_add(&b, nfc, nfclen);
	free(nfc);
	return buf_steal(&b, len);
}

/* The byte offset of code point cp of t[0..n), or n + 1 past its end. */
static size_t
cp_byte(const char *t, size_t n, size_t cp)
{
	const uint8_t	*p = (const uint8_t *)t, *end = p + n;
	ucs4_t		 uc;

	while (cp > 0 && p < end) {
		p += u8_mbtouc(&uc, p, (size_t)(end - p));
		cp--;
	}
	return cp > 0 ? n + 1 : (size_t)(p - (const uint8_t *)t);
}

static struct doc *
make_doc(const char *t, size_t n, int markdown)
{
	char		*err = NULL;
	struct doc	*d;

	if (!markdown)
		return doc_plain("fuzz.md", t, n);
	if ((d = doc_parse("fuzz.md", t, n, &err)) == NULL)
		free(err);
	return d;
}

/* The edits e[0..n) made to t[0..*len). */
static char *
edit(const char *t, size_t *len, const uint8_t *e, size_t n)
{
	struct buf	 b;
	size_t		 i = 0, pos, k, from;

	buf_init(&b);
	buf_add(&b, t, *len);
	while (i + 3 <= n) {
		pos = b.len > 0 ? e[i + 1] * b.len / 256 : 0;
		k = e[i + 2];
		switch (e[i] % 4) {
		case 0:
			if (k > n - i - 3)
				k = n - i - 3;
			buf_add(&b, e + i + 3, k);	/* room */
			memmove(b.data + pos + k, b.data + pos,
			    b.len - k - pos);
			memcpy(b.data + pos, e + i + 3, k);
			i += k;
			break;
		case 1:
			if (k > b.len - pos)
				k = b.len - pos;
			memmove(b.data + pos, b.data + pos + k,
			    b.len - pos - k);
			b.len -= k;
			break;
		case 2:
			from = b.len > 0 ? (size_t)e[i] * 7 % b.len : 0;
			if (k > b.len - from)
				k = b.len - from;
			{
				char *span = xstrndup(b.data + from, k);

				buf_add(&b, span, k);	/* room */
				memmove(b.data + pos + k, b.data + pos,
				    b.len - k - pos);
				memcpy(b.data + pos, span, k);
				free(span);
			}
			break;
		default:
			for (; k > 0 && pos < b.len; k--, pos++)
				if (b.data[pos] >= 'a' && b.data[pos] <= 'z')
					b.data[pos] -= 'a' - 'A';
			break;
		}
		b.data[b.len] = '\0';
		i += 3;
	}
	return buf_steal(&b, len);
}

/* Find a in d and check what anchor.h promises; returns the state. */
static enum anchor_state
find(const struct anchor *a, const struct doc *d, size_t *start,
    size_t *end)
{
	const char	*t;
	size_t		 n;
	enum anchor_state st;

	t = doc_text(d, &n);
	*start = *end = (size_t)-7;
	st = anchor_find(a, d, start, end);
	FUZZ_CHECK(st == ANCHOR_EXACT || st == ANCHOR_MOVED ||
	    st == ANCHOR_FUZZY || st == ANCHOR_ORPHAN);
	if (st == ANCHOR_ORPHAN) {
		FUZZ_CHECK(*start == (size_t)-7 && *end == (size_t)-7);
		return st;
	}
	FUZZ_CHECK(*start <= *end && *end <= n);
	FUZZ_CHECK(fuzz_char_edge(t, n, *start));
	FUZZ_CHECK(fuzz_char_edge(t, n, *end));
	FUZZ_CHECK(fuzz_cluster_edge(t, n, *start));
	FUZZ_CHECK(fuzz_cluster_edge(t, n, *end));
	if (st == ANCHOR_EXACT || st == ANCHOR_MOVED) {
		FUZZ_CHECK(*end - *start == strlen(a->exact));
		FUZZ_CHECK(memcmp(t + *start, a->exact, *end - *start) == 0);
	}
	if (st == ANCHOR_EXACT)
		FUZZ_CHECK(u8_mbsnlen((const uint8_t *)t, *start) == a->start);
	return st;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t	*nul;
	char		*t1, *t2;
	const char	*t;
	size_t		 n1, n2, n, s, e, at, s2, e2, s3, e3;
	struct doc	*d1, *d2;
	struct anchor	 a, c;
	enum anchor_state st;
	int		 markdown;

	if (size < 5)
		return 0;
	markdown = data[4] & 1;
	nul = memchr(data + 5, '\0', size - 5);
	t1 = clean(data + 5, nul ? (size_t)(nul - data - 5) : size - 5, &n1);
	if ((d1 = make_doc(t1, n1, markdown)) == NULL) {
		free(t1);
		return 0;
	}
	t = doc_text(d1, &n);
	s = (size_t)(data[0] | data[1] << 8) % (n + 1);
	e = (size_t)(data[2] | data[3] << 8) % (n + 1);

	anchor_make(&a, d1, s, e);
	FUZZ_CHECK(a.doc_id != NULL && a.exact != NULL);
	FUZZ_CHECK(strcmp(a.doc_id, anchor_doc_id(d1)) == 0);
	FUZZ_CHECK(a.hash == anchor_text_hash(d1));
	FUZZ_CHECK(a.start <= a.end);
	FUZZ_CHECK(u8_mbsnlen((const uint8_t *)a.exact, strlen(a.exact)) ==
	    a.end - a.start);
	at = cp_byte(t, n, a.start);
	FUZZ_CHECK(at <= n && at + strlen(a.exact) <= n);
	FUZZ_CHECK(memcmp(t + at, a.exact, strlen(a.exact)) == 0);
	FUZZ_CHECK(fuzz_cluster_edge(t, n, at));
	FUZZ_CHECK(fuzz_cluster_edge(t, n, at + strlen(a.exact)));
	FUZZ_CHECK(a.prefix != NULL && a.suffix != NULL);
	FUZZ_CHECK(u8_mbsnlen((const uint8_t *)a.prefix, strlen(a.prefix)) <=
	    ANCHOR_CONTEXT);
	FUZZ_CHECK(u8_mbsnlen((const uint8_t *)a.suffix, strlen(a.suffix)) <=
	    ANCHOR_CONTEXT);
	FUZZ_CHECK(strlen(a.prefix) <= at &&
	    memcmp(t + at - strlen(a.prefix), a.prefix, strlen(a.prefix)) == 0);
	FUZZ_CHECK(at + strlen(a.exact) + strlen(a.suffix) <= n &&
	    memcmp(t + at + strlen(a.exact), a.suffix, strlen(a.suffix)) == 0);

	/* In its own text, the passage is where it was made. */
	st = find(&a, d1, &s2, &e2);
	FUZZ_CHECK(st == ANCHOR_EXACT);
	FUZZ_CHECK(s2 == at && e2 == at + strlen(a.exact));

	/* In the edited text, wherever it is found. */
	n2 = n;
	t2 = edit(t, &n2, nul ? nul + 1 : data + size,
	    nul ? size - (size_t)(nul + 1 - data) : 0);
	t = t2;
	t2 = clean((const uint8_t *)t, n2, &n2);	/* edits split characters */
	free((char *)t);
	d2 = doc_plain("fuzz.md", t2, n2);
	st = find(&a, d2, &s2, &e2);
	anchor_copy(&c, &a);
	FUZZ_CHECK(find(&c, d2, &s3, &e3) == st);
	FUZZ_CHECK(st == ANCHOR_ORPHAN || (s3 == s2 && e3 == e2));
	/* Without context, as an import gives it. */
	free(c.prefix);
	free(c.suffix);
	c.prefix = c.suffix = NULL;
	(void)find(&c, d2, &s3, &e3);
	anchor_free(&c);
	anchor_free(&a);
	doc_free(d2);
	doc_free(d1);
	free(t2);
	free(t1);
	return 0;
}
