/*
 * check.h: invariant checks shared by the libFuzzer harnesses.
 *
 * A harness asserts what the API promises with FUZZ_CHECK, which
 * prints the failed condition and aborts: libFuzzer then keeps the
 * input, and replay (replay.c, run by make check) fails on it.
 */
#ifndef DIPTYCH_FUZZ_CHECK_H
#define DIPTYCH_FUZZ_CHECK_H

#include <stddef.h>

struct doc;

#define FUZZ_CHECK(c) \
	((c) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #c))

/* Print where an invariant failed and abort. */
void	 fuzz_fail(const char *file, int line, const char *what)
	    __attribute__((noreturn));

/* Whether s[0..n) is valid UTF-8. */
int	 fuzz_utf8(const char *s, size_t n);
/* Whether s[0..n) holds a C0 or C1 control, or DEL, other than '\n'. */
int	 fuzz_controls(const char *s, size_t n);
/* Whether off is at most n and not inside a UTF-8 sequence. */
int	 fuzz_char_edge(const char *s, size_t n, size_t off);
/* Whether off is a grapheme cluster boundary of s[0..n). */
int	 fuzz_cluster_edge(const char *s, size_t n, size_t off);
/*
 * What doc.h promises of any parsed document: its text is UTF-8 with
 * no control but '\n', its blocks and runs in order inside the text,
 * its sections in order with well-formed IDs and labels, its problems
 * one line each.  Aborts on a violation.
 */
void	 fuzz_check_doc(const struct doc *d);

#endif
