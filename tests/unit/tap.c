/* tap.c - Test Anything Protocol output for the C unit tests. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tap.h"

static int n, failed;
static char tmpdir[64];

int
tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		failed++;
	fflush(stdout);
	return cond;
}

int
tap_str(const char *got, const char *want, const char *name)
{
	int ok = got && want ? strcmp(got, want) == 0 : got == want;

	if (!tap_ok(ok, "%s", name))
		printf("#   got:  '%s'\n#   want: '%s'\n", got ? got : "(null)",
		    want ? want : "(null)");
	return ok;
}

int
tap_int(long long got, long long want, const char *name)
{
	if (!tap_ok(got == want, "%s", name))
		printf("#   got:  %lld\n#   want: %lld\n", got, want);
	return got == want;
}

int
tap_num(double got, double want, double rel_tol, double abs_tol,
    const char *name)
{
	int ok = (isnan(got) && isnan(want)) ||
	    (isinf(got) && got == want) ||
	    fabs(got - want) <= abs_tol + rel_tol * fabs(want);

	if (!tap_ok(ok, "%s", name))
		printf("#   got:  %.17g\n#   want: %.17g\n", got, want);
	return ok;
}

const char *
tap_tmpdir(void)
{
	if (tmpdir[0] == '\0') {
		strcpy(tmpdir, "/tmp/perfpipe-unit.XXXXXX");
		if (mkdtemp(tmpdir) == NULL) {
			perror("mkdtemp");
			exit(2);
		}
	}
	return tmpdir;
}

const char *
tap_file(const char *name, const char *text)
{
	static char path[256];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", tap_tmpdir(), name);
	if ((fp = fopen(path, "w")) == NULL || fputs(text, fp) == EOF ||
	    fclose(fp) != 0) {
		perror(path);
		exit(2);
	}
	return path;
}

void
tap_put(const char *root, const char *rel, const char *text)
{
	char path[512], *p;
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	for (p = path + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	if ((fp = fopen(path, "w")) == NULL || fputs(text, fp) == EOF ||
	    fclose(fp) != 0) {
		perror(path);
		exit(2);
	}
}

int
tap_done(void)
{
	char cmd[128];

	printf("1..%d\n", n);
	if (tmpdir[0]) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", tmpdir);
	}
	return failed ? 1 : 0;
}
