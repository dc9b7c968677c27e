/*
 * export.c: --export markdown | json | csv.
 *
 * Each annotation is first placed: its targets found in the two
 * documents (anchor_find), each with the section it falls in.  The
 * Markdown handout walks the essays, their sections and the notes in
 * text order, building a cmark tree that cmark renders; JSON and CSV
 * write one record per annotation in the order of the store.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmark.h>

#include "diptych/anchor.h"
#include "diptych/anno.h"
#include "diptych/doc.h"
#include "diptych/export.h"
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

static char *
markdown(const struct anno *annos, size_t n, const struct doc *const docs[2])
{
	struct placed	*pl = xcalloc(2 * n + 1, sizeof(*pl));
	struct spot	 other;
	cmark_node	*doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	struct buf	 title;
	size_t		 npl = 0, i, orphans = 0;
	long		 section;
	int		 t, side;
	char		*md;

	for (i = 0; i < n; i++) {
		if (annos[i].deleted)
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
		}
	}
	if (orphans > 0) {
		add_heading(doc, 2, "Notes whose passage was not found");
		for (i = 0; i < n; i++) {
			struct spot at;

			if (annos[i].deleted)
				continue;
			find(&annos[i].target[0], docs, &at);
			if (at.side >= 0)
				continue;
			other.side = -1;
			add_note(doc, &annos[i], 0, &other, docs);
		}
	}
	md = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
	cmark_node_free(doc);
	free(pl);
	return md;
}

/* --- JSON ----------------------------------------------------------- */

/* s as a JSON string: quotes, backslashes and controls escaped. */
static void
json_str(struct buf *b, const char *s)
{
	const unsigned char *p;

	buf_addc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)*p);
		} else if (*p == '\n')
			buf_adds(b, "\\n");
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_addc(b, (char)*p);
	}
	buf_addc(b, '"');
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

static char *
json(const struct anno *annos, size_t n, const struct doc *const docs[2])
{
	struct buf	 b;
	size_t		 i, k, total = 0;
	char		 when[32];
	int		 t;

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
		    "\"Annotation\", \"motivation\": \"commenting\", "
		    "\"creator\": {\"type\": \"Person\", \"name\": ",
		    k++ > 0 ? "," : "", a->id);
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
		buf_adds(&b, "], \"target\": [");
		for (t = 0; t < a->ntargets && t < 2; t++) {
			if (t > 0)
				buf_adds(&b, ", ");
			json_target(&b, &a->target[t], docs);
		}
		buf_adds(&b, "]}");
	}
	buf_adds(&b, "\n    ]\n  }\n}\n");
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

static char *
csv(const struct anno *annos, size_t n, const struct doc *const docs[2])
{
	struct buf	 b, tags;
	struct spot	 at;
	char		 when[32];
	size_t		 i, k;

	buf_init(&b);
	buf_adds(&b, "id,author,created,modified,essay,section,quote,note,"
	    "tags,linked_essay,linked_quote\r\n");
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
		csv_field(&b, a->ntargets > 1 ? a->target[1].exact : "", 1);
	}
	return buf_steal(&b, NULL);
}

int
export_write(FILE *out, enum export_format f, const struct anno *annos,
    size_t n, const struct doc *const docs[2])
{
	char	*s;
	size_t	 len;
	int	 rc = 0;

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
	len = strlen(s);
	if (fwrite(s, 1, len, out) != len || fflush(out) != 0)
		rc = -1;
	free(s);
	return rc;
}
