/*
 * test_editor.c: writing a note: the keys of a shell's line editor, by
 * grapheme cluster, over several lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "diptych/editor.h"
#include "diptych/layout.h"

static void
typed(struct editor *e, const char *s)
{
	editor_insert(e, s, strlen(s));
}

static void
test_insert_and_move_by_cluster(void **state)
{
	struct editor *e = editor_new(NULL);

	(void)state;
	/* e + combining acute is one cluster; 日 is wide; a flag is two
	   code points, one cluster. */
	typed(e, "ae\xcc\x81日🇯🇵z");
	assert_string_equal(editor_text(e, NULL), "ae\xcc\x81日🇯🇵z");
	editor_do(e, ED_LEFT);		/* before z */
	editor_do(e, ED_LEFT);		/* before the flag */
	editor_do(e, ED_ERASE);		/* 日 goes */
	assert_string_equal(editor_text(e, NULL), "ae\xcc\x81🇯🇵z");
	editor_do(e, ED_ERASE);		/* e with its accent, whole */
	assert_string_equal(editor_text(e, NULL), "a🇯🇵z");
	editor_do(e, ED_DELETE);	/* the flag, whole */
	assert_string_equal(editor_text(e, NULL), "az");
	assert_int_equal(editor_cursor(e), 1);
	editor_free(e);
}

static void
test_control_characters_refused(void **state)
{
	struct editor *e = editor_new(NULL);

	(void)state;
	assert_int_equal(editor_insert(e, "a\033[31mb\x07\xff" "c", 10), 7);
	assert_string_equal(editor_text(e, NULL), "a[31mbc");
	editor_free(e);
}

static void
test_line_keys(void **state)
{
	struct editor *e = editor_new("first line\nsecond one here");

	(void)state;
	editor_do(e, ED_HOME);
	assert_int_equal(editor_cursor(e), strlen("first line\n"));
	editor_do(e, ED_END);
	editor_do(e, ED_KILL_WORD);
	assert_string_equal(editor_text(e, NULL), "first line\nsecond one ");
	editor_do(e, ED_KILL_WORD);
	assert_string_equal(editor_text(e, NULL), "first line\nsecond ");
	editor_do(e, ED_KILL_LINE);
	assert_string_equal(editor_text(e, NULL), "first line\n");
	editor_do(e, ED_LEFT);		/* end of line one */
	editor_do(e, ED_LEFT);
	editor_do(e, ED_LEFT);
	editor_do(e, ED_KILL_END);
	assert_string_equal(editor_text(e, NULL), "first li\n");
	editor_do(e, ED_NEWLINE);
	typed(e, "#tag");
	assert_string_equal(editor_text(e, NULL), "first li\n#tag\n");
	assert_true(editor_has_text(e));
	editor_free(e);
	e = editor_new(" \n ");
	assert_false(editor_has_text(e));
	editor_free(e);
}

/* The cursor's place in the laid-out text; up and down keep a column. */
static void
test_layout_and_vertical(void **state)
{
	struct editor	*e = editor_new("aaaa bbbb\ncc");
	int		 row, col;

	(void)state;
	editor_layout(e, 5, &row, &col);
	assert_int_equal(row, 2);
	assert_int_equal(col, 2);
	editor_do(e, ED_UP);
	editor_layout(e, 5, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 2);
	assert_int_equal(editor_cursor(e), 7);
	editor_do(e, ED_UP);
	editor_layout(e, 5, &row, &col);
	assert_int_equal(row, 0);
	assert_int_equal(col, 2);
	editor_do(e, ED_UP);		/* at the top: stays */
	assert_int_equal(editor_cursor(e), 2);
	editor_do(e, ED_END);
	editor_layout(e, 5, &row, &col);
	assert_int_equal(row, 1);	/* the line's end, on its row 2 */
	assert_int_equal(col, 4);
	editor_free(e);
	/* An empty last line holds the cursor. */
	e = editor_new("ab\n");
	editor_layout(e, 10, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 0);
	editor_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_and_move_by_cluster),
		cmocka_unit_test(test_control_characters_refused),
		cmocka_unit_test(test_line_keys),
		cmocka_unit_test(test_layout_and_vertical),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
