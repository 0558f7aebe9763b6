#!/usr/bin/env bats
# gates.bats - what the three gates (perf-trend, perf-bottleneck and
# perf-validate) tell CI: --junit reports that pass the JUnit schema CI
# servers read, -f markdown for a job summary, -q for the exit status
# alone; data escaped in both, files written whole or not at all.
load helpers

TC=$ROOT/tests/cases/perf-trend
FX=$ROOT/tests/fixtures/bottleneck
VC=$ROOT/tests/cases/perf-validate

setup() {
	cd "$BATS_TEST_TMPDIR"
}

# xp FILE XPATH: the value of an XPath expression over FILE.
xp() {
	xmllint --xpath "$2" "$1"
}

@test "perf-trend --junit: a failed case per regression, its figures as the message" {
	run -1 --separate-stderr perf-trend -f text --fail-on regression --junit j.xml \
		-b "$TC/base.csv" "$TC/cand.csv"
	assert_line 'host=ci1;name=sort'
	assert_line --regexp '^  wall_s .* regressed$'
	check_junit j.xml
	[ "$(xp j.xml 'string(/testsuites/testsuite/@tests)')" = 3 ]
	[ "$(xp j.xml 'string(/testsuites/testsuite/@failures)')" = 2 ]
	[ "$(xp j.xml 'string(//testcase[@name="wall_s"]/@classname)')" = "host=ci1;name=sort" ]
	[ "$(xp j.xml 'string(//testcase[@name="wall_s"]/failure/@message)')" = \
		"regressed: median 0.1986 -> 0.2119 (+6.695%; threshold 2%), ratio 95% CI [1.053, 1.078], p 0.00003248 (Mann-Whitney, Holm)" ]
	[ "$(xp j.xml 'string(//testcase[@name="max_rss_kib"]/system-out)')" = \
		"unchanged: median 4006 -> 4004 (-0.03744%; threshold 2%), ratio 95% CI [0.9991, 1], p 0.4237 (Mann-Whitney, Holm)" ]
	[ "$(xp j.xml 'count(//testcase[@name="max_rss_kib"]/failure)')" = 0 ]
}

@test "perf-trend --junit: groups on one side are skipped, nothing compared is an error" {
	printf 'name,wall_s\na,1\na,1.1\na,0.9\nb,2\nb,2.1\n' > x.csv
	printf 'name,wall_s\nc,1\nc,1.1\n' > y.csv
	run -0 --separate-stderr perf-trend -q --junit j.xml -b x.csv y.csv
	[ -z "$output" ]
	check_junit j.xml
	[ "$(xp j.xml 'string(/testsuites/testsuite/@skipped)')" = 3 ]
	[ "$(xp j.xml 'string(/testsuites/testsuite/@errors)')" = 1 ]
	[ "$(xp j.xml 'string(//testcase[@classname="name=c"]/skipped/@message)')" = \
		"not compared: only in the candidate" ]
	[ "$(xp j.xml 'string(//error/@type)')" = nothing_compared ]
}

@test "perf-trend --junit needs a comparison; a bad input leaves the old report" {
	run -2 --separate-stderr perf-trend --junit j.xml "$TC/base.csv"
	[ "${stderr_lines[0]}" = "perf-trend: --junit needs --baseline or --compare" ]
	echo old > j.xml
	printf 'name,wall_s\na,abc\n' > bad.csv
	run -2 --separate-stderr perf-trend --junit j.xml -b bad.csv "$TC/cand.csv"
	[ "$(cat j.xml)" = old ]
	run -2 --separate-stderr perf-trend --junit no/such/dir/j.xml -b "$TC/base.csv" "$TC/cand.csv"
	assert_equal "$stderr" "perf-trend: no/such/dir/j.xml: cannot create a temporary file: No such file or directory"
	run -2 --separate-stderr perf-trend -q --junit /dev/full -b "$TC/base.csv" "$TC/cand.csv"
	[[ "$stderr" == "perf-trend: /dev/full: "*"No space left on device" ]]
}

@test "perf-trend: names with markup, control characters and invalid UTF-8 are data in XML and Markdown" {
	printf 'name,wall_s\n' > b.csv
	printf 'name,wall_s\n' > c.csv
	for i in 0 1 2 3 4 5 6 7; do
		printf '"a<b>&""x""|*y* \001\377",1.0%s\n' "$i" >> b.csv
		printf '"a<b>&""x""|*y* \001\377",2.0%s\n' "$i" >> c.csv
	done
	run -1 --separate-stderr perf-trend -f markdown --fail-on regression --junit j.xml -b b.csv c.csv
	check_junit j.xml
	# The invalid byte is U+FFFD from the reader on (xjsonio_text); the
	# writers make the control character U+FFFD in XML, a space in
	# Markdown.
	[ "$(xp j.xml 'string(//testcase/@classname)')" = $'name=a<b>&"x"|*y* \uFFFD\uFFFD' ]
	assert_line --regexp $'^\\| name=a&lt;b&gt;&amp;"x"\\\\\\|\\\\\\*y\\\\\\*  \uFFFD \\| wall\\\\_s \\| '
	assert_line '### comparison (medians; change % of baseline median; p: Mann-Whitney, Holm-adjusted)'
	assert_line '|:---|:---|---:|---:|---:|---:|---:|---:|'
}

@test "perf-trend -f markdown: the text report's tables and notes, GitHub-flavoured" {
	run -0 --separate-stderr perf-trend -f markdown -b "$TC/base.csv" "$TC/cand.csv"
	assert_line --index 0 '## perf-trend'
	assert_line '| group | metric | baseline | candidate | change | ratio\_ci | p | verdict |'
	assert_line '| host=ci1;name=sort | wall\_s | 0.1986 n=10 | 0.2119 n=10 | +6.7% | \[1.053, 1.078\] | 0.00003248 | regressed |'
	assert_line '- 3 series with no significant trend'
	refute_line --regexp '^# '
	run -0 --separate-stderr perf-trend -q -b "$TC/base.csv" "$TC/cand.csv"
	[ -z "$output" ]
}

@test "perf-bottleneck --junit: a case per series and host, failed at the --fail-on level" {
	run -1 --separate-stderr perf-bottleneck -q --fail-on critical --junit j.xml "$FX/cpu-saturated.csv"
	[ -z "$output" ]
	check_junit j.xml
	[ "$(xp j.xml 'string(/testsuites/testsuite/@failures)')" = 4 ]
	[ "$(xp j.xml 'string(//testcase[@name="cpu_busy_pct"]/failure/@type)')" = critical ]
	[[ "$(xp j.xml 'string(//testcase[@name="cpu_busy_pct"]/failure/@message)')" == "critical: CPU busy (cpu_busy_pct) peak 99%, mean 99% for 16m00s, at or above the critical level 98%"* ]]
	# A warning under --fail-on critical passes, its evidence kept.
	[ "$(xp j.xml 'count(//testcase[@name="load1_per_cpu"]/failure)')" = 0 ]
	[[ "$(xp j.xml 'string(//testcase[@name="load1_per_cpu"]/system-out)')" == "warning: run queue (load1) peak 7.8"* ]]
	[ "$(xp j.xml 'string(//testcase[@name="cpu_steal_pct"]/skipped/@message)')" = \
		"not judged: no column for rule cpu_steal_pct in the input" ]
	run -1 --separate-stderr perf-bottleneck -q --junit j.xml "$FX/cpu-saturated.csv" --fail-on warning
	[ "$(xp j.xml 'string(/testsuites/testsuite/@failures)')" = 5 ]
	run -0 --separate-stderr perf-bottleneck -q --junit j.xml "$FX/fleet.csv"
	check_junit j.xml
	[ "$(xp j.xml 'string(//testcase[@classname="host=b"][@name="mem_used_pct"]/failure/@type)')" = critical ]
	[ "$(xp j.xml 'count(//testcase[@classname="host=a"]/failure)')" = 0 ]
}

@test "perf-bottleneck --junit: a case per budget and command; an absent column skipped" {
	printf 'time,name,command,wall_s\n' > runs.csv
	for i in 0 1 2 3 4 5 6 7 8 9; do echo "$((1767225600 + i)),sort,sort x,2.6$i" >> runs.csv; done
	for i in 0 1 2 3 4 5 6 7 8 9; do echo "$((1767225700 + i)),gzip,gzip x,0.5$i" >> runs.csv; done
	run -1 --separate-stderr perf-bottleneck -q --fail-on critical --budget wall_s=2.5 \
		--budget max_rss_kib=10 --junit j.xml runs.csv
	check_junit j.xml
	[ "$(xp j.xml 'string(//testcase[@classname="name=sort;command=sort x"][@name="wall_s=2.5"]/failure/@type)')" = critical ]
	[ "$(xp j.xml 'count(//testcase[@classname="name=gzip;command=gzip x"][@name="wall_s=2.5"]/failure)')" = 0 ]
	[ "$(xp j.xml 'string(//testcase[@name="max_rss_kib=10"]/skipped/@message)')" = \
		"not judged: no column 'max_rss_kib' in the input" ]
	run -2 --separate-stderr perf-bottleneck -F --junit j.xml runs.csv
	[ "${stderr_lines[0]}" = "perf-bottleneck: --follow writes alerts, not --junit" ]
}

@test "perf-bottleneck -f markdown: a table of findings per host, notes as a list" {
	run -0 --separate-stderr perf-bottleneck -f markdown "$FX/fleet.csv"
	assert_line --index 0 '## perf-bottleneck'
	assert_line '### host a: score 100 (A), 1200 rows, 2026-01-01T00:00:00.000Z to 2026-01-01T00:19:59.000Z'
	assert_line 'No findings.'
	assert_line '| severity | resource | kind | metric | from | to | evidence | recommendation |'
	assert_line --regexp '^\| critical \| memory \| utilization \| mem\\_used\\_pct \| 2026-01-01T00:00:59.000Z \| '
	assert_line '- rule cpu\*\_busy\_pct skipped: no column matches'
}

@test "perf-validate --junit: a case per check, failed at --fail-on, skipped when unknown" {
	run -1 --separate-stderr perf-validate -q --fail-on warn --junit j.xml "$VC/runs-warmup.csv"
	[ -z "$output" ]
	check_junit j.xml
	run -0 perf-validate -f text "$VC/runs-warmup.csv"
	local warn
	warn=$(grep -c '^warn ' <<<"$output")
	[ "$(xp j.xml 'string(/testsuites/testsuite/@failures)')" = "$warn" ]
	[ "$warn" -ge 1 ]
	run -0 --separate-stderr perf-validate -q --junit j.xml "$VC/runs-warmup.csv"
	[ "$(xp j.xml 'string(/testsuites/testsuite/@failures)')" = 0 ]
	run -1 --separate-stderr perf-validate -q --junit j.xml "$VC/samples-gap.csv"
	check_junit j.xml
	[ "$(xp j.xml 'string(//failure[1]/@type)')" = fail ]
	run -1 --separate-stderr perf-validate -q --no-measure --root "$ROOT/tests/fixtures/validate/noisy" --junit j.xml
	check_junit j.xml
	[ "$(xp j.xml 'string(/testsuites/testsuite/@skipped)')" -ge 1 ]
	[ "$(xp j.xml 'count(//testcase[skipped])')" = "$(xp j.xml 'string(/testsuites/testsuite/@skipped)')" ]
}

@test "perf-validate -f markdown: the verdict and a table of checks" {
	run -1 --separate-stderr perf-validate -f markdown "$VC/samples-gap.csv"
	assert_line --index 0 '## perf-validate'
	assert_line --regexp '^Verdict: untrustworthy \([0-9]+ checks: '
	assert_line '| status | group | subject | check | measured | expected | detail | hint |'
	assert_line '|:---|:---|:---|:---|---:|---:|:---|:---|'
}
