/* num.c - libFuzzer target: numbers in data (common/util/num) and on the
 * command line (common/util/cli: integers, floats, durations, percents).
 * Oracles: a number num_parse accepts is finite and survives formatting
 * with 17 significant digits and parsing again; what the cli parsers
 * accept lies in the range they were given. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/cli.h"
#include "util/num.h"
#include "lfutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[NUM_BUFSZ], why[128], *s;
	double v, w, d;
	long long ll;
	int rc;

	rc = num_parse((const char *)data, size, &v);
	if (rc == 1) {
		if (!isfinite(v))
			abort();
		num_fmt_sig(buf, v, 17);
		if (num_parse(buf, strlen(buf), &w) != 1 || w != v)
			abort();	/* formatting lost the value */
		num_fmt(buf, v, 6);
	}
	if (rc == 0 && size != 0)
		abort();		/* only the empty field is missing */
	s = lf_str(data, size);
	if (cli_int(s, -1000, 1000000, &ll, why, sizeof why) == 0 &&
	    (ll < -1000 || ll > 1000000))
		abort();
	if (cli_double(s, -1, 1e6, &d, why, sizeof why) == 0 &&
	    !(d >= -1 && d <= 1e6))
		abort();
	if (cli_duration(s, 0.001, 86400, &d, why, sizeof why) == 0) {
		if (!(d >= 0.001 && d <= 86400))
			abort();
		cli_fmt_duration(d, buf, sizeof buf);
	}
	if (cli_percent(s, 0, 1, &d, why, sizeof why) == 0 && !(d >= 0 && d <= 1))
		abort();
	free(s);
	return 0;
}
