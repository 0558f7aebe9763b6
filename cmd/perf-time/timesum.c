/* timesum.c - perf-time's summary, warnings, comparison and progress. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stats/bootstrap.h"
#include "stats/stats.h"
#include "timesum.h"
#include "util/xalloc.h"

#define SHORT_S 0.005		/* shorter than this in shell mode: warn */

char *
timesum_fmt(char *buf, size_t len, double secs)
{
	double a = fabs(secs);

	if (isnan(secs))
		snprintf(buf, len, "?");
	else if (a >= 1)
		snprintf(buf, len, "%.3f s", secs);
	else if (a >= 1e-3)
		snprintf(buf, len, "%.2f ms", secs * 1e3);
	else
		snprintf(buf, len, "%.1f µs", secs * 1e6);
	return buf;
}

/* A size in KiB as "12.3 MiB". */
static char *
fmt_kib(char *buf, size_t len, double kib)
{
	if (isnan(kib))
		snprintf(buf, len, "?");
	else if (kib >= 1024 * 1024)
		snprintf(buf, len, "%.2f GiB", kib / (1024 * 1024));
	else if (kib >= 1024)
		snprintf(buf, len, "%.1f MiB", kib / 1024);
	else
		snprintf(buf, len, "%.0f KiB", kib);
	return buf;
}

/* Describes the known (not NaN) values of x[0..n), in a copy
 * (stats_describe sorts). */
static void
describe(const double *x, size_t n, struct stats_desc *d)
{
	double *tmp = xreallocarray(NULL, n ? n : 1, sizeof *tmp);
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (!isnan(x[i]))
			tmp[k++] = x[i];
	stats_describe(tmp, k, 0.95, d);
	free(tmp);
}

/* How far the values beyond Tukey's fences move the mean: |mean of all -
 * mean of those within the fences| / median (0 when none lie beyond). */
static double
fenced_shift(const double *x, size_t n, const struct stats_desc *d)
{
	double iqr = d->p75 - d->p25, lo = d->p25 - 1.5 * iqr,
	    hi = d->p75 + 1.5 * iqr, all = 0, in = 0;
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		all += x[i];
		if (x[i] >= lo && x[i] <= hi)
			in += x[i], k++;
	}
	if (k == 0 || k == n || !(d->median > 0))
		return k == n ? 0 : INFINITY;
	return fabs(all / (double)n - in / (double)k) / d->median;
}

/* Warnings about the wall times of one command. */
static void
warnings(FILE *fp, const struct timesum_bench *b, const struct stats_desc *d)
{
	struct stats_outliers o;
	char t1[32], t2[32];
	double z, shift;

	if (b->n >= 4) {
		stats_outliers(b->wall, b->n, d->p25, d->p75, d->median, d->mad,
		    NULL, &o);
		/* Outliers matter when they move the figures read: the mean
		 * with them and without them differ by 1% of the median or
		 * more.  A 0.25% spread crossing Tukey's fences does not. */
		shift = fenced_shift(b->wall, b->n, d);
		if ((o.mild + o.severe > 0 || o.modz > 0) && shift >= 0.01)
			fprintf(fp, "  Warning: outliers: %zu of %zu runs"
			    " beyond Tukey's fences (%zu severe), %zu with a"
			    " modified z-score over 3.5, moving the mean by"
			    " %.1f%%; a quieter machine, --warmup or --cpu may"
			    " help\n", o.mild + o.severe, b->n, o.severe, o.modz,
			    100 * shift);
		/* The first run, alone far above the rest: cold caches.
		 * Said when it matters as outliers do: it moves the mean
		 * by 1% of the median or more (a first run 1.3% slower of
		 * 5 does not). */
		if (d->mad > 0 && d->median > 0) {
			z = 0.6745 * (b->wall[0] - d->median) / d->mad;
			shift = (b->wall[0] - d->median) / d->median /
			    (double)b->n;
			if (z > 3.5 && shift >= 0.01)
				fprintf(fp, "  Warning: the first run took %s,"
				    " much longer than the median %s (cold"
				    " caches?), moving the mean by %.1f%%;"
				    " consider --warmup\n",
				    timesum_fmt(t1, sizeof t1, b->wall[0]),
				    timesum_fmt(t2, sizeof t2, d->median),
				    100 * shift);
		}
	}
	if (b->shell && b->n > 0 && d->mean < SHORT_S)
		fprintf(fp, "  Warning: the command took less than 5 ms on"
		    " average, close to the shell's start-up that was"
		    " subtracted; use --no-shell or -- COMMAND for exact"
		    " figures\n");
	if (b->timed_out)
		fprintf(fp, "  Warning: %zu of %zu runs timed out (not"
		    " counted)\n", b->timed_out, b->runs);
	if (b->failed)
		fprintf(fp, "  Warning: %zu of %zu runs failed (%s)\n",
		    b->failed, b->runs, b->n > 0 ? "counted" : "not started: "
		    "nothing measured");
}

void
timesum_bench(FILE *fp, size_t k, const struct timesum_bench *b)
{
	struct stats_desc w, u, s, r;
	char a[32], c[32], e[32], f[32];

	fprintf(fp, "Benchmark %zu: %s\n", k, b->label);
	describe(b->wall, b->n, &w);
	if (b->n == 0) {
		fprintf(fp, "  No run counted (%zu runs)\n", b->runs);
		warnings(fp, b, &w);
		return;
	}
	describe(b->user, b->n, &u);
	describe(b->sys, b->n, &s);
	describe(b->rss, b->n, &r);
	fprintf(fp, "  Time (mean ± σ):     %10s ± %9s    [User: %s,"
	    " System: %s]\n",
	    timesum_fmt(a, sizeof a, w.mean), timesum_fmt(c, sizeof c, w.sd),
	    timesum_fmt(e, sizeof e, u.mean), timesum_fmt(f, sizeof f, s.mean));
	if (!isnan(w.median_lo))
		fprintf(fp, "  Median (95%% CI):     %10s   [%s … %s]\n",
		    timesum_fmt(a, sizeof a, w.median),
		    timesum_fmt(c, sizeof c, w.median_lo),
		    timesum_fmt(e, sizeof e, w.median_hi));
	else
		fprintf(fp, "  Median:              %10s\n",
		    timesum_fmt(a, sizeof a, w.median));
	fprintf(fp, "  Range (min … max):   %10s … %9s    %zu runs\n",
	    timesum_fmt(a, sizeof a, w.min), timesum_fmt(c, sizeof c, w.max),
	    b->n);
	if (r.n > 0)
		fprintf(fp, "  Peak memory:         %10s   (max %s, %zu of %zu"
		    " runs known)\n", fmt_kib(a, sizeof a, r.mean),
		    fmt_kib(c, sizeof c, r.max), r.n, b->n);
	else
		fprintf(fp, "  Peak memory:         unknown (no more than"
		    " perf-time's own)\n");
	warnings(fp, b, &w);
}

void
timesum_compare(FILE *fp, const struct timesum_bench *b, size_t nb)
{
	struct bootstrap_ratio br;
	double mf, sf, m, s, ratio, err;
	size_t i, f = nb, counted = 0;

	for (i = 0; i < nb; i++) {
		counted += b[i].n > 0;
		if (b[i].n > 0 && (f == nb || stats_mean(b[i].wall, b[i].n) <
		    stats_mean(b[f].wall, b[f].n)))
			f = i;
	}
	fputs("Summary\n", fp);
	/* Commands with no counted run (every run timed out) are named,
	 * not left out of the comparison in silence. */
	for (i = 0; i < nb; i++)
		if (b[i].n == 0)
			fprintf(fp, "  %s: no run counted: not compared\n",
			    b[i].label);
	if (f == nb)
		return;
	if (counted == 1) {
		fprintf(fp, "  %s: the only command with runs counted: nothing"
		    " to compare it with\n", b[f].label);
		return;
	}
	mf = stats_mean(b[f].wall, b[f].n);
	sf = stats_sd(b[f].wall, b[f].n);
	fprintf(fp, "  %s ran\n", b[f].label);
	if (!(mf > 0)) {
		fprintf(fp, "  in no measurable time: no ratio to the"
		    " others\n");
		return;
	}
	for (i = 0; i < nb; i++) {
		if (i == f || b[i].n == 0)
			continue;
		m = stats_mean(b[i].wall, b[i].n);
		s = stats_sd(b[i].wall, b[i].n);
		ratio = m / mf;
		err = ratio * sqrt(pow(s / m, 2) + pow(sf / mf, 2));
		fprintf(fp, "  %8.2f", ratio);
		if (!isnan(err))
			fprintf(fp, " ± %.2f", err);
		fprintf(fp, " times faster than %s", b[i].label);
		if (bootstrap_median_ratio(b[f].wall, b[f].n, b[i].wall, b[i].n,
		    0.95, 0, 1, &br) == 0)
			fprintf(fp, " (median ratio %.2f, 95%% bootstrap interval"
			    " %.2f … %.2f)", br.ratio, br.lo, br.hi);
		fputc('\n', fp);
	}
}

void
timesum_progress(FILE *fp, const char *label, size_t done, size_t total,
    double mean, double left)
{
	char m[32], l[32], bar[41];
	size_t i, fill = total ? done * 20 / total : 0;

	if (fill > 20)
		fill = 20;
	bar[0] = '\0';
	for (i = 0; i < 20; i++)
		strcat(bar, i < fill ? "#" : "-");
	fprintf(fp, "\r\033[K  %.30s  [%s] %zu", label, bar, done);
	if (total)
		fprintf(fp, "/%zu", total);
	fprintf(fp, "  mean %s", timesum_fmt(m, sizeof m, mean));
	if (!isnan(left))
		fprintf(fp, "  ETA %s", timesum_fmt(l, sizeof l, left));
	fflush(fp);
}

void
timesum_progress_clear(FILE *fp)
{
	fputs("\r\033[K", fp);
	fflush(fp);
}
