/* csvread.h - streaming CSV reader on libcsv: RFC 4180, a header row,
 * columns by name, several files merged by column name, and a file:line
 * position for every row and every error. */
#ifndef CSVREAD_H
#define CSVREAD_H

#include <stddef.h>

#include "util/perr.h"

struct csvread;

/* One row, mapped onto the merged header.  Everything it points to is the
 * reader's and stays valid until the next csvread_next or csvread_close. */
struct csvread_row {
	char **f;		/* f[i]: the field of column i, "" if empty or absent;
				 * 16 bytes can be read from f[i] whatever its length
				 * (num_parse_field's NUM_FIELD_PAD) */
	size_t *len;		/* len[i]: its length in bytes */
	long line;		/* the line on which the row starts */
	const char *file;	/* the source's name, "<stdin>" for standard input */
	size_t src;		/* index of the source in the list opened */
};

/*
 * Opens the files (none, or "-", is standard input) and reads each header.
 * The merged header is every column name in order of first appearance; a
 * file that lacks a column gives "" there.  Returns NULL with the reason in
 * e for a file that cannot be opened, a file given twice (under any name:
 * its rows would count twice), an empty file, a malformed header, an
 * empty or repeated column name.  Free with csvread_close.
 */
struct csvread *csvread_open(char *const *paths, size_t npaths, struct perr *e);
/* Reads the next row: 1 and fills row; 0 at the end of the last file; -1
 * with "file:line: message" in e for malformed CSV, a row whose field count
 * differs from its header, a row of more than 65536 fields or about 64
 * MiB (counted a read at a time: up to 128 KiB more can pass; the bound
 * is there so that hostile input cannot take all memory), or a read
 * error. */
int csvread_next(struct csvread *r, struct csvread_row *row, struct perr *e);
void csvread_close(struct csvread *r);

size_t csvread_ncols(const struct csvread *r);
const char *csvread_colname(const struct csvread *r, size_t i);
/* Returns the index of the named column, or -1. */
long csvread_col(const struct csvread *r, const char *name);
/* How many sources were opened, and the name of each. */
size_t csvread_nsrc(const struct csvread *r);
const char *csvread_srcname(const struct csvread *r, size_t src);
/* Whether the source has the column in its own header. */
int csvread_src_has(const struct csvread *r, size_t src, size_t col);

/*
 * Before appending rows to path: 1 when it is not a regular file or is
 * empty (the header is still to be written), 0 when its header (read as
 * CSV) names exactly names[0..n) and its last line is whole, -1 with
 * "PATH:1: header differs ...", "PATH: the last line has no newline ...",
 * "PATH: the file ends inside a quoted field ..." or a read error in e.
 */
int csvread_append_check(const char *path, const char *const *names,
    size_t n, struct perr *e);

/* For the tests: every byte read by libcsv, none split by csvread's own
 * scan of plain lines, so that the two can be compared. */
void csvread_libcsv_only(int on);

#endif
