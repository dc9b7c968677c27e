/*
 * store_pg.c: the store in a PostgreSQL database, for a seminar whose
 * readers are on different machines.
 *
 * The schema lives in the PostgreSQL schema "diptych", made by
 * store_init_seminar (diptych --seminar-init URL), run once by the
 * database's owner; diptych.meta holds its version, the number of
 * steps[] run on it.  The tables are the SQLite store's (see
 * store_sqlite.c), with the same meaning:
 *
 *   anno, target, tag: each annotation's current version.
 *   change, change_target, change_tag: the history; change.seq is the
 *	change counter.  It is max(seq) + 1, taken under one advisory
 *	lock (LOCK_CHANGES) that every transaction making a change holds
 *	from its start to its commit, so that numbers increase in commit
 *	order and a rolled-back change leaves no gap.
 *   position: each author's place in each pair of essays; its column
 *	moves counts the places that author saved there, so that the sum
 *	of moves tells a reader coming back whether anyone moved while it
 *	was away.  (SQLite keeps one row of moves for everyone; here every
 *	row has an owner, see below.)
 *   draft, draft_target: the note each author is writing.
 *
 * Ownership is the server's to enforce: the author of this store is
 * the role it logs in as (session_user), whatever name the caller asked
 * for, and row-level security, forced on the tables' owner too, lets
 * everyone read every note, change and place, but insert or update
 * only rows whose author (anno.author, change.who, position.author,
 * draft.author; targets and tags through their note or change) is the
 * session_user.  Nobody deletes a note (deletes are tombstones), and
 * each reads only their own draft.  A refused write is SQLSTATE 42501.
 *
 * A participant's role needs, from the owner:
 *	GRANT USAGE ON SCHEMA diptych TO ana;
 *	GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA
 *	    diptych TO ana;
 *	GRANT USAGE ON ALL SEQUENCES IN SCHEMA diptych TO ana;
 * (DELETE is for replacing a note's targets and tags and forgetting
 * drafts, limited by the policies to one's own; there are no sequences
 * today, the grant keeps a later version working.)  A role with less
 * opens the store read-only, saying why.
 *
 * News without polling: triggers NOTIFY diptych_note when a note is
 * written and diptych_place when a place is saved; the store LISTENs to
 * both, and its descriptor is the connection's socket.  A notification
 * sent by this store's own backend is not news.
 *
 * A server that goes away: the operation that finds the connection
 * broken fails, saying the server is unreachable, and the store is not
 * connected from then on; store_reconnect makes a new connection
 * without blocking (PQconnectStart, PQconnectPoll a step at a time),
 * listens again and reads the counters, whose change is news.
 *
 * Messages name the store by its URL with any password replaced.
 */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "pq.h"
#include "diptych/anno.h"
#include "diptych/store.h"
#include "diptych/util.h"
#include "store_impl.h"

#define SCHEMA_VERSION	1
#define LOCK_CHANGES	"4470747901"	/* pg_advisory_xact_lock: changes */
#define LOCK_INIT	"4470747900"	/* and making the schema */
#define CONNECT_S	"3"		/* connect_timeout unless set */
#define WATCH_MS	60000		/* a safety net: the socket tells */
#define OFFLINE_MS	1000		/* how often to try again */
#define STEP_MS		100		/* the longest a reconnect waits */
#define NPARAMS		12

/*
 * The migrations: steps[i] makes version i + 1 from version i, in one
 * transaction with the version's update.  A released step never
 * changes.
 */
static const char *const steps[] = {
	/* 1: notes, history, places, drafts; who may write what; news. */
	"CREATE SCHEMA IF NOT EXISTS diptych;"
	"CREATE TABLE diptych.meta ("
	"  id        integer PRIMARY KEY CHECK (id = 1),"
	"  version   integer NOT NULL);"
	"INSERT INTO diptych.meta (id, version) VALUES (1, 0);"
	"CREATE TABLE diptych.anno ("
	"  id        text PRIMARY KEY,"
	"  author    text NOT NULL,"
	"  created   bigint NOT NULL,"		/* ms since 1970, UTC */
	"  modified  bigint NOT NULL,"
	"  note      text NOT NULL,"
	"  reply_to  text,"
	"  deleted   boolean NOT NULL DEFAULT false,"
	"  seq       bigint NOT NULL);"
	"CREATE INDEX anno_seq ON diptych.anno (seq);"
	"CREATE TABLE diptych.target ("
	"  anno      text NOT NULL REFERENCES diptych.anno (id),"
	"  idx       smallint NOT NULL CHECK (idx IN (0, 1)),"
	"  doc_id    text NOT NULL,"
	"  exact     text NOT NULL,"
	"  prefix    text NOT NULL,"
	"  suffix    text NOT NULL,"
	"  pos_start bigint NOT NULL,"
	"  pos_end   bigint NOT NULL,"
	"  hash      bigint NOT NULL,"
	"  PRIMARY KEY (anno, idx));"
	"CREATE INDEX target_doc ON diptych.target (doc_id);"
	"CREATE TABLE diptych.tag ("
	"  anno      text NOT NULL REFERENCES diptych.anno (id),"
	"  idx       integer NOT NULL,"
	"  tag       text NOT NULL,"
	"  PRIMARY KEY (anno, idx));"
	"CREATE INDEX tag_tag ON diptych.tag (tag);"
	"CREATE TABLE diptych.change ("
	"  seq       bigint PRIMARY KEY,"
	"  anno      text NOT NULL"
	"            REFERENCES diptych.anno (id) DEFERRABLE INITIALLY DEFERRED,"
	"  kind      text NOT NULL"
	"            CHECK (kind IN ('create', 'edit', 'delete', 'undo')),"
	"  who       text NOT NULL,"
	"  at        bigint NOT NULL,"
	"  undoes    bigint REFERENCES diptych.change (seq),"
	"  undone    bigint REFERENCES diptych.change (seq),"
	"  had       boolean NOT NULL DEFAULT false,"
	"  author    text,"
	"  created   bigint,"
	"  modified  bigint,"
	"  note      text,"
	"  reply_to  text,"
	"  deleted   boolean);"
	"CREATE INDEX change_who ON diptych.change (who, seq);"
	"CREATE INDEX change_anno ON diptych.change (anno, seq);"
	"CREATE TABLE diptych.change_target ("
	"  seq       bigint NOT NULL REFERENCES diptych.change (seq),"
	"  idx       smallint NOT NULL CHECK (idx IN (0, 1)),"
	"  doc_id    text NOT NULL,"
	"  exact     text NOT NULL,"
	"  prefix    text NOT NULL,"
	"  suffix    text NOT NULL,"
	"  pos_start bigint NOT NULL,"
	"  pos_end   bigint NOT NULL,"
	"  hash      bigint NOT NULL,"
	"  PRIMARY KEY (seq, idx));"
	"CREATE TABLE diptych.change_tag ("
	"  seq       bigint NOT NULL REFERENCES diptych.change (seq),"
	"  idx       integer NOT NULL,"
	"  tag       text NOT NULL,"
	"  PRIMARY KEY (seq, idx));"
	"CREATE TABLE diptych.position ("
	"  author       text NOT NULL,"
	"  left_doc     text NOT NULL,"
	"  right_doc    text NOT NULL,"
	"  left_offset  bigint NOT NULL,"
	"  right_offset bigint NOT NULL,"
	"  focus        smallint NOT NULL DEFAULT 0,"
	"  sync         boolean NOT NULL DEFAULT true,"
	"  saved        bigint NOT NULL,"
	"  following    text NOT NULL DEFAULT '',"
	"  moves        bigint NOT NULL DEFAULT 1,"
	"  PRIMARY KEY (author, left_doc, right_doc));"
	"CREATE INDEX position_pair ON diptych.position"
	"  (left_doc, right_doc, saved);"
	"CREATE TABLE diptych.draft ("
	"  author    text PRIMARY KEY,"
	"  id        text NOT NULL,"
	"  note      text NOT NULL,"
	"  reply_to  text,"
	"  saved     bigint NOT NULL);"
	"CREATE TABLE diptych.draft_target ("
	"  author    text NOT NULL REFERENCES diptych.draft (author)"
	"            ON DELETE CASCADE,"
	"  idx       smallint NOT NULL CHECK (idx IN (0, 1)),"
	"  doc_id    text NOT NULL,"
	"  exact     text NOT NULL,"
	"  prefix    text NOT NULL,"
	"  suffix    text NOT NULL,"
	"  pos_start bigint NOT NULL,"
	"  pos_end   bigint NOT NULL,"
	"  hash      bigint NOT NULL,"
	"  PRIMARY KEY (author, idx));"

	/* Who may write what.  meta is the owner's alone (not forced). */
	"ALTER TABLE diptych.meta ENABLE ROW LEVEL SECURITY;"
	"CREATE POLICY read ON diptych.meta FOR SELECT USING (true);"
	"ALTER TABLE diptych.anno ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE diptych.anno FORCE ROW LEVEL SECURITY;"
	"CREATE POLICY read ON diptych.anno FOR SELECT USING (true);"
	"CREATE POLICY add ON diptych.anno FOR INSERT"
	"  WITH CHECK (author = session_user);"
	"CREATE POLICY edit ON diptych.anno FOR UPDATE"
	"  USING (author = session_user) WITH CHECK (author = session_user);"
#define PARTS_POLICIES(t, key, owner, who) \
	"ALTER TABLE diptych." t " ENABLE ROW LEVEL SECURITY;" \
	"ALTER TABLE diptych." t " FORCE ROW LEVEL SECURITY;" \
	"CREATE POLICY read ON diptych." t " FOR SELECT USING (true);" \
	"CREATE POLICY add ON diptych." t " FOR INSERT WITH CHECK (EXISTS" \
	"  (SELECT 1 FROM diptych." owner " o WHERE o." key " = " t "." key \
	"  AND o." who " = session_user));" \
	"CREATE POLICY remove ON diptych." t " FOR DELETE USING (EXISTS" \
	"  (SELECT 1 FROM diptych." owner " o WHERE o." key " = " t "." key \
	"  AND o." who " = session_user));"
	/* target.anno and tag.anno are anno.id. */
	"ALTER TABLE diptych.target ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE diptych.target FORCE ROW LEVEL SECURITY;"
	"CREATE POLICY read ON diptych.target FOR SELECT USING (true);"
	"CREATE POLICY add ON diptych.target FOR INSERT WITH CHECK (EXISTS"
	"  (SELECT 1 FROM diptych.anno o WHERE o.id = target.anno"
	"  AND o.author = session_user));"
	"CREATE POLICY remove ON diptych.target FOR DELETE USING (EXISTS"
	"  (SELECT 1 FROM diptych.anno o WHERE o.id = target.anno"
	"  AND o.author = session_user));"
	"ALTER TABLE diptych.tag ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE diptych.tag FORCE ROW LEVEL SECURITY;"
	"CREATE POLICY read ON diptych.tag FOR SELECT USING (true);"
	"CREATE POLICY add ON diptych.tag FOR INSERT WITH CHECK (EXISTS"
	"  (SELECT 1 FROM diptych.anno o WHERE o.id = tag.anno"
	"  AND o.author = session_user));"
	"CREATE POLICY remove ON diptych.tag FOR DELETE USING (EXISTS"
	"  (SELECT 1 FROM diptych.anno o WHERE o.id = tag.anno"
	"  AND o.author = session_user));"
	"ALTER TABLE diptych.change ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE diptych.change FORCE ROW LEVEL SECURITY;"
	"CREATE POLICY read ON diptych.change FOR SELECT USING (true);"
	"CREATE POLICY add ON diptych.change FOR INSERT"
	"  WITH CHECK (who = session_user);"
	"CREATE POLICY mark ON diptych.change FOR UPDATE"
	"  USING (who = session_user) WITH CHECK (who = session_user);"
	PARTS_POLICIES("change_target", "seq", "change", "who")
	PARTS_POLICIES("change_tag", "seq", "change", "who")
	"ALTER TABLE diptych.position ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE diptych.position FORCE ROW LEVEL SECURITY;"
	"CREATE POLICY read ON diptych.position FOR SELECT USING (true);"
	"CREATE POLICY add ON diptych.position FOR INSERT"
	"  WITH CHECK (author = session_user);"
	"CREATE POLICY move ON diptych.position FOR UPDATE"
	"  USING (author = session_user) WITH CHECK (author = session_user);"
	"ALTER TABLE diptych.draft ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE diptych.draft FORCE ROW LEVEL SECURITY;"
	"CREATE POLICY own ON diptych.draft"
	"  USING (author = session_user) WITH CHECK (author = session_user);"
	"ALTER TABLE diptych.draft_target ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE diptych.draft_target FORCE ROW LEVEL SECURITY;"
	"CREATE POLICY own ON diptych.draft_target"
	"  USING (author = session_user) WITH CHECK (author = session_user);"

	/* News: once per transaction (the same payload is sent once). */
	"CREATE FUNCTION diptych.note_written() RETURNS trigger"
	"  LANGUAGE plpgsql SET search_path = pg_catalog AS"
	"  $$BEGIN PERFORM pg_notify('diptych_note', session_user::text);"
	"  RETURN NULL; END$$;"
	"CREATE FUNCTION diptych.place_saved() RETURNS trigger"
	"  LANGUAGE plpgsql SET search_path = pg_catalog AS"
	"  $$BEGIN PERFORM pg_notify('diptych_place', session_user::text);"
	"  RETURN NULL; END$$;"
	"CREATE TRIGGER news AFTER INSERT OR UPDATE ON diptych.anno"
	"  FOR EACH STATEMENT EXECUTE FUNCTION diptych.note_written();"
	"CREATE TRIGGER news AFTER INSERT OR UPDATE ON diptych.position"
	"  FOR EACH STATEMENT EXECUTE FUNCTION diptych.place_saved();",
};

/* An annotation's columns, in the order read_anno reads them. */
#define ANNO_COLS "id, author, created, modified, note, reply_to, deleted"
#define TARGET_COLS \
	"idx, doc_id, exact, prefix, suffix, pos_start, pos_end, hash"
#define T_TARGET_COLS "t.idx, t.doc_id, t.exact, t.prefix, t.suffix," \
	" t.pos_start, t.pos_end, t.hash"

static const char Q_ANNO[] = "SELECT " ANNO_COLS " FROM diptych.anno"
    " WHERE id = $1";
static const char Q_TARGETS[] = "SELECT " TARGET_COLS " FROM diptych.target"
    " WHERE anno = $1 ORDER BY idx";
static const char Q_TAGS[] = "SELECT tag FROM diptych.tag WHERE anno = $1"
    " ORDER BY idx";
/* Every note, or those changed since: the notes, then their parts. */
static const char Q_LIST[] = "SELECT " ANNO_COLS " FROM diptych.anno"
    " WHERE NOT deleted OR $1 ORDER BY created, id COLLATE \"C\"";
static const char Q_LIST_TARGETS[] = "SELECT t.anno, " T_TARGET_COLS
    " FROM diptych.target t JOIN diptych.anno a ON a.id = t.anno"
    " WHERE NOT a.deleted OR $1";
static const char Q_LIST_TAGS[] = "SELECT t.anno, t.tag FROM diptych.tag t"
    " JOIN diptych.anno a ON a.id = t.anno WHERE NOT a.deleted OR $1"
    " ORDER BY t.anno, t.idx";
static const char Q_SINCE[] = "SELECT " ANNO_COLS " FROM diptych.anno"
    " WHERE seq > $1 ORDER BY seq";
static const char Q_SINCE_TARGETS[] = "SELECT t.anno, " T_TARGET_COLS
    " FROM diptych.target t JOIN diptych.anno a ON a.id = t.anno"
    " WHERE a.seq > $1";
static const char Q_SINCE_TAGS[] = "SELECT t.anno, t.tag FROM diptych.tag t"
    " JOIN diptych.anno a ON a.id = t.anno WHERE a.seq > $1"
    " ORDER BY t.anno, t.idx";
static const char Q_COUNTERS[] = "SELECT"
    " (SELECT coalesce(max(seq), 0) FROM diptych.change),"
    " (SELECT coalesce(sum(moves), 0) FROM diptych.position)";
static const char Q_SEQ[] = "SELECT coalesce(max(seq), 0)"
    " FROM diptych.change";
#define NEXT_SEQ "(SELECT coalesce(max(seq), 0) + 1 FROM diptych.change)"
static const char Q_CHANGE_NEW[] = "INSERT INTO diptych.change"
    " (seq, anno, kind, who, at, undoes)"
    " VALUES (" NEXT_SEQ ", $1, $2, $3, $4, $5) RETURNING seq";
static const char Q_CHANGE_OLD[] = "INSERT INTO diptych.change"
    " (seq, anno, kind, who, at, undoes, had, author, created, modified,"
    " note, reply_to, deleted)"
    " SELECT " NEXT_SEQ ", id, $2, $3, $4, $5, true, author, created,"
    " modified, note, reply_to, deleted FROM diptych.anno WHERE id = $1"
    " RETURNING seq";
static const char Q_CHANGE_TARGETS[] = "INSERT INTO diptych.change_target"
    " (seq, " TARGET_COLS ") SELECT $1, " TARGET_COLS
    " FROM diptych.target WHERE anno = $2";
static const char Q_CHANGE_TAGS[] = "INSERT INTO diptych.change_tag"
    " (seq, idx, tag) SELECT $1, idx, tag FROM diptych.tag WHERE anno = $2";
static const char Q_ANNO_PUT[] = "INSERT INTO diptych.anno (" ANNO_COLS
    ", seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    " ON CONFLICT (id) DO UPDATE SET author = excluded.author,"
    " created = excluded.created, modified = excluded.modified,"
    " note = excluded.note, reply_to = excluded.reply_to,"
    " deleted = excluded.deleted, seq = excluded.seq";
static const char Q_TARGETS_DEL[] = "DELETE FROM diptych.target"
    " WHERE anno = $1";
static const char Q_TARGET_ADD[] = "INSERT INTO diptych.target"
    " (anno, " TARGET_COLS ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
static const char Q_TAGS_DEL[] = "DELETE FROM diptych.tag WHERE anno = $1";
static const char Q_TAG_ADD[] = "INSERT INTO diptych.tag (anno, idx, tag)"
    " VALUES ($1, $2, $3)";
static const char Q_LAST_CHANGE[] = "SELECT seq, anno, kind"
    " FROM diptych.change WHERE who = $1 AND kind <> 'undo'"
    " AND undone IS NULL ORDER BY seq DESC LIMIT 1";
/* Someone else's change since, still in effect. */
static const char Q_CHANGED_BY_OTHERS[] = "SELECT who FROM diptych.change"
    " WHERE anno = $1 AND seq > $2 AND who <> $3 AND kind <> 'undo'"
    " AND undone IS NULL LIMIT 1";
static const char Q_BEFORE[] = "SELECT anno, author, created, modified,"
    " note, reply_to, deleted, had FROM diptych.change WHERE seq = $1";
static const char Q_BEFORE_TARGETS[] = "SELECT " TARGET_COLS
    " FROM diptych.change_target WHERE seq = $1 ORDER BY idx";
static const char Q_BEFORE_TAGS[] = "SELECT tag FROM diptych.change_tag"
    " WHERE seq = $1 ORDER BY idx";
static const char Q_MARK_UNDONE[] = "UPDATE diptych.change SET undone = $2"
    " WHERE seq = $1";
static const char Q_HISTORY[] = "SELECT anno, author, created, modified,"
    " note, reply_to, deleted, had, seq, kind, who, at, undone"
    " FROM diptych.change WHERE anno = $1 ORDER BY seq DESC";
static const char Q_POSITION_PUT[] = "INSERT INTO diptych.position"
    " (author, left_doc, right_doc, left_offset, right_offset, focus, sync,"
    " saved, following) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    " ON CONFLICT (author, left_doc, right_doc) DO UPDATE SET"
    " left_offset = excluded.left_offset,"
    " right_offset = excluded.right_offset, focus = excluded.focus,"
    " sync = excluded.sync, saved = excluded.saved,"
    " following = excluded.following, moves = position.moves + 1";
/* As POSITION_GET and READERS in store_sqlite.c. */
static const char Q_POSITION_GET[] = "SELECT left_offset, right_offset,"
    " focus, sync, saved, following, 0 AS swapped FROM diptych.position"
    " WHERE author = $1 AND left_doc = $2 AND right_doc = $3"
    " UNION ALL SELECT right_offset, left_offset, 1 - focus, sync, saved,"
    " following, 1 FROM diptych.position"
    " WHERE author = $1 AND left_doc = $3 AND right_doc = $2"
    " ORDER BY swapped LIMIT 1";
static const char Q_READERS[] = "SELECT author COLLATE \"C\" AS author,"
    " left_offset, right_offset,"
    " focus, sync, saved, following, 0 AS swapped FROM diptych.position"
    " WHERE left_doc = $1 AND right_doc = $2 AND saved >= $3"
    " UNION ALL SELECT author, right_offset, left_offset, 1 - focus, sync,"
    " saved, following, 1 FROM diptych.position"
    " WHERE left_doc = $2 AND right_doc = $1 AND saved >= $3"
    " ORDER BY saved DESC, author, swapped";
static const char Q_DRAFT_PUT[] = "INSERT INTO diptych.draft"
    " (author, id, note, reply_to, saved) VALUES ($1, $2, $3, $4, $5)"
    " ON CONFLICT (author) DO UPDATE SET id = excluded.id,"
    " note = excluded.note, reply_to = excluded.reply_to,"
    " saved = excluded.saved";
static const char Q_DRAFT_GET[] = "SELECT id, note, reply_to, saved"
    " FROM diptych.draft WHERE author = $1";
static const char Q_DRAFT_TARGETS[] = "SELECT " TARGET_COLS
    " FROM diptych.draft_target WHERE author = $1 ORDER BY idx";
static const char Q_DRAFT_TARGETS_DEL[] = "DELETE FROM diptych.draft_target"
    " WHERE author = $1";
static const char Q_DRAFT_TARGET_ADD[] = "INSERT INTO diptych.draft_target"
    " (author, " TARGET_COLS ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
static const char Q_DRAFT_DEL[] = "DELETE FROM diptych.draft"
    " WHERE author = $1";
/*
 * Who we are, and whether the schema is there for us: the schema's
 * use, meta, and the rights a writer needs.
 */
static const char Q_WHO[] = "SELECT session_user,"
    " n.oid IS NOT NULL AND EXISTS (SELECT 1 FROM pg_catalog.pg_class c"
    "  WHERE c.relnamespace = n.oid AND c.relname = 'meta'),"
    " n.oid IS NOT NULL AND pg_catalog.has_schema_privilege(n.oid, 'USAGE'),"
    " pg_catalog.current_setting('transaction_read_only') = 'on'"
    " FROM (SELECT 1) one LEFT JOIN pg_catalog.pg_namespace n"
    " ON n.nspname = 'diptych'";
static const char Q_VERSION[] = "SELECT version FROM diptych.meta";
static const char Q_RIGHTS[] = "SELECT"
    " has_table_privilege('diptych.anno', 'SELECT, INSERT, UPDATE')"
    " AND has_table_privilege('diptych.target', 'SELECT, INSERT, DELETE')"
    " AND has_table_privilege('diptych.tag', 'SELECT, INSERT, DELETE')"
    " AND has_table_privilege('diptych.change', 'SELECT, INSERT, UPDATE')"
    " AND has_table_privilege('diptych.change_target', 'SELECT, INSERT')"
    " AND has_table_privilege('diptych.change_tag', 'SELECT, INSERT')"
    " AND has_table_privilege('diptych.position', 'SELECT, INSERT, UPDATE')"
    " AND has_table_privilege('diptych.draft',"
    "  'SELECT, INSERT, UPDATE, DELETE')"
    " AND has_table_privilege('diptych.draft_target',"
    "  'SELECT, INSERT, DELETE')";

/* What a failure means to the person whose note it is, by SQLSTATE. */
static const struct {
	const char	*state;		/* a code, or a class ("53") */
	const char	*text;
} reasons[] = {
	{ "42501", "it is someone else's (the server refuses it)" },
	{ "25006", "the server is read-only now" },
	{ "53100", "the server's disk is full" },
	{ "53", "the server is short of resources" },
	{ "40", "another writer was in the way; try again" },
	{ "55P03", "another writer was in the way; try again" },
	{ "57", "the server stopped it" },
};

struct pg {
	struct store	 base;		/* first: a struct store * is one */
	PGconn		*conn;		/* NULL: not connected */
	PGconn		*pending;	/* a connection being made */
	PostgresPollingStatusType poll;	/* its last step */
	int64_t		 started;	/* when it began (ms) */
	int		 timeout_ms;	/* how long it may take */
	char		*url;		/* as given, password and all */
	char		*asked;		/* the author the caller asked for */
	int		 flags;		/* of store_open */
	int		 version;	/* of the schema */
	int		 be_pid;	/* our backend: its news is ours */
	PGresult	*last;		/* the result of the last failure */
	int		 known;		/* connected once: author is the role */
};

static struct pg *
pg_of(const struct store *s)
{
	assert(s->ops == &store_pg_ops);
	return (struct pg *)s;
}

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Notices (an ALTER that skips, a FATAL on shutdown) are not for the
   terminal: the operation that fails says what matters. */
static void
quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* --- the URL ---------------------------------------------------------- */

/*
 * url with its password, in the user part or as a parameter, replaced
 * by "***" (caller frees): what messages and store_where show.  The
 * user part ends at the first '@' or '/', as libpq reads it.
 */
static char *
redact(const char *url)
{
	struct buf	 b;
	const char	*p, *at, *colon, *q, *eq;
	size_t		 n;

	buf_init(&b);
	if ((p = strstr(url, "://")) == NULL) {
		buf_adds(&b, url);
		return buf_steal(&b, NULL);
	}
	p += 3;
	buf_add(&b, url, (size_t)(p - url));
	at = p + strcspn(p, "@/");
	if (*at == '@' && (colon = memchr(p, ':', (size_t)(at - p))) !=
	    NULL) {
		buf_add(&b, p, (size_t)(colon - p));
		buf_adds(&b, ":***");
		p = at;
	}
	if ((q = strchr(p, '?')) == NULL) {
		buf_adds(&b, p);
		return buf_steal(&b, NULL);
	}
	buf_add(&b, p, (size_t)(q - p) + 1);
	for (p = q + 1; *p != '\0'; p += n) {
		n = strcspn(p, "&");
		eq = memchr(p, '=', n);
		if (eq != NULL && (size_t)(eq - p) == strlen("password") &&
		    strncmp(p, "password", (size_t)(eq - p)) == 0) {
			buf_add(&b, p, (size_t)(eq - p) + 1);
			buf_adds(&b, "***");
		} else
			buf_add(&b, p, n);
		if (p[n] == '&')
			buf_addc(&b, p[n++]);
	}
	return buf_steal(&b, NULL);
}

/* --- connecting --------------------------------------------------------- */

/* How a connection attempt ended. */
enum reach {
	REACH_OK,		/* connected */
	REACH_TRYING,		/* not yet */
	REACH_AWAY,		/* no answer, or not now: try again later */
	REACH_REFUSED		/* the server said no, for good */
};

/*
 * Start connecting to url: libpq's URL and environment as they are,
 * plus what diptych needs when they do not say (a connect timeout so a
 * server that is gone does not hang the reader, keepalives so a network
 * that is gone is noticed).  Later keywords win, so the URL's own
 * settings, after ours, stand.  NULL only when out of memory.
 */
static PGconn *
start(const char *url, int *timeout_ms)
{
	const char	*keys[8], *vals[8];
	PQconninfoOption *opts, *o;
	const char	*t = NULL;
	int		 n = 0, secs;
	PGconn		*c;

	if (getenv("PGCONNECT_TIMEOUT") == NULL) {
		keys[n] = "connect_timeout";
		vals[n++] = CONNECT_S;
	}
	keys[n] = "keepalives_idle";
	vals[n++] = "30";
	keys[n] = "keepalives_interval";
	vals[n++] = "10";
	keys[n] = "keepalives_count";
	vals[n++] = "3";
	keys[n] = "fallback_application_name";
	vals[n++] = "diptych";
	keys[n] = "dbname";
	vals[n++] = url;
	keys[n] = NULL;
	vals[n] = NULL;
	if ((c = PQconnectStartParams(keys, vals, 1)) == NULL)
		return NULL;
	PQsetNoticeProcessor(c, quiet, NULL);
	/* Messages with their SQLSTATE: see refused_for_good. */
	PQsetErrorVerbosity(c, PQERRORS_VERBOSE);
	/* libpq counts connect_timeout only when it blocks: we count. */
	if ((opts = PQconninfo(c)) != NULL) {
		for (o = opts; o->keyword != NULL; o++)
			if (strcmp(o->keyword, "connect_timeout") == 0)
				t = o->val;
		secs = t != NULL ? atoi(t) : 0;
		*timeout_ms = secs <= 0 ? 30000 : secs < 2 ? 2000 :
		    secs * 1000;
		PQconninfoFree(opts);
	} else
		*timeout_ms = 3000;
	return c;
}

/*
 * Whether the failed connection c was refused by a server that
 * answered (a password, a role or a database that is not there), not
 * left unanswered or put off (starting up, shutting down, too many
 * clients: SQLSTATE class 57, 53).  Its message carries the SQLSTATE
 * (PQERRORS_VERBOSE): "FATAL:  28P01: ...".
 */
static int
refused_for_good(PGconn *c)
{
	const char	*m = PQerrorMessage(c), *p;
	size_t		 i;

	if (PQconnectionNeedsPassword(c))
		return 1;
	for (p = m; (p = strstr(p, ":  ")) != NULL; p++) {
		for (i = 0; i < 5; i++)
			if (!((p[3 + i] >= '0' && p[3 + i] <= '9') ||
			    (p[3 + i] >= 'A' && p[3 + i] <= 'Z')))
				break;
		if (i < 5 || p[8] != ':')
			continue;
		if (strncmp(p + 3, "28", 2) == 0 ||
		    strncmp(p + 3, "3D", 2) == 0)
			return 1;
	}
	return 0;
}

/*
 * The first line of a libpq message, without its SQLSTATE, into buf:
 * one line for the status row.
 */
static const char *
one_line(const char *m, char *buf, size_t size)
{
	const char	*p;
	size_t		 n, i;

	n = strcspn(m, "\r\n");
	if (n >= size)
		n = size - 1;
	memcpy(buf, m, n);
	buf[n] = '\0';
	/* "FATAL:  28P01: text" -> "FATAL:  text" */
	for (p = buf; (p = strstr(p, ":  ")) != NULL; p++) {
		for (i = 0; i < 5; i++)
			if (!((p[3 + i] >= '0' && p[3 + i] <= '9') ||
			    (p[3 + i] >= 'A' && p[3 + i] <= 'Z')))
				break;
		if (i == 5 && p[8] == ':' && p[9] == ' ') {
			memmove((char *)p + 3, p + 10, strlen(p + 10) + 1);
			break;
		}
	}
	for (n = strlen(buf); n > 0 && buf[n - 1] == ' '; n--)
		buf[n - 1] = '\0';
	return buf[0] != '\0' ? buf : "no reason given";
}

/*
 * Take q's pending connection a step further, waiting at most budget
 * ms for its socket: REACH_TRYING while it goes on; else it is over
 * (q->pending is the connection, or the failed one, for its message).
 */
static enum reach
advance(struct pg *q, int budget_ms)
{
	struct pollfd	 pfd;
	int64_t		 t0 = now_ms(), t, wait;
	int		 r;

	for (;;) {
		if (q->poll == PGRES_POLLING_OK)
			return REACH_OK;
		if (q->poll == PGRES_POLLING_FAILED ||
		    PQstatus(q->pending) == CONNECTION_BAD)
			return refused_for_good(q->pending) ? REACH_REFUSED :
			    REACH_AWAY;
		t = now_ms();
		if (t - q->started >= q->timeout_ms)
			return REACH_AWAY;
		wait = t0 + budget_ms - t;
		if (wait > q->started + q->timeout_ms - t)
			wait = q->started + q->timeout_ms - t;
		if (wait < 0)
			wait = 0;
		pfd.fd = PQsocket(q->pending);
		pfd.events = q->poll == PGRES_POLLING_READING ? POLLIN :
		    POLLOUT;
		pfd.revents = 0;
		if (pfd.fd < 0)
			return REACH_AWAY;
		/* Poll only a socket that is ready: libpq takes a step it
		   was not ready for as done (a connect as made). */
		if ((r = poll(&pfd, 1, (int)wait)) == -1 && errno != EINTR)
			return REACH_AWAY;
		if (r == 1)
			q->poll = PQconnectPoll(q->pending);
		else if (r == 0 && now_ms() - t0 >= budget_ms &&
		    now_ms() - q->started < q->timeout_ms)
			return REACH_TRYING;
	}
}

/* Forget the connection: the server went away. */
static void
drop(struct pg *q)
{
	PQfinish(q->conn);
	q->conn = NULL;
	q->be_pid = 0;
}

/* --- running statements ------------------------------------------------- */

/* The parameters of a statement, as text. */
struct params {
	const char	*v[NPARAMS];
	char		 num[NPARAMS][24];
	int		 n;
};

static void
p_text(struct params *p, const char *s)
{
	assert(p->n < NPARAMS);
	p->v[p->n++] = s;
}

static void
p_int(struct params *p, int64_t v)
{
	assert(p->n < NPARAMS);
	snprintf(p->num[p->n], sizeof(p->num[0]), "%" PRId64, v);
	p->v[p->n] = p->num[p->n];
	p->n++;
}

static void
p_bool(struct params *p, int v)
{
	p_text(p, v ? "true" : "false");
}

/*
 * Run sql with p (NULL: none): its result (PQclear it), or NULL with
 * the failure kept in q->last for fail().
 */
static PGresult *
exec(struct pg *q, const char *sql, const struct params *p)
{
	PGresult	*r;
	ExecStatusType	 st;

	if (q->conn == NULL)
		return NULL;
	r = PQexecParams(q->conn, sql, p != NULL ? p->n : 0, NULL,
	    p != NULL ? p->v : NULL, NULL, NULL, 0);
	st = PQresultStatus(r);
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return r;
	PQclear(q->last);
	q->last = r;
	return NULL;
}

/* Run sql with p, for its effect only: 0, or -1 as exec. */
static int
run(struct pg *q, const char *sql, const struct params *p)
{
	PGresult	*r;

	if ((r = exec(q, sql, p)) == NULL)
		return -1;
	PQclear(r);
	return 0;
}

/* Run sql with the one text parameter key. */
static int
run_key(struct pg *q, const char *sql, const char *key)
{
	struct params	 p = { .n = 0 };

	p_text(&p, key);
	return run(q, sql, &p);
}

/* Run sql with the parameters (num, key). */
static int
run_num_key(struct pg *q, const char *sql, int64_t num, const char *key)
{
	struct params	 p = { .n = 0 };

	p_int(&p, num);
	p_text(&p, key);
	return run(q, sql, &p);
}

/* Column c of row i: its text, NULL for SQL NULL. */
static const char *
col(const PGresult *r, int i, int c)
{
	return PQgetisnull(r, i, c) ? NULL : PQgetvalue(r, i, c);
}

static char *
col_str(const PGresult *r, int i, int c)
{
	const char	*t = col(r, i, c);

	return t != NULL ? xstrdup(t) : NULL;
}

static char *
col_str0(const PGresult *r, int i, int c)
{
	const char	*t = col(r, i, c);

	return xstrdup(t != NULL ? t : "");
}

static int64_t
col_int(const PGresult *r, int i, int c)
{
	const char	*t = col(r, i, c);

	return t != NULL ? strtoll(t, NULL, 10) : 0;
}

static int
col_bool(const PGresult *r, int i, int c)
{
	const char	*t = col(r, i, c);

	return t != NULL && t[0] == 't';
}

/*
 * A message for a failure of what (a verb phrase; NULL: the message is
 * set already): set it, roll back any transaction, return -1.  A
 * broken connection is a server unreachable: the store is not
 * connected from then on.
 */
static int
fail(struct pg *q, const char *what)
{
	const char	*state = NULL, *why = NULL;
	char		 line[256];
	size_t		 i;

	if (q->conn == NULL || PQstatus(q->conn) == CONNECTION_BAD) {
		if (what != NULL)
			store_seterr(&q->base, "%s: cannot %s: the server is "
			    "unreachable (%s)", q->base.where, what,
			    q->conn == NULL ? "not connected" :
			    one_line(PQerrorMessage(q->conn), line,
			    sizeof(line)));
		if (q->conn != NULL)
			drop(q);
	} else {
		if (what != NULL) {
			if (q->last != NULL)
				state = PQresultErrorField(q->last,
				    PG_DIAG_SQLSTATE);
			for (i = 0; state != NULL &&
			    i < sizeof(reasons) / sizeof(reasons[0]); i++)
				if (strncmp(state, reasons[i].state,
				    strlen(reasons[i].state)) == 0) {
					why = reasons[i].text;
					break;
				}
			if (why == NULL && q->last != NULL)
				why = PQresultErrorField(q->last,
				    PG_DIAG_MESSAGE_PRIMARY);
			if (why == NULL)
				why = one_line(PQerrorMessage(q->conn), line,
				    sizeof(line));
			store_seterr(&q->base, "%s: cannot %s: %s",
			    q->base.where, what, why);
		}
		if (PQtransactionStatus(q->conn) != PQTRANS_IDLE) {
			PQclear(PQexec(q->conn, "ROLLBACK"));
			if (PQstatus(q->conn) == CONNECTION_BAD)
				drop(q);
		}
	}
	PQclear(q->last);
	q->last = NULL;
	return -1;
}

/* Whether q is connected; else the error says so, for what. */
static int
up(struct pg *q, const char *what)
{
	if (q->conn != NULL && PQstatus(q->conn) == CONNECTION_OK)
		return 1;
	fail(q, what);
	return 0;
}

/* --- reading notes ------------------------------------------------------ */

/* Columns c.. of row i, in ANNO_COLS order, into a (zeroed). */
static void
read_anno(const PGresult *r, int i, int c, struct anno *a)
{
	const char	*id = col(r, i, c);

	snprintf(a->id, sizeof(a->id), "%s", id != NULL ? id : "");
	a->author = col_str0(r, i, c + 1);
	a->created = col_int(r, i, c + 2);
	a->modified = col_int(r, i, c + 3);
	a->note = col_str0(r, i, c + 4);
	a->reply_to = col_str(r, i, c + 5);
	a->deleted = col_bool(r, i, c + 6);
}

/* Row i of r, columns c.. in TARGET_COLS order, as a target of a. */
static void
add_target(const PGresult *r, int i, int c, struct anno *a)
{
	struct anchor	*t;
	int64_t		 v;
	int		 k = (int)col_int(r, i, c);

	if (k < 0 || k > 1 || a->target[k].doc_id != NULL)
		return;
	t = &a->target[k];
	t->doc_id = col_str0(r, i, c + 1);
	t->exact = col_str0(r, i, c + 2);
	t->prefix = col_str0(r, i, c + 3);
	t->suffix = col_str0(r, i, c + 4);
	v = col_int(r, i, c + 5);
	t->start = v > 0 ? (size_t)v : 0;
	v = col_int(r, i, c + 6);
	t->end = v > 0 ? (size_t)v : 0;
	t->hash = (uint64_t)col_int(r, i, c + 7);
	if (k + 1 > a->ntargets)
		a->ntargets = k + 1;
}

static void
add_tag(struct anno *a, const char *tag, size_t *cap)
{
	a->tags = xgrow(a->tags, cap, a->ntags + 1, sizeof(*a->tags));
	a->tags[a->ntags++] = xstrdup(tag != NULL ? tag : "");
}

/*
 * The targets (statement targets, TARGET_COLS) and tags (tags, or NULL)
 * kept under key into a.
 */
static int
read_parts(struct pg *q, const char *targets, const char *tags,
    const char *key, struct anno *a)
{
	struct params	 p = { .n = 0 };
	PGresult	*r;
	size_t		 cap = 0;
	int		 i;

	p_text(&p, key);
	if ((r = exec(q, targets, &p)) == NULL)
		return -1;
	for (i = 0; i < PQntuples(r); i++)
		add_target(r, i, 0, a);
	PQclear(r);
	store_fill_targets(a);
	if (tags == NULL)
		return 0;
	if ((r = exec(q, tags, &p)) == NULL)
		return -1;
	for (i = 0; i < PQntuples(r); i++)
		add_tag(a, col(r, i, 0), &cap);
	PQclear(r);
	return 0;
}

/* The current version of id into *a (zeroed first), *found whether any. */
static int
load_current(struct pg *q, const char *id, struct anno *a, int *found)
{
	struct params	 p = { .n = 0 };
	PGresult	*r;

	memset(a, 0, sizeof(*a));
	*found = 0;
	p_text(&p, id);
	if ((r = exec(q, Q_ANNO, &p)) == NULL)
		return -1;
	if (PQntuples(r) > 0) {
		read_anno(r, 0, 0, a);
		*found = 1;
	}
	PQclear(r);
	if (!*found)
		return 0;
	return read_parts(q, Q_TARGETS, Q_TAGS, id, a);
}

/* The version change seq replaced into *b; *had 0 when it was a create. */
static int
load_before(struct pg *q, int64_t seq, struct anno *b, int *had)
{
	struct params	 p = { .n = 0 };
	PGresult	*r;
	char		 key[24];

	memset(b, 0, sizeof(*b));
	*had = 0;
	p_int(&p, seq);
	if ((r = exec(q, Q_BEFORE, &p)) == NULL)
		return -1;
	if (PQntuples(r) > 0) {
		*had = col_bool(r, 0, 7);
		if (*had)
			read_anno(r, 0, 0, b);
	}
	PQclear(r);
	if (!*had)
		return 0;
	snprintf(key, sizeof(key), "%" PRId64, seq);
	return read_parts(q, Q_BEFORE_TARGETS, Q_BEFORE_TAGS, key, b);
}

/* --- writing ------------------------------------------------------------ */

/*
 * Begin a write; one that makes a change takes the changes' lock first,
 * so that change numbers are taken and committed one writer at a time.
 */
static int
begin_write(struct pg *q, int change)
{
	if (run(q, "BEGIN", NULL) == -1)
		return -1;
	if (change && run(q, "SELECT pg_advisory_xact_lock(" LOCK_CHANGES
	    ")", NULL) == -1)
		return -1;
	return 0;
}

/*
 * Commit a write of notes: the change counter it leaves (read under the
 * lock) is seen, its own news.
 */
static int
commit_notes(struct pg *q)
{
	PGresult	*r;
	int64_t		 seq;

	if ((r = exec(q, Q_SEQ, NULL)) == NULL)
		return -1;
	seq = col_int(r, 0, 0);
	PQclear(r);
	if (run(q, "COMMIT", NULL) == -1)
		return -1;
	q->base.seq = seq;
	return 0;
}

/* Insert a's targets under key with statement sql (TARGET_COLS after $1). */
static int
write_targets(struct pg *q, const char *sql, const char *key,
    const struct anno *a)
{
	struct params	 p;
	int		 k;

	for (k = 0; k < a->ntargets; k++) {
		const struct anchor *t = &a->target[k];

		p.n = 0;
		p_text(&p, key);
		p_int(&p, k);
		p_text(&p, t->doc_id);
		p_text(&p, t->exact);
		p_text(&p, t->prefix != NULL ? t->prefix : "");
		p_text(&p, t->suffix != NULL ? t->suffix : "");
		p_int(&p, (int64_t)t->start);
		p_int(&p, (int64_t)t->end);
		p_int(&p, (int64_t)t->hash);
		if (run(q, sql, &p) == -1)
			return -1;
	}
	return 0;
}

/*
 * The author a note of a is stored under: s's (the role) when a has
 * none or the one the caller asked to write under (that name stands for
 * the role here); else a's, which the server refuses unless it is the
 * role's.
 */
static const char *
author_of(struct pg *q, const struct anno *a)
{
	if (a->author == NULL || a->author[0] == '\0' ||
	    strcmp(a->author, q->asked) == 0)
		return q->base.author;
	return a->author;
}

/*
 * Within a write transaction holding the changes' lock, make a the
 * current version of its annotation, by who: store_sqlite.c's
 * write_version, here.
 */
static int
write_version(struct pg *q, const struct anno *a, enum store_change kind,
    int64_t undoes, const char *who, enum store_times times,
    struct store_written *w)
{
	struct anno	 old;
	struct params	 p = { .n = 0 };
	PGresult	*r;
	const char	*author;
	int64_t		 now = anno_now();
	size_t		 i;
	int		 rc = -1, found;

	memset(w, 0, sizeof(*w));
	author = author_of(q, a);
	if (load_current(q, a->id, &old, &found) == -1)
		goto out;
	if (!store_plan_version(a, found ? &old : NULL, author, kind, times,
	    now, w)) {
		rc = 0;
		goto out;
	}

	/* The history: this change, and the version it replaces. */
	p_text(&p, a->id);
	p_text(&p, store_change_name(w->kind));
	p_text(&p, who);
	p_int(&p, now);
	if (undoes != 0)
		p_int(&p, undoes);
	else
		p_text(&p, NULL);
	if ((r = exec(q, found ? Q_CHANGE_OLD : Q_CHANGE_NEW, &p)) == NULL)
		goto out;
	w->seq = PQntuples(r) > 0 ? col_int(r, 0, 0) : 0;
	PQclear(r);
	if (found &&
	    (run_num_key(q, Q_CHANGE_TARGETS, w->seq, a->id) == -1 ||
	    run_num_key(q, Q_CHANGE_TAGS, w->seq, a->id) == -1))
		goto out;

	/* The new version. */
	p.n = 0;
	p_text(&p, a->id);
	p_text(&p, author);
	p_int(&p, w->created);
	p_int(&p, w->modified);
	p_text(&p, a->note != NULL ? a->note : "");
	p_text(&p, a->reply_to);
	p_bool(&p, a->deleted != 0);
	p_int(&p, w->seq);
	if (run(q, Q_ANNO_PUT, &p) == -1 ||
	    run_key(q, Q_TARGETS_DEL, a->id) == -1 ||
	    write_targets(q, Q_TARGET_ADD, a->id, a) == -1 ||
	    run_key(q, Q_TAGS_DEL, a->id) == -1)
		goto out;
	for (i = 0; i < a->ntags; i++) {
		p.n = 0;
		p_text(&p, a->id);
		p_int(&p, (int64_t)i);
		p_text(&p, a->tags[i]);
		if (run(q, Q_TAG_ADD, &p) == -1)
			goto out;
	}
	rc = 0;
out:
	anno_clear(&old);
	return rc;
}

static int
pg_put(struct store *s, struct anno *a)
{
	struct pg		*q = pg_of(s);
	struct store_written	 w;
	const char		*author;

	if (!up(q, "save the note"))
		return -1;
	author = author_of(q, a);
	if (begin_write(q, 1) == -1 ||
	    write_version(q, a, STORE_NONE, 0, s->author, STORE_TIMES_NOW,
	    &w) == -1 ||
	    commit_notes(q) == -1)
		return fail(q, "save the note");
	store_set_stored(a, author, &w);
	return 0;
}

static int
pg_merge(struct store *s, const struct anno *v, size_t n,
    struct store_merged *m)
{
	struct pg		*q = pg_of(s);
	struct store_written	 w;
	size_t			 i;

	if (!up(q, "merge the notes"))
		return -1;
	if (begin_write(q, 1) == -1)
		return fail(q, "merge the notes");
	for (i = 0; i < n; i++) {
		if (write_version(q, &v[i], STORE_NONE, 0, s->author,
		    STORE_TIMES_KEPT, &w) == -1) {
			memset(m, 0, sizeof(*m));
			return fail(q, "merge the notes");
		}
		store_count_merged(m, &w);
	}
	if (commit_notes(q) == -1) {
		memset(m, 0, sizeof(*m));
		return fail(q, "merge the notes");
	}
	return 0;
}

static int
pg_del(struct store *s, const char *id)
{
	struct pg		*q = pg_of(s);
	struct anno		 cur;
	struct store_written	 w;
	int			 rc, found = 0;

	if (!up(q, "delete the note"))
		return -1;
	memset(&cur, 0, sizeof(cur));
	if ((rc = begin_write(q, 1)) == 0 &&
	    (rc = load_current(q, id, &cur, &found)) == 0) {
		if (!found) {
			anno_clear(&cur);
			store_seterr(s, "%s: cannot delete the note: there is "
			    "no note %s", s->where, id);
			return fail(q, NULL);
		}
		if (!cur.deleted) {
			cur.deleted = 1;
			rc = write_version(q, &cur, STORE_NONE, 0, s->author,
			    STORE_TIMES_NOW, &w);
		}
	}
	anno_clear(&cur);
	if (rc == -1 || commit_notes(q) == -1)
		return fail(q, "delete the note");
	return 0;
}

static int
pg_undo(struct store *s, const char *author, enum store_change *what,
    char id[ANNO_ID_LEN + 1])
{
	struct pg		*q = pg_of(s);
	struct anno		 b;
	struct store_written	 w;
	struct params		 p = { .n = 0 };
	PGresult		*r;
	enum store_change	 kind = STORE_NONE;
	int64_t			 seq = 0;
	char			 aid[ANNO_ID_LEN + 1] = "";
	const char		*t;
	int			 had, found;

	if (!up(q, "undo"))
		return -1;
	if (strcmp(author, q->asked) == 0)
		author = s->author;
	memset(&b, 0, sizeof(b));
	if (begin_write(q, 1) == -1)
		goto fail;
	p_text(&p, author);
	if ((r = exec(q, Q_LAST_CHANGE, &p)) == NULL)
		goto fail;
	if (PQntuples(r) > 0) {
		seq = col_int(r, 0, 0);
		t = col(r, 0, 1);
		snprintf(aid, sizeof(aid), "%s", t != NULL ? t : "");
		kind = store_change_of(col(r, 0, 2));
	}
	PQclear(r);
	if (seq == 0) {			/* nothing to undo: commit nothing */
		if (run(q, "COMMIT", NULL) == -1)
			goto fail;
		return 0;
	}
	/* (LAST_CHANGE passes undos over: one would be damage too.) */
	if (kind == STORE_NONE || kind == STORE_UNDONE) {
		store_seterr(s, "%s: cannot undo: the history is damaged",
		    s->where);
		return fail(q, NULL);
	}

	/* Someone else's change on top would be lost: refuse. */
	p.n = 0;
	p_text(&p, aid);
	p_int(&p, seq);
	p_text(&p, author);
	if ((r = exec(q, Q_CHANGED_BY_OTHERS, &p)) == NULL)
		goto fail;
	if (PQntuples(r) > 0) {
		store_seterr(s, "%s: cannot undo: %s has changed that note "
		    "since", s->where, col(r, 0, 0) != NULL ? col(r, 0, 0) :
		    "someone");
		PQclear(r);
		return fail(q, NULL);
	}
	PQclear(r);

	/* The version before it; before a create, a tombstone. */
	if (load_before(q, seq, &b, &had) == -1)
		goto fail;
	if (!had) {
		if (load_current(q, aid, &b, &found) == -1)
			goto fail;
		if (!found) {
			store_seterr(s, "%s: cannot undo: the note is not "
			    "there", s->where);
			anno_clear(&b);
			return fail(q, NULL);
		}
		b.deleted = 1;
	}
	if (write_version(q, &b, STORE_UNDONE, seq, author, STORE_TIMES_NOW,
	    &w) == -1)
		goto fail;
	p.n = 0;
	p_int(&p, seq);
	p_int(&p, w.seq);
	if (run(q, Q_MARK_UNDONE, &p) == -1)
		goto fail;
	anno_clear(&b);
	if (commit_notes(q) == -1)
		goto fail;
	*what = kind;
	memcpy(id, aid, sizeof(aid));
	return 0;
fail:
	anno_clear(&b);
	return fail(q, "undo");
}

/* --- reading ------------------------------------------------------------ */

/* Begin a read: what follows sees one state of the store. */
static int
begin_read(struct pg *q)
{
	return run(q, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
	    NULL);
}

static int
pg_get(struct store *s, const char *id, struct anno *a)
{
	struct pg	*q = pg_of(s);
	int		 found = 0;

	if (!up(q, "read the note"))
		return -1;
	if (begin_read(q) == -1 || load_current(q, id, a, &found) == -1 ||
	    run(q, "COMMIT", NULL) == -1) {
		anno_clear(a);
		return fail(q, "read the note");
	}
	return found ? 0 : 1;
}

/* An index of annotations by id, for attaching their parts. */
static const struct anno *by_id_base;

static int
by_id(const void *x, const void *y)
{
	return strcmp(by_id_base[*(const size_t *)x].id,
	    by_id_base[*(const size_t *)y].id);
}

/* The annotation of v (sorted by id through ix) with id, or NULL. */
static struct anno *
find(struct anno *v, const size_t *ix, size_t n, const char *id)
{
	size_t	 lo = 0, hi = n, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(id, v[ix[mid]].id)) == 0)
			return &v[ix[mid]];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static int
pg_list(struct store *s, int64_t since, int flags, struct anno **vp,
    size_t *np, int64_t *seq)
{
	struct pg	*q = pg_of(s);
	struct params	 p = { .n = 0 };
	PGresult	*r = NULL;
	struct anno	*v = NULL, *a;
	size_t		*ix = NULL, *caps = NULL, n = 0, i;
	int		 k;

	if (!up(q, "read the notes"))
		return -1;
	if (since < 0)
		p_bool(&p, (flags & STORE_TOMBSTONES) != 0);
	else
		p_int(&p, since);
	if (begin_read(q) == -1 ||
	    (r = exec(q, since < 0 ? Q_LIST : Q_SINCE, &p)) == NULL)
		goto fail;
	n = (size_t)PQntuples(r);
	v = xcalloc(n > 0 ? n : 1, sizeof(*v));
	for (i = 0; i < n; i++)
		read_anno(r, (int)i, 0, &v[i]);
	PQclear(r);

	/* The parts of them all, in one statement each. */
	ix = xcalloc(n > 0 ? n : 1, sizeof(*ix));
	caps = xcalloc(n > 0 ? n : 1, sizeof(*caps));
	for (i = 0; i < n; i++)
		ix[i] = i;
	by_id_base = v;
	qsort(ix, n, sizeof(*ix), by_id);
	if ((r = exec(q, since < 0 ? Q_LIST_TARGETS : Q_SINCE_TARGETS,
	    &p)) == NULL)
		goto fail;
	for (k = 0; k < PQntuples(r); k++)
		if ((a = find(v, ix, n, PQgetvalue(r, k, 0))) != NULL)
			add_target(r, k, 1, a);
	PQclear(r);
	if ((r = exec(q, since < 0 ? Q_LIST_TAGS : Q_SINCE_TAGS, &p)) ==
	    NULL)
		goto fail;
	for (k = 0; k < PQntuples(r); k++)
		if ((a = find(v, ix, n, PQgetvalue(r, k, 0))) != NULL)
			add_tag(a, col(r, k, 1), &caps[a - v]);
	PQclear(r);
	for (i = 0; i < n; i++)
		store_fill_targets(&v[i]);
	if ((r = exec(q, Q_SEQ, NULL)) == NULL)
		goto fail;
	*seq = col_int(r, 0, 0);
	PQclear(r);
	if (run(q, "COMMIT", NULL) == -1)
		goto fail;
	free(ix);
	free(caps);
	if (n == 0) {
		free(v);
		v = NULL;
	}
	*vp = v;
	*np = n;
	return 0;
fail:
	free(ix);
	free(caps);
	store_free_annos(v, n);
	return fail(q, "read the notes");
}

static int
pg_history(struct store *s, const char *id, struct store_version **vp,
    size_t *np)
{
	struct pg		*q = pg_of(s);
	struct store_version	*v = NULL, *x;
	struct params		 p = { .n = 0 };
	PGresult		*r = NULL;
	char			 key[24];
	size_t			 n = 0, i;

	if (!up(q, "read the note's history"))
		return -1;
	p_text(&p, id);
	if (begin_read(q) == -1 || (r = exec(q, Q_HISTORY, &p)) == NULL)
		goto fail;
	n = (size_t)PQntuples(r);
	v = xcalloc(n > 0 ? n : 1, sizeof(*v));
	for (i = 0; i < n; i++) {
		x = &v[i];
		x->had = col_bool(r, (int)i, 7);
		if (x->had)
			read_anno(r, (int)i, 0, &x->before);
		x->seq = col_int(r, (int)i, 8);
		x->change = store_change_of(col(r, (int)i, 9));
		x->by = col_str0(r, (int)i, 10);
		x->at = col_int(r, (int)i, 11);
		x->undone = col(r, (int)i, 12) != NULL;
	}
	PQclear(r);
	for (i = 0; i < n; i++) {
		if (!v[i].had)
			continue;
		snprintf(key, sizeof(key), "%" PRId64, v[i].seq);
		if (read_parts(q, Q_BEFORE_TARGETS, Q_BEFORE_TAGS, key,
		    &v[i].before) == -1)
			goto fail;
	}
	if (run(q, "COMMIT", NULL) == -1)
		goto fail;
	if (n == 0) {
		free(v);
		v = NULL;
	}
	*vp = v;
	*np = n;
	return 0;
fail:
	store_free_versions(v, n);
	return fail(q, "read the note's history");
}

/* --- news --------------------------------------------------------------- */

static void
pg_watch(const struct store *s, int *fd, int *interval_ms)
{
	const struct pg	*q = pg_of(s);

	if (q->conn != NULL && PQstatus(q->conn) == CONNECTION_OK) {
		*fd = PQsocket(q->conn);
		*interval_ms = WATCH_MS;
	} else {
		*fd = -1;
		*interval_ms = OFFLINE_MS;
	}
}

/*
 * Read what the server sent: others' notifications become news (ours,
 * from our own backend, are not).  No statement is run: a socket with
 * nothing on it costs nothing.
 */
static int
look(struct pg *q, const char *what)
{
	PGnotify	*n;

	if (!up(q, what))
		return -1;
	if (!PQconsumeInput(q->conn))
		return fail(q, what);
	while ((n = PQnotifies(q->conn)) != NULL) {
		if (n->be_pid != q->be_pid) {
			if (strcmp(n->relname, "diptych_note") == 0)
				q->base.changed = 1;
			else if (strcmp(n->relname, "diptych_place") == 0)
				q->base.moved = 1;
		}
		PQfreemem(n);
	}
	if (PQstatus(q->conn) == CONNECTION_BAD)
		return fail(q, what);
	return 0;
}

static int
pg_look(struct store *s, const char *what)
{
	return look(pg_of(s), what);
}

/* --- places and drafts -------------------------------------------------- */

/* Columns c.. of row i (POSITION_GET's order) into p. */
static void
read_position(const PGresult *r, int i, int c, struct store_position *p)
{
	int64_t	 v;

	v = col_int(r, i, c);
	p->offset[0] = v > 0 ? (size_t)v : 0;
	v = col_int(r, i, c + 1);
	p->offset[1] = v > 0 ? (size_t)v : 0;
	p->focus = col_int(r, i, c + 2) == 1;
	p->sync = col_bool(r, i, c + 3);
	p->saved = col_int(r, i, c + 4);
	store_set_following(p, col(r, i, c + 5));
}

static int
pg_position_put(struct store *s, const char *left, const char *right,
    struct store_position *p)
{
	struct pg	*q = pg_of(s);
	struct params	 v = { .n = 0 };
	PGresult	*r;
	int64_t		 now = anno_now();

	if (!up(q, "keep the reading position"))
		return -1;
	p_text(&v, s->author);
	p_text(&v, left);
	p_text(&v, right);
	p_int(&v, (int64_t)p->offset[0]);
	p_int(&v, (int64_t)p->offset[1]);
	p_int(&v, p->focus);
	p_bool(&v, p->sync != 0);
	p_int(&v, now);
	p_text(&v, p->following);
	if (run(q, "BEGIN", NULL) == -1 || run(q, Q_POSITION_PUT, &v) == -1 ||
	    (r = exec(q, Q_COUNTERS, NULL)) == NULL)
		return fail(q, "keep the reading position");
	q->base.moves = col_int(r, 0, 1);
	PQclear(r);
	if (run(q, "COMMIT", NULL) == -1)
		return fail(q, "keep the reading position");
	p->saved = now;
	return 0;
}

static int
pg_position_get(struct store *s, const char *left, const char *right,
    struct store_position *p)
{
	struct pg	*q = pg_of(s);
	struct params	 v = { .n = 0 };
	PGresult	*r;
	int		 found;

	if (!up(q, "read the reading position"))
		return -1;
	p_text(&v, s->author);
	p_text(&v, left);
	p_text(&v, right);
	if ((r = exec(q, Q_POSITION_GET, &v)) == NULL)
		return fail(q, "read the reading position");
	if ((found = PQntuples(r) > 0))
		read_position(r, 0, 0, p);
	PQclear(r);
	return found ? 0 : 1;
}

/* As store_sqlite.c's: latest first, an author once. */
static int
pg_readers(struct store *s, const char *left, const char *right,
    int64_t since, struct store_reader **vp, size_t *np)
{
	struct pg		*q = pg_of(s);
	struct store_reader	*v = NULL, *x;
	struct params		 p = { .n = 0 };
	PGresult		*r;
	size_t			 n = 0, cap = 0;
	int			 k;

	if (!up(q, "list who is reading"))
		return -1;
	p_text(&p, left);
	p_text(&p, right);
	p_int(&p, since);
	if ((r = exec(q, Q_READERS, &p)) == NULL)
		return fail(q, "list who is reading");
	for (k = 0; k < PQntuples(r); k++)
		if ((x = store_add_reader(&v, &n, &cap, col(r, k, 0))) != NULL)
			read_position(r, k, 1, &x->pos);
	PQclear(r);
	*vp = v;
	*np = n;
	return 0;
}

static int
pg_draft_save(struct store *s, const struct anno *d)
{
	struct pg	*q = pg_of(s);
	struct params	 p = { .n = 0 };

	if (!up(q, "keep the draft"))
		return -1;
	p_text(&p, s->author);
	p_text(&p, d->id);
	p_text(&p, d->note != NULL ? d->note : "");
	p_text(&p, d->reply_to);
	p_int(&p, anno_now());
	if (begin_write(q, 0) == -1 ||
	    run_key(q, Q_DRAFT_TARGETS_DEL, s->author) == -1 ||
	    run(q, Q_DRAFT_PUT, &p) == -1 ||
	    write_targets(q, Q_DRAFT_TARGET_ADD, s->author, d) == -1 ||
	    run(q, "COMMIT", NULL) == -1)
		return fail(q, "keep the draft");
	return 0;
}

static int
pg_draft_get(struct store *s, struct anno *d)
{
	struct pg	*q = pg_of(s);
	struct params	 p = { .n = 0 };
	PGresult	*r;
	const char	*t;
	int		 found = 0;

	if (!up(q, "read the draft"))
		return -1;
	p_text(&p, s->author);
	if (begin_read(q) == -1 || (r = exec(q, Q_DRAFT_GET, &p)) == NULL)
		goto fail;
	if (PQntuples(r) > 0) {
		t = col(r, 0, 0);
		snprintf(d->id, sizeof(d->id), "%s", t != NULL ? t : "");
		d->author = xstrdup(s->author);
		d->note = col_str0(r, 0, 1);
		d->reply_to = col_str(r, 0, 2);
		d->created = d->modified = col_int(r, 0, 3);
		found = 1;
	}
	PQclear(r);
	if (found && read_parts(q, Q_DRAFT_TARGETS, NULL, s->author, d) == -1)
		goto fail;
	if (run(q, "COMMIT", NULL) == -1)
		goto fail;
	if (!found)
		return 1;
	anno_tags_from_note(d);
	return 0;
fail:
	anno_clear(d);
	return fail(q, "read the draft");
}

static int
pg_draft_clear(struct store *s)
{
	struct pg	*q = pg_of(s);

	if (!up(q, "forget the draft"))
		return -1;
	if (begin_write(q, 0) == -1 ||
	    run_key(q, Q_DRAFT_TARGETS_DEL, s->author) == -1 ||
	    run_key(q, Q_DRAFT_DEL, s->author) == -1 ||
	    run(q, "COMMIT", NULL) == -1)
		return fail(q, "forget the draft");
	return 0;
}

/* --- opening, and opening again ------------------------------------------ */

/*
 * Make q's new connection q->conn ready: who we are, whether the
 * schema is there for us and of which version, what we may write;
 * listen; read the counters.  0; 1 when the server refuses us for good
 * (*err says why, caller frees); -1 when the connection broke.
 */
static int
settle(struct pg *q, char **err)
{
	PGresult	*r;
	char		*who;
	int		 ours, usable, ro, version;
	int64_t		 seq, moves;

	*err = NULL;
	PQsetNoticeProcessor(q->conn, quiet, NULL);
	PQsetErrorVerbosity(q->conn, PQERRORS_DEFAULT);
	q->be_pid = PQbackendPID(q->conn);
	if ((r = exec(q, Q_WHO, NULL)) == NULL)
		goto broke;
	who = col_str0(r, 0, 0);
	ours = col_bool(r, 0, 1);
	usable = col_bool(r, 0, 2);
	ro = col_bool(r, 0, 3);
	PQclear(r);
	/* The role is the author: what store_author says, and checks. */
	free(q->base.author);
	q->base.author = who;
	q->known = 1;
	if (!ours) {
		*err = store_printf("%s: not a diptych seminar database (run "
		    "diptych --seminar-init URL first)", q->base.where);
		return 1;
	}
	if (!usable) {
		*err = store_printf("%s: %s is not a participant: the server "
		    "grants the role no use of the diptych schema (ask the "
		    "seminar's owner)", q->base.where, who);
		return 1;
	}
	if ((r = exec(q, Q_VERSION, NULL)) == NULL) {
		if (PQstatus(q->conn) == CONNECTION_BAD)
			goto broke;
		*err = store_printf("%s: %s is not a participant: the server "
		    "does not let the role read the seminar (ask the "
		    "seminar's owner)", q->base.where, who);
		PQclear(q->last);
		q->last = NULL;
		return 1;
	}
	version = PQntuples(r) > 0 ? (int)col_int(r, 0, 0) : 0;
	PQclear(r);
	if (version < 1) {
		*err = store_printf("%s: the diptych schema is damaged: no "
		    "version in diptych.meta", q->base.where);
		return 1;
	}
	if (version > SCHEMA_VERSION && (q->flags & STORE_WRITE)) {
		*err = store_printf("%s: made by a newer diptych (seminar "
		    "schema version %d; this one knows %d): upgrade diptych",
		    q->base.where, version, SCHEMA_VERSION);
		return 1;
	}
	q->version = version;
	free(q->base.readonly);
	q->base.readonly = NULL;
	if (!(q->flags & STORE_WRITE))
		q->base.readonly = xstrdup("it was opened read-only");
	else if (ro)
		q->base.readonly = xstrdup("the server is read-only");
	else {
		if ((r = exec(q, Q_RIGHTS, NULL)) == NULL)
			goto broke;
		if (!col_bool(r, 0, 0))
			q->base.readonly = store_printf("the server lets %s "
			    "read the seminar, not write to it (ask the "
			    "seminar's owner)", who);
		PQclear(r);
	}
	if (run(q, "LISTEN diptych_note", NULL) == -1 ||
	    run(q, "LISTEN diptych_place", NULL) == -1 ||
	    (r = exec(q, Q_COUNTERS, NULL)) == NULL)
		goto broke;
	seq = col_int(r, 0, 0);
	moves = col_int(r, 0, 1);
	PQclear(r);
	/* Back after being away: what moved meanwhile is news. */
	store_saw(&q->base, seq, moves);
	return 0;
broke:
	if (PQstatus(q->conn) != CONNECTION_BAD) {
		char	 line[256];

		*err = store_printf("%s: cannot read it: %s", q->base.where,
		    q->last != NULL ? one_line(PQresultErrorMessage(q->last),
		    line, sizeof(line)) : "no result");
		PQclear(q->last);
		q->last = NULL;
		return 1;
	}
	PQclear(q->last);
	q->last = NULL;
	return -1;
}

/*
 * Carry q's pending connection on for at most budget ms: REACH_OK once
 * it is q->conn and settled; REACH_TRYING; REACH_AWAY (it is dropped,
 * *why says why: caller frees); REACH_REFUSED (*why says why).
 */
static enum reach
connect_on(struct pg *q, int budget_ms, char **why)
{
	enum reach	 e;
	char		 line[256];
	int		 rc;

	*why = NULL;
	if (q->pending == NULL) {
		if ((q->pending = start(q->url, &q->timeout_ms)) == NULL) {
			*why = xstrdup("out of memory");
			return REACH_AWAY;
		}
		q->poll = PGRES_POLLING_WRITING;
		q->started = now_ms();
	}
	if ((e = advance(q, budget_ms)) == REACH_TRYING)
		return e;
	if (e != REACH_OK) {
		if (PQstatus(q->pending) == CONNECTION_BAD)
			one_line(PQerrorMessage(q->pending), line,
			    sizeof(line));
		else
			snprintf(line, sizeof(line), "no answer in %d s",
			    q->timeout_ms / 1000);
		*why = xstrdup(line);
		/* Never connected: the author is the role the URL names. */
		if (!q->known && PQuser(q->pending) != NULL &&
		    PQuser(q->pending)[0] != '\0') {
			free(q->base.author);
			q->base.author = xstrdup(PQuser(q->pending));
		}
		PQfinish(q->pending);
		q->pending = NULL;
		return e;
	}
	q->conn = q->pending;
	q->pending = NULL;
	if ((rc = settle(q, why)) == 0)
		return REACH_OK;
	if (rc == -1) {
		*why = xstrdup(one_line(PQerrorMessage(q->conn), line,
		    sizeof(line)));
		drop(q);
		return REACH_AWAY;
	}
	drop(q);
	return REACH_REFUSED;
}

static int
pg_connected(const struct store *s)
{
	const struct pg	*q = pg_of(s);

	return q->conn != NULL && PQstatus(q->conn) == CONNECTION_OK;
}

static int
pg_reconnect(struct store *s)
{
	struct pg	*q = pg_of(s);
	char		*why;

	if (pg_connected(s))
		return 1;
	if (q->conn != NULL)
		drop(q);
	switch (connect_on(q, STEP_MS, &why)) {
	case REACH_OK:
		return 1;
	case REACH_TRYING:
		return 0;
	case REACH_AWAY:
		store_seterr(s, "%s: the server is unreachable (%s)",
		    s->where, why);
		free(why);
		return 0;
	case REACH_REFUSED:
		/* settle's messages name the store already. */
		if (strncmp(why, s->where, strlen(s->where)) == 0)
			store_seterr(s, "%s", why);
		else
			store_seterr(s, "%s: the server refuses us: %s",
			    s->where, why);
		free(why);
		return -1;
	}
	return 0;
}

static void
pg_close(struct store *s)
{
	struct pg	*q = pg_of(s);

	PQfinish(q->conn);
	PQfinish(q->pending);
	PQclear(q->last);
	free(q->url);
	free(q->asked);
	store_fini(s);
	free(q);
}

static int
pg_open(struct store **sp, const char *where, const char *author,
    int flags, char **err)
{
	struct pg	*q;
	PQconninfoOption *opts;
	char		*shown, *why = NULL, *perr = NULL;
	enum reach	 e;

	if (pq_load(err) == -1)
		return -1;
	shown = redact(where);
	if ((opts = PQconninfoParse(where, &perr)) == NULL) {
		*err = store_printf("%s: not a PostgreSQL URL: %s", shown,
		    perr != NULL ? strtok(perr, "\n") : "out of memory");
		PQfreemem(perr);
		free(shown);
		return -1;
	}
	PQconninfoFree(opts);
	q = xcalloc(1, sizeof(*q));
	store_init(&q->base, &store_pg_ops, shown, author);
	free(shown);
	q->url = xstrdup(where);
	q->asked = xstrdup(author);
	q->flags = flags;
	/* A connection made, however long its timeout says. */
	do
		e = connect_on(q, 1000, &why);
	while (e == REACH_TRYING);
	if (e == REACH_OK) {
		*sp = &q->base;
		return 0;
	}
	if (e == REACH_REFUSED) {
		if (strncmp(why, q->base.where, strlen(q->base.where)) == 0)
			*err = why;
		else {
			*err = store_printf("%s: the server refuses us: %s",
			    q->base.where, why);
			free(why);
		}
		pg_close(&q->base);
		return -1;
	}
	if (!(flags & STORE_OFFLINE)) {
		*err = store_printf("%s: the server is unreachable (%s)",
		    q->base.where, why);
		free(why);
		pg_close(&q->base);
		return -1;
	}
	/*
	 * Not there now: open, not connected, under the role the URL logs
	 * in as (connect_on took it), as it will be once connected.
	 */
	store_seterr(&q->base, "%s: the server is unreachable (%s)",
	    q->base.where, why);
	free(why);
	if (!(flags & STORE_WRITE))
		q->base.readonly = xstrdup("it was opened read-only");
	*sp = &q->base;
	return 0;
}

/* --- making a seminar --------------------------------------------------- */

int
store_init_seminar(const char *url, char **err)
{
	const char	*keys[4] = { "fallback_application_name", "dbname",
			    NULL, NULL };
	const char	*vals[4] = { "diptych", url, NULL, NULL };
	PGconn		*c;
	PGresult	*r = NULL;
	char		*shown = redact(url), line[256], v[16];
	const char	*why = NULL;
	int		 version = 0, i;

	*err = NULL;
	if (pq_load(err) == -1) {
		free(shown);
		return -1;
	}
	if (strncmp(url, "postgresql://", 13) != 0 &&
	    strncmp(url, "postgres://", 11) != 0) {
		*err = store_printf("%s: not a postgresql:// URL", shown);
		free(shown);
		return -1;
	}
	if (getenv("PGCONNECT_TIMEOUT") == NULL) {
		keys[2] = keys[1];
		vals[2] = vals[1];
		keys[1] = "connect_timeout";
		vals[1] = CONNECT_S;
	}
	c = PQconnectdbParams(keys, vals, 1);
	if (c == NULL || PQstatus(c) != CONNECTION_OK) {
		*err = store_printf("%s: cannot connect: %s", shown,
		    c != NULL ? one_line(PQerrorMessage(c), line,
		    sizeof(line)) : "out of memory");
		PQfinish(c);
		free(shown);
		return -1;
	}
	PQsetNoticeProcessor(c, quiet, NULL);
	/* One transaction: all of it or none; one maker at a time. */
	r = PQexec(c, "BEGIN; SELECT pg_advisory_xact_lock(" LOCK_INIT ");"
	    " SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n"
	    " JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid"
	    " WHERE n.nspname = 'diptych' AND c.relname = 'meta')");
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		goto fail;
	if (col_bool(r, 0, 0)) {
		PQclear(r);
		r = PQexec(c, "SELECT coalesce(max(version), 0)"
		    " FROM diptych.meta");
		if (PQresultStatus(r) != PGRES_TUPLES_OK)
			goto fail;
		version = (int)col_int(r, 0, 0);
	}
	PQclear(r);
	r = NULL;
	if (version > SCHEMA_VERSION) {
		*err = store_printf("%s: made by a newer diptych (seminar "
		    "schema version %d; this one knows %d)", shown, version,
		    SCHEMA_VERSION);
		goto out;
	}
	for (i = version; i < SCHEMA_VERSION; i++) {
		r = PQexec(c, steps[i]);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			goto fail;
		PQclear(r);
	}
	snprintf(v, sizeof(v), "%d", SCHEMA_VERSION);
	vals[0] = v;
	r = PQexecParams(c, "UPDATE diptych.meta SET version = $1", 1, NULL,
	    vals, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		goto fail;
	PQclear(r);
	r = PQexec(c, "COMMIT");
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		goto fail;
	PQclear(r);
	PQfinish(c);
	free(shown);
	return 0;
fail:
	why = r != NULL ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) :
	    NULL;
	*err = store_printf("%s: cannot make the seminar's schema: %s", shown,
	    why != NULL ? why : one_line(PQerrorMessage(c), line,
	    sizeof(line)));
out:
	PQclear(r);
	PQfinish(c);
	free(shown);
	return -1;
}

const struct store_ops store_pg_ops = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.put = pg_put,
	.merge = pg_merge,
	.del = pg_del,
	.undo = pg_undo,
	.get = pg_get,
	.list = pg_list,
	.history = pg_history,
	.watch = pg_watch,
	.look = pg_look,
	.position_put = pg_position_put,
	.position_get = pg_position_get,
	.readers = pg_readers,
	.draft_save = pg_draft_save,
	.draft_get = pg_draft_get,
	.draft_clear = pg_draft_clear,
	.connected = pg_connected,
	.reconnect = pg_reconnect,
};
