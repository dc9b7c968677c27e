/*
 * doc.c: essay file -> document (plain text, blocks, runs, links).
 *
 * The input is checked as UTF-8, normalized to NFC, split into front
 * matter and body, and the body is parsed by cmark.  The AST is walked
 * once, through walk_acts[]: one row of {enter, leave} handlers per node
 * type.  Leaf blocks (paragraphs, headings, code, rules) become struct
 * doc_block; the containers around them (block quotes, list items) only
 * contribute the prefix strings drawn before the block's rows.
 *
 * Invariants: blocks are in text order and do not overlap; consecutive
 * blocks are separated by one '\n' in the text; runs are sorted and do
 * not overlap; the text holds no C0/C1 control character but '\n' (they
 * are replaced by visible symbols as text is appended, so no byte from a
 * file can reach a terminal as a control sequence).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>
#include <unistr.h>
#include <unicase.h>
#include <uninorm.h>
#include <uniwidth.h>

#include "diptych/doc.h"
#include "diptych/util.h"

struct meta {
	char	*key;
	char	*value;
};

/* An anchor, <a id="..."></a>: where a citation's entry is. */
struct doc_anchor {
	const char	*id;
	size_t		 offset;
	long		 block;		/* block that holds it */
};

struct doc {
	char		*name;
	struct buf	 text;
	struct doc_block *blocks;
	size_t		 nblocks, blockcap;
	struct doc_run	*runs;
	size_t		 nruns, runcap;
	struct doc_link	*links;
	size_t		 nlinks, linkcap;
	struct doc_anchor *anchors;
	size_t		 nanchors, anchorcap;
	struct meta	*meta;
	size_t		 nmeta, metacap;
	char		**strs;		/* prefixes and URLs, owned */
	size_t		 nstrs, strcap;
	long		*heading;	/* per block: heading in force, or -1 */
	size_t		 col;		/* display column at text offset colat */
	size_t		 colat;
	size_t		 nctrl;		/* control characters replaced */
	size_t		*cpidx;		/* byte offset of every CP_STEP-th
					   code point, made when first asked */
	size_t		 ncp;		/* code points in the text */
	int		 ctrl_line;	/* the line of the first one */
	struct doc_section *sections;
	size_t		 nsections, seccap;
	int		 marked;	/* sections come from marks */
	char		**problems;	/* "name:line: what", owned */
	size_t		 nproblems, probcap;
};

/* A container around the leaf blocks: a block quote or a list item. */
struct container {
	int	 quote;			/* 1: quote bar; 0: list item */
	char	 marker[16];		/* list item marker, e.g. "• " */
	int	 used;			/* marker already drawn */
	int	 tight;			/* item of a tight list */
	int	 first_item;		/* first item of its list */
	int	 leaves;		/* leaf blocks opened inside so far */
};

/* State of the AST walk. */
struct walk {
	struct doc	*d;
	struct container stack[64];
	int		 depth;		/* containers in effect */
	int		 skipped;	/* containers nested too deep */
	int		 emph, strong, code, link; /* inline nesting counts */
	size_t		 link_start;
	int		 in_block;	/* a leaf block is open */
	int		 line_offset;	/* lines of front matter */
};

static char *
doc_keep(struct doc *d, char *s)
{
	d->strs = xgrow(d->strs, &d->strcap, d->nstrs + 1, sizeof(*d->strs));
	d->strs[d->nstrs++] = s;
	return s;
}

static unsigned
inline_style(const struct walk *w)
{
	unsigned s = 0;

	if (w->emph)
		s |= DS_EMPH;
	if (w->strong)
		s |= DS_STRONG;
	if (w->code)
		s |= DS_CODE;
	if (w->link)
		s |= DS_LINK;
	return s;
}

/* Record that text[start, end) has style; merges with the previous run. */
static void
add_run(struct doc *d, size_t start, size_t end, unsigned style)
{
	struct doc_run *r;

	if (style == 0 || end <= start)
		return;
	if (d->nruns > 0) {
		r = &d->runs[d->nruns - 1];
		if (r->end == start && r->style == style) {
			r->end = end;
			return;
		}
	}
	d->runs = xgrow(d->runs, &d->runcap, d->nruns + 1, sizeof(*d->runs));
	r = &d->runs[d->nruns++];
	r->start = start;
	r->end = end;
	r->style = style;
}

/*
 * The display column at the end of the text, for a tab: kept from the
 * last tab when nothing was added since, else counted again from the
 * last '\n'.
 */
static size_t
text_column(struct doc *d)
{
	const uint8_t	*t = (const uint8_t *)d->text.data;
	size_t		 i;

	if (d->colat == d->text.len)
		return d->col;
	for (i = d->text.len; i > 0 && t[i - 1] != '\n'; i--)
		;
	d->col = (size_t)u8_width(t + i, d->text.len - i, "UTF-8");
	d->colat = d->text.len;
	return d->col;
}

/*
 * Append s[0..n) to the text.  Control characters become visible
 * symbols: C0 as the Unicode control pictures (U+2400 + c, so ESC shows
 * as U+241B), DEL as U+2421, C1 as U+FFFD.  keep_newlines keeps '\n'
 * (code blocks, hard breaks); otherwise it is a space.  Tabs become
 * spaces up to the next multiple of 8 display columns (a wide character
 * counts 2, a combining mark 0) from the last '\n'.
 */
static void
append_text(struct doc *d, const char *s, size_t n, unsigned style,
    int keep_newlines)
{
	static unsigned char stop[256];	/* may start a control character */
	const uint8_t	*p = (const uint8_t *)s, *end = p + n, *q;
	size_t		 start = d->text.len, col;
	ucs4_t		 uc;
	int		 len;

	if (!stop[0])
		for (len = 0; len < 256; len++)
			stop[len] = len < 0x20 || len == 0x7f || len == 0xc2;
	while (p < end) {
		/* A run of characters kept as they are, in one piece: a
		   C1 control is 0xc2 then a byte below 0xa0. */
		for (q = p; q < end && !(stop[*q] && (*q != 0xc2 ||
		    (q + 1 < end && q[1] < 0xa0))); q++)
			;
		if (q > p) {
			buf_add(&d->text, p, (size_t)(q - p));
			p = q;
			continue;
		}
		len = u8_mbtouc(&uc, p, (size_t)(end - p));
		if (uc == '\n' && keep_newlines)
			buf_addc(&d->text, '\n');
		else if (uc == '\t') {
			col = text_column(d);
			do
				buf_addc(&d->text, ' ');
			while (++col % 8 != 0);
			d->col = col;
			d->colat = d->text.len;
		} else if (uc == '\n' || uc == '\r')
			buf_addc(&d->text, ' ');
		else {
			uint8_t	 tmp[6];
			ucs4_t	 pic = uc < 0x20 ? 0x2400 + uc :
			    uc == 0x7f ? 0x2421 : 0xfffd;
			int	 m = u8_uctomb(tmp, pic, sizeof(tmp));

			buf_add(&d->text, tmp, (size_t)m);
			if (d->nctrl++ == 0 && d->nblocks > 0)
				d->ctrl_line = d->blocks[d->nblocks - 1].line;
		}
		p += len;
	}
	add_run(d, start, d->text.len, style);
}

/* Prefix strings for a leaf block opened inside the current containers. */
static void
make_prefixes(struct walk *w, struct doc_block *b)
{
	struct buf	 first, rest;
	int		 i, k, mw;

	if (w->depth == 0) {
		/* No container: no prefix, and nothing to keep. */
		b->prefix1 = b->prefix = "";
		return;
	}
	buf_init(&first);
	buf_init(&rest);
	buf_add(&first, "", 0);
	buf_add(&rest, "", 0);
	for (i = 0; i < w->depth; i++) {
		struct container *c = &w->stack[i];

		if (c->quote) {
			buf_adds(&first, "│ ");
			buf_adds(&rest, "│ ");
			continue;
		}
		mw = u8_strwidth((const uint8_t *)c->marker, "UTF-8");
		if (c->used) {
			for (k = 0; k < mw; k++)
				buf_addc(&first, ' ');
		} else
			buf_adds(&first, c->marker);
		for (k = 0; k < mw; k++)
			buf_addc(&rest, ' ');
		c->used = 1;
	}
	b->prefix1 = doc_keep(w->d, buf_steal(&first, NULL));
	b->prefix = doc_keep(w->d, buf_steal(&rest, NULL));
}

/* Record a problem found in the source, at line (1-based, 0: none). */
static void
add_problem(struct doc *d, int line, const char *fmt, ...)
{
	struct buf	 b;
	va_list		 ap;
	char		 what[512];

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	buf_init(&b);
	if (line > 0)
		buf_printf(&b, "%s:%d: %s", d->name, line, what);
	else
		buf_printf(&b, "%s: %s", d->name, what);
	d->problems = xgrow(d->problems, &d->probcap, d->nproblems + 1,
	    sizeof(*d->problems));
	d->problems[d->nproblems++] = buf_steal(&b, NULL);
}

static void
add_section(struct doc *d, char *id, char *label, size_t offset, int line,
    int implicit)
{
	struct doc_section *sec;

	d->sections = xgrow(d->sections, &d->seccap, d->nsections + 1,
	    sizeof(*d->sections));
	sec = &d->sections[d->nsections++];
	sec->id = doc_keep(d, id);
	sec->label = doc_keep(d, label);
	sec->offset = offset;
	sec->line = line;
	sec->implicit = implicit;
}

/*
 * If comment s opens with "<!-- section", the first byte after that
 * keyword, else NULL.
 */
static const char *
section_keyword(const char *s)
{
	while (*s == ' ')
		s++;
	if (strncmp(s, "<!--", 4) != 0)
		return NULL;
	for (s += 4; *s == ' ' || *s == '\t'; s++)
		;
	return strncmp(s, "section", 7) == 0 ? s + 7 : NULL;
}

/*
 * If comment s is a section mark, "<!-- section: ID "Label" -->", add it
 * as a section starting at the next block.  A comment that starts like a
 * mark but is not one is a problem.
 */
static void
section_mark(struct walk *w, const char *s, int line)
{
	struct doc	*d = w->d;
	const char	*p = s, *id, *label;
	size_t		 idlen, labellen, i;

	if ((p = section_keyword(p)) == NULL)
		return;				/* another comment */
	if (*p != ':')
		goto bad;
	p++;
	while (*p == ' ' || *p == '\t')
		p++;
	id = p;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.')
		p++;
	idlen = (size_t)(p - id);
	if (idlen == 0 || (*p != ' ' && *p != '\t'))
		goto bad;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p++ != '"')
		goto bad;
	label = p;
	while (*p != '\0' && *p != '"' && *p != '\n')
		p++;
	if (*p != '"' || p == label)
		goto bad;
	labellen = (size_t)(p - label);
	p++;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "-->", 3) != 0)
		goto bad;
	for (p += 3; *p == ' ' || *p == '\t' || *p == '\n'; p++)
		;
	if (*p != '\0')
		goto bad;
	for (i = 0; i < d->nsections; i++)
		if (strlen(d->sections[i].id) == idlen &&
		    memcmp(d->sections[i].id, id, idlen) == 0) {
			add_problem(d, line, "section ID '%.*s' is already used "
			    "at line %d", (int)idlen, id, d->sections[i].line);
			return;
		}
	/* The offset is set when the next block opens. */
	add_section(d, xstrndup(id, idlen), xstrndup(label, labellen),
	    (size_t)-1, line, 0);
	return;
bad:
	add_problem(d, line, "malformed section mark: expected "
	    "<!-- section: ID \"Label\" -->");
}

/*
 * Whether a leaf opened now continues a tight list, and so gets no blank
 * row before it: the innermost list around it is tight and the leaf is
 * not that list's first, or it is, and that list continues an enclosing
 * tight list in the same way.
 */
static int
in_tight_list(const struct walk *w)
{
	int i;

	for (i = w->depth - 1; i >= 0; i--) {
		const struct container *c = &w->stack[i];

		if (c->quote || !c->tight)
			return 0;
		if (!c->first_item || c->leaves > 0)
			return 1;
	}
	return 0;
}

/* Open a leaf block; its text starts at the current end of the text. */
static struct doc_block *
open_block(struct walk *w, enum doc_block_kind kind, unsigned style, int line)
{
	struct doc	*d = w->d;
	struct doc_block *b;
	int		 i;

	if (d->nblocks > 0)
		buf_addc(&d->text, '\n');
	d->blocks = xgrow(d->blocks, &d->blockcap, d->nblocks + 1,
	    sizeof(*d->blocks));
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->style = style;
	b->start = b->end = d->text.len;
	b->line = line > 0 ? line + w->line_offset : 0;
	b->gap = d->nblocks > 1 && !in_tight_list(w) ? 1 : 0;
	for (i = (int)d->nsections - 1; i >= 0 &&
	    d->sections[i].offset == (size_t)-1; i--)
		d->sections[i].offset = b->start;
	make_prefixes(w, b);
	for (i = 0; i < w->depth; i++)
		w->stack[i].leaves++;
	w->in_block = 1;
	return b;
}

static void
close_block(struct walk *w)
{
	struct doc	*d = w->d;

	if (!w->in_block)
		return;
	d->blocks[d->nblocks - 1].end = d->text.len;
	w->in_block = 0;
}

/* Marker width for an ordered list: room for its largest number. */
static void
item_marker(cmark_node *item, char *out, size_t outsz)
{
	cmark_node	*list = cmark_node_parent(item), *n;
	int		 idx = 0, count = 0, num, wid;
	char		 delim;

	if (cmark_node_get_list_type(list) != CMARK_ORDERED_LIST) {
		snprintf(out, outsz, "• ");
		return;
	}
	for (n = cmark_node_first_child(list); n; n = cmark_node_next(n)) {
		if (n == item)
			idx = count;
		count++;
	}
	num = cmark_node_get_list_start(list) + idx;
	wid = snprintf(NULL, 0, "%d", cmark_node_get_list_start(list) +
	    count - 1);
	delim = cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')' : '.';
	snprintf(out, outsz, "%*d%c ", wid, num, delim);
}

static int
is_comment(const char *s)
{
	while (*s == ' ')
		s++;
	return strncmp(s, "<!--", 4) == 0;
}

/*
 * Inline HTML that is an anchor, <a id="X"> or <a name="X">, or the </a>
 * closing one: record the anchor and show nothing.  Returns whether s
 * was one.
 */
static int
html_anchor(struct walk *w, const char *s)
{
	struct doc	*d = w->d;
	const char	*p, *q;
	struct doc_anchor *a;

	if (strcmp(s, "</a>") == 0)
		return 1;
	if (strncmp(s, "<a ", 3) != 0)
		return 0;
	p = strstr(s, "id=\"");
	if (p == NULL && (p = strstr(s, "name=\"")) != NULL)
		p += 2;
	if (p == NULL || (q = strchr(p + 4, '"')) == NULL)
		return 0;
	p += 4;
	d->anchors = xgrow(d->anchors, &d->anchorcap, d->nanchors + 1,
	    sizeof(*d->anchors));
	a = &d->anchors[d->nanchors++];
	a->id = doc_keep(d, xstrndup(p, (size_t)(q - p)));
	a->offset = d->text.len;
	a->block = (long)d->nblocks - 1;
	return 1;
}

/* Point every fragment link at the block of its anchor. */
static void
resolve_links(struct doc *d)
{
	size_t i, k;

	for (i = 0; i < d->nlinks; i++) {
		struct doc_link *l = &d->links[i];

		if (l->url[0] != '#')
			continue;
		for (k = 0; k < d->nanchors; k++)
			if (strcmp(d->anchors[k].id, l->url + 1) == 0) {
				l->target = d->anchors[k].block;
				break;
			}
	}
}

/*
 * The AST walk, one handler per node type and event.  cmark gives leaf
 * nodes (code and HTML blocks, rules, text, breaks, code, inline HTML)
 * only an enter event; the others are entered and left.
 */
typedef void	 walk_fn(struct walk *, cmark_node *);

/*
 * Push a container for node.  Returns it cleared, or NULL when the stack
 * is full (the node is skipped: its leaves get the outer prefixes).
 */
static struct container *
push_container(struct walk *w)
{
	if (w->depth == (int)(sizeof(w->stack) / sizeof(w->stack[0]))) {
		w->skipped++;
		return NULL;
	}
	memset(&w->stack[w->depth], 0, sizeof(w->stack[0]));
	return &w->stack[w->depth++];
}

/* Enter a block quote: a quote bar before each row inside. */
static void
quote_enter(struct walk *w, cmark_node *node)
{
	struct container *c;

	(void)node;
	if ((c = push_container(w)) != NULL)
		c->quote = 1;
}

/* Enter a list item: its marker, then a hanging indent. */
static void
item_enter(struct walk *w, cmark_node *node)
{
	struct container *c;

	if ((c = push_container(w)) == NULL)
		return;
	item_marker(node, c->marker, sizeof(c->marker));
	c->tight = cmark_node_get_list_tight(cmark_node_parent(node));
	c->first_item = cmark_node_previous(node) == NULL;
}

/* Leave a block quote or list item. */
static void
container_leave(struct walk *w, cmark_node *node)
{
	(void)node;
	if (w->skipped > 0)
		w->skipped--;
	else
		w->depth--;
}

/* Enter a paragraph: quoted if any container around it is a quote. */
static void
para_enter(struct walk *w, cmark_node *node)
{
	unsigned st = 0;
	int	 i;

	for (i = 0; i < w->depth; i++)
		if (w->stack[i].quote)
			st |= DS_QUOTE;
	open_block(w, BLK_PARA, st, cmark_node_get_start_line(node));
}

/* Enter a heading: a block that knows its level. */
static void
heading_enter(struct walk *w, cmark_node *node)
{
	struct doc_block *b;

	int level = cmark_node_get_heading_level(node);

	/* Each level looks its own: a title's look for level 1, the
	   quieter look of DS_MINOR below level 3 (the layout rules off
	   levels 1 and 2). */
	b = open_block(w, BLK_HEADING, DS_HEADING | (level == 1 ? DS_TITLE :
	    level >= 4 ? DS_MINOR : 0), cmark_node_get_start_line(node));
	b->level = level;
}

/* Leave a paragraph or heading. */
static void
block_leave(struct walk *w, cmark_node *node)
{
	(void)node;
	close_block(w);
}

/* A block of literal lines, without its final newlines. */
static void
literal_block(struct walk *w, const char *lit, int line)
{
	size_t n = strlen(lit);

	while (n > 0 && lit[n - 1] == '\n')
		n--;
	open_block(w, BLK_CODE, DS_CODE, line);
	append_text(w->d, lit, n, 0, 1);
	close_block(w);
}

/*
 * An HTML comment block carries marks, not text to read: a section mark
 * if it is one, or a problem if it stands between the two halves of a
 * paragraph (cmark would have ended the paragraph there).
 */
static void
comment_block(struct walk *w, cmark_node *node, const char *lit)
{
	int		 line = cmark_node_get_start_line(node);
	int		 mline = line + w->line_offset, end = line - 1;
	cmark_node	*prev = cmark_node_previous(node);
	cmark_node	*next = cmark_node_next(node);
	const char	*c;

	/* cmark's end line of an HTML block is not reliable: count the
	   block's own lines. */
	for (c = lit; *c != '\0'; c++)
		if (*c == '\n' || c[1] == '\0')
			end++;
	if (prev && next &&
	    cmark_node_get_type(prev) == CMARK_NODE_PARAGRAPH &&
	    cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH &&
	    cmark_node_get_end_line(prev) + 1 == line &&
	    cmark_node_get_start_line(next) == end + 1)
		add_problem(w->d, mline, "section mark splits a paragraph: "
		    "put blank lines around it");
	else
		section_mark(w, lit, mline);
}

/* s, or "" when s is NULL. */
static const char *
or_empty(const char *s)
{
	return s != NULL ? s : "";
}

/* The literal of a leaf node, "" when it has none. */
static const char *
literal(cmark_node *node)
{
	return or_empty(cmark_node_get_literal(node));
}

/* A fenced or indented code block: its lines as they are. */
static void
code_block_enter(struct walk *w, cmark_node *node)
{
	literal_block(w, literal(node), cmark_node_get_start_line(node));
}

/* Raw HTML is shown as code, but for comments. */
static void
html_block_enter(struct walk *w, cmark_node *node)
{
	const char *lit = literal(node);

	if (is_comment(lit))
		comment_block(w, node, lit);
	else
		literal_block(w, lit, cmark_node_get_start_line(node));
}

/* A thematic break: a block with no text. */
static void
rule_enter(struct walk *w, cmark_node *node)
{
	open_block(w, BLK_RULE, DS_RULE, cmark_node_get_start_line(node));
	close_block(w);
}

/* Text in the style of the inlines around it. */
static void
text_enter(struct walk *w, cmark_node *node)
{
	const char *lit = literal(node);

	append_text(w->d, lit, strlen(lit), inline_style(w), 0);
}

/*
 * Inline HTML: anchors and comments are not shown, a section mark here
 * is a problem, and other tags are shown as written, as code.
 */
static void
html_inline_enter(struct walk *w, cmark_node *node)
{
	const char *lit = literal(node);

	if (html_anchor(w, lit))
		return;
	if (section_keyword(lit) != NULL) {
		add_problem(w->d, cmark_node_get_start_line(node) +
		    w->line_offset, "section mark inside a paragraph: put it "
		    "on a line of its own, with blank lines around it");
		return;
	}
	if (is_comment(lit))
		return;
	append_text(w->d, lit, strlen(lit), inline_style(w) | DS_CODE, 0);
}

/* A code span: text in the style around it, as code. */
static void
code_enter(struct walk *w, cmark_node *node)
{
	const char *lit = literal(node);

	append_text(w->d, lit, strlen(lit), inline_style(w) | DS_CODE, 0);
}

/* A soft line break is a space in the style around it. */
static void
softbreak_enter(struct walk *w, cmark_node *node)
{
	(void)node;
	append_text(w->d, " ", 1, inline_style(w), 0);
}

/* A hard line break stays a line break. */
static void
linebreak_enter(struct walk *w, cmark_node *node)
{
	(void)node;
	append_text(w->d, "\n", 1, 0, 1);
}

/* Emphasis and strong emphasis nest: count their levels. */
static void
emph_enter(struct walk *w, cmark_node *node)
{
	(void)node;
	w->emph++;
}

static void
emph_leave(struct walk *w, cmark_node *node)
{
	(void)node;
	w->emph--;
}

static void
strong_enter(struct walk *w, cmark_node *node)
{
	(void)node;
	w->strong++;
}

static void
strong_leave(struct walk *w, cmark_node *node)
{
	(void)node;
	w->strong--;
}

/* Enter a link or image; only the outermost one is recorded. */
static void
link_enter(struct walk *w, cmark_node *node)
{
	(void)node;
	if (w->link++ == 0)
		w->link_start = w->d->text.len;
}

/* Leave a link or image: record it, with its URL and title, as a link. */
static void
link_leave(struct walk *w, cmark_node *node)
{
	struct doc	*d = w->d;
	struct doc_link	*l;

	if (--w->link > 0)
		return;
	d->links = xgrow(d->links, &d->linkcap, d->nlinks + 1,
	    sizeof(*d->links));
	l = &d->links[d->nlinks++];
	l->start = w->link_start;
	l->end = d->text.len;
	l->url = doc_keep(d, xstrdup(or_empty(cmark_node_get_url(node))));
	l->title = doc_keep(d, xstrdup(or_empty(cmark_node_get_title(node))));
	l->target = -1;
}

/*
 * The walk's handlers by node type, one row each; NULL: nothing to do.
 * The document and lists have no row: a list's items do its work.
 */
static const struct {
	walk_fn	*enter;
	walk_fn	*leave;
} walk_acts[CMARK_NODE_LAST_INLINE + 1] = {
	/* containers: prefixes for the leaf blocks inside */
	[CMARK_NODE_BLOCK_QUOTE] =	{ quote_enter, container_leave },
	[CMARK_NODE_ITEM] =		{ item_enter, container_leave },
	/* leaf blocks with inlines: opened, filled, closed */
	[CMARK_NODE_PARAGRAPH] =	{ para_enter, block_leave },
	[CMARK_NODE_HEADING] =		{ heading_enter, block_leave },
	/* literal lines; an HTML comment holds marks instead */
	[CMARK_NODE_CODE_BLOCK] =	{ code_block_enter, NULL },
	[CMARK_NODE_HTML_BLOCK] =	{ html_block_enter, NULL },
	/* a rule: a block with no text */
	[CMARK_NODE_THEMATIC_BREAK] =	{ rule_enter, NULL },
	/* text, appended in the style of the inlines around it */
	[CMARK_NODE_TEXT] =		{ text_enter, NULL },
	[CMARK_NODE_CODE] =		{ code_enter, NULL },
	[CMARK_NODE_HTML_INLINE] =	{ html_inline_enter, NULL },
	/* breaks: a space, or a kept newline */
	[CMARK_NODE_SOFTBREAK] =	{ softbreak_enter, NULL },
	[CMARK_NODE_LINEBREAK] =	{ linebreak_enter, NULL },
	/* styles: nesting counts */
	[CMARK_NODE_EMPH] =		{ emph_enter, emph_leave },
	[CMARK_NODE_STRONG] =		{ strong_enter, strong_leave },
	/* links and images: recorded with their text's range */
	[CMARK_NODE_LINK] =		{ link_enter, link_leave },
	[CMARK_NODE_IMAGE] =		{ link_enter, link_leave },
};

/* Hand node to its handler for event ev. */
static void
walk_node(struct walk *w, cmark_node *node, cmark_event_type ev)
{
	int	 type = (int)cmark_node_get_type(node);
	walk_fn	*fn;

	if (type < 0 || type >= (int)(sizeof(walk_acts) / sizeof(walk_acts[0])))
		return;
	fn = ev == CMARK_EVENT_ENTER ? walk_acts[type].enter :
	    walk_acts[type].leave;
	if (fn != NULL)
		fn(w, node);
}

static void
add_meta(struct doc *d, const char *key, size_t klen, const char *val,
    size_t vlen)
{
	d->meta = xgrow(d->meta, &d->metacap, d->nmeta + 1, sizeof(*d->meta));
	d->meta[d->nmeta].key = xstrndup(key, klen);
	d->meta[d->nmeta].value = xstrndup(val, vlen);
	d->nmeta++;
}

static char *
errorf(const char *name, int line, const char *what)
{
	struct buf b;

	buf_init(&b);
	if (line > 0)
		buf_printf(&b, "%s:%d: %s", name, line, what);
	else
		buf_printf(&b, "%s: %s", name, what);
	return buf_steal(&b, NULL);
}

/*
 * Parse front matter at the start of s.  Returns 0 and sets *body to the
 * first byte after it and *lines to the number of lines it took (0 when
 * there is none), or -1 with *err set.
 */
static int
parse_front_matter(struct doc *d, const char *s, size_t n, size_t *body,
    int *lines, char **err)
{
	size_t	 pos, eol, k, v, vend, i;
	int	 line = 1;

	*body = 0;
	*lines = 0;
	if (!(n >= 4 && memcmp(s, "---", 3) == 0 &&
	    (s[3] == '\n' || (s[3] == '\r' && n > 4 && s[4] == '\n'))))
		return 0;
	pos = s[3] == '\n' ? 4 : 5;
	for (;;) {
		line++;
		if (pos >= n) {
			*err = errorf(d->name, 1, "front matter is not closed "
			    "by a '---' line");
			return -1;
		}
		for (eol = pos; eol < n && s[eol] != '\n'; eol++)
			;
		vend = eol;
		if (vend > pos && s[vend - 1] == '\r')
			vend--;
		if (vend - pos == 3 && memcmp(s + pos, "---", 3) == 0) {
			*body = eol < n ? eol + 1 : eol;
			*lines = line;
			return 0;
		}
		for (k = pos; k < vend && (s[k] == '_' || s[k] == '-' ||
		    (s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9'));
		    k++)
			;
		if (k == pos && vend == pos) {
			pos = eol + 1;		/* blank line */
			continue;
		}
		if (k == pos || k >= vend || s[k] != ':') {
			*err = errorf(d->name, line, "front matter line is not "
			    "'key: value' (key in lowercase letters, digits, "
			    "'-' or '_')");
			return -1;
		}
		for (i = 0; i < d->nmeta; i++)
			if (strlen(d->meta[i].key) == k - pos &&
			    memcmp(d->meta[i].key, s + pos, k - pos) == 0) {
				*err = errorf(d->name, line, "front matter key "
				    "is given twice");
				return -1;
			}
		for (v = k + 1; v < vend && (s[v] == ' ' || s[v] == '\t'); v++)
			;
		while (vend > v && (s[vend - 1] == ' ' || s[vend - 1] == '\t'))
			vend--;
		add_meta(d, s + pos, k - pos, s + v, vend - v);
		pos = eol + 1;
	}
}

/* The title block: title, author, affiliation, "publisher, date". */
static void
title_block(struct walk *w)
{
	struct doc	*d = w->d;
	const char	*keys[] = { "author", "affiliation" };
	const char	*v, *pub, *date;
	struct doc_block *b;
	size_t		 i;
	int		 any = 0;

	if ((v = doc_meta(d, "title")) != NULL) {
		open_block(w, BLK_TITLE, DS_TITLE, 1);
		append_text(d, v, strlen(v), 0, 0);
		close_block(w);
		any = 1;
	}
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if ((v = doc_meta(d, keys[i])) == NULL || *v == '\0')
			continue;
		b = open_block(w, BLK_META, DS_META, 1);
		b->gap = any && i == 0 ? 1 : 0;
		append_text(d, v, strlen(v), i == 0 ? DS_STRONG : 0, 0);
		close_block(w);
		any = 1;
	}
	pub = doc_meta(d, "publisher");
	date = doc_meta(d, "date");
	if ((pub && *pub) || (date && *date)) {
		b = open_block(w, BLK_META, DS_META, 1);
		b->gap = 0;
		if (pub && *pub)
			append_text(d, pub, strlen(pub), 0, 0);
		if (pub && *pub && date && *date)
			append_text(d, ", ", 2, 0, 0);
		if (date && *date)
			append_text(d, date, strlen(date), 0, 0);
		close_block(w);
		any = 1;
	}
	if (any) {
		open_block(w, BLK_RULE, DS_RULE, 1);
		close_block(w);
	}
}

/* Report invalid UTF-8 with its line and column. */
static char *
utf8_error(const char *name, const char *data, size_t len)
{
	const uint8_t	*bad = NULL, *s = (const uint8_t *)data;
	const char	*p;
	size_t		 i = 0, end;
	int		 line = 1, col = 1;
	char		 what[96];

	/* ASCII is UTF-8, and no sequence holds an ASCII byte: only the
	   runs of other bytes are checked, each on its own. */
	while (bad == NULL && (i += util_ascii_run(data + i, len - i)) < len) {
		for (end = i; end < len && s[end] >= 0x80; end++)
			;
		bad = u8_check(s + i, end - i);
		i = end;
	}
	if (bad == NULL)
		return NULL;
	for (p = data; p < (const char *)bad; p++) {
		if (*p == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)*p & 0xc0) != 0x80)
			col++;
	}
	snprintf(what, sizeof(what), "not valid UTF-8 (byte 0x%02x at "
	    "column %d)", *bad, col);
	return errorf(name, line, what);
}

/*
 * Sections from headings, for a file with no marks: one before the first
 * heading (the title block) and one per heading, whose ID is its text
 * case-folded, so that headings with the same text pair.
 */
static void
heading_sections(struct doc *d)
{
	size_t		 i, n;
	uint8_t		*fold;
	const char	*t = d->text.data;

	if (d->nblocks > 0 && !(d->blocks[0].kind == BLK_HEADING))
		add_section(d, xstrdup(""), xstrdup(doc_short_title(d)), 0, 1,
		    1);
	for (i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];

		if (b->kind != BLK_HEADING)
			continue;
		n = b->end - b->start;
		if (util_ascii_run(t + b->start, n) == n) {
			/* ASCII folds to ASCII, A-Z to a-z and nothing
			   else: Unicode's case folding of ASCII, in NFC
			   (test_doc compares the two). */
			char *id = xstrndup(t + b->start, n);
			size_t k;

			for (k = 0; k < n; k++)
				if (id[k] >= 'A' && id[k] <= 'Z')
					id[k] = (char)(id[k] - 'A' + 'a');
			add_section(d, id, xstrndup(t + b->start, n),
			    b->start, b->line, 1);
			continue;
		}
		n = 0;
		fold = u8_casefold((const uint8_t *)t + b->start,
		    b->end - b->start, NULL, UNINORM_NFC, NULL, &n);
		add_section(d, fold ? xstrndup((const char *)fold, n) :
		    xstrndup(t + b->start, b->end - b->start),
		    xstrndup(t + b->start, b->end - b->start), b->start,
		    b->line, 1);
		free(fold);
	}
}

/* Settle the sections once the whole file is read. */
static void
finish_sections(struct doc *d)
{
	size_t i;

	if (d->nsections == 0) {
		heading_sections(d);
		return;
	}
	d->marked = 1;
	for (i = 0; i < d->nsections; i++)
		if (d->sections[i].offset == (size_t)-1)
			d->sections[i].offset = d->text.len;
	/* What comes before the first mark (the title block) is part of
	   the first section. */
	d->sections[0].offset = 0;
}

/*
 * A long text is given to cmark in pieces of about DOC_CHUNK bytes, so
 * that its tree is never whole in memory beside the text: a piece ends
 * only where CommonMark starts afresh whatever came before, at a line
 * that begins a paragraph after a blank line (no indent, no list
 * marker, not inside a fenced code block or an HTML block that may hold
 * blank lines).  A text with link reference definitions, which reach
 * across the whole text, is given whole.  test_doc and the fuzzers
 * check that the pieces make the same document as the whole.
 */
#define DOC_CHUNK	(256 * 1024)

/* The length of the line at s[0..n), its '\n' included. */
static size_t
line_len(const char *s, size_t n)
{
	const char *nl = memchr(s, '\n', n);

	return nl != NULL ? (size_t)(nl - s) + 1 : n;
}

/* Whether line s[0..n) holds only spaces and tabs. */
static int
blank_line(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
		    s[i] != '\r')
			return 0;
	return 1;
}

/* The run of c at the start of s[0..n), after up to 3 spaces; 0: none. */
static size_t
fence_run(const char *s, size_t n, char *c)
{
	size_t i = 0, k;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i >= n || (s[i] != '`' && s[i] != '~'))
		return 0;
	for (k = i; k < n && s[k] == s[i]; k++)
		;
	*c = s[i];
	return k - i >= 3 ? k - i : 0;
}

/* The end marker of an HTML block that may hold blank lines, or NULL. */
static const char *
html_end(const char *s, size_t n)
{
	static const struct {
		const char	*open, *close;
	} kinds[] = {
		{ "<script", "</script>" }, { "<pre", "</pre>" },
		{ "<style", "</style>" }, { "<textarea", "</textarea>" },
		{ "<!--", "-->" }, { "<?", "?>" }, { "<![CDATA[", "]]>" },
		{ "<!", ">" },
	};
	size_t i = 0, k;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (n - i >= strlen(kinds[k].open) &&
		    strncasecmp(s + i, kinds[k].open,
		    strlen(kinds[k].open)) == 0)
			return kinds[k].close;
	return NULL;
}

/* Whether s[0..n) holds the C string m. */
static int
holds(const char *s, size_t n, const char *m)
{
	return memmem(s, n, m, strlen(m)) != NULL;
}

/* Whether line s[0..n) may start a paragraph afresh (see above). */
static int
fresh_line(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || s[0] == ' ' || s[0] == '\t' || s[0] == '\n' ||
	    s[0] == '\r')
		return 0;
	/* cmark drops a byte order mark that begins its input: a piece
	   that began with one would lose what the whole text keeps. */
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		return 0;
	if ((s[0] == '-' || s[0] == '+' || s[0] == '*') &&
	    (n == 1 || s[1] == ' ' || s[1] == '\t' || s[1] == '\n' ||
	    s[1] == '\r'))
		return 0;		/* a list item */
	for (i = 0; i < n && i < 9 && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i > 0 && i < n && (s[i] == '.' || s[i] == ')'))
		return 0;		/* an ordered list item, maybe */
	return 1;
}

/*
 * Whether s[0..n) may hold a link reference definition: a line that
 * starts, after up to 3 spaces, with '[' and holds "]:".
 */
static int
has_refdefs(const char *s, size_t n)
{
	size_t	 at, k, i;

	for (at = 0; at < n; at += k) {
		k = line_len(s + at, n - at);
		for (i = 0; i < 3 && i < k && s[at + i] == ' '; i++)
			;
		if (i < k && s[at + i] == '[' && holds(s + at, k, "]:"))
			return 1;
	}
	return 0;
}

/*
 * Whether the last block of a piece's tree may go on in the text after
 * the piece: code or HTML (a fence or an HTML block the scan in chunk_end
 * took for closed, inside a list item, say).  The piece is then made
 * longer: what decides is cmark's own reading.
 */
static int
ends_open(cmark_node *root)
{
	cmark_node *n = cmark_node_last_child(root);

	while (n != NULL && cmark_node_last_child(n) != NULL &&
	    (cmark_node_get_type(n) == CMARK_NODE_LIST ||
	    cmark_node_get_type(n) == CMARK_NODE_ITEM ||
	    cmark_node_get_type(n) == CMARK_NODE_BLOCK_QUOTE))
		n = cmark_node_last_child(n);
	return n != NULL && (cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK ||
	    cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK);
}

/* The lines s[0..n) ends, as cmark counts them: CR, LF or CR LF. */
static int
count_lines(const char *s, size_t n)
{
	const char	*p = s, *end = s + n;
	int		 lines = 0;

	if (memchr(s, '\r', n) == NULL) {
		while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			lines++;
			p++;
		}
		return lines;
	}
	for (; p < end; p++)
		lines += *p == '\n' || (*p == '\r' && (p + 1 == end ||
		    p[1] != '\n'));
	return lines;
}

/* Where the piece of s[0..n) starting at from ends: see DOC_CHUNK. */
static size_t
chunk_end(const char *s, size_t n, size_t from, size_t chunk)
{
	size_t		 at, k, fence = 0;
	const char	*html = NULL;
	char		 fc = 0, c;
	int		 was_blank = 0;

	for (at = from; at < n; at += k) {
		k = line_len(s + at, n - at);
		if (at >= from + chunk && fence == 0 && html == NULL &&
		    was_blank && fresh_line(s + at, k))
			return at;
		if (fence > 0) {
			if (fence_run(s + at, k, &c) >= fence && c == fc)
				fence = 0;
		} else if (html != NULL) {
			if (holds(s + at, k, html))
				html = NULL;
		} else if ((fence = fence_run(s + at, k, &fc)) == 0 &&
		    (html = html_end(s + at, k)) != NULL &&
		    holds(s + at, k, html))
			html = NULL;	/* closed on its own line */
		was_blank = blank_line(s + at, k);
	}
	return n;
}

/*
 * cmark's memory for one piece of a text: an arena.  What cmark frees
 * is dropped with the arena once the piece is read (arena_reset), so
 * that its many small nodes and strings cost a bump of a pointer, not a
 * malloc and a free each.  cmark's allocator has no context: the arena
 * is the one piece being parsed (parse is not reentrant while cmark
 * runs).  Each block starts with its size, for realloc.
 */
#define ARENA_BLOCK	(1024 * 1024)
#define ARENA_ALIGN	16

struct arena_block {
	struct arena_block	*next;
	size_t			 size, used;
	/* then the memory, ARENA_ALIGN aligned */
};

static struct {
	struct arena_block	*head;		/* the block in use, first */
	void			*last;		/* the last allocation */
} arena;

#define BLOCK_DATA(b)	((char *)(b) + ARENA_ALIGN * \
	((sizeof(struct arena_block) + ARENA_ALIGN - 1) / ARENA_ALIGN))

static void *
arena_alloc(size_t size)
{
	struct arena_block	*b = arena.head;
	size_t			 need, bs;
	char			*p;

	if (size > SIZE_MAX / 2)
		abort();
	need = ARENA_ALIGN + (size + ARENA_ALIGN - 1) / ARENA_ALIGN *
	    ARENA_ALIGN;
	if (b == NULL || b->size - b->used < need) {
		bs = need + ARENA_ALIGN > ARENA_BLOCK ? need + ARENA_ALIGN :
		    ARENA_BLOCK;
		b = xmalloc(BLOCK_DATA((struct arena_block *)0) - (char *)0 +
		    bs);
		b->size = bs;
		b->used = 0;
		b->next = arena.head;
		arena.head = b;
	}
	p = BLOCK_DATA(b) + b->used;
	b->used += need;
	*(size_t *)p = size;
	return arena.last = p + ARENA_ALIGN;
}

static void *
arena_calloc(size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		abort();
	p = arena_alloc(n * size);
	memset(p, 0, n * size);
	return p;
}

static void *
arena_realloc(void *p, size_t size)
{
	struct arena_block	*b = arena.head;
	size_t			 old, need;
	void			*q;

	if (p == NULL)
		return arena_alloc(size);
	old = *(size_t *)((char *)p - ARENA_ALIGN);
	/* The last allocation grows in place while its block has room. */
	if (p == arena.last && b != NULL) {
		need = (size + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
		if ((char *)p + need <= BLOCK_DATA(b) + b->size) {
			b->used = (size_t)((char *)p - BLOCK_DATA(b)) + need;
			*(size_t *)((char *)p - ARENA_ALIGN) = size;
			return p;
		}
	}
	if (size <= old)
		return p;
	q = arena_alloc(size);
	memcpy(q, p, old);
	return q;
}

static void
arena_free(void *p)
{
	(void)p;
}

/* Drop what the piece used; the first block is kept for the next. */
static void
arena_reset(int all)
{
	struct arena_block *b, *next;

	for (b = arena.head; b != NULL; b = next) {
		next = b->next;
		if (next == NULL && !all) {
			b->used = 0;
			arena.head = b;
			break;
		}
		free(b);
		if (next == NULL)
			arena.head = NULL;
	}
	arena.last = NULL;
}

static cmark_mem arena_mem = { arena_calloc, arena_realloc, arena_free };

/* cmark's tree of s[0, len), in the arena. */
static cmark_node *
parse_piece(const char *s, size_t len)
{
	cmark_parser	*p = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT,
			    &arena_mem);
	cmark_node	*root;

	cmark_parser_feed(p, s, len);
	root = cmark_parser_finish(p);
	cmark_parser_free(p);
	return root;
}

/*
 * doc_parse's work; owned, when not NULL, is data, freed as soon as it
 * is no longer needed (once cmark has parsed it), on every path.
 */
static struct doc *
parse(const char *name, const char *data, size_t len, char *owned,
    size_t chunk, char **err)
{
	struct doc	*d;
	struct walk	 w;
	uint8_t		*nfc;
	size_t		 nfclen = 0, body;
	const char	*s;
	int		 fmlines;
	cmark_node	*root, *top, *prev, *node;
	size_t		 cs, ce;
	cmark_iter	*it;
	cmark_event_type ev;

	*err = NULL;
	if ((*err = utf8_error(name, data, len)) != NULL) {
		free(owned);
		return NULL;
	}
	if ((s = memchr(data, '\0', len)) != NULL) {
		const char	*p;
		int		 line = 1;

		for (p = data; p < s; p++)
			line += *p == '\n';
		*err = errorf(name, line, "a NUL byte: not a text file");
		free(owned);
		return NULL;
	}
	nfc = (uint8_t *)util_nfc(data, len, &nfclen);
	if (nfc == NULL && nfclen == (size_t)-1) {
		*err = errorf(name, 0, "cannot normalize the text to NFC");
		free(owned);
		return NULL;
	}
	s = nfc != NULL ? (const char *)nfc : data;
	if (nfclen >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;			/* byte order mark */
		nfclen -= 3;
	}

	d = xcalloc(1, sizeof(*d));
	d->name = xstrdup(name);
	buf_init(&d->text);
	/* The text is about as long as the file: no doubling past it. */
	buf_reserve(&d->text, nfclen + nfclen / 64);
	if (parse_front_matter(d, s, nfclen, &body, &fmlines, err) == -1) {
		free(nfc);
		free(owned);
		doc_free(d);
		return NULL;
	}

	memset(&w, 0, sizeof(w));
	w.d = d;
	w.line_offset = fmlines;
	title_block(&w);

	if (has_refdefs(s + body, nfclen - body))
		chunk = SIZE_MAX;
	for (cs = body; cs < nfclen || cs == body; cs = ce) {
		size_t try = chunk;

		for (;;) {
			ce = try == SIZE_MAX ? nfclen : chunk_end(s, nfclen,
			    cs, try);
			root = parse_piece(s + cs, ce - cs);
			if (ce == nfclen || !ends_open(root))
				break;
			/* It may go on past the cut: a longer piece. */
			cmark_node_free(root);
			arena_reset(0);
			try = ce - cs < SIZE_MAX / 2 ? 2 * (ce - cs) : SIZE_MAX;
		}
		/* Block by block, each freed once the one after it is read
		   (a section mark looks at its neighbours). */
		for (prev = NULL, top = cmark_node_first_child(root);
		    top != NULL; prev = top, top = cmark_node_next(top)) {
			it = cmark_iter_new(top);
			while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
				node = cmark_iter_get_node(it);
				walk_node(&w, node, ev);
			}
			cmark_iter_free(it);
			if (prev != NULL) {
				cmark_node_unlink(prev);
				cmark_node_free(prev);
			}
		}
		cmark_node_free(root);
		arena_reset(0);
		/* The next piece's lines are counted from its start, as
		   cmark counts them: CR, LF or CR LF end a line. */
		w.line_offset += count_lines(s + cs, ce - cs);
		if (ce == cs)
			break;
	}
	arena_reset(1);
	free(nfc);
	free(owned);
	assert(!w.in_block);

	finish_sections(d);
	resolve_links(d);
	d->heading = xcalloc(d->nblocks, sizeof(*d->heading));
	{
		long	 h = -1;
		size_t	 i;

		for (i = 0; i < d->nblocks; i++) {
			if (d->blocks[i].kind == BLK_HEADING)
				h = (long)i;
			d->heading[i] = h;
		}
	}
	return d;
}

struct doc *
doc_parse(const char *name, const char *data, size_t len, char **err)
{
	return parse(name, data, len, NULL, DOC_CHUNK, err);
}

struct doc *
doc_parse_take(const char *name, char *data, size_t len, char **err)
{
	return parse(name, data, len, data, DOC_CHUNK, err);
}

struct doc *
doc_parse_chunked(const char *name, const char *data, size_t len,
    size_t chunk, char **err)
{
	return parse(name, data, len, NULL, chunk > 0 ? chunk : 1, err);
}

struct doc *
doc_plain(const char *name, const char *text, size_t len)
{
	struct doc	*d = xcalloc(1, sizeof(*d));
	struct walk	 w;

	d->name = xstrdup(name);
	buf_init(&d->text);
	buf_add(&d->text, "", 0);
	memset(&w, 0, sizeof(w));
	w.d = d;
	open_block(&w, BLK_PARA, 0, 1);
	append_text(d, text, len, 0, 1);
	close_block(&w);
	d->heading = xcalloc(d->nblocks, sizeof(*d->heading));
	d->heading[0] = -1;
	return d;
}

void
doc_free(struct doc *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nstrs; i++)
		free(d->strs[i]);
	for (i = 0; i < d->nmeta; i++) {
		free(d->meta[i].key);
		free(d->meta[i].value);
	}
	for (i = 0; i < d->nproblems; i++)
		free(d->problems[i]);
	free(d->problems);
	free(d->sections);
	free(d->strs);
	free(d->meta);
	free(d->blocks);
	free(d->runs);
	free(d->links);
	free(d->anchors);
	free(d->heading);
	free(d->cpidx);
	buf_free(&d->text);
	free(d->name);
	free(d);
}

const char *
doc_text(const struct doc *d, size_t *len)
{
	if (len != NULL)
		*len = d->text.len;
	return d->text.data;
}

const char *
doc_name(const struct doc *d)
{
	return d->name;
}

const char *
doc_meta(const struct doc *d, const char *key)
{
	size_t i;

	for (i = 0; i < d->nmeta; i++)
		if (strcmp(d->meta[i].key, key) == 0)
			return d->meta[i].value;
	return NULL;
}

const char *
doc_short_title(const struct doc *d)
{
	const char *s;

	if ((s = doc_meta(d, "short")) != NULL && *s != '\0')
		return s;
	if ((s = doc_meta(d, "title")) != NULL && *s != '\0')
		return s;
	/* The file's own name, without its folders. */
	s = strrchr(d->name, '/');
	return s != NULL && s[1] != '\0' ? s + 1 : d->name;
}

size_t
doc_nblocks(const struct doc *d)
{
	return d->nblocks;
}

const struct doc_block *
doc_block(const struct doc *d, size_t i)
{
	assert(i < d->nblocks);
	return &d->blocks[i];
}

size_t
doc_nruns(const struct doc *d)
{
	return d->nruns;
}

const struct doc_run *
doc_run(const struct doc *d, size_t i)
{
	assert(i < d->nruns);
	return &d->runs[i];
}

size_t
doc_run_find(const struct doc *d, size_t offset)
{
	return util_count_le(d->runs, d->nruns, sizeof(*d->runs),
	    offsetof(struct doc_run, end), offset);
}

size_t
doc_nlinks(const struct doc *d)
{
	return d->nlinks;
}

const struct doc_link *
doc_link(const struct doc *d, size_t i)
{
	assert(i < d->nlinks);
	return &d->links[i];
}

/* Index of the last block starting at or before offset, or -1. */
static long
block_at(const struct doc *d, size_t offset)
{
	return (long)util_count_le(d->blocks, d->nblocks, sizeof(*d->blocks),
	    offsetof(struct doc_block, start), offset) - 1;
}

int
doc_line_at(const struct doc *d, size_t offset)
{
	long b = block_at(d, offset);

	return b < 0 ? 0 : d->blocks[b].line;
}

long
doc_heading_at(const struct doc *d, size_t offset)
{
	long b = block_at(d, offset);

	return b < 0 ? -1 : d->heading[b];
}

size_t
doc_nsections(const struct doc *d)
{
	return d->nsections;
}

const struct doc_section *
doc_section(const struct doc *d, size_t i)
{
	assert(i < d->nsections);
	return &d->sections[i];
}

int
doc_sections_marked(const struct doc *d)
{
	return d->marked;
}

long
doc_section_at(const struct doc *d, size_t offset)
{
	return (long)util_count_le(d->sections, d->nsections, sizeof(*d->sections),
	    offsetof(struct doc_section, offset), offset) - 1;
}

size_t
doc_nproblems(const struct doc *d)
{
	return d->nproblems;
}

const char *
doc_problem(const struct doc *d, size_t i)
{
	assert(i < d->nproblems);
	return d->problems[i];
}

size_t
doc_controls(const struct doc *d, int *line)
{
	if (line != NULL)
		*line = d->ctrl_line;
	return d->nctrl;
}

#define CP_STEP	1024	/* code points between two entries of cpidx */

/*
 * The text's offset of code point cp, or (size_t)-1 past the end.  The
 * index is made on the first call (a document is otherwise never
 * changed after parsing: it takes the document const), so that a
 * thousand notes placed by code point cost a thousand short walks, not
 * a thousand walks from the start.
 */
size_t
doc_cp_offset(const struct doc *cd, size_t cp)
{
	struct doc	*d = (struct doc *)cd;
	const uint8_t	*t = (const uint8_t *)d->text.data;
	size_t		 i, n = d->text.len, k, cap = 0;

	if (d->cpidx == NULL) {
		d->cpidx = xgrow(NULL, &cap, n / CP_STEP + 2,
		    sizeof(*d->cpidx));
		for (i = k = 0; i < n; i++)
			if ((t[i] & 0xc0) != 0x80 && k++ % CP_STEP == 0)
				d->cpidx[(k - 1) / CP_STEP] = i;
		d->ncp = k;
	}
	if (cp > d->ncp)
		return (size_t)-1;
	if (cp == d->ncp)
		return n;
	i = d->cpidx[cp / CP_STEP];
	for (k = cp % CP_STEP; k > 0; k--)
		for (i++; i < n && (t[i] & 0xc0) == 0x80; i++)
			;
	return i;
}
