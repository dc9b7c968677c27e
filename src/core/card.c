/*
 * card.c: popup contents as documents.
 *
 * The card's Markdown escapes every ASCII punctuation character of the
 * text it quotes (CommonMark lets a backslash escape any of them), so a
 * reference entry such as "_______________. 2023." or a URL full of '%'
 * and '&' renders exactly as written.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diptych/anno.h"
#include "diptych/card.h"
#include "diptych/doc.h"
#include "diptych/glossary.h"
#include "diptych/util.h"

/* Append s[0..n) to b with all ASCII punctuation escaped. */
static void
add_escaped(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n') {
			buf_adds(b, "\n\n");
			continue;
		}
		if ((c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
		    (c >= '[' && c <= '`') || (c >= '{' && c <= '~'))
			buf_addc(b, '\\');
		buf_addc(b, (char)c);
	}
}

static void
add_escaped_str(struct buf *b, const char *s)
{
	add_escaped(b, s, strlen(s));
}

/* Parse the card's Markdown into c->doc; the Markdown is ours, so it
   cannot fail but for memory. */
static void
finish(struct card *c, struct buf *md, const char *title, const char *url)
{
	char *err = NULL;

	c->doc = doc_parse("card", md->data, md->len, &err);
	free(err);
	c->title = xstrdup(title);
	c->url = xstrdup(url);
	buf_free(md);
}

int
card_link(struct card *c, const struct doc *d, size_t i)
{
	const struct doc_link	*l = doc_link(d, i);
	const char		*t = doc_text(d, NULL), *url = l->url;
	struct buf		 md, title;
	size_t			 k;

	memset(c, 0, sizeof(*c));
	buf_init(&md);
	buf_init(&title);
	buf_add(&md, "", 0);
	if (l->url[0] == '#') {
		const struct doc_block *b;

		if (l->target < 0)
			return -1;
		b = doc_block(d, (size_t)l->target);
		buf_adds(&md, "**");
		add_escaped(&md, t + l->start, l->end - l->start);
		buf_adds(&md, "**\n\n");
		add_escaped(&md, t + b->start, b->end - b->start);
		buf_adds(&md, "\n\n");
		if (*l->title != '\0') {
			buf_adds(&md, "*");
			add_escaped_str(&md, l->title);
			buf_adds(&md, "*\n\n");
		}
		/* The entry's own link is the URL to show and copy. */
		url = "";
		for (k = 0; k < doc_nlinks(d); k++) {
			const struct doc_link *e = doc_link(d, k);

			if (e->start >= b->start && e->end <= b->end &&
			    e->url[0] != '#') {
				url = e->url;
				break;
			}
		}
		buf_printf(&title, " %s: reference ", doc_short_title(d));
	} else {
		add_escaped(&md, t + l->start, l->end - l->start);
		buf_adds(&md, "\n\n");
		buf_adds(&title, " link ");
	}
	if (*url != '\0') {
		add_escaped_str(&md, url);
		buf_adds(&md, "\n");
	}
	finish(c, &md, title.data, url);
	buf_free(&title);
	return 0;
}

void
card_term(struct card *c, const struct glossary *g, size_t ti,
    const size_t counts[2], const char *names[2])
{
	const struct term	*t = glossary_term(g, ti);
	struct buf		 md, line;
	size_t			 k;

	memset(c, 0, sizeof(*c));
	buf_init(&md);
	buf_add(&md, "", 0);
	buf_adds(&md, "**");
	add_escaped_str(&md, t->name);
	buf_adds(&md, "**\n\n");
	if (t->naliases > 0) {
		buf_init(&line);
		buf_adds(&line, "Also: ");
		for (k = 0; k < t->naliases; k++)
			buf_printf(&line, "%s%s", k ? ", " : "",
			    t->aliases[k]);
		buf_adds(&md, "*");
		add_escaped(&md, line.data, line.len);
		buf_adds(&md, "*\n\n");
		buf_free(&line);
	}
	add_escaped_str(&md, t->definition);
	buf_adds(&md, "\n\n");
	buf_init(&line);
	buf_printf(&line, "In %s: %zu time%s; in %s: %zu time%s.", names[0],
	    counts[0], counts[0] == 1 ? "" : "s", names[1], counts[1],
	    counts[1] == 1 ? "" : "s");
	add_escaped(&md, line.data, line.len);
	buf_free(&line);
	buf_adds(&md, "\n\n");
	if (*t->source != '\0') {
		buf_adds(&md, "Source: ");
		add_escaped_str(&md, t->source);
		buf_adds(&md, "\n\n");
	}
	if (*t->url != '\0') {
		add_escaped_str(&md, t->url);
		buf_adds(&md, "\n");
	}
	finish(c, &md, " glossary ", t->url);
}

void
card_note(struct card *c, const struct anno *a, const char *state,
    const struct anno *const *replies, size_t n)
{
	struct buf	 md, line;
	char		 when[32];
	time_t		 t = (time_t)(a->modified / 1000);
	struct tm	 tm;
	size_t		 k;
	int		 i;

	memset(c, 0, sizeof(*c));
	buf_init(&md);
	buf_add(&md, "", 0);
	for (i = 0; i < a->ntargets; i++) {
		if (i > 0)
			buf_adds(&md, "*linked with*\n\n");
		buf_adds(&md, "> ");
		add_escaped_str(&md, a->target[i].exact);
		buf_adds(&md, "\n\n");
	}
	if (*a->note != '\0') {
		/* Each line of the note a line of its own. */
		add_escaped_str(&md, a->note);
		buf_adds(&md, "\n\n");
	}
	buf_init(&line);
	for (k = 0; k < a->ntags; k++)
		buf_printf(&line, "%s#%s", k ? " " : "", a->tags[k]);
	if (line.len > 0) {
		buf_adds(&md, "*");
		add_escaped(&md, line.data, line.len);
		buf_adds(&md, "*\n\n");
	}
	buf_free(&line);
	buf_init(&line);
	if (gmtime_r(&t, &tm) != NULL &&
	    strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm) > 0)
		buf_printf(&line, "%s, %s", a->author, when);
	else
		buf_adds(&line, a->author);
	if (state != NULL && *state != '\0')
		buf_printf(&line, " (%s)", state);
	add_escaped(&md, line.data, line.len);
	buf_free(&line);
	buf_adds(&md, "\n");
	/* The thread: each reply under a rule, its author first. */
	for (k = 0; k < n; k++) {
		const struct anno *rp = replies[k];

		t = (time_t)(rp->modified / 1000);
		buf_init(&line);
		if (gmtime_r(&t, &tm) != NULL && strftime(when, sizeof(when),
		    "%Y-%m-%d %H:%M UTC", &tm) > 0)
			buf_printf(&line, "%s, %s", rp->author, when);
		else
			buf_adds(&line, rp->author);
		buf_adds(&md, "\n* * *\n\n**↳ ");
		add_escaped(&md, line.data, line.len);
		buf_adds(&md, "**\n\n");
		buf_free(&line);
		if (*rp->note != '\0') {
			add_escaped_str(&md, rp->note);
			buf_adds(&md, "\n");
		}
	}
	finish(c, &md, n > 0 ? " note and replies " : " note ", "");
}

void
card_free(struct card *c)
{
	if (c == NULL)
		return;
	doc_free(c->doc);
	free(c->title);
	free(c->url);
	memset(c, 0, sizeof(*c));
}
