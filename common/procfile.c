/* procfile.c - pread-at-zero file reading and hand-written scanning. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procfile.h"
#include "xalloc.h"

void
pbuf_init(struct pbuf *b)
{
	b->cap = 4096;
	b->p = xmalloc(b->cap);
	b->p[0] = '\0';
	b->len = 0;
}

void
pbuf_free(struct pbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void
pfile_init(struct pfile *f, const char *root, const char *rel)
{
	size_t n = strlen(root);

	while (n > 0 && root[n - 1] == '/')
		n--;
	f->path = xasprintf("%.*s/%s", (int)n, root, rel[0] == '/' ? rel + 1 : rel);
	f->fd = -1;
	f->missing = 0;
}

void
pfile_close(struct pfile *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	free(f->path);
	f->path = NULL;
}

/* Reads all of fd from offset 0 into b, growing it as needed. */
static int
readall(int fd, struct pbuf *b)
{
	ssize_t r;

	b->len = 0;
	for (;;) {
		if (b->len + 1 >= b->cap) {
			b->p = xreallocarray(b->p, 2, b->cap);
			b->cap *= 2;
		}
		r = pread(fd, b->p + b->len, b->cap - 1 - b->len, (off_t)b->len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			b->p[b->len] = '\0';
			return -1;
		}
		if (r == 0)
			break;
		b->len += (size_t)r;
	}
	b->p[b->len] = '\0';
	return 0;
}

int
pfile_read(struct pfile *f, struct pbuf *b, int reopen, struct perr *e)
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
	if (readall(f->fd, b) < 0) {
		err = errno;
		close(f->fd);
		f->fd = -1;
		perr_set(e, "%s: %s", f->path, strerror(err));
		/* A process that exits between open and read gives ESRCH. */
		f->missing = err == ESRCH;
		errno = f->missing ? ENOENT : err;
		return -1;
	}
	if (reopen) {
		close(f->fd);
		f->fd = -1;
	}
	return 0;
}

int
pfile_slurp(const char *path, struct pbuf *b, struct perr *e)
{
	struct pfile f;
	int r;

	f.path = (char *)path;
	f.fd = -1;
	f.missing = 0;
	r = pfile_read(&f, b, 1, e);
	return r;
}

int
pfile_malformed(struct perr *e, const struct pfile *f, const char *text,
    const char *at)
{
	long line = 1;

	for (; text < at; text++)
		line += *text == '\n';
	return perr_set(e, "%s:%ld: malformed", f->path, line);
}

static const char *
skipblank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

const char *
pscan_u64(const char *p, const char *end, uint64_t *v)
{
	uint64_t x = 0;
	const char *s;
	unsigned d;

	p = skipblank(p, end);
	s = p;
	while (p < end && (d = (unsigned)(*p - '0')) <= 9) {
		if (x > (UINT64_MAX - d) / 10)
			x = UINT64_MAX;
		else
			x = x * 10 + d;
		p++;
	}
	if (p == s)
		return NULL;
	*v = x;
	return p;
}

const char *
pscan_dec(const char *p, const char *end, double *v)
{
	uint64_t ip, fp = 0;
	double scale = 1;
	unsigned d;

	if ((p = pscan_u64(p, end, &ip)) == NULL)
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
pscan_word(const char *p, const char *end, const char **w, size_t *n)
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
pscan_nextline(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? nl + 1 : end;
}

const char *
pscan_key(const char *p, const char *end, const char *key, size_t keylen)
{
	if ((size_t)(end - p) < keylen || p[0] != key[0] ||
	    memcmp(p + 1, key + 1, keylen - 1) != 0)
		return NULL;
	return p + keylen;
}
