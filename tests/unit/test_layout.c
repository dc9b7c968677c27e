/*
 * test_layout.c: wrapping, widths, prefixes and the offset/row mapping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>

#include <unilbrk.h>
#include <uniwidth.h>

#include "diptych/align.h"
#include "diptych/doc.h"
#include "diptych/dump.h"
#include "diptych/layout.h"
#include "diptych/util.h"

static struct doc *
parse_ok(const char *src, size_t len)
{
	char		*err = NULL;
	struct doc	*d = doc_parse("t.md", src, len, &err);

	if (d == NULL)
		fail_msg("unexpected error: %s", err);
	return d;
}

/* A row as drawn: its cells' bytes, and its width in columns. */
struct drawn {
	struct buf	 b;
	int		 cols;
	int		 cells;
	int		 multi;		/* cells of more than one code point */
};

static void
collect(const struct cell *c, void *arg)
{
	struct drawn	*dr = arg;
	int		 k, cps = 0;

	assert_int_equal(c->col, dr->cols);	/* no gaps, no overlap */
	buf_add(&dr->b, c->s, c->n);
	dr->cols += c->width;
	dr->cells++;
	for (k = 0; k < (int)c->n; k++)
		if (((unsigned char)c->s[k] & 0xc0) != 0x80)
			cps++;
	if (cps > 1)
		dr->multi++;
}

static void
draw_row(const struct layout *l, size_t i, struct drawn *dr)
{
	int used;

	buf_init(&dr->b);
	buf_add(&dr->b, "", 0);
	dr->cols = dr->cells = dr->multi = 0;
	used = layout_cells(l, i, collect, dr);
	assert_int_equal(used, dr->cols);
	assert_true(dr->cols <= layout_width(l));
}

/* All rows' texts (without prefixes) joined: must equal the words. */
static char *
rows_joined(const struct layout *l, const char *sep)
{
	const struct doc *d = layout_doc(l);
	const char	*t = doc_text(d, NULL);
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < layout_nrows(l); i++) {
		const struct layout_row *r = layout_row(l, i);

		if (r->kind != LR_TEXT)
			continue;
		if (b.len > 0)
			buf_adds(&b, sep);
		buf_add(&b, t + r->start, r->end - r->start);
	}
	return buf_steal(&b, NULL);
}

/*
 * The rows of l cover the document's text in order: what lies between
 * one row's end and the next row's start is only white space.  So no
 * word is lost, cut in two or reordered.
 */
static void
assert_rows_cover_text(const struct layout *l)
{
	size_t		 len, pos = 0, i, k;
	const char	*t = doc_text(layout_doc(l), &len);

	for (i = 0; i < layout_nrows(l); i++) {
		const struct layout_row *r = layout_row(l, i);

		if (r->kind != LR_TEXT)
			continue;
		assert_true(r->start >= pos);
		for (k = pos; k < r->start; k++)
			if (t[k] != ' ' && t[k] != '\n')
				fail_msg("byte %zu ('%c') is on no row", k, t[k]);
		pos = r->end;
	}
	for (k = pos; k < len; k++)
		assert_true(t[k] == ' ' || t[k] == '\n');
}

static void
wraps_within_width_keeping_every_word(void **state)
{
	const char src[] = "The treaty marks the first Russo-North Korean "
	    "military alliance treaty since the 1961 Treaty of Friendship, "
	    "Cooperation, and Mutual Assistance, which expired in 1996.\n";
	struct doc	*d = parse_ok(src, sizeof(src) - 1);
	int		 w;

	(void)state;
	for (w = 12; w <= 90; w += 7) {
		struct layout	*l = layout_new(d, w);
		size_t		 i;

		assert_rows_cover_text(l);
		for (i = 0; i < layout_nrows(l); i++) {
			struct drawn dr;

			draw_row(l, i, &dr);
			/* Words are whole: no row starts or ends mid-word
			   except at a hyphen. */
			if (dr.b.len > 0 && i + 1 < layout_nrows(l))
				assert_true(dr.b.data[dr.b.len - 1] != ' ');
			buf_free(&dr.b);
		}
		layout_free(l);
	}
	doc_free(d);
}

static void
fills_rows_greedily(void **state)
{
	const char src[] = "aaa bbb ccc ddd eee\n";
	struct doc	*d = parse_ok(src, sizeof(src) - 1);
	struct layout	*l = layout_new(d, 7);
	const char	*t = doc_text(d, NULL);
	const struct layout_row *r;

	(void)state;
	assert_int_equal(layout_nrows(l), 3);
	r = layout_row(l, 0);
	assert_int_equal(r->end - r->start, 7);
	assert_memory_equal(t + r->start, "aaa bbb", 7);
	r = layout_row(l, 2);
	assert_memory_equal(t + r->start, "eee", 3);
	layout_free(l);
	doc_free(d);
}

static void
east_asian_wide_characters_take_two_columns(void **state)
{
	/* Koga's reference: 北朝鮮問題をめぐる米中協調の実現に期待する */
	const char src[] = "北朝鮮問題をめぐる米中協調の実現に期待する\n";
	struct doc	*d = parse_ok(src, sizeof(src) - 1);
	struct layout	*l = layout_new(d, 9);
	size_t		 i;
	int		 total = 0;

	(void)state;
	for (i = 0; i < layout_nrows(l); i++) {
		struct drawn dr;

		draw_row(l, i, &dr);
		/* 9 columns hold four ideographs: 8 columns, never 9 or 10. */
		if (i + 1 < layout_nrows(l))
			assert_int_equal(dr.cols, 8);
		assert_int_equal(dr.cols, 2 * dr.cells);
		total += dr.cells;
		buf_free(&dr.b);
	}
	assert_int_equal(total, 21);
	assert_int_equal(layout_nrows(l), 6);
	assert_int_equal(layout_text_width("日本 ab", strlen("日本 ab")), 7);
	layout_free(l);
	doc_free(d);
}

static void
combining_marks_stay_with_their_base(void **state)
{
	/* x + COMBINING ACUTE, q + COMBINING DOT BELOW: no precomposed form
	   exists, so each is one cell of width 1. */
	const char src[] = "x\xcc\x81q\xcc\xa3z ok\n";
	struct doc	*d = parse_ok(src, sizeof(src) - 1);
	struct layout	*l = layout_new(d, 40);
	struct drawn	 dr;

	(void)state;
	draw_row(l, 0, &dr);
	assert_int_equal(dr.cols, 6);
	assert_int_equal(dr.cells, 6);
	assert_int_equal(dr.multi, 2);
	assert_string_equal(dr.b.data, "x\xcc\x81q\xcc\xa3z ok");
	buf_free(&dr.b);
	layout_free(l);
	doc_free(d);
}

static void
long_urls_break_at_their_own_opportunities(void **state)
{
	const char src[] = "See <https://www.reuters.com/world/"
	    "russias-lavrov-says-situation-has-changed-since-north-korea-"
	    "was-hit-by-un-2023-09-13/> now.\n";
	struct doc	*d = parse_ok(src, sizeof(src) - 1);
	struct layout	*l = layout_new(d, 30);
	char		*joined = rows_joined(l, "");
	size_t		 i;

	(void)state;
	/* Nothing lost: the rows put together give the text again. */
	assert_non_null(strstr(joined, "https://www.reuters.com/world/"
	    "russias-lavrov-says-situation-has-changed-since-north-korea-"
	    "was-hit-by-un-2023-09-13/"));
	for (i = 0; i + 1 < layout_nrows(l); i++) {
		struct drawn dr;

		draw_row(l, i, &dr);
		assert_true(dr.cols <= 30);
		buf_free(&dr.b);
	}
	/* Breaks fall after '/' or '-', not inside words. */
	for (i = 1; i < layout_nrows(l); i++) {
		const struct layout_row *prev = layout_row(l, i - 1);
		char c = doc_text(d, NULL)[prev->end - 1];

		assert_true(c == '/' || c == '-' || c == 'e');
	}
	free(joined);
	layout_free(l);
	doc_free(d);
}

static void
words_longer_than_the_pane_are_cut_by_grapheme(void **state)
{
	const char src[] = "Supercalifragilistic\xc3\xa9xpialidocious\n";
	struct doc	*d = parse_ok(src, sizeof(src) - 1);
	struct layout	*l = layout_new(d, 8);
	char		*joined = rows_joined(l, "");

	(void)state;
	assert_string_equal(joined, "Supercalifragilistic\xc3\xa9xpialidocious");
	assert_int_equal(layout_nrows(l), 5);
	free(joined);
	layout_free(l);
	doc_free(d);
}

static void
list_rows_hang_under_the_marker(void **state)
{
	const char src[] = "- one two three four five six\n";
	struct doc	*d = parse_ok(src, sizeof(src) - 1);
	struct layout	*l = layout_new(d, 12);
	struct drawn	 dr;

	(void)state;
	assert_true(layout_nrows(l) >= 3);
	draw_row(l, 0, &dr);
	assert_int_equal(strncmp(dr.b.data, "• one", strlen("• one")), 0);
	buf_free(&dr.b);
	draw_row(l, 1, &dr);
	assert_int_equal(strncmp(dr.b.data, "  ", 2), 0);
	assert_true(dr.b.data[2] != ' ');
	buf_free(&dr.b);
	layout_free(l);
	doc_free(d);
}

static void
blocks_are_separated_and_offsets_map_to_rows(void **state)
{
	const char src[] = "# Head\n\nFirst paragraph here.\n\nSecond one.\n";
	struct doc	*d = parse_ok(src, sizeof(src) - 1);
	struct layout	*l = layout_new(d, 40);
	const char	*t = doc_text(d, NULL);
	const char	*second = strstr(t, "Second");

	(void)state;
	/* The heading, its rule (level 1), a blank, a paragraph, a blank,
	   a paragraph. */
	assert_int_equal(layout_nrows(l), 6);
	assert_int_equal(layout_row(l, 1)->kind, LR_RULE);
	assert_int_equal(layout_row(l, 2)->kind, LR_BLANK);
	assert_int_equal(layout_row(l, 4)->kind, LR_BLANK);
	assert_int_equal(layout_row_at(l, (size_t)(second - t)), 5);
	assert_int_equal(layout_row_at(l, (size_t)(second - t) + 3), 5);
	assert_int_equal(layout_row_at(l, 0), 0);
	assert_int_equal(layout_row_at(l, 3), 0);
	assert_int_equal(layout_row_at(l, strlen(t) + 10), 5);
	layout_free(l);
	doc_free(d);
}

/*
 * Emoji sequences whose width terminals disagree on (joined by ZWJ,
 * with a skin tone or an emoji variation selector) are drawn as their
 * first character, a flag as its two letters: what is drawn is exactly
 * as wide as the cells say, on every terminal, so nothing after them on
 * the row moves.
 */
static void
emoji_sequences_never_move_the_row(void **state)
{
	const char src[] = "A family \xf0\x9f\x91\xa8\xe2\x80\x8d"
	    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 here, a "
	    "thumb \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd, a heart "
	    "\xe2\x9d\xa4\xef\xb8\x8f and a flag "
	    "\xf0\x9f\x87\xaf\xf0\x9f\x87\xb5 end.\n";
	struct doc	*d = parse_ok(src, sizeof(src) - 1);
	struct layout	*l = layout_new(d, 200);
	struct drawn	 dr;

	(void)state;
	draw_row(l, 0, &dr);
	/* No joiner, selector or skin tone is drawn; each emoji is. */
	assert_null(strstr(dr.b.data, "\xe2\x80\x8d"));
	assert_null(strstr(dr.b.data, "\xef\xb8\x8f"));
	assert_null(strstr(dr.b.data, "\xf0\x9f\x8f\xbd"));
	assert_non_null(strstr(dr.b.data, "\xf0\x9f\x91\xa8"));
	assert_non_null(strstr(dr.b.data, "\xf0\x9f\x91\x8d,"));
	/* The columns drawn are the sum of what each character drawn
	   takes alone. */
	assert_int_equal(dr.cols, (int)u8_width((const uint8_t *)dr.b.data,
	    dr.b.len, "UTF-8"));
	buf_free(&dr.b);
	layout_free(l);
	doc_free(d);
}

static void
rules_fill_the_width(void **state)
{
	const char src[] = "a\n\n---\n\nb\n";
	struct doc	*d = parse_ok(src, sizeof(src) - 1);
	struct layout	*l = layout_new(d, 10);
	struct drawn	 dr;

	(void)state;
	assert_int_equal(layout_row(l, 2)->kind, LR_RULE);
	draw_row(l, 2, &dr);
	assert_int_equal(dr.cols, 10);
	buf_free(&dr.b);
	layout_free(l);
	doc_free(d);
}

static void
collect_any(const struct cell *c, void *arg)
{
	buf_add(arg, c->s, c->n);
}

/* Strings drawn outside the text (titles, labels, other readers'
   notes) never carry a control character to the terminal: each shows
   as its stand-in, and the width measured is the width drawn. */
static void
strings_show_control_characters(void **state)
{
	static const char s[] = "Title\x1b[2J\x1b]52;c;eA==\x07 \xc2\x9b "
	    "\x7f\xff end";
	struct buf	 b;
	int		 cols;

	(void)state;
	buf_init(&b);
	buf_add(&b, "", 0);
	cols = layout_text_cells(s, sizeof(s) - 1, 0, 80, 0, collect_any, &b);
	assert_null(memchr(b.data, 0x1b, b.len));
	assert_null(memchr(b.data, 0x07, b.len));
	assert_null(memchr(b.data, 0x7f, b.len));
	assert_null(memchr(b.data, 0xff, b.len));
	assert_null(strstr(b.data, "\xc2\x9b"));
	assert_string_equal(b.data, "Title\xe2\x90\x9b[2J\xe2\x90\x9b]52;c;"
	    "eA==\xe2\x90\x87 \xef\xbf\xbd \xe2\x90\xa1\xef\xbf\xbd end");
	assert_int_equal(cols, layout_text_width(s, sizeof(s) - 1));
	assert_int_equal(cols, (int)u8_width((const uint8_t *)b.data, b.len,
	    "UTF-8"));
	buf_free(&b);
}

/*
 * A bidirectional control in a text would reorder its row on the
 * terminal unseen: each shows as its name, which takes columns, and
 * rows are wrapped counting them.
 */
static void
bidi_controls_show_their_names(void **state)
{
	const char src[] = "Pay \xe2\x80\xae" "0001\xe2\x80\xac to "
	    "\xe2\x81\xa6" "Bob\xe2\x81\xa9 now.\n";
	struct doc	*d = parse_ok(src, sizeof(src) - 1);
	struct layout	*l;
	struct drawn	 dr;
	struct buf	 all;
	size_t		 i;
	int		 width;

	(void)state;
	l = layout_new(d, 80);
	draw_row(l, 0, &dr);
	assert_string_equal(dr.b.data, "Pay <RLO>0001<PDF> to <LRI>Bob<PDI> "
	    "now.");
	assert_int_equal(dr.cols, (int)strlen(dr.b.data));
	buf_free(&dr.b);
	layout_free(l);
	/* Narrow: every row still fits, and together they show it all. */
	for (width = 6; width <= 30; width++) {
		l = layout_new(d, width);
		buf_init(&all);
		buf_add(&all, "", 0);
		for (i = 0; i < layout_nrows(l); i++) {
			draw_row(l, i, &dr);	/* asserts the row fits */
			buf_adds(&all, dr.b.data);
			buf_free(&dr.b);
		}
		assert_non_null(strstr(all.data, "<RLO>0001<PDF>"));
		assert_non_null(strstr(all.data, "<LRI>Bob<PDI>"));
		buf_free(&all);
		layout_free(l);
	}
	doc_free(d);
}

/* Whether layout_breaks gives u8_possible_linebreaks' opportunities. */
static int
same_breaks(const char *s, size_t n, size_t *plain)
{
	char	*fast = xmalloc(n + 1), *full = xmalloc(n + 1);
	size_t	 i;
	int	 same = 1;

	if (layout_breaks(s, n, fast))
		*plain += n;		/* bytes that took the fast path */
	u8_possible_linebreaks((const uint8_t *)s, n, "UTF-8", full);
	for (i = 0; i < n; i++)
		if ((fast[i] == UC_BREAK_POSSIBLE) !=
		    (full[i] == UC_BREAK_POSSIBLE) ||
		    (fast[i] == UC_BREAK_HYPHENATION) !=
		    (full[i] == UC_BREAK_HYPHENATION)) {
			print_message("differ at %zu of '%.*s'\n", i, (int)n,
			    s);
			same = 0;
			break;
		}
	free(fast);
	free(full);
	return same;
}

/*
 * The cheaper rule for plain prose gives the same line breaks as the
 * full UAX #14 machinery: on every block of the essays and the golden
 * texts, and on random text over the characters it takes.
 */
static void
plain_breaks_are_uax14_breaks(void **state)
{
	static const char *const names[] = {
		"texts/ogi-2024.md", "texts/koga-2023.md",
		"tests/golden/citations.left.md", "tests/golden/cjk.left.md",
		"tests/golden/code.left.md", "tests/golden/combining.left.md",
		"tests/golden/headings.left.md", "tests/golden/lists.left.md",
		"tests/golden/quotes.left.md", "tests/golden/quotes.right.md",
		"tests/golden/sections.left.md"
	};
	static const char *const alphabet[] = {
		"a", "e", "t", "Z", "7", " ", " ", " ", ".", ",", ";", ":",
		"-", "'", "\"", "(", ")", "[", "]", "&", "#", "_", "=", "@",
		"*", "<", ">", "~", "^", "`", "?", "!", "/", "\xe2\x80\x94",
		"\xe2\x80\x99", "\xe2\x80\x9c",
		"\xe2\x80\x9d"
	};
	const char	*srcdir = getenv("SRCDIR");
	const char	*t;
	char		 path[4096], *data;
	size_t		 k, i, len, tlen;
	size_t		 plain = 0, essays = 0, nessay = 0, total = 0;
	int		 n;
	unsigned	 seed = 12345;
	struct buf	 b;

	(void)state;
	if (srcdir == NULL)
		srcdir = ".";
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		snprintf(path, sizeof(path), "%s/%s", srcdir, names[k]);
		assert_int_equal(util_read_file(path, &data, &len), 0);
		struct doc *d = parse_ok(data, len);

		t = doc_text(d, NULL);
		if (k < 2) {
			(void)doc_text(d, &tlen);
			nessay += tlen;
		}
		for (i = 0; i < doc_nblocks(d); i++) {
			const struct doc_block *bl = doc_block(d, i);

			if (bl->end > bl->start)
				assert_true(same_breaks(t + bl->start,
				    bl->end - bl->start, &plain));
		}
		doc_free(d);
		free(data);
		if (k == 1)
			essays = plain;
	}
	assert_true(essays * 2 > nessay);	/* most take the fast path */
	plain = 0;
	buf_init(&b);
	for (k = 0; k < 50000; k++) {
		b.len = 0;
		n = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 40;
		while (n-- > 0) {
			seed = seed * 1103515245 + 12345;
			buf_adds(&b, alphabet[(seed >> 16) %
			    (sizeof(alphabet) / sizeof(alphabet[0]))]);
		}
		assert_true(same_breaks(b.data, b.len, &plain));
		total += b.len;
	}
	assert_int_equal(plain, total);
	buf_free(&b);
}

/* Every cell of a row, field by field, as text to compare. */
static void
record_cell(const struct cell *c, void *arg)
{
	struct buf *b = arg;

	buf_printf(b, "[%d %d %u %zu %zu:", c->col, c->width, c->style,
	    c->off, c->n);
	buf_add(b, c->s, c->n);
	buf_addc(b, ']');
}

/* The whole of a layout: rows, cells one by one and in runs. */
static char *
layout_record(const struct doc *d, int width)
{
	struct layout	*l = layout_new(d, width);
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < layout_nrows(l); i++) {
		const struct layout_row *r = layout_row(l, i);

		buf_printf(&b, "%d %zu %zu %ld %d|", (int)r->kind, r->start,
		    r->end, r->block, r->first);
		buf_printf(&b, "=%d", layout_cells(l, i, record_cell, &b));
		buf_printf(&b, "=%d\n", layout_cells_with(l, i, CELLS_RUNS,
		    collect_any, &b));
	}
	layout_free(l);
	return buf_steal(&b, NULL);
}

/* --dump of d beside itself at width, UTF-8 or not. */
static char *
dump_record(const struct doc *d, int width, int utf8)
{
	struct layout	*l = layout_new(d, width), *r = layout_new(d, width);
	struct align	*a = align_new(l, r);
	char		*out = NULL;
	size_t		 len = 0;
	FILE		*f = open_memstream(&out, &len);

	assert_non_null(f);
	assert_int_equal(dump_write(f, a, utf8, NULL), 0);
	fclose(f);
	align_free(a);
	layout_free(l);
	layout_free(r);
	return out;
}

/*
 * d laid out at width with the fast paths (plain rows filled in one
 * pass, ASCII and punctuation clusters without libunistring) and with
 * every character through libunistring: the same rows, the same cells,
 * the same --dump.
 */
static void
assert_fast_is_full(const struct doc *d, int width)
{
	char	*fast, *full;
	int	 utf8;

	assert_int_equal(layout_fast_paths(0), 1);
	full = layout_record(d, width);
	assert_int_equal(layout_fast_paths(1), 0);
	fast = layout_record(d, width);
	if (strcmp(fast, full) != 0)
		fail_msg("width %d: fast and full layouts differ", width);
	free(fast);
	free(full);
	for (utf8 = 0; utf8 < 2; utf8++) {
		layout_fast_paths(0);
		full = dump_record(d, width, utf8);
		layout_fast_paths(1);
		fast = dump_record(d, width, utf8);
		if (strcmp(fast, full) != 0)
			fail_msg("width %d: fast and full dumps differ", width);
		free(fast);
		free(full);
	}
}

/*
 * The fast paths change nothing: on the essays, every golden text, each
 * punctuation character they take before and after everything that may
 * follow it, and random Markdown mixing plain prose with what is not
 * (marks, emoji, wide characters, controls, tabs, hard breaks, lists,
 * quotes, code), at widths from 1 up.
 */
static void
fast_paths_lay_out_as_the_full_path(void **state)
{
	static const int widths[] = { 1, 2, 3, 7, 13, 40, 77 };
	static const char *const alphabet[] = {
		"a", "e", "t", "Z", "7", " ", " ", " ", " ", " ", ".", ",",
		";", ":", "-", "'", "\"", "(", ")", "[", "]", "&", "#", "_",
		"?", "!", "/", "%", "$", "+", "|", "{", "\t",
		"\xe2\x80\x94", "\xe2\x80\x99", "\xe2\x80\x9c",
		"\xe2\x80\x9d", "\xe2\x80\x93", "\xe2\x80\xa6",
		"\xe2\x80\x90", "\xe2\x80\xa7", "\xe2\x80\xb0",
		"\xe2\x81\x9e", "\xe2\x80\xa8" /* U+2028 */,
		"\xe2\x80\xae" /* RLO */, "\xe2\x80\x8d" /* ZWJ */,
		"\xcc\x81" /* U+0301 */, "\xc3\xa9", "\xe6\x97\xa5",
		"\xf0\x9f\x91\x8d", "\xf0\x9f\x87\xaf", "\xc2\x85",
		"\x1b", "  \n", "\n", "\n\n", "\n\n- ", "\n\n> ", "`",
		"*", "\n\n    ", "\n\n# ", "https://example.org/a-b_c",
		"Supercalifragilisticexpialidocious_and_then_some_more"
	};
	const char	*srcdir = getenv("SRCDIR");
	char		 path[4096], *data;
	size_t		 k, len, w;
	unsigned	 seed = 4242, uc;
	int		 n;
	struct buf	 b;
	struct doc	*d;
	DIR		*dir;
	struct dirent	*de;

	(void)state;
	if (srcdir == NULL)
		srcdir = ".";
	snprintf(path, sizeof(path), "%s/tests/golden", srcdir);
	assert_non_null(dir = opendir(path));
	buf_init(&b);
	while ((de = readdir(dir)) != NULL) {
		len = strlen(de->d_name);
		if (len < 3 || strcmp(de->d_name + len - 3, ".md") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/tests/golden/%s", srcdir,
		    de->d_name);
		assert_int_equal(util_read_file(path, &data, &len), 0);
		d = parse_ok(data, len);
		for (w = 0; w < sizeof(widths) / sizeof(widths[0]); w++)
			assert_fast_is_full(d, widths[w]);
		doc_free(d);
		free(data);
	}
	closedir(dir);
	for (k = 0; k < 2; k++) {
		snprintf(path, sizeof(path), "%s/texts/%s", srcdir,
		    k == 0 ? "ogi-2024.md" : "koga-2023.md");
		assert_int_equal(util_read_file(path, &data, &len), 0);
		d = parse_ok(data, len);
		assert_fast_is_full(d, 38);
		assert_fast_is_full(d, 77);
		doc_free(d);
		free(data);
	}
	/* Each character of U+2010-205F before and after each that may
	   stand beside it. */
	b.len = 0;
	buf_add(&b, "", 0);
	for (uc = 0x2010; uc < 0x2060; uc++) {
		char c[4] = { (char)0xe2, (char)(0x80 | (uc >> 6 & 0x3f)),
		    (char)(0x80 | (uc & 0x3f)), '\0' };

		for (n = 0; n < (int)(sizeof(alphabet) / sizeof(alphabet[0]));
		    n++) {
			if (strchr(alphabet[n], '\n') != NULL)
				continue;
			buf_printf(&b, "x%s%s%s%s ", c, alphabet[n], c, c);
		}
		buf_addc(&b, '\n');
		buf_adds(&b, c);
		buf_adds(&b, "\n\n");
	}
	d = parse_ok(b.data, b.len);
	for (w = 0; w < sizeof(widths) / sizeof(widths[0]); w++)
		assert_fast_is_full(d, widths[w]);
	doc_free(d);
	/* Words of every length around every width: each row's edge. */
	b.len = 0;
	buf_add(&b, "", 0);
	for (n = 1; n <= 60; n++) {
		for (k = 0; k < 3; k++) {
			for (w = 0; w < (size_t)(k == 1 ? 61 - n : n); w++)
				buf_addc(&b, k == 1 ? 'y' : 'x');
			buf_adds(&b, k == 0 ? "\xe2\x80\x94" : "  ");
		}
		buf_adds(&b, "\n\n");
		for (k = 1; k <= 40; k += 3) {
			for (w = 0; w < k + (size_t)n; w++)
				buf_addc(&b, w < k ? 'y' : w == k ? ' ' : 'x');
			buf_adds(&b, "\n\n");
		}
	}
	d = parse_ok(b.data, b.len);
	for (n = 1; n <= 80; n++)
		assert_fast_is_full(d, n);
	doc_free(d);
	/* Random text, mostly plain. */
	for (k = 0; k < 400; k++) {
		b.len = 0;
		buf_add(&b, "", 0);
		n = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 300;
		while (n-- > 0) {
			seed = seed * 1103515245 + 12345;
			if ((seed >> 16) % 4 != 0)
				buf_adds(&b, alphabet[(seed >> 20) % 6]);
			else
				buf_adds(&b, alphabet[(seed >> 18) %
				    (sizeof(alphabet) / sizeof(alphabet[0]))]);
		}
		d = parse_ok(b.data, b.len);
		assert_fast_is_full(d, widths[k % (sizeof(widths) /
		    sizeof(widths[0]))]);
		assert_fast_is_full(d, 1 + (int)(k % 50));
		doc_free(d);
	}
	buf_free(&b);
}

/* The bundled essays at many widths: every word, in order, none cut. */
static void
bundled_essays_keep_every_word_at_every_width(void **state)
{
	const char	*srcdir = getenv("SRCDIR");
	const char	*names[] = { "texts/ogi-2024.md", "texts/koga-2023.md" };
	size_t		 k;

	(void)state;
	if (srcdir == NULL)
		srcdir = ".";
	for (k = 0; k < 2; k++) {
		char	 path[4096];
		char	*data;
		size_t	 len;
		int	 w;

		snprintf(path, sizeof(path), "%s/%s", srcdir, names[k]);
		assert_int_equal(util_read_file(path, &data, &len), 0);
		struct doc *d = parse_ok(data, len);

		for (w = 20; w <= 200; w += 9) {
			struct layout	*l = layout_new(d, w);
			size_t		 i;

			assert_rows_cover_text(l);
			for (i = 0; i < layout_nrows(l); i++) {
				struct drawn dr;

				draw_row(l, i, &dr);	/* fits the width */
				buf_free(&dr.b);
			}
			layout_free(l);
		}
		doc_free(d);
		free(data);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wraps_within_width_keeping_every_word),
		cmocka_unit_test(fills_rows_greedily),
		cmocka_unit_test(east_asian_wide_characters_take_two_columns),
		cmocka_unit_test(combining_marks_stay_with_their_base),
		cmocka_unit_test(long_urls_break_at_their_own_opportunities),
		cmocka_unit_test(words_longer_than_the_pane_are_cut_by_grapheme),
		cmocka_unit_test(list_rows_hang_under_the_marker),
		cmocka_unit_test(blocks_are_separated_and_offsets_map_to_rows),
		cmocka_unit_test(rules_fill_the_width),
		cmocka_unit_test(emoji_sequences_never_move_the_row),
		cmocka_unit_test(strings_show_control_characters),
		cmocka_unit_test(fast_paths_lay_out_as_the_full_path),
		cmocka_unit_test(bidi_controls_show_their_names),
		cmocka_unit_test(plain_breaks_are_uax14_breaks),
		cmocka_unit_test(bundled_essays_keep_every_word_at_every_width),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
