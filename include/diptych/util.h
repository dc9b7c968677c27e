/*
 * util.h: allocation wrappers and a growable byte buffer.
 *
 * Out of memory is not an input problem: the x*alloc wrappers print a
 * message and abort.  Everything else in diptych reports errors.
 */
#ifndef DIPTYCH_UTIL_H
#define DIPTYCH_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Allocate, or abort with a message when memory is exhausted. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of nmemb elements of size bytes to at least need elements. */
void *xgrow(void *p, size_t *nmemb, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A growable, always NUL-terminated byte string. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	buf_init(struct buf *b);
void	buf_add(struct buf *b, const void *p, size_t n);
/* Room for n more bytes (and the NUL), allocated at once. */
void	buf_reserve(struct buf *b, size_t n);
void	buf_adds(struct buf *b, const char *s);
void	buf_addc(struct buf *b, char c);
/* Append a formatted string. */
void	buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void	buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Take ownership of the contents; the buffer is left empty. */
char	*buf_steal(struct buf *b, size_t *len);
void	buf_free(struct buf *b);

/*
 * Whether the code point of text that ends at at (before) or starts at
 * at (of len bytes) is a letter or digit: the edges of a whole word.
 */
int	util_alnum_before(const char *text, size_t at);
int	util_alnum_at(const char *text, size_t len, size_t at);

/*
 * In an array of n elements of size bytes each, sorted by the size_t
 * member at byte offset member, the number of leading elements whose
 * member is at most key (a binary search).
 */
size_t	util_count_le(const void *base, size_t n, size_t size, size_t member,
	    size_t key);

/* The largest essay or other file read whole (README says so). */
#define UTIL_FILE_MAX	((size_t)256 * 1024 * 1024)

/*
 * Read the regular file path whole into *data (NUL-terminated, caller
 * frees), *len bytes.  Only a regular file is read: a FIFO, a device, a
 * socket or a directory is refused at once, unread (a FIFO is opened
 * without waiting for a writer), and so is a file of more than limit
 * bytes.  Returns 0, or -1 with errno set (EISDIR, EINVAL for a file
 * that is not regular, EFBIG for one too large, else open's or read's)
 * and, when err is not NULL, *err a one-line message "path: what"
 * (caller frees; path as given, not yet made safe for a terminal).
 */
int	util_load_file(const char *path, size_t limit, char **data,
	    size_t *len, char **err);
/* util_load_file with the limit UTIL_FILE_MAX and no message. */
int	util_read_file(const char *path, char **data, size_t *len);

/*
 * Valid UTF-8 s[0..n) in Unicode Normalization Form C: NULL when s is
 * in NFC already (nothing is copied), else a malloc'd NUL-terminated
 * copy in NFC, its length in *outlen.  Only the spans holding
 * characters beyond ASCII go through u8_normalize, each from the ASCII
 * character before it (a base a mark may compose with): an ASCII
 * character is a starter that composes with nothing before it, so the
 * result is u8_normalize's on the whole.  Sets errno and returns
 * NULL with *outlen (size_t)-1 when u8_normalize fails.
 */
char	*util_nfc(const char *s, size_t n, size_t *outlen);

/*
 * Whether code point uc is punctuation that NFC leaves as it is
 * wherever it stands: U+2010-2027 and U+2030-205E (dashes, curly
 * quotes, the ellipsis, primes), starters that no canonical
 * decomposition holds and that have none.  util_nfc does not normalize
 * spans made only of them; test_doc checks the claim on every code
 * point's decomposition.
 */
int	util_nfc_inert(unsigned long uc);

/* The length of the run of ASCII bytes (below 0x80) that starts s[0..n). */
size_t	util_ascii_run(const char *s, size_t n);

/* base64 of s[0..n) (RFC 4648), NUL-terminated; the caller frees it. */
char	*util_base64(const char *s, size_t n);

#endif
