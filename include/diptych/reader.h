/*
 * reader.h: a reading session, without a terminal.
 *
 * A reader holds two documents laid out side by side at a screen size:
 * each pane's position (kept as a text offset, so a resize keeps the
 * passage in view), the sync lock, the focus, the overlay layers of each
 * pane (terms, citations, matches, the selected item), the open list or
 * popup, the search prompt.  A device feeds it a size and commands, and
 * asks for frames: every cell of the screen, handed to a cell_fn, the
 * callback --dump uses too.  Nothing here knows about curses; the unit
 * tests drive a reader directly.
 */
#ifndef DIPTYCH_READER_H
#define DIPTYCH_READER_H

#include <stddef.h>

#include "diptych/layout.h"

struct doc;
struct glossary;
struct reader;
struct store;

#define READER_MIN_COLS		20	/* smaller: "too small" */
#define READER_MIN_ROWS		4
#define READER_SPLIT_COLS	80	/* narrower: one pane at a time */
#define READER_MEASURE		100	/* the widest text, by default */
#define READER_BAR_COLS		40	/* a pane this wide has a bar */

/* The part of a frame a cell belongs to (struct cell.ui). */
enum reader_ui {
	UI_TEXT,		/* text of a pane, a list or a popup */
	UI_STATUS,		/* status row of a pane */
	UI_STATUS_FOCUS,	/* status row of the focused pane, messages,
				   the selected line of a list */
	UI_DIVIDER,		/* the line between the panes */
	UI_FRAME		/* borders and titles of lists and popups */
};

/* Which key table is in force: the device reads keys through it. */
enum reader_mode {
	RM_READ,		/* reading the panes */
	RM_LIST,		/* a list: help, sections, glossary */
	RM_POPUP,		/* a citation's or term's popup */
	RM_PROMPT,		/* typing a search pattern */
	RM_SELECT,		/* a selection is being made (v) */
	RM_EDIT,		/* a note is being written (a) */
	RM_REVIEW,		/* stepping through the notes (R) */
	RM_MARK,		/* m or ' typed: a mark's letter next */
	RM_NMODES
};

/* Commands; a count repeats those that move (0: none given). */
enum reader_cmd {
	RC_DOWN,		/* scroll one row */
	RC_UP,
	RC_PAGE_DOWN,
	RC_PAGE_UP,
	RC_HALF_DOWN,
	RC_HALF_UP,
	RC_TOP,			/* with a count: that row */
	RC_BOTTOM,		/* with a count: that row */
	RC_SECTION_NEXT,	/* ]: both panes land on it */
	RC_SECTION_PREV,	/* [: back to this section's start first */
	RC_SECTIONS,		/* open (or close) the sections list */
	RC_FOCUS_LEFT,
	RC_FOCUS_RIGHT,
	RC_LOCK,		/* sync lock on or off */
	RC_SELECT_NEXT,		/* Tab: next citation or term */
	RC_SELECT_PREV,
	RC_OPEN,		/* the selection's popup */
	RC_COPY,		/* the selection's URL to the clipboard */
	RC_COPY_CITED,		/* ... with a line saying where from */
	RC_UNSELECT,		/* drop selection and search highlights */
	RC_TERMS,		/* open (or close) the glossary index */
	RC_SEARCH,		/* open the search prompt */
	RC_MATCH_NEXT,
	RC_MATCH_PREV,
	RC_HELP,		/* open (or close) the key help */
	RC_REDRAW,		/* ask the device to repaint everything */
	RC_QUIT,
	/* In a list or popup. */
	RC_LIST_DOWN,
	RC_LIST_UP,
	RC_LIST_PAGE_DOWN,
	RC_LIST_PAGE_UP,
	RC_LIST_TOP,
	RC_LIST_BOTTOM,
	RC_LIST_ENTER,		/* go to the selected line's place */
	RC_CLOSE,
	/* In the search prompt. */
	RC_PROMPT_ACCEPT,
	RC_PROMPT_CANCEL,
	RC_PROMPT_ERASE,	/* the character before (empty: cancel) */
	RC_PROMPT_OLDER,	/* what was typed before (Up) */
	RC_PROMPT_NEWER,
	RC_PROMPT_PANE,		/* search the other essay (Tab) */
	/* Selections: v starts one, these move its moving edge. */
	RC_VISUAL,		/* start a selection, or end it */
	RC_SEL_WORD_NEXT,	/* w */
	RC_SEL_WORD_PREV,	/* b */
	RC_SEL_SENTENCE_NEXT,	/* ) */
	RC_SEL_SENTENCE_PREV,	/* ( */
	RC_SEL_BLOCK_NEXT,	/* } */
	RC_SEL_BLOCK_PREV,	/* { */
	RC_SEL_ROW_NEXT,	/* j */
	RC_SEL_ROW_PREV,	/* k */
	RC_SEL_CANCEL,
	/* Notes: a opens the editor on the selection, or the passage at
	   the cursor; these edit the note. */
	RC_ANNOTATE,
	RC_ED_LEFT,
	RC_ED_RIGHT,
	RC_ED_UP,
	RC_ED_DOWN,
	RC_ED_HOME,
	RC_ED_END,
	RC_ED_ERASE,
	RC_ED_DELETE,
	RC_ED_KILL_LINE,
	RC_ED_KILL_WORD,
	RC_ED_KILL_END,
	RC_ED_NEWLINE,
	RC_EDIT_SAVE,		/* store the note; "saved" once committed */
	RC_EDIT_CANCEL,		/* with text, asks first */
	RC_NOTES,		/* open (or close) the annotations list */
	RC_NOTE_DELETE,		/* in it: delete the note (a tombstone) */
	RC_NOTE_UNDO,		/* in it: undo the last change */
	RC_NOTE_EDIT,		/* in it: edit the note */
	RC_NOTE_CONFIRM,	/* in it, its card or review: a changed
				   text's passage is the right one */
	RC_NOTE_MOVE,		/* in it: move the note to a passage */
	RC_FILTER,		/* in it or review: filter the notes */
	RC_EXTERNAL,		/* the note in $VISUAL or $EDITOR (E) */
	RC_NOTE_SHARE,		/* in A: private to shared, or back (P) */
	RC_REPLY,		/* a reply to the note (r) */
	RC_READERS,		/* who reads in the seminar (F) */
	RC_LINK,		/* the selection is one end of a link */
	RC_PAIR,		/* pair the passages at the panes' tops */
	RC_REVIEW,		/* review: the notes in document order */
	RC_REVIEW_NEXT,
	RC_REVIEW_PREV,
	RC_REVIEW_END,
	/* Marks and jumps. */
	RC_PERCENT,		/* with a count: that percent of the essay */
	RC_MARK_SET,		/* m: the next letter names a mark here */
	RC_MARK_GO,		/* ': to the mark the next letter names;
				   '' back to before the last jump */
	RC_MARK_CANCEL,
	RC_NCMDS
};

/* One line of the ? screen: a key table row, under its mode's heading. */
struct reader_help {
	const char	*group;		/* heading, e.g. "Reading" */
	const char	*keys;		/* "j Down Ctrl-E" */
	const char	*what;
};

/*
 * A reader of left and right with the terms of g highlighted (g may be
 * NULL).  The documents and the glossary must outlive it.  Returns a new
 * reader owned by the caller; it needs reader_resize before a frame.
 */
struct reader	*reader_new(const struct doc *left, const struct doc *right,
		    struct glossary *g);
void		 reader_free(struct reader *r);

/*
 * The lines the ? screen lists, in order; help[0..n) must outlive the
 * reader (a device's key tables are static).
 */
void		 reader_set_help(struct reader *r,
		    const struct reader_help *help, size_t n);

/*
 * The screen is now cols x rows: lay out again (never parse again) and
 * keep the passage the reader was looking at in view.
 */
void		 reader_resize(struct reader *r, int cols, int rows);

/* Run cmd, count times when it moves (count 0: once, or its default). */
void		 reader_do(struct reader *r, enum reader_cmd cmd, int count);
/*
 * The reader is ending without its user (the terminal is gone): keep a
 * note being written as the store's draft, offered back next time.
 */
void		 reader_keep_draft(struct reader *r);
/*
 * The store annotations are kept in (NULL: annotations are off, and why
 * in off_reason, shown when the reader tries to write one).  The reader
 * reads every annotation from it and anchors them in the two texts; it
 * does not own the store.
 */
void		 reader_set_store(struct reader *r, struct store *s,
		    const char *off_reason);
/*
 * As reader_set_store, but the notes are read by reader_idle, so that
 * the first frame costs what the passages in view cost, not what every
 * note does: until then reader_paint_places paints the passages in view
 * from the store's index of places.  The store's integrity check, when
 * it was opened with STORE_CHECK_LATER, waits for reader_idle too.  With
 * a seminar, or no store, it is reader_set_store.  Every command reads
 * the notes first if reader_idle has not.
 */
void		 reader_set_store_later(struct reader *r, struct store *s,
		    const char *off_reason);
void		 reader_paint_places(struct reader *r);
/*
 * What was left for when the device waits for input: the glossary's
 * terms found in the whole texts (a frame finds those it shows), the
 * notes read (reader_set_store_later).  Every command does it first if
 * the device has not.  Returns 1 when the frame may have changed.
 */
int		 reader_idle(struct reader *r);
/*
 * A seminar's store besides the personal one (NULL: none): its notes are
 * read and shown with the others, a new note goes to it, and P moves a
 * note between the two.  The reader does not own it.  Returns 0, or -1
 * when its notes cannot be read (the reader says why, and has none).
 */
int		 reader_set_seminar(struct reader *r, struct store *s);
/*
 * Read the notes again if someone else changed a store since the last
 * look (cheap when nobody did): returns 1 when the frame may have
 * changed, else 0.  A device calls it as store_watch says.
 */
int		 reader_poll_stores(struct reader *r);
/* Text typed in the prompt or the note editor (UTF-8); control
   characters are refused. */
void		 reader_input(struct reader *r, const char *s, size_t n);

enum reader_mode reader_mode(const struct reader *r);
/* Whether RC_QUIT was run. */
int		 reader_done(const struct reader *r);

/*
 * Hand every cell of the frame to fn, row by row, panes first and lists
 * or popups over them (a cell may be handed twice: the later wins).
 * Cells not handed are blank.
 */
void		 reader_frame(struct reader *r, cell_fn fn, void *arg);
/*
 * Where the terminal's cursor should show: returns 1 with *row and *col
 * while a prompt is open, else 0.
 */
int		 reader_cursor(const struct reader *r, int *row, int *col);

/*
 * Requests for the device, each taken once: text to copy to the
 * clipboard (owned by the reader until the next call; NULL when none),
 * and whether the whole screen should be repainted.
 */
const char	*reader_take_clipboard(struct reader *r);
int		 reader_take_redraw(struct reader *r);

/*
 * Kiosk mode (--secure): the reader never asks the device to run an
 * outside editor (E says it cannot).
 */
void		 reader_set_secure(struct reader *r, int on);
/*
 * E asks the device to run the user's editor on a note: the note's text
 * (owned by the reader) while it waits for one, else NULL.  The device
 * answers with reader_external_done: the text the editor left (the
 * note is then saved, when it is not empty and has changed), or NULL
 * and why not (the note stays in the note editor).
 */
const char	*reader_external(const struct reader *r);
void		 reader_external_done(struct reader *r, const char *text,
		    const char *err);

/* The message of the last command ("" when none); owned by the reader. */
const char	*reader_message(const struct reader *r);

/*
 * Who reads this pair of essays in the seminar now, others than the
 * reader (v of n, most recent first; the reader takes it over and frees
 * it): listed by F; while the reader follows one of them, its panes go
 * to their place.  The device calls it as the seminar's places move.
 */
struct store_reader;
void		 reader_set_readers(struct reader *r, struct store_reader *v,
		    size_t n);
/* The author the reader follows (Enter in F), or NULL. */
const char	*reader_following(const struct reader *r);

/*
 * Where the reader is, as a store keeps it: the text offset at the top
 * of each pane, the focus and the sync lock (p->saved is left alone);
 * and going back there (after reader_resize), as near as the layout
 * at this size allows.
 */
struct store_position;
void		 reader_get_place(const struct reader *r,
		    struct store_position *p);
void		 reader_set_place(struct reader *r,
		    const struct store_position *p);

/* What the panes show, for tests and the status rows. */
int		 reader_focus(const struct reader *r);
int		 reader_locked(const struct reader *r);
/* The text offset at the top of pane side (its first row shown). */
size_t		 reader_top_offset(const struct reader *r, int side);
/* The text typed at the prompt ("" when none is open). */
const char	*reader_prompt_text(const struct reader *r);
/*
 * Whether the device can copy to the clipboard: NULL yes, else why not
 * (then y says so instead of "copied").
 */
void		 reader_set_clipboard(struct reader *r, const char *why_not);
/*
 * The widest a pane's text is laid out (0: as wide as the pane); a
 * wider pane centres it.  READER_MEASURE until set.
 */
void		 reader_set_measure(struct reader *r, int cols);
/*
 * The mouse (when the device takes it): a click at screen row y, column
 * x focuses the pane there and opens what was clicked (a citation, term
 * or note), or closes the open list or popup; the wheel scrolls rows
 * rows down (negative: up) in the list or the panes.
 */
void		 reader_click(struct reader *r, int y, int x);
void		 reader_wheel(struct reader *r, int rows);
/*
 * The layout row at screen row y of pane side, or -1 for padding, the
 * "no counterpart" note, past the end, or a pane not shown.
 */
long		 reader_row_at(const struct reader *r, int side, int y);
/*
 * The selection of pane side: returns 1 with its byte range of the
 * pane's text, or 0 when it has none.
 */
int		 reader_selection(const struct reader *r, int side,
		    size_t *start, size_t *end);
/* The layout of pane side at the current size (NULL before a resize). */
const struct layout *reader_layout(const struct reader *r, int side);

#endif
