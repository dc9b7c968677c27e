/*
 * glyph.h: showing text safely on a terminal, UTF-8 or not.
 */
#ifndef DIPTYCH_GLYPH_H
#define DIPTYCH_GLYPH_H

#include <stddef.h>

struct buf;

/*
 * Write an ASCII stand-in for the grapheme cluster s[0..n) that takes
 * exactly width columns into out (width bytes, not NUL-terminated):
 * typographic quotes and dashes become their ASCII forms, letters with
 * accents lose them, box drawing becomes | and -, anything else is '?'.
 * A cell of printable ASCII as wide as it is long (layout's stand-ins:
 * a flag's letters, "<RLO>") is copied as it is.
 */
void	glyph_ascii(const char *s, size_t n, int width, char *out);

/* glyph_clean's flags. */
enum {
	GLYPH_UTF8 = 1,		/* the terminal takes UTF-8 */
	GLYPH_LINES = 2		/* keep '\n', '\t' and "\r\n" (text of lines) */
};

/*
 * Append s[0..n) to out as text safe for a terminal: every C0 control
 * (but, with GLYPH_LINES, '\n', '\t' and a '\r' before '\n'), DEL, C1
 * control and byte that is not UTF-8 is replaced by a visible stand-in,
 * and so is every bidirectional control (U+061C, U+200E/F, U+202A-202E,
 * U+2066-2069), which becomes its name: "<RLO>".  With GLYPH_UTF8 a
 * C0 control is its Control Picture (ESC: U+241B), DEL U+2421, a C1
 * control or bad byte U+FFFD, and the rest is kept as it is; without,
 * ESC is "^[", DEL "^?", a C1 control or bad byte '?', and every other
 * character beyond ASCII its ASCII stand-in (glyph_ascii's), or '?'.
 * Returns how many characters were replaced (0: s was safe as it is).
 */
size_t	glyph_clean(const char *s, size_t n, unsigned flags, struct buf *out);

/*
 * Whether glyph_clean replaces code point uc (-1: a byte that is not
 * UTF-8), lines aside; and its short name ("ESC", "CSI", "RLO", ...)
 * for messages, a static string.
 */
int		 glyph_unsafe(long uc);
const char	*glyph_name(long uc);

/*
 * What the panes show for unsafe code point uc, '\n' and '\t' aside
 * (callers lay those out themselves): a C0 control's Control Picture
 * (ESC: U+241B), U+2421 for DEL, U+FFFD for a C1 control or a byte that
 * is not UTF-8 (-1), a bidirectional control's name ("<RLO>").  Sets
 * *s and *n to the stand-in's UTF-8 (static) and returns its columns;
 * 0 when uc is safe.
 */
int		 glyph_standin(long uc, const char **s, size_t *n);

/*
 * Cut the UTF-8 text of b from byte from to at most cols columns: a
 * longer one loses its end, which becomes "\u2026" (GLYPH_UTF8 in flags)
 * or "...".
 */
void	glyph_cut(struct buf *b, size_t from, int cols, unsigned flags);

#endif
