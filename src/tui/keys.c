/*
 * keys.c: the key tables.
 *
 * One table per reader mode, one commented row per command; the
 * dispatcher, the ? screen, --help, the man page test and the unit test
 * all read these tables and nothing else.  A key's name is written once,
 * in key_names[], so keys_check can prove that what the help says is
 * what the keys do.
 *
 * The const tables are the defaults.  The tables in force (live[]) are
 * a copy, made on first use, that the user's bindings change: a binding
 * moves a key to another row of its mode, never adds a row, so each row
 * keeps its command and what the help says of it; a row left with no
 * key is not shown.  A changed row's names are made again from its
 * keys, so they still pass keys_check.
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <curses.h>

#include "diptych/config.h"
#include "diptych/reader.h"
#include "keys.h"

#define CTRL(c)		((c) & 0x1f)
#define KEY_ESC		27

/* Reading the panes: the core map of DESIGN.md. */
static const struct key_binding read_keys[] = {
	{ { 'j', KEY_DOWN, CTRL('E') }, "j Down Ctrl-E",
	  "scroll down one row (5j: five rows)", RC_DOWN },
	{ { 'k', KEY_UP, CTRL('Y') }, "k Up Ctrl-Y",
	  "scroll up one row", RC_UP },
	{ { ' ', 'f', KEY_NPAGE, CTRL('F') }, "Space f PgDn Ctrl-F",
	  "page down", RC_PAGE_DOWN },
	{ { 'b', KEY_PPAGE, CTRL('B') }, "b PgUp Ctrl-B",
	  "page up", RC_PAGE_UP },
	{ { 'd', CTRL('D') }, "d Ctrl-D", "half a page down", RC_HALF_DOWN },
	{ { 'u', CTRL('U') }, "u Ctrl-U", "half a page up", RC_HALF_UP },
	{ { 'g', KEY_HOME, '<' }, "g Home <",
	  "go to the top (40g: to row 40)", RC_TOP },
	{ { 'G', KEY_END, '>' }, "G End >",
	  "go to the bottom (40G: to row 40)", RC_BOTTOM },
	{ { ']' }, "]", "next section, in both panes", RC_SECTION_NEXT },
	{ { '[' }, "[",
	  "previous section (inside one: its start), in both panes",
	  RC_SECTION_PREV },
	{ { 'S' }, "S", "sections list (Enter jumps)", RC_SECTIONS },
	{ { 'h', KEY_LEFT }, "h Left",
	  "focus the left pane (narrow: show it)", RC_FOCUS_LEFT },
	{ { 'l', KEY_RIGHT }, "l Right",
	  "focus the right pane (narrow: show it)", RC_FOCUS_RIGHT },
	{ { 's' }, "s", "sync lock on or off", RC_LOCK },
	{ { '\t' }, "Tab", "select the next citation or term",
	  RC_SELECT_NEXT },
	{ { KEY_BTAB }, "Shift-Tab", "select the previous citation or term",
	  RC_SELECT_PREV },
	{ { '\r', KEY_ENTER }, "Enter",
	  "open the selection's popup (none: down a row)", RC_OPEN },
	{ { 'y' }, "y", "copy the selected note's passage, citation's URL or "
	  "term (OSC 52)", RC_COPY },
	{ { 'Y' }, "Y", "copy it with a line saying where it is from "
	  "(author, title, section)", RC_COPY_CITED },
	{ { KEY_ESC }, "Esc", "clear the selection and search highlights",
	  RC_UNSELECT },
	{ { 'T' }, "T", "glossary index (Enter: a term's concordance)", RC_TERMS },
	{ { '/' }, "/", "search the focused pane (smart case)", RC_SEARCH },
	{ { 'v' }, "v",
	  "select: the selected item, the match, or the first sentence",
	  RC_VISUAL },
	{ { 'a' }, "a", "write a note on the passage at the cursor",
	  RC_ANNOTATE },
	{ { 'E' }, "E", "write it in $VISUAL or $EDITOR (not with --secure)",
	  RC_EXTERNAL },
	{ { 'A' }, "A", "annotations list (Enter goes, e edits, x deletes, "
	  "u undoes)",
	  RC_NOTES },
	{ { 'R' }, "R", "review: step through the notes (n, p)", RC_REVIEW },
	{ { 'F' }, "F", "who reads in the seminar (Enter follows one)",
	  RC_READERS },
	{ { 'L' }, "L", "link the passage at the cursor to one in the other "
	  "pane", RC_LINK },
	{ { '=' }, "=", "pair the passages at the top of the panes from here "
	  "on (sync lock off)", RC_PAIR },
	{ { 'n' }, "n", "next match (3n: the third)", RC_MATCH_NEXT },
	{ { 'N' }, "N", "previous match", RC_MATCH_PREV },
	{ { '%' }, "%", "with a count: go to that percent (50%: the middle)",
	  RC_PERCENT },
	{ { 'm' }, "m", "ma to mz: set a mark here (kept for this pair)",
	  RC_MARK_SET },
	{ { '\'' }, "'", "'a to 'z: go to the mark; '': back to before the "
	  "last jump", RC_MARK_GO },
	{ { '?' }, "?", "show or hide this help", RC_HELP },
	{ { CTRL('L') }, "Ctrl-L", "redraw the screen", RC_REDRAW },
	{ { 'q' }, "q", "quit (nothing is ever unsaved)", RC_QUIT },
};

/* The help, sections and glossary lists. */
static const struct key_binding list_keys[] = {
	{ { 'j', KEY_DOWN }, "j Down", "next line", RC_LIST_DOWN },
	{ { 'k', KEY_UP }, "k Up", "previous line", RC_LIST_UP },
	{ { ' ', 'f', KEY_NPAGE }, "Space f PgDn", "half a screen down",
	  RC_LIST_PAGE_DOWN },
	{ { 'b', KEY_PPAGE }, "b PgUp", "half a screen up", RC_LIST_PAGE_UP },
	{ { 'g', KEY_HOME }, "g Home", "first line", RC_LIST_TOP },
	{ { 'G', KEY_END }, "G End", "last line", RC_LIST_BOTTOM },
	{ { '\r', KEY_ENTER }, "Enter",
	  "go to the section, note or mention; a term's concordance (T); "
	  "follow the reader (F)",
	  RC_LIST_ENTER },
	{ { 'S' }, "S", "the sections list (again: close it)", RC_SECTIONS },
	{ { 'T' }, "T", "the glossary index (again: close it)", RC_TERMS },
	{ { 'A' }, "A", "the annotations list (again: close it)", RC_NOTES },
	{ { 'F' }, "F", "who reads in the seminar (again: close it)",
	  RC_READERS },
	{ { 'x' }, "x",
	  "annotations: delete the note; sections: your pairing (u undoes)",
	  RC_NOTE_DELETE },
	{ { 'e' }, "e", "annotations: edit the note", RC_NOTE_EDIT },
	{ { 'E' }, "E", "annotations: edit the note in $VISUAL or $EDITOR",
	  RC_EXTERNAL },
	{ { 'u' }, "u", "annotations: undo your last change, even from an "
	  "earlier session", RC_NOTE_UNDO },
	{ { 'c' }, "c", "annotations: a fuzzy note's passage is the right "
	  "one", RC_NOTE_CONFIRM },
	{ { 'a' }, "a", "annotations: move the note (an orphan, say) to a "
	  "passage you select", RC_NOTE_MOVE },
	{ { '/' }, "/", "annotations: filter by text, #tag or @author; "
	  "glossary: a word's concordance (deter* for any ending)",
	  RC_FILTER },
	{ { 'P' }, "P", "annotations: a seminar's note private, or shared",
	  RC_NOTE_SHARE },
	{ { 'r' }, "r", "annotations: reply to the note", RC_REPLY },
	{ { 'y' }, "y", "annotations: copy the note's passage; concordance: "
	  "its lines (OSC 52)", RC_COPY },
	{ { 'Y' }, "Y", "annotations: copy it with where it is from",
	  RC_COPY_CITED },
	{ { '?' }, "?", "this help (again: close it)", RC_HELP },
	{ { CTRL('L') }, "Ctrl-L", "redraw the screen", RC_REDRAW },
	{ { 'q', KEY_ESC }, "q Esc", "close the list", RC_CLOSE },
};

/* A citation's or term's popup. */
static const struct key_binding popup_keys[] = {
	{ { 'j', KEY_DOWN }, "j Down", "scroll the popup down",
	  RC_LIST_DOWN },
	{ { 'k', KEY_UP }, "k Up", "scroll the popup up", RC_LIST_UP },
	{ { ' ', 'f', KEY_NPAGE }, "Space f PgDn", "half a screen down",
	  RC_LIST_PAGE_DOWN },
	{ { 'b', KEY_PPAGE }, "b PgUp", "half a screen up", RC_LIST_PAGE_UP },
	{ { 'g', KEY_HOME }, "g Home", "the popup's top", RC_LIST_TOP },
	{ { 'G', KEY_END }, "G End", "the popup's end", RC_LIST_BOTTOM },
	{ { 'y' }, "y", "copy the popup's URL (OSC 52)", RC_COPY },
	{ { 'Y' }, "Y", "copy it with a line saying where it is cited",
	  RC_COPY_CITED },
	{ { 'c' }, "c", "a note on changed text: its passage is the right "
	  "one", RC_NOTE_CONFIRM },
	{ { 'r' }, "r", "a note: reply to it", RC_REPLY },
	{ { '?' }, "?", "the key help", RC_HELP },
	{ { CTRL('L') }, "Ctrl-L", "redraw the screen", RC_REDRAW },
	{ { 'q', KEY_ESC, '\r', KEY_ENTER }, "q Esc Enter",
	  "close the popup", RC_CLOSE },
};

/* Typing a search pattern; other characters are typed in. */
static const struct key_binding prompt_keys[] = {
	{ { '\r', KEY_ENTER }, "Enter",
	  "search for the pattern (empty: the last one again); or keep the "
	  "filter (none when empty)", RC_PROMPT_ACCEPT },
	{ { KEY_ESC, CTRL('C'), CTRL('G') }, "Esc Ctrl-C Ctrl-G",
	  "cancel: back where / was typed (a filter: the one before)",
	  RC_PROMPT_CANCEL },
	{ { KEY_BACKSPACE, 0x7f, CTRL('H') }, "Backspace Ctrl-H",
	  "erase the character before (when empty: cancel)",
	  RC_PROMPT_ERASE },
	{ { KEY_DC, CTRL('D') }, "Delete Ctrl-D",
	  "erase the character under the cursor", RC_ED_DELETE },
	{ { KEY_LEFT, CTRL('B') }, "Left Ctrl-B", "back a character",
	  RC_ED_LEFT },
	{ { KEY_RIGHT, CTRL('F') }, "Right Ctrl-F", "on a character",
	  RC_ED_RIGHT },
	{ { CTRL('A'), KEY_HOME }, "Ctrl-A Home", "the start", RC_ED_HOME },
	{ { CTRL('E'), KEY_END }, "Ctrl-E End", "the end", RC_ED_END },
	{ { CTRL('U') }, "Ctrl-U", "erase to the start", RC_ED_KILL_LINE },
	{ { CTRL('W') }, "Ctrl-W", "erase the word before", RC_ED_KILL_WORD },
	{ { CTRL('K') }, "Ctrl-K", "erase to the end", RC_ED_KILL_END },
	{ { KEY_UP, CTRL('P') }, "Up Ctrl-P",
	  "what was typed here before (kept in your store)",
	  RC_PROMPT_OLDER },
	{ { KEY_DOWN, CTRL('N') }, "Down Ctrl-N", "back toward what you typed",
	  RC_PROMPT_NEWER },
	{ { '\t' }, "Tab", "search the other essay instead", RC_PROMPT_PANE },
};

/* Making a selection (v): keys move its moving edge. */
static const struct key_binding select_keys[] = {
	{ { 'w' }, "w", "to the end of the next word", RC_SEL_WORD_NEXT },
	{ { 'b' }, "b", "back a word", RC_SEL_WORD_PREV },
	{ { ')' }, ")", "to the end of the next sentence",
	  RC_SEL_SENTENCE_NEXT },
	{ { '(' }, "(", "back a sentence", RC_SEL_SENTENCE_PREV },
	{ { '}' }, "}", "to the end of the next paragraph", RC_SEL_BLOCK_NEXT },
	{ { '{' }, "{", "back a paragraph", RC_SEL_BLOCK_PREV },
	{ { 'j', KEY_DOWN }, "j Down", "to the end of the next row",
	  RC_SEL_ROW_NEXT },
	{ { 'k', KEY_UP }, "k Up", "back a row", RC_SEL_ROW_PREV },
	{ { 'y' }, "y", "copy the selection (OSC 52)", RC_COPY },
	{ { 'Y' }, "Y", "copy it with a line saying where it is from",
	  RC_COPY_CITED },
	{ { 'a' }, "a", "write a note on the selection", RC_ANNOTATE },
	{ { 'E' }, "E", "write it in $VISUAL or $EDITOR", RC_EXTERNAL },
	{ { 'L' }, "L", "link the selection to one in the other pane",
	  RC_LINK },
	{ { '?' }, "?", "the key help", RC_HELP },
	{ { CTRL('L') }, "Ctrl-L", "redraw the screen", RC_REDRAW },
	{ { KEY_ESC, 'v', 'q' }, "Esc v q", "end the selection", RC_SEL_CANCEL },
};

/* Writing a note (a); other characters are typed in. */
static const struct key_binding edit_keys[] = {
	{ { '\r', KEY_ENTER }, "Enter", "save the note", RC_EDIT_SAVE },
	{ { CTRL('J'), KEY_ALT_ENTER }, "Ctrl-J Alt-Enter", "a new line",
	  RC_ED_NEWLINE },
	{ { KEY_ESC }, "Esc", "cancel (with text: asks first)",
	  RC_EDIT_CANCEL },
	{ { CTRL('X') }, "Ctrl-X", "go on in $VISUAL or $EDITOR",
	  RC_EXTERNAL },
	{ { KEY_LEFT }, "Left", "back a character", RC_ED_LEFT },
	{ { KEY_RIGHT }, "Right", "on a character", RC_ED_RIGHT },
	{ { KEY_UP }, "Up", "the row above", RC_ED_UP },
	{ { KEY_DOWN }, "Down", "the row below", RC_ED_DOWN },
	{ { CTRL('A'), KEY_HOME }, "Ctrl-A Home", "the line's start",
	  RC_ED_HOME },
	{ { CTRL('E'), KEY_END }, "Ctrl-E End", "the line's end", RC_ED_END },
	{ { KEY_BACKSPACE, 0x7f, CTRL('H') }, "Backspace Ctrl-H",
	  "erase the character before", RC_ED_ERASE },
	{ { KEY_DC }, "Delete", "erase the character under the cursor",
	  RC_ED_DELETE },
	{ { CTRL('U') }, "Ctrl-U", "erase to the line's start",
	  RC_ED_KILL_LINE },
	{ { CTRL('W') }, "Ctrl-W", "erase the word before", RC_ED_KILL_WORD },
	{ { CTRL('K') }, "Ctrl-K", "erase to the line's end", RC_ED_KILL_END },
};

/* Reviewing the notes (R). */
static const struct key_binding review_keys[] = {
	{ { 'n', ' ', KEY_RIGHT }, "n Space Right", "the next note",
	  RC_REVIEW_NEXT },
	{ { 'p', KEY_LEFT }, "p Left", "the previous note", RC_REVIEW_PREV },
	{ { 'j', KEY_DOWN }, "j Down", "scroll the note down", RC_LIST_DOWN },
	{ { 'k', KEY_UP }, "k Up", "scroll the note up", RC_LIST_UP },
	{ { '/' }, "/", "review only the notes with this text, #tag or "
	  "@author", RC_FILTER },
	{ { 'r' }, "r", "reply to the note", RC_REPLY },
	{ { 'c' }, "c", "a note on changed text: its passage is the right "
	  "one", RC_NOTE_CONFIRM },
	{ { 'y' }, "y", "copy the note's passage (OSC 52)", RC_COPY },
	{ { 'Y' }, "Y", "copy it with a line saying where it is from",
	  RC_COPY_CITED },
	{ { CTRL('L') }, "Ctrl-L", "redraw the screen", RC_REDRAW },
	{ { 'q', KEY_ESC, 'R' }, "q Esc R", "end the review", RC_REVIEW_END },
};

/* After m or ': a letter names the mark; these keys take none. */
static const struct key_binding mark_keys[] = {
	{ { KEY_ESC, CTRL('C'), CTRL('G') }, "Esc Ctrl-C Ctrl-G",
	  "no mark after all", RC_MARK_CANCEL },
};

#define NROWS(t)	(sizeof(t) / sizeof((t)[0]))

const struct key_table key_tables[RM_NMODES] = {
	[RM_READ]	= { "Reading", read_keys, NROWS(read_keys), 1, 0 },
	[RM_LIST]	= { "In a list (S, T, its concordance, A, F, ?)",
			    list_keys, NROWS(list_keys), 0, 0 },
	[RM_POPUP]	= { "In a popup (Enter on a selection)", popup_keys,
			    NROWS(popup_keys), 0, 0 },
	[RM_PROMPT]	= { "Typing a search or a filter (/)", prompt_keys,
			    NROWS(prompt_keys), 0, 1 },
	[RM_SELECT]	= { "Making a selection (v); a count repeats",
			    select_keys, NROWS(select_keys), 1, 0 },
	[RM_EDIT]	= { "Writing a note (a); #words are tags", edit_keys,
			    NROWS(edit_keys), 0, 1 },
	[RM_REVIEW]	= { "Reviewing the notes (R)", review_keys,
			    NROWS(review_keys), 0, 0 },
	[RM_MARK]	= { "After m or ' (a to z names the mark)", mark_keys,
			    NROWS(mark_keys), 0, 1 },
};

/* The names of the modes and commands in a configuration file. */
const char *const keys_mode_names[RM_NMODES] = {
	[RM_READ]	= "read",
	[RM_LIST]	= "list",
	[RM_POPUP]	= "popup",
	[RM_PROMPT]	= "prompt",
	[RM_SELECT]	= "select",
	[RM_EDIT]	= "edit",
	[RM_REVIEW]	= "review",
	[RM_MARK]	= "mark",
};

/* The command's name is its enum's, lower case, with - for _. */
const char *const keys_cmd_names[RC_NCMDS] = {
	[RC_DOWN]		= "down",
	[RC_UP]			= "up",
	[RC_PAGE_DOWN]		= "page-down",
	[RC_PAGE_UP]		= "page-up",
	[RC_HALF_DOWN]		= "half-down",
	[RC_HALF_UP]		= "half-up",
	[RC_TOP]		= "top",
	[RC_BOTTOM]		= "bottom",
	[RC_SECTION_NEXT]	= "section-next",
	[RC_SECTION_PREV]	= "section-prev",
	[RC_SECTIONS]		= "sections",
	[RC_FOCUS_LEFT]		= "focus-left",
	[RC_FOCUS_RIGHT]	= "focus-right",
	[RC_LOCK]		= "lock",
	[RC_SELECT_NEXT]	= "select-next",
	[RC_SELECT_PREV]	= "select-prev",
	[RC_OPEN]		= "open",
	[RC_COPY]		= "copy",
	[RC_COPY_CITED]		= "copy-cited",
	[RC_UNSELECT]		= "unselect",
	[RC_TERMS]		= "terms",
	[RC_SEARCH]		= "search",
	[RC_MATCH_NEXT]		= "match-next",
	[RC_MATCH_PREV]		= "match-prev",
	[RC_HELP]		= "help",
	[RC_REDRAW]		= "redraw",
	[RC_QUIT]		= "quit",
	[RC_LIST_DOWN]		= "list-down",
	[RC_LIST_UP]		= "list-up",
	[RC_LIST_PAGE_DOWN]	= "list-page-down",
	[RC_LIST_PAGE_UP]	= "list-page-up",
	[RC_LIST_TOP]		= "list-top",
	[RC_LIST_BOTTOM]	= "list-bottom",
	[RC_LIST_ENTER]		= "list-enter",
	[RC_CLOSE]		= "close",
	[RC_PROMPT_ACCEPT]	= "prompt-accept",
	[RC_PROMPT_CANCEL]	= "prompt-cancel",
	[RC_PROMPT_ERASE]	= "prompt-erase",
	[RC_PROMPT_OLDER]	= "prompt-older",
	[RC_PROMPT_NEWER]	= "prompt-newer",
	[RC_PROMPT_PANE]	= "prompt-pane",
	[RC_VISUAL]		= "visual",
	[RC_SEL_WORD_NEXT]	= "sel-word-next",
	[RC_SEL_WORD_PREV]	= "sel-word-prev",
	[RC_SEL_SENTENCE_NEXT]	= "sel-sentence-next",
	[RC_SEL_SENTENCE_PREV]	= "sel-sentence-prev",
	[RC_SEL_BLOCK_NEXT]	= "sel-block-next",
	[RC_SEL_BLOCK_PREV]	= "sel-block-prev",
	[RC_SEL_ROW_NEXT]	= "sel-row-next",
	[RC_SEL_ROW_PREV]	= "sel-row-prev",
	[RC_SEL_CANCEL]		= "sel-cancel",
	[RC_ANNOTATE]		= "annotate",
	[RC_ED_LEFT]		= "ed-left",
	[RC_ED_RIGHT]		= "ed-right",
	[RC_ED_UP]		= "ed-up",
	[RC_ED_DOWN]		= "ed-down",
	[RC_ED_HOME]		= "ed-home",
	[RC_ED_END]		= "ed-end",
	[RC_ED_ERASE]		= "ed-erase",
	[RC_ED_DELETE]		= "ed-delete",
	[RC_ED_KILL_LINE]	= "ed-kill-line",
	[RC_ED_KILL_WORD]	= "ed-kill-word",
	[RC_ED_KILL_END]	= "ed-kill-end",
	[RC_ED_NEWLINE]		= "ed-newline",
	[RC_EDIT_SAVE]		= "edit-save",
	[RC_EDIT_CANCEL]	= "edit-cancel",
	[RC_NOTES]		= "notes",
	[RC_NOTE_DELETE]	= "note-delete",
	[RC_NOTE_UNDO]		= "note-undo",
	[RC_NOTE_EDIT]		= "note-edit",
	[RC_NOTE_CONFIRM]	= "note-confirm",
	[RC_NOTE_MOVE]		= "note-move",
	[RC_FILTER]		= "filter",
	[RC_EXTERNAL]		= "external",
	[RC_NOTE_SHARE]		= "note-share",
	[RC_REPLY]		= "reply",
	[RC_READERS]		= "readers",
	[RC_LINK]		= "link",
	[RC_PAIR]		= "pair",
	[RC_REVIEW]		= "review",
	[RC_REVIEW_NEXT]	= "review-next",
	[RC_REVIEW_PREV]	= "review-prev",
	[RC_REVIEW_END]		= "review-end",
	[RC_PERCENT]		= "percent",
	[RC_MARK_SET]		= "mark-set",
	[RC_MARK_GO]		= "mark-go",
	[RC_MARK_CANCEL]	= "mark-cancel",
};

/* The tables in force: a copy of the defaults, changed by keys_apply. */
#define LIVE_ROWS	64
static struct key_binding	live_rows[RM_NMODES][LIVE_ROWS];
static struct key_table		live[RM_NMODES];
static int			live_ready;

/* Every key name the tables use, and the codes it stands for. */
static const struct {
	const char	*name;
	int		 keys[3];
} key_names[] = {
	{ "Down",	{ KEY_DOWN } },
	{ "Up",		{ KEY_UP } },
	{ "Left",	{ KEY_LEFT } },
	{ "Right",	{ KEY_RIGHT } },
	{ "PgDn",	{ KEY_NPAGE } },
	{ "PgUp",	{ KEY_PPAGE } },
	{ "Home",	{ KEY_HOME } },
	{ "End",	{ KEY_END } },
	{ "Space",	{ ' ' } },
	{ "Tab",	{ '\t' } },
	{ "Shift-Tab",	{ KEY_BTAB } },
	{ "Enter",	{ '\r', KEY_ENTER } },
	{ "Alt-Enter",	{ KEY_ALT_ENTER } },
	{ "Delete",	{ KEY_DC } },
	{ "Esc",	{ KEY_ESC } },
	{ "Backspace",	{ KEY_BACKSPACE, 0x7f } },
};

void
keys_reset(void)
{
	size_t m;

	for (m = 0; m < RM_NMODES; m++) {
		/* A new row past LIVE_ROWS would be lost: say so early. */
		assert(key_tables[m].n <= LIVE_ROWS);
		live[m] = key_tables[m];
		memcpy(live_rows[m], key_tables[m].rows, key_tables[m].n *
		    sizeof(key_tables[m].rows[0]));
		live[m].rows = live_rows[m];
	}
	live_ready = 1;
}

/* The table of mode in force. */
static const struct key_table *
table(size_t mode)
{
	if (!live_ready)
		keys_reset();
	return &live[mode];
}

int
keys_lookup(enum reader_mode mode, int key, enum reader_cmd *cmd)
{
	const struct key_table	*t = table(mode);
	size_t			 i;
	int			 k;

	for (i = 0; i < t->n; i++)
		for (k = 0; k < KEYS_MAX && t->rows[i].keys[k] != 0; k++)
			if (t->rows[i].keys[k] == key) {
				*cmd = t->rows[i].cmd;
				return 0;
			}
	return -1;
}

const struct reader_help *
keys_help(size_t *n)
{
	static struct reader_help	 help[RM_NMODES * LIVE_ROWS];
	const struct key_table		*t;
	size_t				 i, m, nhelp = 0;

	for (m = 0; m < RM_NMODES; m++)
		for (t = table(m), i = 0; i < t->n; i++)
			if (t->rows[i].keys[0] != 0) {
				help[nhelp].group = t->group;
				help[nhelp].keys = t->rows[i].names;
				help[nhelp++].what = t->rows[i].what;
			}
	*n = nhelp;
	return help;
}

void
keys_print(FILE *out)
{
	const struct key_table	*t;
	size_t			 i, m;

	for (m = 0; m < RM_NMODES; m++) {
		t = table(m);
		fprintf(out, "%s%s:\n", m > 0 ? "\n" : "", t->group);
		for (i = 0; i < t->n; i++)
			if (t->rows[i].keys[0] != 0)
				fprintf(out, "  %-22s %s\n", t->rows[i].names,
				    t->rows[i].what);
	}
}

/*
 * The codes a name stands for: a listed name, "Ctrl-X", or a single
 * printable character.  Returns how many were put in codes[0..3).
 */
static int
codes_of(const char *name, size_t len, int codes[3])
{
	size_t	 i;
	int	 k;

	for (i = 0; i < NROWS(key_names); i++) {
		if (strlen(key_names[i].name) != len ||
		    strncmp(key_names[i].name, name, len) != 0)
			continue;
		for (k = 0; k < 3 && key_names[i].keys[k] != 0; k++)
			codes[k] = key_names[i].keys[k];
		return k;
	}
	if (len == 6 && strncmp(name, "Ctrl-", 5) == 0 &&
	    name[5] >= 'A' && name[5] <= 'Z') {
		codes[0] = CTRL(name[5]);
		return 1;
	}
	if (len == 1 && name[0] > ' ' && name[0] < 0x7f) {
		codes[0] = name[0];
		return 1;
	}
	return 0;
}

/* Whether row b binds key. */
static int
binds(const struct key_binding *b, int key)
{
	int k;

	for (k = 0; k < KEYS_MAX && b->keys[k] != 0; k++)
		if (b->keys[k] == key)
			return 1;
	return 0;
}

/* Check one row of table t; 0, or -1 with err set. */
static int
check_row(const struct key_table *t, size_t i, char *err, size_t errsz)
{
	const struct key_binding *b = &t->rows[i];
	const char	*p = b->names, *e;
	int		 codes[3], named = 0, n, k;
	size_t		 j;

	if (b->what == NULL || *b->what == '\0') {
		snprintf(err, errsz, "%s: '%s' says nothing", t->group, b->names);
		return -1;
	}
	while (*p != '\0') {
		e = strchr(p, ' ');
		if (e == NULL)
			e = p + strlen(p);
		if ((n = codes_of(p, (size_t)(e - p), codes)) == 0) {
			snprintf(err, errsz, "%s: unknown key name '%.*s'",
			    t->group, (int)(e - p), p);
			return -1;
		}
		for (k = 0; k < n; k++) {
			if (!binds(b, codes[k])) {
				snprintf(err, errsz, "%s: '%s' names a key it "
				    "does not bind", t->group, b->names);
				return -1;
			}
			named++;
		}
		p = *e == ' ' ? e + 1 : e;
	}
	for (k = 0; k < KEYS_MAX && b->keys[k] != 0; k++) {
		for (j = 0; j < t->n; j++)
			if (j != i && binds(&t->rows[j], b->keys[k])) {
				snprintf(err, errsz, "%s: key %d is bound by "
				    "'%s' and '%s'", t->group, b->keys[k],
				    b->names, t->rows[j].names);
				return -1;
			}
	}
	if (named != k) {
		snprintf(err, errsz, "%s: '%s' binds a key it does not name "
		    "(%d keys, %d named)", t->group, b->names, k, named);
		return -1;
	}
	return 0;
}

int
keys_check(char *err, size_t errsz)
{
	size_t i, m;

	for (m = 0; m < RM_NMODES; m++)
		for (i = 0; i < table(m)->n; i++)
			if (check_row(table(m), i, err, errsz) == -1)
				return -1;
	return 0;
}

/* --- the user's bindings ------------------------------------------------ */

/*
 * The name of code as the tables write it, into name[0..size): a listed
 * name, "Ctrl-X", or the character.  Returns 0, or -1 for a code with
 * no name.
 */
static int
name_of(int code, char *name, size_t size)
{
	size_t	 i;
	int	 k;

	for (i = 0; i < NROWS(key_names); i++)
		for (k = 0; k < 3 && key_names[i].keys[k] != 0; k++)
			if (key_names[i].keys[k] == code) {
				snprintf(name, size, "%s", key_names[i].name);
				return 0;
			}
	if (code >= CTRL('A') && code <= CTRL('Z')) {
		snprintf(name, size, "Ctrl-%c", code + 'A' - 1);
		return 0;
	}
	if (code > ' ' && code < 0x7f) {
		snprintf(name, size, "%c", code);
		return 0;
	}
	return -1;
}

int
keys_canon(const char *name, char *canon, size_t canonsz)
{
	char	 spelt[16];
	int	 codes[3];
	size_t	 i, len = strlen(name);

	/* Longer names in any case: "down", "ctrl-e". */
	if (len > 1 && len < sizeof(spelt)) {
		for (i = 0; i < NROWS(key_names); i++)
			if (strcasecmp(key_names[i].name, name) == 0) {
				name = key_names[i].name;
				break;
			}
		if (len == 6 && strncasecmp(name, "Ctrl-", 5) == 0 &&
		    ((name[5] >= 'a' && name[5] <= 'z') ||
		    (name[5] >= 'A' && name[5] <= 'Z'))) {
			snprintf(spelt, sizeof(spelt), "Ctrl-%c",
			    name[5] & ~0x20);
			name = spelt;
		}
	}
	/* A key has one name: Ctrl-I is Tab. */
	if (codes_of(name, strlen(name), codes) == 0 ||
	    name_of(codes[0], canon, canonsz) == -1)
		return -1;
	return 0;
}

/* Make row b's names again from its keys, each name once. */
static void
name_row(struct key_binding *b)
{
	char	 name[16];
	int	 done[KEYS_MAX] = { 0 }, codes[3], k, j, c, n;
	size_t	 len = 0;

	b->names[0] = '\0';
	for (k = 0; k < KEYS_MAX && b->keys[k] != 0; k++) {
		if (done[k] || name_of(b->keys[k], name, sizeof(name)) == -1)
			continue;
		n = codes_of(name, strlen(name), codes);
		for (c = 0; c < n; c++)
			for (j = k; j < KEYS_MAX && b->keys[j] != 0; j++)
				if (b->keys[j] == codes[c])
					done[j] = 1;
		snprintf(b->names + len, sizeof(b->names) - len, "%s%s",
		    len > 0 ? " " : "", name);
		len = strlen(b->names);
	}
}

/* Take codes[0..n) out of row b: 1 when it had any, else 0. */
static int
take_out(struct key_binding *b, const int *codes, int n)
{
	int	 k, j = 0, c, hit = 0;

	for (k = 0; k < KEYS_MAX && b->keys[k] != 0; k++) {
		for (c = 0; c < n && codes[c] != b->keys[k]; c++)
			;
		if (c < n)
			hit = 1;
		else
			b->keys[j++] = b->keys[k];
	}
	while (j < KEYS_MAX)
		b->keys[j++] = 0;
	return hit;
}

/*
 * Bind key (a name keys_canon made) to cmd in mode, or unbind it when
 * cmd is -1: 0, or -1 with why[0..whysz) set and nothing changed.
 */
static int
bind_key(size_t mode, const char *key, int cmd, char *why, size_t whysz)
{
	struct key_binding	 rows[LIVE_ROWS], *to = NULL;
	struct key_table	*t = (struct key_table *)table(mode);
	int			 codes[3], n, k;
	size_t			 i;

	n = codes_of(key, strlen(key), codes);
	if (t->typed && n == 1 && codes[0] >= ' ' && codes[0] < 0x7f) {
		snprintf(why, whysz, "in %s, characters are typed in: bind "
		    "a key such as Ctrl-X", keys_mode_names[mode]);
		return -1;
	}
	if (t->counts && n == 1 && codes[0] >= '1' && codes[0] <= '9') {
		snprintf(why, whysz, "in %s, digits make a count",
		    keys_mode_names[mode]);
		return -1;
	}
	memcpy(rows, t->rows, t->n * sizeof(rows[0]));
	if (cmd >= 0) {
		for (i = 0; i < t->n && rows[i].cmd != (enum reader_cmd)cmd;
		    i++)
			;
		if (i == t->n) {
			snprintf(why, whysz, "%s is not a command of %s",
			    keys_cmd_names[cmd], keys_mode_names[mode]);
			return -1;
		}
		to = &rows[i];
	}
	for (i = 0; i < t->n; i++)
		if (take_out(&rows[i], codes, n))
			name_row(&rows[i]);
	if (to != NULL) {
		for (k = 0; k < KEYS_MAX && to->keys[k] != 0; k++)
			;
		if (k + n > KEYS_MAX) {
			snprintf(why, whysz, "%s has %d keys in %s already: "
			    "unbind one first", keys_cmd_names[cmd], k,
			    keys_mode_names[mode]);
			return -1;
		}
		memcpy(&to->keys[k], codes, (size_t)n * sizeof(codes[0]));
		name_row(to);
	}
	memcpy(live_rows[mode], rows, t->n * sizeof(rows[0]));
	return 0;
}

size_t
keys_apply(struct config *cfg)
{
	const struct config_bind *b;
	char		 why[256];
	size_t		 i, bad = 0;

	for (i = 0; i < cfg->nbinds; i++) {
		b = &cfg->binds[i];
		if (bind_key((size_t)b->mode, b->key, b->cmd, why,
		    sizeof(why)) == -1) {
			config_error(cfg, b->line, "%s", why);
			bad++;
		}
	}
	return bad;
}
