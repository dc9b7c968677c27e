/*
 * check.c: invariant checks shared by the libFuzzer harnesses (see
 * check.h).  Nothing here trusts the code under test: UTF-8 and
 * cluster edges are worked out again with libunistring.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unistr.h>

#include "diptych/doc.h"
#include "check.h"

void
fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, what);
	abort();
}

int
fuzz_utf8(const char *s, size_t n)
{
	return u8_check((const uint8_t *)s, n) == NULL;
}

int
fuzz_controls(const char *s, size_t n)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + n;
	ucs4_t		 uc;
	int		 len;

	for (; p < end; p += len) {
		len = u8_mbtouc(&uc, p, (size_t)(end - p));
		if ((uc < 0x20 && uc != '\n') || (uc >= 0x7f && uc < 0xa0))
			return 1;
	}
	return 0;
}

int
fuzz_char_edge(const char *s, size_t n, size_t off)
{
	return off <= n && (off == n || ((unsigned char)s[off] & 0xc0) != 0x80);
}

int
fuzz_cluster_edge(const char *s, size_t n, size_t off)
{
	char	*brk;
	int	 yes;

	if (off == 0 || off == n)
		return 1;
	if (off > n || !fuzz_char_edge(s, n, off))
		return 0;
	if ((brk = malloc(n)) == NULL)
		abort();
	u8_grapheme_breaks((const uint8_t *)s, n, brk);
	yes = brk[off] != 0;
	free(brk);
	return yes;
}

/* Whether c may be in a section mark's ID. */
static int
id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

void
fuzz_check_doc(const struct doc *d)
{
	const char	*t = NULL, *p;
	size_t		 n = 0, i, j, ns;
	long		 at;

	t = doc_text(d, &n);
	FUZZ_CHECK(t != NULL);
	FUZZ_CHECK(strlen(t) == n);
	FUZZ_CHECK(fuzz_utf8(t, n));
	FUZZ_CHECK(!fuzz_controls(t, n));
	for (i = 0; i < doc_nblocks(d); i++) {
		const struct doc_block *b = doc_block(d, i);

		FUZZ_CHECK(b->start <= b->end && b->end <= n);
		FUZZ_CHECK(fuzz_char_edge(t, n, b->start));
		FUZZ_CHECK(fuzz_char_edge(t, n, b->end));
		if (i > 0)
			FUZZ_CHECK(doc_block(d, i - 1)->end <= b->start);
	}
	for (i = 0; i < doc_nruns(d); i++) {
		const struct doc_run *r = doc_run(d, i);

		FUZZ_CHECK(r->start <= r->end && r->end <= n);
		if (i > 0)
			FUZZ_CHECK(doc_run(d, i - 1)->end <= r->start);
	}
	for (i = 0; i < doc_nlinks(d); i++) {
		const struct doc_link *l = doc_link(d, i);

		FUZZ_CHECK(l->start <= l->end && l->end <= n);
		FUZZ_CHECK(l->url != NULL && l->title != NULL);
		FUZZ_CHECK(l->target < (long)doc_nblocks(d));
	}
	ns = doc_nsections(d);
	for (i = 0; i < ns; i++) {
		const struct doc_section *s = doc_section(d, i);

		FUZZ_CHECK(s->id != NULL && s->label != NULL);
		FUZZ_CHECK(fuzz_utf8(s->id, strlen(s->id)));
		FUZZ_CHECK(fuzz_utf8(s->label, strlen(s->label)));
		FUZZ_CHECK(s->offset <= n);
		FUZZ_CHECK(s->line >= 1);
		if (i > 0) {
			FUZZ_CHECK(doc_section(d, i - 1)->offset <= s->offset);
			FUZZ_CHECK(doc_section(d, i - 1)->line <= s->line);
		}
		/* The section in force where one starts is the last one
		   starting there. */
		at = doc_section_at(d, s->offset);
		FUZZ_CHECK(at >= (long)i && at < (long)ns);
		FUZZ_CHECK(doc_section(d, (size_t)at)->offset == s->offset);
		FUZZ_CHECK(at + 1 == (long)ns ||
		    doc_section(d, (size_t)at + 1)->offset > s->offset);
		FUZZ_CHECK((s->implicit != 0) == (doc_sections_marked(d) == 0));
		if (!doc_sections_marked(d))
			continue;
		/* A mark's ID and label are as the mark's syntax allows. */
		FUZZ_CHECK(*s->id != '\0' && *s->label != '\0');
		for (p = s->id; *p != '\0'; p++)
			FUZZ_CHECK(id_char(*p));
		FUZZ_CHECK(strchr(s->label, '"') == NULL);
		FUZZ_CHECK(strchr(s->label, '\n') == NULL);
		for (j = 0; j < i; j++)
			FUZZ_CHECK(strcmp(doc_section(d, j)->id, s->id) != 0);
	}
	if (doc_sections_marked(d)) {
		FUZZ_CHECK(ns > 0 && doc_section(d, 0)->offset == 0);
		FUZZ_CHECK(doc_section_at(d, 0) >= 0);
	}
	if (ns > 0)
		FUZZ_CHECK(doc_section_at(d, n) == (long)ns - 1);
	for (i = 0; i < doc_nproblems(d); i++) {
		p = doc_problem(d, i);
		FUZZ_CHECK(strncmp(p, "fuzz.md:", 8) == 0);
		FUZZ_CHECK(strchr(p, '\n') == NULL);
	}
}
