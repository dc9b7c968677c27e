/*
 * doc.h: a parsed essay.
 *
 * A document is one plain text (UTF-8, NFC, no control characters but
 * '\n') plus records that point into it by byte offset: blocks (what is
 * laid out as a unit), styled runs and links.  Everything after parsing
 * (layout, search, overlays) speaks in byte offsets into this text.
 */
#ifndef DIPTYCH_DOC_H
#define DIPTYCH_DOC_H

#include <stddef.h>

struct doc;

/* Style bits of a run or block; a cell's style is the OR of both. */
enum {
	DS_EMPH		= 1 << 0,
	DS_STRONG	= 1 << 1,
	DS_CODE		= 1 << 2,
	DS_LINK		= 1 << 3,
	DS_HEADING	= 1 << 4,
	DS_QUOTE	= 1 << 5,
	DS_TITLE	= 1 << 6,
	DS_META		= 1 << 7,
	DS_MARKER	= 1 << 8,	/* list bullets and quote bars */
	DS_RULE		= 1 << 9,
	DS_NOTE		= 1 << 10,	/* diptych's own quiet notes */
	DS_MINOR	= 1 << 11	/* a heading of level 4 to 6 */
};

enum doc_block_kind {
	BLK_PARA,		/* paragraph, wrapped */
	BLK_HEADING,		/* heading, wrapped; level 1..6 */
	BLK_CODE,		/* code or raw HTML: lines kept, no word wrap */
	BLK_RULE,		/* thematic break: no text */
	BLK_TITLE,		/* title line of the front-matter title block */
	BLK_META		/* author, affiliation, ... of the title block */
};

struct doc_block {
	enum doc_block_kind kind;
	size_t		 start, end;	/* byte range in the text */
	unsigned	 style;		/* base style of the block's text */
	int		 level;		/* heading level, else 0 */
	int		 gap;		/* blank rows before the block */
	int		 line;		/* 1-based line in the source file */
	const char	*prefix1;	/* prefix of the first row ("• ") */
	const char	*prefix;	/* prefix of later rows, same width */
};

struct doc_run {
	size_t		 start, end;	/* non-overlapping, sorted */
	unsigned	 style;
};

/*
 * A section: from a mark "<!-- section: ID "Label" -->" up to the next
 * one, or, in a file without marks, from a heading to the next.  The
 * same ID in two documents pairs their sections.
 */
struct doc_section {
	const char	*id;		/* "" for the part before the first
					   heading of a file without marks */
	const char	*label;
	size_t		 offset;	/* where it starts in the text */
	int		 line;		/* line of the mark or heading */
	int		 implicit;	/* from a heading, not a mark */
};

/*
 * A link.  A link to a fragment ("#ref-koga-2020") is a citation: its
 * target is the block holding the anchor with that ID (an inline
 * <a id="..."></a>, which is not shown), where the reference entry is.
 */
struct doc_link {
	size_t		 start, end;
	const char	*url;
	const char	*title;		/* "" when none */
	long		 target;	/* block of the anchor, or -1 */
};

/*
 * Parse an essay: optional front matter, then CommonMark.  name is used
 * in messages.  Returns a new document owned by the caller, or NULL with
 * *err set to a one-line message "name:line: what is wrong" that the
 * caller frees.
 */
struct doc	*doc_parse(const char *name, const char *data, size_t len,
		    char **err);
/*
 * doc_parse giving cmark pieces of about chunk bytes (SIZE_MAX: the whole
 * text), for tests: the document is the same whatever the pieces.
 */
struct doc	*doc_parse_chunked(const char *name, const char *data,
		    size_t len, size_t chunk, char **err);
/* The same, taking data (malloc'd), freed as soon as it is parsed. */
struct doc	*doc_parse_take(const char *name, char *data, size_t len,
		    char **err);
void		 doc_free(struct doc *d);

/*
 * A document of plain text (valid UTF-8): one paragraph, its lines kept,
 * no markup, so that text typed by the reader (a note being written)
 * is laid out like the essays.  Its text is text's bytes, but for tabs
 * and control characters (which the note editor never lets in).
 * Returns a new document owned by the caller.
 */
struct doc	*doc_plain(const char *name, const char *text, size_t len);

/* The plain text and its length; owned by the document. */
const char	*doc_text(const struct doc *d, size_t *len);
const char	*doc_name(const struct doc *d);

/* Front-matter value for key, or NULL; owned by the document. */
const char	*doc_meta(const struct doc *d, const char *key);
/* A short title for status lines: front matter "short", else "title". */
const char	*doc_short_title(const struct doc *d);

size_t		 doc_nblocks(const struct doc *d);
const struct doc_block *doc_block(const struct doc *d, size_t i);
size_t		 doc_nruns(const struct doc *d);
const struct doc_run *doc_run(const struct doc *d, size_t i);
/* Index of the first run that ends after offset (doc_nruns if none). */
size_t		 doc_run_find(const struct doc *d, size_t offset);
/* The text offset of code point cp, or (size_t)-1 past the text's end. */
size_t		 doc_cp_offset(const struct doc *d, size_t cp);
size_t		 doc_nlinks(const struct doc *d);
const struct doc_link *doc_link(const struct doc *d, size_t i);

/* The source line of the block that holds offset (0 if none). */
int		 doc_line_at(const struct doc *d, size_t offset);

/*
 * The heading in force at offset: the last heading block starting at or
 * before it.  Returns its block index, or -1 when none precedes offset.
 */
long		 doc_heading_at(const struct doc *d, size_t offset);

/*
 * Sections in text order; the first starts at offset 0 in a file with
 * marks.  doc_section_at returns the index of the section in force at
 * offset, or -1 when none is.
 */
size_t		 doc_nsections(const struct doc *d);
const struct doc_section *doc_section(const struct doc *d, size_t i);
long		 doc_section_at(const struct doc *d, size_t offset);
/* Whether the sections come from marks (1) or from headings (0). */
int		 doc_sections_marked(const struct doc *d);

/*
 * How many control characters the text had (each is shown as a visible
 * symbol); *line is the source line of the block with the first one.
 */
size_t		 doc_controls(const struct doc *d, int *line);

/*
 * Problems found in a document that still parsed: malformed or
 * duplicate section marks, marks that split a paragraph.  Each is a
 * line "name:line: what", owned by the document.
 */
size_t		 doc_nproblems(const struct doc *d);
const char	*doc_problem(const struct doc *d, size_t i);

#endif
