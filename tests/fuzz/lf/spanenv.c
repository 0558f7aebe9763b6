/* spanenv.c - libFuzzer target: libperfspan's settings, read from the
 * environment a user sets (PERFSPAN_OUT with its %p, PERFSPAN_ROWS,
 * PERFSPAN_MODE, PERFSPAN_CPU, PERFSPAN_RSS, PERFSPAN_SAMPLE).  The input
 * is up to six pieces split at LF_SEP, one per variable.  Oracles: what
 * readconf keeps is within the documented ranges whatever it was given
 * (sampling: aggregates, no other clock), and the output
 * name is PERFSPAN_OUT with each %p the process id, or refused when that
 * does not fit.  The library's sources are included, not linked, to reach
 * its file-local readers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../../lib/perfspan/perfspan.c"
#include "../../../lib/perfspan/spanout.c"
#include "../../../lib/perfspan/spansym.c"
#include "lfutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const vars[] = {
	"PERFSPAN_OUT", "PERFSPAN_ROWS", "PERFSPAN_MODE", "PERFSPAN_CPU",
	"PERFSPAN_RSS", "PERFSPAN_SAMPLE",
};

/* The expansion of %p, written the plain way, to compare outname with. */
static int
expect(const char *v, char *dst, size_t n)
{
	char pid[24];
	size_t i = 0, l;

	snprintf(pid, sizeof pid, "%ld", (long)getpid());
	l = strlen(pid);
	for (; *v; v++) {
		if (v[0] == '%' && v[1] == 'p') {
			if (i + l >= n)
				return -1;
			memcpy(dst + i, pid, l);
			i += l;
			v++;
		} else if (i + 1 >= n) {
			return -1;
		} else {
			dst[i++] = *v;
		}
	}
	dst[i] = '\0';
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char want[sizeof span_conf.out], got[sizeof span_conf.out];
	const uint8_t *p;
	size_t pos = 0, n, i;
	char *s, *out = NULL;
	int rw, rg;

	/* putenv of buffers of our own, rewritten in place: setenv would
	 * leak a copy per call (glibc keeps them), and the fuzzer's RSS
	 * limit would be reached. */
	static char env[sizeof vars / sizeof *vars][16384];

	for (i = 0; i < sizeof vars / sizeof *vars; i++) {
		if ((p = lf_piece(data, size, &pos, &n)) == NULL) {
			unsetenv(vars[i]);
			continue;
		}
		s = lf_str(p, n);
		if (i == 0)
			out = strdup(s);
		snprintf(env[i], sizeof env[i], "%s=%s", vars[i], s);
		putenv(env[i]);
		free(s);
	}
	if (out == NULL)
		return 0;
	memset(&span_conf, 0, sizeof span_conf);
	span_conf.statm = -1;
	readconf(out);
	if (span_conf.rows > 1000000 || span_conf.mode < 0 ||
	    span_conf.mode > 2 || (span_conf.cpu & ~1) || (span_conf.rss & ~1))
		abort();
	if (span_conf.sample_us != 0 && (span_conf.sample_us < 100 ||
	    span_conf.sample_us > 1000000 || span_conf.mode != 2 ||
	    span_conf.cpu || span_conf.rss || span_conf.statm >= 0))
		abort();
	if (span_conf.statm >= 0)
		close(span_conf.statm);
	/* Each call to outname on a buffer of every size up to the one
	 * used, so the edge where %p no longer fits is crossed. */
	for (n = 1; n <= sizeof got; n = n < 64 ? n + 1 : n * 2) {
		rw = expect(out, want, n);
		rg = outname(out, got, n);
		if (rw != rg || (rg == 0 && strcmp(want, got) != 0))
			abort();
	}
	if (strlen(span_conf.command) >= sizeof span_conf.command ||
	    strlen(span_conf.host) >= sizeof span_conf.host)
		abort();
	free(out);
	return 0;
}
