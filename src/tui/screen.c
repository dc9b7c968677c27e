/*
 * screen.c: the curses device.
 *
 * One table maps each part of the frame, overlay role and document style
 * bit to its attributes on a colour terminal and on a monochrome one (or
 * under NO_COLOR); a configuration file changes a copy of it before the
 * screen opens, and colour pairs are made as cells ask for them.  Text
 * reaches the terminal only as cells built by the layout, whose bytes
 * hold no control characters, so nothing from a file can act as an
 * escape sequence.
 */
#include "config.h"

#include <locale.h>
#include <langinfo.h>
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

void
screen_close(void)
{
	if (scr == NULL)
		return;
	endwin();
	delscreen(scr);
	scr = NULL;
}

/* Attributes and colour pair of cell c. */
static void
attr_of(const struct cell *c, attr_t *attr, short *pair)
{
	const struct look *lk, *ui = &live[c->ui < NUI ? c->ui : UI_TEXT];
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

void
screen_cell(const struct cell *c, void *arg)
{
	attr_t	 attr;
	short	 pair;
	int	 y = c->row, x = 0;

	(void)arg;
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
		curs_set(0);
		return;
	}
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
