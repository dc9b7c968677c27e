/*
 * store.c: the store interface: choosing a backend, checking requests,
 * the default path.
 *
 * The backends (store_impl.h) live in the table below, chosen by the
 * prefix of what is opened; a backend that is not built in says so.
 * Every request is checked here once, so that a malformed annotation
 * is refused with the same message whatever the backend, and a write to
 * a read-only store fails here with the reason the store was opened
 * read-only.
 *
 * At the end, what the backends do alike whatever their database (how
 * two versions of a note compare, what a write stores, who is reading):
 * the rules of store.h, kept once.
 */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unistr.h>

#include "diptych/store.h"
#include "diptych/util.h"
#include "store_impl.h"

/* The backends, by the prefix of where (the last row matches anything). */
static const struct backend {
	const char		*prefix;
	const struct store_ops	*ops;		/* NULL: not built in */
	const char		*missing;	/* why not */
} backends[] = {
	{ "postgresql://", &store_pg_ops, NULL },
	{ "postgres://", &store_pg_ops, NULL },
	{ "", &store_sqlite_ops, NULL },
};

static char *
vformat(const char *fmt, va_list ap)
{
	struct buf	 b;

	buf_init(&b);
	buf_vprintf(&b, fmt, ap);
	return b.data != NULL ? buf_steal(&b, NULL) : xstrdup(fmt);
}

char *
store_printf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = vformat(fmt, ap);
	va_end(ap);
	return s;
}

int
store_seterr(struct store *s, const char *fmt, ...)
{
	va_list	 ap;
	char	*e;

	va_start(ap, fmt);
	e = vformat(fmt, ap);
	va_end(ap);
	free(s->error);
	s->error = e;
	return -1;
}

void
store_init(struct store *s, const struct store_ops *ops, const char *where,
    const char *author)
{
	s->ops = ops;
	s->where = xstrdup(where);
	s->author = xstrdup(author);
	s->error = NULL;
	s->readonly = NULL;
	s->seq = s->moves = 0;
	s->changed = s->moved = 0;
}

void
store_fini(struct store *s)
{
	free(s->where);
	free(s->author);
	free(s->error);
	free(s->readonly);
	s->where = s->author = s->error = s->readonly = NULL;
}

/* "$var/rest" when $var is set to an absolute path; else NULL. */
static char *
under_env(const char *var, const char *rest)
{
	const char	*v = getenv(var);

	if (v == NULL || v[0] != '/')
		return NULL;
	return store_printf("%s%s%s", v,
	    v[strlen(v) - 1] == '/' ? "" : "/", rest);
}

char *
store_default_path(char **err)
{
	const char	*v = getenv("DIPTYCH_STORE");
	struct passwd	*pw;
	char		*p;

	*err = NULL;
	if (v != NULL && v[0] != '\0')
		return xstrdup(v);
	if ((p = under_env("XDG_DATA_HOME", "diptych/annotations.db")) != NULL)
		return p;
	if ((p = under_env("HOME",
	    ".local/share/diptych/annotations.db")) != NULL)
		return p;
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_dir != NULL &&
	    pw->pw_dir[0] == '/')
		return store_printf("%s/.local/share/diptych/annotations.db",
		    pw->pw_dir);
	*err = xstrdup("no home folder for the annotation store: "
	    "set HOME, XDG_DATA_HOME or DIPTYCH_STORE");
	return NULL;
}

/* Create the missing folders of path's folder, mode 0700. */
static int
make_folders(const char *path, char **err)
{
	char		*d = xstrdup(path), *p, c;
	struct stat	 st;

	if ((p = strrchr(d, '/')) == NULL || p == d) {
		free(d);
		return 0;
	}
	*p = '\0';
	for (p = d + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		c = *p;
		*p = '\0';
		if (stat(d, &st) == -1) {
			if (errno != ENOENT ||
			    (mkdir(d, 0700) == -1 && errno != EEXIST)) {
				*err = store_printf("%s: cannot make the "
				    "folder %s: %s", path, d, strerror(errno));
				free(d);
				return -1;
			}
		} else if (!S_ISDIR(st.st_mode)) {
			*err = store_printf("%s: %s is not a folder", path, d);
			free(d);
			return -1;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(d);
	return 0;
}

int
store_create_file(const char *path, int flags, char **err)
{
	int	 fd;

	if ((flags & STORE_MKDIR) && make_folders(path, err) == -1)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    (flags & STORE_SHARED) ? 0666 : 0600);
	if (fd == -1 && errno != EEXIST) {
		*err = store_printf("%s: cannot create it: %s", path,
		    strerror(errno));
		return -1;
	}
	if (fd != -1 && close(fd) == -1) {
		*err = store_printf("%s: cannot create it: %s", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

int
store_open(struct store **sp, const char *where, const char *author,
    int flags, char **err)
{
	const struct backend	*b;

	*sp = NULL;
	*err = NULL;
	if (where == NULL || where[0] == '\0') {
		*err = xstrdup("no annotation store named");
		return -1;
	}
	if (author == NULL || author[0] == '\0' ||
	    strlen(author) > STORE_AUTHOR_MAX ||
	    u8_check((const uint8_t *)author, strlen(author)) != NULL) {
		*err = store_printf("%s: no author, or not UTF-8 of at most "
		    "%d bytes", where, STORE_AUTHOR_MAX);
		return -1;
	}
	for (b = backends; ; b++)
		if (strncmp(where, b->prefix, strlen(b->prefix)) == 0)
			break;
	if (b->ops == NULL) {
		*err = store_printf("%s: %s", where, b->missing);
		return -1;
	}
	return b->ops->open(sp, where, author, flags, err);
}

void
store_close(struct store *s)
{
	if (s != NULL)
		s->ops->close(s);
}

int
store_connected(const struct store *s)
{
	return s->ops->connected == NULL || s->ops->connected(s);
}

int
store_check(struct store *s)
{
	return s->ops->check == NULL ? 0 : s->ops->check(s);
}

int
store_places(struct store *s, const char *doc_id,
    const struct store_span *spans, size_t nspans, struct store_place **v,
    size_t *n)
{
	*v = NULL;
	*n = 0;
	if (s->ops->places == NULL)
		return 1;
	return s->ops->places(s, doc_id, spans, nspans, v, n);
}

int
store_tagged(struct store *s, const char *tag, struct anno **v, size_t *n)
{
	struct anno	*all;
	size_t		 nall, i, j;
	int64_t		 seq;

	*v = NULL;
	*n = 0;
	if (s->ops->tagged != NULL)
		return s->ops->tagged(s, tag, v, n);
	if (store_list(s, 0, &all, &nall, &seq) == -1)
		return -1;
	for (i = 0; i < nall; i++) {
		for (j = 0; j < all[i].ntags; j++)
			if (strcmp(all[i].tags[j], tag) == 0)
				break;
		if (j == all[i].ntags) {
			anno_clear(&all[i]);
			continue;
		}
		all[(*n)++] = all[i];
	}
	if (*n == 0) {
		free(all);
		all = NULL;
	}
	*v = all;
	return 0;
}

int
store_reconnect(struct store *s)
{
	if (s->ops->reconnect == NULL)
		return 1;
	return s->ops->reconnect(s);
}

const char *
store_error(const struct store *s)
{
	return s->error != NULL ? s->error : "no error";
}

int
store_writable(const struct store *s)
{
	return s->readonly == NULL;
}

const char *
store_where(const struct store *s)
{
	return s->where;
}

const char *
store_author(const struct store *s)
{
	return s->author;
}

/* Refuse a write to a read-only store: -1, saying what failed. */
static int
refuse_readonly(struct store *s, const char *what)
{
	return store_seterr(s, "%s: cannot %s: %s", s->where, what,
	    s->readonly);
}

/* An id: 1 to ANNO_ID_LEN letters, digits, '-' or '_'. */
static int
good_id(const char *id)
{
	size_t	 i;

	if (id == NULL || id[0] == '\0')
		return 0;
	for (i = 0; id[i] != '\0'; i++) {
		if (i >= ANNO_ID_LEN)
			return 0;
		if (strchr("0123456789abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_", id[i]) == NULL)
			return 0;
	}
	return 1;
}

static int
good_text(const char *t)
{
	return t == NULL || u8_check((const uint8_t *)t, strlen(t)) == NULL;
}

/*
 * Why a cannot be stored, or NULL when it can: what store.h promises
 * a backend.
 */
static const char *
bad_anno(const struct anno *a)
{
	size_t	 i;
	int	 k;

	if (!good_id(a->id))
		return "its id is not 1 to 36 letters, digits, '-' or '_'";
	if (a->reply_to != NULL && (!good_id(a->reply_to) ||
	    strcmp(a->reply_to, a->id) == 0))
		return "it replies to a bad id";
	if (a->ntargets < 1 || a->ntargets > 2)
		return "it needs one target, or two for a link";
	if (!good_text(a->author) || !good_text(a->note))
		return "its author or note is not UTF-8";
	for (i = 0; i < a->ntags; i++)
		if (a->tags[i] == NULL || a->tags[i][0] == '\0' ||
		    !good_text(a->tags[i]))
			return "a tag is empty or not UTF-8";
	for (k = 0; k < a->ntargets; k++) {
		const struct anchor *t = &a->target[k];

		if (t->doc_id == NULL || t->doc_id[0] == '\0' ||
		    t->exact == NULL)
			return "a target has no essay id or no quote";
		if (!good_text(t->doc_id) || !good_text(t->exact) ||
		    !good_text(t->prefix) || !good_text(t->suffix))
			return "a target's text is not UTF-8";
		if (t->start > t->end || t->end > (size_t)INT64_MAX)
			return "a target ends before it starts";
	}
	if (a->created < 0 || a->modified < 0)
		return "its times are before 1970";
	return NULL;
}

int
store_put(struct store *s, struct anno *a)
{
	const char	*why;

	if (s->readonly != NULL)
		return refuse_readonly(s, "save the note");
	if ((why = bad_anno(a)) != NULL)
		return store_seterr(s, "%s: cannot save the note: %s",
		    s->where, why);
	return s->ops->put(s, a);
}

int
store_put_unsent(struct store *s, struct anno *a, const char *seminar)
{
	const char	*why;

	if (s->readonly != NULL)
		return refuse_readonly(s, "keep the unsent note");
	if (s->ops->put_unsent == NULL)
		return store_seterr(s, "%s: cannot keep unsent notes",
		    s->where);
	if (seminar == NULL || seminar[0] == '\0' || !good_text(seminar))
		return store_seterr(s, "%s: cannot keep the unsent note: "
		    "no seminar named", s->where);
	if ((why = bad_anno(a)) != NULL)
		return store_seterr(s, "%s: cannot keep the unsent note: %s",
		    s->where, why);
	return s->ops->put_unsent(s, a, seminar);
}

int
store_unsent(struct store *s, const char *seminar, struct anno **v,
    size_t *n)
{
	*v = NULL;
	*n = 0;
	if (s->ops->unsent == NULL)
		return 0;
	return s->ops->unsent(s, seminar, v, n);
}

int
store_merge(struct store *s, const struct anno *v, size_t n,
    struct store_merged *counts)
{
	struct store_merged	 dummy;
	const char		*why;
	size_t			 i;

	if (counts == NULL)
		counts = &dummy;
	memset(counts, 0, sizeof(*counts));
	if (s->readonly != NULL)
		return refuse_readonly(s, "merge the notes");
	for (i = 0; i < n; i++)
		if ((why = bad_anno(&v[i])) != NULL)
			return store_seterr(s, "%s: cannot merge the notes: "
			    "note %zu of %zu: %s", s->where, i + 1, n, why);
	if (n == 0)
		return 0;
	return s->ops->merge(s, v, n, counts);
}

int
store_delete(struct store *s, const char *id)
{
	if (s->readonly != NULL)
		return refuse_readonly(s, "delete the note");
	if (!good_id(id))
		return store_seterr(s, "%s: cannot delete: no such note",
		    s->where);
	return s->ops->del(s, id);
}

int
store_undo(struct store *s, const char *author, enum store_change *what,
    char id[ANNO_ID_LEN + 1])
{
	char	 buf[ANNO_ID_LEN + 1];

	*what = STORE_NONE;
	if (id == NULL)
		id = buf;
	id[0] = '\0';
	if (s->readonly != NULL)
		return refuse_readonly(s, "undo");
	return s->ops->undo(s, author != NULL ? author : s->author, what, id);
}

int
store_get(struct store *s, const char *id, struct anno *a)
{
	memset(a, 0, sizeof(*a));
	if (!good_id(id))
		return 1;
	return s->ops->get(s, id, a);
}

/* Annotations read by store_list, in all: a count tests can guard. */
static size_t	 nread;

int
store_list(struct store *s, int flags, struct anno **v, size_t *n,
    int64_t *seq)
{
	int64_t	 dummy;
	int	 rc;

	*v = NULL;
	*n = 0;
	rc = s->ops->list(s, -1, flags, v, n, seq != NULL ? seq : &dummy);
	nread += *n;
	return rc;
}

size_t
store_listed(void)
{
	return nread;
}

int
store_changes(struct store *s, int64_t since, struct anno **v, size_t *n,
    int64_t *seq)
{
	*v = NULL;
	*n = 0;
	*seq = since;
	return s->ops->list(s, since < 0 ? 0 : since, STORE_TOMBSTONES, v, n,
	    seq);
}

void
store_free_annos(struct anno *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		anno_clear(&v[i]);
	free(v);
}

int
store_history(struct store *s, const char *id, struct store_version **v,
    size_t *n)
{
	*v = NULL;
	*n = 0;
	if (!good_id(id))
		return 0;
	return s->ops->history(s, id, v, n);
}

void
store_free_versions(struct store_version *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].by);
		anno_clear(&v[i].before);
	}
	free(v);
}

void
store_watch(const struct store *s, int *fd, int *interval_ms)
{
	s->ops->watch(s, fd, interval_ms);
}

/* Look for news, then take what *flag (s->changed or s->moved) holds. */
static int
take_news(struct store *s, const char *what, int *flag)
{
	int	 yes;

	if (s->ops->look(s, what) == -1)
		return -1;
	yes = *flag;
	*flag = 0;
	return yes;
}

int
store_changed(struct store *s)
{
	return take_news(s, "check for changes", &s->changed);
}

int
store_moved(struct store *s)
{
	return take_news(s, "check for others' places", &s->moved);
}

static int
good_pair(const char *left, const char *right)
{
	return left != NULL && right != NULL && left[0] != '\0' &&
	    right[0] != '\0' && good_text(left) && good_text(right);
}

/* An author name, or "" (none), in a buffer of size bytes. */
static int
good_name(const char *name, size_t size)
{
	const char	*end = memchr(name, '\0', size);

	return end != NULL && end - name <= STORE_AUTHOR_MAX &&
	    good_text(name);
}

int
store_position_put(struct store *s, const char *left, const char *right,
    struct store_position *p)
{
	if (s->readonly != NULL)
		return refuse_readonly(s, "keep the reading position");
	if (!good_pair(left, right) || p->focus < 0 || p->focus > 1 ||
	    p->offset[0] > (size_t)INT64_MAX ||
	    p->offset[1] > (size_t)INT64_MAX)
		return store_seterr(s, "%s: cannot keep the reading position: "
		    "bad essay ids or offsets", s->where);
	if (!good_name(p->following, sizeof(p->following)))
		return store_seterr(s, "%s: cannot keep the reading position: "
		    "the author followed is not UTF-8 of at most %d bytes",
		    s->where, STORE_AUTHOR_MAX);
	return s->ops->position_put(s, left, right, p);
}

int
store_position_get(struct store *s, const char *left, const char *right,
    struct store_position *p)
{
	memset(p, 0, sizeof(*p));
	if (!good_pair(left, right))
		return 1;
	return s->ops->position_get(s, left, right, p);
}

int
store_readers(struct store *s, const char *left, const char *right,
    int64_t since, struct store_reader **v, size_t *n)
{
	*v = NULL;
	*n = 0;
	if (!good_pair(left, right))
		return 0;
	return s->ops->readers(s, left, right, since, v, n);
}

int
store_mark_put(struct store *s, const char *left, const char *right,
    struct store_mark *m)
{
	if (s->readonly != NULL)
		return refuse_readonly(s, "keep the mark");
	if (s->ops->mark_put == NULL)
		return store_seterr(s, "%s: cannot keep marks", s->where);
	if (!good_pair(left, right) || m->name < 'a' || m->name > 'z' ||
	    m->pos.focus < 0 || m->pos.focus > 1 ||
	    m->pos.offset[0] > (size_t)INT64_MAX ||
	    m->pos.offset[1] > (size_t)INT64_MAX)
		return store_seterr(s, "%s: cannot keep the mark: bad essay "
		    "ids, name or offsets", s->where);
	return s->ops->mark_put(s, left, right, m);
}

int
store_marks(struct store *s, const char *left, const char *right,
    struct store_mark **v, size_t *n)
{
	*v = NULL;
	*n = 0;
	if (s->ops->marks == NULL || !good_pair(left, right))
		return 0;
	return s->ops->marks(s, left, right, v, n);
}

int
store_recall_add(struct store *s, const char *kind, const char *text)
{
	if (s->readonly != NULL)
		return refuse_readonly(s, "keep what was typed");
	if (s->ops->recall_add == NULL)
		return store_seterr(s, "%s: cannot keep what was typed",
		    s->where);
	if (kind == NULL || kind[0] == '\0' || !good_text(kind) ||
	    text == NULL || text[0] == '\0' || !good_text(text) ||
	    strlen(text) > 1000)
		return store_seterr(s, "%s: cannot keep what was typed: "
		    "empty, too long or not UTF-8", s->where);
	return s->ops->recall_add(s, kind, text);
}

int
store_recall(struct store *s, const char *kind, char ***v, size_t *n)
{
	*v = NULL;
	*n = 0;
	if (s->ops->recall == NULL || kind == NULL)
		return 0;
	return s->ops->recall(s, kind, v, n);
}

int
store_draft_save(struct store *s, const struct anno *draft)
{
	const char	*why;

	if (s->readonly != NULL)
		return refuse_readonly(s, "keep the draft");
	if ((why = bad_anno(draft)) != NULL)
		return store_seterr(s, "%s: cannot keep the draft: %s",
		    s->where, why);
	return s->ops->draft_save(s, draft);
}

int
store_draft_get(struct store *s, struct anno *draft)
{
	memset(draft, 0, sizeof(*draft));
	return s->ops->draft_get(s, draft);
}

int
store_draft_clear(struct store *s)
{
	if (s->readonly != NULL)
		return refuse_readonly(s, "forget the draft");
	return s->ops->draft_clear(s);
}

/* --- what every backend does alike -------------------------------------- */

/* The kinds of change as both schemas' change tables name them. */
static const char *const kinds[] = {
	[STORE_NONE] = "",
	[STORE_CREATED] = "create",
	[STORE_EDITED] = "edit",
	[STORE_DELETED] = "delete",
	[STORE_UNDONE] = "undo",
};

const char *
store_change_name(enum store_change kind)
{
	assert((size_t)kind < sizeof(kinds) / sizeof(kinds[0]));
	return kinds[kind];
}

enum store_change
store_change_of(const char *name)
{
	int	 k;

	for (k = STORE_CREATED; k <= STORE_UNDONE; k++)
		if (name != NULL && strcmp(name, kinds[k]) == 0)
			return (enum store_change)k;
	return STORE_NONE;
}

void
store_saw(struct store *s, int64_t seq, int64_t moves)
{
	if (seq != s->seq)
		s->changed = 1;
	if (moves != s->moves)
		s->moved = 1;
	s->seq = seq;
	s->moves = moves;
}

/* Whether a and b say the same, NULL being "". */
static int
same_str(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* Whether the stored version old says what a by author says (times aside). */
static int
same_anno(const struct anno *old, const struct anno *a, const char *author)
{
	size_t	 i;
	int	 k;

	if (!same_str(old->author, author) || !same_str(old->note, a->note) ||
	    !same_str(old->reply_to, a->reply_to) ||
	    old->deleted != (a->deleted != 0) ||
	    (a->created != 0 && a->created != old->created) ||
	    old->ntags != a->ntags || old->ntargets != a->ntargets)
		return 0;
	for (i = 0; i < a->ntags; i++)
		if (strcmp(old->tags[i], a->tags[i]) != 0)
			return 0;
	for (k = 0; k < a->ntargets; k++) {
		const struct anchor *x = &old->target[k], *y = &a->target[k];

		if (!same_str(x->doc_id, y->doc_id) ||
		    !same_str(x->exact, y->exact) ||
		    !same_str(x->prefix, y->prefix) ||
		    !same_str(x->suffix, y->suffix) ||
		    x->start != y->start || x->end != y->end ||
		    x->hash != y->hash)
			return 0;
	}
	return 1;
}

void
store_fill_targets(struct anno *a)
{
	int	 k;

	for (k = 0; k < a->ntargets; k++) {
		if (a->target[k].doc_id == NULL) {
			a->target[k].doc_id = xstrdup("");
			a->target[k].exact = xstrdup("");
			a->target[k].prefix = xstrdup("");
			a->target[k].suffix = xstrdup("");
		}
	}
}

int
store_plan_version(const struct anno *a, const struct anno *old,
    const char *author, enum store_change kind, enum store_times times,
    int64_t now, struct store_written *w)
{
	memset(w, 0, sizeof(*w));
	if (kind != STORE_UNDONE) {
		if (old != NULL && (times == STORE_TIMES_KEPT ?
		    a->modified <= old->modified :
		    same_anno(old, a, author))) {
			w->created = old->created;
			w->modified = old->modified;
			return 0;
		}
		kind = old == NULL ? STORE_CREATED :
		    a->deleted && !old->deleted ? STORE_DELETED : STORE_EDITED;
	}
	w->kind = kind;
	w->created = a->created != 0 ? a->created :
	    old != NULL ? old->created : now;
	if (times == STORE_TIMES_KEPT)
		w->modified = a->modified != 0 ? a->modified : now;
	else
		w->modified = old != NULL && old->modified >= now ?
		    old->modified + 1 : now;
	return 1;
}

void
store_set_stored(struct anno *a, const char *author,
    const struct store_written *w)
{
	if (a->author == NULL || strcmp(a->author, author) != 0) {
		free(a->author);
		a->author = xstrdup(author);
	}
	a->created = w->created;
	a->modified = w->modified;
}

void
store_count_merged(struct store_merged *m, const struct store_written *w)
{
	if (w->seq == 0)
		m->unchanged++;
	else if (w->kind == STORE_CREATED)
		m->added++;
	else
		m->updated++;
}

/*
 * Readers are read latest first, so an author's first row is their
 * place, and a later one is passed over.  A seminar has tens of
 * readers: a scan of those listed is enough to find one.
 */
struct store_reader *
store_add_reader(struct store_reader **v, size_t *n, size_t *cap,
    const char *author)
{
	size_t	 i, len = author != NULL ? strlen(author) : 0;

	/* Not a name diptych puts: nobody could follow it. */
	if (len == 0 || len >= sizeof((*v)->author))
		return NULL;
	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].author, author) == 0)
			return NULL;
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	memset(&(*v)[*n], 0, sizeof(**v));
	memcpy((*v)[*n].author, author, len + 1);
	return &(*v)[(*n)++];
}

void
store_set_following(struct store_position *p, const char *name)
{
	/* Longer than a name ever put: nobody to follow, not half a name. */
	if (name == NULL || strlen(name) >= sizeof(p->following))
		p->following[0] = '\0';
	else
		memcpy(p->following, name, strlen(name) + 1);
}
