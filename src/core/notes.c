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
 *
 * A note on a passage of each essay tagged #pairing is a pairing (see
 * pairs.c): whenever the notes change, the pairings are found again.
 */
#include "config.h"

#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "diptych/anchor.h"
#include "diptych/anno.h"
#include "diptych/card.h"
#include "diptych/doc.h"
#include "diptych/editor.h"
#include "diptych/fold.h"
#include "diptych/layout.h"
#include "diptych/overlay.h"
#include "diptych/reader.h"
#include "diptych/store.h"
#include "diptych/util.h"
#include "reader_impl.h"

static long	find_id(const struct reader *, const char *);
static void	index_ids(struct reader *);
static void	thread_roots(struct reader *);


/* Forget the notes' folded texts (they are folded again when needed). */
static void
free_folded(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->nfolded; i++) {
		free(r->folded[i].all);
		free(r->folded[i].author);
	}
	free(r->folded);
	r->folded = NULL;
	r->nfolded = 0;
}

/* Whether d is the essay of a target of id. */
static int
is_doc(const struct doc *d, const char *id)
{
	return strcmp(anchor_doc_id(d), id) == 0;
}

/* Find annotation k's targets in the texts. */
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
			break;
		}
}

/*
 * Paint annotation k's found passages in the note layers; a reply in a
 * thread shows in its note's card, not as a passage of its own.
 */
static void
paint(struct reader *r, size_t k)
{
	const struct note_place	*pl = r->placed[k];
	int			 t;

	if (r->root[k] != k)
		return;
	for (t = 0; t < r->annos[k].ntargets && t < 2; t++)
		if (pl[t].state != ANCHOR_ORPHAN)
			overlay_add(r->pane[pl[t].side].layer[PL_NOTE],
			    pl[t].start, pl[t].end, k << 1 | (size_t)t);
}

static int	reload(struct reader *);
static int	put_new(struct reader *, struct anno *, int, const char *);
static size_t	send_unsent(struct reader *);

/* Take annotation a (moved in), kept in store home, into the reader. */
static void
adopt(struct reader *r, struct anno *a, int home)
{
	r->annos = xgrow(r->annos, &r->annocap, r->nannos + 1,
	    sizeof(*r->annos));
	r->placed = xgrow(r->placed, &r->placecap, r->nannos + 1,
	    sizeof(*r->placed));
	r->home = xgrow(r->home, &r->homecap, r->nannos + 1,
	    sizeof(*r->home));
	r->root = xgrow(r->root, &r->rootcap, r->nannos + 1,
	    sizeof(*r->root));
	free_folded(r);
	r->annos[r->nannos] = *a;
	r->home[r->nannos] = (unsigned char)home;
	r->root[r->nannos] = r->nannos;
	memset(a, 0, sizeof(*a));
	place(r, r->nannos++);
}

/* The store note k is kept in. */
static struct store *
home_of(const struct reader *r, size_t k)
{
	return r->home[k] == HOME_SEMINAR ? r->seminar : r->store;
}

/* Where drafts are kept: the personal store, else the seminar's. */
static struct store *
draft_store(const struct reader *r)
{
	return r->store != NULL ? r->store : r->seminar;
}

/*
 * Whether note k is the reader's own, to change; else says whose it is.
 * Every note in the personal store is (an import keeps its authors); in
 * the seminar's, those written under the reader's name.  (A seminar's
 * PostgreSQL server enforces this too; a shared SQLite file trusts its
 * group.)
 */
static int
own(struct reader *r, size_t k)
{
	const struct store *s = home_of(r, k);

	if (s != NULL && (r->home[k] != HOME_SEMINAR ||
	    strcmp(r->annos[k].author, store_author(s)) == 0))
		return 1;
	snprintf(r->msg, sizeof(r->msg), "this is %.60s's note: only they "
	    "can change it", r->annos[k].author);
	return 0;
}

int
notes_private(const struct reader *r, size_t i)
{
	return r->seminar != NULL && r->home[i] == HOME_PERSONAL;
}

int
notes_unsent(const struct reader *r, size_t i)
{
	return r->home[i] == HOME_UNSENT;
}

void
notes_edit_open(struct reader *r, const char *text, int side,
    size_t start, size_t end)
{
	r->edit.ed = editor_new(text);
	r->edit.side = side;
	r->edit.start = start;
	r->edit.end = end;
	r->edit.asking = 0;
	r->edit.link = 0;
	r->edit.editing = 0;
	free(r->edit.reply_to);
	r->edit.reply_to = NULL;
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

	if (draft_store(r) == NULL || store_draft_get(draft_store(r), &d) != 0)
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
	notes_edit_open(r, d.note, side, s, e);
	if (d.reply_to != NULL && find_id(r, d.reply_to) >= 0)
		r->edit.reply_to = xstrdup(d.reply_to);
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

	if (r->edit.ed == NULL || draft_store(r) == NULL ||
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
	if (r->edit.reply_to != NULL)
		d.reply_to = xstrdup(r->edit.reply_to);
	store_draft_save(draft_store(r), &d);
	anno_clear(&d);
}

void
reader_set_store(struct reader *r, struct store *s, const char *off_reason)
{
	r->store = s;
	free(r->store_off);
	r->store_off = xstrdup(off_reason != NULL ? off_reason :
	    "annotations are off");
	if (s == NULL && r->seminar == NULL) {
		snprintf(r->msg, sizeof(r->msg), "annotations are off: %s",
		    r->store_off);
		return;
	}
	if (reload(r) == -1 && s != NULL) {
		free(r->store_off);
		r->store_off = xstrdup(store_error(s));
		r->store = NULL;
		return;
	}
	take_draft(r);
}

void
reader_set_store_later(struct reader *r, struct store *s,
    const char *off_reason)
{
	struct anno	 d;
	int		 now = 1;

	/* A draft kept opens the note editor before the place is set,
	   on its note: then the notes are read now. */
	if (s != NULL && r->seminar == NULL) {
		now = store_draft_get(s, &d) != 1;
		anno_clear(&d);
	}
	if (now) {
		reader_set_store(r, s, off_reason);
		return;
	}
	r->store = s;
	free(r->store_off);
	r->store_off = xstrdup(off_reason != NULL ? off_reason :
	    "annotations are off");
	r->notes_later = 1;
	/* The pairings shape the first frame: read now, alone. */
	pairs_read(r, s);
}

static int
by_value(const void *x, const void *y)
{
	size_t a = **(size_t *const *)x, b = **(size_t *const *)y;

	return a < b ? -1 : a > b;
}

/*
 * The code points *cp[0..n) of text (len bytes) turned to byte offsets,
 * in place, in one pass over the text: (size_t)-1 past its end.
 */
static void
cps_to_offsets(const char *text, size_t len, size_t **cp, size_t n)
{
	const unsigned char	*t = (const unsigned char *)text;
	size_t			 i = 0, k = 0, j;

	qsort(cp, n, sizeof(*cp), by_value);
	for (j = 0; j < n; j++) {
		while (k < *cp[j] && i < len) {
			for (i++; i < len && (t[i] & 0xc0) == 0x80; i++)
				;
			k++;
		}
		*cp[j] = k == *cp[j] ? i : (size_t)-1;
	}
}

/*
 * Paint the passages of v[0..n) counted on d's text (len bytes, its
 * hash), their code points turned to offsets in one pass.
 */
static void
paint_places(struct overlay *o, const char *text, size_t len, uint64_t hash,
    struct store_place *v, size_t n)
{
	size_t	**cp, i;

	cp = xcalloc(2 * n + 1, sizeof(*cp));
	for (i = 0; i < n; i++) {
		cp[2 * i] = &v[i].start;
		cp[2 * i + 1] = &v[i].end;
	}
	cps_to_offsets(text, len, cp, 2 * n);
	for (i = 0; i < n; i++)
		if (v[i].hash == hash && v[i].end != (size_t)-1 &&
		    v[i].start < v[i].end)
			overlay_add(o, v[i].start, v[i].end, 0);
	free(cp);
}

/*
 * The passages in view while the notes are still to be read, from the
 * store's index of places: those counted on this very text (its hash),
 * whose positions need no finding; and for each row of the overview
 * bar, the first passage that starts in its share of the text, so that
 * the bar marks the notes as it will once they are read.  They are
 * painted as the notes' passages are; reading the notes (reader_idle)
 * paints them anew.
 */
void
reader_paint_places(struct reader *r)
{
	struct store_place	*v;
	struct store_span	*sp;
	const struct layout_row	*lr;
	const struct doc	*d;
	const char		*text;
	struct pane		*p;
	size_t			 nv, nsp, top, bottom, len, b0, b1, at;
	uint64_t		 hash;
	int			 side, y, h = r->height;

	if (!r->notes_later || r->tiny)
		return;
	sp = xcalloc((size_t)h + 2, sizeof(*sp));
	for (side = 0; side < 2; side++) {
		p = &r->pane[side];
		d = p->doc;
		text = doc_text(d, &len);
		/* None at all on this essay: nothing to look for. */
		sp[0].from = 0;
		sp[0].to = SIZE_MAX;
		sp[0].max = 1;
		if (!p->shown || store_places(r->store, anchor_doc_id(d), sp,
		    1, &v, &nv) != 0 || nv == 0) {
			free(v);
			continue;
		}
		free(v);
		hash = anchor_text_hash(d);
		/* The text shown, and as much before it: a passage that
		   starts further up and reaches the top waits. */
		top = view_top_start(r, side);
		lr = layout_row(p->lay, p->top + (size_t)h);
		bottom = lr != NULL ? lr->start : len;
		sp[0].from = u8_mbsnlen((const uint8_t *)text, top);
		sp[0].back = u8_mbsnlen((const uint8_t *)text + top,
		    bottom - top);
		sp[0].to = sp[0].from + sp[0].back;
		sp[0].max = 0;
		nsp = 1;
		/* The bar's shares, as overview_bar cuts them, in code
		   points (a share starting inside a character leaves it
		   to the share before): the first passage of each. */
		at = 0;
		for (y = 0, b0 = 0; p->bar && y < h && b0 < len; y++, b0 = b1) {
			b1 = (size_t)(y + 1) * len / (size_t)h;
			if (b1 <= b0)
				b1 = b0 + 1;
			sp[nsp].from = nsp > 1 ? sp[nsp - 1].to : 0;
			sp[nsp].to = sp[nsp].from + u8_mbsnlen(
			    (const uint8_t *)text + at, (b1 < len ? b1 : len) -
			    at);
			sp[nsp++].max = 1;
			at = b1 < len ? b1 : len;
		}
		if (store_places(r->store, anchor_doc_id(d), sp, nsp, &v,
		    &nv) == 0)
			paint_places(p->layer[PL_NOTE], text, len, hash, v, nv);
		free(v);
	}
	free(sp);
}

int
reader_idle(struct reader *r)
{
	char	*off;
	int	 changed;

	changed = reader_terms_idle(r);
	if (r->notes_later) {
		r->notes_later = 0;
		changed = 1;
		overlay_clear(r->pane[0].layer[PL_NOTE]);
		overlay_clear(r->pane[1].layer[PL_NOTE]);
		/* A damaged store found now is left alone, as at opening. */
		if (store_check(r->store) == -1)
			reader_set_store(r, NULL, store_error(r->store));
		else {
			off = xstrdup(r->store_off);
			reader_set_store(r, r->store, off);
			free(off);
		}
	}
	if (pairs_idle(r))
		changed = 1;
	return changed;
}

/* Say once that the seminar cannot be reached. */
static void
say_away(struct reader *r)
{
	snprintf(r->msg, sizeof(r->msg), "the seminar cannot be reached: "
	    "new notes wait here, unsent, until it returns");
}

int
reader_set_seminar(struct reader *r, struct store *s)
{
	r->seminar = s;
	if (reload(r) == -1) {
		r->seminar = NULL;
		return -1;
	}
	r->last_home = HOME_SEMINAR;
	if (!store_connected(s))
		say_away(r);
	else if (r->nunsent > 0 && send_unsent(r) > 0)
		reload(r);
	return 0;
}

/*
 * The seminar is back: what waited for it is sent, and its notes read
 * anew.
 */
static void
came_back(struct reader *r)
{
	size_t sent;

	sent = send_unsent(r);
	reload(r);
	if (!store_connected(r->seminar))
		say_away(r);
	else if (sent > 0 && r->nunsent == 0)
		snprintf(r->msg, sizeof(r->msg), "the seminar is back: %zu "
		    "unsent note%s sent", sent, sent == 1 ? "" : "s");
	else if (r->nunsent == 0)
		snprintf(r->msg, sizeof(r->msg), "the seminar is back");
}

int
reader_poll_stores(struct reader *r)
{
	int changed, rc;

	changed = reader_idle(r);
	if (r->store != NULL && store_changed(r->store) == 1)
		changed = 1;
	if (r->seminar != NULL && !store_connected(r->seminar)) {
		if ((rc = store_reconnect(r->seminar)) == 1) {
			came_back(r);
			return 1;
		}
		if (rc == -1)
			snprintf(r->msg, sizeof(r->msg), "%s",
			    store_error(r->seminar));
	} else if (r->seminar != NULL) {
		if ((rc = store_changed(r->seminar)) == 1)
			changed = 1;
		else if (rc == -1 && !store_connected(r->seminar)) {
			say_away(r);
			changed = 1;
		}
	}
	if (changed)
		reload(r);
	return changed;
}

void
notes_free(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->nannos; i++)
		anno_clear(&r->annos[i]);
	free(r->annos);
	store_free_annos(r->seen, r->nseen);
	free(r->placed);
	free(r->home);
	free(r->root);
	free(r->byid);
	free_folded(r);
	free(r->store_off);
	free(r->edit.reply_to);
	free(r->shown);
	free(r->filter);
	free(r->filter_was);
	editor_free(r->edit.ed);
	pairs_free(r);
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
static int	failed(struct reader *, const char *, struct store *);
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
	notes_edit_open(r, NULL, r->focus, s, e);
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
	notes_edit_open(r, NULL, r->linking.side, r->linking.start,
	    r->linking.end);
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
	free(r->edit.reply_to);
	r->edit.reply_to = NULL;
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
	struct store	*st;
	const char	*text = editor_text(r->edit.ed, NULL);
	int		 side = r->edit.side, home;

	if (r->edit.editing) {
		/* The same note, its text changed; the store keeps the
		   version before. */
		st = home_of(r, r->edit.which);
		anno_copy(&a, &r->annos[r->edit.which]);
		free(a.note);
		a.note = xstrdup(text);
		anno_tags_from_note(&a);
		if (store_put(st, &a) == -1) {
			snprintf(r->msg, sizeof(r->msg), "not saved: %s",
			    store_error(st));
			anno_clear(&a);
			return;
		}
		anno_clear(&a);
		r->last_home = r->home[r->edit.which];
		edit_close(r);
		store_draft_clear(draft_store(r));
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
	if (r->edit.reply_to != NULL) {
		/* A reply: on its note's passages, in its note's store. */
		long k = find_id(r, r->edit.reply_to);
		int t;

		if (k < 0) {
			snprintf(r->msg, sizeof(r->msg), "not saved: the note "
			    "replied to was deleted meanwhile");
			anno_clear(&a);
			return;
		}
		for (t = 0; t < r->annos[k].ntargets; t++)
			anchor_copy(&a.target[t], &r->annos[k].target[t]);
		a.ntargets = r->annos[k].ntargets;
		a.reply_to = xstrdup(r->edit.reply_to);
		home = put_new(r, &a, r->home[k], "not saved");
		anno_clear(&a);
		if (home == -1)
			return;
		r->last_home = home;
		edit_close(r);
		store_draft_clear(draft_store(r));
		reload(r);
		snprintf(r->msg, sizeof(r->msg), "%s", home == HOME_UNSENT ?
		    "reply saved here, unsent: the seminar is unreachable; "
		    "it is sent when it returns" : "reply saved");
		return;
	}
	anchor_make(&a.target[0], r->pane[side].doc, r->edit.start,
	    r->edit.end);
	a.ntargets = 1;
	if (r->edit.link) {
		anchor_make(&a.target[1], r->pane[r->edit.side2].doc,
		    r->edit.start2, r->edit.end2);
		a.ntargets = 2;
	}
	/* A pairing that would pair nothing is not saved. */
	if (r->edit.link && anno_is_pairing(&a)) {
		size_t p[2];

		assert(side != r->edit.side2);
		p[side] = r->edit.start;
		p[r->edit.side2] = r->edit.start2;
		if (pairs_check(r, p) == -1) {
			anno_clear(&a);
			return;
		}
	}
	/* A new note goes to the seminar, when one is open.  Not saved,
	   it stays in the editor, to try again. */
	home = put_new(r, &a, r->seminar != NULL ? HOME_SEMINAR :
	    HOME_PERSONAL, "not saved");
	if (home == -1) {
		anno_clear(&a);
		return;
	}
	if (home == HOME_UNSENT)
		r->nunsent++;
	adopt(r, &a, home);
	index_ids(r);
	paint(r, r->nannos - 1);
	r->last_home = home;
	notes_filter(r);
	edit_close(r);
	store_draft_clear(draft_store(r));
	snprintf(r->msg, sizeof(r->msg), "%s%s", anno_is_pairing(
	    &r->annos[r->nannos - 1]) ? "paired from here on: " : "",
	    home == HOME_UNSENT ?
	    "saved here, unsent: the seminar is unreachable; it is sent "
	    "when it returns" : home == HOME_SEMINAR ?
	    "saved, shared with the seminar (P makes it private)" : "saved");
	pairs_update(r);
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
			if (draft_store(r) != NULL)
				store_draft_clear(draft_store(r));
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
			if (draft_store(r) != NULL)
				store_draft_clear(draft_store(r));
			snprintf(r->msg, sizeof(r->msg), "note dropped");
		}
		return;
	}
	editor_insert(r->edit.ed, s, n);
}

/* An annotation as read from a store, and which. */
struct got {
	struct anno	 a;
	int		 home;
};

/* Oldest first; for the same time, by id: every reader lists alike. */
static int
by_created(const void *x, const void *y)
{
	const struct got *a = x, *b = y;

	if (a->a.created != b->a.created)
		return a->a.created < b->a.created ? -1 : 1;
	if (a->home != b->home)
		return a->home - b->home;
	return strcmp(a->a.id, b->a.id);
}

/* Append store s's live annotations to *g of *n, from home; 0 or -1. */
static int
gather(struct reader *r, struct store *s, int home, struct got **g,
    size_t *n, size_t *cap)
{
	struct anno	*v;
	size_t		 nv, i;

	if (s == NULL)
		return 0;
	if (store_list(s, 0, &v, &nv, NULL) == -1) {
		snprintf(r->msg, sizeof(r->msg), "%s", store_error(s));
		return -1;
	}
	for (i = 0; i < nv; i++) {
		*g = xgrow(*g, cap, *n + 1, sizeof(**g));
		(*g)[*n].a = v[i];
		(*g)[(*n)++].home = home;
	}
	free(v);
	return 0;
}

static int
anno_by_id(const void *a, const void *b)
{
	return strcmp(((const struct anno *)a)->id,
	    ((const struct anno *)b)->id);
}

/*
 * Of the personal store's notes gathered, g[0..n), mark those that
 * wait for the seminar HOME_UNSENT, and count them.
 */
static int
mark_unsent(struct reader *r, struct got *g, size_t n)
{
	struct anno	*u;
	size_t		 nu, i;

	r->nunsent = 0;
	if (r->store == NULL || r->seminar == NULL)
		return 0;
	if (store_unsent(r->store, store_where(r->seminar), &u, &nu) == -1) {
		snprintf(r->msg, sizeof(r->msg), "%s", store_error(r->store));
		return -1;
	}
	if (nu > 0)
		qsort(u, nu, sizeof(*u), anno_by_id);
	for (i = 0; i < n && nu > 0; i++)
		if (bsearch(&g[i].a, u, nu, sizeof(*u), anno_by_id) != NULL) {
			g[i].home = HOME_UNSENT;
			r->nunsent++;
		}
	store_free_annos(u, nu);
	return 0;
}

/*
 * The seminar's notes into g: read anew, and kept in r->seen; while it
 * cannot be reached, those last read, so that nothing seems lost.
 */
static int
gather_seminar(struct reader *r, struct got **g, size_t *n, size_t *cap)
{
	struct anno	*v;
	size_t		 nv, i;

	if (r->seminar == NULL)
		return 0;
	if (store_connected(r->seminar)) {
		if (store_list(r->seminar, 0, &v, &nv, NULL) == 0) {
			store_free_annos(r->seen, r->nseen);
			r->seen = v;
			r->nseen = nv;
		} else if (store_connected(r->seminar)) {
			snprintf(r->msg, sizeof(r->msg), "%s",
			    store_error(r->seminar));
			return -1;
		}
	}
	for (i = 0; i < r->nseen; i++) {
		*g = xgrow(*g, cap, *n + 1, sizeof(**g));
		anno_copy(&(*g)[*n].a, &r->seen[i]);
		(*g)[(*n)++].home = HOME_SEMINAR;
	}
	return 0;
}

/* The index of the note with id, or -1: a binary search of byid[]. */
static long
find_id(const struct reader *r, const char *id)
{
	size_t	 lo = 0, hi = r->nannos, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(id, r->annos[r->byid[mid]].id)) == 0)
			return (long)r->byid[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

static const struct reader *ids_of;

static int
by_id(const void *a, const void *b)
{
	return strcmp(ids_of->annos[*(const size_t *)a].id,
	    ids_of->annos[*(const size_t *)b].id);
}

/* Sort byid[] anew, after the annotations changed. */
static void
index_ids(struct reader *r)
{
	size_t i;

	free(r->byid);
	r->byid = xcalloc(r->nannos + 1, sizeof(*r->byid));
	for (i = 0; i < r->nannos; i++)
		r->byid[i] = i;
	ids_of = r;
	if (r->nannos > 0)
		qsort(r->byid, r->nannos, sizeof(*r->byid), by_id);
}

/* Two annotations read, by id, the seminar's copy after the other. */
static int
got_by_id(const void *x, const void *y)
{
	const struct got *a = x, *b = y;
	int c = strcmp(a->a.id, b->a.id);

	return c != 0 ? c : a->home - b->home;
}

/* The id of note k into id ("" for none). */
static void
keep_id(const struct reader *r, long k, char id[ANNO_ID_LEN + 1])
{
	id[0] = '\0';
	if (k >= 0 && (size_t)k < r->nannos)
		memcpy(id, r->annos[k].id, ANNO_ID_LEN + 1);
}

/*
 * Read every annotation from the stores again and paint them anew: the
 * personal store's and the seminar's, oldest first (a note in both, left
 * by a move cut short, once: the newer).  What points at notes (the
 * note being edited or moved, the list's cursor, the review) follows
 * them by id.  Returns 0, or -1 (and the notes as they were).
 */
static int
reload(struct reader *r)
{
	struct got	*g = NULL;
	size_t		 n = 0, cap = 0, i, k;
	long		 sel = r->lists[LIST_NOTES].sel, at;
	char		 edit_id[ANNO_ID_LEN + 1], move_id[ANNO_ID_LEN + 1];
	char		 sel_id[ANNO_ID_LEN + 1], review_id[ANNO_ID_LEN + 1];
	int		 side;

	if (gather(r, r->store, HOME_PERSONAL, &g, &n, &cap) == -1 ||
	    mark_unsent(r, g, n) == -1 ||
	    gather_seminar(r, &g, &n, &cap) == -1) {
		for (i = 0; i < n; i++)
			anno_clear(&g[i].a);
		free(g);
		return -1;
	}
	/* The same id in both stores: the newer change stays. */
	if (n > 0)
		qsort(g, n, sizeof(*g), got_by_id);
	for (i = 0; i + 1 < n; i++)
		if (strcmp(g[i].a.id, g[i + 1].a.id) == 0) {
			k = g[i].a.modified > g[i + 1].a.modified ? i + 1 : i;
			anno_clear(&g[k].a);
			g[k].a.id[0] = '\0';
		}
	if (n > 0)
		qsort(g, n, sizeof(*g), by_created);

	keep_id(r, r->edit.ed != NULL && r->edit.editing ?
	    (long)r->edit.which : -1, edit_id);
	keep_id(r, r->reattach.on ? (long)r->reattach.which : -1, move_id);
	keep_id(r, sel >= 0 && sel < (long)r->nshown ? (long)r->shown[sel] :
	    -1, sel_id);
	keep_id(r, r->review != NULL ? (long)r->review[r->at] : -1,
	    review_id);

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
		if (g[i].a.id[0] != '\0')
			adopt(r, &g[i].a, g[i].home);
	free(g);
	index_ids(r);
	thread_roots(r);
	for (i = 0; i < r->nannos; i++)
		paint(r, i);
	notes_filter(r);

	if (edit_id[0] != '\0') {
		if ((at = find_id(r, edit_id)) >= 0)
			r->edit.which = (size_t)at;
		else {
			/* Deleted meanwhile: what is written is kept, as a
			   new note. */
			r->edit.editing = 0;
			snprintf(r->msg, sizeof(r->msg), "the note you are "
			    "editing was deleted: Enter saves it anew");
		}
	}
	if (move_id[0] != '\0') {
		if ((at = find_id(r, move_id)) >= 0)
			r->reattach.which = (size_t)at;
		else
			r->reattach.on = 0;
	}
	if (sel_id[0] != '\0' && (at = find_id(r, sel_id)) >= 0)
		for (i = 0; i < r->nshown; i++)
			if (r->shown[i] == (size_t)at)
				r->lists[LIST_NOTES].sel = (long)i;
	if (r->lists[LIST_NOTES].sel >= (long)r->nshown)
		r->lists[LIST_NOTES].sel = r->nshown > 0 ?
		    (long)r->nshown - 1 : 0;
	if (r->review != NULL)
		review_refresh(r, review_id);
	pairs_update(r);
	return 0;
}

/* A change in store st (NULL: none is open) failed: say so; -1. */
static int
failed(struct reader *r, const char *what, struct store *st)
{
	snprintf(r->msg, sizeof(r->msg), "%s: %s", what, st != NULL ?
	    store_error(st) : r->store_off);
	return -1;
}

/*
 * A new note (or reply) a into store home.  One for the seminar that
 * cannot be reached goes to the personal store instead, marked unsent,
 * to be sent when it returns; so does one for a note waiting there.
 * Returns the home it is in, or -1 (r->msg says why, what failed).
 */
static int
put_new(struct reader *r, struct anno *a, int home, const char *what)
{
	if (home == HOME_SEMINAR && store_connected(r->seminar)) {
		if (store_put(r->seminar, a) == 0)
			return HOME_SEMINAR;
		if (store_connected(r->seminar))
			return failed(r, what, r->seminar);
	}
	if (r->store == NULL)
		return failed(r, what, NULL);
	if (home == HOME_PERSONAL) {
		if (store_put(r->store, a) == -1)
			return failed(r, what, r->store);
		return HOME_PERSONAL;
	}
	if (store_put_unsent(r->store, a, store_where(r->seminar)) == -1)
		return failed(r, what, r->store);
	return HOME_UNSENT;
}

/*
 * Send the notes that wait for the seminar: each put there first, then
 * a tombstone here, so that one cut short between is sent again (the
 * same again changes nothing), never lost.  Returns how many were sent;
 * r->msg says why one was not.
 */
static size_t
send_unsent(struct reader *r)
{
	struct anno	*v;
	size_t		 n, i, sent = 0;

	if (r->store == NULL || r->seminar == NULL ||
	    store_unsent(r->store, store_where(r->seminar), &v, &n) == -1)
		return 0;
	for (i = 0; i < n; i++) {
		/* Sent under the seminar's name for its writer (a
		   PostgreSQL role may differ from the login name). */
		free(v[i].author);
		v[i].author = xstrdup("");
		if (store_put(r->seminar, &v[i]) == -1) {
			failed(r, "a note was not sent", r->seminar);
			break;
		}
		if (store_delete(r->store, v[i].id) == -1) {
			failed(r, "a note sent is in both stores", r->store);
			break;
		}
		sent++;
	}
	store_free_annos(v, n);
	return sent;
}

void
notes_delete(struct reader *r, size_t i)
{
	struct store	*st = home_of(r, i);
	char		 id[ANNO_ID_LEN + 1];

	if (st == NULL || !own(r, i))
		return;
	memcpy(id, r->annos[i].id, sizeof(id));
	if (store_delete(st, id) == -1) {
		failed(r, "not deleted", st);
		return;
	}
	r->last_home = r->home[i];
	reload(r);
	snprintf(r->msg, sizeof(r->msg), "deleted (u undoes it)");
}

void
notes_undo(struct reader *r)
{
	enum store_change	 what = STORE_NONE;
	char			 id[ANNO_ID_LEN + 1];
	struct store		*st[2];
	int			 i;

	/* The store changed last first, then the other. */
	st[0] = r->last_home == HOME_SEMINAR ? r->seminar : r->store;
	st[1] = r->last_home == HOME_SEMINAR ? r->store : r->seminar;
	for (i = 0; i < 2 && what == STORE_NONE; i++) {
		if (st[i] == NULL)
			continue;
		if (store_undo(st[i], NULL, &what, id) == -1) {
			failed(r, "not undone", st[i]);
			return;
		}
	}
	reload(r);
	snprintf(r->msg, sizeof(r->msg), "%s", what == STORE_NONE ?
	    "nothing of yours to undo" : what == STORE_CREATED ?
	    "undone: the note is gone again" : what == STORE_DELETED ?
	    "undone: the note is back" : "undone: the note is as it was");
}

void
notes_share(struct reader *r, size_t i)
{
	struct anno	 a;
	struct store	*from, *to;
	size_t		 k;
	int		 home;

	if (r->seminar == NULL) {
		snprintf(r->msg, sizeof(r->msg), "P shares a note with a "
		    "seminar: none is open (--seminar)");
		return;
	}
	if (!own(r, i))
		return;
	/* A thread stays whole where it is: a reply without its note, or
	   a note without its replies, would be read apart. */
	for (k = 0; k < r->nannos; k++)
		if (r->root[k] == r->root[i] && k != i) {
			snprintf(r->msg, sizeof(r->msg), "P moves a note with "
			    "no replies: this one is in a thread");
			return;
		}
	home = r->home[i] == HOME_SEMINAR ? HOME_PERSONAL : HOME_SEMINAR;
	from = home_of(r, i);
	to = home == HOME_SEMINAR ? r->seminar : r->store;
	if (to == NULL) {
		failed(r, "not moved", NULL);
		return;
	}
	/* Written to the other store first, then a tombstone here: cut
	   short between the two, the note is in both, never in neither. */
	anno_copy(&a, &r->annos[i]);
	if (home == HOME_SEMINAR) {
		/* Shared under the seminar's name for its writer. */
		free(a.author);
		a.author = xstrdup("");
	}
	if (store_put(to, &a) == -1) {
		failed(r, "not moved", to);
		anno_clear(&a);
		return;
	}
	if (store_delete(from, a.id) == -1) {
		failed(r, "now in both stores", from);
		anno_clear(&a);
		reload(r);
		return;
	}
	anno_clear(&a);
	r->last_home = home;
	reload(r);
	snprintf(r->msg, sizeof(r->msg), "%s", home == HOME_SEMINAR ?
	    "shared: the seminar sees it" :
	    "private: only in your own store, the seminar no longer has it");
}

/* e in the list: the editor on note i's text; 0, or -1 (not one's own). */
int
notes_edit(struct reader *r, size_t i)
{
	int	 side;
	size_t	 s, e;

	if (!own(r, i))
		return -1;
	if (notes_where(r, i, &side, &s, &e) == -1) {
		side = r->focus;
		s = e = 0;
	}
	notes_edit_open(r, r->annos[i].note, side, s, e);
	r->edit.editing = 1;
	r->edit.which = i;
	return 0;
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

	const struct anno	**thread;
	size_t			 k, n = 0;

	/* The replies, in the order they were written. */
	thread = xcalloc(r->nannos + 1, sizeof(*thread));
	for (k = 0; k < r->nannos; k++)
		if (k != id >> 1 && notes_root(r, k) == id >> 1)
			thread[n++] = &r->annos[k];
	card_note(c, &r->annos[id >> 1], pl->state == ANCHOR_MOVED ?
	    "moved since it was written" : pl->state == ANCHOR_FUZZY ?
	    "the text changed: check it is the right passage (c: it is; "
	    "in A, a moves the note)" : NULL, thread, n);
	free(thread);
}

/* --- filtering, confirming, moving ------------------------------------ */

/*
 * What a filter looks in for annotation a, folded once when the notes
 * are read (fold.h, FOLD_CASE), into two new strings: *all, its note,
 * quotes, author and "#tag"s, each on a line of its own (a line starts
 * with '\n'), and *author.
 */
static void
fold_anno(const struct anno *a, char **all, char **author)
{
	struct buf	 b;
	struct fold	 f;
	size_t		 i;
	int		 t;

	buf_init(&b);
	buf_adds(&b, "\n");
	buf_adds(&b, a->note);
	for (t = 0; t < a->ntargets && t < 2; t++) {
		buf_adds(&b, "\n");
		buf_adds(&b, a->target[t].exact);
	}
	buf_adds(&b, "\n");
	buf_adds(&b, a->author);
	for (i = 0; i < a->ntags; i++) {
		buf_adds(&b, "\n#");
		buf_adds(&b, a->tags[i]);
	}
	fold_text(&f, b.data, b.len, FOLD_CASE);
	*all = xstrdup(f.s);
	fold_free(&f);
	buf_free(&b);
	fold_text(&f, a->author, strlen(a->author), FOLD_CASE);
	*author = xstrdup(f.s);
	fold_free(&f);
}

/*
 * Whether note k passes one word w of a filter (folded): "#tag" (a tag
 * that starts so), "@name" (in its author's name), else anywhere in its
 * note, quotes, author or tags.
 */
static int
passes_word(const struct reader *r, size_t k, const char *w)
{
	struct buf	 tag;
	int		 yes;

	if (*w == '@')
		return strstr(r->folded[k].author, w + 1) != NULL;
	if (*w != '#')
		return strstr(r->folded[k].all, w) != NULL;
	buf_init(&tag);
	buf_printf(&tag, "\n%s", w);
	yes = strstr(r->folded[k].all, tag.data) != NULL;
	buf_free(&tag);
	return yes;
}

/* Whether note k passes every word of filter f (folded already). */
static int
passes(const struct reader *r, size_t k, const char *f)
{
	char	*w, *copy, *save;
	int	 yes = 1;

	copy = xstrdup(f);
	for (w = strtok_r(copy, " ", &save); w != NULL && yes;
	    w = strtok_r(NULL, " ", &save))
		yes = passes_word(r, k, w);
	free(copy);
	return yes;
}

/* Fold every note for the filter, once, after they were read. */
static void
fold_notes(struct reader *r)
{
	size_t i;

	free_folded(r);
	r->folded = xcalloc(r->nannos + 1, sizeof(*r->folded));
	for (i = 0; i < r->nannos; i++)
		fold_anno(&r->annos[i], &r->folded[i].all,
		    &r->folded[i].author);
	r->nfolded = r->nannos;
}

void
notes_filter(struct reader *r)
{
	struct fold	 f;
	size_t		 i, *start, *order;

	free(r->shown);
	r->shown = xcalloc(r->nannos + 1, sizeof(*r->shown));
	r->nshown = 0;
	if (r->filter != NULL) {
		if (r->folded == NULL)
			fold_notes(r);
		fold_text(&f, r->filter, strlen(r->filter), FOLD_CASE);
	}
	/* Each note, then the replies in its thread that pass too: the
	   notes grouped by thread (a counting sort on the root). */
	start = xcalloc(r->nannos + 1, sizeof(*start));
	order = xcalloc(r->nannos + 1, sizeof(*order));
	for (i = 0; i < r->nannos; i++)
		start[r->root[i] + 1]++;
	for (i = 0; i < r->nannos; i++)
		start[i + 1] += start[i];
	for (i = 0; i < r->nannos; i++)
		if (r->root[i] == i)
			order[start[i]++] = i;
	for (i = 0; i < r->nannos; i++)
		if (r->root[i] != i)
			order[start[r->root[i]]++] = i;
	for (i = 0; i < r->nannos; i++)
		if (r->filter == NULL || passes(r, order[i], f.s))
			r->shown[r->nshown++] = order[i];
	free(start);
	free(order);
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

/* Put a, note k changed, into its store; says what happened.  0 or -1. */
static int
put_changed(struct reader *r, size_t k, struct anno *a, const char *done)
{
	struct store *st = home_of(r, k);

	if (st == NULL || store_put(st, a) == -1)
		return failed(r, "not saved", st);
	r->last_home = r->home[k];
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
	if (!own(r, i))
		return;
	anno_copy(&a, &r->annos[i]);
	for (t = 0; t < a.ntargets && t < 2; t++) {
		const struct note_place *pl = &r->placed[i][t];

		if (pl->state != ANCHOR_FUZZY)
			continue;
		anchor_free(&a.target[t]);
		anchor_make(&a.target[t], r->pane[pl->side].doc, pl->start,
		    pl->end);
	}
	put_changed(r, i, &a, "confirmed: the note holds the passage as it "
	    "reads now (u undoes it)");
	anno_clear(&a);
}

void
notes_reattach(struct reader *r, size_t i)
{
	const struct anno	*a = &r->annos[i];
	int			 t, side;

	if (!own(r, i))
		return;
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
	put_changed(r, r->reattach.which, &a, "the note is on this passage now (u in A "
	    "undoes it)");
	anno_clear(&a);
}

/* --- the outside editor ------------------------------------------------ */

void
notes_external(struct reader *r)
{
	if (r->reattach.on && r->edit.ed == NULL) {
		snprintf(r->msg, sizeof(r->msg), "a note waits to be moved: "
		    "select its passage and press a (Esc: leave it)");
		return;
	}
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
	char	*was;
	int	 same;

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
	/* Compared as the note editor takes it (no \r, no controls). */
	was = xstrdup(editor_text(r->edit.ed, NULL));
	editor_free(r->edit.ed);
	r->edit.ed = editor_new(text);
	r->edit.asking = 0;
	text = editor_text(r->edit.ed, NULL);
	same = strcmp(text, was) == 0;
	free(was);
	if (blank(text))
		snprintf(r->msg, sizeof(r->msg), "the note is empty: not saved "
		    "(Esc drops it)");
	else if (same && r->edit.editing) {
		edit_close(r);
		if (draft_store(r) != NULL)
			store_draft_clear(draft_store(r));
		snprintf(r->msg, sizeof(r->msg), "the note is unchanged");
	} else
		edit_save(r);
}

/* --- replies ------------------------------------------------------------ */

size_t
notes_root(const struct reader *r, size_t i)
{
	return r->root[i];
}

/* Each note's thread: up its replies to the note they are about. */
static void
thread_roots(struct reader *r)
{
	size_t	 i, k;
	long	 p;
	int	 depth;

	for (i = 0; i < r->nannos; i++) {
		/* A bounded walk: a store from elsewhere may hold a loop. */
		for (k = i, depth = 0; depth < 64 &&
		    r->annos[k].reply_to != NULL; depth++) {
			if ((p = find_id(r, r->annos[k].reply_to)) < 0 ||
			    (size_t)p == k)
				break;
			k = (size_t)p;
		}
		/* A loop (A answers B answers A): each is a note of its
		   own, shown, rather than none. */
		r->root[i] = depth < 64 ? k : i;
	}
}

void
notes_reply(struct reader *r, size_t i)
{
	int	 side;
	size_t	 s, e;

	if (home_of(r, i) == NULL) {
		failed(r, "no reply", NULL);
		return;
	}
	if (notes_where(r, notes_root(r, i), &side, &s, &e) == -1) {
		side = r->focus;
		s = e = 0;
	}
	notes_edit_open(r, NULL, side, s, e);
	r->edit.reply_to = xstrdup(r->annos[i].id);
	r->popup = 0;
	r->list = -1;
	snprintf(r->msg, sizeof(r->msg), "a reply to %.60s", r->annos[i].author);
}
