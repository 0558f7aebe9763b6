/* measure.c - one run: spawn, wait, and what the kernel counted. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "measure.h"
#include "stats/stats.h"
#include "util/timeutil.h"

void
measure_init(struct measure *m)
{
	m->cg = NULL;
	m->pe = NULL;
	m->timeout = 0;
	m->stop = NULL;
	m->self_kib = 0;
}

/* Fills r from the wait status and rusage. */
static void
fill(struct measure_result *r, int status, const struct rusage *ru)
{
	r->user_s = timeutil_from_tv(ru->ru_utime.tv_sec, ru->ru_utime.tv_usec);
	r->sys_s = timeutil_from_tv(ru->ru_stime.tv_sec, ru->ru_stime.tv_usec);
	r->max_rss_kib = (double)ru->ru_maxrss;
	r->minor_faults = (double)ru->ru_minflt;
	r->major_faults = (double)ru->ru_majflt;
	r->vol_ctx_switches = (double)ru->ru_nvcsw;
	r->invol_ctx_switches = (double)ru->ru_nivcsw;
	r->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	r->signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

int
measure_run(struct measure *m, const struct launch_opts *o,
    char *const argv[], struct measure_result *r)
{
	struct cgrun_usage cu;
	struct launch_opts cgo;
	struct rusage ru, self;
	double t0, t1, deadline = 0;
	pid_t pid;
	int err, status, to, w, i;

	if (m->cg != NULL) {
		if (cgrun_mark(m->cg) < 0)
			return errno;
		cgo = *o;
		cgo.cgroup_fd = m->cg->dir_fd;
		o = &cgo;
	}
	if (m->pe != NULL)
		perfevent_start(m->pe);
	t0 = timeutil_mono();
	err = launch_start(o, argv, &pid);
	if (err != 0) {
		if (m->pe != NULL)
			perfevent_stop(m->pe, r->counters);
		return err;
	}
	if (m->timeout > 0)
		deadline = t0 + m->timeout;
	while ((w = launch_wait(pid, deadline, o->pgroup, &status, &ru,
	    &to)) < 0 && errno == EINTR && (m->stop == NULL || !*m->stop))
		;
	t1 = timeutil_mono();
	if (w < 0) {
		err = errno;
		launch_kill(pid, o->pgroup);
		if (m->cg != NULL)
			cgrun_empty(m->cg);
		if (m->pe != NULL)
			perfevent_stop(m->pe, r->counters);
		errno = err;
		return err == EINTR ? -1 : -2;
	}
	if (m->pe != NULL)
		perfevent_stop(m->pe, r->counters);
	else
		for (i = 0; i < MEASURE_NCOUNTERS; i++)
			r->counters[i] = NAN;
	r->wall_s = t1 - t0;
	r->timed_out = to;
	fill(r, status, &ru);
	/* exec records the old address space's peak as the child's: with
	 * vfork (as with fork) that is ours, so a value not above ours says
	 * only "at most that much": unknown. */
	if (ru.ru_maxrss <= m->self_kib)
		r->max_rss_kib = NAN;
	else {
		/* Our peak only grows, and is only read when it matters: it
		 * is now at least what it was at the spawn. */
		m->self_kib = getrusage(RUSAGE_SELF, &self) == 0 ?
		    self.ru_maxrss : LONG_MAX;
		if (ru.ru_maxrss <= m->self_kib)
			r->max_rss_kib = NAN;
	}
	/* Linux counts ru_inblock and ru_oublock in 512-byte units from the
	 * same task I/O accounting /proc/PID/io shows (storage bytes, the
	 * run's tree included), so wait4 gives them without a read of our
	 * own per run. */
	r->read_bytes = (double)ru.ru_inblock * 512;
	r->write_bytes = (double)ru.ru_oublock * 512;
	r->by_cgroup = 0;
	r->leftovers = 0;
	if (m->cg != NULL) {
		if (cgrun_usage(m->cg, &cu) == 0) {
			r->by_cgroup = 1;
			r->user_s = cu.user_s;
			r->sys_s = cu.sys_s;
			if (!isnan(cu.peak_kib))
				r->max_rss_kib = cu.peak_kib;
			if (!isnan(cu.read_bytes)) {
				r->read_bytes = cu.read_bytes;
				r->write_bytes = cu.write_bytes;
			}
		}
		/* What the run left behind (a timeout's descendants, a
		 * background child) would be charged to the next one: the
		 * cgroup is emptied before that starts. */
		r->leftovers = cgrun_empty(m->cg);
		if (to && r->leftovers > 0)
			r->leftovers = 0;	/* a timeout's, said as such */
	}
	r->cpu_pct = r->wall_s > 0 ? 100 * (r->user_s + r->sys_s) / r->wall_s :
	    NAN;
	return 0;
}

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
measure_shell(struct measure *m, const struct launch_opts *o,
    const char *shell, double over[3])
{
	struct measure_result r;
	char *argv[] = { (char *)(shell ? shell : "sh"), "-c", "", NULL };
	double w[200], u = 0, s = 0, t0 = 0;
	int i, n = 0, err;

	over[0] = over[1] = over[2] = 0;
	for (i = 0; n < 200; i++) {
		if ((err = measure_run(m, o, argv, &r)) != 0)
			return err > 0 ? err : -1;
		if (i < 3) {
			t0 = timeutil_mono();
			continue;
		}
		w[n++] = r.wall_s, u += r.user_s, s += r.sys_s;
		if (n >= 20 && timeutil_mono() - t0 > 0.25)
			break;
	}
	qsort(w, (size_t)n, sizeof *w, cmpd);
	over[0] = stats_median(w, (size_t)n);
	over[1] = u / n, over[2] = s / n;
	return 0;
}
