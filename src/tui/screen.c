/*
 * screen.c: the curses device.
 *
 * One table maps each part of the frame, overlay role and document style
 * bit to its attributes on a colour terminal and on a monochrome one (or
 * under NO_COLOR); a configuration file changes a copy of it before the
 * screen opens, and colour pairs are made as cells ask for them.  Text
 * reaches the terminal only as cells built by the layout, whose bytes
 * hold no control characters, so nothing from a file can act as an
 * escape sequence.  One exception to the table: the overview bar's
 * thumb, reverse video there, is drawn as full blocks where the terminal
 * takes UTF-8 (see thumb()).
 *
 * A frame is drawn whole into stdscr between screen_begin() and
 * screen_end(), and curses sends the terminal only the cells that
 * differ from what it shows (curscr).  When the text moves by whole
 * rows, curses sees it and lets the terminal scroll: a scroll region
 * (csr) and a line feed, or insert and delete line, then the new rows.
 * What curses cannot see is a pane that moves alone beside one that
 * stays (the sync lock off): a scroll region spans whole rows.  A
 * terminal with left and right margins (DECLRMM, DECSLRM: xterm and a
 * few more) can scroll a rectangle, and that one the screen does
 * itself, before curses draws: see "Scrolling a pane alone" below.
 */
#include "config.h"

#include <locale.h>
#include <langinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>
#include <term.h>
#include <unistr.h>

#include "diptych/config.h"
#include "diptych/doc.h"
#include "diptych/glyph.h"
#include "diptych/layout.h"
#include "diptych/overlay.h"
#include "diptych/reader.h"
#include "diptych/util.h"
#include "screen.h"

/*
 * How a part of the frame, a style bit of the text or an overlay role
 * looks, and its name in a configuration file; a colour of -1 is none.
 * A new kind of highlighted range is one row here.  A cell's attributes
 * are those of its part of the frame, its styles and its roles, added
 * up.  Its foreground, and its background, is that of the overlay role
 * that wins the cell (struct cell.top_role), else of the first style
 * row that has one, else of its part of the frame.
 */
struct look {
	const char	*name;
	int		 ui;		/* a part of the frame, or -1 */
	int		 role;		/* else an overlay role, or -1 */
	unsigned	 style;		/* else a DS_* bit */
	attr_t		 color_attr;	/* attributes with colour */
	short		 fg, bg;
	attr_t		 mono_attr;	/* attributes without colour */
};

/* A_ITALIC is underlined on a terminal without italics. */
static const struct look looks[] = {
	/* The parts of the frame first, in enum reader_ui's order. */
	{ "text", UI_TEXT, -1, 0,	0,		-1, -1,	0 },
	{ "status", UI_STATUS, -1, 0,	A_REVERSE,	-1, -1,	A_REVERSE },
	{ "status-focus", UI_STATUS_FOCUS, -1, 0, A_REVERSE | A_BOLD, -1, -1,
	  A_REVERSE | A_BOLD },
	{ "divider", UI_DIVIDER, -1, 0,	0,		-1, -1,	0 },
	{ "frame", UI_FRAME, -1, 0,	A_BOLD,		-1, -1,	A_BOLD },
	{ "selection", -1, OR_SELECTION, 0, A_REVERSE, COLOR_CYAN, -1,
	  A_REVERSE | A_UNDERLINE },
	{ "selected", -1, OR_SELECTED, 0, A_REVERSE,	-1, -1,	A_REVERSE },
	{ "current", -1, OR_CURRENT, 0,	A_REVERSE,	-1, -1,	A_REVERSE },
	{ "match", -1, OR_MATCH, 0,	A_BOLD | A_UNDERLINE, COLOR_MAGENTA, -1,
	  A_BOLD | A_UNDERLINE },
	{ "note", -1, OR_NOTE, 0,	A_UNDERLINE,	COLOR_GREEN, -1,
	  A_UNDERLINE | A_DIM },
	/* Without colour: bold as a term, and italic, apart from a
	   match's bold underline. */
	{ "occurrence", -1, OR_OCCUR, 0, A_BOLD | A_UNDERLINE, COLOR_YELLOW, -1,
	  A_BOLD | A_ITALIC },
	{ "term", -1, OR_TERM, 0,	0,		COLOR_YELLOW, -1, A_BOLD },
	{ "citation", -1, OR_LINK, 0,	A_UNDERLINE,	COLOR_BLUE, -1,
	  A_UNDERLINE },
	{ "title", -1, -1, DS_TITLE,	A_BOLD,		COLOR_MAGENTA, -1,
	  A_BOLD | A_UNDERLINE },
	{ "minor", -1, -1, DS_MINOR,	A_DIM,		-1, -1,	A_DIM },
	{ "heading", -1, -1, DS_HEADING, A_BOLD,	COLOR_CYAN, -1,	A_BOLD },
	{ "meta", -1, -1, DS_META,	0,		COLOR_GREEN, -1, 0 },
	{ "quote", -1, -1, DS_QUOTE,	0,		COLOR_YELLOW, -1, A_DIM },
	{ "code", -1, -1, DS_CODE,	0,		COLOR_GREEN, -1, A_DIM },
	{ "link", -1, -1, DS_LINK,	A_UNDERLINE,	COLOR_BLUE, -1,
	  A_UNDERLINE },
	{ "marker", -1, -1, DS_MARKER,	0,		COLOR_CYAN, -1,	A_BOLD },
	{ "rule", -1, -1, DS_RULE,	0,		COLOR_BLUE, -1,	A_DIM },
	{ "notice", -1, -1, DS_NOTE,	A_DIM,		-1, -1,	A_DIM },
	{ "strong", -1, -1, DS_STRONG,	A_BOLD,		-1, -1,	A_BOLD },
	{ "emph", -1, -1, DS_EMPH,	A_ITALIC,	-1, -1,	A_ITALIC },
};

#define NLOOKS		(sizeof(looks) / sizeof(looks[0]))
#define NUI		(UI_FRAME + 1)
#define NPAIRS		64	/* colour pairs made, at most */
#define ESC_MS		100	/* Esc alone: no more keys this long */

/* The looks in force: the defaults, as a configuration changed them. */
static struct look	 live[NLOOKS];
static int		 live_ready;

static SCREEN	*scr;
static int	 use_color;
static int	 default_colors;	/* -1 is the terminal's own */
static int	 utf8;
/* The colour pairs made so far, pair i + 1 each. */
static short	 pair_fg[NPAIRS], pair_bg[NPAIRS];
static int	 npairs;

/*
 * Left and right margins, and the frame's text columns (see "Scrolling
 * a pane alone").  margins is 1 once the terminal said it keeps them.
 */
static int	 margins;
static int	 reply_key[5];	/* DECRQM's answers, 0 to 4, as keys */
static unsigned char *textcol;	/* a column held text this frame */
static int	 ntextcol;

/*
 * The look of the last cell drawn, by what decides it: cells come in
 * runs of one look (a line of text, a bar), so the table is gone
 * through once a run, not once a cell.  Forgotten when the looks or the
 * colours change.
 */
static struct {
	int		 valid;
	int		 ui, top_role;
	unsigned	 roles, style;
	attr_t		 attr;
	short		 pair;
}		 last_look;

static void	 probe(void);

static void
live_init(void)
{
	if (live_ready)
		return;
	memcpy(live, looks, sizeof(looks));
	live_ready = 1;
}

const char *const *
screen_roles(size_t *n)
{
	static const char	*names[NLOOKS];
	size_t			 i;

	for (i = 0; i < NLOOKS; i++)
		names[i] = looks[i].name;
	*n = NLOOKS;
	return names;
}

/* A configuration's attributes as curses has them. */
static attr_t
curses_attrs(unsigned a)
{
	return ((a & CONFIG_BOLD) ? A_BOLD : 0) |
	    ((a & CONFIG_DIM) ? A_DIM : 0) |
	    ((a & CONFIG_UNDERLINE) ? A_UNDERLINE : 0) |
	    ((a & CONFIG_REVERSE) ? A_REVERSE : 0) |
	    ((a & CONFIG_ITALIC) ? A_ITALIC : 0);
}

void
screen_configure(const struct config *cfg)
{
	const struct config_look *c;
	size_t			 i;

	live_init();
	last_look.valid = 0;
	for (i = 0; i < NLOOKS && i < cfg->nlooks; i++) {
		c = &cfg->looks[i];
		if (c->color) {
			live[i].fg = c->fg;
			live[i].bg = c->bg;
			live[i].color_attr = curses_attrs(c->attrs);
		}
		if (c->mono)
			live[i].mono_attr = curses_attrs(c->mono_attrs);
	}
}

/*
 * The colour pair of fg on bg, made the first time it is asked for;
 * 0 (no colour) when both are none, or when the terminal has no pair
 * left.
 */
static short
pair_of(short fg, short bg)
{
	int i;

	if (fg < 0 && bg < 0)
		return 0;
	for (i = 0; i < npairs; i++)
		if (pair_fg[i] == fg && pair_bg[i] == bg)
			return (short)(i + 1);
	if (npairs == NPAIRS || npairs + 1 >= COLOR_PAIRS)
		return 0;
	pair_fg[npairs] = fg;
	pair_bg[npairs] = bg;
	/* Without the terminal's own colours, white on black. */
	if (!default_colors)
		init_pair((short)(npairs + 1), fg < 0 ? COLOR_WHITE : fg,
		    bg < 0 ? COLOR_BLACK : bg);
	else
		init_pair((short)(npairs + 1), fg, bg);
	return (short)++npairs;
}

int
screen_utf8(void)
{
	return utf8;
}

/*
 * $TERM as a message may show it: printable ASCII, at most 40
 * characters (it is anyone's to set, escape sequences too).
 */
static const char *
term_name(void)
{
	static char	 name[48];
	const char	*t = getenv("TERM");
	size_t		 n = 0;

	for (; t != NULL && *t != '\0' && n < 40; t++)
		name[n++] = *t > 0x20 && *t < 0x7f ? *t : '?';
	name[n] = '\0';
	return name;
}

int
screen_open(char **err)
{
	const char	*term = term_name();
	const char	*nc = getenv("NO_COLOR");
	char		*sitm;
	size_t		 i;
	int		 setup;

	utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	/* Is there such a terminal?  Asked of terminfo first: newterm()
	   fails on an unknown one only after taking memory it keeps. */
	if (setupterm(NULL, STDOUT_FILENO, &setup) == ERR || setup != 1 ||
	    (del_curterm(cur_term), (scr = newterm(NULL, stdout, stdin)) ==
	    NULL)) {
		struct buf b;

		buf_init(&b);
		buf_printf(&b, "cannot use terminal type '%s' (set TERM to "
		    "one your system knows, e.g. xterm-256color, or use "
		    "--dump)", term);
		*err = buf_steal(&b, NULL);
		return -1;
	}
	set_term(scr);
	{
		char *cup = tigetstr("cup");

		if (cup == NULL || cup == (char *)-1) {
			struct buf b;

			endwin();
			delscreen(scr);
			scr = NULL;
			buf_init(&b);
			buf_printf(&b, "terminal type '%s' cannot move the "
			    "cursor: use a full-screen terminal, or --dump",
			    term);
			*err = buf_steal(&b, NULL);
			return -1;
		}
	}
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	/* Esc alone is told from a key's sequence by a pause: ESCDELAY
	   from the environment, as curses reads it, else one long enough
	   that an arrow key arriving in pieces over a slow link is not
	   taken for Esc and letters. */
	if (getenv("ESCDELAY") == NULL || atoi(getenv("ESCDELAY")) <= 0)
		set_escdelay(ESC_MS);
	curs_set(0);
	/* Curses has sent its start (keypad and cursor modes go at once):
	   the question about margins may follow. */
	probe();
	/* Curses scrolls with a scroll region when the terminal has one,
	   idlok or not; idlok lets it insert and delete lines where there
	   is none.  scrollok stays off: a cell drawn in the bottom right
	   corner must not scroll stdscr. */
	idlok(stdscr, TRUE);
	scrollok(stdscr, FALSE);

	live_init();
	sitm = tigetstr("sitm");
	if (sitm == NULL || sitm == (char *)-1)
		for (i = 0; i < NLOOKS; i++) {
			if (live[i].color_attr & A_ITALIC)
				live[i].color_attr ^= A_ITALIC | A_UNDERLINE;
			if (live[i].mono_attr & A_ITALIC)
				live[i].mono_attr ^= A_ITALIC | A_UNDERLINE;
		}
	use_color = has_colors() && (nc == NULL || *nc == '\0');
	npairs = 0;
	last_look.valid = 0;
	if (use_color) {
		start_color();
		default_colors = use_default_colors() == OK;
		/* What erase() leaves is the text's look. */
		bkgdset(COLOR_PAIR(pair_of(live[UI_TEXT].fg,
		    live[UI_TEXT].bg)) | live[UI_TEXT].color_attr);
	} else
		bkgdset(live[UI_TEXT].mono_attr);
	return 0;
}

static void	 grids_free(void);

void
screen_close(void)
{
	grids_free();
	if (scr == NULL)
		return;
	endwin();
	delscreen(scr);
	scr = NULL;
}

/* Attributes and colour pair of cell c, whose part of the frame looks
   as ui does, from the table. */
static void
attr_compute(const struct cell *c, const struct look *ui, attr_t *attr,
    short *pair)
{
	const struct look *lk;
	short		 fg = -1, bg = -1, style_fg = -1, style_bg = -1;
	size_t		 i;

	*attr = use_color ? ui->color_attr : ui->mono_attr;
	*pair = 0;
	for (i = NUI; i < NLOOKS; i++) {
		lk = &live[i];
		if (lk->role >= 0 ? !(c->roles & OR_BIT(lk->role)) :
		    !(c->style & lk->style))
			continue;
		*attr |= use_color ? lk->color_attr : lk->mono_attr;
		if (lk->role >= 0 && lk->role == c->top_role) {
			fg = lk->fg;
			bg = lk->bg;
		} else if (lk->role < 0) {
			if (style_fg < 0)
				style_fg = lk->fg;
			if (style_bg < 0)
				style_bg = lk->bg;
		}
	}
	if (!use_color)
		return;
	if (fg < 0)
		fg = style_fg >= 0 ? style_fg : ui->fg;
	if (bg < 0)
		bg = style_bg >= 0 ? style_bg : ui->bg;
	*pair = pair_of(fg, bg);
}

/* Attributes and colour pair of cell c. */
static void
attr_of(const struct cell *c, attr_t *attr, short *pair)
{
	if (last_look.valid && last_look.ui == c->ui &&
	    last_look.roles == c->roles && last_look.style == c->style &&
	    last_look.top_role == c->top_role) {
		*attr = last_look.attr;
		*pair = last_look.pair;
		return;
	}
	last_look.valid = 1;
	last_look.ui = c->ui;
	last_look.roles = c->roles;
	last_look.style = c->style;
	last_look.top_role = c->top_role;
	attr_compute(c, &live[c->ui < NUI ? c->ui : UI_TEXT], attr, pair);
	last_look.attr = *attr;
	last_look.pair = *pair;
}

/*
 * The overview bar's thumb: a heavy vertical line in the look of a
 * status row, drawn in reverse video by default.  Reverse video changes
 * the attributes twice per cell, and the thumb's edges are mended at
 * every one-row scroll (the bar scrolls with the text, the thumb stays),
 * so where the terminal takes UTF-8 the thumb is a full block in the
 * same look without reverse video: the same filled cell, and a thumb
 * beside text of no attributes costs no attribute change at all.
 */
#define THUMB_BLOCK	L'\x2588'	/* "█" */

/* Whether cell c, in attributes attr, is a cell of a bar's thumb that
   a full block may stand for: "┃" in the status look, above the status
   rows (whose titles may hold one), and no mark. */
static int
thumb(const struct cell *c, attr_t attr)
{
	return c->ui == UI_STATUS && c->roles == 0 && (attr & A_REVERSE) &&
	    c->row < LINES - 1 && c->n == 3 &&
	    memcmp(c->s, "\xe2\x94\x83", 3) == 0;
}

void
screen_cell(const struct cell *c, void *arg)
{
	attr_t	 attr;
	short	 pair;
	int	 y = c->row, x = 0, i;

	(void)arg;
	/* Where a document's text lies: the columns a pane may scroll. */
	if (c->off != CELL_NO_OFFSET && textcol != NULL)
		for (i = c->col; i < c->col + c->width && i < ntextcol; i++)
			if (i >= 0)
				textcol[i] = 1;
	attr_of(c, &attr, &pair);
	if (utf8 && c->n > 1 && c->n == (size_t)c->width &&
	    (unsigned char)c->s[0] < 0x80) {
		/* A stand-in of ASCII letters: a flag's, "<RLO>". */
		attr_set(attr, pair, NULL);
		mvaddnstr(y, x + c->col, c->s, c->width);
		attr_set(A_NORMAL, 0, NULL);
	} else if (utf8) {
		wchar_t		 wc[CCHARW_MAX + 1];
		cchar_t		 cc;
		const uint8_t	*p = (const uint8_t *)c->s, *end = p + c->n;
		ucs4_t		 uc;
		int		 k = 0;

		while (p < end && k < CCHARW_MAX) {
			p += u8_mbtouc(&uc, p, (size_t)(end - p));
			wc[k++] = (wchar_t)uc;
		}
		wc[k] = L'\0';
		if (thumb(c, attr)) {
			/* In reverse video a cell is filled with its
			   foreground colour; a full block fills it the same
			   without an attribute to switch on and off. */
			wc[0] = THUMB_BLOCK;
			wc[1] = L'\0';
			attr &= ~A_REVERSE;
		}
		setcchar(&cc, wc, attr, pair, NULL);
		mvadd_wch(y, x + c->col, &cc);
	} else {
		char tmp[8];

		glyph_ascii(c->s, c->n, c->width, tmp);
		attr_set(attr, pair, NULL);
		mvaddnstr(y, x + c->col, tmp, c->width);
		attr_set(A_NORMAL, 0, NULL);
	}
}

/* --- Scrolling a pane alone ------------------------------------------ */

/*
 * With the sync lock off, j scrolls one pane and leaves the other: no
 * row of the screen moves whole, so curses rewrites every row of the
 * pane (some 4 kB at 160x48).  A terminal with left and right margins
 * scrolls just the pane's rectangle for some 40 bytes.
 *
 * Which terminals: terminfo names the margins (smglr) for xterm and its
 * kin, but many terminals that call themselves xterm-256color (VTE,
 * kitty, alacritty, Windows Terminal, tmux and screen when TERM is not
 * theirs) ignore them, and would scroll the whole width: the screen
 * would be wrong.  So the terminal is asked.  When terminfo has smglr,
 * screen_open() sets the mode (DECLRMM), asks whether it is set
 * (DECRQM) and resets it; only the answer "set" turns the margins on,
 * when it arrives (as a key curses reads, see screen_reply()).  No
 * answer, "unknown" or "reset" leaves them off, as does every terminal
 * whose terminfo has no smglr (linux, vt100, screen, tmux): curses
 * alone draws, and draws right.  It is asked once: the terminal stays
 * the same one while the reader runs.
 *
 * How: the frame is in stdscr, what the terminal shows in curscr.  For
 * each band of text columns (a pane's text, found from the cells that
 * carry a document offset), the shift of rows that makes most rows of
 * the band match is looked for.  When it pays, the terminal scrolls the
 * band's rectangle (DECSTBM for the rows, DECSLRM for the columns, SU
 * or SD), curscr is changed the same way, and curses, told where the
 * cursor is, sends what still differs: the new rows, the status rows.
 *
 * Curses keeps a hash of each row of curscr to find rows that moved;
 * changing curscr behind it leaves those hashes as they were, and rows
 * that look moved by them would be scrolled again (right, but dearly).
 * So the pane is scrolled here only when no run of three whole rows of
 * the frame matches rows of the old screen at another height: then
 * curses finds no such row and only fixes cells.  When whole rows did
 * move (sync on, or the other pane blank there) curses scrolls them
 * itself, as it does on any terminal.
 */

#define MIN_GAIN	3	/* rows a pane's scroll must mend */
#define MIN_CELLS	64	/* ... and cells: what scrolling costs */
#define MIN_BAND	8	/* narrower runs of text are no pane */
#define MAX_BANDS	4

static const char *const replies[5] = {
	"\033[?69;0$y", "\033[?69;1$y", "\033[?69;2$y", "\033[?69;3$y",
	"\033[?69;4$y"
};

/* A key code above curses' own that nothing is bound to, or -1. */
static int
free_key(int from)
{
	int	 code;
	char	*s;

	for (code = from; code < from + 1024; code++) {
		if ((s = keybound(code, 0)) == NULL)
			return code;
		free(s);
	}
	return -1;
}

/*
 * Ask whether the terminal keeps left and right margins, when terminfo
 * says it may.  Called when curses has sent its start (the alternate
 * screen, which xterm and its kin clear): it sends keypad and cursor
 * modes at once, and what it had before them.  The first frame clears
 * the screen again, so a terminal that would print a question it does
 * not know leaves nothing there; no refresh of a blank screen is needed
 * before it (a refresh that costs curses as much as opening).  The
 * answer is read as a key.
 */
static void
probe(void)
{
	static const char query[] = "\033[?69h\033[?69$p\033[?69l";
	const char	*slrm = tigetstr("smglr");
	const char	*csr = tigetstr("csr");
	int		 i, code = KEY_MAX + 256;

	margins = 0;
	if (slrm == NULL || slrm == (char *)-1 || csr == NULL ||
	    csr == (char *)-1 || strncmp(slrm, "\033[?69h", 6) != 0)
		return;
	/* The answers arrive as keys, whole, never as Esc [ ? ... */
	for (i = 0; i < 5; i++) {
		if (reply_key[i] == 0) {
			if ((code = free_key(code)) < 0)
				return;
			reply_key[i] = code++;
		}
		define_key(replies[i], reply_key[i]);
	}
	fputs(query, stdout);
	fflush(stdout);
	clearok(curscr, TRUE);
}

int
screen_reply(int key)
{
	int i;

	for (i = 0; i < 5; i++)
		if (reply_key[i] != 0 && key == reply_key[i]) {
			margins = i == 1;
			return 1;
		}
	return 0;
}

void
screen_begin(void)
{
	erase();
	if (ntextcol != COLS) {
		free(textcol);
		ntextcol = COLS > 0 ? COLS : 0;
		textcol = xcalloc((size_t)ntextcol + 1, 1);
	}
	memset(textcol, 0, (size_t)ntextcol);
}

/* The screen's cells, row by row, as read from a window. */
struct grid {
	cchar_t		*c;
	int		 rows, cols;
};

#define CELL(g, y, x)	\
	((g)->c[(size_t)(y) * (size_t)(g)->cols + (size_t)(x)])

static void
grid_read(struct grid *g, WINDOW *w, int rows, int cols)
{
	int	 y, x, cy, cx;

	if (g->rows != rows || g->cols != cols) {
		free(g->c);
		g->c = xcalloc((size_t)rows * (size_t)cols, sizeof(cchar_t));
		g->rows = rows;
		g->cols = cols;
	}
	getyx(w, cy, cx);
	for (y = 0; y < rows; y++)
		for (x = 0; x < cols; x++)
			if (mvwin_wch(w, y, x, &CELL(g, y, x)) == ERR)
				memset(&CELL(g, y, x), 0, sizeof(cchar_t));
	wmove(w, cy, cx);
}

/* FNV-1a over cells [l, r] of row y, all of each cell or its first
   character only. */
static uint64_t
row_hash(const struct grid *g, int y, int l, int r, int whole)
{
	uint64_t	 h = 14695981039346656037ULL;
	const unsigned char *p;
	size_t		 i, n;
	int		 x;
	wchar_t		 wc;

	for (x = l; x <= r; x++) {
		if (whole) {
			p = (const unsigned char *)&CELL(g, y, x);
			n = sizeof(cchar_t);
		} else {
			wc = CELL(g, y, x).chars[0];
			p = (const unsigned char *)&wc;
			n = sizeof(wc);
		}
		for (i = 0; i < n; i++)
			h = (h ^ p[i]) * 1099511628211ULL;
	}
	return h;
}

/* Whether cells [l, r] of row y are all blank. */
static int
row_blank(const struct grid *g, int y, int l, int r)
{
	int x;

	for (x = l; x <= r; x++)
		if (CELL(g, y, x).chars[0] != L' ' || CELL(g, y, x).chars[1])
			return 0;
	return 1;
}

/* Whether a character two columns wide in row y crosses the edge
   between columns x - 1 and x: the row read from its start, as the
   right half of such a character holds the character too. */
static int
cuts_wide(const struct grid *g, int y, int x)
{
	int c = 0;

	if (x <= 0 || x >= g->cols)
		return 0;
	while (c < x - 1)
		c += wcwidth(CELL(g, y, c).chars[0]) > 1 ? 2 : 1;
	return c == x - 1 && wcwidth(CELL(g, y, c).chars[0]) > 1;
}

/*
 * Whether the rows of the new frame look moved to curses: a run of
 * three rows or more that are, character for character, rows of the
 * old screen at another height, one of them unlike any other row.
 */
static int
rows_moved(const uint64_t *hn, const uint64_t *ho, int rows)
{
	unsigned char	*uniq = xcalloc((size_t)rows, 1);
	int		 s, y, i, cn, co, run, unique, moved = 0;

	/* A row curses may take as moved: its hash once in each screen. */
	for (y = 0; y < rows; y++) {
		for (i = cn = co = 0; i < rows; i++) {
			cn += hn[i] == hn[y];
			co += ho[i] == hn[y];
		}
		uniq[y] = cn == 1 && co == 1;
	}
	for (s = -(rows - 1); s < rows && !moved; s++) {
		run = unique = 0;
		for (y = 0; y < rows && s != 0 && !moved; y++) {
			if (y + s < 0 || y + s >= rows || hn[y] != ho[y + s]) {
				run = unique = 0;
				continue;
			}
			unique |= uniq[y];
			moved = ++run >= 3 && unique;
		}
	}
	free(uniq);
	return moved;
}

struct band {
	int	 l, r;		/* columns */
	int	 top, bot;	/* rows scrolled */
	int	 k;		/* by this many: > 0 up, < 0 down */
};

/*
 * The scroll of band b (columns b->l to b->r) that mends the most rows
 * between old and new: 1 with b's rows and shift set, or 0 when none
 * mends MIN_GAIN rows and, counting those it spoils, MIN_CELLS cells,
 * or it would split a wide character.  hn, ho and blank are room for a
 * row each.
 */
static int
band_shift(const struct grid *old, const struct grid *new, struct band *b,
    uint64_t *hn, uint64_t *ho, unsigned char *blank)
{
	int	 rows = new->rows, y, k, best = 0, bestk = 0;
	int	 t, e, good, bad;

	for (y = 0; y < rows; y++) {
		hn[y] = row_hash(new, y, b->l, b->r, 1);
		ho[y] = row_hash(old, y, b->l, b->r, 1);
		blank[y] = row_blank(new, y, b->l, b->r);
	}
	for (k = -(rows - 1); k < rows; k++) {
		int gain = 0;

		for (y = 0; y < rows && k != 0; y++)
			if (y + k >= 0 && y + k < rows && hn[y] == ho[y + k] &&
			    hn[y] != ho[y] && !blank[y])
				gain++;
		if (gain > best || (gain == best && gain > 0 &&
		    abs(k) < abs(bestk))) {
			best = gain;
			bestk = k;
		}
	}
	if (best < MIN_GAIN)
		return 0;
	/* The rows to scroll: from the first row the shift mends to the
	   last, and the rows their text comes from. */
	k = bestk;
	t = rows;
	e = -1;
	for (y = 0; y < rows; y++)
		if (y + k >= 0 && y + k < rows && hn[y] == ho[y + k] &&
		    hn[y] != ho[y] && !blank[y]) {
			t = y < t ? y : t;
			e = y > e ? y : e;
		}
	b->k = k;
	b->top = k > 0 ? t : t + k;
	b->bot = k > 0 ? e + k : e;
	/* The cells it mends, against those it spoils, in those rows. */
	good = bad = 0;
	for (y = b->top; y <= b->bot; y++) {
		int from = y + k, x, before, after;

		for (x = b->l, before = after = 0; x <= b->r; x++) {
			const cchar_t *c = &CELL(new, y, x);

			before += memcmp(c, &CELL(old, y, x), sizeof(*c)) != 0;
			if (from >= b->top && from <= b->bot)
				after += memcmp(c, &CELL(old, from, x),
				    sizeof(*c)) != 0;
			else
				after += c->chars[0] != L' ' || c->chars[1];
		}
		if (before > after)
			good += before - after;
		else
			bad += after - before;
	}
	if (good - bad < MIN_CELLS)
		return 0;
	/* Curses copies a row of cells up to the first empty one, and
	   the terminal would split a wide character on the band's edge. */
	for (y = b->top; y <= b->bot; y++) {
		if (cuts_wide(old, y, b->l) || cuts_wide(old, y, b->r + 1))
			return 0;
		for (k = b->l; k <= b->r; k++)
			if (CELL(old, y, k).chars[0] == L'\0')
				return 0;
	}
	return 1;
}

/* Move band b's cells in curscr as the terminal just did. */
static void
shift_curscr(const struct grid *old, const struct band *b)
{
	cchar_t	 blank, *row;
	int	 y, x, n = b->r - b->l + 1, from, cy, cx;

	setcchar(&blank, L" ", A_NORMAL, 0, NULL);
	row = xcalloc((size_t)n + 1, sizeof(*row));
	getyx(curscr, cy, cx);
	for (y = b->top; y <= b->bot; y++) {
		from = y + b->k;
		for (x = 0; x < n; x++)
			row[x] = from >= b->top && from <= b->bot ?
			    CELL(old, from, b->l + x) : blank;
		/* The right half of a wide character is skipped and made
		   again from its left half. */
		mvwadd_wchnstr(curscr, y, b->l, row, n);
	}
	wmove(curscr, cy, cx);
	free(row);
}

/* Grids of the old screen and the new frame, kept between frames. */
static struct grid	 g_old, g_new;

static void
grids_free(void)
{
	free(g_old.c);
	free(g_new.c);
	free(textcol);
	memset(&g_old, 0, sizeof(g_old));
	memset(&g_new, 0, sizeof(g_new));
	textcol = NULL;
	ntextcol = 0;
}

void
screen_end(void)
{
	struct band	 bands[MAX_BANDS], b;
	uint64_t	*hn, *ho;
	unsigned char	*blank;
	const char	*csr = tigetstr("csr");
	int		 rows = LINES, cols = COLS, nb = 0, y, x, l, i;

	if (!margins || is_cleared(curscr) || rows < 2 || cols < 2 ||
	    textcol == NULL || ntextcol != cols || csr == NULL ||
	    csr == (char *)-1) {
		refresh();
		return;
	}
	grid_read(&g_old, curscr, rows, cols);
	grid_read(&g_new, stdscr, rows, cols);
	hn = xcalloc((size_t)rows, sizeof(*hn));
	ho = xcalloc((size_t)rows, sizeof(*ho));
	blank = xcalloc((size_t)rows, 1);
	for (y = 0; y < rows; y++) {
		hn[y] = row_hash(&g_new, y, 0, cols - 1, 0);
		ho[y] = row_hash(&g_old, y, 0, cols - 1, 0);
	}
	/* Whole rows moved: curses scrolls them itself. */
	if (!rows_moved(hn, ho, rows))
		for (x = 0; x < cols && nb < MAX_BANDS;) {
			if (!textcol[x]) {
				x++;
				continue;
			}
			for (l = x; x < cols && textcol[x]; x++)
				;
			b.l = l;
			b.r = x - 1;
			if (x - l >= MIN_BAND &&
			    band_shift(&g_old, &g_new, &b, hn, ho, blank))
				bands[nb++] = b;
		}
	if (nb > 0) {
		/* The rectangles scroll with the margins on; then the
		   margins and the scroll region are the whole screen again,
		   the cursor at home, and curses is told so. */
		fflush(stdout);
		fputs("\033[?69h", stdout);
		for (i = 0; i < nb; i++) {
			tputs(tiparm(csr, bands[i].top, bands[i].bot), 1,
			    putchar);
			printf("\033[%d;%ds\033[%d%c", bands[i].l + 1,
			    bands[i].r + 1, abs(bands[i].k),
			    bands[i].k > 0 ? 'S' : 'T');
		}
		fputs("\033[?69l", stdout);
		tputs(tiparm(csr, 0, rows - 1), 1, putchar);
		mvcur(-1, -1, 0, 0);
		fflush(stdout);
		for (i = 0; i < nb; i++)
			shift_curscr(&g_old, &bands[i]);
	}
	free(hn);
	free(ho);
	free(blank);
	refresh();
}

void
screen_notice(const char *msg)
{
	const struct look	*lk;
	int			 x;
	char			 ch;

	live_init();
	lk = &live[UI_STATUS_FOCUS];
	if (use_color)
		attr_set(lk->color_attr, pair_of(lk->fg, lk->bg), NULL);
	else
		attr_set(lk->mono_attr, 0, NULL);
	/* Printable ASCII only, as wide as the screen. */
	for (x = 0; x < COLS; x++) {
		ch = *msg == '\0' ? ' ' : *msg++;
		mvaddch(LINES - 1, x, ch >= ' ' && ch < 0x7f ? (chtype)ch : '?');
	}
	attr_set(A_NORMAL, 0, NULL);
}

void
screen_cursor(int y, int x)
{
	if (y < 0) {
		/* Hidden, the cursor is left where the last change put it:
		   no move at the end of every frame. */
		curs_set(0);
		leaveok(stdscr, TRUE);
		return;
	}
	leaveok(stdscr, FALSE);
	move(y, x);
	curs_set(1);
}

/* Whether environment variable name is set, and not empty. */
static int
env_set(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0';
}

/* The terminal's clipboard string (terminfo Ms, extended), or NULL. */
static const char *
screen_ms(void)
{
	char *ms = tigetstr("Ms");

	return ms != NULL && ms != (char *)-1 ? ms : NULL;
}

void
screen_osc52(const char *b64)
{
	const char	*ms = screen_ms();
	size_t		 i, n = strlen(b64);

	/* OSC 52: the terminal (local, even over ssh) sets its clipboard,
	   as its terminfo entry writes it, else as xterm does. */
	refresh();
	if (env_set("TMUX")) {
		/* tmux takes it itself (set-clipboard on), or passes it on
		   wrapped (allow-passthrough on): both, the same text. */
		printf("\033]52;c;%s\a", b64);
		printf("\033Ptmux;\033\033]52;c;%s\a\033\\", b64);
	} else if (env_set("STY")) {
		/* screen passes a DCS on, in pieces it takes whole. */
		printf("\033P\033]52;c;");
		for (i = 0; i < n; i += 76)
			printf("%.76s\033\\\033P", b64 + i);
		printf("\a\033\\");
	} else if (ms != NULL)
		putp(tiparm(ms, "c", b64));
	else
		printf("\033]52;c;%s\a", b64);
	fflush(stdout);
}

const char *
screen_clipboard(void)
{
	static char	 why[128];
	const char	*term = term_name();

	if (env_set("TMUX") || env_set("STY") || screen_ms() != NULL)
		return NULL;
	snprintf(why, sizeof(why), "this terminal (TERM=%.40s) has no "
	    "clipboard escape (OSC 52, terminfo Ms)", *term != '\0' ? term :
	    "unset");
	return why;
}
