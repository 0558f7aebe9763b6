/* test_procpid.c - process trees from hand-written /proc trees: members
 * found through parent links, stat with awkward command names, missing
 * io, descriptor counts, a process that does not exist. */
#include <stdio.h>
#include <string.h>

#include "sys/procpid.h"
#include "tap.h"

/* A process: pid, command, parent, utime; io only when withio. */
static void
proc(const char *root, int pid, const char *comm, int ppid, int utime,
    int withio, int nfd)
{
	char rel[64], text[512];
	int i;

	snprintf(rel, sizeof rel, "proc/%d/stat", pid);
	snprintf(text, sizeof text, "%d (%s) S %d %d %d 0 -1 4194560 "
	    "100 0 5 0 %d 7 0 0 20 0 3 0 1234 1000000 250 18446744073709551615"
	    " 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n", pid, comm, ppid, pid,
	    pid, utime);
	tap_put(root, rel, text);
	snprintf(rel, sizeof rel, "proc/%d/status", pid);
	tap_put(root, rel, "Name:\tx\nVmRSS:\t1000 kB\n"
	    "voluntary_ctxt_switches:\t11\nnonvoluntary_ctxt_switches:\t22\n");
	if (withio) {
		snprintf(rel, sizeof rel, "proc/%d/io", pid);
		tap_put(root, rel, "rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\n"
		    "read_bytes: 4096\nwrite_bytes: 8192\n"
		    "cancelled_write_bytes: 0\n");
	}
	for (i = 0; i < nfd; i++) {
		snprintf(rel, sizeof rel, "proc/%d/fd/%d", pid, i);
		tap_put(root, rel, "");
	}
}

int
main(void)
{
	char root[256];
	struct procpid_reader r;
	struct procpid_tree t = { 0 };
	struct procpid_info p;
	struct perr e;
	const char *s;

	snprintf(root, sizeof root, "%s/t", tap_tmpdir());
	proc(root, 1, "init", 0, 1, 1, 2);
	proc(root, 10, "sh", 1, 10, 1, 3);
	proc(root, 11, "make", 10, 11, 1, 0);
	proc(root, 12, "cc", 11, 12, 1, 1);
	proc(root, 13, "a b) (c", 10, 13, 0, 1);
	proc(root, 20, "other", 1, 20, 1, 1);
	proc(root, 5, "reused", 12, 5, 1, 1);	/* a child with a lower pid */
	tap_put(root, "proc/self", "");
	tap_put(root, "proc/stat", "cpu 1 2 3 4\n");

	tap_int(procpid_open(&r, root, 10, &e), 0, "opens the tree of 10");
	tap_int(procpid_read(&r, &t, &e), 0, "reads it");
	tap_int((long long)t.n, 5, "10, its children and grandchildren");
	tap_ok(t.n == 5 && t.p[0].pid == 5 && t.p[1].pid == 10 &&
	    t.p[4].pid == 13, "ordered by pid, other trees left out");
	tap_int(procpid_find(&t, 12), 3, "finds a member");
	tap_int(procpid_find(&t, 20), -1, "not a member");
	tap_str(t.p[4].comm, "a b) (c", "comm with blanks and parens");
	tap_int((long long)t.p[4].utime, 13, "its utime after the parens");
	tap_int(t.p[1].ppid, 1, "ppid");
	tap_int((long long)t.p[1].minflt, 100, "minflt");
	tap_int((long long)t.p[1].majflt, 5, "majflt");
	tap_int((long long)t.p[1].stime, 7, "stime");
	tap_int((long long)t.p[1].threads, 3, "threads");
	tap_int((long long)t.p[1].start, 1234, "start time");
	tap_int((long long)t.p[1].rss_kib, 250 * r.pagekib, "rss in KiB");
	tap_int((long long)t.p[1].vcsw, 11, "voluntary switches");
	tap_int((long long)t.p[1].ivcsw, 22, "involuntary switches");
	tap_int((long long)t.p[1].rbytes, 4096, "read bytes");
	tap_int((long long)t.p[1].wbytes, 8192, "write bytes");
	tap_int((long long)t.p[1].fds, 3, "descriptors counted");
	tap_ok(t.p[4].rbytes == PROCFILE_NONE && t.p[4].wbytes == PROCFILE_NONE,
	    "no io file: unknown");
	tap_ok(t.p[2].fds == PROCFILE_NONE, "no fd directory: unknown");

	/* A zombie (a command that has exited, not yet reaped): the 0 rss
	 * and empty fd directory the kernel shows are not what it held. */
	tap_put(root, "proc/12/stat", "12 (cc) Z 11 12 12 0 -1 4194560 100 0 5 0 "
	    "12 7 0 0 20 0 1 0 1234 0 0 18446744073709551615 1 1 0 0 0 0 0 0 0"
	    " 0 0 0 17 1 0 0 0 0 0\n");
	tap_int(procpid_read(&r, &t, &e), 0, "reads a tree with a zombie");
	tap_ok(t.p[3].pid == 12 && t.p[3].state == 'Z', "its state");
	tap_ok(t.p[3].rss_kib == PROCFILE_NONE, "a zombie's rss: unknown, not 0");
	tap_ok(t.p[3].fds == PROCFILE_NONE, "its descriptors: unknown, not 0");
	tap_int((long long)t.p[3].utime, 12, "its CPU times still count");

	tap_put(root, "proc/10/stat", "10 (sh) S 1\n");
	tap_int(procpid_read(&r, &t, &e), -1, "a short stat file");
	tap_ok(strstr(e.msg, "/proc/10/stat:1: malformed") != NULL,
	    "says which (%s)", e.msg);
	procpid_close(&r);

	tap_int(procpid_open(&r, root, 99, &e), -1, "a process not there");
	tap_str(e.msg, "process 99: no such process", "says so");

	s = "42 (x) R 7 42 42 0 -1 0 1 0 2 0 3 4 0 0 20 0 1 0 9 0 6";
	tap_int(procpid_parse_stat(s, strlen(s), &p), 0, "parses a short stat");
	tap_ok(p.pid == 42 && p.ppid == 7 && p.utime == 3 && p.stime == 4 &&
	    p.start == 9 && p.rss_kib == 6, "its fields");
	s = "42 x) R 7";
	tap_int(procpid_parse_stat(s, strlen(s), &p), -1, "no opening paren");
	s = "42 (x R 7";
	tap_int(procpid_parse_stat(s, strlen(s), &p), -1, "no closing paren");
	tap_int(procpid_parse_stat("", 0, &p), -1, "empty");
	s = "42 (a very long command name indeed, far too long) S 1 2 3 4 5 "
	    "6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21";
	tap_int(procpid_parse_stat(s, strlen(s), &p), 0, "a long comm");
	tap_int((long long)strlen(p.comm), 31, "cut to fit");
	procpid_tree_free(&t);
	return tap_done();
}
