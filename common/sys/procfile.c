/* procfile.c - pread-at-zero file reading and hand-written scanning. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procfile.h"
#include "util/xalloc.h"

void
procfile_buf_init(struct procfile_buf *b)
{
	b->cap = 4096;
	b->p = xmalloc(b->cap);
	b->p[0] = '\0';
	b->len = 0;
	b->partial = 0;
}

void
procfile_buf_free(struct procfile_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void
procfile_init(struct procfile *f, const char *root, const char *rel)
{
	size_t n = strlen(root);

	while (n > 0 && root[n - 1] == '/')
		n--;
	f->path = xasprintf("%.*s/%s", (int)n, root, rel[0] == '/' ? rel + 1 : rel);
	f->fd = -1;
	f->missing = 0;
}

void
procfile_close(struct procfile *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	free(f->path);
	f->path = NULL;
}

/* Reads all of fd from offset 0 into b, growing it as needed; with head,
 * one read only (see procfile_read). */
static int
readall(int fd, struct procfile_buf *b, int head)
{
	const char *nl;
	size_t want;
	ssize_t r;

	b->len = 0;
	b->partial = 0;
	for (;;) {
		if (b->len + 1 >= b->cap) {
			b->p = xreallocarray(b->p, 2, b->cap);
			b->cap *= 2;
		}
		want = b->cap - 1 - b->len;
		r = pread(fd, b->p + b->len, want, (off_t)b->len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			b->p[b->len] = '\0';
			return -1;
		}
		if (r == 0)
			break;
		b->len += (size_t)r;
		if ((size_t)r < want && r <= PROCFILE_SHORT)
			break;		/* the end: no read of 0 needed */
		if (head) {
			b->partial = 1;
			nl = memrchr(b->p, '\n', b->len);
			b->len = nl ? (size_t)(nl + 1 - b->p) : 0;
			break;
		}
	}
	b->p[b->len] = '\0';
	return 0;
}

int
procfile_read(struct procfile *f, struct procfile_buf *b, int flags, struct perr *e)
{
	int err;

	if (f->fd < 0) {
		f->fd = open(f->path, O_RDONLY | O_CLOEXEC);
		if (f->fd < 0) {
			err = errno;
			f->missing = err == ENOENT || err == ENOTDIR ||
			    err == ESRCH;
			b->len = 0;
			b->p[0] = '\0';
			perr_set(e, "%s: %s", f->path, strerror(err));
			errno = f->missing ? ENOENT : err;
			return -1;
		}
		f->missing = 0;
	}
	if (readall(f->fd, b, flags & PROCFILE_HEAD) < 0) {
		err = errno;
		close(f->fd);
		f->fd = -1;
		perr_set(e, "%s: %s", f->path, strerror(err));
		/* A process that exits between open and read gives ESRCH. */
		f->missing = err == ESRCH;
		errno = f->missing ? ENOENT : err;
		return -1;
	}
	if (flags & PROCFILE_REOPEN) {
		close(f->fd);
		f->fd = -1;
	}
	return 0;
}

int
procfile_slurp(const char *path, struct procfile_buf *b, struct perr *e)
{
	struct procfile f;
	int r;

	f.path = (char *)path;
	f.fd = -1;
	f.missing = 0;
	r = procfile_read(&f, b, PROCFILE_REOPEN, e);
	return r;
}

int
procfile_malformed(struct perr *e, const struct procfile *f, const char *text,
    const char *at)
{
	long line = 1;

	for (; text < at; text++)
		line += *text == '\n';
	return perr_set(e, "%s:%ld: malformed", f->path, line);
}

/* Skips blanks; the long runs of spaces that align /proc's columns go
 * eight at a time. */
static const char *
skipblank(const char *p, const char *end)
{
	uint64_t w;

	while (end - p >= 8) {
		memcpy(&w, p, 8);
		if ((w ^= 0x2020202020202020u) != 0) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			p += __builtin_ctzll(w) / 8;
#endif
			break;
		}
		p += 8;
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

const char *
procfile_scan_u64(const char *p, const char *end, uint64_t *v)
{
	const char *lim;
	uint64_t x;
	unsigned d;

	p = skipblank(p, end);
	if (p == end || (d = (unsigned)(*p - '0')) > 9)
		return NULL;
	x = d;
	/* Up to 19 digits cannot overflow: no check until then. */
	lim = end - p > 19 ? p + 19 : end;
	for (p++; p < lim && (d = (unsigned)(*p - '0')) <= 9; p++)
		x = x * 10 + d;
	for (; p < end && (d = (unsigned)(*p - '0')) <= 9; p++)
		x = x > (UINT64_MAX - d) / 10 ? UINT64_MAX : x * 10 + d;
	*v = x;
	return p;
}

const char *
procfile_scan_dec(const char *p, const char *end, double *v)
{
	uint64_t ip, fp = 0;
	double scale = 1;
	unsigned d;

	if ((p = procfile_scan_u64(p, end, &ip)) == NULL)
		return NULL;
	if (p < end && *p == '.') {
		p++;
		while (p < end && (d = (unsigned)(*p - '0')) <= 9) {
			if (scale < 1e15) {
				fp = fp * 10 + d;
				scale *= 10;
			}
			p++;
		}
	}
	*v = (double)ip + (double)fp / scale;
	return p;
}

const char *
procfile_scan_word(const char *p, const char *end, const char **w, size_t *n)
{
	const char *s;

	p = skipblank(p, end);
	s = p;
	while (p < end && *p != ' ' && *p != '\t' && *p != '\n')
		p++;
	if (p == s)
		return NULL;
	*w = s;
	*n = (size_t)(p - s);
	return p;
}

const char *
procfile_scan_nextline(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? nl + 1 : end;
}

const char *
procfile_scan_key(const char *p, const char *end, const char *key, size_t keylen)
{
	if ((size_t)(end - p) < keylen || p[0] != key[0] ||
	    memcmp(p + 1, key + 1, keylen - 1) != 0)
		return NULL;
	return p + keylen;
}

/* Whether a line of text starts at off with key k. */
static int
keyat(const char *text, size_t len, size_t off, const struct pkey *k)
{
	return off < len && len - off >= k->len &&
	    (off == 0 || text[off - 1] == '\n') && text[off] == k->key[0] &&
	    memcmp(text + off, k->key, k->len) == 0;
}

/* The first line of text that starts with k, looked for from a line start
 * a little before guess to the end, then from the start: its offset, or
 * PROCFILE_NOWHERE. */
static size_t
findkey(const char *text, size_t len, const struct pkey *k, size_t guess)
{
	const char *end = text + len, *from = text, *p, *stop = end;

	if (guess != PROCFILE_NOWHERE && guess < len && guess > 256 &&
	    (p = memrchr(text, '\n', guess - 256)) != NULL)
		from = p + 1;
	for (p = from;; p = procfile_scan_nextline(p, end)) {
		if (p >= stop) {
			if (from == text)
				return PROCFILE_NOWHERE;
			stop = from, from = p = text;
		}
		if (p[0] == k->key[0] && procfile_scan_key(p, end, k->key, k->len))
			return (size_t)(p - text);
	}
}

size_t
procfile_scan_keys(const char *text, size_t len, const struct pkey *k, size_t n,
    size_t *off, const char **at)
{
	size_t i, o, shift = 0, found = 0;

	for (i = 0; i < n; i++) {
		/* shift is a difference of offsets: it wraps as size_t does */
		o = off[i] == PROCFILE_NOWHERE ? PROCFILE_NOWHERE : off[i] + shift;
		if (o == PROCFILE_NOWHERE || !keyat(text, len, o, &k[i]))
			o = findkey(text, len, &k[i], o);
		if (o == PROCFILE_NOWHERE) {
			at[i] = NULL;
			continue;
		}
		if (off[i] != PROCFILE_NOWHERE)
			shift = o - off[i];
		off[i] = o;
		at[i] = text + o + k[i].len;
		found++;
	}
	return found;
}
