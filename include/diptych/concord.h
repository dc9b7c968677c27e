/*
 * concord.h: a concordance of the two texts.
 *
 * Every mention of a glossary term (its hits, as highlighted and
 * counted) or of a word typed by the reader, in both texts: the left
 * text's mentions first, then the right's, each in text order.  A line
 * knows its section (the file's marks, else its headings) and gives its
 * context as keyword in context: the columns before the mention in its
 * paragraph, the mention, the columns after, white space made single
 * spaces, cut at whole grapheme clusters.  The reader's concordance (T,
 * Enter) and --concordance both show these lines.
 */
#ifndef DIPTYCH_CONCORD_H
#define DIPTYCH_CONCORD_H

#include <stddef.h>

struct buf;
struct doc;
struct glossary;
struct term_hit;

struct concord_line {
	int		 side;		/* 0: the left text, 1: the right */
	size_t		 start, end;	/* the mention in that text */
};

struct concord {
	char		*what;		/* the term's name, or the word */
	long		 term;		/* the glossary term, or -1 */
	struct concord_line *v;
	size_t		 n, cap;
	size_t		 count[2];	/* lines of each side */
};

/*
 * A concordance starts zeroed (memset); each of concord_term and
 * concord_word empties it and fills it anew, and concord_free frees what
 * it holds, leaving it empty.
 *
 * The mentions of glossary term t of g, from the hits of each side
 * (nhits[side] of them, as glossary_match gives them), into c.
 */
void		 concord_term(struct concord *c, const struct glossary *g,
		    size_t t, struct term_hit *const hits[2],
		    const size_t nhits[2]);

/*
 * The mentions of word (or words) in the texts of d[0] and d[1], into
 * c: found as search finds them (folded, case ignored unless the word
 * has a capital), but whole words only, and a final '*' takes any
 * ending ("deter*": deterrence, deterring).  Returns 0, or -1 when word
 * has nothing to find (empty, or only '*'), leaving c as it was.
 */
int		 concord_word(struct concord *c, const struct doc *const d[2],
		    const char *word);

/* Free what c holds; it is empty after. */
void		 concord_free(struct concord *c);

/*
 * The term of g that s names, by its name or an alias, case aside
 * ("gsomia", "Hwasong-11"); -1 when none does, and s is a word.
 */
long		 concord_lookup(const struct glossary *g, const char *s);

/*
 * Line l's context in d, its side's document: up to lcols columns of
 * its paragraph before the mention into left, the mention into mid, up
 * to rcols columns after it into right (each emptied first).  White
 * space next to the mention is kept, as one space at the end of left or
 * the start of right: "China" then "’s" reads "China’s".
 */
void		 concord_kwic(const struct doc *d, const struct concord_line *l,
		    int lcols, int rcols, struct buf *left, struct buf *mid,
		    struct buf *right);

/*
 * The label of the section of d that line l is in: a marked section's
 * label, else the heading's text, else d's short title (the part before
 * the first heading).
 */
const char	*concord_section(const struct doc *d,
		    const struct concord_line *l);

#endif
