/*
 * dump.h: the side-by-side rendering as plain text (--dump).
 */
#ifndef DIPTYCH_DUMP_H
#define DIPTYCH_DUMP_H

#include <stdio.h>

struct align;
struct doc;
struct overlay;
struct suggest;

/* Overlay layers of each column, for --overlays. */
struct dump_layers {
	struct overlay	*const *layer[2];	/* n[side] layers a side */
	size_t		 n[2];
};

/*
 * Write every aligned row, "LEFT │ RIGHT", each column padded with
 * spaces to its layout's width.  utf8 == 0 writes the separator " | "
 * and ASCII stand-ins for everything else; a cell holding a character
 * glyph_clean would replace (a bidirectional control) is written as
 * U+FFFD in its columns, or left out when it has none.  With ov, a
 * row that has cells under an overlay is followed by a line that shows,
 * under each such cell, the letter of the role that wins it
 * (overlay_role_letter), so overlays can be checked as text.  Returns 0, or -1 when writing
 * failed (errno set).
 */
int	dump_write(FILE *out, const struct align *a, int utf8,
	    const struct dump_layers *ov);

/*
 * Write one line per aligned section: "ID<TAB>LABEL<TAB>LEFT<TAB>RIGHT",
 * LEFT and RIGHT the 1-based dump row where the section starts in that
 * column, or "-" where that document has no such section.  Returns 0 or
 * -1 (errno set).  ID and LABEL go through glyph_clean: utf8 == 0
 * writes them in ASCII.
 */
int	dump_section_list(FILE *out, const struct align *a, int utf8);
/* dump_section_list for a UTF-8 terminal. */
int	dump_sections(FILE *out, const struct align *a);

/*
 * Write one line per suggested section of left and right (suggest.h):
 * "ID<TAB>LABEL<TAB>LEFT<TAB>RIGHT<TAB>SCORE", LEFT and RIGHT the
 * 1-based line of the file where the section starts in that document,
 * or "-" where it has no part in it; SCORE the similarity, "0.00" to
 * "1.00" whatever the locale, or "-" for a one-sided section.  ID and
 * LABEL go through glyph_clean (utf8 == 0: in ASCII).  Returns 0 or -1
 * (errno set).
 */
int	dump_suggest_list(FILE *out, const struct suggest *s,
	    const struct doc *left, const struct doc *right, int utf8);

#endif
