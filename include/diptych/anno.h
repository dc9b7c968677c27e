/*
 * anno.h: an annotation, as stored and exchanged.
 *
 * It follows the W3C Web Annotation model: a UUID, an author (creator),
 * created and modified times, a note (the "commenting" body), tags (the
 * "tagging" bodies, the note's #words), one target, or two for a link
 * between the essays, and perhaps the annotation it replies to.  A
 * delete is a tombstone (deleted set, the rest kept), so that a delete
 * travels to other stores like any change and can be undone.
 */
#ifndef DIPTYCH_ANNO_H
#define DIPTYCH_ANNO_H

#include <stddef.h>
#include <stdint.h>

#include "diptych/anchor.h"

#define ANNO_ID_LEN	36	/* a UUID: 8-4-4-4-12 hex digits */

struct anno {
	char		 id[ANNO_ID_LEN + 1];
	char		*author;
	int64_t		 created;	/* milliseconds since 1970, UTC */
	int64_t		 modified;
	char		*note;		/* UTF-8, "" when none */
	char		**tags;		/* ntags strings, without the '#' */
	size_t		 ntags;
	struct anchor	 target[2];
	int		 ntargets;	/* 1, or 2 for a link */
	char		*reply_to;	/* an id, or NULL */
	int		 deleted;	/* a tombstone */
};

/*
 * A note tagged #pairing on a passage of each essay pairs them: they
 * begin a paired section (exported with the motivation "linking").
 */
#define ANNO_PAIRING_TAG	"pairing"
/* Whether a is a live pairing: two targets, the tag, no reply. */
int	anno_is_pairing(const struct anno *a);

/* A new random (version 4) UUID in id; 0, or -1 when no randomness. */
int	anno_new_id(char id[ANNO_ID_LEN + 1]);
/* The current time as anno times count it. */
int64_t	anno_now(void);
/*
 * Set a's tags to the #words of its note (letters, digits, '-', '_'),
 * each once, in order.
 */
void	anno_tags_from_note(struct anno *a);
/* A deep copy of a into copy (anno_clear frees it). */
void	anno_copy(struct anno *copy, const struct anno *a);
/* Free what a owns and zero it. */
void	anno_clear(struct anno *a);

#endif
