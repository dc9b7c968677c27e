/*
 * fuzz_import.c: libFuzzer harness for --import: the input is an
 * annotation file read against the two bundled essays.  Whatever it
 * is, import_read returns annotations that store_put would accept
 * (one or two targets with an essay id and a quote, a UUID, UTF-8),
 * or a one-line message with no control character in it.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "diptych/anno.h"
#include "diptych/doc.h"
#include "diptych/embedded.h"
#include "diptych/export.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
utf8(const char *s)
{
	return s == NULL || u8_check((const uint8_t *)s, strlen(s)) == NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct doc	*docs[2];
	const struct doc	*d[2];
	struct import_report	 r;
	struct anno		*v;
	const char		*p;
	char			*err;
	size_t			 n, i, k;
	int			 t;

	if (docs[0] == NULL)
		for (k = 0; k < 2; k++)
			docs[k] = doc_parse(embedded_texts[k].name,
			    embedded_texts[k].data,
			    (size_t)embedded_texts[k].len, &err);
	d[0] = docs[0];
	d[1] = docs[1];
	if (import_read("fuzz.json", (const char *)data, size, d, &v, &n, &r,
	    &err) == -1) {
		for (p = err; *p != '\0'; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				abort();
		free(err);
		return 0;
	}
	if (n > r.items)
		abort();
	for (i = 0; i < n; i++) {
		if (strlen(v[i].id) != ANNO_ID_LEN || v[i].ntargets < 1 ||
		    v[i].ntargets > 2 || !utf8(v[i].author) ||
		    !utf8(v[i].note) || v[i].created < 0 || v[i].modified < 0)
			abort();
		for (k = 0; k < v[i].ntags; k++)
			if (v[i].tags[k][0] == '\0' || !utf8(v[i].tags[k]))
				abort();
		for (t = 0; t < v[i].ntargets; t++)
			if (v[i].target[t].doc_id == NULL ||
			    v[i].target[t].exact == NULL ||
			    v[i].target[t].exact[0] == '\0' ||
			    v[i].target[t].start > v[i].target[t].end)
				abort();
	}
	import_free(v, n);
	return 0;
}
