/*
 * tui.c: the interactive reader: keys in, frames out.
 *
 * The loop (loop.c) wakes on a key, a signal or, later, a store's
 * descriptor or timer.  A key is looked up in the key table of the
 * reader's mode (keys.c), a count typed before it read once here, and
 * the command run by the reader (core, no curses); then the reader's
 * frame is drawn through the screen device, which sends the terminal
 * only what changed.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>
#include <unistr.h>

#include "diptych/anchor.h"
#include "diptych/anno.h"
#include "diptych/config.h"
#include "diptych/reader.h"
#include "diptych/store.h"
#include "diptych/tui.h"
#include "diptych/util.h"
#include "keys.h"
#include "loop.h"
#include "screen.h"

/* Empty reads in a row after which the terminal is taken as gone. */
#define MAX_EMPTY_READS	100
/* Failed reads in a row that end a round of reading keys. */
#define MAX_BAD_BYTES	4

struct tui {
	struct reader	*r;
	struct loop	*loop;
	int		 count;		/* digits typed before a command */
	int		 signo;		/* the signal that ends the reader */
	int		 empty;		/* empty reads in a row */
	int		 flags;		/* TUI_* */
	struct store	*stores[2];	/* personal, seminar (or NULL) */
	int		 watch_ms;	/* how often to look at them */
	int		 watch_fd;	/* the seminar's descriptor, or -1 */
	const struct doc *docs[2];	/* the pair read */
	struct store_position shown;	/* the place last published */
	struct store_position kept;	/* ... and last kept */
	unsigned	 ticks;
	int		 cols, rows;	/* the reader's size */
};

#define PLACE_MS	500	/* a place is published at most this often */
#define HEARTBEAT_MS	10000	/* ... and at least, to say one is there */
#define PRESENT_MS	60000	/* readers seen since are reading now */
#define KEEP_MS		2000	/* a place is kept once still this long */
#define WHEEL_ROWS	3	/* a turn of the wheel scrolls this much */

/* From the configuration: the sync lock at start (-1: as it was), and
   its first error, shown on the status row until a key is pressed. */
static int	 start_sync = -1;
static char	 notice[512];

void
tui_print_keys(FILE *out)
{
	keys_print(out);
}

void
tui_warn(const char *msg)
{
	if (notice[0] == '\0')
		snprintf(notice, sizeof(notice), "%s", msg);
}

struct config *
tui_config(const char *path)
{
	struct config_names	 nm;
	struct config		*cfg;

	nm.roles = screen_roles(&nm.nroles);
	nm.modes = keys_mode_names;
	nm.nmodes = RM_NMODES;
	nm.cmds = keys_cmd_names;
	nm.ncmds = RC_NCMDS;
	nm.key = keys_canon;
	cfg = config_load(path, &nm);
	keys_apply(cfg);
	screen_configure(cfg);
	start_sync = cfg->sync;
	if (cfg->nerrors == 1)
		snprintf(notice, sizeof(notice), "%s", cfg->errors[0]);
	else if (cfg->nerrors > 1)
		snprintf(notice, sizeof(notice), "%s (and %zu more)",
		    cfg->errors[0], cfg->nerrors - 1);
	return cfg;
}

/*
 * The reader laid out for the screen's size, when it is another: the
 * same size (fg after a stop, a SIGWINCH that changed nothing) leaves
 * the panes where they are, to the row, and the screen is only drawn
 * again.
 */
static void
fit(struct tui *t)
{
	if (COLS == t->cols && LINES == t->rows)
		return;
	t->cols = COLS;
	t->rows = LINES;
	reader_resize(t->r, COLS, LINES);
}

/* The terminal's size, now: after SIGWINCH or SIGCONT. */
static void
resize(struct tui *t)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	fit(t);
}

static void
on_signal(int signo, void *arg)
{
	struct tui *t = arg;

	switch (signo) {
	case SIGWINCH:
		resize(t);
		break;
	case SIGTSTP:
		/* A kiosk gives no shell back. */
		if (t->flags & TUI_SECURE)
			break;
		/* Give the terminal back, stop, and take it again. */
		endwin();
		loop_suspend(t->loop);
		/* FALLTHROUGH */
	case SIGCONT:
		clearok(curscr, TRUE);
		resize(t);
		break;
	default:
		t->signo = signo;
		break;
	}
}

/* A mouse event (with --mouse): the wheel scrolls, a click opens. */
static void
mouse(struct tui *t)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		reader_wheel(t->r, -WHEEL_ROWS);
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		reader_wheel(t->r, WHEEL_ROWS);
#endif
	else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_RELEASED))
		reader_click(t->r, ev.y, ev.x);
}

/* One key, or character, as get_wch gave it. */
static void
key(struct tui *t, int is_key, wint_t wc)
{
	enum reader_mode	 mode = reader_mode(t->r);
	enum reader_cmd		 cmd;
	int			 ch = (int)wc;
	char			 u[8];
	int			 n;

	/* The terminal answering a question is no key pressed. */
	if (is_key && screen_reply(ch))
		return;
	notice[0] = '\0';
	if (is_key && wc == KEY_RESIZE) {
		/* Queued by resizeterm(), which resize() has run. */
		fit(t);
		return;
	}
	if (is_key && wc == KEY_MOUSE) {
		mouse(t);
		t->count = 0;
		return;
	}
	/* Counts are read once, for the tables that take them. */
	if (!is_key && key_tables[mode].counts && wc >= '0' && wc <= '9' &&
	    (wc != '0' || t->count > 0)) {
		if (t->count < 100000)
			t->count = t->count * 10 + (ch - '0');
		return;
	}
	if ((is_key || wc < 0x80) && keys_lookup(mode, ch, &cmd) == 0)
		reader_do(t->r, cmd, t->count);
	else if ((mode == RM_PROMPT || mode == RM_EDIT || mode == RM_MARK) &&
	    !is_key &&
	    (wc < 0x80 || screen_utf8()) &&
	    (n = u8_uctomb((uint8_t *)u, (ucs4_t)wc, sizeof(u))) > 0)
		reader_input(t->r, u, (size_t)n);
	else if (mode == RM_MARK)
		reader_do(t->r, RC_MARK_CANCEL, 0);
	t->count = 0;
}

/*
 * One key from curses: OK (a character) or KEY_CODE_YES (a key code) with
 * *wc, or ERR.  Under a locale that is not UTF-8 keys are read as bytes:
 * curses would drop those after one it cannot decode.
 */
static int
read_key(wint_t *wc)
{
	int c;

	if (screen_utf8())
		return get_wch(wc);
	if ((c = getch()) == ERR)
		return ERR;
	*wc = (wint_t)c;
	return c >= KEY_MIN ? KEY_CODE_YES : OK;
}

/*
 * The reader's place in this pair of essays, kept in the personal store
 * once it stays still a moment and when it ends, and gone back to when
 * it starts (unless a note kept from last time is open: its passage is
 * the place).  A place kept only at the end would be lost with a killed
 * process or a dropped link.
 */
static void
place(struct tui *t, int save)
{
	struct store_position p;

	if (t->stores[0] == NULL)
		return;
	memset(&p, 0, sizeof(p));
	if (save) {
		reader_get_place(t->r, &p);
		if (p.offset[0] == t->kept.offset[0] &&
		    p.offset[1] == t->kept.offset[1] &&
		    p.focus == t->kept.focus && p.sync == t->kept.sync)
			return;
		if (store_position_put(t->stores[0],
		    anchor_doc_id(t->docs[0]), anchor_doc_id(t->docs[1]),
		    &p) == 0)
			t->kept = p;
	} else if (reader_mode(t->r) == RM_READ &&
	    store_position_get(t->stores[0], anchor_doc_id(t->docs[0]),
	    anchor_doc_id(t->docs[1]), &p) == 0) {
		reader_set_place(t->r, &p);
		reader_get_place(t->r, &t->kept);
	}
}

/* Still a moment after a key: the place is kept. */
static void
on_still(void *arg)
{
	place(arg, 1);
}

/*
 * After Esc [ : whether a terminal's answer follows (? then parameters
 * and a final byte), which curses did not take whole as the key it
 * stands for (a slow link split it): then it is read and dropped, its
 * bytes being no keys.  Else what was read is given back.
 */
static int
drop_answer(void)
{
	wint_t	 wc;
	int	 rc, i;

	if ((rc = read_key(&wc)) == ERR)
		return 0;
	if (rc != OK || wc != '?') {
		if (rc == OK && screen_utf8())
			unget_wch((wchar_t)wc);
		else
			ungetch((int)wc);
		return 0;
	}
	for (i = 0; i < 32 && read_key(&wc) == OK; i++)
		if (wc >= 0x40 && wc <= 0x7e)
			break;
	return 1;
}

/* The terminal has input: every key waiting. */
static void
on_input(int fd, int events, void *arg)
{
	struct tui	*t = arg;
	wint_t		 wc, wc2;
	int		 rc, rc2, errs, got = 0;

	(void)fd;
	/* ERR is "no more input", or a byte the locale cannot decode (a
	   non-ASCII character under LANG=C), after which more keys may be
	   waiting: only a few ERRs in a row end the round. */
	for (errs = 0; errs < MAX_BAD_BYTES && !reader_done(t->r);) {
		if ((rc = read_key(&wc)) == ERR) {
			errs++;
			continue;
		}
		errs = 0;
		got = 1;
		/* Esc and Enter in one go: Alt-Enter. */
		if (rc == OK && wc == 27) {
			rc2 = read_key(&wc2);
			if (rc2 == OK && wc2 == '\r') {
				key(t, 1, KEY_ALT_ENTER);
				continue;
			}
			if (rc2 == OK && wc2 == '[' && drop_answer())
				continue;
			key(t, 0, wc);
			if (rc2 == ERR || reader_done(t->r))
				continue;
			rc = rc2;
			wc = wc2;
		}
		key(t, rc == KEY_CODE_YES, wc);
	}
	/* Readable but nothing to read, again and again: the terminal is
	   gone (a dropped ssh link) as surely as with a hangup. */
	if (got)
		t->empty = 0;
	else if (++t->empty > MAX_EMPTY_READS || (events & POLLHUP))
		t->signo = SIGHUP;
	/* Alone, the timer is free: the place is kept once still (in a
	   seminar the watch's ticks keep it). */
	if (got && t->stores[1] == NULL)
		loop_set_timer(t->loop, KEEP_MS, on_still, t);
}

/*
 * The user's editor ($VISUAL, else $EDITOR, else vi) on text, in a file
 * of its own (mode 0600) that is removed after: 0 with *out (caller
 * frees), or -1 with *err (caller frees).  The terminal is given to the
 * editor meanwhile; as system(3) does, the reader ignores SIGINT and
 * SIGQUIT while it waits.
 */
static int
outside_editor(const char *text, char **out, char **err)
{
	const char	*ed, *tmp;
	struct sigaction sa, oint, oquit, otstp;
	struct buf	 b, cmd;
	size_t		 len, n;
	char		 path[4096], *data;
	pid_t		 pid;
	int		 fd, status, rc = -1;

	*out = *err = NULL;
	buf_init(&b);
	if ((ed = getenv("VISUAL")) == NULL || *ed == '\0')
		if ((ed = getenv("EDITOR")) == NULL || *ed == '\0')
			ed = "vi";
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp != '/')
		tmp = "/tmp";
	snprintf(path, sizeof(path), "%s/diptych-note-XXXXXX.txt", tmp);
	if ((fd = mkstemps(path, 4)) == -1) {
		buf_printf(&b, "cannot make a file for the editor in %s: %s",
		    tmp, strerror(errno));
		*err = buf_steal(&b, NULL);
		return -1;
	}
	len = strlen(text);
	if (write(fd, text, len) != (ssize_t)len ||
	    ((len == 0 || text[len - 1] != '\n') && write(fd, "\n", 1) != 1) ||
	    close(fd) == -1) {
		buf_printf(&b, "%s: %s", path, strerror(errno));
		*err = buf_steal(&b, NULL);
		unlink(path);
		return -1;
	}
	endwin();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &oint);
	sigaction(SIGQUIT, &sa, &oquit);
	/* Ctrl-Z in the editor stops its process group, this one too,
	   as mutt does: the shell gets the terminal, fg gives it back. */
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &sa, &otstp);
	sa.sa_handler = SIG_IGN;
	/* The editor's words are the shell's ("vim -u NONE"), the file's
	   name is "$1": never parsed. */
	buf_init(&cmd);
	buf_printf(&cmd, "%s \"$1\"", ed);
	if ((pid = fork()) == 0) {
		sa.sa_handler = SIG_DFL;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGQUIT, &sa, NULL);
		sigaction(SIGTSTP, &sa, NULL);
		execl("/bin/sh", "sh", "-c", cmd.data, "sh", path, (char *)NULL);
		_exit(127);
	}
	buf_free(&cmd);
	status = 0;
	if (pid == -1)
		buf_printf(&b, "cannot run %s: %s", ed, strerror(errno));
	else {
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
		if (!WIFEXITED(status))
			buf_printf(&b, "%s ended by signal %d", ed,
			    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
		else if (WEXITSTATUS(status) != 0)
			buf_printf(&b, "%s failed (exit %d)", ed,
			    WEXITSTATUS(status));
		else if (util_read_file(path, &data, &n) == -1)
			buf_printf(&b, "%s: %s", path, strerror(errno));
		else if (memchr(data, '\0', n) != NULL ||
		    u8_check((const uint8_t *)data, n) != NULL) {
			buf_printf(&b, "%s left text that is not UTF-8", ed);
			free(data);
		} else {
			/* The newline an editor ends a file with is not
			   the note's. */
			while (n > 0 && data[n - 1] == '\n')
				data[--n] = '\0';
			*out = data;
			rc = 0;
		}
	}
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	sigaction(SIGTSTP, &otstp, NULL);
	unlink(path);
	if (rc == -1)
		*err = buf_steal(&b, NULL);
	else
		buf_free(&b);
	return rc;
}

/* The reader asked for the user's editor: run it, give back its text. */
static void
run_outside_editor(struct tui *t)
{
	const char	*text = reader_external(t->r);
	char		*out, *err;

	if (text == NULL)
		return;
	/* Should the link drop while the editor runs, the note so far
	   is the store's draft. */
	reader_keep_draft(t->r);
	outside_editor(text, &out, &err);
	clearok(curscr, TRUE);
	resize(t);
	reader_external_done(t->r, out, err);
	free(out);
	free(err);
}

/*
 * Publish the reader's place in the seminar when it moved (or whom it
 * follows changed), and every HEARTBEAT_MS anyway: that says it is
 * there.
 */
static void
publish(struct tui *t)
{
	struct store_position	 p;
	const char		*f = reader_following(t->r);

	memset(&p, 0, sizeof(p));
	reader_get_place(t->r, &p);
	snprintf(p.following, sizeof(p.following), "%s", f != NULL ? f : "");
	if (p.offset[0] == t->shown.offset[0] &&
	    p.offset[1] == t->shown.offset[1] && p.focus == t->shown.focus &&
	    p.sync == t->shown.sync &&
	    strcmp(p.following, t->shown.following) == 0 &&
	    anno_now() - t->shown.saved < HEARTBEAT_MS)
		return;
	if (store_position_put(t->stores[1], anchor_doc_id(t->docs[0]),
	    anchor_doc_id(t->docs[1]), &p) == 0)
		t->shown = p;
}

/* Who else reads the pair now, for F and for following. */
static void
readers(struct tui *t)
{
	struct store_reader	*v;
	size_t			 n, i, k;
	const char		*me = store_author(t->stores[1]);

	if (store_readers(t->stores[1], anchor_doc_id(t->docs[0]),
	    anchor_doc_id(t->docs[1]), anno_now() - PRESENT_MS, &v, &n) == -1)
		return;
	for (i = k = 0; i < n; i++)
		if (strcmp(v[i].author, me) != 0)
			v[k++] = v[i];
	reader_set_readers(t->r, v, k);
}

/*
 * Time to look whether others changed the stores, and, in a seminar,
 * to say where one is and see where the others are.
 */
static void	on_store(int, int, void *);

/*
 * Watch the seminar's descriptor, if it has one: it changes when its
 * server is reached again, and goes while it cannot be reached (a lost
 * connection's socket would wake the loop for ever).
 */
static void
watch_fd(struct tui *t)
{
	int	 fd = -1, ms;

	if (t->stores[1] != NULL && store_connected(t->stores[1]))
		store_watch(t->stores[1], &fd, &ms);
	if (fd == t->watch_fd)
		return;
	if (t->watch_fd >= 0)
		loop_remove_fd(t->loop, t->watch_fd);
	if (fd >= 0)
		loop_add_fd(t->loop, fd, on_store, t);
	t->watch_fd = fd;
}

/* Look at the stores, and at whether the seminar went or came back. */
static void
poll_stores(struct tui *t)
{
	reader_poll_stores(t->r);
	watch_fd(t);
}

static void
on_watch(void *arg)
{
	struct tui	*t = arg;
	int		 away;

	t->ticks++;
	away = t->stores[1] != NULL && !store_connected(t->stores[1]);
	if (t->stores[1] != NULL && !away) {
		publish(t);
		if (store_moved(t->stores[1]) == 1 || t->ticks % 20 == 1)
			readers(t);
	}
	/* Away, the seminar is tried again every other tick. */
	if (away ? t->ticks % 2 == 0 :
	    t->ticks * PLACE_MS % (unsigned)t->watch_ms < PLACE_MS)
		poll_stores(t);
	if (t->ticks % (KEEP_MS / PLACE_MS) == 0)
		place(t, 1);
	loop_set_timer(t->loop, PLACE_MS, on_watch, t);
}

/* A store's connection has news (a notification, or it went). */
static void
on_store(int fd, int events, void *arg)
{
	(void)fd;
	(void)events;
	poll_stores(arg);
}

/*
 * Watch the stores as they ask: their descriptors in the loop, and a
 * timer at the shortest interval.  Only with a seminar open: alone, a
 * reader is the only writer of its store and sleeps when idle.
 */
static void
watch_stores(struct tui *t)
{
	int	 i, fd, ms;

	t->watch_ms = -1;
	t->watch_fd = -1;
	if (t->stores[1] == NULL)
		return;
	for (i = 0; i < 2; i++) {
		if (t->stores[i] == NULL)
			continue;
		store_watch(t->stores[i], &fd, &ms);
		if (ms > 0 && (t->watch_ms < 0 || ms < t->watch_ms))
			t->watch_ms = ms;
	}
	watch_fd(t);
	if (t->watch_ms < PLACE_MS)
		t->watch_ms = PLACE_MS;
	loop_set_timer(t->loop, PLACE_MS, on_watch, t);
}


/* Draw the reader's frame, copy what it asks to, place the cursor. */
static void
draw(struct tui *t)
{
	const char	*clip;
	char		*b64;
	int		 y, x;

	if (reader_take_redraw(t->r))
		clearok(curscr, TRUE);
	screen_begin();
	reader_frame(t->r, screen_cell, NULL);
	if (notice[0] != '\0')
		screen_notice(notice);
	if (reader_cursor(t->r, &y, &x))
		screen_cursor(y, x);
	else
		screen_cursor(-1, 0);
	screen_end();
	if ((clip = reader_take_clipboard(t->r)) != NULL) {
		b64 = util_base64(clip, strlen(clip));
		screen_osc52(b64);
		free(b64);
	}
}

int
tui_run(struct doc *left, struct doc *right, struct glossary *g,
    struct store *store, const char *store_off, struct store *seminar,
    int flags, int measure, int *signo, char **err)
{
	struct tui	 t;
	size_t		 nhelp;
	const struct reader_help *help = keys_help(&nhelp);

	*err = NULL;
	*signo = 0;
	memset(&t, 0, sizeof(t));
	t.flags = flags;
	t.r = reader_new(left, right, g);
	reader_set_secure(t.r, (flags & TUI_SECURE) != 0);
	if (measure >= 0)
		reader_set_measure(t.r, measure);
	t.stores[0] = store;
	t.docs[0] = left;
	t.docs[1] = right;
	if (seminar != NULL && reader_set_seminar(t.r, seminar) == 0)
		t.stores[1] = seminar;
	reader_set_store_later(t.r, store, store_off);
	reader_set_help(t.r, help, nhelp);
	/* The loop catches the signals before curses starts, so that
	   curses leaves them (SIGWINCH, SIGTSTP) to it. */
	if ((t.loop = loop_new(on_signal, &t)) == NULL) {
		struct buf b;

		buf_init(&b);
		buf_printf(&b, "cannot make a pipe: %s", strerror(errno));
		*err = buf_steal(&b, NULL);
		reader_free(t.r);
		return -1;
	}
	if (screen_open(err) == -1) {
		loop_free(t.loop);
		reader_free(t.r);
		return -1;
	}
	nodelay(stdscr, TRUE);
	/* Without --mouse the terminal keeps its own text selection. */
	if (flags & TUI_MOUSE) {
		mousemask(BUTTON1_CLICKED | BUTTON1_RELEASED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		    | BUTTON5_PRESSED
#endif
		    , NULL);
		mouseinterval(0);
	}
	reader_set_clipboard(t.r, screen_clipboard());
	loop_add_fd(t.loop, STDIN_FILENO, on_input, &t);
	watch_stores(&t);
	fit(&t);
	if ((flags & TUI_TOP) == 0)
		place(&t, 0);
	if (start_sync >= 0 && !start_sync != !reader_locked(t.r))
		reader_do(t.r, RC_LOCK, 0);
	/* The first frame shows the notes' passages in view; the notes
	   are read once it is out, before any key. */
	reader_paint_places(t.r);
	while (!reader_done(t.r) && t.signo == 0) {
		run_outside_editor(&t);
		draw(&t);
		if (reader_idle(t.r))
			continue;
		if (loop_once(t.loop) == -1)
			break;
	}
	screen_close();
	place(&t, 1);
	/* Ended by a signal (a dropped connection): nothing typed is lost. */
	if (t.signo != 0)
		reader_keep_draft(t.r);
	loop_free(t.loop);
	reader_free(t.r);
	*signo = t.signo;
	return 0;
}
