/* procfile.h - reading /proc, /sys and cgroup files cheaply: descriptors
 * kept open and re-read with pread at offset 0 into a reused buffer, and
 * hand-written scanning of the text (no stdio, no sscanf, no allocation
 * once the buffer has grown to fit). */
#ifndef PROCFILE_H
#define PROCFILE_H

#include <stddef.h>
#include <stdint.h>

#include "util/perr.h"

/* A counter or level that the kernel did not give: unknown, never 0. */
#define PROCFILE_NONE UINT64_MAX

/* A growable buffer the readers share; p is always NUL-terminated. */
struct procfile_buf {
	char *p;
	size_t len;
	size_t cap;
	int partial;	/* PROCFILE_HEAD read only part of the file */
};

/* How procfile_read reads. */
enum {
	PROCFILE_REOPEN = 1,	/* open and close the file each time */
	PROCFILE_HEAD = 2		/* one read: the first buffer's worth */
};

/* A short read of at most this many bytes ends the file (see procfile_read). */
enum { PROCFILE_SHORT = 2048 };

/* A file under a root directory, opened on first use and kept open. */
struct procfile {
	char *path;	/* root + relative path (owned) */
	int fd;		/* -1: not open */
	int missing;	/* the last open failed with ENOENT */
};

void procfile_buf_init(struct procfile_buf *b);
void procfile_buf_free(struct procfile_buf *b);

/* Sets f up for root/rel (root "" or "/" is the real root); opens nothing.
 * Dies when memory runs out (xalloc). */
void procfile_init(struct procfile *f, const char *root, const char *rel);
void procfile_close(struct procfile *f);

/*
 * Reads the whole file into b, growing b when the file does not fit
 * (an allocation only then).  Returns 0; or -1 with errno and a message
 * "PATH: strerror" in e.  A file that does not exist gives -1 with errno
 * ENOENT and sets f->missing, so callers can treat optional files (PSI,
 * memory.peak) as absent.  flags: PROCFILE_REOPEN opens and closes the file
 * each time (for files of processes that come and go); PROCFILE_HEAD reads
 * once, as much as b holds, and when the file may go on past that sets
 * b->partial and keeps only the whole lines read (the caller reads the
 * whole file if what it looks for is not there).
 *
 * One pread per file and sample when the file fits in b: a read that
 * returns less than asked, and at most PROCFILE_SHORT bytes, is taken as the
 * end of the file.  That holds for regular files, sysfs and sysctl files,
 * and /proc's seq_file files, whose kernel buffer (a page or more) stops
 * a read short of the end only when the next record does not fit in it,
 * and whose records (lines) are far shorter than half a page.  A larger
 * short read is followed by another as before, to see the end.
 */
int procfile_read(struct procfile *f, struct procfile_buf *b, int flags, struct perr *e);

/* Reports f as malformed at the line of text (its contents) where at
 * points: "PATH:LINE: malformed" in e.  Returns -1. */
int procfile_malformed(struct perr *e, const struct procfile *f, const char *text,
    const char *at);

/* Reads path (absolute) once into b; as procfile_read. */
int procfile_slurp(const char *path, struct procfile_buf *b, struct perr *e);

/*
 * Scanning.  Each takes the current position p and the end of the text,
 * skips blanks (spaces and tabs) first where it reads a value, and
 * returns the position after what it read, or NULL when there is no such
 * value there (the caller reports the file as malformed).
 */
/* An unsigned decimal integer; saturates at UINT64_MAX. */
const char *procfile_scan_u64(const char *p, const char *end, uint64_t *v);
/* A decimal number with an optional fraction ("0.45", "12"). */
const char *procfile_scan_dec(const char *p, const char *end, double *v);
/* A word: the run of characters up to a blank, newline or the end.
 * Stores its start and length. */
const char *procfile_scan_word(const char *p, const char *end, const char **w,
    size_t *n);
/* The start of the next line (end if there is none). */
const char *procfile_scan_nextline(const char *p, const char *end);
/* If the text at p starts with key (after no blanks), returns the position
 * after it, else NULL. */
const char *procfile_scan_key(const char *p, const char *end, const char *key,
    size_t keylen);

/* A key that starts a line ("MemTotal:", "pgfault ") and its length. */
struct pkey {
	const char *key;
	size_t len;
};

/* An offset for procfile_scan_keys: the key has not been seen yet. */
#define PROCFILE_NOWHERE ((size_t)-1)

/*
 * Finds, for each of the n keys, the line of text (len bytes) that starts
 * with it, and stores the position after the key in at[i] (NULL when no
 * line starts with it).  off[i] is the offset of that line when it was
 * last found (PROCFILE_NOWHERE at first), and is updated: files such as
 * /proc/meminfo and /proc/vmstat keep their layout from one read to the
 * next, so each key is tried where it was, moved as far as the key
 * before it moved (a number that grew a digit shifts the lines after
 * it), and only if it is not there looked for line by line, from a little
 * before there (keys are meant to start one line each).  Returns how many
 * keys were found.
 */
size_t procfile_scan_keys(const char *text, size_t len, const struct pkey *k,
    size_t n, size_t *off, const char **at);

#endif
