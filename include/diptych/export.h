/*
 * export.h: annotations written out for other people and programs.
 *
 * Markdown is a seminar handout (per essay and section: the quote as a
 * block quote, the note, tags, author and date; links between the
 * essays; orphans at the end), built as a cmark node tree and rendered
 * by cmark, so every character of a quote or note is escaped right.
 * JSON is a W3C Web Annotation AnnotationCollection; CSV is RFC 4180.
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

#endif
