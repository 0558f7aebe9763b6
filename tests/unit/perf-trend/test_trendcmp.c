/* test_trendcmp.c - which way metrics improve, and the regression flag. */
#include <jansson.h>

#include "tap.h"
#include "trendcmp.h"

static void
dir(const char *metric, const char *higher, int want)
{
	tap_ok(trendcmp_direction(metric, higher) == want, "%s%s%s: %s is better",
	    metric, higher ? " with --higher-is-better " : "",
	    higher ? higher : "", want > 0 ? "higher" : "lower");
}

int
main(void)
{
	json_t *a;

	dir("wall_s", NULL, -1);
	dir("max_rss_kib", NULL, -1);
	dir("cpu_busy_pct", NULL, -1);
	dir("read_bytes", NULL, -1);
	dir("instructions_count", NULL, -1);
	dir("ops_per_s", NULL, 1);
	dir("disk_read_bytes_per_s", NULL, 1);
	dir("requests_throughput", NULL, 1);
	dir("pgmajfault_per_s", NULL, -1);
	dir("net_rx_errors_per_s", NULL, -1);
	dir("psi_io_some_stall_ms_per_s", NULL, -1);
	dir("cgroup_throttled_per_s", NULL, -1);
	dir("cpu_idle_pct", NULL, 1);
	dir("mem_available_kib", NULL, 1);
	dir("cache_hit_pct", NULL, 1);
	dir("points", "points", 1);
	dir("points", "x,points", 1);
	dir("points", "pointsx", -1);
	dir("po", "points", -1);
	/* Whole words only, never substrings. */
	dir("frame_hitch_ms", NULL, -1);
	dir("unfreeze_latency_ms", NULL, -1);
	dir("freeze_count", NULL, -1);
	dir("mem_free_kib", NULL, 1);
	dir("cache_hits_count", NULL, 1);
	dir("proc_user_s_per_s", NULL, -1);
	dir("errors_per_s", NULL, -1);
	dir("proc_majflt_per_s", NULL, -1);
	dir("req_latency_per_s", NULL, -1);
	dir("requests_per_s", NULL, 1);
	dir("per_s", NULL, -1);
	dir("hit", NULL, 1);
	a = json_loads("[{\"verdict\": \"improved\"}, {\"verdict\": \"unchanged\"}]",
	    0, NULL);
	tap_int(trendcmp_regressed(a), 0, "no regression");
	json_array_append_new(a, json_pack("{s:s}", "verdict", "regressed"));
	tap_int(trendcmp_regressed(a), 1, "a regression");
	json_decref(a);
	return tap_done();
}
