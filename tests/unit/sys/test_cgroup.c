/* test_cgroup.c - cgroup v2 directories from hand-written trees: finding
 * the cgroup2 mount, relative and absolute paths, what is not a cgroup,
 * cpu.stat, memory, io.stat and pressure files. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sys/cgroup.h"
#include "tap.h"

int
main(void)
{
	char root[256], mp[64];
	struct cgroup_reader r;
	struct cgroup_snap s;
	struct perr e;
	const char *mi;
	char *big, *dir;
	size_t i, n;

	mi = "31 23 0:28 / /sys/fs/cgroup rw - tmpfs tmpfs rw\n"
	    "41 31 0:38 / /sys/fs/cgroup/un\\040ified rw,relatime shared:9 - "
	    "cgroup2 cgroup2 rw\n";
	tap_int(cgroup_mountpoint(mi, strlen(mi), mp, sizeof mp), 0,
	    "finds cgroup2 after optional fields");
	tap_str(mp, "/sys/fs/cgroup/un ified", "octal escapes undone");
	mi = "32 31 0:29 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n";
	tap_int(cgroup_mountpoint(mi, strlen(mi), mp, sizeof mp), -1,
	    "cgroup v1 only: none");
	tap_int(cgroup_mountpoint("", 0, mp, sizeof mp), -1, "empty: none");

	snprintf(root, sizeof root, "%s/r", tap_tmpdir());
	tap_put(root, "proc/self/mountinfo",
	    "41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n");
	tap_put(root, "sys/fs/cgroup/unified/cgroup.controllers", "\n");
	tap_put(root, "sys/fs/cgroup/unified/cpu.stat",
	    "usage_usec 100\nuser_usec 60\nsystem_usec 40\n");
	tap_put(root, "sys/fs/cgroup/unified/a/b/cgroup.controllers", "cpu\n");
	tap_put(root, "sys/fs/cgroup/unified/a/b/cpu.stat",
	    "usage_usec 5000\nuser_usec 3000\nsystem_usec 2000\n"
	    "nr_periods 10\nnr_throttled 2\nthrottled_usec 777\n");
	tap_put(root, "sys/fs/cgroup/unified/a/b/memory.current", "1048576\n");
	tap_put(root, "sys/fs/cgroup/unified/a/b/io.stat",
	    "8:0 rbytes=10 wbytes=20 rios=1 wios=2 dbytes=0 dios=0\n"
	    "8:16 rbytes=5 wbytes=5 rios=1 wios=1 dbytes=0 dios=0\n");
	tap_put(root, "sys/fs/cgroup/unified/a/b/cpu.pressure",
	    "some avg10=3.00 avg60=0.00 avg300=0.00 total=900\n"
	    "full avg10=1.00 avg60=0.00 avg300=0.00 total=300\n");
	tap_put(root, "sys/fs/cgroup/unified/c/cgroup.controllers", "\n");
	tap_put(root, "sys/fs/cgroup/unified/d/x", "\n");

	tap_int(cgroup_open(&r, root, "a/b", &e), 0, "a path below the mount");
	tap_str(r.name, "/a/b", "its name");
	tap_int(cgroup_read(&r, &s, &e), 0, "reads it");
	tap_ok(s.usage_us == 5000 && s.user_us == 3000 && s.system_us == 2000,
	    "cpu times");
	tap_ok(s.periods == 10 && s.throttled == 2 && s.throttled_us == 777,
	    "throttling");
	tap_int((long long)s.mem_cur, 1048576, "memory.current");
	tap_ok(s.mem_peak == PROCFILE_NONE, "no memory.peak: unknown");
	tap_ok(s.rbytes == 15 && s.wbytes == 25 && s.rios == 2 && s.wios == 3,
	    "io.stat summed over devices");
	tap_num(s.psi[PSI_CPU].full_avg10, 1, 0, 1e-12, "cpu.pressure");
	tap_ok(s.psi[PSI_IO].some_total == PROCFILE_NONE, "no io.pressure");
	cgroup_close(&r);

	tap_int(cgroup_open(&r, root, "/a/b/", &e), 0,
	    "a leading slash: still below the mount");
	tap_str(r.name, "/a/b", "trailing slash dropped");
	cgroup_close(&r);
	tap_int(cgroup_open(&r, root, "/sys/fs/cgroup/unified/a/b", &e), 0,
	    "an absolute path");
	tap_str(r.name, "/a/b", "named below the mount");
	cgroup_close(&r);
	tap_int(cgroup_open(&r, root, "/", &e), 0, "the top");
	tap_str(r.name, "/", "named /");
	tap_int(cgroup_read(&r, &s, &e), 0, "reads the top");
	tap_ok(s.periods == PROCFILE_NONE && s.mem_cur == PROCFILE_NONE &&
	    s.rbytes == PROCFILE_NONE, "what the top lacks is unknown");
	cgroup_close(&r);

	tap_int(cgroup_open(&r, root, "c", &e), -1, "no cpu.stat");
	tap_str(e.msg, "cgroup 'c': not a cgroup v2 directory (no cpu.stat)",
	    "says so");
	tap_int(cgroup_open(&r, root, "d", &e), -1, "no cgroup.controllers");
	tap_str(e.msg, "cgroup 'd': not a cgroup v2 directory "
	    "(no cgroup.controllers)", "says so");
	tap_int(cgroup_open(&r, root, "nosuch", &e), -1, "no such cgroup");
	tap_ok(strncmp(e.msg, "cgroup 'nosuch': no such cgroup (", 33) == 0,
	    "says so (%s)", e.msg);
	tap_int(cgroup_open(&r, root, "nope", &e), -1, "not there");
	/* A cgroup v1 directory, named by its absolute path: not re-rooted
	 * under the cgroup2 mount as if it were a name there. */
	tap_put(root, "sys/fs/cgroup/memory/tasks", "1\n");
	tap_int(cgroup_open(&r, root, "/sys/fs/cgroup/memory", &e), -1,
	    "a v1 directory");
	tap_str(e.msg, "cgroup '/sys/fs/cgroup/memory': not a cgroup v2 "
	    "directory (no cgroup.controllers), and no cgroup "
	    "/sys/fs/cgroup/memory under the cgroup2 mount "
	    "/sys/fs/cgroup/unified", "says which and where");

	tap_put(root, "sys/fs/cgroup/unified/a/b/io.stat", "8:0 rbytes\n");
	tap_int(cgroup_open(&r, root, "a/b", &e), 0, "opens again");
	tap_int(cgroup_read(&r, &s, &e), -1, "malformed io.stat");
	tap_ok(strstr(e.msg, "a/b/io.stat:1: malformed") != NULL, "says where");
	cgroup_close(&r);

	snprintf(root, sizeof root, "%s/v1", tap_tmpdir());
	tap_put(root, "proc/self/mountinfo",
	    "32 31 0:29 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n");
	tap_int(cgroup_open(&r, root, "x", &e), -1, "no cgroup2 mounted");
	tap_str(e.msg, "cgroup 'x': no cgroup2 file system is mounted",
	    "says so");

	/* The text parsers, shared by perf-sample and perf-time. */
	tap_int(cgroup_parse_cpustat("usage_usec 30\nuser_usec 20\n"
	    "system_usec 10\nnice_usec 0\n", 43, &s), 0, "cpu.stat");
	tap_ok(s.user_us == 20 && s.system_us == 10 && s.periods ==
	    PROCFILE_NONE, "user and system usec; no periods: unknown");
	mi = "usage_usec 30\nuser_usec 20\n";
	tap_int(cgroup_parse_cpustat(mi, strlen(mi), &s), 0, "system_usec missing");
	tap_ok(s.system_us == PROCFILE_NONE, "left unknown");
	mi = "user_usec x\nsystem_usec 1\n";
	tap_int(cgroup_parse_cpustat(mi, strlen(mi), &s), -1, "malformed line 1");
	mi = "user_usec 1\nsystem_usec 12x\n";
	tap_int(cgroup_parse_cpustat(mi, strlen(mi), &s), -2,
	    "trailing garbage: line 2");
	mi = "8:0 rbytes=100 wbytes=20 rios=3 wios=1\n"
	    "8:16 rbytes=1 wbytes=2 rios=1 wios=1 dbytes=0 dios=0\n";
	tap_int(cgroup_parse_iostat(mi, strlen(mi), &s), 0, "io.stat");
	tap_ok(s.rbytes == 101 && s.wbytes == 22 && s.rios == 4, "summed");
	tap_int(cgroup_parse_iostat("", 0, &s), 0, "no device");
	tap_ok(s.rbytes == 0 && s.wbytes == 0, "zeros");
	mi = "8:0 rbytes=1 wbytes=1\n8:16 rbytes=x wbytes=1\n";
	tap_int(cgroup_parse_iostat(mi, strlen(mi), &s), -2, "malformed line 2");

	/* A process's cgroup: mount points with escapes, files past 64 KiB. */
	snprintf(root, sizeof root, "%s/self", tap_tmpdir());
	n = 70000;
	big = malloc(n + 200);
	for (i = 0; i + 49 < n; i += 49)
		memcpy(big + i, "1 1 0:1 / /mnt/xxxxxxxxxxxxxxxxxxxx rw - tmpfs t\n",
		    49);
	snprintf(big + i, 200, "41 31 0:38 / /sys/fs/cg\\040two rw - "
	    "cgroup2 cgroup2 rw\n");
	tap_put(root, "mountinfo", big);
	free(big);
	tap_put(root, "cgroup", "12:cpu:/x\n0::/user.slice/a b\n");
	tap_int(cgroup_self(root, &dir, &e), 0, "finds its cgroup");
	tap_str(dir, "/sys/fs/cg two/user.slice/a b",
	    "past 64 KiB of mountinfo, \\040 decoded");
	free(dir);
	tap_put(root, "cgroup", "0::/\n");
	tap_int(cgroup_self(root, &dir, &e), 0, "the root cgroup");
	tap_str(dir, "/sys/fs/cg two", "is the mount point");
	free(dir);
	tap_put(root, "cgroup", "0::/gone (deleted)\n");
	tap_int(cgroup_self(root, &dir, &e), -1, "a removed cgroup");
	tap_str(e.msg, "not in a cgroup v2", "says so");

	return tap_done();
}
