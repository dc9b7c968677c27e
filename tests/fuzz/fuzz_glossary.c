/*
 * fuzz_glossary.c: libFuzzer harness for the glossary parser, the term
 * matcher and the concordance (the input is a glossary, and the text its
 * terms are found in).
 *
 * Checked: hits are in order, do not overlap and lie on code point
 * edges of the text; each line of a term's concordance is one of them;
 * a word's lines are whole words; every context is valid UTF-8 with no
 * control, and no wider than it was asked to be.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diptych/concord.h"
#include "diptych/doc.h"
#include "diptych/glossary.h"
#include "diptych/layout.h"
#include "diptych/util.h"
#include "check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_lines(const struct concord *c, const struct doc *d, int cols)
{
	struct buf	 l, m, r;
	size_t		 i;

	buf_init(&l);
	buf_init(&m);
	buf_init(&r);
	for (i = 0; i < c->n; i++) {
		concord_kwic(d, &c->v[i], cols, cols, &l, &m, &r);
		FUZZ_CHECK(fuzz_utf8(l.data, l.len) &&
		    !fuzz_controls(l.data, l.len));
		FUZZ_CHECK(fuzz_utf8(m.data, m.len) &&
		    !fuzz_controls(m.data, m.len) &&
		    memchr(m.data, '\n', m.len) == NULL);
		FUZZ_CHECK(fuzz_utf8(r.data, r.len) &&
		    !fuzz_controls(r.data, r.len));
		FUZZ_CHECK(layout_text_width(l.data, l.len) <= cols);
		FUZZ_CHECK(layout_text_width(r.data, r.len) <= cols);
		FUZZ_CHECK(concord_section(d, &c->v[i]) != NULL);
	}
	buf_free(&l);
	buf_free(&m);
	buf_free(&r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct glossary	*g = glossary_new();
	struct term_hit	*hits, *dh[2];
	struct concord	 c;
	struct doc	*d;
	const char	*text;
	char		*err = NULL;
	size_t		 n, len, i, dn[2];

	if (glossary_load(g, "fuzz.md", (const char *)data, size, &err) != 0) {
		free(err);
		glossary_free(g);
		return 0;
	}
	hits = glossary_match(g, (const char *)data, size, &n);
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(hits[i].start < hits[i].end && hits[i].end <= size);
		FUZZ_CHECK(i == 0 || hits[i].start >= hits[i - 1].end);
		FUZZ_CHECK(hits[i].term < glossary_nterms(g));
		FUZZ_CHECK(fuzz_char_edge((const char *)data, size,
		    hits[i].start) && fuzz_char_edge((const char *)data,
		    size, hits[i].end));
	}
	free(hits);

	/* The same as a document: the concordance of each term, and of a
	   word and a prefix, on both sides. */
	if (fuzz_utf8((const char *)data, size)) {
		const struct doc *both[2];

		d = doc_plain("fuzz", (const char *)data, size);
		both[0] = both[1] = d;
		text = doc_text(d, &len);
		dh[0] = dh[1] = glossary_match(g, text, len, &dn[0]);
		dn[1] = dn[0];
		memset(&c, 0, sizeof(c));
		for (i = 0; i < glossary_nterms(g) && i < 8; i++) {
			concord_term(&c, g, i, dh, dn);
			FUZZ_CHECK(c.count[0] == c.count[1] &&
			    c.n == c.count[0] + c.count[1]);
			check_lines(&c, d, 6);
			check_lines(&c, d, 40);
		}
		if (glossary_nterms(g) > 0 && concord_word(&c, both,
		    glossary_term(g, 0)->name) == 0) {
			FUZZ_CHECK(c.count[0] == c.count[1]);
			check_lines(&c, d, 12);
		}
		if (concord_word(&c, both, "a*") == 0)
			check_lines(&c, d, 12);
		concord_free(&c);
		free(dh[0]);
		doc_free(d);
	}
	glossary_free(g);
	return 0;
}
