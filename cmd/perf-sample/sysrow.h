/* sysrow.h - the system columns of a sample row (see
 * schemas/samples.schema.json for each column's meaning and unit). */
#ifndef SYSROW_H
#define SYSROW_H

#include "procsys.h"
#include "sampler.h"

struct sysrow_opts {
	int per_cpu, per_disk, per_net;	/* add per-device columns */
};

/*
 * Declares (first call) or fills the system columns from the snapshots a
 * (earlier) and b (later), dt seconds apart.  Totals of disks count whole
 * physical disks; totals of interfaces leave lo out.  Per-device columns
 * are the devices of a when declaring (for disks, whole devices that have
 * done I/O); the same devices are looked up by name afterwards.
 */
void sysrow_fill(struct sampler_row *r, const struct sysrow_opts *o,
    const struct procsys_snap *a, const struct procsys_snap *b, double dt);

#endif
