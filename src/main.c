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
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "diptych/doc.h"
#include "diptych/dump.h"
#include "diptych/embedded.h"
#include "diptych/layout.h"
#include "diptych/tui.h"
#include "diptych/util.h"

#define DUMP_DEFAULT_WIDTH	160
#define DUMP_MIN_WIDTH		10

static void
usage(FILE *out)
{
	fputs("usage: diptych [LEFT.md RIGHT.md]\n"
	    "       diptych --dump [--width N] [LEFT.md RIGHT.md]\n"
	    "       diptych --help | --version\n"
	    "\n"
	    "Read two essays side by side.  With no files, the two bundled\n"
	    "essays: Hirohito Ogi (2024) on the left, Kei Koga (2023) on the\n"
	    "right.\n"
	    "\n"
	    "  --dump        print the side-by-side rendering, all rows, no colour\n"
	    "  --width N     width of the --dump rendering (default: the\n"
	    "                terminal's, or 160 when not a terminal)\n"
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

	if (read_file(path, &data, &len) == -1) {
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

	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col < DUMP_MIN_WIDTH ? DUMP_MIN_WIDTH : ws.ws_col;
	return DUMP_DEFAULT_WIDTH;
}

static int
dump(struct doc *left, struct doc *right, int width)
{
	struct layout	*l, *r;
	int		 lw = (width - 3) / 2, rc;
	int		 utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;

	l = layout_new(left, lw);
	r = layout_new(right, width - 3 - lw);
	rc = dump_write(stdout, l, r, utf8);
	layout_free(l);
	layout_free(r);
	if (rc == -1) {
		fprintf(stderr, "diptych: writing the dump: %s\n",
		    strerror(errno));
		return 1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	enum { OPT_DUMP = 256, OPT_WIDTH };
	static const struct option opts[] = {
		{ "dump",	no_argument,		NULL, OPT_DUMP },
		{ "width",	required_argument,	NULL, OPT_WIDTH },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	struct doc	*docs[2] = { NULL, NULL };
	char		*end, *err;
	long		 width = 0;
	int		 ch, want_dump = 0, i, rc = 0, signo = 0;

	setlocale(LC_ALL, "");
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
		switch (ch) {
		case OPT_DUMP:
			want_dump = 1;
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
	if (width != 0 && !want_dump)
		return usage_error("--width goes with --dump");
	if (argc - optind != 0 && argc - optind != 2)
		return usage_error("give two files (LEFT.md RIGHT.md), or none "
		    "for the bundled essays");

	for (i = 0; i < 2; i++) {
		docs[i] = argc - optind == 2 ? load_file(argv[optind + i]) :
		    load_embedded(i);
		if (docs[i] == NULL) {
			rc = 1;
			goto out;
		}
	}

	if (want_dump)
		rc = dump(docs[0], docs[1], width ? (int)width :
		    terminal_width());
	else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("diptych: not a terminal: run it in one, or use "
		    "--dump for plain text\n", stderr);
		rc = 1;
	} else if (tui_run(docs[0], docs[1], &signo, &err) == -1) {
		fprintf(stderr, "diptych: %s\n", err);
		free(err);
		rc = 1;
	}
out:
	doc_free(docs[0]);
	doc_free(docs[1]);
	if (signo != 0) {
		/* Ended by a signal: die of it, as the caller expects. */
		signal(signo, SIG_DFL);
		raise(signo);
	}
	return rc;
}
