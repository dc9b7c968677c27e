/*
 * main.c: the command line.
 *
 * Loads the two essays (the bundled ones or two files), then hands them
 * to an output device: --dump writes rows to stdout, otherwise the curses
 * reader runs.  Exit status: 0 success, 1 bad input, 2 usage error.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unistr.h>

#include "diptych/align.h"
#include "diptych/concord.h"
#include "diptych/config.h"
#include "diptych/doc.h"
#include "diptych/dump.h"
#include "diptych/embedded.h"
#include "diptych/export.h"
#include "diptych/glossary.h"
#include "diptych/glyph.h"
#include "diptych/layout.h"
#include "diptych/overlay.h"
#include "diptych/pairs.h"
#include "diptych/reader.h"
#include "diptych/search.h"
#include "diptych/store.h"
#include "diptych/suggest.h"
#include "diptych/tui.h"
#include "diptych/util.h"

#define DUMP_DEFAULT_WIDTH	160
#define DUMP_MIN_WIDTH		10
#define MESSAGE_COLS		200	/* a longer message is cut */
#define GLOSSARY_MAX		((size_t)16 * 1024 * 1024)	/* bytes */

/* How this terminal is written to: GLYPH_UTF8 when the locale is UTF-8. */
static unsigned glyph_flags;

/*
 * Write "diptych: MESSAGE\n" to stderr, every byte of the message through
 * glyph_clean (it may hold file names, option values, TERM, a file's own
 * words), cut at MESSAGE_COLS columns.
 */
static void	say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
say(const char *fmt, ...)
{
	struct buf	 b, raw;
	va_list		 ap;

	buf_init(&raw);
	va_start(ap, fmt);
	buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	buf_init(&b);
	buf_adds(&b, "diptych: ");
	glyph_clean(raw.data != NULL ? raw.data : "", raw.len, glyph_flags,
	    &b);
	glyph_cut(&b, 0, MESSAGE_COLS, glyph_flags);
	buf_addc(&b, '\n');
	fputs(b.data, stderr);
	buf_free(&b);
	buf_free(&raw);
}

/* Write s to out through glyph_clean: a field of a line of output. */
static void
put_clean(FILE *out, const char *s)
{
	struct buf	 b;

	buf_init(&b);
	glyph_clean(s, strlen(s), glyph_flags, &b);
	fputs(b.data, out);
	buf_free(&b);
}

static void
usage(FILE *out)
{
	fputs("usage: diptych [--store FILE] [--seminar FILE] [--author NAME] "
	    "[--secure] [--top]\n"
	    "               [--measure N] [--mouse] [--config FILE]\n"
	    "               [LEFT.md RIGHT.md]\n"
	    "       diptych --dump | --sections [--width N] [LEFT.md RIGHT.md]\n"
	    "       diptych --sections | --dump --pair suggest [--width N] "
	    "[LEFT.md RIGHT.md]\n"
	    "       diptych --dump --overlays [--search P] [--width N] [LEFT.md RIGHT.md]\n"
	    "       diptych --terms [LEFT.md RIGHT.md]\n"
	    "       diptych --concordance TERM [LEFT.md RIGHT.md]\n"
	    "       diptych --export markdown|json|csv [--store FILE] [LEFT.md RIGHT.md]\n"
	    "       diptych --import FILE [--store FILE] [--author NAME] [LEFT.md RIGHT.md]\n"
	    "       diptych --check [FILE...]\n"
	    "       diptych --seminar-init URL\n"
	    "       diptych --help | --version\n"
	    "\n"
	    "Read two essays side by side.  With no files, the two bundled\n"
	    "essays: Hirohito Ogi (2024) on the left, Kei Koga (2023) on the\n"
	    "right.\n"
	    "\n"
	    "  --dump        print the side-by-side rendering, all rows, no colour\n"
	    "  --sections    list the synchronized sections: ID, label and the\n"
	    "                --dump row where each starts, left and right\n"
	    "  --pair suggest\n"
	    "                with --sections: list the sections diptych\n"
	    "                suggests by comparing the paragraphs' words\n"
	    "                (marks and headings aside): ID, label, the line\n"
	    "                of each file where it starts (- for none) and\n"
	    "                how alike the two sides are, 0.00 to 1.00;\n"
	    "                with --dump: lay the files out with them\n"
	    "  --overlays    with --dump: under each row, the overlays over its\n"
	    "                cells (c citation, t term, m match)\n"
	    "  --search P    with --dump: show the matches of P (implies\n"
	    "                --overlays)\n"
	    "  --width N     width for --dump and --sections (default: the\n"
	    "                terminal's, else $COLUMNS, else 160)\n"
	    "  --terms       list the glossary terms with their occurrences in\n"
	    "                each essay\n"
	    "  --concordance TERM\n"
	    "                every mention of TERM (a glossary term by its\n"
	    "                name or an alias, else a word; a final * takes\n"
	    "                any ending) with its context: essay, section,\n"
	    "                before, mention, after, tab-separated\n"
	    "  --check       validate the files (default: the bundled essays)\n"
	    "                and the glossary: section marks, how the sections\n"
	    "                pair, citations that lead nowhere\n"
	    "  --store FILE  where annotations are kept (default: $DIPTYCH_STORE,\n"
	    "                else $XDG_DATA_HOME/diptych/annotations.db)\n"
	    "  --export FMT  print the annotations: markdown (a handout), json\n"
	    "                (W3C Web Annotation) or csv\n"
	    "  --import FILE merge the annotations of FILE (W3C Web Annotation\n"
	    "                or Hypothesis JSON) on the two essays into the\n"
	    "                store: the newest version of each wins\n"
	    "  --author NAME the name notes are written under (default: the\n"
	    "                login name)\n"
	    "  --seminar F   a seminar's shared store, a SQLite file or a\n"
	    "                postgresql:// URL (default: $DIPTYCH_SEMINAR):\n"
	    "                others' notes show as they are written, new\n"
	    "                notes go there, P makes one private\n"
	    "  --seminar-init URL\n"
	    "                make the PostgreSQL database at URL a seminar\n"
	    "                (run once by its owner; again is fine)\n"
	    "  --secure      kiosk mode: no outside editor (E), no suspending\n"
	    "                to a shell (Ctrl-Z)\n"
	    "  --top         start at the top, not where you were reading\n"
	    "                these two essays last time\n"
	    "  --measure N   the widest a pane's text runs, in columns\n"
	    "                (default 100; 0: the pane's width); a wider\n"
	    "                pane centres it\n"
	    "  --mouse       take the mouse: the wheel scrolls, a click opens a\n"
	    "                citation, term or note (without it, the\n"
	    "                terminal's own text selection works)\n"
	    "  --config FILE the reader's settings, colours and keys (default:\n"
	    "                $XDG_CONFIG_HOME/diptych/config; /dev/null: none)\n"
	    "  --glossary F  a glossary of your own, added to the bundled one\n"
	    "                (default: $XDG_CONFIG_HOME/diptych/glossary.md)\n"
	    "  --help        show this help\n"
	    "  --version     show the version\n"
	    "\n"
	    "Keys:\n", out);
	tui_print_keys(out);
}

static int
usage_error(const char *msg)
{
	say("%s", msg);
	fputs("Try 'diptych --help'.\n", stderr);
	return 2;
}

/*
 * Load one essay from a file (a regular one, UTIL_FILE_MAX bytes at
 * most); NULL after printing a message.  With raw, the file's bytes
 * are kept there (caller frees) for --check.
 */
static struct doc *
load_file(const char *path, char **raw)
{
	struct doc	*d;
	char		*data, *err;
	size_t		 len;

	if (util_load_file(path, UTIL_FILE_MAX, &data, &len, &err) == -1) {
		say("%s%s", err, errno == EFBIG ? ": not read" : "");
		free(err);
		return NULL;
	}
	if (raw == NULL)
		d = doc_parse_take(path, data, len, &err);
	else if ((d = doc_parse(path, data, len, &err)) != NULL)
		*raw = data;
	else
		free(data);
	if (d == NULL) {
		say("%s", err);
		free(err);
	}
	return d;
}

/* Print a document's problems; returns how many there were. */
static size_t
report_problems(const struct doc *d)
{
	size_t i;

	for (i = 0; i < doc_nproblems(d); i++)
		say("%s", doc_problem(d, i));
	return doc_nproblems(d);
}

static struct doc *
load_embedded(int i)
{
	const struct embedded_text *t = &embedded_texts[i];
	struct doc	*d;
	char		*err;

	d = doc_parse(t->name, t->data, (size_t)t->len, &err);
	if (d == NULL) {
		say("bundled %s", err);
		free(err);
	}
	return d;
}

static int
terminal_width(void)
{
	struct winsize ws;

	const char	*cols = getenv("COLUMNS");
	char		*end;
	long		 n;

	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col < DUMP_MIN_WIDTH ? DUMP_MIN_WIDTH : ws.ws_col;
	/* Piped (to less, say): $COLUMNS, as a shell exports it. */
	if (cols != NULL && (n = strtol(cols, &end, 10)) >= DUMP_MIN_WIDTH &&
	    n <= 10000 && *end == '\0')
		return (int)n;
	return DUMP_DEFAULT_WIDTH;
}

/*
 * The glossary: the bundled one, then the user's (--glossary FILE, else
 * $XDG_CONFIG_HOME/diptych/glossary.md when it exists), whose terms add
 * to or replace the bundled ones.  NULL after printing a message.
 */
static struct glossary *
load_glossary(const char *path, int lenient)
{
	const struct embedded_text *t = &embedded_texts[2];
	struct glossary	*g = glossary_new();
	struct buf	 def;
	const char	*xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char		*data, *err;
	size_t		 len;

	if (glossary_load(g, t->name, t->data, (size_t)t->len, &err) == -1) {
		say("bundled %s", err);
		free(err);
		glossary_free(g);
		return NULL;
	}
	if (path != NULL && *path == '\0')
		return g;		/* the bundled one only */
	buf_init(&def);
	if (path == NULL) {
		if (xdg != NULL && *xdg == '/')
			buf_printf(&def, "%s/diptych/glossary.md", xdg);
		else if (home != NULL && *home != '\0')
			buf_printf(&def, "%s/.config/diptych/glossary.md", home);
		if (def.len == 0 || access(def.data, F_OK) != 0) {
			buf_free(&def);
			return g;
		}
		path = def.data;
	}
	if (util_load_file(path, GLOSSARY_MAX, &data, &len, &err) == -1) {
		say("%s%s%s", lenient ? "warning: " : "", err,
		    errno == EFBIG ? ": not read" : "");
		free(err);
		glossary_free(g);
		buf_free(&def);
		return lenient ? load_glossary("", 0) : NULL;
	}
	if (glossary_load(g, path, data, len, &err) == -1) {
		say("%s%s%s", lenient ? "warning: " : "", err,
		    lenient ? " (the bundled glossary only)" : "");
		if (lenient) {
			buf_free(&def);
			buf_printf(&def, "%s (the bundled glossary only)", err);
			tui_warn(def.data);
		}
		free(err);
		glossary_free(g);
		g = lenient ? load_glossary("", 0) : NULL;
	}
	free(data);
	buf_free(&def);
	return g;
}

/* The name notes are written under: --author, $LOGNAME, the login. */
static const char *
author_name(const char *author)
{
	struct passwd *pw;

	if (author == NULL && (author = getenv("LOGNAME")) == NULL &&
	    (pw = getpwuid(getuid())) != NULL)
		author = pw->pw_name;
	if (author == NULL || *author == '\0')
		author = "reader";
	return author;
}

/*
 * The personal store: path (--store), else $DIPTYCH_STORE, else the
 * default, opened for author (--author, else the login name).  Returns
 * it, or NULL with *off set to why annotations are off (caller frees).
 * flags are more of store_open's.
 */
static struct store *
open_store(const char *path, const char *author, int flags, char **off)
{
	struct store	*s = NULL;
	char		*def = NULL;

	*off = NULL;
	if (path == NULL && (path = def = store_default_path(off)) == NULL)
		return NULL;
	if (store_open(&s, path, author_name(author), STORE_WRITE |
	    STORE_CREATE | STORE_MKDIR | flags, off) == -1)
		s = NULL;
	free(def);
	return s;
}

/*
 * The seminar's store at where (--seminar, else $DIPTYCH_SEMINAR; NULL
 * when neither): a file in a group's folder is created for the group
 * (mode 0666 less the umask); a database whose server cannot be reached
 * now is opened not connected.  NULL with *off set (caller frees) when
 * it cannot be opened (a server that refuses us, a database that is no
 * seminar).
 */
static struct store *
open_seminar(const char *where, const char *author, char **off)
{
	struct store *s = NULL;

	*off = NULL;
	if (where == NULL && ((where = getenv("DIPTYCH_SEMINAR")) == NULL ||
	    *where == '\0'))
		return NULL;
	/* A server away now opens anyway, not connected: the reader
	   goes on and connects again when it is back. */
	if (store_open(&s, where, author_name(author), STORE_WRITE |
	    STORE_CREATE | STORE_SHARED | STORE_OFFLINE, off) == -1)
		s = NULL;
	return s;
}

/*
 * --seminar-init: make the database at url a seminar; 0, or 1 with a
 * message (never the URL's password).
 */
static int
init_seminar(const char *url)
{
	struct store	*s;
	char		*err;

	if (store_init_seminar(url, &err) == -1) {
		say("seminar: %s", err);
		free(err);
		return 1;
	}
	/* Opened to name it as every message does, password hidden. */
	if (store_open(&s, url, "seminar-init", 0, &err) == -1) {
		say("seminar: %s", err);
		free(err);
		return 1;
	}
	fputs("diptych: ", stdout);
	put_clean(stdout, store_where(s));
	printf(" is a seminar: grant each participant's role its use (see "
	    "README)\n");
	store_close(s);
	return 0;
}

/* --export: the store's annotations of the two essays, to stdout. */
static int
export(struct doc **docs, const char *path, enum export_format f)
{
	const struct doc *const d[2] = { docs[0], docs[1] };
	struct store	*s;
	struct anno	*v;
	size_t		 n;
	char		*def = NULL, *err = NULL;
	int		 rc = 0;

	if (path == NULL && (path = def = store_default_path(&err)) == NULL) {
		say("%s", err);
		free(err);
		return 1;
	}
	if (store_open(&s, path, "export", 0, &err) == -1) {
		say("%s", err);
		free(err);
		free(def);
		return 1;
	}
	if (store_list(s, 0, &v, &n, NULL) == -1) {
		say("%s", store_error(s));
		rc = 1;
	} else {
		/* To a terminal, what the text holds cannot act on it; to a
		   file or a pipe, the authors' text goes out exactly. */
		if ((isatty(STDOUT_FILENO) ? export_write_terminal(stdout, f,
		    v, n, d, glyph_flags & GLYPH_UTF8) :
		    export_write(stdout, f, v, n, d)) == -1) {
			say("writing to standard output: "
			    "%s", strerror(errno));
			rc = 1;
		}
		store_free_annos(v, n);
	}
	store_close(s);
	free(def);
	return rc;
}

/*
 * --import: the annotations of the file path on the two essays, merged
 * into the store (store_merge: all or nothing), and one line saying
 * what changed.  The file is read whole before the store is opened, so
 * a bad file leaves the store as it was (or not made).
 */
static int
import(struct doc **docs, const char *store_path, const char *author,
    const char *path)
{
	const struct doc *const d[2] = { docs[0], docs[1] };
	struct import_report r;
	struct store_merged m;
	struct store	*s;
	struct anno	*v;
	size_t		 n, len;
	char		*data, *err;
	int		 rc = 0;

	if (util_load_file(path, IMPORT_MAX_BYTES, &data, &len, &err) == -1) {
		say("%s%s", err, errno == EFBIG ? ": not imported" : "");
		free(err);
		return 1;
	}
	if (import_read(path, data, len, d, &v, &n, &r, &err) == -1) {
		say("%s", err);
		free(err);
		free(data);
		return 1;
	}
	free(data);
	if ((s = open_store(store_path, author, 0, &err)) == NULL) {
		say("%s", err);
		free(err);
		import_free(v, n);
		return 1;
	}
	if (store_merge(s, v, n, &m) == -1) {
		say("%s: not imported: %s", path,
		    store_error(s));
		rc = 1;
	} else {
		fputs("diptych: imported ", stdout);
		put_clean(stdout, path);
		printf(": %zu added, %zu updated, "
		    "%zu unchanged, %zu skipped", m.added, m.updated,
		    m.unchanged, r.elsewhere + r.no_passage);
		if (r.elsewhere > 0 && r.no_passage > 0)
			printf(" (%zu not one of these essays, %zu with no "
			    "passage)", r.elsewhere, r.no_passage);
		else if (r.elsewhere > 0)
			printf(" (not one of these essays)");
		else if (r.no_passage > 0)
			printf(" (with no passage)");
		if (r.orphans > 0)
			printf("; %zu whose passage is not found in the "
			    "essay", r.orphans);
		putchar('\n');
		if (fflush(stdout) != 0 || ferror(stdout)) {
			say("writing to standard output: "
			    "%s", strerror(errno));
			rc = 1;
		}
	}
	import_free(v, n);
	store_close(s);
	return rc;
}

/* --terms: every term with its occurrences in each essay. */
static int
print_terms(struct glossary *g, struct doc *left, struct doc *right)
{
	size_t	 nt = glossary_nterms(g), *count[2], i, n;
	struct doc *docs[2] = { left, right };
	struct term_hit *hits;
	const char *text;
	size_t	 len;
	int	 side;

	for (side = 0; side < 2; side++) {
		text = doc_text(docs[side], &len);
		hits = glossary_match(g, text, len, &n);
		count[side] = glossary_count(g, hits, n);
		free(hits);
	}
	for (i = 0; i < nt; i++) {
		put_clean(stdout, glossary_term(g, i)->name);
		printf("\t%zu\t%zu\n", count[0][i], count[1][i]);
	}
	free(count[0]);
	free(count[1]);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		say("writing to standard output: %s",
		    strerror(errno));
		return 1;
	}
	return 0;
}

/* The columns of context either side of a mention, in --concordance. */
#define CONCORD_COLS	40

/*
 * --concordance: every mention of what (a term by its name or an alias,
 * else a word) in each essay: essay, section, context before, mention,
 * context after, tab-separated.  None is exit 1, as grep's.
 */
static int
print_concordance(struct glossary *g, struct doc **docs, const char *what)
{
	const struct doc *const d[2] = { docs[0], docs[1] };
	struct concord	 c;
	struct buf	 l, m, r;
	long		 t = concord_lookup(g, what);
	size_t		 i, n[2];
	struct term_hit	*hits[2] = { NULL, NULL };
	const char	*text;
	size_t		 len;
	int		 side, rc = 0;

	memset(&c, 0, sizeof(c));
	if (t >= 0) {
		for (side = 0; side < 2; side++) {
			text = doc_text(d[side], &len);
			hits[side] = glossary_match(g, text, len, &n[side]);
		}
		concord_term(&c, g, (size_t)t, hits, n);
		free(hits[0]);
		free(hits[1]);
	} else if (concord_word(&c, d, what) == -1) {
		concord_free(&c);
		return usage_error("--concordance takes a term or a word");
	}
	buf_init(&l);
	buf_init(&m);
	buf_init(&r);
	for (i = 0; i < c.n; i++) {
		const struct doc *cd = d[c.v[i].side];

		concord_kwic(cd, &c.v[i], CONCORD_COLS, CONCORD_COLS, &l, &m,
		    &r);
		put_clean(stdout, doc_short_title(cd));
		putchar('\t');
		put_clean(stdout, concord_section(cd, &c.v[i]));
		putchar('\t');
		put_clean(stdout, l.data);
		putchar('\t');
		put_clean(stdout, m.data);
		putchar('\t');
		put_clean(stdout, r.data);
		putchar('\n');
	}
	buf_free(&l);
	buf_free(&m);
	buf_free(&r);
	if (c.n == 0) {
		say("%s%s: found in neither essay", t >= 0 ? "the term " : "",
		    c.what);
		rc = 1;
	}
	concord_free(&c);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		say("writing to standard output: %s", strerror(errno));
		rc = 1;
	}
	return rc;
}

/* The pairings stored for the two files, as align_new_paired takes them. */
struct pairings {
	struct align_pair	*v;
	size_t			 n, cap;
	char			*where[2];	/* each store's name, or NULL */
	size_t			 seminar;	/* where the seminar's begin */
};

/*
 * The pairings of the store at where (a path or URL) into p, as from
 * origin: a store that is not there adds none; one that cannot be read
 * is said, and adds none.
 */
static void
read_pairings(struct doc **docs, const char *where, int origin,
    struct pairings *p)
{
	struct store	*s;
	struct anno	*v;
	size_t		 n;
	char		*err = NULL;
	int		 k = origin == ALIGN_SEMINAR;

	if (store_open(&s, where, "pairings", STORE_OFFLINE, &err) == -1) {
		if (access(where, F_OK) == 0 || strstr(where, "://") != NULL)
			say("pairings not read: %s", err);
		free(err);
		return;
	}
	if (store_tagged(s, ANNO_PAIRING_TAG, &v, &n) == -1)
		say("pairings not read: %s", store_error(s));
	else {
		(void)pairs_found(docs[0], docs[1], v, n, origin, &p->v,
		    &p->n, &p->cap);
		store_free_annos(v, n);
	}
	p->where[k] = xstrdup(store_where(s));
	store_close(s);
}

/*
 * The pairings of the personal store (path, else $DIPTYCH_STORE, else the
 * default) and of the seminar's (seminar, else $DIPTYCH_SEMINAR), yours
 * first, as the reader takes them.
 */
static void
stored_pairings(struct doc **docs, const char *path, const char *seminar,
    struct pairings *p)
{
	char *def = NULL, *err = NULL;

	memset(p, 0, sizeof(*p));
	if (path == NULL)
		path = def = store_default_path(&err);
	free(err);
	if (path != NULL)
		read_pairings(docs, path, ALIGN_YOURS, p);
	p->seminar = p->n;
	if (seminar == NULL && (seminar = getenv("DIPTYCH_SEMINAR")) != NULL &&
	    *seminar == '\0')
		seminar = NULL;
	if (seminar != NULL)
		read_pairings(docs, seminar, ALIGN_SEMINAR, p);
	free(def);
}

/* The suggested pairings, after the stored ones (which win). */
static void
add_suggestions(struct doc **docs, struct pairings *p)
{
	struct suggest	*s = suggest_new(docs[0], docs[1]);

	(void)pairs_suggested(s, &p->v, &p->n, &p->cap);
	suggest_free(s);
}

static void
pairings_free(struct pairings *p)
{
	pairs_list_free(p->v, p->n);
	free(p->where[0]);
	free(p->where[1]);
}

/*
 * Lay out and align the two documents at a total width, with the
 * pairings p (NULL: none).
 */
static struct align *
align_at(struct doc *left, struct doc *right, int width,
    const struct pairings *p, struct layout **l, struct layout **r)
{
	int lw, rw;

	align_split(width, &lw, &rw);
	*l = layout_new(left, lw);
	*r = layout_new(right, rw);
	return align_new_paired(*l, *r, p != NULL ? p->v : NULL,
	    p != NULL ? p->n : 0);
}

/* Which overlays --dump --overlays shows, in the reader's priorities. */
enum { DL_LINK, DL_TERM, DL_MATCH, DL_N };

/*
 * The layers of --overlays for each essay: citations, glossary terms and
 * the matches of pattern (when not NULL).
 */
static void
dump_layers(struct doc **docs, struct glossary *g, const char *pattern,
    struct overlay *layers[2][DL_N], struct dump_layers *ov)
{
	struct term_hit		*hits;
	struct search_hit	*m;
	const char		*text;
	size_t			 len, n, i;
	int			 side;

	for (side = 0; side < 2; side++) {
		layers[side][DL_LINK] = overlay_new(OR_LINK, 10);
		layers[side][DL_TERM] = overlay_new(OR_TERM, 20);
		layers[side][DL_MATCH] = overlay_new(OR_MATCH, 30);
		overlay_add_links(layers[side][DL_LINK], docs[side]);
		text = doc_text(docs[side], &len);
		hits = glossary_match(g, text, len, &n);
		overlay_add_hits(layers[side][DL_TERM], hits, n);
		free(hits);
		m = pattern != NULL ? search_doc(docs[side], pattern, &n) : NULL;
		for (i = 0; m != NULL && i < n; i++)
			overlay_add(layers[side][DL_MATCH], m[i].start, m[i].end,
			    i);
		free(m);
		ov->layer[side] = layers[side];
		ov->n[side] = DL_N;
	}
}

/*
 * --dump and --sections; with overlays, --dump shows the role of each
 * cell, and pattern's matches among them.
 */
static int
print_rows(struct doc **docs, struct glossary *g, int width, int sections,
    int overlays, const char *pattern, const struct pairings *p)
{
	struct layout	*l, *r;
	struct align	*a = align_at(docs[0], docs[1], width, p, &l, &r);
	struct overlay	*layers[2][DL_N];
	struct dump_layers ov;
	int		 utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	int		 rc, side, k;
	static char	 obuf[64 * 1024];

	/* Rows go out in blocks of 64 KiB, not of BUFSIZ (glibc takes a
	   size only with a buffer of its own). */
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	if (overlays)
		dump_layers(docs, g, pattern, layers, &ov);
	rc = sections ? dump_section_list(stdout, a, utf8) :
	    dump_write(stdout, a, utf8, overlays ? &ov : NULL);
	for (side = 0; overlays && side < 2; side++)
		for (k = 0; k < DL_N; k++)
			overlay_free(layers[side][k]);
	align_free(a);
	layout_free(l);
	layout_free(r);
	if (rc == -1) {
		say("writing to standard output: %s",
		    strerror(errno));
		return 1;
	}
	return 0;
}

/* --sections --pair suggest: the suggested sections (suggest.h). */
static int
print_suggestions(struct doc **docs)
{
	struct suggest	*s = suggest_new(docs[0], docs[1]);
	int		 utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	int		 rc;

	rc = dump_suggest_list(stdout, s, docs[0], docs[1], utf8);
	suggest_free(s);
	if (rc == -1) {
		say("writing to standard output: %s", strerror(errno));
		return 1;
	}
	return 0;
}

#define CHECK_MAX_LINES	20	/* lines with controls told, a file */
#define CHECK_MAX_NAMES	4	/* controls named, a line */

/* The value of hex digit c, or -1. */
static int
hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Whether list ("ESC, BEL") holds name. */
static int
named_already(const char *list, const char *name)
{
	size_t		 n = strlen(name);
	const char	*p;

	for (p = list; (p = strstr(p, name)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == '\0' ||
		    p[n] == ','))
			return 1;
	return 0;
}

/* Add the name of character c to names ("ESC, BEL"), once. */
static void
add_name(struct buf *names, long c)
{
	const char	*nm = glyph_name(c), *p;
	size_t		 k = 1;

	buf_add(names, "", 0);
	if (named_already(names->data, nm) || strstr(names->data, "...") !=
	    NULL)
		return;
	for (p = names->data; *p != '\0'; p++)
		k += *p == ',';
	if (names->len > 0 && k == CHECK_MAX_NAMES)
		buf_adds(names, ", ...");
	else
		buf_printf(names, "%s%s", names->len > 0 ? ", " : "", nm);
}

/* Whether c is a C0, DEL or C1 control. */
static int
is_control(long c)
{
	return c >= 0 && (c < 0x20 || (c >= 0x7f && c < 0xa0));
}

/*
 * The characters of s[0..n) that glyph_clean replaces ('\t' and a '\r'
 * ending a line aside): how many, their names added to names, and into
 * *ctl (when not NULL) how many of them are C0, DEL or C1 controls.
 * With any_bytes, bytes that are not UTF-8 do not count.
 */
static size_t
unsafe_chars(const char *s, size_t n, struct buf *names, size_t *ctl,
    int any_bytes)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + n;
	ucs4_t		 uc;
	size_t		 count = 0;
	int		 len;
	long		 c;

	buf_add(names, "", 0);
	for (; p < end; p += len) {
		len = u8_mbtoucr(&uc, p, (size_t)(end - p));
		c = len < 0 ? -1 : (long)uc;
		if (len < 0)
			len = 1;
		if (!glyph_unsafe(c) || c == '\t' || (c < 0 && any_bytes) ||
		    (c == '\r' && (p + 1 == end || p[1] == '\n')))
			continue;
		count++;
		if (ctl != NULL && is_control(c))
			(*ctl)++;
		add_name(names, c);
	}
	return count;
}

/*
 * The character references in s[0..n) (&#27; &#x202E; &rlm;) that cmark
 * turns into characters glyph_clean replaces: how many, their names
 * added to names.
 */
static size_t
unsafe_refs(const char *s, size_t n, struct buf *names)
{
	size_t	 i, j, count = 0;
	long	 v;
	int	 base, d;

	for (i = 0; i + 3 < n; i++) {
		if (s[i] != '&')
			continue;
		v = -1;
		if (n - i >= 5 && (memcmp(s + i + 1, "lrm;", 4) == 0 ||
		    memcmp(s + i + 1, "rlm;", 4) == 0))
			v = s[i + 1] == 'l' ? 0x200e : 0x200f;
		else if (s[i + 1] == '#') {
			j = i + 2;
			base = 10;
			if (s[j] == 'x' || s[j] == 'X') {
				base = 16;
				j++;
			}
			for (v = 0; j < n && j - i < 12 &&
			    (d = hex(s[j])) >= 0 && d < base; j++)
				v = v * base + d;
			if (j >= n || s[j] != ';' || v == 0 || v > 0x10ffff)
				v = -1;
		}
		if (v > 0 && v != '\n' && v != '\t' && glyph_unsafe(v)) {
			count++;
			add_name(names, v);
		}
	}
	return count;
}

/* Whether the line at s is a section mark's: "<!-- section". */
static int
section_line(const char *s)
{
	while (*s == ' ')
		s++;
	if (strncmp(s, "<!--", 4) != 0)
		return 0;
	for (s += 4; *s == ' ' || *s == '\t'; s++)
		;
	return strncmp(s, "section", 7) == 0;
}

/*
 * --check: the characters of a file (data[0..len), as read) that would
 * act on a terminal, wherever they are (front matter, section marks,
 * headings, links, text): one message for each line that has some, the
 * first CHECK_MAX_LINES.  Returns how many lines had some; *ctl counts
 * the C0, DEL and C1 controls.
 */
static size_t
check_bytes(const char *name, const char *data, size_t len, size_t *ctl)
{
	struct buf	 names;
	size_t		 pos = 0, eol, lines = 0, nc, nr;
	int		 line = 1, fm = 0;

	*ctl = 0;
	buf_init(&names);
	if (len >= 4 && memcmp(data, "---", 3) == 0 && (data[3] == '\n' ||
	    data[3] == '\r'))
		fm = 1;				/* in the front matter */
	for (; pos < len; pos = eol + 1, line++) {
		for (eol = pos; eol < len && data[eol] != '\n'; eol++)
			;
		if (fm && line > 1 && eol - pos >= 3 &&
		    memcmp(data + pos, "---", 3) == 0 && (eol - pos == 3 ||
		    data[pos + 3] == '\r'))
			fm = -1;		/* its closing line */
		names.len = 0;
		nc = unsafe_chars(data + pos, eol - pos, &names, ctl, 0);
		nr = unsafe_refs(data + pos, eol - pos, &names);
		if (nc + nr > 0 && lines++ < CHECK_MAX_LINES)
			say("%s:%d: %zu control character%s (%s%s) in %s: a "
			    "terminal would act on %s", name, line, nc + nr,
			    nc + nr == 1 ? "" : "s", names.data, nr == 0 ? "" :
			    nc == 0 && nr == 1 ? ", as a character reference" :
			    nc == 0 ? ", as character references" :
			    ", some as character references", fm == 1 ?
			    "the front matter" : data[pos] == '#' ?
			    "a heading" : section_line(data + pos) ?
			    "a section mark" : "the text", nc + nr == 1 ?
			    "it" : "them");
		if (fm == -1)
			fm = 0;
	}
	if (lines > CHECK_MAX_LINES)
		say("%s: %zu more lines with control characters", name,
		    lines - CHECK_MAX_LINES);
	buf_free(&names);
	return lines;
}

/*
 * --check: a link's destination url (entities already decoded by cmark)
 * that holds a newline, a control or a bidirectional control, as it is
 * or percent-encoded: copying it (y) would carry it.  what names the
 * link.  Returns 1 when it was reported, else 0.
 */
static int
check_url(const char *name, int line, const char *what, const char *url)
{
	struct buf	 names, dec;
	const char	*p;
	int		 rc = 0;

	buf_init(&names);
	buf_init(&dec);
	if (unsafe_chars(url, strlen(url), &names, NULL, 0) > 0) {
		say("%s:%d: %s leads to a URL holding %s: copying it would "
		    "carry it", name, line, what, names.data);
		rc = 1;
		goto out;
	}
	buf_add(&dec, "", 0);
	for (p = url; *p != '\0'; p++)
		if (*p == '%' && hex(p[1]) >= 0 && hex(p[2]) >= 0) {
			buf_addc(&dec, (char)(hex(p[1]) * 16 + hex(p[2])));
			p += 2;
		} else
			buf_addc(&dec, *p);
	names.len = 0;
	/* Decoded bytes that are not UTF-8 are an old encoding's letters,
	   not controls: only the controls count here. */
	if (unsafe_chars(dec.data, dec.len, &names, NULL, 1) > 0) {
		say("%s:%d: %s leads to a URL holding %s, percent-encoded: "
		    "copying it would carry it", name, line, what, names.data);
		rc = 1;
	}
out:
	buf_free(&names);
	buf_free(&dec);
	return rc;
}

/*
 * --check: the glossary's terms (every file's, the bundled one is
 * clean): their headings, aliases, definitions and sources hold no
 * control, their source links none that copying would carry.
 */
static size_t
check_glossary(const struct glossary *g)
{
	struct buf	 names, what;
	size_t		 i, j, bad = 0;

	buf_init(&names);
	buf_init(&what);
	for (i = 0; i < glossary_nterms(g); i++) {
		const struct term *t = glossary_term(g, i);
		const char *field[] = { t->name, t->definition, t->source };
		const char *fname[] = { "heading", "definition", "source" };

		what.len = 0;
		buf_printf(&what, "term '%s'", t->name);
		for (j = 0; j < 3 + t->naliases; j++) {
			const char *f = j < 3 ? field[j] : t->aliases[j - 3];

			names.len = 0;
			if (f == NULL || unsafe_chars(f, strlen(f), &names,
			    NULL, 0) == 0)
				continue;
			say("%s:%d: %s: control characters (%s) in its %s: a "
			    "terminal would act on them", t->file, t->line,
			    what.data, names.data, j < 3 ? fname[j] : "aliases");
			bad++;
			break;
		}
		if (t->url != NULL && *t->url != '\0') {
			what.len = 0;
			buf_printf(&what, "the source of term '%s'", t->name);
			bad += (size_t)check_url(t->file, t->line, what.data,
			    t->url);
		}
	}
	buf_free(&names);
	buf_free(&what);
	return bad;
}

/*
 * --check: every file's problems (raw[i] is file i as read), the
 * characters in them that would act on a terminal, links that copying
 * would make a payload of, the glossary's terms; then, for two files,
 * the sections that pair out of order.  Returns 0 when there are none,
 * else 1.
 */
static int
check(struct doc **docs, char **raw, size_t n, const struct glossary *g,
    const struct pairings *p)
{
	size_t		 i, j, k, bad = 0;

	for (i = 0; i < n; i++) {
		int	 line;
		size_t	 nc = doc_controls(docs[i], &line), ctl, lines;

		bad += report_problems(docs[i]);
		lines = check_bytes(doc_name(docs[i]), raw[i],
		    strlen(raw[i]), &ctl);
		bad += lines;
		/* What the lines did not show (made by cmark from an
		   entity check_bytes does not know) is said still. */
		if (nc > 0 && lines == 0) {
			say("%s:%d: %zu control character%s in the text, shown "
			    "as symbols", doc_name(docs[i]), line, nc,
			    nc == 1 ? "" : "s");
			bad++;
		}
		/* A link copied (y) must not carry a payload. */
		for (k = 0; k < doc_nlinks(docs[i]); k++) {
			const struct doc_link *l = doc_link(docs[i], k);
			const char *t = doc_text(docs[i], NULL);
			struct buf what;

			buf_init(&what);
			buf_printf(&what, "link '%.*s'", (int)(l->end -
			    l->start), t + l->start);
			bad += (size_t)check_url(doc_name(docs[i]),
			    doc_line_at(docs[i], l->start), what.data, l->url);
			buf_free(&what);
		}
		/* A citation must lead to its reference entry. */
		for (k = 0; k < doc_nlinks(docs[i]); k++) {
			const struct doc_link *l = doc_link(docs[i], k);
			const char *t = doc_text(docs[i], NULL);

			if (l->url[0] != '#' || l->target >= 0)
				continue;
			say("%s:%d: citation '%.*s' leads "
			    "to '%s', which no anchor in the file has",
			    doc_name(docs[i]), doc_line_at(docs[i], l->start),
			    (int)(l->end - l->start), t + l->start, l->url);
			bad++;
		}
	}
	bad += check_glossary(g);
	if (n != 2 || bad > 0)
		return bad > 0;
	/* A marked section in both files but not paired is out of order. */
	{
		struct layout	*l, *r;
		struct align	*a = align_at(docs[0], docs[1], 160, p, &l, &r);

		/* The files' marks win over a pairing that crosses them. */
		for (k = 0; k < p->n; k++) {
			int side = k >= p->seminar;

			if (align_pair_state(a, k) != ALIGN_PAIR_CROSSES)
				continue;
			say("%s: pairing '%s' crosses the files' section "
			    "marks, or a pairing before it: left out",
			    p->where[side] != NULL ? p->where[side] : "store",
			    p->v[k].label);
			bad++;
		}
		for (k = 0; k < align_nsections(a); k++) {
			const struct align_section *s = align_section(a, k);
			const struct doc_section *ds;

			if (s->in[1] || s->sec[0] < 0 || s->pair >= 0)
				continue;
			ds = doc_section(docs[0], (size_t)s->sec[0]);
			if (*ds->id == '\0')
				continue;
			for (j = 0; j < doc_nsections(docs[1]); j++)
				if (strcmp(doc_section(docs[1], j)->id,
				    ds->id) == 0) {
					say("%s:%d: section "
					    "'%s' is out of order with %s:%d",
					    doc_name(docs[0]), ds->line, ds->label,
					    doc_name(docs[1]),
					    doc_section(docs[1], j)->line);
					bad++;
				}
		}
		align_free(a);
		layout_free(l);
		layout_free(r);
	}
	return bad > 0;
}

int
main(int argc, char *argv[])
{
	enum { OPT_DUMP = 256, OPT_WIDTH, OPT_SECTIONS, OPT_CHECK, OPT_TERMS,
		OPT_CONCORD,
	    OPT_GLOSSARY, OPT_OVERLAYS, OPT_SEARCH, OPT_STORE, OPT_AUTHOR,
	    OPT_EXPORT, OPT_IMPORT, OPT_SECURE, OPT_SEMINAR, OPT_SEMINAR_INIT,
	    OPT_TOP, OPT_MEASURE, OPT_CONFIG, OPT_MOUSE, OPT_PAIR };
	static const struct option opts[] = {
		{ "terms",	no_argument,		NULL, OPT_TERMS },
		{ "concordance", required_argument,	NULL, OPT_CONCORD },
		{ "glossary",	required_argument,	NULL, OPT_GLOSSARY },
		{ "dump",	no_argument,		NULL, OPT_DUMP },
		{ "sections",	no_argument,		NULL, OPT_SECTIONS },
		{ "pair",	required_argument,	NULL, OPT_PAIR },
		{ "check",	no_argument,		NULL, OPT_CHECK },
		{ "width",	required_argument,	NULL, OPT_WIDTH },
		{ "overlays",	no_argument,		NULL, OPT_OVERLAYS },
		{ "search",	required_argument,	NULL, OPT_SEARCH },
		{ "store",	required_argument,	NULL, OPT_STORE },
		{ "author",	required_argument,	NULL, OPT_AUTHOR },
		{ "export",	required_argument,	NULL, OPT_EXPORT },
		{ "import",	required_argument,	NULL, OPT_IMPORT },
		{ "secure",	no_argument,		NULL, OPT_SECURE },
		{ "top",	no_argument,		NULL, OPT_TOP },
		{ "measure",	required_argument,	NULL, OPT_MEASURE },
		{ "config",	required_argument,	NULL, OPT_CONFIG },
		{ "mouse",	no_argument,		NULL, OPT_MOUSE },
		{ "seminar",	required_argument,	NULL, OPT_SEMINAR },
		{ "seminar-init", required_argument,	NULL, OPT_SEMINAR_INIT },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	struct doc	**docs = NULL;
	char		**raw = NULL;
	char		*end, *err;
	long		 width = 0, measure = -1;
	struct glossary	*gloss = NULL;
	const char	*gloss_path = NULL, *pattern = NULL;
	const char	*store_path = NULL, *author = NULL;
	const char	*import_path = NULL, *seminar_path = NULL;
	const char	*seminar_init = NULL, *config_path = NULL;
	const char	*concord_what = NULL;
	int		 ch, want_dump = 0, want_sections = 0, want_check = 0;
	int		 want_terms = 0, want_overlays = 0, want_export = -1;
	int		 i, ndocs, rc = 0, signo = 0;
	int		 tui_flags = 0, want_suggest = 0;

	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		glyph_flags = GLYPH_UTF8;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
		switch (ch) {
		case OPT_DUMP:
			want_dump = 1;
			break;
		case OPT_SECTIONS:
			want_sections = 1;
			break;
		case OPT_CHECK:
			want_check = 1;
			break;
		case OPT_PAIR:
			/* Only suggestions for now; stored pairings will
			   be another value. */
			if (strcmp(optarg, "suggest") != 0)
				return usage_error("--pair takes suggest");
			want_suggest = 1;
			break;
		case OPT_TERMS:
			want_terms = 1;
			break;
		case OPT_CONCORD:
			concord_what = optarg;
			break;
		case OPT_GLOSSARY:
			gloss_path = optarg;
			break;
		case OPT_OVERLAYS:
			want_overlays = 1;
			break;
		case OPT_SECURE:
			tui_flags |= TUI_SECURE;
			break;
		case OPT_TOP:
			tui_flags |= TUI_TOP;
			break;
		case OPT_MOUSE:
			tui_flags |= TUI_MOUSE;
			break;
		case OPT_CONFIG:
			config_path = optarg;
			break;
		case OPT_SEMINAR:
			if (*optarg == '\0')
				return usage_error("--seminar takes a file");
			seminar_path = optarg;
			break;
		case OPT_SEMINAR_INIT:
			if (*optarg == '\0')
				return usage_error("--seminar-init takes a "
				    "postgresql:// URL");
			seminar_init = optarg;
			break;
		case OPT_STORE:
			if (*optarg == '\0')
				return usage_error("--store takes a file");
			store_path = optarg;
			break;
		case OPT_EXPORT:
			if ((want_export = export_format(optarg)) == -1)
				return usage_error("--export takes markdown, "
				    "json or csv");
			break;
		case OPT_IMPORT:
			if (*optarg == '\0')
				return usage_error("--import takes a file");
			import_path = optarg;
			break;
		case OPT_AUTHOR:
			if (*optarg == '\0' || strlen(optarg) > STORE_AUTHOR_MAX)
				return usage_error("--author takes a name of "
				    "1 to 100 bytes");
			author = optarg;
			break;
		case OPT_SEARCH:
			pattern = optarg;
			want_overlays = 1;
			break;
		case OPT_MEASURE:
			errno = 0;
			measure = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || end == optarg ||
			    (measure != 0 && (measure < CONFIG_MEASURE_MIN ||
			    measure > CONFIG_MEASURE_MAX)))
				return usage_error("--measure takes a number of "
				    "columns from 20 to 1000, or 0 for none");
			break;
		case OPT_WIDTH:
			errno = 0;
			width = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || end == optarg ||
			    width < DUMP_MIN_WIDTH || width > 10000)
				return usage_error("--width takes a number of "
				    "columns from 10 to 10000");
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("diptych %s\n", PACKAGE_VERSION);
			return 0;
		default:
			if (optopt != 0 && optopt < 256)
				say("unknown option "
				    "'-%c'", optopt);
			else
				say("unknown option or "
				    "missing argument '%s'",
				    argv[optind - 1]);
			fputs("Try 'diptych --help'.\n", stderr);
			return 2;
		}
	}
	if (want_dump + want_sections + want_check + want_terms +
	    (want_export >= 0) + (import_path != NULL) +
	    (seminar_init != NULL) + (concord_what != NULL) > 1)
		return usage_error("--dump, --sections, --terms, --concordance, "
		    "--export, --import, --check and --seminar-init go alone");
	if (seminar_init != NULL) {
		if (optind != argc)
			return usage_error("--seminar-init takes a URL and no "
			    "files");
		return init_seminar(seminar_init);
	}
	if (width != 0 && !want_dump && !want_sections)
		return usage_error("--width goes with --dump or --sections");
	if (want_overlays && !want_dump)
		return usage_error("--overlays and --search go with --dump");
	if (want_suggest && !want_sections && !want_dump)
		return usage_error("--pair goes with --sections or --dump");
	ndocs = argc - optind;
	if (want_check && ndocs == 0)
		ndocs = 2;
	else if (!want_check && ndocs != 0 && ndocs != 2)
		return usage_error("give two files (LEFT.md RIGHT.md), or none "
		    "for the bundled essays");
	if (ndocs == 0)
		ndocs = 2;

	/* Load every file; a file that fails to load is reported and the
	   others are still checked. */
	docs = xcalloc((size_t)ndocs, sizeof(*docs));
	raw = xcalloc((size_t)ndocs, sizeof(*raw));
	for (i = 0; i < ndocs; i++) {
		docs[i] = argc > optind ? load_file(argv[optind + i],
		    want_check ? &raw[i] : NULL) : load_embedded(i);
		if (docs[i] != NULL && want_check && raw[i] == NULL)
			raw[i] = xstrndup(embedded_texts[i].data,
			    (size_t)embedded_texts[i].len);
		if (docs[i] == NULL)
			rc = 1;
	}
	/* A broken glossary of one's own is a warning, and the bundled
	   one serves, but for the outputs that list or check it. */
	if ((gloss = load_glossary(gloss_path, !want_terms && !want_check)) ==
	    NULL)
		rc = 1;
	if (rc != 0)
		goto out;

	if (want_check) {
		struct pairings pp;

		memset(&pp, 0, sizeof(pp));
		if (ndocs == 2)
			stored_pairings(docs, store_path, seminar_path, &pp);
		rc = check(docs, raw, (size_t)ndocs, gloss, &pp);
		pairings_free(&pp);
		goto out;
	}
	for (i = 0; i < ndocs; i++)
		if (report_problems(docs[i]) > 0)
			rc = 1;
	if (rc != 0)
		goto out;

	if (want_export >= 0)
		rc = export(docs, store_path, (enum export_format)want_export);
	else if (import_path != NULL)
		rc = import(docs, store_path, author, import_path);
	else if (want_terms)
		rc = print_terms(gloss, docs[0], docs[1]);
	else if (concord_what != NULL)
		rc = print_concordance(gloss, docs, concord_what);
	else if (want_suggest && want_sections)
		rc = print_suggestions(docs);
	else if (want_dump || want_sections) {
		struct pairings pp;

		stored_pairings(docs, store_path, seminar_path, &pp);
		if (want_suggest)
			add_suggestions(docs, &pp);
		rc = print_rows(docs, gloss, width ? (int)width :
		    terminal_width(), want_sections, want_overlays, pattern,
		    &pp);
		pairings_free(&pp);
	} else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		say("not a terminal: run it in one, or use --dump for "
		    "plain text");
		rc = 1;
	} else {
		struct store	*store, *seminar;
		struct config	*cfg;
		char		*off;
		size_t		 e;

		/* The seminar asked for must open: else the notes written
		   would not be where the others look. */
		if ((seminar = open_seminar(seminar_path, author, &off)) ==
		    NULL && off != NULL) {
			say("seminar: %s", off);
			free(off);
			rc = 1;
			goto out;
		}
		/* A store that cannot be used leaves annotations off, and
		   the reader says why; the file is never touched. */
		store = open_store(store_path, author, STORE_CHECK_LATER,
		    &off);
		/* The configuration's errors are said before the screen
		   starts (and the first on its status row); the rest of it
		   applies. */
		cfg = tui_config(config_path);
		for (e = 0; e < cfg->nerrors; e++)
			say("%s", cfg->errors[e]);
		/* The command line wins over the configuration. */
		if (measure < 0)
			measure = cfg->measure;
		if (cfg->mouse == 1)
			tui_flags |= TUI_MOUSE;
		/* As LESSSECURE: a reading account's ForceCommand sets it,
		   and no option can take it back. */
		if (getenv("DIPTYCH_SECURE") != NULL &&
		    strcmp(getenv("DIPTYCH_SECURE"), "") != 0 &&
		    strcmp(getenv("DIPTYCH_SECURE"), "0") != 0)
			tui_flags |= TUI_SECURE;
		if (tui_run(docs[0], docs[1], gloss, store, off, seminar,
		    tui_flags, measure, &signo, &err) == -1) {
			say("%s", err);
			free(err);
			rc = 1;
		}
		config_free(cfg);
		store_close(store);
		store_close(seminar);
		free(off);
	}
out:
	for (i = 0; docs != NULL && i < ndocs; i++) {
		doc_free(docs[i]);
		free(raw[i]);
	}
	free(docs);
	free(raw);
	glossary_free(gloss);
	if (signo != 0) {
		/* Ended by a signal: die of it, as the caller expects. */
		signal(signo, SIG_DFL);
		raise(signo);
	}
	return rc;
}
