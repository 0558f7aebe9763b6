/* atomicfile.c - whole-or-nothing file writes by rename(2). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "xalloc.h"

/* The process's umask; reading it means setting it back at once. */
static mode_t
umask_get(void)
{
	mode_t m = umask(022);

	umask(m);
	return m;
}

int
atomicfile_open(struct atomicfile *a, const char *path, struct perr *e)
{
	struct stat st;
	char *real = NULL;
	int fd;

	a->fp = NULL;
	a->tmp = NULL;
	/* A device (/dev/stdout, /dev/full, /dev/null) or a FIFO is not
	 * replaced by a file (as root, rename would do just that): it is
	 * written directly, errors still reported by atomicfile_commit. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((a->fp = fopen(path, "w")) == NULL)
			return perr_set(e, "%s: %s", path, strerror(errno));
		a->path = xstrdup(path);
		return 0;
	}
	/* A symbolic link to a file: the file is replaced, the link kept. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		real = realpath(path, NULL);
	a->path = xstrdup(real ? real : path);
	free(real);
	a->tmp = xasprintf("%s.tmpXXXXXX", a->path);
	if ((fd = mkstemp(a->tmp)) < 0) {
		perr_set(e, "%s: cannot create a temporary file: %s", path,
		    strerror(errno));
		goto fail;
	}
	/* mkstemp makes 0600; a report or metrics file is meant to be read. */
	(void)fchmod(fd, 0644 & ~umask_get());
	if ((a->fp = fdopen(fd, "w")) == NULL) {
		perr_set(e, "%s: %s", a->tmp, strerror(errno));
		close(fd);
		unlink(a->tmp);
		goto fail;
	}
	return 0;
fail:
	free(a->path);
	free(a->tmp);
	a->path = a->tmp = NULL;
	return -1;
}

int
atomicfile_commit(struct atomicfile *a, struct perr *e)
{
	int bad = fflush(a->fp) != 0 || ferror(a->fp);
	int saved = errno;

	if (fclose(a->fp) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	a->fp = NULL;
	if (!bad && a->tmp && rename(a->tmp, a->path) != 0) {
		bad = 1;
		saved = errno;
	}
	if (bad) {
		perr_set(e, "%s: write error: %s", a->path, strerror(saved));
		if (a->tmp)
			unlink(a->tmp);
	}
	free(a->path);
	free(a->tmp);
	a->path = a->tmp = NULL;
	return bad ? -1 : 0;
}

void
atomicfile_abort(struct atomicfile *a)
{
	if (a->fp)
		fclose(a->fp);
	if (a->tmp)
		unlink(a->tmp);
	free(a->path);
	free(a->tmp);
	a->fp = NULL;
	a->path = a->tmp = NULL;
}
