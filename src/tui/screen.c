/*
 * screen.c: the curses device.
 *
 * One table maps each document style bit to its attributes on a colour
 * terminal and on a monochrome one (or under NO_COLOR).  Text reaches the
 * terminal only as cells built by the layout, whose bytes hold no control
 * characters, so nothing from a file can act as an escape sequence.
 */
#include "config.h"

#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>
#include <term.h>
#include <unistr.h>

#include "diptych/doc.h"
#include "diptych/glyph.h"
#include "diptych/layout.h"
#include "diptych/overlay.h"
#include "diptych/reader.h"
#include "diptych/util.h"
#include "screen.h"

/*
 * How a style bit of the text, or an overlay role, looks; pair 0 means no
 * colour.  A new kind of highlighted range is one row here.  Where several
 * apply, their attributes add up, and the colour is that of the overlay
 * role that wins the cell (struct cell.top_role), else of the first style
 * row that has one.
 */
struct look {
	int		 role;		/* an overlay role, or -1 */
	unsigned	 style;		/* else a DS_* bit */
	attr_t		 color_attr;	/* attributes with colour */
	short		 fg;		/* foreground, -1 for none */
	attr_t		 mono_attr;	/* attributes without colour */
};

static const struct look looks[] = {
	{ OR_SELECTION, 0, A_REVERSE,	COLOR_CYAN,	A_REVERSE | A_UNDERLINE },
	{ OR_SELECTED, 0, A_REVERSE,	-1,		A_REVERSE },
	{ OR_CURRENT, 0, A_REVERSE,	-1,		A_REVERSE },
	{ OR_MATCH, 0,	A_BOLD | A_UNDERLINE, COLOR_MAGENTA, A_BOLD | A_UNDERLINE },
	{ OR_NOTE, 0,	A_UNDERLINE,	COLOR_GREEN,	A_UNDERLINE | A_DIM },
	{ OR_OCCUR, 0,	A_BOLD | A_UNDERLINE, COLOR_YELLOW, A_BOLD | A_UNDERLINE },
	{ OR_TERM, 0,	0,		COLOR_YELLOW,	A_BOLD },
	{ OR_LINK, 0,	A_UNDERLINE,	COLOR_BLUE,	A_UNDERLINE },
	{ -1, DS_TITLE,	A_BOLD,		COLOR_MAGENTA,	A_BOLD | A_UNDERLINE },
	{ -1, DS_MINOR,	A_DIM,		-1,		A_DIM },
	{ -1, DS_HEADING, A_BOLD,	COLOR_CYAN,	A_BOLD },
	{ -1, DS_META,	0,		COLOR_GREEN,	0 },
	{ -1, DS_QUOTE,	0,		COLOR_YELLOW,	A_DIM },
	{ -1, DS_CODE,	0,		COLOR_GREEN,	A_DIM },
	{ -1, DS_LINK,	A_UNDERLINE,	COLOR_BLUE,	A_UNDERLINE },
	{ -1, DS_MARKER, 0,		COLOR_CYAN,	A_BOLD },
	{ -1, DS_RULE,	0,		COLOR_BLUE,	A_DIM },
	{ -1, DS_NOTE,	A_DIM,		-1,		A_DIM },
	{ -1, DS_STRONG, A_BOLD,	-1,		A_BOLD },
	{ -1, DS_EMPH,	0,		-1,		0 },	/* italic_attr */
};

#define NLOOKS	(sizeof(looks) / sizeof(looks[0]))

static SCREEN	*scr;
static int	 use_color;
static int	 utf8;
static attr_t	 italic_attr;

int
screen_utf8(void)
{
	return utf8;
}

int
screen_open(char **err)
{
	const char	*term = getenv("TERM");
	const char	*nc = getenv("NO_COLOR");
	char		*sitm;
	size_t		 i;

	utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if ((scr = newterm(NULL, stdout, stdin)) == NULL) {
		struct buf b;

		buf_init(&b);
		buf_printf(&b, "cannot use terminal type '%s' (set TERM to "
		    "one your system knows, e.g. xterm-256color)",
		    term ? term : "");
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
			    term ? term : "");
			*err = buf_steal(&b, NULL);
			return -1;
		}
	}
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);

	sitm = tigetstr("sitm");
	italic_attr = sitm != NULL && sitm != (char *)-1 ? A_ITALIC :
	    A_UNDERLINE;
	use_color = has_colors() && (nc == NULL || *nc == '\0');
	if (use_color) {
		start_color();
		use_default_colors();
		for (i = 0; i < NLOOKS; i++)
			if (looks[i].fg >= 0)
				init_pair((short)(i + 1), looks[i].fg, -1);
	}
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
	size_t	 i;
	short	 style_pair = 0;

	*attr = 0;
	*pair = 0;
	for (i = 0; i < NLOOKS; i++) {
		const struct look *lk = &looks[i];

		if (lk->role >= 0 ? !(c->roles & OR_BIT(lk->role)) :
		    !(c->style & lk->style))
			continue;
		*attr |= use_color ? lk->color_attr : lk->mono_attr;
		if (lk->role < 0 && lk->style == DS_EMPH)
			*attr |= italic_attr;
		if (!use_color || lk->fg < 0)
			continue;
		if (lk->role >= 0 && lk->role == c->top_role)
			*pair = (short)(i + 1);
		else if (lk->role < 0 && style_pair == 0)
			style_pair = (short)(i + 1);
	}
	if (*pair == 0)
		*pair = style_pair;
	switch (c->ui) {
	case UI_STATUS_FOCUS:
		*attr |= A_REVERSE | A_BOLD;
		break;
	case UI_STATUS:
		*attr |= A_REVERSE;
		break;
	case UI_FRAME:
		*attr |= A_BOLD;
		break;
	default:
		break;
	}
}

void
screen_cell(const struct cell *c, void *arg)
{
	attr_t	 attr;
	short	 pair;
	int	 y = c->row, x = 0;

	(void)arg;
	attr_of(c, &attr, &pair);
	if (utf8) {
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
	const char	*term = getenv("TERM");

	if (env_set("TMUX") || env_set("STY") || screen_ms() != NULL)
		return NULL;
	snprintf(why, sizeof(why), "this terminal (TERM=%.40s) has no "
	    "clipboard escape (OSC 52, terminfo Ms)", term != NULL ? term :
	    "unset");
	return why;
}
