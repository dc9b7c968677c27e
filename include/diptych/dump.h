/*
 * dump.h: the side-by-side rendering as plain text (--dump).
 */
#ifndef DIPTYCH_DUMP_H
#define DIPTYCH_DUMP_H

#include <stdio.h>

struct align;

/*
 * Write every aligned row, "LEFT │ RIGHT", each column padded with
 * spaces to its layout's width.  utf8 == 0 writes the separator " | "
 * and ASCII stand-ins for everything else.  Returns 0, or -1 when
 * writing failed (errno set).
 */
int	dump_write(FILE *out, const struct align *a, int utf8);

/*
 * Write one line per aligned section: "ID<TAB>LABEL<TAB>LEFT<TAB>RIGHT",
 * LEFT and RIGHT the 1-based dump row where the section starts in that
 * column, or "-" where that document has no such section.  Returns 0 or
 * -1 (errno set).
 */
int	dump_sections(FILE *out, const struct align *a);

#endif
