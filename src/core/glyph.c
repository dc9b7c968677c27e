/*
 * glyph.c: ASCII stand-ins for grapheme clusters, width for width.
 *
 * Used by every output device when the locale is not UTF-8: a stand-in
 * always fills exactly the columns the cluster was laid out in, so the
 * layout (and the divider between the panes) never shifts.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <uninorm.h>
#include <unistr.h>

#include "diptych/glyph.h"

static const struct {
	ucs4_t	 uc;
	char	 c;
} ascii_map[] = {
	{ 0x00a0, ' ' },	/* no-break space */
	{ 0x00ab, '"' }, { 0x00bb, '"' },
	{ 0x00b7, '.' },	/* middle dot */
	{ 0x2010, '-' }, { 0x2011, '-' }, { 0x2012, '-' },
	{ 0x2013, '-' }, { 0x2014, '-' }, { 0x2015, '-' },
	{ 0x2018, '\'' }, { 0x2019, '\'' }, { 0x201a, ',' },
	{ 0x201c, '"' }, { 0x201d, '"' }, { 0x201e, '"' },
	{ 0x2022, '*' },	/* bullet */
	{ 0x2026, '.' },	/* ellipsis: one column, one dot */
	{ 0x2032, '\'' }, { 0x2033, '"' },
	{ 0x2039, '<' }, { 0x203a, '>' },
	{ 0x2212, '-' },	/* minus */
	{ 0x2261, '=' },	/* identical to: matches on the overview bar */
	{ 0x2500, '-' },	/* box drawings light horizontal */
	{ 0x2502, '|' },	/* box drawings light vertical */
	{ 0x2503, '#' },	/* heavy vertical: the bar's part in view */
	{ 0x250a, ':' },	/* dashed vertical: the rest of the bar */
	{ 0x250c, '+' }, { 0x2510, '+' },	/* box corners */
	{ 0x2514, '+' }, { 0x2518, '+' },
	{ 0x2550, '=' },	/* double horizontal: under a level 1 heading */
	{ 0x2194, '=' },	/* left right arrow: a link's two ends */
	{ 0x21b3, '>' },	/* down arrow, tip right: a reply */
	{ 0x2590, '*' },	/* right half block: a noted row's mark */
	{ 0x25b8, '>' },	/* small right triangle: current item */
	{ 0x25c6, '@' },	/* black diamond: the current match */
	{ 0x25c7, 'o' },	/* white diamond: the term's occurrences */
	{ 0x3000, ' ' },	/* ideographic space */
};

/* The ASCII character standing for uc, or 0. */
static char
ascii_of(ucs4_t uc)
{
	uint8_t	 in[6], *nfd;
	size_t	 i, n, len = 0;
	ucs4_t	 base;
	char	 c = 0;

	if (uc < 0x80)
		return uc >= 0x20 && uc != 0x7f ? (char)uc : 0;
	for (i = 0; i < sizeof(ascii_map) / sizeof(ascii_map[0]); i++)
		if (ascii_map[i].uc == uc)
			return ascii_map[i].c;
	if (uc >= 0xff01 && uc <= 0xff5e)	/* fullwidth forms */
		return (char)(uc - 0xff01 + 0x21);
	/* A letter with marks: its decomposition may start with ASCII. */
	n = (size_t)u8_uctomb(in, uc, sizeof(in));
	if ((nfd = u8_normalize(UNINORM_NFKD, in, n, NULL, &len)) == NULL)
		return 0;
	if (len > 0 && u8_mbtouc(&base, nfd, len) > 0 && base >= 0x20 &&
	    base < 0x7f)
		c = (char)base;
	free(nfd);
	return c;
}

void
glyph_ascii(const char *s, size_t n, int width, char *out)
{
	ucs4_t	 uc = 0xfffd;
	char	 c = 0;
	int	 i;

	if (n > 0 && u8_mbtouc(&uc, (const uint8_t *)s, n) > 0)
		c = ascii_of(uc);
	if (c == 0) {
		memset(out, '?', (size_t)width);
		return;
	}
	out[0] = c;
	for (i = 1; i < width; i++)
		out[i] = ' ';
}
