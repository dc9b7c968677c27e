/*
 * fuzz_frontmatter.c: libFuzzer harness for an essay's front matter.
 *
 * The input is the inside of a front-matter block: the harness parses
 * "---\n" input "\n---\n" and a line of body.  It reads the lines again
 * by the rule doc.c documents (blank, or "key: value" with a key of
 * lowercase letters, digits, '-' and '_', each key once, up to a "---"
 * line) and checks that the document holds exactly those values,
 * trimmed of blanks, or that the parse failed with a one-line
 * "fuzz.md:LINE: what" message when the lines break that rule or the
 * input is not UTF-8 text.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <uninorm.h>

#include "diptych/anchor.h"
#include "diptych/doc.h"
#include "check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
key_char(char c)
{
	return c == '_' || c == '-' || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9');
}

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Check d against the lines of s[0..n) (the input in NFC).  Returns
 * whether the lines are good front matter; when d is not NULL, also
 * checks each value.
 */
static int
lines_ok(const char *s, size_t n, const struct doc *d)
{
	size_t	 pos = 0, eol, vend, k, v, i, nkeys = 0;
	size_t	*kpos = calloc(n + 1, sizeof(size_t));
	size_t	*klen = calloc(n + 1, sizeof(size_t));
	int	 ok = 1;

	FUZZ_CHECK(kpos != NULL && klen != NULL);

	for (;;) {
		for (eol = pos; eol < n && s[eol] != '\n'; eol++)
			;
		vend = eol;
		if (vend > pos && s[vend - 1] == '\r')
			vend--;
		if (vend - pos == 3 && memcmp(s + pos, "---", 3) == 0)
			break;			/* the rest is body */
		for (k = pos; k < vend && key_char(s[k]); k++)
			;
		if (!(k == pos && vend == pos)) {
			if (k == pos || k >= vend || s[k] != ':') {
				ok = 0;
				break;
			}
			for (i = 0; i < nkeys; i++)
				if (klen[i] == k - pos &&
				    memcmp(s + kpos[i], s + pos, k - pos) == 0)
					ok = 0;
			if (!ok)
				break;
			kpos[nkeys] = pos;
			klen[nkeys++] = k - pos;
			for (v = k + 1; v < vend && blank(s[v]); v++)
				;
			while (vend > v && blank(s[vend - 1]))
				vend--;
			if (d != NULL) {
				char		*key = strndup(s + pos, k - pos);
				const char	*got;

				FUZZ_CHECK(key != NULL);
				got = doc_meta(d, key);
				FUZZ_CHECK(got != NULL);
				FUZZ_CHECK(strlen(got) == vend - v &&
				    memcmp(got, s + v, vend - v) == 0);
				FUZZ_CHECK(strchr(got, '\n') == NULL);
				FUZZ_CHECK(fuzz_utf8(got, strlen(got)));
				free(key);
			}
		}
		if (eol >= n)
			break;
		pos = eol + 1;
	}
	free(kpos);
	free(klen);
	return ok;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char head[] = "---\n", tail[] = "\n---\nBody.\n";
	char		*in, *err = NULL;
	uint8_t		*nfc = NULL;
	size_t		 n, nfclen = 0, lines = 1, i;
	struct doc	*d;
	int		 good;
	const char	*v, *p;

	n = sizeof(head) - 1 + size + sizeof(tail) - 1;
	if ((in = malloc(n)) == NULL)
		return 0;
	memcpy(in, head, sizeof(head) - 1);
	memcpy(in + sizeof(head) - 1, data, size);
	memcpy(in + sizeof(head) - 1 + size, tail, sizeof(tail) - 1);
	for (i = 0; i < n; i++)
		lines += in[i] == '\n';

	good = fuzz_utf8((const char *)data, size) &&
	    memchr(data, '\0', size) == NULL;
	if (good) {
		nfc = u8_normalize(UNINORM_NFC, data, size, NULL, &nfclen);
		FUZZ_CHECK(nfc != NULL || size == 0);
		good = lines_ok((const char *)nfc, nfclen, NULL);
	}
	d = doc_parse("fuzz.md", in, n, &err);
	if (d == NULL) {
		/* Refused, and said why on one line naming the place. */
		FUZZ_CHECK(!good);
		FUZZ_CHECK(err != NULL);
		FUZZ_CHECK(strncmp(err, "fuzz.md:", 8) == 0);
		FUZZ_CHECK(strchr(err, '\n') == NULL);
		p = err + 8;
		if (*p != ' ') {
			FUZZ_CHECK(strtoul(p, NULL, 10) >= 1);
			FUZZ_CHECK(strtoul(p, NULL, 10) <= lines);
		}
		free(err);
	} else {
		FUZZ_CHECK(good);
		FUZZ_CHECK(err == NULL);
		(void)lines_ok((const char *)nfc, nfclen, d);
		fuzz_check_doc(d);
		/* The title block shows the title; the short title is
		   "short", else "title". */
		if ((v = doc_meta(d, "title")) != NULL) {
			FUZZ_CHECK(doc_nblocks(d) > 0);
			FUZZ_CHECK(doc_block(d, 0)->kind == BLK_TITLE);
		}
		p = doc_short_title(d);
		FUZZ_CHECK(p != NULL);
		if ((v = doc_meta(d, "short")) != NULL && *v != '\0')
			FUZZ_CHECK(strcmp(p, v) == 0);
		else if ((v = doc_meta(d, "title")) != NULL && *v != '\0')
			FUZZ_CHECK(strcmp(p, v) == 0);
		FUZZ_CHECK(anchor_doc_id(d) != NULL);
		FUZZ_CHECK(doc_meta(d, "no such key!") == NULL);
		doc_free(d);
	}
	free(nfc);
	free(in);
	return 0;
}
