/* test_outdir.c - outdir: report directories swapped in whole, and the
 * temporary one removed, also from a signal handler's safe calls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outdir.h"
#include "tap.h"
#include "util/perr.h"

static int
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* A report-like tree under dir: files, data/, a deeper directory of many
 * entries (more than one getdents64 buffer), an empty directory, and a
 * symbolic link to a file outside, which must survive. */
static void
tree(const char *dir, const char *outside)
{
	char name[600];
	int i;

	tap_put(dir, "report.txt", "r\n");
	tap_put(dir, "chart.svg", "<svg/>\n");
	tap_put(dir, "data/cpu-1.dat", "1 2\n");
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof name, "data/deep/file-with-a-long-name-%03d", i);
		tap_put(dir, name, "x\n");
	}
	snprintf(name, sizeof name, "%s/empty", dir);
	mkdir(name, 0755);
	snprintf(name, sizeof name, "%s/link", dir);
	if (symlink(outside, name) != 0)
		perror("symlink");
}

int
main(void)
{
	const char *root = tap_tmpdir();
	char dir[512], outside[600], *tmp;
	struct perr e;

	snprintf(outside, sizeof outside, "%s/outside.txt", root);
	tap_put(root, "outside.txt", "keep\n");

	snprintf(dir, sizeof dir, "%s/sig", root);
	tree(dir, outside);
	outdir_remove_signal(dir);
	tap_ok(!exists(dir), "signal-safe removal: the whole tree goes");
	tap_ok(exists(outside), "  a link's target outside it stays");

	snprintf(dir, sizeof dir, "%s/plain", root);
	tree(dir, outside);
	outdir_remove(dir);
	tap_ok(!exists(dir), "removal: the whole tree goes");
	tap_ok(exists(outside), "  a link's target outside it stays");

	snprintf(dir, sizeof dir, "%s/rep", root);
	tap_ok((tmp = outdir_begin(dir, &e)) != NULL, "begin: a temporary beside it");
	tap_put(tmp, "report.txt", "new\n");
	tap_ok(outdir_commit(tmp, dir, &e) == 0, "commit: in place");
	free(tmp);
	tap_ok((tmp = outdir_begin(dir, &e)) != NULL, "begin again over a report");
	tree(tmp, outside);
	outdir_remove_signal(tmp);
	tap_ok(!exists(tmp), "  a half-built one removed as a signal would");
	snprintf(outside, sizeof outside, "%s/report.txt", dir);
	tap_ok(exists(outside), "  the previous report intact");
	free(tmp);
	return tap_done();
}
