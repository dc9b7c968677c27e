/*
 * screen.h: the curses device, private to src/tui/.
 *
 * Draws the cells of a reader's frame, each in the look of its styles,
 * overlay roles and part of the frame (with a monochrome fallback and
 * NO_COLOR), as the defaults or a configuration file have them, and
 * sends the terminal only what changed.
 */
#ifndef DIPTYCH_SCREEN_H
#define DIPTYCH_SCREEN_H

#include <stddef.h>

struct cell;
struct config;

/*
 * The names of the looks a configuration file may set (*n of them, in
 * the order of struct config.looks): the parts of the frame, the overlay
 * roles and the styles of the text.  The array is static.
 */
const char *const *screen_roles(size_t *n);
/*
 * Take the looks cfg sets (read with the names of screen_roles), with
 * colours and without; before screen_open.
 */
void	screen_configure(const struct config *cfg);

/*
 * Start curses.  Returns 0, or -1 with *err set (caller frees) when the
 * terminal cannot be used.
 */
int	screen_open(char **err);
/* End curses and restore the terminal; safe to call twice. */
void	screen_close(void);
/* Whether the terminal takes UTF-8. */
int	screen_utf8(void);

/*
 * A frame: screen_begin() clears the frame being made, the cells are
 * drawn, and screen_end() sends the terminal what changed, scrolling
 * where text moved by whole rows.
 */
void	screen_begin(void);
void	screen_end(void);
/*
 * Whether key is the terminal's answer to screen_open()'s question
 * (does it keep left and right margins?), then taken: it is no key the
 * user pressed.
 */
int	screen_reply(int key);
/* Draw cell c at its row and column (a cell_fn; arg unused). */
void	screen_cell(const struct cell *c, void *arg);
/* Draw msg over the last row, in the look of a focused status row. */
void	screen_notice(const char *msg);
/* Show the cursor at (y, x), or hide it when y < 0. */
void	screen_cursor(int y, int x);
/*
 * Whether the terminal can take a clipboard (OSC 52): NULL yes, else
 * why not.  Its terminfo entry says so (Ms), or tmux or screen ($TMUX,
 * $STY) passes it on.
 */
const char *screen_clipboard(void);
/* Ask the terminal to put base64 text b64 in its clipboard (OSC 52). */
void	screen_osc52(const char *b64);

#endif
