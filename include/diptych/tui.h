/*
 * tui.h: the interactive reader (curses).
 */
#ifndef DIPTYCH_TUI_H
#define DIPTYCH_TUI_H

#include <stdio.h>

struct config;
struct doc;
struct glossary;
struct store;

/* Flags of tui_run. */
#define TUI_SECURE	0x01	/* kiosk: no outside editor, no suspending */
#define TUI_TOP		0x02	/* start at the top, not where one was */
#define TUI_MOUSE	0x04	/* take the mouse: wheel and clicks */

/*
 * Run the reader on two documents, their glossary terms highlighted and
 * the annotations of store (NULL: off, for the reason store_off) and of
 * a seminar's store (NULL: none) shown and watched for others' changes,
 * its text at most measure columns wide (0: as wide as a pane; -1: the
 * reader's default), until the user quits or a signal
 * (SIGINT, SIGTERM, SIGHUP) ends it; the terminal is restored on every
 * path.  Returns 0 with *signo set to the signal that ended it (0 when
 * the user quit), or -1 with a message in *err (caller frees) when the
 * terminal cannot be used.
 */
/*
 * A warning from before the reader starts (a broken glossary of one's
 * own, say), shown on its status row until a key is pressed; the first
 * one stays.
 */
void	tui_warn(const char *msg);
int	tui_run(struct doc *left, struct doc *right, struct glossary *g,
	    struct store *store, const char *store_off,
	    struct store *seminar, int flags, int measure, int *signo,
	    char **err);

/*
 * Read the configuration file at path (NULL: the default one, if there
 * is one), and take its keys, colours and sync lock for the reader
 * tui_run starts; its first error shows on the status row until a key
 * is pressed.  Returns it (never NULL; caller frees with config_free):
 * its errors are the caller's to print, measure and mouse its to use.
 */
struct config	*tui_config(const char *path);

/* Print the key table, as the ? screen shows it, for --help. */
void	tui_print_keys(FILE *out);

#endif
