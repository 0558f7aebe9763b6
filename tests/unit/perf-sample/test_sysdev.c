/* test_sysdev.c - disks and interfaces: the kinds of disks, old and new
 * diskstats formats, interface names, malformed lines, lookups by name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysdev.h"
#include "tap.h"

/* Parses text as the reader's buffer with the given parser. */
static int
parse(int (*fn)(struct procsys_reader *, struct procsys_snap *, struct perr *),
    struct procsys_reader *r, struct procsys_snap *s, const char *text,
    struct perr *e)
{
	size_t n = strlen(text);

	if (n + 1 > r->buf.cap) {
		r->buf.p = realloc(r->buf.p, n + 1);
		r->buf.cap = n + 1;
	}
	memcpy(r->buf.p, text, n + 1);
	r->buf.len = n;
	return fn(r, s, e);
}

int
main(void)
{
	char root[256];
	struct procsys_reader r;
	struct procsys_snap s;
	struct perr e;

	snprintf(root, sizeof root, "%s/d", tap_tmpdir());
	tap_put(root, "sys/block/sda/device", "");
	tap_put(root, "sys/block/cciss!c0d0/device", "");
	tap_put(root, "sys/block/dm-0/dev", "253:0\n");
	procsys_open(&r, root);
	procsys_snap_init(&s);

	tap_int(parse(sysdev_disks, &r, &s,
	    "   8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n"
	    "   8 1 sda1 1 2 3 4 5 6 7 8 9 10 11\n"
	    " 104 0 cciss/c0d0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n"
	    " 253 0 dm-0 1 2 3 4 5 6 7 8 9 10 11\n", &e), 0,
	    "physical disks only");
	tap_int((long long)s.ndisk, 2, "sda and cciss/c0d0");
	tap_str(s.disk[1].name, "cciss/c0d0", "a slash in a name: '!' in /sys");
	tap_int((long long)s.disk[1].dc_ticks, 15, "kernel 4.18 format");
	tap_int((long long)s.disk[0].wr_sec, 7, "sectors written");
	tap_int((long long)s.disk[0].io_ticks, 10, "io ticks");
	r.all_disks = 1;
	tap_int(parse(sysdev_disks, &r, &s,
	    "   8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n"
	    "   8 1 sda1 1 2 3 4 5 6 7 8 9 10 11\n"
	    " 253 0 dm-0 1 2 3 4 5 6 7 8 9 10 11\n", &e), 0, "every disk");
	tap_ok(s.ndisk == 3 && s.disk[1].kind == PROCSYS_PARTITION &&
	    s.disk[2].kind == PROCSYS_VIRTUAL && s.disk[0].kind == PROCSYS_PHYSICAL,
	    "kinds from /sys/block");
	tap_int(sysdev_find_disk(&s, "dm-0", 2), 2, "found where hinted");
	tap_int(sysdev_find_disk(&s, "dm-0", 0), 2, "found elsewhere");
	tap_int(sysdev_find_disk(&s, "dm-0", 99), 2, "a hint past the end");
	tap_int(sysdev_find_disk(&s, "sdq", -1), -1, "not there");
	tap_int(parse(sysdev_disks, &r, &s, "   8 0 sda 1 2 3 4 5 6 7 8 9 10\n",
	    &e), -1, "ten fields: malformed");
	tap_ok(strstr(e.msg, "/d/proc/diskstats:1: malformed") != NULL,
	    "names the line (%s)", e.msg);
	tap_int(parse(sysdev_disks, &r, &s, "x\n", &e), -1, "garbage");
	tap_int(parse(sysdev_disks, &r, &s,
	    "   8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n"
	    "   8 0 averyveryveryveryverylongdiskname0 1 2 3 4 5 6 7 8 9 10 11\n",
	    &e), -1, "a name too long");
	tap_ok(strstr(e.msg, "diskstats:2: malformed") != NULL, "line 2");
	tap_int(parse(sysdev_disks, &r, &s, "", &e), 0, "no disks");
	tap_int((long long)s.ndisk, 0, "none");

	tap_int(parse(sysdev_nets, &r, &s,
	    "Inter-|   Receive\n face |bytes\n"
	    "    lo: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n"
	    "enp0s31f6:100 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n"
	    "  br-1a2b: 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n", &e), 0,
	    "interfaces");
	tap_int((long long)s.nnet, 3, "three");
	tap_str(s.net[1].name, "enp0s31f6", "a name touching its numbers");
	tap_int((long long)s.net[1].v[PROCSYS_RXBYTES], 100, "rx bytes");
	tap_int((long long)s.net[1].v[PROCSYS_TXBYTES], 9, "tx bytes");
	tap_int((long long)s.net[1].v[PROCSYS_TXDROP], 12, "tx drop");
	tap_int(sysdev_find_net(&s, "br-1a2b", 0), 2, "found");
	tap_int(parse(sysdev_nets, &r, &s, "h\nh\n  eth0: 1 2 3\n", &e), -1,
	    "too few counters");
	tap_ok(strstr(e.msg, "/proc/net/dev:3: malformed") != NULL,
	    "names the line (%s)", e.msg);
	tap_int(parse(sysdev_nets, &r, &s, "h\nh\n  eth0 1 2 3\n", &e), -1,
	    "no colon");
	tap_int(parse(sysdev_nets, &r, &s, "h\nh\n", &e), 0, "headers only");
	tap_int((long long)s.nnet, 0, "no interface");
	procsys_snap_free(&s);
	procsys_close(&r);
	return tap_done();
}
