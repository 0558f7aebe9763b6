/* spill.c - rows in a temporary file, each a record of its source, line
 * and fields (see spill_put); the file is ours alone, read back by the
 * program that wrote it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spill.h"
#include "util/num.h"
#include "util/scratch.h"
#include "util/xalloc.h"

struct spill {
	FILE *fp;
	size_t ncols;
	uint64_t rows;
	char *buf;		/* the record written or read last */
	size_t cap;
	char **f;
	size_t *len;
};

struct spill *
spill_open(size_t ncols, struct perr *e)
{
	struct spill *s;
	FILE *fp;

	if ((fp = scratch_open("perf-trend", e)) == NULL)
		return NULL;
	s = xcalloc(1, sizeof *s);
	s->fp = fp;
	s->ncols = ncols;
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

/* A record: its size after these 4 bytes; the source (4 bytes) and line
 * (8); each field's length (4); then the fields, each with its NUL, so
 * that they are read back in place.  One write and two reads a row. */
struct rechead {
	uint32_t src;
	int64_t line;
} __attribute__((packed));

/* Makes room for n bytes in s->buf (and the bytes after them that
 * num_parse_field may read). */
static void
room(struct spill *s, size_t n)
{
	if (n + NUM_FIELD_PAD > s->cap) {
		s->cap = (n + NUM_FIELD_PAD) * 2;
		s->buf = xreallocarray(s->buf, s->cap, 1);
	}
}

int
spill_put(struct spill *s, const struct csvread_row *row, struct perr *e)
{
	struct rechead h = { (uint32_t)row->src, row->line };
	size_t i, size = sizeof h + s->ncols * sizeof(uint32_t), at;
	uint32_t n;

	for (i = 0; i < s->ncols; i++)
		size += row->len[i] + 1;
	if (size > UINT32_MAX - 4)
		return perr_set(e, "temporary file: a row of %zu bytes", size);
	room(s, size + 4);
	n = (uint32_t)size;
	memcpy(s->buf, &n, 4);
	memcpy(s->buf + 4, &h, sizeof h);
	at = 4 + sizeof h;
	for (i = 0; i < s->ncols; i++, at += 4) {
		n = (uint32_t)row->len[i];
		memcpy(s->buf + at, &n, 4);
	}
	for (i = 0; i < s->ncols; i++) {
		memcpy(s->buf + at, row->f[i], row->len[i]);
		at += row->len[i];
		s->buf[at++] = '\0';
	}
	if (fwrite(s->buf, 1, at, s->fp) != at)
		return werr(e);
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
	struct rechead h;
	uint32_t size, n;
	size_t i, at;

	if (fread(&size, 4, 1, s->fp) != 1)
		return ferror(s->fp) ? rerr(s, e) : 0;
	if (size < sizeof h + s->ncols * 4)
		return perr_set(e, "temporary file: a record of %u bytes",
		    (unsigned)size);
	room(s, size);
	if (fread(s->buf, 1, size, s->fp) != size)
		return rerr(s, e);
	memset(s->buf + size, 0, NUM_FIELD_PAD);
	memcpy(&h, s->buf, sizeof h);
	at = sizeof h + s->ncols * 4;
	for (i = 0; i < s->ncols; i++) {
		memcpy(&n, s->buf + sizeof h + 4 * i, 4);
		if (n >= size - at)
			return perr_set(e, "temporary file: a field past its "
			    "record");
		s->len[i] = n;
		s->f[i] = s->buf + at;
		at += n + 1;
	}
	row->f = s->f;
	row->len = s->len;
	row->line = (long)h.line;
	row->src = h.src;
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
	free(s->f);
	free(s->len);
	free(s);
}
