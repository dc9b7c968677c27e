/*
 * fold.h: folding text for matching, with a map back to the source.
 *
 * Folding makes what a reader types match what the text prints: curly
 * quotes and dashes become ASCII, compatibility forms their plain
 * letters (full-width Ａ is A, the ligature ﬁ is fi), accents go (é is
 * e), and with FOLD_CASE case goes too (ß is ss).  Each code point is
 * folded on its own, so a text folds to the concatenation of its code
 * points' foldings: a pattern folded the same way is a substring of the
 * folded text wherever it matches, and every folded byte knows the code
 * point it came from.  Texts are expected in NFC (documents are).
 */
#ifndef DIPTYCH_FOLD_H
#define DIPTYCH_FOLD_H

#include <stddef.h>

enum {
	FOLD_CASE = 1 << 0	/* also apply full case folding */
};

/*
 * Where folded bytes come from, by runs: from folded byte f up to the
 * next run's f, byte i comes from source offset s + (i - f) when ident
 * (ASCII, folded byte for source byte), else from s (the bytes one code
 * point folded to).
 */
struct fold_run {
	size_t	 f, s;
	int	 ident;
};

struct fold {
	char		*s;	/* folded text, NUL-terminated, owned */
	size_t		 len;
	size_t		 srclen;	/* the source's length */
	struct fold_run	*run;	/* see fold_source */
	size_t		 nrun, runcap;
};

/*
 * Fold s[0..n) into f, which the caller empties with fold_free.  s
 * should be valid UTF-8; a byte that is not is folded as U+FFFD.
 */
void	fold_text(struct fold *f, const char *s, size_t n, unsigned flags);
void	fold_free(struct fold *f);

/*
 * The source offset of the code point that produced folded byte i
 * (i < f->len), or the source's length (i == f->len).  Nondecreasing
 * in i; O(log) in the runs, of which ASCII text makes few.
 */
size_t	fold_source(const struct fold *f, size_t i);

/*
 * The source byte range [*start, *end) of the folded range [fs, fe),
 * fs <= fe <= f->len.  *start is where the code point that produced
 * byte fs begins; *end is where the code point that produced byte
 * fe - 1 ends, past any code points that folded to nothing (combining
 * marks) after it.  So a code point that folds to several bytes
 * (ß -> ss, ﬁ -> fi) is covered whole, and a base letter keeps its
 * marks.  An empty range gives *start == *end == map[fs].
 */
void	fold_range(const struct fold *f, size_t fs, size_t fe, size_t *start,
	    size_t *end);

/*
 * The first folded byte that comes from source offset off or after it
 * (f->len when none does): fold_source's inverse, for where to start
 * looking in a folded text.
 */
size_t	fold_index(const struct fold *f, size_t off);

/*
 * fold_range for ranges taken in order: *hint (0 at first) keeps the
 * place in the map from one call to the next.
 */
void	fold_range_from(const struct fold *f, size_t fs, size_t fe,
	    size_t *start, size_t *end, size_t *hint);

/* Whether s[0..n) has an uppercase letter (smart case): 1 or 0. */
int	fold_has_upper(const char *s, size_t n);

#endif
