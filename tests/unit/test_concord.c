/*
 * test_concord.c: the concordance: a term's mentions as the glossary
 * finds them, a word's as search does (whole words), and each line's
 * section and context.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diptych/concord.h"
#include "diptych/doc.h"
#include "diptych/glossary.h"
#include "diptych/util.h"

static const char left_md[] =
    "## Alliances\n\n"
    "The General Security of Military Information Agreement (GSOMIA)\n"
    "was signed in 2016, and the GSOMIA lapsed; see\n"
    "https://example.org/gsomia-news for the Quadrilateral story.\n\n"
    "## Deterrence\n\n"
    "To deter, deterrence and deterring: China’s view.\n";
static const char right_md[] =
    "Nothing about it here, but the Quad.\n\n"
    "Seoul\u00a0and Tokyo\u00a0agreed; the alliance\u00a0endures.\n";

static const char gloss_md[] =
    "## GSOMIA\n\nAlso: General Security of Military Information "
    "Agreement\n\nAn agreement.\n\n"
    "## Quad\n\nFour countries.\n";

static struct doc *
parse(const char *name, const char *text)
{
	struct doc	*d;
	char		*err = NULL;

	if ((d = doc_parse(name, text, strlen(text), &err)) == NULL)
		fail_msg("%s", err);
	return d;
}

static void
a_term_is_its_hits(void **state)
{
	struct doc		*d[2] = { parse("l.md", left_md),
				    parse("r.md", right_md) };
	struct glossary		*g = glossary_new();
	struct term_hit		*hits[2];
	size_t			 n[2];
	struct concord		 c;
	struct buf		 l, m, r;
	char			*err = NULL;
	int			 side;

	(void)state;
	assert_int_equal(glossary_load(g, "g.md", gloss_md,
	    sizeof(gloss_md) - 1, &err), 0);
	for (side = 0; side < 2; side++) {
		size_t len;
		const char *t = doc_text(d[side], &len);

		hits[side] = glossary_match(g, t, len, &n[side]);
	}
	memset(&c, 0, sizeof(c));
	assert_int_equal(concord_lookup(g, "gsomia"), 0);
	assert_int_equal(concord_lookup(g, "general security of military "
	    "information agreement"), 0);
	assert_int_equal(concord_lookup(g, "deterrence"), -1);
	concord_term(&c, g, 0, hits, n);
	/* Spelled out with its acronym: one; the URL's: none. */
	assert_int_equal(c.n, 2);
	assert_int_equal(c.count[0], 2);
	assert_int_equal(c.count[1], 0);
	assert_string_equal(c.what, "GSOMIA");
	buf_init(&l);
	buf_init(&m);
	buf_init(&r);
	concord_kwic(d[0], &c.v[0], 12, 13, &l, &m, &r);
	assert_string_equal(m.data, "General Security of Military Information "
	    "Agreement (GSOMIA)");
	assert_string_equal(l.data, "The ");	/* from the paragraph's start */
	/* The line break is a space; a cut word is left out. */
	assert_string_equal(r.data, " was signed");
	concord_kwic(d[0], &c.v[1], 9, 40, &l, &m, &r);
	assert_string_equal(l.data, "and the ");
	assert_string_equal(m.data, "GSOMIA");
	assert_string_equal(r.data, " lapsed; see");	/* not the URL */
	assert_string_equal(concord_section(d[0], &c.v[1]), "Alliances");
	/* Quad, not in the URL nor in Quadrilateral: the right's only. */
	concord_term(&c, g, 1, hits, n);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.v[0].side, 1);
	assert_string_equal(concord_section(d[1], &c.v[0]), "r.md");
	buf_free(&l);
	buf_free(&m);
	buf_free(&r);
	concord_free(&c);
	free(hits[0]);
	free(hits[1]);
	glossary_free(g);
	doc_free(d[0]);
	doc_free(d[1]);
}

static void
a_word_is_whole_words(void **state)
{
	struct doc	*d[2] = { parse("l.md", left_md),
			    parse("r.md", right_md) };
	const struct doc *const cd[2] = { d[0], d[1] };
	struct concord	 c;
	struct buf	 l, m, r;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(concord_word(&c, cd, "deter"), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.term, -1);
	assert_int_equal(concord_word(&c, cd, "deter*"), 0);
	assert_int_equal(c.n, 4);	/* the heading's too */
	buf_init(&l);
	buf_init(&m);
	buf_init(&r);
	concord_kwic(d[0], &c.v[2], 40, 40, &l, &m, &r);
	assert_string_equal(m.data, "deterrence");
	assert_string_equal(concord_section(d[0], &c.v[2]), "Deterrence");
	/* Case is ignored without a capital; "China" and its "’s". */
	assert_int_equal(concord_word(&c, cd, "china"), 0);
	assert_int_equal(c.n, 1);
	concord_kwic(d[0], &c.v[0], 40, 40, &l, &m, &r);
	assert_string_equal(r.data, "’s view.");
	assert_int_equal(concord_word(&c, cd, "quad"), 0);
	assert_int_equal(c.count[0], 0);	/* Quadrilateral, no */
	assert_int_equal(c.count[1], 1);
	/* Nothing to find: the concordance is left as it was. */
	assert_int_equal(concord_word(&c, cd, "*"), -1);
	assert_int_equal(concord_word(&c, cd, ""), -1);
	assert_string_equal(c.what, "quad");
	assert_int_equal(c.n, 1);
	/* No-break spaces are white space: the word before "alliance"
	   is whole, the one the columns cut is left out. */
	assert_int_equal(concord_word(&c, cd, "alliance"), 0);
	assert_int_equal(c.n, 1);
	concord_kwic(d[1], &c.v[0], 12, 40, &l, &m, &r);
	assert_string_equal(l.data, "agreed; the ");
	assert_string_equal(r.data, " endures.");
	concord_kwic(d[1], &c.v[0], 8, 4, &l, &m, &r);
	assert_string_equal(l.data, "the ");
	assert_string_equal(r.data, "");
	buf_free(&l);
	buf_free(&m);
	buf_free(&r);
	concord_free(&c);
	doc_free(d[0]);
	doc_free(d[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_term_is_its_hits),
		cmocka_unit_test(a_word_is_whole_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
