/*
 * tui.c: the reader's panes, key table and main loop.
 *
 * State: two panes, each a document, its layout at the pane's width, the
 * first row shown (top) and an anchor, the text offset of that row.  The
 * anchor changes only when the user moves; a resize lays the documents
 * out again and puts the anchor's row back at the top, so the same
 * paragraph stays in view however often the terminal changes size.
 *
 * Keys are one table (struct binding): the dispatcher, the ? screen and
 * --help all read it.  Every frame is drawn whole into curses' virtual
 * screen, which sends the terminal only what changed; a frame costs the
 * rows on screen, not the length of the documents.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "diptych/doc.h"
#include "diptych/layout.h"
#include "diptych/tui.h"
#include "diptych/util.h"
#include "screen.h"

#define MIN_COLS	20
#define MIN_LINES	4
#define SPLIT_COLS	80	/* below this, one pane at a time */
#define CTRL(c)		((c) & 0x1f)
#define KEY_ESC		27

struct pane {
	struct doc	*doc;
	struct layout	*lay;
	size_t		 top;		/* first row shown */
	size_t		 anchor;	/* text offset of the top row */
	int		 x, w;		/* columns of the text area */
	int		 shown;
};

struct app {
	struct pane	 pane[2];
	int		 focus;		/* 0 left, 1 right */
	int		 single;	/* narrow: only the focused pane */
	int		 tiny;		/* too small to draw */
	int		 height;	/* text rows of a pane */
	int		 help;		/* the key help is open */
	int		 help_top;
	int		 count;		/* numeric prefix, 0 for none */
	int		 quit;
};

struct binding {
	int		 keys[4];	/* 0-terminated */
	const char	*names;		/* as shown on the ? screen */
	const char	*what;
	void		(*fn)(struct app *, int);
	int		 arg;
};

static volatile sig_atomic_t got_signal;

static void	cmd_quit(struct app *, int);
static void	cmd_scroll(struct app *, int);
static void	cmd_page(struct app *, int);
static void	cmd_half(struct app *, int);
static void	cmd_edge(struct app *, int);
static void	cmd_focus(struct app *, int);
static void	cmd_help(struct app *, int);
static void	cmd_redraw(struct app *, int);

/* The key table: one row per command. */
static const struct binding bindings[] = {
	{ { 'j', KEY_DOWN, CTRL('E'), '\r' }, "j Down Ctrl-E Enter",
	  "scroll down one row (5j: five rows)", cmd_scroll, 1 },
	{ { 'k', KEY_UP, CTRL('Y') }, "k Up Ctrl-Y",
	  "scroll up one row", cmd_scroll, -1 },
	{ { ' ', 'f', KEY_NPAGE, CTRL('F') }, "Space f PgDn Ctrl-F",
	  "page down", cmd_page, 1 },
	{ { 'b', KEY_PPAGE, CTRL('B') }, "b PgUp Ctrl-B",
	  "page up", cmd_page, -1 },
	{ { 'd', CTRL('D') }, "d Ctrl-D", "half a page down", cmd_half, 1 },
	{ { 'u', CTRL('U') }, "u Ctrl-U", "half a page up", cmd_half, -1 },
	{ { 'g', KEY_HOME, '<' }, "g Home <", "go to the top", cmd_edge, -1 },
	{ { 'G', KEY_END, '>' }, "G End >", "go to the bottom", cmd_edge, 1 },
	{ { 'h', KEY_LEFT }, "h Left",
	  "focus the left pane (narrow: show it)", cmd_focus, 0 },
	{ { 'l', KEY_RIGHT }, "l Right",
	  "focus the right pane (narrow: show it)", cmd_focus, 1 },
	{ { '?' }, "?", "show or hide this help", cmd_help, 0 },
	{ { CTRL('L') }, "Ctrl-L", "redraw the screen", cmd_redraw, 0 },
	{ { 'q' }, "q", "quit (nothing is ever unsaved)", cmd_quit, 0 },
};

#define NBINDINGS	(sizeof(bindings) / sizeof(bindings[0]))

/* Keys of the help screen itself, shown at its foot. */
static const char help_foot[] = "j k PgDn PgUp: scroll   q Esc ?: close";

void
tui_print_keys(FILE *out)
{
	size_t i;

	for (i = 0; i < NBINDINGS; i++)
		fprintf(out, "  %-22s %s\n", bindings[i].names,
		    bindings[i].what);
}

static void
on_signal(int sig)
{
	got_signal = sig;
}

/* --- panes ------------------------------------------------------------ */

static size_t
max_top(const struct app *a, const struct pane *p)
{
	size_t n = layout_nrows(p->lay);

	return n > (size_t)a->height ? n - (size_t)a->height : 0;
}

/* Move pane p's top to row, clamped, and remember its anchor. */
static void
pane_goto(struct app *a, struct pane *p, long row)
{
	const struct layout_row *r;
	size_t mt = max_top(a, p);

	if (row < 0)
		row = 0;
	p->top = (size_t)row > mt ? mt : (size_t)row;
	if ((r = layout_row(p->lay, p->top)) != NULL)
		p->anchor = r->start;
}

/* Lay pane p out again at width w, keeping its anchor row on top. */
static void
pane_relayout(struct app *a, struct pane *p, int w)
{
	size_t	 mt;

	if (p->lay == NULL || layout_width(p->lay) != w) {
		layout_free(p->lay);
		p->lay = layout_new(p->doc, w);
	}
	p->top = layout_row_at(p->lay, p->anchor);
	mt = max_top(a, p);
	if (p->top > mt)
		p->top = mt;
}

/* Compute the geometry for the current terminal size. */
static void
relayout(struct app *a)
{
	int i, lw;

	a->tiny = COLS < MIN_COLS || LINES < MIN_LINES;
	if (a->tiny)
		return;
	a->height = LINES - 1;
	a->single = COLS < SPLIT_COLS;
	if (a->single) {
		for (i = 0; i < 2; i++) {
			a->pane[i].x = 0;
			a->pane[i].w = COLS;
			a->pane[i].shown = i == a->focus;
		}
	} else {
		lw = (COLS - 3) / 2;
		a->pane[0].x = 0;
		a->pane[0].w = lw;
		a->pane[1].x = lw + 3;
		a->pane[1].w = COLS - 3 - lw;
		a->pane[0].shown = a->pane[1].shown = 1;
	}
	for (i = 0; i < 2; i++)
		pane_relayout(a, &a->pane[i], a->pane[i].w);
}

struct at {
	int	 y, x;
};

static void
draw_cell(const struct cell *c, void *arg)
{
	const struct at *at = arg;

	screen_cell(at->y, at->x, c, SA_NONE);
}

static void
draw_status(const struct app *a, const struct pane *p, int focused)
{
	const struct layout_row *r = layout_row(p->lay, p->top);
	const struct doc_block *b;
	const char	*text = doc_text(p->doc, NULL);
	struct buf	 left, right;
	size_t		 n = layout_nrows(p->lay), bottom;
	long		 h;
	int		 y = a->height, role, rw, used;

	role = focused ? SA_STATUS_FOCUS : SA_STATUS;
	buf_init(&left);
	buf_init(&right);
	buf_printf(&left, " %s", doc_short_title(p->doc));
	if (r != NULL && (h = doc_heading_at(p->doc, r->start)) >= 0) {
		b = doc_block(p->doc, (size_t)h);
		buf_adds(&left, " · ");
		buf_add(&left, text + b->start, b->end - b->start);
	}
	bottom = p->top + (size_t)a->height;
	if (bottom > n)
		bottom = n;
	if (a->single)
		buf_printf(&right, "%s ", a->focus == 0 ? "[1/2 l: next]" :
		    "[2/2 h: back]");
	buf_printf(&right, "%3d%% ", n == 0 ? 100 : (int)(bottom * 100 / n));
	rw = text_width(right.data, right.len);
	screen_blank(y, p->x, p->w, role);
	used = screen_text(y, p->x, p->w - rw - 1, left.data, 0, role);
	(void)used;
	screen_text(y, p->x + p->w - rw, rw, right.data, 0, role);
	buf_free(&left);
	buf_free(&right);
}

static void
draw_pane(const struct app *a, const struct pane *p, int focused)
{
	struct at	 at;
	int		 y;

	for (y = 0; y < a->height; y++) {
		screen_blank(y, p->x, p->w, SA_NONE);
		at.y = y;
		at.x = p->x;
		layout_cells(p->lay, p->top + (size_t)y, draw_cell, &at);
	}
	draw_status(a, p, focused);
}

static void
draw_help(struct app *a)
{
	int	 w = COLS - 4 < 72 ? COLS - 4 : 72;
	int	 h = LINES - 2;
	int	 x = (COLS - w) / 2, y = 1, inner = h - 4, i, row;
	int	 namew = 22 < w / 3 ? 22 : w / 3;

	if (h > (int)NBINDINGS + 4)
		h = (int)NBINDINGS + 4;
	inner = h - 4;
	if (a->help_top > (int)NBINDINGS - inner)
		a->help_top = (int)NBINDINGS - inner;
	if (a->help_top < 0)
		a->help_top = 0;
	for (row = 0; row < h; row++)
		screen_blank(y + row, x, w, SA_NONE);
	screen_box(y, x, h, w);
	screen_text(y, x + 2, w - 4, " diptych keys ", 0, SA_FRAME);
	for (i = 0; i < inner && a->help_top + i < (int)NBINDINGS; i++) {
		const struct binding *k = &bindings[a->help_top + i];

		screen_text(y + 1 + i, x + 2, namew, k->names, DS_STRONG,
		    SA_NONE);
		screen_text(y + 1 + i, x + 3 + namew, w - namew - 5, k->what,
		    0, SA_NONE);
	}
	screen_text(y + h - 2, x + 2, w - 4, help_foot, DS_META, SA_NONE);
}

static void
draw(struct app *a)
{
	int	 i;

	erase();
	if (a->tiny) {
		screen_text(LINES / 2, 0, COLS, COLS >= 18 ?
		    "terminal too small" : "too small", DS_STRONG, SA_NONE);
		refresh();
		return;
	}
	for (i = 0; i < 2; i++)
		if (a->pane[i].shown)
			draw_pane(a, &a->pane[i], i == a->focus);
	if (!a->single) {
		screen_vline(0, a->pane[0].w + 1, a->height);
		screen_blank(a->height, a->pane[0].w, 3, SA_STATUS);
	}
	if (a->help)
		draw_help(a);
	refresh();
}

/* --- commands ----------------------------------------------------------- */

static struct pane *
focused(struct app *a)
{
	return &a->pane[a->focus];
}

static int
take_count(struct app *a)
{
	int n = a->count > 0 ? a->count : 1;

	a->count = 0;
	return n;
}

static void
cmd_quit(struct app *a, int arg)
{
	(void)arg;
	a->quit = 1;
}

static void
move_by(struct app *a, long rows)
{
	struct pane *p = focused(a);

	pane_goto(a, p, (long)p->top + rows);
}

static void
cmd_scroll(struct app *a, int dir)
{
	move_by(a, (long)dir * take_count(a));
}

static void
cmd_page(struct app *a, int dir)
{
	long page = a->height > 2 ? a->height - 1 : 1;

	move_by(a, (long)dir * take_count(a) * page);
}

static void
cmd_half(struct app *a, int dir)
{
	long half = a->height / 2 > 0 ? a->height / 2 : 1;

	move_by(a, (long)dir * take_count(a) * half);
}

static void
cmd_edge(struct app *a, int dir)
{
	struct pane *p = focused(a);

	a->count = 0;
	pane_goto(a, p, dir < 0 ? 0 : (long)max_top(a, p));
}

static void
cmd_focus(struct app *a, int which)
{
	a->count = 0;
	a->focus = which;
	if (a->single)
		relayout(a);
}

static void
cmd_help(struct app *a, int arg)
{
	(void)arg;
	a->count = 0;
	a->help = !a->help;
	a->help_top = 0;
}

static void
cmd_redraw(struct app *a, int arg)
{
	(void)arg;
	a->count = 0;
	clearok(curscr, TRUE);
}

/* Keys while the help is open: scroll it, close it, quit. */
static void
help_key(struct app *a, int ch)
{
	switch (ch) {
	case 'j': case KEY_DOWN:
		a->help_top++;
		break;
	case 'k': case KEY_UP:
		a->help_top--;
		break;
	case ' ': case 'f': case KEY_NPAGE:
		a->help_top += LINES / 2;
		break;
	case 'b': case KEY_PPAGE:
		a->help_top -= LINES / 2;
		break;
	case 'q': case '?': case KEY_ESC:
		a->help = 0;
		break;
	case CTRL('L'):
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

static void
dispatch(struct app *a, int ch)
{
	size_t	 i;
	int	 k;

	if (a->help) {
		help_key(a, ch);
		return;
	}
	if (ch >= '0' && ch <= '9' && (ch != '0' || a->count > 0)) {
		if (a->count < 100000)
			a->count = a->count * 10 + (ch - '0');
		return;
	}
	for (i = 0; i < NBINDINGS; i++)
		for (k = 0; k < 4 && bindings[i].keys[k] != 0; k++)
			if (bindings[i].keys[k] == ch) {
				bindings[i].fn(a, bindings[i].arg);
				return;
			}
	a->count = 0;		/* unbound keys do nothing */
}

int
tui_run(struct doc *left, struct doc *right, int *signo, char **err)
{
	struct app		 a;
	struct sigaction	 sa;
	int			 ch, errors = 0, i;

	memset(&a, 0, sizeof(a));
	a.pane[0].doc = left;
	a.pane[1].doc = right;
	if (screen_open(err) == -1)
		return -1;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	relayout(&a);
	while (!a.quit && !got_signal) {
		draw(&a);
		ch = getch();
		if (got_signal)
			break;
		if (ch == ERR) {
			/* Interrupted, or the terminal is gone. */
			if (errno != EINTR && ++errors > 100)
				break;
			continue;
		}
		errors = 0;
		if (ch == KEY_RESIZE)
			relayout(&a);
		else
			dispatch(&a, ch);
	}
	screen_close();
	for (i = 0; i < 2; i++)
		layout_free(a.pane[i].lay);
	*signo = got_signal;
	return 0;
}
