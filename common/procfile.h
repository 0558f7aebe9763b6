/* procfile.h - reading /proc, /sys and cgroup files cheaply: descriptors
 * kept open and re-read with pread at offset 0 into a reused buffer, and
 * hand-written scanning of the text (no stdio, no sscanf, no allocation
 * once the buffer has grown to fit). */
#ifndef PROCFILE_H
#define PROCFILE_H

#include <stddef.h>
#include <stdint.h>

#include "perr.h"

/* A growable buffer the readers share; p is always NUL-terminated. */
struct pbuf {
	char *p;
	size_t len;
	size_t cap;
};

/* A file under a root directory, opened on first use and kept open. */
struct pfile {
	char *path;	/* root + relative path (owned) */
	int fd;		/* -1: not open */
	int missing;	/* the last open failed with ENOENT */
};

void pbuf_init(struct pbuf *b);
void pbuf_free(struct pbuf *b);

/* Sets f up for root/rel (root "" or "/" is the real root); opens nothing.
 * Dies when memory runs out (xalloc). */
void pfile_init(struct pfile *f, const char *root, const char *rel);
void pfile_close(struct pfile *f);

/*
 * Reads the whole file into b, growing b when the file does not fit
 * (an allocation only then).  Returns 0; or -1 with errno and a message
 * "PATH: strerror" in e.  A file that does not exist gives -1 with errno
 * ENOENT and sets f->missing, so callers can treat optional files (PSI,
 * memory.peak) as absent.  With reopen nonzero the file is opened and
 * closed each time (for files of processes that come and go).
 */
int pfile_read(struct pfile *f, struct pbuf *b, int reopen, struct perr *e);

/* Reports f as malformed at the line of text (its contents) where at
 * points: "PATH:LINE: malformed" in e.  Returns -1. */
int pfile_malformed(struct perr *e, const struct pfile *f, const char *text,
    const char *at);

/* Reads path (absolute) once into b; as pfile_read. */
int pfile_slurp(const char *path, struct pbuf *b, struct perr *e);

/*
 * Scanning.  Each takes the current position p and the end of the text,
 * skips blanks (spaces and tabs) first where it reads a value, and
 * returns the position after what it read, or NULL when there is no such
 * value there (the caller reports the file as malformed).
 */
/* An unsigned decimal integer; saturates at UINT64_MAX. */
const char *pscan_u64(const char *p, const char *end, uint64_t *v);
/* A decimal number with an optional fraction ("0.45", "12"). */
const char *pscan_dec(const char *p, const char *end, double *v);
/* A word: the run of characters up to a blank, newline or the end.
 * Stores its start and length. */
const char *pscan_word(const char *p, const char *end, const char **w,
    size_t *n);
/* The start of the next line (end if there is none). */
const char *pscan_nextline(const char *p, const char *end);
/* If the text at p starts with key (after no blanks), returns the position
 * after it, else NULL. */
const char *pscan_key(const char *p, const char *end, const char *key,
    size_t keylen);

#endif
