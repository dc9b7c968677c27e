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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "diptych/align.h"
#include "diptych/config.h"
#include "diptych/doc.h"
#include "diptych/dump.h"
#include "diptych/embedded.h"
#include "diptych/export.h"
#include "diptych/glossary.h"
#include "diptych/layout.h"
#include "diptych/overlay.h"
#include "diptych/reader.h"
#include "diptych/search.h"
#include "diptych/store.h"
#include "diptych/tui.h"
#include "diptych/util.h"

#define DUMP_DEFAULT_WIDTH	160
#define DUMP_MIN_WIDTH		10

static void
usage(FILE *out)
{
	fputs("usage: diptych [--store FILE] [--seminar FILE] [--author NAME] "
	    "[--secure] [--top]\n"
	    "               [--measure N] [--mouse] [--config FILE]\n"
	    "               [LEFT.md RIGHT.md]\n"
	    "       diptych --dump | --sections [--width N] [LEFT.md RIGHT.md]\n"
	    "       diptych --dump --overlays [--search P] [--width N] [LEFT.md RIGHT.md]\n"
	    "       diptych --terms [LEFT.md RIGHT.md]\n"
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
	    "  --overlays    with --dump: under each row, the overlays over its\n"
	    "                cells (c citation, t term, m match)\n"
	    "  --search P    with --dump: show the matches of P (implies\n"
	    "                --overlays)\n"
	    "  --width N     width for --dump and --sections (default: the\n"
	    "                terminal's, else $COLUMNS, else 160)\n"
	    "  --terms       list the glossary terms with their occurrences in\n"
	    "                each essay\n"
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
	fprintf(stderr, "diptych: %s\nTry 'diptych --help'.\n", msg);
	return 2;
}

/* Load one essay from a file; NULL after printing a message. */
static struct doc *
load_file(const char *path)
{
	struct doc	*d;
	char		*data, *err;
	size_t		 len;

	if (util_read_file(path, &data, &len) == -1) {
		fprintf(stderr, "diptych: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	d = doc_parse(path, data, len, &err);
	free(data);
	if (d == NULL) {
		fprintf(stderr, "diptych: %s\n", err);
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
		fprintf(stderr, "diptych: %s\n", doc_problem(d, i));
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
		fprintf(stderr, "diptych: bundled %s\n", err);
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
		fprintf(stderr, "diptych: bundled %s\n", err);
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
	if (util_read_file(path, &data, &len) == -1) {
		fprintf(stderr, "diptych: %s%s: %s\n", lenient ? "warning: " :
		    "", path, strerror(errno));
		glossary_free(g);
		buf_free(&def);
		return lenient ? load_glossary("", 0) : NULL;
	}
	if (glossary_load(g, path, data, len, &err) == -1) {
		fprintf(stderr, "diptych: %s%s%s\n", lenient ? "warning: " : "",
		    err, lenient ? " (the bundled glossary only)" : "");
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
 */
static struct store *
open_store(const char *path, const char *author, char **off)
{
	struct store	*s = NULL;
	char		*def = NULL;

	*off = NULL;
	if (path == NULL && (path = def = store_default_path(off)) == NULL)
		return NULL;
	if (store_open(&s, path, author_name(author), STORE_WRITE |
	    STORE_CREATE | STORE_MKDIR, off) == -1)
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
		fprintf(stderr, "diptych: seminar: %s\n", err);
		free(err);
		return 1;
	}
	/* Opened to name it as every message does, password hidden. */
	if (store_open(&s, url, "seminar-init", 0, &err) == -1) {
		fprintf(stderr, "diptych: seminar: %s\n", err);
		free(err);
		return 1;
	}
	printf("diptych: %s is a seminar: grant each participant's role "
	    "its use (see README)\n", store_where(s));
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
		fprintf(stderr, "diptych: %s\n", err);
		free(err);
		return 1;
	}
	if (store_open(&s, path, "export", 0, &err) == -1) {
		fprintf(stderr, "diptych: %s\n", err);
		free(err);
		free(def);
		return 1;
	}
	if (store_list(s, 0, &v, &n, NULL) == -1) {
		fprintf(stderr, "diptych: %s\n", store_error(s));
		rc = 1;
	} else {
		if (export_write(stdout, f, v, n, d) == -1) {
			fprintf(stderr, "diptych: writing to standard output: "
			    "%s\n", strerror(errno));
			rc = 1;
		}
		store_free_annos(v, n);
	}
	store_close(s);
	free(def);
	return rc;
}

/*
 * The file path into *data and *len (caller frees), read to one byte
 * past IMPORT_MAX_BYTES at most, so that import_read refuses a larger
 * one without it all in memory.  -1 with errno set.
 */
static int
read_import_file(const char *path, char **data, size_t *len)
{
	FILE	*f;
	size_t	 cap = 65536, n = 0, got;
	char	*p;
	int	 e;

	*data = NULL;
	*len = 0;
	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	p = xmalloc(cap);
	for (;;) {
		if (n == cap) {
			if (cap > IMPORT_MAX_BYTES)
				break;
			cap = cap * 2 > (size_t)IMPORT_MAX_BYTES + 1 ?
			    (size_t)IMPORT_MAX_BYTES + 1 : cap * 2;
			p = xrealloc(p, cap);
		}
		got = fread(p + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		e = errno;
		fclose(f);
		free(p);
		errno = e;
		return -1;
	}
	fclose(f);
	*data = p;
	*len = n;
	return 0;
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

	if (read_import_file(path, &data, &len) == -1) {
		fprintf(stderr, "diptych: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (import_read(path, data, len, d, &v, &n, &r, &err) == -1) {
		fprintf(stderr, "diptych: %s\n", err);
		free(err);
		free(data);
		return 1;
	}
	free(data);
	if ((s = open_store(store_path, author, &err)) == NULL) {
		fprintf(stderr, "diptych: %s\n", err);
		free(err);
		import_free(v, n);
		return 1;
	}
	if (store_merge(s, v, n, &m) == -1) {
		fprintf(stderr, "diptych: %s: not imported: %s\n", path,
		    store_error(s));
		rc = 1;
	} else {
		printf("diptych: imported %s: %zu added, %zu updated, "
		    "%zu unchanged, %zu skipped", path, m.added, m.updated,
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
			fprintf(stderr, "diptych: writing to standard output: "
			    "%s\n", strerror(errno));
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
	for (i = 0; i < nt; i++)
		printf("%s\t%zu\t%zu\n", glossary_term(g, i)->name,
		    count[0][i], count[1][i]);
	free(count[0]);
	free(count[1]);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "diptych: writing to standard output: %s\n",
		    strerror(errno));
		return 1;
	}
	return 0;
}

/* Lay out and align the two documents at a total width. */
static struct align *
align_at(struct doc *left, struct doc *right, int width, struct layout **l,
    struct layout **r)
{
	int lw, rw;

	align_split(width, &lw, &rw);
	*l = layout_new(left, lw);
	*r = layout_new(right, rw);
	return align_new(*l, *r);
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
    int overlays, const char *pattern)
{
	struct layout	*l, *r;
	struct align	*a = align_at(docs[0], docs[1], width, &l, &r);
	struct overlay	*layers[2][DL_N];
	struct dump_layers ov;
	int		 utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	int		 rc, side, k;

	if (overlays)
		dump_layers(docs, g, pattern, layers, &ov);
	rc = sections ? dump_sections(stdout, a) :
	    dump_write(stdout, a, utf8, overlays ? &ov : NULL);
	for (side = 0; overlays && side < 2; side++)
		for (k = 0; k < DL_N; k++)
			overlay_free(layers[side][k]);
	align_free(a);
	layout_free(l);
	layout_free(r);
	if (rc == -1) {
		fprintf(stderr, "diptych: writing to standard output: %s\n",
		    strerror(errno));
		return 1;
	}
	return 0;
}

/*
 * --check: every file's problems, then, for two files, the sections that
 * pair out of order.  Returns 0 when there are none, else 1.
 */
static int
check(struct doc **docs, size_t n)
{
	size_t		 i, j, k, bad = 0;

	for (i = 0; i < n; i++) {
		int	 line;
		size_t	 nc = doc_controls(docs[i], &line);

		bad += report_problems(docs[i]);
		if (nc > 0) {
			fprintf(stderr, "diptych: %s:%d: %zu control "
			    "character%s (ESC, BEL, ...) in the text, shown as "
			    "symbols\n", doc_name(docs[i]), line, nc,
			    nc == 1 ? "" : "s");
			bad++;
		}
		/* A citation must lead to its reference entry. */
		for (k = 0; k < doc_nlinks(docs[i]); k++) {
			const struct doc_link *l = doc_link(docs[i], k);
			const char *t = doc_text(docs[i], NULL);

			if (l->url[0] != '#' || l->target >= 0)
				continue;
			fprintf(stderr, "diptych: %s:%d: citation '%.*s' leads "
			    "to '%s', which no anchor in the file has\n",
			    doc_name(docs[i]), doc_line_at(docs[i], l->start),
			    (int)(l->end - l->start), t + l->start, l->url);
			bad++;
		}
	}
	if (n != 2 || bad > 0)
		return bad > 0;
	/* A marked section in both files but not paired is out of order. */
	{
		struct layout	*l, *r;
		struct align	*a = align_at(docs[0], docs[1], 160, &l, &r);

		for (k = 0; k < align_nsections(a); k++) {
			const struct align_section *s = align_section(a, k);
			const struct doc_section *ds;

			if (s->sec[1] >= 0 || s->sec[0] < 0)
				continue;
			ds = doc_section(docs[0], (size_t)s->sec[0]);
			if (*ds->id == '\0')
				continue;
			for (j = 0; j < doc_nsections(docs[1]); j++)
				if (strcmp(doc_section(docs[1], j)->id,
				    ds->id) == 0) {
					fprintf(stderr, "diptych: %s:%d: section "
					    "'%s' is out of order with %s:%d\n",
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
	    OPT_GLOSSARY, OPT_OVERLAYS, OPT_SEARCH, OPT_STORE, OPT_AUTHOR,
	    OPT_EXPORT, OPT_IMPORT, OPT_SECURE, OPT_SEMINAR, OPT_SEMINAR_INIT,
	    OPT_TOP, OPT_MEASURE, OPT_CONFIG, OPT_MOUSE };
	static const struct option opts[] = {
		{ "terms",	no_argument,		NULL, OPT_TERMS },
		{ "glossary",	required_argument,	NULL, OPT_GLOSSARY },
		{ "dump",	no_argument,		NULL, OPT_DUMP },
		{ "sections",	no_argument,		NULL, OPT_SECTIONS },
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
	char		*end, *err;
	long		 width = 0, measure = -1;
	struct glossary	*gloss = NULL;
	const char	*gloss_path = NULL, *pattern = NULL;
	const char	*store_path = NULL, *author = NULL;
	const char	*import_path = NULL, *seminar_path = NULL;
	const char	*seminar_init = NULL, *config_path = NULL;
	int		 ch, want_dump = 0, want_sections = 0, want_check = 0;
	int		 want_terms = 0, want_overlays = 0, want_export = -1;
	int		 i, ndocs, rc = 0, signo = 0;
	int		 tui_flags = 0;

	setlocale(LC_ALL, "");
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
		case OPT_TERMS:
			want_terms = 1;
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
				fprintf(stderr, "diptych: unknown option "
				    "'-%c'\n", optopt);
			else
				fprintf(stderr, "diptych: unknown option or "
				    "missing argument '%s'\n",
				    argv[optind - 1]);
			fputs("Try 'diptych --help'.\n", stderr);
			return 2;
		}
	}
	if (want_dump + want_sections + want_check + want_terms +
	    (want_export >= 0) + (import_path != NULL) +
	    (seminar_init != NULL) > 1)
		return usage_error("--dump, --sections, --terms, --export, "
		    "--import, --check and --seminar-init go alone");
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
	for (i = 0; i < ndocs; i++) {
		docs[i] = argc > optind ? load_file(argv[optind + i]) :
		    load_embedded(i);
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
		rc = check(docs, (size_t)ndocs);
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
	else if (want_dump || want_sections)
		rc = print_rows(docs, gloss, width ? (int)width :
		    terminal_width(), want_sections, want_overlays, pattern);
	else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("diptych: not a terminal: run it in one, or use "
		    "--dump for plain text\n", stderr);
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
			fprintf(stderr, "diptych: seminar: %s\n", off);
			free(off);
			rc = 1;
			goto out;
		}
		/* A store that cannot be used leaves annotations off, and
		   the reader says why; the file is never touched. */
		store = open_store(store_path, author, &off);
		/* The configuration's errors are said before the screen
		   starts (and the first on its status row); the rest of it
		   applies. */
		cfg = tui_config(config_path);
		for (e = 0; e < cfg->nerrors; e++)
			fprintf(stderr, "diptych: %s\n", cfg->errors[e]);
		/* The command line wins over the configuration. */
		if (measure < 0)
			measure = cfg->measure;
		if (cfg->mouse == 1)
			tui_flags |= TUI_MOUSE;
		if (tui_run(docs[0], docs[1], gloss, store, off, seminar,
		    tui_flags, measure, &signo, &err) == -1) {
			fprintf(stderr, "diptych: %s\n", err);
			free(err);
			rc = 1;
		}
		config_free(cfg);
		store_close(store);
		store_close(seminar);
		free(off);
	}
out:
	for (i = 0; docs != NULL && i < ndocs; i++)
		doc_free(docs[i]);
	free(docs);
	glossary_free(gloss);
	if (signo != 0) {
		/* Ended by a signal: die of it, as the caller expects. */
		signal(signo, SIG_DFL);
		raise(signo);
	}
	return rc;
}
