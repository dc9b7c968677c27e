/*
 * screen.h: the curses device, private to src/tui/.
 *
 * Maps document styles to attributes and colours (with a monochrome
 * fallback and NO_COLOR), and draws cells and strings.
 */
#ifndef DIPTYCH_SCREEN_H
#define DIPTYCH_SCREEN_H

#include <stddef.h>

struct cell;

/* Extra attributes drawn over a style. */
enum {
	SA_NONE,
	SA_STATUS,		/* status row of a pane */
	SA_STATUS_FOCUS,	/* status row of the focused pane */
	SA_DIVIDER,		/* the line between the panes */
	SA_FRAME		/* popup borders and titles */
};

/* Start curses.  Returns 0, or -1 with *err set (caller frees). */
int	screen_open(char **err);
/* End curses and restore the terminal; safe to call twice. */
void	screen_close(void);
/* Whether the terminal takes UTF-8. */
int	screen_utf8(void);

/* Draw cell c at row y with its column offset by x. */
void	screen_cell(int y, int x, const struct cell *c, int role);
/* Draw string s at (y, x), at most width columns; returns columns used. */
int	screen_text(int y, int x, int width, const char *s, unsigned style,
	    int role);
/* Fill width columns at (y, x) with blanks in role's attributes. */
void	screen_blank(int y, int x, int width, int role);
/* A vertical line at column x from row y, h rows. */
void	screen_vline(int y, int x, int h);
/* Show the cursor at (y, x), or hide it when y < 0. */
void	screen_cursor(int y, int x);
/* Ask the terminal to put base64 text b64 in its clipboard (OSC 52). */
void	screen_osc52(const char *b64);
/* A box around the rectangle (y, x, h, w). */
void	screen_box(int y, int x, int h, int w);

#endif
