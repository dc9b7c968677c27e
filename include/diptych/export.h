/*
 * export.h: annotations written out for other people and programs.
 *
 * Markdown is a seminar handout (per essay and section: the quote as a
 * block quote, the note, tags, author and date, its replies under it;
 * links between the essays; orphans at the end), built as a cmark node
 * tree and rendered by cmark, so every character of a quote or note is
 * escaped right.  JSON is a W3C Web Annotation AnnotationCollection: a
 * reply's motivation is "replying" and its target the IRI of the note
 * it replies to (urn:uuid:ID).  CSV is RFC 4180, its last column the id
 * replied to.  Times are to the millisecond (2024-06-19T08:30:00.250Z).
 * Import reads the JSON back, and Hypothesis JSON too (below).
 */
#ifndef DIPTYCH_EXPORT_H
#define DIPTYCH_EXPORT_H

#include <stddef.h>
#include <stdio.h>

struct anno;
struct doc;

enum export_format {
	EXPORT_MARKDOWN,
	EXPORT_JSON,
	EXPORT_CSV
};

/* The format named name ("markdown", "json", "csv"), or -1. */
int	export_format(const char *name);

/*
 * Write annos[0..n) (tombstones are left out), anchored in the two
 * documents, to out.  Returns 0, or -1 when writing failed (errno set).
 */
int	export_write(FILE *out, enum export_format f, const struct anno *annos,
	    size_t n, const struct doc *const docs[2]);

/*
 * export_write for a terminal: Markdown and CSV go through glyph_clean
 * (lines kept), so a quote or a note cannot act on the terminal; JSON,
 * whose writer already escapes every such character as \uXXXX, is
 * written as export_write writes it, but with utf8 == 0 every character
 * beyond ASCII escaped too.  Returns 0 or -1 (errno set).
 */
int	export_write_terminal(FILE *out, enum export_format f,
	    const struct anno *annos, size_t n,
	    const struct doc *const docs[2], int utf8);

/*
 * Import: annotations read back from JSON, for store_merge.  Two kinds
 * of file are read:
 *
 *  - W3C Web Annotation JSON, as --export json writes it: an
 *    AnnotationCollection (its embedded first page), an AnnotationPage,
 *    an array of Annotations or one.  An id "urn:uuid:UUID" is kept;
 *    any other id becomes a name-based UUID (version 5, URL namespace)
 *    of it.  TextualBody values are the note ("tagging" ones the tags),
 *    targets carry a TextQuoteSelector and perhaps a
 *    TextPositionSelector (kept as it is; without one, the positions,
 *    and any context missing, are taken from where the quote is).
 *    A target naming another annotation (urn:uuid:ID, or the id of one
 *    in the file: a string, or an object with no selector and that as
 *    its source, or id) makes a reply to it (reply_to, the id mapped
 *    as ids are), on the passages of its thread in the file, or on its
 *    own when it has some.
 *  - Hypothesis: its API's search response (an object with "rows") or
 *    its client's export (with "annotations").  A row's id becomes the
 *    version 5 UUID of https://hypothes.is/a/ID, "updated" the modified
 *    time, acct:NAME@host the author NAME; a reply (with "references")
 *    replies to the last of them and is put on its thread's passage.
 *    Hypothesis counts positions in the web page, so they are set anew
 *    from where the quote is found in the essay.
 *
 * A target's source is matched to one of the two essays: their
 * front-matter source URL (a #fragment aside), or urn:diptych:ID.  An
 * annotation on another page, or with no passage there (a page note, a
 * reply to a note not in the file, or to one skipped), is skipped and
 * counted: a reply is never returned without its passages.  Tags are
 * the explicit ones, then the note's #words.  Times become ms UTC.
 */
#define IMPORT_MAX_BYTES	(16 * 1024 * 1024)	/* a file larger is refused */

enum import_format {
	IMPORT_W3C,
	IMPORT_HYPOTHESIS
};

/* What import_read found besides the annotations it returns. */
struct import_report {
	enum import_format	 format;
	size_t			 items;		/* annotations in the file */
	size_t			 elsewhere;	/* skipped: not on these essays */
	size_t			 no_passage;	/* skipped: no passage in them */
	size_t			 orphans;	/* returned, but a quote was not
						   found in its essay */
};

/*
 * Read the file name, data[0..len), against the two documents: the
 * annotations into *v of *n (import_free frees them), what was skipped
 * into *r.  Nothing is written anywhere.  Returns 0, or -1 with *v
 * NULL and *err a one-line message (caller frees): "name:LINE: what"
 * for JSON that does not parse, "name: item N: what" for an item of
 * the wrong shape (a missing quote, a time that is not a date, ...).
 * No byte of the file reaches a message as a control character.
 */
int	import_read(const char *name, const char *data, size_t len,
	    const struct doc *const docs[2], struct anno **v, size_t *n,
	    struct import_report *r, char **err);
/* Free what import_read returned (NULL is fine). */
void	import_free(struct anno *v, size_t n);

#endif
