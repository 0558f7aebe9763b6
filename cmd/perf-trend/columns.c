/* columns.c - column roles of a perfpipe CSV, decided while streaming. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "columns.h"
#include "fmt/colname.h"
#include "util/num.h"
#include "util/xalloc.h"

static const char *const known_keys[] = {
	"host", "name", "command", "cgroup", "pid", "comm", "commit",
	"branch", "label", "source",
};
static const char *const known_ids[] = {
	"ppid", "tid", "run", "exit_status", "signal", "timed_out", "cpu",
	"measured_by",
};

int
columns_known_key(const char *name)
{
	size_t i;

	if (strncmp(name, "param_", 6) == 0)
		return 1;
	for (i = 0; i < sizeof known_keys / sizeof *known_keys; i++)
		if (strcmp(name, known_keys[i]) == 0)
			return 1;
	return 0;
}

int
columns_known_id(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof known_ids / sizeof *known_ids; i++)
		if (strcmp(name, known_ids[i]) == 0)
			return 1;
	return 0;
}

const char *
columns_role_name(enum col_role role)
{
	static const char *const names[] = {
		"undecided", "key", "metric", "axis", "identifier", "ignored",
	};

	return names[role];
}

/* Gives each column of a comma-separated list the role; fails for a name
 * not in the header or one that already has an explicit role. */
static int
assign(struct columns *c, const struct csvread *r, const char *list,
    enum col_role role, const char *opt, unsigned char *named,
    struct perr *e)
{
	char *dup = xstrdup(list), *p = dup, *name;
	long i;
	int rv = 0;

	while ((name = strsep(&p, ",")) != NULL) {
		if ((i = csvread_col(r, name)) < 0) {
			rv = perr_set(e, "%s:1: no column '%s' (named by %s)",
			    csvread_srcname(r, 0), name, opt);
			break;
		}
		if (named[i] && c->role[i] != role) {
			rv = perr_set(e, "column '%s': named as %s and as %s",
			    name, columns_role_name(c->role[i]),
			    columns_role_name(role));
			break;
		}
		named[i] = 1;
		c->role[i] = role;
	}
	free(dup);
	return rv;
}

int
columns_init(struct columns *c, const struct csvread *r, const char *by,
    const char *metric, const char *x, struct perr *e)
{
	unsigned char *named;
	size_t i;
	long t;
	int rv = -1;

	memset(c, 0, sizeof *c);
	c->n = csvread_ncols(r);
	c->role = xcalloc(c->n ? c->n : 1, 1);
	c->since_line = xcalloc(c->n ? c->n : 1, sizeof *c->since_line);
	c->since_src = xcalloc(c->n ? c->n : 1, sizeof *c->since_src);
	named = xcalloc(c->n ? c->n : 1, 1);
	c->axis = -1;
	c->by_given = by != NULL;
	c->metric_given = metric != NULL;
	if (x != NULL) {
		if ((t = csvread_col(r, x)) < 0) {
			perr_set(e, "%s:1: no column '%s' (named by --x)",
			    csvread_srcname(r, 0), x);
			goto out;
		}
		c->axis = t;
	} else
		c->axis = csvread_col(r, "time");
	if (by != NULL && assign(c, r, by, COL_KEY, "--by", named, e) < 0)
		goto out;
	if (metric != NULL &&
	    assign(c, r, metric, COL_METRIC, "--metric", named, e) < 0)
		goto out;
	if (c->axis >= 0 && named[c->axis] && c->role[c->axis] == COL_KEY) {
		perr_set(e, "column '%s': named as key and as axis",
		    csvread_colname(r, (size_t)c->axis));
		goto out;
	}
	for (i = 0; i < c->n; i++) {
		const char *name = csvread_colname(r, i);

		if (named[i])
			continue;
		if ((long)i == c->axis)
			c->role[i] = COL_AXIS;
		else if (columns_known_key(name))
			c->role[i] = by ? COL_SKIP : COL_KEY;
		else if (columns_known_id(name))
			c->role[i] = COL_ID;
		else if (by && metric)
			c->role[i] = COL_SKIP;
		else if (colname_has_unit(name)) {
			/* The contract's unit suffix says metric: a value
			 * that is no number there is refused, not grouped
			 * on ("odd_ms=0x10"). */
			c->role[i] = metric ? COL_SKIP : COL_METRIC;
		} else {
			c->role[i] = COL_UNDECIDED;
			c->nundecided++;
		}
	}
	rv = 0;
out:
	free(named);
	if (rv < 0)
		columns_free(c);
	return rv;
}

void
columns_free(struct columns *c)
{
	free(c->role);
	free(c->since_line);
	free(c->since_src);
	memset(c, 0, sizeof *c);
}

/* "nan", "inf" or "infinity", signed or not, in any case: numbers
 * another tool wrote, not names. */
static int
nonfinite(const char *f, size_t len)
{
	if (len > 0 && (*f == '-' || *f == '+'))
		f++, len--;
	return (len == 3 && (strncasecmp(f, "nan", 3) == 0 ||
	    strncasecmp(f, "inf", 3) == 0)) ||
	    (len == 8 && strncasecmp(f, "infinity", 8) == 0);
}

/* Whether a field is a number, in range or not, finite or not: what
 * makes its column a metric (out of range and not finite, it is refused
 * there, with the reason) rather than a key silently grouped on. */
static int
numeric(const char *f, size_t len)
{
	double v;
	int got = num_parse_field(f, len, &v);

	return got == 1 || got == -2 || nonfinite(f, len);
}

int
columns_see(struct columns *c, const struct csvread_row *row)
{
	size_t i;
	int nkeys = 0;

	if (c->nundecided == 0)
		return 0;
	for (i = 0; i < c->n; i++) {
		if (c->role[i] != COL_UNDECIDED || row->len[i] == 0)
			continue;
		if (numeric(row->f[i], row->len[i]))
			c->role[i] = c->metric_given ? COL_SKIP : COL_METRIC;
		else if (c->by_given)
			c->role[i] = COL_SKIP;
		else {
			c->role[i] = COL_KEY;
			nkeys++;
		}
		c->since_line[i] = row->line;
		c->since_src[i] = row->src;
		c->nundecided--;
	}
	return nkeys;
}

void
columns_finish(struct columns *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->role[i] == COL_UNDECIDED)
			c->role[i] = c->metric_given ? COL_SKIP : COL_METRIC;
	c->nundecided = 0;
}

int
columns_notnum(const struct columns *c, const struct csvread *r,
    const struct csvread_row *row, size_t i, struct perr *e)
{
	const char *name = csvread_colname(r, i);
	const char *why = "is not a number";
	int cut = row->len[i] > 40;
	double v;

	if (num_parse_field(row->f[i], row->len[i], &v) == -2)
		why = "is beyond the range of a double";
	else if (nonfinite(row->f[i], row->len[i]))
		why = "is not a finite number (a missing value is an empty "
		    "field)";
	if (c->since_line[i] > 0 && c->since_src[i] != row->src)
		return perr_set(e, "%s:%ld: column '%s': '%.40s%s' %s (a metric "
		    "since %s:%ld)", row->file, row->line, name, row->f[i],
		    cut ? "..." : "", why, csvread_srcname(r, c->since_src[i]),
		    c->since_line[i]);
	return perr_set(e, "%s:%ld: column '%s': '%.40s%s' %s", row->file,
	    row->line, name, row->f[i], cut ? "..." : "", why);
}

/* Whether name is a metric name (snake_case: a-z first, then a-z, 0-9,
 * _) or a key name (letters, digits, _; not a digit first), as the trend
 * schema has them. */
static int
good_name(const char *name, int metric)
{
	const char *p = name;

	if (!(*p >= 'a' && *p <= 'z') && (metric || !((*p >= 'A' &&
	    *p <= 'Z') || *p == '_')))
		return 0;
	for (p++; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '_' || (!metric && *p >= 'A' && *p <= 'Z')))
			return 0;
	return 1;
}

int
columns_check(const struct columns *c, const struct csvread *r,
    struct perr *e)
{
	size_t s, i, nm = 0;
	int common, metric;

	for (s = 1; s < csvread_nsrc(r); s++) {
		common = 0;
		for (i = 0; i < c->n && !common; i++)
			common = csvread_src_has(r, 0, i) && csvread_src_has(r, s, i);
		if (!common)
			return perr_set(e, "%s:1: no column in common with %s",
			    csvread_srcname(r, s), csvread_srcname(r, 0));
	}
	for (i = 0; i < c->n; i++)
		if (c->role[i] == COL_METRIC || c->role[i] == COL_UNDECIDED)
			nm++;
	if (nm == 0)
		return perr_set(e, "%s:1: no metric column (numeric columns "
		    "other than time and identifiers)", csvread_srcname(r, 0));
	for (i = 0; i < c->n; i++) {
		metric = c->role[i] == COL_METRIC;
		if ((!metric && c->role[i] != COL_KEY) ||
		    good_name(csvread_colname(r, i), metric))
			continue;
		for (s = 0; !csvread_src_has(r, s, i); s++)
			;
		return perr_set(e, "%s:1: column '%s': not a %s name (%s)",
		    csvread_srcname(r, s), csvread_colname(r, i), metric ? "metric" :
		    "key", metric ? "a-z first, then a-z, 0-9 or _" :
		    "letters, digits or _, not a digit first");
	}
	return 0;
}

const char *
columns_format(const struct csvread *r, size_t src)
{
	long c;

	if ((c = csvread_col(r, "wall_s")) >= 0 && csvread_src_has(r, src, (size_t)c))
		return "runs";
	if ((c = csvread_col(r, "interval_s")) >= 0 &&
	    csvread_src_has(r, src, (size_t)c))
		return "samples";
	return "unknown";
}
