/*
 * test_config.c: the configuration file's parser, on real files in a
 * folder of the test's own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "diptych/config.h"

static char	 dir[256];
static char	 path[512];

/* A few names, as a caller's tables would give them. */
static const char *const roles[] = { "text", "status-focus", "match",
	"note" };
static const char *const modes[] = { "read", "list" };
static const char *const cmds[] = { "down", "up", "close", "page-down" };

/* Keys: one printable character, or Down, Enter, Ctrl-E in any case. */
static int
key(const char *name, char *canon, size_t canonsz)
{
	static const char *const named[] = { "Down", "Enter", "Ctrl-E" };
	size_t i;

	if (strlen(name) == 1 && name[0] > ' ' && name[0] < 0x7f) {
		snprintf(canon, canonsz, "%s", name);
		return 0;
	}
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strcasecmp(name, named[i]) == 0) {
			snprintf(canon, canonsz, "%s", named[i]);
			return 0;
		}
	return -1;
}

static const struct config_names names = {
	roles, sizeof(roles) / sizeof(roles[0]),
	modes, sizeof(modes) / sizeof(modes[0]),
	cmds, sizeof(cmds) / sizeof(cmds[0]),
	key
};

enum { TEXT, STATUS_FOCUS, MATCH, NOTE };

/* Write text to the test's file; returns its path. */
static const char *
file(const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* The error that names line; fails when there is none. */
static const char *
error_at(const struct config *cfg, unsigned line)
{
	char	 at[600];
	size_t	 i;

	snprintf(at, sizeof(at), "%s:%u: ", path, line);
	for (i = 0; i < cfg->nerrors; i++)
		if (strncmp(cfg->errors[i], at, strlen(at)) == 0)
			return cfg->errors[i] + strlen(at);
	fail_msg("no error at line %u", line);
	return NULL;
}

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "%s/diptych-config.XXXXXX",
	    getenv("TMPDIR") != NULL && *getenv("TMPDIR") == '/' ?
	    getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/config", dir);
	/* Messages name files under $HOME with ~: not this one. */
	setenv("HOME", "/nonexistent", 1);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Every kind of good line, with comments, blanks and both spellings. */
static void
test_good(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = config_load(file(
	    "# diptych\n"
	    "\n"
	    "   # indented comment\n"
	    "set sync off\n"
	    "set measure = 72   # a comfortable line\n"
	    "set mouse on\n"
	    "color match = magenta bold underline\n"
	    "colour status-focus black on cyan\n"
	    "color note = default on yellow none\n"
	    "mono match = reverse italic\n"
	    "bind read J down\n"
	    "bind list x close # closes\n"
	    "bind read # up\n"
	    "unbind read s\n"
	    "bind read down page-down\r\n"
	    "\tset\tmouse\toff"), &names);
	assert_int_equal(cfg->nerrors, 0);
	assert_int_equal(cfg->sync, 0);
	assert_int_equal(cfg->measure, 72);
	assert_int_equal(cfg->mouse, 0);
	assert_true(cfg->looks[MATCH].color);
	assert_int_equal(cfg->looks[MATCH].fg, 5);
	assert_int_equal(cfg->looks[MATCH].bg, CONFIG_DEFAULT);
	assert_int_equal(cfg->looks[MATCH].attrs,
	    CONFIG_BOLD | CONFIG_UNDERLINE);
	assert_true(cfg->looks[MATCH].mono);
	assert_int_equal(cfg->looks[MATCH].mono_attrs,
	    CONFIG_REVERSE | CONFIG_ITALIC);
	assert_int_equal(cfg->looks[STATUS_FOCUS].fg, 0);
	assert_int_equal(cfg->looks[STATUS_FOCUS].bg, 6);
	assert_false(cfg->looks[STATUS_FOCUS].mono);
	assert_int_equal(cfg->looks[NOTE].fg, CONFIG_DEFAULT);
	assert_int_equal(cfg->looks[NOTE].bg, 3);
	assert_int_equal(cfg->looks[NOTE].attrs, 0);
	assert_false(cfg->looks[TEXT].color);
	assert_false(cfg->looks[TEXT].mono);
	assert_int_equal(cfg->nbinds, 5);
	assert_int_equal(cfg->binds[0].mode, 0);
	assert_string_equal(cfg->binds[0].key, "J");
	assert_int_equal(cfg->binds[0].cmd, 0);
	assert_int_equal(cfg->binds[0].line, 11);
	assert_int_equal(cfg->binds[1].mode, 1);
	assert_int_equal(cfg->binds[1].cmd, 2);
	assert_string_equal(cfg->binds[2].key, "#");
	assert_int_equal(cfg->binds[2].cmd, 1);
	assert_string_equal(cfg->binds[3].key, "s");
	assert_int_equal(cfg->binds[3].cmd, -1);
	/* Key names are spelt as the tables spell them. */
	assert_string_equal(cfg->binds[4].key, "Down");
	assert_int_equal(cfg->binds[4].cmd, 3);
	config_free(cfg);
}

/* Nothing set: every setting keeps the program's default. */
static void
test_empty(void **state)
{
	struct config	*cfg;
	size_t		 i;

	(void)state;
	cfg = config_load(file(""), &names);
	assert_int_equal(cfg->nerrors, 0);
	assert_int_equal(cfg->sync, -1);
	assert_int_equal(cfg->measure, -1);
	assert_int_equal(cfg->mouse, -1);
	assert_int_equal(cfg->nbinds, 0);
	assert_int_equal(cfg->nlooks, 4);
	for (i = 0; i < cfg->nlooks; i++)
		assert_false(cfg->looks[i].color || cfg->looks[i].mono);
	config_free(cfg);
	/* The way to read no file at all. */
	cfg = config_load("/dev/null", &names);
	assert_int_equal(cfg->nerrors, 0);
	config_free(cfg);
}

/* Each bad line is one message with the file and line; the rest apply. */
static void
test_errors(void **state)
{
	struct config	*cfg;
	struct {
		const char	*line;
		const char	*says;
	} bad[] = {
		{ "set sink off", "unknown setting 'sink' (sync, measure or "
		  "mouse)" },
		{ "set sync maybe", "set sync takes on or off, not 'maybe'" },
		{ "set mouse", "set takes a name and a value (set sync off)" },
		{ "set measure 7", "set measure takes a number of columns "
		  "from 20 to 1000 (0: none), not '7'" },
		{ "set measure 72px", "set measure takes a number of columns "
		  "from 20 to 1000 (0: none), not '72px'" },
		{ "set measure 99999999999999999999", "set measure takes a "
		  "number of columns from 20 to 1000 (0: none), not "
		  "'99999999999999999999'" },
		{ "color match = magneta", "unknown colour or attribute "
		  "'magneta'" },
		{ "color match = red on magneta", "unknown colour 'magneta'" },
		{ "color match = red on", "'on' needs a colour after it" },
		{ "color match = red bold blue", "two colours, 'red' and "
		  "'blue' (a background is 'on blue')" },
		{ "color match = on red on blue", "two backgrounds" },
		{ "color match =", "color match: say how it looks (a colour, "
		  "on a colour, attributes)" },
		{ "color", "color takes a role and its look (color match = "
		  "magenta bold)" },
		{ "color matches = red", "unknown role 'matches'" },
		{ "mono match = red", "mono takes attributes, not colours: "
		  "'red'" },
		{ "mono match = blink", "unknown attribute 'blink'" },
		{ "bind read J", "bind takes a mode, a key and a command "
		  "(bind read J down)" },
		{ "bind reading J down", "unknown mode 'reading' (read, "
		  "list)" },
		{ "bind read Dwon down", "unknown key 'Dwon'" },
		{ "bind read J dawn", "unknown command 'dawn'" },
		{ "unbind read", "unbind takes a mode and a key (unbind "
		  "read s)" },
		{ "colr match = red", "'colr' is not a setting (set, color, "
		  "mono, bind, unbind)" },
		{ "color match = \033[31mred", "unknown colour or attribute "
		  "'?[31mred'" },
		{ "set a b c d e f g h i j k l m n o p q r s", "too many "
		  "words" },
	};
	struct buf {
		char	*data;
		size_t	 len;
	} b = { NULL, 0 };
	FILE	*f = open_memstream(&b.data, &b.len);
	size_t	 i;

	(void)state;
	/* A good line between every two bad ones. */
	fputs("set sync off\n", f);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		fprintf(f, "%s\nbind read %c down\n", bad[i].line,
		    (char)('a' + i));
	fputs("color match = green\n", f);
	fclose(f);
	cfg = config_load(file(b.data), &names);
	free(b.data);
	assert_int_equal(cfg->nerrors, sizeof(bad) / sizeof(bad[0]));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_string_equal(error_at(cfg, (unsigned)(2 + 2 * i)),
		    bad[i].says);
	/* The rest still applies. */
	assert_int_equal(cfg->sync, 0);
	assert_int_equal(cfg->measure, -1);
	assert_int_equal(cfg->nbinds, sizeof(bad) / sizeof(bad[0]));
	for (i = 0; i < cfg->nbinds; i++)
		assert_int_equal(cfg->binds[i].key[0], 'a' + (int)i);
	assert_true(cfg->looks[MATCH].color);
	assert_int_equal(cfg->looks[MATCH].fg, 2);
	assert_false(cfg->looks[MATCH].mono);
	config_free(cfg);
}

/* A later line wins; a bad line changes nothing of the earlier one. */
static void
test_later_wins(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = config_load(file(
	    "color match = red on blue bold\n"
	    "color match = cyan\n"
	    "set measure 60\n"
	    "set measure 80\n"
	    "set measure 8\n"
	    "color note = yellow\n"
	    "color note = yellow on\n"), &names);
	assert_int_equal(cfg->nerrors, 2);
	assert_int_equal(cfg->looks[MATCH].fg, 6);
	assert_int_equal(cfg->looks[MATCH].bg, CONFIG_DEFAULT);
	assert_int_equal(cfg->looks[MATCH].attrs, 0);
	assert_int_equal(cfg->measure, 80);
	assert_int_equal(cfg->looks[NOTE].fg, 3);
	config_free(cfg);
}

/* Lines too long, NUL bytes, a file with no end: bounded, reported. */
static void
test_bounds(void **state)
{
	struct config	*cfg;
	FILE		*f;
	int		 i;

	(void)state;
	static const char rest[] = "\nset sync off\nset mouse on\0 x\n"
	    "set measure 50\n";

	f = fopen(path, "w");
	assert_non_null(f);
	for (i = 0; i < 2000; i++)
		fputc('x', f);
	fwrite(rest, 1, sizeof(rest) - 1, f);
	fclose(f);
	cfg = config_load(path, &names);
	assert_int_equal(cfg->nerrors, 2);
	assert_string_equal(error_at(cfg, 1), "longer than 1024 bytes");
	assert_string_equal(error_at(cfg, 3), "a NUL byte: not a text "
	    "file?");
	assert_int_equal(cfg->sync, 0);
	assert_int_equal(cfg->mouse, -1);
	assert_int_equal(cfg->measure, 50);
	config_free(cfg);

	if (access("/dev/zero", R_OK) == 0) {
		cfg = config_load("/dev/zero", &names);
		assert_int_equal(cfg->nerrors, 2);
		assert_string_equal(cfg->errors[0], "/dev/zero:1: a NUL byte: "
		    "not a text file?");
		assert_non_null(strstr(cfg->errors[1], "the rest is not "
		    "read"));
		config_free(cfg);
	}
}

/* Files that are not there, or cannot be read. */
static void
test_files(void **state)
{
	struct config	*cfg;
	char		 sub[600], want[700];

	(void)state;
	/* The default file, missing: fine, and nothing to say. */
	setenv("XDG_CONFIG_HOME", dir, 1);
	cfg = config_load(NULL, &names);
	assert_int_equal(cfg->nerrors, 0);
	assert_int_equal(cfg->sync, -1);
	config_free(cfg);
	/* A file asked for, missing: said, with no line. */
	snprintf(sub, sizeof(sub), "%s/nothing", dir);
	cfg = config_load(sub, &names);
	assert_int_equal(cfg->nerrors, 1);
	snprintf(want, sizeof(want), "%s: No such file or directory", sub);
	assert_string_equal(cfg->errors[0], want);
	config_free(cfg);
	/* A folder cannot be read: said; no settings. */
	cfg = config_load(dir, &names);
	assert_int_equal(cfg->nerrors, 1);
	snprintf(want, sizeof(want), "%s: Is a directory", dir);
	assert_string_equal(cfg->errors[0], want);
	config_free(cfg);
	/* The default file, there: read. */
	snprintf(sub, sizeof(sub), "%s/diptych", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(sub, sizeof(sub), "%s/diptych/config", dir);
	rename(file("set sync off\nset sync of\n"), sub);
	cfg = config_load(NULL, &names);
	assert_int_equal(cfg->sync, 0);
	assert_int_equal(cfg->nerrors, 1);
	snprintf(want, sizeof(want), "%s:2: set sync takes on or off, not "
	    "'of'", sub);
	assert_string_equal(cfg->errors[0], want);
	config_free(cfg);
	/* Under $HOME, messages say ~. */
	setenv("HOME", dir, 1);
	cfg = config_load(NULL, &names);
	assert_string_equal(cfg->errors[0], "~/diptych/config:2: set sync "
	    "takes on or off, not 'of'");
	config_free(cfg);
	setenv("HOME", "/nonexistent", 1);
	unsetenv("XDG_CONFIG_HOME");
}

/* Where the default file is. */
static void
test_default_path(void **state)
{
	char *p;

	(void)state;
	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	setenv("HOME", "/home/r", 1);
	p = config_default_path();
	assert_string_equal(p, "/x/conf/diptych/config");
	free(p);
	/* A relative XDG_CONFIG_HOME is ignored, as the spec says. */
	setenv("XDG_CONFIG_HOME", "conf", 1);
	p = config_default_path();
	assert_string_equal(p, "/home/r/.config/diptych/config");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	assert_null(config_default_path());
	/* No file to read, no error. */
	config_free(config_load(NULL, &names));
	setenv("HOME", "/nonexistent", 1);
}

/* The caller adds errors it finds applying the file, at their lines. */
static void
test_caller_errors(void **state)
{
	struct config	*cfg;
	int		 i;

	(void)state;
	cfg = config_load(file("bind read J down\n"), &names);
	config_error(cfg, cfg->binds[0].line, "J is %s", "taken");
	assert_string_equal(error_at(cfg, 1), "J is taken");
	/* Many errors end with one that says there were more. */
	for (i = 0; i < 200; i++)
		config_error(cfg, 1, "again");
	assert_int_equal(cfg->nerrors, 101);
	assert_non_null(strstr(cfg->errors[100], "more errors"));
	config_free(cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_later_wins),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_default_path),
		cmocka_unit_test(test_caller_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
