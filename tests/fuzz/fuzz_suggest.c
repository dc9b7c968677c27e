/*
 * fuzz_suggest.c: libFuzzer harness for suggested section pairs
 * (suggest.h) and their listing (dump_suggest_list).
 *
 * The input is two essays, split at its first NUL byte (else in the
 * middle).  Each is parsed; the pair is suggested, and so is the left
 * one against itself.  Checked: the beads cover every unit of both
 * sides once and in order; sections are in order on each side, start
 * at a block's start and have a label of valid UTF-8; scores are within
 * 0..1; the cells are within the whole table; and a text against
 * itself pairs each bead with the same blocks.  Both listings (UTF-8
 * and ASCII) are written to /dev/null.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diptych/doc.h"
#include "diptych/dump.h"
#include "diptych/suggest.h"
#include "check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(const struct suggest *s, const struct doc *l, const struct doc *r,
    int same)
{
	const struct doc *d[2] = { l, r };
	size_t		 i, units[2] = { 0, 0 }, last[2] = { 0, 0 };
	long		 next[2] = { -1, -1 };
	int		 k, any[2] = { 0, 0 };

	FUZZ_CHECK(suggest_cells(s) <= (suggest_nunits(s, 0) + 1) *
	    (suggest_nunits(s, 1) + 1));
	for (i = 0; i < suggest_nbeads(s); i++) {
		const struct suggest_bead *b = suggest_bead(s, i);

		FUZZ_CHECK(b->n[0] > 0 || b->n[1] > 0);
		FUZZ_CHECK(b->score >= 0 && b->score <= 1);
		/* A unit without words pairs with nothing, not even its
		   copy; the rest pair with their copies. */
		if (same && b->n[0] > 0 && b->n[1] > 0)
			FUZZ_CHECK(b->n[0] == b->n[1] &&
			    b->first[0] == b->first[1] &&
			    b->last[0] == b->last[1]);
		for (k = 0; k < 2; k++) {
			if (b->n[k] == 0)
				continue;
			FUZZ_CHECK(b->first[k] > next[k] &&
			    b->last[k] >= b->first[k] &&
			    (size_t)b->last[k] < doc_nblocks(d[k]));
			next[k] = b->last[k];
			units[k] += (size_t)b->n[k];
		}
	}
	for (k = 0; k < 2; k++)
		FUZZ_CHECK(units[k] == suggest_nunits(s, k));
	for (i = 0; i < suggest_nsections(s); i++) {
		const struct suggest_section *c = suggest_section(s, i);

		FUZZ_CHECK(fuzz_utf8(c->label, strlen(c->label)) &&
		    !fuzz_controls(c->label, strlen(c->label)));
		FUZZ_CHECK(c->score >= 0 && c->score <= 1);
		FUZZ_CHECK(c->block[0] >= 0 || c->block[1] >= 0);
		for (k = 0; k < 2; k++) {
			if (c->block[k] < 0) {
				FUZZ_CHECK(c->offset[k] == SUGGEST_NONE);
				continue;
			}
			FUZZ_CHECK((size_t)c->block[k] < doc_nblocks(d[k]) &&
			    c->offset[k] == doc_block(d[k],
			    (size_t)c->block[k])->start);
			FUZZ_CHECK(!any[k] || c->offset[k] > last[k]);
			last[k] = c->offset[k];
			any[k] = 1;
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*p = (const char *)data;
	const char	*nul = memchr(p, '\0', size);
	size_t		 half = nul != NULL ? (size_t)(nul - p) : size / 2;
	struct doc	*l, *r;
	struct suggest	*s;
	char		*err = NULL;
	static FILE	*devnull;

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	if ((l = doc_parse("left.md", p, half, &err)) == NULL) {
		free(err);
		return 0;
	}
	if (nul != NULL)
		half++;
	if ((r = doc_parse("right.md", p + half, size - half, &err)) == NULL) {
		free(err);
		doc_free(l);
		return 0;
	}
	s = suggest_new(l, r);
	check(s, l, r, 0);
	FUZZ_CHECK(dump_suggest_list(devnull, s, l, r, 1) == 0 &&
	    dump_suggest_list(devnull, s, l, r, 0) == 0);
	suggest_free(s);
	s = suggest_new(l, l);
	check(s, l, l, 1);
	suggest_free(s);
	doc_free(l);
	doc_free(r);
	return 0;
}
