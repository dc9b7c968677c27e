/*
 * test_glossary.c: glossary files, the term matcher and its counts,
 * popup cards and the bundled citations.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diptych/card.h"
#include "diptych/doc.h"
#include "diptych/glossary.h"
#include "diptych/util.h"

static const char small[] =
    "# Test glossary\n\nIntro text is ignored.\n\n"
    "## KN-23\n\nAlso: Hwasong-11\n\nA missile.\n\nMore about it.\n\n"
    "Source: CSIS <https://example.org/kn-23>\n\n"
    "## ASEAN\n\nThe association.\n\n"
    "## ASEAN Outlook on the Indo-Pacific\n\nAlso: AOIP\n\nAn outlook.\n\n"
    "## Quad\n\nFour countries.\n\n"
    "## Article 51\n\nSelf-defence.\n";

static struct glossary *
load_small(void)
{
	struct glossary	*g = glossary_new();
	char		*err = NULL;

	if (glossary_load(g, "g.md", small, sizeof(small) - 1, &err) != 0)
		fail_msg("%s", err);
	return g;
}

/* The hits in text, as "start-end:TERM" joined by spaces. */
static char *
hits(struct glossary *g, const char *text)
{
	struct buf	 b;
	size_t		 n, i;
	struct term_hit	*h = glossary_match(g, text, strlen(text), &n);

	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%zu-%zu:%s", i ? " " : "", h[i].start,
		    h[i].end, glossary_term(g, h[i].term)->name);
	free(h);
	return buf_steal(&b, NULL);
}

static void
terms_are_read_with_aliases_definitions_and_sources(void **state)
{
	struct glossary		*g = load_small();
	const struct term	*t;

	(void)state;
	assert_int_equal(glossary_nterms(g), 5);
	t = glossary_term(g, 0);
	assert_string_equal(t->name, "KN-23");
	assert_int_equal(t->naliases, 1);
	assert_string_equal(t->aliases[0], "Hwasong-11");
	assert_string_equal(t->definition, "A missile.\n\nMore about it.");
	assert_string_equal(t->source, "CSIS");
	assert_string_equal(t->url, "https://example.org/kn-23");
	assert_int_equal(t->line, 5);
	assert_int_equal(glossary_find(g, "Quad"), 3);
	assert_int_equal(glossary_find(g, "quad"), -1);
	glossary_free(g);
}

static void
bad_glossaries_name_file_and_line(void **state)
{
	static const struct {
		const char	*src;
		const char	*want;
	} bad[] = {
		{ "## A\n\nDef.\n\n## B\n\nAlso: x\n", "g.md:5: term 'B' has "
		  "no definition" },
		{ "## A\n\nDef.\n\n## A\n\nAgain.\n", "g.md:5: term 'A' is "
		  "defined twice" },
		{ "## A\n\nAlso: x, , y\n\nDef.\n", "g.md:3: empty alias" },
		{ "# Only a title\n\nText.\n", "g.md:1: no terms" },
		{ "## A\n\nDef \xff.\n", "g.md:3: not valid UTF-8" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct glossary	*g = load_small();
		char		*err = NULL;

		assert_int_equal(glossary_load(g, "g.md", bad[i].src,
		    strlen(bad[i].src), &err), -1);
		assert_non_null(err);
		if (strncmp(err, bad[i].want, strlen(bad[i].want)) != 0)
			fail_msg("got '%s', want '%s...'", err, bad[i].want);
		free(err);
		/* A bad file changes nothing. */
		assert_int_equal(glossary_nterms(g), 5);
		glossary_free(g);
	}
}

static void
a_later_file_adds_and_overrides(void **state)
{
	struct glossary	*g = load_small();
	static const char mine[] = "## KN-23\n\nMy own definition.\n\n"
	    "## Pyongyang\n\nThe capital.\n";
	char		*err = NULL, *h;

	(void)state;
	assert_int_equal(glossary_load(g, "mine.md", mine, sizeof(mine) - 1,
	    &err), 0);
	assert_int_equal(glossary_nterms(g), 6);
	assert_string_equal(glossary_term(g, 0)->definition,
	    "My own definition.");
	assert_string_equal(glossary_term(g, 0)->file, "mine.md");
	h = hits(g, "Pyongyang and KN-23 and Hwasong-11");
	/* The override has no aliases any more. */
	assert_string_equal(h, "0-9:Pyongyang 14-19:KN-23");
	free(h);
	glossary_free(g);
}

static void
matcher_finds_whole_words_longest_first(void **state)
{
	struct glossary	*g = load_small();
	static const struct {
		const char	*text;
		const char	*want;
	} cases[] = {
		/* At the edges of the text. */
		{ "KN-23", "0-5:KN-23" },
		{ "ASEAN", "0-5:ASEAN" },
		/* Next to punctuation and quotes. */
		{ "(“Hwasong-11”), KN-23.", "4-14:KN-23 20-25:KN-23" },
		{ "ASEAN’s ASEAN-led", "0-5:ASEAN 10-15:ASEAN" },
		/* Overlapping terms: the longest wins, no overlap; a name
		   spelled out and its acronym in parentheses are one
		   mention, either way round, but not apart. */
		{ "the ASEAN Outlook on the Indo-Pacific (AOIP)",
		  "4-44:ASEAN Outlook on the Indo-Pacific" },
		{ "AOIP (ASEAN Outlook on the Indo-Pacific).",
		  "0-40:ASEAN Outlook on the Indo-Pacific" },
		{ "the AOIP, (ASEAN Outlook on the Indo-Pacific)",
		  "4-8:ASEAN Outlook on the Indo-Pacific "
		  "11-44:ASEAN Outlook on the Indo-Pacific" },
		{ "ASEAN (Quad)", "0-5:ASEAN 7-11:Quad" },
		/* Never inside an address. */
		{ "https://example.org/quad-leaders-joint-statement", "" },
		{ "<www.asean.org/asean-outlook> and the Quad.",
		  "38-42:Quad" },
		{ "(see https://x.org/Quad) Quad (mailto:quad@x.org)",
		  "25-29:Quad" },
		/* A no-break space between them; an address in a line of
		   Japanese ends where the Japanese begins; an e-mail
		   address is one too. */
		{ "the ASEAN Outlook on the Indo-Pacific\u00a0(AOIP)",
		  "4-45:ASEAN Outlook on the Indo-Pacific" },
		{ "北朝鮮の Quad、https://x.org/quad", "13-17:Quad" },
		{ "mail quad@example.org or Quad", "25-29:Quad" },
		/* Variants without the hyphen. */
		{ "KN23 and Hwasong11", "0-4:KN-23 9-18:KN-23" },
		/* Whole words only, non-ASCII letters included. */
		{ "KN-234 XKN-23 éASEAN ASEANé Quadrilateral", "" },
		/* Acronyms are case-sensitive, other terms are not. */
		{ "asean kn-23 QUAD quad", "12-16:Quad 17-21:Quad" },
		{ "under Article 51 of", "6-16:Article 51" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *h = hits(g, cases[i].text);

		if (strcmp(h, cases[i].want) != 0)
			fail_msg("in \"%s\": got \"%s\", want \"%s\"",
			    cases[i].text, h, cases[i].want);
		free(h);
	}
	glossary_free(g);
}

static const char typeset[] =
    "## Korea’s Indo-Pacific Strategy\n\nAlso: Seoul's strategy\n\n"
    "The 2022 strategy.\n\n"
    "## Hà Nội\n\nThe capital of Viet Nam.\n\n"
    "## Café diplomacy\n\nTalks over coffee.\n\n"
    "## ASEAN\n\nThe association.\n";

static void
typography_and_accents_do_not_prevent_a_match(void **state)
{
	struct glossary	*g = glossary_new();
	char		*err = NULL;
	static const struct {
		const char	*text;
		const char	*want;
	} cases[] = {
		/* Written curly in the glossary, straight in the text. */
		{ "Korea's Indo-Pacific Strategy",
		  "0-29:Korea’s Indo-Pacific Strategy" },
		/* Curly in the text too, and an en dash: byte offsets. */
		{ "“Korea’s Indo–Pacific Strategy”",
		  "3-36:Korea’s Indo-Pacific Strategy" },
		/* Written straight in the glossary, curly in the text. */
		{ "Seoul’s strategy, Seoul's strategy",
		  "0-18:Korea’s Indo-Pacific Strategy "
		  "20-36:Korea’s Indo-Pacific Strategy" },
		/* With or without accents, in any case. */
		{ "Hà Nội, Ha Noi, HA NOI", "0-9:Hà Nội 11-17:Hà Nội "
		  "19-25:Hà Nội" },
		{ "café diplomacy; Cafe Diplomacy; CAFÉ DIPLOMACY",
		  "0-15:Café diplomacy 17-31:Café diplomacy "
		  "33-48:Café diplomacy" },
		/* Full-width acronyms are acronyms, case still exact. */
		{ "ＡＳＥＡＮ ａｓｅａｎ", "0-15:ASEAN" },
		/* Whole words still: an accented letter is a letter. */
		{ "Hà Nộix xHa Noi ASEANé", "" },
	};
	size_t i;

	(void)state;
	if (glossary_load(g, "g.md", typeset, sizeof(typeset) - 1,
	    &err) != 0)
		fail_msg("%s", err);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *h = hits(g, cases[i].text);

		if (strcmp(h, cases[i].want) != 0)
			fail_msg("in \"%s\": got \"%s\", want \"%s\"",
			    cases[i].text, h, cases[i].want);
		free(h);
	}
	glossary_free(g);
}

static void
counts_per_term(void **state)
{
	struct glossary	*g = load_small();
	static const char text[] = "KN-23, KN23 and Hwasong-11; the Quad; "
	    "quad; ASEAN.";
	struct term_hit	*h;
	size_t		 n, *count;

	(void)state;
	h = glossary_match(g, text, sizeof(text) - 1, &n);
	assert_int_equal(n, 6);
	count = glossary_count(g, h, n);
	assert_int_equal(count[0], 3);	/* KN-23 */
	assert_int_equal(count[1], 1);	/* ASEAN */
	assert_int_equal(count[2], 0);	/* ASEAN Outlook on the ... */
	assert_int_equal(count[3], 2);	/* Quad */
	assert_int_equal(count[4], 0);	/* Article 51 */
	free(count);
	free(h);
	/* No hits: all zero. */
	count = glossary_count(g, NULL, 0);
	assert_int_equal(count[0] + count[1] + count[2] + count[3] +
	    count[4], 0);
	free(count);
	glossary_free(g);
	/* No terms: still an array to free. */
	g = glossary_new();
	count = glossary_count(g, NULL, 0);
	assert_non_null(count);
	assert_int_equal(count[0], 0);
	free(count);
	glossary_free(g);
}

static char *
slurp(const char *rel, size_t *len)
{
	const char	*srcdir = getenv("SRCDIR");
	char		 path[4096], *data;

	snprintf(path, sizeof(path), "%s/%s", srcdir ? srcdir : ".", rel);
	assert_int_equal(util_read_file(path, &data, len), 0);
	return data;
}

static struct doc *
koga(void)
{
	size_t		 len;
	char		*data = slurp("texts/koga-2023.md", &len), *err = NULL;
	struct doc	*d = doc_parse("koga-2023.md", data, len, &err);

	free(data);
	if (d == NULL)
		fail_msg("%s", err);
	return d;
}

static void
every_bundled_citation_resolves(void **state)
{
	struct doc	*d = koga();
	const char	*t = doc_text(d, NULL);
	size_t		 i, cites = 0;

	(void)state;
	for (i = 0; i < doc_nlinks(d); i++) {
		const struct doc_link *l = doc_link(d, i);
		const struct doc_block *b;

		if (l->url[0] != '#')
			continue;
		cites++;
		assert_true(l->target >= 0);
		/* The entry it leads to is in the References list. */
		b = doc_block(d, (size_t)l->target);
		assert_non_null(b->prefix1);
		assert_string_equal(b->prefix1, "• ");
	}
	assert_int_equal(cites, 23);
	/* Anchors are not shown. */
	assert_null(strstr(t, "<a "));
	doc_free(d);
}

/* The card's plain text, rows of its paragraphs joined by '|'. */
static char *
card_text(const struct card *c)
{
	struct buf	 b;
	size_t		 i, n = doc_nblocks(c->doc);
	const char	*t = doc_text(c->doc, NULL);

	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < n; i++) {
		const struct doc_block *bl = doc_block(c->doc, i);

		buf_printf(&b, "%s%.*s", i ? "|" : "",
		    (int)(bl->end - bl->start), t + bl->start);
	}
	return buf_steal(&b, NULL);
}

/* The index of the link of d whose text starts with label. */
static size_t
link_named(const struct doc *d, const char *label)
{
	const char	*t = doc_text(d, NULL);
	size_t		 i;

	for (i = 0; i < doc_nlinks(d); i++)
		if (strncmp(t + doc_link(d, i)->start, label,
		    strlen(label)) == 0)
			return i;
	fail_msg("no link '%s'", label);
	return 0;
}

static void
citation_cards_show_the_entry_a_note_and_the_url(void **state)
{
	struct doc	*d = koga();
	struct card	 c;
	char		*s;

	(void)state;
	assert_int_equal(card_link(&c, d, link_named(d,
	    "MOFA Japan 2019")), 0);
	s = card_text(&c);
	assert_string_equal(s, "MOFA Japan 2019|"
	    "Ministry of Foreign Affairs of Japan. 2022a. “Japan-China-"
	    "ROK Trilateral Cooperation.” October 4. "
	    "https://www.mofa.go.jp/region/asia-paci/jck/index.html|"
	    "Cited as 2019, but no 2019 entry is listed: the "
	    "Japan-China-ROK Trilateral Cooperation page (2022a) is "
	    "the one meant.|"
	    "https://www.mofa.go.jp/region/asia-paci/jck/index.html");
	assert_string_equal(c.url,
	    "https://www.mofa.go.jp/region/asia-paci/jck/index.html");
	free(s);
	card_free(&c);
	doc_free(d);
}

static void
ditto_entries_keep_their_underscores(void **state)
{
	struct doc	*d = koga();
	struct card	 c;
	char		*s;

	(void)state;
	assert_int_equal(card_link(&c, d, link_named(d, "Koga 2023")), 0);
	s = card_text(&c);
	assert_non_null(strstr(s, "|_______. 2023. “Struggle for "
	    "coalition-building"));
	free(s);
	card_free(&c);
	doc_free(d);
}

static void
term_cards_show_definition_counts_and_source(void **state)
{
	struct glossary	*g = load_small();
	const char	*names[2] = { "Ogi 2024", "Koga 2023" };
	size_t		 counts[2] = { 4, 1 };
	struct card	 c;
	char		*s;

	(void)state;
	card_term(&c, g, 0, counts, names);
	s = card_text(&c);
	assert_string_equal(s, "KN-23|Also: Hwasong-11|A missile.|"
	    "More about it.|In Ogi 2024: 4 times; in Koga 2023: 1 time.|"
	    "Source: CSIS|https://example.org/kn-23");
	assert_string_equal(c.url, "https://example.org/kn-23");
	free(s);
	card_free(&c);
	glossary_free(g);
}

static void
base64_for_osc52(void **state)
{
	char *s;

	(void)state;
	s = util_base64("https://a.b/", 12);
	assert_string_equal(s, "aHR0cHM6Ly9hLmIv");
	free(s);
	s = util_base64("ab", 2);
	assert_string_equal(s, "YWI=");
	free(s);
	s = util_base64("a", 1);
	assert_string_equal(s, "YQ==");
	free(s);
}

/*
 * A long text is matched piece by piece: the hits are those of each of
 * its paragraphs, also across the pieces' edges.
 */
static void
long_texts_match_as_their_paragraphs(void **state)
{
	static const char para[] = "The Quad and ASEAN met; KN-23 (AOIP) "
	    "under Article 51, and again the quad.\n";
	struct glossary	*g = load_small();
	struct term_hit	*one, *all;
	struct buf	 b;
	size_t		 n1, n, k, i, reps = 5000;

	(void)state;
	buf_init(&b);
	for (k = 0; k < reps; k++)
		buf_adds(&b, para);
	assert_true(b.len > 4 * 65536);
	one = glossary_match(g, para, sizeof(para) - 1, &n1);
	all = glossary_match(g, b.data, b.len, &n);
	assert_int_equal(n1, 6);
	assert_int_equal(n, n1 * reps);
	for (k = 0; k < reps; k++)
		for (i = 0; i < n1; i++) {
			const struct term_hit *h = &all[k * n1 + i];

			assert_int_equal(h->start, one[i].start +
			    k * (sizeof(para) - 1));
			assert_int_equal(h->end, one[i].end +
			    k * (sizeof(para) - 1));
			assert_int_equal(h->term, one[i].term);
		}
	free(one);
	free(all);
	buf_free(&b);
	glossary_free(g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(terms_are_read_with_aliases_definitions_and_sources),
		cmocka_unit_test(bad_glossaries_name_file_and_line),
		cmocka_unit_test(a_later_file_adds_and_overrides),
		cmocka_unit_test(matcher_finds_whole_words_longest_first),
		cmocka_unit_test(typography_and_accents_do_not_prevent_a_match),
		cmocka_unit_test(counts_per_term),
		cmocka_unit_test(every_bundled_citation_resolves),
		cmocka_unit_test(citation_cards_show_the_entry_a_note_and_the_url),
		cmocka_unit_test(ditto_entries_keep_their_underscores),
		cmocka_unit_test(term_cards_show_definition_counts_and_source),
		cmocka_unit_test(base64_for_osc52),
		cmocka_unit_test(long_texts_match_as_their_paragraphs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
