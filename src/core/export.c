/*
 * export.c: --export markdown | json | csv.
 *
 * Each annotation is first placed: its targets found in the two
 * documents (anchor_find), each with the section it falls in.  The
 * Markdown handout walks the essays, their sections and the notes in
 * text order, building a cmark tree that cmark renders; JSON and CSV
 * write one record per annotation in the order of the store.
 *
 * Replies: every annotation that is not a tombstone has a root, the
 * note whose thread it is in (thread_roots).  A root is a note, or a
 * reply that cannot be put under one: its note is not exported (a
 * tombstone), or the replies loop.  A reply under a root is listed
 * under it in the handout, never on its own, and in JSON names its
 * parent as its only target (the parent's own thread leads up to a
 * root, which has passages); a root that is a reply keeps its passages
 * and names its parent beside them, so nothing is lost.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmark.h>
#include <unistr.h>

#include "diptych/anchor.h"
#include "diptych/anno.h"
#include "diptych/doc.h"
#include "diptych/export.h"
#include "diptych/glyph.h"
#include "diptych/util.h"

/* Where a target was found: the side, its range, its section. */
struct spot {
	int		 side;		/* -1: an orphan */
	size_t		 start, end;
	long		 section;
};

static const char *const formats[] = {
	[EXPORT_MARKDOWN] = "markdown",
	[EXPORT_JSON] = "json",
	[EXPORT_CSV] = "csv",
};

int
export_format(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(name, formats[i]) == 0)
			return (int)i;
	return -1;
}

/* Find target t in the documents. */
static void
find(const struct anchor *t, const struct doc *const docs[2],
    struct spot *sp)
{
	int side;

	sp->side = -1;
	sp->section = -1;
	if (t->doc_id == NULL || t->exact == NULL)
		return;
	for (side = 0; side < 2; side++)
		if (strcmp(anchor_doc_id(docs[side]), t->doc_id) == 0 &&
		    anchor_find(t, docs[side], &sp->start, &sp->end) !=
		    ANCHOR_ORPHAN) {
			sp->side = side;
			sp->section = doc_section_at(docs[side], sp->start);
			return;
		}
}

/* An annotation's id and place, for looking ids up. */
struct by_id {
	const char	*id;
	size_t		 i;
};

static int
cmp_id(const void *a, const void *b)
{
	return strcmp(((const struct by_id *)a)->id,
	    ((const struct by_id *)b)->id);
}

/*
 * The root of each of annos[0..n) (see the top of the file): root[i]
 * is i for a note, a tombstone, a reply whose parent is not exported,
 * and a reply in a loop; else the root its parents lead up to.  The
 * caller frees the array.
 */
static size_t *
thread_roots(const struct anno *annos, size_t n)
{
	enum { UNSEEN, ON_PATH, DONE };
	struct by_id	*ids = xcalloc(n + 1, sizeof(*ids)), key, *hit;
	size_t		*root = xcalloc(n + 1, sizeof(*root));
	size_t		*path = xcalloc(n + 1, sizeof(*path));
	unsigned char	*state = xcalloc(n + 1, 1);
	size_t		 nids = 0, i, k, r, top, pos;

	for (i = 0; i < n; i++)
		if (!annos[i].deleted) {
			ids[nids].id = annos[i].id;
			ids[nids++].i = i;
		}
	qsort(ids, nids, sizeof(*ids), cmp_id);
	for (i = 0; i < n; i++) {
		/* Up the thread to a root, or a root already known, or
		   back to an annotation on the way: a loop. */
		for (k = i, top = 0;;) {
			if (state[k] == DONE) {
				r = root[k];
				break;
			}
			if (state[k] == ON_PATH) {
				/* Those in the loop are roots; those that
				   led into it are under k. */
				for (pos = top; path[pos - 1] != k; pos--)
					;
				for (; top >= pos; top--) {
					root[path[top - 1]] = path[top - 1];
					state[path[top - 1]] = DONE;
				}
				r = k;
				break;
			}
			state[k] = ON_PATH;
			path[top++] = k;
			key.id = annos[k].reply_to;
			if (annos[k].deleted || key.id == NULL || (hit =
			    bsearch(&key, ids, nids, sizeof(*ids), cmp_id)) ==
			    NULL) {
				r = k;
				break;
			}
			k = hit->i;
		}
		while (top > 0) {
			root[path[--top]] = r;
			state[path[top]] = DONE;
		}
	}
	free(ids);
	free(path);
	free(state);
	return root;
}

/* Each root's replies, in the order of the store. */
struct threads {
	size_t		*root;		/* thread_roots */
	size_t		*start;		/* root r's replies are */
	size_t		*order;		/* order[start[r]..start[r + 1]) */
};

/* The threads of annos[0..n) into th (threads_free frees them). */
static void
threads_make(struct threads *th, const struct anno *annos, size_t n)
{
	size_t	*next, i;

	th->root = thread_roots(annos, n);
	th->start = xcalloc(n + 1, sizeof(*th->start));
	th->order = xcalloc(n + 1, sizeof(*th->order));
	for (i = 0; i < n; i++)
		if (th->root[i] != i)
			th->start[th->root[i] + 1]++;
	for (i = 0; i < n; i++)
		th->start[i + 1] += th->start[i];
	next = xcalloc(n + 1, sizeof(*next));
	memcpy(next, th->start, n * sizeof(*next));
	for (i = 0; i < n; i++)
		if (th->root[i] != i)
			th->order[next[th->root[i]]++] = i;
	free(next);
}

static void
threads_free(struct threads *th)
{
	free(th->root);
	free(th->start);
	free(th->order);
}

/*
 * "2024-06-19T08:30:00.250Z" of ms into out (an xsd:dateTime, to the
 * millisecond, so that --import reads back the very time).
 */
static void
iso_time(int64_t ms, char *out, size_t size)
{
	int64_t		 s = ms / 1000, frac = ms % 1000;
	time_t		 t;
	struct tm	 tm;
	size_t		 len;

	if (frac < 0) {			/* before 1970: round down */
		s--;
		frac += 1000;
	}
	t = (time_t)s;
	if (gmtime_r(&t, &tm) == NULL ||
	    (len = strftime(out, size, "%Y-%m-%dT%H:%M:%S", &tm)) == 0 ||
	    size - len < sizeof(".000Z"))
		snprintf(out, size, "1970-01-01T00:00:00.000Z");
	else
		snprintf(out + len, size - len, ".%03dZ", (int)frac);
}

/* --- Markdown ------------------------------------------------------- */

static cmark_node *
add(cmark_node *parent, cmark_node_type type)
{
	cmark_node *n = cmark_node_new(type);

	cmark_node_append_child(parent, n);
	return n;
}

/* A text node of s under parent; new lines as line breaks. */
static void
add_text(cmark_node *parent, const char *s)
{
	const char	*nl;
	char		*line;

	for (;;) {
		nl = strchr(s, '\n');
		line = xstrndup(s, nl != NULL ? (size_t)(nl - s) : strlen(s));
		cmark_node_set_literal(add(parent, CMARK_NODE_TEXT), line);
		free(line);
		if (nl == NULL)
			return;
		add(parent, CMARK_NODE_LINEBREAK);
		s = nl + 1;
	}
}

static void
add_heading(cmark_node *doc, int level, const char *text)
{
	cmark_node *h = add(doc, CMARK_NODE_HEADING);

	cmark_node_set_heading_level(h, level);
	add_text(h, text);
}

/* One note under doc: its quote, its note, who and when, its link. */
static void
add_note(cmark_node *doc, const struct anno *a, int t,
    const struct spot *other, const struct doc *const docs[2])
{
	cmark_node	*p;
	struct buf	 line;
	char		 when[32];
	size_t		 k;

	add_text(add(add(doc, CMARK_NODE_BLOCK_QUOTE), CMARK_NODE_PARAGRAPH),
	    a->target[t].exact);
	if (*a->note != '\0')
		add_text(add(doc, CMARK_NODE_PARAGRAPH), a->note);
	if (a->ntargets > 1) {
		buf_init(&line);
		buf_printf(&line, "Linked with %s: “%s”",
		    other->side >= 0 ? doc_short_title(docs[other->side]) :
		    a->target[!t].doc_id, a->target[!t].exact);
		add_text(add(doc, CMARK_NODE_PARAGRAPH), line.data);
		buf_free(&line);
	}
	buf_init(&line);
	for (k = 0; k < a->ntags; k++)
		buf_printf(&line, "#%s ", a->tags[k]);
	iso_time(a->modified, when, sizeof(when));
	buf_printf(&line, "— %s, %.10s", a->author, when);
	p = add(doc, CMARK_NODE_PARAGRAPH);
	add_text(add(p, CMARK_NODE_EMPH), line.data);
	buf_free(&line);
}

/*
 * The replies to root r under doc, after its note: a list, one item
 * each, "↳ who, date: the reply".
 */
static void
add_replies(cmark_node *doc, const struct anno *annos,
    const struct threads *th, size_t r)
{
	const struct anno *a;
	cmark_node	*list, *p;
	struct buf	 line;
	char		 when[32];
	size_t		 k;

	if (th->start[r] == th->start[r + 1])
		return;
	list = add(doc, CMARK_NODE_LIST);
	cmark_node_set_list_type(list, CMARK_BULLET_LIST);
	cmark_node_set_list_tight(list, 1);
	for (k = th->start[r]; k < th->start[r + 1]; k++) {
		a = &annos[th->order[k]];
		p = add(add(list, CMARK_NODE_ITEM), CMARK_NODE_PARAGRAPH);
		iso_time(a->modified, when, sizeof(when));
		buf_init(&line);
		buf_printf(&line, "↳ %s, %.10s%s%s", a->author, when,
		    *a->note != '\0' ? ": " : "", a->note);
		add_text(p, line.data);
		buf_free(&line);
	}
}

struct placed {
	size_t		 i;		/* annotation */
	int		 t;		/* target */
	struct spot	 at;
};

static int
by_place(const void *a, const void *b)
{
	const struct placed *x = a, *y = b;

	if (x->at.side != y->at.side)
		return x->at.side < y->at.side ? -1 : 1;
	if (x->at.start != y->at.start)
		return x->at.start < y->at.start ? -1 : 1;
	return x->t - y->t;
}

/*
 * The handout of annos[0..n) on the two documents, as CommonMark; the
 * caller frees it.
 */
static char *
markdown(const struct anno *annos, size_t n, const struct doc *const docs[2])
{
	struct placed	*pl = xcalloc(2 * n + 1, sizeof(*pl));
	struct spot	 other;
	struct threads	 th;
	cmark_node	*doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	struct buf	 title;
	size_t		 npl = 0, i, orphans = 0;
	long		 section;
	int		 t, side;
	char		*md;

	threads_make(&th, annos, n);
	for (i = 0; i < n; i++) {
		/* A reply goes with its note, not on its own. */
		if (annos[i].deleted || th.root[i] != i)
			continue;
		for (t = 0; t < annos[i].ntargets && t < 2; t++) {
			pl[npl].i = i;
			pl[npl].t = t;
			find(&annos[i].target[t], docs, &pl[npl].at);
			if (pl[npl].at.side < 0)
				orphans += t == 0;
			else
				npl++;
		}
	}
	qsort(pl, npl, sizeof(*pl), by_place);
	buf_init(&title);
	buf_printf(&title, "Notes on %s and %s", doc_short_title(docs[0]),
	    doc_short_title(docs[1]));
	add_heading(doc, 1, title.data);
	buf_free(&title);
	for (side = 0; side < 2; side++) {
		const char *full = doc_meta(docs[side], "title");

		add_heading(doc, 2, full != NULL ? full :
		    doc_short_title(docs[side]));
		section = -2;
		for (i = 0; i < npl; i++) {
			if (pl[i].at.side != side)
				continue;
			if (pl[i].at.section != section) {
				section = pl[i].at.section;
				add_heading(doc, 3, section >= 0 ?
				    doc_section(docs[side], (size_t)section)->label :
				    "Before the first section");
			}
			other.side = -1;
			if (annos[pl[i].i].ntargets > 1)
				find(&annos[pl[i].i].target[!pl[i].t], docs,
				    &other);
			add_note(doc, &annos[pl[i].i], pl[i].t, &other, docs);
			add_replies(doc, annos, &th, pl[i].i);
		}
	}
	if (orphans > 0) {
		add_heading(doc, 2, "Notes whose passage was not found");
		for (i = 0; i < n; i++) {
			struct spot at;

			if (annos[i].deleted || th.root[i] != i)
				continue;
			find(&annos[i].target[0], docs, &at);
			if (at.side >= 0)
				continue;
			other.side = -1;
			add_note(doc, &annos[i], 0, &other, docs);
			add_replies(doc, annos, &th, i);
		}
	}
	md = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
	cmark_node_free(doc);
	threads_free(&th);
	free(pl);
	return md;
}

/* --- JSON ----------------------------------------------------------- */

/*
 * s as a JSON string: quotes and backslashes escaped, and every
 * character glyph_clean would replace (controls, DEL, C1, bidirectional
 * controls) and U+2028/9 written as \uXXXX, so the text is exactly the
 * same to a JSON reader and nothing in it acts on a terminal; a byte
 * that is not UTF-8 (never in a store) becomes \ufffd.
 */
static void
json_str(struct buf *b, const char *s)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + strlen(s);
	ucs4_t		 uc;
	int		 n;

	buf_addc(b, '"');
	for (; p < end; p += n) {
		if ((n = u8_mbtoucr(&uc, p, (size_t)(end - p))) < 0) {
			buf_adds(b, "\\ufffd");
			n = 1;
		} else if (uc == '"' || uc == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)uc);
		} else if (uc == '\n')
			buf_adds(b, "\\n");
		else if (glyph_unsafe((long)uc) || uc == 0x2028 || uc == 0x2029)
			buf_printf(b, "\\u%04x", (unsigned)uc);
		else
			buf_add(b, p, (size_t)n);
	}
	buf_addc(b, '"');
}

/* "urn:uuid:ID", the IRI of the annotation id, as a JSON string. */
static void
json_urn_uuid(struct buf *b, const char *id)
{
	struct buf	 urn;

	buf_init(&urn);
	buf_printf(&urn, "urn:uuid:%s", id);
	json_str(b, urn.data);
	buf_free(&urn);
}

static void
json_target(struct buf *b, const struct anchor *t,
    const struct doc *const docs[2])
{
	const char	*src = NULL;
	int		 side;

	for (side = 0; side < 2; side++)
		if (strcmp(anchor_doc_id(docs[side]), t->doc_id) == 0)
			src = doc_meta(docs[side], "source");
	buf_adds(b, "{\"source\": ");
	if (src != NULL && *src != '\0')
		json_str(b, src);
	else {
		struct buf urn;

		buf_init(&urn);
		buf_printf(&urn, "urn:diptych:%s", t->doc_id);
		json_str(b, urn.data);
		buf_free(&urn);
	}
	buf_adds(b, ", \"selector\": [{\"type\": \"TextQuoteSelector\", "
	    "\"exact\": ");
	json_str(b, t->exact);
	buf_adds(b, ", \"prefix\": ");
	json_str(b, t->prefix != NULL ? t->prefix : "");
	buf_adds(b, ", \"suffix\": ");
	json_str(b, t->suffix != NULL ? t->suffix : "");
	buf_printf(b, "}, {\"type\": \"TextPositionSelector\", \"start\": %zu, "
	    "\"end\": %zu}]}", t->start, t->end);
}

/*
 * The W3C Web Annotation collection of annos[0..n): a note is
 * "commenting" on its passages; a reply is "replying" to its parent,
 * its target the parent's IRI (a root that is a reply: its passages and
 * that IRI).  The caller frees the text.
 */
static char *
json(const struct anno *annos, size_t n, const struct doc *const docs[2])
{
	struct threads	 th;
	struct buf	 b;
	size_t		 i, k, total = 0;
	char		 when[32];
	int		 t;

	threads_make(&th, annos, n);
	for (i = 0; i < n; i++)
		total += !annos[i].deleted;
	buf_init(&b);
	buf_printf(&b, "{\n  \"@context\": \"http://www.w3.org/ns/anno.jsonld\","
	    "\n  \"type\": \"AnnotationCollection\",\n  \"total\": %zu,\n"
	    "  \"first\": {\n    \"type\": \"AnnotationPage\",\n"
	    "    \"items\": [", total);
	for (i = 0, k = 0; i < n; i++) {
		const struct anno *a = &annos[i];
		size_t j;

		if (a->deleted)
			continue;
		buf_printf(&b, "%s\n      {\"id\": \"urn:uuid:%s\", \"type\": "
		    "\"Annotation\", \"motivation\": \"%s\", "
		    "\"creator\": {\"type\": \"Person\", \"name\": ",
		    k++ > 0 ? "," : "", a->id, a->reply_to != NULL ?
		    "replying" : anno_is_pairing(a) ? "linking" : "commenting");
		json_str(&b, a->author);
		iso_time(a->created, when, sizeof(when));
		buf_printf(&b, "}, \"created\": \"%s\"", when);
		iso_time(a->modified, when, sizeof(when));
		buf_printf(&b, ", \"modified\": \"%s\", \"body\": [{\"type\": "
		    "\"TextualBody\", \"purpose\": \"commenting\", \"format\": "
		    "\"text/plain\", \"value\": ", when);
		json_str(&b, a->note);
		buf_addc(&b, '}');
		for (j = 0; j < a->ntags; j++) {
			buf_adds(&b, ", {\"type\": \"TextualBody\", \"purpose\": "
			    "\"tagging\", \"value\": ");
			json_str(&b, a->tags[j]);
			buf_addc(&b, '}');
		}
		if (th.root[i] != i) {
			/* Its passages are its thread's. */
			buf_adds(&b, "], \"target\": ");
			json_urn_uuid(&b, a->reply_to);
			buf_addc(&b, '}');
			continue;
		}
		buf_adds(&b, "], \"target\": [");
		for (t = 0; t < a->ntargets && t < 2; t++) {
			if (t > 0)
				buf_adds(&b, ", ");
			json_target(&b, &a->target[t], docs);
		}
		if (a->reply_to != NULL) {
			buf_adds(&b, ", ");
			json_urn_uuid(&b, a->reply_to);
		}
		buf_adds(&b, "]}");
	}
	buf_adds(&b, "\n    ]\n  }\n}\n");
	threads_free(&th);
	return buf_steal(&b, NULL);
}

/* --- CSV ------------------------------------------------------------ */

/* A CSV field (RFC 4180): quoted, quotes doubled. */
static void
csv_field(struct buf *b, const char *s, int last)
{
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
	buf_adds(b, last ? "\r\n" : ",");
}

/*
 * annos[0..n) as CSV, a header line first, a note's reply_to empty; the
 * caller frees it.
 */
static char *
csv(const struct anno *annos, size_t n, const struct doc *const docs[2])
{
	struct buf	 b, tags;
	struct spot	 at;
	char		 when[32];
	size_t		 i, k;

	buf_init(&b);
	buf_adds(&b, "id,author,created,modified,essay,section,quote,note,"
	    "tags,linked_essay,linked_quote,reply_to\r\n");
	for (i = 0; i < n; i++) {
		const struct anno *a = &annos[i];

		if (a->deleted)
			continue;
		csv_field(&b, a->id, 0);
		csv_field(&b, a->author, 0);
		iso_time(a->created, when, sizeof(when));
		csv_field(&b, when, 0);
		iso_time(a->modified, when, sizeof(when));
		csv_field(&b, when, 0);
		csv_field(&b, a->target[0].doc_id, 0);
		find(&a->target[0], docs, &at);
		csv_field(&b, at.section >= 0 ? doc_section(docs[at.side],
		    (size_t)at.section)->label : "", 0);
		csv_field(&b, a->target[0].exact, 0);
		csv_field(&b, a->note, 0);
		buf_init(&tags);
		buf_add(&tags, "", 0);
		for (k = 0; k < a->ntags; k++)
			buf_printf(&tags, "%s#%s", k ? " " : "", a->tags[k]);
		csv_field(&b, tags.data, 0);
		buf_free(&tags);
		csv_field(&b, a->ntargets > 1 ? a->target[1].doc_id : "", 0);
		csv_field(&b, a->ntargets > 1 ? a->target[1].exact : "", 0);
		csv_field(&b, a->reply_to != NULL ? a->reply_to : "", 1);
	}
	return buf_steal(&b, NULL);
}

/*
 * JSON for a terminal that is not UTF-8: every character beyond ASCII
 * as \uXXXX (a surrogate pair past U+FFFF).  Such characters are only
 * ever inside strings, so the JSON means the same.
 */
static char *
json_ascii(const char *s)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + strlen(s);
	struct buf	 b;
	ucs4_t		 uc;
	int		 n;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (; p < end; p += n) {
		if ((n = u8_mbtoucr(&uc, p, (size_t)(end - p))) < 0) {
			uc = 0xfffd;
			n = 1;
		}
		if (uc < 0x80)
			buf_addc(&b, (char)uc);
		else if (uc < 0x10000)
			buf_printf(&b, "\\u%04x", (unsigned)uc);
		else
			buf_printf(&b, "\\u%04x\\u%04x",
			    0xd800 + ((unsigned)(uc - 0x10000) >> 10),
			    0xdc00 + ((unsigned)(uc - 0x10000) & 0x3ff));
	}
	return buf_steal(&b, NULL);
}

static char *
render(enum export_format f, const struct anno *annos, size_t n,
    const struct doc *const docs[2])
{
	char	*s;

	switch (f) {
	case EXPORT_MARKDOWN:
		s = markdown(annos, n, docs);
		break;
	case EXPORT_JSON:
		s = json(annos, n, docs);
		break;
	default:
		s = csv(annos, n, docs);
		break;
	}
	return s;
}

int
export_write(FILE *out, enum export_format f, const struct anno *annos,
    size_t n, const struct doc *const docs[2])
{
	char	*s = render(f, annos, n, docs);
	size_t	 len = strlen(s);
	int	 rc = 0;

	if (fwrite(s, 1, len, out) != len || fflush(out) != 0)
		rc = -1;
	free(s);
	return rc;
}

int
export_write_terminal(FILE *out, enum export_format f,
    const struct anno *annos, size_t n, const struct doc *const docs[2],
    int utf8)
{
	struct buf	 b;
	char		*s = render(f, annos, n, docs), *t;
	int		 rc = 0;

	buf_init(&b);
	if (f == EXPORT_JSON && !utf8) {
		t = json_ascii(s);
		buf_adds(&b, t);
		free(t);
	} else if (f == EXPORT_JSON)
		buf_adds(&b, s);
	else
		glyph_clean(s, strlen(s), GLYPH_LINES | (utf8 ? GLYPH_UTF8 :
		    0), &b);
	free(s);
	if (b.len > 0 && fwrite(b.data, 1, b.len, out) != b.len)
		rc = -1;
	if (fflush(out) != 0)
		rc = -1;
	buf_free(&b);
	return rc;
}
