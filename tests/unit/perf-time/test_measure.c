/* test_measure.c - one measured run: wall time, rusage, status, signal,
 * timeout, I/O bytes, a stop request, the shell's start-up. */
#include <errno.h>
#include <math.h>
#include <stdio.h>

#include "measure.h"
#include "tap.h"
#include "util/timeutil.h"

int
main(void)
{
	struct measure m;
	struct measure_result r;
	struct launch_opts o;
	volatile sig_atomic_t stop = 0;
	char cmd[512], *argv[] = { "sh", "-c", "exit 3", NULL };
	char *busy[] = { "sh", "-c",
	    "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done", NULL };
	char *nope[] = { "perfpipe-no-such-command", NULL };
	double over[3];

	measure_init(&m);
	launch_opts_init(&o);
	o.pgroup = 1;
	tap_int(measure_run(&m, &o, argv, &r), 0, "ran");
	tap_ok(r.exit_status == 3 && r.signal == 0 && !r.timed_out,
	    "exit status 3");
	tap_ok(r.wall_s > 0 && r.wall_s < 1, "a wall time (%g s)", r.wall_s);
	tap_ok(r.minor_faults > 0, "faults counted");
	tap_ok(!r.by_cgroup, "measured by rusage");
	tap_ok(isnan(r.counters[0]), "no counters asked: unknown");

	tap_int(measure_run(&m, &o, busy, &r), 0, "a busy child");
	tap_ok(r.user_s + r.sys_s > 0.005, "CPU time (%g s)", r.user_s + r.sys_s);
	tap_ok(r.user_s + r.sys_s <= r.wall_s * 1.05 + 0.002,
	    "no more CPU than wall time on one thread");

	argv[2] = "kill -TERM $$";
	tap_int(measure_run(&m, &o, argv, &r), 0, "killed by a signal");
	tap_ok(r.exit_status == -1 && r.signal == SIGTERM, "signal recorded");

	m.timeout = 0.1;
	argv[2] = "sleep 10";
	tap_int(measure_run(&m, &o, argv, &r), 0, "timed out");
	tap_ok(r.timed_out && r.signal == SIGKILL, "killed at the timeout");
	tap_ok(r.wall_s >= 0.1 && r.wall_s < 2, "after 0.1 s (%g s)", r.wall_s);
	m.timeout = 0;

	tap_int(measure_run(&m, &o, nope, &r), ENOENT, "not found: ENOENT");

	snprintf(cmd, sizeof cmd, "dd if=/dev/zero of=%s/f bs=64k count=16"
	    " status=none", tap_tmpdir());
	argv[2] = cmd;
	tap_int(measure_run(&m, &o, argv, &r), 0, "a writer");
	tap_ok(r.write_bytes >= 1048576 || r.write_bytes == 0,
	    "write_bytes of a child (%g; 0 on file systems that do not"
	    " count)", r.write_bytes);
	tap_ok(fmod(r.read_bytes, 512) == 0 && fmod(r.write_bytes, 512) == 0,
	    "I/O bytes in the kernel's 512-byte units");

	m.stop = &stop;
	stop = 1;
	argv[2] = "sleep 0.05";
	tap_int(measure_run(&m, &o, argv, &r), 0,
	    "a stop flag alone interrupts nothing (no signal came)");

	tap_int(measure_shell(&m, &o, NULL, over), 0, "the shell's start-up");
	tap_ok(over[0] > 0 && over[0] < 0.05, "is short (%g s)", over[0]);
	tap_ok(over[1] >= 0 && over[2] >= 0, "user and system means");
	return tap_done();
}
