/* procsys.h - the whole system's counters and levels from /proc and /sys
 * under a root directory: CPU states, load, memory, swap, paging, disks,
 * network interfaces, pressure stall information, file handles. */
#ifndef PROCSYS_H
#define PROCSYS_H

#include <stddef.h>
#include <stdint.h>

#include "perr.h"
#include "procfile.h"

/* A counter or level the kernel did not give. */
#define SYS_NONE UINT64_MAX

/* CPU time fields of a "cpu" line of /proc/stat, in its order (ticks). */
enum {
	SYS_USER, SYS_NICE, SYS_SYSTEM, SYS_IDLE, SYS_IOWAIT, SYS_IRQ,
	SYS_SOFTIRQ, SYS_STEAL, SYS_GUEST, SYS_GUEST_NICE, SYS_NCPUF
};

/* Fields of /proc/meminfo that are kept (KiB). */
enum {
	SYS_MEMTOTAL, SYS_MEMFREE, SYS_MEMAVAIL, SYS_BUFFERS, SYS_CACHED,
	SYS_DIRTY, SYS_SLAB, SYS_SHMEM, SYS_SWAPTOTAL, SYS_SWAPFREE, SYS_NMEM
};

/* Disk kinds: only whole physical disks count in totals, as in sar. */
enum { SYS_PARTITION, SYS_VIRTUAL, SYS_PHYSICAL };

struct sys_cpu {
	uint64_t t[SYS_NCPUF];
	int present;		/* the line was there (the CPU is online) */
};

struct sys_disk {
	char name[32];
	int kind;		/* SYS_PARTITION, SYS_VIRTUAL or SYS_PHYSICAL */
	uint64_t rd_ios, rd_sec, rd_ticks, wr_ios, wr_sec, wr_ticks;
	uint64_t dc_ios, dc_ticks;	/* discards, 0 on old kernels */
	uint64_t io_ticks, tq_ticks;	/* ms busy, weighted ms in queue */
};

/* Fields of /proc/net/dev that are kept, in this order. */
enum {
	SYS_RXBYTES, SYS_RXPACKETS, SYS_RXERRS, SYS_RXDROP,
	SYS_TXBYTES, SYS_TXPACKETS, SYS_TXERRS, SYS_TXDROP, SYS_NNET
};

struct sys_net {
	char name[32];
	uint64_t v[SYS_NNET];
};

/* One /proc/pressure file (or a cgroup's *.pressure): NaN and SYS_NONE
 * where a line is absent. */
struct sys_psi {
	double some_avg10, full_avg10;	/* % */
	uint64_t some_total, full_total;	/* microseconds stalled */
};

enum { SYS_PSI_CPU, SYS_PSI_MEMORY, SYS_PSI_IO, SYS_NPSI };

/* One snapshot.  Arrays grow as needed and are reused by later reads. */
struct sys_snap {
	struct sys_cpu all;
	struct sys_cpu *cpu;	/* by CPU number */
	size_t ncpu, cpucap;
	uint64_t ctxt, intr, forks, running, blocked;
	double load[3];
	uint64_t tasks;
	uint64_t mem[SYS_NMEM];
	uint64_t pswpin, pswpout, pgfault, pgmajfault;
	struct sys_disk *disk;
	size_t ndisk, diskcap;
	struct sys_net *net;
	size_t nnet, netcap;
	struct sys_psi psi[SYS_NPSI];
	uint64_t files;		/* file handles allocated */
};

struct sys_kind {
	char name[32];
	int kind;
};

struct sys_reader {
	char *root;
	struct pfile stat, loadavg, meminfo, vmstat, diskstats, netdev,
	    filenr, psi[SYS_NPSI];
	struct pbuf buf;
	int all_disks;		/* keep virtual disks too (else physical
				   ones only, which the totals need) */
	struct sys_kind *kinds;	/* disk kinds found so far (one stat each),
				   in the order of /proc/diskstats */
	size_t nkinds, kindcap;
	size_t memoff[SYS_NMEM];	/* where the keys of /proc/meminfo */
	size_t vmoff[4];		/* and /proc/vmstat were last seen */
};

/* Sets r up to read under root ("/" for the live system); opens nothing.
 * Set r->all_disks to keep virtual disks and partitions in snapshots. */
void sys_open(struct sys_reader *r, const char *root);
void sys_close(struct sys_reader *r);
void sys_snap_init(struct sys_snap *s);
void sys_snap_free(struct sys_snap *s);

/*
 * Reads a snapshot into s.  /proc/stat and /proc/meminfo must be there;
 * any other file that is missing leaves its values unknown (SYS_NONE,
 * NaN, no disks or interfaces).  Returns 0, or -1 with "PATH: reason"
 * (a read error, or "PATH:LINE: malformed") in e.
 */
int sys_read(struct sys_reader *r, struct sys_snap *s, struct perr *e);

/* Parses the text of a pressure file into p.  Returns 0, or minus the
 * number of the first malformed line (-1 for line 1). */
int sys_parse_psi(const char *text, size_t len, struct sys_psi *p);

#endif
