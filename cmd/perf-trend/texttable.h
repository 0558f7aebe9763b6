/* texttable.h - aligned text tables and the notes under them, or the same
 * as GitHub-flavoured Markdown: text columns left-aligned, numbers right,
 * within 100 columns unless wide (a table led by a group column gives
 * each group a line of its own with its rows under it, and the columns
 * that still do not fit continue in further blocks). */
#ifndef TEXTTABLE_H
#define TEXTTABLE_H

#include <stddef.h>
#include <stdio.h>

#define TABLE_MAXCOL 16
/* Rows held in memory; a longer table's rows wait in a temporary file
 * (200,000 groups made gigabytes of cells), read back to be written. */
#define TABLE_MEMROWS 4096

struct spill;

/* Zeroed, then ncol and nleft set, before the first table_row. */
struct table {
	char **cell;	/* row-major, ncol per row; row 0 the header; rows
			 * 1.. only while no temporary file holds them */
	size_t ncol, nrow, cap;
	size_t nleft;	/* leading text columns, left-aligned */
	unsigned char hide[TABLE_MAXCOL];	/* columns left out (see
						 * table_quiet) */
	/* What the printing needs from every row, kept as they come. */
	size_t w[TABLE_MAXCOL];		/* display widths */
	char *first[TABLE_MAXCOL];	/* row 1's cells */
	unsigned char same[TABLE_MAXCOL];	/* every row's as row 1's */
	unsigned char dash[TABLE_MAXCOL];	/* some row's is "-" */
	struct spill *sp;		/* rows 1.., once over TABLE_MEMROWS */
	int nospill;			/* none could be made: all in memory */
	int err;			/* the temporary file failed */
};

/* Markdown (md) or text, and text each row on one line (wide) or within
 * 100 columns: for the tables and notes written after it. */
void table_mode(int md, int wide);
/* Appends a row of ncol cells (each taken over: control characters in
 * it are made visible in text). */
void table_row(struct table *t, ...);
/* Leaves column c out when every row under the header holds same. */
void table_quiet(struct table *t, size_t c, const char *same);
/* Whether column c shows "-" in a row under the header. */
int table_dashes(const struct table *t, size_t c);
/* Writes the table under its title ("# ..."), then empties it; returns 0,
 * or -1 on a write error. */
int table_print(struct table *t, const char *title, FILE *fp);
/* Empties the table without writing it. */
void table_discard(struct table *t);
/* A line under a table, "# " and the words in text, a list item in
 * Markdown; blank: a blank line first. */
void table_note(FILE *fp, int blank, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
