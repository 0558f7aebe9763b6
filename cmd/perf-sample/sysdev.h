/* sysdev.h - the disks and network interfaces of a system snapshot: the
 * parsers procsys_read uses, and lookups by name across snapshots. */
#ifndef SYSDEV_H
#define SYSDEV_H

#include "procsys.h"

/*
 * Parse the text of /proc/diskstats (or /proc/net/dev) in r->buf into
 * s->disk (s->net), growing the arrays as needed.  Disks keep their kind,
 * found once per name under ROOT/sys/block; only physical ones are kept
 * unless r->all_disks.  Return 0, or -1 with "PATH:LINE: malformed" in e.
 */
int sysdev_disks(struct procsys_reader *r, struct procsys_snap *s, struct perr *e);
int sysdev_nets(struct procsys_reader *r, struct procsys_snap *s, struct perr *e);

/* Find the disk or interface named name in s; hint is where to look
 * first (the index it had last time).  Return the index or -1. */
long sysdev_find_disk(const struct procsys_snap *s, const char *name, long hint);
long sysdev_find_net(const struct procsys_snap *s, const char *name, long hint);

#endif
