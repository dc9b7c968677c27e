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
#include "diptych/util.h"
#include "screen.h"

/* How one style bit looks; pair 0 means no colour. */
struct look {
	unsigned	 style;
	attr_t		 color_attr;	/* attributes with colour */
	short		 fg;		/* foreground, -1 for none */
	attr_t		 mono_attr;	/* attributes without colour */
};

static const struct look looks[] = {
	{ DS_SELECT,	A_REVERSE,	-1,		A_REVERSE },
	{ DS_MATCH,	A_BOLD | A_UNDERLINE, COLOR_MAGENTA, A_BOLD | A_UNDERLINE },
	{ DS_TERM,	0,		COLOR_YELLOW,	A_UNDERLINE },
	{ DS_TITLE,	A_BOLD,		COLOR_MAGENTA,	A_BOLD | A_UNDERLINE },
	{ DS_HEADING,	A_BOLD,		COLOR_CYAN,	A_BOLD },
	{ DS_META,	0,		COLOR_GREEN,	0 },
	{ DS_QUOTE,	0,		COLOR_YELLOW,	A_DIM },
	{ DS_CODE,	0,		COLOR_GREEN,	A_DIM },
	{ DS_LINK,	A_UNDERLINE,	COLOR_BLUE,	A_UNDERLINE },
	{ DS_MARKER,	0,		COLOR_CYAN,	A_BOLD },
	{ DS_RULE,	0,		COLOR_BLUE,	A_DIM },
	{ DS_NOTE,	A_DIM,		-1,		A_DIM },
	{ DS_STRONG,	A_BOLD,		-1,		A_BOLD },
	{ DS_EMPH,	0,		-1,		0 },	/* italic_attr */
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

/* Attributes and colour pair for a style and a role. */
static void
attr_of(unsigned style, int role, attr_t *attr, short *pair)
{
	size_t i;

	*attr = 0;
	*pair = 0;
	for (i = 0; i < NLOOKS; i++) {
		if (!(style & looks[i].style))
			continue;
		*attr |= use_color ? looks[i].color_attr : looks[i].mono_attr;
		if (looks[i].style == DS_EMPH)
			*attr |= italic_attr;
		if (use_color && *pair == 0 && looks[i].fg >= 0)
			*pair = (short)(i + 1);
	}
	switch (role) {
	case SA_STATUS_FOCUS:
		*attr |= A_REVERSE | A_BOLD;
		break;
	case SA_STATUS:
		*attr |= A_REVERSE;
		break;
	case SA_FRAME:
		*attr |= A_BOLD;
		break;
	default:
		break;
	}
}

void
screen_cell(int y, int x, const struct cell *c, int role)
{
	attr_t	 attr;
	short	 pair;

	attr_of(c->style, role, &attr, &pair);
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

struct at {
	int	 y, x, role;
};

static void
text_cell(const struct cell *c, void *arg)
{
	const struct at *at = arg;

	screen_cell(at->y, at->x, c, at->role);
}

int
screen_text(int y, int x, int width, const char *s, unsigned style, int role)
{
	struct at at = { y, x, role };

	if (width <= 0)
		return 0;
	return layout_text_cells(s, strlen(s), 0, width, style, text_cell, &at);
}

void
screen_blank(int y, int x, int width, int role)
{
	attr_t	 attr;
	short	 pair;

	if (width <= 0)
		return;
	attr_of(0, role, &attr, &pair);
	attr_set(attr, pair, NULL);
	mvhline(y, x, ' ', width);
	attr_set(A_NORMAL, 0, NULL);
}

/*
 * Box-drawing characters.  In a UTF-8 locale they are drawn as Unicode
 * characters, which survive a TERM that does not match the terminal (an
 * ssh session to a host with another terminfo); otherwise through the
 * terminal's alternate character set.
 */
enum { LINE_V, LINE_H, CORNER_UL, CORNER_UR, CORNER_LL, CORNER_LR };

static const wchar_t box_wide[] = { 0x2502, 0x2500, 0x250c, 0x2510,
    0x2514, 0x2518 };

static chtype
box_acs(int which)
{
	switch (which) {
	case LINE_V:	return ACS_VLINE;
	case LINE_H:	return ACS_HLINE;
	case CORNER_UL:	return ACS_ULCORNER;
	case CORNER_UR:	return ACS_URCORNER;
	case CORNER_LL:	return ACS_LLCORNER;
	default:	return ACS_LRCORNER;
	}
}

/* Draw n box characters from (y, x), down when vertical, else across. */
static void
box_line(int y, int x, int which, int n, int vertical, attr_t attr)
{
	cchar_t	 cc;
	wchar_t	 wc[2] = { box_wide[which], L'\0' };
	int	 i;

	if (n <= 0)
		return;
	if (!utf8) {
		attr_set(attr, 0, NULL);
		if (vertical)
			mvvline(y, x, box_acs(which), n);
		else
			mvhline(y, x, box_acs(which), n);
		attr_set(A_NORMAL, 0, NULL);
		return;
	}
	setcchar(&cc, wc, attr, 0, NULL);
	for (i = 0; i < n; i++)
		mvadd_wch(vertical ? y + i : y, vertical ? x : x + i, &cc);
}

void
screen_vline(int y, int x, int h)
{
	box_line(y, x, LINE_V, h, 1, A_NORMAL);
}

void
screen_box(int y, int x, int h, int w)
{
	box_line(y, x + 1, LINE_H, w - 2, 0, A_BOLD);
	box_line(y + h - 1, x + 1, LINE_H, w - 2, 0, A_BOLD);
	box_line(y + 1, x, LINE_V, h - 2, 1, A_BOLD);
	box_line(y + 1, x + w - 1, LINE_V, h - 2, 1, A_BOLD);
	box_line(y, x, CORNER_UL, 1, 0, A_BOLD);
	box_line(y, x + w - 1, CORNER_UR, 1, 0, A_BOLD);
	box_line(y + h - 1, x, CORNER_LL, 1, 0, A_BOLD);
	box_line(y + h - 1, x + w - 1, CORNER_LR, 1, 0, A_BOLD);
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

void
screen_osc52(const char *b64)
{
	/* OSC 52: the terminal (local, even over ssh) sets its clipboard. */
	refresh();
	printf("\033]52;c;%s\a", b64);
	fflush(stdout);
}
