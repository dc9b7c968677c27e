/*
 * anchor.h: where an annotation is, said so that it can be found again.
 *
 * A target of an annotation is a passage of an essay, kept as the W3C
 * Web Annotation selectors say: the essay's id, a TextQuoteSelector (the
 * exact text, and up to 32 code points of prefix and suffix) and a
 * TextPositionSelector (start and end in code points of the document's
 * plain text), with a hash of the text they were made on.  When the
 * essay has changed, anchor_find re-finds the passage: by position when
 * the text there is still the quote, else by the exact quote (several
 * hits ranked by context, then by distance), else by an approximate match
 * on folded text accepted only when it is clearly the same; otherwise
 * the target is an orphan, which keeps its quote.  Nothing is ever
 * silently moved to another passage.
 */
#ifndef DIPTYCH_ANCHOR_H
#define DIPTYCH_ANCHOR_H

#include <stddef.h>
#include <stdint.h>

struct doc;

#define ANCHOR_CONTEXT	32	/* code points of prefix and of suffix */

struct anchor {
	char		*doc_id;	/* the essay's front-matter id */
	char		*exact;		/* TextQuoteSelector */
	char		*prefix;	/* NULL: not known (an import) */
	char		*suffix;
	size_t		 start, end;	/* TextPositionSelector: code points */
	uint64_t	 hash;		/* of the text it was made on */
};

/* How a target was found in a document. */
enum anchor_state {
	ANCHOR_EXACT,		/* at its position, unchanged */
	ANCHOR_MOVED,		/* its exact quote, elsewhere */
	ANCHOR_FUZZY,		/* a close match: the reader should confirm */
	ANCHOR_ORPHAN		/* not found */
};

/*
 * The selectors of the byte range [start, end) of d's text (edges on
 * grapheme clusters).  The strings are new, owned by a (anchor_free).
 */
void		 anchor_make(struct anchor *a, const struct doc *d,
		    size_t start, size_t end);

/*
 * Find a in d.  Returns how it was found and sets the byte range
 * [*start, *end) of d's text (left alone for an orphan).
 */
enum anchor_state anchor_find(const struct anchor *a, const struct doc *d,
		    size_t *start, size_t *end);

/* A deep copy of a into copy (anchor_free frees it). */
void		 anchor_copy(struct anchor *copy, const struct anchor *a);
void		 anchor_free(struct anchor *a);

/*
 * The id targets give document d: its front-matter id, else its short
 * title.  Owned by d.
 */
const char	*anchor_doc_id(const struct doc *d);

/* The hash anchor_make records for d's text (64-bit FNV-1a). */
uint64_t	 anchor_text_hash(const struct doc *d);

/* "exact", "moved", "fuzzy" or "orphan"; a static string. */
const char	*anchor_state_name(enum anchor_state s);

#endif
