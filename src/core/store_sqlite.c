/*
 * store_sqlite.c: the store in a SQLite file.
 *
 * The schema (PRAGMA application_id 0x44505459, "DPTY"; PRAGMA
 * user_version is its version, the number of steps[] run on it):
 *
 *   anno (id, author, created, modified, note, reply_to, deleted, seq)
 *	the current version of each annotation; seq is the change that
 *	made it.  Rows are never deleted: a delete is deleted = 1.
 *   target (anno, idx, doc_id, exact, prefix, suffix, pos_start,
 *	pos_end, hash), tag (anno, idx, tag): its targets and tags.
 *   change (seq, anno, kind, who, at, undoes, undone, had, author,
 *	created, modified, note, reply_to, deleted): one row per change,
 *	the history.  seq is the store's change counter: AUTOINCREMENT,
 *	never reused, and increasing in commit order because every writer
 *	takes the write lock before it reads (BEGIN IMMEDIATE).  The other
 *	columns, with change_target and change_tag, are the version the
 *	change replaced (had = 0: none, it was a create).
 *   position (author, left_doc, right_doc, left_offset, right_offset,
 *	focus, sync, saved, following): each author's place in each pair
 *	of essays, one row, replaced as they read (version 2; following,
 *	whom they follow, and the index by pair and time: version 3).
 *   moves (n): one row, the number of places ever saved, so that a
 *	reader notices others moving without reading position (version
 *	3).
 *   draft, draft_target: the note each author is writing (one per
 *	author): version 2.
 *   unsent (id, seminar, since): the notes of a personal store written
 *	for a seminar that could not be reached, to send when it can
 *	(version 4).  A row goes when its note becomes a tombstone.
 *   mark (author, left_doc, right_doc, name, left_offset, right_offset,
 *	focus, sync, saved): each author's marks in each pair of essays;
 *   recall (author, kind, text, at): what they typed at a prompt, the
 *	newest STORE_RECALL_MAX of each kind (version 5).
 *
 * Invariants: anno.seq is the largest change.seq of that annotation,
 * so the changes since N are the rows of anno with seq > N; a change
 * undone has undone set to the undo's seq, and an undo has undoes.
 *
 * Other connections' news: PRAGMA data_version moves when another
 * connection commits.  Only then are the counters read, the highest
 * change.seq (notes) and moves.n (places), and compared with those last
 * seen, so that store_changed and store_moved each report their own kind
 * of news, and places saved twice a second cost the notes nothing.  A
 * write to notes or places reads the counters under its lock before and
 * after, so that its own additions are not news and others' before it
 * still are.
 *
 * Every write is one BEGIN IMMEDIATE transaction, committed before the
 * function returns 0; any failure rolls it back.  The file is WAL,
 * synchronous=FULL: a commit is on disk when it returns.
 *
 * Opening never writes to a file that is not ours: a separate read-only
 * connection first reads application_id, user_version and the tables,
 * and runs quick_check; only then is the file opened for writing, put
 * in WAL mode and migrated (all steps in one transaction).
 */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "diptych/anno.h"
#include "diptych/store.h"
#include "diptych/util.h"
#include "store_impl.h"

#define APP_ID		0x44505459	/* "DPTY" */
#define BUSY_MS		5000		/* wait this long for another writer */
#define WATCH_MS	1000		/* how often a reader checks */
#define ERR_SET		(-1)		/* an error whose message is set */

/*
 * The migrations: steps[i] makes version i + 1 from version i.  A step
 * once released is never changed; a new version is a new step.
 */
static const char *const steps[] = {
	/* 1: annotations, their targets and tags, the history. */
	"CREATE TABLE anno ("
	"  id        TEXT NOT NULL PRIMARY KEY,"
	"  author    TEXT NOT NULL,"
	"  created   INTEGER NOT NULL,"		/* ms since 1970, UTC */
	"  modified  INTEGER NOT NULL,"
	"  note      TEXT NOT NULL,"
	"  reply_to  TEXT,"
	"  deleted   INTEGER NOT NULL DEFAULT 0,"
	"  seq       INTEGER NOT NULL);"
	"CREATE INDEX anno_seq ON anno (seq);"
	"CREATE TABLE target ("
	"  anno      TEXT NOT NULL REFERENCES anno (id) ON DELETE CASCADE,"
	"  idx       INTEGER NOT NULL CHECK (idx IN (0, 1)),"
	"  doc_id    TEXT NOT NULL,"
	"  exact     TEXT NOT NULL,"
	"  prefix    TEXT NOT NULL,"
	"  suffix    TEXT NOT NULL,"
	"  pos_start INTEGER NOT NULL,"
	"  pos_end   INTEGER NOT NULL,"
	"  hash      INTEGER NOT NULL,"
	"  PRIMARY KEY (anno, idx)) WITHOUT ROWID;"
	"CREATE INDEX target_doc ON target (doc_id);"
	"CREATE TABLE tag ("
	"  anno      TEXT NOT NULL REFERENCES anno (id) ON DELETE CASCADE,"
	"  idx       INTEGER NOT NULL,"
	"  tag       TEXT NOT NULL,"
	"  PRIMARY KEY (anno, idx)) WITHOUT ROWID;"
	"CREATE INDEX tag_tag ON tag (tag);"
	"CREATE TABLE change ("
	"  seq       INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  anno      TEXT NOT NULL"
	"            REFERENCES anno (id) DEFERRABLE INITIALLY DEFERRED,"
	"  kind      TEXT NOT NULL"
	"            CHECK (kind IN ('create', 'edit', 'delete', 'undo')),"
	"  who       TEXT NOT NULL,"
	"  at        INTEGER NOT NULL,"
	"  undoes    INTEGER REFERENCES change (seq),"
	"  undone    INTEGER REFERENCES change (seq),"
	"  had       INTEGER NOT NULL DEFAULT 0,"
	"  author    TEXT,"
	"  created   INTEGER,"
	"  modified  INTEGER,"
	"  note      TEXT,"
	"  reply_to  TEXT,"
	"  deleted   INTEGER);"
	"CREATE INDEX change_who ON change (who, seq);"
	"CREATE INDEX change_anno ON change (anno, seq);"
	"CREATE TABLE change_target ("
	"  seq       INTEGER NOT NULL"
	"            REFERENCES change (seq) ON DELETE CASCADE,"
	"  idx       INTEGER NOT NULL CHECK (idx IN (0, 1)),"
	"  doc_id    TEXT NOT NULL,"
	"  exact     TEXT NOT NULL,"
	"  prefix    TEXT NOT NULL,"
	"  suffix    TEXT NOT NULL,"
	"  pos_start INTEGER NOT NULL,"
	"  pos_end   INTEGER NOT NULL,"
	"  hash      INTEGER NOT NULL,"
	"  PRIMARY KEY (seq, idx)) WITHOUT ROWID;"
	"CREATE TABLE change_tag ("
	"  seq       INTEGER NOT NULL"
	"            REFERENCES change (seq) ON DELETE CASCADE,"
	"  idx       INTEGER NOT NULL,"
	"  tag       TEXT NOT NULL,"
	"  PRIMARY KEY (seq, idx)) WITHOUT ROWID;",

	/* 2: reading positions and drafts. */
	"CREATE TABLE position ("
	"  author       TEXT NOT NULL,"
	"  left_doc     TEXT NOT NULL,"
	"  right_doc    TEXT NOT NULL,"
	"  left_offset  INTEGER NOT NULL,"
	"  right_offset INTEGER NOT NULL,"
	"  focus        INTEGER NOT NULL DEFAULT 0,"
	"  sync         INTEGER NOT NULL DEFAULT 1,"
	"  saved        INTEGER NOT NULL,"
	"  PRIMARY KEY (author, left_doc, right_doc)) WITHOUT ROWID;"
	"CREATE TABLE draft ("
	"  author    TEXT NOT NULL PRIMARY KEY,"
	"  id        TEXT NOT NULL,"
	"  note      TEXT NOT NULL,"
	"  reply_to  TEXT,"
	"  saved     INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE draft_target ("
	"  author    TEXT NOT NULL REFERENCES draft (author) ON DELETE CASCADE,"
	"  idx       INTEGER NOT NULL CHECK (idx IN (0, 1)),"
	"  doc_id    TEXT NOT NULL,"
	"  exact     TEXT NOT NULL,"
	"  prefix    TEXT NOT NULL,"
	"  suffix    TEXT NOT NULL,"
	"  pos_start INTEGER NOT NULL,"
	"  pos_end   INTEGER NOT NULL,"
	"  hash      INTEGER NOT NULL,"
	"  PRIMARY KEY (author, idx)) WITHOUT ROWID;",

	/* 3: whom each reader follows; who reads a pair; places saved. */
	"ALTER TABLE position ADD COLUMN following TEXT NOT NULL DEFAULT '';"
	"CREATE INDEX position_pair ON position (left_doc, right_doc, saved);"
	"CREATE TABLE moves ("
	"  id        INTEGER PRIMARY KEY CHECK (id = 1),"
	"  n         INTEGER NOT NULL);"
	"INSERT INTO moves (id, n) VALUES (1, 0);",

	/* 4: notes waiting for a seminar. */
	"CREATE TABLE unsent ("
	"  id        TEXT NOT NULL PRIMARY KEY REFERENCES anno (id),"
	"  seminar   TEXT NOT NULL,"
	"  since     INTEGER NOT NULL) WITHOUT ROWID;",

	/* 5: marks, and what was typed at prompts. */
	"CREATE TABLE mark ("
	"  author       TEXT NOT NULL,"
	"  left_doc     TEXT NOT NULL,"
	"  right_doc    TEXT NOT NULL,"
	"  name         TEXT NOT NULL,"
	"  left_offset  INTEGER NOT NULL,"
	"  right_offset INTEGER NOT NULL,"
	"  focus        INTEGER NOT NULL,"
	"  sync         INTEGER NOT NULL,"
	"  saved        INTEGER NOT NULL,"
	"  PRIMARY KEY (author, left_doc, right_doc, name)) WITHOUT ROWID;"
	"CREATE TABLE recall ("
	"  author    TEXT NOT NULL,"
	"  kind      TEXT NOT NULL,"
	"  text      TEXT NOT NULL,"
	"  at        INTEGER NOT NULL,"
	"  PRIMARY KEY (author, kind, text)) WITHOUT ROWID;"
	"CREATE INDEX recall_at ON recall (author, kind, at);",

	/* 6: the passages shown, found by place without reading notes. */
	"ALTER TABLE target ADD COLUMN shown INTEGER NOT NULL DEFAULT 0;"
	"UPDATE target SET shown = coalesce((SELECT deleted = 0 AND"
	"  reply_to IS NULL FROM anno WHERE anno.id = target.anno), 0);"
	"DROP INDEX target_doc;"
	"CREATE INDEX target_place ON target (doc_id, pos_start, pos_end,"
	"  hash, shown) WHERE shown;",
};
#define SCHEMA_VERSION	((int)(sizeof(steps) / sizeof(steps[0])))

/* The tables each version has: what a store of that version must hold. */
static const struct {
	int		 version;
	const char	*name;
} tables[] = {
	{ 1, "anno" }, { 1, "target" }, { 1, "tag" }, { 1, "change" },
	{ 1, "change_target" }, { 1, "change_tag" },
	{ 2, "position" }, { 2, "draft" }, { 2, "draft_target" },
	{ 3, "moves" }, { 4, "unsent" }, { 5, "mark" }, { 5, "recall" },
};

/* The statements, prepared once each when first used. */
enum q {
	Q_BEGIN,
	Q_BEGIN_WRITE,
	Q_COMMIT,
	Q_ANNO,
	Q_TARGETS,
	Q_TAGS,
	Q_ALL_TARGETS,
	Q_ALL_TAGS,
	Q_LIST,
	Q_SINCE,
	Q_SEQ,
	Q_CHANGE_NEW,
	Q_CHANGE_OLD,
	Q_CHANGE_TARGETS,
	Q_CHANGE_TAGS,
	Q_ANNO_PUT,
	Q_TARGETS_DEL,
	Q_TARGET_ADD,
	Q_TAGS_DEL,
	Q_TAG_ADD,
	Q_LAST_CHANGE,
	Q_CHANGED_BY_OTHERS,
	Q_BEFORE,
	Q_BEFORE_TARGETS,
	Q_BEFORE_TAGS,
	Q_MARK_UNDONE,
	Q_HISTORY,
	Q_DATA_VERSION,
	Q_USER_VERSION,
	Q_MOVES,
	Q_POSITION_PUT,
	Q_POSITION_GET,
	Q_POSITION_GET_V2,
	Q_READERS,
	Q_READERS_V2,
	Q_MOVE,
	Q_DRAFT_PUT,
	Q_DRAFT_GET,
	Q_DRAFT_TARGETS,
	Q_DRAFT_TARGETS_DEL,
	Q_DRAFT_TARGET_ADD,
	Q_DRAFT_DEL,
	Q_UNSENT_PUT,
	Q_UNSENT_DEL,
	Q_UNSENT_LIST,
	Q_MARK_PUT,
	Q_MARKS,
	Q_RECALL_ADD,
	Q_RECALL_TRIM,
	Q_RECALL,
	Q_PLACES,
	Q_TAGGED,
	NQ
};

/* An annotation's columns, in the order read_anno reads them. */
#define ANNO_COLS "id, author, created, modified, note, reply_to, deleted"
#define TARGET_COLS \
	"idx, doc_id, exact, prefix, suffix, pos_start, pos_end, hash"

/*
 * The place of author ?1 in the pair (?2, ?3), else the one kept for
 * the same essays the other way round, turned to this pair's order, as
 * read_position reads it; following is the column, or '' in a store
 * before version 3.
 */
#define POSITION_GET(following) \
	"SELECT left_offset, right_offset, focus, sync, saved, " following \
	", 0 AS swapped FROM position" \
	" WHERE author = ?1 AND left_doc = ?2 AND right_doc = ?3" \
	" UNION ALL SELECT right_offset, left_offset, 1 - focus, sync," \
	" saved, " following ", 1 FROM position" \
	" WHERE author = ?1 AND left_doc = ?3 AND right_doc = ?2" \
	" ORDER BY swapped LIMIT 1"

/*
 * Everyone's place in the pair (?1, ?2) saved at ?3 or later, those
 * kept the other way round turned to this order: author, then as
 * read_position reads it; the latest first, an author's place in this
 * order before the other.  following as in POSITION_GET.
 */
#define READERS(following) \
	"SELECT author, left_offset, right_offset, focus, sync, saved, " \
	following ", 0 AS swapped FROM position" \
	" WHERE left_doc = ?1 AND right_doc = ?2 AND saved >= ?3" \
	" UNION ALL SELECT author, right_offset, left_offset, 1 - focus," \
	" sync, saved, " following ", 1 FROM position" \
	" WHERE left_doc = ?2 AND right_doc = ?1 AND saved >= ?3" \
	" ORDER BY saved DESC, author, swapped"

static const char *const sql[NQ] = {
	[Q_BEGIN] = "BEGIN",
	[Q_BEGIN_WRITE] = "BEGIN IMMEDIATE",
	[Q_COMMIT] = "COMMIT",
	[Q_ANNO] = "SELECT " ANNO_COLS " FROM anno WHERE id = ?1",
	[Q_TARGETS] = "SELECT " TARGET_COLS " FROM target WHERE anno = ?1"
	    " ORDER BY idx",
	[Q_TAGS] = "SELECT tag FROM tag WHERE anno = ?1 ORDER BY idx",
	[Q_ALL_TARGETS] = "SELECT " TARGET_COLS ", anno FROM target"
	    " ORDER BY anno, idx",
	[Q_ALL_TAGS] = "SELECT tag, anno FROM tag ORDER BY anno, idx",
	[Q_LIST] = "SELECT " ANNO_COLS " FROM anno WHERE deleted = 0 OR ?1"
	    " ORDER BY created, id",
	[Q_SINCE] = "SELECT " ANNO_COLS " FROM anno WHERE seq > ?1"
	    " ORDER BY seq",
	[Q_SEQ] = "SELECT coalesce(max(seq), 0) FROM change",
	[Q_CHANGE_NEW] = "INSERT INTO change (anno, kind, who, at, undoes)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)",
	[Q_CHANGE_OLD] = "INSERT INTO change (anno, kind, who, at, undoes,"
	    " had, author, created, modified, note, reply_to, deleted)"
	    " SELECT id, ?2, ?3, ?4, ?5, 1, author, created, modified, note,"
	    " reply_to, deleted FROM anno WHERE id = ?1",
	[Q_CHANGE_TARGETS] = "INSERT INTO change_target (seq, " TARGET_COLS ")"
	    " SELECT ?1, " TARGET_COLS " FROM target WHERE anno = ?2",
	[Q_CHANGE_TAGS] = "INSERT INTO change_tag (seq, idx, tag)"
	    " SELECT ?1, idx, tag FROM tag WHERE anno = ?2",
	[Q_ANNO_PUT] = "INSERT INTO anno (" ANNO_COLS ", seq)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
	    " ON CONFLICT (id) DO UPDATE SET author = excluded.author,"
	    " created = excluded.created, modified = excluded.modified,"
	    " note = excluded.note, reply_to = excluded.reply_to,"
	    " deleted = excluded.deleted, seq = excluded.seq",
	[Q_TARGETS_DEL] = "DELETE FROM target WHERE anno = ?1",
	/* After the note's row: whether it shows as a passage of its own
	   (live, and not a reply) goes with its targets (version 6). */
	[Q_TARGET_ADD] = "INSERT INTO target (anno, " TARGET_COLS ", shown)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, coalesce((SELECT"
	    " deleted = 0 AND reply_to IS NULL FROM anno WHERE id = ?1), 0))",
	[Q_PLACES] = "SELECT DISTINCT pos_start, pos_end, hash FROM target"
	    " WHERE doc_id = ?1 AND shown AND pos_start >= ?2"
	    " AND pos_start < ?3 AND pos_end > ?4 ORDER BY pos_start"
	    " LIMIT ?5",
	[Q_TAGGED] = "SELECT " ANNO_COLS " FROM anno WHERE deleted = 0"
	    " AND id IN (SELECT anno FROM tag WHERE tag = ?1)"
	    " ORDER BY created, id",
	[Q_TAGS_DEL] = "DELETE FROM tag WHERE anno = ?1",
	[Q_TAG_ADD] = "INSERT INTO tag (anno, idx, tag) VALUES (?1, ?2, ?3)",
	[Q_LAST_CHANGE] = "SELECT seq, anno, kind FROM change"
	    " WHERE who = ?1 AND kind <> 'undo' AND undone IS NULL"
	    " ORDER BY seq DESC LIMIT 1",
	/* Someone else's change since, still in effect. */
	[Q_CHANGED_BY_OTHERS] = "SELECT who FROM change"
	    " WHERE anno = ?1 AND seq > ?2 AND who <> ?3"
	    " AND kind <> 'undo' AND undone IS NULL LIMIT 1",
	[Q_BEFORE] = "SELECT anno, author, created, modified, note, reply_to,"
	    " deleted, had FROM change WHERE seq = ?1",
	[Q_BEFORE_TARGETS] = "SELECT " TARGET_COLS " FROM change_target"
	    " WHERE seq = ?1 ORDER BY idx",
	[Q_BEFORE_TAGS] = "SELECT tag FROM change_tag WHERE seq = ?1"
	    " ORDER BY idx",
	[Q_MARK_UNDONE] = "UPDATE change SET undone = ?2 WHERE seq = ?1",
	[Q_HISTORY] = "SELECT anno, author, created, modified, note, reply_to,"
	    " deleted, had, seq, kind, who, at, undone FROM change"
	    " WHERE anno = ?1 ORDER BY seq DESC",
	[Q_DATA_VERSION] = "PRAGMA data_version",
	[Q_USER_VERSION] = "PRAGMA user_version",
	[Q_MOVES] = "SELECT coalesce(max(n), 0) FROM moves",
	[Q_POSITION_PUT] = "INSERT INTO position (author, left_doc, right_doc,"
	    " left_offset, right_offset, focus, sync, saved, following)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
	    " ON CONFLICT (author, left_doc, right_doc) DO UPDATE SET"
	    " left_offset = excluded.left_offset,"
	    " right_offset = excluded.right_offset, focus = excluded.focus,"
	    " sync = excluded.sync, saved = excluded.saved,"
	    " following = excluded.following",
	[Q_POSITION_GET] = POSITION_GET("following"),
	[Q_POSITION_GET_V2] = POSITION_GET("''"),
	[Q_READERS] = READERS("following"),
	[Q_READERS_V2] = READERS("''"),
	/* One more place saved (the row is there since version 3). */
	[Q_MOVE] = "INSERT INTO moves (id, n) VALUES (1, 1)"
	    " ON CONFLICT (id) DO UPDATE SET n = n + 1",
	[Q_DRAFT_PUT] = "INSERT INTO draft (author, id, note, reply_to, saved)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT (author) DO UPDATE SET id = excluded.id,"
	    " note = excluded.note, reply_to = excluded.reply_to,"
	    " saved = excluded.saved",
	[Q_DRAFT_GET] = "SELECT id, note, reply_to, saved FROM draft"
	    " WHERE author = ?1",
	[Q_DRAFT_TARGETS] = "SELECT " TARGET_COLS " FROM draft_target"
	    " WHERE author = ?1 ORDER BY idx",
	[Q_DRAFT_TARGETS_DEL] = "DELETE FROM draft_target WHERE author = ?1",
	[Q_DRAFT_TARGET_ADD] = "INSERT INTO draft_target (author, "
	    TARGET_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[Q_DRAFT_DEL] = "DELETE FROM draft WHERE author = ?1",
	[Q_UNSENT_PUT] = "INSERT INTO unsent (id, seminar, since)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET"
	    " seminar = excluded.seminar",
	[Q_UNSENT_DEL] = "DELETE FROM unsent WHERE id = ?1",
	[Q_UNSENT_LIST] = "SELECT " ANNO_COLS " FROM anno"
	    " WHERE deleted = 0 AND id IN (SELECT id FROM unsent"
	    " WHERE ?1 IS NULL OR seminar = ?1) ORDER BY created, id",
	[Q_MARK_PUT] = "INSERT INTO mark (author, left_doc, right_doc, name,"
	    " left_offset, right_offset, focus, sync, saved)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
	    " ON CONFLICT (author, left_doc, right_doc, name) DO UPDATE SET"
	    " left_offset = excluded.left_offset,"
	    " right_offset = excluded.right_offset, focus = excluded.focus,"
	    " sync = excluded.sync, saved = excluded.saved",
	/* Marks of author ?1 in the pair (?2, ?3), those set the other
	   way round turned; for a name set both ways, the later. */
	[Q_MARKS] = "SELECT name, left_offset, right_offset, focus, sync,"
	    " saved, '' FROM (SELECT name, left_offset, right_offset, focus,"
	    " sync, saved FROM mark"
	    " WHERE author = ?1 AND left_doc = ?2 AND right_doc = ?3"
	    " UNION ALL SELECT name, right_offset, left_offset, 1 - focus,"
	    " sync, saved FROM mark"
	    " WHERE author = ?1 AND left_doc = ?3 AND right_doc = ?2)"
	    " ORDER BY name, saved DESC",
	/* Later than any of its kind, though the clock says otherwise. */
	[Q_RECALL_ADD] = "INSERT INTO recall (author, kind, text, at)"
	    " VALUES (?1, ?2, ?3, max(?4, (SELECT coalesce(max(at), 0) + 1"
	    " FROM recall WHERE author = ?1 AND kind = ?2)))"
	    " ON CONFLICT (author, kind, text) DO UPDATE SET at = excluded.at",
	[Q_RECALL_TRIM] = "DELETE FROM recall WHERE author = ?1 AND kind = ?2"
	    " AND text NOT IN (SELECT text FROM recall WHERE author = ?1"
	    " AND kind = ?2 ORDER BY at DESC LIMIT ?3)",
	[Q_RECALL] = "SELECT text FROM recall WHERE author = ?1 AND kind = ?2"
	    " ORDER BY at, text",
};

/* What a failure means to the person whose note it is. */
static const struct {
	int		 code;
	const char	*text;
} reasons[] = {
	{ SQLITE_FULL, "the disk is full" },
	{ SQLITE_BUSY, "another program kept it busy (locked) too long" },
	{ SQLITE_LOCKED, "another program kept it busy (locked) too long" },
	{ SQLITE_READONLY, "it is read-only" },
	{ SQLITE_PERM, "permission denied" },
	{ SQLITE_CANTOPEN, "it cannot be opened" },
	{ SQLITE_CORRUPT, "the annotation store is damaged" },
	{ SQLITE_NOTADB, "not a diptych annotation store" },
	{ SQLITE_IOERR, "input/output error" },
	{ SQLITE_PROTOCOL, "the file locks do not work here" },
};

struct sq {
	struct store	 base;		/* first: a struct store * is one */
	sqlite3		*db;
	sqlite3_stmt	*st[NQ];
	int		 version;	/* of the schema */
	int64_t		 data_version;	/* at the last look */
	int		 unchecked;	/* quick_check not yet run */
	int		 damaged;	/* it found the file damaged */
};

static int	has_version(struct sq *, int, const char *);
static int	sq_check(struct store *);

static struct sq *
sq_of(struct store *s)
{
	assert(s->ops == &store_sqlite_ops);
	return (struct sq *)s;
}

struct sqlite3 *
store_sqlite_db(struct store *s)
{
	return sq_of(s)->db;
}

/* *st is statement id, prepared; an SQLite result code. */
static int
prep(struct sq *q, enum q id, sqlite3_stmt **st)
{
	int	 rc;

	if (q->st[id] == NULL) {
		rc = sqlite3_prepare_v3(q->db, sql[id], -1,
		    SQLITE_PREPARE_PERSISTENT, &q->st[id], NULL);
		if (rc != SQLITE_OK) {
			*st = NULL;
			return rc;
		}
	}
	*st = q->st[id];
	return SQLITE_OK;
}

/* Done with st: reset, and forget the strings bound to it. */
static void
done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* Bind s (NULL: SQL NULL) unless *rc says an earlier step failed. */
static void
bind_text(sqlite3_stmt *st, int i, const char *s, int *rc)
{
	if (*rc == SQLITE_OK)
		*rc = s != NULL ?
		    sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) :
		    sqlite3_bind_null(st, i);
}

static void
bind_int(sqlite3_stmt *st, int i, int64_t v, int *rc)
{
	if (*rc == SQLITE_OK)
		*rc = sqlite3_bind_int64(st, i, v);
}

/* Step st, bound, to its end; reset it.  An SQLite result code. */
static int
run(sqlite3_stmt *st, int rc)
{
	if (rc == SQLITE_OK) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	done(st);
	return rc;
}

/* Run statement id, which has no parameters. */
static int
run_q(struct sq *q, enum q id)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = prep(q, id, &st)) != SQLITE_OK)
		return rc;
	return run(st, SQLITE_OK);
}

/* The integer statement id (no parameters) gives into *v. */
static int
int_q(struct sq *q, enum q id, int64_t *v)
{
	sqlite3_stmt	*st;
	int		 rc;

	*v = 0;
	if ((rc = prep(q, id, &st)) != SQLITE_OK)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*v = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	done(st);
	return rc;
}

/*
 * The counters, within a transaction: the highest change number (of
 * the notes) and the number of places saved (0 before version 3).
 */
static int
counters(struct sq *q, int64_t *seq, int64_t *moves)
{
	int	 rc;

	*moves = 0;
	if ((rc = int_q(q, Q_SEQ, seq)) == SQLITE_OK && q->version >= 3)
		rc = int_q(q, Q_MOVES, moves);
	return rc;
}

/*
 * Begin a write to notes or places: take the write lock, and note what
 * others committed since the counters were last seen, so that what
 * this write adds to them is not taken for someone else's later.
 */
static int
begin_write(struct sq *q)
{
	int64_t	 seq, moves;
	int	 rc;

	if (q->unchecked && sq_check(&q->base) == -1)
		return ERR_SET;
	if ((rc = run_q(q, Q_BEGIN_WRITE)) != SQLITE_OK ||
	    (rc = counters(q, &seq, &moves)) != SQLITE_OK)
		return rc;
	store_saw(&q->base, seq, moves);
	return SQLITE_OK;
}

/* Commit what begin_write began; the counters it leaves are seen. */
static int
commit_write(struct sq *q)
{
	int64_t	 seq, moves;
	int	 rc;

	if ((rc = counters(q, &seq, &moves)) != SQLITE_OK ||
	    (rc = run_q(q, Q_COMMIT)) != SQLITE_OK)
		return rc;
	q->base.seq = seq;
	q->base.moves = moves;
	return SQLITE_OK;
}

/* Text column i as a new string; NULL for SQL NULL. */
static char *
col_str(sqlite3_stmt *st, int i)
{
	const unsigned char	*t;

	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	t = sqlite3_column_text(st, i);
	return xstrdup(t != NULL ? (const char *)t : "");
}

static char *
col_str0(sqlite3_stmt *st, int i)
{
	char	*s = col_str(st, i);

	return s != NULL ? s : xstrdup("");
}

/* Columns c.. of st, in ANNO_COLS order, into a (zeroed). */
static void
read_anno(sqlite3_stmt *st, int c, struct anno *a)
{
	const unsigned char	*id = sqlite3_column_text(st, c);

	snprintf(a->id, sizeof(a->id), "%s",
	    id != NULL ? (const char *)id : "");
	a->author = col_str0(st, c + 1);
	a->created = sqlite3_column_int64(st, c + 2);
	a->modified = sqlite3_column_int64(st, c + 3);
	a->note = col_str0(st, c + 4);
	a->reply_to = col_str(st, c + 5);
	a->deleted = sqlite3_column_int64(st, c + 6) != 0;
}

/* Bind key as ?1, or the number num when key is NULL. */
static void
bind_key(sqlite3_stmt *st, const char *key, int64_t num, int *rc)
{
	if (key != NULL)
		bind_text(st, 1, key, rc);
	else
		bind_int(st, 1, num, rc);
}

/* A row of TARGET_COLS into a's target of that index, when it has none. */
static void
read_target(sqlite3_stmt *st, struct anno *a)
{
	struct anchor	*t;
	int64_t		 v;
	int		 k = sqlite3_column_int(st, 0);

	if (k < 0 || k > 1 || a->target[k].doc_id != NULL)
		return;
	t = &a->target[k];
	t->doc_id = col_str0(st, 1);
	t->exact = col_str0(st, 2);
	t->prefix = col_str0(st, 3);
	t->suffix = col_str0(st, 4);
	v = sqlite3_column_int64(st, 5);
	t->start = v > 0 ? (size_t)v : 0;
	v = sqlite3_column_int64(st, 6);
	t->end = v > 0 ? (size_t)v : 0;
	t->hash = (uint64_t)sqlite3_column_int64(st, 7);
	if (k + 1 > a->ntargets)
		a->ntargets = k + 1;
}

/*
 * The targets (statement id, TARGET_COLS) and tags (tags, or Q_NONE)
 * kept under key (a text, or the number num when key is NULL) into a.
 */
#define Q_NONE	NQ
static int
read_parts(struct sq *q, enum q targets, enum q tags, const char *key,
    int64_t num, struct anno *a)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	if ((rc = prep(q, targets, &st)) != SQLITE_OK)
		return rc;
	bind_key(st, key, num, &rc);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		read_target(st, a);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	done(st);
	store_fill_targets(a);
	if (rc != SQLITE_OK || tags == Q_NONE)
		return rc;

	if ((rc = prep(q, tags, &st)) != SQLITE_OK)
		return rc;
	bind_key(st, key, num, &rc);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		a->tags = xgrow(a->tags, &cap, a->ntags + 1, sizeof(*a->tags));
		a->tags[a->ntags++] = col_str0(st, 0);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	done(st);
	return rc;
}

/* The current version of id into *a (zeroed first), *found whether any. */
static int
load_current(struct sq *q, const char *id, struct anno *a, int *found)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(a, 0, sizeof(*a));
	*found = 0;
	if ((rc = prep(q, Q_ANNO, &st)) != SQLITE_OK)
		return rc;
	bind_text(st, 1, id, &rc);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_anno(st, 0, a);
		*found = 1;
	}
	done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	if (!*found)
		return SQLITE_OK;
	return read_parts(q, Q_TARGETS, Q_TAGS, id, 0, a);
}

/*
 * A message for a failure of what (a verb phrase) with result code rc:
 * set it, roll back any transaction, return -1.
 */
static int
fail(struct sq *q, int rc, const char *what)
{
	const char	*why = NULL;
	char		 io[256];
	size_t		 i;
	int		 e;

	if (rc != ERR_SET) {
		for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
			if ((rc & 0xff) == reasons[i].code)
				why = reasons[i].text;
		if ((rc & 0xff) == SQLITE_IOERR &&
		    (e = sqlite3_system_errno(q->db)) != 0) {
			snprintf(io, sizeof(io), "input/output error (%s)",
			    strerror(e));
			why = io;
		}
		if (why == NULL)
			why = sqlite3_errmsg(q->db);
		store_seterr(&q->base, "%s: cannot %s: %s", q->base.where,
		    what, why);
	}
	if (!sqlite3_get_autocommit(q->db))
		sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Insert a's targets under key with statement id (TARGET_COLS after ?1). */
static int
write_targets(struct sq *q, enum q id, const char *key, const struct anno *a)
{
	sqlite3_stmt	*st;
	int		 rc, k;

	if ((rc = prep(q, id, &st)) != SQLITE_OK)
		return rc;
	for (k = 0; k < a->ntargets && rc == SQLITE_OK; k++) {
		const struct anchor *t = &a->target[k];

		bind_text(st, 1, key, &rc);
		bind_int(st, 2, k, &rc);
		bind_text(st, 3, t->doc_id, &rc);
		bind_text(st, 4, t->exact, &rc);
		bind_text(st, 5, t->prefix != NULL ? t->prefix : "", &rc);
		bind_text(st, 6, t->suffix != NULL ? t->suffix : "", &rc);
		bind_int(st, 7, (int64_t)t->start, &rc);
		bind_int(st, 8, (int64_t)t->end, &rc);
		bind_int(st, 9, (int64_t)t->hash, &rc);
		rc = run(st, rc);
	}
	return rc;
}

/* Run statement id with the one text parameter key. */
static int
run_key(struct sq *q, enum q id, const char *key)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = prep(q, id, &st)) != SQLITE_OK)
		return rc;
	bind_text(st, 1, key, &rc);
	return run(st, rc);
}

/* Run statement id with the parameters (num, key). */
static int
run_num_key(struct sq *q, enum q id, int64_t num, const char *key)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = prep(q, id, &st)) != SQLITE_OK)
		return rc;
	bind_int(st, 1, num, &rc);
	bind_text(st, 2, key, &rc);
	return run(st, rc);
}

/* The author a note of a is stored under: a's, or the store's if none. */
static const char *
author_of(struct sq *q, const struct anno *a)
{
	return a->author != NULL && a->author[0] != '\0' ? a->author :
	    q->base.author;
}

/*
 * Within a write transaction, make a the current version of its
 * annotation, by who; kind is STORE_UNDONE for an undo of change undoes,
 * else STORE_NONE (what it is follows from the stored version).  The
 * version it replaces goes into the history.  With STORE_TIMES_KEPT, a
 * keeps its times and is written only when the store has no version as
 * new (store_plan_version decides).
 */
static int
write_version(struct sq *q, const struct anno *a, enum store_change kind,
    int64_t undoes, const char *who, enum store_times times,
    struct store_written *w)
{
	struct anno	 old;
	sqlite3_stmt	*st;
	const char	*author;
	int64_t		 now = anno_now();
	size_t		 i;
	int		 rc, found;

	memset(w, 0, sizeof(*w));
	author = author_of(q, a);
	if ((rc = load_current(q, a->id, &old, &found)) != SQLITE_OK)
		goto out;
	if (!store_plan_version(a, found ? &old : NULL, author, kind, times,
	    now, w))
		goto out;

	/* The history: this change, and the version it replaces. */
	if ((rc = prep(q, found ? Q_CHANGE_OLD : Q_CHANGE_NEW, &st)) !=
	    SQLITE_OK)
		goto out;
	bind_text(st, 1, a->id, &rc);
	bind_text(st, 2, store_change_name(w->kind), &rc);
	bind_text(st, 3, who, &rc);
	bind_int(st, 4, now, &rc);
	if (undoes != 0)
		bind_int(st, 5, undoes, &rc);
	else if (rc == SQLITE_OK)
		rc = sqlite3_bind_null(st, 5);
	if ((rc = run(st, rc)) != SQLITE_OK)
		goto out;
	w->seq = sqlite3_last_insert_rowid(q->db);
	if (found &&
	    ((rc = run_num_key(q, Q_CHANGE_TARGETS, w->seq, a->id)) !=
	    SQLITE_OK ||
	    (rc = run_num_key(q, Q_CHANGE_TAGS, w->seq, a->id)) != SQLITE_OK))
		goto out;

	/* The new version. */
	if ((rc = prep(q, Q_ANNO_PUT, &st)) != SQLITE_OK)
		goto out;
	bind_text(st, 1, a->id, &rc);
	bind_text(st, 2, author, &rc);
	bind_int(st, 3, w->created, &rc);
	bind_int(st, 4, w->modified, &rc);
	bind_text(st, 5, a->note != NULL ? a->note : "", &rc);
	bind_text(st, 6, a->reply_to, &rc);
	bind_int(st, 7, a->deleted != 0, &rc);
	bind_int(st, 8, w->seq, &rc);
	if ((rc = run(st, rc)) != SQLITE_OK ||
	    (a->deleted && q->version >= 4 &&
	    (rc = run_key(q, Q_UNSENT_DEL, a->id)) != SQLITE_OK) ||
	    (rc = run_key(q, Q_TARGETS_DEL, a->id)) != SQLITE_OK ||
	    (rc = write_targets(q, Q_TARGET_ADD, a->id, a)) != SQLITE_OK ||
	    (rc = run_key(q, Q_TAGS_DEL, a->id)) != SQLITE_OK ||
	    (rc = prep(q, Q_TAG_ADD, &st)) != SQLITE_OK)
		goto out;
	for (i = 0; i < a->ntags && rc == SQLITE_OK; i++) {
		bind_text(st, 1, a->id, &rc);
		bind_int(st, 2, (int64_t)i, &rc);
		bind_text(st, 3, a->tags[i], &rc);
		rc = run(st, rc);
	}
out:
	anno_clear(&old);
	return rc;
}

static int
sq_put(struct store *s, struct anno *a)
{
	struct sq		*q = sq_of(s);
	struct store_written	 w;
	int			 rc;

	if ((rc = begin_write(q)) != SQLITE_OK ||
	    (rc = write_version(q, a, STORE_NONE, 0, s->author,
	    STORE_TIMES_NOW, &w)) != SQLITE_OK ||
	    (rc = commit_write(q)) != SQLITE_OK)
		return fail(q, rc, "save the note");
	store_set_stored(a, author_of(q, a), &w);
	return 0;
}

/* As sq_put, and a marked unsent to seminar, in the same transaction. */
static int
sq_put_unsent(struct store *s, struct anno *a, const char *seminar)
{
	struct sq		*q = sq_of(s);
	sqlite3_stmt		*st;
	struct store_written	 w;
	int			 rc;

	if (!has_version(q, 4, "keep the unsent note"))
		return -1;
	if ((rc = begin_write(q)) != SQLITE_OK ||
	    (rc = write_version(q, a, STORE_NONE, 0, s->author,
	    STORE_TIMES_NOW, &w)) != SQLITE_OK ||
	    (rc = prep(q, Q_UNSENT_PUT, &st)) != SQLITE_OK)
		return fail(q, rc, "keep the unsent note");
	bind_text(st, 1, a->id, &rc);
	bind_text(st, 2, seminar, &rc);
	bind_int(st, 3, anno_now(), &rc);
	if ((rc = run(st, rc)) != SQLITE_OK ||
	    (rc = commit_write(q)) != SQLITE_OK)
		return fail(q, rc, "keep the unsent note");
	store_set_stored(a, author_of(q, a), &w);
	return 0;
}

/*
 * Every annotation of v in one transaction, each written only when it
 * is newer than the store's (STORE_TIMES_KEPT); any failure undoes them
 * all.
 */
static int
sq_merge(struct store *s, const struct anno *v, size_t n,
    struct store_merged *m)
{
	struct sq		*q = sq_of(s);
	struct store_written	 w;
	size_t			 i;
	int			 rc;

	if ((rc = begin_write(q)) != SQLITE_OK)
		return fail(q, rc, "merge the notes");
	for (i = 0; i < n; i++) {
		if ((rc = write_version(q, &v[i], STORE_NONE, 0, s->author,
		    STORE_TIMES_KEPT, &w)) != SQLITE_OK) {
			memset(m, 0, sizeof(*m));
			return fail(q, rc, "merge the notes");
		}
		store_count_merged(m, &w);
	}
	if ((rc = commit_write(q)) != SQLITE_OK) {
		memset(m, 0, sizeof(*m));
		return fail(q, rc, "merge the notes");
	}
	return 0;
}

static int
sq_del(struct store *s, const char *id)
{
	struct sq		*q = sq_of(s);
	struct anno		 cur;
	struct store_written	 w;
	int			 rc, found = 0;

	memset(&cur, 0, sizeof(cur));
	if ((rc = begin_write(q)) == SQLITE_OK &&
	    (rc = load_current(q, id, &cur, &found)) == SQLITE_OK) {
		if (!found) {
			store_seterr(s, "%s: cannot delete the note: there is "
			    "no note %s", s->where, id);
			rc = ERR_SET;
		} else if (!cur.deleted) {
			cur.deleted = 1;
			rc = write_version(q, &cur, STORE_NONE, 0, s->author,
			    STORE_TIMES_NOW, &w);
		}
	}
	anno_clear(&cur);
	if (rc != SQLITE_OK || (rc = commit_write(q)) != SQLITE_OK)
		return fail(q, rc, "delete the note");
	return 0;
}

/* The version change seq replaced into *b; *had 0 when it was a create. */
static int
load_before(struct sq *q, int64_t seq, struct anno *b, int *had)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(b, 0, sizeof(*b));
	*had = 0;
	if ((rc = prep(q, Q_BEFORE, &st)) != SQLITE_OK)
		return rc;
	bind_int(st, 1, seq, &rc);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*had = sqlite3_column_int(st, 7) != 0;
		if (*had)
			read_anno(st, 0, b);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE)
		rc = SQLITE_CORRUPT;	/* the change was just there */
	done(st);
	if (rc != SQLITE_OK || !*had)
		return rc;
	return read_parts(q, Q_BEFORE_TARGETS, Q_BEFORE_TAGS, NULL, seq, b);
}

static int
sq_undo(struct store *s, const char *author, enum store_change *what,
    char id[ANNO_ID_LEN + 1])
{
	struct sq		*q = sq_of(s);
	struct anno		 b;
	struct store_written	 w;
	sqlite3_stmt		*st;
	enum store_change	 kind = STORE_NONE;
	int64_t			 seq = 0;
	char			 aid[ANNO_ID_LEN + 1] = "";
	char			*other = NULL;
	int			 rc, had, found;

	memset(&b, 0, sizeof(b));
	if ((rc = begin_write(q)) != SQLITE_OK ||
	    (rc = prep(q, Q_LAST_CHANGE, &st)) != SQLITE_OK)
		goto out;
	bind_text(st, 1, author, &rc);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *t;

		seq = sqlite3_column_int64(st, 0);
		t = sqlite3_column_text(st, 1);
		snprintf(aid, sizeof(aid), "%s", t != NULL ? (const char *)t :
		    "");
		t = sqlite3_column_text(st, 2);
		kind = store_change_of((const char *)t);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	done(st);
	if (rc != SQLITE_OK || seq == 0)
		goto out;		/* nothing to undo: commit nothing */
	/* (LAST_CHANGE passes undos over: one would be damage too.) */
	if (kind == STORE_NONE || kind == STORE_UNDONE) {
		rc = SQLITE_CORRUPT;
		goto out;
	}

	/* Someone else's change on top would be lost: refuse. */
	if ((rc = prep(q, Q_CHANGED_BY_OTHERS, &st)) != SQLITE_OK)
		goto out;
	bind_text(st, 1, aid, &rc);
	bind_int(st, 2, seq, &rc);
	bind_text(st, 3, author, &rc);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		other = col_str0(st, 0);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	done(st);
	if (other != NULL) {
		store_seterr(s, "%s: cannot undo: %s has changed that note "
		    "since", s->where, other);
		rc = ERR_SET;
		goto out;
	}
	if (rc != SQLITE_OK)
		goto out;

	/* The version before it; before a create, a tombstone. */
	if ((rc = load_before(q, seq, &b, &had)) != SQLITE_OK)
		goto out;
	if (!had) {
		if ((rc = load_current(q, aid, &b, &found)) != SQLITE_OK)
			goto out;
		if (!found) {
			rc = SQLITE_CORRUPT;
			goto out;
		}
		b.deleted = 1;
	}
	if ((rc = write_version(q, &b, STORE_UNDONE, seq, author,
	    STORE_TIMES_NOW, &w)) != SQLITE_OK ||
	    (rc = prep(q, Q_MARK_UNDONE, &st)) != SQLITE_OK)
		goto out;
	bind_int(st, 1, seq, &rc);
	bind_int(st, 2, w.seq, &rc);
	rc = run(st, rc);
out:
	free(other);
	anno_clear(&b);
	if (rc != SQLITE_OK || (rc = commit_write(q)) != SQLITE_OK)
		return fail(q, rc, "undo");
	if (seq != 0) {
		*what = kind;
		memcpy(id, aid, sizeof(aid));
	}
	return 0;
}

/* Begin a read: what follows sees one state of the store. */
static int
begin_read(struct sq *q)
{
	return run_q(q, Q_BEGIN);
}

static int
sq_get(struct store *s, const char *id, struct anno *a)
{
	struct sq	*q = sq_of(s);
	int		 rc, found = 0;

	if ((rc = begin_read(q)) != SQLITE_OK ||
	    (rc = load_current(q, id, a, &found)) != SQLITE_OK ||
	    (rc = run_q(q, Q_COMMIT)) != SQLITE_OK) {
		anno_clear(a);
		return fail(q, rc, "read the note");
	}
	return found ? 0 : 1;
}

/*
 * Within a read transaction, the annotations statement st selects
 * (ANNO_COLS), with their targets and tags, appended to *v of *n.
 */
static int
by_id(const void *x, const void *y)
{
	const struct anno *const *a = x, *const *b = y;

	return strcmp((*a)->id, (*b)->id);
}

/* The annotation of id among the n of byid (sorted by id), or NULL. */
static struct anno *
find_id(struct anno **byid, size_t n, const char *id)
{
	size_t	 lo = 0, hi = n, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(byid[mid]->id, id)) == 0)
			return byid[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * The annotation of the id in column col of st's row among the n of byid:
 * a again when it is a's, as the rows come in order of id.
 */
static struct anno *
row_anno(sqlite3_stmt *st, int col, struct anno **byid, size_t n,
    struct anno *a)
{
	const char *id = (const char *)sqlite3_column_text(st, col);

	if (id == NULL)
		return NULL;
	if (a != NULL && strcmp(a->id, id) == 0)
		return a;
	return find_id(byid, n, id);
}

/*
 * The targets and tags of the n annotations of v, with one pass over
 * each table (ORDER BY anno): two queries, not two per annotation.
 */
static int
read_all_parts(struct sq *q, struct anno *v, size_t n)
{
	struct anno	**byid, *a = NULL;
	sqlite3_stmt	*st;
	size_t		 i, *caps;
	int		 rc;

	byid = xcalloc(n + 1, sizeof(*byid));
	caps = xcalloc(n + 1, sizeof(*caps));
	for (i = 0; i < n; i++)
		byid[i] = &v[i];
	qsort(byid, n, sizeof(*byid), by_id);
	if ((rc = prep(q, Q_ALL_TARGETS, &st)) != SQLITE_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((a = row_anno(st, 8, byid, n, a)) != NULL)
			read_target(st, a);
	done(st);
	if (rc != SQLITE_DONE)
		goto out;
	for (i = 0; i < n; i++)
		store_fill_targets(&v[i]);
	a = NULL;
	if ((rc = prep(q, Q_ALL_TAGS, &st)) != SQLITE_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((a = row_anno(st, 1, byid, n, a)) == NULL)
			continue;
		a->tags = xgrow(a->tags, &caps[a - v], a->ntags + 1,
		    sizeof(*a->tags));
		a->tags[a->ntags++] = col_str0(st, 0);
	}
	done(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
out:
	free(byid);
	free(caps);
	return rc;
}

/*
 * The annotations st yields, with their targets and tags: read at once
 * for a whole list (all), else one by one.
 */
static int
read_annos(struct sq *q, sqlite3_stmt *st, int rc, int all, struct anno **v,
    size_t *n, size_t *cap)
{
	struct anno	*a;

	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*v = xgrow(*v, cap, *n + 1, sizeof(**v));
		a = &(*v)[(*n)++];
		memset(a, 0, sizeof(*a));
		read_anno(st, 0, a);
		rc = all ? SQLITE_OK :
		    read_parts(q, Q_TARGETS, Q_TAGS, a->id, 0, a);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	done(st);
	if (rc == SQLITE_OK && all)
		rc = read_all_parts(q, *v, *n);
	return rc;
}

static int
sq_list(struct store *s, int64_t since, int flags, struct anno **v,
    size_t *n, int64_t *seq)
{
	struct sq	*q = sq_of(s);
	sqlite3_stmt	*st = NULL;
	struct anno	*a = NULL;
	size_t		 na = 0, cap = 0;
	int		 rc;

	if ((rc = begin_read(q)) != SQLITE_OK ||
	    (rc = prep(q, since < 0 ? Q_LIST : Q_SINCE, &st)) != SQLITE_OK)
		goto out;
	if (since < 0)
		bind_int(st, 1, (flags & STORE_TOMBSTONES) != 0, &rc);
	else
		bind_int(st, 1, since, &rc);
	if ((rc = read_annos(q, st, rc, since < 0, &a, &na, &cap)) !=
	    SQLITE_OK ||
	    (rc = prep(q, Q_SEQ, &st)) != SQLITE_OK)
		goto out;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	done(st);
	if (rc == SQLITE_OK)
		rc = run_q(q, Q_COMMIT);
out:
	if (rc != SQLITE_OK) {
		store_free_annos(a, na);
		return fail(q, rc, "read the notes");
	}
	*v = a;
	*n = na;
	return 0;
}

static int
sq_unsent(struct store *s, const char *seminar, struct anno **v,
    size_t *n)
{
	struct sq	*q = sq_of(s);
	sqlite3_stmt	*st = NULL;
	struct anno	*a = NULL;
	size_t		 na = 0, cap = 0;
	int		 rc;

	if (q->version < 4)
		return 0;	/* an old store, read-only: none kept */
	if ((rc = begin_read(q)) != SQLITE_OK ||
	    (rc = prep(q, Q_UNSENT_LIST, &st)) != SQLITE_OK)
		goto out;
	bind_text(st, 1, seminar, &rc);
	if ((rc = read_annos(q, st, rc, 0, &a, &na, &cap)) == SQLITE_OK)
		rc = run_q(q, Q_COMMIT);
out:
	if (rc != SQLITE_OK) {
		store_free_annos(a, na);
		return fail(q, rc, "read the unsent notes");
	}
	*v = a;
	*n = na;
	return 0;
}

static int
sq_history(struct store *s, const char *id, struct store_version **vp,
    size_t *np)
{
	struct sq		*q = sq_of(s);
	struct store_version	*v = NULL, *x;
	sqlite3_stmt		*st = NULL;
	const unsigned char	*t;
	size_t			 n = 0, cap = 0;
	int			 rc;

	if ((rc = begin_read(q)) != SQLITE_OK ||
	    (rc = prep(q, Q_HISTORY, &st)) != SQLITE_OK)
		goto out;
	bind_text(st, 1, id, &rc);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		v = xgrow(v, &cap, n + 1, sizeof(*v));
		x = &v[n++];
		memset(x, 0, sizeof(*x));
		x->had = sqlite3_column_int(st, 7) != 0;
		if (x->had)
			read_anno(st, 0, &x->before);
		x->seq = sqlite3_column_int64(st, 8);
		t = sqlite3_column_text(st, 9);
		x->change = store_change_of((const char *)t);
		x->by = col_str0(st, 10);
		x->at = sqlite3_column_int64(st, 11);
		x->undone = sqlite3_column_type(st, 12) != SQLITE_NULL;
		if (x->had)
			rc = read_parts(q, Q_BEFORE_TARGETS, Q_BEFORE_TAGS,
			    NULL, x->seq, &x->before);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	done(st);
	if (rc == SQLITE_OK)
		rc = run_q(q, Q_COMMIT);
out:
	if (rc != SQLITE_OK) {
		store_free_versions(v, n);
		return fail(q, rc, "read the note's history");
	}
	*vp = v;
	*np = n;
	return 0;
}

static void
sq_watch(const struct store *s, int *fd, int *interval_ms)
{
	(void)s;
	*fd = -1;
	*interval_ms = WATCH_MS;
}

/*
 * Whether others committed since the last look: PRAGMA data_version
 * moves when another connection commits, never for this one's own
 * commits.  Only then are the counters read (in one read transaction),
 * and what moved is noted for store_changed and store_moved.  A store open
 * read-only may have been upgraded by another process meanwhile: its
 * version is read again, so that it sees the new columns.
 */
static int
look(struct sq *q)
{
	int64_t		 v = 0, ver = 0, seq, moves;
	int		 rc;

	if ((rc = int_q(q, Q_DATA_VERSION, &v)) != SQLITE_OK)
		return rc;
	if (v == q->data_version)
		return SQLITE_OK;
	if ((rc = begin_read(q)) != SQLITE_OK)
		return rc;
	if (q->base.readonly != NULL &&
	    (rc = int_q(q, Q_USER_VERSION, &ver)) == SQLITE_OK &&
	    ver > q->version)
		q->version = ver > 1000000 ? 1000000 : (int)ver;
	if (rc == SQLITE_OK)
		rc = counters(q, &seq, &moves);
	if (rc == SQLITE_OK)
		rc = run_q(q, Q_COMMIT);
	if (rc != SQLITE_OK)
		return rc;
	q->data_version = v;
	store_saw(&q->base, seq, moves);
	return SQLITE_OK;
}

static int
sq_look(struct store *s, const char *what)
{
	struct sq	*q = sq_of(s);
	int		 rc;

	if ((rc = look(q)) != SQLITE_OK)
		return fail(q, rc, what);
	return 0;
}

/* Whether s has version v's tables; else an error saying what for. */
static int
has_version(struct sq *q, int v, const char *what)
{
	if (q->version >= v)
		return 1;
	store_seterr(&q->base, "%s: cannot %s: the store is of version %d; "
	    "open it for writing once to upgrade it", q->base.where, what,
	    q->version);
	return 0;
}

/*
 * Columns c.. of st, left_offset, right_offset, focus, sync, saved,
 * following (as POSITION_GET turns them), into p.
 */
static void
read_position(sqlite3_stmt *st, int c, struct store_position *p)
{
	int64_t	 v;

	v = sqlite3_column_int64(st, c);
	p->offset[0] = v > 0 ? (size_t)v : 0;
	v = sqlite3_column_int64(st, c + 1);
	p->offset[1] = v > 0 ? (size_t)v : 0;
	p->focus = sqlite3_column_int(st, c + 2) == 1;
	p->sync = sqlite3_column_int(st, c + 3) != 0;
	p->saved = sqlite3_column_int64(st, c + 4);
	store_set_following(p, (const char *)sqlite3_column_text(st, c + 5));
}

static int
sq_position_put(struct store *s, const char *left, const char *right,
    struct store_position *p)
{
	struct sq	*q = sq_of(s);
	sqlite3_stmt	*st;
	int64_t		 now = anno_now();
	int		 rc;

	if (!has_version(q, 3, "keep the reading position"))
		return -1;
	if ((rc = begin_write(q)) != SQLITE_OK ||
	    (rc = prep(q, Q_POSITION_PUT, &st)) != SQLITE_OK)
		return fail(q, rc, "keep the reading position");
	bind_text(st, 1, s->author, &rc);
	bind_text(st, 2, left, &rc);
	bind_text(st, 3, right, &rc);
	bind_int(st, 4, (int64_t)p->offset[0], &rc);
	bind_int(st, 5, (int64_t)p->offset[1], &rc);
	bind_int(st, 6, p->focus, &rc);
	bind_int(st, 7, p->sync != 0, &rc);
	bind_int(st, 8, now, &rc);
	bind_text(st, 9, p->following, &rc);
	if ((rc = run(st, rc)) != SQLITE_OK ||
	    (rc = run_q(q, Q_MOVE)) != SQLITE_OK ||
	    (rc = commit_write(q)) != SQLITE_OK)
		return fail(q, rc, "keep the reading position");
	p->saved = now;
	return 0;
}

static int
sq_position_get(struct store *s, const char *left, const char *right,
    struct store_position *p)
{
	struct sq	*q = sq_of(s);
	sqlite3_stmt	*st;
	int		 rc, found = 0;

	if (q->version < 2)
		return 1;	/* an old store, read-only: none kept */
	if ((rc = prep(q, q->version < 3 ? Q_POSITION_GET_V2 : Q_POSITION_GET,
	    &st)) != SQLITE_OK)
		return fail(q, rc, "read the reading position");
	bind_text(st, 1, s->author, &rc);
	bind_text(st, 2, left, &rc);
	bind_text(st, 3, right, &rc);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_position(st, 0, p);
		found = 1;
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	done(st);
	if (rc != SQLITE_OK)
		return fail(q, rc, "read the reading position");
	return found ? 0 : 1;
}

/*
 * The rows of READERS come latest first, so an author's first row is
 * their place; a later row of theirs (the same essays kept the other
 * way round, older) is passed over (store_add_reader).
 */
static int
sq_readers(struct store *s, const char *left, const char *right,
    int64_t since, struct store_reader **vp, size_t *np)
{
	struct sq		*q = sq_of(s);
	struct store_reader	*v = NULL, *x;
	sqlite3_stmt		*st;
	size_t			 n = 0, cap = 0;
	int			 rc;

	if (q->version < 2)
		return 0;	/* an old store, read-only: no places */
	if ((rc = prep(q, q->version < 3 ? Q_READERS_V2 : Q_READERS, &st)) !=
	    SQLITE_OK)
		return fail(q, rc, "list who is reading");
	bind_text(st, 1, left, &rc);
	bind_text(st, 2, right, &rc);
	bind_int(st, 3, since, &rc);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		if ((x = store_add_reader(&v, &n, &cap,
		    (const char *)sqlite3_column_text(st, 0))) != NULL)
			read_position(st, 1, &x->pos);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	done(st);
	if (rc != SQLITE_OK) {
		free(v);
		return fail(q, rc, "list who is reading");
	}
	*vp = v;
	*np = n;
	return 0;
}

static int
sq_mark_put(struct store *s, const char *left, const char *right,
    struct store_mark *m)
{
	struct sq	*q = sq_of(s);
	sqlite3_stmt	*st;
	char		 name[2] = { m->name, '\0' };
	int64_t		 now = anno_now();
	int		 rc;

	if (!has_version(q, 5, "keep the mark"))
		return -1;
	if ((rc = begin_write(q)) != SQLITE_OK ||
	    (rc = prep(q, Q_MARK_PUT, &st)) != SQLITE_OK)
		return fail(q, rc, "keep the mark");
	bind_text(st, 1, s->author, &rc);
	bind_text(st, 2, left, &rc);
	bind_text(st, 3, right, &rc);
	bind_text(st, 4, name, &rc);
	bind_int(st, 5, (int64_t)m->pos.offset[0], &rc);
	bind_int(st, 6, (int64_t)m->pos.offset[1], &rc);
	bind_int(st, 7, m->pos.focus, &rc);
	bind_int(st, 8, m->pos.sync != 0, &rc);
	bind_int(st, 9, now, &rc);
	if ((rc = run(st, rc)) != SQLITE_OK ||
	    (rc = commit_write(q)) != SQLITE_OK)
		return fail(q, rc, "keep the mark");
	m->pos.saved = now;
	return 0;
}

static int
sq_marks(struct store *s, const char *left, const char *right,
    struct store_mark **vp, size_t *np)
{
	struct sq		*q = sq_of(s);
	struct store_mark	*v = NULL;
	sqlite3_stmt		*st;
	const char		*t;
	size_t			 n = 0, cap = 0;
	int			 rc;

	if (q->version < 5)
		return 0;	/* an old store, read-only: none kept */
	if ((rc = prep(q, Q_MARKS, &st)) != SQLITE_OK)
		return fail(q, rc, "read the marks");
	bind_text(st, 1, s->author, &rc);
	bind_text(st, 2, left, &rc);
	bind_text(st, 3, right, &rc);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		t = (const char *)sqlite3_column_text(st, 0);
		/* One per name: the later of the two orders. */
		if (t == NULL || t[0] < 'a' || t[0] > 'z' || t[1] != '\0' ||
		    (n > 0 && v[n - 1].name == t[0]))
			continue;
		v = xgrow(v, &cap, n + 1, sizeof(*v));
		memset(&v[n], 0, sizeof(*v));
		v[n].name = t[0];
		read_position(st, 1, &v[n].pos);
		n++;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	done(st);
	if (rc != SQLITE_OK) {
		free(v);
		return fail(q, rc, "read the marks");
	}
	*vp = v;
	*np = n;
	return 0;
}

static int
sq_recall_add(struct store *s, const char *kind, const char *text)
{
	struct sq	*q = sq_of(s);
	sqlite3_stmt	*st;
	int		 rc;

	if (!has_version(q, 5, "keep what was typed"))
		return -1;
	if ((rc = begin_write(q)) != SQLITE_OK ||
	    (rc = prep(q, Q_RECALL_ADD, &st)) != SQLITE_OK)
		return fail(q, rc, "keep what was typed");
	bind_text(st, 1, s->author, &rc);
	bind_text(st, 2, kind, &rc);
	bind_text(st, 3, text, &rc);
	bind_int(st, 4, anno_now(), &rc);
	if ((rc = run(st, rc)) != SQLITE_OK ||
	    (rc = prep(q, Q_RECALL_TRIM, &st)) != SQLITE_OK)
		return fail(q, rc, "keep what was typed");
	bind_text(st, 1, s->author, &rc);
	bind_text(st, 2, kind, &rc);
	bind_int(st, 3, STORE_RECALL_MAX, &rc);
	if ((rc = run(st, rc)) != SQLITE_OK ||
	    (rc = commit_write(q)) != SQLITE_OK)
		return fail(q, rc, "keep what was typed");
	return 0;
}

static int
sq_recall(struct store *s, const char *kind, char ***vp, size_t *np)
{
	struct sq	*q = sq_of(s);
	sqlite3_stmt	*st;
	char		**v = NULL;
	const char	*t;
	size_t		 n = 0, cap = 0, i;
	int		 rc;

	if (q->version < 5)
		return 0;
	if ((rc = prep(q, Q_RECALL, &st)) != SQLITE_OK)
		return fail(q, rc, "read what was typed");
	bind_text(st, 1, s->author, &rc);
	bind_text(st, 2, kind, &rc);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		if ((t = (const char *)sqlite3_column_text(st, 0)) == NULL)
			continue;
		v = xgrow(v, &cap, n + 1, sizeof(*v));
		v[n++] = xstrdup(t);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	done(st);
	if (rc != SQLITE_OK) {
		for (i = 0; i < n; i++)
			free(v[i]);
		free(v);
		return fail(q, rc, "read what was typed");
	}
	*vp = v;
	*np = n;
	return 0;
}

static int
sq_draft_save(struct store *s, const struct anno *d)
{
	struct sq	*q = sq_of(s);
	sqlite3_stmt	*st;
	int		 rc;

	if (!has_version(q, 2, "keep the draft"))
		return -1;
	if (q->unchecked && sq_check(s) == -1)
		return -1;
	if ((rc = run_q(q, Q_BEGIN_WRITE)) != SQLITE_OK ||
	    (rc = run_key(q, Q_DRAFT_TARGETS_DEL, s->author)) != SQLITE_OK ||
	    (rc = prep(q, Q_DRAFT_PUT, &st)) != SQLITE_OK)
		return fail(q, rc, "keep the draft");
	bind_text(st, 1, s->author, &rc);
	bind_text(st, 2, d->id, &rc);
	bind_text(st, 3, d->note != NULL ? d->note : "", &rc);
	bind_text(st, 4, d->reply_to, &rc);
	bind_int(st, 5, anno_now(), &rc);
	if ((rc = run(st, rc)) != SQLITE_OK ||
	    (rc = write_targets(q, Q_DRAFT_TARGET_ADD, s->author, d)) !=
	    SQLITE_OK ||
	    (rc = run_q(q, Q_COMMIT)) != SQLITE_OK)
		return fail(q, rc, "keep the draft");
	return 0;
}

static int
sq_draft_get(struct store *s, struct anno *d)
{
	struct sq	*q = sq_of(s);
	sqlite3_stmt	*st;
	const unsigned char *t;
	int		 rc, found = 0;

	if (q->version < 2)
		return 1;
	if ((rc = begin_read(q)) != SQLITE_OK ||
	    (rc = prep(q, Q_DRAFT_GET, &st)) != SQLITE_OK)
		goto out;
	bind_text(st, 1, s->author, &rc);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		t = sqlite3_column_text(st, 0);
		snprintf(d->id, sizeof(d->id), "%s",
		    t != NULL ? (const char *)t : "");
		d->author = xstrdup(s->author);
		d->note = col_str0(st, 1);
		d->reply_to = col_str(st, 2);
		d->created = d->modified = sqlite3_column_int64(st, 3);
		found = 1;
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	done(st);
	if (rc == SQLITE_OK && found)
		rc = read_parts(q, Q_DRAFT_TARGETS, Q_NONE, s->author, 0, d);
	if (rc == SQLITE_OK)
		rc = run_q(q, Q_COMMIT);
out:
	if (rc != SQLITE_OK) {
		anno_clear(d);
		return fail(q, rc, "read the draft");
	}
	if (!found)
		return 1;
	anno_tags_from_note(d);
	return 0;
}

static int
sq_draft_clear(struct store *s)
{
	struct sq	*q = sq_of(s);
	int		 rc;

	if (!has_version(q, 2, "forget the draft"))
		return -1;
	if (q->unchecked && sq_check(s) == -1)
		return -1;
	if ((rc = run_q(q, Q_BEGIN_WRITE)) != SQLITE_OK ||
	    (rc = run_key(q, Q_DRAFT_TARGETS_DEL, s->author)) != SQLITE_OK ||
	    (rc = run_key(q, Q_DRAFT_DEL, s->author)) != SQLITE_OK ||
	    (rc = run_q(q, Q_COMMIT)) != SQLITE_OK)
		return fail(q, rc, "forget the draft");
	return 0;
}

static void
sq_close(struct store *s)
{
	struct sq	*q = sq_of(s);
	size_t		 i;

	for (i = 0; i < NQ; i++)
		sqlite3_finalize(q->st[i]);
	sqlite3_close(q->db);
	store_fini(s);
	free(q);
}

/* --- opening ------------------------------------------------------------ */

/* What the check of a file found. */
struct info {
	int	 blank;		/* an empty database: ours to make */
	int	 version;	/* its user_version */
	int	 immutable;	/* it can only be read as immutable */
	int	 unchecked;	/* quick_check is left for sq_check */
};

/* "file:PATH?immutable=1", PATH escaped as a URI says. */
static char *
immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf	 b;
	const unsigned char *p;

	buf_init(&b);
	buf_adds(&b, "file:");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p) != NULL)
			buf_addc(&b, (char)*p);
		else {
			buf_addc(&b, '%');
			buf_addc(&b, hex[*p >> 4]);
			buf_addc(&b, hex[*p & 0xf]);
		}
	}
	buf_adds(&b, "?immutable=1");
	return buf_steal(&b, NULL);
}

/*
 * Open path for reading only.  A WAL file needs its -shm file, which a
 * read-only folder may not let SQLite make; then it is opened as
 * immutable, which needs none (nobody can write there either).
 */
static int
open_readonly(const char *path, int immutable, sqlite3 **db)
{
	char	*uri;
	int	 rc;

	if (!immutable)
		rc = sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY, NULL);
	else {
		uri = immutable_uri(path);
		rc = sqlite3_open_v2(uri, db,
		    SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
		free(uri);
	}
	if (*db != NULL) {
		sqlite3_extended_result_codes(*db, 1);
		sqlite3_busy_timeout(*db, BUSY_MS);
	}
	return rc;
}

/* One integer from a pragma or query with no parameters. */
static int
query_int(sqlite3 *db, const char *query, int64_t *v)
{
	sqlite3_stmt	*st;
	int		 rc;

	*v = 0;
	if ((rc = sqlite3_prepare_v2(db, query, -1, &st, NULL)) != SQLITE_OK)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*v = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	return rc;
}

/* The message for a file that is not ours. */
static char *
not_ours(const char *path)
{
	return store_printf("%s: not a diptych annotation store", path);
}

/* The message for a damaged store; why's first problem only, one line. */
static char *
damaged(const char *path, const char *why)
{
	static const char header[] = "*** in database main ***\n";
	size_t		 n;

	if (strncmp(why, header, sizeof(header) - 1) == 0)
		why += sizeof(header) - 1;
	n = strcspn(why, "\r\n");
	return store_printf("%s: the annotation store is damaged (%.*s); it "
	    "is left as it is", path, (int)n, why);
}

/* The text a pragma or query with no parameters gives, into v. */
static int
query_text(sqlite3 *db, const char *query, char *v, size_t size)
{
	sqlite3_stmt	*st;
	const unsigned char *t;
	int		 rc;

	v[0] = '\0';
	if ((rc = sqlite3_prepare_v2(db, query, -1, &st, NULL)) != SQLITE_OK)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((t = sqlite3_column_text(st, 0)) != NULL)
			snprintf(v, size, "%s", (const char *)t);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	return rc;
}

/* SQLite's quick_check of db (the file path): 0, or -1 and *err. */
static int
quick_check(sqlite3 *db, const char *path, char **err)
{
	sqlite3_stmt	*st = NULL;
	const unsigned char *t;
	int		 rc;

	if ((rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st,
	    NULL)) == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		t = sqlite3_column_text(st, 0);
		if (t == NULL || strcmp((const char *)t, "ok") != 0) {
			*err = damaged(path, t != NULL ? (const char *)t :
			    "quick_check");
			sqlite3_finalize(st);
			return -1;
		}
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		*err = damaged(path, sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

/*
 * Check the file path through a read-only connection: a store of ours
 * (its version in info), a blank database, or else an error in *err.
 * With lazy, SQLite's quick_check waits for sq_check when opening
 * writes nothing (info->unchecked).
 */
static int
check_file(const char *path, int lazy, struct info *info, char **err)
{
	char		 mode[16];
	sqlite3		*db = NULL;
	sqlite3_stmt	*st = NULL;
	const unsigned char *t;
	int64_t		 app = 0, ver = 0, ntables = 0;
	unsigned	 have = 0;
	size_t		 i;
	int		 rc;

	memset(info, 0, sizeof(*info));
again:
	/* One snapshot: another process may be making the store now. */
	rc = open_readonly(path, info->immutable, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = query_int(db, "PRAGMA application_id", &app);
	if (!info->immutable && ((rc & 0xff) == SQLITE_READONLY ||
	    (rc & 0xff) == SQLITE_CANTOPEN) && access(path, R_OK) == 0) {
		sqlite3_close(db);
		info->immutable = 1;
		goto again;
	}
	if (rc == SQLITE_OK)
		rc = query_int(db, "PRAGMA user_version", &ver);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master"
		    " WHERE type = 'table'", -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		ntables++;
		t = sqlite3_column_text(st, 0);
		for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
			if (t != NULL &&
			    strcmp((const char *)t, tables[i].name) == 0)
				have |= 1u << i;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_OK) {
		switch (rc & 0xff) {
		case SQLITE_NOTADB:
			*err = not_ours(path);
			break;
		case SQLITE_CORRUPT:
			*err = damaged(path, sqlite3_errmsg(db));
			break;
		default:
			*err = store_printf("%s: cannot read it: %s", path,
			    sqlite3_errmsg(db));
			break;
		}
		sqlite3_close(db);
		return -1;
	}

	if (app == 0 && ver == 0 && ntables == 0) {
		info->blank = 1;
		sqlite3_close(db);
		return 0;
	}
	if (app != APP_ID) {
		*err = not_ours(path);
		sqlite3_close(db);
		return -1;
	}
	info->version = (int)(ver < 0 || ver > 1000000 ? 1000000 : ver);
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		if (tables[i].version <= info->version && !(have & (1u << i))) {
			char why[80];

			snprintf(why, sizeof(why), "no table %s",
			    tables[i].name);
			*err = damaged(path, why);
			sqlite3_close(db);
			return -1;
		}
	}
	/* Checked later only when opening writes nothing: a store of
	   this version, in WAL mode already. */
	if (lazy && info->version == SCHEMA_VERSION &&
	    query_text(db, "PRAGMA journal_mode", mode, sizeof(mode)) ==
	    SQLITE_OK && strcmp(mode, "wal") == 0)
		info->unchecked = 1;
	else if (quick_check(db, path, err) == -1) {
		sqlite3_close(db);
		return -1;
	}
	sqlite3_close(db);	/* ends the read transaction */
	return 0;
}

/* Why path cannot be written, from the permissions. */
static char *
readonly_reason(const char *path, int rc)
{
	char	*dir, *slash;
	char	*why;

	if (access(path, W_OK) == -1)
		return store_printf("the file is read-only (%s)",
		    strerror(errno));
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL) {
		free(dir);
		dir = xstrdup(".");
	} else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if (access(dir, W_OK) == -1)
		why = store_printf("its folder %s is read-only (%s)", dir,
		    strerror(errno));
	else
		why = store_printf("it cannot be written (%s)",
		    sqlite3_errstr(rc));
	free(dir);
	return why;
}

/*
 * Bring the store to SCHEMA_VERSION: every missing step, in one transaction.
 * The version is read again under the lock: another process may have
 * done it meanwhile.
 */
static int
migrate(struct sq *q, char **err)
{
	int64_t		 app = 0, ver = 0;
	char		 pragma[64];
	char		*msg = NULL;
	int		 rc, i;

	if ((rc = sqlite3_exec(q->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) !=
	    SQLITE_OK)
		return rc;
	if ((rc = query_int(q->db, "PRAGMA application_id", &app)) !=
	    SQLITE_OK ||
	    (rc = query_int(q->db, "PRAGMA user_version", &ver)) != SQLITE_OK)
		goto out;
	if ((app != APP_ID && !(app == 0 && ver == 0)) ||
	    ver > SCHEMA_VERSION) {
		*err = app != APP_ID ? not_ours(q->base.where) :
		    store_printf("%s: made by a newer diptych", q->base.where);
		rc = ERR_SET;
		goto out;
	}
	for (i = (int)ver; i < SCHEMA_VERSION; i++)
		if ((rc = sqlite3_exec(q->db, steps[i], NULL, NULL, &msg)) !=
		    SQLITE_OK)
			goto out;
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
	    SCHEMA_VERSION);
	if (ver != SCHEMA_VERSION &&
	    (rc = sqlite3_exec(q->db, pragma, NULL, NULL, NULL)) != SQLITE_OK)
		goto out;
	snprintf(pragma, sizeof(pragma), "PRAGMA application_id = %d", APP_ID);
	if (app != APP_ID &&
	    (rc = sqlite3_exec(q->db, pragma, NULL, NULL, NULL)) != SQLITE_OK)
		goto out;
	rc = sqlite3_exec(q->db, "COMMIT", NULL, NULL, NULL);
out:
	if (rc != SQLITE_OK && rc != ERR_SET && *err == NULL)
		*err = store_printf("%s: cannot upgrade the store to version "
		    "%d: %s", q->base.where, SCHEMA_VERSION,
		    msg != NULL ? msg : sqlite3_errmsg(q->db));
	sqlite3_free(msg);
	if (!sqlite3_get_autocommit(q->db))
		sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		q->version = SCHEMA_VERSION;
	return rc;
}

/* Whether rc says the file or its folder cannot be written. */
static int
is_readonly(int rc)
{
	return (rc & 0xff) == SQLITE_READONLY ||
	    (rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_PERM;
}

/*
 * Put db in WAL mode.  That takes an exclusive lock, for which SQLite
 * does not always wait (it would deadlock with another connection
 * upgrading its own lock), so this waits here, up to BUSY_MS.
 */
static int
set_wal(sqlite3 *db)
{
	sqlite3_stmt	*st;
	int		 rc, waited;

	for (waited = 0; ; waited += 20) {
		rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1,
		    &st, NULL);
		if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
			rc = SQLITE_OK;
		sqlite3_finalize(st);
		if ((rc & 0xff) != SQLITE_BUSY || waited >= BUSY_MS)
			return rc;
		sqlite3_sleep(20);
	}
}

/*
 * Open q's file for writing: WAL, synchronous=FULL, migrated.  On a
 * file that cannot be written, 1 with q->base.readonly set.
 */
static int
open_write(struct sq *q, const struct info *info, char **err)
{
	int	 rc;

	rc = sqlite3_open_v2(q->base.where, &q->db, SQLITE_OPEN_READWRITE,
	    NULL);
	if (q->db != NULL) {
		sqlite3_extended_result_codes(q->db, 1);
		sqlite3_busy_timeout(q->db, BUSY_MS);
	}
	if (rc == SQLITE_OK && sqlite3_db_readonly(q->db, "main") == 1)
		rc = SQLITE_READONLY;
	if (rc == SQLITE_OK)
		rc = set_wal(q->db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(q->db, "PRAGMA synchronous = FULL;"
		    " PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (rc == SQLITE_OK && (info->blank || info->version < SCHEMA_VERSION))
		rc = migrate(q, err);
	if (rc == SQLITE_OK)
		return 0;
	if (*err == NULL && is_readonly(rc)) {
		q->base.readonly = readonly_reason(q->base.where, rc);
		sqlite3_close(q->db);
		q->db = NULL;
		return 1;
	}
	if (*err == NULL)
		*err = store_printf("%s: cannot open it for writing: %s",
		    q->base.where, q->db != NULL ? sqlite3_errmsg(q->db) :
		    sqlite3_errstr(rc));
	return -1;
}

static int
sq_open(struct store **sp, const char *where, const char *author,
    int flags, char **err)
{
	struct sq	*q;
	struct stat	 sb;
	struct info	 info;
	int		 rc;

	if (stat(where, &sb) == -1) {
		if (errno != ENOENT || !(flags & STORE_CREATE) ||
		    !(flags & STORE_WRITE)) {
			*err = store_printf("%s: %s", where, strerror(errno));
			return -1;
		}
		if (store_create_file(where, flags, err) == -1)
			return -1;
	} else if (!S_ISREG(sb.st_mode)) {
		*err = store_printf("%s: not a file", where);
		return -1;
	}
	if (check_file(where, (flags & STORE_CHECK_LATER) != 0, &info, err) ==
	    -1)
		return -1;
	if (info.version > SCHEMA_VERSION && (flags & STORE_WRITE)) {
		*err = store_printf("%s: made by a newer diptych (store "
		    "version %d; this one knows %d): upgrade diptych, or open "
		    "it read-only", where, info.version, SCHEMA_VERSION);
		return -1;
	}

	q = xcalloc(1, sizeof(*q));
	store_init(&q->base, &store_sqlite_ops, where, author);
	q->version = info.version;
	q->unchecked = info.unchecked;
	rc = 1;
	if ((flags & STORE_WRITE) && !info.immutable &&
	    (rc = open_write(q, &info, err)) == -1)
		goto fail;
	if (rc == 1) {
		if (q->base.readonly == NULL)
			q->base.readonly = (flags & STORE_WRITE) ?
			    readonly_reason(where, SQLITE_READONLY) :
			    xstrdup("it was opened read-only");
		if (info.blank) {
			*err = store_printf("%s: an empty file, not yet a "
			    "diptych annotation store", where);
			goto fail;
		}
		if (open_readonly(where, info.immutable, &q->db) != SQLITE_OK) {
			*err = store_printf("%s: cannot open it: %s", where,
			    q->db != NULL ? sqlite3_errmsg(q->db) :
			    "out of memory");
			goto fail;
		}
	}
	/* What is there now is no news: the counters, as first seen. */
	if ((rc = int_q(q, Q_DATA_VERSION, &q->data_version)) != SQLITE_OK ||
	    (rc = begin_read(q)) != SQLITE_OK ||
	    (rc = counters(q, &q->base.seq, &q->base.moves)) != SQLITE_OK ||
	    (rc = run_q(q, Q_COMMIT)) != SQLITE_OK) {
		*err = store_printf("%s: cannot read it: %s", where,
		    sqlite3_errmsg(q->db));
		goto fail;
	}
	*sp = &q->base;
	return 0;
fail:
	sq_close(&q->base);
	return -1;
}

/*
 * The check store_open left for later (STORE_CHECK_LATER), once.  A
 * damaged store is then read-only, and says why as store_open would.
 */
static int
sq_check(struct store *s)
{
	struct sq	*q = sq_of(s);
	char		*err = NULL;

	if (!q->unchecked)
		return q->damaged ? store_seterr(s, "%s", q->base.readonly) : 0;
	q->unchecked = 0;
	if (quick_check(q->db, q->base.where, &err) == 0)
		return 0;
	q->damaged = 1;
	free(q->base.readonly);
	q->base.readonly = err;
	return store_seterr(s, "%s", err);
}

/*
 * The passages of the index target_place (version 6): see store_places.
 * Positions are unsigned code points, stored as SQLite integers.
 */
static int
sq_places(struct store *s, const char *doc_id, const struct store_span *sp,
    size_t nspans, struct store_place **v, size_t *n)
{
	struct sq	*q = sq_of(s);
	sqlite3_stmt	*st = NULL;
	size_t		 cap = 0, i;
	int		 rc;

	if (q->version < 6)
		return 1;
	if ((rc = begin_read(q)) != SQLITE_OK ||
	    (rc = prep(q, Q_PLACES, &st)) != SQLITE_OK)
		goto out;
	for (i = 0; i < nspans && rc == SQLITE_OK; i++) {
		bind_text(st, 1, doc_id, &rc);
		bind_int(st, 2, (int64_t)(sp[i].from > sp[i].back ?
		    sp[i].from - sp[i].back : 0), &rc);
		bind_int(st, 3, sp[i].to < INT64_MAX ? (int64_t)sp[i].to :
		    INT64_MAX, &rc);
		bind_int(st, 4, sp[i].from < INT64_MAX ? (int64_t)sp[i].from :
		    INT64_MAX, &rc);
		bind_int(st, 5, sp[i].max > 0 && sp[i].max < INT64_MAX ?
		    (int64_t)sp[i].max : -1, &rc);
		while (rc == SQLITE_OK &&
		    (rc = sqlite3_step(st)) == SQLITE_ROW) {
			rc = SQLITE_OK;
			*v = xgrow(*v, &cap, *n + 1, sizeof(**v));
			(*v)[*n].start = (size_t)sqlite3_column_int64(st, 0);
			(*v)[*n].end = (size_t)sqlite3_column_int64(st, 1);
			(*v)[(*n)++].hash =
			    (uint64_t)sqlite3_column_int64(st, 2);
		}
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		done(st);
	}
	if (rc == SQLITE_OK)
		rc = run_q(q, Q_COMMIT);
out:
	if (rc != SQLITE_OK) {
		free(*v);
		*v = NULL;
		*n = 0;
		return fail(q, rc, "read the passages");
	}
	return 0;
}

/* The live annotations tagged tag, through the index tag_tag. */
static int
sq_tagged(struct store *s, const char *tag, struct anno **v, size_t *n)
{
	struct sq	*q = sq_of(s);
	sqlite3_stmt	*st = NULL;
	size_t		 cap = 0;
	int		 rc;

	if ((rc = begin_read(q)) != SQLITE_OK ||
	    (rc = prep(q, Q_TAGGED, &st)) != SQLITE_OK)
		goto out;
	bind_text(st, 1, tag, &rc);
	if ((rc = read_annos(q, st, rc, 0, v, n, &cap)) == SQLITE_OK)
		rc = run_q(q, Q_COMMIT);
out:
	if (rc != SQLITE_OK) {
		store_free_annos(*v, *n);
		*v = NULL;
		*n = 0;
		return fail(q, rc, "read the notes");
	}
	return 0;
}

const struct store_ops store_sqlite_ops = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.put = sq_put,
	.merge = sq_merge,
	.del = sq_del,
	.undo = sq_undo,
	.get = sq_get,
	.list = sq_list,
	.history = sq_history,
	.watch = sq_watch,
	.look = sq_look,
	.position_put = sq_position_put,
	.position_get = sq_position_get,
	.readers = sq_readers,
	.draft_save = sq_draft_save,
	.draft_get = sq_draft_get,
	.draft_clear = sq_draft_clear,
	.put_unsent = sq_put_unsent,
	.unsent = sq_unsent,
	.mark_put = sq_mark_put,
	.marks = sq_marks,
	.recall_add = sq_recall_add,
	.recall = sq_recall,
	.check = sq_check,
	.places = sq_places,
	.tagged = sq_tagged,
};
