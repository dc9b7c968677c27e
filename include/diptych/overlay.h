/*
 * overlay.h: layers of ranges painted over a document's text.
 *
 * Glossary terms, citations, search matches, the selected item (and,
 * later, annotations and the selection) are each one layer: a set of
 * [start, end) byte ranges of one document's plain text, sorted by
 * start, each with an id (a link index, a term hit index, ...).  A layer
 * has a role, which says how a device shows it (one row of the device's
 * look table per role), and a priority, which says whose look wins where
 * two layers cover the same cell.  Ranges of one layer may overlap.
 *
 * Painting walks cells in text order with one cursor per layer, so a
 * frame costs the cells on screen, not the number of ranges; next and
 * prev find the range after or before an offset (Tab, n and N).
 */
#ifndef DIPTYCH_OVERLAY_H
#define DIPTYCH_OVERLAY_H

#include <stddef.h>

struct doc;
struct term_hit;

/* What a layer is, for the device's look table and for --overlays. */
enum overlay_role {
	OR_LINK,		/* citations and other links */
	OR_TERM,		/* glossary terms */
	OR_NOTE,		/* annotated passages */
	OR_MATCH,		/* matches of the last search */
	OR_CURRENT,		/* the current match */
	OR_SELECTED,		/* the item Tab selected */
	OR_SELECTION,		/* a selection being made (v) */
	OR_OCCUR,		/* the selected term's occurrences */
	OR_NROLES
};

#define OR_BIT(role)	(1u << (role))

struct overlay_range {
	size_t		 start, end;
	size_t		 id;
};

struct overlay;

/* A new, empty layer owned by the caller. */
struct overlay	*overlay_new(enum overlay_role role, int priority);
void		 overlay_free(struct overlay *o);

enum overlay_role overlay_role(const struct overlay *o);
int		 overlay_priority(const struct overlay *o);
/* One letter and one word naming a role (--overlays, help). */
char		 overlay_role_letter(enum overlay_role role);
const char	*overlay_role_name(enum overlay_role role);

/* Drop every range. */
void		 overlay_clear(struct overlay *o);
/*
 * Add [start, end) with id.  Ranges added in text order cost O(1); one
 * added out of order is inserted in place.  An empty range is ignored.
 */
void		 overlay_add(struct overlay *o, size_t start, size_t end,
		    size_t id);
/* Every link of d (id: the link index). */
void		 overlay_add_links(struct overlay *o, const struct doc *d);
/* Every hit of hits[0..n) (id: the hit index). */
void		 overlay_add_hits(struct overlay *o, const struct term_hit *hits,
		    size_t n);

size_t		 overlay_count(const struct overlay *o);
/* Range i in start order, or NULL past the end; owned by the layer. */
const struct overlay_range *overlay_range(const struct overlay *o, size_t i);

/*
 * The index of the first range starting at or after off, or -1 when
 * there is none (binary search).
 */
long		 overlay_next(const struct overlay *o, size_t off);
/* The index of the last range starting before off, or -1. */
long		 overlay_prev(const struct overlay *o, size_t off);
/* The index of a range covering off (the last to start), or -1. */
long		 overlay_at(const struct overlay *o, size_t off);

/*
 * A cursor for painting: set it at the first offset of a row, then ask
 * about offsets that never decrease.
 */
struct overlay_cursor {
	const struct overlay	*o;
	size_t			 i;	/* ranges starting at or before off */
};

void		 overlay_cursor_init(struct overlay_cursor *c,
		    const struct overlay *o, size_t off);
/* Whether a range covers off (>= every earlier call's off). */
int		 overlay_cursor_covers(struct overlay_cursor *c, size_t off);

#endif
