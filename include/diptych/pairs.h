/*
 * pairs.h: pairings (notes tagged #pairing on a passage of each essay)
 * as places where two texts begin a paired section.
 *
 * A pairing is found in two documents by its targets' anchors; the
 * result is what align_new_paired takes.
 */
#ifndef DIPTYCH_PAIRS_H
#define DIPTYCH_PAIRS_H

#include <stddef.h>

struct align_pair;
struct anno;
struct doc;
struct suggest;

/*
 * The pairings among v[0..n) whose passages are found one in left and
 * one in right, appended to *p of *np (*cap its room) with origin
 * (enum align_origin), their ids and labels copies.  Returns how many
 * were added.
 */
size_t	pairs_found(const struct doc *left, const struct doc *right,
	    const struct anno *v, size_t n, int origin, struct align_pair **p,
	    size_t *np, size_t *cap);
/*
 * The suggested sections of s that pair both sides, appended to *p of
 * *np (*cap its room) as ALIGN_SUGGESTED.  Returns how many were added.
 */
size_t	pairs_suggested(const struct suggest *s, struct align_pair **p,
	    size_t *np, size_t *cap);
/* The label of pairing a: its note but for the tag, else words that say
   what it is.  The caller frees it. */
char	*pairs_label(const struct anno *a);
/* Free p[0..n) as pairs_found made them. */
void	pairs_list_free(struct align_pair *p, size_t n);

#endif
