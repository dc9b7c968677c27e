/*
 * glyph.c: what may reach a terminal, and stand-ins for what may not.
 *
 * glyph_ascii: ASCII stand-ins for grapheme clusters, width for width,
 * used by every output device when the locale is not UTF-8: a stand-in
 * always fills exactly the columns the cluster was laid out in, so the
 * layout (and the divider between the panes) never shifts.
 *
 * glyph_clean: the one filter for text written to a terminal outside
 * the panes (--sections, --terms, --check, --export to a terminal, every
 * message).  Its invariant: what it appends holds no C0 or C1 control
 * (but '\n', '\t' and "\r\n" when asked), no DEL, no bidirectional
 * control and no byte that is not UTF-8, and, when not UTF-8, no byte
 * above 0x7f: each is shown by a visible stand-in instead.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "diptych/glyph.h"
#include "diptych/util.h"

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

	for (i = 0; i < width && (size_t)i < n && s[i] >= 0x20 &&
	    s[i] < 0x7f; i++)
		;
	if (i == width && (size_t)i == n) {
		memcpy(out, s, n);	/* ASCII already: a flag, "<RLO>" */
		return;
	}
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

/* The names of the C0 controls, as ASCII and Unicode give them. */
static const char *const c0_names[32] = {
	"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
	"BS", "TAB", "LF", "VT", "FF", "CR", "SO", "SI",
	"DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
	"CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"
};

/* The bidirectional controls: they reorder what a terminal shows. */
static const struct {
	ucs4_t		 uc;
	const char	*name;
	const char	*standin;	/* as the panes show it */
} bidi_names[] = {
	{ 0x061c, "ALM", "<ALM>" },	/* Arabic letter mark */
	{ 0x200e, "LRM", "<LRM>" },	/* marks */
	{ 0x200f, "RLM", "<RLM>" },
	{ 0x202a, "LRE", "<LRE>" },	/* embeddings */
	{ 0x202b, "RLE", "<RLE>" },
	{ 0x202c, "PDF", "<PDF>" },
	{ 0x202d, "LRO", "<LRO>" },	/* overrides */
	{ 0x202e, "RLO", "<RLO>" },
	{ 0x2066, "LRI", "<LRI>" },	/* isolates */
	{ 0x2067, "RLI", "<RLI>" },
	{ 0x2068, "FSI", "<FSI>" },
	{ 0x2069, "PDI", "<PDI>" },
};

/* The Control Pictures U+2400-241F, then U+2421 and U+FFFD, in UTF-8. */
static const char pictures[] =
    "\u2400\u2401\u2402\u2403\u2404\u2405\u2406\u2407"
    "\u2408\u2409\u240a\u240b\u240c\u240d\u240e\u240f"
    "\u2410\u2411\u2412\u2413\u2414\u2415\u2416\u2417"
    "\u2418\u2419\u241a\u241b\u241c\u241d\u241e\u241f"
    "\u2421\ufffd";

/* The C1 controls terminals act on, by name; NULL for the others. */
static const char *
c1_name(ucs4_t uc)
{
	switch (uc) {
	case 0x85:	return "NEL";
	case 0x90:	return "DCS";
	case 0x9b:	return "CSI";
	case 0x9c:	return "ST";
	case 0x9d:	return "OSC";
	case 0x9e:	return "PM";
	case 0x9f:	return "APC";
	default:	return NULL;
	}
}

static int
bidi_find(ucs4_t uc)
{
	size_t i;

	if (uc != 0x061c && (uc < 0x200e || uc > 0x2069))
		return -1;		/* the table's bounds */
	for (i = 0; i < sizeof(bidi_names) / sizeof(bidi_names[0]); i++)
		if (bidi_names[i].uc == uc)
			return (int)i;
	return -1;
}

static const char *
bidi_name(ucs4_t uc)
{
	int i = bidi_find(uc);

	return i >= 0 ? bidi_names[i].name : NULL;
}

int
glyph_unsafe(long uc)
{
	if (uc < 0)
		return 1;			/* not UTF-8 */
	if (uc < 0x20 || uc == 0x7f || (uc >= 0x80 && uc < 0xa0))
		return 1;
	return bidi_name((ucs4_t)uc) != NULL;
}

const char *
glyph_name(long uc)
{
	const char *n;

	if (uc < 0)
		return "a byte that is not UTF-8";
	if (uc < 0x20)
		return c0_names[uc];
	if (uc == 0x7f)
		return "DEL";
	if (uc >= 0x80 && uc < 0xa0)
		return (n = c1_name((ucs4_t)uc)) != NULL ? n : "C1 control";
	if ((n = bidi_name((ucs4_t)uc)) != NULL)
		return n;
	return "character";
}

int
glyph_standin(long uc, const char **s, size_t *n)
{
	int i;

	if (!glyph_unsafe(uc))
		return 0;
	if (uc >= 0 && (i = bidi_find((ucs4_t)uc)) >= 0) {
		*s = bidi_names[i].standin;
		*n = strlen(*s);
		return (int)*n;
	}
	*s = pictures + 3 * (uc >= 0 && uc < 0x20 ? uc : uc == 0x7f ? 32 : 33);
	*n = 3;
	return 1;
}

/*
 * Append the stand-in of unsafe uc (-1: a bad byte): the panes' in
 * UTF-8 (a bidirectional control's name is ASCII anyway), caret
 * notation or '?' without.
 */
static void
stand_in(long uc, unsigned flags, struct buf *out)
{
	const char	*s;
	size_t		 n;

	if (glyph_standin(uc, &s, &n) > 1 || (flags & GLYPH_UTF8))
		buf_add(out, s, n);
	else if (uc >= 0 && uc < 0x20) {
		buf_addc(out, '^');
		buf_addc(out, (char)('@' + uc));
	} else if (uc == 0x7f)
		buf_adds(out, "^?");
	else
		buf_addc(out, '?');
}

size_t
glyph_clean(const char *s, size_t n, unsigned flags, struct buf *out)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + n;
	ucs4_t		 uc;
	size_t		 bad = 0;
	int		 len;
	char		 c;

	buf_add(out, "", 0);
	while (p < end) {
		len = u8_mbtoucr(&uc, p, (size_t)(end - p));
		if (len < 0) {			/* a byte that is not UTF-8 */
			stand_in(-1, flags, out);
			bad++;
			p++;
			continue;
		}
		if ((flags & GLYPH_LINES) && (uc == '\n' || uc == '\t' ||
		    (uc == '\r' && p + 1 < end && p[1] == '\n')))
			buf_addc(out, (char)uc);
		else if (glyph_unsafe((long)uc)) {
			stand_in((long)uc, flags, out);
			bad++;
		} else if ((flags & GLYPH_UTF8) || uc < 0x80)
			buf_add(out, p, (size_t)len);
		else if (uc_width(uc, "UTF-8") == 0)
			;			/* a mark: its base stands */
		else
			buf_addc(out, (c = ascii_of(uc)) != 0 ? c : '?');
		p += len;
	}
	return bad;
}

void
glyph_cut(struct buf *b, size_t from, int cols, unsigned flags)
{
	const uint8_t	*p, *end;
	ucs4_t		 uc;
	int		 len, w, col = 0, more = (flags & GLYPH_UTF8) ? 1 : 3;
	size_t		 keep = (size_t)-1;

	if (from >= b->len || cols <= more)
		return;
	p = (const uint8_t *)b->data + from;
	end = (const uint8_t *)b->data + b->len;
	while (p < end) {
		len = u8_mbtouc(&uc, p, (size_t)(end - p));
		w = uc_width(uc, "UTF-8");
		if (w < 0)
			w = 1;
		if (col + w > cols - more && keep == (size_t)-1)
			keep = (size_t)((const char *)p - b->data);
		col += w;
		if (col > cols)
			break;
		p += len;
	}
	if (col <= cols)
		return;
	b->len = keep;
	buf_adds(b, (flags & GLYPH_UTF8) ? "\u2026" : "...");
}
