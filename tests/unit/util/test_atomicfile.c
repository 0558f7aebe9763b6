/* test_atomicfile.c - whole-or-nothing writes. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/atomicfile.h"
#include "tap.h"

static const char *
contents(const char *path)
{
	static char buf[256];
	FILE *fp = fopen(path, "r");
	size_t n;

	if (fp == NULL)
		return "(missing)";
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

int
main(void)
{
	struct perr e = { "" };
	struct atomicfile a;
	struct stat st;
	char path[256], link[300];

	snprintf(path, sizeof path, "%s", tap_file("target", "old\n"));
	tap_int(atomicfile_open(&a, path, &e), 0, "open");
	fputs("new\n", a.fp);
	tap_str(contents(path), "old\n", "target unchanged while writing");
	tap_int(atomicfile_commit(&a, &e), 0, "commit");
	tap_str(contents(path), "new\n", "target replaced whole");

	tap_int(atomicfile_open(&a, path, &e), 0, "open again");
	fputs("half", a.fp);
	atomicfile_abort(&a);
	tap_str(contents(path), "new\n", "abort leaves the target");

	tap_int(atomicfile_open(&a, "/nonexistent/dir/f", &e), -1,
	    "a missing directory is refused");
	tap_ok(strstr(e.msg, "No such file or directory") != NULL, "  (%s)",
	    e.msg);

	/* Devices are written, never replaced (as root, rename would turn
	 * /dev/full into a file). */
	tap_int(atomicfile_open(&a, "/dev/full", &e), 0, "open /dev/full");
	tap_ok(a.tmp == NULL, "  no temporary file for a device");
	fputs("x", a.fp);
	tap_int(atomicfile_commit(&a, &e), -1, "/dev/full: the write error shows");
	tap_str(e.msg, "/dev/full: write error: No space left on device",
	    "  the message");
	tap_ok(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode),
	    "  /dev/full is still a device");
	tap_int(atomicfile_open(&a, "/dev/null", &e), 0, "open /dev/null");
	fputs("x", a.fp);
	tap_int(atomicfile_commit(&a, &e), 0, "/dev/null written");
	tap_ok(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode),
	    "  /dev/null is still a device");
	tap_int(atomicfile_open(&a, "/dev/null", &e), 0, "open /dev/null again");
	atomicfile_abort(&a);
	tap_ok(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode),
	    "  abort leaves it");

	/* A symbolic link: the file it names is replaced, the link kept. */
	snprintf(link, sizeof link, "%s.link", path);
	unlink(link);
	tap_int(symlink(path, link), 0, "symlink");
	tap_int(atomicfile_open(&a, link, &e), 0, "open through a link");
	fputs("linked\n", a.fp);
	tap_int(atomicfile_commit(&a, &e), 0, "commit through a link");
	tap_ok(lstat(link, &st) == 0 && S_ISLNK(st.st_mode),
	    "  the link is still a link");
	tap_str(contents(path), "linked\n", "  the file it names replaced");
	unlink(link);
	return tap_done();
}
