/* sysdev.c - disks (/proc/diskstats, /sys/block) and network interfaces
 * (/proc/net/dev) of a system snapshot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sysdev.h"
#include "util/xalloc.h"

/* The kind of a disk, from /sys/block, found once per name; line is the
 * disk's line in /proc/diskstats, where it is looked for first (the kinds
 * are kept in the order the disks came). */
static int
diskkind(struct procsys_reader *r, const char *name, size_t n, size_t line)
{
	struct stat st;
	char path[4096], dev[32];
	size_t i;
	int k;

	if (line < r->nkinds && memcmp(r->kinds[line].name, name, n + 1) == 0)
		return r->kinds[line].kind;
	for (i = 0; i < r->nkinds; i++)
		if (memcmp(r->kinds[i].name, name, n + 1) == 0)
			return r->kinds[i].kind;
	/* /sys/block spells a '/' in a device name as '!'. */
	for (i = 0; name[i] != '\0'; i++)
		dev[i] = name[i] == '/' ? '!' : name[i];
	dev[i] = '\0';
	snprintf(path, sizeof path, "%s/sys/block/%s/device", r->root, dev);
	if (stat(path, &st) == 0) {
		k = PROCSYS_PHYSICAL;
	} else {
		path[strlen(path) - 7] = '\0';
		k = stat(path, &st) == 0 ? PROCSYS_VIRTUAL : PROCSYS_PARTITION;
	}
	if (r->nkinds == r->kindcap) {
		r->kindcap = r->kindcap ? 2 * r->kindcap : 16;
		r->kinds = xreallocarray(r->kinds, r->kindcap, sizeof *r->kinds);
	}
	memcpy(r->kinds[r->nkinds].name, name, sizeof r->kinds[0].name);
	r->kinds[r->nkinds++].kind = k;
	return k;
}

int
sysdev_disks(struct procsys_reader *r, struct procsys_snap *s, struct perr *e)
{
	const char *p = r->buf.p, *end = p + r->buf.len, *q, *w;
	struct procsys_disk *d;
	uint64_t f[17], maj, min;
	char name[32];
	size_t n, line;
	int i, kind;

	s->ndisk = 0;
	for (line = 0; p < end; p = procfile_scan_nextline(p, end), line++) {
		if ((q = procfile_scan_u64(p, end, &maj)) == NULL ||
		    (q = procfile_scan_u64(q, end, &min)) == NULL ||
		    (q = procfile_scan_word(q, end, &w, &n)) == NULL || n >= 32)
			return procfile_malformed(e, &r->diskstats, r->buf.p, p);
		memcpy(name, w, n);
		name[n] = '\0';
		if ((kind = diskkind(r, name, n, line)) != PROCSYS_PHYSICAL &&
		    !r->all_disks)
			continue;
		for (i = 0; i < 17; i++) {
			if ((q = procfile_scan_u64(q, end, &f[i])) == NULL)
				break;
		}
		if (i < 11)
			return procfile_malformed(e, &r->diskstats, r->buf.p, p);
		for (; i < 17; i++)
			f[i] = 0;
		if (s->ndisk == s->diskcap) {
			s->diskcap = s->diskcap ? 2 * s->diskcap : 16;
			s->disk = xreallocarray(s->disk, s->diskcap,
			    sizeof *s->disk);
		}
		d = &s->disk[s->ndisk++];
		memcpy(d->name, name, n + 1);
		d->kind = kind;
		d->rd_ios = f[0], d->rd_sec = f[2], d->rd_ticks = f[3];
		d->wr_ios = f[4], d->wr_sec = f[6], d->wr_ticks = f[7];
		d->io_ticks = f[9], d->tq_ticks = f[10];
		d->dc_ios = f[11], d->dc_ticks = f[14];
	}
	return 0;
}

int
sysdev_nets(struct procsys_reader *r, struct procsys_snap *s, struct perr *e)
{
	static const int keep[16] = {
		PROCSYS_RXBYTES, PROCSYS_RXPACKETS, PROCSYS_RXERRS, PROCSYS_RXDROP, -1, -1, -1,
		-1, PROCSYS_TXBYTES, PROCSYS_TXPACKETS, PROCSYS_TXERRS, PROCSYS_TXDROP, -1, -1,
		-1, -1
	};
	const char *p = r->buf.p, *end = p + r->buf.len, *q, *colon;
	struct procsys_net *d;
	uint64_t v;
	int i;

	s->nnet = 0;
	/* Two header lines, then "  name: 16 counters". */
	p = procfile_scan_nextline(procfile_scan_nextline(p, end), end);
	for (; p < end; p = procfile_scan_nextline(p, end)) {
		while (p < end && *p == ' ')
			p++;
		colon = memchr(p, ':', (size_t)(end - p));
		if (colon == NULL || colon - p >= 32 || colon == p ||
		    memchr(p, '\n', (size_t)(colon - p)) != NULL)
			return procfile_malformed(e, &r->netdev, r->buf.p, p);
		if (s->nnet == s->netcap) {
			s->netcap = s->netcap ? 2 * s->netcap : 16;
			s->net = xreallocarray(s->net, s->netcap, sizeof *s->net);
		}
		d = &s->net[s->nnet];
		memcpy(d->name, p, (size_t)(colon - p));
		d->name[colon - p] = '\0';
		for (q = colon + 1, i = 0; i < 16; i++) {
			if ((q = procfile_scan_u64(q, end, &v)) == NULL)
				return procfile_malformed(e, &r->netdev, r->buf.p, p);
			if (keep[i] >= 0)
				d->v[keep[i]] = v;
		}
		s->nnet++;
	}
	return 0;
}

long
sysdev_find_disk(const struct procsys_snap *s, const char *name, long hint)
{
	size_t i;

	if (hint >= 0 && (size_t)hint < s->ndisk &&
	    strcmp(s->disk[hint].name, name) == 0)
		return hint;
	for (i = 0; i < s->ndisk; i++)
		if (strcmp(s->disk[i].name, name) == 0)
			return (long)i;
	return -1;
}

long
sysdev_find_net(const struct procsys_snap *s, const char *name, long hint)
{
	size_t i;

	if (hint >= 0 && (size_t)hint < s->nnet &&
	    strcmp(s->net[hint].name, name) == 0)
		return hint;
	for (i = 0; i < s->nnet; i++)
		if (strcmp(s->net[i].name, name) == 0)
			return (long)i;
	return -1;
}
