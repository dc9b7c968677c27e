/*
 * dump.c: the plain-text output device.
 *
 * It draws the same cells the screen draws (layout_cells) into a line
 * buffer, so --dump shows exactly the rows of the curses panes.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

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

/* Append row i of l, padded to the layout's width. */
static void
put_row(struct line *ln, const struct layout *l, size_t i)
{
	ln->origin = ln->col;
	layout_cells(l, i, put_cell, ln);
	pad(ln, ln->origin + layout_width(l));
}

int
dump_write(FILE *out, const struct layout *left, const struct layout *right,
    int utf8)
{
	struct line	 ln;
	size_t		 i, nl = layout_nrows(left), nr = layout_nrows(right);
	size_t		 n = nl > nr ? nl : nr;

	buf_init(&ln.b);
	ln.utf8 = utf8;
	for (i = 0; i < n; i++) {
		ln.b.len = 0;
		buf_add(&ln.b, "", 0);
		ln.col = 0;
		put_row(&ln, left, i);
		buf_adds(&ln.b, utf8 ? " │ " : " | ");
		ln.col += 3;
		put_row(&ln, right, i);
		buf_addc(&ln.b, '\n');
		if (fwrite(ln.b.data, 1, ln.b.len, out) != ln.b.len) {
			buf_free(&ln.b);
			return -1;
		}
	}
	buf_free(&ln.b);
	return fflush(out) == 0 ? 0 : -1;
}
