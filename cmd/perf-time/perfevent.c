/* perfevent.c - inherited perf_event_open counters read around a run. */
#include <errno.h>
#include <linux/perf_event.h>
#include <math.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "perfevent.h"

const struct perfevent_spec perfevent_default[4] = {
	{ "instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS },
	{ "cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES },
	{ "branch_misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES },
	{ "cache_misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES },
};

int
perfevent_open(struct perfevent *pe, const struct perfevent_spec *spec,
    int n, struct perr *e)
{
	struct perf_event_attr a;
	int i, ok = 0, first = 0;

	pe->n = n > PERFEVENT_MAX ? PERFEVENT_MAX : n;
	for (i = 0; i < pe->n; i++) {
		memset(&a, 0, sizeof a);
		a.size = sizeof a;
		a.type = spec[i].type;
		a.config = spec[i].config;
		a.disabled = 1;
		a.inherit = 1;
		a.exclude_kernel = 1;
		a.exclude_hv = 1;
		a.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED |
		    PERF_FORMAT_TOTAL_TIME_RUNNING;
		pe->fd[i] = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1,
		    PERF_FLAG_FD_CLOEXEC);
		memset(&pe->base[i], 0, sizeof pe->base[i]);
		if (pe->fd[i] >= 0)
			ok++;
		else if (!first++)
			perr_set(e, "counter '%s': %s", spec[i].name,
			    errno == ENOENT || errno == EOPNOTSUPP ?
			    "not supported by this machine" : strerror(errno));
	}
	return ok;
}

void
perfevent_start(struct perfevent *pe)
{
	int i;

	for (i = 0; i < pe->n; i++)
		if (pe->fd[i] >= 0 && read(pe->fd[i], &pe->base[i],
		    sizeof pe->base[i]) != sizeof pe->base[i])
			memset(&pe->base[i], 0, sizeof pe->base[i]);
	prctl(PR_TASK_PERF_EVENTS_ENABLE, 0, 0, 0, 0);
}

void
perfevent_stop(struct perfevent *pe, double *v)
{
	struct perfevent_reading r;
	uint64_t en, run;
	int i;

	prctl(PR_TASK_PERF_EVENTS_DISABLE, 0, 0, 0, 0);
	for (i = 0; i < pe->n; i++) {
		v[i] = NAN;
		if (pe->fd[i] < 0 || read(pe->fd[i], &r, sizeof r) != sizeof r)
			continue;
		en = r.enabled - pe->base[i].enabled;
		run = r.running - pe->base[i].running;
		if (run == 0)
			continue;
		v[i] = (double)(r.value - pe->base[i].value);
		if (run < en)
			v[i] *= (double)en / (double)run;
	}
}

void
perfevent_close(struct perfevent *pe)
{
	int i;

	for (i = 0; i < pe->n; i++)
		if (pe->fd[i] >= 0)
			close(pe->fd[i]);
	pe->n = 0;
}
