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
#include "xalloc.h"

static const char *const psi_files[SYS_NPSI] = {
	"proc/pressure/cpu", "proc/pressure/memory", "proc/pressure/io"
};

void
sys_open(struct sys_reader *r, const char *root)
{
	int i;

	r->root = xstrdup(root);
	pfile_init(&r->stat, root, "proc/stat");
	pfile_init(&r->loadavg, root, "proc/loadavg");
	pfile_init(&r->meminfo, root, "proc/meminfo");
	pfile_init(&r->vmstat, root, "proc/vmstat");
	pfile_init(&r->diskstats, root, "proc/diskstats");
	pfile_init(&r->netdev, root, "proc/net/dev");
	pfile_init(&r->filenr, root, "proc/sys/fs/file-nr");
	for (i = 0; i < SYS_NPSI; i++)
		pfile_init(&r->psi[i], root, psi_files[i]);
	pbuf_init(&r->buf);
	r->kinds = NULL;
	r->nkinds = r->kindcap = 0;
	r->all_disks = 0;
	for (i = 0; i < SYS_NMEM; i++)
		r->memoff[i] = PSCAN_NOWHERE;
	for (i = 0; i < 4; i++)
		r->vmoff[i] = PSCAN_NOWHERE;
}

void
sys_close(struct sys_reader *r)
{
	int i;

	pfile_close(&r->stat);
	pfile_close(&r->loadavg);
	pfile_close(&r->meminfo);
	pfile_close(&r->vmstat);
	pfile_close(&r->diskstats);
	pfile_close(&r->netdev);
	pfile_close(&r->filenr);
	for (i = 0; i < SYS_NPSI; i++)
		pfile_close(&r->psi[i]);
	pbuf_free(&r->buf);
	free(r->kinds);
	free(r->root);
}

void
sys_snap_init(struct sys_snap *s)
{
	memset(s, 0, sizeof *s);
}

void
sys_snap_free(struct sys_snap *s)
{
	free(s->cpu);
	free(s->disk);
	free(s->net);
	memset(s, 0, sizeof *s);
}

/* Reads an optional file: 1 read, 0 absent, -1 error. */
static int
readopt(struct pfile *f, struct pbuf *b, struct perr *e)
{
	if (pfile_read(f, b, 0, e) == 0)
		return 1;
	return errno == ENOENT ? 0 : -1;
}

/* Parses "cpuN f1 f2 ..." after the name; missing trailing fields are 0. */
static const char *
cpuline(const char *p, const char *end, struct sys_cpu *c)
{
	const char *q;
	int i;

	for (i = 0; i < SYS_NCPUF; i++) {
		if ((q = pscan_u64(p, end, &c->t[i])) == NULL)
			break;
		p = q;
	}
	if (i < 4)
		return NULL;
	for (; i < SYS_NCPUF; i++)
		c->t[i] = 0;
	c->present = 1;
	return p;
}

static int
parse_stat(struct sys_reader *r, struct sys_snap *s, struct perr *e)
{
	const char *p = r->buf.p, *end = p + r->buf.len, *q, *t = p;
	uint64_t n;
	size_t i;

	s->all.present = 0;
	for (i = 0; i < s->ncpu; i++)
		s->cpu[i].present = 0;
	s->ctxt = s->intr = s->forks = s->running = s->blocked = SYS_NONE;
	for (; p < end; p = pscan_nextline(p, end)) {
		/* Most lines are told apart by their first letter. */
		if (p[0] != 'c' && p[0] != 'i' && p[0] != 'p')
			continue;
		if (p[0] == 'c' && p[1] == 'p' && p[2] == 'u') {
			if (p[3] == ' ') {
				q = cpuline(p + 3, end, &s->all);
			} else if ((q = pscan_u64(p + 3, end, &n)) == NULL ||
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
		} else if ((q = pscan_key(p, end, "intr ", 5)) != NULL) {
			q = pscan_u64(q, end, &s->intr);
		} else if ((q = pscan_key(p, end, "ctxt ", 5)) != NULL) {
			q = pscan_u64(q, end, &s->ctxt);
		} else if ((q = pscan_key(p, end, "processes ", 10)) != NULL) {
			q = pscan_u64(q, end, &s->forks);
		} else if ((q = pscan_key(p, end, "procs_running ", 14)) != NULL) {
			q = pscan_u64(q, end, &s->running);
		} else if ((q = pscan_key(p, end, "procs_blocked ", 14)) != NULL) {
			q = pscan_u64(q, end, &s->blocked);
		} else {
			continue;
		}
		if (q == NULL)
			return pfile_malformed(e, &r->stat, t, p);
	}
	if (!s->all.present)
		return perr_set(e, "%s: no cpu line", r->stat.path);
	return 0;
}

static const struct pkey memkeys[SYS_NMEM] = {
	{ "MemTotal:", 9 }, { "MemFree:", 8 }, { "MemAvailable:", 13 },
	{ "Buffers:", 8 }, { "Cached:", 7 }, { "Dirty:", 6 }, { "Slab:", 5 },
	{ "Shmem:", 6 }, { "SwapTotal:", 10 }, { "SwapFree:", 9 },
};

/* Reads the values after the keys found (at[i], NULL: absent) into v. */
static int
keyvals(const struct pfile *f, const struct pbuf *b, const char **at,
    const size_t *off, size_t n, uint64_t *const *v, struct perr *e)
{
	size_t i;

	for (i = 0; i < n; i++) {
		*v[i] = SYS_NONE;
		if (at[i] != NULL && pscan_u64(at[i], b->p + b->len, v[i]) ==
		    NULL)
			return pfile_malformed(e, f, b->p, b->p + off[i]);
	}
	return 0;
}

/* The keys are looked up where they were last time (pscan_keys): no
 * comparing every line with every key. */
static int
parse_meminfo(struct sys_reader *r, struct sys_snap *s, struct perr *e)
{
	uint64_t *v[SYS_NMEM];
	const char *at[SYS_NMEM];
	int i;

	for (i = 0; i < SYS_NMEM; i++)
		v[i] = &s->mem[i];
	pscan_keys(r->buf.p, r->buf.len, memkeys, SYS_NMEM, r->memoff, at);
	if (keyvals(&r->meminfo, &r->buf, at, r->memoff, SYS_NMEM, v, e) < 0)
		return -1;
	if (s->mem[SYS_MEMTOTAL] == SYS_NONE)
		return perr_set(e, "%s: no MemTotal line", r->meminfo.path);
	return 0;
}

static const struct pkey vmkeys[4] = {
	{ "pswpin ", 7 }, { "pswpout ", 8 }, { "pgfault ", 8 },
	{ "pgmajfault ", 11 }
};

/* The keys come in the first half of /proc/vmstat (near line 100 of 180):
 * one read of a buffer's worth has them, and the rest is read only when
 * one is not there. */
static int
read_vmstat(struct sys_reader *r, struct sys_snap *s, struct perr *e)
{
	uint64_t *v[4] = { &s->pswpin, &s->pswpout, &s->pgfault,
	    &s->pgmajfault };
	const char *at[4];
	int k;

	s->pswpin = s->pswpout = s->pgfault = s->pgmajfault = SYS_NONE;
	if (pfile_read(&r->vmstat, &r->buf, PFILE_HEAD, e) < 0)
		return errno == ENOENT ? 0 : -1;
	if (pscan_keys(r->buf.p, r->buf.len, vmkeys, 4, r->vmoff, at) < 4 &&
	    r->buf.partial) {
		if ((k = readopt(&r->vmstat, &r->buf, e)) <= 0)
			return k;
		pscan_keys(r->buf.p, r->buf.len, vmkeys, 4, r->vmoff, at);
	}
	return keyvals(&r->vmstat, &r->buf, at, r->vmoff, 4, v, e);
}

int
sys_parse_psi(const char *text, size_t len, struct sys_psi *ps)
{
	const char *p = text, *end = text + len, *q, *eol;
	double *avg;
	uint64_t *tot;
	int line = 1;

	ps->some_avg10 = ps->full_avg10 = NAN;
	ps->some_total = ps->full_total = SYS_NONE;
	for (; p < end; p = eol, line++) {
		/* Each line is read up to its own end: a line without total=
		 * must not take the next line's. */
		eol = pscan_nextline(p, end);
		if ((q = pscan_key(p, eol, "some avg10=", 11)) != NULL) {
			avg = &ps->some_avg10, tot = &ps->some_total;
		} else if ((q = pscan_key(p, eol, "full avg10=", 11)) != NULL) {
			avg = &ps->full_avg10, tot = &ps->full_total;
		} else if (*p == '\n') {
			continue;
		} else {
			return -line;
		}
		if ((q = pscan_dec(q, eol, avg)) == NULL)
			return -line;
		q = memchr(q, 't', (size_t)(eol - q));
		if (q == NULL || (q = pscan_key(q, eol, "total=", 6)) == NULL ||
		    pscan_u64(q, eol, tot) == NULL)
			return -line;
	}
	return 0;
}

static int
parse_misc(struct sys_reader *r, struct sys_snap *s, struct perr *e)
{
	const char *p, *end, *q;
	uint64_t unused;
	int i, k;

	s->load[0] = s->load[1] = s->load[2] = NAN;
	s->tasks = SYS_NONE;
	if ((k = readopt(&r->loadavg, &r->buf, e)) < 0)
		return -1;
	p = r->buf.p, end = p + r->buf.len;
	if (k && ((q = pscan_dec(p, end, &s->load[0])) == NULL ||
	    (q = pscan_dec(q, end, &s->load[1])) == NULL ||
	    (q = pscan_dec(q, end, &s->load[2])) == NULL ||
	    (q = pscan_u64(q, end, &unused)) == NULL || *q != '/' ||
	    pscan_u64(q + 1, end, &s->tasks) == NULL))
		return pfile_malformed(e, &r->loadavg, p, p);
	s->files = SYS_NONE;
	if ((k = readopt(&r->filenr, &r->buf, e)) < 0)
		return -1;
	p = r->buf.p, end = p + r->buf.len;
	if (k) {
		if ((q = pscan_u64(p, end, &s->files)) == NULL ||
		    pscan_u64(q, end, &unused) == NULL)
			return pfile_malformed(e, &r->filenr, p, p);
		s->files = unused <= s->files ? s->files - unused : SYS_NONE;
	}
	for (i = 0; i < SYS_NPSI; i++) {
		if ((k = readopt(&r->psi[i], &r->buf, e)) < 0)
			return -1;
		if ((k = sys_parse_psi(r->buf.p, k ? r->buf.len : 0,
		    &s->psi[i])) < 0)
			return perr_set(e, "%s:%d: malformed", r->psi[i].path,
			    -k);
	}
	return 0;
}

int
sys_read(struct sys_reader *r, struct sys_snap *s, struct perr *e)
{
	int k;

	if (pfile_read(&r->stat, &r->buf, 0, e) < 0 ||
	    parse_stat(r, s, e) < 0)
		return -1;
	if (pfile_read(&r->meminfo, &r->buf, 0, e) < 0 ||
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
