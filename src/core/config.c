/*
 * config.c: the configuration file's parser (the grammar is in config.h).
 *
 * The file is read a line at a time, each split into words at blanks,
 * each line checked whole before it changes anything: a bad line is one
 * error, "FILE:LINE: what", and nothing else.  struct config holds only
 * what the file said, in the caller's numbering (struct config_names);
 * the caller applies it.  Lines and the file are bounded, so a file
 * like /dev/zero costs one message, not the memory of the machine.
 * A word quoted in a message is printable ASCII, so nothing from the
 * file reaches the terminal as a control sequence.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diptych/config.h"
#include "diptych/util.h"

#define LINE_MAX_BYTES	1024		/* a longer line is an error */
#define FILE_MAX_BYTES	(1 << 20)	/* the rest of a longer file too */
#define WORDS_MAX	16
#define QUOTE_MAX	40		/* bytes of a word a message quotes */
#define ERRORS_MAX	100		/* then one more that says so */

/* The curses colours, in curses' order. */
static const char *const colours[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

static const struct {
	const char	*name;
	unsigned	 attr;
} attrs[] = {
	{ "bold",	CONFIG_BOLD },
	{ "dim",	CONFIG_DIM },
	{ "underline",	CONFIG_UNDERLINE },
	{ "reverse",	CONFIG_REVERSE },
	{ "italic",	CONFIG_ITALIC },
	{ "none",	0 },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

char *
config_default_path(void)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME");
	const char	*home = getenv("HOME");
	struct buf	 b;

	buf_init(&b);
	if (xdg != NULL && *xdg == '/')
		buf_printf(&b, "%s/diptych/config", xdg);
	else if (home != NULL && *home != '\0')
		buf_printf(&b, "%s/.config/diptych/config", home);
	else
		return NULL;
	return buf_steal(&b, NULL);
}

/* word, as a message may quote it: printable ASCII, cut short. */
static const char *
quote(const char *word, char *out, size_t outsz)
{
	size_t i;

	for (i = 0; word[i] != '\0' && i < QUOTE_MAX && i + 4 < outsz; i++)
		out[i] = word[i] > ' ' && word[i] < 0x7f ? word[i] : '?';
	if (word[i] != '\0') {
		memcpy(out + i, "...", 3);
		i += 3;
	}
	out[i] = '\0';
	return out;
}

/* path as messages name it: printable, ~ for the home folder. */
static char *
display_path(const char *path)
{
	const char	*home = getenv("HOME");
	struct buf	 b;
	size_t		 n = home != NULL ? strlen(home) : 0;

	buf_init(&b);
	if (n > 1 && strncmp(path, home, n) == 0 && path[n] == '/') {
		buf_addc(&b, '~');
		path += n;
	}
	for (; *path != '\0'; path++)
		buf_addc(&b, *path >= ' ' && *path < 0x7f ? *path : '?');
	return buf_steal(&b, NULL);
}

void
config_error(struct config *cfg, unsigned line, const char *fmt, ...)
{
	struct buf	 b;
	va_list		 ap;
	char		 msg[512];

	if (cfg->nerrors > ERRORS_MAX)
		return;
	buf_init(&b);
	if (cfg->nerrors == ERRORS_MAX)
		snprintf(msg, sizeof(msg), "more errors: the rest are not "
		    "shown");
	else {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
	}
	if (line > 0)
		buf_printf(&b, "%s:%u: %s", cfg->path, line, msg);
	else
		buf_printf(&b, "%s: %s", cfg->path, msg);
	cfg->errors = xrealloc(cfg->errors, (cfg->nerrors + 1) *
	    sizeof(*cfg->errors));
	cfg->errors[cfg->nerrors++] = buf_steal(&b, NULL);
}

/* The index of word in names[0..n), or -1. */
static int
find(const char *const *names, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], word) == 0)
			return (int)i;
	return -1;
}

/* A colour's number, CONFIG_DEFAULT for "default", or -2. */
static int
colour_of(const char *word)
{
	int c;

	if (strcmp(word, "default") == 0)
		return CONFIG_DEFAULT;
	return (c = find(colours, NELEM(colours), word)) >= 0 ? c : -2;
}

/* An attribute's bit (0 for "none"), or -1. */
static int
attr_of(const char *word)
{
	size_t i;

	for (i = 0; i < NELEM(attrs); i++)
		if (strcmp(attrs[i].name, word) == 0)
			return (int)attrs[i].attr;
	return -1;
}

/* "on" or "off": 1 or 0, else -1. */
static int
on_off(const char *word)
{
	if (strcmp(word, "on") == 0)
		return 1;
	return strcmp(word, "off") == 0 ? 0 : -1;
}

/* set NAME VALUE */
static void
do_set(struct config *cfg, unsigned line, char **w, int n)
{
	char	 q[64], *end;
	long	 v;
	int	 b;

	if (n != 3) {
		config_error(cfg, line, "set takes a name and a value "
		    "(set sync off)");
		return;
	}
	if (strcmp(w[1], "measure") == 0) {
		errno = 0;
		v = strtol(w[2], &end, 10);
		if (errno != 0 || end == w[2] || *end != '\0' ||
		    (v != 0 && (v < CONFIG_MEASURE_MIN ||
		    v > CONFIG_MEASURE_MAX)))
			config_error(cfg, line, "set measure takes a number of "
			    "columns from %d to %d (0: none), not '%s'",
			    CONFIG_MEASURE_MIN, CONFIG_MEASURE_MAX,
			    quote(w[2], q, sizeof(q)));
		else
			cfg->measure = (int)v;
		return;
	}
	if (strcmp(w[1], "sync") != 0 && strcmp(w[1], "mouse") != 0) {
		config_error(cfg, line, "unknown setting '%s' (sync, measure "
		    "or mouse)", quote(w[1], q, sizeof(q)));
		return;
	}
	if ((b = on_off(w[2])) == -1) {
		config_error(cfg, line, "set %s takes on or off, not '%s'",
		    w[1], quote(w[2], q, sizeof(q)));
		return;
	}
	if (strcmp(w[1], "sync") == 0)
		cfg->sync = b;
	else
		cfg->mouse = b;
}

/* color ROLE SPEC... or mono ROLE ATTR... */
static void
do_look(struct config *cfg, const struct config_names *nm, unsigned line,
    char **w, int n, int mono)
{
	struct config_look *lk;
	const char	*what = mono ? "mono" : "color";
	char		 q[64], q2[64];
	int		 role, i, c, a, fg = -2, bg = -2, fgw = 0;
	unsigned	 at = 0;

	if (n < 2) {
		config_error(cfg, line, "%s takes a role and its look "
		    "(%s match = %s)", what, what, mono ? "bold underline" :
		    "magenta bold");
		return;
	}
	if ((role = find(nm->roles, nm->nroles, w[1])) == -1) {
		config_error(cfg, line, "unknown role '%s'",
		    quote(w[1], q, sizeof(q)));
		return;
	}
	if (n == 2) {
		config_error(cfg, line, "%s %s: say how it looks (%s)", what,
		    w[1], mono ? "bold, dim, underline, reverse, italic or "
		    "none" : "a colour, on a colour, attributes");
		return;
	}
	for (i = 2; i < n; i++) {
		if (mono && (colour_of(w[i]) != -2 || strcmp(w[i], "on") ==
		    0)) {
			config_error(cfg, line, "mono takes attributes, not "
			    "colours: '%s'", quote(w[i], q, sizeof(q)));
			return;
		}
		if (strcmp(w[i], "on") == 0) {
			if (i + 1 == n) {
				config_error(cfg, line, "'on' needs a colour "
				    "after it");
				return;
			}
			if ((c = colour_of(w[++i])) == -2) {
				config_error(cfg, line, "unknown colour '%s'",
				    quote(w[i], q, sizeof(q)));
				return;
			}
			if (bg != -2) {
				config_error(cfg, line, "two backgrounds");
				return;
			}
			bg = c;
		} else if ((c = colour_of(w[i])) != -2) {
			if (fg != -2) {
				config_error(cfg, line, "two colours, '%s' and "
				    "'%s' (a background is 'on %s')",
				    quote(w[fgw], q, sizeof(q)),
				    quote(w[i], q2, sizeof(q2)), q2);
				return;
			}
			fg = c;
			fgw = i;
		} else if ((a = attr_of(w[i])) >= 0)
			at = a == 0 ? 0 : at | (unsigned)a;
		else {
			config_error(cfg, line, "unknown %s '%s'", mono ?
			    "attribute" : "colour or attribute",
			    quote(w[i], q, sizeof(q)));
			return;
		}
	}
	lk = &cfg->looks[role];
	if (mono) {
		lk->mono = 1;
		lk->mono_attrs = at;
	} else {
		lk->color = 1;
		lk->fg = (short)(fg == -2 ? CONFIG_DEFAULT : fg);
		lk->bg = (short)(bg == -2 ? CONFIG_DEFAULT : bg);
		lk->attrs = at;
	}
}

/* bind MODE KEY COMMAND, or unbind MODE KEY */
static void
do_bind(struct config *cfg, const struct config_names *nm, unsigned line,
    char **w, int n)
{
	struct config_bind	 b;
	struct buf		 modes;
	char			 q[64];
	int			 unbind = strcmp(w[0], "unbind") == 0;
	size_t			 i;

	if (n != (unbind ? 3 : 4)) {
		config_error(cfg, line, unbind ? "unbind takes a mode and a "
		    "key (unbind read s)" : "bind takes a mode, a key and a "
		    "command (bind read J down)");
		return;
	}
	memset(&b, 0, sizeof(b));
	b.line = line;
	if ((b.mode = find(nm->modes, nm->nmodes, w[1])) == -1) {
		buf_init(&modes);
		for (i = 0; i < nm->nmodes; i++)
			buf_printf(&modes, "%s%s", i > 0 ? ", " : "",
			    nm->modes[i]);
		config_error(cfg, line, "unknown mode '%s' (%s)",
		    quote(w[1], q, sizeof(q)), modes.data);
		buf_free(&modes);
		return;
	}
	if (nm->key(w[2], b.key, sizeof(b.key)) == -1) {
		config_error(cfg, line, "unknown key '%s'",
		    quote(w[2], q, sizeof(q)));
		return;
	}
	b.cmd = -1;
	if (!unbind && (b.cmd = find(nm->cmds, nm->ncmds, w[3])) == -1) {
		config_error(cfg, line, "unknown command '%s'",
		    quote(w[3], q, sizeof(q)));
		return;
	}
	cfg->binds = xrealloc(cfg->binds, (cfg->nbinds + 1) *
	    sizeof(*cfg->binds));
	cfg->binds[cfg->nbinds++] = b;
}

/* One line, NUL-terminated, no newline. */
static void
parse_line(struct config *cfg, const struct config_names *nm, char *s,
    unsigned line)
{
	char	*w[WORDS_MAX + 1], q[64];
	int	 n = 0, i, from, look;

	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (*s == '\0')
			break;
		if (n == WORDS_MAX + 1) {
			config_error(cfg, line, "too many words");
			return;
		}
		w[n++] = s;
		while (*s != '\0' && *s != ' ' && *s != '\t' && *s != '\r')
			s++;
		if (*s != '\0')
			*s++ = '\0';
	}
	if (n == 0 || w[0][0] == '#')
		return;
	look = strcmp(w[0], "color") == 0 || strcmp(w[0], "colour") == 0 ||
	    strcmp(w[0], "mono") == 0;
	/* "set NAME = VALUE", "color ROLE = ..." */
	if (n > 2 && strcmp(w[2], "=") == 0 && (look ||
	    strcmp(w[0], "set") == 0)) {
		for (i = 2; i + 1 < n; i++)
			w[i] = w[i + 1];
		n--;
	}
	/* A comment may follow a setting: not where a key (#) goes. */
	from = strcmp(w[0], "bind") == 0 || strcmp(w[0], "unbind") == 0 ?
	    3 : 2;
	for (i = from; i < n; i++)
		if (w[i][0] == '#') {
			n = i;
			break;
		}
	if (n > WORDS_MAX) {
		config_error(cfg, line, "too many words");
		return;
	}
	if (strcmp(w[0], "set") == 0)
		do_set(cfg, line, w, n);
	else if (look)
		do_look(cfg, nm, line, w, n, strcmp(w[0], "mono") == 0);
	else if (strcmp(w[0], "bind") == 0 || strcmp(w[0], "unbind") == 0)
		do_bind(cfg, nm, line, w, n);
	else
		config_error(cfg, line, "'%s' is not a setting (set, color, "
		    "mono, bind, unbind)", quote(w[0], q, sizeof(q)));
}

/* Every line of f. */
static void
parse_file(struct config *cfg, const struct config_names *nm, FILE *f)
{
	char		 line[LINE_MAX_BYTES + 1];
	size_t		 len = 0, total = 0;
	unsigned	 lineno = 1;
	int		 c, bad = 0;

	errno = 0;
	while ((c = getc(f)) != EOF) {
		if (++total > FILE_MAX_BYTES) {
			config_error(cfg, lineno, "the file is longer than "
			    "%d bytes: the rest is not read", FILE_MAX_BYTES);
			return;
		}
		if (c != '\n') {
			if (c == '\0' && !bad) {
				config_error(cfg, lineno, "a NUL byte: not a "
				    "text file?");
				bad = 1;
			} else if (len == LINE_MAX_BYTES && !bad) {
				config_error(cfg, lineno, "longer than %d "
				    "bytes", LINE_MAX_BYTES);
				bad = 1;
			} else if (len < LINE_MAX_BYTES)
				line[len++] = (char)c;
			continue;
		}
		line[len] = '\0';
		if (!bad)
			parse_line(cfg, nm, line, lineno);
		lineno++;
		len = 0;
		bad = 0;
	}
	if (ferror(f))
		config_error(cfg, 0, "%s", strerror(errno ? errno : EIO));
	else if (len > 0 && !bad) {
		line[len] = '\0';
		parse_line(cfg, nm, line, lineno);
	}
}

/* A configuration with nothing set, its messages naming path. */
static struct config *
config_new(const char *path, const struct config_names *names)
{
	struct config *cfg = xcalloc(1, sizeof(*cfg));

	cfg->sync = cfg->measure = cfg->mouse = -1;
	cfg->nlooks = names->nroles;
	cfg->looks = xcalloc(cfg->nlooks > 0 ? cfg->nlooks : 1,
	    sizeof(*cfg->looks));
	cfg->path = display_path(path != NULL ? path : "config");
	return cfg;
}

struct config *
config_read(FILE *f, const char *name, const struct config_names *names)
{
	struct config *cfg = config_new(name, names);

	parse_file(cfg, names, f);
	return cfg;
}

/*
 * The file path opened to read, or NULL with errno set (EISDIR; EINVAL:
 * a FIFO or a socket, refused at once, as opening a FIFO does not wait
 * for a writer).  A device is read, as far as parse_file reads:
 * /dev/null is the way to read no configuration.
 */
static FILE *
open_config(const char *path)
{
	struct stat	 st;
	FILE		*f;
	int		 fd, fl;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) ==
	    -1)
		return NULL;
	if (fstat(fd, &st) == -1 || !(S_ISREG(st.st_mode) ||
	    S_ISCHR(st.st_mode))) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return NULL;
	}
	if ((fl = fcntl(fd, F_GETFL)) != -1)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	if ((f = fdopen(fd, "r")) == NULL)
		close(fd);
	return f;
}

struct config *
config_load(const char *path, const struct config_names *names)
{
	struct config	*cfg;
	char		*def = NULL;
	FILE		*f;

	if (path == NULL && (path = def = config_default_path()) == NULL)
		return config_new(NULL, names);
	if ((f = open_config(path)) == NULL) {
		cfg = config_new(path, names);
		/* No file of one's own: no configuration. */
		if (def == NULL || errno != ENOENT)
			config_error(cfg, 0, "%s", errno == EINVAL ?
			    "not a regular file" : strerror(errno));
		free(def);
		return cfg;
	}
	cfg = config_read(f, path, names);
	fclose(f);
	free(def);
	return cfg;
}

void
config_free(struct config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->nerrors; i++)
		free(cfg->errors[i]);
	free(cfg->errors);
	free(cfg->binds);
	free(cfg->looks);
	free(cfg->path);
	free(cfg);
}
