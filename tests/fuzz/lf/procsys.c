/* procsys.c - libFuzzer target (lf-cmd: perf-sample): perf-sample's system
 * readers (procsys, sysdev, psi, procfile's scanning) fed arbitrary file
 * contents. The input is split at LF_SEP into the files below, written
 * under a root directory in /dev/shm; a piece that is absent leaves its
 * file absent. Each input is read twice, as consecutive samples are (the
 * second read takes the paths that remember where keys and devices were). */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "procsys.h"
#include "lfutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const files[] = {
	"proc/stat", "proc/meminfo", "proc/vmstat", "proc/loadavg",
	"proc/diskstats", "proc/net/dev", "proc/sys/fs/file-nr",
	"proc/pressure/cpu", "proc/pressure/memory", "proc/pressure/io",
};
enum { NFILES = sizeof files / sizeof files[0] };
static char root[64];

static void
mkroot(void)
{
	static const char *const dirs[] = { "proc", "proc/net", "proc/sys",
		"proc/sys/fs", "proc/pressure" };
	char p[128];
	size_t i;

	snprintf(root, sizeof root, "/dev/shm/lf-procsys-%d", (int)getpid());
	if (mkdir(root, 0700) < 0)
		err(1, "%s", root);
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", root, dirs[i]);
		if (mkdir(p, 0700) < 0)
			err(1, "%s", p);
	}
}

static void
cleanup(void)
{
	char p[128];
	size_t i;

	for (i = 0; i < NFILES; i++) {
		snprintf(p, sizeof p, "%s/%s", root, files[i]);
		unlink(p);
	}
	snprintf(p, sizeof p, "%s/proc/net", root);
	rmdir(p);
	snprintf(p, sizeof p, "%s/proc/sys/fs", root);
	rmdir(p);
	snprintf(p, sizeof p, "%s/proc/sys", root);
	rmdir(p);
	snprintf(p, sizeof p, "%s/proc/pressure", root);
	rmdir(p);
	snprintf(p, sizeof p, "%s/proc", root);
	rmdir(p);
	rmdir(root);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct procsys_reader r;
	struct procsys_snap s;
	struct perr e;
	const uint8_t *piece;
	size_t i, n, pos = 0;
	char p[128];
	int fd;

	if (root[0] == '\0') {
		mkroot();
		atexit(cleanup);
	}
	for (i = 0; i < NFILES; i++) {
		snprintf(p, sizeof p, "%s/%s", root, files[i]);
		unlink(p);
		if ((piece = lf_piece(data, size, &pos, &n)) == NULL)
			continue;
		if ((fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 ||
		    (n && write(fd, piece, n) != (ssize_t)n) || close(fd) < 0)
			err(1, "%s", p);
	}
	procsys_open(&r, root);
	procsys_snap_init(&s);
	if (procsys_read(&r, &s, &e) == 0)
		(void)procsys_read(&r, &s, &e);
	procsys_snap_free(&s);
	procsys_close(&r);
	return 0;
}
