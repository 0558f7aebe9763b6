/* test_procsys.c - system snapshots from hand-written /proc trees: every
 * file's fields, optional files missing, malformed lines, the disk kinds. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "procsys.h"
#include "sysdev.h"
#include "tap.h"

static void
tree(const char *r)
{
	tap_put(r, "proc/stat", "cpu  10 1 5 100 2 3 4 0 1 0\n"
	    "cpu0 5 1 2 50 1 1 2 0 1 0\ncpu2 5 0 3 50 1 2 2 0 0 0\n"
	    "intr 777 1 2 3\nctxt 888\nbtime 5\nprocesses 99\n"
	    "procs_running 3\nprocs_blocked 1\nsoftirq 1 2\n");
	tap_put(r, "proc/meminfo", "MemTotal:       1000 kB\nMemFree: 100 kB\n"
	    "MemAvailable:    400 kB\nBuffers: 10 kB\nCached: 200 kB\n"
	    "SwapCached: 0 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n"
	    "Dirty: 7 kB\nShmem: 8 kB\nSlab: 9 kB\nHugePages_Total: 0\n");
	tap_put(r, "proc/vmstat", "nr_free_pages 5\npswpin 1\npswpout 2\n"
	    "pgfault 3\npgmajfault 4\n");
	tap_put(r, "proc/loadavg", "0.25 1.50 10.00 2/345 999\n");
	tap_put(r, "proc/sys/fs/file-nr", "1234\t4\t100000\n");
	tap_put(r, "proc/diskstats",
	    "   8       0 sda 1 2 3 4 5 6 7 8 9 10 11\n"
	    "   8       1 sda1 1 2 3 4 5 6 7 8 9 10 11\n"
	    "   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
	    " 259       0 nvme0n1 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\n");
	tap_put(r, "sys/block/sda/device", "");
	tap_put(r, "sys/block/nvme0n1/device", "");
	tap_put(r, "sys/block/loop0/dev", "7:0\n");
	tap_put(r, "proc/net/dev", "Inter-| head\n face |bytes\n"
	    "    lo: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n"
	    "  eth0:11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26\n");
	tap_put(r, "proc/pressure/cpu", "some avg10=1.25 avg60=0.00 avg300=0.00 "
	    "total=4000\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
	tap_put(r, "proc/pressure/io", "some avg10=0.00 avg60=0.00 avg300=0.00 "
	    "total=5\n");
}

int
main(void)
{
	static char vm[12000];
	char root[256];
	struct procsys_reader r;
	struct procsys_snap s;
	struct psi ps;
	struct perr e;
	const char *t;
	size_t n;

	snprintf(root, sizeof root, "%s/a", tap_tmpdir());
	tree(root);
	procsys_open(&r, root);
	procsys_snap_init(&s);
	tap_int(procsys_read(&r, &s, &e), 0, "reads the tree");
	tap_int((long long)s.all.t[PROCSYS_USER], 10, "cpu user");
	tap_int((long long)s.all.t[PROCSYS_GUEST], 1, "cpu guest");
	tap_int((long long)s.ncpu, 3, "CPUs up to the highest number");
	tap_ok(s.cpu[0].present && !s.cpu[1].present && s.cpu[2].present,
	    "cpu1 is offline");
	tap_int((long long)s.cpu[2].t[PROCSYS_SOFTIRQ], 2, "cpu2 softirq");
	tap_int((long long)s.intr, 777, "intr: the first number only");
	tap_int((long long)s.ctxt, 888, "ctxt");
	tap_int((long long)s.forks, 99, "processes");
	tap_int((long long)s.running, 3, "procs_running");
	tap_int((long long)s.blocked, 1, "procs_blocked");
	tap_num(s.load[1], 1.5, 0, 1e-12, "load5");
	tap_int((long long)s.tasks, 345, "tasks");
	tap_int((long long)s.mem[PROCSYS_MEMAVAIL], 400, "MemAvailable");
	tap_int((long long)s.mem[PROCSYS_SLAB], 9, "Slab");
	tap_int((long long)s.mem[PROCSYS_SWAPTOTAL], 0, "no swap: SwapTotal 0");
	tap_int((long long)s.pgmajfault, 4, "pgmajfault");
	tap_int((long long)s.files, 1230, "file handles: allocated - free");
	tap_int((long long)s.ndisk, 2, "physical disks only by default");
	tap_str(s.disk[1].name, "nvme0n1", "a disk of 17 fields");
	tap_int((long long)s.disk[1].dc_ticks, 15, "discard ticks");
	tap_int((long long)s.disk[0].dc_ios, 0, "no discards: 0");
	tap_int((long long)s.disk[0].tq_ticks, 11, "weighted ticks");
	tap_int(s.disk[0].kind, PROCSYS_PHYSICAL, "sda is physical");
	tap_int(sysdev_find_disk(&s, "nvme0n1", 0), 1, "find a disk");
	tap_int(sysdev_find_disk(&s, "sdz", 1), -1, "a disk not there");
	tap_int((long long)s.nnet, 2, "interfaces");
	tap_str(s.net[1].name, "eth0", "name right before the colon");
	tap_int((long long)s.net[1].v[PROCSYS_RXBYTES], 11, "rx bytes");
	tap_int((long long)s.net[1].v[PROCSYS_TXDROP], 22, "tx drop");
	tap_int(sysdev_find_net(&s, "lo", 5), 0, "find an interface");
	tap_num(s.psi[PSI_CPU].some_avg10, 1.25, 0, 1e-12, "psi avg10");
	tap_int((long long)s.psi[PSI_CPU].some_total, 4000, "psi total");
	tap_ok(isnan(s.psi[PSI_IO].full_avg10) &&
	    s.psi[PSI_IO].full_total == PROCFILE_NONE, "no full line: unknown");
	tap_ok(s.psi[PSI_MEMORY].some_total == PROCFILE_NONE,
	    "no memory pressure file: unknown");
	procsys_close(&r);

	procsys_open(&r, root);
	r.all_disks = 1;
	tap_int(procsys_read(&r, &s, &e), 0, "reads again, every disk");
	tap_int((long long)s.ndisk, 4, "partitions and virtual disks kept");
	tap_int(s.disk[1].kind, PROCSYS_PARTITION, "sda1 is a partition");
	tap_int(s.disk[2].kind, PROCSYS_VIRTUAL, "loop0 is virtual");
	procsys_close(&r);

	/* Keys looked up where they were last time: found again when they
	 * move (a line more, a number a digit longer) or go. */
	procsys_open(&r, root);
	tap_int(procsys_read(&r, &s, &e), 0, "reads, learning where keys are");
	tap_put(root, "proc/meminfo", "Extra: 1 kB\nMemTotal:      12000 kB\n"
	    "MemFree: 1100 kB\nMemAvailable:    4400 kB\nBuffers: 10 kB\n"
	    "Cached: 200 kB\nSwapTotal: 50 kB\nSwapFree: 5 kB\n"
	    "Shmem: 88 kB\nDirty: 77 kB\nHugePages_Total: 0\n");
	tap_put(root, "proc/vmstat", "nr_free_pages 123456\npgfault 30\n"
	    "pswpin 10\npswpout 20\npgmajfault 40\noom_kill 7\n");
	tap_int(procsys_read(&r, &s, &e), 0, "reads the moved keys");
	tap_ok(s.mem[PROCSYS_MEMTOTAL] == 12000 && s.mem[PROCSYS_MEMFREE] == 1100 &&
	    s.mem[PROCSYS_MEMAVAIL] == 4400 && s.mem[PROCSYS_SWAPTOTAL] == 50 &&
	    s.mem[PROCSYS_SWAPFREE] == 5 && s.mem[PROCSYS_DIRTY] == 77 &&
	    s.mem[PROCSYS_SHMEM] == 88, "meminfo: every key where it went");
	tap_ok(s.mem[PROCSYS_SLAB] == PROCFILE_NONE, "meminfo: a key gone: unknown");
	tap_ok(s.pswpin == 10 && s.pswpout == 20 && s.pgfault == 30 &&
	    s.pgmajfault == 40 && s.oom_kill == 7,
	    "vmstat: every key where it went");
	tap_put(root, "proc/meminfo", "Extra: 1 kB\nMemTotal:      12000 kB\n"
	    "MemFree: x kB\n");
	tap_int(procsys_read(&r, &s, &e), -1, "a malformed key line");
	tap_ok(strstr(e.msg, "proc/meminfo:3: malformed") != NULL,
	    "says where (%s)", e.msg);
	tap_put(root, "proc/meminfo", "MemTotal: 1 kB\n");
	/* vmstat longer than one read: its keys past the first buffer's
	 * worth are read too. */
	for (n = 0; n < 9000;)
		n += (size_t)snprintf(vm + n, sizeof vm - n,
		    "nr_filler_%zu %zu\n", n, n);
	snprintf(vm + n, sizeof vm - n, "pswpin 1\npswpout 2\npgfault 3\n"
	    "pgmajfault 123456789\n");
	tap_put(root, "proc/vmstat", vm);
	tap_int(procsys_read(&r, &s, &e), 0, "a long vmstat");
	tap_ok(s.pswpin == 1 && s.pgmajfault == 123456789,
	    "vmstat: keys past the first read");
	tap_ok(s.oom_kill == PROCFILE_NONE,
	    "vmstat: no oom_kill (before Linux 4.13): unknown");
	tap_int(procsys_read(&r, &s, &e), 0, "the long vmstat again");
	tap_ok(s.pgfault == 3 && s.pgmajfault == 123456789,
	    "vmstat: keys past the first read, again");
	procsys_close(&r);
	tree(root);

	/* Only the two files a system must have. */
	snprintf(root, sizeof root, "%s/b", tap_tmpdir());
	tap_put(root, "proc/stat", "cpu  1 2 3 4\n");
	tap_put(root, "proc/meminfo", "MemTotal: 5 kB\n");
	procsys_open(&r, root);
	tap_int(procsys_read(&r, &s, &e), 0, "a minimal tree");
	tap_int((long long)s.all.t[PROCSYS_STEAL], 0, "old kernels: fields 0");
	tap_ok(s.ctxt == PROCFILE_NONE && s.pgfault == PROCFILE_NONE &&
	    s.files == PROCFILE_NONE && s.tasks == PROCFILE_NONE &&
	    isnan(s.load[0]) && s.ndisk == 0 && s.nnet == 0 &&
	    s.mem[PROCSYS_MEMAVAIL] == PROCFILE_NONE &&
	    s.psi[PSI_CPU].some_total == PROCFILE_NONE, "the rest unknown");
	procsys_close(&r);

	tap_put(root, "proc/stat", "cpu  1 2 3 4\ncpu0 1 2 x\n");
	procsys_open(&r, root);
	tap_int(procsys_read(&r, &s, &e), -1, "malformed cpu line");
	tap_ok(strstr(e.msg, "/b/proc/stat:2: malformed") != NULL,
	    "message: file:line (%s)", e.msg);
	procsys_close(&r);

	tap_put(root, "proc/stat", "intr 5\n");
	procsys_open(&r, root);
	tap_int(procsys_read(&r, &s, &e), -1, "no cpu line");
	tap_ok(strstr(e.msg, "proc/stat: no cpu line") != NULL, "says so");
	procsys_close(&r);

	tap_put(root, "proc/stat", "cpu  1 2 3 4\n");
	tap_put(root, "proc/diskstats", "   8 0 sda 1 2 3\n");
	procsys_open(&r, root);
	r.all_disks = 1;
	tap_int(procsys_read(&r, &s, &e), -1, "short diskstats line");
	tap_ok(strstr(e.msg, "proc/diskstats:1: malformed") != NULL,
	    "says where (%s)", e.msg);
	procsys_close(&r);

	snprintf(root, sizeof root, "%s/none", tap_tmpdir());
	procsys_open(&r, root);
	tap_int(procsys_read(&r, &s, &e), -1, "no /proc at all");
	tap_ok(strstr(e.msg, "/none/proc/stat: No such file") != NULL,
	    "names the file");
	procsys_close(&r);
	procsys_snap_free(&s);

	t = "some avg10=0.50 avg60=0.10 avg300=0.01 total=12\n";
	tap_int(psi_parse(t, strlen(t), &ps), 0, "psi some only");
	tap_ok(ps.some_total == 12 && isnan(ps.full_avg10), "some read");
	t = "some avg10=x total=1\n";
	tap_int(psi_parse(t, strlen(t), &ps), -1, "psi malformed");
	t = "other 1\n";
	tap_int(psi_parse(t, strlen(t), &ps), -1, "psi unknown line");
	tap_int(psi_parse("", 0, &ps), 0, "psi empty: unknown");
	/* The number of the bad line; a line never takes the next one's. */
	t = "some avg10=0.50 avg60=0 avg300=0 total=1\nfull avg10=x total=2\n";
	tap_int(psi_parse(t, strlen(t), &ps), -2, "psi bad line 2: -2");
	t = "some avg10=0.50\nfull avg10=0.10 avg60=0 avg300=0 total=7\n";
	tap_int(psi_parse(t, strlen(t), &ps), -1,
	    "psi line without total=: malformed, not the next line's");
	return tap_done();
}
