/*
 * dump.h: the side-by-side rendering as plain text (--dump).
 */
#ifndef DIPTYCH_DUMP_H
#define DIPTYCH_DUMP_H

#include <stdio.h>

struct layout;

/*
 * Write every row of the two layouts side by side, "LEFT │ RIGHT", each
 * column padded with spaces to its layout's width.  utf8 == 0 writes the
 * separator " | " and ASCII stand-ins for everything else.  Returns 0,
 * or -1 when writing failed (errno set).
 */
int	dump_write(FILE *out, const struct layout *left,
	    const struct layout *right, int utf8);

#endif
