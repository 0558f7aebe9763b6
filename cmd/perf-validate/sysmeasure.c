/* sysmeasure.c - live measurements of timers, CPU time, memory, noise and
 * spawn cost. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "fmt/jsonio.h"
#include "run/launch.h"
#include "stats/stats.h"
#include "sys/procpid.h"
#include "sysmeasure.h"
#include "util/timeutil.h"
#include "util/xalloc.h"

static double
clk(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double
ru_cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return timeutil_from_tv(ru.ru_utime.tv_sec, ru.ru_utime.tv_usec) +
	    timeutil_from_tv(ru.ru_stime.tv_sec, ru.ru_stime.tv_usec);
}

static long
ru_maxrss_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* This process's /proc/self/stat through the one parser of that file
 * (sys/procpid.h); 0, or -1 when it cannot be read. */
static int
self_stat(struct procpid_info *pi)
{
	struct procfile_buf b;
	int r;

	procfile_buf_init(&b);
	r = procfile_slurp("/proc/self/stat", &b, NULL) < 0 ? -1 :
	    procpid_parse_stat(b.p, b.len, pi);
	procfile_buf_free(&b);
	return r;
}

/* utime + stime of /proc/self/stat in ticks; -1 when unreadable. */
static long long
proc_ticks(void)
{
	struct procpid_info pi;

	return self_stat(&pi) < 0 ? -1 : (long long)(pi.utime + pi.stime);
}

/* The resident set of /proc/self/stat in KiB; -1 when unreadable. */
static long
proc_rss_kib(void)
{
	struct procpid_info pi;
	long page = sysconf(_SC_PAGESIZE);

	if (self_stat(&pi) < 0 || pi.rss_kib == PROCFILE_NONE)
		return -1;
	return (long)(pi.rss_kib * (uint64_t)(page > 0 ? page : 4096) / 1024);
}

static void
timer_checks(const struct sysmeasure_opts *o, struct calib *cal,
    struct checklist *l)
{
	static const struct { clockid_t id; const char *name; } clocks[] = {
		{ CLOCK_MONOTONIC, "MONOTONIC" },
		{ CLOCK_REALTIME, "REALTIME" },
		{ CLOCK_MONOTONIC_RAW, "MONOTONIC_RAW" },
		{ CLOCK_BOOTTIME, "BOOTTIME" },
		{ CLOCK_PROCESS_CPUTIME_ID, "PROCESS_CPUTIME_ID" },
	};
	enum { BATCH = 1000, NBATCH = 51 };
	struct timespec res;
	struct check c;
	double t, prev, step = INFINITY, cost[NBATCH], m[5], t0;
	char detail[512];
	size_t i, k, n = o->quick ? 200000 : 2000000, len = 0;

	prev = clk(CLOCK_MONOTONIC);
	for (i = 0; i < n; i++) {
		t = clk(CLOCK_MONOTONIC);
		if (t > prev && t - prev < step)
			step = t - prev;
		prev = t;
	}
	clock_getres(CLOCK_MONOTONIC, &res);
	check_begin(&c, "timer_resolution", "timing", "host");
	c.unit = "s";
	c.expected = check_range(NAN, 1e-6);
	c.hint = "a coarse clock cannot time short runs: check the clock source";
	if (isfinite(step)) {
		cal->timer_resolution = step;
		c.measured = json_real(step);
		c.status = check_grade(step, NAN, 1e-6, NAN, 1e-3);
	}
	check_detail(&c, "smallest step of CLOCK_MONOTONIC in %zu reads: %.3g s "
	    "(clock_getres says %.3g s)", n, step, (double)res.tv_sec +
	    (double)res.tv_nsec * 1e-9);
	check_add(l, &c);

	for (k = 0; k < sizeof clocks / sizeof clocks[0]; k++) {
		for (i = 0; i < NBATCH; i++) {
			t0 = clk(CLOCK_MONOTONIC);
			for (size_t j = 0; j < BATCH; j++)
				clk(clocks[k].id);
			cost[i] = (clk(CLOCK_MONOTONIC) - t0) / BATCH;
		}
		qsort(cost, NBATCH, sizeof cost[0], stats_cmp);
		m[k] = stats_median(cost, NBATCH);
		len += (size_t)snprintf(detail + len, sizeof detail - len,
		    "%s%s %.0f ns", k ? ", " : "", clocks[k].name, m[k] * 1e9);
	}
	cal->clock_overhead = m[0];
	check_begin(&c, "clock_read_cost", "timing", "host");
	c.unit = "s";
	c.expected = check_range(NAN, 2e-7);
	c.hint = "reading the clock is a system call here (no vDSO for this "
	    "clock source): short runs carry its cost";
	c.measured = json_real(m[0]);
	c.status = check_grade(m[0], NAN, 2e-7, NAN, 2e-6);
	check_detail(&c, "median cost of one clock_gettime, %d batches of %d: %s",
	    NBATCH, BATCH, detail);
	check_add(l, &c);
}

static void
sleep_check(struct checklist *l, const char *name, double d, size_t n)
{
	struct stats_desc s;
	struct timespec ts = timeutil_ts(d);
	struct check c;
	double *x = xcalloc(n, sizeof *x), t0, lim = fmax(5e-4, 0.02 * d);
	size_t i;

	for (i = 0; i < n; i++) {
		t0 = timeutil_mono();
		while (clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL) == EINTR)
			;
		x[i] = timeutil_mono() - t0 - d;
	}
	stats_describe(x, n, 0.95, &s);
	check_begin(&c, name, "timing", "host");
	c.unit = "s";
	c.measured = json_real(s.p99);
	c.expected = check_range(NAN, lim);
	c.status = check_grade(s.p99, NAN, lim, NAN, 10 * lim);
	c.hint = "sleeps wake late: a busy machine, a large timer slack or a VM; "
	    "expect the same for a benchmark's own waits";
	check_detail(&c, "overshoot of %zu sleeps of %g ms: mean %.1f us, p99 "
	    "%.1f us, max %.1f us", n, d * 1e3, s.mean * 1e6, s.p99 * 1e6,
	    s.max * 1e6);
	check_add(l, &c);
	free(x);
}

static void
cputime_checks(const struct sysmeasure_opts *o, struct checklist *l)
{
	double len = o->quick ? 0.1 : 0.3, w0, c0, r0, w, ct, ru, r, pr;
	double rstep = INFINITY, ratio, tick = 1.0 / (double)sysconf(_SC_CLK_TCK);
	long long p0, p, pprev, pstep = -1;
	struct check c;
	volatile uint64_t sink = 0;

	w0 = timeutil_mono();
	c0 = clk(CLOCK_PROCESS_CPUTIME_ID);
	r0 = r = ru_cpu();
	p0 = pprev = proc_ticks();
	do {
		for (int i = 0; i < 2000; i++)
			sink += (uint64_t)i * sink + 1;
		ru = ru_cpu();
		if (ru > r && ru - r < rstep)
			rstep = ru - r;
		r = ru;
		p = proc_ticks();
		if (p > pprev && (pstep < 0 || p - pprev < pstep))
			pstep = p - pprev;
		pprev = p;
		w = timeutil_mono() - w0;
	} while (w < len);
	ct = clk(CLOCK_PROCESS_CPUTIME_ID) - c0;
	ru = ru_cpu() - r0;
	pr = p0 >= 0 && p >= 0 ? (double)(p - p0) * tick : NAN;

	check_begin(&c, "cpu_time_vs_wall", "cpu", "host");
	c.unit = "ratio";
	ratio = ct / w;
	c.measured = json_real(ratio);
	c.expected = check_range(0.95, 1.05);
	c.status = check_grade(ratio, 0.95, 1.05, 0.8, 1.1);
	c.hint = "a busy loop did not get the CPU it asked for: other work, "
	    "steal or a cgroup quota takes CPU time from runs";
	check_detail(&c, "a busy loop of %.3f s wall got %.3f s of "
	    "CLOCK_PROCESS_CPUTIME_ID", w, ct);
	check_add(l, &c);

	check_begin(&c, "cpu_time_rusage", "cpu", "host");
	c.unit = "pct";
	ratio = 100 * fabs(ru - ct) / ct;
	c.measured = json_real(ratio);
	c.expected = check_range(NAN, 1);
	c.status = check_grade(ratio, NAN, 1, NAN, 5);
	c.hint = "getrusage disagrees with the CPU-time clock: user and system "
	    "times of runs are approximate here";
	check_detail(&c, "getrusage user+system %.4f s against "
	    "CLOCK_PROCESS_CPUTIME_ID %.4f s; rusage step seen %.3g s",
	    ru, ct, rstep);
	check_add(l, &c);

	check_begin(&c, "cpu_time_proc", "cpu", "host");
	c.unit = "s";
	c.expected = check_range(NAN, 2 * tick + 0.02 * ct);
	c.hint = "/proc/self/stat disagrees with the CPU-time clock beyond its "
	    "tick";
	if (isnan(pr))
		check_detail(&c, "/proc/self/stat: cannot be read");
	else {
		c.measured = json_real(fabs(pr - ct));
		c.status = check_grade(fabs(pr - ct), NAN, 2 * tick + 0.02 * ct,
		    NAN, 10 * tick + 0.1 * ct);
		check_detail(&c, "/proc/self/stat utime+stime %.3f s against "
		    "%.4f s (a tick is %.3g s)", pr, ct, tick);
	}
	check_add(l, &c);

	check_begin(&c, "cpu_tick", "cpu", "host");
	c.unit = "s";
	c.expected = check_range(NAN, 1e-3);
	c.hint = "rusage counts whole ticks here: user and system times of runs "
	    "shorter than a few ticks are noise";
	if (isfinite(rstep)) {
		c.measured = json_real(rstep);
		c.status = rstep <= 1e-3 ? CHECK_PASS : CHECK_WARN;
	}
	check_detail(&c, "smallest step seen: getrusage %.3g s, /proc/self/stat "
	    "%.3g s (USER_HZ tick %.3g s)", rstep, pstep > 0 ? (double)pstep *
	    tick : NAN, tick);
	check_add(l, &c);
}

static void
memory_check(const struct sysmeasure_opts *o, struct checklist *l)
{
	size_t mib = o->quick ? 16 : 64, bytes = mib << 20, i;
	long rss0, rss1, max0, max1, page = sysconf(_SC_PAGESIZE);
	volatile char *p;
	double want = (double)(mib * 1024), got;
	struct check c;

	rss0 = proc_rss_kib();
	max0 = ru_maxrss_kib();
	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		p = NULL;
	for (i = 0; p && i < bytes; i += (size_t)page)
		p[i] = 1;
	rss1 = proc_rss_kib();
	max1 = ru_maxrss_kib();
	if (p)
		munmap((void *)p, bytes);

	check_begin(&c, "rss_proc", "memory", "host");
	c.unit = "kib";
	c.expected = check_range(0.95 * want, 1.25 * want);
	c.hint = "The resident set in /proc does not follow a known "
	    "allocation: peak memory figures are not reliable here";
	if (p && rss0 >= 0 && rss1 >= 0) {
		got = (double)(rss1 - rss0);
		c.measured = json_real(got);
		c.status = check_grade(got, 0.95 * want, 1.25 * want, 0.5 * want,
		    2 * want);
		check_detail(&c, "touched %zu MiB (%.0f KiB): the resident "
		    "set of /proc/self/stat grew %ld -> %ld KiB", mib, want,
		    rss0, rss1);
	} else
		check_detail(&c, "%s", p ? "/proc/self/stat: no resident set" :
		    "could not map the test memory");
	check_add(l, &c);

	check_begin(&c, "rss_rusage", "memory", "host");
	c.unit = "kib";
	c.expected = check_range(0.95 * want, 1.25 * want);
	c.hint = "ru_maxrss does not follow a known allocation (units or "
	    "accounting): peak memory from wait4 is not reliable here";
	if (p) {
		got = (double)(max1 - max0);
		c.measured = json_real(got);
		c.status = check_grade(got, 0.95 * want, 1.25 * want, 0.5 * want,
		    2 * want);
		check_detail(&c, "touched %zu MiB (%.0f KiB): ru_maxrss grew %ld "
		    "-> %ld KiB", mib, want, max0, max1);
	} else
		check_detail(&c, "could not map the test memory");
	check_add(l, &c);
}

/* A fixed amount of work: the same instructions every time. */
static uint64_t
work(uint64_t iters)
{
	volatile uint64_t x = 1;
	uint64_t i;

	for (i = 0; i < iters; i++)
		x = x * 6364136223846793005u + 1442695040888963407u;
	return x;
}

static void
noise_check(const struct sysmeasure_opts *o, struct calib *cal,
    struct checklist *l)
{
	size_t reps = o->quick ? 12 : 40, i, ncpu = 0;
	double target = o->quick ? 0.002 : 0.005, t0, d, *x, worst = NAN, cv;
	uint64_t iters = 1000;
	cpu_set_t home, one;
	struct check c;
	char detail[512] = "";
	size_t len = 0;
	int cpu, pinned;

	/* Iterations for about target seconds. */
	do {
		iters *= 2;
		t0 = timeutil_mono();
		work(iters);
		d = timeutil_mono() - t0;
	} while (d < target / 4 && iters < (1ull << 40));
	iters = (uint64_t)((double)iters * target / d);
	x = xcalloc(reps, sizeof *x);
	pinned = sched_getaffinity(0, sizeof home, &home) == 0;
	for (cpu = 0; cpu < (pinned ? CPU_SETSIZE : 1); cpu++) {
		if (pinned) {
			if (!CPU_ISSET(cpu, &home))
				continue;
			CPU_ZERO(&one);
			CPU_SET(cpu, &one);
			if (sched_setaffinity(0, sizeof one, &one) < 0)
				continue;
		}
		work(iters);	/* warm-up, not counted */
		for (i = 0; i < reps; i++) {
			t0 = timeutil_mono();
			work(iters);
			x[i] = timeutil_mono() - t0;
		}
		cv = 100 * stats_sd(x, reps) / stats_mean(x, reps);
		if (isnan(worst) || cv > worst)
			worst = cv;
		ncpu++;
		if (len < sizeof detail)
			len += (size_t)snprintf(detail + len, sizeof detail - len,
			    "%s%s%d %.2f%%", ncpu > 1 ? ", " : "", pinned ? "cpu" :
			    "unpinned", pinned ? cpu : 0, cv);
	}
	if (pinned)
		sched_setaffinity(0, sizeof home, &home);
	free(x);
	cal->noise_cv_pct = worst;
	check_begin(&c, "noise_cv", "noise", "host");
	c.unit = "pct";
	c.measured = json_real(worst);
	c.expected = check_range(NAN, 1);
	c.status = check_grade(worst, NAN, 1, NAN, 5);
	c.hint = "identical work takes varying time: stop other work, fix the "
	    "frequency, isolate CPUs; differences below this are noise";
	check_detail(&c, "CV of %zu identical loops of %.1f ms, per CPU (the "
	    "worst is measured): %s", reps, target * 1e3, detail);
	check_add(l, &c);
}

/* Spawns argv n times; the wall times go to x.  Returns how many ran. */
static size_t
spawn_times(char *const argv[], size_t n, double *x)
{
	size_t i, k = 0;
	int status, to;
	pid_t pid;
	double t0;

	for (i = 0; i < n; i++) {
		t0 = timeutil_mono();
		if (launch_argv(argv, &pid) != 0)
			break;
		if (launch_wait(pid, 0, 0, &status, NULL, &to) < 0)
			break;
		x[k++] = timeutil_mono() - t0;
	}
	return k;
}

static void
spawn_checks(const struct sysmeasure_opts *o, struct calib *cal,
    struct checklist *l)
{
	char *tru[] = { "/bin/true", NULL }, *sh[] = { "/bin/sh", "-c", "true",
	    NULL };
	size_t n = o->quick ? 30 : 200, k;
	double *x = xcalloc(n, sizeof *x);
	struct check c;

	k = spawn_times(tru, n, x);
	check_begin(&c, "spawn_floor", "timing", "host");
	c.unit = "s";
	c.expected = check_range(NAN, 0.005);
	c.hint = "starting a command is slow here: runs shorter than ten times "
	    "this measure mostly the start-up";
	if (k == n) {
		calib_dist_set(&cal->spawn, x, k);
		cal->spawn_floor = cal->spawn.median;
		c.measured = json_real(cal->spawn_floor);
		c.status = check_grade(cal->spawn_floor, NAN, 0.005, NAN, 0.05);
		check_detail(&c, "posix_spawn and wait of /bin/true, %zu times: "
		    "median %.1f us, sd %.1f us, p5 %.1f us, p95 %.1f us", k,
		    cal->spawn.median * 1e6, cal->spawn.sd * 1e6,
		    cal->spawn.p5 * 1e6, cal->spawn.p95 * 1e6);
	} else
		check_detail(&c, "/bin/true could not be run");
	check_add(l, &c);

	k = spawn_times(sh, n / 2, x);
	check_begin(&c, "shell_overhead", "timing", "host");
	c.unit = "s";
	c.expected = check_range(NAN, 0.01);
	c.hint = "a shell start-up is slow here: use perf-time without --shell, "
	    "or subtract it";
	if (k == n / 2 && !isnan(cal->spawn_floor)) {
		calib_dist_set(&cal->shell, x, k);
		cal->shell_overhead = fmax(0, cal->shell.median - cal->spawn_floor);
		c.measured = json_real(cal->shell_overhead);
		c.status = check_grade(cal->shell_overhead, NAN, 0.01, NAN, 0.1);
		check_detail(&c, "sh -c true, %zu times: median %.1f us (sd %.1f "
		    "us, p95 %.1f us), %.1f us over /bin/true", k,
		    cal->shell.median * 1e6, cal->shell.sd * 1e6,
		    cal->shell.p95 * 1e6, cal->shell_overhead * 1e6);
	} else
		check_detail(&c, "/bin/sh -c true could not be run");
	check_add(l, &c);
	free(x);
}

void
sysmeasure_run(const struct sysmeasure_opts *o, struct calib *cal,
    struct checklist *l)
{
	/* Memory first, while this process's peak RSS is still small. */
	memory_check(o, l);
	timer_checks(o, cal, l);
	sleep_check(l, "sleep_overshoot_1ms", 0.001, o->quick ? 50 : 300);
	sleep_check(l, "sleep_overshoot_10ms", 0.010, o->quick ? 15 : 100);
	sleep_check(l, "sleep_overshoot_100ms", 0.100, o->quick ? 3 : 20);
	cputime_checks(o, l);
	noise_check(o, cal, l);
	spawn_checks(o, cal, l);
}
