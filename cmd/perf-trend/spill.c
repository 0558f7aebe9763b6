/* spill.c - rows in a temporary file: each as its source, its line and
 * its fields, every field its length (4 bytes) then its bytes; the file
 * is ours alone, read back by the program that wrote it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spill.h"
#include "util/num.h"
#include "util/xalloc.h"

struct spill {
	FILE *fp;
	size_t ncols;
	uint64_t rows;
	char *buf;		/* the fields of the row read last */
	size_t cap;
	size_t *off;		/* where each field starts in buf */
	char **f;
	size_t *len;
};

struct spill *
spill_open(size_t ncols, struct perr *e)
{
	const char *dir = getenv("TMPDIR");
	struct spill *s;
	char *path;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	path = xasprintf("%s/perf-trend.XXXXXX", dir);
	if ((fd = mkstemp(path)) < 0) {
		perr_set(e, "temporary file in %s: %s", dir, strerror(errno));
		free(path);
		return NULL;
	}
	/* Unlinked at once: nothing is left behind, however we end. */
	unlink(path);
	free(path);
	s = xcalloc(1, sizeof *s);
	if ((s->fp = fdopen(fd, "w+")) == NULL) {
		close(fd);
		free(s);
		perr_set(e, "temporary file: %s", strerror(ENOMEM));
		return NULL;
	}
	s->ncols = ncols;
	s->off = xcalloc(ncols + 1, sizeof *s->off);
	s->f = xcalloc(ncols + 1, sizeof *s->f);
	s->len = xcalloc(ncols + 1, sizeof *s->len);
	return s;
}

static int
werr(struct perr *e)
{
	return perr_set(e, "temporary file: write error: %s",
	    strerror(errno ? errno : EIO));
}

int
spill_put(struct spill *s, const struct csvread_row *row, struct perr *e)
{
	uint32_t n, src = (uint32_t)row->src;
	int64_t line = row->line;
	size_t i;

	if (fwrite(&src, sizeof src, 1, s->fp) != 1 ||
	    fwrite(&line, sizeof line, 1, s->fp) != 1)
		return werr(e);
	for (i = 0; i < s->ncols; i++) {
		n = (uint32_t)row->len[i];
		if (fwrite(&n, sizeof n, 1, s->fp) != 1 ||
		    (n > 0 && fwrite(row->f[i], 1, n, s->fp) != n))
			return werr(e);
	}
	s->rows++;
	return 0;
}

uint64_t
spill_rows(const struct spill *s)
{
	return s->rows;
}

int
spill_rewind(struct spill *s, struct perr *e)
{
	if (fflush(s->fp) == EOF || ferror(s->fp))
		return werr(e);
	if (fseek(s->fp, 0, SEEK_SET) != 0)
		return perr_set(e, "temporary file: %s", strerror(errno));
	return 0;
}

static int
rerr(struct spill *s, struct perr *e)
{
	return perr_set(e, "temporary file: %s", ferror(s->fp) ?
	    strerror(errno ? errno : EIO) : "cut short");
}

int
spill_get(struct spill *s, struct csvread_row *row, struct perr *e)
{
	uint32_t src, n;
	int64_t line;
	size_t i, used = 0;

	if (fread(&src, sizeof src, 1, s->fp) != 1)
		return ferror(s->fp) ? rerr(s, e) : 0;
	if (fread(&line, sizeof line, 1, s->fp) != 1)
		return rerr(s, e);
	for (i = 0; i < s->ncols; i++) {
		if (fread(&n, sizeof n, 1, s->fp) != 1)
			return rerr(s, e);
		/* Room for the field, its NUL and the bytes num_parse_field
		 * may read past it. */
		if (used + n + 1 + NUM_FIELD_PAD > s->cap) {
			s->cap = (used + n + 1 + NUM_FIELD_PAD) * 2;
			s->buf = xreallocarray(s->buf, s->cap, 1);
		}
		if (n > 0 && fread(s->buf + used, 1, n, s->fp) != n)
			return rerr(s, e);
		s->buf[used + n] = '\0';
		s->off[i] = used;
		s->len[i] = n;
		used += n + 1;
	}
	memset(s->buf + used, 0, NUM_FIELD_PAD);
	for (i = 0; i < s->ncols; i++)
		s->f[i] = s->buf + s->off[i];
	row->f = s->f;
	row->len = s->len;
	row->line = (long)line;
	row->src = src;
	row->file = NULL;
	return 1;
}

void
spill_close(struct spill *s)
{
	if (s == NULL)
		return;
	fclose(s->fp);
	free(s->buf);
	free(s->off);
	free(s->f);
	free(s->len);
	free(s);
}
