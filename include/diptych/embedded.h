/*
 * embedded.h: the bundled essays, compiled into the binary from texts/.
 */
#ifndef DIPTYCH_EMBEDDED_H
#define DIPTYCH_EMBEDDED_H

#include <stddef.h>

struct embedded_text {
	const char	*name;		/* file name, e.g. "ogi-2024.md" */
	const char	*data;		/* file contents */
	long		 len;
};

/* Left essay, right essay, then the glossary. */
extern const struct embedded_text embedded_texts[];
extern const int embedded_count;

#endif
