/*
 * anno.c: the annotation record: new ids, times, tags, copies.
 *
 * A struct anno owns every string it points to; a zeroed struct is an
 * empty record, and anno_clear returns any record to that state.  The
 * targets' strings are owned too, copied and freed here field by field
 * (anchor.c is about finding passages, not about memory).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif

#include <unictype.h>
#include <unistr.h>

#include "diptych/anno.h"
#include "diptych/util.h"

/* Fill buf with n random bytes; 0, or -1 when there is no randomness. */
static int
random_bytes(unsigned char *buf, size_t n)
{
	size_t	 got = 0;
	ssize_t	 r;
	int	 fd;

#if defined(__linux__)
	while (got < n) {
		r = getrandom(buf + got, n - got, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;		/* ENOSYS: try the device */
		}
		got += (size_t)r;
	}
	if (got == n)
		return 0;
	got = 0;
#endif
	if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	while (got < n) {
		r = read(fd, buf + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			close(fd);
			return -1;
		}
		got += (size_t)r;
	}
	close(fd);
	return 0;
}

int
anno_new_id(char id[ANNO_ID_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char	 b[16];
	size_t		 i, o = 0;

	if (random_bytes(b, sizeof(b)) == -1) {
		id[0] = '\0';
		return -1;
	}
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);	/* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);	/* RFC 4122 variant */
	for (i = 0; i < sizeof(b); i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			id[o++] = '-';
		id[o++] = hex[b[i] >> 4];
		id[o++] = hex[b[i] & 0x0f];
	}
	id[o] = '\0';
	return 0;
}

int64_t
anno_now(void)
{
	struct timespec	 ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) == -1)
		return (int64_t)time(NULL) * 1000;
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Whether c may be part of a #word. */
static int
is_tag_char(ucs4_t c)
{
	return c == '-' || c == '_' || uc_is_alnum(c);
}

void
anno_tags_from_note(struct anno *a)
{
	const uint8_t	*s = (const uint8_t *)(a->note != NULL ? a->note : "");
	size_t		 len = strlen((const char *)s), i = 0, j, k, cap = 0;
	ucs4_t		 c, prev = 0;
	char		*tag;
	int		 n, alnum;

	for (j = 0; j < a->ntags; j++)
		free(a->tags[j]);
	free(a->tags);
	a->tags = NULL;
	a->ntags = 0;

	while (i < len) {
		n = u8_mbtouc(&c, s + i, len - i);
		if (c != '#' || uc_is_alnum(prev)) {
			prev = c;
			i += (size_t)n;
			continue;
		}
		/* A '#' after no letter or digit: the word that follows. */
		j = i + 1;
		alnum = 0;
		while (j < len) {
			ucs4_t	 d;
			int	 m = u8_mbtouc(&d, s + j, len - j);

			if (!is_tag_char(d))
				break;
			if (d != '-' && d != '_')
				alnum = 1;
			j += (size_t)m;
		}
		prev = c;
		if (j == i + 1 || !alnum) {	/* "#", "# x", "#--" */
			i += (size_t)n;
			continue;
		}
		tag = xstrndup((const char *)s + i + 1, j - i - 1);
		for (k = 0; k < a->ntags; k++)
			if (strcmp(a->tags[k], tag) == 0)
				break;
		if (k < a->ntags)
			free(tag);
		else {
			a->tags = xgrow(a->tags, &cap, a->ntags + 1,
			    sizeof(*a->tags));
			a->tags[a->ntags++] = tag;
		}
		/* The word ends with a letter, digit, '-' or '_'. */
		u8_prev(&prev, s + j, s);
		i = j;
	}
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
anno_copy(struct anno *copy, const struct anno *a)
{
	size_t	 i;
	int	 k;

	memset(copy, 0, sizeof(*copy));
	memcpy(copy->id, a->id, sizeof(copy->id));
	copy->id[ANNO_ID_LEN] = '\0';
	copy->author = dup_or_null(a->author);
	copy->created = a->created;
	copy->modified = a->modified;
	copy->note = dup_or_null(a->note);
	if (a->ntags > 0) {
		copy->tags = xcalloc(a->ntags, sizeof(*copy->tags));
		for (i = 0; i < a->ntags; i++)
			copy->tags[i] = xstrdup(a->tags[i]);
		copy->ntags = a->ntags;
	}
	copy->ntargets = a->ntargets;
	for (k = 0; k < 2 && k < a->ntargets; k++)
		anchor_copy(&copy->target[k], &a->target[k]);
	copy->reply_to = dup_or_null(a->reply_to);
	copy->deleted = a->deleted;
}

void
anno_clear(struct anno *a)
{
	size_t	 i;

	free(a->author);
	free(a->note);
	for (i = 0; i < a->ntags; i++)
		free(a->tags[i]);
	free(a->tags);
	anchor_free(&a->target[0]);
	anchor_free(&a->target[1]);
	free(a->reply_to);
	memset(a, 0, sizeof(*a));
}

int
anno_is_pairing(const struct anno *a)
{
	size_t i;

	if (a->ntargets != 2 || a->reply_to != NULL || a->deleted)
		return 0;
	for (i = 0; i < a->ntags; i++)
		if (strcmp(a->tags[i], ANNO_PAIRING_TAG) == 0)
			return 1;
	return 0;
}
