/* advice.c - evidence and recommendations of findings. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "util/num.h"
#include "util/xalloc.h"

static const struct {
	const char *name, *label, *unit;
} ctxinfo[NCTX] = {
	{ "cpu_busy_pct", "CPU busy", "%" },
	{ "cpu_iowait_pct", "iowait", "%" },
	{ "cpu_steal_pct", "steal", "%" },
	{ "load1", "load1", "" },
	{ "psi_cpu_some_avg10_pct", "CPU pressure some", "%" },
	{ "psi_memory_some_avg10_pct", "memory pressure some", "%" },
	{ "psi_io_some_avg10_pct", "I/O pressure some", "%" },
	{ "mem_used_pct", "memory used", "%" },
	{ "swap_in_per_s", "swap-in", " pages/s" },
	{ "pgmajfault_per_s", "major faults", "/s" },
	{ "disk_util_pct", "busiest disk busy", "%" },
	{ "disk_await_ms", "disk await", " ms" },
	{ "disk_queue_count", "disk queue", "" },
	{ "cgroup_throttled_pct", "throttled", "%" },
};

char *
advice_dur(double s, char *buf, size_t len)
{
	long long n = llround(s);

	if (s < 10 && s != floor(s))
		snprintf(buf, len, "%.1fs", s);
	else if (n < 60)
		snprintf(buf, len, "%llds", n);
	else if (n < 3600)
		snprintf(buf, len, "%lldm%02llds", n / 60, n % 60);
	else if (n < 86400)
		snprintf(buf, len, "%lldh%02lldm", n / 3600, n % 3600 / 60);
	else
		snprintf(buf, len, "%lldd%02lldh", n / 86400, n % 86400 / 3600);
	return buf;
}

static int
ends(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

const char *
advice_unit(const char *m)
{
	if (ends(m, "_pct"))
		return "%";
	if (ends(m, "_per_s"))
		return "/s";
	if (ends(m, "_ms"))
		return " ms";
	if (ends(m, "_kib"))
		return " KiB";
	if (ends(m, "_s"))
		return " s";
	return "";
}

/* Appends printf text to a growing string. */
static void
cat(char **s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
cat(char **s, const char *fmt, ...)
{
	va_list ap;
	char *add, *t;

	va_start(ap, fmt);
	add = xvasprintf(fmt, ap);
	va_end(ap);
	t = xasprintf("%s%s", *s ? *s : "", add);
	free(*s);
	free(add);
	*s = t;
}

static const int *
ctx_for(const char *resource)
{
	static const int cpu[] = { CTX_PSI_CPU, CTX_BUSY, CTX_IOWAIT,
	    CTX_STEAL, CTX_THROTTLED, -1 };
	static const int mem[] = { CTX_MEM, CTX_MAJFLT, CTX_SWAPIN,
	    CTX_PSI_MEM, -1 };
	static const int disk[] = { CTX_DISK_UTIL, CTX_AWAIT, CTX_QUEUE,
	    CTX_IOWAIT, CTX_PSI_IO, -1 };
	static const int cg[] = { CTX_BUSY, CTX_PSI_CPU, -1 };
	static const int none[] = { -1 };

	if (strcmp(resource, "cpu") == 0)
		return cpu;
	if (strcmp(resource, "memory") == 0 || strcmp(resource, "swap") == 0)
		return mem;
	if (strcmp(resource, "disk") == 0)
		return disk;
	if (strcmp(resource, "cgroup") == 0)
		return cg;
	return none;
}

static char *
evidence(const struct eval *ev, const struct finding *f)
{
	const struct series *s = &ev->l->s[f->series];
	const struct rule *r = &ev->rs->r[s->rule];
	const char *u = advice_unit(s->name);
	char b1[NUM_BUFSZ], b2[NUM_BUFSZ], b3[NUM_BUFSZ], b4[NUM_BUFSZ], d[32], *out = NULL;
	const int *c;
	int first = 1;
	double m;

	advice_dur(f->end - f->start, d, sizeof d);
	if (s->how == SER_PER_CPU)
		cat(&out, "run queue (load1) peak %s on %s CPUs for %s (per CPU "
		    "peak %s, mean %s)", num_fmt_sig(b1, f->peak * ev->l->ncpu,
		    3), num_fmt_sig(b2, ev->l->ncpu, 3), d,
		    num_fmt_sig(b3, f->peak, 3), num_fmt_sig(b4,
		    finding_mean(f), 3));
	else
		cat(&out, "%s (%s) peak %s%s, mean %s%s for %s", r->label,
		    s->name, num_fmt_sig(b1, f->peak, 3), u,
		    num_fmt_sig(b2, finding_mean(f), 3), u, d);
	cat(&out, ", %s the %s level %s%s", r->dir == DIR_ABOVE ? "at or above" :
	    "at or below", f->sev == SEV_CRITICAL ? "critical" : "warning",
	    num_fmt_sig(b1, f->threshold, 3), u);
	for (c = ctx_for(r->resource); *c >= 0; c++) {
		if (strcmp(ctxinfo[*c].name, s->name) == 0 ||
		    isnan(m = finding_ctx(f, *c)))
			continue;
		cat(&out, "%s %s %s%s", first ? "; meanwhile" : ",",
		    ctxinfo[*c].label, num_fmt_sig(b1, m, 3), ctxinfo[*c].unit);
		first = 0;
	}
	if (f->gap)
		cat(&out, "; the window ends at a gap or a step back in time");
	if (f->open)
		cat(&out, "; still firing at the end of the input");
	return out;
}

/* The context value, or 0 when unknown (for comparisons only). */
static double
cx(const struct finding *f, int c)
{
	double v = finding_ctx(f, c);

	return isnan(v) ? 0 : v;
}

static char *
cpu_advice(const struct series *s, const struct rule *r, const struct finding *f)
{
	char b[NUM_BUFSZ], b2[NUM_BUFSZ];

	if (cx(f, CTX_STEAL) >= 10)
		return xasprintf("the hypervisor takes CPU time from this guest "
		    "(steal %s%%): move the VM or ask for dedicated CPUs; tuning "
		    "inside the guest will not help",
		    num_fmt_sig(b, cx(f, CTX_STEAL), 3));
	if (cx(f, CTX_IOWAIT) >= 20 && cx(f, CTX_DISK_UTIL) >= 80)
		return xasprintf("much of the load is tasks waiting on a "
		    "saturated disk (iowait %s%%, disk busy %s%%): the disk, not "
		    "the CPUs, is the bottleneck; see the disk findings",
		    num_fmt_sig(b, cx(f, CTX_IOWAIT), 3),
		    num_fmt_sig(b2, cx(f, CTX_DISK_UTIL), 3));
	if (cx(f, CTX_THROTTLED) >= 25)
		return xasprintf("the cgroup's CPU quota throttles it (%s%% of "
		    "periods): raise cpu.max or run fewer threads",
		    num_fmt_sig(b, cx(f, CTX_THROTTLED), 3));
	if (strcmp(r->label, "one CPU busy") == 0)
		return xasprintf("%s is saturated on its own: a single-threaded "
		    "hot spot or interrupts pinned to one core (see "
		    "/proc/interrupts, irqbalance); parallelise the work or "
		    "move it", s->name);
	if (r->kind == KIND_SAT)
		return xstrdup("more runnable tasks than CPUs, so tasks queue "
		    "for CPU time and latency grows: find the top consumers "
		    "(perf-sample --per-process, perf top), lower the "
		    "concurrency (thread pools, make -j) or add CPUs");
	return xstrdup("the CPUs are busy with work: find the top consumers "
	    "(perf-sample -p PID --per-process, perf top) and profile them; "
	    "if the work is legitimate, add CPUs or spread the load");
}

static char *
recommend(const struct eval *ev, const struct finding *f)
{
	const struct series *s = &ev->l->s[f->series];
	const struct rule *r = &ev->rs->r[s->rule];
	const char *res = r->resource;
	char b[NUM_BUFSZ];
	int paging = cx(f, CTX_MAJFLT) >= 500 || cx(f, CTX_SWAPIN) >= 100 ||
	    cx(f, CTX_PSI_MEM) >= 10;

	if (strcmp(s->name, "cpu_iowait_pct") == 0)
		return cx(f, CTX_DISK_UTIL) >= 80 ? xasprintf("the CPUs wait on "
		    "a saturated disk (busiest disk %s%% busy): the disk is the "
		    "bottleneck; find the processes doing the I/O "
		    "(proc_read_bytes_per_s, iotop) and batch, cache or move it "
		    "to faster storage", num_fmt_sig(b, cx(f, CTX_DISK_UTIL),
		    3)) : xasprintf("the CPUs wait for I/O while the local disks "
		    "are not busy (busiest %s%%): look at network file systems, "
		    "remote volumes or synchronous writes (fsync) rather than "
		    "disk bandwidth", num_fmt_sig(b, cx(f, CTX_DISK_UTIL), 3));
	if (strcmp(res, "custom") == 0)
		return xasprintf("%s passed the level set for it (%s): look at "
		    "what feeds it, and at the system's findings in the same "
		    "window", s->name, r->source);
	if (strcmp(res, "cpu") == 0 || strcmp(res, "cgroup") == 0)
		return cpu_advice(s, r, f);
	if (strcmp(res, "memory") == 0 && r->kind == KIND_UTIL)
		return xstrdup(paging ? "memory is short and the system pages: "
		    "find the largest resident processes (perf-sample "
		    "--per-process, proc_rss_kib), fix leaks, or add memory" :
		    "memory is nearly full but the system does not page yet: "
		    "watch its growth (perf-trend --forecast mem_used_pct=100) "
		    "and the largest processes before the OOM killer acts");
	if (strcmp(res, "memory") == 0 && r->kind == KIND_ERR)
		return xstrdup("the kernel killed processes to free memory: "
		    "find which in the kernel log (journalctl -k | grep -i "
		    "'killed process'), then cap or shrink the largest (a "
		    "cgroup's memory.max, fewer workers), fix its leak, or add "
		    "memory; oom_score_adj protects what must survive");
	if (strcmp(res, "memory") == 0)
		return xstrdup(cx(f, CTX_MEM) >= 90 ? "memory is short: tasks "
		    "stall on reclaim and page-ins; reduce the working set or add "
		    "memory" : "page-ins without full memory: a process maps "
		    "or reads many cold files (start-up, dropped caches); see "
		    "proc_majflt_per_s per process");
	if (strcmp(res, "swap") == 0)
		return xstrdup("the system swaps: memory is overcommitted; reduce "
		    "the working set or add memory (lower vm.swappiness only if "
		    "the swapped pages are idle ones)");
	if (strcmp(res, "disk") == 0)
		return cx(f, CTX_DISK_UTIL) >= 80 || r->kind == KIND_UTIL ?
		    xstrdup("the disk is saturated: find the processes doing "
		    "the I/O (proc_write_bytes_per_s, iotop), batch or cache it, "
		    "or move it to faster storage") :
		    xstrdup("requests wait while the disks are not busy: a slow "
		    "or remote device, or a volume throttled by its IOPS limit; "
		    "check the device and its limits");
	if (strcmp(res, "network") == 0)
		return xstrdup(r->kind == KIND_ERR ? "interface errors above the "
		    "level: check the cable, NIC and driver (ethtool -S), duplex "
		    "and MTU" : "packets dropped: a receive ring or backlog "
		    "overflows; raise the ring sizes (ethtool -G) or "
		    "net.core.netdev_max_backlog, or spread the interrupts (RSS)");
	return xstrdup("file handles near the system limit: look for "
	    "descriptor leaks (proc_fd_count per process); raise fs.file-max "
	    "if the use is legitimate");
}

void
advice_fill(const struct eval *ev, struct finding *f)
{
	if (f->worded)
		return;
	free(f->evidence);
	free(f->recommendation);
	f->evidence = evidence(ev, f);
	f->recommendation = recommend(ev, f);
}
