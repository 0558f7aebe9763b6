/* spill.h - rows set aside in an unlinked temporary file and read back in
 * order: the rows of the groups that wait for a later wave when more
 * groups than --memory holds are read (trenddoc.c). */
#ifndef SPILL_H
#define SPILL_H

#include <stddef.h>
#include <stdint.h>

#include "fmt/csvread.h"
#include "util/perr.h"

struct spill;

/* An empty spill for rows of ncols fields (a scratch file, in $TMPDIR
 * else /tmp); NULL with "temporary file in DIR: ..." in e. */
struct spill *spill_open(size_t ncols, struct perr *e);
/* Appends the row (its fields, line and source).  Returns 0, or -1 with
 * "temporary file: write error: ..." in e (a full disk, say). */
int spill_put(struct spill *s, const struct csvread_row *row,
    struct perr *e);
/* The rows written so far. */
uint64_t spill_rows(const struct spill *s);
/* Ends the writing; the next spill_get reads the first row.  Returns 0,
 * or -1 with e set. */
int spill_rewind(struct spill *s, struct perr *e);
/*
 * Reads the next row into row, whose fields stay valid until the next
 * call (each NUL-terminated, with the 16 bytes after it readable, as
 * csvread's).  Returns 1, 0 at the end, or -1 with e set.
 */
int spill_get(struct spill *s, struct csvread_row *row, struct perr *e);
/* Closes the file (which is already unlinked) and frees s; NULL is
 * nothing. */
void spill_close(struct spill *s);

#endif
