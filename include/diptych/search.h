/*
 * search.h: finding a pattern in a document's text.
 */
#ifndef DIPTYCH_SEARCH_H
#define DIPTYCH_SEARCH_H

#include <stddef.h>

struct doc;

struct search_hit {
	size_t		 start, end;	/* byte range in the text */
};

/*
 * Every match of pattern (UTF-8) in d's text, in text order, not
 * overlapping.  Text and pattern are folded alike (fold.h): curly
 * quotes and dashes match their ASCII forms, full-width letters and
 * ligatures their plain ones, accented letters their bare ones; and
 * case is ignored, fully (straße matches STRASSE), unless the pattern
 * has an uppercase letter ("smart case").  A hit covers whole code
 * points of the text.  Returns an array of *n hits that the caller
 * frees, or NULL when there are none (or the pattern is empty or not
 * valid UTF-8).
 */
struct search_hit *search_doc(const struct doc *d, const char *pattern,
		    size_t *n);

/*
 * A document's text folded for searching, each way (with and without
 * case) made when first needed and kept: a reader searching as it types
 * folds the text once, not at every key.
 */
struct search_text;

struct search_text *search_text_new(const struct doc *d);
void		 search_text_free(struct search_text *t);

/* search_doc on the document of t. */
struct search_hit *search_in(struct search_text *t, const char *pattern,
		    size_t *n);

/*
 * At most max of those starting in the span bytes of the text from text
 * offset from on (then from the top, when it reaches the end; SIZE_MAX:
 * all of it), in that order, not sorted; *cut tells there may be more.
 * A search as one types looks only as far as it needs to show the next
 * match and say how many there are, up to max, near the place.  The
 * matches of the last pattern found whole are kept with t: it is not
 * searched again.
 */
struct search_hit *search_some(struct search_text *t, const char *pattern,
		    size_t from, size_t span, size_t max, size_t *n,
		    int *cut);

/*
 * The matches of pattern from all nprev matches prev of pattern was, in
 * text order, when pattern is was and more (as one types it) and was
 * cannot overlap itself: then only those places are looked at, and
 * *refined is 1.  Otherwise *refined is 0 and nothing is found: search
 * again.
 */
struct search_hit *search_refine(struct search_text *t, const char *was,
		    const struct search_hit *prev, size_t nprev,
		    const char *pattern, size_t *n, int *refined);

#endif
