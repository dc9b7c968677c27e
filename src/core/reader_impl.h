/*
 * reader_impl.h: the state of a reader, shared by reader.c (positions
 * and commands) and frame.c (frames) only.
 */
#ifndef DIPTYCH_READER_IMPL_H
#define DIPTYCH_READER_IMPL_H

#include <stddef.h>

#include "diptych/card.h"
#include "diptych/concord.h"
#include "diptych/layout.h"
#include "diptych/reader.h"
#include "diptych/store.h"
#include "diptych/util.h"

struct align;
struct anno;
struct editor;
struct overlay;
struct store;
struct store_reader;
struct term_hit;

/* A pane's overlay layers, in the order they are painted. */
enum {
	PL_LINK,		/* citations */
	PL_TERM,		/* glossary terms */
	PL_NOTE,		/* annotated passages */
	PL_MATCH,		/* search matches */
	PL_CURRENT,		/* the current match */
	PL_SELECTED,		/* the selected item */
	PL_SELECTION,		/* the selection being made */
	PL_OCCUR,		/* the selected term's occurrences */
	PL_N
};

struct search_text;

struct pane {
	const struct doc *doc;
	struct layout	*lay;
	size_t		 top;		/* first layout row shown */
	size_t		 anchor;	/* text offset of the first text row
					   from the top, set when the reader
					   moves */
	int		 anchor_dy;	/* ... its distance from the top */
	int		 x, w;		/* columns of the pane */
	int		 tx, tw;	/* ... of its text: from x + tx, tw
					   wide (at most the measure) */
	int		 bar;		/* the overview bar, at its right */
	int		 shown;
	struct term_hit	*hits;		/* glossary terms in the text */
	size_t		 nhits, hitcap;
	size_t		*counts;	/* per glossary term: its hits here */
	/* Until the terms are found whole (reader_idle), only those of
	   the pieces shown: piece k is [piece[k], piece[k + 1]). */
	int		 terms_later;
	size_t		*piece;
	unsigned char	*piece_done;
	size_t		 npieces;
	struct overlay	*layer[PL_N];
	int		 sel_layer;	/* PL_LINK or PL_TERM, or -1 */
	long		 sel;		/* ... and the range there */
	long		 cur;		/* current match, or -1 */
	size_t		 last;		/* ... where it starts, kept when the
					   matches are cleared (SIZE_MAX:
					   none) */
	char		*searched;	/* the pattern PL_MATCH is for */
	struct search_text *stext;	/* the text folded for searching */
	int		 search_cut;	/* PL_MATCH holds only some matches */
	int		 selecting;	/* a selection: [fixed, moving) or */
	size_t		 fixed, moving;	/* [moving, fixed) */
};

/* The lists, each with a cursor of its own. */
enum { LIST_HELP, LIST_SECTIONS, LIST_TERMS, LIST_NOTES, LIST_READERS,
	LIST_CONCORD, LIST_N };

struct list {
	long		 top;		/* first line shown */
	long		 sel;		/* selected line, or -1 (help) */
};

/* What the prompt reads: a search, A's filter, T's word. */
enum { PROMPT_SEARCH = 1, PROMPT_FILTER, PROMPT_WORD, PROMPT_N };

/* One line of the ? list: a heading (help == NULL) or a key row. */
struct help_line {
	const char	*group;
	const struct reader_help *help;
};

/*
 * Where the reader is looking, in row mode: text offset off of side is
 * shown dy rows below the top.  Taken from a pane showing real text, so
 * padding and "no counterpart" notes never decide where a resize lands.
 */
struct place {
	int		 side;
	size_t		 off;
	int		 dy;
};

/* A note being written: the editor, and the passage it will be on. */
struct note_edit {
	struct editor	*ed;		/* NULL: none */
	int		 side;
	size_t		 start, end;
	int		 asking;	/* "drop this note?" is asked */
	int		 crow, ccol;	/* the cursor on screen, or -1 */
	int		 editing;	/* 1: annos[which] is being edited */
	size_t		 which;
	char		*reply_to;	/* a reply to this note's id, or NULL */
	int		 link;		/* a second passage, in the other pane: */
	int		 side2;
	size_t		 start2, end2;
};

/* The first end of a link being made (L), waiting for the second. */
struct link_end {
	int		 on;
	int		 side;
	size_t		 start, end;
};

/* A note waiting for the passage it is to be moved to (a in A). */
struct reattach {
	int		 on;
	size_t		 which;		/* the note */
	int		 target;	/* ... and its target being moved */
	int		 side;		/* the pane it must be in, or -1 */
};

/* Where an annotation's target was found. */
struct note_place {
	int		 state;		/* enum anchor_state */
	size_t		 start, end;	/* in its pane's text */
	int		 side;		/* -1: neither essay is its own */
};

/*
 * What was typed at a prompt before, oldest first, kept in the personal
 * store; Up and Down go through it from at (n: what is being typed).
 */
struct recall {
	char		**v;
	size_t		 n;
	size_t		 at;
	char		*typed;		/* what was typed before Up */
	int		 loaded;	/* read from the store */
};

struct reader {
	struct pane	 pane[2];
	struct align	*al;
	int		 cols, rows;	/* screen size */
	size_t		 atop;		/* first aligned row, in row mode */
	struct place	 place;
	int		 locked;	/* sync lock */
	int		 focus;		/* SIDE_LEFT or SIDE_RIGHT */
	int		 single;	/* narrow: only the focused pane */
	int		 tiny;		/* too small to draw */
	int		 height;	/* text rows of a pane */
	int		 list;		/* the open list, or -1 */
	struct list	 lists[LIST_N];
	int		 popup;		/* the card is open */
	long		 card_top;
	struct card	 card;		/* the open popup's content */
	struct layout	*card_lay;	/* ... laid out at the popup's width */
	struct glossary	*gloss;
	struct help_line *help;
	size_t		 nhelp;
	char		 msg[160];	/* shown once in the status row */
	int		 prompting;	/* PROMPT_SEARCH, PROMPT_FILTER or 0 */
	struct editor	*line;		/* ... what is typed so far */
	struct recall	 recall[PROMPT_N]; /* ... and before: PROMPT_* */
	char		 pinfo[96];	/* ... the matches, as typed */
	struct store_position before;	/* the place when / was typed */
	char		*pattern;	/* the last pattern searched for */
	char		*pattern_was;	/* ... before the prompt opened */
	int		 pending;	/* 'm' or '\'': a mark's letter next */
	struct store_mark *marks;	/* the marks set, by name */
	size_t		 nmarks;
	int		 marks_read;	/* ... from the store */
	struct store_position jumped;	/* where the last jump was from */
	int		 has_jumped;
	char		*clip;		/* to copy, taken by the device */
	char		*clip_off;	/* why the device cannot, or NULL */
	char		*taken;		/* ... the last taken */
	int		 redraw;
	int		 quit;
	struct store	*store;		/* the personal store, or NULL: off */
	int		 notes_later;	/* its notes not yet read */
	char		*store_off;	/* ... and why */
	struct store	*seminar;	/* the seminar's store, or NULL */
	struct anno	*seen;		/* ... its notes as last read, shown
					   while it cannot be reached */
	size_t		 nseen;
	size_t		 nunsent;	/* notes waiting for it */
	struct anno	*annos;		/* every live annotation */
	struct note_place (*placed)[2];	/* per annotation, its targets */
	unsigned char	*home;		/* ... and its store: HOME_* */
	size_t		*root;		/* ... and the note of its thread */
	size_t		*byid;		/* the annotations in order of id */
	struct {
		char	*all;		/* note, quotes, author, #tags */
		char	*author;
	}		*folded;	/* ... folded for the filter, or NULL */
	size_t		 nfolded;
	size_t		 nannos, annocap, placecap, homecap, rootcap;
	int		 last_home;	/* the store last changed (u) */
	struct note_edit edit;
	struct link_end	 linking;
	size_t		*review;	/* notes in document order, or NULL */
	size_t		 nreview, at;	/* ... and the one shown */
	char		*filter;	/* what A and R show, or NULL: all */
	char		*filter_was;	/* ... before the prompt was opened */
	size_t		*shown;		/* the notes that pass it, in order */
	size_t		 nshown;
	struct reattach	 reattach;
	struct store_reader *peers;	/* who else reads the pair now (F) */
	size_t		 npeers;
	char		*following;	/* the author followed, or NULL */
	int		 secure;	/* --secure: no outside editor */
	int		 measure;	/* the widest text, 0: none */
	int		 external;	/* the note waits for $EDITOR */
	struct align_pair *pairs;	/* the notes that pair two passages,
					   then the suggestions, as
					   align_new_paired takes them */
	size_t		 npairs;
	struct suggest	*sugg;		/* suggested pairings, or NULL */
	int		 sugg_asked;	/* ... worked out (or not needed) */
	struct concord	 concord;	/* the concordance list's lines */
};

/*
 * Where a note is kept: HOME_UNSENT is the personal store too, a note
 * written for the seminar while it could not be reached.
 */
enum { HOME_PERSONAL, HOME_SEMINAR, HOME_UNSENT };

/* view.c: positions; see there for the modes. */
int	reader_row_mode(const struct reader *r);
size_t	reader_current_section(const struct reader *r);
/* Screen row of text offset off in pane side, or -1 when not shown. */
int	reader_screen_row(const struct reader *r, int side, size_t off);
int	view_driven(const struct reader *r);
size_t	view_drive_count(const struct reader *r, size_t upto);
size_t	view_pane_count(const struct pane *p, size_t upto);
/* What a count must reach to clamp a wanted top row: a screen past it. */
#define VIEW_UPTO(r, want) \
	((want) > 0 ? (size_t)(want) + (size_t)(r)->height + 1 : \
	(size_t)(r)->height + 1)
size_t	view_last_top(const struct reader *r, size_t n);
size_t	view_clamp(const struct reader *r, long want, size_t cur, size_t n);
void	view_set_anchor(struct pane *p);
void	view_tops_from_atop(struct reader *r);
void	view_lock(struct reader *r);
size_t	view_atop_at(const struct reader *r, const size_t off[2],
	    int lead);
void	view_remember_place(struct reader *r);
void	view_follow(struct reader *r);
int	view_lead(const struct reader *r);
void	view_follow_lead(struct reader *r, int lead);
void	view_move(struct reader *r, long rows);
void	view_pane_to(struct reader *r, int side, size_t row);
void	view_goto_section(struct reader *r, size_t k);
size_t	view_top_start(const struct reader *r, int side);
/* The glossary terms found whole: 1 when they were not yet. */
int	reader_terms_idle(struct reader *r);
void	view_show(struct reader *r, int side, size_t start, size_t end);

/* reader.c */
long	reader_list_len(const struct reader *r, int list);
/* The passage at the cursor (item, match, sentence at the top); 0/-1. */
int	reader_cursor_range(struct reader *r, size_t *start, size_t *end);
/* The end of the prompt's text that fits the screen. */
const char *reader_prompt_tail(const struct reader *r);
/* The columns the prompt's text has. */
int	reader_prompt_width(const struct reader *r);

/* notes.c */
void	notes_free(struct reader *r);
/*
 * Open the note editor on text (NULL: empty) for the passage [start,
 * end) of pane side: a new note, no link, no reply, until the caller
 * says otherwise.
 */
void	notes_edit_open(struct reader *r, const char *text, int side,
	    size_t start, size_t end);

/* pairs.c: the pairings among the notes, and = */
/* Find the pairings among the notes again; realign when they changed. */
void	pairs_update(struct reader *r);
/* The pairings of store s, read alone, before its notes are. */
void	pairs_read(struct reader *r, struct store *s);
void	pairs_free(struct reader *r);
/* The suggestions, once, when the texts pair nothing of their own: 1
   when they changed the alignment. */
int	pairs_idle(struct reader *r);
/*
 * Whether a new pairing at p (an offset in each text) would begin a
 * section, among the pairings stored.  Returns 0, or -1 with r->msg
 * saying what stands in its way.
 */
int	pairs_check(struct reader *r, const size_t p[2]);
/* Open the note editor to keep suggested pairing k as one's own. */
void	pairs_accept(struct reader *r, size_t k);
/* =: a pairing of the passages at the top of the two panes. */
void	notes_pair(struct reader *r);
void	notes_annotate(struct reader *r);
void	notes_link(struct reader *r);
void	notes_edit_do(struct reader *r, enum reader_cmd cmd);
void	notes_input(struct reader *r, const char *s, size_t n);
/* x and u in the notes list: delete note i, undo the last change. */
void	notes_delete(struct reader *r, size_t i);
void	notes_undo(struct reader *r);
int	notes_edit(struct reader *r, size_t i);
/* E: the note being written, or a new one, to the outside editor. */
void	notes_external(struct reader *r);
/* Where note i's first found target is: 0 with side and range, or -1. */
int	notes_where(const struct reader *r, size_t i, int *side,
	    size_t *start, size_t *end);
/* The card of the annotation of note layer range i of pane side. */
void	notes_card(struct reader *r, int side, size_t i, struct card *c);
/* Set shown[] to the notes that pass the filter. */
void	notes_filter(struct reader *r);
/* Whether note i's passage (a target) was found only approximately. */
int	notes_fuzzy(const struct reader *r, size_t i);
/* c: hold note i to the passages it was found at now. */
void	notes_confirm(struct reader *r, size_t i);
/* a in A: move note i to a passage selected next. */
void	notes_reattach(struct reader *r, size_t i);
/* r: the editor on a reply to note i. */
void	notes_reply(struct reader *r, size_t i);
/* The note note i is in the thread of (itself when it is no reply). */
size_t	notes_root(const struct reader *r, size_t i);
/* P in A: note i from the personal store to the seminar's, or back. */
void	notes_share(struct reader *r, size_t i);
/* Whether note i is private (a seminar is open, and it is not in it). */
int	notes_private(const struct reader *r, size_t i);
/* Whether note i waits in the personal store for the seminar. */
int	notes_unsent(const struct reader *r, size_t i);

/* reader.c: the notes were read again; the review goes on at note id. */
void	review_refresh(struct reader *r, const char *id);

/* frame.c */
void	frame_draw(struct reader *r, cell_fn fn, void *arg);

#endif
