/*
 * keys.h: the key tables, one per reader mode, private to src/tui/.
 *
 * A row binds up to five key codes (characters, or curses KEY_* codes)
 * to one reader command, with the names the ? screen, --help and the
 * man page show.  The dispatcher (tui.c) reads counts once, for the
 * tables that take them, then looks the key up in the table of the mode
 * the reader is in.
 *
 * The tables in force start as the defaults (key_tables) and change
 * only through keys_apply, with the user's bindings; lookups, the ?
 * screen, --help and keys_check all read the tables in force.
 */
#ifndef DIPTYCH_KEYS_H
#define DIPTYCH_KEYS_H

#include <stddef.h>
#include <stdio.h>

#include "diptych/reader.h"

struct config;

#define KEYS_MAX	5
#define KEYS_NAMES_MAX	64	/* "j Down Ctrl-E", with its NUL */
/* Esc then Enter at once: what a terminal sends for Alt-Enter. */
#define KEY_ALT_ENTER	(KEY_MAX + 1)

struct key_binding {
	int		 keys[KEYS_MAX];	/* 0-terminated */
	char		 names[KEYS_NAMES_MAX];	/* "j Down Ctrl-E" */
	const char	*what;
	enum reader_cmd	 cmd;
};

struct key_table {
	const char		*group;		/* heading on the ? screen */
	const struct key_binding *rows;
	size_t			 n;
	int			 counts;	/* digits make a count */
	int			 typed;		/* characters are typed in */
};

/* The default table of each mode (index: enum reader_mode). */
extern const struct key_table	key_tables[RM_NMODES];

/*
 * The names a configuration file uses: of each mode (index: enum
 * reader_mode) and of each command (index: enum reader_cmd).
 */
extern const char *const	keys_mode_names[RM_NMODES];
extern const char *const	keys_cmd_names[RC_NCMDS];

/*
 * A key's name as the tables spell it ("Down", "Ctrl-E", "J"; a name of
 * more than one letter in any case): 0 with canon[0..canonsz) set, or
 * -1 when name is no key.  Ctrl-I is Tab, Ctrl-M is Enter.
 */
int	keys_canon(const char *name, char *canon, size_t canonsz);

/*
 * Apply the bindings of cfg to the tables in force, in order: a key
 * bound again in a mode leaves the row it was in; a binding that
 * cannot be made is an error of cfg, at its line, and changes nothing.
 * Returns the number of such errors.
 */
size_t	keys_apply(struct config *cfg);
/* The tables in force are the defaults again. */
void	keys_reset(void);

/*
 * The command key runs in mode (the tables in force): 0 and *cmd set,
 * or -1 when the key is not bound there.
 */
int	keys_lookup(enum reader_mode mode, int key, enum reader_cmd *cmd);

/*
 * The ? screen's lines, every row of the tables in force that binds a
 * key, in order; *n is set to their number.  The array is static and
 * made again by each call.
 */
const struct reader_help *keys_help(size_t *n);

/* Print every table in force, as --help shows it. */
void	keys_print(FILE *out);

/*
 * Check that the names of every row in force are exactly the keys it
 * binds, that no key is bound twice in a table, and that every row
 * says what it does.  Returns 0, or -1 with a message in err[0..errsz).
 */
int	keys_check(char *err, size_t errsz);

#endif
