/*
 * fuzz_sections.c: libFuzzer harness for section marks
 * (<!-- section: ID "Label" -->) and the pairing of two documents by
 * them.
 *
 * Each input line is one piece of an essay, chosen by its first byte:
 * 'm' a mark (the rest: ID, a space, the label), 'h' a heading, 'r' a
 * raw line, anything else a paragraph.  The first byte of the input
 * picks the mode: in a "safe" input ('s') IDs, labels and text are
 * mapped onto characters that cannot end a comment or open another
 * block, so the harness knows the sections exactly (one per new ID, in
 * order, a problem per repeated ID); otherwise pieces go in raw and
 * only the general invariants are checked.  A second essay is made of
 * the same pieces rotated, and the two are aligned: every layout row of
 * both appears once and in order, and paired sections share their ID.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diptych/align.h"
#include "diptych/doc.h"
#include "diptych/layout.h"
#include "diptych/util.h"
#include "check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct piece {
	char		 kind;
	const char	*s;
	size_t		 n;
};

struct expect {
	char		**id, **label;
	size_t		  n, cap;	/* distinct IDs, in order */
	size_t		  repeats;	/* marks whose ID was taken */
	size_t		  headings;
	int		  first_heading; /* the first piece is a heading */
};

static const char idchars[] = "abcdefghijklmnopqrstuvwxyz"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";

/* Byte c as a safe character of a label or a paragraph. */
static void
safe_char(struct buf *b, unsigned char c, int label)
{
	if (c >= 0x80)
		buf_add(b, c & 1 ? "é" : "語", c & 1 ? 2 : 3);
	else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9' && label) || c == ' ')
		buf_add(b, (const char *)&c, 1);
	else {
		char x = (char)('a' + c % 26);

		buf_add(b, &x, 1);
	}
}

/* The essay of pieces p[0..n) from first on, wrapping round. */
static char *
essay(const struct piece *p, size_t n, size_t first, int safe,
    struct expect *ex, size_t *len)
{
	struct buf	 b;
	size_t		 i, k, j;

	buf_init(&b);
	for (k = 0; k < n; k++) {
		const struct piece *q = &p[(first + k) % n];
		const char	*sp = memchr(q->s, ' ', q->n);
		size_t		 idn = sp ? (size_t)(sp - q->s) : q->n;
		size_t		 mark = b.len;

		switch (q->kind) {
		case 'm':
			buf_printf(&b, "<!-- section: ");
			if (!safe) {
				buf_add(&b, q->s, q->n);
				buf_printf(&b, " -->\n\n");
				break;
			}
			for (i = 0; i < idn; i++)
				buf_add(&b, &idchars[(unsigned char)q->s[i] %
				    (sizeof(idchars) - 1)], 1);
			if (idn == 0)
				buf_add(&b, "s", 1);
			j = b.len;
			buf_printf(&b, " \"");
			for (i = idn + (sp != NULL); i < q->n; i++)
				safe_char(&b, (unsigned char)q->s[i], 1);
			if (b.len == j + 2)
				buf_add(&b, "L", 1);
			if (ex != NULL) {
				char *id = xstrndup(b.data + mark + 14,
				    j - mark - 14);

				for (i = 0; i < ex->n; i++)
					if (strcmp(ex->id[i], id) == 0)
						break;
				if (i < ex->n) {
					ex->repeats++;
					free(id);
				} else {
					size_t cap = ex->cap;

					ex->id = xgrow(ex->id, &cap,
					    ex->n + 1, sizeof(char *));
					ex->label = xgrow(ex->label, &ex->cap,
					    ex->n + 1, sizeof(char *));
					ex->id[ex->n] = id;
					ex->label[ex->n++] = xstrndup(b.data +
					    j + 2, b.len - j - 2);
				}
			}
			buf_printf(&b, "\" -->\n\n");
			break;
		case 'h':
			if (ex != NULL && k == 0)
				ex->first_heading = 1;
			if (ex != NULL)
				ex->headings++;
			buf_printf(&b, "## ");
			/* FALLTHROUGH */
		default:
			if (!safe) {
				buf_add(&b, q->s, q->n);
			} else {
				for (i = 0; i < q->n; i++)
					safe_char(&b, (unsigned char)q->s[i], 0);
			}
			buf_printf(&b, "x\n\n");
			break;
		}
	}
	return buf_steal(&b, len);
}

/* What align.h promises of the alignment of l and r. */
static void
check_align(const struct layout *l, const struct layout *r)
{
	const struct layout *lay[2] = { l, r };
	struct align	*a = align_new(l, r);
	size_t		 i, side, next, pairs = 0;
	long		 last, sec;

	for (side = 0; side < 2; side++) {
		size_t nl = layout_nrows(lay[side]);

		/* Every layout row once, in order. */
		for (next = 0, i = 0; i < align_nrows(a); i++) {
			long row = align_row(a, i)->row[side];

			FUZZ_CHECK(row >= 0 || row == ALIGN_PAD ||
			    row == ALIGN_NOTE);
			if (row < 0)
				continue;
			FUZZ_CHECK((size_t)row == next);
			FUZZ_CHECK(align_index_of(a, (int)side, next) == i);
			next++;
		}
		FUZZ_CHECK(next == nl);
		/* Each document section at most once, in order. */
		for (last = -1, i = 0; i < align_nsections(a); i++) {
			sec = align_section(a, i)->sec[side];
			if (sec < 0)
				continue;
			FUZZ_CHECK(sec > last);
			FUZZ_CHECK(sec < (long)doc_nsections(layout_doc(
			    lay[side])));
			last = sec;
		}
	}
	for (i = 0; i < align_nsections(a); i++) {
		const struct align_section *s = align_section(a, i);

		FUZZ_CHECK(s->first <= align_nrows(a));
		if (i > 0)
			FUZZ_CHECK(align_section(a, i - 1)->first <= s->first);
		/* A side without sections is one span that is no section. */
		FUZZ_CHECK(s->sec[0] >= 0 || s->sec[1] >= 0 ||
		    doc_nsections(layout_doc(l)) == 0 ||
		    doc_nsections(layout_doc(r)) == 0);
		if (s->sec[0] >= 0 && s->sec[1] >= 0) {
			FUZZ_CHECK(strcmp(doc_section(layout_doc(l),
			    (size_t)s->sec[0])->id, doc_section(layout_doc(r),
			    (size_t)s->sec[1])->id) == 0);
			pairs++;
		}
	}
	if (!align_proportional(a))
		FUZZ_CHECK(pairs > 0);
	for (i = 0; i < align_nrows(a); i++)
		FUZZ_CHECK(align_section_at(a, i) < align_nsections(a));
	align_free(a);
}

/* The sections of d are exactly those the safe pieces made. */
static void
check_expect(const struct doc *d, const struct expect *ex)
{
	size_t i;

	if (ex->n == 0) {
		FUZZ_CHECK(!doc_sections_marked(d));
		FUZZ_CHECK(doc_nsections(d) == ex->headings +
		    (doc_nblocks(d) > 0 && !ex->first_heading));
		FUZZ_CHECK(doc_nproblems(d) == 0);
		return;
	}
	FUZZ_CHECK(doc_sections_marked(d));
	FUZZ_CHECK(doc_nsections(d) == ex->n);
	FUZZ_CHECK(doc_nproblems(d) == ex->repeats);
	for (i = 0; i < ex->n; i++) {
		FUZZ_CHECK(strcmp(doc_section(d, i)->id, ex->id[i]) == 0);
		FUZZ_CHECK(strcmp(doc_section(d, i)->label, ex->label[i]) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct piece	*p;
	struct expect	 ex;
	struct doc	*d[2];
	struct layout	*l[2];
	const char	*s = (const char *)data, *end = s + size, *eol;
	char		*text, *err;
	size_t		 n = 0, len, i;
	int		 safe;

	if (size == 0)
		return 0;
	safe = data[0] == 's';
	p = xcalloc(size, sizeof(*p));
	for (s++; s < end; s = eol + 1) {
		if ((eol = memchr(s, '\n', (size_t)(end - s))) == NULL)
			eol = end;
		if (eol > s) {
			p[n].kind = *s;
			p[n].s = s + 1;
			p[n++].n = (size_t)(eol - s - 1);
		}
	}
	memset(&ex, 0, sizeof(ex));
	for (i = 0; i < 2; i++) {
		text = essay(p, n, i == 0 ? 0 : n / 2, safe,
		    i == 0 ? &ex : NULL, &len);
		err = NULL;
		d[i] = doc_parse("fuzz.md", text, len, &err);
		free(text);
		if (d[i] == NULL) {
			FUZZ_CHECK(!safe);
			free(err);
			continue;
		}
		fuzz_check_doc(d[i]);
		if (i == 0 && safe)
			check_expect(d[i], &ex);
	}
	if (d[0] != NULL && d[1] != NULL) {
		l[0] = layout_new(d[0], 30);
		l[1] = layout_new(d[1], 17);
		check_align(l[0], l[1]);
		check_align(l[1], l[1]);
		layout_free(l[0]);
		layout_free(l[1]);
	}
	doc_free(d[0]);
	doc_free(d[1]);
	for (i = 0; i < ex.n; i++) {
		free(ex.id[i]);
		free(ex.label[i]);
	}
	free(ex.id);
	free(ex.label);
	free(p);
	return 0;
}
