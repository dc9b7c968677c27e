/*
 * tui.c: the key table, the commands it binds, and the main loop.
 *
 * Keys are one table (struct binding): the dispatcher, the ? screen,
 * --help and the man page test all read it.  A key runs a command, which
 * changes the state (struct app, app.h) through view.c; the loop then
 * has draw.c draw the whole frame.  Lists and popups (overlays) and the
 * search prompt take the keys while they are open.
 */
#include "config.h"

#include <stddef.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>
#include <unistr.h>

#include "diptych/align.h"
#include "diptych/card.h"
#include "diptych/doc.h"
#include "diptych/glossary.h"
#include "diptych/layout.h"
#include "diptych/search.h"
#include "diptych/tui.h"
#include "diptych/util.h"
#include "app.h"
#include "screen.h"

#define CTRL(c)		((c) & 0x1f)
#define KEY_ESC		27

static volatile sig_atomic_t got_signal;

static void	cmd_quit(struct app *, int);
static void	cmd_scroll(struct app *, int);
static void	cmd_page(struct app *, int);
static void	cmd_half(struct app *, int);
static void	cmd_edge(struct app *, int);
static void	cmd_section(struct app *, int);
static void	cmd_sections(struct app *, int);
static void	cmd_focus(struct app *, int);
static void	cmd_lock(struct app *, int);
static void	cmd_select(struct app *, int);
static void	cmd_open(struct app *, int);
static void	cmd_unselect(struct app *, int);
static void	cmd_copy(struct app *, int);
static void	cmd_terms(struct app *, int);
static void	cmd_search(struct app *, int);
static void	cmd_next(struct app *, int);
static void	cmd_help(struct app *, int);
static void	cmd_redraw(struct app *, int);

/* The key table: one row per command. */
const struct binding bindings[] = {
	{ { 'j', KEY_DOWN, CTRL('E') }, "j Down Ctrl-E",
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
	{ { ']' }, "]", "next section, in both panes", cmd_section, 1 },
	{ { '[' }, "[", "previous section, in both panes", cmd_section, -1 },
	{ { 'S' }, "S", "sections list (Enter jumps)", cmd_sections, 0 },
	{ { 'h', KEY_LEFT }, "h Left",
	  "focus the left pane (narrow: show it)", cmd_focus, SIDE_LEFT },
	{ { 'l', KEY_RIGHT }, "l Right",
	  "focus the right pane (narrow: show it)", cmd_focus, SIDE_RIGHT },
	{ { 's' }, "s", "sync lock on or off", cmd_lock, 0 },
	{ { '\t' }, "Tab", "select the next citation or term", cmd_select, 1 },
	{ { KEY_BTAB }, "Shift-Tab", "select the previous citation or term",
	  cmd_select, -1 },
	{ { '\r', '\n', KEY_ENTER }, "Enter",
	  "open the selection's popup (none: down a row)", cmd_open, 0 },
	{ { 'y' }, "y", "copy the selection's URL (OSC 52)", cmd_copy, 0 },
	{ { KEY_ESC }, "Esc", "clear the selection and search highlights",
	  cmd_unselect, 0 },
	{ { 'T' }, "T", "glossary index (Enter: next occurrence)", cmd_terms,
	  0 },
	{ { '/' }, "/", "search the focused pane (smart case)", cmd_search,
	  0 },
	{ { 'n' }, "n", "next match", cmd_next, 1 },
	{ { 'N' }, "N", "previous match", cmd_next, -1 },
	{ { '?' }, "?", "show or hide this help", cmd_help, 0 },
	{ { CTRL('L') }, "Ctrl-L", "redraw the screen", cmd_redraw, 0 },
	{ { 'q' }, "q", "quit (nothing is ever unsaved)", cmd_quit, 0 },
};

const size_t nbindings = sizeof(bindings) / sizeof(bindings[0]);

#define NBINDINGS	nbindings

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
cmd_scroll(struct app *a, int dir)
{
	view_move(a, (long)dir * take_count(a));
}

static void
cmd_page(struct app *a, int dir)
{
	long page = a->height > 2 ? a->height - 1 : 1;

	view_move(a, (long)dir * take_count(a) * page);
}

static void
cmd_half(struct app *a, int dir)
{
	long half = a->height / 2 > 0 ? a->height / 2 : 1;

	view_move(a, (long)dir * take_count(a) * half);
}

static void
cmd_edge(struct app *a, int dir)
{
	struct pane *f = &a->pane[a->focus];

	a->count = 0;
	if (view_driven(a)) {
		a->atop = dir < 0 ? 0 : view_last_top(a, view_drive_rows(a));
		view_tops_from_atop(a);
		return;
	}
	f->top = dir < 0 ? 0 : view_last_top(a, layout_nrows(f->lay));
	view_set_anchor(f);
	view_follow(a);
}

/*
 * ] and [: the next or previous section.  In row mode that is the next
 * in aligned order; otherwise the next that the focused essay has.  [
 * inside a section first goes back to its start.
 */
static void
cmd_section(struct app *a, int dir)
{
	size_t	 cur = view_current_section(a), n = align_nsections(a->al), k;
	size_t	 pos = view_row_mode(a) ? a->atop : align_index_of(a->al, a->focus,
	    a->pane[a->focus].top);
	int	 times = take_count(a);

	while (times-- > 0) {
		if (dir < 0 && align_section(a->al, cur)->first < pos) {
			pos = align_section(a->al, cur)->first;
			continue;
		}
		for (k = cur; dir > 0 ? k + 1 < n : k > 0;) {
			k = dir > 0 ? k + 1 : k - 1;
			if (view_row_mode(a) ||
			    align_section(a->al, k)->sec[a->focus] >= 0) {
				cur = k;
				break;
			}
		}
		pos = align_section(a->al, cur)->first;
	}
	view_goto_section(a, cur);
}

static void
cmd_sections(struct app *a, int arg)
{
	(void)arg;
	a->count = 0;
	a->overlay = OV_SECTIONS;
	a->ov_sel = (long)view_current_section(a);
	a->ov_top = 0;
}

static void
cmd_focus(struct app *a, int side)
{
	a->count = 0;
	if (a->focus == side)
		return;
	a->focus = side;
	if (a->single) {
		a->pane[side].shown = 1;
		a->pane[!side].shown = 0;
	}
}

static void
cmd_lock(struct app *a, int arg)
{
	(void)arg;
	a->count = 0;
	a->locked = !a->locked;
	/* The focused pane stays; the other comes to its place. */
	if (a->locked)
		view_pane_to(a, a->focus, a->pane[a->focus].top);
}

static void
cmd_help(struct app *a, int arg)
{
	(void)arg;
	a->count = 0;
	a->overlay = OV_HELP;
	a->ov_top = 0;
	a->ov_sel = -1;
}

static void
cmd_redraw(struct app *a, int arg)
{
	(void)arg;
	a->count = 0;
	clearok(curscr, TRUE);
}

/* Select item i of pane side and bring it into view. */
static void
select_item(struct app *a, int side, long i)
{
	struct pane *p = &a->pane[side];

	p->sel = i;
	view_show(a, side, p->items[i].start);
}

static void
cmd_select(struct app *a, int dir)
{
	struct pane	*f = &a->pane[a->focus];
	const struct layout_row *top = layout_row(f->lay, f->top);
	long		 i, n = (long)f->nitems;
	int		 times = take_count(a);

	if (n == 0) {
		snprintf(a->msg, sizeof(a->msg), "no citations or terms here");
		return;
	}
	if (f->sel >= 0 && view_screen_row(a, a->focus,
	    f->items[f->sel].start) >= 0)
		i = f->sel + dir * times;
	else {
		/* From the top of the pane: the first item on it. */
		i = view_first_from(top, f->items, f->nitems, sizeof(*f->items),
		    offsetof(struct item, start));
		i += dir > 0 ? dir * (times - 1) : dir * times;
	}
	i %= n;
	if (i < 0)
		i += n;
	select_item(a, a->focus, i);
}

/* Fill the card of pane p's selected item; 0, or -1 when there is none. */
static int
make_card(struct app *a, struct pane *p, struct card *c)
{
	const struct item *it;
	const char	*names[2];
	size_t		 counts[2];

	if (p->sel < 0)
		return -1;
	it = &p->items[p->sel];
	if (it->link)
		return card_link(c, p->doc, it->index);
	names[0] = doc_short_title(a->pane[0].doc);
	names[1] = doc_short_title(a->pane[1].doc);
	counts[0] = a->pane[0].counts[p->hits[it->index].term];
	counts[1] = a->pane[1].counts[p->hits[it->index].term];
	card_term(c, a->gloss, p->hits[it->index].term, counts, names);
	return 0;
}

static void
cmd_open(struct app *a, int arg)
{
	struct pane *f = &a->pane[a->focus];

	if (f->sel < 0 || view_screen_row(a, a->focus,
	    f->items[f->sel].start) < 0) {
		cmd_scroll(a, 1);	/* nothing selected in view */
		return;
	}
	(void)arg;
	a->count = 0;
	card_free(&a->card);
	layout_free(a->card_lay);
	a->card_lay = NULL;
	if (make_card(a, f, &a->card) == -1) {
		snprintf(a->msg, sizeof(a->msg), "this citation leads nowhere");
		return;
	}
	a->overlay = OV_CARD;
	a->ov_top = 0;
}

/* Copy url to the terminal's clipboard and say so. */
static void
copy_url(struct app *a, const char *url)
{
	char *b64;

	if (url == NULL || *url == '\0') {
		snprintf(a->msg, sizeof(a->msg), "no URL to copy");
		return;
	}
	b64 = util_base64(url, strlen(url));
	screen_osc52(b64);
	free(b64);
	snprintf(a->msg, sizeof(a->msg), "copied %s", url);
}

static void
cmd_copy(struct app *a, int arg)
{
	struct card c;

	(void)arg;
	a->count = 0;
	if (make_card(a, &a->pane[a->focus], &c) == -1) {
		snprintf(a->msg, sizeof(a->msg), "nothing selected to copy "
		    "(Tab selects)");
		return;
	}
	copy_url(a, c.url);
	card_free(&c);
}

/* Drop pane p's search matches. */
static void
clear_matches(struct pane *p)
{
	free(p->matches);
	free(p->searched);
	p->matches = NULL;
	p->searched = NULL;
	p->nmatches = 0;
	p->cur = -1;
}

static void
cmd_unselect(struct app *a, int arg)
{
	(void)arg;
	a->count = 0;
	a->pane[a->focus].sel = -1;
	clear_matches(&a->pane[SIDE_LEFT]);
	clear_matches(&a->pane[SIDE_RIGHT]);
}

static void
cmd_terms(struct app *a, int arg)
{
	(void)arg;
	a->count = 0;
	if (glossary_nterms(a->gloss) == 0)
		return;
	a->overlay = OV_TERMS;
	if (a->ov_sel < 0 || a->ov_sel >= (long)glossary_nterms(a->gloss))
		a->ov_sel = 0;
	a->ov_top = 0;
}

static void
cmd_search(struct app *a, int arg)
{
	(void)arg;
	a->count = 0;
	a->prompting = 1;
	buf_free(&a->input);
	buf_add(&a->input, "", 0);
}

/*
 * Go to match number k (wrapping) of the focused pane's matches for the
 * last pattern, finding them first if the pane has not been searched
 * for it; from is where a first match is looked for.
 */
static void
show_match(struct app *a, long step)
{
	struct pane	*f = &a->pane[a->focus];
	const struct layout_row *top = layout_row(f->lay, f->top);
	long		 n, k;
	const char	*wrapped = "";

	if (a->pattern == NULL) {
		snprintf(a->msg, sizeof(a->msg), "no search yet: / searches");
		return;
	}
	if (f->searched == NULL || strcmp(f->searched, a->pattern) != 0) {
		clear_matches(f);
		f->matches = search_doc(f->doc, a->pattern, &f->nmatches);
		f->searched = xstrdup(a->pattern);
	}
	n = (long)f->nmatches;
	if (n == 0) {
		snprintf(a->msg, sizeof(a->msg), "not found: %s", a->pattern);
		return;
	}
	if (f->cur < 0 || view_screen_row(a, a->focus,
	    f->matches[f->cur].start) < 0) {
		/* From the top of the pane. */
		k = view_first_from(top, f->matches, f->nmatches,
		    sizeof(*f->matches), offsetof(struct search_hit, start));
		if (step < 0)
			k--;
	} else
		k = f->cur + step;
	if (k >= n || k < 0)
		wrapped = " (wrapped)";
	k = ((k % n) + n) % n;
	f->cur = k;
	view_show(a, a->focus, f->matches[k].start);
	snprintf(a->msg, sizeof(a->msg), "/%s: %ld of %ld%s", a->pattern,
	    k + 1, n, wrapped);
}

static void
cmd_next(struct app *a, int dir)
{
	show_match(a, (long)dir * take_count(a));
}

/* A key while the pattern is typed. */
static void
prompt_key(struct app *a, int is_key, wint_t wc)
{
	uint8_t	 u[6];
	int	 n;

	if (!is_key && (wc == '\r' || wc == '\n')) {
		a->prompting = 0;
		if (a->input.len > 0) {
			free(a->pattern);
			a->pattern = xstrdup(a->input.data);
			a->pane[a->focus].cur = -1;
		}
		show_match(a, 0);
		return;
	}
	if (!is_key && (wc == KEY_ESC || wc == CTRL('C') || wc == CTRL('G'))) {
		a->prompting = 0;
		return;
	}
	if ((is_key && wc == KEY_BACKSPACE) || (!is_key && (wc == 0x7f ||
	    wc == CTRL('H')))) {
		if (a->input.len == 0) {
			a->prompting = 0;
			return;
		}
		/* Back to the start of the last code point. */
		do
			a->input.len--;
		while (a->input.len > 0 &&
		    ((unsigned char)a->input.data[a->input.len] & 0xc0) == 0x80);
		a->input.data[a->input.len] = '\0';
		return;
	}
	if (!is_key && wc == CTRL('U')) {
		a->input.len = 0;
		a->input.data[0] = '\0';
		return;
	}
	if (is_key || wc < 0x20 || wc == 0x7f || (wc >= 0x80 && wc < 0xa0) ||
	    a->input.len > 200)
		return;
	if ((n = u8_uctomb(u, (ucs4_t)wc, sizeof(u))) > 0)
		buf_add(&a->input, u, (size_t)n);
}

/* Go to the next occurrence of term t, across both essays in turn. */
static void
visit_term(struct app *a, size_t t)
{
	const char	*name = glossary_term(a->gloss, t)->name;
	size_t		 c0 = a->pane[0].counts[t], total = c0 +
			    a->pane[1].counts[t], k, nth, seen = 0, i;
	struct pane	*p;
	int		 side;

	if (total == 0) {
		snprintf(a->msg, sizeof(a->msg), "%s: in neither essay", name);
		return;
	}
	k = a->cycle[t]++ % total;
	side = k < c0 ? SIDE_LEFT : SIDE_RIGHT;
	nth = side == SIDE_LEFT ? k : k - c0;
	p = &a->pane[side];
	for (i = 0; i < p->nitems; i++) {
		const struct item *it = &p->items[i];

		if (!it->link && p->hits[it->index].term == t &&
		    seen++ == nth)
			break;
	}
	cmd_focus(a, side);
	select_item(a, side, (long)i);
	snprintf(a->msg, sizeof(a->msg), "%s: %zu of %zu", name, k + 1, total);
}

/* Keys while an overlay is open. */
static void
overlay_key(struct app *a, int ch)
{
	long	 n, *pos;

	switch (a->overlay) {
	case OV_HELP:
		n = (long)NBINDINGS;
		pos = &a->ov_top;
		break;
	case OV_SECTIONS:
		n = (long)align_nsections(a->al);
		pos = &a->ov_sel;
		break;
	case OV_TERMS:
		n = (long)glossary_nterms(a->gloss);
		pos = &a->ov_sel;
		break;
	default:
		n = a->card_lay ? (long)layout_nrows(a->card_lay) : 0;
		pos = &a->ov_top;
		break;
	}
	switch (ch) {
	case 'j': case KEY_DOWN:
		if (*pos + 1 < n)
			(*pos)++;
		break;
	case 'k': case KEY_UP:
		if (*pos > 0)
			(*pos)--;
		break;
	case ' ': case 'f': case KEY_NPAGE:
		*pos += LINES / 2;
		if (*pos >= n)
			*pos = n - 1;
		break;
	case 'b': case KEY_PPAGE:
		*pos -= LINES / 2;
		if (*pos < 0)
			*pos = 0;
		break;
	case 'g': case KEY_HOME:
		*pos = 0;
		break;
	case 'G': case KEY_END:
		*pos = n - 1;
		break;
	case '\r': case '\n': case KEY_ENTER:
		if (a->overlay == OV_SECTIONS)
			view_goto_section(a, (size_t)a->ov_sel);
		else if (a->overlay == OV_TERMS)
			visit_term(a, (size_t)a->ov_sel);
		a->overlay = OV_NONE;
		break;
	case 'y':
		if (a->overlay == OV_CARD)
			copy_url(a, a->card.url);
		break;
	case 'q': case KEY_ESC:
		a->overlay = OV_NONE;
		break;
	case '?': case 'S': case 'T':
		if ((ch == '?' && a->overlay == OV_HELP) ||
		    (ch == 'S' && a->overlay == OV_SECTIONS) ||
		    (ch == 'T' && a->overlay == OV_TERMS))
			a->overlay = OV_NONE;
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

	a->msg[0] = '\0';
	if (a->tiny) {
		if (ch == 'q')
			a->quit = 1;
		return;
	}
	if (a->overlay != OV_NONE) {
		overlay_key(a, ch);
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

/* Find pane p's glossary terms and list what Tab can select. */
static void
pane_items(struct pane *p, struct glossary *g)
{
	size_t		 len, nl = doc_nlinks(p->doc), i = 0, j = 0, k;
	const char	*text = doc_text(p->doc, &len);

	p->hits = g ? glossary_match(g, text, len, &p->nhits) : NULL;
	p->counts = xcalloc((g ? glossary_nterms(g) : 0) + 1, sizeof(size_t));
	for (k = 0; k < p->nhits; k++)
		p->counts[p->hits[k].term]++;
	p->nitems = nl + p->nhits;
	p->items = xcalloc(p->nitems + 1, sizeof(*p->items));
	for (k = 0; k < p->nitems; k++) {
		struct item *it = &p->items[k];

		if (j >= p->nhits || (i < nl &&
		    doc_link(p->doc, i)->start <= p->hits[j].start)) {
			it->start = doc_link(p->doc, i)->start;
			it->end = doc_link(p->doc, i)->end;
			it->link = 1;
			it->index = i++;
		} else {
			it->start = p->hits[j].start;
			it->end = p->hits[j].end;
			it->link = 0;
			it->index = j++;
		}
	}
	p->sel = -1;
}

int
tui_run(struct doc *left, struct doc *right, struct glossary *g, int *signo,
    char **err)
{
	struct app		 a;
	struct sigaction	 sa;
	wint_t			 wc;
	int			 rc, errors = 0, side;

	*err = NULL;
	*signo = 0;
	memset(&a, 0, sizeof(a));
	a.pane[SIDE_LEFT].doc = left;
	a.pane[SIDE_RIGHT].doc = right;
	a.locked = 1;
	a.focus = SIDE_LEFT;
	a.gloss = g;
	buf_init(&a.input);
	a.pane[SIDE_LEFT].cur = a.pane[SIDE_RIGHT].cur = -1;
	a.cycle = xcalloc(glossary_nterms(g) + 1, sizeof(size_t));
	for (side = 0; side < 2; side++)
		pane_items(&a.pane[side], g);
	if (screen_open(err) == -1)
		goto out;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	view_relayout(&a);
	while (!a.quit && !got_signal) {
		draw_screen(&a);
		rc = get_wch(&wc);
		if (got_signal)
			break;
		if (rc == ERR) {
			/* Interrupted, or the terminal is gone. */
			if (errno != EINTR && ++errors > 100)
				break;
			continue;
		}
		errors = 0;
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE)
			view_relayout(&a);
		else if (a.prompting)
			prompt_key(&a, rc == KEY_CODE_YES, wc);
		else if (rc == KEY_CODE_YES || wc < 0x80)
			dispatch(&a, (int)wc);
		else
			a.msg[0] = '\0';	/* other characters: no command */
	}
	screen_close();
	*signo = got_signal;
out:
	align_free(a.al);
	card_free(&a.card);
	layout_free(a.card_lay);
	for (side = 0; side < 2; side++) {
		layout_free(a.pane[side].lay);
		free(a.pane[side].hits);
		free(a.pane[side].counts);
		free(a.pane[side].items);
		clear_matches(&a.pane[side]);
	}
	free(a.cycle);
	free(a.pattern);
	buf_free(&a.input);
	return *err != NULL ? -1 : 0;
}
