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
 * overlapping.  Case is ignored unless the pattern has an uppercase
 * letter ("smart case"); the pattern is normalized to NFC like the text.
 * Returns an array of *n hits that the caller frees, or NULL when there
 * are none.
 */
struct search_hit *search_doc(const struct doc *d, const char *pattern,
		    size_t *n);

#endif
