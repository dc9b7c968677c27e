/*
 * util.c: allocation wrappers, struct buf, and reading files.
 *
 * Invariant of struct buf: data is NULL with len == cap == 0, or data
 * holds len bytes followed by a NUL and cap > len.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unictype.h>
#include <unistr.h>

#include <uninorm.h>

#include "diptych/util.h"

static void
oom(void)
{
	fputs("diptych: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void	*p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xgrow(void *p, size_t *nmemb, size_t need, size_t size)
{
	size_t	 n = *nmemb;

	if (need <= n)
		return p;
	if (n < 8)
		n = 8;
	while (n < need) {
		if (n > ((size_t)-1) / 2 / size)
			oom();
		n *= 2;
	}
	*nmemb = n;
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	b->data = xgrow(b->data, &b->cap, b->len + n + 1, 1);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_reserve(struct buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->data = xrealloc(b->data, b->len + n + 1);
		b->cap = b->len + n + 1;
	}
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	 aq;
	int	 n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	b->data = xgrow(b->data, &b->cap, b->len + (size_t)n + 1, 1);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
buf_steal(struct buf *b, size_t *len)
{
	char	*p;

	if (b->data == NULL)
		buf_add(b, "", 0);
	p = b->data;
	if (len != NULL)
		*len = b->len;
	buf_init(b);
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

size_t
util_count_le(const void *base, size_t n, size_t size, size_t member, size_t key)
{
	const char	*b = base;
	size_t		 lo = 0, hi = n, v;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		memcpy(&v, b + mid * size + member, sizeof(v));
		if (v <= key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* "16 MiB", "64 KiB" or "100 bytes": a limit as a message says it. */
static void
say_size(struct buf *b, size_t n)
{
	if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		buf_printf(b, "%zu MiB", n / (1024 * 1024));
	else if (n >= 1024 && n % 1024 == 0)
		buf_printf(b, "%zu KiB", n / 1024);
	else
		buf_printf(b, "%zu bytes", n);
}

/* Set *err (when err is not NULL) to "path: what", errno to e; -1. */
static int
load_error(char **err, int e, const char *path, const char *what,
    size_t limit)
{
	struct buf	 b;

	if (err != NULL) {
		buf_init(&b);
		buf_printf(&b, "%s: %s", path, what);
		if (e == EFBIG)
			say_size(&b, limit);
		*err = buf_steal(&b, NULL);
	}
	errno = e;
	return -1;
}

/* What a file that is not regular is, for the message. */
static const char *
file_kind(mode_t m)
{
	if (S_ISFIFO(m))
		return "not a regular file (a FIFO)";
	if (S_ISCHR(m))
		return "not a regular file (a device)";
	if (S_ISBLK(m))
		return "not a regular file (a block device)";
	if (S_ISSOCK(m))
		return "not a regular file (a socket)";
	return "not a regular file";
}

int
util_load_file(const char *path, size_t limit, char **data, size_t *len,
    char **err)
{
	struct stat	 st;
	struct buf	 b;
	char		 chunk[65536];
	ssize_t		 n;
	int		 fd, fl, e;

	*data = NULL;
	*len = 0;
	if (err != NULL)
		*err = NULL;
	/* O_NONBLOCK: opening a FIFO with no writer must not wait. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) ==
	    -1) {
		e = errno;
		return load_error(err, e, path, strerror(e), 0);
	}
	if (fstat(fd, &st) == -1) {
		e = errno;
		close(fd);
		return load_error(err, e, path, strerror(e), 0);
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return load_error(err, EISDIR, path, strerror(EISDIR), 0);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return load_error(err, EINVAL, path, file_kind(st.st_mode), 0);
	}
	if ((uintmax_t)st.st_size > (uintmax_t)limit) {
		close(fd);
		return load_error(err, EFBIG, path, "larger than ", limit);
	}
	if ((fl = fcntl(fd, F_GETFL)) != -1)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	buf_init(&b);
	buf_reserve(&b, (size_t)st.st_size);
	/* The size was checked, but a file may grow while it is read. */
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (b.len + (size_t)n > limit) {
			close(fd);
			buf_free(&b);
			return load_error(err, EFBIG, path, "larger than ",
			    limit);
		}
		buf_add(&b, chunk, (size_t)n);
	}
	if (n == -1) {
		e = errno;
		close(fd);
		buf_free(&b);
		return load_error(err, e, path, strerror(e), 0);
	}
	close(fd);
	*data = buf_steal(&b, len);
	return 0;
}

int
util_read_file(const char *path, char **data, size_t *len)
{
	return util_load_file(path, UTIL_FILE_MAX, data, len, NULL);
}

char *
util_base64(const char *s, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)s;
	char	*out = xmalloc((n + 2) / 3 * 4 + 1), *o = out;
	size_t	 i;

	for (i = 0; i + 2 < n; i += 3) {
		*o++ = tab[p[i] >> 2];
		*o++ = tab[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
		*o++ = tab[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)];
		*o++ = tab[p[i + 2] & 63];
	}
	if (i < n) {
		*o++ = tab[p[i] >> 2];
		if (i + 1 < n) {
			*o++ = tab[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
			*o++ = tab[(p[i + 1] & 15) << 2];
		} else {
			*o++ = tab[(p[i] & 3) << 4];
			*o++ = '=';
		}
		*o++ = '=';
	}
	*o = '\0';
	return out;
}

int
util_nfc_inert(unsigned long uc)
{
	return (uc >= 0x2010 && uc <= 0x2027) || (uc >= 0x2030 && uc <= 0x205e);
}

size_t
util_ascii_run(const char *s, size_t n)
{
	const uint8_t	*p = (const uint8_t *)s;
	uint64_t	 w;
	size_t		 i = 0;

	/* Eight bytes at a time while none has its high bit set. */
	for (; n - i >= sizeof(w); i += sizeof(w)) {
		memcpy(&w, p + i, sizeof(w));
		if (w & 0x8080808080808080ULL)
			break;
	}
	while (i < n && p[i] < 0x80)
		i++;
	return i;
}

/* Whether s[0..n) is UTF-8 made only of util_nfc_inert characters. */
static int
inert_span(const uint8_t *s, size_t n)
{
	size_t i;

	/* All of them take three bytes, 0xe2 0x80 or 0x81, then one. */
	for (i = 0; i + 3 <= n; i += 3)
		if (s[i] != 0xe2 || (s[i + 1] & 0xfe) != 0x80 ||
		    (s[i + 2] & 0xc0) != 0x80 ||
		    !util_nfc_inert(0x2000 + (unsigned long)((s[i + 1] &
		    0x3f) << 6) + (s[i + 2] & 0x3f)))
			return 0;
	return i == n;
}

char *
util_nfc(const char *s, size_t n, size_t *outlen)
{
	const uint8_t	*p = (const uint8_t *)s;
	uint8_t		 tmp[256], *r;
	struct buf	 out;
	size_t		 i = 0, start, end, copied = 0, rn;

	buf_init(&out);
	while (i < n) {
		if ((i += util_ascii_run(s + i, n - i)) >= n)
			break;
		for (end = i; end < n && p[end] >= 0x80; end++)
			;
		if (inert_span(p + i, end - i)) {
			i = end;	/* nothing to compose or reorder */
			continue;
		}
		start = i > 0 ? i - 1 : 0;
		rn = sizeof(tmp);
		r = u8_normalize(UNINORM_NFC, p + start, end - start, tmp, &rn);
		if (r == NULL) {
			buf_free(&out);
			*outlen = (size_t)-1;
			return NULL;
		}
		if (out.data != NULL || rn != end - start ||
		    memcmp(r, p + start, rn) != 0) {
			/* Changed: what comes before as it was, then this. */
			buf_add(&out, s + copied, start - copied);
			buf_add(&out, r, rn);
			copied = end;
		}
		if (r != tmp)
			free(r);
		i = end;
	}
	if (out.data == NULL) {
		*outlen = n;
		return NULL;
	}
	buf_add(&out, s + copied, n - copied);
	return buf_steal(&out, outlen);
}

int
util_alnum_before(const char *text, size_t at)
{
	ucs4_t		 uc;
	const uint8_t	*p;

	if (at == 0)
		return 0;
	p = u8_prev(&uc, (const uint8_t *)text + at, (const uint8_t *)text);
	return p != NULL && uc_is_alnum(uc);
}

int
util_alnum_at(const char *text, size_t len, size_t at)
{
	ucs4_t uc;

	return at < len && u8_mbtouc(&uc, (const uint8_t *)text + at,
	    len - at) > 0 && uc_is_alnum(uc);
}
