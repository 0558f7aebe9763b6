/* test_atomicfile.c - whole-or-nothing writes. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
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
	struct afile a;
	char path[256];

	snprintf(path, sizeof path, "%s", tap_file("target", "old\n"));
	tap_int(afile_open(&a, path, &e), 0, "open");
	fputs("new\n", a.fp);
	tap_str(contents(path), "old\n", "target unchanged while writing");
	tap_int(afile_commit(&a, &e), 0, "commit");
	tap_str(contents(path), "new\n", "target replaced whole");

	tap_int(afile_open(&a, path, &e), 0, "open again");
	fputs("half", a.fp);
	afile_abort(&a);
	tap_str(contents(path), "new\n", "abort leaves the target");

	tap_int(afile_open(&a, "/nonexistent/dir/f", &e), -1,
	    "a missing directory is refused");
	tap_ok(strstr(e.msg, "No such file or directory") != NULL, "  (%s)",
	    e.msg);
	return tap_done();
}
