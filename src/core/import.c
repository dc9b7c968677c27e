/*
 * import.c: --import: W3C Web Annotation JSON and Hypothesis JSON read
 * into annotations, ready for store_merge.
 *
 * jansson parses the whole file into a tree (duplicate keys, invalid
 * UTF-8 and NUL in strings refused, so every string taken from it is
 * UTF-8 without NUL); then each item of the file becomes one struct
 * item, in file order, in two passes:
 *
 *  1. Every item on its own: its id, author, times, note and tags, and
 *     its targets, placed in one of the two essays.  An item on another
 *     page, or with no passage (a page note), is counted and dropped; a
 *     reply with no passage of its own waits for pass 2.  (For W3C, the
 *     ids of all items are known before, in a jansson object used as a
 *     hash table: a target naming one of them is the annotation replied
 *     to, not a page.)
 *  2. A waiting reply takes the passage of the nearest annotation of
 *     its thread found in pass 1 (ids in a jansson object used as a hash
 *     table), or is counted and dropped: one whose thread leads out of
 *     the file, or round in a loop, is never half imported.
 *
 * Nothing is written and nothing is kept between calls.  Ids that are
 * not UUIDs become name-based UUIDs (RFC 9562 version 5: SHA-1 of the
 * URL namespace and the name), so a file imported twice gives the same
 * ids and store_merge finds nothing new the second time.
 *
 * Invariants: a returned annotation has an id of ANNO_ID_LEN
 * characters, one or two targets each with an essay id and a non-empty
 * quote, tags that are unique and not empty, and times >= 0 (0: not in
 * the file; the store puts now).  Messages never quote the file's bytes
 * raw: jansson's, which may, are passed through clean().
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <unictype.h>
#include <unistr.h>

#include "diptych/anchor.h"
#include "diptych/anno.h"
#include "diptych/doc.h"
#include "diptych/export.h"
#include "diptych/util.h"

#define URN_UUID	"urn:uuid:"
#define URN_DIPTYCH	"urn:diptych:"
#define HYPOTHESIS_URL	"https://hypothes.is/a/"
#define JSON_BUDGET	(256 * 1024 * 1024)	/* bytes for a parsed file */
#define MALLOC_COST	16			/* malloc's bytes per block */

/* What pass 1 made of an item. */
enum got {
	GOT_NOTE,		/* an annotation, placed */
	GOT_REPLY,		/* a reply waiting for its thread's passage */
	GOT_ELSEWHERE,		/* on another page */
	GOT_NO_PASSAGE		/* on one of the essays, but on no passage */
};

/* One item of the file, as pass 1 leaves it. */
struct item {
	struct anno	 a;		/* ntargets 0: none to return */
	enum got	 got;		/* and why */
	int		 waiting;	/* a reply, with no passage yet */
	json_t		*refs;		/* its thread's ids (borrowed) */
	int		 orphan;	/* a quote was not found */
	size_t		 mark;		/* W3C pass 2: walked up from */
};

/* What reading one file needs. */
struct ctx {
	const char		*name;
	const struct doc *const	*docs;
	struct import_report	*r;
	size_t			 item;	/* 1-based, for messages */
	char			*err;	/* the message, once set */
	json_t			*ids;	/* W3C: each item's id: its index */
};

/* --- memory ------------------------------------------------------------ */

/*
 * jansson's allocator.  A parsed tree takes many times the bytes of its
 * file: some 10 times for --export json's, 500 bytes for an empty
 * object.  So while a file is parsed its tree may take JSON_BUDGET
 * bytes at most, malloc's own included: past that the allocation fails,
 * and with it the parse.  Out of real memory aborts, as everywhere.
 * (diptych imports in one thread.)
 */
union header {				/* before each block */
	size_t		 n;		/* what it costs */
	max_align_t	 align;
};

static size_t	 json_bytes;	/* held by jansson now */
static int	 json_budget;	/* the budget is in force */
static int	 json_refused;	/* and an allocation failed for it */

/* n bytes for jansson, or NULL past the budget while it is in force. */
static void *
budget_malloc(size_t n)
{
	union header	*h;
	size_t		 cost;

	if (n > JSON_BUDGET) {
		json_refused = json_budget;
		return NULL;
	}
	cost = sizeof(*h) + MALLOC_COST + n;
	if (json_budget && cost > JSON_BUDGET - json_bytes) {
		json_refused = 1;
		return NULL;
	}
	h = xmalloc(sizeof(*h) + n);
	h->n = cost;
	json_bytes += cost;
	return h + 1;
}

/* Give back what budget_malloc gave. */
static void
budget_free(void *p)
{
	union header	*h = p;

	if (p == NULL)
		return;
	h--;
	json_bytes -= h->n;
	free(h);
}

/* --- messages -------------------------------------------------------- */

/*
 * s into b with control and format characters, and bytes that are not
 * UTF-8, written as \xNN or \uNNNN.
 */
static void
clean(struct buf *b, const char *s)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + strlen(s);
	ucs4_t		 uc;
	int		 n;

	while (p < end) {
		n = u8_mbtoucr(&uc, p, (size_t)(end - p));
		if (n < 0) {
			buf_printf(b, "\\x%02x", *p++);
			continue;
		}
		if (uc_is_general_category_withtable(uc,
		    UC_CATEGORY_MASK_Cc | UC_CATEGORY_MASK_Cf))
			buf_printf(b, uc < 0x100 ? "\\x%02x" : "\\u%04x",
			    (unsigned)uc);
		else
			buf_add(b, p, (size_t)n);
		p += n;
	}
}

/* Set the message "name: item N: what"; returns -1. */
static int
bad(struct ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
bad(struct ctx *c, const char *fmt, ...)
{
	struct buf	 b;
	char		 what[256];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	buf_init(&b);
	if (c->item > 0)
		buf_printf(&b, "%s: item %zu: %s", c->name, c->item, what);
	else
		buf_printf(&b, "%s: %s", c->name, what);
	free(c->err);
	c->err = buf_steal(&b, NULL);
	return -1;
}

/* --- ids: UUIDs, and name-based UUIDs of other ids -------------------- */

static uint32_t
rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

/* One 64-byte block into the SHA-1 state h (FIPS 180-4). */
static void
sha1_block(uint32_t h[5], const uint8_t *p)
{
	uint32_t	 w[80], a, b, c, d, e, f, k, t;
	int		 i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20)
			f = (b & c) | (~b & d), k = 0x5a827999;
		else if (i < 40)
			f = b ^ c ^ d, k = 0x6ed9eba1;
		else if (i < 60)
			f = (b & c) | (b & d) | (c & d), k = 0x8f1bbcdc;
		else
			f = b ^ c ^ d, k = 0xca62c1d6;
		t = rol(a, 5) + f + e + k + w[i];
		e = d, d = c, c = rol(b, 30), b = a, a = t;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
}

/* The SHA-1 digest of m[0..len). */
static void
sha1(const uint8_t *m, size_t len, uint8_t out[20])
{
	uint32_t	 h[5] = { 0x67452301, 0xefcdab89, 0x98badcfe,
			    0x10325476, 0xc3d2e1f0 };
	uint8_t		 tail[128];
	uint64_t	 bits = (uint64_t)len * 8;
	size_t		 i, rest, nt;

	for (i = 0; i + 64 <= len; i += 64)
		sha1_block(h, m + i);
	rest = len - i;
	memset(tail, 0, sizeof(tail));
	memcpy(tail, m + i, rest);
	tail[rest] = 0x80;
	nt = rest + 1 + 8 <= 64 ? 64 : 128;
	for (i = 0; i < 8; i++)
		tail[nt - 1 - i] = (uint8_t)(bits >> (8 * i));
	sha1_block(h, tail);
	if (nt == 128)
		sha1_block(h, tail + 64);
	for (i = 0; i < 20; i++)
		out[i] = (uint8_t)(h[i / 4] >> (24 - 8 * (i % 4)));
}

/* The version 5 UUID of name in the URL namespace (RFC 9562, 5.5). */
static void
uuid_v5(const char *name, char id[ANNO_ID_LEN + 1])
{
	static const uint8_t url_ns[16] = {
		0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
		0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8
	};
	static const char hex[] = "0123456789abcdef";
	size_t		 n = strlen(name), i, o = 0;
	uint8_t		*m = xmalloc(sizeof(url_ns) + n), d[20];

	memcpy(m, url_ns, sizeof(url_ns));
	memcpy(m + sizeof(url_ns), name, n);
	sha1(m, sizeof(url_ns) + n, d);
	free(m);
	d[6] = (uint8_t)((d[6] & 0x0f) | 0x50);
	d[8] = (uint8_t)((d[8] & 0x3f) | 0x80);
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			id[o++] = '-';
		id[o++] = hex[d[i] >> 4];
		id[o++] = hex[d[i] & 0x0f];
	}
	id[o] = '\0';
}

/* Whether s is a UUID: 8-4-4-4-12 hex digits. */
static int
is_uuid(const char *s)
{
	int	 i;

	for (i = 0; i < ANNO_ID_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (strchr("0123456789abcdefABCDEF", s[i]) == NULL ||
		    s[i] == '\0')
			return 0;
	}
	return s[ANNO_ID_LEN] == '\0';
}

/* The id of a W3C annotation id: urn:uuid:UUID's UUID, else named. */
static void
w3c_id(const char *s, char id[ANNO_ID_LEN + 1])
{
	int	 i;

	if (strncmp(s, URN_UUID, strlen(URN_UUID)) == 0 &&
	    is_uuid(s + strlen(URN_UUID))) {
		for (i = 0; i <= ANNO_ID_LEN; i++) {
			id[i] = s[strlen(URN_UUID) + i];
			if (id[i] >= 'A' && id[i] <= 'F')
				id[i] = (char)(id[i] - 'A' + 'a');
		}
		return;
	}
	uuid_v5(s, id);
}

/* The id of a Hypothesis annotation: named by its URL. */
static void
hypothesis_id(const char *s, char id[ANNO_ID_LEN + 1])
{
	struct buf	 b;

	buf_init(&b);
	buf_printf(&b, "%s%s", HYPOTHESIS_URL, s);
	uuid_v5(b.data, id);
	buf_free(&b);
}

/* --- times ------------------------------------------------------------ */

/* The n digits at s as a number, or -1. */
static int
digits(const char *s, int n)
{
	int	 v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Days from 1970-01-01 to y-m-d, proleptic Gregorian (H. Hinnant). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/*
 * An ISO 8601 (RFC 3339) date and time, "2024-06-19T08:30:00Z", with
 * or without a fraction of a second (kept to the millisecond), Z or an
 * offset (none: UTC), or a date alone, into ms UTC.  0, or -1 when s is
 * not one, or is before 1970.
 */
static int
parse_time(const char *s, int64_t *ms)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	const char	*p;
	int		 y, mo, d, h = 0, mi = 0, sec = 0, frac = 0, off = 0;
	int		 oh, om, k, leap;
	int64_t		 t;

	if ((y = digits(s, 4)) < 0 || s[4] != '-' ||
	    (mo = digits(s + 5, 2)) < 0 || s[7] != '-' ||
	    (d = digits(s + 8, 2)) < 0)
		return -1;
	p = s + 10;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if ((h = digits(p, 2)) < 0 || p[2] != ':' ||
		    (mi = digits(p + 3, 2)) < 0)
			return -1;
		p += 5;
		if (*p == ':') {
			if ((sec = digits(p + 1, 2)) < 0)
				return -1;
			p += 3;
			if (*p == '.' || *p == ',') {
				if (p[1] < '0' || p[1] > '9')
					return -1;
				for (p++, k = 0; *p >= '0' && *p <= '9'; p++,
				    k++)
					if (k < 3)
						frac = frac * 10 + (*p - '0');
				for (; k < 3; k++)
					frac *= 10;
			}
		}
		if (*p == 'Z' || *p == 'z')
			p++;
		else if (*p == '+' || *p == '-') {
			if ((oh = digits(p + 1, 2)) < 0)
				return -1;
			k = p[3] == ':';
			if ((om = digits(p + 3 + k, 2)) < 0 || oh > 23 ||
			    om > 59)
				return -1;
			off = (oh * 60 + om) * (*p == '-' ? -1 : 1);
			p += 5 + k;
		}
	}
	if (*p != '\0')
		return -1;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] + (mo == 2 && leap) || h > 23 || mi > 59 ||
	    sec > 60)
		return -1;
	t = ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi - off) * 60 + sec;
	if (t < 0)
		return -1;
	*ms = t * 1000 + frac;
	return 0;
}

/* --- JSON ------------------------------------------------------------- */

/* Whether the type of o is name, or an array that has it. */
static int
has_type(json_t *o, const char *name)
{
	json_t	*t = json_object_get(o, "type"), *x;
	size_t	 i;

	if (json_is_string(t))
		return strcmp(json_string_value(t), name) == 0;
	json_array_foreach(t, i, x)
		if (json_is_string(x) && strcmp(json_string_value(x), name) == 0)
			return 1;
	return 0;
}

/*
 * The string member key of o into *s: NULL when absent or null, -1
 * with a message when it is something else.
 */
static int
get_str(struct ctx *c, json_t *o, const char *key, const char **s)
{
	json_t	*v = json_object_get(o, key);

	*s = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return bad(c, "%s is not a string", key);
	*s = json_string_value(v);
	return 0;
}

/* The time member key of o into *ms (0 when absent). */
static int
get_time(struct ctx *c, json_t *o, const char *key, int64_t *ms)
{
	const char	*s;

	*ms = 0;
	if (get_str(c, o, key, &s) == -1)
		return -1;
	if (s != NULL && parse_time(s, ms) == -1)
		return bad(c, "%s is not a date and time (ISO 8601, "
		    "1970 or later)", key);
	return 0;
}

/* Append tag to a's tags unless it is empty or there already. */
static void
add_tag(struct anno *a, const char *tag, size_t *cap)
{
	size_t	 i;

	if (*tag == '\0')
		return;
	for (i = 0; i < a->ntags; i++)
		if (strcmp(a->tags[i], tag) == 0)
			return;
	a->tags = xgrow(a->tags, cap, a->ntags + 1, sizeof(*a->tags));
	a->tags[a->ntags++] = xstrdup(tag);
}

/* After the explicit tags, the #words of a's note. */
static void
add_note_tags(struct anno *a, size_t *cap)
{
	struct anno	 words;
	size_t		 i;

	memset(&words, 0, sizeof(words));
	words.note = a->note;
	anno_tags_from_note(&words);
	for (i = 0; i < words.ntags; i++) {
		add_tag(a, words.tags[i], cap);
		free(words.tags[i]);
	}
	free(words.tags);
}

/* --- targets ------------------------------------------------------------ */

/* Whether two URLs are the same, fragments (#...) aside. */
static int
same_url(const char *a, const char *b)
{
	size_t	 n = strcspn(a, "#");

	return n == strcspn(b, "#") && memcmp(a, b, n) == 0;
}

/*
 * The side of the essay src names: its front-matter source, or
 * urn:diptych:ID, a fragment aside.  -1 when neither does.
 */
static int
side_of(const struct ctx *c, const char *src)
{
	const char	*u;
	int		 side;

	for (side = 0; side < 2; side++) {
		u = doc_meta(c->docs[side], "source");
		if (u != NULL && *u != '\0' && same_url(u, src))
			return side;
		if (strncmp(src, URN_DIPTYCH, strlen(URN_DIPTYCH)) == 0 &&
		    same_url(src + strlen(URN_DIPTYCH),
		    anchor_doc_id(c->docs[side])))
			return side;
	}
	return -1;
}

/*
 * Find t in d: its state.  A quote much longer than the text cannot be
 * in it, and is not searched for (the approximate search costs the
 * product of their lengths).
 */
static enum anchor_state
find(const struct anchor *t, const struct doc *d, size_t *start,
    size_t *end)
{
	size_t	 n;

	doc_text(d, &n);
	if (strlen(t->exact) > 2 * n + 64)
		return ANCHOR_ORPHAN;
	return anchor_find(t, d, start, end);
}

/*
 * Selectors sel (one object, or an array of them) into t: the quote and
 * context of a TextQuoteSelector, and, with positions, the code points
 * of a TextPositionSelector (*has_pos says whether there was one);
 * other kinds are passed over.  k is the target's number, for messages.
 */
static int
read_selectors(struct ctx *c, json_t *sel, int positions, int k,
    struct anchor *t, int *has_pos)
{
	json_t		*s, *js, *je;
	const char	*exact, *prefix, *suffix;
	size_t		 i, n = 1;
	json_int_t	 start, end;

	*has_pos = 0;
	if (json_is_array(sel))
		n = json_array_size(sel);
	else if (!json_is_object(sel))
		return bad(c, "target %d: its selector is not an object or "
		    "an array", k);
	for (i = 0; i < n; i++) {
		s = json_is_array(sel) ? json_array_get(sel, i) : sel;
		if (!json_is_object(s))
			return bad(c, "target %d: a selector is not an object",
			    k);
		if (has_type(s, "TextQuoteSelector") && t->exact == NULL) {
			if (get_str(c, s, "exact", &exact) == -1 ||
			    get_str(c, s, "prefix", &prefix) == -1 ||
			    get_str(c, s, "suffix", &suffix) == -1)
				return -1;
			if (exact == NULL || *exact == '\0')
				return bad(c, "target %d: its "
				    "TextQuoteSelector has no exact text", k);
			t->exact = xstrdup(exact);
			t->prefix = prefix != NULL ? xstrdup(prefix) : NULL;
			t->suffix = suffix != NULL ? xstrdup(suffix) : NULL;
		} else if (has_type(s, "TextPositionSelector") && positions) {
			js = json_object_get(s, "start");
			je = json_object_get(s, "end");
			if (!json_is_integer(js) || !json_is_integer(je) ||
			    (start = json_integer_value(js)) < 0 ||
			    (end = json_integer_value(je)) < start)
				return bad(c, "target %d: its "
				    "TextPositionSelector is not a start and "
				    "an end, 0 <= start <= end", k);
			t->start = (size_t)start;
			t->end = (size_t)end;
			*has_pos = 1;
		}
	}
	if (t->exact == NULL)
		return bad(c, "target %d has no TextQuoteSelector", k);
	return 0;
}

/*
 * Give t, found in d by its quote alone, the code points where it was
 * found (the file had none, or Hypothesis's, which count the web page),
 * and the context there when the file had none.  Returns how it was
 * found; an orphan keeps positions 0.
 */
static enum anchor_state
place(struct anchor *t, const struct doc *d)
{
	enum anchor_state st;
	struct anchor	 here;
	const char	*text = doc_text(d, NULL);
	size_t		 s, e;

	t->start = t->end = 0;
	if ((st = find(t, d, &s, &e)) == ANCHOR_ORPHAN)
		return st;
	t->start = u8_mbsnlen((const uint8_t *)text, s);
	t->end = t->start + u8_mbsnlen((const uint8_t *)text + s, e - s);
	t->hash = anchor_text_hash(d);	/* they count this text */
	if (t->prefix == NULL || t->suffix == NULL) {
		anchor_make(&here, d, s, e);
		if (t->prefix == NULL) {
			t->prefix = here.prefix;
			here.prefix = NULL;
		}
		if (t->suffix == NULL) {
			t->suffix = here.suffix;
			here.suffix = NULL;
		}
		anchor_free(&here);
	}
	return st;
}

/* The shortest quote that says whose it is without its context. */
#define QUOTE_ALONE	32

/* Append s to b without its white space (U+00A0 too). */
static void
add_unspaced(struct buf *b, const char *s)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + strlen(s);
	ucs4_t		 uc;
	int		 k;

	for (; p < end; p += k) {
		if ((k = u8_mbtouc(&uc, p, (size_t)(end - p))) < 1)
			k = 1;
		if (!uc_is_property_white_space(uc))
			buf_add(b, p, (size_t)k);
	}
}

/*
 * Whether a quote's context as given (NULL: none) agrees with the
 * context found: white space aside, the given prefix ends as the found
 * one does (before), or the given suffix starts as the found one does,
 * over the shorter of the two.
 */
static int
context_agrees(const char *given, const char *found, int before)
{
	struct buf	 g, f;
	size_t		 n;
	int		 ok;

	if (given == NULL || *given == '\0')
		return 1;
	buf_init(&g);
	buf_init(&f);
	buf_add(&g, "", 0);
	buf_add(&f, "", 0);
	add_unspaced(&g, given);
	add_unspaced(&f, found != NULL ? found : "");
	n = g.len < f.len ? g.len : f.len;
	ok = before ? memcmp(g.data + g.len - n, f.data + f.len - n, n) == 0 :
	    memcmp(g.data, f.data, n) == 0;
	/* A context cut to nothing at the text's edge agrees only when
	   nothing is what was given. */
	if (n == 0 && g.len > 0)
		ok = 0;
	buf_free(&g);
	buf_free(&f);
	return ok;
}

/*
 * The essay that a passage on a page neither essay names is quoted
 * from: a copy of the essay elsewhere (another address of the article,
 * a PDF), told by its quote.  The first TextQuoteSelector of sel, with
 * its context, must be found as it is in one essay and not in the
 * other; else -1, and the note is another page's.  Read quietly: what
 * is wrong with another page's selectors is not this import's error.
 */
static int
quote_side(const struct ctx *c, json_t *sel)
{
	struct anchor	 t;
	json_t		*q = NULL, *x;
	size_t		 i, s, e;
	int		 side, found = -1;
	enum anchor_state st;

	if (json_is_object(sel) && has_type(sel, "TextQuoteSelector"))
		q = sel;
	json_array_foreach(sel, i, x)
		if (q == NULL && json_is_object(x) &&
		    has_type(x, "TextQuoteSelector"))
			q = x;
	if (q == NULL || !json_is_string(json_object_get(q, "exact")) ||
	    *json_string_value(json_object_get(q, "exact")) == '\0')
		return -1;
	memset(&t, 0, sizeof(t));
	t.exact = (char *)json_string_value(json_object_get(q, "exact"));
	if (json_is_string(x = json_object_get(q, "prefix")))
		t.prefix = (char *)json_string_value(x);
	if (json_is_string(x = json_object_get(q, "suffix")))
		t.suffix = (char *)json_string_value(x);
	/* Without its context, a quote must be long to say whose it is. */
	if ((t.prefix == NULL || *t.prefix == '\0' || t.suffix == NULL ||
	    *t.suffix == '\0') && strlen(t.exact) < QUOTE_ALONE)
		return -1;
	for (side = 0; side < 2; side++) {
		struct anchor	 here;
		const char	*text;
		size_t		 len;

		/* The quote as it is, first: a page's notes that are not
		   on this text cost a byte search, never the approximate
		   one. */
		text = doc_text(c->docs[side], &len);
		if (memmem(text, len, t.exact, strlen(t.exact)) == NULL)
			continue;
		st = find(&t, c->docs[side], &s, &e);
		if (st != ANCHOR_EXACT && st != ANCHOR_MOVED)
			continue;
		anchor_make(&here, c->docs[side], s, e);
		st = context_agrees(t.prefix, here.prefix, 1) &&
		    context_agrees(t.suffix, here.suffix, 0) ? ANCHOR_EXACT :
		    ANCHOR_ORPHAN;
		anchor_free(&here);
		if (st != ANCHOR_EXACT)
			continue;
		if (found >= 0)
			return -1;	/* in both: whose is not known */
		found = side;
	}
	return found;
}

/*
 * Whether the IRI s names an annotation: urn:uuid:..., or the id of an
 * item of the file (not an essay: those are sources).
 */
static int
names_annotation(const struct ctx *c, const char *s)
{
	char	 id[ANNO_ID_LEN + 1];

	if (side_of(c, s) >= 0)
		return 0;
	if (strncmp(s, URN_UUID, strlen(URN_UUID)) == 0)
		return 1;
	w3c_id(s, id);
	return json_object_get(c->ids, id) != NULL;
}

/*
 * The IRI of the annotation target t is, when it is one (the W3C model
 * lets a target be another annotation: a reply's): a string, or an
 * object with no selector whose source, or id when it has none, names
 * an annotation.  NULL when t is a page or a passage.
 */
static const char *
target_annotation(const struct ctx *c, json_t *t)
{
	json_t	*x = NULL;

	if (json_is_string(t))
		x = t;
	else if (json_is_object(t) && (json_object_get(t, "selector") ==
	    NULL || json_is_null(json_object_get(t, "selector")))) {
		x = json_object_get(t, "source");
		if (x == NULL || json_is_null(x))
			x = json_object_get(t, "id");
	}
	if (!json_is_string(x) || !names_annotation(c, json_string_value(x)))
		return NULL;
	return json_string_value(x);
}

/*
 * The targets of a W3C annotation into a: one passage, or two for a
 * link, and perhaps the annotation it replies to (a->reply_to).  *got
 * says whether they are on these essays and have passages there; a
 * reply with none of its own waits for its thread's (GOT_REPLY).
 */
static int
w3c_targets(struct ctx *c, json_t *item, struct anno *a, int *orphan,
    enum got *got)
{
	json_t		*tg = json_object_get(item, "target"), *t, *sel;
	json_t		*pass[2];
	const char	*src, *ref = NULL, *iri;
	size_t		 n = 1, np = 0, i, at[2], ref_at = 0, s, e;
	int		 side[2], has_pos, page = 0;
	enum anchor_state st;

	if (json_is_array(tg))
		n = json_array_size(tg);
	else if (!json_is_object(tg) && !json_is_string(tg))
		return bad(c, "has no target");
	/* The annotation replied to, and the passages. */
	for (i = 0; i < n; i++) {
		t = json_is_array(tg) ? json_array_get(tg, i) : tg;
		if ((iri = target_annotation(c, t)) == NULL) {
			if (np < 2) {
				pass[np] = t;
				at[np] = i + 1;
			}
			np++;
		} else if (ref != NULL)
			return bad(c, "replies to two annotations (its "
			    "targets %zu and %zu): one is read", ref_at, i + 1);
		else {
			ref = iri;
			ref_at = i + 1;
		}
	}
	if ((np < 1 && ref == NULL) || np > 2)
		return bad(c, "has %zu targets: one, or two for a link, "
		    "are read", np);
	if (ref != NULL) {
		a->reply_to = xmalloc(ANNO_ID_LEN + 1);
		w3c_id(ref, a->reply_to);
	}
	/* Where first: a note on another page is not ours to judge. */
	for (i = 0; i < np; i++) {
		t = pass[i];
		if (json_is_string(t))
			src = json_string_value(t);
		else if (!json_is_object(t))
			return bad(c, "target %zu is not an object", at[i]);
		else if (get_str(c, t, "source", &src) == -1)
			return -1;
		if (src == NULL)
			return bad(c, "target %zu has no source", at[i]);
		if ((side[i] = side_of(c, src)) < 0 && (side[i] =
		    quote_side(c, json_is_object(t) ?
		    json_object_get(t, "selector") : NULL)) < 0) {
			*got = GOT_ELSEWHERE;
			return 0;
		}
	}
	for (i = 0; i < np; i++) {
		sel = json_is_object(pass[i]) ?
		    json_object_get(pass[i], "selector") : NULL;
		if (sel == NULL || json_is_null(sel))
			page = 1;	/* on the essay, no passage */
	}
	if (np == 0 || page) {
		*got = ref != NULL ? GOT_REPLY : GOT_NO_PASSAGE;
		return 0;
	}
	for (i = 0; i < np; i++) {
		a->ntargets = (int)i + 1;
		a->target[i].doc_id = xstrdup(anchor_doc_id(c->docs[side[i]]));
		if (read_selectors(c, json_object_get(pass[i], "selector"), 1,
		    (int)at[i], &a->target[i], &has_pos) == -1)
			return -1;
		/* Positions given are kept: the essay may have changed
		   since, and anchor_find checks them.  Where they hold,
		   they count this text, and its hash says so. */
		if (!has_pos)
			st = place(&a->target[i], c->docs[side[i]]);
		else if ((st = find(&a->target[i], c->docs[side[i]], &s,
		    &e)) == ANCHOR_EXACT)
			a->target[i].hash = anchor_text_hash(c->docs[side[i]]);
		if (st == ANCHOR_ORPHAN)
			*orphan = 1;
	}
	*got = GOT_NOTE;
	return 0;
}

/* --- W3C -------------------------------------------------------------- */

/* The name of a creator: a string, {"name"} or {"nickname"}, the first. */
static int
w3c_creator(struct ctx *c, json_t *cr, const char **name)
{
	*name = NULL;
	if (json_is_array(cr))
		cr = json_array_get(cr, 0);
	if (cr == NULL || json_is_null(cr))
		return 0;
	if (json_is_string(cr)) {
		*name = json_string_value(cr);
		return 0;
	}
	if (!json_is_object(cr))
		return bad(c, "its creator is not a name or an object");
	if (get_str(c, cr, "name", name) == -1)
		return -1;
	if (*name == NULL && get_str(c, cr, "nickname", name) == -1)
		return -1;
	return 0;
}

/* Whether body b (or, with no purpose, its annotation) is tagging. */
static int
is_tagging(json_t *b, int tagging)
{
	json_t	*p = json_object_get(b, "purpose"), *x;
	size_t	 i;

	if (p == NULL)
		return tagging;
	if (json_is_string(p))
		return strcmp(json_string_value(p), "tagging") == 0;
	json_array_foreach(p, i, x)
		if (json_is_string(x) &&
		    strcmp(json_string_value(x), "tagging") == 0)
			return 1;
	return 0;
}

/* Add text to the note being built in b (parts joined by a blank line). */
static void
note_part(struct buf *b, const char *text)
{
	if (*text == '\0')
		return;
	if (b->len > 0)
		buf_adds(b, "\n\n");
	buf_adds(b, text);
}

/*
 * The bodies of a W3C annotation: bodyValue and textual bodies make
 * the note, tagging bodies the tags; a body with no value (a link to
 * something else) is passed over.
 */
static int
w3c_bodies(struct ctx *c, json_t *item, struct anno *a, size_t *tcap)
{
	json_t		*body = json_object_get(item, "body"), *b;
	json_t		*mot = json_object_get(item, "motivation");
	const char	*v;
	struct buf	 note;
	size_t		 i, n = 1;
	int		 tagging;

	tagging = json_is_string(mot) &&
	    strcmp(json_string_value(mot), "tagging") == 0;
	buf_init(&note);
	buf_add(&note, "", 0);
	if (get_str(c, item, "bodyValue", &v) == -1)
		goto fail;
	if (v != NULL)
		note_part(&note, v);
	if (json_is_array(body))
		n = json_array_size(body);
	else if (body == NULL || json_is_null(body))
		n = 0;
	for (i = 0; i < n; i++) {
		b = json_is_array(body) ? json_array_get(body, i) : body;
		if (json_is_string(b)) {
			note_part(&note, json_string_value(b));
			continue;
		}
		if (!json_is_object(b)) {
			bad(c, "body %zu is not text or an object", i + 1);
			goto fail;
		}
		if (json_object_get(b, "value") == NULL)
			continue;
		if (get_str(c, b, "value", &v) == -1 || v == NULL) {
			bad(c, "body %zu: its value is not text", i + 1);
			goto fail;
		}
		if (is_tagging(b, tagging))
			add_tag(a, v, tcap);
		else
			note_part(&note, v);
	}
	a->note = buf_steal(&note, NULL);
	return 0;
fail:
	buf_free(&note);
	return -1;
}

/* One W3C Annotation into a. */
static int
read_w3c(struct ctx *c, json_t *item, struct item *it, enum got *got)
{
	struct anno	*a = &it->a;
	const char	*id, *name;
	size_t		 tcap = 0;

	if (!json_is_object(item))
		return bad(c, "not an object");
	if (!has_type(item, "Annotation"))
		return bad(c, "not an Annotation (its type)");
	if (get_str(c, item, "id", &id) == -1)
		return -1;
	if (id == NULL || *id == '\0')
		return bad(c, "has no id");
	if (w3c_targets(c, item, a, &it->orphan, got) == -1)
		return -1;
	if (*got == GOT_ELSEWHERE)
		return 0;
	w3c_id(id, a->id);
	if (w3c_creator(c, json_object_get(item, "creator"), &name) == -1 ||
	    get_time(c, item, "created", &a->created) == -1 ||
	    get_time(c, item, "modified", &a->modified) == -1 ||
	    w3c_bodies(c, item, a, &tcap) == -1)
		return -1;
	a->author = xstrdup(name != NULL ? name : "");
	if (a->modified == 0)
		a->modified = a->created;
	add_note_tags(a, &tcap);
	return 0;
}

/* --- Hypothesis ------------------------------------------------------- */

/* One Hypothesis row into a. */
static int
read_hypothesis(struct ctx *c, json_t *row, struct item *it, enum got *got)
{
	struct anno	*a = &it->a;
	json_t		*tg, *t, *sel, *refs, *tags, *x;
	const char	*id, *src, *user, *text, *at;
	enum anchor_state st;
	size_t		 i, tcap = 0;
	int		 side, has_pos;

	if (!json_is_object(row))
		return bad(c, "not an object");
	if (get_str(c, row, "id", &id) == -1)
		return -1;
	if (id == NULL || *id == '\0')
		return bad(c, "has no id");
	tg = json_object_get(row, "target");
	if (tg != NULL && !json_is_array(tg))
		return bad(c, "its target is not an array");
	t = json_array_get(tg, 0);
	if (t != NULL && !json_is_object(t))
		return bad(c, "target 1 is not an object");
	if (get_str(c, t, "source", &src) == -1 ||
	    (src == NULL && get_str(c, row, "uri", &src) == -1))
		return -1;
	if (src == NULL)
		return bad(c, "has no target source or uri");
	/* The essay: by its address, else by the quote; a reply with no
	   passage of its own goes where its thread is.  Another page's
	   note is not read further: what is wrong in it is not ours. */
	refs = json_object_get(row, "references");
	sel = json_object_get(t, "selector");
	if ((side = side_of(c, src)) < 0 && (side = quote_side(c, sel)) < 0 &&
	    !((sel == NULL || json_is_null(sel)) &&
	    json_array_size(refs) > 0)) {
		*got = GOT_ELSEWHERE;
		return 0;
	}
	if (refs != NULL && !json_is_null(refs) &&
	    (!json_is_array(refs) || json_array_size(refs) == 0))
		return bad(c, "its references are not a list of ids");
	json_array_foreach(refs, i, x)
		if (!json_is_string(x) || *json_string_value(x) == '\0')
			return bad(c, "its references are not a list of ids");

	hypothesis_id(id, a->id);
	if (json_array_size(refs) > 0) {
		a->reply_to = xmalloc(ANNO_ID_LEN + 1);
		hypothesis_id(json_string_value(json_array_get(refs,
		    json_array_size(refs) - 1)), a->reply_to);
		it->refs = refs;
	}
	if (get_str(c, row, "user", &user) == -1 ||
	    get_str(c, row, "text", &text) == -1 ||
	    get_time(c, row, "created", &a->created) == -1 ||
	    get_time(c, row, "updated", &a->modified) == -1)
		return -1;
	if (user != NULL && strncmp(user, "acct:", 5) == 0 &&
	    (at = strrchr(user, '@')) != NULL && at > user + 5)
		a->author = xstrndup(user + 5, (size_t)(at - user - 5));
	else
		a->author = xstrdup(user != NULL ? user : "");
	a->note = xstrdup(text != NULL ? text : "");
	if (a->modified == 0)
		a->modified = a->created;
	tags = json_object_get(row, "tags");
	if (tags != NULL && !json_is_null(tags) && !json_is_array(tags))
		return bad(c, "its tags are not a list");
	json_array_foreach(tags, i, x) {
		if (!json_is_string(x))
			return bad(c, "its tags are not all text");
		add_tag(a, json_string_value(x), &tcap);
	}
	add_note_tags(a, &tcap);

	/* The passage: its own, or, for a reply, its thread's. */
	if (sel == NULL || json_is_null(sel)) {
		*got = json_array_size(refs) > 0 ? GOT_REPLY : GOT_NO_PASSAGE;
		return 0;
	}
	a->ntargets = 1;
	a->target[0].doc_id = xstrdup(anchor_doc_id(c->docs[side]));
	if (read_selectors(c, sel, 0, 1, &a->target[0], &has_pos) == -1)
		return -1;
	st = place(&a->target[0], c->docs[side]);
	it->orphan = st == ANCHOR_ORPHAN;
	*got = GOT_NOTE;
	return 0;
}

/*
 * Pass 2: each reply waiting takes the passage of the nearest note of
 * its thread, from the last reference back; replies to notes not in
 * the file are counted and dropped (ntargets stays 0).
 */
static void
thread_replies(struct ctx *c, struct item *it, size_t n)
{
	json_t		*ids = json_object(), *x;
	char		 id[ANNO_ID_LEN + 1];
	size_t		 i, k, j;
	int		 t;

	for (i = 0; i < n; i++)
		if (it[i].a.ntargets > 0)
			json_object_set_new(ids, it[i].a.id,
			    json_integer((json_int_t)i));
	for (i = 0; i < n; i++) {
		if (!it[i].waiting)
			continue;
		for (k = json_array_size(it[i].refs); k-- > 0; ) {
			hypothesis_id(json_string_value(
			    json_array_get(it[i].refs, k)), id);
			if ((x = json_object_get(ids, id)) == NULL)
				continue;
			j = (size_t)json_integer_value(x);
			for (t = 0; t < it[j].a.ntargets; t++)
				anchor_copy(&it[i].a.target[t],
				    &it[j].a.target[t]);
			it[i].a.ntargets = it[j].a.ntargets;
			it[i].orphan = it[j].orphan;
			break;
		}
		if (it[i].a.ntargets == 0) {
			c->r->no_passage++;
			anno_clear(&it[i].a);
		}
	}
	json_decref(ids);
}

/*
 * Pass 2 for W3C: each reply waiting takes the passages of the first
 * annotation up its thread (its reply_to, that one's, ...) that has
 * some.  A thread that leads out of the file, to an item skipped, or
 * round in a loop gives none: the replies on the way are counted (as
 * what was skipped, or with no passage) and dropped.  Each item is
 * walked over once: the walk up marks the items it passes, the walk
 * down again settles them.
 */
static void
w3c_replies(struct ctx *c, struct item *it, size_t n)
{
	json_t		*x;
	size_t		 i, j = 0, k, next;
	enum got	 why;
	int		 t, found;

	for (i = 0; i < n; i++) {
		if (!it[i].waiting)
			continue;
		found = 0;
		why = GOT_NO_PASSAGE;
		for (k = i;;) {
			it[k].mark = i + 1;
			if ((x = json_object_get(c->ids, it[k].a.reply_to)) ==
			    NULL)
				break;		/* not in the file */
			j = (size_t)json_integer_value(x);
			if (it[j].a.ntargets > 0) {
				found = 1;
				break;
			}
			if (!it[j].waiting) {	/* skipped, or dropped */
				if (it[j].got == GOT_ELSEWHERE)
					why = GOT_ELSEWHERE;
				break;
			}
			if (it[j].mark == i + 1)
				break;		/* a loop */
			k = j;
		}
		for (k = i; it[k].waiting && it[k].mark == i + 1; k = next) {
			x = json_object_get(c->ids, it[k].a.reply_to);
			next = x != NULL ? (size_t)json_integer_value(x) : k;
			it[k].waiting = 0;
			if (found) {
				for (t = 0; t < it[j].a.ntargets; t++)
					anchor_copy(&it[k].a.target[t],
					    &it[j].a.target[t]);
				it[k].a.ntargets = it[j].a.ntargets;
				it[k].orphan = it[j].orphan;
				it[k].got = GOT_NOTE;
				continue;
			}
			it[k].got = why;
			if (why == GOT_ELSEWHERE)
				c->r->elsewhere++;
			else
				c->r->no_passage++;
			anno_clear(&it[k].a);
		}
	}
}

/*
 * The ids of the W3C items (those that have one) into c->ids, each
 * with its index, before any item is read: a target may name one that
 * comes later.  The last of a repeated id is kept.
 */
static void
w3c_ids(struct ctx *c, json_t *items, size_t n)
{
	json_t		*x, *id;
	char		 uuid[ANNO_ID_LEN + 1];
	size_t		 i;

	for (i = 0; i < n; i++) {
		x = json_is_array(items) ? json_array_get(items, i) : items;
		id = json_object_get(x, "id");
		if (!json_is_string(id) || *json_string_value(id) == '\0')
			continue;
		w3c_id(json_string_value(id), uuid);
		json_object_set_new(c->ids, uuid, json_integer((json_int_t)i));
	}
}

/* --- the file --------------------------------------------------------- */

/*
 * The items of root into *items (an array, or one Annotation; NULL for
 * none) and its format into c->r: a Hypothesis response or export, or
 * W3C.  -1 with a message when root is neither.
 */
static int
items_of(struct ctx *c, json_t *root, json_t **items)
{
	json_t	*x;

	*items = NULL;
	c->r->format = IMPORT_W3C;
	if (json_is_array(root)) {
		*items = root;
		return 0;
	}
	if ((x = json_object_get(root, "rows")) != NULL ||
	    (json_object_get(root, "type") == NULL &&
	    (x = json_object_get(root, "annotations")) != NULL)) {
		c->r->format = IMPORT_HYPOTHESIS;
		if (!json_is_array(x))
			return bad(c, "its rows are not a list");
		*items = x;
		return 0;
	}
	if (has_type(root, "AnnotationCollection")) {
		if ((x = json_object_get(root, "first")) == NULL)
			return 0;	/* empty */
		if (!json_is_object(x))
			return bad(c, "the collection's first page is not in "
			    "the file");
		root = x;
	}
	if (has_type(root, "AnnotationPage")) {
		*items = json_object_get(root, "items");
		if (!json_is_array(*items))
			return bad(c, "the page's items are not a list");
		return 0;
	}
	if (has_type(root, "Annotation")) {
		*items = root;
		return 0;
	}
	return bad(c, "not W3C Web Annotation JSON (an Annotation, a page or "
	    "a collection of them) nor a Hypothesis API response");
}

void
import_free(struct anno *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		anno_clear(&v[i]);
	free(v);
}

int
import_read(const char *name, const char *data, size_t len,
    const struct doc *const docs[2], struct anno **v, size_t *n,
    struct import_report *r, char **err)
{
	struct ctx	 c;
	struct item	*it = NULL;
	json_t		*root, *items, *x;
	json_error_t	 je;
	struct buf	 b;
	enum got	 got;
	size_t		 ni, i, k = 0;
	int		 rc = 0;

	*v = NULL;
	*n = 0;
	*err = NULL;
	memset(r, 0, sizeof(*r));
	memset(&c, 0, sizeof(c));
	c.name = name;
	c.docs = docs;
	c.r = r;
	if (len > IMPORT_MAX_BYTES) {
		bad(&c, "larger than %d MiB: not imported",
		    IMPORT_MAX_BYTES / (1024 * 1024));
		*err = c.err;
		return -1;
	}

	json_set_alloc_funcs(budget_malloc, budget_free);
	json_budget = 1;
	json_refused = 0;
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	json_budget = 0;
	if (root == NULL && json_refused) {
		bad(&c, "too big to import: more than %d MiB once read",
		    JSON_BUDGET / (1024 * 1024));
		*err = c.err;
		return -1;
	}
	if (root == NULL) {
		buf_init(&b);
		if (je.line > 0)
			buf_printf(&b, "%s:%d: ", name, je.line);
		else
			buf_printf(&b, "%s: ", name);
		clean(&b, je.text[0] != '\0' ? je.text : "not JSON");
		if (je.line > 0 && je.column > 0)
			buf_printf(&b, " (column %d)", je.column);
		*err = buf_steal(&b, NULL);
		return -1;
	}
	if (items_of(&c, root, &items) == -1) {
		json_decref(root);
		*err = c.err;
		return -1;
	}

	ni = json_is_array(items) ? json_array_size(items) : items != NULL;
	r->items = ni;
	it = xcalloc(ni + 1, sizeof(*it));
	c.ids = json_object();
	if (r->format == IMPORT_W3C)
		w3c_ids(&c, items, ni);
	for (i = 0; i < ni; i++) {
		c.item = i + 1;
		x = json_is_array(items) ? json_array_get(items, i) : items;
		got = GOT_NOTE;
		if ((r->format == IMPORT_HYPOTHESIS ?
		    read_hypothesis(&c, x, &it[i], &got) :
		    read_w3c(&c, x, &it[i], &got)) == -1) {
			rc = -1;
			break;
		}
		if (got == GOT_ELSEWHERE)
			r->elsewhere++;
		else if (got == GOT_NO_PASSAGE)
			r->no_passage++;
		if (got == GOT_ELSEWHERE || got == GOT_NO_PASSAGE)
			anno_clear(&it[i].a);
		it[i].got = got;
		it[i].waiting = got == GOT_REPLY;
	}
	if (rc == 0) {
		if (r->format == IMPORT_HYPOTHESIS)
			thread_replies(&c, it, ni);
		else
			w3c_replies(&c, it, ni);
		*v = xcalloc(ni + 1, sizeof(**v));
		for (i = 0; i < ni; i++) {
			if (it[i].a.ntargets == 0)
				continue;
			r->orphans += it[i].orphan != 0;
			(*v)[k++] = it[i].a;
			memset(&it[i].a, 0, sizeof(it[i].a));
		}
		*n = k;
	}
	for (i = 0; i < ni; i++)
		anno_clear(&it[i].a);
	free(it);
	json_decref(c.ids);
	json_decref(root);
	if (rc == -1) {
		*err = c.err;
		return -1;
	}
	return 0;
}
