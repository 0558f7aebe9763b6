/* cgroup.h - a cgroup v2 under a root directory: CPU usage and throttling
 * (cpu.stat), memory (memory.current, memory.peak), I/O (io.stat) and its
 * own pressure files. */
#ifndef CGROUP_H
#define CGROUP_H

#include <stdint.h>

#include "util/perr.h"
#include "sys/procfile.h"
#include "sys/psi.h"

/* One reading; PROCFILE_NONE (and NaN in psi) where a file or key is absent,
 * e.g. nr_periods without the cpu controller, memory.current at the root. */
struct cgroup_snap {
	uint64_t usage_us, user_us, system_us;
	uint64_t periods, throttled, throttled_us;
	uint64_t mem_cur, mem_peak;	/* bytes */
	uint64_t rios, wios, rbytes, wbytes;	/* summed over devices */
	struct psi psi[PSI_N];
};

struct cgroup_reader {
	char *dir;	/* the cgroup's directory, under the root */
	char *name;	/* its path below the cgroup2 mount ("/" for the top) */
	struct procfile cpustat, memcur, mempeak, iostat, psi[PSI_N];
	struct procfile_buf buf;
};

/*
 * Finds the cgroup: path is absolute (a directory, under root) or relative
 * to the cgroup2 mount that root/proc/self/mountinfo names.  The directory
 * must hold cgroup.controllers and cpu.stat.  Returns 0, or -1 with
 * "cgroup 'PATH': not a cgroup v2 directory (no cgroup.controllers)" or a
 * similar reason in e.
 */
int cgroup_open(struct cgroup_reader *r, const char *root, const char *path,
    struct perr *e);
void cgroup_close(struct cgroup_reader *r);

/* Reads the cgroup's files into s.  Returns 0, or -1 with "PATH: reason"
 * (cpu.stat gone: the cgroup was removed; a malformed file) in e. */
int cgroup_read(struct cgroup_reader *r, struct cgroup_snap *s, struct perr *e);

/* Parse the text of cpu.stat (usage, user and system microseconds,
 * periods, throttling) and of io.stat (bytes and operations summed over
 * devices) into s; keys that are absent stay PROCFILE_NONE.  Return 0,
 * or minus the number of the first malformed line. */
int cgroup_parse_cpustat(const char *text, size_t len, struct cgroup_snap *s);
int cgroup_parse_iostat(const char *text, size_t len, struct cgroup_snap *s);

/* Finds the cgroup v2 directory of a process from its /proc/PID directory
 * (procdir: its mountinfo and cgroup files) and stores it, a new string,
 * in *dir.  Returns 0, or -1 with the reason in e: no cgroup2 mounted,
 * the process not on it, its cgroup removed. */
int cgroup_self(const char *procdir, char **dir, struct perr *e);

/* Finds the mount point of cgroup2 in the text of a mountinfo file into
 * buf (octal escapes undone).  Returns 0, or -1 when there is none. */
int cgroup_mountpoint(const char *text, size_t len, char *buf, size_t bufsz);

#endif
