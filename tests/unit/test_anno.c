/*
 * test_anno.c: the annotation record: ids, times, #tags, copies.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "diptych/anno.h"
#include "diptych/util.h"

static void
ids_are_version_4_uuids_in_lowercase(void **state)
{
	char	 id[ANNO_ID_LEN + 1], prev[ANNO_ID_LEN + 1];
	int	 i, n;

	(void)state;
	prev[0] = '\0';
	for (n = 0; n < 100; n++) {
		assert_int_equal(anno_new_id(id), 0);
		assert_int_equal(strlen(id), ANNO_ID_LEN);
		for (i = 0; i < ANNO_ID_LEN; i++) {
			if (i == 8 || i == 13 || i == 18 || i == 23)
				assert_int_equal(id[i], '-');
			else if (strchr("0123456789abcdef", id[i]) == NULL)
				fail_msg("%s: '%c' is not a lowercase hex "
				    "digit", id, id[i]);
		}
		assert_int_equal(id[14], '4');
		assert_non_null(strchr("89ab", id[19]));
		assert_string_not_equal(id, prev);
		memcpy(prev, id, sizeof(prev));
	}
}

static void
now_is_milliseconds_since_1970(void **state)
{
	int64_t	 t = anno_now(), s = (int64_t)time(NULL) * 1000;

	(void)state;
	assert_true(t > s - 2000 && t < s + 2000);
	assert_true(anno_now() >= t);
}

/* The tags of note, joined by '|'. */
static void
assert_tags(const char *note, const char *want)
{
	struct anno	 a;
	char		 got[256];
	size_t		 i, len = 0;

	memset(&a, 0, sizeof(a));
	a.note = note != NULL ? xstrdup(note) : NULL;
	anno_tags_from_note(&a);
	got[0] = '\0';
	for (i = 0; i < a.ntags; i++)
		len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%s",
		    i > 0 ? "|" : "", a.tags[i]);
	if (strcmp(got, want) != 0)
		fail_msg("\"%s\": tags \"%s\", want \"%s\"", note, got, want);
	anno_clear(&a);
}

static void
tags_are_the_hash_words_of_the_note(void **state)
{
	(void)state;
	assert_tags("#trilateral talks and #deterrence",
	    "trilateral|deterrence");
	assert_tags("#a #b #a #b #c", "a|b|c");	/* once each, in order */
	assert_tags("no tags here", "");
	assert_tags("", "");
	assert_tags(NULL, "");
	assert_tags("#", "");
	assert_tags("# heading", "");
	assert_tags("#- #__ #-_-", "");			/* no letter or digit */
	assert_tags("#x-y_z, #2023 #KN-23.", "x-y_z|2023|KN-23");
	assert_tags("(#camp-david) [#nk]", "camp-david|nk");
	assert_tags("#a,#b;#c", "a|b|c");
	assert_tags("##double", "double");
	assert_tags("#Korea’s view", "Korea");	/* ’ ends the word */
	assert_tags("#日本 #한국 #Россия #café",
	    "日本|한국|Россия|café");
}

static void
a_hash_after_a_letter_or_digit_is_not_a_tag(void **state)
{
	(void)state;
	assert_tags("C#minor issue#12 5#x", "");
	assert_tags("word#x #y", "y");
	assert_tags("#a#b", "a");
	assert_tags("日本#x", "");
	assert_tags("_#x -#y", "x|y");	/* '_', '-' are not letters */
}

static void
tags_replace_the_old_ones_and_bad_bytes_are_skipped(void **state)
{
	struct anno	 a;

	(void)state;
	memset(&a, 0, sizeof(a));
	a.note = xstrdup("#one #two");
	anno_tags_from_note(&a);
	assert_int_equal(a.ntags, 2);
	free(a.note);
	a.note = xstrdup("now #three\xff#four \xc3");
	anno_tags_from_note(&a);
	assert_int_equal(a.ntags, 2);
	assert_string_equal(a.tags[0], "three");
	assert_string_equal(a.tags[1], "four");
	anno_clear(&a);
}

static void
fill(struct anno *a)
{
	memset(a, 0, sizeof(*a));
	strcpy(a->id, "0b8e6f0a-3c1d-4f5e-9a7b-2c4d6e8f0a1b");
	a->author = xstrdup("ana");
	a->created = 1700000000000;
	a->modified = 1700000000500;
	a->note = xstrdup("see #deterrence");
	anno_tags_from_note(a);
	a->ntargets = 2;
	a->target[0].doc_id = xstrdup("ogi-2024");
	a->target[0].exact = xstrdup("Camp David");
	a->target[0].prefix = xstrdup("the ");
	a->target[0].suffix = xstrdup(" summit");
	a->target[0].start = 10;
	a->target[0].end = 20;
	a->target[0].hash = 0xcbf29ce484222325ULL;
	a->target[1].doc_id = xstrdup("koga-2023");
	a->target[1].exact = xstrdup("summit");
	a->target[1].start = 5;
	a->target[1].end = 11;
	a->reply_to = xstrdup("11111111-2222-4333-8444-555555555555");
	a->deleted = 1;
}

static void
a_copy_is_deep_and_clear_frees_everything(void **state)
{
	struct anno	 a, c;

	(void)state;
	fill(&a);
	anno_copy(&c, &a);
	anno_clear(&a);
	assert_null(a.note);
	assert_null(a.tags);
	assert_int_equal(a.ntargets, 0);
	assert_string_equal(a.id, "");

	assert_string_equal(c.id, "0b8e6f0a-3c1d-4f5e-9a7b-2c4d6e8f0a1b");
	assert_string_equal(c.author, "ana");
	assert_int_equal(c.created, 1700000000000);
	assert_int_equal(c.modified, 1700000000500);
	assert_string_equal(c.note, "see #deterrence");
	assert_int_equal(c.ntags, 1);
	assert_string_equal(c.tags[0], "deterrence");
	assert_int_equal(c.ntargets, 2);
	assert_string_equal(c.target[0].doc_id, "ogi-2024");
	assert_string_equal(c.target[0].exact, "Camp David");
	assert_string_equal(c.target[0].prefix, "the ");
	assert_string_equal(c.target[0].suffix, " summit");
	assert_int_equal(c.target[0].start, 10);
	assert_int_equal(c.target[0].end, 20);
	assert_true(c.target[0].hash == 0xcbf29ce484222325ULL);
	assert_string_equal(c.target[1].doc_id, "koga-2023");
	assert_null(c.target[1].prefix);
	assert_string_equal(c.reply_to, "11111111-2222-4333-8444-555555555555");
	assert_int_equal(c.deleted, 1);
	anno_clear(&c);
	anno_clear(&c);		/* clearing twice is harmless */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ids_are_version_4_uuids_in_lowercase),
		cmocka_unit_test(now_is_milliseconds_since_1970),
		cmocka_unit_test(tags_are_the_hash_words_of_the_note),
		cmocka_unit_test(a_hash_after_a_letter_or_digit_is_not_a_tag),
		cmocka_unit_test(
		    tags_replace_the_old_ones_and_bad_bytes_are_skipped),
		cmocka_unit_test(a_copy_is_deep_and_clear_frees_everything),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
