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
