/*
 * test_anchor.c: a passage's selectors, and finding the passage again in
 * the same essay, in an edited one, or not at all: never elsewhere.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unigbrk.h>
#include <unistr.h>

#include "diptych/anchor.h"
#include "diptych/doc.h"
#include "diptych/util.h"

static struct doc *
parse_ok(const char *src)
{
	char		*err = NULL;
	struct doc	*d = doc_parse("t.md", src, strlen(src), &err);

	if (d == NULL)
		fail_msg("%s", err);
	return d;
}

/* The byte offset of the nth (0-based) occurrence of s in d's text. */
static size_t
offset_of(const struct doc *d, const char *s, int nth)
{
	const char	*t = doc_text(d, NULL), *p = t;

	for (;;) {
		p = strstr(p, s);
		if (p == NULL)
			fail_msg("\"%s\" (%d) is not in the text", s, nth);
		if (nth-- == 0)
			return (size_t)(p - t);
		p++;
	}
}

/* Anchor the nth occurrence of s in d. */
static void
make_on(struct anchor *a, const struct doc *d, const char *s, int nth)
{
	size_t o = offset_of(d, s, nth);

	anchor_make(a, d, o, o + strlen(s));
	assert_string_equal(a->exact, s);
}

/* Whether o is a cluster boundary of d's text. */
static int
on_cluster_edge(const struct doc *d, size_t o)
{
	size_t		 n;
	const char	*t = doc_text(d, &n);
	char		*p;
	int		 r;

	if (o == 0 || o == n)
		return 1;
	p = xmalloc(n);
	u8_grapheme_breaks((const uint8_t *)t, n, p);
	r = p[o];
	free(p);
	return r;
}

/*
 * Find a in d: the state must be want, and the range the nth occurrence
 * of text (ignored for an orphan, whose range must be left alone).
 */
static void
assert_found(const struct anchor *a, const struct doc *d,
    enum anchor_state want, const char *text, int nth)
{
	size_t		 start = 12345, end = 67890, o, n;
	enum anchor_state got = anchor_find(a, d, &start, &end);
	const char	*t = doc_text(d, &n);

	if (got != want)
		fail_msg("\"%s\": %s, want %s (at %zu..%zu: \"%.*s\")",
		    a->exact, anchor_state_name(got), anchor_state_name(want),
		    start, end, got == ANCHOR_ORPHAN ? 0 : (int)(end - start),
		    got == ANCHOR_ORPHAN ? "" : t + start);
	if (want == ANCHOR_ORPHAN) {
		assert_int_equal(start, 12345);
		assert_int_equal(end, 67890);
		return;
	}
	assert_true(start <= end && end <= n);
	assert_true(on_cluster_edge(d, start));
	assert_true(on_cluster_edge(d, end));
	o = offset_of(d, text, nth);
	if (start != o || end != o + strlen(text))
		fail_msg("\"%s\": found \"%.*s\" at %zu..%zu, want \"%s\" at "
		    "%zu..%zu", a->exact, (int)(end - start), t + start, start,
		    end, text, o, o + strlen(text));
}

/* A copy of s with the first from replaced by to; the caller frees it. */
static char *
replace(const char *s, const char *from, const char *to)
{
	const char	*p = strstr(s, from);
	struct buf	 b;

	if (p == NULL)
		fail_msg("\"%s\" is not in the source", from);
	buf_init(&b);
	buf_add(&b, s, (size_t)(p - s));
	buf_adds(&b, to);
	buf_adds(&b, p + strlen(from));
	return buf_steal(&b, NULL);
}

/* A bundled essay's source; the caller frees it. */
static char *
read_essay(const char *name, size_t *len)
{
	const char	*srcdir = getenv("SRCDIR");
	char		 path[4096], *data;

	snprintf(path, sizeof(path), "%s/texts/%s", srcdir ? srcdir : ".",
	    name);
	if (util_read_file(path, &data, len) != 0)
		fail_msg("cannot read %s", path);
	return data;
}

/* A deterministic generator for the property tests (xorshift64). */
static uint64_t
next_random(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* The byte offset of code point cp of t. */
static size_t
cp_to_byte(const char *t, size_t n, size_t cp)
{
	const uint8_t	*p = (const uint8_t *)t, *end = p + n;
	ucs4_t		 uc;

	while (cp-- > 0 && p < end)
		p += u8_mbtouc(&uc, p, (size_t)(end - p));
	return (size_t)(p - (const uint8_t *)t);
}

static const char SAMPLE[] =
    "---\n"
    "id: sample-1\n"
    "title: A Sample Essay\n"
    "short: Sample\n"
    "---\n"
    "\n"
    "The first paragraph sets the scene for what follows. "
    "The treaty marks the first military alliance between the two "
    "countries since 1961, and it changes the calculus of every "
    "neighbour in the region. Nothing else is as important.\n"
    "\n"
    "A second paragraph closes the essay.\n";

static void
make_records_the_selectors(void **state)
{
	struct doc	*d = parse_ok(SAMPLE);
	struct anchor	 a, c;
	size_t		 n, o;
	const char	*t = doc_text(d, &n);

	(void)state;
	make_on(&a, d, "The treaty marks the first military alliance", 0);
	o = offset_of(d, "The treaty", 0);
	assert_string_equal(a.doc_id, "sample-1");
	assert_string_equal(a.prefix, "ets the scene for what follows. ");
	assert_int_equal(u8_mbsnlen((const uint8_t *)a.prefix,
	    strlen(a.prefix)), ANCHOR_CONTEXT);
	assert_string_equal(a.suffix, " between the two countries since");
	assert_int_equal(a.start, o);	/* all ASCII: bytes are code points */
	assert_int_equal(a.end, o + strlen(a.exact));
	assert_true(a.hash == anchor_text_hash(d));

	anchor_copy(&c, &a);
	assert_string_equal(c.doc_id, a.doc_id);
	assert_string_equal(c.exact, a.exact);
	assert_string_equal(c.prefix, a.prefix);
	assert_string_equal(c.suffix, a.suffix);
	assert_true(c.exact != a.exact);
	assert_int_equal(c.start, a.start);
	assert_int_equal(c.end, a.end);
	assert_true(c.hash == a.hash);
	anchor_free(&c);
	assert_null(c.exact);
	anchor_free(&a);

	/* Out of range: clamped to the text. */
	anchor_make(&a, d, n - 4, n + 100);
	assert_string_equal(a.exact, t + n - 4);
	assert_string_equal(a.suffix, "");
	anchor_free(&a);
	doc_free(d);
}

static void
doc_id_falls_back_to_the_short_title(void **state)
{
	struct doc	*d = parse_ok("---\ntitle: Only a Title\n---\n\nText.\n");
	struct doc	*e = parse_ok("Bare text.\n");
	struct anchor	 a;

	(void)state;
	make_on(&a, d, "Text", 0);
	assert_string_equal(a.doc_id, "Only a Title");
	anchor_free(&a);
	make_on(&a, e, "Bare", 0);
	assert_non_null(a.doc_id);
	assert_string_equal(a.doc_id, "t.md");
	anchor_free(&a);
	doc_free(d);
	doc_free(e);
}

static void
text_hash_is_fnv1a(void **state)
{
	struct doc	*d = parse_ok("a\n");
	struct doc	*e = parse_ok("b\n");

	(void)state;
	assert_string_equal(doc_text(d, NULL), "a");
	assert_true(anchor_text_hash(d) == 0xaf63dc4c8601ec8cULL);
	assert_true(anchor_text_hash(e) != anchor_text_hash(d));
	doc_free(d);
	doc_free(e);
}

static void
same_text_is_exact(void **state)
{
	struct doc	*d = parse_ok(SAMPLE);
	struct anchor	 a;

	(void)state;
	make_on(&a, d, "it changes the calculus", 0);
	assert_found(&a, d, ANCHOR_EXACT, "it changes the calculus", 0);
	anchor_free(&a);
	assert_string_equal(anchor_state_name(ANCHOR_EXACT), "exact");
	assert_string_equal(anchor_state_name(ANCHOR_MOVED), "moved");
	assert_string_equal(anchor_state_name(ANCHOR_FUZZY), "fuzzy");
	assert_string_equal(anchor_state_name(ANCHOR_ORPHAN), "orphan");
	doc_free(d);
}

static void
edits_before_move_and_edits_after_do_not(void **state)
{
	struct doc	*d = parse_ok(SAMPLE), *before, *after;
	char		*s1, *s2;
	struct anchor	 a;

	(void)state;
	s1 = replace(SAMPLE, "The first paragraph",
	    "A new opening sentence, added later. The first paragraph");
	s2 = replace(SAMPLE, "A second paragraph", "A longer second "
	    "paragraph, rewritten after the note was written,");
	before = parse_ok(s1);
	after = parse_ok(s2);
	make_on(&a, d, "it changes the calculus of every neighbour", 0);
	assert_found(&a, before, ANCHOR_MOVED,
	    "it changes the calculus of every neighbour", 0);
	assert_found(&a, after, ANCHOR_EXACT,
	    "it changes the calculus of every neighbour", 0);
	anchor_free(&a);
	doc_free(d);
	doc_free(before);
	doc_free(after);
	free(s1);
	free(s2);
}

static void
one_word_changed_is_fuzzy_most_rewritten_is_orphan(void **state)
{
	static const char sentence[] = "The treaty marks the first military "
	    "alliance between the two countries since 1961, and it changes "
	    "the calculus of every neighbour in the region.";
	struct doc	*d = parse_ok(SAMPLE), *one, *most, *first, *last;
	char		*s1, *s2, *s3, *s4;
	struct anchor	 a;

	(void)state;
	s1 = replace(SAMPLE, "military alliance", "defence alliance");
	s2 = replace(SAMPLE, sentence, "Since 1961 no such pact had bound "
	    "them, and the neighbours now recompute their plans for the "
	    "region.");
	/* The edit at the very first and the very last word. */
	s3 = replace(SAMPLE, "The treaty marks", "This treaty marks");
	s4 = replace(SAMPLE, "in the region.", "in the whole area.");
	one = parse_ok(s1);
	most = parse_ok(s2);
	first = parse_ok(s3);
	last = parse_ok(s4);
	make_on(&a, d, sentence, 0);
	assert_found(&a, one, ANCHOR_FUZZY, "The treaty marks the first "
	    "defence alliance between the two countries since 1961, and it "
	    "changes the calculus of every neighbour in the region.", 0);
	assert_found(&a, most, ANCHOR_ORPHAN, NULL, 0);
	assert_found(&a, first, ANCHOR_FUZZY, "This treaty marks the first "
	    "military alliance between the two countries since 1961, and it "
	    "changes the calculus of every neighbour in the region.", 0);
	assert_found(&a, last, ANCHOR_FUZZY, "The treaty marks the first "
	    "military alliance between the two countries since 1961, and it "
	    "changes the calculus of every neighbour in the whole area.", 0);
	anchor_free(&a);
	doc_free(d);
	doc_free(one);
	doc_free(most);
	doc_free(first);
	doc_free(last);
	free(s1);
	free(s2);
	free(s3);
	free(s4);
}

static void
deleted_passage_is_orphan(void **state)
{
	struct doc	*d = parse_ok(SAMPLE), *e;
	char		*s;
	struct anchor	 a;

	(void)state;
	s = replace(SAMPLE, "Nothing else is as important.", "");
	e = parse_ok(s);
	make_on(&a, d, "Nothing else is as important.", 0);
	assert_found(&a, e, ANCHOR_ORPHAN, NULL, 0);
	anchor_free(&a);
	doc_free(d);
	doc_free(e);
	free(s);
}

static const char TWICE[] =
    "Opening words of a short essay about alliances.\n\n"
    "Deterrence works only when it is credible to the other side. "
    "Several paragraphs discuss what credibility means for the three "
    "capitals and their publics.\n\n"
    "The argument then returns to its refrain. "
    "Deterrence works only when it is credible to the other side. "
    "That is where the essay ends.\n";

static void
duplicated_passage_is_told_apart_by_context(void **state)
{
	static const char dup[] =
	    "Deterrence works only when it is credible to the other side.";
	struct doc	*d = parse_ok(TWICE), *e, *f;
	char		*s1, *s2, *s3;
	struct anchor	 a, b;

	(void)state;
	s1 = replace(TWICE, "Opening words", "Some new opening words, "
	    "longer than the old ones,");
	/* And both copies edited alike: the fuzzy step must tell too. */
	s2 = replace(s1, "only when it is", "only if it is");
	s3 = replace(s2, "only when it is", "only if it is");
	e = parse_ok(s1);
	f = parse_ok(s3);
	make_on(&a, d, dup, 1);
	make_on(&b, d, dup, 0);
	assert_found(&a, d, ANCHOR_EXACT, dup, 1);
	assert_found(&b, d, ANCHOR_EXACT, dup, 0);
	assert_found(&a, e, ANCHOR_MOVED, dup, 1);
	assert_found(&b, e, ANCHOR_MOVED, dup, 0);
	assert_found(&a, f, ANCHOR_FUZZY, "Deterrence works only if it is "
	    "credible to the other side.", 1);
	assert_found(&b, f, ANCHOR_FUZZY, "Deterrence works only if it is "
	    "credible to the other side.", 0);
	anchor_free(&a);
	anchor_free(&b);
	doc_free(d);
	doc_free(e);
	doc_free(f);
	free(s1);
	free(s2);
	free(s3);
}

static void
near_duplicate_elsewhere_is_not_taken(void **state)
{
	static const char src[] =
	    "The first section argues one thing at length, with care.\n\n"
	    "Sanctions alone will not change the regime's behaviour soon. "
	    "More follows here about the economy of the peninsula.\n\n"
	    "Much later, in a different context entirely, the author says: "
	    "Sanctions alone will not change the regime's behaviour now. "
	    "And the essay goes on to other matters.\n";
	struct doc	*d = parse_ok(src), *e;
	char		*s;
	struct anchor	 a;

	(void)state;
	/* The note's sentence goes; the one left differs by a word. */
	s = replace(src, "Sanctions alone will not change the regime's "
	    "behaviour soon. ", "");
	e = parse_ok(s);
	make_on(&a, d, "Sanctions alone will not change the regime's "
	    "behaviour soon.", 0);
	assert_found(&a, e, ANCHOR_ORPHAN, NULL, 0);
	anchor_free(&a);
	doc_free(d);
	doc_free(e);
	free(s);
}

static void
japanese_positions_count_code_points(void **state)
{
	static const char src[] =
	    "日本と韓国の協力は重要である。北朝鮮とロシアの関係が深まっている。"
	    "米国は同盟国との連携を強めている。\n";
	struct doc	*d = parse_ok(src), *e, *f;
	char		*s1, *s2;
	struct anchor	 a;

	(void)state;
	make_on(&a, d, "北朝鮮とロシアの関係が深まっている。", 0);
	assert_int_equal(a.start, 15);
	assert_int_equal(a.end, 15 + 18);
	assert_string_equal(a.prefix, "日本と韓国の協力は重要である。");
	assert_string_equal(a.suffix, "米国は同盟国との連携を強めている。");
	assert_found(&a, d, ANCHOR_EXACT, "北朝鮮とロシアの関係が深まっている。",
	    0);
	s1 = replace(src, "日本と", "二〇二四年、日本と");
	s2 = replace(src, "関係が深まって", "関係は深まって");
	e = parse_ok(s1);
	f = parse_ok(s2);
	assert_found(&a, e, ANCHOR_MOVED, "北朝鮮とロシアの関係が深まっている。",
	    0);
	assert_found(&a, f, ANCHOR_FUZZY, "北朝鮮とロシアの関係は深まっている。",
	    0);
	anchor_free(&a);
	doc_free(d);
	doc_free(e);
	doc_free(f);
	free(s1);
	free(s2);
}

static void
combining_marks_stay_with_their_letter(void **state)
{
	/* q and a combining tilde have no precomposed form: NFC keeps two
	   code points, one cluster. */
	static const char src[] = "Say q\xcc\x83 then q again, and q\xcc\x83 "
	    "once more.\n";
	struct doc	*d = parse_ok(src), *e;
	char		*s;
	struct anchor	 a;
	size_t		 o;

	(void)state;
	/* A range that would cut the cluster takes it whole. */
	o = offset_of(d, "q\xcc\x83", 0);
	anchor_make(&a, d, o, o + 1);
	assert_string_equal(a.exact, "q\xcc\x83");
	assert_int_equal(a.start, 4);
	assert_int_equal(a.end, 6);
	anchor_free(&a);
	anchor_make(&a, d, o + 1, o + 2);	/* inside the tilde */
	assert_string_equal(a.exact, "q\xcc\x83");
	anchor_free(&a);

	/* A bare q is never found inside q̃. */
	o = offset_of(d, "q again", 0);
	anchor_make(&a, d, o, o + 1);
	assert_string_equal(a.exact, "q");
	s = replace(src, "Say ", "Now say ");
	e = parse_ok(s);
	assert_found(&a, e, ANCHOR_MOVED, "q", 1);
	anchor_free(&a);
	doc_free(d);
	doc_free(e);
	free(s);
}

static void
emoji_zwj_sequences_are_never_cut(void **state)
{
#define FAMILY	"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d" \
		"\xf0\x9f\x91\xa7"	/* 👩‍👩‍👧: 5 code points */
#define WOMAN	"\xf0\x9f\x91\xa9"
	static const char src[] = "A family " FAMILY " here, and one " WOMAN
	    " there.\n";
	struct doc	*d = parse_ok(src), *e;
	char		*s;
	struct anchor	 a;
	size_t		 o;

	(void)state;
	make_on(&a, d, FAMILY " here", 0);
	assert_int_equal(a.start, 9);
	assert_int_equal(a.end, 9 + 5 + 5);
	anchor_free(&a);
	/* The first woman only: the whole family is one cluster. */
	o = offset_of(d, FAMILY, 0);
	anchor_make(&a, d, o, o + 4);
	assert_string_equal(a.exact, FAMILY);
	anchor_free(&a);
	anchor_make(&a, d, o + 4, o + 8);
	assert_string_equal(a.exact, FAMILY);
	anchor_free(&a);
	/* The lone woman, moved: never the first one inside the family. */
	o = offset_of(d, WOMAN " there", 0);
	anchor_make(&a, d, o, o + 4);
	assert_string_equal(a.exact, WOMAN);
	s = replace(src, "A family", "Then a family");
	e = parse_ok(s);
	assert_found(&a, e, ANCHOR_MOVED, WOMAN, 2);
	anchor_free(&a);
	doc_free(d);
	doc_free(e);
	free(s);
#undef FAMILY
#undef WOMAN
}

static void
curly_and_straight_quotes_are_the_same_passage(void **state)
{
	static const char src[] = "Officials called the summit "
	    "\xe2\x80\x9c" "a turning point" "\xe2\x80\x9d"
	    " for the region, and Korea\xe2\x80\x99s navy agreed.\n";
	static const char edited[] = "Officials called the summit "
	    "\"a turning point\" for the region, and Korea's navy agreed.\n";
	struct doc	*d = parse_ok(src), *e = parse_ok(edited);
	struct anchor	 a, b;

	(void)state;
	make_on(&a, d, "\xe2\x80\x9c" "a turning point" "\xe2\x80\x9d", 0);
	make_on(&b, d, "Korea\xe2\x80\x99s navy", 0);
	assert_found(&a, e, ANCHOR_FUZZY, "\"a turning point\"", 0);
	assert_found(&b, e, ANCHOR_FUZZY, "Korea's navy", 0);
	anchor_free(&a);
	anchor_free(&b);
	/* And back. */
	make_on(&a, e, "Korea's navy agreed", 0);
	assert_found(&a, d, ANCHOR_FUZZY, "Korea\xe2\x80\x99s navy agreed", 0);
	anchor_free(&a);
	doc_free(d);
	doc_free(e);
}

static void
context_at_the_edges_of_the_text(void **state)
{
	static const char src[] = "Alliances are built slowly and lost "
	    "quickly, as history shows. Between the two ends there is a "
	    "middle part of the text. Trust, once gone, is hard to win back "
	    "again.\n";
	static const char twice[] = "Same words here. Same words here.\n";
	struct doc	*d = parse_ok(src), *e, *f, *g, *h;
	char		*s1, *s2, *s3;
	struct anchor	 first, last, a;
	size_t		 n;

	(void)state;
	doc_text(d, &n);
	make_on(&first, d, "Alliances are built slowly", 0);
	make_on(&last, d, "Trust, once gone, is hard to win back again.", 0);
	assert_string_equal(first.prefix, "");
	assert_int_equal(first.start, 0);
	assert_string_equal(last.suffix, "");
	assert_int_equal(last.end, n);
	assert_found(&first, d, ANCHOR_EXACT, "Alliances are built slowly", 0);
	assert_found(&last, d, ANCHOR_EXACT, "Trust, once gone, is hard to "
	    "win back again.", 0);
	s1 = replace(src, "built slowly", "built so slowly");
	s2 = replace(src, "hard to win back again.", "hard to win it back "
	    "again.");
	e = parse_ok(s1);
	f = parse_ok(s2);
	/* 3 edits in 26 code points: under 90%. */
	assert_found(&first, e, ANCHOR_ORPHAN, NULL, 0);
	assert_found(&last, f, ANCHOR_FUZZY, "Trust, once gone, is hard to "
	    "win it back again.", 0);
	anchor_free(&first);
	make_on(&first, d, "Alliances are built slowly and lost quickly, as "
	    "history shows.", 0);
	assert_found(&first, e, ANCHOR_FUZZY, "Alliances are built so "
	    "slowly and lost quickly, as history shows.", 0);

	/* Two copies; the note on the last, at the text's end: the edge
	   tells them apart after both move. */
	g = parse_ok(twice);
	s3 = replace(twice, "Same", "New. Same");
	h = parse_ok(s3);
	make_on(&a, g, "Same words here.", 1);
	assert_string_equal(a.suffix, "");
	assert_found(&a, h, ANCHOR_MOVED, "Same words here.", 1);
	anchor_free(&a);
	anchor_free(&first);
	anchor_free(&last);
	doc_free(d);
	doc_free(e);
	doc_free(f);
	doc_free(g);
	doc_free(h);
	free(s1);
	free(s2);
	free(s3);
}

static void
blank_and_odd_anchors(void **state)
{
	struct doc	*d = parse_ok(SAMPLE), *e;
	char		*s;
	struct anchor	 a;
	size_t		 o, start, end;

	(void)state;
	s = replace(SAMPLE, "The first", "Then, the first");
	e = parse_ok(s);
	/* Empty and white-space quotes hold only at their position. */
	o = offset_of(d, " follows", 0);
	anchor_make(&a, d, o, o);
	assert_string_equal(a.exact, "");
	start = end = 0;
	assert_int_equal(anchor_find(&a, d, &start, &end), ANCHOR_EXACT);
	assert_int_equal(start, o);
	assert_int_equal(end, o);
	anchor_free(&a);
	/* A point past the end of the text is not there any more. */
	anchor_make(&a, e, strlen(doc_text(e, NULL)), 1000000);
	assert_string_equal(a.exact, "");
	assert_found(&a, d, ANCHOR_ORPHAN, NULL, 0);
	anchor_free(&a);
	anchor_make(&a, d, o, o + 1);
	assert_string_equal(a.exact, " ");
	start = end = 0;
	assert_int_equal(anchor_find(&a, d, &start, &end), ANCHOR_EXACT);
	assert_int_equal(start, o);
	assert_int_equal(end, o + 1);
	assert_found(&a, e, ANCHOR_ORPHAN, NULL, 0);
	anchor_free(&a);

	/* An imported target: no context, a position past the end. */
	memset(&a, 0, sizeof(a));
	a.exact = xstrdup("calculus of every neighbour");
	a.start = 100000;
	a.end = 100027;
	assert_found(&a, e, ANCHOR_MOVED, "calculus of every neighbour", 0);
	free(a.exact);
	/* Without context, a close match is not trusted. */
	a.exact = xstrdup("calculus of every neighbor in the region");
	assert_found(&a, e, ANCHOR_ORPHAN, NULL, 0);
	free(a.exact);
	/* Not UTF-8, or nothing at all. */
	a.exact = xstrdup("calculus\xff");
	assert_found(&a, e, ANCHOR_ORPHAN, NULL, 0);
	free(a.exact);
	a.exact = NULL;
	a.start = a.end = 3;
	start = end = 0;
	assert_int_equal(anchor_find(&a, e, &start, &end), ANCHOR_EXACT);
	assert_int_equal(start, 3);
	assert_int_equal(end, 3);
	anchor_free(&a);
	doc_free(d);
	doc_free(e);
	free(s);
}

/* Ogi's essay with one word of one sentence changed. */
static void
bundled_essay_sentence_edited_is_fuzzy_there(void **state)
{
	static const char sentence[] = "Indo-Pacific and European security "
	    "were called \xe2\x80\x9cinseparable\xe2\x80\x9d at the G7 Apulia "
	    "Summit on June 14, and it is ironic that this perception was "
	    "corroborated only a few days later when Russian President "
	    "Vladimir Putin visited Pyongyang and signed a \xe2\x80\x9c"
	    "Comprehensive Strategic Partnership Treaty\xe2\x80\x9d with "
	    "North Korean leader Kim Jong Un.";
	size_t		 len;
	char		*src = read_essay("ogi-2024.md", &len), *s1, *s2;
	char		*edited;
	struct doc	*d = parse_ok(src), *e, *f;
	struct anchor	 a;

	(void)state;
	s1 = replace(src, "it is ironic that", "it is striking that");
	/* And the same word in the edited copy's next paragraph's place. */
	s2 = replace(s1, "The treaty marks the first", "The pact marks the "
	    "first");
	e = parse_ok(s1);
	f = parse_ok(s2);
	edited = replace(sentence, "ironic", "striking");
	make_on(&a, d, sentence, 0);
	assert_found(&a, d, ANCHOR_EXACT, sentence, 0);
	assert_found(&a, e, ANCHOR_FUZZY, edited, 0);
	assert_found(&a, f, ANCHOR_FUZZY, edited, 0);
	anchor_free(&a);
	doc_free(d);
	doc_free(e);
	doc_free(f);
	free(src);
	free(s1);
	free(s2);
	free(edited);
}

/*
 * A long passage, the longest paragraph of Koga's essay, with one " the "
 * in its second half made " a " (in the source, where the words around
 * it are the same as in the text).
 */
static void
bundled_essay_long_paragraph_edited(void **state)
{
	size_t		 len, n, o = 0, e = 0, i, start, end;
	char		*src = read_essay("koga-2023.md", &len), *s1 = NULL;
	char		 ctx[64], rep[64];
	struct doc	*d = parse_ok(src), *ed;
	const char	*t = doc_text(d, &n), *p;
	struct anchor	 a;
	struct buf	 want;

	(void)state;
	for (i = 0; i < doc_nblocks(d); i++) {
		const struct doc_block *b = doc_block(d, i);

		if (b->end - b->start > e - o) {
			o = b->start;
			e = b->end;
		}
	}
	assert_true(e - o > 600);
	for (p = t + o + (e - o) / 2; s1 == NULL; p++) {
		p = strstr(p, " the ");
		assert_true(p != NULL && p + 5 < t + e);
		snprintf(ctx, sizeof(ctx), "%.*s", 25, p - 20);
		snprintf(rep, sizeof(rep), "%.*s a ", 20, p - 20);
		if (strstr(src, ctx) != NULL &&
		    strstr(strstr(src, ctx) + 1, ctx) == NULL)
			s1 = replace(src, ctx, rep);
	}
	buf_init(&want);
	buf_add(&want, t + o, (size_t)(p - 1 - (t + o)));
	buf_adds(&want, " a ");
	buf_add(&want, p - 1 + 5, (size_t)(t + e - (p - 1 + 5)));
	ed = parse_ok(s1);
	anchor_make(&a, d, o, e);
	assert_true(a.end - a.start > 600);
	start = end = 0;
	assert_int_equal(anchor_find(&a, ed, &start, &end), ANCHOR_FUZZY);
	assert_int_equal(end - start, want.len);
	assert_memory_equal(doc_text(ed, NULL) + start, want.data, want.len);
	anchor_free(&a);
	buf_free(&want);
	doc_free(d);
	doc_free(ed);
	free(src);
	free(s1);
}

/* Random ranges of an essay: made and found on the same text, EXACT. */
static void
random_ranges_are_exact_on_the_same_text(void **state)
{
	static const char *const names[] = { "ogi-2024.md", "koga-2023.md" };
	uint64_t	 seed = 0x2024;
	size_t		 len, n, k, i, s, e, start, end, bs, be;
	char		*src;
	struct doc	*d;
	const char	*t;
	struct anchor	 a;

	(void)state;
	for (k = 0; k < 2; k++) {
		src = read_essay(names[k], &len);
		d = parse_ok(src);
		t = doc_text(d, &n);
		for (i = 0; i < 400; i++) {
			s = next_random(&seed) % n;
			e = s + next_random(&seed) % (i % 4 == 0 ? 2000 : 80);
			anchor_make(&a, d, s, e);
			bs = cp_to_byte(t, n, a.start);
			be = cp_to_byte(t, n, a.end);
			/* The made range covers the asked one, on edges. */
			assert_true(bs <= s && (e > n || be >= e || s == e));
			assert_int_equal(be - bs, strlen(a.exact));
			assert_memory_equal(t + bs, a.exact, be - bs);
			start = end = (size_t)-1;
			assert_int_equal(anchor_find(&a, d, &start, &end),
			    ANCHOR_EXACT);
			assert_int_equal(start, bs);
			assert_int_equal(end, be);
			anchor_free(&a);
		}
		doc_free(d);
		free(src);
	}
}

/*
 * Random ranges of Ogi's essay found again after a paragraph is added
 * at its start (MOVED, the same passage), and after one letter inside
 * them is changed (FUZZY, the same range).
 */
static void
random_ranges_survive_edits(void **state)
{
	uint64_t	 seed = 0x1961;
	size_t		 len, n, n2, i, s, e, bs, be, start, end, shift;
	size_t		 fuzzy = 0, tried = 0, p, ls, diff;
	char		*src = read_essay("ogi-2024.md", &len), *s1, *s2;
	struct doc	*d = parse_ok(src), *moved, *edited;
	const char	*t = doc_text(d, &n), *t2, *line;
	struct anchor	 a;
	enum anchor_state st;
	char		 c;

	(void)state;
	s1 = replace(src, "<!-- section: partnership", "A paragraph added "
	    "before the first section, to move everything after it.\n\n"
	    "<!-- section: partnership");
	moved = parse_ok(s1);
	doc_text(moved, &n2);
	shift = n2 - n;
	for (i = 0; i < 300; i++) {
		s = offset_of(d, "Indo-Pacific and European", 0) +
		    next_random(&seed) % (n - 2000);
		e = s + 40 + next_random(&seed) % 300;
		anchor_make(&a, d, s, e);
		bs = cp_to_byte(t, n, a.start);
		be = cp_to_byte(t, n, a.end);
		start = end = 0;
		st = anchor_find(&a, moved, &start, &end);
		if (st != ANCHOR_MOVED || start != bs + shift ||
		    end != be + shift)
			fail_msg("\"%s\": %s at %zu, want moved at %zu",
			    a.exact, anchor_state_name(st), start, bs + shift);
		anchor_free(&a);
	}

	/* One ASCII letter of a paragraph line changed at a time. */
	for (i = 0; i < 300 && tried < 120; i++) {
		p = next_random(&seed) % len;
		for (ls = p; ls > 0 && src[ls - 1] != '\n'; ls--)
			continue;
		line = src + ls;
		if (!(line[0] >= 'A' && line[0] <= 'Z') ||
		    !(src[p] >= 'a' && src[p] <= 'z'))
			continue;
		s2 = xstrdup(src);
		c = s2[p] == 'x' ? 'q' : 'x';
		s2[p] = c;
		edited = parse_ok(s2);
		t2 = doc_text(edited, &n2);
		if (n2 != n) {
			doc_free(edited);
			free(s2);
			continue;
		}
		for (diff = 0; diff < n && t[diff] == t2[diff]; diff++)
			continue;
		s = diff - 10 - next_random(&seed) % 100;
		e = diff + 10 + next_random(&seed) % 100;
		if (diff == n || diff < 110 || e > n) {
			doc_free(edited);
			free(s2);
			continue;
		}
		anchor_make(&a, d, s, e);
		/* The same quote elsewhere in the edited text would be
		   MOVED there, by design: not this test's business. */
		if (a.end - a.start >= 20 && strstr(t2, a.exact) == NULL) {
			tried++;
			bs = cp_to_byte(t, n, a.start);
			be = cp_to_byte(t, n, a.end);
			start = end = 0;
			st = anchor_find(&a, edited, &start, &end);
			if (st != ANCHOR_FUZZY || start != bs || end != be)
				fail_msg("\"%s\" with '%c' at %zu: %s at "
				    "%zu..%zu, want fuzzy at %zu..%zu", a.exact,
				    c, diff, anchor_state_name(st), start, end,
				    bs, be);
			fuzzy++;
		}
		anchor_free(&a);
		doc_free(edited);
		free(s2);
	}
	assert_true(fuzzy >= 50);
	doc_free(d);
	doc_free(moved);
	free(src);
	free(s1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(make_records_the_selectors),
		cmocka_unit_test(doc_id_falls_back_to_the_short_title),
		cmocka_unit_test(text_hash_is_fnv1a),
		cmocka_unit_test(same_text_is_exact),
		cmocka_unit_test(edits_before_move_and_edits_after_do_not),
		cmocka_unit_test(
		    one_word_changed_is_fuzzy_most_rewritten_is_orphan),
		cmocka_unit_test(deleted_passage_is_orphan),
		cmocka_unit_test(duplicated_passage_is_told_apart_by_context),
		cmocka_unit_test(near_duplicate_elsewhere_is_not_taken),
		cmocka_unit_test(japanese_positions_count_code_points),
		cmocka_unit_test(combining_marks_stay_with_their_letter),
		cmocka_unit_test(emoji_zwj_sequences_are_never_cut),
		cmocka_unit_test(curly_and_straight_quotes_are_the_same_passage),
		cmocka_unit_test(context_at_the_edges_of_the_text),
		cmocka_unit_test(blank_and_odd_anchors),
		cmocka_unit_test(bundled_essay_sentence_edited_is_fuzzy_there),
		cmocka_unit_test(bundled_essay_long_paragraph_edited),
		cmocka_unit_test(random_ranges_are_exact_on_the_same_text),
		cmocka_unit_test(random_ranges_survive_edits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
