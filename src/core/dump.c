/*
 * dump.c: the plain-text output device.
 *
 * It draws the same cells the screen draws (layout_cells) into a line
 * buffer, so --dump shows exactly the rows of the curses panes.  With
 * overlay layers, a second buffer gets, column for column, the letter of
 * the role that wins each cell, as the screen paints it.  The text of
 * the cells holds no control character (doc.c shows them as symbols)
 * and no bidirectional control (layout shows its name, "<RLO>"), so
 * nothing written here reorders the terminal's line.  Section labels
 * go through glyph_clean.  It lists the sections too, and the
 * suggested ones (suggest.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "diptych/align.h"
#include "diptych/doc.h"
#include "diptych/dump.h"
#include "diptych/glyph.h"
#include "diptych/layout.h"
#include "diptych/overlay.h"
#include "diptych/suggest.h"
#include "diptych/util.h"

struct line {
	struct buf	 b;
	int		 col;		/* columns written so far */
	int		 origin;	/* column where the current pane starts */
	int		 utf8;
	const struct dump_layers *ov;	/* or NULL */
	int		 side;
	struct buf	 roles;		/* the role letters, column for column */
	int		 rolecol;
	int		 any;		/* a cell of this row has a role */
	int		 seeded;	/* cursors set for this column */
	struct overlay_cursor *cur;
};

/* The letter of the winning role over the cell at off, or ' '. */
static char
role_at(struct line *ln, size_t off)
{
	struct overlay *const *layer = ln->ov->layer[ln->side];
	size_t	 k, n = ln->ov->n[ln->side];
	int	 best = -1;

	if (!ln->seeded) {
		for (k = 0; k < n; k++)
			overlay_cursor_init(&ln->cur[k], layer[k], off);
		ln->seeded = 1;
	}
	for (k = 0; k < n; k++)
		if (overlay_cursor_covers(&ln->cur[k], off) && (best < 0 ||
		    overlay_priority(layer[k]) >
		    overlay_priority(layer[best])))
			best = (int)k;
	return best < 0 ? ' ' : overlay_role_letter(overlay_role(layer[best]));
}

/* Whether s[0..n) holds a character glyph_clean would replace. */
static int
unsafe(const char *s, size_t n)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + n;
	ucs4_t		 uc;
	int		 len;

	for (; p < end; p += len)
		if ((len = u8_mbtoucr(&uc, p, (size_t)(end - p))) < 0)
			return 1;
		else if (glyph_unsafe((long)uc))
			return 1;
	return 0;
}

static void
pad(struct line *ln, int col)
{
	static const char spaces[] = "                                ";
	int n;

	while (ln->col < col) {
		n = col - ln->col;
		if (n > (int)sizeof(spaces) - 1)
			n = (int)sizeof(spaces) - 1;
		buf_add(&ln->b, spaces, (size_t)n);
		ln->col += n;
	}
}

static void
put_cell(const struct cell *c, void *arg)
{
	struct line	*ln = arg;
	char		 tmp[8];
	int		 k;

	pad(ln, ln->origin + c->col);
	if (ln->ov != NULL && c->off != CELL_NO_OFFSET) {
		char	 r = role_at(ln, c->off);

		for (; ln->rolecol < ln->col; ln->rolecol++)
			buf_addc(&ln->roles, ' ');
		for (k = 0; k < c->width; k++, ln->rolecol++)
			buf_addc(&ln->roles, r);
		if (r != ' ')
			ln->any = 1;
	}
	if (c->s[0] >= 0x20 && c->s[0] < 0x7f && c->n == (size_t)c->width)
		buf_add(&ln->b, c->s, c->n);	/* ASCII, in any locale */
	else if (ln->utf8 && !unsafe(c->s, c->n))
		buf_add(&ln->b, c->s, c->n);
	else if (ln->utf8) {
		/* Its stand-in, in the columns it was laid out in. */
		for (k = 0; k < c->width; k++)
			buf_adds(&ln->b, k == 0 ? "\xef\xbf\xbd" : " ");
	}
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
	ln->side = side;
	ln->seeded = 0;
	align_cells(a, i, side, ln->ov == NULL ? CELLS_RUNS : 0, put_cell,
	    ln);
	pad(ln, ln->origin + layout_width(align_layout(a, side)));
}

/* The role line of a row: letters, trailing blanks dropped. */
static void
end_roles(struct line *ln)
{
	while (ln->roles.len > 0 && ln->roles.data[ln->roles.len - 1] == ' ')
		ln->roles.len--;
	buf_addc(&ln->roles, '\n');
}

int
dump_write(FILE *out, const struct align *a, int utf8,
    const struct dump_layers *ov)
{
	struct line	 ln;
	size_t		 i, n = align_nrows(a);
	int		 rc = 0;

	memset(&ln, 0, sizeof(ln));
	buf_init(&ln.b);
	buf_init(&ln.roles);
	ln.utf8 = utf8;
	ln.ov = ov;
	if (ov != NULL)
		ln.cur = xcalloc(ov->n[0] + ov->n[1] + 1, sizeof(*ln.cur));
	for (i = 0; i < n && rc == 0; i++) {
		ln.b.len = 0;
		buf_add(&ln.b, "", 0);
		ln.roles.len = 0;
		buf_add(&ln.roles, "", 0);
		ln.rolecol = 0;
		ln.any = 0;
		ln.col = 0;
		put_row(&ln, a, i, SIDE_LEFT);
		buf_adds(&ln.b, utf8 ? " │ " : " | ");
		ln.col += 3;
		put_row(&ln, a, i, SIDE_RIGHT);
		buf_addc(&ln.b, '\n');
		if (fwrite(ln.b.data, 1, ln.b.len, out) != ln.b.len)
			rc = -1;
		if (ln.any) {
			end_roles(&ln);
			if (fwrite(ln.roles.data, 1, ln.roles.len, out) !=
			    ln.roles.len)
				rc = -1;
		}
	}
	buf_free(&ln.b);
	buf_free(&ln.roles);
	free(ln.cur);
	return rc == 0 && fflush(out) == 0 ? 0 : -1;
}

int
dump_sections(FILE *out, const struct align *a)
{
	return dump_section_list(out, a, 1);
}

int
dump_section_list(FILE *out, const struct align *a, int utf8)
{
	struct buf	 b;
	size_t		 i;
	int		 side;
	unsigned	 flags = utf8 ? GLYPH_UTF8 : 0;

	buf_init(&b);
	for (i = 0; i < align_nsections(a); i++) {
		const struct align_section *s = align_section(a, i);
		const char *id = *s->id ? s->id : "(start)";

		/* The part of a file before its first heading has no ID of
		   its own.  A label is the file's own words (a mark's, the
		   front matter's title): it may hold anything. */
		b.len = 0;
		glyph_clean(id, strlen(id), flags, &b);
		buf_addc(&b, '\t');
		glyph_clean(s->label, strlen(s->label), flags, &b);
		fputs(b.data, out);
		for (side = 0; side < 2; side++) {
			if (!s->in[side])
				fputs("\t-", out);
			else
				fprintf(out, "\t%zu", s->first + 1);
		}
		fputc('\n', out);
	}
	buf_free(&b);
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

int
dump_suggest_list(FILE *out, const struct suggest *s, const struct doc *left,
    const struct doc *right, int utf8)
{
	const struct doc *d[2] = { left, right };
	struct buf	 b;
	size_t		 i;
	unsigned	 flags = utf8 ? GLYPH_UTF8 : 0;
	long		 score;
	int		 side;

	buf_init(&b);
	for (i = 0; i < suggest_nsections(s); i++) {
		const struct suggest_section *c = suggest_section(s, i);

		b.len = 0;
		glyph_clean(c->id, strlen(c->id), flags, &b);
		buf_addc(&b, '\t');
		/* A label is a heading of the file: it may hold anything. */
		glyph_clean(c->label, strlen(c->label), flags, &b);
		for (side = 0; side < 2; side++) {
			if (c->block[side] < 0)
				buf_adds(&b, "\t-");
			else
				buf_printf(&b, "\t%d", doc_block(d[side],
				    (size_t)c->block[side])->line);
		}
		/* Hundredths, by hand: printf's %f would write the
		   locale's decimal comma. */
		score = (long)(c->score * 100 + 0.5);
		if (c->block[0] < 0 || c->block[1] < 0)
			buf_adds(&b, "\t-\n");
		else
			buf_printf(&b, "\t%ld.%02ld\n", score / 100,
			    score % 100);
		fputs(b.data, out);
	}
	buf_free(&b);
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
