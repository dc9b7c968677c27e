/*
 * export.h: annotations written out for other people and programs.
 *
 * Markdown is a seminar handout (per essay and section: the quote as a
 * block quote, the note, tags, author and date; links between the
 * essays; orphans at the end), built as a cmark node tree and rendered
 * by cmark, so every character of a quote or note is escaped right.
 * JSON is a W3C Web Annotation AnnotationCollection; CSV is RFC 4180.
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
 * reply to a note not in the file), is skipped and counted.  Tags are
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
