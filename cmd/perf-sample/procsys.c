/* procsys.c - system counters from /proc and /sys, scanned by hand from
 * files kept open across samples. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "procsys.h"
#include "sysdev.h"
#include "util/xalloc.h"

static const char *const psi_files[PSI_N] = {
	"proc/pressure/cpu", "proc/pressure/memory", "proc/pressure/io"
};

void
procsys_open(struct procsys_reader *r, const char *root)
{
	int i;

	r->root = xstrdup(root);
	procfile_init(&r->stat, root, "proc/stat");
	procfile_init(&r->loadavg, root, "proc/loadavg");
	procfile_init(&r->meminfo, root, "proc/meminfo");
	procfile_init(&r->vmstat, root, "proc/vmstat");
	procfile_init(&r->diskstats, root, "proc/diskstats");
	procfile_init(&r->netdev, root, "proc/net/dev");
	procfile_init(&r->filenr, root, "proc/sys/fs/file-nr");
	for (i = 0; i < PSI_N; i++)
		procfile_init(&r->psi[i], root, psi_files[i]);
	procfile_buf_init(&r->buf);
	r->kinds = NULL;
	r->nkinds = r->kindcap = 0;
	r->all_disks = 0;
	for (i = 0; i < PROCSYS_NMEM; i++)
		r->memoff[i] = PROCFILE_NOWHERE;
	for (i = 0; i < PROCSYS_NVM; i++)
		r->vmoff[i] = PROCFILE_NOWHERE;
}

void
procsys_close(struct procsys_reader *r)
{
	int i;

	procfile_close(&r->stat);
	procfile_close(&r->loadavg);
	procfile_close(&r->meminfo);
	procfile_close(&r->vmstat);
	procfile_close(&r->diskstats);
	procfile_close(&r->netdev);
	procfile_close(&r->filenr);
	for (i = 0; i < PSI_N; i++)
		procfile_close(&r->psi[i]);
	procfile_buf_free(&r->buf);
	free(r->kinds);
	free(r->root);
}

void
procsys_snap_init(struct procsys_snap *s)
{
	memset(s, 0, sizeof *s);
}

void
procsys_snap_free(struct procsys_snap *s)
{
	free(s->cpu);
	free(s->disk);
	free(s->net);
	memset(s, 0, sizeof *s);
}

/* Reads an optional file: 1 read, 0 absent, -1 error. */
static int
readopt(struct procfile *f, struct procfile_buf *b, struct perr *e)
{
	if (procfile_read(f, b, 0, e) == 0)
		return 1;
	return errno == ENOENT ? 0 : -1;
}

/* Parses "cpuN f1 f2 ..." after the name; missing trailing fields are 0. */
static const char *
cpuline(const char *p, const char *end, struct procsys_cpu *c)
{
	const char *q;
	int i;

	for (i = 0; i < PROCSYS_NCPUF; i++) {
		if ((q = procfile_scan_u64(p, end, &c->t[i])) == NULL)
			break;
		p = q;
	}
	if (i < 4)
		return NULL;
	for (; i < PROCSYS_NCPUF; i++)
		c->t[i] = 0;
	c->present = 1;
	return p;
}

static int
parse_stat(struct procsys_reader *r, struct procsys_snap *s, struct perr *e)
{
	const char *p = r->buf.p, *end = p + r->buf.len, *q, *t = p;
	uint64_t n;
	size_t i;

	s->all.present = 0;
	for (i = 0; i < s->ncpu; i++)
		s->cpu[i].present = 0;
	s->ctxt = s->intr = s->forks = s->running = s->blocked = PROCFILE_NONE;
	for (; p < end; p = procfile_scan_nextline(p, end)) {
		/* Most lines are told apart by their first letter. */
		if (p[0] != 'c' && p[0] != 'i' && p[0] != 'p')
			continue;
		if (p[0] == 'c' && p[1] == 'p' && p[2] == 'u') {
			if (p[3] == ' ') {
				q = cpuline(p + 3, end, &s->all);
			} else if ((q = procfile_scan_u64(p + 3, end, &n)) == NULL ||
			    n > 65535) {
				q = NULL;
			} else {
				if (n >= s->cpucap) {
					s->cpu = xreallocarray(s->cpu, n + 16,
					    sizeof *s->cpu);
					memset(s->cpu + s->cpucap, 0, (n + 16 -
					    s->cpucap) * sizeof *s->cpu);
					s->cpucap = n + 16;
				}
				if (n >= s->ncpu)
					s->ncpu = n + 1;
				q = cpuline(q, end, &s->cpu[n]);
			}
		} else if ((q = procfile_scan_key(p, end, "intr ", 5)) != NULL) {
			q = procfile_scan_u64(q, end, &s->intr);
		} else if ((q = procfile_scan_key(p, end, "ctxt ", 5)) != NULL) {
			q = procfile_scan_u64(q, end, &s->ctxt);
		} else if ((q = procfile_scan_key(p, end, "processes ", 10)) != NULL) {
			q = procfile_scan_u64(q, end, &s->forks);
		} else if ((q = procfile_scan_key(p, end, "procs_running ", 14)) != NULL) {
			q = procfile_scan_u64(q, end, &s->running);
		} else if ((q = procfile_scan_key(p, end, "procs_blocked ", 14)) != NULL) {
			q = procfile_scan_u64(q, end, &s->blocked);
		} else {
			continue;
		}
		if (q == NULL)
			return procfile_malformed(e, &r->stat, t, p);
	}
	if (!s->all.present)
		return perr_set(e, "%s: no cpu line", r->stat.path);
	return 0;
}

static const struct pkey memkeys[PROCSYS_NMEM] = {
	{ "MemTotal:", 9 }, { "MemFree:", 8 }, { "MemAvailable:", 13 },
	{ "Buffers:", 8 }, { "Cached:", 7 }, { "Dirty:", 6 }, { "Slab:", 5 },
	{ "Shmem:", 6 }, { "SwapTotal:", 10 }, { "SwapFree:", 9 },
};

/* Reads the values after the keys found (at[i], NULL: absent) into v. */
static int
keyvals(const struct procfile *f, const struct procfile_buf *b, const char **at,
    const size_t *off, size_t n, uint64_t *const *v, struct perr *e)
{
	size_t i;

	for (i = 0; i < n; i++) {
		*v[i] = PROCFILE_NONE;
		if (at[i] != NULL && procfile_scan_u64(at[i], b->p + b->len, v[i]) ==
		    NULL)
			return procfile_malformed(e, f, b->p, b->p + off[i]);
	}
	return 0;
}

/* The keys are looked up where they were last time (procfile_scan_keys): no
 * comparing every line with every key. */
static int
parse_meminfo(struct procsys_reader *r, struct procsys_snap *s, struct perr *e)
{
	uint64_t *v[PROCSYS_NMEM];
	const char *at[PROCSYS_NMEM];
	int i;

	for (i = 0; i < PROCSYS_NMEM; i++)
		v[i] = &s->mem[i];
	procfile_scan_keys(r->buf.p, r->buf.len, memkeys, PROCSYS_NMEM, r->memoff, at);
	if (keyvals(&r->meminfo, &r->buf, at, r->memoff, PROCSYS_NMEM, v, e) < 0)
		return -1;
	if (s->mem[PROCSYS_MEMTOTAL] == PROCFILE_NONE)
		return perr_set(e, "%s: no MemTotal line", r->meminfo.path);
	return 0;
}

#define NVMKEYS PROCSYS_NVM
static const struct pkey vmkeys[NVMKEYS] = {
	{ "pswpin ", 7 }, { "pswpout ", 8 }, { "pgfault ", 8 },
	{ "pgmajfault ", 11 }, { "oom_kill ", 9 }
};

/* The keys come in the first half of /proc/vmstat (near line 125 of 180):
 * one read of a buffer's worth has them, and the rest is read only when
 * one is not there. */
static int
read_vmstat(struct procsys_reader *r, struct procsys_snap *s, struct perr *e)
{
	uint64_t *v[NVMKEYS] = { &s->pswpin, &s->pswpout, &s->pgfault,
	    &s->pgmajfault, &s->oom_kill };
	const char *at[NVMKEYS];
	int k;

	s->pswpin = s->pswpout = s->pgfault = s->pgmajfault = PROCFILE_NONE;
	s->oom_kill = PROCFILE_NONE;
	if (procfile_read(&r->vmstat, &r->buf, PROCFILE_HEAD, e) < 0)
		return errno == ENOENT ? 0 : -1;
	if (procfile_scan_keys(r->buf.p, r->buf.len, vmkeys, NVMKEYS, r->vmoff,
	    at) < NVMKEYS && r->buf.partial) {
		if ((k = readopt(&r->vmstat, &r->buf, e)) <= 0)
			return k;
		procfile_scan_keys(r->buf.p, r->buf.len, vmkeys, NVMKEYS, r->vmoff,
		    at);
	}
	return keyvals(&r->vmstat, &r->buf, at, r->vmoff, NVMKEYS, v, e);
}

static int
parse_misc(struct procsys_reader *r, struct procsys_snap *s, struct perr *e)
{
	const char *p, *end, *q;
	uint64_t unused;
	int i, k;

	s->load[0] = s->load[1] = s->load[2] = NAN;
	s->tasks = PROCFILE_NONE;
	if ((k = readopt(&r->loadavg, &r->buf, e)) < 0)
		return -1;
	p = r->buf.p, end = p + r->buf.len;
	if (k && ((q = procfile_scan_dec(p, end, &s->load[0])) == NULL ||
	    (q = procfile_scan_dec(q, end, &s->load[1])) == NULL ||
	    (q = procfile_scan_dec(q, end, &s->load[2])) == NULL ||
	    (q = procfile_scan_u64(q, end, &unused)) == NULL || *q != '/' ||
	    procfile_scan_u64(q + 1, end, &s->tasks) == NULL))
		return procfile_malformed(e, &r->loadavg, p, p);
	s->files = PROCFILE_NONE;
	if ((k = readopt(&r->filenr, &r->buf, e)) < 0)
		return -1;
	p = r->buf.p, end = p + r->buf.len;
	if (k) {
		if ((q = procfile_scan_u64(p, end, &s->files)) == NULL ||
		    procfile_scan_u64(q, end, &unused) == NULL)
			return procfile_malformed(e, &r->filenr, p, p);
		s->files = unused <= s->files ? s->files - unused : PROCFILE_NONE;
	}
	for (i = 0; i < PSI_N; i++) {
		if ((k = readopt(&r->psi[i], &r->buf, e)) < 0)
			return -1;
		if ((k = psi_parse(r->buf.p, k ? r->buf.len : 0,
		    &s->psi[i])) < 0)
			return perr_set(e, "%s:%d: malformed", r->psi[i].path,
			    -k);
	}
	return 0;
}

int
procsys_read(struct procsys_reader *r, struct procsys_snap *s, struct perr *e)
{
	int k;

	if (procfile_read(&r->stat, &r->buf, 0, e) < 0 ||
	    parse_stat(r, s, e) < 0)
		return -1;
	if (procfile_read(&r->meminfo, &r->buf, 0, e) < 0 ||
	    parse_meminfo(r, s, e) < 0)
		return -1;
	if (read_vmstat(r, s, e) < 0)
		return -1;
	s->ndisk = 0;
	if ((k = readopt(&r->diskstats, &r->buf, e)) < 0 ||
	    (k && sysdev_disks(r, s, e) < 0))
		return -1;
	s->nnet = 0;
	if ((k = readopt(&r->netdev, &r->buf, e)) < 0 ||
	    (k && sysdev_nets(r, s, e) < 0))
		return -1;
	return parse_misc(r, s, e);
}
