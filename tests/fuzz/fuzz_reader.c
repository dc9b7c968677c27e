/*
 * fuzz_reader.c: libFuzzer harness for the reader: the input is a
 * script of commands, sizes and typed text run on the two bundled
 * essays with the bundled glossary, a frame drawn after each step.
 * Every state a user can reach by keys and resizes must draw, and
 * every cell must land on the screen.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "diptych/doc.h"
#include "diptych/embedded.h"
#include "diptych/glossary.h"
#include "diptych/layout.h"
#include "diptych/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct reader_help help[] = {
	{ "Reading", "j", "down" },
	{ "In a list", "q", "close" },
};

struct size {
	int	 cols, rows;
};

static void
check_cell(const struct cell *c, void *arg)
{
	const struct size *s = arg;

	if (c->row < 0 || c->row >= s->rows || c->col < 0 ||
	    c->col + c->width > s->cols)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct doc	*docs[2];
	static struct glossary	*g;
	struct reader		*r;
	struct size		 s = { 100, 30 };
	char			*err;
	size_t			 i;
	int			 k;

	if (g == NULL) {
		for (k = 0; k < 2; k++)
			docs[k] = doc_parse(embedded_texts[k].name,
			    embedded_texts[k].data,
			    (size_t)embedded_texts[k].len, &err);
		g = glossary_new();
		glossary_load(g, embedded_texts[2].name, embedded_texts[2].data,
		    (size_t)embedded_texts[2].len, &err);
	}
	r = reader_new(docs[0], docs[1], g);
	reader_set_help(r, help, sizeof(help) / sizeof(help[0]));
	reader_resize(r, s.cols, s.rows);
	for (i = 0; i + 1 < size && !reader_done(r); i += 2) {
		uint8_t op = data[i], arg = data[i + 1];

		if (op == 0xff) {
			/* A resize: both sizes from one byte. */
			s.cols = 1 + (arg & 0x0f) * 14;
			s.rows = 1 + (arg >> 4) * 4;
			reader_resize(r, s.cols, s.rows);
		} else if (op == 0xfe)
			reader_input(r, (const char *)&data[i + 1], 1);
		else if (op % RC_NCMDS != RC_QUIT)
			reader_do(r, (enum reader_cmd)(op % RC_NCMDS), arg % 12);
		reader_frame(r, check_cell, &s);
		(void)reader_take_clipboard(r);
	}
	reader_free(r);
	return 0;
}
