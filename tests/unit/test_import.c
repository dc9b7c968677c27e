/*
 * test_import.c: reading annotations back: what --export json writes,
 * other W3C Web Annotation JSON, a Hypothesis API response
 * (tests/data/hypothesis.json) on the bundled essays, replies (out in
 * every format and back), and files that are broken or of the wrong
 * shape.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "diptych/anchor.h"
#include "diptych/anno.h"
#include "diptych/doc.h"
#include "diptych/export.h"
#include "diptych/util.h"

static struct doc	*ogi, *koga;
static const struct doc	*docs[2];

/* A file of the source tree; the caller frees it. */
static char *
read_src(const char *rel, size_t *len)
{
	const char	*srcdir = getenv("SRCDIR");
	char		 path[4096], *data;

	snprintf(path, sizeof(path), "%s/%s", srcdir ? srcdir : ".", rel);
	if (util_read_file(path, &data, len) != 0)
		fail_msg("cannot read %s", path);
	return data;
}

static struct doc *
load(const char *rel)
{
	struct doc	*d;
	char		*data, *err;
	size_t		 len;

	data = read_src(rel, &len);
	if ((d = doc_parse(rel, data, len, &err)) == NULL)
		fail_msg("%s", err);
	free(data);
	return d;
}

static int
setup(void **state)
{
	(void)state;
	ogi = load("texts/ogi-2024.md");
	koga = load("texts/koga-2023.md");
	docs[0] = ogi;
	docs[1] = koga;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	doc_free(ogi);
	doc_free(koga);
	return 0;
}

/* Import s; it must succeed. */
static void
import_ok(const char *s, struct anno **v, size_t *n, struct import_report *r)
{
	char	*err;

	if (import_read("t.json", s, strlen(s), docs, v, n, r, &err) == -1)
		fail_msg("%s", err);
	assert_null(err);
}

/* Import s; it must fail with a one-line message that says want. */
static void
import_fails(const char *s, const char *want)
{
	struct import_report	 r;
	struct anno		*v = (struct anno *)1;
	size_t			 n = 99;
	char			*err = NULL;
	const char		*p;

	if (import_read("t.json", s, strlen(s), docs, &v, &n, &r, &err) != -1)
		fail_msg("%s: read, and not refused", s);
	assert_null(v);
	assert_int_equal(n, 0);
	assert_non_null(err);
	if (strstr(err, want) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", err, want);
	for (p = err; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			fail_msg("a control character in \"%s\"", err);
	free(err);
}

/* The byte offset of the nth occurrence (0 first) of s in d's text. */
static size_t
offset_of(const struct doc *d, const char *s, int nth)
{
	const char	*t = doc_text(d, NULL), *p = t;

	for (;;) {
		p = strstr(p, s);
		assert_non_null(p);
		if (nth-- == 0)
			return (size_t)(p - t);
		p++;
	}
}

/* A target on the passage s of d (its nth occurrence). */
static void
target_on(struct anchor *t, const struct doc *d, const char *s, int nth)
{
	size_t	 o = offset_of(d, s, nth);

	anchor_make(t, d, o, o + strlen(s));
}

/* Where t is in its essay: the state, and the text found. */
static enum anchor_state
found(const struct anchor *t, char **text)
{
	const struct doc *d = strcmp(t->doc_id, "ogi-2024") == 0 ? ogi : koga;
	size_t		 s = 0, e = 0;
	enum anchor_state st;

	st = anchor_find(t, d, &s, &e);
	*text = xstrndup(doc_text(d, NULL) + s, e - s);
	return st;
}

/* The hash of the text of t's essay. */
static uint64_t
text_hash(const struct anchor *t)
{
	return anchor_text_hash(strcmp(t->doc_id, "ogi-2024") == 0 ? ogi :
	    koga);
}

/* --- W3C ---------------------------------------------------------------- */

static void
what_export_writes_reads_back_whole(void **state)
{
	struct anno		 a[4], *v;
	struct import_report	 r;
	char			*json, *text;
	size_t			 len, n, i, k;
	FILE			*f;
	int			 t;

	(void)state;
	memset(a, 0, sizeof(a));
	for (i = 0; i < 4; i++) {
		assert_int_equal(anno_new_id(a[i].id), 0);
		/* Times to the millisecond: 08:30:00.123, 08:30:01.456, ... */
		a[i].created = 1718785800123 + (int64_t)i * 1333;
		a[i].modified = a[i].created + 60007;
		a[i].ntargets = 1;
	}
	a[0].author = xstrdup("ana");
	a[0].note = xstrdup("The summit, \"in August\". #trilateral #deterrence");
	anno_tags_from_note(&a[0]);
	target_on(&a[0].target[0], ogi, "the treaty will function as a basis",
	    0);
	/* A link, a note over two lines with a control character. */
	a[1].author = xstrdup("Sŏng-min Kim");
	a[1].note = xstrdup("Both sides:\nrelative gains \x07 here #links");
	anno_tags_from_note(&a[1]);
	a[1].ntargets = 2;
	target_on(&a[1].target[0], ogi, "Relative Gains", 0);
	target_on(&a[1].target[1], koga, "Japan’s strategy vis-à-vis North "
	    "Korea", 0);
	/* A highlight: no note. */
	a[2].author = xstrdup("ana");
	a[2].note = xstrdup("");
	target_on(&a[2].target[0], koga, "North Korea", 3);
	/* A tombstone: not exported, not read back. */
	a[3].author = xstrdup("ana");
	a[3].note = xstrdup("gone");
	a[3].deleted = 1;
	target_on(&a[3].target[0], ogi, "Kim", 0);

	assert_non_null(f = open_memstream(&json, &len));
	assert_int_equal(export_write(f, EXPORT_JSON, a, 4, docs), 0);
	fclose(f);
	/* xsd:dateTime to the millisecond. */
	assert_non_null(strstr(json, "\"created\": "
	    "\"2024-06-19T08:30:00.123Z\", \"modified\": "
	    "\"2024-06-19T08:31:00.130Z\""));
	import_ok(json, &v, &n, &r);
	assert_int_equal(r.format, IMPORT_W3C);
	assert_int_equal(r.items, 3);
	assert_int_equal(r.elsewhere + r.no_passage + r.orphans, 0);
	assert_int_equal(n, 3);
	for (i = 0; i < 3; i++) {
		assert_string_equal(v[i].id, a[i].id);
		assert_string_equal(v[i].author, a[i].author);
		assert_int_equal(v[i].created, a[i].created);
		assert_int_equal(v[i].modified, a[i].modified);
		assert_string_equal(v[i].note, a[i].note);
		assert_int_equal(v[i].ntags, a[i].ntags);
		for (k = 0; k < a[i].ntags; k++)
			assert_string_equal(v[i].tags[k], a[i].tags[k]);
		assert_null(v[i].reply_to);
		assert_int_equal(v[i].deleted, 0);
		assert_int_equal(v[i].ntargets, a[i].ntargets);
		for (t = 0; t < a[i].ntargets; t++) {
			const struct anchor *x = &v[i].target[t];
			const struct anchor *y = &a[i].target[t];

			assert_string_equal(x->doc_id, y->doc_id);
			assert_string_equal(x->exact, y->exact);
			assert_string_equal(x->prefix, y->prefix);
			assert_string_equal(x->suffix, y->suffix);
			assert_int_equal(x->start, y->start);
			assert_int_equal(x->end, y->end);
			/* Found where they say: they count this text. */
			assert_true(x->hash == text_hash(x));
			assert_int_equal(found(x, &text), ANCHOR_EXACT);
			assert_string_equal(text, y->exact);
			free(text);
		}
	}
	import_free(v, n);
	free(json);
	for (i = 0; i < 4; i++)
		anno_clear(&a[i]);
}

/* The export of annos[0..n) in format f; the caller frees it. */
static char *
exported(enum export_format f, const struct anno *annos, size_t n)
{
	char	*out;
	size_t	 len;
	FILE	*f_;

	assert_non_null(f_ = open_memstream(&out, &len));
	assert_int_equal(export_write(f_, f, annos, n, docs), 0);
	fclose(f_);
	return out;
}

/* The item of the exported collection root whose id is urn:uuid:id. */
static json_t *
item_of(json_t *root, const char *id)
{
	json_t		*items, *x;
	size_t		 i;

	items = json_object_get(json_object_get(root, "first"), "items");
	json_array_foreach(items, i, x)
		if (strncmp(json_string_value(json_object_get(x, "id")),
		    "urn:uuid:", 9) == 0 && strcmp(json_string_value(
		    json_object_get(x, "id")) + 9, id) == 0)
			return x;
	fail_msg("no item urn:uuid:%s", id);
	return NULL;
}

/* How many times s is in text. */
static int
count(const char *text, const char *s)
{
	int	 k = 0;

	for (; (text = strstr(text, s)) != NULL; text++)
		k++;
	return k;
}

/* The row of CSV text whose first field is id. */
static char *
csv_row(char *text, const char *id)
{
	char	 head[ANNO_ID_LEN + 4], *p;

	snprintf(head, sizeof(head), "\r\n\"%s", id);
	assert_non_null(p = strstr(text, head));
	return p + 2;
}

/* A reply to a, its passages a's, as the reader writes it. */
static void
reply_to(struct anno *r, const struct anno *a, const char *author,
    const char *note, int64_t created)
{
	int	 t;

	assert_int_equal(anno_new_id(r->id), 0);
	r->author = xstrdup(author);
	r->note = xstrdup(note);
	anno_tags_from_note(r);
	r->created = created;
	r->modified = created + 1;
	for (t = 0; t < a->ntargets; t++)
		anchor_copy(&r->target[t], &a->target[t]);
	r->ntargets = a->ntargets;
	r->reply_to = xstrdup(a->id);
}

/*
 * A note, a reply, a reply to the reply (first in the store: clocks
 * differ), and a reply to a note deleted since: out as JSON, Markdown
 * and CSV, and the JSON back in whole.
 */
static void
replies_go_out_and_come_back(void **state)
{
	struct anno		 a[5], *v;
	struct import_report	 r;
	json_t			*root, *x, *body;
	json_error_t		 je;
	const char		*p;
	char			*json, *again, *md, *csv, *line;
	size_t			 n, i, k;
	int			 t;

	(void)state;
	memset(a, 0, sizeof(a));
	/* a[1]: the note, Tuesday 08:30:00.123. */
	assert_int_equal(anno_new_id(a[1].id), 0);
	a[1].author = xstrdup("ana");
	a[1].note = xstrdup("Assistance now, alliance later. #treaty");
	anno_tags_from_note(&a[1]);
	a[1].created = 1718785800123;
	a[1].modified = 1718785860456;
	a[1].ntargets = 2;
	target_on(&a[1].target[0], ogi, "Relative Gains", 0);
	target_on(&a[1].target[1], koga, "North Korea", 3);
	reply_to(&a[2], &a[1], "ben",
	    "Not so sure: \"later\"?\nSee #deterrence", 1718789400007);
	reply_to(&a[0], &a[2], "ana", "Later, yes.", 1718793000999);
	/* a[3], deleted, and a reply to it made before. */
	assert_int_equal(anno_new_id(a[3].id), 0);
	a[3].author = xstrdup("ana");
	a[3].note = xstrdup("gone");
	a[3].created = a[3].modified = 1718785800500;
	a[3].ntargets = 1;
	target_on(&a[3].target[0], koga, "Editor's Note", 0);
	reply_to(&a[4], &a[3], "ben", "Still here", 1718785801500);
	a[3].deleted = 1;

	/* JSON: "replying", the parent's IRI the only target. */
	json = exported(EXPORT_JSON, a, 5);
	root = json_loads(json, 0, &je);
	if (root == NULL)
		fail_msg("%s: %s", je.text, json);
	assert_int_equal(json_integer_value(json_object_get(root, "total")), 4);
	x = item_of(root, a[1].id);
	assert_string_equal(json_string_value(json_object_get(x, "motivation")),
	    "commenting");
	assert_int_equal(json_array_size(json_object_get(x, "target")), 2);
	for (i = 0; i < 5; i += 2) {
		x = item_of(root, a[i].id);
		assert_string_equal(json_string_value(json_object_get(x,
		    "motivation")), "replying");
		assert_string_equal(json_string_value(json_object_get(
		    json_object_get(x, "creator"), "name")), a[i].author);
		body = json_object_get(x, "body");
		assert_string_equal(json_string_value(json_object_get(
		    json_array_get(body, 0), "purpose")), "commenting");
		assert_string_equal(json_string_value(json_object_get(
		    json_array_get(body, 0), "value")), a[i].note);
		assert_int_equal(json_array_size(body), 1 + a[i].ntags);
		for (k = 0; k < a[i].ntags; k++) {
			x = json_array_get(body, 1 + k);
			assert_string_equal(json_string_value(json_object_get(
			    x, "purpose")), "tagging");
			assert_string_equal(json_string_value(json_object_get(
			    x, "value")), a[i].tags[k]);
		}
		x = item_of(root, a[i].id);
		if (i == 4) {
			/* Its note is not exported: its passage kept, the
			   note named beside it. */
			x = json_object_get(x, "target");
			assert_int_equal(json_array_size(x), 2);
			assert_true(json_is_object(json_array_get(x, 0)));
			assert_true(strcmp(json_string_value(json_array_get(x,
			    1)) + 9, a[3].id) == 0);
			continue;
		}
		x = json_object_get(x, "target");
		assert_true(json_is_string(x));
		assert_true(strncmp(json_string_value(x), "urn:uuid:", 9) == 0);
		assert_string_equal(json_string_value(x) + 9, a[i].reply_to);
	}
	x = item_of(root, a[0].id);
	assert_string_equal(json_string_value(json_object_get(x, "created")),
	    "2024-06-19T10:30:00.999Z");
	assert_string_equal(json_string_value(json_object_get(x, "modified")),
	    "2024-06-19T10:30:01.000Z");
	/* (Before import_read: it gives jansson its own allocator.) */
	json_decref(root);

	/* Back in: each reply on its note's passages, the times whole. */
	import_ok(json, &v, &n, &r);
	assert_int_equal(n, 4);
	assert_int_equal(r.elsewhere + r.no_passage + r.orphans, 0);
	for (i = 0, k = 0; i < 5; i++) {
		if (a[i].deleted)
			continue;
		assert_string_equal(v[k].id, a[i].id);
		assert_string_equal(v[k].author, a[i].author);
		assert_string_equal(v[k].note, a[i].note);
		assert_int_equal(v[k].created, a[i].created);
		assert_int_equal(v[k].modified, a[i].modified);
		assert_int_equal(v[k].ntags, a[i].ntags);
		if (a[i].reply_to == NULL)
			assert_null(v[k].reply_to);
		else
			assert_string_equal(v[k].reply_to, a[i].reply_to);
		assert_int_equal(v[k].ntargets, a[i].ntargets);
		for (t = 0; t < a[i].ntargets; t++) {
			assert_string_equal(v[k].target[t].doc_id,
			    a[i].target[t].doc_id);
			assert_string_equal(v[k].target[t].exact,
			    a[i].target[t].exact);
			assert_int_equal(v[k].target[t].start,
			    a[i].target[t].start);
		}
		k++;
	}
	/* And out again: the same. */
	again = exported(EXPORT_JSON, v, n);
	assert_string_equal(again, json);
	free(again);

	/* The handout: each reply once, under its note's author line (at
	   each end of the link), the reply whose note is gone on its own. */
	md = exported(EXPORT_MARKDOWN, a, 5);
	assert_int_equal(count(md, "> Relative Gains"), 1);
	assert_int_equal(count(md, "> North Korea"), 1);
	assert_int_equal(count(md, "↳ ben, 2024-06-19: Not so sure: \"later\"?"),
	    2);
	assert_int_equal(count(md, "↳ ana, 2024-06-19: Later, yes."), 2);
	assert_int_equal(count(md, "Still here"), 1);
	assert_int_equal(count(md, "gone"), 0);
	assert_int_equal(count(md, "> Editor's Note"), 1);
	p = strstr(md, "> Relative Gains");
	p = strstr(p, "— ana, 2024-06-19*\n");
	assert_non_null(p);
	line = strstr(p, "\n\n") + 2;
	/* The list of the thread, in the order of the store. */
	assert_true(strncmp(line, "  - ↳ ana, 2024-06-19: Later, yes.\n",
	    strlen("  - ↳ ana, 2024-06-19: Later, yes.\n")) == 0);
	assert_non_null(strstr(line, "  - ↳ ben, 2024-06-19: Not so sure: "
	    "\"later\"?  \n    See \\#deterrence\n"));
	free(md);

	/* CSV: the last column, the id replied to. */
	csv = exported(EXPORT_CSV, a, 5);
	assert_non_null(strstr(csv, "linked_quote,reply_to\r\n"));
	line = csv_row(csv, a[1].id);
	assert_true(strncmp(strstr(line, "\r\n") - 3, ",\"\"", 3) == 0);
	line = strstr(csv_row(csv, a[2].id), "\r\n");
	assert_true(strncmp(line - ANNO_ID_LEN - 1, a[1].id, ANNO_ID_LEN) ==
	    0);
	free(csv);
	import_free(v, n);
	free(json);

	/* A note whose passage is lost (on an essay not open): its reply
	   goes with it, at the end. */
	for (t = 0; t < 2; t++) {
		free(a[1].target[t].doc_id);
		a[1].target[t].doc_id = xstrdup("another-essay");
	}
	md = exported(EXPORT_MARKDOWN, a, 5);
	p = strstr(md, "## Notes whose passage was not found");
	assert_non_null(p);
	p = strstr(p, "> Relative Gains");
	assert_non_null(p);
	assert_non_null(strstr(p, "  - ↳ ana, 2024-06-19: Later, yes."));
	assert_int_equal(count(md, "↳ ana, 2024-06-19: Later, yes."), 1);
	free(md);
	for (i = 0; i < 5; i++)
		anno_clear(&a[i]);
}

/* A W3C annotation: id, then the JSON of its target. */
#define W3C(id, target)	"{\"type\": \"Annotation\", \"id\": \"" id "\", " \
	"\"bodyValue\": \"" id "\", \"target\": " target "}"
#define OGI_KIM		"{\"source\": \"urn:diptych:ogi-2024\", " \
	"\"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": " \
	"\"Relative Gains\"}}"
#define U(x)		"urn:uuid:00000000-0000-4000-8000-00000000000" x
#define ID(x)		"00000000-0000-4000-8000-00000000000" x

/*
 * A pairing (a note tagged #pairing on a passage of each essay) goes
 * out as a two-target annotation "linking", tagged, and comes back a
 * pairing on the same passages.
 */
static void
a_pairing_goes_out_linking_and_comes_back(void **state)
{
	struct anno		 a, *v;
	struct import_report	 r;
	json_t			*root, *x, *body;
	json_error_t		 je;
	char			*json, *text;
	size_t			 n, k;
	int			 t, tagged = 0;

	(void)state;
	memset(&a, 0, sizeof(a));
	assert_int_equal(anno_new_id(a.id), 0);
	a.author = xstrdup("ana");
	a.note = xstrdup("China's response #pairing");
	anno_tags_from_note(&a);
	a.created = a.modified = 1718785800123;
	a.ntargets = 2;
	target_on(&a.target[0], ogi, "An even more cautious response", 0);
	target_on(&a.target[1], koga, "China holds the key", 0);
	assert_true(anno_is_pairing(&a));

	json = exported(EXPORT_JSON, &a, 1);
	root = json_loads(json, 0, &je);
	if (root == NULL)
		fail_msg("%s: %s", je.text, json);
	x = item_of(root, a.id);
	assert_string_equal(json_string_value(json_object_get(x, "motivation")),
	    "linking");
	assert_int_equal(json_array_size(json_object_get(x, "target")), 2);
	body = json_object_get(x, "body");
	for (k = 0; k < json_array_size(body); k++)
		if (strcmp(json_string_value(json_object_get(json_array_get(
		    body, k), "purpose")), "tagging") == 0 &&
		    strcmp(json_string_value(json_object_get(json_array_get(
		    body, k), "value")), "pairing") == 0)
			tagged = 1;
	assert_true(tagged);
	json_decref(root);

	import_ok(json, &v, &n, &r);
	assert_int_equal(n, 1);
	assert_true(anno_is_pairing(&v[0]));
	assert_string_equal(v[0].note, a.note);
	for (t = 0; t < 2; t++) {
		assert_string_equal(v[0].target[t].doc_id, a.target[t].doc_id);
		assert_int_equal(found(&v[0].target[t], &text), ANCHOR_EXACT);
		assert_string_equal(text, a.target[t].exact);
		free(text);
	}
	import_free(v, n);
	free(json);
	anno_clear(&a);
}

/*
 * Replies in W3C files from elsewhere: the parent named by a string or
 * an object, before or after the reply, by urn:uuid or by its own id;
 * a reply whose thread is not in the file, or loops, is skipped and
 * counted, never returned without passages.
 */
static void
replies_need_their_thread_in_the_file(void **state)
{
	struct anno		*v;
	struct import_report	 r;
	const struct anno	*a;
	size_t			 n;

	(void)state;
	import_ok("[" W3C(U("2"), "\"" U("1") "\"") ","
	    W3C(U("1"), OGI_KIM) ","
	    W3C(U("3"), "{\"id\": \"" U("2") "\"}") ","
	    W3C(U("4"), "[{\"type\": \"Annotation\", \"source\": \"" U("1")
	    "\"}]") ","
	    /* Its parent nowhere; a reply to that; a loop. */
	    W3C(U("5"), "\"" U("9") "\"") ","
	    W3C(U("6"), "\"" U("5") "\"") ","
	    W3C(U("7"), "\"" U("8") "\"") ","
	    W3C(U("8"), "\"" U("7") "\"") ","
	    /* Its own passage, and a parent not in the file: kept. */
	    W3C(U("a"), "[" OGI_KIM ", \"" U("9") "\"]") ","
	    /* A note on another page, and a reply to it. */
	    W3C(U("b"), "\"https://example.org/other\"") ","
	    W3C(U("c"), "\"" U("b") "\"") ","
	    /* Ids that are not UUIDs, named the same. */
	    W3C("https://example.org/anno/1", OGI_KIM) ","
	    W3C("https://example.org/anno/2",
	    "\"https://example.org/anno/1\"") "]", &v, &n, &r);
	assert_int_equal(r.items, 13);
	assert_int_equal(r.no_passage, 4);	/* 5, 6, 7, 8 */
	assert_int_equal(r.elsewhere, 2);	/* b, c */
	assert_int_equal(n, 7);
	assert_string_equal(v[0].id, ID("2"));
	assert_string_equal(v[1].id, ID("1"));
	assert_null(v[1].reply_to);
	assert_string_equal(v[0].reply_to, ID("1"));
	assert_string_equal(v[2].id, ID("3"));
	assert_string_equal(v[2].reply_to, ID("2"));
	assert_string_equal(v[3].id, ID("4"));
	assert_string_equal(v[3].reply_to, ID("1"));
	for (a = v; a < v + 4; a++) {
		assert_int_equal(a->ntargets, 1);
		assert_string_equal(a->target[0].doc_id, "ogi-2024");
		assert_string_equal(a->target[0].exact, "Relative Gains");
		assert_int_equal(a->target[0].start, v[1].target[0].start);
	}
	assert_string_equal(v[4].id, ID("a"));
	assert_string_equal(v[4].reply_to, ID("9"));
	assert_int_equal(v[4].ntargets, 1);
	/* Python: uuid.uuid5(uuid.NAMESPACE_URL,
	   "https://example.org/anno/1") */
	assert_string_equal(v[5].id, "202d997b-0f00-59eb-b8c1-820e35e3a1c7");
	assert_string_equal(v[6].reply_to, v[5].id);
	assert_string_equal(v[6].target[0].exact, "Relative Gains");
	import_free(v, n);

	/* Replying to two: refused. */
	import_fails("[" W3C(U("1"), "[\"" U("2") "\", \"" U("3") "\"]") "]",
	    "item 1: replies to two annotations (its targets 1 and 2)");
	/* A reply may have its passages, two at most. */
	import_fails("[" W3C(U("1"), "[" OGI_KIM ", " OGI_KIM ", " OGI_KIM
	    ", \"" U("2") "\"]") "]", "item 1: has 3 targets");
}

/* One W3C annotation on Ogi's "Relative Gains" with created and more. */
static char *
annotation(const char *created, const char *more)
{
	struct buf	 b;

	buf_init(&b);
	buf_printf(&b, "{\"type\": \"Annotation\", \"id\": "
	    "\"urn:uuid:0b8e6f0a-3c1d-4f5e-9a7b-2c4d6e8f0a1b\", "
	    "\"created\": %s, \"body\": \"note\", \"target\": {\"source\": "
	    "\"urn:diptych:ogi-2024\", \"selector\": {\"type\": "
	    "\"TextQuoteSelector\", \"exact\": \"Relative Gains\"}}%s}",
	    created, more);
	return buf_steal(&b, NULL);
}

/* The created time created reads as. */
static int64_t
created_as(const char *created)
{
	struct anno		*v;
	struct import_report	 r;
	size_t			 n;
	int64_t			 t;
	char			*s, q[80];

	snprintf(q, sizeof(q), "\"%s\"", created);
	s = annotation(q, "");
	import_ok(s, &v, &n, &r);
	assert_int_equal(n, 1);
	t = v[0].created;
	assert_int_equal(v[0].modified, t);	/* none: the created time */
	import_free(v, n);
	free(s);
	return t;
}

static void
bad_time(const char *created, const char *want)
{
	char	*s, q[80];

	snprintf(q, sizeof(q), "\"%s\"", created);
	s = annotation(q, "");
	import_fails(s, want);
	free(s);
}

static void
times_are_iso_8601_in_any_zone(void **state)
{
	const int64_t	 t = 1718785800000;	/* 2024-06-19T08:30:00Z */
	char		*s;

	(void)state;
	assert_int_equal(created_as("2024-06-19T08:30:00Z"), t);
	assert_int_equal(created_as("2024-06-19t08:30:00z"), t);
	assert_int_equal(created_as("2024-06-19T08:30:00.5Z"), t + 500);
	assert_int_equal(created_as("2024-06-19T08:30:00.123456+00:00"),
	    t + 123);
	assert_int_equal(created_as("2024-06-19T17:30:00+09:00"), t);
	assert_int_equal(created_as("2024-06-19T03:30:00-0500"), t);
	assert_int_equal(created_as("2024-06-19T08:30Z"), t);
	assert_int_equal(created_as("2024-06-19T08:30:00"), t);
	assert_int_equal(created_as("2024-06-19"), 1718755200000);
	assert_int_equal(created_as("2024-02-29T00:00:00Z"), 1709164800000);
	assert_int_equal(created_as("1970-01-01T00:00:00Z"), 0);
	assert_int_equal(created_as("9999-12-31T23:59:59Z"), 253402300799000);

	bad_time("2023-02-29T00:00:00Z", "item 1: created is not a date");
	bad_time("2024-13-01T00:00:00Z", "created is not a date");
	bad_time("2024-06-19T24:00:00Z", "created is not a date");
	bad_time("2024-06-19T08:60:00Z", "created is not a date");
	bad_time("2024-06-19T08:30:00+25:00", "created is not a date");
	bad_time("1969-12-31T23:59:59Z", "created is not a date");
	bad_time("2024-06-19T08:30:00.Z", "created is not a date");
	bad_time("2024-06-19T08:30:00Z and then", "created is not a date");
	bad_time("19 June 2024", "created is not a date");
	bad_time("", "created is not a date");
	s = annotation("1718785800", "");
	import_fails(s, "t.json: item 1: created is not a string");
	free(s);
	s = annotation("\"2024-06-19T08:30:00Z\"", ", \"modified\": \"soon\"");
	import_fails(s, "item 1: modified is not a date");
	free(s);
}

static void
other_w3c_shapes_and_ids(void **state)
{
	struct anno		*v;
	struct import_report	 r;
	size_t			 n;
	char			*s, *text;

	(void)state;
	/* One Annotation, not a collection; an id that is no UUID. */
	import_ok("{\"@context\": \"http://www.w3.org/ns/anno.jsonld\","
	    " \"type\": \"Annotation\", \"id\": \"https://example.org/anno/42\","
	    " \"creator\": \"https://example.org/people/kim\","
	    " \"created\": \"2024-06-19T10:30:00.250+02:00\","
	    " \"bodyValue\": \"Compare #China\","
	    " \"body\": [{\"type\": \"TextualBody\", \"value\": \"and Russia\"},"
	    "  {\"type\": \"TextualBody\", \"purpose\": [\"tagging\"],"
	    "   \"value\": \"relative gains\"},"
	    "  {\"type\": \"SpecificResource\", \"source\": \"https://x.org/\"}],"
	    " \"target\": {\"source\": \"urn:diptych:ogi-2024#section-2\","
	    " \"selector\": [{\"type\": "
	    "\"TextPositionSelector\", \"start\": 3, \"end\": 9},"
	    " {\"type\": \"TextQuoteSelector\", \"exact\": \"Relative Gains\"}]}}",
	    &v, &n, &r);
	assert_int_equal(n, 1);
	/* Python: uuid.uuid5(uuid.NAMESPACE_URL, "https://example.org/anno/42") */
	assert_string_equal(v[0].id, "6cae4016-1c34-5050-95af-1e5be86d869e");
	assert_string_equal(v[0].author, "https://example.org/people/kim");
	assert_int_equal(v[0].created, 1718785800250);
	assert_int_equal(v[0].modified, 1718785800250);
	assert_string_equal(v[0].note, "Compare #China\n\nand Russia");
	assert_int_equal(v[0].ntags, 2);
	assert_string_equal(v[0].tags[0], "relative gains");	/* explicit */
	assert_string_equal(v[0].tags[1], "China");		/* #word */
	assert_string_equal(v[0].target[0].doc_id, "ogi-2024");
	assert_null(v[0].target[0].prefix);		/* not known */
	assert_int_equal(v[0].target[0].start, 3);
	assert_int_equal(v[0].target[0].end, 9);
	import_free(v, n);

	/* A page, a name in an object; upper-case UUIDs are the same. */
	import_ok("{\"type\": \"AnnotationPage\", \"items\": [{\"type\": "
	    "[\"Annotation\"], \"id\": \"urn:uuid:0B8E6F0A-3C1D-4F5E-9A7B-"
	    "2C4D6E8F0A1B\", \"creator\": {\"type\": \"Person\", \"nickname\": "
	    "\"kim\"}, \"target\": [{\"source\": \"urn:diptych:koga-2023\", "
	    "\"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": "
	    "\"Editor's Note\"}}]}]}", &v, &n, &r);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].id, "0b8e6f0a-3c1d-4f5e-9a7b-2c4d6e8f0a1b");
	assert_string_equal(v[0].author, "kim");
	assert_string_equal(v[0].note, "");
	assert_int_equal(v[0].created, 0);	/* not in the file */
	assert_string_equal(v[0].target[0].doc_id, "koga-2023");
	/* No positions, no context: both from where the quote is. */
	assert_int_equal(found(&v[0].target[0], &text), ANCHOR_EXACT);
	assert_string_equal(text, "Editor's Note");
	free(text);
	assert_true(v[0].target[0].start > 0);
	assert_non_null(v[0].target[0].prefix);
	assert_string_equal(v[0].target[0].suffix, "\nKei Koga, a Professor of "
	    "Public");
	import_free(v, n);

	/* A bare array: a note elsewhere, on a whole essay, and a link to
	   another page are skipped and counted. */
	import_ok("[{\"type\": \"Annotation\", \"id\": \"a\", \"target\": "
	    "\"https://example.org/other\"},"
	    " {\"type\": \"Annotation\", \"id\": \"b\", \"target\": "
	    "\"urn:diptych:ogi-2024\"},"
	    " {\"type\": \"Annotation\", \"id\": \"c\", \"target\": "
	    "[{\"source\": \"urn:diptych:ogi-2024\", \"selector\": {\"type\": "
	    "\"TextQuoteSelector\", \"exact\": \"Kim\"}}, {\"source\": "
	    "\"https://example.org/other\", \"selector\": 7}]}]", &v, &n, &r);
	assert_int_equal(n, 0);
	assert_int_equal(r.items, 3);
	assert_int_equal(r.elsewhere, 2);
	assert_int_equal(r.no_passage, 1);
	import_free(v, n);

	/* An empty collection, as --export json writes it, and without a
	   page at all. */
	import_ok("{\"type\": \"AnnotationCollection\", \"total\": 0, "
	    "\"first\": {\"type\": \"AnnotationPage\", \"items\": []}}",
	    &v, &n, &r);
	assert_int_equal(n, 0);
	import_free(v, n);
	import_ok("{\"type\": \"AnnotationCollection\", \"total\": 0}",
	    &v, &n, &r);
	assert_int_equal(n, 0);
	assert_int_equal(r.items, 0);
	import_free(v, n);

	/* A quote the essay does not have: kept, an orphan. */
	s = annotation("\"2024-06-19T08:30:00Z\"", "");
	memcpy(strstr(s, "Relative Gains"), "Relative Pains", 14);
	import_ok(s, &v, &n, &r);
	assert_int_equal(n, 1);
	assert_int_equal(r.orphans, 1);
	import_free(v, n);
	free(s);
}

static void
control_characters_in_a_note_are_kept(void **state)
{
	struct anno		*v;
	struct import_report	 r;
	size_t			 n;
	char			*s;

	(void)state;
	s = annotation("\"2024-06-19T08:30:00Z\"", ", \"bodyValue\": "
	    "\"\\u001b[2J\\u0007red\\u202e\"");
	import_ok(s, &v, &n, &r);
	assert_string_equal(v[0].note, "\x1b[2J\x07red\xe2\x80\xae\n\nnote");
	import_free(v, n);
	free(s);
}

/* --- Hypothesis ------------------------------------------------------- */

/* The annotation id in v[0..n). */
static const struct anno *
by_id(const struct anno *v, size_t n, const char *id)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return &v[i];
	fail_msg("no annotation %s", id);
	return NULL;
}

static void
assert_tags(const struct anno *a, const char *want)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < a->ntags; i++)
		buf_printf(&b, "%s%s", i ? "|" : "", a->tags[i]);
	assert_string_equal(b.data, want);
	buf_free(&b);
}

/* The Ids, as Python names them: uuid5(NAMESPACE_URL, hypothes.is/a/ID). */
#define H_TREATY	"e81f0045-3144-5aba-9c00-0aeb56202bf2"
#define H_REPLY		"bf6e12ee-6265-5c0c-882d-8031af1f0cb0"
#define H_KOGA		"1685aba8-6de9-514d-9655-6a6f0106b676"

static void
a_hypothesis_response_reads_into_the_essays(void **state)
{
	struct anno		*v, *w;
	struct import_report	 r;
	const struct anno	*a, *b;
	size_t			 n, m, len, i, s, e;
	char			*data, *err, *text;
	enum anchor_state	 st;

	(void)state;
	data = read_src("tests/data/hypothesis.json", &len);
	if (import_read("hypothesis.json", data, len, docs, &v, &n, &r,
	    &err) == -1)
		fail_msg("%s", err);
	assert_int_equal(r.format, IMPORT_HYPOTHESIS);
	assert_int_equal(r.items, 8);
	/* 38north.org, and the page note: Ogi's essay has no address
	   (its source is not confirmed), so a note on the article's page
	   is told to be on it by its quote, and one with no quote is not. */
	assert_int_equal(r.elsewhere, 2);
	assert_int_equal(r.no_passage, 0);
	assert_int_equal(r.orphans, 0);
	assert_int_equal(n, 6);

	a = by_id(v, n, H_TREATY);
	assert_string_equal(a->author, "mina_seo");
	assert_int_equal(a->created, 1719911671504);
	assert_int_equal(a->modified, 1719912011118);	/* updated */
	assert_string_equal(a->note, "Ogi's baseline: assistance now, an "
	    "alliance later? Compare Koga on #deterrence.");
	assert_tags(a, "alliance|treaty|deterrence");
	assert_int_equal(a->ntargets, 1);
	assert_string_equal(a->target[0].doc_id, "ogi-2024");
	assert_string_equal(a->target[0].prefix,
	    "ain is that for the time being, ");	/* as in the file */
	assert_null(a->reply_to);

	/* The reply: on its thread's passage, replying to it. */
	b = by_id(v, n, H_REPLY);
	assert_string_equal(b->author, "jun.park");
	assert_string_equal(b->reply_to, H_TREATY);
	assert_tags(b, "kcna");
	assert_int_equal(b->ntargets, 1);
	assert_string_equal(b->target[0].exact, a->target[0].exact);
	assert_int_equal(b->target[0].start, a->target[0].start);
	assert_int_equal(b->created, 1719919815250);
	assert_int_equal(b->modified, 1719919862000);

	/* On the right-hand essay by its source URL. */
	a = by_id(v, n, H_KOGA);
	assert_string_equal(a->target[0].doc_id, "koga-2023");
	assert_tags(a, "deterrence");

	/* Each passage is found where it is: the page's positions were
	   replaced by the essay's. */
	for (i = 0; i < n; i++) {
		assert_true(v[i].target[0].hash == text_hash(&v[i].target[0]));
		st = found(&v[i].target[0], &text);
		if (st != ANCHOR_EXACT && st != ANCHOR_MOVED)
			fail_msg("%s: \"%s\" found %s", v[i].id,
			    v[i].target[0].exact, anchor_state_name(st));
		assert_string_equal(text, v[i].target[0].exact);
		free(text);
	}
	/* "inseparable" is there three times: the context picks the last. */
	for (i = 0; i < n; i++)
		if (strcmp(v[i].target[0].exact, "inseparable") == 0)
			break;
	assert_true(i < n);
	assert_int_equal(anchor_find(&v[i].target[0], ogi, &s, &e),
	    ANCHOR_EXACT);
	assert_int_equal(s, offset_of(ogi, "inseparable", 2));

	/* The same file again: the same ids, times and notes. */
	if (import_read("hypothesis.json", data, len, docs, &w, &m, &r,
	    &err) == -1)
		fail_msg("%s", err);
	assert_int_equal(m, n);
	for (i = 0; i < n; i++) {
		assert_string_equal(w[i].id, v[i].id);
		assert_int_equal(w[i].modified, v[i].modified);
		assert_string_equal(w[i].note, v[i].note);
	}
	import_free(w, m);
	import_free(v, n);
	free(data);
}

static void
hypothesis_replies_and_the_client_export(void **state)
{
	struct anno		*v;
	struct import_report	 r;
	size_t			 n;

	(void)state;
	/* The client's export file; a reply whose thread is not in the
	   file has no passage. */
	import_ok("{\"export_date\": \"2024-07-06T10:00:00.000Z\", "
	    "\"export_userid\": \"acct:mina_seo@hypothes.is\", "
	    "\"annotations\": [{\"id\": \"r1\", \"user\": \"kim\", \"target\": "
	    "[{\"source\": \"urn:diptych:ogi-2024\"}], \"references\": "
	    "[\"not-here\"], \"text\": \"orphaned reply\"}, {\"id\": \"r2\", "
	    "\"uri\": \"https://globalnk.org/commentary/view?cd=COM000124\", "
	    "\"target\": [{\"selector\": [{\"type\": \"TextQuoteSelector\", "
	    "\"exact\": \"Editor's Note\"}]}], \"tags\": null}]}", &v, &n, &r);
	assert_int_equal(r.format, IMPORT_HYPOTHESIS);
	assert_int_equal(r.no_passage, 1);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].target[0].doc_id, "koga-2023");
	assert_string_equal(v[0].author, "");	/* none: the store's */
	assert_string_equal(v[0].note, "");
	import_free(v, n);
}

/* --- bad files ---------------------------------------------------------- */

static void
bad_files_say_where_and_return_nothing(void **state)
{
	struct anno		*v = NULL;
	struct import_report	 r;
	size_t			 n;
	char			*big, *err;

	(void)state;
	/* Not JSON: the line, from jansson. */
	import_fails("{\n  \"rows\": [\n    {\"id\": \"x\",, }\n  ]\n}",
	    "t.json:3: ");
	import_fails("", "t.json:");
	import_fails("\"just a string\"", "t.json:1: ");
	import_fails("[\x1b[2J]", "t.json:1: ");	/* no ESC in the message */
	import_fails("{\"rows\": [{\"id\": \"\xff\"}]}", "t.json:1: ");
	import_fails("{\"rows\": [{\"id\": \"a\\u0000b\"}]}", "t.json:1: ");
	import_fails("{\"rows\": [], \"rows\": []}", "duplicate");

	/* JSON of the wrong shape: the item, and what. */
	import_fails("{\"foo\": 1}", "t.json: not W3C Web Annotation JSON");
	import_fails("{\"rows\": {}}", "t.json: its rows are not a list");
	import_fails("{\"type\": \"AnnotationCollection\", \"first\": "
	    "\"https://example.org/page1\"}", "first page is not in the file");
	import_fails("[{\"type\": \"Annotation\", \"id\": \"a\", \"target\": "
	    "{\"source\": \"urn:diptych:ogi-2024\", \"selector\": {\"type\": "
	    "\"TextQuoteSelector\", \"exact\": \"Kim\"}}}, {\"type\": "
	    "\"Annotation\", \"id\": \"b\", \"target\": {\"source\": "
	    "\"urn:diptych:ogi-2024\", \"selector\": {\"type\": "
	    "\"TextPositionSelector\", \"start\": 1, \"end\": 4}}}]",
	    "t.json: item 2: target 1 has no TextQuoteSelector");
	import_fails("[{\"type\": \"Highlight\", \"id\": \"a\"}]",
	    "item 1: not an Annotation");
	import_fails("[{\"type\": \"Annotation\"}]", "item 1: has no id");
	import_fails("[7]", "item 1: not an object");
	import_fails("[{\"type\": \"Annotation\", \"id\": \"a\"}]",
	    "item 1: has no target");
	import_fails("[{\"type\": \"Annotation\", \"id\": \"a\", \"target\": "
	    "[\"urn:diptych:ogi-2024\", \"urn:diptych:ogi-2024\", "
	    "\"urn:diptych:ogi-2024\"]}]", "item 1: has 3 targets");
	import_fails("[{\"type\": \"Annotation\", \"id\": \"a\", \"target\": "
	    "{\"source\": \"urn:diptych:ogi-2024\", \"selector\": {\"type\": "
	    "\"TextQuoteSelector\", \"exact\": \"\"}}}]",
	    "has no exact text");
	import_fails("[{\"type\": \"Annotation\", \"id\": \"a\", \"target\": "
	    "{\"source\": \"urn:diptych:ogi-2024\", \"selector\": [{\"type\": "
	    "\"TextQuoteSelector\", \"exact\": \"Kim\"}, {\"type\": "
	    "\"TextPositionSelector\", \"start\": 9, \"end\": 4}]}}]",
	    "TextPositionSelector is not a start and an end");
	import_fails("[{\"type\": \"Annotation\", \"id\": \"a\", \"body\": "
	    "{\"value\": 3}, \"target\": {\"source\": \"urn:diptych:ogi-2024\", "
	    "\"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": "
	    "\"Kim\"}}}]", "item 1: body 1: its value is not text");
	import_fails("{\"rows\": [{\"id\": \"a\", \"uri\": "
	    "\"urn:diptych:ogi-2024\", \"target\": [{\"selector\": [{\"type\": "
	    "\"TextQuoteSelector\", \"exact\": \"Kim\"}]}], \"tags\": "
	    "\"one\"}]}", "item 1: its tags are not a list");
	import_fails("{\"rows\": [{\"id\": \"a\", \"target\": [{}]}]}",
	    "item 1: has no target source or uri");
	import_fails("{\"rows\": [{\"id\": \"a\", \"uri\": "
	    "\"urn:diptych:ogi-2024\", \"created\": \"last week\"}]}",
	    "item 1: created is not a date");

	/* Too large: refused before it is read. */
	big = xcalloc(IMPORT_MAX_BYTES + 2, 1);
	big[0] = '[';
	assert_int_equal(import_read("big.json", big, IMPORT_MAX_BYTES + 1,
	    docs, &v, &n, &r, &err), -1);
	assert_null(v);
	assert_string_equal(err, "big.json: larger than 16 MiB: not imported");
	free(err);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(what_export_writes_reads_back_whole),
		cmocka_unit_test(replies_go_out_and_come_back),
		cmocka_unit_test(a_pairing_goes_out_linking_and_comes_back),
		cmocka_unit_test(replies_need_their_thread_in_the_file),
		cmocka_unit_test(times_are_iso_8601_in_any_zone),
		cmocka_unit_test(other_w3c_shapes_and_ids),
		cmocka_unit_test(control_characters_in_a_note_are_kept),
		cmocka_unit_test(a_hypothesis_response_reads_into_the_essays),
		cmocka_unit_test(hypothesis_replies_and_the_client_export),
		cmocka_unit_test(bad_files_say_where_and_return_nothing),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
