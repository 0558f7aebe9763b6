/* sysprobe.c - the machine's configuration checks, read under a root. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmt/jsonio.h"
#include "sys/cgroup.h"
#include "sys/procfile.h"
#include "sys/psi.h"
#include "sysprobe.h"
#include "util/timeutil.h"
#include "util/xalloc.h"

#define CPUDIR "sys/devices/system/cpu"

int
sysprobe_read(const char *root, const char *rel, char *buf, size_t len)
{
	char path[PATH_MAX];
	ssize_t n;
	size_t got = 0;
	int fd;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	while (got + 1 < len && (n = read(fd, buf + got, len - 1 - got)) > 0)
		got += (size_t)n;
	close(fd);
	buf[got] = '\0';
	while (got > 0 && isspace((unsigned char)buf[got - 1]))
		buf[--got] = '\0';
	return 0;
}

/* A whole file of any size (cpuinfo), or NULL.  Free the result. */
static char *
slurp(const char *root, const char *rel)
{
	struct procfile_buf b;
	struct perr e;
	char *path = xasprintf("%s/%s", root, rel), *s = NULL;

	procfile_buf_init(&b);
	if (procfile_slurp(path, &b, &e) == 0)
		s = xstrndup(b.p, b.len);
	procfile_buf_free(&b);
	free(path);
	return s;
}

/* A whole number from a file; LONG_MIN when absent or not a number. */
static long
readlong(const char *root, const char *rel)
{
	char buf[64], *end;
	long v;

	if (sysprobe_read(root, rel, buf, sizeof buf) < 0 || buf[0] == '\0')
		return LONG_MIN;
	errno = 0;
	v = strtol(buf, &end, 10);
	return errno || *end != '\0' ? LONG_MIN : v;
}

/* The number of CPUs in a cpu list ("0-3,6"); -1 when malformed. */
static long
cpulist_count(const char *s)
{
	long n = 0, a, b;
	char *end;

	while (*s) {
		a = strtol(s, &end, 10);
		if (end == s || a < 0)
			return -1;
		b = a;
		if (*end == '-') {
			s = end + 1;
			b = strtol(s, &end, 10);
			if (end == s || b < a)
				return -1;
		}
		n += b - a + 1;
		s = *end == ',' ? end + 1 : end;
		if (*end != ',' && *end != '\0')
			return -1;
	}
	return n;
}

void
sysprobe_snap(const char *root, struct sysprobe_snap *s)
{
	char *t;
	const char *p, *end;
	uint64_t v;
	int i;

	memset(s, 0, sizeof *s);
	s->mono = timeutil_mono();
	if ((t = slurp(root, "proc/stat")) != NULL && strncmp(t, "cpu ", 4) == 0) {
		end = t + strlen(t);
		p = t + 4;
		/* user nice system idle iowait irq softirq steal: guest and
		 * guest_nice are already in user and nice. */
		for (i = 0; i < 8 && (p = procfile_scan_u64(p, end, &v)); i++) {
			s->total += v;
			if (i == 7)
				s->steal = v;
		}
		s->have_stat = i == 8;
	}
	free(t);
	if ((t = slurp(root, "proc/vmstat")) != NULL) {
		struct pkey k[2] = { { "pswpin ", 7 }, { "pswpout ", 8 } };
		size_t off[2] = { PROCFILE_NOWHERE, PROCFILE_NOWHERE };
		const char *at[2];

		end = t + strlen(t);
		if (procfile_scan_keys(t, strlen(t), k, 2, off, at) == 2 &&
		    procfile_scan_u64(at[0], end, &s->pswpin) &&
		    procfile_scan_u64(at[1], end, &s->pswpout))
			s->have_vmstat = 1;
	}
	free(t);
}

/* A check about a word read from a file: pass when it is one of good. */
static void
word_check(struct checklist *l, const char *name, const char *group,
    const char *word, const char *file, const char *good, const char *hint,
    enum check_status bad)
{
	struct check c;
	char list[128], *tok, *save;

	check_begin(&c, name, group, "host");
	c.unit = "text";
	c.hint = hint;
	snprintf(list, sizeof list, "%s", good);
	c.expected = json_object();
	xjsonio_set(c.expected, "values", json_array());
	for (tok = strtok_r(list, "|", &save); tok; tok = strtok_r(NULL, "|",
	    &save))
		json_array_append_new(json_object_get(c.expected, "values"),
		    json_string(tok));
	if (word == NULL) {
		check_detail(&c, "/%s: not found", file);
	} else {
		c.measured = json_string(word);
		snprintf(list, sizeof list, "|%s|", good);
		c.status = strstr(list, word) && word[0] &&
		    strstr(list, word)[-1] == '|' &&
		    strstr(list, word)[strlen(word)] == '|' ? CHECK_PASS : bad;
		check_detail(&c, "/%s: %s", file, word);
	}
	if (c.measured && !json_is_string(c.measured)) {
		json_decref(c.measured);
		c.measured = json_string("(not UTF-8)");
	}
	check_add(l, &c);
}

static void
timing_checks(const char *root, struct calib *cal, struct checklist *l)
{
	char cur[64], avail[256];
	struct check c;
	long slack;

	if (sysprobe_read(root, CPUDIR "/../clocksource/clocksource0/"
	    "current_clocksource", cur, sizeof cur) == 0 && cur[0]) {
		snprintf(cal->clocksource, sizeof cal->clocksource, "%s", cur);
		word_check(l, "clocksource", "timing", cur,
		    "sys/devices/system/clocksource/clocksource0/"
		    "current_clocksource", "tsc|kvm-clock|arch_sys_counter",
		    "a slow clock source (hpet, acpi_pm) makes every clock read "
		    "a system call: choose tsc if available "
		    "(echo tsc > /sys/devices/system/clocksource/clocksource0/"
		    "current_clocksource)", CHECK_WARN);
		if (sysprobe_read(root, "sys/devices/system/clocksource/"
		    "clocksource0/available_clocksource", avail,
		    sizeof avail) == 0) {
			json_t *last = checklist_last(l);
			char *d = xasprintf("%s (available: %s)",
			    json_string_value(json_object_get(last, "detail")),
			    avail);
			json_t *js = json_string(d);

			if (js)
				json_object_set_new(last, "detail", js);
			free(d);
		}
	} else
		word_check(l, "clocksource", "timing", NULL,
		    "sys/devices/system/clocksource/clocksource0/"
		    "current_clocksource", "tsc|kvm-clock|arch_sys_counter",
		    NULL, CHECK_WARN);

	check_begin(&c, "timer_slack", "timing", "host");
	c.unit = "ns";
	c.expected = check_range(NAN, 50000);
	c.hint = "a large timer slack delays every sleep: prctl(PR_SET_TIMERSLACK) "
	    "or the cgroup's timer slack";
	if ((slack = readlong(root, "proc/self/timerslack_ns")) == LONG_MIN)
		check_detail(&c, "/proc/self/timerslack_ns: not found");
	else {
		c.measured = json_integer(slack);
		c.status = slack <= 50000 ? CHECK_PASS : CHECK_WARN;
		check_detail(&c, "/proc/self/timerslack_ns: %ld ns (kernel "
		    "default 50000)", slack);
	}
	check_add(l, &c);
}

static void
cpu_checks(const char *root, struct calib *cal, struct checklist *l)
{
	char buf[256], rel[128], gov0[64] = "", cmd[4096];
	const char *hint, *p;
	struct check c;
	long v, n, other = 0, cpu;

	if (sysprobe_read(root, CPUDIR "/online", buf, sizeof buf) == 0 &&
	    (n = cpulist_count(buf)) > 0)
		cal->cpu_count = n;

	/* The governor of every CPU that has one; cpu0's is the measured. */
	for (cpu = 0; cpu < 8192; cpu++) {
		snprintf(rel, sizeof rel, CPUDIR "/cpu%ld/cpufreq/"
		    "scaling_governor", cpu);
		if (sysprobe_read(root, rel, buf, 64) < 0)
			break;
		if (cpu == 0)
			snprintf(gov0, sizeof gov0, "%.63s", buf);
		else if (strcmp(buf, gov0) != 0)
			other++;
	}
	snprintf(cal->governor, sizeof cal->governor, "%s", gov0);
	cal->freq_min_hz = (v = readlong(root, CPUDIR
	    "/cpu0/cpufreq/scaling_min_freq")) == LONG_MIN ? NAN : v * 1e3;
	cal->freq_max_hz = (v = readlong(root, CPUDIR
	    "/cpu0/cpufreq/scaling_max_freq")) == LONG_MIN ? NAN : v * 1e3;
	hint = "set the performance governor: cpupower frequency-set -g "
	    "performance";
	word_check(l, "cpu_governor", "cpu", gov0[0] ? gov0 : NULL,
	    CPUDIR "/cpu0/cpufreq/scaling_governor", "performance", hint,
	    CHECK_WARN);
	if (other) {
		json_t *last = checklist_last(l);
		char *d = xasprintf("%s; %ld of %ld CPUs have another governor",
		    json_string_value(json_object_get(last, "detail")), other, cpu);

		/* With the totals: a governor check counted as a pass was
		 * shown as a warning. */
		checklist_restatus(l, CHECK_WARN, hint);
		json_object_set_new(last, "detail", json_string(d));
		free(d);
	}

	/* Turbo: intel_pstate says no_turbo, other drivers cpufreq/boost. */
	check_begin(&c, "turbo", "cpu", "host");
	c.unit = "bool";
	c.expected = json_object();
	xjsonio_set(c.expected, "values", json_pack("[b]", 0));
	c.hint = "turn turbo off: echo 1 > /sys/devices/system/cpu/intel_pstate/"
	    "no_turbo (or 0 > cpufreq/boost)";
	if ((v = readlong(root, CPUDIR "/intel_pstate/no_turbo")) != LONG_MIN) {
		cal->turbo = v == 0;
		check_detail(&c, "/" CPUDIR "/intel_pstate/no_turbo: %ld", v);
	} else if ((v = readlong(root, CPUDIR "/cpufreq/boost")) != LONG_MIN) {
		cal->turbo = v != 0;
		check_detail(&c, "/" CPUDIR "/cpufreq/boost: %ld", v);
	} else
		check_detail(&c, "neither /" CPUDIR "/intel_pstate/no_turbo nor /"
		    CPUDIR "/cpufreq/boost exists");
	if (cal->turbo >= 0) {
		c.measured = json_boolean(cal->turbo);
		c.status = cal->turbo ? CHECK_WARN : CHECK_PASS;
	}
	check_add(l, &c);

	check_begin(&c, "smt", "cpu", "host");
	c.unit = "bool";
	c.expected = json_object();
	xjsonio_set(c.expected, "values", json_pack("[b]", 0));
	c.hint = "sibling hyperthreads share a core: echo off > "
	    "/sys/devices/system/cpu/smt/control, or keep the sibling idle";
	if ((v = readlong(root, CPUDIR "/smt/active")) != LONG_MIN) {
		cal->smt = v != 0;
		c.measured = json_boolean(cal->smt);
		c.status = cal->smt ? CHECK_WARN : CHECK_PASS;
		check_detail(&c, "/" CPUDIR "/smt/active: %ld", v);
	} else
		check_detail(&c, "/" CPUDIR "/smt/active: not found");
	check_add(l, &c);

	/* Isolation: the kernel's isolated list and the boot parameters. */
	check_begin(&c, "cpu_isolation", "cpu", "host");
	c.unit = "text";
	c.hint = "isolate CPUs for benchmarks (isolcpus=, nohz_full=, "
	    "rcu_nocbs= on the kernel command line) and pin runs to them "
	    "(perf-time --cpu)";
	c.expected = check_range(NAN, NAN);
	if (sysprobe_read(root, CPUDIR "/isolated", buf, sizeof buf) == 0) {
		char nohz[128] = "";

		cal->isolated_known = 1;
		snprintf(cal->isolated, sizeof cal->isolated, "%s", buf);
		if (sysprobe_read(root, "proc/cmdline", cmd, sizeof cmd) == 0 &&
		    (p = strstr(cmd, "nohz_full=")) != NULL)
			snprintf(nohz, sizeof nohz, "%.*s", (int)strcspn(p + 10,
			    " "), p + 10);
		c.measured = json_string(buf[0] ? buf : "none");
		n = buf[0] ? cpulist_count(buf) : 0;
		/* With fewer than 4 CPUs isolating one leaves too few. */
		c.status = n > 0 || cal->cpu_count < 4 ? CHECK_PASS : CHECK_WARN;
		check_detail(&c, "/" CPUDIR "/isolated: %s; nohz_full: %s; "
		    "%ld CPUs online", buf[0] ? buf : "none",
		    nohz[0] ? nohz : "none", cal->cpu_count);
	} else
		check_detail(&c, "/" CPUDIR "/isolated: not found");
	check_add(l, &c);

	check_begin(&c, "perf_event_paranoid", "cpu", "host");
	c.unit = "none";
	c.expected = check_range(-1, 2);
	c.hint = "hardware counters need kernel.perf_event_paranoid <= 2: "
	    "sysctl kernel.perf_event_paranoid=2";
	if ((v = readlong(root, "proc/sys/kernel/perf_event_paranoid")) !=
	    LONG_MIN) {
		cal->paranoid = v < -1 ? -1 : v > 4 ? 4 : v;
		c.measured = json_integer(v);
		c.status = v <= 2 ? CHECK_PASS : CHECK_WARN;
		check_detail(&c, "/proc/sys/kernel/perf_event_paranoid: %ld", v);
	} else
		check_detail(&c, "/proc/sys/kernel/perf_event_paranoid: not found");
	check_add(l, &c);
}

/* Whether the hex mask (with commas) has bit cpu set. */
static int
mask_has(const char *mask, long cpu)
{
	size_t len = strlen(mask);
	long bit = 0;
	int d;

	while (len-- > 0) {
		if (mask[len] == ',')
			continue;
		d = isdigit((unsigned char)mask[len]) ? mask[len] - '0' :
		    tolower((unsigned char)mask[len]) - 'a' + 10;
		if (cpu >= bit && cpu < bit + 4)
			return (d >> (cpu - bit)) & 1;
		bit += 4;
	}
	return 0;
}

static void
irq_check(const char *root, const struct calib *cal, struct checklist *l)
{
	char mask[256], iso[256], *s, *end;
	struct check c;
	long a, b, hit = 0;

	check_begin(&c, "irq_affinity", "cpu", "host");
	c.unit = "text";
	c.expected = check_range(NAN, NAN);
	c.hint = "interrupts land on the isolated CPUs: write a mask without "
	    "them to /proc/irq/default_smp_affinity (and stop irqbalance)";
	if (sysprobe_read(root, "proc/irq/default_smp_affinity", mask,
	    sizeof mask) < 0) {
		check_detail(&c, "/proc/irq/default_smp_affinity: not found");
		check_add(l, &c);
		return;
	}
	c.measured = json_string(mask);
	snprintf(iso, sizeof iso, "%s", cal->isolated);
	for (s = iso; *s; s = *end ? end + 1 : end) {
		a = b = strtol(s, &end, 10);
		if (*end == '-')
			b = strtol(end + 1, &end, 10);
		for (; a <= b; a++)
			hit += mask_has(mask, a);
		if (end == s)
			break;
	}
	c.status = hit ? CHECK_WARN : CHECK_PASS;
	check_detail(&c, "/proc/irq/default_smp_affinity: %s; %ld isolated "
	    "CPUs in it", mask, hit);
	check_add(l, &c);
}

/* The word in brackets of a sysfs choice ("always [madvise] never"). */
static const char *
chosen(char *s)
{
	char *a = strchr(s, '['), *b;

	if (a == NULL || (b = strchr(a, ']')) == NULL)
		return NULL;
	*b = '\0';
	return a + 1;
}

static void
memory_checks(const char *root, const struct sysprobe_snap *a,
    const struct sysprobe_snap *b, struct checklist *l)
{
	char buf[256];
	struct check c;
	double win = b->mono - a->mono;
	uint64_t pages;

	if (sysprobe_read(root, "sys/kernel/mm/transparent_hugepage/enabled",
	    buf, sizeof buf) == 0)
		word_check(l, "transparent_hugepages", "memory", chosen(buf),
		    "sys/kernel/mm/transparent_hugepage/enabled",
		    "madvise|never", "THP always makes page faults and memory "
		    "use depend on khugepaged: echo madvise > "
		    "/sys/kernel/mm/transparent_hugepage/enabled", CHECK_WARN);
	else
		word_check(l, "transparent_hugepages", "memory", NULL,
		    "sys/kernel/mm/transparent_hugepage/enabled",
		    "madvise|never", NULL, CHECK_WARN);

	check_begin(&c, "swap_activity", "memory", "host");
	c.unit = "per_s";
	c.expected = check_range(NAN, 0);
	c.hint = "the machine is swapping: free memory or stop other work";
	if (!a->have_vmstat || !b->have_vmstat)
		check_detail(&c, "/proc/vmstat: no pswpin/pswpout");
	else if (win < 0.5)
		check_detail(&c, "/proc/vmstat: a window of %.3f s is too short "
		    "to see swapping", win);
	else {
		pages = (b->pswpin - a->pswpin) + (b->pswpout - a->pswpout);
		c.measured = json_real((double)pages / win);
		c.status = pages == 0 ? CHECK_PASS : CHECK_WARN;
		check_detail(&c, "/proc/vmstat: %llu pages swapped in or out "
		    "in %.1f s", (unsigned long long)pages, win);
	}
	check_add(l, &c);
}

static void
psi_check(const char *root, struct checklist *l, int res, const char *group)
{
	char rel[64], name[32], *t;
	struct psi p;
	struct check c;

	snprintf(rel, sizeof rel, "proc/pressure/%s", psi_names[res]);
	snprintf(name, sizeof name, "pressure_%s", psi_names[res]);
	check_begin(&c, xstrdup(name), group, "host");
	c.unit = "pct";
	c.expected = check_range(NAN, 1);
	c.hint = "tasks stall waiting for this resource: something else is "
	    "using the machine";
	if ((t = slurp(root, rel)) == NULL)
		check_detail(&c, "/%s: not found (no PSI)", rel);
	else if (psi_parse(t, strlen(t), &p) != 0 || isnan(p.some_avg10))
		check_detail(&c, "/%s: malformed", rel);
	else {
		c.measured = json_real(p.some_avg10);
		c.status = check_grade(p.some_avg10, NAN, 1, NAN, 10);
		check_detail(&c, "/%s: some avg10 %.2f%%", rel, p.some_avg10);
	}
	free(t);
	check_add(l, &c);
	free((char *)c.name);
}

static void
noise_checks(const char *root, const struct sysprobe_snap *a,
    const struct sysprobe_snap *b, struct calib *cal, struct checklist *l)
{
	char buf[256], *t;
	struct check c;
	double load, steal;
	long v;

	check_begin(&c, "aslr", "noise", "host");
	c.unit = "none";
	c.expected = json_object();
	xjsonio_set(c.expected, "values", json_pack("[i]", 2));
	c.hint = "with ASLR off or partial every run sees one memory layout, and "
	    "a result may hold for that layout only: sysctl "
	    "kernel.randomize_va_space=2";
	if ((v = readlong(root, "proc/sys/kernel/randomize_va_space")) !=
	    LONG_MIN) {
		cal->aslr = v < 0 ? 0 : v > 2 ? 2 : v;
		c.measured = json_integer(v);
		c.status = v == 2 ? CHECK_PASS : CHECK_WARN;
		check_detail(&c, "/proc/sys/kernel/randomize_va_space: %ld", v);
	} else
		check_detail(&c, "/proc/sys/kernel/randomize_va_space: not found");
	check_add(l, &c);

	check_begin(&c, "load_average", "noise", "host");
	c.unit = "none";
	c.hint = "other work is running: wait for a quiet machine";
	if (sysprobe_read(root, "proc/loadavg", buf, sizeof buf) == 0 &&
	    procfile_scan_dec(buf, buf + strlen(buf), &load) != NULL) {
		cal->load1 = load;
		c.measured = json_real(load);
		if (cal->cpu_count > 0) {
			c.expected = check_range(NAN, 0.5 * (double)cal->cpu_count);
			c.status = check_grade(load, NAN, 0.5 * (double)
			    cal->cpu_count, NAN, (double)cal->cpu_count);
			check_detail(&c, "/proc/loadavg: 1-minute load %.2f on %ld "
			    "CPUs", load, cal->cpu_count);
		} else
			check_detail(&c, "/proc/loadavg: 1-minute load %.2f; the "
			    "number of CPUs is not known", load);
	} else
		check_detail(&c, "/proc/loadavg: not found");
	check_add(l, &c);

	psi_check(root, l, PSI_CPU, "noise");
	psi_check(root, l, PSI_MEMORY, "memory");
	psi_check(root, l, PSI_IO, "noise");

	check_begin(&c, "steal", "noise", "host");
	c.unit = "pct";
	c.expected = check_range(NAN, 1);
	c.hint = "the hypervisor gives this VM's CPU time to others: use a "
	    "dedicated host or instance";
	if (a->have_stat && b->have_stat && b->total > a->total) {
		steal = 100.0 * (double)(b->steal - a->steal) /
		    (double)(b->total - a->total);
		check_detail(&c, "/proc/stat: steal %.2f%% of CPU time during the "
		    "%.1f s of the checks", steal, b->mono - a->mono);
	} else if (b->have_stat && b->total > 0) {
		steal = 100.0 * (double)b->steal / (double)b->total;
		check_detail(&c, "/proc/stat: steal %.2f%% of CPU time since boot",
		    steal);
	} else {
		steal = NAN;
		check_detail(&c, "/proc/stat: no cpu line");
	}
	if (!isnan(steal)) {
		c.measured = json_real(steal);
		c.status = check_grade(steal, NAN, 1, NAN, 5);
	}
	check_add(l, &c);

	/* A VM from DMI or the cpuinfo flag; a container from its marks. */
	check_begin(&c, "virtualization", "noise", "host");
	c.unit = "text";
	c.expected = check_word("none");
	c.hint = "a virtual machine shares its host: expect steal and noisy "
	    "neighbours; prefer bare metal for small differences";
	{
		char vendor[128] = "", *cg;
		int dmi = sysprobe_read(root, "sys/class/dmi/id/sys_vendor", vendor,
		    sizeof vendor) == 0, flag = -1, docker;
		const char *vm = NULL, *ct = NULL;

		if ((t = slurp(root, "proc/cpuinfo")) != NULL) {
			flag = strstr(t, " hypervisor") != NULL;
			free(t);
		}
		if (strstr(vendor, "QEMU") || strstr(vendor, "KVM"))
			vm = "kvm";
		else if (strstr(vendor, "VMware"))
			vm = "vmware";
		else if (strstr(vendor, "Xen"))
			vm = "xen";
		else if (strstr(vendor, "Microsoft"))
			vm = "hyperv";
		else if (strstr(vendor, "innotek") || strstr(vendor, "Oracle"))
			vm = "virtualbox";
		else if (strstr(vendor, "Amazon"))
			vm = "amazon";
		else if (strstr(vendor, "Google"))
			vm = "google";
		else if (flag == 1)
			vm = "vm";
		docker = sysprobe_read(root, ".dockerenv", buf, 2) == 0;
		cg = slurp(root, "proc/1/cgroup");
		if (docker || (cg && strstr(cg, "docker")))
			ct = "docker";
		else if (sysprobe_read(root, "run/.containerenv", buf, 2) == 0)
			ct = "podman";
		else if (cg && strstr(cg, "kubepods"))
			ct = "kubernetes";
		else if (cg && strstr(cg, "lxc"))
			ct = "lxc";
		free(cg);
		if (vm || ct) {
			snprintf(cal->virt, sizeof cal->virt, "%s%s%s", vm ? vm : "",
			    vm && ct ? "+" : "", ct ? ct : "");
			c.measured = json_string(cal->virt);
			c.status = vm ? CHECK_WARN : CHECK_PASS;
		} else if (dmi || flag == 0) {
			snprintf(cal->virt, sizeof cal->virt, "none");
			c.measured = json_string("none");
			c.status = CHECK_PASS;
		}
		check_detail(&c, "sys_vendor: %s; cpuinfo hypervisor flag: %s; "
		    "container: %s", dmi ? vendor : "not found", flag < 0 ?
		    "no cpuinfo" : flag ? "yes" : "no", ct ? ct : "none seen");
	}
	check_add(l, &c);
}

/* The CPU limit of our own cgroup (cpu.max) and whether it throttled. */
static void
cgroup_check(const char *root, struct checklist *l)
{
	char procdir[PATH_MAX], rel[PATH_MAX], buf[128], *dir = NULL;
	struct check c;
	struct perr e;
	double quota, period;
	char *t;

	check_begin(&c, "cgroup_cpu_limit", "cpu", "host");
	c.unit = "none";
	c.hint = "the cgroup's cpu.max quota throttles runs: raise or remove it";
	c.expected = check_word("max");
	snprintf(procdir, sizeof procdir, "%s/proc/self", root);
	if (cgroup_self(procdir, &dir, &e) < 0) {
		check_detail(&c, "%s", e.msg);
	} else {
		snprintf(rel, sizeof rel, "%s/cpu.max", dir + (*dir == '/'));
		if (sysprobe_read(root, rel, buf, sizeof buf) < 0) {
			check_detail(&c, "%s/cpu.max: not found (no cpu controller "
			    "here)", dir);
		} else if (strncmp(buf, "max", 3) == 0) {
			c.measured = json_string("max");
			c.status = CHECK_PASS;
			check_detail(&c, "%s/cpu.max: %s (no quota)", dir, buf);
		} else if (sscanf(buf, "%lf %lf", &quota, &period) == 2 &&
		    period > 0) {
			c.measured = json_real(quota / period);
			c.unit = "none";
			c.status = CHECK_WARN;
			snprintf(rel, sizeof rel, "%s/cpu.stat", dir + (*dir == '/'));
			t = slurp(root, rel);
			check_detail(&c, "%s/cpu.max: %s, a quota of %.2f CPUs%s",
			    dir, buf, quota / period, t && strstr(t,
			    "nr_throttled 0") == NULL ? "; cpu.stat shows throttling"
			    : "");
			free(t);
		} else
			check_detail(&c, "%s/cpu.max: malformed", dir);
	}
	free(dir);
	check_add(l, &c);
}

void
sysprobe_checks(const char *root, const struct sysprobe_snap *a,
    const struct sysprobe_snap *b, struct calib *cal, struct checklist *l)
{
	timing_checks(root, cal, l);
	cpu_checks(root, cal, l);
	irq_check(root, cal, l);
	cgroup_check(root, l);
	memory_checks(root, a, b, l);
	noise_checks(root, a, b, cal, l);
}
