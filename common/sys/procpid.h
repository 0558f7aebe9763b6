/* procpid.h - a process tree under a root directory: the process and all
 * its descendants (found through the parent pid in /proc/PID/stat), each
 * with its CPU times, faults, memory, threads, descriptors, I/O bytes and
 * context switches. */
#ifndef PROCPID_H
#define PROCPID_H

#include <stddef.h>
#include <stdint.h>

#include "util/perr.h"
#include "sys/procfile.h"

/* One process; counters the kernel would not give are PROCFILE_NONE
 * (UINT64_MAX), e.g. /proc/PID/io of another user's process. */
struct procpid_info {
	int pid, ppid;
	char state;			/* R, S, D, Z (zombie), ... */
	uint64_t start;			/* start time, ticks after boot */
	char comm[32];
	uint64_t utime, stime;		/* ticks */
	uint64_t minflt, majflt;
	uint64_t threads, rss_kib, fds;
	uint64_t rbytes, wbytes;	/* storage I/O, bytes */
	uint64_t vcsw, ivcsw;		/* context switches */
};

/* A snapshot of the tree, ordered by pid; arrays are reused. */
struct procpid_tree {
	struct procpid_info *p;
	size_t n, cap;
};

struct procpid_reader {
	char *proc;		/* ROOT/proc */
	int procfd;		/* that directory, open */
	int root;		/* the tree's root process */
	struct procfile_buf buf;
	char *dents;		/* getdents64 buffer */
	size_t dentsz;
	struct procpid_tree all;	/* every process, scratch for the scan */
	unsigned char *mark;
	size_t markcap;
	double tck;		/* clock ticks per second */
	uint64_t pagekib;	/* KiB per page */
};

/*
 * Sets r up for the tree of pid under root ("/" for the live system).
 * Returns 0; or -1 with "process PID: no such process" (or the reason
 * ROOT/proc cannot be opened) in e.  Free with procpid_close.
 */
int procpid_open(struct procpid_reader *r, const char *root, int pid, struct perr *e);
void procpid_close(struct procpid_reader *r);
void procpid_tree_free(struct procpid_tree *t);

/*
 * Reads the tree into t (n is 0 once the root process is gone).  A
 * process that exits while it is read is left out.  Returns 0, or -1 with
 * the reason in e (ROOT/proc unreadable, a malformed stat file).
 */
int procpid_read(struct procpid_reader *r, struct procpid_tree *t, struct perr *e);

/* Parses the text of /proc/PID/stat into p (pid, comm, ppid, start,
 * times, faults, threads, rss in pages).  Returns 0, or -1 if malformed. */
int procpid_parse_stat(const char *text, size_t len, struct procpid_info *p);

/* Finds pid in t (ordered).  Returns its index or -1. */
long procpid_find(const struct procpid_tree *t, int pid);

#endif
