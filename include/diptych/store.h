/*
 * store.h: where annotations, reading positions and drafts are kept.
 *
 * A store is opened on a path (a SQLite file) or a URL (a PostgreSQL
 * database); every backend offers the same operations.  The
 * store is opened under an author: the name its changes are made by.
 *
 * Nothing is lost: a write returns 0 only once it is committed to the
 * store (the caller may then say "saved"); on failure it returns -1,
 * changes nothing, and store_error says why.  A file that is not a
 * diptych store, or is damaged, is refused and never written to.
 *
 * Every change to an annotation (create, edit, delete, undo) gets the
 * next number of the store's change counter, kept with the annotation
 * and in its history, so that a reader asks for the changes since the
 * last number it saw.  Deletes are tombstones; edits keep the previous
 * version.
 *
 * Each reader's place in a pair of essays is kept too, one per author
 * and pair, with whom they follow.  In a shared store the others list
 * these places (store_readers) and notice them move (store_moved)
 * apart from changes to annotations (store_changed): places move
 * often, and a reader re-reads the notes only when they changed.
 *
 * Conventions: 0 on success, -1 on error with the message in
 * store_error(s) (valid until the next call on s); "get" functions
 * return 1 when there is nothing to get.  A store is used by one thread
 * and is not carried across fork().
 */
#ifndef DIPTYCH_STORE_H
#define DIPTYCH_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "diptych/anno.h"

struct store;

/* Flags of store_open. */
#define STORE_WRITE	0x01	/* read and write; else read only */
#define STORE_CREATE	0x02	/* create a missing file, mode 0600 */
#define STORE_MKDIR	0x04	/* and its missing folders, mode 0700 */
#define STORE_SHARED	0x08	/* a group's: create the file with mode
				   0666 less the umask, not 0600 */
#define STORE_OFFLINE	0x10	/* a server that cannot be reached now
				   opens anyway, not connected (a server
				   that refuses us is still an error) */
#define STORE_CHECK_LATER 0x20	/* a file's integrity check waits for
				   store_check or the first write, so
				   that opening reads only what it needs */

/* The longest author name, in bytes. */
#define STORE_AUTHOR_MAX	100

/* What a change did. */
enum store_change {
	STORE_NONE,		/* nothing (store_undo: nothing to undo) */
	STORE_CREATED,
	STORE_EDITED,
	STORE_DELETED,		/* made a tombstone */
	STORE_UNDONE		/* undid an earlier change */
};

/*
 * The personal store's path: $DIPTYCH_STORE when set, else
 * $XDG_DATA_HOME/diptych/annotations.db, else
 * ~/.local/share/diptych/annotations.db.  The caller frees it; NULL with
 * *err set (caller frees) when there is no home folder to put it in.
 */
char		*store_default_path(char **err);

/*
 * Open the store at where (a file path, or a postgresql:// or
 * postgres:// URL) for author (1 to STORE_AUTHOR_MAX bytes of UTF-8;
 * a database's author is the role it logs in as, whatever author
 * says, and a note put under author is put under that role).  Returns
 * 0 and *sp, or -1 with *err set to a one-line message naming where
 * (caller frees).  It refuses what is not a diptych store, a damaged
 * one, and, for writing, one made by a newer diptych.  With STORE_WRITE,
 * a store that cannot be written (a read-only file or folder) still
 * opens for reading: store_writable says so, and every write fails with
 * the reason.
 */
int		 store_open(struct store **sp, const char *where,
		    const char *author, int flags, char **err);
/*
 * Make the PostgreSQL database at url (a postgresql:// or postgres://
 * URL) a diptych seminar: the schema "diptych", its tables, who may
 * write what (row-level security: each participant changes only their
 * own notes, places and drafts) and the notifications readers listen
 * to, all in one transaction.  Run by the database's owner; running it
 * again is fine (an older schema is brought up to date).  The owner
 * then grants each participant's role the use of it (see README).
 * 0, or -1 with *err set (caller frees), naming url without its
 * password.
 */
int		 store_init_seminar(const char *url, char **err);
/* Close s (NULL is fine).  Everything was committed already. */
void		 store_close(struct store *s);

/*
 * 1 when s is connected: always for a file; 0 when the server of a
 * database store went away (or was not there when it was opened with
 * STORE_OFFLINE).  While it is 0, every operation fails, saying so;
 * store_reconnect tries again.
 */
int		 store_connected(const struct store *s);
/*
 * Try to reach the server again, without blocking for long: 1 when s is
 * connected (again: its notifications are listened to anew, and
 * store_watch may give another descriptor), 0 when it is still trying
 * (call again later), -1 when the server refuses s for good (store_error
 * says why).  Call it every second or so while store_connected is 0.
 */
int		 store_reconnect(struct store *s);

/*
 * The integrity check of a store opened with STORE_CHECK_LATER, once:
 * 0 when it is sound (or has no such check), -1 when it is damaged
 * (store_error says so, as store_open would have, and every write
 * fails: the file is left as it is).
 */
int		 store_check(struct store *s);

/* The last error on s. */
const char	*store_error(const struct store *s);
/* 1 when s accepts writes; 0 when it is read-only (store_error says why). */
int		 store_writable(const struct store *s);
/* The path or URL s was opened on, and its author. */
const char	*store_where(const struct store *s);
const char	*store_author(const struct store *s);

/*
 * Insert a, or update the annotation with its id, in one transaction.
 * An empty author becomes s's author, a zero created time now; modified
 * is set to now (later than the previous version's).  On success a's
 * author and times are what was stored.  An update keeps the previous
 * version in the history; putting what is already stored changes
 * nothing.  A deleted a is a delete.
 */
int		 store_put(struct store *s, struct anno *a);
/* What store_merge did, annotation by annotation. */
struct store_merged {
	size_t		 added;		/* new to the store: inserted */
	size_t		 updated;	/* newer than the stored version */
	size_t		 unchanged;	/* the stored version is as new */
};

/*
 * Merge v[0..n), annotations from elsewhere (an import, another
 * store), by id, in one transaction.  One the store does not have is
 * inserted as it is: its author, created and modified times and
 * deleted flag kept (an empty author becomes s's author, a zero time
 * now).  One it has is replaced when v's modified is later than the
 * stored one, the version before kept in the history as an edit (a
 * delete for a tombstone) made by s's author; else it is left alone,
 * so merging the same twice changes nothing.  Each annotation changed
 * takes the next change number, as any change does.  All or nothing:
 * -1 changes nothing (store_error names a bad annotation by its place
 * in v).  *counts says what was done (zeros on error).
 */
int		 store_merge(struct store *s, const struct anno *v, size_t n,
		    struct store_merged *counts);
/*
 * The unsent notes: ones written for a seminar store that could not be
 * reached, kept in this (personal) store until they are sent.
 * store_put_unsent puts a as store_put does and, in the same
 * transaction, marks it unsent to seminar (the seminar's store_where).
 * store_unsent lists the notes marked unsent to seminar (NULL: to any),
 * oldest first, as store_list does; the mark goes with the note when it
 * is deleted (sent: put in the seminar store first, then deleted here,
 * so that a crash between leaves it in both, sent again, never lost).
 * Only a file store keeps them.
 */
int		 store_put_unsent(struct store *s, struct anno *a,
		    const char *seminar);
int		 store_unsent(struct store *s, const char *seminar,
		    struct anno **v, size_t *n);

/* Make the annotation id a tombstone (deleted already: nothing to do). */
int		 store_delete(struct store *s, const char *id);
/*
 * Undo the last change of author (NULL: s's author) that is not undone
 * yet: a create becomes a tombstone, an edit or a delete gives back the
 * version before it.  *what says what was undone (STORE_NONE when there
 * is nothing left) and id which annotation (id may be NULL).  It is
 * refused while a change someone else made to that annotation since
 * stands (they have not undone it).
 */
int		 store_undo(struct store *s, const char *author,
		    enum store_change *what, char id[ANNO_ID_LEN + 1]);

/* The annotation id into *a (anno_clear it); 1 when there is none. */
int		 store_get(struct store *s, const char *id, struct anno *a);

/* Flags of store_list. */
#define STORE_TOMBSTONES 0x01	/* deleted annotations too */

/*
 * Every annotation, oldest first, as an array *v of *n (store_free_annos
 * frees it), and the change counter then in *seq (seq may be NULL).
 */
int		 store_list(struct store *s, int flags, struct anno **v,
		    size_t *n, int64_t *seq);
/* How many annotations store_list has read since the program started. */
size_t		 store_listed(void);
/* A passage shown, as store_places gives it. */
struct store_place {
	size_t		 start, end;	/* code points */
	uint64_t	 hash;		/* of the text they count */
};

/* Where store_places looks: see there. */
struct store_span {
	size_t		 from, to, back;	/* code points */
	size_t		 max;		/* passages at most; 0: all */
};

/*
 * For each span of spans[0..nspans), the passages of the live notes
 * that are not replies on essay doc_id that start in [from - back, to)
 * and end after from, as their TextPositionSelectors and text hashes
 * say, in order of start, at most max of them: read from an index on
 * (essay, start) in one read transaction, without reading the notes.
 * *v of *n (caller frees); 0, or 1 when s has no such index (read the
 * notes instead), or -1.
 */
int		 store_places(struct store *s, const char *doc_id,
		    const struct store_span *spans, size_t nspans,
		    struct store_place **v, size_t *n);
/*
 * The live annotations tagged tag, oldest first, as store_list gives
 * them (store_free_annos frees *v): through an index of tags where the
 * store has one, without reading the others.  0, or -1.
 */
int		 store_tagged(struct store *s, const char *tag,
		    struct anno **v, size_t *n);
/*
 * The annotations changed after change number since, tombstones
 * included, in the order they changed, and in *seq the number to pass
 * next time.  store_changes(s, 0, ...) is everything.
 */
int		 store_changes(struct store *s, int64_t since,
		    struct anno **v, size_t *n, int64_t *seq);
void		 store_free_annos(struct anno *v, size_t n);

/* A version of an annotation that a change replaced. */
struct store_version {
	int64_t			 seq;		/* the change */
	enum store_change	 change;	/* what it did */
	char			*by;		/* who made it */
	int64_t			 at;		/* when (ms UTC) */
	int			 undone;	/* undone since */
	int			 had;		/* 0: none before (a create) */
	struct anno		 before;	/* the version before it */
};

/*
 * The history of the annotation id, newest change first, as *v of *n
 * (store_free_versions frees it); empty for an unknown id.
 */
int		 store_history(struct store *s, const char *id,
		    struct store_version **v, size_t *n);
void		 store_free_versions(struct store_version *v, size_t n);

/*
 * How to notice other people's changes without a keypress: poll *fd
 * (-1 when there is none) and call store_changed and store_moved at
 * least every *interval_ms milliseconds.
 */
void		 store_watch(const struct store *s, int *fd, int *interval_ms);
/*
 * Whether anyone else has changed the annotations (a note put, merged,
 * deleted or undone through another store handle) since the last call
 * or since s was opened: 1 yes, 0 no, -1 error.  Places saved, drafts
 * and s's own changes do not count.  It is cheap: it reads the store
 * only when another connection has committed something.
 */
int		 store_changed(struct store *s);
/*
 * Whether anyone else has saved a place (store_position_put through
 * another store handle) since the last call or since s was opened: 1
 * yes, 0 no, -1 error.  Places s saved itself do not count.  As cheap
 * as store_changed, and independent of it: each reports a change once.
 */
int		 store_moved(struct store *s);

/* Where the author was reading a pair of essays. */
struct store_position {
	size_t		 offset[2];	/* byte offsets into each plain text */
	int		 focus;		/* 0: the left pane, 1: the right */
	int		 sync;		/* the panes' sync lock was on */
	int64_t		 saved;		/* ms UTC (set by put) */
	char		 following[128]; /* whom: an author, "" nobody */
};

/*
 * Keep p as s's author's position in the pair (left, right) of doc ids,
 * in one short transaction; p->saved becomes now.  Refused (-1) when
 * p->focus is not 0 or 1, or p->following is not "" or UTF-8 of at
 * most STORE_AUTHOR_MAX bytes.
 */
int		 store_position_put(struct store *s, const char *left,
		    const char *right, struct store_position *p);
/*
 * That position into *p; 1 when none was kept.  One kept for the same
 * essays the other way round (right, left) is turned to this pair's
 * order.  A store older than following reads following as "".
 */
int		 store_position_get(struct store *s, const char *left,
		    const char *right, struct store_position *p);

/* Someone reading a pair of essays in the store. */
struct store_reader {
	char			 author[128];
	struct store_position	 pos;
};

/*
 * Everyone whose place in the pair (left, right) was saved at or after
 * since (ms UTC), s's author included, most recent first, as *v of *n
 * (free(*v)).  A place kept for (right, left) counts, turned to this
 * pair's order; an author with both is listed once, by the later one.
 * Ties in time are in author order.  None (0, *n = 0) for ids that are
 * not a pair or in a store older than positions.
 */
int		 store_readers(struct store *s, const char *left,
		    const char *right, int64_t since, struct store_reader **v,
		    size_t *n);

/* A mark: a letter, and the place it was set at. */
struct store_mark {
	char			 name;		/* 'a' to 'z' */
	struct store_position	 pos;		/* following unused */
};

/*
 * Keep mark m of s's author in the pair (left, right), replacing the
 * one of that name (m->pos.saved becomes now).  Refused (-1) for a name
 * not 'a' to 'z'.  Marks are kept by a file store only.
 */
int		 store_mark_put(struct store *s, const char *left,
		    const char *right, struct store_mark *m);
/*
 * The marks of s's author in the pair, by name, as *v of *n
 * (free(*v)); those set the other way round (right, left) turned to
 * this order.  None in a store that keeps no marks.
 */
int		 store_marks(struct store *s, const char *left,
		    const char *right, struct store_mark **v, size_t *n);

/*
 * What the author typed at a prompt, to be recalled (Up): kind is
 * "search" or "filter".  store_recall_add keeps text as the newest of
 * its kind (once: typed again, it moves up), and only the newest
 * STORE_RECALL_MAX of a kind.  store_recall gives them oldest first as
 * *v of *n (free each, and *v).  A store that keeps none gives none.
 */
#define STORE_RECALL_MAX	100
int		 store_recall_add(struct store *s, const char *kind,
		    const char *text);
int		 store_recall(struct store *s, const char *kind, char ***v,
		    size_t *n);

/*
 * The note s's author is writing and has not saved: its id, note,
 * targets and reply_to are kept (one draft per author; saving replaces
 * it).  It outlives the program and the connection.
 */
int		 store_draft_save(struct store *s, const struct anno *draft);
/* The draft into *draft (anno_clear it); 1 when there is none. */
int		 store_draft_get(struct store *s, struct anno *draft);
/* Forget the draft (none: nothing to do). */
int		 store_draft_clear(struct store *s);

#endif
