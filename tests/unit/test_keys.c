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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_match_keys),
		cmocka_unit_test(test_every_command_bound),
		cmocka_unit_test(test_help_lists_every_row),
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_print),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
