/*
 * bounds.h: words and sentences in a document's text.
 *
 * Word boundaries are libunistring's (UAX #29, u8_wordbreaks); a word is
 * a piece between two boundaries that holds a letter or a digit.
 * Sentences end after '.', '?' or '!' (and any closing quotes or
 * brackets) before white space and a word that does not start in lower
 * case, unless the word before the full stop is an abbreviation ("Mr.",
 * "U.S.", "e.g.", an initial); '。', '？' and '！' end one at once.  A
 * sentence never runs past its block (paragraph, heading, list item).
 * Every offset returned is on a grapheme cluster boundary.
 */
#ifndef DIPTYCH_BOUNDS_H
#define DIPTYCH_BOUNDS_H

#include <stddef.h>

struct doc;

enum bounds_unit {
	BU_WORD,
	BU_SENTENCE,
	BU_BLOCK		/* a paragraph, heading, item, code block */
};

/*
 * The first end of a unit after off (moving forward), or the text's
 * length when there is none.  The end of a unit excludes the white
 * space after it.
 */
size_t	bounds_next(const struct doc *d, size_t off, enum bounds_unit u);

/* The last start of a unit before off, or 0 when there is none. */
size_t	bounds_prev(const struct doc *d, size_t off, enum bounds_unit u);

/*
 * The sentence that holds off, or the first to start after it when off
 * is between two: [*start, *end), trailing white space excluded.
 * Returns 0, or -1 when the text has no sentence at or after off.
 */
int	bounds_sentence(const struct doc *d, size_t off, size_t *start,
	    size_t *end);

#endif
