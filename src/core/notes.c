/*
 * notes.c: annotations in a reader: writing them, storing them, showing
 * them.
 *
 * The reader keeps every live annotation of its store (annos[]) and,
 * for each target, where it was found in the two texts (placed[]); the
 * found targets are the ranges of each pane's note layer, whose id is
 * (annotation index << 1 | target index).  A note is written in the
 * editor (mode RM_EDIT) on the passage that was selected, or at the
 * cursor; it is shown as saved only once store_put has committed it,
 * and stays in the editor when it could not be.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diptych/anchor.h"
#include "diptych/anno.h"
#include "diptych/card.h"
#include "diptych/doc.h"
#include "diptych/editor.h"
#include "diptych/fold.h"
#include "diptych/overlay.h"
#include "diptych/reader.h"
#include "diptych/store.h"
#include "diptych/util.h"
#include "reader_impl.h"

/* Whether d is the essay of a target of id. */
static int
is_doc(const struct doc *d, const char *id)
{
	return strcmp(anchor_doc_id(d), id) == 0;
}

/* Find annotation k's targets in the texts and paint them. */
static void
place(struct reader *r, size_t k)
{
	const struct anno	*a = &r->annos[k];
	struct note_place	*pl = r->placed[k];
	int			 t, side;

	for (t = 0; t < 2; t++) {
		pl[t].side = -1;
		pl[t].state = ANCHOR_ORPHAN;
	}
	for (t = 0; t < a->ntargets && t < 2; t++)
		for (side = 0; side < 2; side++) {
			if (!is_doc(r->pane[side].doc, a->target[t].doc_id))
				continue;
			pl[t].side = side;
			pl[t].state = anchor_find(&a->target[t],
			    r->pane[side].doc, &pl[t].start, &pl[t].end);
			if (pl[t].state != ANCHOR_ORPHAN)
				overlay_add(r->pane[side].layer[PL_NOTE],
				    pl[t].start, pl[t].end, k << 1 | (size_t)t);
			break;
		}
}

static void	reload(struct reader *);

/* Take annotation a (moved in) into the reader. */
static void
adopt(struct reader *r, struct anno *a)
{
	r->annos = xgrow(r->annos, &r->annocap, r->nannos + 1,
	    sizeof(*r->annos));
	r->placed = xgrow(r->placed, &r->placecap, r->nannos + 1,
	    sizeof(*r->placed));
	r->annos[r->nannos] = *a;
	memset(a, 0, sizeof(*a));
	place(r, r->nannos++);
}

/*
 * A note left unsaved when the reader last ended (its terminal gone):
 * open the editor on it again, on its passage, and say so.
 */
static void
take_draft(struct reader *r)
{
	struct anno	 d;
	size_t		 s, e, k;
	int		 side;

	if (store_draft_get(r->store, &d) != 0)
		return;
	for (side = 0; side < 2; side++)
		if (d.ntargets > 0 && is_doc(r->pane[side].doc,
		    d.target[0].doc_id) && anchor_find(&d.target[0],
		    r->pane[side].doc, &s, &e) != ANCHOR_ORPHAN)
			break;
	if (side == 2) {
		snprintf(r->msg, sizeof(r->msg), "a note you were writing "
		    "was kept, but its passage is not in these essays");
		anno_clear(&d);
		return;
	}
	r->focus = side;
	r->edit.ed = editor_new(d.note);
	r->edit.side = side;
	r->edit.start = s;
	r->edit.end = e;
	r->edit.asking = 0;
	/* The draft of an edit: that note, if it is still there. */
	for (k = 0; k < r->nannos; k++)
		if (strcmp(r->annos[k].id, d.id) == 0) {
			r->edit.editing = 1;
			r->edit.which = k;
		}
	overlay_add(r->pane[side].layer[PL_SELECTION], s, e, 0);
	snprintf(r->msg, sizeof(r->msg), "the note you were writing was "
	    "kept: Enter saves it, Esc drops it");
	anno_clear(&d);
}

void
reader_keep_draft(struct reader *r)
{
	struct anno d;

	if (r->edit.ed == NULL || r->store == NULL ||
	    !editor_has_text(r->edit.ed))
		return;
	memset(&d, 0, sizeof(d));
	/* An edit keeps the id of the note edited. */
	if (r->edit.editing)
		memcpy(d.id, r->annos[r->edit.which].id, sizeof(d.id));
	else if (anno_new_id(d.id) == -1)
		return;
	d.author = xstrdup("");
	d.note = xstrdup(editor_text(r->edit.ed, NULL));
	anchor_make(&d.target[0], r->pane[r->edit.side].doc, r->edit.start,
	    r->edit.end);
	d.ntargets = 1;
	store_draft_save(r->store, &d);
	anno_clear(&d);
}

void
reader_set_store(struct reader *r, struct store *s, const char *off_reason)
{
	struct anno	*v;
	size_t		 n, i;

	r->store = s;
	free(r->store_off);
	r->store_off = xstrdup(off_reason != NULL ? off_reason :
	    "annotations are off");
	if (s == NULL) {
		snprintf(r->msg, sizeof(r->msg), "annotations are off: %s",
		    r->store_off);
		return;
	}
	if (store_list(s, 0, &v, &n, NULL) == -1) {
		free(r->store_off);
		r->store_off = xstrdup(store_error(s));
		r->store = NULL;
		return;
	}
	for (i = 0; i < n; i++)
		adopt(r, &v[i]);
	free(v);
	notes_filter(r);
	take_draft(r);
}

void
notes_free(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->nannos; i++)
		anno_clear(&r->annos[i]);
	free(r->annos);
	free(r->placed);
	free(r->store_off);
	free(r->shown);
	free(r->filter);
	free(r->filter_was);
	editor_free(r->edit.ed);
}

/*
 * The passage a note is for: the focused pane's selection, which ends,
 * or the passage at the cursor; painted as selected while the note is
 * written.  Returns 0, or -1 (saying so, for doing what) when the pane
 * shows no text.
 */
static int
passage(struct reader *r, size_t *s, size_t *e, const char *what)
{
	struct pane *f = &r->pane[r->focus];

	if (reader_selection(r, r->focus, s, e))
		f->selecting = 0;
	else if (reader_cursor_range(r, s, e) == -1) {
		snprintf(r->msg, sizeof(r->msg), "no text here to %s", what);
		return -1;
	}
	overlay_clear(f->layer[PL_SELECTION]);
	overlay_add(f->layer[PL_SELECTION], *s, *e, 0);
	return 0;
}

static void	move_target(struct reader *, size_t, size_t);
static void	edit_save(struct reader *);

/*
 * a: the editor, on the selection or the passage at the cursor; or,
 * while a note waits to be moved, the note moved there.
 */
void
notes_annotate(struct reader *r)
{
	size_t s, e;

	if (r->reattach.on && r->reattach.side >= 0 &&
	    r->reattach.side != r->focus) {
		snprintf(r->msg, sizeof(r->msg), "the note is on %s: select "
		    "its passage there (Esc: leave it)",
		    doc_short_title(r->pane[r->reattach.side].doc));
		return;
	}
	if (passage(r, &s, &e, r->reattach.on ? "move the note to" :
	    "annotate") == -1)
		return;
	if (r->reattach.on) {
		move_target(r, s, e);
		return;
	}
	r->edit.ed = editor_new(NULL);
	r->edit.side = r->focus;
	r->edit.start = s;
	r->edit.end = e;
	r->edit.asking = 0;
	r->edit.link = 0;
}

/*
 * L: the selection (or the passage at the cursor) is one end of a link;
 * the first L keeps it and turns to the other pane, the second, there,
 * opens the editor on both.
 */
void
notes_link(struct reader *r)
{
	size_t s, e;

	if (passage(r, &s, &e, "link") == -1)
		return;
	if (!r->linking.on || r->linking.side == r->focus) {
		r->linking.on = 1;
		r->linking.side = r->focus;
		r->linking.start = s;
		r->linking.end = e;
		r->focus = !r->focus;
		if (r->single) {
			r->pane[r->focus].shown = 1;
			r->pane[!r->focus].shown = 0;
		}
		snprintf(r->msg, sizeof(r->msg), "link: now the passage in %s "
		    "(v to select, then L; Esc: no link)",
		    doc_short_title(r->pane[r->focus].doc));
		return;
	}
	/* The second end: the note is on both. */
	r->edit.ed = editor_new(NULL);
	r->edit.side = r->linking.side;
	r->edit.start = r->linking.start;
	r->edit.end = r->linking.end;
	r->edit.asking = 0;
	r->edit.link = 1;
	r->edit.side2 = r->focus;
	r->edit.start2 = s;
	r->edit.end2 = e;
	r->linking.on = 0;
}

static void
edit_close(struct reader *r)
{
	editor_free(r->edit.ed);
	r->edit.ed = NULL;
	r->edit.asking = 0;
	r->edit.editing = 0;
	overlay_clear(r->pane[r->edit.side].layer[PL_SELECTION]);
	if (r->edit.link)
		overlay_clear(r->pane[r->edit.side2].layer[PL_SELECTION]);
	r->edit.link = 0;
}

/* Enter: the note into the store; "saved" only once it is committed. */
static void
edit_save(struct reader *r)
{
	struct anno	 a;
	const char	*text = editor_text(r->edit.ed, NULL);
	int		 side = r->edit.side;

	if (r->store == NULL) {
		snprintf(r->msg, sizeof(r->msg), "not saved: %s",
		    r->store_off);
		return;
	}
	if (r->edit.editing) {
		/* The same note, its text changed; the store keeps the
		   version before. */
		anno_copy(&a, &r->annos[r->edit.which]);
		free(a.note);
		a.note = xstrdup(text);
		anno_tags_from_note(&a);
		if (store_put(r->store, &a) == -1) {
			snprintf(r->msg, sizeof(r->msg), "not saved: %s",
			    store_error(r->store));
			anno_clear(&a);
			return;
		}
		anno_clear(&a);
		edit_close(r);
		store_draft_clear(r->store);
		reload(r);
		snprintf(r->msg, sizeof(r->msg), "saved (u undoes the edit, "
		    "in A)");
		return;
	}
	memset(&a, 0, sizeof(a));
	if (anno_new_id(a.id) == -1) {
		snprintf(r->msg, sizeof(r->msg), "not saved: no random "
		    "numbers for a new id");
		return;
	}
	a.author = xstrdup("");
	a.note = xstrdup(text);
	anno_tags_from_note(&a);
	anchor_make(&a.target[0], r->pane[side].doc, r->edit.start,
	    r->edit.end);
	a.ntargets = 1;
	if (r->edit.link) {
		anchor_make(&a.target[1], r->pane[r->edit.side2].doc,
		    r->edit.start2, r->edit.end2);
		a.ntargets = 2;
	}
	if (store_put(r->store, &a) == -1) {
		/* The note stays in the editor, to try again. */
		snprintf(r->msg, sizeof(r->msg), "not saved: %s",
		    store_error(r->store));
		anno_clear(&a);
		return;
	}
	adopt(r, &a);
	notes_filter(r);
	edit_close(r);
	store_draft_clear(r->store);
	snprintf(r->msg, sizeof(r->msg), "saved");
}

void
notes_edit_do(struct reader *r, enum reader_cmd cmd)
{
	static const struct {
		enum reader_cmd	 cmd;
		enum editor_cmd	 ed;
	} keys[] = {
		{ RC_ED_LEFT, ED_LEFT }, { RC_ED_RIGHT, ED_RIGHT },
		{ RC_ED_UP, ED_UP }, { RC_ED_DOWN, ED_DOWN },
		{ RC_ED_HOME, ED_HOME }, { RC_ED_END, ED_END },
		{ RC_ED_ERASE, ED_ERASE }, { RC_ED_DELETE, ED_DELETE },
		{ RC_ED_KILL_LINE, ED_KILL_LINE },
		{ RC_ED_KILL_WORD, ED_KILL_WORD },
		{ RC_ED_KILL_END, ED_KILL_END },
		{ RC_ED_NEWLINE, ED_NEWLINE },
	};
	size_t i;

	if (r->edit.asking) {
		/* Esc again keeps writing; the answer y is typed. */
		r->edit.asking = 0;
		return;
	}
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (keys[i].cmd == cmd) {
			editor_do(r->edit.ed, keys[i].ed);
			return;
		}
	if (cmd == RC_EDIT_SAVE)
		edit_save(r);
	else if (cmd == RC_EXTERNAL)
		notes_external(r);
	else if (cmd == RC_EDIT_CANCEL) {
		if (editor_has_text(r->edit.ed))
			r->edit.asking = 1;
		else {
			edit_close(r);
			if (r->store != NULL)
				store_draft_clear(r->store);
		}
	}
}

void
notes_input(struct reader *r, const char *s, size_t n)
{
	if (r->edit.asking) {
		r->edit.asking = 0;
		if (n == 1 && (*s == 'y' || *s == 'Y')) {
			edit_close(r);
			if (r->store != NULL)
				store_draft_clear(r->store);
			snprintf(r->msg, sizeof(r->msg), "note dropped");
		}
		return;
	}
	editor_insert(r->edit.ed, s, n);
}

/* Read every annotation from the store again and paint them anew. */
static void
reload(struct reader *r)
{
	struct anno	*v;
	size_t		 n, i;
	int		 side;

	if (store_list(r->store, 0, &v, &n, NULL) == -1) {
		snprintf(r->msg, sizeof(r->msg), "%s", store_error(r->store));
		return;
	}
	for (i = 0; i < r->nannos; i++)
		anno_clear(&r->annos[i]);
	r->nannos = 0;
	for (side = 0; side < 2; side++) {
		struct pane *p = &r->pane[side];

		overlay_clear(p->layer[PL_NOTE]);
		if (p->sel_layer == PL_NOTE) {
			overlay_clear(p->layer[PL_SELECTED]);
			p->sel_layer = -1;
			p->sel = -1;
		}
	}
	for (i = 0; i < n; i++)
		adopt(r, &v[i]);
	free(v);
	notes_filter(r);
}

void
notes_delete(struct reader *r, size_t i)
{
	char id[ANNO_ID_LEN + 1];

	if (r->store == NULL)
		return;
	memcpy(id, r->annos[i].id, sizeof(id));
	if (store_delete(r->store, id) == -1) {
		snprintf(r->msg, sizeof(r->msg), "not deleted: %s",
		    store_error(r->store));
		return;
	}
	reload(r);
	snprintf(r->msg, sizeof(r->msg), "deleted (u undoes it)");
}

void
notes_undo(struct reader *r)
{
	enum store_change	 what;
	char			 id[ANNO_ID_LEN + 1];

	if (r->store == NULL)
		return;
	if (store_undo(r->store, NULL, &what, id) == -1) {
		snprintf(r->msg, sizeof(r->msg), "not undone: %s",
		    store_error(r->store));
		return;
	}
	reload(r);
	snprintf(r->msg, sizeof(r->msg), "%s", what == STORE_NONE ?
	    "nothing of yours to undo" : what == STORE_CREATED ?
	    "undone: the note is gone again" : what == STORE_DELETED ?
	    "undone: the note is back" : "undone: the note is as it was");
}

/* e in the list: the editor on note i's text. */
void
notes_edit(struct reader *r, size_t i)
{
	int	 side;
	size_t	 s, e;

	if (notes_where(r, i, &side, &s, &e) == -1) {
		side = r->focus;
		s = e = 0;
	}
	r->edit.ed = editor_new(r->annos[i].note);
	r->edit.side = side;
	r->edit.start = s;
	r->edit.end = e;
	r->edit.asking = 0;
	r->edit.link = 0;
	r->edit.editing = 1;
	r->edit.which = i;
}

int
notes_where(const struct reader *r, size_t i, int *side, size_t *start,
    size_t *end)
{
	int t;

	for (t = 0; t < r->annos[i].ntargets && t < 2; t++)
		if (r->placed[i][t].state != ANCHOR_ORPHAN) {
			*side = r->placed[i][t].side;
			*start = r->placed[i][t].start;
			*end = r->placed[i][t].end;
			return 0;
		}
	return -1;
}

void
notes_card(struct reader *r, int side, size_t i, struct card *c)
{
	size_t			 id = overlay_range(r->pane[side].layer[PL_NOTE],
				    i)->id;
	const struct note_place	*pl = &r->placed[id >> 1][id & 1];

	card_note(c, &r->annos[id >> 1], pl->state == ANCHOR_MOVED ?
	    "moved since it was written" : pl->state == ANCHOR_FUZZY ?
	    "the text changed: check it is the right passage (c: it is; "
	    "in A, a moves the note)" : NULL);
}

/* --- filtering, confirming, moving ------------------------------------ */

/*
 * Whether text, folded, holds w (folded already); with prefix, only as
 * its start.
 */
static int
holds(const char *text, const char *w, int prefix)
{
	struct fold	 f;
	const char	*at;
	int		 yes;

	fold_text(&f, text, strlen(text), FOLD_CASE);
	at = strstr(f.s, w);
	yes = at != NULL && (!prefix || at == f.s);
	fold_free(&f);
	return yes;
}

/*
 * Whether annotation a passes one word of a filter, folded: "#tag" (a
 * tag that starts so), "@name" (in its author's name), else in its note,
 * its quotes, its tags or its author's name.
 */
static int
passes_word(const struct anno *a, const char *w)
{
	size_t	 i;
	int	 t;

	if (*w == '#') {
		for (i = 0; i < a->ntags; i++)
			if (holds(a->tags[i], w + 1, 1))
				return 1;
		return w[1] == '\0';
	}
	if (*w == '@')
		return holds(a->author, w + 1, 0);
	if (holds(a->note, w, 0) || holds(a->author, w, 0))
		return 1;
	for (t = 0; t < a->ntargets && t < 2; t++)
		if (holds(a->target[t].exact, w, 0))
			return 1;
	for (i = 0; i < a->ntags; i++)
		if (holds(a->tags[i], w, 0))
			return 1;
	return 0;
}

/* Whether a passes every word of filter f (folded already). */
static int
passes(const struct anno *a, const char *f)
{
	char	*w, *copy, *save;
	int	 yes = 1;

	copy = xstrdup(f);
	for (w = strtok_r(copy, " ", &save); w != NULL && yes;
	    w = strtok_r(NULL, " ", &save))
		yes = passes_word(a, w);
	free(copy);
	return yes;
}

void
notes_filter(struct reader *r)
{
	struct fold	 f;
	size_t		 i;

	free(r->shown);
	r->shown = xcalloc(r->nannos + 1, sizeof(*r->shown));
	r->nshown = 0;
	if (r->filter != NULL)
		fold_text(&f, r->filter, strlen(r->filter), FOLD_CASE);
	for (i = 0; i < r->nannos; i++)
		if (r->filter == NULL || passes(&r->annos[i], f.s))
			r->shown[r->nshown++] = i;
	if (r->filter != NULL)
		fold_free(&f);
}

int
notes_fuzzy(const struct reader *r, size_t i)
{
	int t;

	for (t = 0; t < r->annos[i].ntargets && t < 2; t++)
		if (r->placed[i][t].state == ANCHOR_FUZZY)
			return 1;
	return 0;
}

/* Put a, changed, into the store; says what happened.  0 or -1. */
static int
put_changed(struct reader *r, struct anno *a, const char *done)
{
	if (r->store == NULL) {
		snprintf(r->msg, sizeof(r->msg), "not saved: %s",
		    r->store_off);
		return -1;
	}
	if (store_put(r->store, a) == -1) {
		snprintf(r->msg, sizeof(r->msg), "not saved: %s",
		    store_error(r->store));
		return -1;
	}
	reload(r);
	snprintf(r->msg, sizeof(r->msg), "%s", done);
	return 0;
}

void
notes_confirm(struct reader *r, size_t i)
{
	struct anno	 a;
	int		 t;

	if (!notes_fuzzy(r, i)) {
		snprintf(r->msg, sizeof(r->msg), "c confirms a note whose "
		    "text changed; this one is where it was written");
		return;
	}
	anno_copy(&a, &r->annos[i]);
	for (t = 0; t < a.ntargets && t < 2; t++) {
		const struct note_place *pl = &r->placed[i][t];

		if (pl->state != ANCHOR_FUZZY)
			continue;
		anchor_free(&a.target[t]);
		anchor_make(&a.target[t], r->pane[pl->side].doc, pl->start,
		    pl->end);
	}
	put_changed(r, &a, "confirmed: the note holds the passage as it "
	    "reads now (u undoes it)");
	anno_clear(&a);
}

void
notes_reattach(struct reader *r, size_t i)
{
	const struct anno	*a = &r->annos[i];
	int			 t, side;

	/* The target to move: an orphan, else a fuzzy one, else the
	   first. */
	for (t = 0; t < a->ntargets && t < 2; t++)
		if (r->placed[i][t].state == ANCHOR_ORPHAN)
			break;
	if (t == a->ntargets || t == 2)
		for (t = 0; t < a->ntargets && t < 2; t++)
			if (r->placed[i][t].state == ANCHOR_FUZZY)
				break;
	if (t == a->ntargets || t == 2)
		t = 0;
	r->reattach.on = 1;
	r->reattach.which = i;
	r->reattach.target = t;
	r->reattach.side = -1;
	for (side = 0; side < 2; side++)
		if (is_doc(r->pane[side].doc, a->target[t].doc_id))
			r->reattach.side = side;
	/* A link keeps one end in each essay. */
	if (a->ntargets > 1 && r->reattach.side < 0 &&
	    r->placed[i][!t].side >= 0)
		r->reattach.side = !r->placed[i][!t].side;
	if (r->reattach.side >= 0 && r->focus != r->reattach.side) {
		r->focus = r->reattach.side;
		if (r->single) {
			r->pane[r->focus].shown = 1;
			r->pane[!r->focus].shown = 0;
		}
	}
	snprintf(r->msg, sizeof(r->msg), "move the note: select its passage "
	    "(v), then a (Esc: leave it)");
}

/* The note waiting to be moved, to the range [s, e) of the focus. */
static void
move_target(struct reader *r, size_t s, size_t e)
{
	struct anno	 a;
	int		 t = r->reattach.target;

	overlay_clear(r->pane[r->focus].layer[PL_SELECTION]);
	r->reattach.on = 0;
	anno_copy(&a, &r->annos[r->reattach.which]);
	anchor_free(&a.target[t]);
	anchor_make(&a.target[t], r->pane[r->focus].doc, s, e);
	put_changed(r, &a, "the note is on this passage now (u in A "
	    "undoes it)");
	anno_clear(&a);
}

/* --- the outside editor ------------------------------------------------ */

void
notes_external(struct reader *r)
{
	if (r->secure) {
		snprintf(r->msg, sizeof(r->msg), "no outside editor in --secure "
		    "mode: a writes the note here");
		return;
	}
	if (r->edit.ed == NULL) {
		notes_annotate(r);
		if (r->edit.ed == NULL)
			return;
	}
	r->external = 1;
}

const char *
reader_external(const struct reader *r)
{
	if (!r->external || r->edit.ed == NULL)
		return NULL;
	return editor_text(r->edit.ed, NULL);
}

/* Whether s is only blanks. */
static int
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return 0;
	return 1;
}

void
reader_external_done(struct reader *r, const char *text, const char *err)
{
	int same;

	r->external = 0;
	r->redraw = 1;
	if (r->edit.ed == NULL)
		return;
	if (text == NULL) {
		snprintf(r->msg, sizeof(r->msg), "%s: the note is in the "
		    "editor here (Enter saves it)", err != NULL ? err :
		    "the editor failed");
		return;
	}
	same = strcmp(text, editor_text(r->edit.ed, NULL)) == 0;
	editor_free(r->edit.ed);
	r->edit.ed = editor_new(text);
	r->edit.asking = 0;
	if (blank(text))
		snprintf(r->msg, sizeof(r->msg), "the note is empty: not saved "
		    "(Esc drops it)");
	else if (same && r->edit.editing) {
		edit_close(r);
		if (r->store != NULL)
			store_draft_clear(r->store);
		snprintf(r->msg, sizeof(r->msg), "the note is unchanged");
	} else
		edit_save(r);
}
