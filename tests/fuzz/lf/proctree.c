/* proctree.c - libFuzzer target: the process-tree reader (procpid_read:
 * stat, status and io of each process under ROOT/proc, children found by
 * their parent field) and the cgroup reader (cgroup_read: cpu.stat,
 * memory.current, memory.peak, io.stat and the pressure files), fed
 * arbitrary file contents.  The input is split at LF_SEP into the files
 * below, written under a root directory in /dev/shm; a piece that is
 * absent leaves its file absent.  Each input is read twice. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "sys/cgroup.h"
#include "sys/procpid.h"
#include "lfutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const files[] = {
	"proc/1/stat", "proc/1/status", "proc/1/io",
	"proc/2/stat", "proc/2/status", "proc/2/io",
	"cg/cpu.stat", "cg/memory.current", "cg/memory.peak", "cg/io.stat",
	"cg/cpu.pressure", "cg/memory.pressure", "cg/io.pressure",
};
static const char *const dirs[] = { "proc", "proc/1", "proc/1/fd", "proc/2",
	"proc/2/fd", "cg" };
enum { NFILES = sizeof files / sizeof files[0],
	NDIRS = sizeof dirs / sizeof dirs[0] };
static char root[64];

static void
cleanup(void)
{
	char p[128];
	int i;

	for (i = 0; i < NFILES; i++) {
		snprintf(p, sizeof p, "%s/%s", root, files[i]);
		unlink(p);
	}
	snprintf(p, sizeof p, "%s/cg/cgroup.controllers", root);
	unlink(p);
	for (i = NDIRS - 1; i >= 0; i--) {
		snprintf(p, sizeof p, "%s/%s", root, dirs[i]);
		rmdir(p);
	}
	rmdir(root);
}

static void
mkroot(void)
{
	char p[128];
	size_t i;
	int fd;

	snprintf(root, sizeof root, "/dev/shm/lf-proctree-%d", (int)getpid());
	if (mkdir(root, 0700) < 0)
		err(1, "%s", root);
	atexit(cleanup);
	for (i = 0; i < NDIRS; i++) {
		snprintf(p, sizeof p, "%s/%s", root, dirs[i]);
		if (mkdir(p, 0700) < 0)
			err(1, "%s", p);
	}
	snprintf(p, sizeof p, "%s/cg/cgroup.controllers", root);
	if ((fd = open(p, O_WRONLY | O_CREAT, 0600)) < 0 || close(fd) < 0)
		err(1, "%s", p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct procpid_reader pr;
	struct procpid_tree t = { 0 };
	struct cgroup_reader cr;
	struct cgroup_snap cs;
	struct perr e;
	const uint8_t *piece;
	size_t i, n, pos = 0;
	char p[128];
	int fd;

	if (root[0] == '\0')
		mkroot();
	for (i = 0; i < NFILES; i++) {
		snprintf(p, sizeof p, "%s/%s", root, files[i]);
		unlink(p);
		if ((piece = lf_piece(data, size, &pos, &n)) == NULL)
			continue;
		if ((fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 ||
		    (n && write(fd, piece, n) != (ssize_t)n) || close(fd) < 0)
			err(1, "%s", p);
	}
	if (procpid_open(&pr, root, 1, &e) == 0) {
		if (procpid_read(&pr, &t, &e) == 0)
			(void)procpid_read(&pr, &t, &e);
		procpid_tree_free(&t);
		procpid_close(&pr);
	}
	if (cgroup_open(&cr, root, "/cg", &e) == 0) {
		if (cgroup_read(&cr, &cs, &e) == 0)
			(void)cgroup_read(&cr, &cs, &e);
		cgroup_close(&cr);
	}
	return 0;
}
