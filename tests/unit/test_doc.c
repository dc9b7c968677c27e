/*
 * test_doc.c: the document model (front matter, CommonMark, text, runs).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "diptych/doc.h"
#include "diptych/util.h"

static struct doc *
parse_ok(const char *src)
{
	char		*err = NULL;
	struct doc	*d = doc_parse("t.md", src, strlen(src), &err);

	if (d == NULL)
		fail_msg("unexpected error: %s", err);
	return d;
}

/* The error message for src, which must fail to parse. */
static char *
parse_err(const char *src, size_t len)
{
	char		*err = NULL;
	struct doc	*d = doc_parse("t.md", src, len, &err);

	assert_null(d);
	assert_non_null(err);
	return err;
}

/* Block i's text as a new string. */
static char *
block_text(const struct doc *d, size_t i)
{
	const struct doc_block *b = doc_block(d, i);
	const char *t = doc_text(d, NULL);

	return strndup(t + b->start, b->end - b->start);
}

/* Index of the first block whose text is s, or -1. */
static long
find_block(const struct doc *d, const char *s)
{
	size_t i;

	for (i = 0; i < doc_nblocks(d); i++) {
		char *t = block_text(d, i);
		int same = strcmp(t, s) == 0;

		free(t);
		if (same)
			return (long)i;
	}
	return -1;
}

/* Style of the run covering the first occurrence of word in the text. */
static unsigned
style_of(const struct doc *d, const char *word)
{
	const char *t = doc_text(d, NULL), *p = strstr(t, word);
	size_t off, i;

	assert_non_null(p);
	off = (size_t)(p - t);
	i = doc_run_find(d, off);
	if (i < doc_nruns(d) && doc_run(d, i)->start <= off &&
	    doc_run(d, i)->end >= off + strlen(word))
		return doc_run(d, i)->style;
	return 0;
}

static void
front_matter_becomes_title_block(void **state)
{
	struct doc *d = parse_ok("---\nid: x-1\ntitle: On Alliances\n"
	    "author: A. Writer\naffiliation: Some Institute\n"
	    "publisher: Press\ndate: 2024\n---\n\nBody text.\n");

	(void)state;
	assert_string_equal(doc_meta(d, "id"), "x-1");
	assert_string_equal(doc_meta(d, "title"), "On Alliances");
	assert_null(doc_meta(d, "source"));
	assert_int_equal(doc_block(d, 0)->kind, BLK_TITLE);
	assert_true(find_block(d, "On Alliances") == 0);
	assert_true(find_block(d, "A. Writer") > 0);
	assert_true(find_block(d, "Some Institute") > 0);
	assert_true(find_block(d, "Press, 2024") > 0);
	assert_int_equal(doc_block(d, (size_t)find_block(d, "Body text.") - 1)->kind,
	    BLK_RULE);
	/* Source lines count the front matter. */
	assert_int_equal(doc_block(d, (size_t)find_block(d, "Body text."))->line, 10);
	assert_string_equal(doc_short_title(d), "On Alliances");
	doc_free(d);
}

static void
front_matter_errors_name_the_line(void **state)
{
	const char *open = "---\ntitle: x\nno end\n";
	const char *bad = "---\ntitle: x\nthis line has no colon\n---\n";
	const char *twice = "---\ntitle: x\ntitle: y\n---\n";
	char *e;

	(void)state;
	e = parse_err(open, strlen(open));
	assert_non_null(strstr(e, "t.md:"));
	free(e);
	e = parse_err(bad, strlen(bad));
	assert_non_null(strstr(e, "t.md:3: "));
	free(e);
	e = parse_err(twice, strlen(twice));
	assert_non_null(strstr(e, "t.md:3: "));
	assert_non_null(strstr(e, "twice"));
	free(e);
}

static void
invalid_utf8_is_reported_with_line_and_column(void **state)
{
	const char src[] = "# Title\n\nab\xff cd\n";
	char *e;

	(void)state;
	e = parse_err(src, sizeof(src) - 1);
	assert_string_equal(e, "t.md:3: not valid UTF-8 (byte 0xff at "
	    "column 3)");
	free(e);
}

static void
text_is_nfc_and_free_of_controls(void **state)
{
	/* e + COMBINING ACUTE, an ESC sequence, a C1 control, DEL. */
	struct doc *d = parse_ok("Caf\x65\xcc\x81 \x1b[31mred\xc2\x9b x\x7f\n");
	const char *t = doc_text(d, NULL);

	(void)state;
	assert_non_null(strstr(t, "Caf\xc3\xa9 "));
	assert_null(strchr(t, 0x1b));
	assert_null(strchr(t, 0x7f));
	assert_null(strstr(t, "\xc2\x9b"));
	assert_non_null(strstr(t, "\xe2\x90\x9b[31mred"));	/* U+241B */
	doc_free(d);
}

static void
inline_styles_become_runs(void **state)
{
	struct doc *d = parse_ok("Plain *soft* and **loud** and `mono` and "
	    "[a link](https://example.org/x) end.\n");
	const struct doc_link *l;
	const char *t = doc_text(d, NULL);

	(void)state;
	assert_int_equal(style_of(d, "Plain"), 0);
	assert_int_equal(style_of(d, "soft"), DS_EMPH);
	assert_int_equal(style_of(d, "loud"), DS_STRONG);
	assert_int_equal(style_of(d, "mono"), DS_CODE);
	assert_int_equal(style_of(d, "a link"), DS_LINK);
	assert_int_equal(doc_nlinks(d), 1);
	l = doc_link(d, 0);
	assert_string_equal(l->url, "https://example.org/x");
	assert_int_equal(strncmp(t + l->start, "a link", 6), 0);
	assert_int_equal(l->end - l->start, 6);
	doc_free(d);
}

static void
lists_get_markers_and_hanging_prefixes(void **state)
{
	struct doc *d = parse_ok("Intro.\n\n- one\n- two\n\n"
	    "8. eight\n9. nine\n10. ten\n");
	const struct doc_block *b;
	long i;

	(void)state;
	i = find_block(d, "one");
	assert_true(i > 0);
	b = doc_block(d, (size_t)i);
	assert_string_equal(b->prefix1, "• ");
	assert_string_equal(b->prefix, "  ");
	assert_int_equal(b->gap, 1);
	/* A tight list: no blank row between its items. */
	assert_int_equal(doc_block(d, (size_t)find_block(d, "two"))->gap, 0);
	/* Ordered markers are right-aligned to the widest number. */
	assert_string_equal(doc_block(d, (size_t)find_block(d, "eight"))->prefix1,
	    " 8. ");
	b = doc_block(d, (size_t)find_block(d, "ten"));
	assert_string_equal(b->prefix1, "10. ");
	assert_string_equal(b->prefix, "    ");
	doc_free(d);
}

static void
blank_rows_follow_list_tightness(void **state)
{
	struct doc *d = parse_ok("Intro.\n\n- a\n- b\n  - c\n  - d\n\n"
	    "After.\n\n- loose one\n\n- loose two\n");

	(void)state;
	assert_int_equal(doc_block(d, (size_t)find_block(d, "a"))->gap, 1);
	assert_int_equal(doc_block(d, (size_t)find_block(d, "b"))->gap, 0);
	/* A list nested in a tight item continues it. */
	assert_int_equal(doc_block(d, (size_t)find_block(d, "c"))->gap, 0);
	assert_string_equal(doc_block(d, (size_t)find_block(d, "c"))->prefix1,
	    "  • ");
	assert_int_equal(doc_block(d, (size_t)find_block(d, "d"))->gap, 0);
	assert_int_equal(doc_block(d, (size_t)find_block(d, "After."))->gap, 1);
	assert_int_equal(doc_block(d, (size_t)find_block(d, "loose two"))->gap,
	    1);
	doc_free(d);
}

static void
quotes_code_rules_and_headings(void **state)
{
	struct doc *d = parse_ok("# Top\n\n> quoted words\n\n"
	    "```\nint\tx;\n  y\n```\n\n---\n\n<!-- section: a \"A\" -->\n\n"
	    "## Sub\n\nLine one  \nline two\n");
	const struct doc_block *b;
	long i;

	(void)state;
	b = doc_block(d, (size_t)find_block(d, "Top"));
	assert_int_equal(b->kind, BLK_HEADING);
	assert_int_equal(b->level, 1);
	b = doc_block(d, (size_t)find_block(d, "quoted words"));
	assert_string_equal(b->prefix1, "│ ");
	assert_true(b->style & DS_QUOTE);
	/* Code keeps its lines; tabs become spaces to the next stop. */
	i = find_block(d, "int     x;\n  y");
	assert_true(i >= 0);
	assert_int_equal(doc_block(d, (size_t)i)->kind, BLK_CODE);
	assert_int_equal(doc_block(d, (size_t)i + 1)->kind, BLK_RULE);
	/* The HTML comment is a mark, not text. */
	assert_null(strstr(doc_text(d, NULL), "section"));
	/* A hard break stays a line break. */
	i = find_block(d, "Line one\nline two");
	assert_true(i >= 0);
	/* The heading in force. */
	assert_int_equal(doc_heading_at(d, doc_block(d, (size_t)i)->start),
	    find_block(d, "Sub"));
	assert_int_equal(doc_heading_at(d, 0), 0);
	doc_free(d);
}

static void
section_marks_become_sections(void **state)
{
	struct doc *d = parse_ok("---\ntitle: T\n---\n\n"
	    "<!-- section: intro \"The intro\" -->\n\nFirst.\n\n"
	    "<!-- other comment -->\n\n"
	    "<!-- section: main-2 \"Main part\" -->\n\n## Head\n\nSecond.\n");
	const struct doc_section *s;
	const char *t = doc_text(d, NULL);

	(void)state;
	assert_int_equal(doc_nproblems(d), 0);
	assert_true(doc_sections_marked(d));
	assert_int_equal(doc_nsections(d), 2);
	s = doc_section(d, 0);
	assert_string_equal(s->id, "intro");
	assert_string_equal(s->label, "The intro");
	/* The first section takes in the title block. */
	assert_int_equal(s->offset, 0);
	assert_int_equal(s->line, 5);
	s = doc_section(d, 1);
	assert_string_equal(s->id, "main-2");
	assert_string_equal(t + s->offset, "Head\nSecond.");
	assert_int_equal(doc_section_at(d, 0), 0);
	assert_int_equal(doc_section_at(d, s->offset), 1);
	assert_int_equal(doc_section_at(d, s->offset - 1), 0);
	/* Marks are not text. */
	assert_null(strstr(t, "section"));
	assert_null(strstr(t, "comment"));
	doc_free(d);
}

static void
headings_are_sections_without_marks(void **state)
{
	struct doc *d = parse_ok("Before.\n\n## Über Straße\n\nText.\n\n"
	    "## Next\n\nMore.\n");

	(void)state;
	assert_false(doc_sections_marked(d));
	assert_int_equal(doc_nsections(d), 3);
	assert_string_equal(doc_section(d, 0)->id, "");
	/* IDs are case-folded, so "ÜBER STRASSE" would pair. */
	assert_string_equal(doc_section(d, 1)->id, "über strasse");
	assert_string_equal(doc_section(d, 1)->label, "Über Straße");
	assert_true(doc_section(d, 1)->implicit);
	doc_free(d);
}

static void
bad_marks_are_problems_with_lines(void **state)
{
	struct doc *d = parse_ok("<!-- section: a \"A\" -->\n\nOne.\n\n"
	    "<!-- section: a \"B\" -->\n\nTwo.\n\n"
	    "<!-- section: \"no id\" -->\n\n"
	    "<!-- section: c \"C\" extra -->\n\n"
	    "Para\n<!-- section: d \"D\" -->\nsplit.\n\n"
	    "In <!-- section: e \"E\" --> line.\n");

	(void)state;
	assert_int_equal(doc_nproblems(d), 5);
	assert_string_equal(doc_problem(d, 0),
	    "t.md:5: section ID 'a' is already used at line 1");
	assert_non_null(strstr(doc_problem(d, 1), "t.md:9: malformed"));
	assert_non_null(strstr(doc_problem(d, 2), "t.md:11: malformed"));
	assert_non_null(strstr(doc_problem(d, 3), "t.md:14: section mark "
	    "splits a paragraph"));
	assert_non_null(strstr(doc_problem(d, 4), "t.md:17: section mark "
	    "inside a paragraph"));
	doc_free(d);
}

static void
comments_are_not_text(void **state)
{
	struct doc *d = parse_ok("Before <!-- a note to editors --> after "
	    "<b>bold</b>.\n\n<!--\nA block comment.\n-->\n\nEnd.\n");
	const char *t = doc_text(d, NULL);

	(void)state;
	assert_null(strstr(t, "note"));
	assert_null(strstr(t, "block comment"));
	/* Other inline HTML is shown as written. */
	assert_non_null(strstr(t, "<b>bold</b>"));
	assert_int_equal(doc_nproblems(d), 0);
	doc_free(d);
}

/* Display column of the first needle in the line of text that holds it. */
static int
column_of(const char *text, const char *needle)
{
	const char *p = strstr(text, needle), *bol;

	assert_non_null(p);
	for (bol = p; bol > text && bol[-1] != '\n'; bol--)
		;
	return u8_width((const uint8_t *)bol, (size_t)(p - bol), "UTF-8");
}

static void
tabs_stop_at_display_columns(void **state)
{
	/* A paragraph with wide text before the code block: the column
	   starts again at each block.  x + U+0301 stays decomposed (no
	   precomposed form), U+0001 is shown as U+2401. */
	struct doc *d = parse_ok("Before 日本語.\n\n```\n日本\tX\nab\tc\n"
	    "x\xcc\x81\tY\n\x01\tZ\n```\n\n日本*語*\tQ\n");
	const char *t = doc_text(d, NULL);

	(void)state;
	/* 日本 is 4 columns: 4 spaces, not 6 as counted in characters. */
	assert_true(find_block(d, "日本    X\nab      c\n"
	    "x\xcc\x81       Y\n\xe2\x90\x81       Z") >= 0);
	assert_int_equal(column_of(t, "X"), 8);
	assert_int_equal(column_of(t, "c\n"), 8);
	assert_int_equal(column_of(t, "Y"), 8);
	assert_int_equal(column_of(t, "Z"), 8);
	/* Counted across the runs of a paragraph: 日本, then 語. */
	assert_int_equal(column_of(t, "Q"), 8);
	doc_free(d);
}

static void
no_heading_before_first(void **state)
{
	struct doc *d = parse_ok("Just a paragraph.\n\n# Later\n");

	(void)state;
	assert_int_equal(doc_heading_at(d, 0), -1);
	doc_free(d);
}

/* util_nfc(s) is what u8_normalize gives on all of s. */
static void
assert_nfc_whole(const char *s, size_t n)
{
	size_t	 flen = 0, wlen = 0;
	char	*fast = util_nfc(s, n, &flen);
	uint8_t	*whole = u8_normalize(UNINORM_NFC, (const uint8_t *)s, n,
	    NULL, &wlen);

	assert_non_null(whole);
	if (fast == NULL) {
		assert_int_equal(flen, n);	/* in NFC already */
		fast = xmalloc(n + 1);
		memcpy(fast, s, n);
	}
	assert_int_equal(flen, wlen);
	assert_memory_equal(fast, whole, wlen);
	free(fast);
	free(whole);
}

/*
 * Only the spans beyond ASCII go through normalization: the result is
 * the same as normalizing the whole text, on the essays, the golden
 * texts and random text made of bases, combining marks in any order,
 * Hangul jamo, singletons and characters that compose.
 */
static void
nfc_by_spans_is_nfc_of_the_whole(void **state)
{
	static const char *const names[] = {
		"texts/ogi-2024.md", "texts/koga-2023.md",
		"tests/golden/combining.left.md", "tests/golden/cjk.left.md",
		"tests/golden/quotes.left.md"
	};
	static const char *const alphabet[] = {
		"a", "e", "o", "A", " ", ".", "\xcc\x81" /* U+0301 */,
		"\xcc\xa3" /* U+0323, below: reordered */,
		"\xcc\x88" /* U+0308 */, "\xc3\xa9" /* é */,
		"e\xcc\x81", "\xe1\x84\x80" /* Hangul L */,
		"\xe1\x85\xa1" /* V */, "\xe1\x86\xa8" /* T */,
		"\xea\xb0\x80" /* 가 */, "\xe2\x80\x80" /* U+2000 */,
		"\xef\xa4\x80" /* U+F900, a singleton */,
		"\xe2\x84\xab" /* U+212B Angstrom */,
		"\xe2\x80\x9c", "\xe6\x97\xa5", "\xf0\x9f\x91\x8d",
		"\xe2\x80\x94", "\xe2\x80\xa6", "\xe2\x81\x9e",
		"\xe2\x80\x99\xcc\x81"
	};
	const char	*srcdir = getenv("SRCDIR");
	char		 path[4096], *data;
	size_t		 k, len, changed = 0;
	unsigned	 seed = 777;
	int		 n;
	struct buf	 b;

	(void)state;
	if (srcdir == NULL)
		srcdir = ".";
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		snprintf(path, sizeof(path), "%s/%s", srcdir, names[k]);
		assert_int_equal(util_read_file(path, &data, &len), 0);
		assert_nfc_whole(data, len);
		free(data);
	}
	buf_init(&b);
	for (k = 0; k < 50000; k++) {
		char	*r;
		size_t	 rn;

		b.len = 0;
		n = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 12;
		while (n-- > 0) {
			seed = seed * 1103515245 + 12345;
			buf_adds(&b, alphabet[(seed >> 16) %
			    (sizeof(alphabet) / sizeof(alphabet[0]))]);
		}
		assert_nfc_whole(b.data, b.len);
		if ((r = util_nfc(b.data, b.len, &rn)) != NULL)
			changed++;
		free(r);
	}
	assert_true(changed > 1000);	/* the copying path is tried */
	buf_free(&b);
}

/*
 * util_nfc_inert's claim: its characters are starters with no canonical
 * decomposition, and none is part of any character's, so NFC can
 * neither split, reorder nor compose them with what stands beside them.
 */
static void
inert_punctuation_is_left_alone_by_nfc(void **state)
{
	ucs4_t	 uc, dec[UC_DECOMPOSITION_MAX_LENGTH];
	int	 n, k, inert = 0;

	(void)state;
	for (uc = 0; uc < 0x110000; uc++) {
		if (util_nfc_inert(uc)) {
			inert++;
			assert_int_equal(uc_combining_class(uc), 0);
			assert_true(uc_canonical_decomposition(uc, dec) < 0);
		}
		if ((n = uc_canonical_decomposition(uc, dec)) <= 0)
			continue;
		for (k = 0; k < n; k++)
			if (util_nfc_inert(dec[k]))
				fail_msg("U+%04X decomposes into U+%04X",
				    (unsigned)uc, (unsigned)dec[k]);
	}
	assert_int_equal(inert, 0x18 + 0x2f);
}

/*
 * Sections from headings of ASCII text take their ID as Unicode case
 * folding gives it, and invalid UTF-8 is found where u8_check finds it,
 * however the text mixes ASCII and other bytes.
 */
static void
ascii_shortcuts_agree_with_libunistring(void **state)
{
	static const char *const pieces[] = {
		"a", "Z", "Q", " ", "#", "\xc3\xa9", "\xe2\x80\x94", "\xff",
		"\xc3", "\xe2\x80", "\n", "\xf0\x9f\x91\x8d", "\xed\xa0\x80"
	};
	struct buf	 b;
	struct doc	*d;
	char		*err, *fold, what[64];
	size_t		 k, i, n;
	unsigned	 seed = 99;
	int		 c, m;

	(void)state;
	buf_init(&b);
	for (k = 0; k < 3000; k++) {
		b.len = 0;
		buf_adds(&b, "# ");
		for (c = 0; c < 30; c++) {
			seed = seed * 1103515245 + 12345;
			buf_addc(&b, (char)(0x20 + (seed >> 16) % 95));
		}
		buf_adds(&b, "\n\ntext\n");
		d = doc_parse("t.md", b.data, b.len, &err);
		assert_non_null(d);
		for (i = 0; i < doc_nblocks(d); i++) {
			const struct doc_block *bl = doc_block(d, i);
			const char *t = doc_text(d, NULL) + bl->start;

			if (bl->kind != BLK_HEADING)
				continue;
			n = 0;
			fold = (char *)u8_casefold((const uint8_t *)t,
			    bl->end - bl->start, NULL, UNINORM_NFC, NULL, &n);
			assert_non_null(fold);
			assert_int_equal(strlen(doc_section(d, 0)->id), n);
			assert_memory_equal(doc_section(d, 0)->id, fold, n);
			free(fold);
		}
		doc_free(d);
	}
	for (k = 0; k < 3000; k++) {
		const uint8_t *bad;

		b.len = 0;
		buf_add(&b, "", 0);
		m = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 40;
		while (m-- > 0) {
			seed = seed * 1103515245 + 12345;
			buf_adds(&b, pieces[(seed >> 16) % (k % 2 ? 13 : 7)]);
		}
		bad = u8_check((const uint8_t *)b.data, b.len);
		err = NULL;
		d = doc_parse("t.md", b.data, b.len, &err);
		if (bad == NULL) {
			assert_non_null(d);
			doc_free(d);
			continue;
		}
		assert_null(d);
		snprintf(what, sizeof(what), "(byte 0x%02x at column",
		    *bad);
		assert_non_null(strstr(err, what));
		free(err);
	}
	buf_free(&b);
}

/* doc_cp_offset agrees with a walk from the start, at every code point. */
static void
code_points_map_to_offsets(void **state)
{
	static const char *const names[] = {
		"texts/ogi-2024.md", "tests/golden/cjk.left.md"
	};
	const char	*srcdir = getenv("SRCDIR");
	char		 path[4096], *data, *err = NULL;
	size_t		 k, len, n, i, cp;
	const char	*t;

	(void)state;
	if (srcdir == NULL)
		srcdir = ".";
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		struct doc *d;

		snprintf(path, sizeof(path), "%s/%s", srcdir, names[k]);
		assert_int_equal(util_read_file(path, &data, &len), 0);
		d = doc_parse(path, data, len, &err);
		assert_non_null(d);
		t = doc_text(d, &n);
		for (i = cp = 0; i < n; i++)
			if ((t[i] & 0xc0) != 0x80)
				assert_int_equal(doc_cp_offset(d, cp++), i);
		assert_int_equal(doc_cp_offset(d, cp), n);
		assert_int_equal(doc_cp_offset(d, cp + 1), (size_t)-1);
		doc_free(d);
		free(data);
	}
}

/* a and b are the same document, block for block and run for run. */
static void
assert_same_doc(const struct doc *a, const struct doc *b)
{
	size_t		 la, lb, i;
	const char	*ta = doc_text(a, &la), *tb = doc_text(b, &lb);

	assert_int_equal(la, lb);
	assert_memory_equal(ta, tb, la);
	assert_int_equal(doc_nblocks(a), doc_nblocks(b));
	for (i = 0; i < doc_nblocks(a); i++) {
		const struct doc_block *x = doc_block(a, i), *y = doc_block(b, i);

		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->start, y->start);
		assert_int_equal(x->end, y->end);
		assert_int_equal(x->style, y->style);
		assert_int_equal(x->level, y->level);
		assert_int_equal(x->gap, y->gap);
		assert_int_equal(x->line, y->line);
		assert_string_equal(x->prefix1, y->prefix1);
		assert_string_equal(x->prefix, y->prefix);
	}
	assert_int_equal(doc_nruns(a), doc_nruns(b));
	for (i = 0; i < doc_nruns(a); i++) {
		assert_int_equal(doc_run(a, i)->start, doc_run(b, i)->start);
		assert_int_equal(doc_run(a, i)->end, doc_run(b, i)->end);
		assert_int_equal(doc_run(a, i)->style, doc_run(b, i)->style);
	}
	assert_int_equal(doc_nlinks(a), doc_nlinks(b));
	for (i = 0; i < doc_nlinks(a); i++) {
		assert_int_equal(doc_link(a, i)->start, doc_link(b, i)->start);
		assert_int_equal(doc_link(a, i)->end, doc_link(b, i)->end);
		assert_string_equal(doc_link(a, i)->url, doc_link(b, i)->url);
		assert_int_equal(doc_link(a, i)->target,
		    doc_link(b, i)->target);
	}
	assert_int_equal(doc_nsections(a), doc_nsections(b));
	for (i = 0; i < doc_nsections(a); i++) {
		assert_string_equal(doc_section(a, i)->id,
		    doc_section(b, i)->id);
		assert_int_equal(doc_section(a, i)->offset,
		    doc_section(b, i)->offset);
		assert_int_equal(doc_section(a, i)->line,
		    doc_section(b, i)->line);
	}
	assert_int_equal(doc_nproblems(a), doc_nproblems(b));
	for (i = 0; i < doc_nproblems(a); i++)
		assert_string_equal(doc_problem(a, i), doc_problem(b, i));
}

/*
 * A text given to cmark in pieces makes the same document as given
 * whole: pieces of every size down to a byte (a piece ends at the first
 * place it may after its size), on the essays, the golden texts and a
 * text of the constructs that must not be cut (lists going on after a
 * blank line, code and HTML holding blank lines).
 */
static void
pieces_make_the_same_document(void **state)
{
	static const char *const names[] = {
		"texts/ogi-2024.md", "texts/koga-2023.md",
		"tests/golden/citations.left.md", "tests/golden/code.left.md",
		"tests/golden/lists.left.md", "tests/golden/quotes.left.md",
		"tests/golden/sections.left.md", "tests/golden/headings.left.md"
	};
	static const char nasty[] =
	    "# Title\n\nPara one.\n\n- item\n\n- loose item\n\n  more of it\n\n"
	    "1. one\n\n2) two\n\n10. ten\n\nAfter the list.\n\n"
	    "```\ncode\n\nNot a paragraph.\n```\n\n~~~~\n\nx\n~~~\n\ny\n~~~~\n\n"
	    "<pre>\n\nkept\n</pre>\n\n<!-- a\n\ncomment -->\n\n"
	    "<div>\n\nhtml 6</div>\n\n> quote\n\n> another\n\n"
	    "    indented\n\n    code\n\nText *em\n\nnot em*.\n\n"
	    "<!-- section: a \"A\" -->\n\nMarked.\n\n"
	    "Para\n<!-- section: b \"B\" -->\nsplit.\n\n"
	    "- item:\n\n  ```\n  code\nends the item\n```\n\nIn a fence.\n\n"
	    "```\n\nEnd.\n";
	const char	*srcdir = getenv("SRCDIR");
	char		 path[4096], *data, *err = NULL;
	size_t		 k, len, chunk;
	struct doc	*whole, *cut;

	(void)state;
	if (srcdir == NULL)
		srcdir = ".";
	for (k = 0; k <= sizeof(names) / sizeof(names[0]); k++) {
		if (k < sizeof(names) / sizeof(names[0])) {
			snprintf(path, sizeof(path), "%s/%s", srcdir,
			    names[k]);
			assert_int_equal(util_read_file(path, &data, &len), 0);
		} else {
			data = xstrdup(nasty);
			len = strlen(nasty);
		}
		whole = doc_parse_chunked("t.md", data, len, SIZE_MAX, &err);
		assert_non_null(whole);
		for (chunk = 1; chunk < len; chunk = chunk * 3 + 1) {
			cut = doc_parse_chunked("t.md", data, len, chunk, &err);
			assert_non_null(cut);
			assert_same_doc(whole, cut);
			doc_free(cut);
		}
		doc_free(whole);
		free(data);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(front_matter_becomes_title_block),
		cmocka_unit_test(front_matter_errors_name_the_line),
		cmocka_unit_test(invalid_utf8_is_reported_with_line_and_column),
		cmocka_unit_test(inert_punctuation_is_left_alone_by_nfc),
		cmocka_unit_test(ascii_shortcuts_agree_with_libunistring),
		cmocka_unit_test(text_is_nfc_and_free_of_controls),
		cmocka_unit_test(inline_styles_become_runs),
		cmocka_unit_test(lists_get_markers_and_hanging_prefixes),
		cmocka_unit_test(blank_rows_follow_list_tightness),
		cmocka_unit_test(quotes_code_rules_and_headings),
		cmocka_unit_test(tabs_stop_at_display_columns),
		cmocka_unit_test(no_heading_before_first),
		cmocka_unit_test(comments_are_not_text),
		cmocka_unit_test(section_marks_become_sections),
		cmocka_unit_test(headings_are_sections_without_marks),
		cmocka_unit_test(bad_marks_are_problems_with_lines),
		cmocka_unit_test(nfc_by_spans_is_nfc_of_the_whole),
		cmocka_unit_test(code_points_map_to_offsets),
		cmocka_unit_test(pieces_make_the_same_document),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
