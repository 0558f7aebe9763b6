/* outdir.c - report directories swapped in whole. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outdir.h"
#include "util/xalloc.h"

/* Whether dir may be replaced: empty, or a previous report. */
static int
replaceable(const char *dir)
{
	DIR *d;
	struct dirent *de;
	int any = 0, report = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		any = 1;
		if (strcmp(de->d_name, "report.txt") == 0)
			report = 1;
	}
	closedir(d);
	return !any || report;
}

char *
outdir_begin(const char *dir, struct perr *e)
{
	struct stat st;
	char *copy, *base, *parent, *tmp;

	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			perr_set(e, "%s: exists and is not a directory", dir);
			return NULL;
		}
		if (!replaceable(dir)) {
			perr_set(e, "%s: holds files and no report.txt: not a "
			    "report to replace", dir);
			return NULL;
		}
	} else if (errno != ENOENT) {
		perr_set(e, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	copy = xstrdup(dir);
	parent = xstrdup(dirname(copy));
	free(copy);
	copy = xstrdup(dir);
	base = basename(copy);
	tmp = xasprintf("%s/.%s.tmpXXXXXX", parent, base);
	free(copy);
	free(parent);
	if (mkdtemp(tmp) == NULL) {
		perr_set(e, "%s: cannot create a directory beside it: %s", dir,
		    strerror(errno));
		free(tmp);
		return NULL;
	}
	/* mkdtemp makes it 0700; a report is for reading. */
	chmod(tmp, 0755);
	return tmp;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void
outdir_remove(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Empties the directory open as dfd, depth levels deep at most, with
 * calls that are async-signal-safe (getdents64, openat, unlinkat: no
 * malloc, unlike nftw and opendir).  Entries are read again from the
 * start after each pass, since removing them moves the rest. */
static void
rm_at(int dfd, int depth)
{
	char buf[4096];
	struct dirent64 *d;
	ssize_t n, off;
	int sub, again = 1, pass;

	for (pass = 0; again && pass < 64; pass++) {
		again = 0;
		if (lseek(dfd, 0, SEEK_SET) < 0)
			return;
		while ((n = getdents64(dfd, buf, sizeof buf)) > 0)
			for (off = 0; off < n; off += d->d_reclen) {
				d = (struct dirent64 *)(void *)(buf + off);
				if (strcmp(d->d_name, ".") == 0 ||
				    strcmp(d->d_name, "..") == 0)
					continue;
				again = 1;
				if (unlinkat(dfd, d->d_name, 0) == 0 ||
				    (errno != EISDIR && errno != EPERM) ||
				    depth == 0)
					continue;
				sub = openat(dfd, d->d_name, O_RDONLY |
				    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
				if (sub >= 0) {
					rm_at(sub, depth - 1);
					close(sub);
				}
				unlinkat(dfd, d->d_name, AT_REMOVEDIR);
			}
	}
}

void
outdir_remove_signal(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return;
	/* A report is two levels deep (DIR/data/); a few more are room. */
	rm_at(fd, 4);
	close(fd);
	rmdir(path);
}

int
outdir_commit(const char *tmp, const char *dir, struct perr *e)
{
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE) == 0) {
		/* tmp now holds the previous report. */
		outdir_remove(tmp);
		return 0;
	}
	if (errno != ENOENT)
		return perr_set(e, "%s: %s", dir, strerror(errno));
	if (rename(tmp, dir) != 0)
		return perr_set(e, "%s: %s", dir, strerror(errno));
	return 0;
}
