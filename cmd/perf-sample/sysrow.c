/* sysrow.c - the system columns of a sample row: CPU states, load,
 * memory, swap, paging, disks, network, pressure, file handles. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sampler.h"
#include "sysdev.h"
#include "sysrow.h"
#include "util/xalloc.h"

static const char *const cpu_state[] = {
	"user_pct", "nice_pct", "system_pct", "iowait_pct", "irq_pct",
	"softirq_pct", "steal_pct", "guest_pct", "idle_pct", "busy_pct"
};

static const char *const disk_metric[] = {
	"reads_per_s", "writes_per_s", "read_bytes_per_s",
	"write_bytes_per_s", "await_ms", "queue_count", "util_pct"
};

static const char *const net_metric[] = {
	"rx_bytes_per_s", "tx_bytes_per_s", "rx_packets_per_s",
	"tx_packets_per_s", "rx_errors_per_s", "tx_errors_per_s",
	"rx_drops_per_s", "tx_drops_per_s"
};

/* The /proc/net/dev field of each net_metric. */
static const int net_field[] = {
	PROCSYS_RXBYTES, PROCSYS_TXBYTES, PROCSYS_RXPACKETS, PROCSYS_TXPACKETS, PROCSYS_RXERRS,
	PROCSYS_TXERRS, PROCSYS_RXDROP, PROCSYS_TXDROP
};

/* Percentages of the CPU states between two readings of one CPU, in the
 * order of cpu_state; guest time is taken out of user and nice, where the
 * kernel also counts it, so the states add up to 100. */
static void
cpu_pcts(const struct procsys_cpu *a, const struct procsys_cpu *b, double *pct)
{
	double d[PROCSYS_NCPUF], tot, user, nice, guest;
	int i;

	for (i = 0; i < 10; i++)
		pct[i] = NAN;
	if (!a->present || !b->present)
		return;
	for (i = 0; i < PROCSYS_NCPUF; i++) {
		if (b->t[i] < a->t[i])
			return;
		d[i] = (double)(b->t[i] - a->t[i]);
	}
	tot = d[PROCSYS_USER] + d[PROCSYS_NICE] + d[PROCSYS_SYSTEM] + d[PROCSYS_IDLE] +
	    d[PROCSYS_IOWAIT] + d[PROCSYS_IRQ] + d[PROCSYS_SOFTIRQ] + d[PROCSYS_STEAL];
	if (tot <= 0)
		return;
	user = d[PROCSYS_USER] > d[PROCSYS_GUEST] ? d[PROCSYS_USER] - d[PROCSYS_GUEST] : 0;
	nice = d[PROCSYS_NICE] > d[PROCSYS_GUEST_NICE] ?
	    d[PROCSYS_NICE] - d[PROCSYS_GUEST_NICE] : 0;
	guest = d[PROCSYS_GUEST] + d[PROCSYS_GUEST_NICE];
	pct[0] = 100 * user / tot;
	pct[1] = 100 * nice / tot;
	pct[2] = 100 * d[PROCSYS_SYSTEM] / tot;
	pct[3] = 100 * d[PROCSYS_IOWAIT] / tot;
	pct[4] = 100 * d[PROCSYS_IRQ] / tot;
	pct[5] = 100 * d[PROCSYS_SOFTIRQ] / tot;
	pct[6] = 100 * d[PROCSYS_STEAL] / tot;
	pct[7] = 100 * guest / tot;
	pct[8] = 100 * d[PROCSYS_IDLE] / tot;
	pct[9] = 100 - pct[8] - pct[3];
	if (pct[9] < 0)
		pct[9] = 0;
}

static void
cpu_cols(struct sampler_row *r, const struct procsys_snap *a,
    const struct procsys_snap *b, const struct sysrow_opts *o)
{
	static const struct procsys_cpu off;
	char name[32], dev[24];
	double pct[10];
	size_t c;
	int i;

	cpu_pcts(&a->all, &b->all, pct);
	for (i = 0; i < 10; i++) {
		if (r->declaring)
			snprintf(name, sizeof name, "cpu_%s", cpu_state[i]);
		sampler_put(r, name, 2, pct[i]);
	}
	if (!o->per_cpu)
		return;
	if (r->declaring)
		r->ncpu = a->ncpu;
	for (c = 0; c < r->ncpu; c++) {
		cpu_pcts(c < a->ncpu ? &a->cpu[c] : &off,
		    c < b->ncpu ? &b->cpu[c] : &off, pct);
		if (r->declaring)
			snprintf(dev, sizeof dev, "%zu", c);
		for (i = 0; i < 10; i++) {
			if (r->declaring)
				snprintf(name, sizeof name, "cpu_core_%s",
				    cpu_state[i]);
			sampler_put_dev(r, "cpu", dev, cpu_state[i], name, "cpu",
			    2, pct[i]);
		}
	}
}

/* Deltas of one disk: 1 if both readings are there and consistent. */
static int
disk_delta(const struct procsys_disk *a, const struct procsys_disk *b, double *d)
{
	if (b->rd_ios < a->rd_ios || b->wr_ios < a->wr_ios ||
	    b->rd_sec < a->rd_sec || b->wr_sec < a->wr_sec ||
	    b->rd_ticks < a->rd_ticks || b->wr_ticks < a->wr_ticks ||
	    b->dc_ios < a->dc_ios || b->dc_ticks < a->dc_ticks ||
	    b->io_ticks < a->io_ticks || b->tq_ticks < a->tq_ticks)
		return 0;
	d[0] = (double)(b->rd_ios - a->rd_ios);
	d[1] = (double)(b->wr_ios - a->wr_ios);
	d[2] = (double)(b->rd_sec - a->rd_sec) * 512;
	d[3] = (double)(b->wr_sec - a->wr_sec) * 512;
	d[4] = (double)(b->rd_ticks - a->rd_ticks + b->wr_ticks -
	    a->wr_ticks + b->dc_ticks - a->dc_ticks);
	d[5] = (double)(b->tq_ticks - a->tq_ticks);
	d[6] = (double)(b->io_ticks - a->io_ticks);
	d[7] = d[0] + d[1] + (double)(b->dc_ios - a->dc_ios);
	return 1;
}

/* The disk columns from summed deltas (d[6]: the largest busy time). */
static void
disk_vals(const double *d, double dt, double *v)
{
	v[0] = d[0] / dt;
	v[1] = d[1] / dt;
	v[2] = d[2] / dt;
	v[3] = d[3] / dt;
	v[4] = d[7] > 0 ? d[4] / d[7] : NAN;
	v[5] = d[5] / (dt * 1000);
	v[6] = 100 * d[6] / (dt * 1000);
	if (v[6] > 100)
		v[6] = 100;
}

static void
disk_cols(struct sampler_row *r, const struct procsys_snap *a,
    const struct procsys_snap *b, double dt, const struct sysrow_opts *o)
{
	double sum[8] = { 0 }, d[8], v[7];
	char name[48];
	size_t i, n = 0;
	long j;
	int k;

	for (i = 0; i < b->ndisk; i++) {
		if (b->disk[i].kind != PROCSYS_PHYSICAL ||
		    (j = sysdev_find_disk(a, b->disk[i].name, (long)i)) < 0 ||
		    !disk_delta(&a->disk[j], &b->disk[i], d))
			continue;
		for (k = 0; k < 8; k++)
			if (k != 6)
				sum[k] += d[k];
		if (d[6] > sum[6])
			sum[6] = d[6];
		n++;
	}
	disk_vals(sum, dt, v);
	for (k = 0; k < 7; k++) {
		if (r->declaring)
			snprintf(name, sizeof name, "disk_%s", disk_metric[k]);
		sampler_put(r, name, 2, n ? v[k] : NAN);
	}
	if (!o->per_disk)
		return;
	if (r->declaring) {
		r->disk = xreallocarray(NULL, a->ndisk + 1, sizeof *r->disk);
		r->diskhint = xreallocarray(NULL, a->ndisk + 1,
		    sizeof *r->diskhint);
		for (i = 0; i < a->ndisk; i++) {
			if (a->disk[i].kind == PROCSYS_PARTITION ||
			    a->disk[i].rd_ios + a->disk[i].wr_ios == 0)
				continue;
			memcpy(r->disk[r->ndisk], a->disk[i].name, 32);
			r->diskhint[r->ndisk++] = (long)i;
		}
	}
	for (i = 0; i < r->ndisk; i++) {
		long ja = sysdev_find_disk(a, r->disk[i], r->diskhint[i]);
		long jb = sysdev_find_disk(b, r->disk[i], r->diskhint[i]);

		if (ja >= 0 && jb >= 0 &&
		    disk_delta(&a->disk[ja], &b->disk[jb], d))
			disk_vals(d, dt, v);
		else
			for (k = 0; k < 7; k++)
				v[k] = NAN;
		if (jb >= 0)
			r->diskhint[i] = jb;
		for (k = 0; k < 7; k++) {
			if (r->declaring)
				snprintf(name, sizeof name, "disk_device_%s",
				    disk_metric[k]);
			sampler_put_dev(r, "disk_", r->disk[i], disk_metric[k],
			    name, "device", 2, v[k]);
		}
	}
}

static void
net_cols(struct sampler_row *r, const struct procsys_snap *a,
    const struct procsys_snap *b, double dt, const struct sysrow_opts *o)
{
	const struct procsys_net *x, *y;
	double sum[PROCSYS_NNET] = { 0 }, v[PROCSYS_NNET];
	char name[48];
	size_t i, n = 0;
	long j, ja, jb;
	int k, ok;

	for (i = 0; i < b->nnet; i++) {
		if (strcmp(b->net[i].name, "lo") == 0 ||
		    (j = sysdev_find_net(a, b->net[i].name, (long)i)) < 0)
			continue;
		x = &a->net[j], y = &b->net[i];
		for (ok = 1, k = 0; k < PROCSYS_NNET; k++)
			ok &= y->v[k] >= x->v[k];
		if (!ok)
			continue;
		for (k = 0; k < PROCSYS_NNET; k++)
			sum[k] += (double)(y->v[k] - x->v[k]);
		n++;
	}
	for (k = 0; k < PROCSYS_NNET; k++) {
		if (r->declaring)
			snprintf(name, sizeof name, "net_%s", net_metric[k]);
		sampler_put(r, name, 2, n ? sum[net_field[k]] / dt : NAN);
	}
	if (!o->per_net)
		return;
	if (r->declaring) {
		r->net = xreallocarray(NULL, a->nnet + 1, sizeof *r->net);
		r->nethint = xreallocarray(NULL, a->nnet + 1,
		    sizeof *r->nethint);
		for (i = 0; i < a->nnet; i++) {
			memcpy(r->net[r->nnet], a->net[i].name, 32);
			r->nethint[r->nnet++] = (long)i;
		}
	}
	for (i = 0; i < r->nnet; i++) {
		ja = sysdev_find_net(a, r->net[i], r->nethint[i]);
		jb = sysdev_find_net(b, r->net[i], r->nethint[i]);
		for (k = 0; k < PROCSYS_NNET; k++)
			v[k] = ja >= 0 && jb >= 0 ? sampler_rate(a->net[ja].v[k],
			    b->net[jb].v[k], dt) : NAN;
		if (jb >= 0)
			r->nethint[i] = jb;
		for (k = 0; k < PROCSYS_NNET; k++) {
			if (r->declaring)
				snprintf(name, sizeof name, "net_device_%s",
				    net_metric[k]);
			sampler_put_dev(r, "net_", r->net[i], net_metric[k], name,
			    "device", 2, v[net_field[k]]);
		}
	}
}

static double
pct_of(uint64_t part, uint64_t whole)
{
	if (part == PROCFILE_NONE || whole == PROCFILE_NONE || whole == 0 ||
	    part > whole)
		return NAN;
	return 100.0 * (double)part / (double)whole;
}

void
sysrow_fill(struct sampler_row *r, const struct sysrow_opts *o,
    const struct procsys_snap *a, const struct procsys_snap *b, double dt)
{
	const uint64_t *m = b->mem;

	cpu_cols(r, a, b, o);
	sampler_put(r, "load1", 2, b->load[0]);
	sampler_put(r, "load5", 2, b->load[1]);
	sampler_put(r, "load15", 2, b->load[2]);
	sampler_put(r, "procs_running_count", 0, sampler_level(b->running));
	sampler_put(r, "procs_blocked_count", 0, sampler_level(b->blocked));
	sampler_put(r, "procs_total_count", 0, sampler_level(b->tasks));
	sampler_put(r, "ctxt_per_s", 2, sampler_rate(a->ctxt, b->ctxt, dt));
	sampler_put(r, "intr_per_s", 2, sampler_rate(a->intr, b->intr, dt));
	sampler_put(r, "forks_per_s", 2, sampler_rate(a->forks, b->forks, dt));
	sampler_put(r, "mem_total_kib", 0, sampler_level(m[PROCSYS_MEMTOTAL]));
	sampler_put(r, "mem_free_kib", 0, sampler_level(m[PROCSYS_MEMFREE]));
	sampler_put(r, "mem_available_kib", 0, sampler_level(m[PROCSYS_MEMAVAIL]));
	sampler_put(r, "mem_used_pct", 2, m[PROCSYS_MEMAVAIL] == PROCFILE_NONE ? NAN :
	    pct_of(m[PROCSYS_MEMTOTAL] - m[PROCSYS_MEMAVAIL], m[PROCSYS_MEMTOTAL]));
	sampler_put(r, "mem_buffers_kib", 0, sampler_level(m[PROCSYS_BUFFERS]));
	sampler_put(r, "mem_cached_kib", 0, sampler_level(m[PROCSYS_CACHED]));
	sampler_put(r, "mem_dirty_kib", 0, sampler_level(m[PROCSYS_DIRTY]));
	sampler_put(r, "mem_slab_kib", 0, sampler_level(m[PROCSYS_SLAB]));
	sampler_put(r, "mem_shared_kib", 0, sampler_level(m[PROCSYS_SHMEM]));
	sampler_put(r, "swap_total_kib", 0, sampler_level(m[PROCSYS_SWAPTOTAL]));
	sampler_put(r, "swap_used_pct", 2, m[PROCSYS_SWAPFREE] == PROCFILE_NONE ? NAN :
	    pct_of(m[PROCSYS_SWAPTOTAL] - m[PROCSYS_SWAPFREE], m[PROCSYS_SWAPTOTAL]));
	sampler_put(r, "swap_in_per_s", 2, sampler_rate(a->pswpin, b->pswpin, dt));
	sampler_put(r, "swap_out_per_s", 2, sampler_rate(a->pswpout, b->pswpout, dt));
	sampler_put(r, "pgfault_per_s", 2, sampler_rate(a->pgfault, b->pgfault, dt));
	sampler_put(r, "pgmajfault_per_s", 2,
	    sampler_rate(a->pgmajfault, b->pgmajfault, dt));
	/* Six decimals: one kill in a day at 1/min is 0.000012/s. */
	sampler_put(r, "mem_oom_kills_per_s", 6,
	    sampler_rate(a->oom_kill, b->oom_kill, dt));
	disk_cols(r, a, b, dt, o);
	net_cols(r, a, b, dt, o);
	sampler_psi_cols(r, "psi_", a->psi, b->psi, dt);
	sampler_put(r, "fd_open_count", 0, sampler_level(b->files));
}

