/* colname.h - column names of the data contract: devices inside names,
 * and names users give (perf-sample --metric). */
#ifndef COLNAME_H
#define COLNAME_H

#include <stddef.h>

/* A device's name as it stands in column names: a-z and 0-9 as they are,
 * any other byte as "_" and two lower-case hex digits ("dm-0" is
 * "dm_2d0", "eth0.100" "eth0_2e100", "eth0_100" "eth0_5f100"), so that
 * every name is unique and reads back.  A new string (dies when memory
 * runs out). */
char *colname_escape(const char *dev);

/* Whether name is a metric column name of the contract: snake_case
 * (a-z, 0-9, single _ between words, a letter first), at most 64 bytes.
 * Returns 0, or -1 with why in why ("not snake_case: 'Q'"). */
int colname_check(const char *name, char *why, size_t whylen);

/* Whether name ends in one of the contract's unit suffixes (_pct, _s,
 * _ms, _bytes, _per_s, _kib, _count, ...). */
int colname_has_unit(const char *name);

#endif
