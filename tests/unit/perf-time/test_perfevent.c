/* test_perfevent.c - counters inherited by children, started and stopped
 * around a run; software counters stand in where no PMU exists. */
#include <linux/perf_event.h>
#include <math.h>
#include <string.h>

#include "perfevent.h"
#include "run/launch.h"
#include "tap.h"

int
main(void)
{
	static const struct perfevent_spec sw[2] = {
		{ "task_clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK },
		{ "bogus", 999, 0 },
	};
	struct perfevent pe;
	struct perr e;
	double v[4];
	char *argv[] = { "sh", "-c",
	    "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done", NULL };
	pid_t pid;
	int status, to, n;

	n = perfevent_open(&pe, perfevent_default, 4, &e);
	if (n == 0)
		tap_ok(strncmp(e.msg, "counter 'instructions': ", 24) == 0,
		    "no hardware counters, the first reason kept: %s", e.msg);
	else
		tap_ok(n > 0, "%d hardware counters opened", n);
	perfevent_start(&pe);
	perfevent_stop(&pe, v);
	tap_ok(n > 0 || (isnan(v[0]) && isnan(v[3])), "unknown where not open");
	perfevent_close(&pe);

	n = perfevent_open(&pe, sw, 2, &e);
	if (n == 0) {
		tap_ok(1, "software counters # SKIP %s", e.msg);
		return tap_done();
	}
	tap_int(n, 1, "one of two opened");
	tap_ok(pe.fd[1] < 0, "the bogus one did not");
	perfevent_start(&pe);
	tap_int(launch_argv(argv, &pid), 0, "spawn a busy child");
	launch_wait(pid, 0, 0, &status, NULL, &to);
	perfevent_stop(&pe, v);
	tap_ok(v[0] > 5e6, "the child's task clock counted (%g ns)", v[0]);
	tap_ok(isnan(v[1]), "the bogus counter is unknown");
	perfevent_start(&pe);
	perfevent_stop(&pe, v);
	tap_ok(v[0] < 5e6, "counts restart at each start (%g ns)", v[0]);
	perfevent_close(&pe);
	return tap_done();
}
