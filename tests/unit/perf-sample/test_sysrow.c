/* test_sysrow.c - the system columns from snapshots built by hand: CPU
 * states with guest time, offline CPUs, counters going back, disks and
 * interfaces that vanish or appear, lo left out of totals. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sysrow.h"
#include "tap.h"

static double
col(const struct sampler_row *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->col[i].name, name) == 0)
			return r->v[i];
	return -12345;
}

static void
blank(struct procsys_snap *s, struct procsys_cpu *cpu, struct procsys_disk *d,
    struct procsys_net *n)
{
	int i;

	memset(s, 0, sizeof *s);
	s->cpu = cpu, s->disk = d, s->net = n;
	s->ctxt = s->intr = s->forks = s->running = s->blocked = PROCFILE_NONE;
	s->tasks = s->pswpin = s->pswpout = s->pgfault = PROCFILE_NONE;
	s->pgmajfault = s->oom_kill = s->files = PROCFILE_NONE;
	s->load[0] = s->load[1] = s->load[2] = NAN;
	for (i = 0; i < PROCSYS_NMEM; i++)
		s->mem[i] = PROCFILE_NONE;
	for (i = 0; i < PSI_N; i++) {
		s->psi[i].some_avg10 = s->psi[i].full_avg10 = NAN;
		s->psi[i].some_total = s->psi[i].full_total = PROCFILE_NONE;
	}
}

static struct procsys_disk
disk(const char *name, int kind, uint64_t ios, uint64_t ticks)
{
	struct procsys_disk d;

	memset(&d, 0, sizeof d);
	snprintf(d.name, sizeof d.name, "%s", name);
	d.kind = kind, d.rd_ios = ios, d.rd_sec = 2 * ios;
	d.rd_ticks = ticks, d.io_ticks = ticks, d.tq_ticks = 2 * ticks;
	return d;
}

static struct procsys_net
net(const char *name, uint64_t v)
{
	struct procsys_net n;
	int i;

	snprintf(n.name, sizeof n.name, "%s", name);
	for (i = 0; i < PROCSYS_NNET; i++)
		n.v[i] = v * (uint64_t)(i + 1);
	return n;
}

int
main(void)
{
	struct procsys_cpu ca[3], cb[3];
	struct procsys_disk da[3], db[3];
	struct procsys_net na[3], nb[3];
	struct procsys_snap a, b;
	struct sysrow_opts o = { 1, 1, 1 };
	struct sampler_row r;
	uint64_t ta[PROCSYS_NCPUF] = { 100, 10, 50, 800, 20, 5, 5, 0, 30, 10 };
	uint64_t tb[PROCSYS_NCPUF] = { 300, 60, 100, 1400, 60, 15, 15, 0, 80, 30 };

	blank(&a, ca, da, na);
	blank(&b, cb, db, nb);
	memcpy(a.all.t, ta, sizeof ta), a.all.present = 1;
	memcpy(b.all.t, tb, sizeof tb), b.all.present = 1;
	a.ncpu = b.ncpu = 2;
	ca[0] = a.all, cb[0] = b.all;
	ca[1] = a.all, cb[1] = b.all, cb[1].present = 0;
	a.ctxt = 100, b.ctxt = 50;		/* went back */
	a.intr = 10, b.intr = 30;
	b.mem[PROCSYS_MEMTOTAL] = 1000, b.mem[PROCSYS_MEMAVAIL] = 250;
	b.mem[PROCSYS_SWAPTOTAL] = 0, b.mem[PROCSYS_SWAPFREE] = 0;
	da[0] = disk("sda", PROCSYS_PHYSICAL, 10, 100);
	da[1] = disk("sdb", PROCSYS_PHYSICAL, 10, 100);
	da[2] = disk("dm-0", PROCSYS_VIRTUAL, 5, 5);
	db[0] = disk("dm-0", PROCSYS_VIRTUAL, 5, 5);
	db[1] = disk("sda", PROCSYS_PHYSICAL, 30, 500);
	db[2] = disk("sdc", PROCSYS_PHYSICAL, 1000, 1000);
	a.ndisk = b.ndisk = 3;
	na[0] = net("lo", 1000), na[1] = net("eth0", 1), na[2] = net("eth1", 1);
	nb[0] = net("eth0", 3), nb[1] = net("lo", 100000);
	nb[2] = net("eth2", 5);
	a.nnet = b.nnet = 3;

	sampler_row_init(&r);
	sampler_begin(&r);
	sysrow_fill(&r, &o, &a, &b, 2);
	/* Deltas: user 200 (guest 50), nice 50 (guest nice 20), system 50,
	 * idle 600, iowait 40, irq 10, softirq 10: 960 ticks. */
	tap_num(col(&r, "cpu_user_pct"), 100.0 * 150 / 960, 1e-12, 0,
	    "user without guest");
	tap_num(col(&r, "cpu_nice_pct"), 100.0 * 30 / 960, 1e-12, 0,
	    "nice without guest nice");
	tap_num(col(&r, "cpu_guest_pct"), 100.0 * 70 / 960, 1e-12, 0,
	    "guest and guest nice");
	tap_num(col(&r, "cpu_busy_pct"), 100.0 * 320 / 960, 1e-12, 0,
	    "busy: all but idle and iowait");
	tap_num(col(&r, "cpu_user_pct") + col(&r, "cpu_nice_pct") +
	    col(&r, "cpu_system_pct") + col(&r, "cpu_iowait_pct") +
	    col(&r, "cpu_irq_pct") + col(&r, "cpu_softirq_pct") +
	    col(&r, "cpu_steal_pct") + col(&r, "cpu_guest_pct") +
	    col(&r, "cpu_idle_pct"), 100, 1e-12, 0, "states add up to 100");
	tap_num(col(&r, "cpu0_idle_pct"), 62.5, 1e-12, 0, "per CPU");
	tap_ok(isnan(col(&r, "cpu1_idle_pct")), "an offline CPU: empty");
	tap_ok(isnan(col(&r, "ctxt_per_s")), "a counter went back: empty");
	tap_num(col(&r, "intr_per_s"), 10, 0, 0, "intr rate");
	tap_num(col(&r, "mem_used_pct"), 75, 0, 0, "memory used");
	tap_ok(isnan(col(&r, "swap_used_pct")), "no swap: empty");
	tap_ok(isnan(col(&r, "load1")), "no loadavg: empty");
	/* Totals: sda alone (sdb vanished, sdc appeared, dm-0 virtual). */
	tap_num(col(&r, "disk_reads_per_s"), 10, 0, 0, "disk total: sda");
	tap_num(col(&r, "disk_read_bytes_per_s"), 20 * 512, 0, 0, "bytes");
	tap_num(col(&r, "disk_await_ms"), 20, 0, 0, "await");
	tap_num(col(&r, "disk_util_pct"), 20, 0, 0, "busiest disk");
	tap_num(col(&r, "disk_queue_count"), 0.4, 1e-12, 0, "queue");
	tap_num(col(&r, "disk_sda_util_pct"), 20, 0, 0, "per disk");
	tap_ok(isnan(col(&r, "disk_sdb_reads_per_s")), "vanished: empty");
	tap_ok(col(&r, "disk_sdc_reads_per_s") == -12345,
	    "appeared later: no column");
	tap_num(col(&r, "disk_dm_2d0_reads_per_s"), 0, 0, 0, "virtual disk");
	tap_ok(isnan(col(&r, "disk_dm_2d0_await_ms")), "no request: no await");
	tap_num(col(&r, "net_rx_bytes_per_s"), 1, 0, 0,
	    "net total: eth0 only, lo left out");
	tap_num(col(&r, "net_tx_drops_per_s"), 8, 0, 0, "tx drops");
	tap_num(col(&r, "net_lo_rx_bytes_per_s"), 49500, 0, 0, "lo per device");
	tap_ok(isnan(col(&r, "net_eth1_rx_bytes_per_s")), "vanished: empty");
	tap_ok(col(&r, "net_eth2_rx_bytes_per_s") == -12345, "new: no column");
	tap_ok(isnan(col(&r, "psi_cpu_some_avg10_pct")), "no PSI: empty");
	tap_int((long long)r.ncols, 63 + 2 * 10 + 3 * 7 + 3 * 8,
	    "columns: 63 totals, 2 CPUs, 3 disks, 3 interfaces");

	/* No disk at all: totals unknown rather than 0. */
	b.ndisk = 0;
	sampler_begin(&r);
	sysrow_fill(&r, &o, &a, &b, 2);
	tap_ok(isnan(col(&r, "disk_reads_per_s")), "no disk: totals empty");
	sampler_row_free(&r);
	return tap_done();
}
