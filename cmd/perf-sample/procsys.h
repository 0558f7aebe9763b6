/* procsys.h - the whole system's counters and levels from /proc and /sys
 * under a root directory: CPU states, load, memory, swap, paging, disks,
 * network interfaces, pressure stall information, file handles. */
#ifndef PROCSYS_H
#define PROCSYS_H

#include <stddef.h>
#include <stdint.h>

#include "sys/procfile.h"
#include "sys/psi.h"
#include "util/perr.h"

/* CPU time fields of a "cpu" line of /proc/stat, in its order (ticks). */
enum {
	PROCSYS_USER, PROCSYS_NICE, PROCSYS_SYSTEM, PROCSYS_IDLE, PROCSYS_IOWAIT, PROCSYS_IRQ,
	PROCSYS_SOFTIRQ, PROCSYS_STEAL, PROCSYS_GUEST, PROCSYS_GUEST_NICE, PROCSYS_NCPUF
};

/* Fields of /proc/meminfo that are kept (KiB). */
enum {
	PROCSYS_MEMTOTAL, PROCSYS_MEMFREE, PROCSYS_MEMAVAIL, PROCSYS_BUFFERS, PROCSYS_CACHED,
	PROCSYS_DIRTY, PROCSYS_SLAB, PROCSYS_SHMEM, PROCSYS_SWAPTOTAL, PROCSYS_SWAPFREE, PROCSYS_NMEM
};

/* Disk kinds: only whole physical disks count in totals, as in sar. */
enum { PROCSYS_PARTITION, PROCSYS_VIRTUAL, PROCSYS_PHYSICAL };

struct procsys_cpu {
	uint64_t t[PROCSYS_NCPUF];
	int present;		/* the line was there (the CPU is online) */
};

struct procsys_disk {
	char name[32];
	int kind;		/* PROCSYS_PARTITION, PROCSYS_VIRTUAL or PROCSYS_PHYSICAL */
	uint64_t rd_ios, rd_sec, rd_ticks, wr_ios, wr_sec, wr_ticks;
	uint64_t dc_ios, dc_ticks;	/* discards, 0 on old kernels */
	uint64_t io_ticks, tq_ticks;	/* ms busy, weighted ms in queue */
};

/* Fields of /proc/net/dev that are kept, in this order. */
enum {
	PROCSYS_RXBYTES, PROCSYS_RXPACKETS, PROCSYS_RXERRS, PROCSYS_RXDROP,
	PROCSYS_TXBYTES, PROCSYS_TXPACKETS, PROCSYS_TXERRS, PROCSYS_TXDROP, PROCSYS_NNET
};

struct procsys_net {
	char name[32];
	uint64_t v[PROCSYS_NNET];
};

/* One snapshot.  Arrays grow as needed and are reused by later reads. */
/* The /proc/vmstat counters read: pswpin, pswpout, pgfault, pgmajfault,
 * oom_kill (since Linux 4.13). */
#define PROCSYS_NVM 5

struct procsys_snap {
	struct procsys_cpu all;
	struct procsys_cpu *cpu;	/* by CPU number */
	size_t ncpu, cpucap;
	uint64_t ctxt, intr, forks, running, blocked;
	double load[3];
	uint64_t tasks;
	uint64_t mem[PROCSYS_NMEM];
	uint64_t pswpin, pswpout, pgfault, pgmajfault, oom_kill;
	struct procsys_disk *disk;
	size_t ndisk, diskcap;
	struct procsys_net *net;
	size_t nnet, netcap;
	struct psi psi[PSI_N];
	uint64_t files;		/* file handles allocated */
};

struct procsys_kind {
	char name[32];
	int kind;
};

struct procsys_reader {
	char *root;
	struct procfile stat, loadavg, meminfo, vmstat, diskstats, netdev,
	    filenr, psi[PSI_N];
	struct procfile_buf buf;
	int all_disks;		/* keep virtual disks too (else physical
				   ones only, which the totals need) */
	struct procsys_kind *kinds;	/* disk kinds found so far (one stat each),
				   in the order of /proc/diskstats */
	size_t nkinds, kindcap;
	size_t memoff[PROCSYS_NMEM];	/* where the keys of /proc/meminfo */
	size_t vmoff[PROCSYS_NVM];		/* and /proc/vmstat were last seen */
};

/* Sets r up to read under root ("/" for the live system); opens nothing.
 * Set r->all_disks to keep virtual disks and partitions in snapshots. */
void procsys_open(struct procsys_reader *r, const char *root);
void procsys_close(struct procsys_reader *r);
void procsys_snap_init(struct procsys_snap *s);
void procsys_snap_free(struct procsys_snap *s);

/*
 * Reads a snapshot into s.  /proc/stat and /proc/meminfo must be there;
 * any other file that is missing leaves its values unknown (PROCFILE_NONE,
 * NaN, no disks or interfaces).  Returns 0, or -1 with "PATH: reason"
 * (a read error, or "PATH:LINE: malformed") in e.
 */
int procsys_read(struct procsys_reader *r, struct procsys_snap *s, struct perr *e);

#endif
