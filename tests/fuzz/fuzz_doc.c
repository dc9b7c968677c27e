/*
 * fuzz_doc.c: libFuzzer harness for the essay parser and everything
 * that consumes a document: layout at several widths, cells, alignment
 * with itself, the section list and both dump outputs.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diptych/align.h"
#include "diptych/doc.h"
#include "diptych/dump.h"
#include "diptych/layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
sink(const struct cell *c, void *arg)
{
	size_t *n = arg;

	*n += c->n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int widths[] = { 1, 7, 38 };
	struct doc	*d;
	char		*err = NULL;
	size_t		 i, k, n = 0;
	static FILE	*devnull;

	if (devnull == NULL)
		devnull = fopen("/dev/null", "w");
	d = doc_parse("fuzz.md", (const char *)data, size, &err);
	if (d == NULL) {
		free(err);
		return 0;
	}
	{
		/* In small pieces, the same document (doc.c, DOC_CHUNK). */
		struct doc	*c = doc_parse_chunked("fuzz.md",
		    (const char *)data, size, 7, &err);
		size_t		 la, lb;
		const char	*ta = doc_text(d, &la), *tb;

		if (c == NULL)
			abort();
		tb = doc_text(c, &lb);
		if (la != lb || memcmp(ta, tb, la) != 0 ||
		    doc_nblocks(c) != doc_nblocks(d) ||
		    doc_nruns(c) != doc_nruns(d) ||
		    doc_nlinks(c) != doc_nlinks(d) ||
		    doc_nsections(c) != doc_nsections(d) ||
		    doc_nproblems(c) != doc_nproblems(d))
			abort();
		for (k = 0; k < doc_nblocks(d); k++)
			if (doc_block(c, k)->start != doc_block(d, k)->start ||
			    doc_block(c, k)->gap != doc_block(d, k)->gap ||
			    doc_block(c, k)->line != doc_block(d, k)->line ||
			    strcmp(doc_block(c, k)->prefix1,
			    doc_block(d, k)->prefix1) != 0)
				abort();
		doc_free(c);
	}
	for (k = 0; k < sizeof(widths) / sizeof(widths[0]); k++) {
		struct layout	*l = layout_new(d, widths[k]);
		struct layout	*r = layout_new(d, widths[k] + 3);
		struct align	*a = align_new(l, r);

		for (i = 0; i < align_nrows(a); i++) {
			size_t	 one = 0, runs = 0;
			int	 w1, w2;

			/* Runs of ASCII as one cell: the same bytes and
			   columns as cluster by cluster. */
			w1 = align_cells(a, i, SIDE_LEFT, 0, sink, &one);
			w2 = align_cells(a, i, SIDE_LEFT, CELLS_RUNS, sink,
			    &runs);
			if (w1 != w2 || one != runs)
				abort();
			n += one;
			align_cells(a, i, SIDE_RIGHT, CELLS_RUNS, sink, &n);
		}
		{
			/* The fast paths lay out as libunistring does
			   for every character (layout.c, fill_plain). */
			struct layout	*full;
			size_t		 nf, nr, one = 0, other = 0;

			layout_fast_paths(0);
			full = layout_new(d, widths[k]);
			nf = layout_nrows(full);
			for (i = 0; i < nf; i++)
				layout_cells(full, i, sink, &one);
			layout_fast_paths(1);
			nr = layout_nrows(l);
			for (i = 0; i < nr; i++)
				layout_cells(l, i, sink, &other);
			if (nf != nr || one != other)
				abort();
			for (i = 0; i < nr; i++)
				if (layout_row(full, i)->start !=
				    layout_row(l, i)->start ||
				    layout_row(full, i)->end !=
				    layout_row(l, i)->end)
					abort();
			layout_free(full);
		}
		for (i = 0; i < doc_nsections(d); i++)
			(void)layout_row_at(l, doc_section(d, i)->offset);
		if (devnull != NULL) {
			dump_sections(devnull, a);
			dump_write(devnull, a, k % 2, NULL);
		}
		align_free(a);
		layout_free(l);
		layout_free(r);
	}
	doc_free(d);
	return 0;
}
