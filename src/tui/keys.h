/*
 * keys.h: the key tables, one per reader mode, private to src/tui/.
 *
 * A row binds up to five key codes (characters, or curses KEY_* codes)
 * to one reader command, with the names the ? screen, --help and the
 * man page show.  The dispatcher (tui.c) reads counts once, for the
 * tables that take them, then looks the key up in the table of the mode
 * the reader is in.
 */
#ifndef DIPTYCH_KEYS_H
#define DIPTYCH_KEYS_H

#include <stddef.h>
#include <stdio.h>

#include "diptych/reader.h"

#define KEYS_MAX	5
/* Esc then Enter at once: what a terminal sends for Alt-Enter. */
#define KEY_ALT_ENTER	(KEY_MAX + 1)

struct key_binding {
	int		 keys[KEYS_MAX];	/* 0-terminated */
	const char	*names;			/* "j Down Ctrl-E" */
	const char	*what;
	enum reader_cmd	 cmd;
};

struct key_table {
	const char		*group;		/* heading on the ? screen */
	const struct key_binding *rows;
	size_t			 n;
	int			 counts;	/* digits make a count */
};

/* The table of each mode (index: enum reader_mode). */
extern const struct key_table	key_tables[RM_NMODES];

/*
 * The command key runs in mode: 0 and *cmd set, or -1 when the key is
 * not bound there.
 */
int	keys_lookup(enum reader_mode mode, int key, enum reader_cmd *cmd);

/*
 * The ? screen's lines, every table in order, made once; *n is set to
 * their number.  The array is static.
 */
const struct reader_help *keys_help(size_t *n);

/* Print every table, as --help shows it. */
void	keys_print(FILE *out);

/*
 * Check that the names of every row are exactly the keys it binds, that
 * no key is bound twice in a table, and that every row says what it
 * does.  Returns 0, or -1 with a message in err[0..errsz).
 */
int	keys_check(char *err, size_t errsz);

#endif
