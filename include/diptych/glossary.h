/*
 * glossary.h: glossary terms, and finding them in a text.
 *
 * A glossary file is CommonMark: one "##" heading per term, an "Also:"
 * paragraph of comma-separated aliases, the definition, and a "Source:"
 * paragraph.  Loading several files merges them: a term loaded again
 * (same name) replaces the earlier one.  Matching finds every term and
 * alias in one pass over a text, whole words only, case-sensitive for
 * acronyms (names with no lowercase letter); "KN23" counts as "KN-23".
 * Names and text are folded alike (fold.h), case aside: "Korea’s" in a
 * glossary matches "Korea's" in a text and the other way round, and
 * accents, full-width letters and ligatures do not prevent a match.
 * No term is found inside an address ("https://...", "www....", an
 * autolink's text); a name spelled out next to its acronym in
 * parentheses ("General Security of Military Information Agreement
 * (GSOMIA)", or the other way round) is one mention, one hit up to the
 * closing parenthesis.  Counts, highlights and the concordance all
 * come from these hits, so they agree.
 */
#ifndef DIPTYCH_GLOSSARY_H
#define DIPTYCH_GLOSSARY_H

#include <stddef.h>

struct glossary;

struct term {
	const char	*name;
	const char	**aliases;	/* naliases strings */
	size_t		 naliases;
	const char	*definition;	/* plain text, paragraphs "\n\n" */
	const char	*source;	/* plain text, "" when none */
	const char	*url;		/* the source's link, "" when none */
	const char	*file;		/* where it was defined */
	int		 line;
};

/* One occurrence of a term: text[start, end) is term number term. */
struct term_hit {
	size_t		 start, end;
	size_t		 term;
};

/* A new, empty glossary owned by the caller. */
struct glossary	*glossary_new(void);
void		 glossary_free(struct glossary *g);

/*
 * Add the terms of a glossary file (name is used in messages).  Returns
 * 0, or -1 with *err set to "name:line: what is wrong" (caller frees);
 * on error the glossary is unchanged.
 */
int		 glossary_load(struct glossary *g, const char *name,
		    const char *data, size_t len, char **err);

size_t		 glossary_nterms(const struct glossary *g);
const struct term *glossary_term(const struct glossary *g, size_t i);
/* Index of the term named name, or -1. */
long		 glossary_find(const struct glossary *g, const char *name);

/*
 * Every occurrence of every term in text[0, len), leftmost-longest and
 * not overlapping, in text order; a hit covers whole code points.
 * Returns an array of *n hits that the caller frees (NULL when there
 * are none).
 */
struct term_hit	*glossary_match(struct glossary *g, const char *text,
		    size_t len, size_t *n);
/*
 * Text is gone through for terms by pieces, each ending at a '\n', so
 * that a piece's hits are the same alone as in the whole: the end of
 * the piece of text[0, len) that starts at cs, at least size bytes long
 * and running on to the next '\n' (or to len when there is none).
 * glossary_match takes pieces of GLOSSARY_PIECE bytes.
 */
#define GLOSSARY_PIECE	65536
size_t		 glossary_piece(const char *text, size_t len, size_t cs,
		    size_t size);
/* How many bytes of text were gone through for terms since the start. */
size_t		 glossary_matched(void);
/* The hits of the piece [cs, ce), appended to *hits of *n (room *cap). */
void		 glossary_match_piece(struct glossary *g, const char *text,
		    size_t cs, size_t ce, struct term_hit **hits, size_t *n,
		    size_t *cap);

/*
 * How many of the n hits are of each term: an array of
 * glossary_nterms(g) counts (at least one element), caller frees.
 */
size_t		*glossary_count(const struct glossary *g,
		    const struct term_hit *hits, size_t n);

#endif
