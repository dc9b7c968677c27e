/*
 * glyph.h: showing a grapheme cluster on a terminal that is not UTF-8.
 */
#ifndef DIPTYCH_GLYPH_H
#define DIPTYCH_GLYPH_H

#include <stddef.h>

/*
 * Write an ASCII stand-in for the grapheme cluster s[0..n) that takes
 * exactly width columns into out (width bytes, not NUL-terminated):
 * typographic quotes and dashes become their ASCII forms, letters with
 * accents lose them, box drawing becomes | and -, anything else is '?'.
 */
void	glyph_ascii(const char *s, size_t n, int width, char *out);

#endif
