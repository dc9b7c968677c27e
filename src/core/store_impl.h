/*
 * store_impl.h: what a store backend provides, and the part of a store
 * that every backend shares (private to src/core/store*.c and tests).
 *
 * A backend is a table of functions, one per operation of store.h, as
 * tmux's window modes or mandoc's output devices are.  Its store embeds
 * struct store as its first member.  store.c checks the arguments, the
 * annotation's fields and whether the store is writable before it calls
 * a backend, so a backend sees only well-formed requests; it reports
 * failures with store_seterr and returns -1.  What does not depend on
 * the database is store.c's too, declared at the end: how a write
 * decides what to store, the news (store_changed and store_moved share
 * the backend's look), who is reading.
 */
#ifndef DIPTYCH_STORE_IMPL_H
#define DIPTYCH_STORE_IMPL_H

#include "diptych/store.h"

struct store_ops {
	const char	*name;
	/* Open where; *sp, or -1 with *err (caller frees). */
	int	(*open)(struct store **sp, const char *where,
		    const char *author, int flags, char **err);
	void	(*close)(struct store *s);
	int	(*put)(struct store *s, struct anno *a);
	/* v[0..n) checked; *counts zeroed. */
	int	(*merge)(struct store *s, const struct anno *v, size_t n,
		    struct store_merged *counts);
	int	(*del)(struct store *s, const char *id);
	int	(*undo)(struct store *s, const char *author,
		    enum store_change *what, char id[ANNO_ID_LEN + 1]);
	int	(*get)(struct store *s, const char *id, struct anno *a);
	/* since < 0: every annotation (flags); else the changes since. */
	int	(*list)(struct store *s, int64_t since, int flags,
		    struct anno **v, size_t *n, int64_t *seq);
	int	(*history)(struct store *s, const char *id,
		    struct store_version **v, size_t *n);
	void	(*watch)(const struct store *s, int *fd, int *interval_ms);
	/* Others' news into changed and moved (what: for a message). */
	int	(*look)(struct store *s, const char *what);
	int	(*position_put)(struct store *s, const char *left,
		    const char *right, struct store_position *p);
	int	(*position_get)(struct store *s, const char *left,
		    const char *right, struct store_position *p);
	/* *v NULL and *n 0 on entry. */
	int	(*readers)(struct store *s, const char *left,
		    const char *right, int64_t since, struct store_reader **v,
		    size_t *n);
	int	(*draft_save)(struct store *s, const struct anno *draft);
	int	(*draft_get)(struct store *s, struct anno *draft);
	int	(*draft_clear)(struct store *s);
	/* NULL: always connected, nothing to reconnect. */
	int	(*connected)(const struct store *s);
	int	(*reconnect)(struct store *s);
	/* NULL: the backend keeps no unsent notes. */
	int	(*put_unsent)(struct store *s, struct anno *a,
		    const char *seminar);
	int	(*unsent)(struct store *s, const char *seminar,
		    struct anno **v, size_t *n);
	/* NULL: the backend keeps no marks and nothing typed. */
	int	(*mark_put)(struct store *s, const char *left,
		    const char *right, struct store_mark *m);
	int	(*marks)(struct store *s, const char *left,
		    const char *right, struct store_mark **v, size_t *n);
	int	(*recall_add)(struct store *s, const char *kind,
		    const char *text);
	int	(*recall)(struct store *s, const char *kind, char ***v,
		    size_t *n);
	/* NULL: nothing to check later, no index of places. */
	int	(*check)(struct store *s);
	int	(*places)(struct store *s, const char *doc_id,
		    const struct store_span *spans, size_t nspans,
		    struct store_place **v, size_t *n);
	/* NULL: store_list, then only those with the tag. */
	int	(*tagged)(struct store *s, const char *tag, struct anno **v,
		    size_t *n);
};

struct store {
	const struct store_ops	*ops;
	char			*where;		/* as opened */
	char			*author;
	char			*error;		/* the last message */
	char			*readonly;	/* why writes fail, or NULL */
	/* News: the counters last seen, and whether others changed
	   notes or saved places since, not yet said (store_changed and
	   store_moved say it). */
	int64_t			 seq;		/* changes */
	int64_t			 moves;		/* places saved */
	int			 changed;
	int			 moved;
};

extern const struct store_ops store_sqlite_ops;
extern const struct store_ops store_pg_ops;

void	store_init(struct store *s, const struct store_ops *ops,
	    const char *where, const char *author);
/* Free what store_init and store_seterr allocated. */
void	store_fini(struct store *s);
/* Set the error of s; returns -1. */
int	store_seterr(struct store *s, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* A new string, formatted (for *err). */
char	*store_printf(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));

/*
 * Create the missing file path, empty, mode 0600 (an existing one is
 * fine: another process was first), with STORE_MKDIR its missing
 * folders too, mode 0700.  0, or -1 with *err set (caller frees).
 */
int	store_create_file(const char *path, int flags, char **err);

/*
 * What every backend does alike (store.c).
 */
/* The name of kind in a change table ("create"...; "" for STORE_NONE). */
const char	*store_change_name(enum store_change kind);
/* The kind a change table's name stands for; STORE_NONE for no kind. */
enum store_change store_change_of(const char *name);
/* The counters read now against those last seen: what differs is news. */
void	store_saw(struct store *s, int64_t seq, int64_t moves);
/* Give a's missing targets (it cannot have any, but) empty strings. */
void	store_fill_targets(struct anno *a);

/*
 * Append a reader named author to *v (*n of them, room for *cap) unless
 * one of that name is listed already or it is not a name one could
 * follow: the new reader, zeroed but for the name, or NULL.
 */
struct store_reader *store_add_reader(struct store_reader **v, size_t *n,
	    size_t *cap, const char *author);
/* Set p's following to name; nobody for NULL or a name too long. */
void	store_set_following(struct store_position *p, const char *name);

/* How a backend's write of a version treats the note's times. */
enum store_times {
	STORE_TIMES_NOW,	/* a change made now: modified is now */
	STORE_TIMES_KEPT	/* a merge: the note's times are kept, and
				   it is written only when newer than the
				   store's */
};

/* What a backend's write of a version stored. */
struct store_written {
	int64_t			 seq;		/* 0: nothing needed writing */
	enum store_change	 kind;
	int64_t			 created, modified;
};

/*
 * Whether a must be written over old, the stored version of its note
 * (NULL: none), by author at now: kind is STORE_UNDONE for an undo,
 * else STORE_NONE (what the write is follows from old).  1, with *w's
 * kind and times set (its seq 0, for the backend); 0 when old says the
 * same already, or with STORE_TIMES_KEPT is as new, *w having its times.
 */
int	store_plan_version(const struct anno *a, const struct anno *old,
	    const char *author, enum store_change kind,
	    enum store_times times, int64_t now, struct store_written *w);
/* Give a, just put, the author and times it was stored with (w's). */
void	store_set_stored(struct anno *a, const char *author,
	    const struct store_written *w);
/* Count in m what one note's write of a merge, w, did. */
void	store_count_merged(struct store_merged *m,
	    const struct store_written *w);

/* For tests: the SQLite connection of a store of the SQLite backend. */
struct sqlite3;
struct sqlite3	*store_sqlite_db(struct store *s);

#endif
