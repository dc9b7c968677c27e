/*
 * config.h: the user's configuration file, read without a terminal.
 *
 * $XDG_CONFIG_HOME/diptych/config (else ~/.config/diptych/config), or
 * the file --config names, holds one setting a line; a line whose first
 * word begins with # is a comment, and so is the rest of a line from a
 * word beginning with # after a complete setting:
 *
 *	set sync on|off			the sync lock at start
 *	set measure N			N columns, 20 to 1000
 *	set mouse on|off
 *	color ROLE [=] [FG] [on BG] [ATTR...]	its look with colours
 *	mono ROLE [=] ATTR...		its look without
 *	bind MODE KEY COMMAND		KEY runs COMMAND in MODE
 *	unbind MODE KEY			KEY does nothing in MODE
 *
 * ("colour" is "color"; "set NAME = VALUE" is "set NAME VALUE".)
 * Colours are black red green yellow blue magenta cyan white and
 * default (the terminal's own); attributes are bold dim underline
 * reverse italic, and none.  The roles, modes, commands and key names
 * are the caller's (struct config_names): the parser knows only the
 * grammar, so it runs without a terminal.
 *
 * A bad line is reported with the file and line and skipped; every
 * other line still applies.  A later line about the same role, or key,
 * wins.
 */
#ifndef DIPTYCH_CONFIG_H
#define DIPTYCH_CONFIG_H

#include <stddef.h>
#include <stdio.h>

/* Attributes of a look. */
#define CONFIG_BOLD		0x01
#define CONFIG_DIM		0x02
#define CONFIG_UNDERLINE	0x04
#define CONFIG_REVERSE		0x08
#define CONFIG_ITALIC		0x10

/* Colours are numbered as curses numbers them (black 0 ... white 7). */
#define CONFIG_DEFAULT		(-1)	/* the terminal's own colour */

#define CONFIG_MEASURE_MIN	20
#define CONFIG_MEASURE_MAX	1000
#define CONFIG_KEY_MAX		16	/* the longest key name, with NUL */

/* What the file says of one role's look. */
struct config_look {
	int		 color;		/* a color line was given ... */
	short		 fg, bg;	/* 0 to 7, or CONFIG_DEFAULT */
	unsigned	 attrs;		/* CONFIG_BOLD ... */
	int		 mono;		/* a mono line was given ... */
	unsigned	 mono_attrs;
};

/* A key bound, or unbound, in a mode. */
struct config_bind {
	int		 mode;			/* index in names->modes */
	char		 key[CONFIG_KEY_MAX];	/* as names->key spells it */
	int		 cmd;			/* index in names->cmds; -1:
						   unbind */
	unsigned	 line;
};

/*
 * The words a file may use: the caller's names of roles, modes and
 * commands (an index in each array is what struct config holds), and
 * a function that spells a key's name as the key tables do: 0 with
 * canon[0..canonsz) set, or -1 for a name it does not know.
 */
struct config_names {
	const char *const *roles;
	size_t		 nroles;
	const char *const *modes;
	size_t		 nmodes;
	const char *const *cmds;
	size_t		 ncmds;
	int		(*key)(const char *name, char *canon, size_t canonsz);
};

/* A configuration read; what was not set keeps the program's default. */
struct config {
	char		*path;		/* as messages name it */
	int		 sync;		/* 1 on, 0 off, -1 not set */
	int		 measure;	/* columns, -1 not set */
	int		 mouse;		/* 1 on, 0 off, -1 not set */
	struct config_look *looks;	/* [nlooks]: one per role */
	size_t		 nlooks;
	struct config_bind *binds;	/* in the file's order */
	size_t		 nbinds;
	char		**errors;	/* "FILE:LINE: what is wrong" */
	size_t		 nerrors;
};

/*
 * The default file, $XDG_CONFIG_HOME/diptych/config (when that is an
 * absolute path) else $HOME/.config/diptych/config; NULL when neither
 * is set.  The caller frees it.
 */
char		*config_default_path(void);

/*
 * Read the file at path (NULL: the default file) in the words of names.
 * A default file that does not exist is no configuration and no error;
 * a file that cannot be read is one error, and no configuration.  Returns the configuration, never NULL;
 * its errors say what was wrong.  The caller frees it with config_free.
 */
struct config	*config_load(const char *path,
		    const struct config_names *names);

/*
 * The same, from the stream f (read to its end, not closed), whose
 * messages name name.
 */
struct config	*config_read(FILE *f, const char *name,
		    const struct config_names *names);

/*
 * Add an error about line of cfg's file (0: the file as a whole), as
 * the caller finds when it applies the configuration.  The message is
 * formatted as printf does.
 */
void		 config_error(struct config *cfg, unsigned line,
		    const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));

void		 config_free(struct config *cfg);

#endif
