/* test_rules.c - rules: patterns, --threshold parsing and its checks. */
#include <math.h>
#include <string.h>

#include "rules.h"
#include "tap.h"

int
main(void)
{
	struct rules rs;
	struct perr e;
	long k;

	tap_ok(rules_glob("disk_*_util_pct", "disk_sda_util_pct"), "glob: one device");
	tap_ok(!rules_glob("disk_*_util_pct", "disk_util_pct"), "glob: '*' is not empty");
	tap_ok(rules_glob("cpu*_busy_pct", "cpu12_busy_pct"), "glob: cpuN");
	tap_ok(!rules_glob("cpu*_busy_pct", "cpu_busy_pct"), "glob: not the total");
	tap_ok(!rules_glob("a*", ""), "glob: empty string");
	tap_ok(rules_glob("a**b", "axyb"), "glob: two stars");

	rules_defaults(&rs);
	k = rules_match(&rs, "cpu_busy_pct");
	tap_ok(k >= 0 && strcmp(rs.r[k].metric, "cpu_busy_pct") == 0, "exact match");
	tap_ok(rules_match(&rs, "nope") == -1, "no rule");
	tap_int(rules_set(&rs, "disk_sda_util_pct=50,60,10s", &e), 0, "a column of a pattern");
	k = rules_match(&rs, "disk_sda_util_pct");
	tap_str(rs.r[k].metric, "disk_sda_util_pct", "its own rule");
	tap_num(rs.r[k].for_s, 10, 0, 0, "its duration");
	tap_ok(isnan(rs.r[k].clear) && rule_clear(&rs.r[k]) == 50, "clear: the first level");
	k = rules_match(&rs, "disk_sdb_util_pct");
	tap_num(rs.r[k].warn, 90, 0, 0, "other disks keep the pattern");

	tap_int(rules_set(&rs, "mem_used_pct=,95", &e), 0, "critical only");
	k = rules_match(&rs, "mem_used_pct");
	tap_int(rule_level_sev(&rs.r[k]), SEV_CRITICAL, "its first level is critical");
	tap_int(rules_set(&rs, "mem_used_pct=,", &e), -1, "no level");
	tap_str(e.msg, "threshold 'mem_used_pct=,': metric 'mem_used_pct': no warning or critical level", "no level: message");
	tap_int(rules_set(&rs, "mem_used_pct=80,90,1m,85", &e), -1, "clear above the level");
	tap_str(e.msg, "threshold 'mem_used_pct=80,90,1m,85': metric 'mem_used_pct': clear 85 above the level 80 (direction above)", "clear: message");
	k = rules_match(&rs, "mem_used_pct");
	tap_ok(isnan(rs.r[k].warn) && rs.r[k].crit == 95, "a refused change leaves the rule");
	tap_int(rules_set(&rs, "mem_used_pct", &e), -1, "no '='");
	tap_int(rules_set(&rs, "mem_used_pct=1,2,3,4,5", &e), -1, "too many fields");
	tap_int(rules_set(&rs, "mem_used_pct=1,2,3x", &e), -1, "bad duration");
	rules_free(&rs);
	return tap_done();
}
