/*
 * card.h: what a popup shows, as a small document.
 *
 * A card is built as CommonMark (every character of the source texts
 * escaped, so their words come through as they are) and parsed like any
 * essay, so a popup is laid out and drawn by the same code as a pane.
 */
#ifndef DIPTYCH_CARD_H
#define DIPTYCH_CARD_H

#include <stddef.h>

struct anno;
struct doc;
struct glossary;

struct card {
	struct doc	*doc;		/* owned */
	char		*title;		/* for the frame, owned */
	char		*url;		/* to copy, "" when none; owned */
};

/*
 * The card of link i of d: for a citation, the full reference entry it
 * leads to, a note on how the two disagree when the link has a title,
 * and the entry's URL on a line of its own; for another link, its text
 * and URL.  Returns 0, or -1 when the link leads nowhere.
 */
int	card_link(struct card *c, const struct doc *d, size_t i);

/*
 * The card of glossary term t: name, aliases, definition, how often it
 * occurs in each essay (counts[0] in names[0], ...), source and URL.
 */
void	card_term(struct card *c, const struct glossary *g, size_t t,
	    const size_t counts[2], const char *names[2]);

/*
 * The card of annotation a: its passage(s) quoted, the note, its tags,
 * author and time, and state ("moved", "fuzzy: confirm?", or NULL);
 * then its thread: the n replies in replies[], each with its author and
 * time.
 */
void	card_note(struct card *c, const struct anno *a, const char *state,
	    const struct anno *const *replies, size_t n);

void	card_free(struct card *c);

#endif
