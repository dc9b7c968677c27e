/*
 * editor.h: the text of a note being written, and its cursor.
 *
 * A few lines of UTF-8 text edited as shells and readline do: the cursor
 * moves by grapheme cluster, Ctrl-A and Ctrl-E go to the line's ends,
 * Ctrl-U, Ctrl-W and Ctrl-K cut before the cursor, the word before it
 * and after it; a new line is a character like any other.  Nothing here
 * draws: editor_layout lays the text out at a width for a device.
 */
#ifndef DIPTYCH_EDITOR_H
#define DIPTYCH_EDITOR_H

#include <stddef.h>

struct editor;
struct layout;

enum editor_cmd {
	ED_LEFT,		/* one grapheme cluster back */
	ED_RIGHT,
	ED_UP,			/* the row above, at the same column */
	ED_DOWN,
	ED_HOME,		/* the start of the line (Ctrl-A) */
	ED_END,			/* its end (Ctrl-E) */
	ED_ERASE,		/* the cluster before the cursor (Backspace) */
	ED_DELETE,		/* the cluster under it (Delete) */
	ED_KILL_LINE,		/* from the line's start to the cursor (Ctrl-U) */
	ED_KILL_WORD,		/* the word before the cursor (Ctrl-W) */
	ED_KILL_END,		/* from the cursor to the line's end (Ctrl-K) */
	ED_NEWLINE		/* a new line (Alt-Enter, Ctrl-J) */
};

/* An editor holding text (may be NULL); owned by the caller. */
struct editor	*editor_new(const char *text);
void		 editor_free(struct editor *e);

void		 editor_do(struct editor *e, enum editor_cmd cmd);
/*
 * Insert s[0..n) at the cursor; control characters and invalid UTF-8
 * are left out.  Returns how many bytes went in.
 */
size_t		 editor_insert(struct editor *e, const char *s, size_t n);

/* The text (NUL-terminated, owned by the editor) and its length. */
const char	*editor_text(const struct editor *e, size_t *len);
/* The cursor: a byte offset of the text, on a cluster boundary. */
size_t		 editor_cursor(const struct editor *e);
/* Whether the text has anything but white space. */
int		 editor_has_text(const struct editor *e);

/*
 * The text laid out at width columns (valid until the next change or
 * layout) and the row and column of the cursor in it.
 */
const struct layout *editor_layout(struct editor *e, int width, int *row,
		    int *col);

#endif
