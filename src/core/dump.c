/*
 * dump.c: the plain-text output device.
 *
 * It draws the same cells the screen draws (layout_cells) into a line
 * buffer, so --dump shows exactly the rows of the curses panes.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "diptych/align.h"
#include "diptych/doc.h"
#include "diptych/dump.h"
#include "diptych/glyph.h"
#include "diptych/layout.h"
#include "diptych/util.h"

struct line {
	struct buf	 b;
	int		 col;		/* columns written so far */
	int		 origin;	/* column where the current pane starts */
	int		 utf8;
};

static void
pad(struct line *ln, int col)
{
	while (ln->col < col) {
		buf_addc(&ln->b, ' ');
		ln->col++;
	}
}

static void
put_cell(const struct cell *c, void *arg)
{
	struct line	*ln = arg;
	char		 tmp[8];

	pad(ln, ln->origin + c->col);
	if (ln->utf8)
		buf_add(&ln->b, c->s, c->n);
	else {
		glyph_ascii(c->s, c->n, c->width, tmp);
		buf_add(&ln->b, tmp, (size_t)c->width);
	}
	ln->col += c->width;
}

/* Append column side of aligned row i, padded to the column's width. */
static void
put_row(struct line *ln, const struct align *a, size_t i, int side)
{
	ln->origin = ln->col;
	align_cells(a, i, side, put_cell, ln);
	pad(ln, ln->origin + layout_width(align_layout(a, side)));
}

int
dump_write(FILE *out, const struct align *a, int utf8)
{
	struct line	 ln;
	size_t		 i, n = align_nrows(a);

	buf_init(&ln.b);
	ln.utf8 = utf8;
	for (i = 0; i < n; i++) {
		ln.b.len = 0;
		buf_add(&ln.b, "", 0);
		ln.col = 0;
		put_row(&ln, a, i, SIDE_LEFT);
		buf_adds(&ln.b, utf8 ? " │ " : " | ");
		ln.col += 3;
		put_row(&ln, a, i, SIDE_RIGHT);
		buf_addc(&ln.b, '\n');
		if (fwrite(ln.b.data, 1, ln.b.len, out) != ln.b.len) {
			buf_free(&ln.b);
			return -1;
		}
	}
	buf_free(&ln.b);
	return fflush(out) == 0 ? 0 : -1;
}

int
dump_sections(FILE *out, const struct align *a)
{
	size_t	 i;
	int	 side;

	for (i = 0; i < align_nsections(a); i++) {
		const struct align_section *s = align_section(a, i);

		/* The part of a file before its first heading has no ID of
		   its own. */
		fprintf(out, "%s\t%s", *s->id ? s->id : "(start)", s->label);
		for (side = 0; side < 2; side++) {
			if (s->sec[side] < 0)
				fputs("\t-", out);
			else
				fprintf(out, "\t%zu", s->first + 1);
		}
		fputc('\n', out);
	}
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
