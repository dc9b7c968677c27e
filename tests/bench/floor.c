/*
 * tests/bench/floor.c: the floor under figure 1 of `make bench`.
 *
 *	floor SCREEN
 *
 * A curses program that shows a screen read from the file SCREEN (one
 * line a row, the last line the status row), waits for q and ends.  It
 * parses nothing, opens no store and lays nothing out: the time to its
 * first frame is what showing that screen with curses costs, which
 * any reader built on curses pays before doing its own work.  bench.py
 * gives it the text of diptych's first screen of the bundled essays, as
 * --dump lays it out (no bars, no colours), and times it as it times
 * diptych and less.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

int
main(int argc, char *argv[])
{
	FILE	*f;
	char	*line = NULL, **rows = NULL, **more;
	size_t	 cap = 0, n = 0, i;
	ssize_t	 len;
	int	 y, ch;

	if (argc != 2) {
		fputs("usage: floor SCREEN\n", stderr);
		return 2;
	}
	if ((f = fopen(argv[1], "r")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	while ((len = getline(&line, &cap, f)) != -1) {
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if ((more = realloc(rows, (n + 1) * sizeof(*rows))) == NULL ||
		    (more[n] = strdup(line)) == NULL) {
			perror("floor");
			return 1;
		}
		rows = more;
		n++;
	}
	free(line);
	fclose(f);
	if (n == 0) {
		fprintf(stderr, "%s: empty\n", argv[1]);
		return 1;
	}

	setlocale(LC_ALL, "");
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	for (y = 0; y < LINES - 1 && (size_t)y < n - 1; y++)
		mvaddstr(y, 0, rows[y]);
	attron(A_REVERSE);
	mvaddstr(LINES - 1, 0, rows[n - 1]);
	attroff(A_REVERSE);
	refresh();
	/* Until q, or the end of the input. */
	while ((ch = getch()) != 'q' && ch != ERR)
		;
	endwin();
	for (i = 0; i < n; i++)
		free(rows[i]);
	free(rows);
	return 0;
}
