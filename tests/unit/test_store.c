/*
 * test_store.c: the annotation store and its backends: notes, their
 * history and undo, changes since, positions, drafts; files that are
 * not stores, damaged, newer, read-only or full; two writers at once; a
 * writer killed right after a save.
 *
 * Run with no argument, the tests run on the SQLite backend.  Run as
 * "test_store --pg" (tests/store-pg.sh does, with a server of its own),
 * those of the contract that apply to both run on the PostgreSQL
 * backend, with the tests of what only a server does: row-level
 * security, notifications through the socket, a server restarted or
 * away.  The URLs come from DIPTYCH_PG_URL (the owner's),
 * DIPTYCH_PG_URL_ANA, _BO and _KIM; without them the PostgreSQL tests
 * are skipped.  There, each test starts from an empty seminar, and an
 * author's store is the seminar logged in as that author's role.
 *
 * Each test works in a new folder under $TMPDIR.  Child processes (the
 * writers, the killed one, a reader without root's rights) report with
 * their exit status, never with cmocka.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <poll.h>

#include <cmocka.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "diptych/anno.h"
#include "diptych/store.h"
#include "diptych/util.h"
#include "store_impl.h"

#define NOBODY	65534

static char	 dir[256];		/* this test's folder */
static int	 pg;			/* the tests run on PostgreSQL */
/* The author of notes from another store: on PostgreSQL, the server
   lets one merge only one's own. */
static const char *foreign = "kim";

/*
 * Where author's store is: path, or on PostgreSQL the seminar logged in
 * as author's role (DIPTYCH_PG_URL_ANA for "ana"; ana's for names that
 * are no role).
 */
static const char *
where_for(const char *path, const char *author)
{
	char		 var[64];
	const char	*url;
	size_t		 i;

	if (!pg)
		return path;
	snprintf(var, sizeof(var), "DIPTYCH_PG_URL_%.20s", author);
	for (i = strlen("DIPTYCH_PG_URL_"); var[i] != '\0'; i++)
		var[i] = (char)(var[i] >= 'a' && var[i] <= 'z' ?
		    var[i] - 'a' + 'A' : var[i]);
	if ((url = getenv(var)) == NULL)
		url = getenv("DIPTYCH_PG_URL_ANA");
	assert_non_null(url);
	return url;
}

static void
quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* Run sql as the role of url; its SQLSTATE, "" when it worked. */
static const char *
sql_as(const char *url, const char *sql)
{
	static char	 state[8];
	PGconn		*c = PQconnectdb(url);

	PGresult	*r;
	const char	*e;

	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("%s", PQerrorMessage(c));
	PQsetNoticeProcessor(c, quiet, NULL);
	r = PQexec(c, sql);
	e = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	snprintf(state, sizeof(state), "%s", e != NULL ? e : "");
	PQclear(r);
	PQfinish(c);
	return state;
}

/* Run sql as the seminar's owner; it must work. */
static void
owner_sql(const char *sql)
{
	const char	*state = sql_as(getenv("DIPTYCH_PG_URL"), sql);

	if (state[0] != '\0')
		fail_msg("%s: SQLSTATE %s", sql, state);
}

/* A path in this test's folder (static: one at a time per buffer). */
static const char *
path_in(char buf[PATH_MAX], const char *name)
{
	snprintf(buf, PATH_MAX, "%s/%s", dir, name);
	return buf;
}

static int
setup(void **state)
{
	const char	*tmp = getenv("TMPDIR");

	(void)state;
	snprintf(dir, sizeof(dir), "%s/diptych-store-XXXXXX",
	    tmp != NULL && tmp[0] == '/' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		return -1;
	return 0;
}

/* On PostgreSQL, an empty seminar too. */
static int
setup_pg(void **state)
{
	if (setup(state) == -1)
		return -1;
	owner_sql("DROP TRIGGER IF EXISTS boom ON diptych.tag;"
	    "TRUNCATE diptych.anno, diptych.target, diptych.tag,"
	    " diptych.change, diptych.change_target, diptych.change_tag,"
	    " diptych.position, diptych.draft, diptych.draft_target");
	return 0;
}

static int
rm_one(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
	(void)sb;
	(void)f;
	if (flag == FTW_DP)
		return rmdir(p);
	return unlink(p);
}

static int
teardown(void **state)
{
	(void)state;
	chmod(dir, 0700);
	return nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A new note on one passage of ogi-2024 (anno_clear it). */
static void
new_note(struct anno *a, const char *note)
{
	memset(a, 0, sizeof(*a));
	assert_int_equal(anno_new_id(a->id), 0);
	a->note = xstrdup(note);
	anno_tags_from_note(a);
	a->ntargets = 1;
	a->target[0].doc_id = xstrdup("ogi-2024");
	a->target[0].exact = xstrdup("Camp David");
	a->target[0].prefix = xstrdup("at ");
	a->target[0].suffix = xstrdup(" in August");
	a->target[0].start = 120;
	a->target[0].end = 130;
	a->target[0].hash = 0xfedcba9876543210ULL;	/* above INT64_MAX */
}

static struct store *
open_ok(const char *path, const char *author, int flags)
{
	struct store	*s;
	char		*err;

	if (store_open(&s, where_for(path, author), author, flags, &err) ==
	    -1)
		fail_msg("%s", err);
	assert_null(err);
	return s;
}

/*
 * Let the news others committed reach s: on PostgreSQL a notification
 * travels apart from the commit that sent it, and any statement's round
 * trip brings those sent before it.
 */
static void
news_in(struct store *s)
{
	struct store_position	 p;

	if (pg)
		assert_int_not_equal(store_position_get(s, "-", "-", &p), -1);
}

/* store_changed and store_moved, once what others did has arrived. */
static int
changed(struct store *s)
{
	news_in(s);
	return store_changed(s);
}

static int
moved(struct store *s)
{
	news_in(s);
	return store_moved(s);
}

/* Open must fail with a message containing want. */
static void
open_fails(const char *path, int flags, const char *want)
{
	struct store	*s;
	char		*err;

	assert_int_equal(store_open(&s, path, "ana", flags, &err), -1);
	assert_null(s);
	assert_non_null(err);
	assert_null(strchr(err, '\n'));		/* one line */
	if (strstr(err, want) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", err, want);
	free(err);
}

static void
put_ok(struct store *s, struct anno *a)
{
	if (store_put(s, a) == -1)
		fail_msg("%s", store_error(s));
}

static void
error_says(struct store *s, const char *want)
{
	if (strstr(store_error(s), want) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", store_error(s), want);
}

/* The number of annotations (tombstones too with flags). */
static size_t
count(struct store *s, int flags)
{
	struct anno	*v;
	size_t		 n;

	if (store_list(s, flags, &v, &n, NULL) == -1)
		fail_msg("%s", store_error(s));
	store_free_annos(v, n);
	return n;
}

/* A file's bytes and times, to show it was left alone. */
struct snapshot {
	char		*data;
	size_t		 len;
	struct stat	 st;
};

static void
snap(const char *path, struct snapshot *f)
{
	assert_int_equal(stat(path, &f->st), 0);
	assert_int_equal(util_read_file(path, &f->data, &f->len), 0);
}

static void
assert_unchanged(const char *path, struct snapshot *f)
{
	struct snapshot	 now;
	char		 side[PATH_MAX + 16];

	snap(path, &now);
	assert_int_equal(now.len, f->len);
	assert_memory_equal(now.data, f->data, f->len);
	assert_int_equal(now.st.st_mtim.tv_sec, f->st.st_mtim.tv_sec);
	assert_int_equal(now.st.st_mtim.tv_nsec, f->st.st_mtim.tv_nsec);
	assert_int_equal(now.st.st_mode, f->st.st_mode);
	free(now.data);
	free(f->data);
	/* No journal was started on it either. */
	snprintf(side, sizeof(side), "%s-journal", path);
	assert_int_equal(access(side, F_OK), -1);
}

/* Run fn in a child process; its exit status (128 + signal if killed). */
static int
in_child(int (*fn)(void *), void *arg)
{
	pid_t	 pid;
	int	 status;

	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == 0)
		_exit(fn(arg));
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) :
	    128 + WTERMSIG(status);
}

/* Run a raw SQL statement on the file path (the test's own connection). */
static void
raw_exec(const char *path, const char *sql)
{
	sqlite3	*db;
	char	*msg = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

/* The file's PRAGMA user_version, read through the test's connection. */
static int
user_version(const char *path)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	int		 v;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* --- notes, history, undo ------------------------------------------------ */

static void
a_note_put_is_read_back_whole(void **state)
{
	char		 p[PATH_MAX];
	struct store	*s;
	struct anno	 a, b, *v;
	size_t		 n;
	int64_t		 seq, before = anno_now();

	(void)state;
	s = open_ok(path_in(p, "a.db"), "ana", STORE_WRITE | STORE_CREATE);
	assert_true(store_writable(s));
	assert_string_equal(store_author(s), "ana");
	if (pg)
		assert_string_equal(store_where(s), where_for(p, "ana"));
	else
		assert_string_equal(store_where(s), p);
	new_note(&a, "the summit #trilateral #deterrence");
	a.ntargets = 2;
	a.target[1].doc_id = xstrdup("koga-2023");
	a.target[1].exact = xstrdup("Vostochny");
	a.target[1].start = 7;
	a.target[1].end = 16;
	a.reply_to = xstrdup("0b8e6f0a-3c1d-4f5e-9a7b-2c4d6e8f0a1b");
	put_ok(s, &a);
	/* The author and times are what was stored. */
	assert_string_equal(a.author, "ana");
	assert_true(a.created >= before && a.modified == a.created);

	assert_int_equal(store_get(s, a.id, &b), 0);
	assert_string_equal(b.id, a.id);
	assert_string_equal(b.author, "ana");
	assert_int_equal(b.created, a.created);
	assert_int_equal(b.modified, a.modified);
	assert_string_equal(b.note, "the summit #trilateral #deterrence");
	assert_int_equal(b.ntags, 2);
	assert_string_equal(b.tags[0], "trilateral");
	assert_string_equal(b.tags[1], "deterrence");
	assert_int_equal(b.ntargets, 2);
	assert_string_equal(b.target[0].doc_id, "ogi-2024");
	assert_string_equal(b.target[0].exact, "Camp David");
	assert_string_equal(b.target[0].prefix, "at ");
	assert_string_equal(b.target[0].suffix, " in August");
	assert_int_equal(b.target[0].start, 120);
	assert_int_equal(b.target[0].end, 130);
	assert_true(b.target[0].hash == 0xfedcba9876543210ULL);
	assert_string_equal(b.target[1].doc_id, "koga-2023");
	assert_string_equal(b.target[1].prefix, "");	/* none: "" */
	assert_string_equal(b.reply_to, a.reply_to);
	assert_int_equal(b.deleted, 0);
	anno_clear(&b);

	assert_int_equal(store_get(s, "0b8e6f0a-0000-4000-8000-000000000000",
	    &b), 1);
	assert_int_equal(store_get(s, "not an id; DROP TABLE anno", &b), 1);

	assert_int_equal(store_list(s, 0, &v, &n, &seq), 0);
	assert_int_equal(n, 1);
	assert_int_equal(seq, 1);
	assert_string_equal(v[0].note, a.note);
	store_free_annos(v, n);
	anno_clear(&a);
	store_close(s);
}

static void
putting_the_same_again_changes_nothing(void **state)
{
	char			 p[PATH_MAX];
	struct store		*s;
	struct anno		 a, *v;
	struct store_version	*h;
	size_t			 n;
	int64_t			 seq, modified;

	(void)state;
	s = open_ok(path_in(p, "a.db"), "ana", STORE_WRITE | STORE_CREATE);
	new_note(&a, "once");
	put_ok(s, &a);
	modified = a.modified;
	put_ok(s, &a);
	put_ok(s, &a);
	assert_int_equal(a.modified, modified);
	assert_int_equal(store_history(s, a.id, &h, &n), 0);
	assert_int_equal(n, 1);
	store_free_versions(h, n);
	assert_int_equal(store_changes(s, 0, &v, &n, &seq), 0);
	assert_int_equal(n, 1);
	assert_int_equal(seq, 1);
	store_free_annos(v, n);
	anno_clear(&a);
	store_close(s);
}

static void
an_edit_keeps_the_previous_version(void **state)
{
	char			 p[PATH_MAX];
	struct store		*s;
	struct anno		 a, b;
	struct store_version	*h;
	size_t			 n;
	int64_t			 created, modified;

	(void)state;
	s = open_ok(path_in(p, "a.db"), "ana", STORE_WRITE | STORE_CREATE);
	new_note(&a, "first #draft");
	put_ok(s, &a);
	created = a.created;
	modified = a.modified;
	free(a.note);
	a.note = xstrdup("second #final");
	anno_tags_from_note(&a);
	put_ok(s, &a);
	assert_int_equal(a.created, created);
	assert_true(a.modified > modified);	/* even within one ms */

	assert_int_equal(store_get(s, a.id, &b), 0);
	assert_string_equal(b.note, "second #final");
	assert_string_equal(b.tags[0], "final");
	anno_clear(&b);

	assert_int_equal(store_history(s, a.id, &h, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].change, STORE_EDITED);
	assert_string_equal(h[0].by, "ana");
	assert_int_equal(h[0].had, 1);
	assert_string_equal(h[0].before.note, "first #draft");
	assert_int_equal(h[0].before.ntags, 1);
	assert_string_equal(h[0].before.tags[0], "draft");
	assert_int_equal(h[0].before.ntargets, 1);
	assert_string_equal(h[0].before.target[0].exact, "Camp David");
	assert_int_equal(h[0].before.modified, modified);
	assert_int_equal(h[1].change, STORE_CREATED);
	assert_int_equal(h[1].had, 0);
	assert_true(h[0].seq > h[1].seq);
	store_free_versions(h, n);
	anno_clear(&a);
	store_close(s);
}

static void
a_delete_is_a_tombstone(void **state)
{
	char			 p[PATH_MAX];
	struct store		*s;
	struct anno		 a, b;
	struct store_version	*h;
	size_t			 n;

	(void)state;
	s = open_ok(path_in(p, "a.db"), "ana", STORE_WRITE | STORE_CREATE);
	new_note(&a, "to go");
	put_ok(s, &a);
	assert_int_equal(store_delete(s, a.id), 0);
	assert_int_equal(count(s, 0), 0);
	assert_int_equal(count(s, STORE_TOMBSTONES), 1);
	assert_int_equal(store_get(s, a.id, &b), 0);
	assert_int_equal(b.deleted, 1);
	assert_string_equal(b.note, "to go");	/* the rest is kept */
	assert_true(b.modified > a.modified);
	anno_clear(&b);
	assert_int_equal(store_history(s, a.id, &h, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].change, STORE_DELETED);
	assert_int_equal(h[0].before.deleted, 0);
	store_free_versions(h, n);

	/* Deleted already: nothing to do. */
	assert_int_equal(store_delete(s, a.id), 0);
	assert_int_equal(store_history(s, a.id, &h, &n), 0);
	assert_int_equal(n, 2);
	store_free_versions(h, n);

	assert_int_equal(store_delete(s,
	    "0b8e6f0a-0000-4000-8000-000000000000"), -1);
	error_says(s, "cannot delete the note: there is no note");
	anno_clear(&a);
	store_close(s);
}

/* The live notes with a tag (the pairings) are read without the others. */
static void
notes_with_a_tag_are_read_alone(void **state)
{
	char		 p[PATH_MAX];
	struct store	*s;
	struct anno	 a[3], *v;
	size_t		 n, i;

	(void)state;
	s = open_ok(path_in(p, "a.db"), "ana", STORE_WRITE | STORE_CREATE);
	new_note(&a[0], "The treaty #pairing");
	new_note(&a[1], "a note #other");
	new_note(&a[2], "gone #pairing");
	for (i = 0; i < 3; i++)
		put_ok(s, &a[i]);
	assert_int_equal(store_delete(s, a[2].id), 0);
	assert_int_equal(store_tagged(s, "pairing", &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].id, a[0].id);
	assert_string_equal(v[0].note, a[0].note);
	assert_int_equal(v[0].ntags, 1);
	assert_string_equal(v[0].tags[0], "pairing");
	assert_int_equal(v[0].ntargets, 1);
	assert_string_equal(v[0].target[0].exact, "Camp David");
	store_free_annos(v, n);
	assert_int_equal(store_tagged(s, "nowhere", &v, &n), 0);
	assert_int_equal(n, 0);
	assert_null(v);
	for (i = 0; i < 3; i++)
		anno_clear(&a[i]);
	store_close(s);
}

static void
undo_goes_back_one_change_at_a_time_across_restarts(void **state)
{
	char			 p[PATH_MAX];
	struct store		*s;
	struct anno		 a, b;
	struct store_version	*h;
	enum store_change	 what;
	char			 id[ANNO_ID_LEN + 1];
	size_t			 n;

	(void)state;
	path_in(p, "a.db");
	s = open_ok(p, "ana", STORE_WRITE | STORE_CREATE);
	new_note(&a, "one");
	put_ok(s, &a);
	free(a.note);
	a.note = xstrdup("two");
	put_ok(s, &a);
	assert_int_equal(store_delete(s, a.id), 0);
	store_close(s);

	/* A restart: the history is in the file. */
	s = open_ok(p, "ana", STORE_WRITE);
	assert_int_equal(store_undo(s, NULL, &what, id), 0);
	assert_int_equal(what, STORE_DELETED);
	assert_string_equal(id, a.id);
	assert_int_equal(store_get(s, a.id, &b), 0);
	assert_int_equal(b.deleted, 0);
	assert_string_equal(b.note, "two");
	anno_clear(&b);
	store_close(s);

	s = open_ok(p, "ana", STORE_WRITE);
	assert_int_equal(store_undo(s, "ana", &what, id), 0);
	assert_int_equal(what, STORE_EDITED);
	assert_int_equal(store_get(s, a.id, &b), 0);
	assert_string_equal(b.note, "one");
	assert_int_equal(b.deleted, 0);
	anno_clear(&b);

	assert_int_equal(store_undo(s, NULL, &what, NULL), 0);
	assert_int_equal(what, STORE_CREATED);
	assert_int_equal(store_get(s, a.id, &b), 0);
	assert_int_equal(b.deleted, 1);		/* a create undone */
	assert_string_equal(b.note, "one");
	anno_clear(&b);
	assert_int_equal(count(s, 0), 0);

	assert_int_equal(store_undo(s, NULL, &what, id), 0);
	assert_int_equal(what, STORE_NONE);
	assert_string_equal(id, "");

	/* The undos are changes too, in the history. */
	assert_int_equal(store_history(s, a.id, &h, &n), 0);
	assert_int_equal(n, 6);
	assert_int_equal(h[0].change, STORE_UNDONE);
	assert_int_equal(h[5].change, STORE_CREATED);
	assert_int_equal(h[5].undone, 1);
	store_free_versions(h, n);
	anno_clear(&a);
	store_close(s);
}

static void
undo_is_per_author_and_spares_other_peoples_changes(void **state)
{
	char			 p[PATH_MAX];
	struct store		*ana, *ben;
	struct anno		 a, b, c;
	enum store_change	 what;
	char			 id[ANNO_ID_LEN + 1];

	(void)state;
	path_in(p, "seminar.db");
	ana = open_ok(p, "ana", STORE_WRITE | STORE_CREATE);
	ben = open_ok(p, "ben", STORE_WRITE);
	new_note(&a, "ana's");
	put_ok(ana, &a);
	new_note(&b, "ben's");
	put_ok(ben, &b);

	/* Ben's undo undoes Ben's note, not Ana's later change. */
	free(a.note);
	a.note = xstrdup("ana's, edited");
	put_ok(ana, &a);
	assert_int_equal(store_undo(ben, NULL, &what, NULL), 0);
	assert_int_equal(what, STORE_CREATED);
	assert_int_equal(count(ana, 0), 1);

	/* Ben edits Ana's note: her undo would lose his text. */
	free(a.note);
	a.note = xstrdup("ben was here");
	put_ok(ben, &a);
	assert_int_equal(store_undo(ana, NULL, &what, NULL), -1);
	error_says(ana, "cannot undo: ben has changed that note since");

	/* Once Ben has undone his edit, Ana's undo is hers again. */
	assert_int_equal(store_undo(ben, NULL, &what, NULL), 0);
	assert_int_equal(what, STORE_EDITED);
	assert_int_equal(store_undo(ana, NULL, &what, id), 0);
	assert_int_equal(what, STORE_EDITED);
	assert_string_equal(id, a.id);
	assert_int_equal(store_get(ana, a.id, &c), 0);
	assert_string_equal(c.note, "ana's");
	anno_clear(&c);
	assert_int_equal(store_get(ana, b.id, &c), 0);
	assert_int_equal(c.deleted, 1);		/* Ben's undo stands */
	anno_clear(&c);
	anno_clear(&a);
	anno_clear(&b);
	store_close(ben);
	store_close(ana);
}

static void
bad_notes_are_refused_with_a_message(void **state)
{
	char		 p[PATH_MAX];
	struct store	*s;
	struct anno	 a;

	(void)state;
	s = open_ok(path_in(p, "a.db"), "ana", STORE_WRITE | STORE_CREATE);
	new_note(&a, "fine");
	a.ntargets = 0;
	assert_int_equal(store_put(s, &a), -1);
	error_says(s, "cannot save the note: it needs one target");
	a.ntargets = 1;
	free(a.note);
	a.note = xstrdup("bad \xff byte");
	assert_int_equal(store_put(s, &a), -1);
	error_says(s, "not UTF-8");
	free(a.note);
	a.note = xstrdup("fine");
	strcpy(a.id, "a b");
	assert_int_equal(store_put(s, &a), -1);
	error_says(s, "its id");
	strcpy(a.id, "0b8e6f0a-3c1d-4f5e-9a7b-2c4d6e8f0a1b");
	a.target[0].start = 200;
	assert_int_equal(store_put(s, &a), -1);
	error_says(s, "ends before it starts");
	assert_int_equal(count(s, STORE_TOMBSTONES), 0);
	anno_clear(&a);
	store_close(s);
}

/* --- seeing other people's changes --------------------------------------- */

static void
changes_since_show_other_peoples_notes(void **state)
{
	char		 p[PATH_MAX];
	struct store	*me, *them;
	struct anno	 a, b, *v;
	size_t		 n;
	int64_t		 seq, seq2;
	int		 fd, ms;

	(void)state;
	path_in(p, "seminar.db");
	me = open_ok(p, "ana", STORE_WRITE | STORE_CREATE);
	them = open_ok(p, "bo", STORE_WRITE);
	store_watch(me, &fd, &ms);
	if (pg)
		assert_true(fd >= 0 && ms >= 1000);
	else
		assert_int_equal(fd, -1);
	if (!pg)
		assert_true(ms > 0 && ms <= 5000);

	assert_int_equal(store_list(me, 0, &v, &n, &seq), 0);
	assert_int_equal(n, 0);
	assert_int_equal(seq, 0);
	assert_int_equal(changed(me), 0);

	/* My own change is no news to me. */
	new_note(&a, "mine");
	put_ok(me, &a);
	assert_int_equal(changed(me), 0);

	new_note(&b, "theirs");
	put_ok(them, &b);
	assert_int_equal(changed(me), 1);
	assert_int_equal(changed(me), 0);		/* once */
	assert_int_equal(store_changes(me, seq, &v, &n, &seq), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].note, "mine");
	assert_string_equal(v[1].note, "theirs");
	assert_string_equal(v[1].author, "bo");
	assert_int_equal(seq, 2);
	store_free_annos(v, n);

	/* Nothing new, then a tombstone. */
	assert_int_equal(store_changes(me, seq, &v, &n, &seq2), 0);
	assert_int_equal(n, 0);
	assert_int_equal(seq2, seq);
	assert_int_equal(store_delete(them, b.id), 0);
	assert_int_equal(changed(me), 1);
	assert_int_equal(store_changes(me, seq, &v, &n, &seq), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].id, b.id);
	assert_int_equal(v[0].deleted, 1);
	assert_int_equal(seq, 3);
	store_free_annos(v, n);

	anno_clear(&a);
	anno_clear(&b);
	store_close(them);
	store_close(me);
}

/* --- merging notes from elsewhere ------------------------------------------ */

/* A note as another store made it: kim's, written a day ago. */
static void
foreign_note(struct anno *a, const char *note, int64_t modified)
{
	new_note(a, note);
	a->author = xstrdup(foreign);
	a->created = 1718785800000;		/* 2024-06-19T08:30:00Z */
	a->modified = modified;
}

static void
merge_ok(struct store *s, const struct anno *v, size_t n,
    struct store_merged *m)
{
	if (store_merge(s, v, n, m) == -1)
		fail_msg("%s", store_error(s));
}

static int64_t
last_change(struct store *s)
{
	struct anno	*v;
	size_t		 n;
	int64_t		 seq;

	if (store_list(s, STORE_TOMBSTONES, &v, &n, &seq) == -1)
		fail_msg("%s", store_error(s));
	store_free_annos(v, n);
	return seq;
}

static void
a_merge_inserts_notes_as_they_are(void **state)
{
	char			 p[PATH_MAX];
	struct store		*s;
	struct anno		 v[2], b, *c;
	struct store_merged	 m;
	struct store_version	*h;
	size_t			 n;
	int64_t			 seq;

	(void)state;
	s = open_ok(path_in(p, "a.db"), "ana", STORE_WRITE | STORE_CREATE);
	foreign_note(&v[0], "kim's #reading", 1718789400000);
	foreign_note(&v[1], "kim's deleted note", 1718789400500);
	v[1].deleted = 1;
	v[1].reply_to = xstrdup(v[0].id);
	merge_ok(s, v, 2, &m);
	assert_int_equal(m.added, 2);
	assert_int_equal(m.updated, 0);
	assert_int_equal(m.unchanged, 0);

	/* The author, the times and the tombstone are kept. */
	assert_int_equal(store_get(s, v[0].id, &b), 0);
	assert_string_equal(b.author, foreign);
	assert_int_equal(b.created, 1718785800000);
	assert_int_equal(b.modified, 1718789400000);
	assert_string_equal(b.note, "kim's #reading");
	assert_int_equal(b.ntags, 1);
	assert_string_equal(b.tags[0], "reading");
	assert_string_equal(b.target[0].exact, "Camp David");
	assert_int_equal(b.deleted, 0);
	anno_clear(&b);
	assert_int_equal(store_get(s, v[1].id, &b), 0);
	assert_int_equal(b.deleted, 1);
	assert_string_equal(b.reply_to, v[0].id);
	anno_clear(&b);
	assert_int_equal(count(s, 0), 1);

	/* Each is a change like any other, made in this store by ana. */
	assert_int_equal(store_changes(s, 0, &c, &n, &seq), 0);
	assert_int_equal(n, 2);
	assert_int_equal(seq, 2);
	store_free_annos(c, n);
	assert_int_equal(store_history(s, v[0].id, &h, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].change, STORE_CREATED);
	assert_string_equal(h[0].by, "ana");
	store_free_versions(h, n);

	/* An empty author is the store's; no times are now. */
	anno_clear(&v[0]);
	new_note(&v[0], "no author, no times");
	merge_ok(s, v, 1, &m);
	assert_int_equal(m.added, 1);
	assert_int_equal(store_get(s, v[0].id, &b), 0);
	assert_string_equal(b.author, "ana");
	assert_true(b.created > 1718789400000 && b.modified >= b.created);
	anno_clear(&b);
	anno_clear(&v[0]);
	anno_clear(&v[1]);
	store_close(s);
}

static void
in_a_merge_the_newest_change_wins(void **state)
{
	char			 p[PATH_MAX];
	struct store		*s;
	struct anno		 a, b, newer, older;
	struct store_merged	 m;
	struct store_version	*h;
	size_t			 n;
	int64_t			 seq;

	(void)state;
	s = open_ok(path_in(p, "a.db"), "ana", STORE_WRITE | STORE_CREATE);
	foreign_note(&a, "first #draft", 1718789400000);
	merge_ok(s, &a, 1, &m);
	seq = last_change(s);

	/* Older than the store's: left alone. */
	anno_copy(&older, &a);
	older.modified -= 60000;
	free(older.note);
	older.note = xstrdup("an older version");
	merge_ok(s, &older, 1, &m);
	assert_int_equal(m.unchanged, 1);
	assert_int_equal(m.added + m.updated, 0);
	assert_int_equal(last_change(s), seq);
	assert_int_equal(store_get(s, a.id, &b), 0);
	assert_string_equal(b.note, "first #draft");
	anno_clear(&b);

	/* As old, even when it says something else: left alone too. */
	free(a.note);
	a.note = xstrdup("the same time, other words");
	merge_ok(s, &a, 1, &m);
	assert_int_equal(m.unchanged, 1);
	assert_int_equal(last_change(s), seq);

	/* Newer: it wins, and the version before is kept. */
	anno_copy(&newer, &a);
	newer.modified += 60000;
	free(newer.note);
	newer.note = xstrdup("second #final");
	anno_tags_from_note(&newer);
	merge_ok(s, &newer, 1, &m);
	assert_int_equal(m.updated, 1);
	assert_int_equal(m.added + m.unchanged, 0);
	assert_int_equal(last_change(s), seq + 1);
	assert_int_equal(store_get(s, a.id, &b), 0);
	assert_string_equal(b.note, "second #final");
	assert_string_equal(b.tags[0], "final");
	assert_string_equal(b.author, foreign);
	assert_int_equal(b.modified, newer.modified);
	assert_int_equal(b.created, 1718785800000);
	anno_clear(&b);
	assert_int_equal(store_history(s, a.id, &h, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].change, STORE_EDITED);
	assert_string_equal(h[0].by, "ana");
	assert_int_equal(h[0].had, 1);
	assert_string_equal(h[0].before.note, "first #draft");
	assert_string_equal(h[0].before.author, foreign);
	assert_int_equal(h[0].before.modified, 1718789400000);
	store_free_versions(h, n);

	/* A newer tombstone deletes it. */
	newer.modified += 1;
	newer.deleted = 1;
	merge_ok(s, &newer, 1, &m);
	assert_int_equal(m.updated, 1);
	assert_int_equal(count(s, 0), 0);
	assert_int_equal(store_history(s, a.id, &h, &n), 0);
	assert_int_equal(h[0].change, STORE_DELETED);
	store_free_versions(h, n);

	anno_clear(&a);
	anno_clear(&older);
	anno_clear(&newer);
	store_close(s);
}

static void
merging_the_same_twice_changes_nothing(void **state)
{
	char			 p[PATH_MAX];
	struct store		*s;
	struct anno		 v[3], *c;
	struct store_merged	 m;
	struct snapshot		 f;
	size_t			 n, i;
	int64_t			 seq, seq2;

	(void)state;
	path_in(p, "a.db");
	s = open_ok(p, "ana", STORE_WRITE | STORE_CREATE);
	for (i = 0; i < 3; i++)
		foreign_note(&v[i], "one of three", 1718789400000 + (int64_t)i);
	merge_ok(s, v, 3, &m);
	assert_int_equal(m.added, 3);
	seq = last_change(s);
	assert_int_equal(seq, 3);
	store_close(s);

	if (!pg)
		snap(p, &f);
	s = open_ok(p, "ana", STORE_WRITE);
	merge_ok(s, v, 3, &m);
	assert_int_equal(m.added, 0);
	assert_int_equal(m.updated, 0);
	assert_int_equal(m.unchanged, 3);
	assert_int_equal(store_changes(s, seq, &c, &n, &seq2), 0);
	assert_int_equal(n, 0);
	assert_int_equal(seq2, seq);
	store_free_annos(c, n);
	store_close(s);
	/* Not a byte of the file was written. */
	if (!pg)
		assert_unchanged(p, &f);
	for (i = 0; i < 3; i++)
		anno_clear(&v[i]);
}

static void
a_bad_note_in_a_merge_changes_nothing(void **state)
{
	char			 p[PATH_MAX];
	struct store		*s;
	struct anno		 v[3];
	struct store_merged	 m;
	size_t			 i;

	(void)state;
	s = open_ok(path_in(p, "a.db"), "ana", STORE_WRITE | STORE_CREATE);
	for (i = 0; i < 3; i++)
		foreign_note(&v[i], "fine", 1718789400000);
	free(v[1].note);
	v[1].note = xstrdup("bad \xff byte");
	m.added = 99;
	assert_int_equal(store_merge(s, v, 3, &m), -1);
	error_says(s, "cannot merge the notes: note 2 of 3: its author or "
	    "note is not UTF-8");
	assert_int_equal(m.added, 0);
	assert_int_equal(count(s, STORE_TOMBSTONES), 0);
	assert_int_equal(last_change(s), 0);
	store_close(s);

	/* Nor is a store opened read-only merged into. */
	s = open_ok(p, "ana", 0);
	assert_int_equal(store_merge(s, v, 1, NULL), -1);
	error_says(s, "cannot merge the notes");
	store_close(s);
	for (i = 0; i < 3; i++)
		anno_clear(&v[i]);
}

/*
 * Make the store at path fail to insert the tag "boom" (on), or no
 * longer (off), with the message "no room for this tag".
 */
static void
boom(const char *path, int on)
{
	if (pg && on)
		owner_sql("CREATE OR REPLACE FUNCTION public.boom()"
		    " RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
		    " RAISE EXCEPTION 'no room for this tag'; END$$;"
		    "CREATE TRIGGER boom BEFORE INSERT ON diptych.tag"
		    " FOR EACH ROW WHEN (NEW.tag = 'boom')"
		    " EXECUTE FUNCTION public.boom()");
	else if (pg)
		owner_sql("DROP TRIGGER boom ON diptych.tag");
	else if (on)
		raw_exec(path, "CREATE TRIGGER boom BEFORE INSERT ON tag"
		    " WHEN NEW.tag = 'boom'"
		    " BEGIN SELECT RAISE(ABORT, 'no room for this tag'); END");
	else
		raw_exec(path, "DROP TRIGGER boom");
}

static void
a_failure_midway_rolls_back_the_whole_merge(void **state)
{
	char			 p[PATH_MAX];
	struct store		*s;
	struct anno		 v[3], b;
	struct store_merged	 m;
	struct store_version	*h;
	size_t			 i, n;
	int64_t			 seq;

	(void)state;
	path_in(p, "a.db");
	s = open_ok(p, "ana", STORE_WRITE | STORE_CREATE);
	foreign_note(&v[0], "kept as it was", 1718789400000);
	merge_ok(s, v, 1, &m);
	seq = last_change(s);

	/* The third note's tag makes the database fail, after the first
	   two were written in the same transaction. */
	boom(p, 1);
	free(v[0].note);
	v[0].note = xstrdup("an update that must not stay");
	v[0].modified += 60000;
	foreign_note(&v[1], "an insert that must not stay", 1718789400000);
	foreign_note(&v[2], "and the one that fails #boom", 1718789400000);
	assert_int_equal(store_merge(s, v, 3, &m), -1);
	error_says(s, "cannot merge the notes: no room for this tag");
	assert_int_equal(m.added + m.updated + m.unchanged, 0);

	assert_int_equal(last_change(s), seq);
	assert_int_equal(count(s, STORE_TOMBSTONES), 1);
	assert_int_equal(store_get(s, v[0].id, &b), 0);
	assert_string_equal(b.note, "kept as it was");
	anno_clear(&b);
	assert_int_equal(store_get(s, v[1].id, &b), 1);
	assert_int_equal(store_history(s, v[0].id, &h, &n), 0);
	assert_int_equal(n, 1);
	store_free_versions(h, n);

	/* The store goes on: without the trigger, the same merge works. */
	boom(p, 0);
	merge_ok(s, v, 3, &m);
	assert_int_equal(m.added, 2);
	assert_int_equal(m.updated, 1);
	assert_int_equal(last_change(s), seq + 3);
	store_close(s);
	for (i = 0; i < 3; i++)
		anno_clear(&v[i]);
}

/* --- positions and drafts ------------------------------------------------ */

static void
reading_positions_are_kept_per_pair_and_author(void **state)
{
	char			 p[PATH_MAX];
	struct store		*s, *t;
	struct store_position	 pos, got;

	(void)state;
	path_in(p, "a.db");
	s = open_ok(p, "ana", STORE_WRITE | STORE_CREATE);
	assert_int_equal(store_position_get(s, "ogi-2024", "koga-2023", &got),
	    1);
	memset(&pos, 0, sizeof(pos));
	pos.offset[0] = 1234;
	pos.offset[1] = 5678;
	pos.focus = 1;
	pos.sync = 1;
	assert_int_equal(store_position_put(s, "ogi-2024", "koga-2023", &pos),
	    0);
	assert_true(pos.saved > 0);
	pos.offset[0] = 2000;
	assert_int_equal(store_position_put(s, "ogi-2024", "koga-2023", &pos),
	    0);
	store_close(s);

	s = open_ok(p, "ana", STORE_WRITE);
	assert_int_equal(store_position_get(s, "ogi-2024", "koga-2023", &got),
	    0);
	assert_int_equal(got.offset[0], 2000);
	assert_int_equal(got.offset[1], 5678);
	assert_int_equal(got.focus, 1);
	assert_int_equal(got.sync, 1);
	assert_int_equal(got.saved, pos.saved);
	/* The same essays the other way round. */
	assert_int_equal(store_position_get(s, "koga-2023", "ogi-2024", &got),
	    0);
	assert_int_equal(got.offset[0], 5678);
	assert_int_equal(got.offset[1], 2000);
	assert_int_equal(got.focus, 0);
	assert_int_equal(store_position_get(s, "ogi-2024", "other", &got), 1);
	/* Another reader of the same file has their own. */
	t = open_ok(p, "bo", STORE_WRITE);
	assert_int_equal(store_position_get(t, "ogi-2024", "koga-2023", &got),
	    1);
	pos.focus = 2;
	assert_int_equal(store_position_put(t, "a", "b", &pos), -1);
	store_close(t);
	store_close(s);
}

static void
whom_a_reader_follows_is_kept_with_the_place(void **state)
{
	char			 p[PATH_MAX], name[STORE_AUTHOR_MAX + 2];
	struct store		*s;
	struct store_position	 pos, got;
	char			*err;

	(void)state;
	path_in(p, "a.db");
	s = open_ok(p, "ana", STORE_WRITE | STORE_CREATE);
	memset(&pos, 0, sizeof(pos));
	pos.offset[0] = 300;
	snprintf(pos.following, sizeof(pos.following), "Bo Öberg");
	assert_int_equal(store_position_put(s, "ogi-2024", "koga-2023", &pos),
	    0);
	assert_int_equal(store_position_get(s, "ogi-2024", "koga-2023", &got),
	    0);
	assert_string_equal(got.following, "Bo Öberg");
	assert_int_equal(got.offset[0], 300);
	assert_int_equal(store_position_get(s, "koga-2023", "ogi-2024", &got),
	    0);
	assert_string_equal(got.following, "Bo Öberg");
	/* Following nobody again. */
	pos.following[0] = '\0';
	assert_int_equal(store_position_put(s, "ogi-2024", "koga-2023", &pos),
	    0);
	assert_int_equal(store_position_get(s, "ogi-2024", "koga-2023", &got),
	    0);
	assert_string_equal(got.following, "");

	/* Names longer than an author's, or not UTF-8, are refused. */
	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	snprintf(pos.following, sizeof(pos.following), "%s", name);
	assert_int_equal(store_position_put(s, "ogi-2024", "koga-2023", &pos),
	    -1);
	error_says(s, ": cannot keep the reading position: the author "
	    "followed is not UTF-8 of at most 100 bytes");
	if (!pg)
		error_says(s, "a.db: cannot keep the reading position");
	memset(pos.following, 'x', sizeof(pos.following));
	assert_int_equal(store_position_put(s, "ogi-2024", "koga-2023", &pos),
	    -1);
	snprintf(pos.following, sizeof(pos.following), "bo\xff");
	assert_int_equal(store_position_put(s, "ogi-2024", "koga-2023", &pos),
	    -1);
	assert_int_equal(store_position_get(s, "ogi-2024", "koga-2023", &got),
	    0);
	assert_string_equal(got.following, "");
	store_close(s);

	/* And so is such an author. */
	assert_int_equal(store_open(&s, p, name, STORE_WRITE, &err), -1);
	assert_non_null(strstr(err, "at most 100 bytes"));
	free(err);
	name[STORE_AUTHOR_MAX] = '\0';
	s = open_ok(p, name, STORE_WRITE);
	snprintf(pos.following, sizeof(pos.following), "%s", name);
	assert_int_equal(store_position_put(s, "ogi-2024", "koga-2023", &pos),
	    0);
	store_close(s);
}

/* Wait for the next millisecond: places saved after it are later. */
static void
tick(void)
{
	int64_t	 t = anno_now();

	while (anno_now() <= t)
		usleep(100);
}

/* Put p as s's place in (left, right), then wait for the next ms. */
static void
place_ok(struct store *s, const char *left, const char *right, size_t l,
    size_t r, int focus, const char *following, struct store_position *p)
{
	memset(p, 0, sizeof(*p));
	p->offset[0] = l;
	p->offset[1] = r;
	p->focus = focus;
	p->sync = 1;
	snprintf(p->following, sizeof(p->following), "%s", following);
	if (store_position_put(s, left, right, p) == -1)
		fail_msg("%s", store_error(s));
	tick();
}

/* v[i] is author at offsets (l, r) with focus, following. */
static void
assert_reader(const struct store_reader *v, size_t i, const char *author,
    size_t l, size_t r, int focus, const char *following)
{
	assert_string_equal(v[i].author, author);
	assert_int_equal(v[i].pos.offset[0], l);
	assert_int_equal(v[i].pos.offset[1], r);
	assert_int_equal(v[i].pos.focus, focus);
	assert_string_equal(v[i].pos.following, following);
}

static void
who_reads_a_pair_latest_first(void **state)
{
	char			 p[PATH_MAX];
	struct store		*ana, *ben, *kim;
	struct store_position	 pa, pb, pk, other;
	struct store_reader	*v;
	size_t			 n;

	(void)state;
	path_in(p, "seminar.db");
	ana = open_ok(p, "ana", STORE_WRITE | STORE_CREATE);
	ben = open_ok(p, "bo", STORE_WRITE);
	kim = open_ok(p, "kim", STORE_WRITE);
	assert_int_equal(store_readers(ana, "ogi-2024", "koga-2023", 0, &v,
	    &n), 0);
	assert_int_equal(n, 0);
	assert_null(v);

	place_ok(ana, "ogi-2024", "koga-2023", 100, 200, 0, "", &pa);
	place_ok(ben, "ogi-2024", "koga-2023", 10, 20, 1, "ana", &pb);
	/* Kim has the same essays the other way round. */
	place_ok(kim, "koga-2023", "ogi-2024", 9, 7, 0, "", &pk);
	/* Another pair is not this one. */
	place_ok(ben, "ogi-2024", "other", 1, 1, 0, "", &other);

	/* Everyone, the reader asking too, latest first, in its order. */
	assert_int_equal(store_readers(ben, "ogi-2024", "koga-2023", 0, &v,
	    &n), 0);
	assert_int_equal(n, 3);
	assert_reader(v, 0, "kim", 7, 9, 1, "");
	assert_int_equal(v[0].pos.saved, pk.saved);
	assert_reader(v, 1, "bo", 10, 20, 1, "ana");
	assert_int_equal(v[1].pos.saved, pb.saved);
	assert_int_equal(v[1].pos.sync, 1);
	assert_reader(v, 2, "ana", 100, 200, 0, "");
	free(v);

	/* Since a time: those saved at it or later. */
	assert_int_equal(store_readers(ana, "ogi-2024", "koga-2023", pb.saved,
	    &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].author, "kim");
	assert_string_equal(v[1].author, "bo");
	free(v);
	assert_int_equal(store_readers(ana, "ogi-2024", "koga-2023",
	    pk.saved + 1, &v, &n), 0);
	assert_int_equal(n, 0);
	free(v);

	/* Ana moves, the other way round this time: listed once, there. */
	place_ok(ana, "koga-2023", "ogi-2024", 5, 6, 1, "kim", &pa);
	assert_int_equal(store_readers(kim, "koga-2023", "ogi-2024", 0, &v,
	    &n), 0);
	assert_int_equal(n, 3);
	assert_reader(v, 0, "ana", 5, 6, 1, "kim");
	assert_reader(v, 1, "kim", 9, 7, 0, "");
	assert_reader(v, 2, "bo", 20, 10, 0, "ana");
	free(v);
	assert_int_equal(store_readers(kim, "ogi-2024", "koga-2023", pa.saved,
	    &v, &n), 0);
	assert_int_equal(n, 1);
	assert_reader(v, 0, "ana", 6, 5, 0, "kim");
	free(v);

	/* Not a pair: nobody. */
	assert_int_equal(store_readers(ana, "", "koga-2023", 0, &v, &n), 0);
	assert_int_equal(n, 0);
	assert_null(v);
	store_close(kim);
	store_close(ben);
	store_close(ana);
}

static void
places_moving_are_not_notes_changing(void **state)
{
	char			 p[PATH_MAX];
	struct store		*me, *them;
	struct store_position	 pos;
	struct anno		 a, b, c;
	enum store_change	 what;

	(void)state;
	path_in(p, "seminar.db");
	me = open_ok(p, "ana", STORE_WRITE | STORE_CREATE);
	them = open_ok(p, "bo", STORE_WRITE);
	assert_int_equal(changed(me), 0);
	assert_int_equal(moved(me), 0);

	/* Ben reads on: Ana's notes need no reading again. */
	place_ok(them, "ogi-2024", "koga-2023", 10, 20, 0, "", &pos);
	place_ok(them, "ogi-2024", "koga-2023", 30, 40, 0, "ana", &pos);
	assert_int_equal(changed(me), 0);
	assert_int_equal(moved(me), 1);
	assert_int_equal(moved(me), 0);		/* once */
	assert_int_equal(changed(me), 0);

	/* Her own place is no news to her; to him it is. */
	place_ok(me, "ogi-2024", "koga-2023", 1, 2, 0, "", &pos);
	assert_int_equal(moved(me), 0);
	assert_int_equal(changed(me), 0);
	assert_int_equal(moved(them), 1);
	assert_int_equal(changed(them), 0);
	/* His, then hers before she looks: his still counts. */
	place_ok(them, "ogi-2024", "koga-2023", 50, 60, 0, "", &pos);
	place_ok(me, "ogi-2024", "koga-2023", 3, 4, 0, "", &pos);
	assert_int_equal(moved(me), 1);
	assert_int_equal(moved(me), 0);

	/* A note is a change, and not a move. */
	new_note(&a, "his");
	put_ok(them, &a);
	assert_int_equal(changed(me), 1);
	assert_int_equal(changed(me), 0);
	assert_int_equal(moved(me), 0);
	/* Hers alone is no news to her; his before hers is. */
	new_note(&b, "hers");
	put_ok(me, &b);
	assert_int_equal(changed(me), 0);
	assert_int_equal(changed(them), 1);
	new_note(&c, "his again");
	put_ok(them, &c);
	free(b.note);
	b.note = xstrdup("hers, edited");
	put_ok(me, &b);
	assert_int_equal(changed(me), 1);
	assert_int_equal(changed(me), 0);
	assert_int_equal(moved(me), 0);

	/* Deletes and undos are changes; drafts are neither. */
	assert_int_equal(store_draft_save(them, &c), 0);
	assert_int_equal(changed(me), 0);
	assert_int_equal(moved(me), 0);
	assert_int_equal(store_delete(them, a.id), 0);
	assert_int_equal(changed(me), 1);
	assert_int_equal(store_undo(them, NULL, &what, NULL), 0);
	assert_int_equal(what, STORE_DELETED);
	assert_int_equal(changed(me), 1);
	assert_int_equal(moved(me), 0);
	assert_int_equal(changed(them), 1);	/* her edit */
	assert_int_equal(changed(them), 0);
	assert_int_equal(moved(them), 1);		/* her places */
	assert_int_equal(moved(them), 0);

	anno_clear(&a);
	anno_clear(&b);
	anno_clear(&c);
	store_close(them);
	store_close(me);
}

static void
a_draft_outlives_the_program(void **state)
{
	char		 p[PATH_MAX];
	struct store	*s, *t;
	struct anno	 d, got;

	(void)state;
	path_in(p, "a.db");
	s = open_ok(p, "ana", STORE_WRITE | STORE_CREATE);
	assert_int_equal(store_draft_get(s, &got), 1);
	new_note(&d, "half a thought");
	assert_int_equal(store_draft_save(s, &d), 0);
	free(d.note);
	d.note = xstrdup("half a thought, and #more");
	assert_int_equal(store_draft_save(s, &d), 0);
	store_close(s);

	s = open_ok(p, "ana", STORE_WRITE);
	t = open_ok(p, "bo", STORE_WRITE);
	assert_int_equal(store_draft_get(t, &got), 1);	/* Ana's, not Ben's */
	assert_int_equal(store_draft_get(s, &got), 0);
	assert_string_equal(got.id, d.id);
	assert_string_equal(got.note, "half a thought, and #more");
	assert_int_equal(got.ntags, 1);
	assert_int_equal(got.ntargets, 1);
	assert_string_equal(got.target[0].exact, "Camp David");
	assert_int_equal(got.target[0].start, 120);
	anno_clear(&got);
	/* A draft is not a note. */
	assert_int_equal(count(s, STORE_TOMBSTONES), 0);
	assert_int_equal(store_draft_clear(s), 0);
	assert_int_equal(store_draft_clear(s), 0);
	assert_int_equal(store_draft_get(s, &got), 1);
	anno_clear(&d);
	store_close(t);
	store_close(s);
}

/* --- opening: what is refused, and left alone ---------------------------- */

static void
a_text_file_is_not_a_store_and_is_left_alone(void **state)
{
	char		 p[PATH_MAX], side[PATH_MAX + 16];
	struct snapshot	 f;
	FILE		*fp;
	int		 i;

	(void)state;
	path_in(p, "notes.txt");
	assert_non_null(fp = fopen(p, "w"));
	for (i = 0; i < 200; i++)
		fprintf(fp, "line %d of my precious notes\n", i);
	fclose(fp);
	snap(p, &f);
	open_fails(p, STORE_WRITE | STORE_CREATE,
	    ": not a diptych annotation store");
	open_fails(p, 0, ": not a diptych annotation store");
	assert_unchanged(p, &f);
	snprintf(side, sizeof(side), "%s-wal", p);
	assert_int_equal(access(side, F_OK), -1);

	/* Shorter than a database header. */
	assert_non_null(fp = fopen(p, "w"));
	fputs("hi\n", fp);
	fclose(fp);
	snap(p, &f);
	open_fails(p, STORE_WRITE, ": not a diptych annotation store");
	assert_unchanged(p, &f);
}

static void
another_sqlite_file_is_not_a_store_and_is_left_alone(void **state)
{
	char		 p[PATH_MAX];
	struct snapshot	 f;

	(void)state;
	path_in(p, "other.db");
	raw_exec(p, "CREATE TABLE anno (id TEXT); "
	    "INSERT INTO anno VALUES ('mine');");
	snap(p, &f);
	open_fails(p, STORE_WRITE | STORE_CREATE,
	    "other.db: not a diptych annotation store");
	open_fails(p, 0, "other.db: not a diptych annotation store");
	assert_unchanged(p, &f);

	/* Another program's id, no tables yet: not ours either. */
	path_in(p, "other2.db");
	raw_exec(p, "PRAGMA application_id = 1234; VACUUM;");
	snap(p, &f);
	open_fails(p, STORE_WRITE, "not a diptych annotation store");
	assert_unchanged(p, &f);
}

static void
an_empty_file_becomes_a_store(void **state)
{
	char		 p[PATH_MAX];
	struct store	*s;
	int		 fd;

	(void)state;
	path_in(p, "empty.db");
	assert_true((fd = open(p, O_CREAT | O_WRONLY, 0600)) >= 0);
	close(fd);
	open_fails(p, 0, "an empty file, not yet a diptych annotation store");
	s = open_ok(p, "ana", STORE_WRITE);
	assert_int_equal(count(s, 0), 0);
	store_close(s);
	s = open_ok(p, "ana", 0);
	assert_int_equal(count(s, 0), 0);
	store_close(s);
}

/* A store with n notes at path, closed. */
static void
make_store(const char *path, int n)
{
	struct store	*s;
	struct anno	 a;
	char		 note[200];
	int		 i;

	s = open_ok(path, "ana", STORE_WRITE | STORE_CREATE);
	for (i = 0; i < n; i++) {
		snprintf(note, sizeof(note), "note %d: a longer text so that "
		    "the file has a good number of pages to damage", i);
		new_note(&a, note);
		put_ok(s, &a);
		anno_clear(&a);
	}
	store_close(s);
}

static void
overwrite(const char *path, off_t at, size_t len, int byte)
{
	char	 buf[4096];
	int	 fd;

	assert_true(len <= sizeof(buf));
	memset(buf, byte, len);
	assert_true((fd = open(path, O_WRONLY)) >= 0);
	assert_int_equal(pwrite(fd, buf, len, at), (ssize_t)len);
	close(fd);
}

static void
a_damaged_store_is_refused_and_left_alone(void **state)
{
	char		 p[PATH_MAX];
	struct snapshot	 f;
	struct stat	 st;

	(void)state;
	path_in(p, "a.db");
	make_store(p, 200);
	assert_int_equal(stat(p, &st), 0);
	assert_true(st.st_size > 20 * 4096);
	overwrite(p, 12 * 4096, 4096, 0x5a);	/* a page of garbage */
	snap(p, &f);
	open_fails(p, STORE_WRITE, "a.db: the annotation store is damaged");
	open_fails(p, 0, "a.db: the annotation store is damaged");
	assert_unchanged(p, &f);

	/* Cut short. */
	path_in(p, "b.db");
	make_store(p, 200);
	assert_int_equal(truncate(p, 8 * 4096), 0);
	snap(p, &f);
	open_fails(p, STORE_WRITE, "b.db: the annotation store is damaged");
	assert_unchanged(p, &f);

	/* A damaged header. */
	path_in(p, "c.db");
	make_store(p, 3);
	overwrite(p, 0, 16, 'x');
	snap(p, &f);
	open_fails(p, STORE_WRITE, "c.db: not a diptych annotation store");
	assert_unchanged(p, &f);
}

/*
 * Opened to be checked later, a damaged store opens; its check says
 * what opening would have said, and nothing is ever written to it.
 */
static void
a_store_checked_later_is_still_never_written_when_damaged(void **state)
{
	char		 p[PATH_MAX];
	struct snapshot	 f;
	struct store	*s;
	struct anno	 a;

	(void)state;
	path_in(p, "a.db");
	make_store(p, 200);
	overwrite(p, 12 * 4096, 4096, 0x5a);	/* a page of garbage */
	snap(p, &f);
	s = open_ok(p, "ana", STORE_WRITE | STORE_CHECK_LATER);
	assert_int_equal(store_check(s), -1);
	error_says(s, "a.db: the annotation store is damaged");
	assert_int_equal(store_writable(s), 0);
	new_note(&a, "not here");
	assert_int_equal(store_put(s, &a), -1);
	error_says(s, "the annotation store is damaged");
	assert_int_equal(store_check(s), -1);	/* and again */
	store_close(s);
	assert_unchanged(p, &f);

	/* Not checked before the first write: that write checks. */
	snap(p, &f);
	s = open_ok(p, "ana", STORE_WRITE | STORE_CHECK_LATER);
	assert_int_equal(store_put(s, &a), -1);
	error_says(s, "the annotation store is damaged");
	store_close(s);
	assert_unchanged(p, &f);
	anno_clear(&a);

	/* A sound store checked later is sound, and writes. */
	path_in(p, "b.db");
	make_store(p, 3);
	s = open_ok(p, "ana", STORE_WRITE | STORE_CHECK_LATER);
	new_note(&a, "here");
	put_ok(s, &a);
	assert_int_equal(store_check(s), 0);
	assert_int_equal(count(s, 0), 4);
	anno_clear(&a);
	store_close(s);
}

/* A note on ogi-2024's code points [start, end). */
static void
note_at(struct store *s, struct anno *a, size_t start, size_t end)
{
	new_note(a, "placed");
	a->target[0].start = start;
	a->target[0].end = end;
	put_ok(s, a);
}

/* The passages store_places gives for one span, as "start-end ...". */
static const char *
places(struct store *s, size_t from, size_t to, size_t back, size_t max)
{
	static char		 out[256];
	struct store_span	 sp = { from, to, back, max };
	struct store_place	*v;
	size_t			 n, i, len = 0;

	assert_int_equal(store_places(s, "ogi-2024", &sp, 1, &v, &n), 0);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		assert_true(v[i].hash == 0xfedcba9876543210ULL);
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%zu-%zu",
		    i > 0 ? " " : "", v[i].start, v[i].end);
	}
	free(v);
	return out;
}

/*
 * The passages of live notes are found by place, without the notes: a
 * span takes those that start in it or up to back before it and reach
 * it; a tombstone's passage goes and comes back with an undo; a reply
 * shows in its note, not as a passage; an edit that moves a passage
 * moves it in the index.
 */
static void
passages_are_found_by_place_without_the_notes(void **state)
{
	char			 p[PATH_MAX];
	struct store		*s;
	struct store_span	 two[2] = { { 0, 15, 0, 1 }, { 40, 60, 0, 0 } };
	struct store_place	*v;
	struct anno		 a, b, c, reply;
	enum store_change	 what;
	size_t			 n;

	(void)state;
	s = open_ok(path_in(p, "a.db"), "ana", STORE_WRITE | STORE_CREATE);
	assert_string_equal(places(s, 0, SIZE_MAX, 0, 0), "");
	note_at(s, &a, 10, 20);
	note_at(s, &b, 30, 50);
	note_at(s, &c, 55, 58);
	new_note(&reply, "a reply");
	reply.reply_to = xstrdup(a.id);
	reply.target[0].start = 10;
	reply.target[0].end = 20;
	put_ok(s, &reply);

	assert_string_equal(places(s, 0, SIZE_MAX, 0, 0),
	    "10-20 30-50 55-58");
	/* Starting in [40, 60); back 15: from 25, and reaching 40. */
	assert_string_equal(places(s, 40, 60, 0, 0), "55-58");
	assert_string_equal(places(s, 40, 60, 15, 0), "30-50 55-58");
	assert_string_equal(places(s, 0, SIZE_MAX, 0, 1), "10-20");
	/* Several spans in one read. */
	assert_int_equal(store_places(s, "ogi-2024", two, 2, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].start, 10);
	assert_int_equal(v[1].start, 55);
	free(v);
	assert_int_equal(store_places(s, "koga-2023", two, 2, &v, &n), 0);
	assert_int_equal(n, 0);
	free(v);

	assert_int_equal(store_delete(s, b.id), 0);
	assert_string_equal(places(s, 0, SIZE_MAX, 0, 0), "10-20 55-58");
	assert_int_equal(store_undo(s, NULL, &what, NULL), 0);
	assert_int_equal(what, STORE_DELETED);
	assert_string_equal(places(s, 0, SIZE_MAX, 0, 0),
	    "10-20 30-50 55-58");
	c.target[0].start = 5;
	c.target[0].end = 8;
	put_ok(s, &c);
	assert_string_equal(places(s, 0, SIZE_MAX, 0, 0),
	    "5-8 10-20 30-50");
	anno_clear(&a);
	anno_clear(&b);
	anno_clear(&c);
	anno_clear(&reply);
	store_close(s);
}

static void
a_store_from_a_newer_diptych_opens_read_only(void **state)
{
	char		 p[PATH_MAX];
	struct snapshot	 f;
	struct store	*s;
	struct anno	 a;

	(void)state;
	path_in(p, "a.db");
	make_store(p, 3);
	raw_exec(p, "PRAGMA user_version = 99");
	snap(p, &f);
	open_fails(p, STORE_WRITE, "a.db: made by a newer diptych (store "
	    "version 99; this one knows 6): upgrade diptych, or open it "
	    "read-only");
	assert_unchanged(p, &f);
	s = open_ok(p, "ana", 0);
	assert_false(store_writable(s));
	assert_int_equal(count(s, 0), 3);
	new_note(&a, "no");
	assert_int_equal(store_put(s, &a), -1);
	error_says(s, "a.db: cannot save the note: it was opened read-only");
	anno_clear(&a);
	store_close(s);
}

/* Version 1 of the schema as diptych first wrote it: never edit this. */
static const char v1_schema[] =
	"CREATE TABLE anno ("
	"  id        TEXT NOT NULL PRIMARY KEY,"
	"  author    TEXT NOT NULL,"
	"  created   INTEGER NOT NULL,"
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
	"  PRIMARY KEY (seq, idx)) WITHOUT ROWID;"
	"PRAGMA application_id = 1146115161;"	/* 0x44505459 */
	"PRAGMA user_version = 1;"
	/* A link, edited once, with tags; and a note on its own. */
	"INSERT INTO change (anno, kind, who, at) VALUES"
	"  ('11111111-1111-4111-8111-111111111111', 'create', 'ana', 1000),"
	"  ('22222222-2222-4222-8222-222222222222', 'create', 'ana', 1500);"
	"INSERT INTO change (anno, kind, who, at, had, author, created,"
	"  modified, note, deleted) VALUES"
	"  ('11111111-1111-4111-8111-111111111111', 'edit', 'ana', 2000, 1,"
	"   'ana', 1000, 1000, 'the link, first', 0);"
	"INSERT INTO change_target VALUES (3, 0, 'ogi-2024', 'summit', '',"
	"  '', 5, 11, 42);"
	"INSERT INTO anno VALUES"
	"  ('11111111-1111-4111-8111-111111111111', 'ana', 1000, 2000,"
	"   'the link #pair #v1', NULL, 0, 3),"
	"  ('22222222-2222-4222-8222-222222222222', 'ana', 1500, 1500,"
	"   'alone', NULL, 0, 2);"
	"INSERT INTO target VALUES"
	"  ('11111111-1111-4111-8111-111111111111', 0, 'ogi-2024', 'summit',"
	"   'the ', ' at', 5, 11, -42),"
	"  ('11111111-1111-4111-8111-111111111111', 1, 'koga-2023', 'Putin',"
	"   '', '', 70, 75, 7),"
	"  ('22222222-2222-4222-8222-222222222222', 0, 'koga-2023', 'Kim',"
	"   '', '', 1, 4, 7);"
	"INSERT INTO tag VALUES"
	"  ('11111111-1111-4111-8111-111111111111', 0, 'pair'),"
	"  ('11111111-1111-4111-8111-111111111111', 1, 'v1');";

static void
a_version_1_store_is_migrated_with_its_notes(void **state)
{
	char			 p[PATH_MAX];
	struct store		*s;
	struct anno		 a, *v;
	struct store_version	*h;
	struct store_position	 pos;
	struct store_span	 all = { 0, SIZE_MAX, 0, 0 };
	struct store_place	*pl;
	enum store_change	 what;
	size_t			 n, npl;
	int64_t			 seq;

	(void)state;
	path_in(p, "v1.db");
	raw_exec(p, v1_schema);

	/* Read-only, it stays version 1 and still reads; it has no index
	   of places: the notes are read instead. */
	s = open_ok(p, "ana", 0);
	assert_int_equal(count(s, 0), 2);
	assert_int_equal(store_places(s, "koga-2023", &all, 1, &pl, &npl), 1);
	assert_int_equal(store_position_get(s, "a", "b", &pos), 1);
	assert_int_equal(store_draft_get(s, &a), 1);
	store_close(s);

	s = open_ok(p, "ana", STORE_WRITE);
	assert_int_equal(store_list(s, 0, &v, &n, &seq), 0);
	assert_int_equal(n, 2);
	assert_int_equal(seq, 3);
	assert_string_equal(v[0].id, "11111111-1111-4111-8111-111111111111");
	assert_string_equal(v[0].note, "the link #pair #v1");
	assert_int_equal(v[0].created, 1000);
	assert_int_equal(v[0].modified, 2000);
	assert_int_equal(v[0].ntargets, 2);
	assert_string_equal(v[0].target[0].prefix, "the ");
	assert_true(v[0].target[0].hash == (uint64_t)-42);
	assert_string_equal(v[0].target[1].exact, "Putin");
	assert_int_equal(v[0].ntags, 2);
	assert_string_equal(v[0].tags[1], "v1");
	assert_string_equal(v[1].note, "alone");
	store_free_annos(v, n);
	/* The old notes' passages are in the index, by start. */
	assert_int_equal(store_places(s, "koga-2023", &all, 1, &pl, &npl), 0);
	assert_int_equal(npl, 2);
	assert_int_equal(pl[0].start, 1);
	assert_int_equal(pl[0].end, 4);
	assert_int_equal(pl[1].start, 70);
	assert_true(pl[1].hash == 7);
	free(pl);
	assert_int_equal(store_history(s,
	    "11111111-1111-4111-8111-111111111111", &h, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].before.note, "the link, first");
	store_free_versions(h, n);

	/* Version 2's tables work, and so does the old history. */
	memset(&pos, 0, sizeof(pos));
	pos.offset[0] = 10;
	assert_int_equal(store_position_put(s, "ogi-2024", "koga-2023", &pos),
	    0);
	assert_int_equal(store_undo(s, NULL, &what, NULL), 0);
	assert_int_equal(what, STORE_EDITED);
	assert_int_equal(store_get(s, "11111111-1111-4111-8111-111111111111",
	    &a), 0);
	assert_string_equal(a.note, "the link, first");
	assert_int_equal(a.ntargets, 1);
	anno_clear(&a);
	store_close(s);

	assert_int_equal(user_version(p), 6);
}

/* Version 2's tables, over version 1's, as diptych wrote them: never
   edit this. */
static const char v2_schema[] =
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
	"  PRIMARY KEY (author, idx)) WITHOUT ROWID;"
	"PRAGMA user_version = 2;"
	/* Ana's place, and Ben's in the same essays the other way round. */
	"INSERT INTO position VALUES"
	"  ('ana', 'ogi-2024', 'koga-2023', 1234, 5678, 1, 1, 3000),"
	"  ('ben', 'koga-2023', 'ogi-2024', 10, 20, 0, 0, 4000);"
	"INSERT INTO draft VALUES"
	"  ('ana', '33333333-3333-4333-8333-333333333333', 'half', NULL,"
	"   3500);"
	"INSERT INTO draft_target VALUES"
	"  ('ana', 0, 'ogi-2024', 'summit', '', '', 5, 11, 42);";

/* Ana's place in ogi-2024 and koga-2023, as v2_schema has it. */
static void
assert_anas_v2_place(struct store *s)
{
	struct store_position	 pos;

	assert_int_equal(store_position_get(s, "ogi-2024", "koga-2023", &pos),
	    0);
	assert_int_equal(pos.offset[0], 1234);
	assert_int_equal(pos.offset[1], 5678);
	assert_int_equal(pos.focus, 1);
	assert_int_equal(pos.sync, 1);
	assert_int_equal(pos.saved, 3000);
	assert_string_equal(pos.following, "");
}

static void
a_version_2_store_is_migrated_with_its_positions(void **state)
{
	char			 p[PATH_MAX];
	struct store		*s, *t, *r;
	struct store_position	 pos;
	struct store_reader	*v;
	struct anno		 d;
	size_t			 n;

	(void)state;
	path_in(p, "v2.db");
	raw_exec(p, v1_schema);
	raw_exec(p, v2_schema);

	/* Read-only, it stays version 2, and its places read as kept. */
	s = open_ok(p, "ana", 0);
	assert_anas_v2_place(s);
	assert_int_equal(count(s, 0), 2);
	assert_int_equal(store_readers(s, "ogi-2024", "koga-2023", 0, &v, &n),
	    0);
	assert_int_equal(n, 2);
	assert_reader(v, 0, "ben", 20, 10, 1, "");
	assert_reader(v, 1, "ana", 1234, 5678, 1, "");
	free(v);
	store_close(s);
	assert_int_equal(user_version(p), 2);

	/* Kim reads it read-only while the others upgrade it. */
	r = open_ok(p, "kim", 0);
	assert_int_equal(store_moved(r), 0);
	s = open_ok(p, "ana", STORE_WRITE);
	assert_int_equal(user_version(p), 6);
	assert_anas_v2_place(s);
	assert_int_equal(count(s, 0), 2);
	assert_int_equal(store_draft_get(s, &d), 0);
	assert_string_equal(d.note, "half");
	anno_clear(&d);
	t = open_ok(p, "ben", STORE_WRITE);
	assert_int_equal(store_position_get(t, "koga-2023", "ogi-2024", &pos),
	    0);
	assert_int_equal(pos.offset[0], 10);
	assert_int_equal(pos.offset[1], 20);
	assert_int_equal(pos.saved, 4000);
	assert_string_equal(pos.following, "");

	/* Version 3: whom Ben follows is kept with his place. */
	snprintf(pos.following, sizeof(pos.following), "ana");
	assert_int_equal(store_position_put(t, "koga-2023", "ogi-2024", &pos),
	    0);
	assert_int_equal(store_position_get(t, "ogi-2024", "koga-2023", &pos),
	    0);
	assert_int_equal(pos.offset[0], 20);
	assert_string_equal(pos.following, "ana");
	assert_int_equal(store_readers(s, "ogi-2024", "koga-2023", 0, &v, &n),
	    0);
	assert_int_equal(n, 2);
	assert_reader(v, 0, "ben", 20, 10, 1, "ana");
	assert_reader(v, 1, "ana", 1234, 5678, 1, "");
	free(v);
	assert_int_equal(store_changed(r), 0);
	assert_int_equal(store_moved(r), 1);
	assert_int_equal(store_readers(r, "ogi-2024", "koga-2023", 0, &v, &n),
	    0);
	assert_int_equal(n, 2);
	assert_reader(v, 0, "ben", 20, 10, 1, "ana");
	free(v);
	store_close(r);
	store_close(t);
	store_close(s);
	assert_int_equal(user_version(p), 6);
}

static void
opening_errors_name_the_file(void **state)
{
	char	 p[PATH_MAX];
	struct store *s;
	char	*err;

	(void)state;
	open_fails(path_in(p, "missing.db"), STORE_WRITE,
	    "missing.db: No such file or directory");
	open_fails(path_in(p, "no/such/folder/a.db"),
	    STORE_WRITE | STORE_CREATE, "a.db: cannot create it");
	open_fails(dir, STORE_WRITE, ": not a file");
	/* (No server answers on port 1.) */
	open_fails("postgresql://127.0.0.1:1/notes", STORE_WRITE,
	    "postgresql://127.0.0.1:1/notes: the server is unreachable (");
	open_fails("postgres://h/notes?bogus=1", STORE_WRITE | STORE_OFFLINE,
	    "postgres://h/notes?bogus=1: not a PostgreSQL URL: ");
	assert_int_equal(store_open(&s, path_in(p, "a.db"), "",
	    STORE_WRITE | STORE_CREATE, &err), -1);
	assert_non_null(strstr(err, "no author"));
	free(err);
	assert_int_equal(access(p, F_OK), -1);
}

/* --- the default path ---------------------------------------------------- */

static void
restore_env(const char *name, char *saved)
{
	if (saved != NULL) {
		setenv(name, saved, 1);
		free(saved);
	} else
		unsetenv(name);
}

static char *
save_env(const char *name)
{
	const char	*v = getenv(name);

	return v != NULL ? xstrdup(v) : NULL;
}

static void
the_default_store_is_private(void **state)
{
	char		 p[PATH_MAX], want[PATH_MAX + 64];
	char		*home = save_env("HOME");
	char		*xdg = save_env("XDG_DATA_HOME");
	char		*env = save_env("DIPTYCH_STORE");
	char		*path, *err;
	struct store	*s;
	struct stat	 st;
	mode_t		 mask = umask(022);

	(void)state;
	unsetenv("DIPTYCH_STORE");
	setenv("XDG_DATA_HOME", path_in(p, "data"), 1);
	path = store_default_path(&err);
	snprintf(want, sizeof(want), "%s/data/diptych/annotations.db", dir);
	assert_string_equal(path, want);
	s = open_ok(path, "ana", STORE_WRITE | STORE_CREATE | STORE_MKDIR);
	store_close(s);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(stat(path_in(p, "data/diptych"), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	free(path);

	/* Without XDG_DATA_HOME (or with a relative one): ~/.local/share. */
	setenv("XDG_DATA_HOME", "relative/data", 1);
	setenv("HOME", path_in(p, "home"), 1);
	path = store_default_path(&err);
	snprintf(want, sizeof(want),
	    "%s/home/.local/share/diptych/annotations.db", dir);
	assert_string_equal(path, want);
	s = open_ok(path, "ana", STORE_WRITE | STORE_CREATE | STORE_MKDIR);
	store_close(s);
	assert_int_equal(stat(path_in(p, "home/.local/share/diptych"), &st),
	    0);
	assert_int_equal(st.st_mode & 0777, 0700);
	free(path);

	setenv("DIPTYCH_STORE", "/somewhere/else.db", 1);
	path = store_default_path(&err);
	assert_string_equal(path, "/somewhere/else.db");
	free(path);

	umask(mask);
	restore_env("HOME", home);
	restore_env("XDG_DATA_HOME", xdg);
	restore_env("DIPTYCH_STORE", env);
}

/* --- read-only files and folders ----------------------------------------- */

/*
 * What a reader without write permission sees: the store opens for
 * writing but reads only; a put fails saying why and changes nothing.
 */
static int
readonly_reader(void *arg)
{
	const char	*path = arg, *want = path + strlen(path) + 1;
	struct store	*s;
	struct anno	 a;
	char		*err;
	int		 bad = 0;

	if (store_open(&s, path, "ben", STORE_WRITE, &err) == -1) {
		fprintf(stderr, "open: %s\n", err);
		free(err);
		return 1;
	}
	if (store_writable(s)) {
		fprintf(stderr, "%s: writable\n", path);
		bad = 1;
	}
	if (count(s, 0) != 3) {
		fprintf(stderr, "%s: not 3 notes\n", path);
		bad = 1;
	}
	new_note(&a, "ben's");
	if (store_put(s, &a) != -1 || strstr(store_error(s), want) == NULL) {
		fprintf(stderr, "put: %s, want \"%s\"\n", store_error(s), want);
		bad = 1;
	}
	if (store_position_put(s, "a", "b", &(struct store_position){ 0 }) !=
	    -1) {
		fprintf(stderr, "position put\n");
		bad = 1;
	}
	anno_clear(&a);
	store_close(s);
	return bad;
}

/* Run readonly_reader on path as someone without root's rights. */
static int
as_nobody(void *arg)
{
	if (geteuid() == 0 && (setgroups(0, NULL) == -1 ||
	    setgid(NOBODY) == -1 || setuid(NOBODY) == -1)) {
		perror("setuid");
		return 2;
	}
	return readonly_reader(arg);
}

static void
a_read_only_file_or_folder_reads_and_refuses_writes(void **state)
{
	char		 p[PATH_MAX], sub[PATH_MAX], arg[2 * PATH_MAX + 64];
	struct snapshot	 f;
	uid_t		 uid = geteuid() == 0 ? NOBODY : geteuid();

	(void)state;
	assert_int_equal(chmod(dir, 0755), 0);

	/* A file with mode 0444 in a folder the reader may write to. */
	path_in(sub, "rw");
	assert_int_equal(mkdir(sub, 0755), 0);
	path_in(p, "rw/a.db");
	make_store(p, 3);
	assert_int_equal(chown(sub, uid, (gid_t)-1), 0);
	assert_int_equal(chown(p, uid, (gid_t)-1), 0);
	assert_int_equal(chmod(p, 0444), 0);
	snap(p, &f);
	snprintf(arg, sizeof(arg), "%s%c%s", p, '\0',
	    "a.db: cannot save the note: the file is read-only");
	assert_int_equal(in_child(as_nobody, arg), 0);
	assert_unchanged(p, &f);

	/* A writable file in a folder the reader may not write to. */
	path_in(sub, "ro");
	assert_int_equal(mkdir(sub, 0755), 0);
	path_in(p, "ro/a.db");
	make_store(p, 3);
	assert_int_equal(chown(p, uid, (gid_t)-1), 0);
	assert_int_equal(chown(sub, uid, (gid_t)-1), 0);
	assert_int_equal(chmod(p, 0644), 0);
	assert_int_equal(chmod(sub, 0555), 0);
	snap(p, &f);
	snprintf(arg, sizeof(arg), "%s%c%s/ro is read-only", p, '\0', dir);
	assert_int_equal(in_child(as_nobody, arg), 0);
	assert_unchanged(p, &f);
	assert_int_equal(chmod(sub, 0755), 0);
}

static void
a_store_opened_read_only_refuses_writes(void **state)
{
	char		 p[PATH_MAX];
	struct store	*s;
	struct anno	 a;
	enum store_change what;

	(void)state;
	path_in(p, "a.db");
	make_store(p, 1);
	s = open_ok(p, "ana", 0);
	new_note(&a, "no");
	assert_int_equal(store_put(s, &a), -1);
	error_says(s, "cannot save the note: it was opened read-only");
	assert_int_equal(store_delete(s, a.id), -1);
	assert_int_equal(store_undo(s, NULL, &what, NULL), -1);
	assert_int_equal(store_draft_save(s, &a), -1);
	assert_int_equal(store_draft_clear(s), -1);
	assert_int_equal(count(s, 0), 1);
	anno_clear(&a);
	store_close(s);
}

/* --- full disks, busy files ---------------------------------------------- */

static void
a_full_disk_fails_the_put_and_changes_nothing(void **state)
{
	char		 p[PATH_MAX], pragma[64];
	struct store	*s;
	struct anno	 a, b, *v;
	sqlite3_stmt	*st;
	sqlite3		*db;
	size_t		 n;
	int64_t		 seq;
	char		*big;

	(void)state;
	s = open_ok(path_in(p, "a.db"), "ana", STORE_WRITE | STORE_CREATE);
	new_note(&a, "kept");
	put_ok(s, &a);

	/* The file may grow no more: SQLite says SQLITE_FULL. */
	db = store_sqlite_db(s);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &st,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(pragma, sizeof(pragma), "PRAGMA max_page_count = %d",
	    sqlite3_column_int(st, 0));
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_exec(db, pragma, NULL, NULL, NULL), SQLITE_OK);

	big = xmalloc(200000);
	memset(big, 'x', 199999);
	big[199999] = '\0';
	new_note(&b, big);
	assert_int_equal(store_put(s, &b), -1);
	error_says(s, "a.db: cannot save the note: the disk is full");
	free(a.note);
	a.note = big;
	assert_int_equal(store_put(s, &a), -1);
	error_says(s, "the disk is full");

	assert_int_equal(store_list(s, STORE_TOMBSTONES, &v, &n, &seq), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].note, "kept");
	assert_int_equal(seq, 1);
	store_free_annos(v, n);

	assert_int_equal(sqlite3_exec(db, "PRAGMA max_page_count = 1000000",
	    NULL, NULL, NULL), SQLITE_OK);
	put_ok(s, &b);
	assert_int_equal(count(s, 0), 2);
	anno_clear(&a);
	anno_clear(&b);
	store_close(s);
}

/* Put a big note under a file size limit: it must fail, saying why. */
static int
put_over_the_limit(void *arg)
{
	struct store	*s;
	struct anno	 a;
	struct rlimit	 rl = { 1 << 20, 1 << 20 };
	char		*err, *big;
	int		 bad = 0;

	signal(SIGXFSZ, SIG_IGN);
	if (store_open(&s, arg, "ana", STORE_WRITE, &err) == -1) {
		fprintf(stderr, "%s\n", err);
		free(err);
		return 1;
	}
	if (setrlimit(RLIMIT_FSIZE, &rl) == -1)
		return 2;
	big = xmalloc(3 << 20);
	memset(big, 'y', (3 << 20) - 1);
	big[(3 << 20) - 1] = '\0';
	new_note(&a, big);
	free(big);
	if (store_put(s, &a) != -1 ||
	    strstr(store_error(s), "cannot save the note: input/output "
	    "error (File too large)") == NULL) {
		fprintf(stderr, "put: %s\n", store_error(s));
		bad = 1;
	}
	anno_clear(&a);
	store_close(s);
	return bad;
}

static void
a_write_error_fails_the_put_and_loses_nothing(void **state)
{
	char		 p[PATH_MAX];
	struct store	*s;

	(void)state;
	path_in(p, "a.db");
	make_store(p, 5);
	assert_int_equal(in_child(put_over_the_limit, p), 0);
	s = open_ok(p, "ana", STORE_WRITE);
	assert_int_equal(count(s, STORE_TOMBSTONES), 5);
	store_close(s);
}

static void
a_busy_store_fails_the_put_after_waiting(void **state)
{
	char		 p[PATH_MAX];
	struct store	*s;
	struct anno	 a;
	sqlite3		*other;

	(void)state;
	s = open_ok(path_in(p, "a.db"), "ana", STORE_WRITE | STORE_CREATE);
	sqlite3_busy_timeout(store_sqlite_db(s), 100);
	assert_int_equal(sqlite3_open(p, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL,
	    NULL), SQLITE_OK);
	new_note(&a, "waits");
	assert_int_equal(store_put(s, &a), -1);
	error_says(s, "a.db: cannot save the note: another program kept it "
	    "busy");
	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(other);
	put_ok(s, &a);
	assert_int_equal(count(s, 0), 1);
	anno_clear(&a);
	store_close(s);
}

/* --- two writers, a killed writer ---------------------------------------- */

#define PER_WRITER	200

struct writer {
	const char	*path;
	const char	*author;
	int		 n;
	int		 create;
};

static int
write_notes(void *arg)
{
	struct writer	*w = arg;
	struct store	*s;
	struct anno	 a;
	char		*err, note[64];
	int		 i;

	if (store_open(&s, where_for(w->path, w->author), w->author,
	    STORE_WRITE |
	    (w->create ? STORE_CREATE : 0), &err) == -1) {
		fprintf(stderr, "%s\n", err);
		free(err);
		return 1;
	}
	for (i = 0; i < w->n; i++) {
		snprintf(note, sizeof(note), "%s %d", w->author, i);
		new_note(&a, note);
		if (store_put(s, &a) == -1) {
			fprintf(stderr, "%s\n", store_error(s));
			anno_clear(&a);
			store_close(s);
			return 1;
		}
		anno_clear(&a);
	}
	store_close(s);
	return 0;
}

/* Start a writer in a child process; its pid. */
static pid_t
start_writer(struct writer *w)
{
	pid_t	 pid;

	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == 0)
		_exit(write_notes(w));
	assert_true(pid > 0);
	return pid;
}

static void
wait_ok(pid_t pid)
{
	int	 status;

	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* Each writer's notes are all there, numbered 0 to n - 1, once. */
static void
assert_all_there(const char *path, struct writer *w, int nw)
{
	struct store	*s = open_ok(path, "check", 0);
	struct anno	*v;
	size_t		 n, i;
	int64_t		 seq;
	int		 k, total = 0;
	char		*seen;

	for (k = 0; k < nw; k++)
		total += w[k].n;
	assert_int_equal(store_list(s, 0, &v, &n, &seq), 0);
	assert_int_equal(n, (size_t)total);
	assert_int_equal(seq, total);
	seen = xcalloc((size_t)total, 1);
	for (i = 0; i < n; i++) {
		int	 base = 0, num;

		for (k = 0; k < nw; k++) {
			size_t	 len = strlen(w[k].author);

			if (strncmp(v[i].note, w[k].author, len) == 0 &&
			    v[i].note[len] == ' ')
				break;
			base += w[k].n;
		}
		assert_true(k < nw);
		assert_string_equal(v[i].author, w[k].author);
		num = atoi(strchr(v[i].note, ' ') + 1);
		assert_true(num >= 0 && num < w[k].n);
		assert_int_equal(seen[base + num], 0);
		seen[base + num] = 1;
	}
	free(seen);
	store_free_annos(v, n);
	store_close(s);
}

/*
 * The change numbers follow each writer's order: in the changes since
 * 0, in the order of their numbers, each writer's notes come in the
 * order it wrote them.
 */
static void
assert_in_order(const char *path, struct writer *w, int nw)
{
	struct store	*s = open_ok(path, "check", 0);
	struct anno	*v;
	size_t		 n, i;
	int64_t		 seq;
	int		 k, last[4];

	assert_true(nw <= 4);
	for (k = 0; k < nw; k++)
		last[k] = -1;
	assert_int_equal(store_changes(s, 0, &v, &n, &seq), 0);
	for (i = 0; i < n; i++) {
		for (k = 0; k < nw; k++)
			if (strcmp(v[i].author, w[k].author) == 0)
				break;
		assert_true(k < nw);
		assert_true(atoi(strchr(v[i].note, ' ') + 1) > last[k]);
		last[k] = atoi(strchr(v[i].note, ' ') + 1);
	}
	store_free_annos(v, n);
	store_close(s);
}

static void
two_writers_at_once_lose_nothing(void **state)
{
	char		 p[PATH_MAX];
	struct writer	 w[2] = {
		{ NULL, "ana", PER_WRITER, 0 },
		{ NULL, "bo", PER_WRITER, 0 },
	};
	pid_t		 pid[2];

	(void)state;
	if (pg)
		w[0].n = w[1].n = 500;
	path_in(p, "seminar.db");
	make_store(p, 0);
	w[0].path = w[1].path = p;
	pid[0] = start_writer(&w[0]);
	pid[1] = start_writer(&w[1]);
	wait_ok(pid[0]);
	wait_ok(pid[1]);
	assert_all_there(p, w, 2);
	assert_in_order(p, w, 2);
}

static void
two_writers_creating_the_store_at_once(void **state)
{
	char		 p[PATH_MAX];
	struct writer	 w[2] = {
		{ NULL, "ana", 20, 1 },
		{ NULL, "ben", 20, 1 },
	};
	pid_t		 pid[2];

	(void)state;
	path_in(p, "new.db");
	w[0].path = w[1].path = p;
	pid[0] = start_writer(&w[0]);
	pid[1] = start_writer(&w[1]);
	wait_ok(pid[0]);
	wait_ok(pid[1]);
	assert_all_there(p, w, 2);
}

/*
 * Put a note, tell the parent it is saved (fd), and wait to be killed:
 * kill -9 right after the screen said "saved".
 */
static int
put_and_wait(const char *path, int fd)
{
	struct store	*s;
	struct anno	 a;
	char		*err;

	if (store_open(&s, path, "ana", STORE_WRITE, &err) == -1)
		return 1;
	new_note(&a, "said saved, then killed");
	if (store_put(s, &a) == -1 || write(fd, "s", 1) != 1)
		return 1;
	for (;;)
		pause();
}

static void
a_note_saved_survives_kill_9(void **state)
{
	char		 p[PATH_MAX], wal[PATH_MAX + 8], c;
	struct store	*s;
	struct anno	*v;
	size_t		 n;
	pid_t		 pid;
	int		 fd[2], status;

	(void)state;
	path_in(p, "a.db");
	make_store(p, 0);
	assert_int_equal(pipe(fd), 0);
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == 0) {
		close(fd[0]);
		_exit(put_and_wait(p, fd[1]));
	}
	assert_true(pid > 0);
	close(fd[1]);
	assert_int_equal(read(fd[0], &c, 1), 1);
	close(fd[0]);
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

	/* The writer died with its log not checkpointed. */
	snprintf(wal, sizeof(wal), "%s-wal", p);
	assert_int_equal(access(wal, F_OK), 0);
	s = open_ok(p, "ben", 0);
	assert_int_equal(store_list(s, 0, &v, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].note, "said saved, then killed");
	store_free_annos(v, n);
	store_close(s);
}

/*
 * A note written while the seminar could not be reached waits in the
 * personal store, marked unsent to that seminar, across a restart; once
 * sent (put in the seminar, deleted here) the mark is gone with it.
 */
static void
unsent_notes_wait_in_the_personal_store(void **state)
{
	struct store	*s, *sem;
	struct anno	 a, b, *v;
	size_t		 n;
	char		 p[PATH_MAX], q[PATH_MAX];

	(void)state;
	path_in(p, "personal.db");
	path_in(q, "seminar.db");
	s = open_ok(p, "ana", STORE_WRITE | STORE_CREATE);
	new_note(&a, "written on the train #offline");
	new_note(&b, "a private one");
	if (store_put_unsent(s, &a, "postgresql://h/seminar") == -1)
		fail_msg("%s", store_error(s));
	assert_string_equal(a.author, "ana");
	assert_true(a.created > 0);
	put_ok(s, &b);
	assert_int_equal(store_put_unsent(s, &b, ""), -1);
	store_close(s);

	s = open_ok(p, "ana", STORE_WRITE);
	assert_int_equal(count(s, 0), 2);
	assert_int_equal(store_unsent(s, NULL, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].id, a.id);
	assert_string_equal(v[0].note, "written on the train #offline");
	assert_int_equal(v[0].ntags, 1);
	assert_string_equal(v[0].target[0].exact, "Camp David");
	store_free_annos(v, n);
	assert_int_equal(store_unsent(s, "postgresql://h/seminar", &v, &n),
	    0);
	assert_int_equal(n, 1);
	store_free_annos(v, n);
	assert_int_equal(store_unsent(s, "postgresql://h/other", &v, &n), 0);
	assert_int_equal(n, 0);
	assert_null(v);

	/* Edited while still unsent: still unsent, the new text. */
	free(a.note);
	a.note = xstrdup("written on the train, then the platform");
	put_ok(s, &a);
	assert_int_equal(store_unsent(s, NULL, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].note,
	    "written on the train, then the platform");
	store_free_annos(v, n);

	/* Sent: in the seminar first, then a tombstone here. */
	sem = open_ok(q, "ana", STORE_WRITE | STORE_CREATE);
	put_ok(sem, &a);
	assert_int_equal(store_delete(s, a.id), 0);
	assert_int_equal(store_unsent(s, NULL, &v, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(count(s, 0), 1);
	assert_int_equal(count(sem, 0), 1);

	store_close(sem);
	store_close(s);
	anno_clear(&a);
	anno_clear(&b);
}

/*
 * Marks are kept per author and pair of essays, set again replaces, and
 * the pair read the other way round finds them turned; what is typed at
 * a prompt is recalled oldest first, once each, the newest 100 only.
 */
static void
marks_and_what_was_typed_are_kept(void **state)
{
	struct store		*s, *t;
	struct store_mark	 m, *v;
	char			 p[PATH_MAX], **typed, text[32];
	size_t			 n, i;

	(void)state;
	path_in(p, "a.db");
	s = open_ok(p, "ana", STORE_WRITE | STORE_CREATE);
	memset(&m, 0, sizeof(m));
	m.name = 'b';
	m.pos.offset[0] = 100;
	m.pos.offset[1] = 200;
	m.pos.sync = 1;
	assert_int_equal(store_mark_put(s, "ogi-2024", "koga-2023", &m), 0);
	assert_true(m.pos.saved > 0);
	m.name = 'a';
	m.pos.offset[0] = 5;
	m.pos.focus = 1;
	assert_int_equal(store_mark_put(s, "ogi-2024", "koga-2023", &m), 0);
	m.pos.offset[0] = 7;		/* a again: replaced */
	assert_int_equal(store_mark_put(s, "ogi-2024", "koga-2023", &m), 0);
	m.name = 'A';
	assert_int_equal(store_mark_put(s, "ogi-2024", "koga-2023", &m), -1);
	store_close(s);

	s = open_ok(p, "ana", STORE_WRITE);
	assert_int_equal(store_marks(s, "ogi-2024", "koga-2023", &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].name, 'a');
	assert_int_equal(v[0].pos.offset[0], 7);
	assert_int_equal(v[0].pos.offset[1], 200);
	assert_int_equal(v[0].pos.focus, 1);
	assert_int_equal(v[1].name, 'b');
	assert_int_equal(v[1].pos.offset[0], 100);
	free(v);
	assert_int_equal(store_marks(s, "koga-2023", "ogi-2024", &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].pos.offset[0], 200);
	assert_int_equal(v[0].pos.offset[1], 7);
	assert_int_equal(v[0].pos.focus, 0);
	free(v);
	t = open_ok(p, "bo", STORE_WRITE);
	assert_int_equal(store_marks(t, "ogi-2024", "koga-2023", &v, &n), 0);
	assert_int_equal(n, 0);
	store_close(t);

	assert_int_equal(store_recall_add(s, "search", "gsomia"), 0);
	assert_int_equal(store_recall_add(s, "search", "KN-23"), 0);
	assert_int_equal(store_recall_add(s, "filter", "#seminar"), 0);
	assert_int_equal(store_recall_add(s, "search", ""), -1);
	assert_int_equal(store_recall_add(s, "search", "gsomia"), 0);
	assert_int_equal(store_recall(s, "search", &typed, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(typed[0], "KN-23");
	assert_string_equal(typed[1], "gsomia");
	for (i = 0; i < n; i++)
		free(typed[i]);
	free(typed);
	for (i = 0; i < STORE_RECALL_MAX + 20; i++) {
		snprintf(text, sizeof(text), "pattern %zu", i);
		assert_int_equal(store_recall_add(s, "filter", text), 0);
	}
	assert_int_equal(store_recall(s, "filter", &typed, &n), 0);
	assert_int_equal(n, STORE_RECALL_MAX);
	assert_string_equal(typed[0], "pattern 20");
	snprintf(text, sizeof(text), "pattern %d", STORE_RECALL_MAX + 19);
	assert_string_equal(typed[n - 1], text);
	for (i = 0; i < n; i++)
		free(typed[i]);
	free(typed);
	store_close(s);
}

/* --- what only a server does (PostgreSQL) -------------------------------- */

static const char *
env(const char *name)
{
	const char	*v = getenv(name);

	assert_non_null(v);
	return v;
}

/* Run a command of tests/pg.sh's (DIPTYCH_PG_STOP, _START). */
static void
server(const char *var)
{
	char	 cmd[1024];

	snprintf(cmd, sizeof(cmd), "%s >/dev/null 2>&1", env(var));
	fflush(stdout);
	fflush(stderr);
	if (system(cmd) != 0)
		fail_msg("%s failed", var);
}

/* Call store_reconnect until it connects (1) within secs. */
static void
reconnect_within(struct store *s, int secs)
{
	int64_t	 t = anno_now();
	int	 rc;

	while ((rc = store_reconnect(s)) == 0) {
		if (anno_now() - t > secs * 1000)
			fail_msg("not connected after %d s: %s", secs,
			    store_error(s));
		usleep(50000);
	}
	if (rc == -1)
		fail_msg("%s", store_error(s));
	assert_true(store_connected(s));
}

static void
the_author_is_the_role(void **state)
{
	struct store	*s;
	struct anno	 a, b;

	(void)state;
	s = open_ok("", "Ana Lima", STORE_WRITE);
	assert_string_equal(store_author(s), "ana");
	assert_true(store_connected(s));
	/* Under the name asked for, or none: the role's. */
	new_note(&a, "mine");
	a.author = xstrdup("Ana Lima");
	put_ok(s, &a);
	assert_string_equal(a.author, "ana");
	assert_int_equal(store_get(s, a.id, &b), 0);
	assert_string_equal(b.author, "ana");
	anno_clear(&b);
	anno_clear(&a);
	new_note(&a, "mine too");
	put_ok(s, &a);
	assert_string_equal(a.author, "ana");
	anno_clear(&a);
	store_close(s);
}

static void
others_notes_and_places_are_refused_by_the_server(void **state)
{
	struct store		*ana, *bo;
	struct store_version	*h;
	struct store_position	 pos;
	struct anno		 a, b, d;
	enum store_change	 what;
	size_t			 n;
	char			 sql[512];

	(void)state;
	ana = open_ok("", "ana", STORE_WRITE);
	bo = open_ok("", "bo", STORE_WRITE);
	new_note(&a, "ana's #own");
	put_ok(ana, &a);
	place_ok(ana, "ogi-2024", "koga-2023", 10, 20, 0, "", &pos);

	/* Bo edits it, under her name or his: the server says no. */
	anno_copy(&b, &a);
	free(b.note);
	b.note = xstrdup("bo was here");
	assert_int_equal(store_put(bo, &b), -1);
	error_says(bo, "cannot save the note: it is someone else's (the "
	    "server refuses it)");
	assert_null(strstr(store_error(bo), "row-level"));
	free(b.author);
	b.author = xstrdup("");
	assert_int_equal(store_put(bo, &b), -1);
	error_says(bo, "it is someone else's");
	assert_int_equal(store_delete(bo, a.id), -1);
	error_says(bo, "cannot delete the note: it is someone else's");
	assert_int_equal(store_undo(bo, "ana", &what, NULL), -1);
	error_says(bo, "cannot undo: it is someone else's");
	assert_int_equal(store_merge(bo, &b, 1, NULL), 0);	/* older */
	b.modified = a.modified + 1000;
	assert_int_equal(store_merge(bo, &b, 1, NULL), -1);
	error_says(bo, "cannot merge the notes: it is someone else's");
	/* Nothing of it stayed; bo's store still works. */
	assert_int_equal(store_get(ana, a.id, &d), 0);
	assert_string_equal(d.note, "ana's #own");
	assert_int_equal(d.deleted, 0);
	anno_clear(&d);
	assert_int_equal(store_history(ana, a.id, &h, &n), 0);
	assert_int_equal(n, 1);
	store_free_versions(h, n);
	new_note(&d, "bo's own");
	put_ok(bo, &d);
	anno_clear(&d);

	/* Her place, and her draft, are hers: even in plain SQL. */
	assert_string_equal(sql_as(env("DIPTYCH_PG_URL_BO"),
	    "INSERT INTO diptych.position (author, left_doc, right_doc,"
	    " left_offset, right_offset, saved) VALUES"
	    " ('ana', 'a', 'b', 1, 2, 3)"), "42501");
	assert_string_equal(sql_as(env("DIPTYCH_PG_URL_BO"),
	    "UPDATE diptych.position SET left_offset = 0"), "");
	/* (No policy lets anyone delete a note: none is deleted.) */
	assert_string_equal(sql_as(env("DIPTYCH_PG_URL_BO"),
	    "DELETE FROM diptych.anno"), "");
	snprintf(sql, sizeof(sql), "UPDATE diptych.anno SET note = 'x'"
	    " WHERE id = '%s'", a.id);
	assert_string_equal(sql_as(env("DIPTYCH_PG_URL_BO"), sql), "");
	assert_string_equal(sql_as(env("DIPTYCH_PG_URL_BO"),
	    "INSERT INTO diptych.change (seq, anno, kind, who, at) VALUES"
	    " (999, 'x', 'create', 'ana', 0)"), "42501");
	assert_string_equal(sql_as(env("DIPTYCH_PG_URL_BO"),
	    "UPDATE diptych.meta SET version = 99"), "");
	assert_int_equal(store_position_get(ana, "ogi-2024", "koga-2023",
	    &pos), 0);
	assert_int_equal(pos.offset[0], 10);
	assert_int_equal(store_get(ana, a.id, &d), 0);
	assert_string_equal(d.note, "ana's #own");
	anno_clear(&d);
	assert_int_equal(store_draft_save(ana, &a), 0);
	assert_int_equal(store_draft_get(bo, &d), 1);
	assert_int_equal(store_draft_clear(bo), 0);
	assert_int_equal(store_draft_get(ana, &d), 0);
	anno_clear(&d);
	anno_clear(&a);
	anno_clear(&b);
	store_close(bo);
	store_close(ana);
}

/* Wait at most ms for s's descriptor; whether it became readable. */
static int
readable_within(struct store *s, int ms)
{
	struct pollfd	 p;
	int		 interval;

	store_watch(s, &p.fd, &interval);
	assert_true(p.fd >= 0);
	assert_true(interval >= 1000);
	p.events = POLLIN;
	p.revents = 0;
	return poll(&p, 1, ms) == 1;
}

static void
news_comes_through_the_socket(void **state)
{
	struct store		*ana, *bo;
	struct store_position	 pos;
	struct anno		 a, b;
	int64_t			 t;
	int			 yes = 0;

	(void)state;
	ana = open_ok("", "ana", STORE_WRITE);
	bo = open_ok("", "bo", STORE_WRITE);
	assert_int_equal(store_changed(ana), 0);

	/* His note: her socket says so within a second, no query sent. */
	new_note(&b, "his");
	put_ok(bo, &b);
	t = anno_now();
	while (!yes && anno_now() - t < 1000) {
		assert_true(readable_within(ana, 1000));
		assert_int_not_equal(yes = store_changed(ana), -1);
	}
	assert_int_equal(yes, 1);
	assert_int_equal(store_changed(ana), 0);
	assert_int_equal(store_moved(ana), 0);

	/* Her own note is no news to her, though it comes back. */
	new_note(&a, "hers");
	put_ok(ana, &a);
	assert_int_equal(changed(ana), 0);
	assert_int_equal(changed(bo), 1);

	/* His place moves: that is a move, not a change. */
	place_ok(bo, "ogi-2024", "koga-2023", 1, 2, 0, "ana", &pos);
	t = anno_now();
	yes = 0;
	while (!yes && anno_now() - t < 1000) {
		assert_true(readable_within(ana, 1000));
		assert_int_not_equal(yes = store_moved(ana), -1);
	}
	assert_int_equal(yes, 1);
	assert_int_equal(store_changed(ana), 0);
	anno_clear(&a);
	anno_clear(&b);
	store_close(bo);
	store_close(ana);
}

static void
a_server_restarted_is_reached_again(void **state)
{
	struct store	*ana, *bo;
	struct anno	 a[3], late, his, *v;
	size_t		 n, i;
	int		 fd, ms;

	(void)state;
	ana = open_ok("", "ana", STORE_WRITE);
	for (i = 0; i < 3; i++) {
		new_note(&a[i], "before the restart");
		put_ok(ana, &a[i]);
	}
	store_watch(ana, &fd, &ms);
	assert_true(fd >= 0);

	server("DIPTYCH_PG_STOP");
	server("DIPTYCH_PG_START");

	/* The note written now fails, saying why; she is not connected. */
	new_note(&late, "written while it was away");
	assert_int_equal(store_put(ana, &late), -1);
	error_says(ana, "cannot save the note: the server is unreachable (");
	assert_int_equal(store_connected(ana), 0);
	assert_int_equal(store_changed(ana), -1);
	assert_int_equal(store_moved(ana), -1);
	assert_int_equal(store_list(ana, 0, &v, &n, NULL), -1);
	store_watch(ana, &fd, &ms);
	assert_int_equal(fd, -1);
	assert_true(ms <= 1000);

	/* Bo writes meanwhile; she comes back and sees it as news. */
	bo = open_ok("", "bo", STORE_WRITE);
	new_note(&his, "bo, while ana was away");
	put_ok(bo, &his);
	reconnect_within(ana, 10);
	store_watch(ana, &fd, &ms);
	assert_true(fd >= 0);
	assert_int_equal(store_changed(ana), 1);
	assert_int_equal(changed(ana), 0);

	/* Her notes are there, once; the late one is sent again, once. */
	put_ok(ana, &late);
	put_ok(ana, &late);
	assert_int_equal(count(ana, 0), 5);
	assert_int_equal(last_change(ana), 5);
	assert_int_equal(changed(ana), 0);
	for (i = 0; i < 3; i++)
		anno_clear(&a[i]);
	anno_clear(&late);
	anno_clear(&his);
	store_close(bo);
	store_close(ana);
}

static void
a_server_away_opens_offline_and_connects_later(void **state)
{
	struct store	*s, *t;
	struct anno	 a;
	char		*err, url[512];
	int64_t		 start;
	int		 fd, ms, rc;

	(void)state;
	server("DIPTYCH_PG_STOP");
	assert_int_equal(store_open(&s, env("DIPTYCH_PG_URL_ANA"), "ana",
	    STORE_WRITE, &err), -1);
	if (strstr(err, "the server is unreachable") == NULL)
		fail_msg("\"%s\" does not say unreachable", err);
	free(err);
	assert_int_equal(store_open(&s, env("DIPTYCH_PG_URL_ANA"), "ana",
	    STORE_WRITE | STORE_OFFLINE, &err), 0);
	assert_null(err);
	assert_int_equal(store_connected(s), 0);
	assert_string_equal(store_author(s), "ana");
	store_watch(s, &fd, &ms);
	assert_int_equal(fd, -1);
	new_note(&a, "not yet");
	assert_int_equal(store_put(s, &a), -1);
	error_says(s, "cannot save the note: the server is unreachable");
	assert_int_equal(store_reconnect(s), 0);
	assert_int_equal(store_reconnect(s), 0);
	/* A role the server does not know opens too, while it is away. */
	snprintf(url, sizeof(url), "postgresql://nobody@%s/seminar",
	    env("DIPTYCH_PG_HOSTPORT"));
	assert_int_equal(store_open(&t, url, "nobody", STORE_WRITE |
	    STORE_OFFLINE, &err), 0);

	server("DIPTYCH_PG_START");
	reconnect_within(s, 10);
	put_ok(s, &a);
	assert_int_equal(count(s, 0), 1);
	/* Back, the server refuses it for good: -1, saying so. */
	start = anno_now();
	while ((rc = store_reconnect(t)) == 0 && anno_now() - start < 10000)
		usleep(50000);
	assert_int_equal(rc, -1);
	error_says(t, "nobody");
	assert_int_equal(store_connected(t), 0);
	store_close(t);
	anno_clear(&a);
	store_close(s);
}

static void
a_database_that_is_no_seminar_is_refused(void **state)
{
	struct store	*s;
	char		*err, url[512];

	(void)state;
	/* Made already by tests/pg.sh: again is fine. */
	assert_int_equal(store_init_seminar(env("DIPTYCH_PG_URL"), &err), 0);
	assert_null(err);
	assert_int_equal(store_init_seminar(env("DIPTYCH_PG_URL"), &err), 0);

	assert_int_equal(store_open(&s, env("DIPTYCH_PG_PLAIN"), "ana",
	    STORE_WRITE | STORE_OFFLINE, &err), -1);
	if (strstr(err, "/plain: not a diptych seminar database (run "
	    "diptych --seminar-init URL first)") == NULL)
		fail_msg("%s", err);
	free(err);
	/* A server that refuses us is no server away. */
	snprintf(url, sizeof(url), "postgresql://nobody@%s/seminar",
	    env("DIPTYCH_PG_HOSTPORT"));
	assert_int_equal(store_open(&s, url, "ana", STORE_WRITE |
	    STORE_OFFLINE, &err), -1);
	if (strstr(err, "nobody") == NULL)
		fail_msg("%s", err);
	free(err);
}

static void
a_password_is_never_shown(void **state)
{
	struct store	*s;
	char		*err, url[512];
	const char	*urls[] = {
		"postgresql://ana:s3cret@%s/nosuchdb",
		"postgres://ana:s3cret@%s/nosuchdb?sslmode=disable",
		"postgresql://%s/nosuchdb?user=ana&password=s3cret",
		"postgresql://ana:s3cret@127.0.0.1:1/seminar?application_name=%s",
	};
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		snprintf(url, sizeof(url), urls[i],
		    env("DIPTYCH_PG_HOSTPORT"));
		assert_int_equal(store_open(&s, url, "ana", STORE_WRITE,
		    &err), -1);
		if (strstr(err, "s3cret") != NULL ||
		    strstr(err, "***") == NULL)
			fail_msg("%s", err);
		free(err);
		assert_int_equal(store_init_seminar(url, &err), -1);
		if (strstr(err, "s3cret") != NULL)
			fail_msg("%s", err);
		free(err);
	}
	/* Opened away: where and the error, without it too. */
	assert_int_equal(store_open(&s, url, "ana", STORE_WRITE |
	    STORE_OFFLINE, &err), 0);
	assert_null(strstr(store_where(s), "s3cret"));
	assert_non_null(strstr(store_where(s), "ana:***@"));
	assert_null(strstr(store_error(s), "s3cret"));
	assert_int_equal(store_reconnect(s), 0);
	assert_null(strstr(store_error(s), "s3cret"));
	store_close(s);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)
#define TP(fn)	cmocka_unit_test_setup_teardown(fn, setup_pg, teardown)

/* The tests that hold for both backends, and those of a server. */
static int
run_pg(void)
{
	const struct CMUnitTest tests[] = {
		TP(a_note_put_is_read_back_whole),
		TP(putting_the_same_again_changes_nothing),
		TP(an_edit_keeps_the_previous_version),
		TP(a_delete_is_a_tombstone),
		TP(notes_with_a_tag_are_read_alone),
		TP(undo_goes_back_one_change_at_a_time_across_restarts),
		TP(bad_notes_are_refused_with_a_message),
		TP(changes_since_show_other_peoples_notes),
		TP(a_merge_inserts_notes_as_they_are),
		TP(in_a_merge_the_newest_change_wins),
		TP(merging_the_same_twice_changes_nothing),
		TP(a_bad_note_in_a_merge_changes_nothing),
		TP(a_failure_midway_rolls_back_the_whole_merge),
		TP(reading_positions_are_kept_per_pair_and_author),
		TP(whom_a_reader_follows_is_kept_with_the_place),
		TP(who_reads_a_pair_latest_first),
		TP(places_moving_are_not_notes_changing),
		TP(a_draft_outlives_the_program),
		TP(a_store_opened_read_only_refuses_writes),
		TP(two_writers_at_once_lose_nothing),
		TP(the_author_is_the_role),
		TP(others_notes_and_places_are_refused_by_the_server),
		TP(news_comes_through_the_socket),
		TP(a_server_restarted_is_reached_again),
		TP(a_server_away_opens_offline_and_connects_later),
		TP(a_database_that_is_no_seminar_is_refused),
		TP(a_password_is_never_shown),
	};

	pg = 1;
	foreign = "ana";
	if (getenv("DIPTYCH_PG_URL") == NULL ||
	    getenv("DIPTYCH_PG_URL_ANA") == NULL ||
	    getenv("DIPTYCH_PG_URL_BO") == NULL ||
	    getenv("DIPTYCH_PG_URL_KIM") == NULL) {
		printf("1..0 # SKIP DIPTYCH_PG_URL, _ANA, _BO, _KIM not set "
		    "(tests/store-pg.sh sets them)\n");
		return 0;
	}
	return cmocka_run_group_tests_name("postgresql", tests, NULL, NULL);
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		T(a_note_put_is_read_back_whole),
		T(putting_the_same_again_changes_nothing),
		T(an_edit_keeps_the_previous_version),
		T(a_delete_is_a_tombstone),
		T(notes_with_a_tag_are_read_alone),
		T(undo_goes_back_one_change_at_a_time_across_restarts),
		T(undo_is_per_author_and_spares_other_peoples_changes),
		T(bad_notes_are_refused_with_a_message),
		T(changes_since_show_other_peoples_notes),
		T(a_merge_inserts_notes_as_they_are),
		T(in_a_merge_the_newest_change_wins),
		T(merging_the_same_twice_changes_nothing),
		T(a_bad_note_in_a_merge_changes_nothing),
		T(a_failure_midway_rolls_back_the_whole_merge),
		T(reading_positions_are_kept_per_pair_and_author),
		T(whom_a_reader_follows_is_kept_with_the_place),
		T(who_reads_a_pair_latest_first),
		T(places_moving_are_not_notes_changing),
		T(a_draft_outlives_the_program),
		T(a_text_file_is_not_a_store_and_is_left_alone),
		T(another_sqlite_file_is_not_a_store_and_is_left_alone),
		T(an_empty_file_becomes_a_store),
		T(a_damaged_store_is_refused_and_left_alone),
		T(a_store_checked_later_is_still_never_written_when_damaged),
		T(passages_are_found_by_place_without_the_notes),
		T(a_store_from_a_newer_diptych_opens_read_only),
		T(a_version_1_store_is_migrated_with_its_notes),
		T(a_version_2_store_is_migrated_with_its_positions),
		T(opening_errors_name_the_file),
		T(the_default_store_is_private),
		T(a_read_only_file_or_folder_reads_and_refuses_writes),
		T(a_store_opened_read_only_refuses_writes),
		T(a_full_disk_fails_the_put_and_changes_nothing),
		T(a_write_error_fails_the_put_and_loses_nothing),
		T(a_busy_store_fails_the_put_after_waiting),
		T(two_writers_at_once_lose_nothing),
		T(two_writers_creating_the_store_at_once),
		T(a_note_saved_survives_kill_9),
		T(unsent_notes_wait_in_the_personal_store),
		T(marks_and_what_was_typed_are_kept),
	};

	if (argc == 2 && strcmp(argv[1], "--pg") == 0)
		return run_pg();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
