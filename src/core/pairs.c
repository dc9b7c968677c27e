/*
 * pairs.c: the places where a reader's two texts begin paired sections,
 * besides the files' own marks and headings.
 *
 * A pairing is a note (see notes.c) on a passage of each essay, tagged
 * #pairing: the two passages begin a paired section from there on.  It
 * is stored, shared with the seminar, undone, exported and imported like
 * any note.  pairs[] holds the pairings found in the texts, yours first,
 * then the seminar's, each oldest first, as align_new_paired takes them;
 * whenever the notes change they are found again, and when they differ
 * the texts are aligned again, the reader's place kept.  Before the
 * first frame, when the notes are read only later, the pairings are read
 * alone (store_tagged), since they shape that frame.
 *
 * Two texts that pair nothing of their own (no marks, no heading in
 * common) get suggested pairings too (suggest.h), worked out once the
 * first frame is out and put after the stored ones, which win where they
 * cross; Enter on one in the sections list opens the note editor on it,
 * to keep it as one's own.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diptych/align.h"
#include "diptych/anchor.h"
#include "diptych/anno.h"
#include "diptych/doc.h"
#include "diptych/glyph.h"
#include "diptych/layout.h"
#include "diptych/overlay.h"
#include "diptych/pairs.h"
#include "diptych/reader.h"
#include "diptych/store.h"
#include "diptych/suggest.h"
#include "diptych/util.h"
#include "reader_impl.h"

static void	pair_editor(struct reader *, const char *, const size_t[2],
		    const size_t[2]);

/* Whether d is the essay of a target of id. */
static int
is_doc(const struct doc *d, const char *id)
{
	return strcmp(anchor_doc_id(d), id) == 0;
}

char *
pairs_label(const struct anno *a)
{
	const char	*s = a->note, *w;
	struct buf	 b;
	size_t		 n;

	buf_init(&b);
	for (;;) {
		while (*s == ' ' || *s == '\n' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		for (w = s; *s != '\0' && *s != ' ' && *s != '\n' &&
		    *s != '\t'; s++)
			;
		n = (size_t)(s - w);
		if (n == strlen(ANNO_PAIRING_TAG) + 1 && *w == '#' &&
		    strncmp(w + 1, ANNO_PAIRING_TAG, n - 1) == 0)
			continue;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_add(&b, w, n);
	}
	if (b.len == 0)
		buf_adds(&b, "Paired passages");
	return buf_steal(&b, NULL);
}

void
pairs_list_free(struct align_pair *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free((char *)v[i].id);
		free((char *)v[i].label);
	}
	free(v);
}

/* Whether two lists of pairings pair the same places alike. */
static int
pairs_same(const struct align_pair *a, size_t na, const struct align_pair *b,
    size_t nb)
{
	size_t i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (a[i].off[0] != b[i].off[0] || a[i].off[1] != b[i].off[1] ||
		    a[i].origin != b[i].origin || strcmp(a[i].id, b[i].id) ||
		    strcmp(a[i].label, b[i].label))
			return 0;
	return 1;
}

size_t
pairs_found(const struct doc *left, const struct doc *right,
    const struct anno *v, size_t n, int origin, struct align_pair **p,
    size_t *np, size_t *cap)
{
	const struct doc *d[2] = { left, right };
	const struct anno *a;
	size_t		 off[2], end, k, added = 0;
	int		 found[2], t, side;

	for (k = 0; k < n; k++) {
		if (!anno_is_pairing(a = &v[k]))
			continue;
		found[0] = found[1] = 0;
		for (t = 0; t < 2; t++) {
			for (side = 0; side < 2; side++)
				if (!found[side] && is_doc(d[side],
				    a->target[t].doc_id))
					break;
			if (side == 2 || anchor_find(&a->target[t], d[side],
			    &off[side], &end) == ANCHOR_ORPHAN)
				break;
			found[side] = 1;
		}
		if (!found[0] || !found[1])
			continue;
		*p = xgrow(*p, cap, *np + 1, sizeof(**p));
		(*p)[*np].off[0] = off[0];
		(*p)[*np].off[1] = off[1];
		(*p)[*np].id = xstrdup(a->id);
		(*p)[*np].label = pairs_label(a);
		(*p)[(*np)++].origin = origin;
		added++;
	}
	return added;
}

size_t
pairs_suggested(const struct suggest *s, struct align_pair **p, size_t *np,
    size_t *cap)
{
	size_t k, added = 0;

	for (k = 0; k < suggest_nsections(s); k++) {
		const struct suggest_section *ss = suggest_section(s, k);

		if (ss->offset[0] == SUGGEST_NONE ||
		    ss->offset[1] == SUGGEST_NONE)
			continue;
		*p = xgrow(*p, cap, *np + 1, sizeof(**p));
		(*p)[*np].off[0] = ss->offset[0];
		(*p)[*np].off[1] = ss->offset[1];
		(*p)[*np].id = xstrdup(ss->id);
		(*p)[*np].label = xstrdup(ss->label);
		(*p)[(*np)++].origin = ALIGN_SUGGESTED;
		added++;
	}
	return added;
}

/*
 * Take v[0..n) as the pairings (freeing the ones before); when they
 * differ, the texts are aligned again, the reader's place kept.
 */
static void
pairs_set(struct reader *r, struct align_pair *v, size_t n)
{
	struct align_pair	*old = r->pairs;
	size_t			 nold = r->npairs, cap = n;

	/* The suggestions go after the pairings stored. */
	if (r->sugg != NULL)
		(void)pairs_suggested(r->sugg, &v, &n, &cap);
	if (pairs_same(v, n, old, nold)) {
		pairs_list_free(v, n);
		return;
	}
	r->pairs = v;
	r->npairs = n;
	if (r->al != NULL && !r->tiny)
		reader_resize(r, r->cols, r->rows);
	pairs_list_free(old, nold);
}

/*
 * The pairings among the notes, found in the texts: the reader's own
 * first, then the seminar's, each oldest first (align_new_paired takes
 * them in that order).  When they changed, the texts are aligned again,
 * the reader's place kept.
 */
void
pairs_update(struct reader *r)
{
	struct align_pair	*v = NULL;
	size_t			 n = 0, cap = 0, k;
	int			 seminar;

	for (seminar = 0; seminar < 2; seminar++)
		for (k = 0; k < r->nannos; k++)
			if ((r->home[k] == HOME_SEMINAR) == seminar)
				(void)pairs_found(r->pane[0].doc,
				    r->pane[1].doc, &r->annos[k], 1, seminar ?
				    ALIGN_SEMINAR : ALIGN_YOURS, &v, &n, &cap);
	pairs_set(r, v, n);
}

/*
 * Whether two texts pair nothing of their own: no marks in either, no
 * heading (section ID) in common.
 */
static int
unpaired(const struct doc *l, const struct doc *r)
{
	size_t i, j;

	if (doc_sections_marked(l) || doc_sections_marked(r))
		return 0;
	for (i = 0; i < doc_nsections(l); i++)
		for (j = 0; j < doc_nsections(r); j++)
			if (*doc_section(l, i)->id != '\0' &&
			    strcmp(doc_section(l, i)->id,
			    doc_section(r, j)->id) == 0)
				return 0;
	return 1;
}

int
pairs_idle(struct reader *r)
{
	if (r->sugg_asked)
		return 0;
	r->sugg_asked = 1;
	if (!unpaired(r->pane[0].doc, r->pane[1].doc))
		return 0;
	r->sugg = suggest_new(r->pane[0].doc, r->pane[1].doc);
	if (suggest_npaired(r->sugg) == 0)
		return 0;
	pairs_update(r);
	return 1;
}

/*
 * The passage of side's pane from layout row from on: its first row with
 * text within a screen, that row.  Returns 0, or -1 when there is none.
 */
static int
passage_from(const struct reader *r, int side, size_t from, size_t *s,
    size_t *e)
{
	const struct pane	*p = &r->pane[side];
	const struct layout_row	*lr;
	const char		*t = doc_text(p->doc, NULL);
	size_t			 i;

	for (i = from; i < from + (size_t)r->height &&
	    (lr = layout_row(p->lay, i)) != NULL; i++) {
		*s = lr->start;
		*e = lr->end;
		while (*e > *s && (t[*e - 1] == ' ' || t[*e - 1] == '\n'))
			(*e)--;
		if (*e > *s)
			return 0;
	}
	return -1;
}

/* The text of the heading in force at offset in d, else NULL. */
static char *
heading_text(const struct doc *d, size_t offset)
{
	long			 h = doc_heading_at(d, offset);
	const struct doc_block	*b;
	const char		*t = doc_text(d, NULL);

	if (h < 0)
		return NULL;
	b = doc_block(d, (size_t)h);
	return xstrndup(t + b->start, b->end - b->start);
}

void
notes_pair(struct reader *r)
{
	size_t		 s[2], e[2];
	char		*label;
	int		 side;

	if (r->single) {
		snprintf(r->msg, sizeof(r->msg), "= pairs the passages at the "
		    "top of both panes: widen the terminal to show both");
		return;
	}
	if (r->locked) {
		snprintf(r->msg, sizeof(r->msg), "= pairs the passages at the "
		    "top of both panes: turn the sync lock off (s), bring them "
		    "there, then =");
		return;
	}
	for (side = 0; side < 2; side++)
		if (passage_from(r, side, r->pane[side].top, &s[side],
		    &e[side]) == -1) {
			snprintf(r->msg, sizeof(r->msg), "no text at the top "
			    "of %s to pair", doc_short_title(r->pane[side].doc));
			return;
		}
	if ((label = heading_text(r->pane[SIDE_LEFT].doc, s[0])) == NULL)
		label = heading_text(r->pane[SIDE_RIGHT].doc, s[1]);
	pair_editor(r, label, s, e);
	free(label);
	snprintf(r->msg, sizeof(r->msg), "pair from here on: Enter saves, "
	    "Esc drops; words before #%s: its label", ANNO_PAIRING_TAG);
}

void
pairs_accept(struct reader *r, size_t k)
{
	size_t	 s[2], e[2];
	int	 side;

	for (side = 0; side < 2; side++)
		if (passage_from(r, side, layout_row_at(r->pane[side].lay,
		    r->pairs[k].off[side]), &s[side], &e[side]) == -1)
			return;
	pair_editor(r, r->pairs[k].label, s, e);
	snprintf(r->msg, sizeof(r->msg), "keep this suggestion: Enter %s, "
	    "Esc leaves it", r->seminar != NULL ? "shares it with the seminar" :
	    "saves it as yours");
}

/*
 * The note editor on the passages [s, e) of each side, with label and
 * the tag: a pairing once saved.
 */
static void
pair_editor(struct reader *r, const char *label, const size_t s[2],
    const size_t e[2])
{
	struct buf	 b;
	int		 side;

	buf_init(&b);
	if (label != NULL)
		buf_printf(&b, "%s ", label);
	buf_adds(&b, "#" ANNO_PAIRING_TAG);
	notes_edit_open(r, b.data, SIDE_LEFT, s[0], e[0]);
	buf_free(&b);
	r->edit.link = 1;
	r->edit.side2 = SIDE_RIGHT;
	r->edit.start2 = s[1];
	r->edit.end2 = e[1];
	for (side = 0; side < 2; side++) {
		overlay_clear(r->pane[side].layer[PL_SELECTION]);
		overlay_add(r->pane[side].layer[PL_SELECTION], s[side],
		    e[side], 0);
	}
}

/* Label, cut to fit a message: at most cols columns. */
static char *
short_label(const char *label, int cols)
{
	struct buf	 b;

	buf_init(&b);
	buf_adds(&b, label);
	glyph_cut(&b, 0, cols, GLYPH_UTF8);
	return buf_steal(&b, NULL);
}

/*
 * Who keeps the stored pairing id: NULL when it is the reader's own to
 * delete, else the seminar member who wrote it.
 */
static const char *
pair_owner(const struct reader *r, const char *id)
{
	size_t	 i;

	for (i = 0; i < r->nannos; i++)
		if (strcmp(r->annos[i].id, id) == 0)
			return r->home[i] != HOME_SEMINAR || strcmp(
			    r->annos[i].author, store_author(r->seminar)) ==
			    0 ? NULL : r->annos[i].author;
	return NULL;
}

/*
 * The pairings stored are taken yours first (and those waiting for the
 * seminar), then the seminar's, each oldest first; a new one comes last
 * of its kind.  It is tried alone against the files' marks, then with
 * them: left out, it would say "saved" and pair nothing.  Messages fit
 * the 79 columns of an 80-column status row.
 */
int
pairs_check(struct reader *r, const size_t p[2])
{
	struct align_pair	*v;
	struct align		*al;
	size_t			 n = 0, k, at = SIZE_MAX;
	int			 state, seminar;
	char			*label;

	if (r->pane[0].lay == NULL || r->pane[1].lay == NULL)
		return 0;
	seminar = r->seminar != NULL && store_connected(r->seminar);
	v = xcalloc(r->npairs + 1, sizeof(*v));
	for (k = 0; k < r->npairs; k++) {
		if (r->pairs[k].origin == ALIGN_SUGGESTED)
			continue;
		if (!seminar && at == SIZE_MAX &&
		    r->pairs[k].origin == ALIGN_SEMINAR)
			at = n++;
		v[n++] = r->pairs[k];
	}
	if (at == SIZE_MAX)
		at = n++;
	v[at].off[0] = p[0];
	v[at].off[1] = p[1];
	v[at].id = "";
	v[at].label = "";
	v[at].origin = seminar ? ALIGN_SEMINAR : ALIGN_YOURS;

	/* The files' marks, which win over every pairing. */
	al = align_new_paired(r->pane[0].lay, r->pane[1].lay, &v[at], 1);
	state = align_pair_state(al, 0);
	align_free(al);
	if (state == ALIGN_PAIR_SAME)
		snprintf(r->msg, sizeof(r->msg), "not paired: these "
		    "passages begin sections together already; Esc, y "
		    "drops it");
	else if (state == ALIGN_PAIR_CROSSES)
		snprintf(r->msg, sizeof(r->msg), "not paired: it crosses "
		    "the files' section marks, which win; Esc, y drops it");
	if (state != ALIGN_PAIR_USED) {
		free(v);
		return -1;
	}

	/* The pairings taken before it. */
	al = align_new_paired(r->pane[0].lay, r->pane[1].lay, v, n);
	state = align_pair_state(al, at);
	for (k = 0; state != ALIGN_PAIR_USED && k < at; k++)
		if (align_pair_state(al, k) == ALIGN_PAIR_USED &&
		    (align_crosses(p, v[k].off) || (p[0] == v[k].off[0] &&
		    p[1] == v[k].off[1])))
			break;
	if (state != ALIGN_PAIR_USED && k == at)
		snprintf(r->msg, sizeof(r->msg), "not paired: it would "
		    "begin no section; Esc, y drops it");
	else if (state != ALIGN_PAIR_USED) {
		const char	*owner = pair_owner(r, v[k].id);
		char		*who = owner != NULL ? short_label(owner, 12) :
				    NULL;

		label = short_label(v[k].label, 16);
		if (p[0] == v[k].off[0] && p[1] == v[k].off[1])
			snprintf(r->msg, sizeof(r->msg), "not paired: \"%s\" "
			    "pairs these passages already; Esc, y drops it",
			    label);
		else if (p[0] == v[k].off[0] || p[1] == v[k].off[1])
			snprintf(r->msg, sizeof(r->msg), "not paired: %s%s"
			    "\"%s\" starts here%s; Esc, y drops it",
			    who != NULL ? who : "", who != NULL ? "'s " : "",
			    label, who == NULL ? " (x in S deletes it)" : "");
		else if (who == NULL)
			snprintf(r->msg, sizeof(r->msg), "not paired: it "
			    "crosses \"%s\" (x in S deletes it); Esc, y drops "
			    "it", label);
		else
			snprintf(r->msg, sizeof(r->msg), "not paired: it "
			    "crosses %s's \"%s\"; Esc, y drops it", who,
			    label);
		free(label);
		free(who);
	}
	align_free(al);
	free(v);
	return state == ALIGN_PAIR_USED ? 0 : -1;
}

void
pairs_read(struct reader *r, struct store *s)
{
	struct align_pair	*p = NULL;
	struct anno		*v;
	size_t			 n, np = 0, cap = 0;

	if (store_tagged(s, ANNO_PAIRING_TAG, &v, &n) == -1)
		return;
	(void)pairs_found(r->pane[0].doc, r->pane[1].doc, v, n, ALIGN_YOURS, &p,
	    &np, &cap);
	pairs_set(r, p, np);
	store_free_annos(v, n);
}

void
pairs_free(struct reader *r)
{
	suggest_free(r->sugg);
	r->sugg = NULL;
	pairs_list_free(r->pairs, r->npairs);
	r->pairs = NULL;
	r->npairs = 0;
}
