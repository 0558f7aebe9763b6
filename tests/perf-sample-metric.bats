load helpers

# perf-sample-metric.bats - perf-sample's user-named columns (--metric,
# --metric-cmd): files and commands read at each sample, unknown values
# empty, the cost of a command in NAME_cmd_s, timeouts, bad names; and the
# columns travelling through perf-trend, perf-bottleneck and Prometheus.

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
}

# col NAME FILE [ROW]: the value of column NAME in data row ROW (default 1).
col() {
	/usr/bin/python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[2])))
print(rows[int(sys.argv[3]) - 1][sys.argv[1]])' "$1" "$2" "${3:-1}"
}

# A command that prints a counter and leaves the next value in file c:
# the file metric after it sees each new value.
STEP='step_count=sh -c "n=$(cat c); echo $((n + 1)) > c; echo $n"'

@test "--help names the options" {
	run -0 --separate-stderr perf-sample --help
	assert_line "      --metric NAME=FILE[:FIELD]"
	assert_line "      --metric-cmd NAME=COMMAND"
	assert_line --partial "      --metric-timeout DUR"
}

@test "a file that changes, and a command: a column each, read at every sample" {
	echo 10 > c
	run -0 --separate-stderr perf-sample -i 200ms -n 3 --metric-timeout 20s --metric-cmd "$STEP" --metric c_count=c
	# (on a loaded machine sh may take longer than the interval: said, not fatal)
	[ -z "$stderr" ] || [[ $stderr == *"takes longer than the interval"* ]]
	printf '%s\n' "${lines[@]}" > s.csv
	[[ ${lines[0]} == *,step_count,step_count_cmd_s,c_count ]]
	[ "$(col step_count s.csv 1)" = 10 ] && [ "$(col c_count s.csv 1)" = 11 ]
	[ "$(col step_count s.csv 2)" = 11 ] && [ "$(col c_count s.csv 2)" = 12 ]
	[ "$(col step_count s.csv 3)" = 12 ] && [ "$(col c_count s.csv 3)" = 13 ]
	# the command's cost, stated in every row
	awk -v c="$(col step_count_cmd_s s.csv 1)" 'BEGIN { exit !(c > 0 && c < 20) }'
	check_csv samples.schema.json s.csv
}

@test "FILE:N picks the Nth word, FILE:KEY the number after KEY; /proc files are kept open" {
	printf 'a 1\nrequests: 42\nb=7\n  depth 3.5\n' > stats
	run -0 --separate-stderr perf-sample -i 100ms -n 1 --metric w_count=stats:2 \
	    --metric r_count=stats:requests --metric b_count=stats:b \
	    --metric d_count=stats:depth --metric l_count=/proc/loadavg:4 \
	    --metric x_count=stats:a
	printf '%s\n' "${lines[@]}" > s.csv
	[ "$(col w_count s.csv)" = 1 ]
	[ "$(col r_count s.csv)" = 42 ]
	[ "$(col b_count s.csv)" = 7 ]
	[ "$(col d_count s.csv)" = 3.5 ]
	# /proc/loadavg's 4th word is running/total: no number, so empty
	[ "$(col l_count s.csv)" = "" ]
	[ "$(col x_count s.csv)" = 1 ]
	[ "$stderr" = "perf-sample: metric 'l_count': /proc/loadavg: no number there: empty fields (further ones not reported)" ]
}

@test "a missing file gives empty fields, never 0, and one warning; it is read once it appears" {
	run -0 --separate-stderr perf-sample -i 150ms -n 3 --metric-timeout 20s --metric-cmd 'mk_count=sh -c "test -e late && echo 1 || { echo 5 > late; echo 0; }"' --metric late_count=late --metric gone_count=/nonexistent/x
	printf '%s\n' "${lines[@]}" > s.csv
	[ "$(col gone_count s.csv 1)" = "" ] && [ "$(col gone_count s.csv 3)" = "" ]
	[ "$(col late_count s.csv 1)" = 5 ]
	grep -qxF "perf-sample: metric 'gone_count': /nonexistent/x: cannot read: empty fields (further ones not reported)" <<< "$stderr"
	[ "$(grep -c gone_count <<< "$stderr")" -eq 1 ]
}

@test "a command past --metric-timeout is killed, its field empty; a slow one is reported" {
	SECONDS=0
	run -0 --separate-stderr perf-sample -i 100ms -n 2 --metric-timeout 50ms --metric-cmd 'slow_s=sleep 10'
	[ "$SECONDS" -lt 5 ]
	printf '%s\n' "${lines[@]}" > s.csv
	[ "$(col slow_s s.csv 1)" = "" ] && [ "$(col slow_s s.csv 2)" = "" ]
	awk -v c="$(col slow_s_cmd_s s.csv 1)" 'BEGIN { exit !(c >= 0.05 && c < 1) }'
	[ "$stderr" = "perf-sample: metric 'slow_s': killed at the timeout of 50ms: empty fields (further ones not reported)" ]
	run -0 --separate-stderr perf-sample -i 20ms -n 2 --metric-timeout 2s --metric-cmd 'nap_s=sh -c "sleep 0.05; echo 1"'
	[[ $stderr == "perf-sample: metric 'nap_s': the command takes longer than the interval ("*"): samples come late (further ones not reported)" ]]
}

@test "a failing command, one that prints no number, one not found: empty fields and a warning" {
	run -0 --separate-stderr perf-sample -i 1s -n 1 --metric-timeout 20s --metric-cmd 'f_count=sh -c "echo 3; exit 1"' \
	    --metric-cmd 'w_count=echo none' --metric-cmd 'n_count=no-such-command-x'
	printf '%s\n' "${lines[@]}" > s.csv
	[ "$(col f_count s.csv)" = "" ] && [ "$(col w_count s.csv)" = "" ] && [ "$(col n_count s.csv)" = "" ]
	[ "${stderr_lines[0]}" = "perf-sample: metric 'f_count': sh failed: empty fields (further ones not reported)" ]
	[ "${stderr_lines[1]}" = "perf-sample: metric 'w_count': echo printed no number: empty fields (further ones not reported)" ]
	[ "${stderr_lines[2]}" = "perf-sample: metric 'n_count': cannot run: No such file or directory (further ones not reported)" ]
}

@test "bad names and specs exit 2; a name without a unit is warned about" {
	run -2 --separate-stderr perf-sample -n 1 --metric Queue=/x
	[ "$stderr" = "perf-sample: metric name 'Queue': not snake_case: must start with a-z" ]
	run -2 --separate-stderr perf-sample -n 1 --metric 'queue-depth=/x'
	[ "$stderr" = "perf-sample: metric name 'queue-depth': not snake_case: '-' at 6 (a-z, 0-9, and single _ between words)" ]
	run -2 --separate-stderr perf-sample -n 1 --metric queue_count
	[ "$stderr" = "perf-sample: metric 'queue_count': not NAME=FILE[:FIELD]" ]
	run -2 --separate-stderr perf-sample -n 1 --metric a_count=/x --metric a_count=/y
	[ "$stderr" = "perf-sample: metric name 'a_count': given twice" ]
	run -2 --separate-stderr perf-sample -n 1 -i 10ms --metric cpu_user_pct=/proc/loadavg
	[ "$stderr" = "perf-sample: metric name 'cpu_user_pct': its prefix is perf-sample's own (cpu_, disk_, net_, mem_, swap_, psi_, proc_, cgroup_, ...)" ]
	run -2 --separate-stderr perf-sample -n 1 -i 10ms --metric load1=/proc/loadavg
	[[ $stderr == "perf-sample: metric name 'load1': its prefix is perf-sample's own"* ]]
	run -2 --separate-stderr perf-sample -n 1 --metric-timeout 0 --metric-cmd 'a_count=true'
	[[ $stderr == "perf-sample: metric timeout '0': too small"* ]]
	run -0 --separate-stderr perf-sample -n 1 -i 10ms --metric depth=/proc/loadavg
	[ "$stderr" = "perf-sample: metric 'depth': no unit suffix (_count, _bytes, _pct, _s, _ms, _per_s, _kib): perfpipe's tools tell the unit and the direction from the name" ]
}

@test "the columns flow through perf-trend, perf-bottleneck and the Prometheus file" {
	echo 10 > c
	perf-sample -i 100ms -n 4 --metric-timeout 20s --metric-cmd "$STEP" --metric c_count=c > s.csv 2> /dev/null
	run -0 --separate-stderr perf-trend -f csv -m c_count s.csv
	assert_line --regexp '^host=[^,]+,c_count,n,4$'
	assert_line --regexp '^host=[^,]+,c_count,mean,12.5$'
	# perf-bottleneck reads the file with its user columns beside the
	# system's (its rules are for perf-sample's own metrics)
	run -0 --separate-stderr perf-bottleneck -f text s.csv
	assert_line --regexp "^host '[^']+': score [0-9]+ \\([A-F]\\), 4 rows, "
	perf-validate -f json s.csv > v.json || true
	run -1 grep -q "column 'c_count'" v.json
	echo 7 > q
	perf-sample -i 50ms -n 2 --metric queue_count=q -f prometheus m.prom
	grep -q '^perfpipe_queue{host="[^"]*"} 7$' m.prom
	if command -v promtool > /dev/null; then
		run -0 promtool check metrics < m.prom
	fi
	# A command's run time: one family, the metric as a label (before:
	# perfpipe_lat_ms_cmd_seconds, refused for its abbreviated unit).
	perf-sample -i 50ms -n 2 --metric-cmd 'lat_ms=echo 2' \
	    --metric-cmd 'jobs_per_s=echo 5' -f prometheus c.prom
	grep -Eq '^perfpipe_metric_cmd_seconds\{host="[^"]*",metric="lat_ms"\} [0-9.]+$' c.prom
	grep -Eq '^perfpipe_metric_cmd_seconds\{host="[^"]*",metric="jobs_per_s"\} [0-9.]+$' c.prom
	[ "$(grep -c '^# TYPE perfpipe_metric_cmd_seconds gauge$' c.prom)" -eq 1 ]
	command -v promtool > /dev/null || fail "promtool is missing (.ci/deps fetches it)"
	run -0 promtool check metrics < c.prom
}
