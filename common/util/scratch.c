/* scratch.c - unlinked temporary files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scratch.h"
#include "xalloc.h"

FILE *
scratch_open(const char *prog, struct perr *e)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	FILE *fp;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	path = xasprintf("%s/%s.XXXXXX", dir, prog);
	if ((fd = mkstemp(path)) < 0) {
		perr_set(e, "temporary file in %s: %s", dir, strerror(errno));
		free(path);
		return NULL;
	}
	unlink(path);
	free(path);
	if ((fp = fdopen(fd, "w+")) == NULL) {
		perr_set(e, "temporary file in %s: %s", dir, strerror(errno));
		close(fd);
	}
	return fp;
}
