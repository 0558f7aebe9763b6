/* test_sampleout.c - CSV rows and headers, the check before appending,
 * Prometheus files replaced whole, host names and capture times. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sampleout.h"
#include "tap.h"

static char *
slurp(const char *path)
{
	static char buf[4096];
	FILE *fp = fopen(path, "r");
	size_t n = 0;

	if (fp != NULL) {
		n = fread(buf, 1, sizeof buf - 1, fp);
		fclose(fp);
	}
	buf[n] = '\0';
	return buf;
}

int
main(void)
{
	const char *lead[] = { "time", "host", "comm" };
	const char *vals[] = { "1.5", "h", "a,b" };
	const struct promtext_label lab[] = { { "host", "h" } };
	const struct promtext_label *labs[] = { lab };
	const struct sampler_row *rp[1];
	struct sampleout_line line = { NULL, 0 };
	struct sampler_row r;
	struct csvwrite w;
	struct perr e;
	char *text = NULL, path[256], host[64];
	size_t len = 0;
	double t;
	FILE *fp;

	sampler_row_init(&r);
	sampler_begin(&r);
	sampler_put(&r, "x_pct", 2, 12.345);
	sampler_put(&r, "y_count", 0, NAN);
	sampler_put(&r, "z_per_s", 1, 0.05);
	fp = open_memstream(&text, &len);
	csvwrite_init(&w, fp);
	tap_int(sampleout_header(&w, lead, 3, &r), 0, "header");
	tap_int(sampleout_row(&w, &line, vals, 3, &r, &r), 0, "row");
	tap_int(sampleout_row(&w, &line, NULL, 0, &r, &r), 0,
	    "row without leading fields");
	fclose(fp);
	tap_str(text, "time,host,comm,x_pct,y_count,z_per_s\n"
	    "1.5,h,\"a,b\",12.35,,0.1\n12.35,,0.1\n",
	    "quoted text, formatted numbers, NaN empty");
	free(text);

	snprintf(path, sizeof path, "%s/s.csv", tap_tmpdir());
	tap_int(sampleout_check(path, lead, 3, &r, &e), 1, "no file: fresh");
	fp = fopen(path, "w");
	fclose(fp);
	tap_int(sampleout_check(path, lead, 3, &r, &e), 1, "empty file: fresh");
	fp = fopen(path, "w");
	fputs("time,host,comm,x_pct,y_count,z_per_s\n1,h,c,1,2,3\n", fp);
	fclose(fp);
	tap_int(sampleout_check(path, lead, 3, &r, &e), 0, "same header");
	fp = fopen(path, "w");
	fputs("time,host,comm,x_pct,y_count\n", fp);
	fclose(fp);
	tap_int(sampleout_check(path, lead, 3, &r, &e), -1, "a shorter header");
	tap_ok(strstr(e.msg, "s.csv:1: header differs from the columns of "
	    "this run; not appending") != NULL, "says so");
	fp = fopen(path, "w");
	fputs("time,host,comm,x_pct,y_count,z_per_s,w\n", fp);
	fclose(fp);
	tap_int(sampleout_check(path, lead, 3, &r, &e), -1, "a longer header");
	fp = fopen(path, "w");
	fputs("time,host,comm,x_pct,y_count,z_per_s\n1,h,c,1,2,3\n2,h,c,4", fp);
	fclose(fp);
	tap_int(sampleout_check(path, lead, 3, &r, &e), -1, "a cut-off last row");
	tap_ok(strstr(e.msg, "s.csv: the last line has no newline (cut off?); "
	    "not appending") != NULL, "says so, rather than glue a row on");
	fp = fopen(path, "w");
	fputs("\"time\",host,comm,x_pct,y_count,z_per_s\r\n", fp);
	fclose(fp);
	tap_int(sampleout_check(path, lead, 3, &r, &e), 0,
	    "a header quoted or with CRLF is read as CSV");
	tap_int(sampleout_check("/dev/null", lead, 3, &r, &e), 1,
	    "not a regular file: not read");

	snprintf(path, sizeof path, "%s/m.prom", tap_tmpdir());
	rp[0] = &r;
	tap_int(sampleout_prom(path, rp, 1, labs, 1, &e), 0, "prometheus file");
	tap_ok(strstr(slurp(path), "perfpipe_x_ratio{host=\"h\"} 0.12345\n") !=
	    NULL, "holds the sample");
	tap_ok(strstr(slurp(path), "y_count{") == NULL, "NaN left out");
	snprintf(path, sizeof path, "%s/none/m.prom", tap_tmpdir());
	tap_int(sampleout_prom(path, rp, 1, labs, 1, &e), -1, "no such directory");

	tap_file("perfpipe-time", "1795500975.059\n");
	tap_int(sampleout_tree_time(tap_tmpdir(), &t, &e), 0, "capture time");
	tap_num(t, 1795500975.059, 0, 1e-9, "its value");
	tap_file("perfpipe-time", "-5\n");
	tap_int(sampleout_tree_time(tap_tmpdir(), &t, &e), -1, "negative");
	tap_ok(strstr(e.msg, "perfpipe-time:1: '-5' is not a time") != NULL,
	    "says so (%s)", e.msg);
	snprintf(path, sizeof path, "%s/none", tap_tmpdir());
	tap_int(sampleout_tree_time(path, &t, &e), -1, "no file");

	snprintf(path, sizeof path, "%s/proc", tap_tmpdir());
	mkdir(path, 0755);
	strcat(path, "/sys");
	mkdir(path, 0755);
	strcat(path, "/kernel");
	mkdir(path, 0755);
	tap_file("proc/sys/kernel/hostname", "box-7\n");
	tap_str(sampleout_hostname(tap_tmpdir(), host, sizeof host), "box-7",
	    "a tree's host name");
	gethostname(path, sizeof path);
	tap_str(sampleout_hostname("/nonexistent", host, sizeof host), path,
	    "else this machine's");
	sampler_row_free(&r);
	free(line.p);
	return tap_done();
}
