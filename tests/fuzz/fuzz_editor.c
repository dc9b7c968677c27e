/*
 * fuzz_editor.c: libFuzzer harness for the note editor's keys.
 *
 * The input is a script: bytes 0x00-0x0b are editor commands (enum
 * editor_cmd), 0x0c-0x0f lay the text out at a width, 0x10 LEN inserts
 * the next LEN bytes as they are (controls and broken UTF-8 included),
 * and every other run of bytes is typed as text.  After each step:
 * the text is UTF-8 without controls but '\n' and NUL-terminated at its
 * length; the cursor is inside it, on a cluster boundary; commands do
 * what editor.h says of them (moves leave the text alone, Ctrl-A and
 * Ctrl-E stop at line ends, cuts never grow it, an insertion grows it
 * by what it returns), and a layout puts the cursor on one of its rows.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diptych/editor.h"
#include "diptych/layout.h"
#include "check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NCMDS	(ED_NEWLINE + 1)

static void
check(struct editor *e, size_t *len, size_t *cur)
{
	const char	*t = editor_text(e, len);
	size_t		 i;
	int		 text = 0;

	*cur = editor_cursor(e);
	FUZZ_CHECK(t != NULL && strlen(t) == *len);
	FUZZ_CHECK(fuzz_utf8(t, *len));
	FUZZ_CHECK(!fuzz_controls(t, *len));
	FUZZ_CHECK(*cur <= *len);
	FUZZ_CHECK(fuzz_char_edge(t, *len, *cur));
	FUZZ_CHECK(fuzz_cluster_edge(t, *len, *cur));
	for (i = 0; i < *len; i++)
		if (t[i] != ' ' && t[i] != '\n')
			text = 1;
	FUZZ_CHECK(editor_has_text(e) == text);
}

static void
lay_out(struct editor *e, int width)
{
	const struct layout	*l;
	int			 row = -1, col = -1;

	l = editor_layout(e, width, &row, &col);
	FUZZ_CHECK(l != NULL && layout_width(l) == width);
	FUZZ_CHECK(row >= 0 && col >= 0);
	FUZZ_CHECK((size_t)row < layout_nrows(l) || (row == 0 &&
	    layout_nrows(l) == 0));
	FUZZ_CHECK(col <= width);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int widths[] = { 1, 3, 12, 60 };
	struct editor	*e;
	size_t		 i = 0, j, len, cur, len0, cur0, got;
	char		*before;
	const char	*t;

	e = editor_new(NULL);
	check(e, &len, &cur);
	FUZZ_CHECK(len == 0 && cur == 0);
	while (i < size) {
		before = strdup(editor_text(e, &len0));
		FUZZ_CHECK(before != NULL);
		cur0 = editor_cursor(e);
		if (data[i] < NCMDS) {
			enum editor_cmd cmd = (enum editor_cmd)data[i++];

			editor_do(e, cmd);
			check(e, &len, &cur);
			t = editor_text(e, &len);
			switch (cmd) {
			case ED_LEFT:
			case ED_HOME:
				FUZZ_CHECK(cur <= cur0);
				break;
			case ED_RIGHT:
			case ED_END:
				FUZZ_CHECK(cur >= cur0);
				break;
			case ED_NEWLINE:
				FUZZ_CHECK(len == len0 + 1);
				FUZZ_CHECK(cur > 0 && t[cur - 1] == '\n');
				break;
			default:
				FUZZ_CHECK(len <= len0);
				break;
			}
			if (cmd <= ED_END)
				FUZZ_CHECK(strcmp(t, before) == 0);
			if (cmd == ED_HOME)
				FUZZ_CHECK(cur == 0 || t[cur - 1] == '\n');
			if (cmd == ED_END)
				FUZZ_CHECK(cur == len || t[cur] == '\n');
			if (cmd == ED_LEFT && cur0 > 0)
				FUZZ_CHECK(cur < cur0);
			if (cmd == ED_RIGHT && cur0 < len0)
				FUZZ_CHECK(cur > cur0);
		} else if (data[i] < 0x10) {
			lay_out(e, widths[data[i++] - NCMDS]);
			check(e, &len, &cur);
			FUZZ_CHECK(len == len0 && cur == cur0);
		} else {
			if (data[i] == 0x10 && i + 1 < size) {
				j = i + 2 + data[i + 1];
				if (j > size)
					j = size;
				i += 2;
			} else {
				for (j = i; j < size && data[j] >= 0x10; j++)
					;
			}
			got = editor_insert(e, (const char *)data + i, j - i);
			FUZZ_CHECK(got <= j - i);
			check(e, &len, &cur);
			FUZZ_CHECK(len == len0 + got);
			i = j;
		}
		free(before);
	}
	for (j = 0; j < sizeof(widths) / sizeof(widths[0]); j++)
		lay_out(e, widths[j]);
	editor_free(e);
	return 0;
}
