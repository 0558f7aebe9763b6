/* sadfimport.c - sadf -d and sadf -j as perfpipe samples.  One table says
 * which sysstat field becomes which perfpipe column (sar's names in -d,
 * the JSON paths in -j), in which unit; totals and the columns perf-sample
 * derives (cpu_busy_pct, mem_total_kib, mem_used_pct, swap) are derived
 * the same way once every activity of a row is in. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sadfimport.h"
#include "fmt/colname.h"
#include "util/num.h"
#include "util/xalloc.h"

enum { K_SYS, K_CPU, K_DISK, K_NET };
enum { OP_SET, OP_SUM };

struct field {
	const char *d;		/* sadf -d header name, NULL: none */
	const char *j;		/* sadf -j path (arrays left out), NULL: none */
	int kind;
	const char *col;	/* the column (K_SYS) or its tail after the
				 * device; "_name": hidden, used to derive */
	double scale;		/* to perfpipe's unit */
	int op;
};

static const struct field fields[] = {
	/* sar -u, -u ALL, -P: %user and %usr are both user less guest, as
	 * perf-sample's; -u's %system includes irq and softirq, perf-sample's
	 * does not, so only -u ALL's %sys is imported. */
	{ "%user", "cpu-load.user", K_CPU, "user_pct", 1, OP_SET },
	{ "%usr", "cpu-load.usr", K_CPU, "user_pct", 1, OP_SET },
	{ "%nice", "cpu-load.nice", K_CPU, "nice_pct", 1, OP_SET },
	{ "%sys", "cpu-load.sys", K_CPU, "system_pct", 1, OP_SET },
	{ "%iowait", "cpu-load.iowait", K_CPU, "iowait_pct", 1, OP_SET },
	{ "%irq", "cpu-load.irq", K_CPU, "irq_pct", 1, OP_SET },
	{ "%soft", "cpu-load.soft", K_CPU, "softirq_pct", 1, OP_SET },
	{ "%steal", "cpu-load.steal", K_CPU, "steal_pct", 1, OP_SET },
	{ "%guest", "cpu-load.guest", K_CPU, "guest_pct", 1, OP_SUM },
	{ "%gnice", "cpu-load.gnice", K_CPU, "guest_pct", 1, OP_SUM },
	{ "%idle", "cpu-load.idle", K_CPU, "idle_pct", 1, OP_SET },
	/* -w, -I SUM (below), -W, -B */
	{ "proc/s", "process-and-context-switch.proc", K_SYS, "forks_per_s", 1,
	    OP_SET },
	{ "cswch/s", "process-and-context-switch.cswch", K_SYS, "ctxt_per_s", 1,
	    OP_SET },
	{ "pswpin/s", "swap-pages.pswpin", K_SYS, "swap_in_per_s", 1, OP_SET },
	{ "pswpout/s", "swap-pages.pswpout", K_SYS, "swap_out_per_s", 1, OP_SET },
	{ "fault/s", "paging.fault", K_SYS, "pgfault_per_s", 1, OP_SET },
	{ "majflt/s", "paging.majflt", K_SYS, "pgmajfault_per_s", 1, OP_SET },
	/* -r, -r ALL; mem_total_kib and mem_used_pct are derived */
	{ "kbmemfree", "memory.memfree", K_SYS, "mem_free_kib", 1, OP_SET },
	{ "kbavail", "memory.avail", K_SYS, "mem_available_kib", 1, OP_SET },
	{ "kbmemused", "memory.memused", K_SYS, "_memused", 1, OP_SET },
	{ "kbbuffers", "memory.buffers", K_SYS, "mem_buffers_kib", 1, OP_SET },
	{ "kbcached", "memory.cached", K_SYS, "mem_cached_kib", 1, OP_SET },
	{ "kbdirty", "memory.dirty", K_SYS, "mem_dirty_kib", 1, OP_SET },
	{ "kbslab", "memory.slab", K_SYS, "mem_slab_kib", 1, OP_SET },
	/* -S; swap_total_kib and swap_used_pct are derived */
	{ "kbswpfree", "memory.swpfree", K_SYS, "_swpfree", 1, OP_SET },
	{ "kbswpused", "memory.swpused", K_SYS, "_swpused", 1, OP_SET },
	/* -v: file-nr is allocated less free handles, as fd_open_count */
	{ "file-nr", "kernel.file-nr", K_SYS, "fd_open_count", 1, OP_SET },
	/* -q: plist-sz is /proc/loadavg's task count, as procs_total_count */
	{ "plist-sz", "queue.plist-sz", K_SYS, "procs_total_count", 1, OP_SET },
	{ "ldavg-1", "queue.ldavg-1", K_SYS, "load1", 1, OP_SET },
	{ "ldavg-5", "queue.ldavg-5", K_SYS, "load5", 1, OP_SET },
	{ "ldavg-15", "queue.ldavg-15", K_SYS, "load15", 1, OP_SET },
	{ "blocked", "queue.blocked", K_SYS, "procs_blocked_count", 1, OP_SET },
	/* -d (sysstat 11 and older: sectors and avgqu-sz) */
	{ "rkB/s", "disk.rkB", K_DISK, "read_bytes_per_s", 1024, OP_SET },
	{ "wkB/s", "disk.wkB", K_DISK, "write_bytes_per_s", 1024, OP_SET },
	{ "rd_sec/s", NULL, K_DISK, "read_bytes_per_s", 512, OP_SET },
	{ "wr_sec/s", NULL, K_DISK, "write_bytes_per_s", 512, OP_SET },
	{ "aqu-sz", "disk.aqu-sz", K_DISK, "queue_count", 1, OP_SET },
	{ "avgqu-sz", NULL, K_DISK, "queue_count", 1, OP_SET },
	{ "await", "disk.await", K_DISK, "await_ms", 1, OP_SET },
	{ "%util", "disk.util-percent", K_DISK, "util_pct", 1, OP_SET },
	/* -n DEV, -n EDEV */
	{ "rxpck/s", "network.net-dev.rxpck", K_NET, "rx_packets_per_s", 1,
	    OP_SET },
	{ "txpck/s", "network.net-dev.txpck", K_NET, "tx_packets_per_s", 1,
	    OP_SET },
	{ "rxkB/s", "network.net-dev.rxkB", K_NET, "rx_bytes_per_s", 1024,
	    OP_SET },
	{ "txkB/s", "network.net-dev.txkB", K_NET, "tx_bytes_per_s", 1024,
	    OP_SET },
	{ "rxerr/s", "network.net-edev.rxerr", K_NET, "rx_errors_per_s", 1,
	    OP_SET },
	{ "txerr/s", "network.net-edev.txerr", K_NET, "tx_errors_per_s", 1,
	    OP_SET },
	{ "rxdrop/s", "network.net-edev.rxdrop", K_NET, "rx_drops_per_s", 1,
	    OP_SET },
	{ "txdrop/s", "network.net-edev.txdrop", K_NET, "tx_drops_per_s", 1,
	    OP_SET },
	/* -q ALL (PSI): %Xcpu is the share of the interval stalled, so
	 * stall ms per s is ten times it. */
	{ "%scpu-10", "psi.psi-cpu.some_avg10", K_SYS, "psi_cpu_some_avg10_pct",
	    1, OP_SET },
	{ "%scpu", "psi.psi-cpu.some_avg", K_SYS,
	    "psi_cpu_some_stall_ms_per_s", 10, OP_SET },
	{ "%sio-10", "psi.psi-io.some_avg10", K_SYS, "psi_io_some_avg10_pct",
	    1, OP_SET },
	{ "%sio", "psi.psi-io.some_avg", K_SYS, "psi_io_some_stall_ms_per_s",
	    10, OP_SET },
	{ "%fio-10", "psi.psi-io.full_avg10", K_SYS, "psi_io_full_avg10_pct",
	    1, OP_SET },
	{ "%fio", "psi.psi-io.full_avg", K_SYS, "psi_io_full_stall_ms_per_s",
	    10, OP_SET },
	{ "%smem-10", "psi.psi-mem.some_avg10", K_SYS,
	    "psi_memory_some_avg10_pct", 1, OP_SET },
	{ "%smem", "psi.psi-mem.some_avg", K_SYS,
	    "psi_memory_some_stall_ms_per_s", 10, OP_SET },
	{ "%fmem-10", "psi.psi-mem.full_avg10", K_SYS,
	    "psi_memory_full_avg10_pct", 1, OP_SET },
	{ "%fmem", "psi.psi-mem.full_avg", K_SYS,
	    "psi_memory_full_stall_ms_per_s", 10, OP_SET },
};

/* Every other field sadf 12.6 writes with -A: known, no perfpipe column
 * (listed in the man page); a field in neither list is named in the
 * warning, as from a newer sysstat. */
static const char known_d[] = " %Iused %commit %fsused %hugused %ifutil "
    "%memused %swpcad %swpused %system %ufsused %vmeff %scpu-60 %scpu-300 "
    "%sio-60 %sio-300 %fio-60 %fio-300 %smem-60 %smem-300 %fmem-60 "
    "%fmem-300 CPU* Ifree Iused MBfsfree MBfsused MHz access/s active/s "
    "areq-sz asmf/s asmf6/s asmok/s asmok6/s asmrq/s asmrq6/s atmptf/s "
    "avgrq-sz badcall/s bdscd/s blg_len bread/s brk/s bwrtn/s call/s coll/s "
    "dentunusd dkB/s dropd/s dtps estres/s flw_lim/s fragcr6/s fragcrt/s "
    "fragf/s fragf6/s fragok/s fragok6/s framerr/s fwddgm/s fwddgm6/s "
    "getatt/s hit/s i2big6/s iadrer6/s iadrerr/s iadrmk/s iadrmkr/s idel/s "
    "idel6/s idgm/s idgm6/s idgmer6/s idgmerr/s idisc/s idisc6/s idstunr/s "
    "idtunr6/s iech/s iech6/s iechr/s iechr6/s ierr/s ierr6/s igmbq6/s "
    "igmbr6/s igmbrd6/s ihdrer6/s ihdrerr/s imcpck6/s imsg/s imsg6/s "
    "inbad6/s inbsol6/s inode-nr inort6/s ip-frag ip6-frag iparmpb/s "
    "ipck2b6/s iprmpb6/s irec/s irec6/s iredir/s iredir6/s irtad6/s "
    "irtsol6/s iseg/s isegerr/s isrcq/s itm/s itmex/s itmex6/s itmr/s "
    "itrpck6/s iukwnp6/s iukwnpr/s kbactive kbanonpg kbcommit kbhugfree "
    "kbhugrsvd kbhugsurp kbhugused kbinact kbkstack kbpgtbl kbswpcad "
    "kbvmused miss/s noport/s noport6/s oadrmk/s oadrmkr/s odgm/s odgm6/s "
    "odisc/s odisc6/s odstunr/s odtunr6/s oech/s oechr/s oechr6/s oerr/s "
    "ogmbr6/s ogmbrd6/s omcpck6/s omsg/s omsg6/s onbad6/s onbsol6/s onort/s "
    "onort6/s oparmpb/s opck2b6/s oprmpb6/s oredir/s oredir6/s orq/s orq6/s "
    "orsts/s ortsol6/s oseg/s osrcq/s otm/s otmex/s otmex6/s otmr/s ovrun/s "
    "packet/s passive/s pgfree/s pgpgin/s pgpgout/s pgscand/s pgscank/s "
    "pgsteal/s prtyerr/s pty-nr raw6sck rawsck rcvin/s read/s retrans/s "
    "rtps runq-sz rx_rps/s rxcmp/s rxfifo/s rxfram/s rxmcst/s saccess/s "
    "scall/s sgetatt/s squeezd/s sread/s swrite/s tcp-tw tcp/s tcp6sck "
    "tcpsck total/s totsck tps txcarr/s txcmp/s txfifo/s udp/s udp6sck "
    "udpsck write/s wtps xmtin/s ";
/* The same for -j: whole sections, then fields of imported sections. */
static const char known_jsec[] = " filesystems hugepages io "
    "power-management serial network.net-nfs network.net-nfsd "
    "network.net-sock network.net-sock6 network.net-ip network.net-ip6 "
    "network.net-eip network.net-eip6 network.net-icmp network.net-icmp6 "
    "network.net-eicmp network.net-eicmp6 network.net-tcp network.net-etcp "
    "network.net-udp network.net-udp6 network.softnet ";
static const char known_j[] = " cpu-load.system memory.memused-percent "
    "memory.commit memory.commit-percent memory.active memory.inactive "
    "memory.anonpg memory.kstack memory.pgtbl memory.vmused memory.swpcad "
    "memory.swpcad-percent memory.swpused-percent kernel.dentunusd "
    "kernel.inode-nr kernel.pty-nr queue.runq-sz paging.pgpgin "
    "paging.pgpgout paging.pgfree paging.pgscank paging.pgscand "
    "paging.pgsteal paging.vmeff-percent disk.tps disk.rd_sec disk.wr_sec "
    "disk.dc_sec disk.dkB disk.avgrq-sz disk.areq-sz disk.avgqu-sz "
    "network.net-dev.rxcmp network.net-dev.txcmp network.net-dev.rxmcst "
    "network.net-dev.ifutil-percent network.net-edev.coll "
    "network.net-edev.txcarr network.net-edev.rxfram network.net-edev.rxfifo "
    "network.net-edev.txfifo psi.psi-cpu.some_avg60 psi.psi-cpu.some_avg300 "
    "psi.psi-io.some_avg60 psi.psi-io.some_avg300 psi.psi-io.full_avg60 "
    "psi.psi-io.full_avg300 psi.psi-mem.some_avg60 psi.psi-mem.some_avg300 "
    "psi.psi-mem.full_avg60 psi.psi-mem.full_avg300 ";

/* Whether name is a word of list (" a b c "). */
static int
in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	/* An empty name (an empty header field) is in no list; a match at the
	 * list's first byte has no space before it to read. */
	if (n == 0)
		return 0;
	for (p = list; (p = strstr(p, name)) != NULL; p++)
		if ((p == list || p[-1] == ' ') && p[n] == ' ')
			return 1;
	return 0;
}

static const struct field *
field_d(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof fields / sizeof *fields; i++)
		if (fields[i].d != NULL && strcmp(fields[i].d, name) == 0)
			return &fields[i];
	return NULL;
}

static const struct field *
field_j(const char *path)
{
	size_t i;

	for (i = 0; i < sizeof fields / sizeof *fields; i++)
		if (fields[i].j != NULL && strcmp(fields[i].j, path) == 0)
			return &fields[i];
	return NULL;
}

/* The devices whose load is another's: left out of disk_util_pct, the
 * busiest disk, as perf-sample leaves them out of its totals. */
static int
virtual_disk(const char *dev)
{
	return strncmp(dev, "loop", 4) == 0 || strncmp(dev, "ram", 3) == 0 ||
	    strncmp(dev, "zram", 4) == 0 || strncmp(dev, "dm-", 3) == 0 ||
	    strncmp(dev, "md", 2) == 0;
}

/* The row of host at time t, started with its time, host and interval. */
static size_t
row_at(struct wide *w, const struct import_opts *o, const char *host,
    double t, double interval)
{
	char key[512], tb[NUM_BUFSZ];
	size_t row;

	if (o->host != NULL)
		host = o->host;
	snprintf(key, sizeof key, "%s\t%s", host, num_fmt(tb, t, 6));
	row = wide_row(w, key);
	*wide_cell(w, row, wide_col(w, "time", WIDE_NUM, 3)) = t;
	wide_setstr(w, row, wide_col(w, "host", WIDE_KEY, 0), host);
	*wide_cell(w, row, wide_col(w, "interval_s", WIDE_NUM, 6)) = interval;
	return row;
}

/* Declares the derived columns beside those they come from, so that they
 * stand where perf-sample puts them. */
static void
declare_derived(struct wide *w, const char *col)
{
	char name[256];
	size_t n = strlen(col);

	if (n > 8 && strcmp(col + n - 8, "idle_pct") == 0) {
		snprintf(name, sizeof name, "%.*sbusy_pct", (int)(n - 8), col);
		wide_col(w, name, WIDE_NUM, 2);
	} else if (strncmp(col, "mem_", 4) == 0 || strcmp(col, "_memused") == 0) {
		wide_col(w, "mem_total_kib", WIDE_NUM, 0);
		wide_col(w, "mem_used_pct", WIDE_NUM, 2);
	} else if (strcmp(col, "_swpfree") == 0 || strcmp(col, "_swpused") == 0) {
		wide_col(w, "swap_total_kib", WIDE_NUM, 0);
		wide_col(w, "swap_used_pct", WIDE_NUM, 2);
	}
}

/* Sets one cell, refusing a value given twice (OP_SET). */
static int
set(struct wide *w, size_t row, const char *col, int op, double v,
    const char *where, struct perr *e)
{
	long have = wide_find(w, col);
	double *c;

	if (have < 0)
		declare_derived(w, col);
	c = wide_cell(w, row, wide_col(w, col, col[0] == '_' ? WIDE_HIDDEN :
	    WIDE_NUM, 3));
	if (op == OP_SUM && !isnan(*c))
		*c += v;
	else if (!isnan(*c))
		return perr_set(e, "%s: '%s' given twice for this host and time",
		    where, col);
	else
		*c = v;
	return 0;
}

/* Puts the value of field f (of device dev) into row. */
static int
put(struct wide *w, size_t row, const struct field *f, const char *dev,
    double v, const char *where, struct perr *e)
{
	char col[256], *esc = NULL;
	const char *p;
	double *c;
	int rv = 0;

	v *= f->scale;
	switch (f->kind) {
	case K_SYS:
		return set(w, row, f->col, f->op, v, where, e);
	case K_CPU:
		if (strcmp(dev, "-1") == 0 || strcmp(dev, "all") == 0) {
			snprintf(col, sizeof col, "cpu_%s", f->col);
			return set(w, row, col, f->op, v, where, e);
		}
		for (p = dev; *p >= '0' && *p <= '9'; p++)
			;
		if (*dev == '\0' || *p != '\0' || p - dev > 6)
			return perr_set(e, "%s: CPU '%s': not a CPU number or "
			    "all", where, dev);
		snprintf(col, sizeof col, "cpu%s_%s", dev, f->col);
		return set(w, row, col, f->op, v, where, e);
	case K_DISK:
		esc = colname_escape(dev);
		snprintf(col, sizeof col, "disk_%s_%s", esc, f->col);
		rv = set(w, row, col, f->op, v, where, e);
		if (rv == 0 && strcmp(f->col, "util_pct") == 0 &&
		    !virtual_disk(dev)) {
			c = wide_cell(w, row, wide_col(w, "disk_util_pct",
			    WIDE_NUM, 2));
			if (isnan(*c) || v > *c)
				*c = v;
		}
		break;
	default:
		esc = colname_escape(dev);
		snprintf(col, sizeof col, "net_%s_%s", esc, f->col);
		rv = set(w, row, col, f->op, v, where, e);
		if (rv == 0 && strcmp(dev, "lo") != 0) {
			snprintf(col, sizeof col, "net_%s", f->col);
			rv = set(w, row, col, OP_SUM, v, where, e);
		}
		break;
	}
	free(esc);
	return rv;
}

/* The columns perf-sample derives, from what each row holds: busy is
 * 100 less idle and iowait (perf-sample's definition); the memory total
 * is the sum sar's kbmemused is the remainder of (free, used, buffers,
 * cached and slab: -r ALL), so mem_used_pct is perf-sample's
 * (total - available) / total and not sar's %memused. */
static void
derive(struct wide *w)
{
	const char *name;
	char io[256];
	long idle, iow, busy, c[6];
	size_t i, r, n;
	double *b, tot, x;
	static const char *const mem[] = { "mem_free_kib", "_memused",
	    "mem_buffers_kib", "mem_cached_kib", "mem_slab_kib",
	    "mem_available_kib" };

	for (i = 0; i < w->ncols; i++) {
		name = w->col[i].name;
		n = strlen(name);
		if (n < 9 || strcmp(name + n - 8, "idle_pct") != 0)
			continue;
		snprintf(io, sizeof io, "%.*siowait_pct", (int)(n - 8), name);
		idle = (long)i, iow = wide_find(w, io);
		snprintf(io, sizeof io, "%.*sbusy_pct", (int)(n - 8), name);
		busy = wide_find(w, io);
		for (r = 0; iow >= 0 && busy >= 0 && r < w->nrows; r++) {
			b = wide_cell(w, r, (size_t)busy);
			x = 100 - *wide_cell(w, r, (size_t)idle) -
			    *wide_cell(w, r, (size_t)iow);
			*b = isnan(x) ? NAN : x < 0 ? 0 : x;
		}
	}
	for (i = 0; i < 6; i++)
		c[i] = wide_find(w, mem[i]);
	for (r = 0; c[0] >= 0 && c[1] >= 0 && c[2] >= 0 && c[3] >= 0 &&
	    c[4] >= 0 && r < w->nrows; r++) {
		for (i = 0, tot = 0; i < 5; i++)
			tot += *wide_cell(w, r, (size_t)c[i]);
		if (isnan(tot) || !(tot > 0))
			continue;
		*wide_cell(w, r, wide_col(w, "mem_total_kib", WIDE_NUM, 0)) = tot;
		if (c[5] >= 0)
			*wide_cell(w, r, wide_col(w, "mem_used_pct", WIDE_NUM,
			    2)) = 100 * (tot - *wide_cell(w, r, (size_t)c[5])) /
			    tot;
	}
	c[0] = wide_find(w, "_swpfree"), c[1] = wide_find(w, "_swpused");
	for (r = 0; c[0] >= 0 && c[1] >= 0 && r < w->nrows; r++) {
		x = *wide_cell(w, r, (size_t)c[1]);
		tot = *wide_cell(w, r, (size_t)c[0]) + x;
		if (isnan(tot))
			continue;
		*wide_cell(w, r, wide_col(w, "swap_total_kib", WIDE_NUM, 0)) = tot;
		/* Without swap the share is unknown, as perf-sample has it. */
		if (tot > 0)
			*wide_cell(w, r, wide_col(w, "swap_used_pct", WIDE_NUM,
			    2)) = 100 * x / tot;
	}
}

/* Parses sadf's time: epoch seconds (-U) or "YYYY-MM-DD HH:MM:SS UTC";
 * local time (-t, -T) is refused, its zone being unknown here. */
static int
parse_time(const char *s, double *t, const char *where, struct perr *e)
{
	struct tm tm;
	char zone[8];
	int n = 0;
	size_t len = strlen(s);

	if (len > 0 && strspn(s, "0123456789") == len)
		return num_parse(s, len, t) == 1 ? 0 : perr_set(e,
		    "%s: time '%s': not a number", where, s);
	memset(&tm, 0, sizeof tm);
	if (sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6 ||
	    n != 19)
		return perr_set(e, "%s: time '%s': not sadf's YYYY-MM-DD "
		    "HH:MM:SS UTC", where, s);
	if (s[19] == '\0' || sscanf(s + 19, " %7s", zone) != 1 ||
	    strcmp(zone, "UTC") != 0 || strlen(s) != 23)
		return perr_set(e, "%s: time '%s': not in UTC (sadf -t or "
		    "-T print local time; run sadf without them)", where, s);
	tm.tm_year -= 1900, tm.tm_mon -= 1;
	*t = (double)timegm(&tm);
	return 0;
}

/* The header of an activity in sadf -d: which field is what. */
struct dhead {
	long line;
	size_t n;			/* fields */
	const struct field **f;		/* f[i]: its field, NULL: skipped */
	int dev;			/* field 3 names the device */
	int intr;			/* -I: only "sum" is taken */
};

static char **
split(char *s, size_t *n)
{
	static char **f;
	static size_t cap;
	char *p;

	*n = 0;
	for (p = s;; p++) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			f = xreallocarray(f, cap, sizeof *f);
		}
		f[(*n)++] = p;
		if ((p = strchr(p, ';')) == NULL)
			break;
		*p = '\0';
	}
	return f;
}

static int
dheader(struct dhead *h, char *line, long lineno,
    struct import_skipped *skipped, const struct import_opts *o,
    struct perr *e)
{
	char **f;
	size_t i, n;

	f = split(line + 2, &n);
	if (n < 4 || strcmp(f[0], "hostname") != 0 || strcmp(f[1], "interval")
	    != 0 || strcmp(f[2], "timestamp") != 0)
		return perr_set(e, "%s:%ld: not a sadf -d header (# hostname;"
		    "interval;timestamp;...)", o->file, lineno);
	free(h->f);
	h->line = lineno;
	h->n = n;
	h->f = xcalloc(n, sizeof *h->f);
	h->intr = strcmp(f[3], "INTR") == 0;
	h->dev = h->intr || strcmp(f[3], "CPU") == 0 || strcmp(f[3], "DEV") == 0
	    || strcmp(f[3], "IFACE") == 0 || strcmp(f[3], "TTY") == 0 ||
	    strcmp(f[3], "FILESYSTEM") == 0;
	for (i = 0; i < n; i++)
		if (*f[i] == '\0')
			return perr_set(e, "%s:%ld: column %zu of the header has "
			    "no name", o->file, lineno, i + 1);
	for (i = h->dev ? 4 : 3; i < n && !h->intr; i++)
		if ((h->f[i] = field_d(f[i])) == NULL && !in_list(known_d, f[i]))
			import_skip(skipped, f[i]);
	return 0;
}

/* A data line of sadf -d under header h. */
static int
dline(struct wide *w, const struct dhead *h, char *line, long lineno,
    const struct import_opts *o, struct perr *e)
{
	char where[4096], **f;
	double t, iv, v;
	size_t i, n, row;
	int rc;

	f = split(line, &n);
	snprintf(where, sizeof where, "%s:%ld", o->file, lineno);
	/* A restart or a comment (sadf -C) in place of the device */
	if (n >= 4 && (strncmp(f[3], "LINUX-RESTART", 13) == 0 ||
	    strncmp(f[3], "COM ", 4) == 0))
		return 0;
	if (h->intr) {
		/* Its value is f[4]: a shorter line has none (and f beyond n
		 * is the last split's). */
		if (n < 5)
			return perr_set(e, "%s: %zu fields, an INTR line has 5",
			    where, n);
		if (strcmp(f[3], "sum") != 0 && strcmp(f[3], "-1") != 0)
			return 0;
	} else if (n != h->n) {
		return perr_set(e, "%s: %zu fields, the header on line %ld has "
		    "%zu", where, n, h->line, h->n);
	}
	if (*f[0] == '\0')
		return perr_set(e, "%s: empty host name", where);
	if ((rc = num_parse(f[1], strlen(f[1]), &iv)) != 1 || iv < 0)
		return perr_set(e, "%s: interval '%s': not a number of seconds",
		    where, f[1]);
	if (parse_time(f[2], &t, where, e) < 0)
		return -1;
	row = row_at(w, o, f[0], t, iv);
	if (h->intr) {
		if (num_parse(f[4], strlen(f[4]), &v) != 1)
			return perr_set(e, "%s: intr/s '%s': not a number",
			    where, f[4]);
		return set(w, row, "intr_per_s", OP_SET, v, where, e);
	}
	for (i = 3; i < n; i++) {
		if (h->f[i] == NULL)
			continue;
		if ((rc = num_parse(f[i], strlen(f[i]), &v)) == 0)
			continue;	/* empty: unknown */
		if (rc < 0 || !isfinite(v))
			return perr_set(e, "%s: field %zu ('%s'): '%s' is not a "
			    "number", where, i + 1, h->f[i]->d, f[i]);
		if (put(w, row, h->f[i], h->dev ? f[3] : "", v, where, e) < 0)
			return -1;
	}
	return 0;
}

int
sadfimport_csv(FILE *fp, const struct import_opts *o, struct wide *w,
    struct import_skipped *skipped, struct perr *e)
{
	struct dhead h;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	int rv = 0;

	memset(&h, 0, sizeof h);
	while (rv == 0 && (len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if (line[len - 1] != '\n') {
			rv = perr_set(e, "%s:%ld: the last line is cut short (no "
			    "newline): a truncated file?", o->file, lineno);
			break;
		}
		line[--len] = '\0';
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		if (strlen(line) != (size_t)len)
			rv = perr_set(e, "%s:%ld: a NUL byte: not sadf output",
			    o->file, lineno);
		else if (strncmp(line, "# ", 2) == 0)
			rv = dheader(&h, line, lineno, skipped, o, e);
		else if (h.f == NULL)
			rv = perr_set(e, "%s:%ld: data before sadf -d's header "
			    "(# hostname;interval;timestamp;...)", o->file, lineno);
		else if (len > 0)
			rv = dline(w, &h, line, lineno, o, e);
	}
	if (rv == 0 && ferror(fp))
		rv = perr_set(e, "%s: read error", o->file);
	if (rv == 0 && lineno == 0)
		rv = perr_set(e, "%s: empty", o->file);
	free(line);
	free(h.f);
	if (rv == 0)
		derive(w);
	return rv;
}

/* The keys that name the device of an element of a sadf -j array. */
static const char *
json_dev(const json_t *o)
{
	static const char *const keys[] = { "cpu", "disk-device", "iface",
	    "intr" };
	const json_t *v;
	size_t i;

	for (i = 0; i < sizeof keys / sizeof *keys; i++)
		if ((v = json_object_get(o, keys[i])) != NULL && json_is_string(v))
			return json_string_value(v);
	return NULL;
}

struct jctx {
	struct wide *w;
	const struct import_opts *o;
	struct import_skipped *skipped;
	size_t row;
	char where[1024];	/* FILE: hosts[H].statistics[S] */
};

static int jwalk(struct jctx *c, const char *path, const json_t *v,
    const char *dev, struct perr *e);

/* The members of object o below path. */
static int
jobject(struct jctx *c, const char *path, const json_t *o, const char *dev,
    struct perr *e)
{
	const char *k;
	const json_t *v;
	char sub[512];

	json_object_foreach((json_t *)o, k, v) {
		snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", k);
		if (jwalk(c, sub, v, dev, e) < 0)
			return -1;
	}
	return 0;
}

static int
jwalk(struct jctx *c, const char *path, const json_t *v, const char *dev,
    struct perr *e)
{
	const struct field *f;
	const json_t *x;
	const char *leaf;
	char where[2048];
	size_t i;

	snprintf(where, sizeof where, "%s.%s", c->where, path);
	if (in_list(known_jsec, path))
		return 0;
	if (strcmp(path, "interrupts") == 0) {
		/* -I SUM: the element "sum", its total "all" */
		json_array_foreach(v, i, x)
			if (json_is_object(x) && json_dev(x) != NULL &&
			    strcmp(json_dev(x), "sum") == 0 &&
			    json_is_number(json_object_get(x, "all")))
				return set(c->w, c->row, "intr_per_s", OP_SET,
				    json_number_value(json_object_get(x,
				    "all")), where, e);
		return 0;
	}
	if (json_is_object(v))
		return jobject(c, path, v, dev, e);
	if (json_is_array(v)) {
		json_array_foreach(v, i, x) {
			if (!json_is_object(x))
				return perr_set(e, "%s[%zu]: not an object",
				    where, i);
			if (jobject(c, path, x, json_dev(x), e) < 0)
				return -1;
		}
		return 0;
	}
	if ((f = field_j(path)) == NULL) {
		leaf = strrchr(path, '.');
		leaf = leaf != NULL ? leaf + 1 : path;
		/* the device's own name is no field */
		if (!in_list(known_j, path) && !(json_is_string(v) &&
		    in_list(" cpu disk-device iface intr ", leaf)))
			import_skip(c->skipped, path);
		return 0;
	}
	if (!json_is_number(v) || !isfinite(json_number_value(v)))
		return perr_set(e, "%s: not a number", where);
	if (f->kind != K_SYS && dev == NULL)
		return perr_set(e, "%s: no device (cpu, disk-device or iface) "
		    "beside it", where);
	return put(c->w, c->row, f, dev != NULL ? dev : "",
	    json_number_value(v), where, e);
}

/* One element of "statistics": a row. */
static int
jstat(struct jctx *c, const json_t *s, const char *host, struct perr *e)
{
	const json_t *ts, *v;
	const char *k;
	char when[64];
	double t, iv;

	ts = json_object_get(s, "timestamp");
	if (!json_is_object(s) || !json_is_object(ts))
		return perr_set(e, "%s: no timestamp", c->where);
	if (!json_is_string(json_object_get(ts, "date")) ||
	    !json_is_string(json_object_get(ts, "time")) ||
	    !json_is_number(v = json_object_get(ts, "interval")) ||
	    !((iv = json_number_value(v)) >= 0))
		return perr_set(e, "%s.timestamp: not sadf's date, time and "
		    "interval", c->where);
	if (!json_is_integer(v = json_object_get(ts, "utc")) ||
	    json_integer_value(v) != 1)
		return perr_set(e, "%s.timestamp: not in UTC (sadf -t or -T "
		    "print local time; run sadf without them)", c->where);
	snprintf(when, sizeof when, "%s %s UTC",
	    json_string_value(json_object_get(ts, "date")),
	    json_string_value(json_object_get(ts, "time")));
	if (parse_time(when, &t, c->where, e) < 0)
		return -1;
	c->row = row_at(c->w, c->o, host, t, iv);
	json_object_foreach((json_t *)s, k, v) {
		if (strcmp(k, "timestamp") == 0)
			continue;
		if (jwalk(c, k, v, NULL, e) < 0)
			return -1;
	}
	return 0;
}

int
sadfimport_json(const json_t *doc, const struct import_opts *o,
    struct wide *w, struct import_skipped *skipped, struct perr *e)
{
	const json_t *hosts, *h, *st, *s, *nn;
	struct jctx c;
	size_t i, j;

	hosts = json_object_get(json_object_get(doc, "sysstat"), "hosts");
	if (!json_is_array(hosts))
		return perr_set(e, "%s: no sysstat.hosts array: not sadf -j "
		    "output", o->file);
	memset(&c, 0, sizeof c);
	c.w = w, c.o = o, c.skipped = skipped;
	json_array_foreach(hosts, i, h) {
		nn = json_object_get(h, "nodename");
		st = json_object_get(h, "statistics");
		if (!json_is_string(nn) || *json_string_value(nn) == '\0' ||
		    !json_is_array(st))
			return perr_set(e, "%s: sysstat.hosts[%zu]: no nodename "
			    "or statistics", o->file, i);
		json_array_foreach(st, j, s) {
			snprintf(c.where, sizeof c.where, "%s: sysstat.hosts"
			    "[%zu].statistics[%zu]", o->file, i, j);
			/* sadf writes {} for a restart record */
			if (json_is_object(s) && json_object_size(s) == 0)
				continue;
			if (jstat(&c, s, json_string_value(nn), e) < 0)
				return -1;
		}
	}
	derive(w);
	return 0;
}
