/*
 * test_keys.c: the key tables say what the keys do.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curses.h>
#include <unistd.h>

#include "diptych/config.h"
#include "diptych/reader.h"
#include "keys.h"

/* Every row's names are exactly the keys it binds; no key twice. */
static void
test_names_match_keys(void **state)
{
	char err[256] = "";

	(void)state;
	if (keys_check(err, sizeof(err)) != 0)
		fail_msg("%s", err);
}

/* Every command is bound in some mode, so every function has a key. */
static void
test_every_command_bound(void **state)
{
	int	 found[RC_NCMDS] = { 0 };
	size_t	 m, i;
	int	 c;

	(void)state;
	for (m = 0; m < RM_NMODES; m++)
		for (i = 0; i < key_tables[m].n; i++)
			found[key_tables[m].rows[i].cmd] = 1;
	for (c = 0; c < RC_NCMDS; c++)
		if (!found[c])
			fail_msg("command %d has no key", c);
}

/* The ? screen lists every row of every table, under its mode. */
static void
test_help_lists_every_row(void **state)
{
	const struct reader_help *h;
	size_t	 n, m, i, k = 0;

	(void)state;
	h = keys_help(&n);
	for (m = 0; m < RM_NMODES; m++)
		for (i = 0; i < key_tables[m].n; i++, k++) {
			assert_true(k < n);
			assert_string_equal(h[k].group, key_tables[m].group);
			assert_string_equal(h[k].keys,
			    key_tables[m].rows[i].names);
			assert_true(h[k].what[0] != '\0');
		}
	assert_int_equal(k, n);
}

/* The same key means what its mode says. */
static void
test_modes(void **state)
{
	enum reader_cmd cmd;

	(void)state;
	assert_int_equal(keys_lookup(RM_READ, 'j', &cmd), 0);
	assert_int_equal(cmd, RC_DOWN);
	assert_int_equal(keys_lookup(RM_LIST, 'j', &cmd), 0);
	assert_int_equal(cmd, RC_LIST_DOWN);
	assert_int_equal(keys_lookup(RM_POPUP, 'y', &cmd), 0);
	assert_int_equal(cmd, RC_COPY);
	assert_int_equal(keys_lookup(RM_READ, KEY_BTAB, &cmd), 0);
	assert_int_equal(cmd, RC_SELECT_PREV);
	assert_int_equal(keys_lookup(RM_PROMPT, 27, &cmd), 0);
	assert_int_equal(cmd, RC_PROMPT_CANCEL);
	/* In the prompt, letters are typed, not run. */
	assert_int_equal(keys_lookup(RM_PROMPT, 'j', &cmd), -1);
	assert_int_equal(keys_lookup(RM_READ, 'Z', &cmd), -1);
	/* Counts are read in the reading mode only. */
	assert_true(key_tables[RM_READ].counts);
	assert_false(key_tables[RM_PROMPT].counts);
}

/* --help prints a heading per mode and a line per row. */
static void
test_print(void **state)
{
	char	*buf = NULL;
	size_t	 len = 0, m, lines = 0, heads = 0;
	FILE	*f = open_memstream(&buf, &len);
	char	*p;

	(void)state;
	keys_print(f);
	fclose(f);
	for (p = buf; (p = strchr(p, '\n')) != NULL; p++) {
		const char *start = p;

		while (start > buf && start[-1] != '\n')
			start--;
		if (strncmp(start, "  ", 2) == 0)
			lines++;
		else if (start != p)
			heads++;
	}
	for (m = 0; m < RM_NMODES; m++) {
		assert_non_null(strstr(buf, key_tables[m].group));
		lines -= key_tables[m].n;
	}
	assert_int_equal(lines, 0);
	assert_int_equal(heads, RM_NMODES);
	free(buf);
}

/* Every mode and command has a name of its own, lower case. */
static void
test_names(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < RM_NMODES; i++)
		assert_non_null(keys_mode_names[i]);
	for (i = 0; i < RC_NCMDS; i++) {
		assert_non_null(keys_cmd_names[i]);
		assert_int_equal(strspn(keys_cmd_names[i],
		    "abcdefghijklmnopqrstuvwxyz-"), strlen(keys_cmd_names[i]));
		for (j = 0; j < i; j++)
			assert_string_not_equal(keys_cmd_names[i],
			    keys_cmd_names[j]);
	}
}

/* Key names are spelt as the tables spell them, one name a key. */
static void
test_canon(void **state)
{
	static const char *const good[][2] = {
		{ "J", "J" }, { "j", "j" }, { "down", "Down" },
		{ "DOWN", "Down" }, { "ctrl-e", "Ctrl-E" },
		{ "Ctrl-e", "Ctrl-E" }, { "Ctrl-I", "Tab" },
		{ "Ctrl-M", "Enter" }, { "pgdn", "PgDn" }, { "Space", "Space" },
		{ "#", "#" }, { "shift-tab", "Shift-Tab" },
		{ "Alt-Enter", "Alt-Enter" },
	};
	static const char *const bad[] = { "", "Dwon", "Ctrl-1", "\xc3\xa9",
		"jj", "Ctrl-", " " };
	char	 out[16];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		assert_int_equal(keys_canon(good[i][0], out, sizeof(out)), 0);
		assert_string_equal(out, good[i][1]);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(keys_canon(bad[i], out, sizeof(out)), -1);
}

/* A configuration of text, read in the key tables' words. */
static struct config *
config_of(const char *text)
{
	struct config_names	 nm = { NULL, 0, keys_mode_names, RM_NMODES,
		keys_cmd_names, RC_NCMDS, keys_canon };
	struct config		*cfg;
	char			 path[] = "/tmp/test_keys.XXXXXX";
	int			 fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	cfg = config_load(path, &nm);
	unlink(path);
	return cfg;
}

/* The ? line of cmd in mode's group, or NULL when it is not shown. */
static const char *
help_keys(enum reader_mode mode, enum reader_cmd cmd)
{
	const struct reader_help *h;
	size_t	 n, i, r;

	h = keys_help(&n);
	for (i = 0; i < n; i++)
		if (strcmp(h[i].group, key_tables[mode].group) == 0)
			for (r = 0; r < key_tables[mode].n; r++)
				if (key_tables[mode].rows[r].cmd == cmd &&
				    strcmp(key_tables[mode].rows[r].what,
				    h[i].what) == 0)
					return h[i].keys;
	return NULL;
}

/* Bindings move keys between rows; what help shows follows. */
static void
test_apply(void **state)
{
	struct config	*cfg;
	enum reader_cmd	 cmd;
	char		 err[256] = "", *out = NULL;
	size_t		 len = 0;
	FILE		*f;

	(void)state;
	cfg = config_of(
	    "bind read J down\n"
	    "bind read j quit\n"
	    "unbind read s\n"
	    "bind list x close\n"
	    "bind prompt ctrl-t prompt-pane\n"
	    "bind read Ctrl-A page-down\n"
	    "bind review J down\n"			/* 7: not in review */
	    "bind prompt a prompt-accept\n"		/* 8: typed */
	    "bind read 5 down\n"			/* 9: a count */
	    "bind read Ctrl-G page-down\n"		/* 10: six keys */
	    "bind read 0 top\n"
	    "unbind read Z\n");
	assert_int_equal(keys_apply(cfg), 4);
	assert_int_equal(cfg->nerrors, 4);
	assert_non_null(strstr(cfg->errors[0], ":7: down is not a command "
	    "of review"));
	assert_non_null(strstr(cfg->errors[1], ":8: in prompt, characters "
	    "are typed in"));
	assert_non_null(strstr(cfg->errors[2], ":9: in read, digits make a "
	    "count"));
	assert_non_null(strstr(cfg->errors[3], ":10: page-down has 5 keys "
	    "in read already"));
	config_free(cfg);

	assert_int_equal(keys_lookup(RM_READ, 'J', &cmd), 0);
	assert_int_equal(cmd, RC_DOWN);
	assert_int_equal(keys_lookup(RM_READ, 'j', &cmd), 0);
	assert_int_equal(cmd, RC_QUIT);
	assert_int_equal(keys_lookup(RM_READ, 's', &cmd), -1);
	assert_int_equal(keys_lookup(RM_LIST, 'x', &cmd), 0);
	assert_int_equal(cmd, RC_CLOSE);
	assert_int_equal(keys_lookup(RM_PROMPT, 0x14, &cmd), 0);
	assert_int_equal(cmd, RC_PROMPT_PANE);
	assert_int_equal(keys_lookup(RM_READ, '0', &cmd), 0);
	assert_int_equal(cmd, RC_TOP);
	/* Other modes keep their keys. */
	assert_int_equal(keys_lookup(RM_LIST, 'j', &cmd), 0);
	assert_int_equal(cmd, RC_LIST_DOWN);

	assert_string_equal(help_keys(RM_READ, RC_DOWN), "Down Ctrl-E J");
	assert_string_equal(help_keys(RM_READ, RC_QUIT), "q j");
	assert_string_equal(help_keys(RM_READ, RC_PAGE_DOWN),
	    "Space f PgDn Ctrl-F Ctrl-A");
	assert_string_equal(help_keys(RM_LIST, RC_CLOSE), "q Esc x");
	assert_string_equal(help_keys(RM_PROMPT, RC_PROMPT_PANE),
	    "Tab Ctrl-T");
	/* A row with no key left is not shown. */
	assert_null(help_keys(RM_READ, RC_LOCK));
	assert_null(help_keys(RM_LIST, RC_NOTE_DELETE));
	f = open_memstream(&out, &len);
	keys_print(f);
	fclose(f);
	assert_null(strstr(out, "sync lock on or off"));
	assert_non_null(strstr(out, "  Down Ctrl-E J "));
	free(out);
	/* The tables in force still say what they do. */
	if (keys_check(err, sizeof(err)) != 0)
		fail_msg("%s", err);

	keys_reset();
	assert_int_equal(keys_lookup(RM_READ, 'j', &cmd), 0);
	assert_int_equal(cmd, RC_DOWN);
	assert_string_equal(help_keys(RM_READ, RC_LOCK), "s");
}

/*
 * The man page lists, for each mode, the commands a key can be bound
 * to there: the commands of its table, in order.
 */
static void
test_man_commands(void **state)
{
	const char	*srcdir = getenv("SRCDIR");
	char		 path[1024], *text, *p, *q, want[64];
	size_t		 m, i, len;
	FILE		*f;

	(void)state;
	snprintf(path, sizeof(path), "%s/man/diptych.1",
	    srcdir != NULL ? srcdir : ".");
	if ((f = fopen(path, "r")) == NULL)
		skip();
	text = NULL;
	len = 0;
	assert_int_not_equal(getdelim(&text, &len, '\0', f), -1);
	fclose(f);
	/* Roff's \- is a -. */
	for (p = q = text; *p != '\0'; p++)
		if (!(p[0] == '\\' && p[1] == '-'))
			*q++ = *p;
	*q = '\0';
	assert_non_null(p = strstr(text, "\n.SS Commands\n"));
	for (m = 0; m < RM_NMODES; m++) {
		snprintf(want, sizeof(want), "\n.B %s\n", keys_mode_names[m]);
		if ((q = strstr(p, want)) == NULL)
			fail_msg("no mode %s in the man page", want + 4);
		q += strlen(want);
		for (i = 0; i < key_tables[m].n; i++) {
			const char *name =
			    keys_cmd_names[key_tables[m].rows[i].cmd];

			len = strlen(name);
			if (strncmp(q, name, len) != 0 ||
			    (q[len] != ',' && q[len] != '\n'))
				fail_msg("%s: %s is not next in the man page",
				    keys_mode_names[m], name);
			q += len;
			q += strspn(q, ", \n");
		}
	}
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_match_keys),
		cmocka_unit_test(test_every_command_bound),
		cmocka_unit_test(test_help_lists_every_row),
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_print),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_canon),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_man_commands),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
