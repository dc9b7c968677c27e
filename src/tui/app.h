/*
 * app.h: the reader's state, shared by the files of src/tui/ only.
 *
 * view.c owns positions (what each pane shows, the sync lock, resizes),
 * draw.c turns the state into a frame, tui.c reads keys and runs the
 * commands of the key table.
 */
#ifndef DIPTYCH_APP_H
#define DIPTYCH_APP_H

#include <stddef.h>

#include "diptych/card.h"
#include "diptych/layout.h"
#include "diptych/util.h"

struct align;
struct doc;
struct glossary;
struct search_hit;
struct term_hit;

#define MIN_COLS	20
#define MIN_LINES	4
#define SPLIT_COLS	80	/* below this, one pane at a time */

/* Something Tab can select: a link (citation) or a glossary term. */
struct item {
	size_t		 start, end;
	int		 link;		/* 1: doc link index; 0: term hit index */
	size_t		 index;
};

struct pane {
	struct doc	*doc;
	struct layout	*lay;
	size_t		 top;		/* first layout row shown */
	size_t		 anchor;	/* text offset of the top row */
	int		 x, w;		/* columns of the text area */
	int		 shown;
	struct term_hit	*hits;		/* glossary terms in the text */
	size_t		 nhits;
	size_t		*counts;	/* per glossary term: its hits here */
	struct item	*items;		/* links and terms, in text order */
	size_t		 nitems;
	long		 sel;		/* selected item, or -1 */
	struct search_hit *matches;	/* of the last search, in this pane */
	size_t		 nmatches;
	long		 cur;		/* current match, or -1 */
	char		*searched;	/* the pattern matches[] are for */
};

enum overlay { OV_NONE, OV_HELP, OV_SECTIONS, OV_TERMS, OV_CARD };

struct app {
	struct pane	 pane[2];
	struct align	*al;
	size_t		 atop;		/* first aligned row, in row mode */
	int		 locked;	/* sync lock */
	int		 focus;		/* SIDE_LEFT or SIDE_RIGHT */
	int		 single;	/* narrow: only the focused pane */
	int		 tiny;		/* too small to draw */
	int		 height;	/* text rows of a pane */
	enum overlay	 overlay;
	long		 ov_top;	/* first line shown in the overlay */
	long		 ov_sel;	/* selected line (lists) */
	struct glossary	*gloss;
	size_t		*cycle;		/* per term: next occurrence to visit */
	struct card	 card;		/* the open popup's content */
	struct layout	*card_lay;	/* ... laid out at the popup's width */
	char		 msg[160];	/* shown once in the status row */
	int		 prompting;	/* reading a search pattern */
	struct buf	 input;		/* ... so far */
	char		*pattern;	/* the last pattern searched for */
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

/* The key table, in the order ? and --help show it. */
extern const struct binding	bindings[];
extern const size_t		nbindings;

/* view.c: positions.  See view.c for what each mode means. */
int	view_row_mode(const struct app *a);
int	view_prop_mode(const struct app *a);
int	view_driven(const struct app *a);
size_t	view_drive_rows(const struct app *a);
size_t	view_last_top(const struct app *a, size_t n);
size_t	view_clamp(const struct app *a, long want, size_t cur, size_t n);
void	view_set_anchor(struct pane *p);
void	view_tops_from_atop(struct app *a);
void	view_follow(struct app *a);
void	view_move(struct app *a, long rows);
void	view_pane_to(struct app *a, int side, size_t r);
void	view_goto_section(struct app *a, size_t k);
size_t	view_current_section(const struct app *a);
void	view_relayout(struct app *a);
int	view_screen_row(const struct app *a, int side, size_t off);
long	view_first_from(const struct layout_row *top, const void *base,
	    size_t n, size_t size, size_t member);
void	view_show(struct app *a, int side, size_t off);

/* draw.c: draw the whole frame into curses and refresh. */
void	draw_screen(struct app *a);

#endif
