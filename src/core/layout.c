/*
 * layout.c: a document -> display rows at a width.
 *
 * Each block is wrapped on its own with libunistring's UAX #14 line
 * break opportunities and East Asian widths, filling rows greedily.  A
 * piece
 * that is still wider than the pane (a long URL with no opportunity, a
 * code line) is cut at grapheme cluster boundaries, so no character is
 * ever lost or split.  Blank rows stand between blocks as the document
 * asks (struct doc_block.gap).
 *
 * Invariants: rows are in text order (start never decreases); a text
 * row's cells fit in the width; trailing spaces of a wrapped row are not
 * part of it.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unistr.h>
#include <unilbrk.h>
#include <uniwidth.h>

#include "diptych/doc.h"
#include "diptych/glyph.h"
#include "diptych/layout.h"
#include "diptych/util.h"

struct layout {
	const struct doc	*d;
	int			 width;
	struct layout_row	*rows;
	size_t			 nrows, cap;
	size_t			 next;	/* the first block not laid out */
	char			*brk;	/* line breaks of a block, reused */
	size_t			 brkcap;
};

static size_t	 rows_built;	/* rows laid out by this process */
static int	 fast_paths = 1;	/* see layout_fast_paths */

static const char enc[] = "UTF-8";

/*
 * Columns of the prefix of block b as drawn at this width: the prefix is
 * dropped when it would leave less than half of a narrow pane for text.
 */
static int
prefix_width(const struct layout *l, const struct doc_block *b)
{
	int w;

	if (b->prefix[0] == '\0')
		return 0;		/* most blocks: no container */
	w = u8_strwidth((const uint8_t *)b->prefix, enc);

	if (w > 0 && l->width - w < 8 && l->width - w < l->width / 2)
		return 0;
	return w;
}

static void
add_row(struct layout *l, enum layout_row_kind kind, size_t start,
    size_t end, long block, int first)
{
	struct layout_row *r;

	l->rows = xgrow(l->rows, &l->cap, l->nrows + 1, sizeof(*l->rows));
	r = &l->rows[l->nrows++];
	rows_built++;
	r->kind = kind;
	r->start = start;
	r->end = end;
	r->block = block;
	r->first = first;
}

#define NO_RUNS ((size_t)-1)

/* Whether p[0..4) is a regional indicator (U+1F1E6-1F1FF). */
#define IS_RI(p, end) ((end) - (p) >= 4 && (p)[0] == 0xf0 && \
	(p)[1] == 0x9f && (p)[2] == 0x87 && (p)[3] >= 0xa6 && (p)[3] <= 0xbf)

/*
 * The end of the grapheme cluster at p: libunistring's, but two
 * regional indicators make one cluster (a flag, UAX #29 GB12), which
 * libunistring before 1.1 splits.
 */
static const uint8_t *
cluster_next(const uint8_t *p, const uint8_t *end)
{
	const uint8_t *next = u8_grapheme_next(p, end);

	if (next == p + 4 && IS_RI(p, end) && IS_RI(next, end))
		next = u8_grapheme_next(next, end);
	return next;
}

/*
 * The columns grapheme cluster c takes, and what stands in for it when
 * terminals disagree on how wide they draw it.  An emoji sequence
 * (joined by ZWJ, with a skin tone or an emoji variation selector)
 * shows as its first character alone, which every terminal draws
 * alike; a flag (two regional indicators) as its two letters, in flag.
 * Summing the parts' widths instead would move everything after it on
 * the row, the divider too.  A control character, a byte that is not
 * UTF-8 or a bidirectional control shows as glyph_standin's stand-in
 * (a bidirectional control would otherwise take no column and reorder
 * the row unseen), '\n' and '\t' aside: they take no column.
 */
static int
cluster_width(struct cell *c, char flag[3])
{
	const uint8_t	*p = (const uint8_t *)c->s, *end = p + c->n;
	ucs4_t		 uc, first = 0, ri[2];
	int		 len, parts = 0, joined = 0, nri = 0, w;

	if (c->n == 1 && *p >= 0x20 && *p < 0x7f)
		return 1;
	len = u8_mbtoucr(&uc, p, c->n);
	if (len == 1 && (uc == '\n' || uc == '\t'))
		return 0;
	if ((w = glyph_standin(len < 0 ? -1 : (long)uc, &c->s, &c->n)) > 0)
		return w;
	for (; p < end; p += len) {
		if ((len = u8_mbtouc(&uc, p, (size_t)(end - p))) < 1)
			break;
		if (parts++ == 0)
			first = uc;
		if (uc == 0x200d || uc == 0xfe0f ||
		    (uc >= 0x1f3fb && uc <= 0x1f3ff))
			joined = 1;
		if (uc >= 0x1f1e6 && uc <= 0x1f1ff && nri < 2)
			ri[nri++] = uc;
	}
	if (parts < 2 || (!joined && nri < 2))
		return u8_width((const uint8_t *)c->s, c->n, enc);
	if (nri == 2 && parts == 2) {
		flag[0] = (char)('A' + (ri[0] - 0x1f1e6));
		flag[1] = (char)('A' + (ri[1] - 0x1f1e6));
		flag[2] = '\0';
		c->s = flag;
		c->n = 2;
		return 2;
	}
	len = u8_mblen((const uint8_t *)c->s, c->n);
	c->n = len > 0 ? (size_t)len : c->n;
	return uc_width(first, enc);
}

/*
 * The length of the character at p when it is punctuation NFC leaves
 * alone (util_nfc_inert: U+2010-2027, U+2030-205E, three bytes each),
 * else 0.  Such a character is safe to show and extends no cluster;
 * nor does an ASCII one.
 */
static size_t
inert_len(const uint8_t *p, const uint8_t *end)
{
	if (end - p < 3 || p[0] != 0xe2 || (p[1] & 0xfe) != 0x80 ||
	    (p[2] & 0xc0) != 0x80)
		return 0;
	return util_nfc_inert(0x2000 + (unsigned long)((p[1] & 0x3f) << 6) +
	    (p[2] & 0x3f)) ? 3 : 0;
}

/*
 * Whether a cluster of printable ASCII or inert punctuation ends at p:
 * at the end, or before ASCII or inert punctuation, none of which
 * extends a cluster (UAX #29: they are not Extend, ZWJ or SpacingMark,
 * nor is what comes before them Prepend).
 */
#define ENDS_AT(p, end) ((p) == (end) || *(p) < 0x80 || \
	inert_len((p), (end)) > 0)

/*
 * The length of the cluster at p when it is one printable ASCII
 * character or one of inert punctuation, which fast_paths lets go
 * without libunistring's clusters; its columns in *w.  Else 0.
 * test_layout compares with the full path.
 */
static size_t
simple_cluster(const uint8_t *p, const uint8_t *end, int *w)
{
	size_t k;

	if (*p >= 0x20 && *p < 0x7f) {
		if (!ENDS_AT(p + 1, end))
			return 0;
		*w = 1;
		return 1;
	}
	if ((k = inert_len(p, end)) == 0 || !ENDS_AT(p + k, end))
		return 0;
	*w = uc_width(0x2000 + (ucs4_t)((p[1] & 0x3f) << 6) + (p[2] & 0x3f),
	    enc);
	return k;
}

/* The columns of text s[0..n), cluster by cluster as cells_of shows it. */
static int
span_width(const uint8_t *s, size_t n)
{
	const uint8_t	*p = s, *end = s + n, *next;
	struct cell	 c;
	char		 flag[3];
	int		 w = 0, cw;
	size_t		 k;

	for (; p < end; p = next) {
		if (fast_paths && (k = simple_cluster(p, end, &cw)) > 0) {
			next = p + k;
			w += cw;
			continue;
		}
		next = cluster_next(p, end);
		c.s = (const char *)p;
		c.n = (size_t)(next - p);
		w += cluster_width(&c, flag);
	}
	return w;
}

/*
 * Cut text[start, end) at grapheme clusters into rows of at most avail
 * columns, emitting every full row.  Returns the offset where the last,
 * partial row starts, and its width in *col.
 */
static size_t
cut_rows(struct layout *l, const char *text, size_t start, size_t end,
    int avail, long block, int *first, int *col)
{
	const uint8_t	*s = (const uint8_t *)text, *p, *next;
	size_t		 rs = start;
	int		 w;

	*col = 0;
	for (p = s + start; p < s + end; p = next) {
		next = cluster_next(p, s + end);
		w = span_width(p, (size_t)(next - p));
		if (*col > 0 && *col + w > avail) {
			add_row(l, LR_TEXT, rs, (size_t)(p - s), block, *first);
			*first = 0;
			rs = (size_t)(p - s);
			*col = 0;
		}
		*col += w;
	}
	return rs;
}

/*
 * Emit text[start, end) as rows, without its trailing spaces; fits: it
 * is known to fit in one row.
 */
static void
emit(struct layout *l, const char *text, size_t start, size_t end,
    int avail, int fits, long block, int *first)
{
	int col;

	while (end > start && text[end - 1] == ' ')
		end--;
	if (!fits)
		start = cut_rows(l, text, start, end, avail, block, first,
		    &col);
	add_row(l, LR_TEXT, start, end, block, *first);
	*first = 0;
}

/*
 * The fast path of line breaking.  On text made only of ASCII letters,
 * digits, spaces, the signs & # _ = @ * < > ~ ^ ` (which break as
 * letters do), . , ; : - ' " ( ) [ ] ? ! /, the curly quotes U+2019,
 * U+201C, U+201D and the em dash (most of prose, and of URLs), UAX #14
 * as libunistring applies it comes down to these rules, which
 * test_layout checks against u8_possible_linebreaks on the essays, the
 * golden texts and random text over the same characters:
 *
 * - never before a space, . , ; : ) ] ? ! or /, nor at the start of the
 *   line;
 * - after spaces, unless they follow the start of the line, an opening
 *   bracket or (before an opening bracket) a quote;
 * - between . , ; : or '-' and a letter;
 * - between . , ; : - or a closing bracket and an opening one;
 * - before an em dash but after a quote, an opening bracket or another
 *   dash (or spaces after a dash); after one, before a letter, a digit
 *   or an opening bracket;
 * - after ? or !, before a letter, a digit, an opening bracket or a
 *   dash; after /, before a letter, an opening bracket or a dash.
 *
 * Every such character is a grapheme cluster of its own, one column
 * wide, so plain text needs neither libunistring's clusters nor its
 * widths either: fill_plain breaks and fills rows in one pass over the
 * bytes.  The rules are applied through a table, plain_step, made once
 * from plain_break: the state is the class of the character before and
 * the class of the last one that is not a space.
 */
enum {
	PC_LETTER, PC_DIGIT, PC_SPACE, PC_SEP, PC_HYPHEN, PC_OPEN, PC_CLOSE,
	PC_QUOTE,
	PC_EXCLAIM,		/* ? ! */
	PC_SLASH,
	PC_DASH,		/* the em dash */
	PC_START,		/* nothing before: the start of the line */
	PC_NSTATE,		/* classes a state remembers: the above */
	PC_E2 = PC_NSTATE,	/* may start a curly quote or the dash */
	PC_NONE			/* not plain: the full rules */
};

#define PLAIN_BREAK	0x100	/* in plain_step: a break before c */
#define PLAIN_STATE(p, last) ((p) * PC_NSTATE + (last))

static unsigned char	 plain_cls[256];
static uint16_t		 plain_step[PC_NSTATE * PC_NSTATE][PC_START];

static int
plain_class(uint8_t c)
{
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		return PC_LETTER;
	if (c >= '0' && c <= '9')
		return PC_DIGIT;
	switch (c) {
	case ' ':
		return PC_SPACE;
	case '&': case '#': case '_': case '=': case '@': case '*':
	case '<': case '>': case '~': case '^': case '`':
		return PC_LETTER;
	case '.': case ',': case ';': case ':':
		return PC_SEP;
	case '-':
		return PC_HYPHEN;
	case '(': case '[':
		return PC_OPEN;
	case ')': case ']':
		return PC_CLOSE;
	case '\'': case '"':
		return PC_QUOTE;
	case '?': case '!':
		return PC_EXCLAIM;
	case '/':
		return PC_SLASH;
	case 0xe2:
		return PC_E2;
	default:
		return PC_NONE;
	}
}

/*
 * Whether the rules above allow a break before a character of class c
 * that follows one of class p, last being the class of the last
 * character before it that is not a space (PC_START: none).
 */
static int
plain_break(int p, int last, int c)
{
	if (p == PC_START || c == PC_SPACE || c == PC_SEP || c == PC_CLOSE ||
	    c == PC_EXCLAIM || c == PC_SLASH)
		return 0;
	if (p == PC_SPACE)
		return last != PC_START && last != PC_OPEN &&
		    !(last == PC_QUOTE && c == PC_OPEN) &&
		    !(last == PC_DASH && c == PC_DASH);
	if (c == PC_DASH)
		return p != PC_QUOTE && p != PC_OPEN && p != PC_DASH;
	if (p == PC_DASH || p == PC_EXCLAIM)
		return c == PC_LETTER || c == PC_DIGIT || c == PC_OPEN;
	if (p == PC_SLASH)
		return c == PC_LETTER || c == PC_OPEN || c == PC_DASH;
	if ((p == PC_SEP || p == PC_HYPHEN) && c == PC_LETTER)
		return 1;
	return c == PC_OPEN && (p == PC_SEP || p == PC_HYPHEN ||
	    p == PC_CLOSE);
}

/* Make plain_cls and plain_step, once. */
static void
plain_init(void)
{
	static int	 ready;
	int		 i, p, last, c;

	if (ready)
		return;
	for (i = 0; i < 256; i++)
		plain_cls[i] = (unsigned char)plain_class((uint8_t)i);
	for (p = 0; p < PC_NSTATE; p++)
		for (last = 0; last < PC_NSTATE; last++)
			for (c = 0; c < PC_START; c++)
				plain_step[PLAIN_STATE(p, last)][c] =
				    (uint16_t)(PLAIN_STATE(c,
				    c == PC_SPACE ? last : c) |
				    (plain_break(p, last, c) ? PLAIN_BREAK : 0));
	ready = 1;
}

/*
 * The class of the character at s[0..n), a lead byte 0xe2: a curly
 * quote, the em dash, or PC_NONE for any other.
 */
static int
e2_class(const uint8_t *s, size_t n)
{
	if (n < 3 || s[1] != 0x80)
		return PC_NONE;
	if (s[2] == 0x99 || s[2] == 0x9c || s[2] == 0x9d)
		return PC_QUOTE;
	return s[2] == 0x94 ? PC_DASH : PC_NONE;
}

int
layout_fast_paths(int on)
{
	int was = fast_paths;

	fast_paths = on;
	return was;
}

int
layout_breaks(const char *text, size_t n, char *brk)
{
	const uint8_t	*s = (const uint8_t *)text;
	size_t		 i;
	int		 c, v, st = PLAIN_STATE(PC_START, PC_START);

	plain_init();
	for (i = 0; i < n && fast_paths; i++) {
		if ((c = plain_cls[s[i]]) >= PC_E2 &&
		    (c == PC_NONE || (c = e2_class(s + i, n - i)) == PC_NONE))
			break;
		v = plain_step[st][c];
		st = v & 0xff;
		brk[i] = (v & PLAIN_BREAK) ? UC_BREAK_POSSIBLE :
		    UC_BREAK_PROHIBITED;
		if (s[i] == 0xe2) {
			brk[++i] = UC_BREAK_PROHIBITED;
			brk[++i] = UC_BREAK_PROHIBITED;
		}
	}
	if (i < n || n == 0 || !fast_paths) {
		u8_possible_linebreaks(s, n, enc, brk);
		return 0;
	}
	return 1;
}

/*
 * Place the piece text[ps, pe) on the rows being filled: w is its width
 * without its trailing spaces, which start at te.  *rs is where the row
 * being filled starts, *col its columns so far.  A piece that does not
 * fit after what the row holds starts a new row; one longer than a row
 * is cut, and the rows go on after the cut's last part.
 */
static void
place_piece(struct layout *l, const char *text, size_t ps, size_t te,
    size_t pe, int w, int avail, long block, int *first, size_t *rs,
    int *col)
{
	if (*col > 0 && *col + w > avail) {
		emit(l, text, *rs, ps, avail, 1, block, first);
		*rs = ps;
		*col = 0;
	}
	if (*col == 0 && w > avail) {
		*rs = cut_rows(l, text, ps, te, avail, block, first, col);
		*col += (int)(pe - te);
	} else
		*col += w + (int)(pe - te);
}

/*
 * Fill rows greedily with the pieces of text[start, end) (one line, no
 * '\n') between UAX #14 break opportunities; brk[i - base] is the
 * opportunity before text[i].  A piece fits when its
 * width without its trailing spaces fits: spaces at the end of a row are
 * not shown.
 */
static void
fill_line(struct layout *l, const char *text, size_t start, size_t end,
    const char *brk, size_t base, int avail, long block, int *first)
{
	const uint8_t	*s = (const uint8_t *)text;
	size_t		 rs = start, ps = start, pe, te;
	int		 col = 0;

	while (ps < end) {
		/* The piece [ps, pe): up to the next break opportunity. */
		for (pe = ps + 1; pe < end &&
		    brk[pe - base] != UC_BREAK_POSSIBLE &&
		    brk[pe - base] != UC_BREAK_HYPHENATION; pe++)
			;
		for (te = pe; te > ps && text[te - 1] == ' '; te--)
			;
		place_piece(l, text, ps, te, pe, span_width(s + ps, te - ps),
		    avail, block, first, &rs, &col);
		ps = pe;
	}
	emit(l, text, rs, end, avail, 1, block, first);
}

/*
 * fill_line for plain text (see above), its breaks and widths found in
 * the same pass: each character is one column.  Returns 0, with no row
 * added, when text[start, end) is not plain.
 */
static int
fill_plain(struct layout *l, const char *text, size_t start, size_t end,
    int avail, long block, int *first)
{
	const uint8_t	*s = (const uint8_t *)text;
	size_t		 nrows = l->nrows, built = rows_built;
	size_t		 i, k, rs = start, ps = start;
	int		 was_first = *first;
	int		 c, v, st = PLAIN_STATE(PC_START, PC_START);
	int		 col = 0, w = 0, sp = 0;	/* the piece's columns,
							   its trailing spaces */

	plain_init();
	for (i = start; i < end; i++) {
		if ((c = plain_cls[s[i]]) >= PC_E2 &&
		    (c == PC_NONE || (c = e2_class(s + i, end - i)) == PC_NONE))
			goto full;
		v = plain_step[st][c];
		st = v & 0xff;
		if (v & PLAIN_BREAK) {
			place_piece(l, text, ps, i - (size_t)sp, i, w - sp,
			    avail, block, first, &rs, &col);
			ps = i;
			w = sp = 0;
		}
		if (c <= PC_DIGIT) {
			/* No break between two letters or digits: the rest
			   of the word at once, its last character's class
			   the state after it. */
			for (k = i + 1; k < end && plain_cls[s[k]] <= PC_DIGIT;
			    k++)
				;
			w += (int)(k - i);
			sp = 0;
			i = k - 1;
			c = plain_cls[s[i]];
			st = PLAIN_STATE(c, c);
			continue;
		}
		w++;
		sp = c == PC_SPACE ? sp + 1 : 0;
		if (s[i] == 0xe2)
			i += 2;
	}
	place_piece(l, text, ps, end - (size_t)sp, end, w - sp, avail, block,
	    first, &rs, &col);
	emit(l, text, rs, end, avail, 1, block, first);
	return 1;
full:
	/* The rows of this line are laid out again by the full rules. */
	l->nrows = nrows;
	rows_built = built;
	*first = was_first;
	return 0;
}

static void
lay_block(struct layout *l, size_t bi)
{
	const struct doc_block *b = doc_block(l->d, bi);
	const char	*text = doc_text(l->d, NULL), *nl;
	size_t		 i, ls;
	char		*brk = NULL;
	int		 g, avail, first = 1;

	for (g = 0; g < b->gap && l->nrows > 0; g++)
		add_row(l, LR_BLANK, b->start, b->start, (long)bi, 0);
	if (b->kind == BLK_RULE) {
		add_row(l, LR_RULE, b->start, b->start, (long)bi, 1);
		return;
	}
	avail = l->width - prefix_width(l, b);
	if (avail < 1)
		avail = 1;
	if (b->kind != BLK_CODE && b->end > b->start) {
		if (fast_paths && fill_plain(l, text, b->start, b->end, avail,
		    (long)bi, &first))
			goto done;
		l->brk = xgrow(l->brk, &l->brkcap, b->end - b->start, 1);
		brk = l->brk;
		u8_possible_linebreaks((const uint8_t *)text + b->start,
		    b->end - b->start, enc, brk);
	}
	/* Each line ('\n' is a mandatory break) is filled on its own. */
	for (ls = b->start; ls <= b->end; ls = i + 1) {
		nl = memchr(text + ls, '\n', b->end - ls);
		i = nl != NULL ? (size_t)(nl - text) : b->end;
		if (brk != NULL)
			fill_line(l, text, ls, i, brk, b->start, avail,
			    (long)bi, &first);
		else
			emit(l, text, ls, i, avail, 0, (long)bi, &first);
	}
done:
	/* A rule under a heading of level 1 or 2: the sections stand
	   apart, also with no colour at all. */
	if (b->kind == BLK_HEADING && b->level <= 2)
		add_row(l, LR_RULE, b->end, b->end, (long)bi, 0);
}

/*
 * A layout is filled in as it is read: blocks are laid out in order, only
 * as far as a question needs (a row by its index, the row at an offset,
 * how many rows there are up to some count).  Rows laid out never change,
 * so an index holds, and what a reader sees first costs what it shows,
 * not the length of the text.  The functions that read a layout take it
 * const, as filling it in changes none of their answers.
 */
static struct layout *
fill_rows(const struct layout *cl, size_t rows)
{
	struct layout	*l = (struct layout *)cl;
	size_t		 nb = doc_nblocks(l->d);

	while (l->nrows < rows && l->next < nb)
		lay_block(l, l->next++);
	return l;
}

/* Fill l in up to the rows of every block starting at or before offset. */
static struct layout *
fill_offset(const struct layout *cl, size_t offset)
{
	struct layout	*l = (struct layout *)cl;
	size_t		 nb = doc_nblocks(l->d);

	while (l->next < nb && doc_block(l->d, l->next)->start <= offset)
		lay_block(l, l->next++);
	return l;
}

struct layout *
layout_new(const struct doc *d, int width)
{
	struct layout	*l = xcalloc(1, sizeof(*l));

	l->d = d;
	l->width = width < 1 ? 1 : width;
	return l;
}

size_t
layout_rows_built(void)
{
	return rows_built;
}

void
layout_free(struct layout *l)
{
	if (l == NULL)
		return;
	free(l->rows);
	free(l->brk);
	free(l);
}

const struct doc *
layout_doc(const struct layout *l)
{
	return l->d;
}

int
layout_width(const struct layout *l)
{
	return l->width;
}

size_t
layout_nrows(const struct layout *l)
{
	return fill_rows(l, SIZE_MAX)->nrows;
}

size_t
layout_count(const struct layout *l, size_t upto)
{
	return fill_rows(l, upto)->nrows;
}

int
layout_complete(const struct layout *l)
{
	return l->next >= doc_nblocks(l->d);
}

const struct layout_row *
layout_row(const struct layout *l, size_t i)
{
	fill_rows(l, i + 1);
	return i < l->nrows ? &l->rows[i] : NULL;
}

size_t
layout_row_at(const struct layout *l, size_t offset)
{
	size_t i;

	fill_offset(l, offset);
	i = util_count_le(l->rows, l->nrows, sizeof(*l->rows),
	    offsetof(struct layout_row, start), offset);
	i = i > 0 ? i - 1 : 0;
	while (i + 1 < l->nrows && l->rows[i].kind == LR_BLANK)
		i++;
	return i;
}

/*
 * Emit the clusters of s[0..n) from column col, each styled with style
 * plus, when off is not NO_RUNS, the document run covering it (s is then
 * the text of d at offset off).  Cells stop before passing width.
 * Returns the column after the last cell.
 */
static int
cells_of(const struct doc *d, int width, const char *s, size_t n,
    size_t off, int col, unsigned style, unsigned flags, cell_fn fn,
    void *arg)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + n, *next, *lim;
	const struct doc_run *run;
	size_t		 ri = 0, nruns = d != NULL ? doc_nruns(d) : 0, k;
	struct cell	 c;
	char		 flag[3];

	if (off != NO_RUNS)
		ri = doc_run_find(d, off);
	for (; p < end; p = next) {
		c.s = (const char *)p;
		if (fast_paths && (k = simple_cluster(p, end, &c.width)) > 0) {
			next = p + k;
			if (k == 1 && (flags & CELLS_RUNS) && width - col > 1) {
				/* The printable ASCII that fits; its last
				   character is a cluster when what follows
				   is (inside, what follows is ASCII). */
				lim = end - next < width - col - 1 ? end :
				    next + (width - col - 1);
				while (next < lim && *next >= 0x20 &&
				    *next < 0x7f)
					next++;
				if (!ENDS_AT(next, end))
					next--;
			}
			c.n = (size_t)(next - p);
			if (k == 1)
				c.width = (int)c.n;
		} else {
			next = cluster_next(p, end);
			c.n = (size_t)(next - p);
			if ((c.width = cluster_width(&c, flag)) <= 0)
				continue;
		}
		if (col + c.width > width)
			break;
		c.style = style;
		c.row = 0;
		c.roles = 0;
		c.top_role = -1;
		c.ui = 0;
		c.off = CELL_NO_OFFSET;
		if (off != NO_RUNS) {
			size_t at = off + (size_t)(p - (const uint8_t *)s);

			c.off = at;
			while (ri < nruns && doc_run(d, ri)->end <= at)
				ri++;
			if (ri < nruns && (run = doc_run(d, ri))->start <= at)
				c.style |= run->style;
		}
		c.col = col;
		fn(&c, arg);
		col += c.width;
	}
	return col;
}

int
layout_cells_with(const struct layout *l, size_t i, unsigned flags,
    cell_fn fn, void *arg)
{
	const struct layout_row *r;
	const struct doc_block *b;
	const char	*text = doc_text(l->d, NULL), *pre;
	int		 col = 0;

	if ((r = layout_row(l, i)) == NULL || r->kind == LR_BLANK)
		return 0;
	b = doc_block(l->d, (size_t)r->block);
	if (prefix_width(l, b) > 0) {
		pre = r->first ? b->prefix1 : b->prefix;
		col = cells_of(NULL, l->width, pre, strlen(pre), NO_RUNS, 0,
		    DS_MARKER | (b->style & DS_QUOTE), flags, fn, arg);
	}
	if (r->kind == LR_RULE) {
		/* Doubled under a level 1 heading, single elsewhere. */
		pre = b->kind == BLK_HEADING && b->level == 1 ? "═" : "─";
		while (col < l->width)
			col = cells_of(NULL, l->width, pre, strlen(pre), NO_RUNS,
			    col, b->style, flags, fn, arg);
		return col;
	}
	return cells_of(l->d, l->width, text + r->start, r->end - r->start,
	    r->start, col, b->style, flags, fn, arg);
}

int
layout_cells(const struct layout *l, size_t i, cell_fn fn, void *arg)
{
	return layout_cells_with(l, i, 0, fn, arg);
}

int
layout_text_cells(const char *s, size_t n, int col, int width, unsigned style,
    cell_fn fn, void *arg)
{
	return cells_of(NULL, width, s, n, NO_RUNS, col, style, 0, fn, arg);
}

int
layout_text_width(const char *s, size_t n)
{
	return span_width((const uint8_t *)s, n);
}
