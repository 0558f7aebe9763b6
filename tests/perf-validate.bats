load helpers

# perf-validate.bats - the validation program: options, messages, system
# checks on constructed /sys trees, file checks on constructed cases, its
# output against its schema and its statistics against numpy and scipy.

CASES=$ROOT/tests/cases/perf-validate
NOISY=$FIXTURES/validate/noisy
PY=/usr/bin/python3

setup() {
	cd "$BATS_TEST_TMPDIR"
}

# status_of FILE CHECK: the status of the check named CHECK in the JSON.
status_of() {
	$PY -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join(c["status"] for c in d["checks"] if c["name"] == sys.argv[2]))' "$1" "$2"
}

@test "--help prints the usage and options on stdout and exits 0" {
	run -0 --separate-stderr perf-validate --help
	assert_line --index 0 --partial "usage: perf-validate [-hqV]"
	assert_line --partial "      --fail-on LEVEL"
	assert_line "Exit status: 0 done, 1 a check at the --fail-on level, 2 trouble."
	[ -z "$stderr" ]
}

@test "--help > /dev/full exits 2 with a message" {
	run -2 --separate-stderr sh -c 'perf-validate --help > /dev/full'
	[ "$stderr" = "perf-validate: <stdout>: write error: No space left on device" ]
	run -2 --separate-stderr sh -c 'perf-validate -f text "$1" > /dev/full' \
	    - "$CASES/runs-good.csv"
	[ "$stderr" = "perf-validate: <stdout>: write error: No space left on device" ]
}

@test "--version names the program" {
	run -0 --separate-stderr perf-validate --version
	assert_output --regexp '^perf-validate \(perfpipe\) [0-9.]+$'
}

@test "an unknown option exits 2 with the usage on stderr" {
	run -2 --separate-stderr perf-validate --bogus
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "perf-validate: unknown option '--bogus'" ]
	[[ "${stderr_lines[1]}" == "usage: perf-validate [-hqV]"* ]]
}

@test "bad option values exit 2 naming what is allowed" {
	run -2 --separate-stderr perf-validate --fail-on sometimes "$CASES/wrong.csv"
	[ "$stderr" = "perf-validate: fail-on 'sometimes': not warn or fail" ]
	run -2 --separate-stderr perf-validate -f xml "$CASES/wrong.csv"
	[ "$stderr" = "perf-validate: format 'xml': not json, text or markdown" ]
	run -2 --separate-stderr perf-validate --no-measure --calibration-out c.json
	[ "$stderr" = "perf-validate: --calibration-out cannot be used with --no-measure" ]
}

@test "an unreadable file exits 2 with the reason" {
	run -2 --separate-stderr perf-validate nope.csv
	[ "$stderr" = "perf-validate: nope.csv: No such file or directory" ]
	[ -z "$output" ]
	run -2 --separate-stderr perf-validate "$BATS_TEST_TMPDIR"
	[ "$stderr" = "perf-validate: $BATS_TEST_TMPDIR: Is a directory" ]
}

@test "the golden cases of tests/cases/perf-validate pass" {
	run "$ROOT/tests/golden" "$BIN"
	refute_line --regexp '^not ok [0-9]+ - perf-validate/'
	[ "$(grep -c '^ok [0-9]* - perf-validate/' <<<"$output")" -ge 7 ]
}

@test "a fake /sys tree with powersave and turbo on: warnings, exactly where" {
	run -1 --separate-stderr perf-validate --no-measure --root "$NOISY" -o v.json
	[ -z "$stderr" ]
	check_json validation.schema.json v.json
	[ "$(status_of v.json cpu_governor)" = warn ]
	[ "$(status_of v.json turbo)" = warn ]
	[ "$(status_of v.json smt)" = warn ]
	[ "$(status_of v.json clocksource)" = warn ]
	[ "$(status_of v.json aslr)" = warn ]
	[ "$(status_of v.json perf_event_paranoid)" = warn ]
	[ "$(status_of v.json pressure_memory)" = fail ]
	[ "$(status_of v.json steal)" = warn ]
	[ "$(status_of v.json load_average)" = pass ]
	[ "$(status_of v.json virtualization)" = pass ]
	run -0 $PY -c 'import json; d = json.load(open("v.json")); c = d["calibration"]
print(d["host"], c["cpu_governor"], c["turbo"], c["smt"], c["cpu_count"], c["cpu_freq_max_hz"], c["clocksource"], c["aslr"], c["spawn_floor_s"], d["verdict"])'
	assert_output "testhost powersave True True 2 3400000000.0 hpet 0 None untrustworthy"
}

@test "a tree without the files: every configuration check is unknown, never a guess" {
	mkdir empty
	run -0 --separate-stderr perf-validate --no-measure --root empty -f text
	assert_line "verdict: unknown (18 checks: 0 pass, 0 warn, 0 fail, 18 unknown; success rate -)"
	refute_line --regexp '^(pass|warn|fail) '
}

@test "--fail-on warn trips on a warning, --fail-on fail does not" {
	run -1 --separate-stderr perf-validate -f text --fail-on warn "$CASES/runs-warmup.csv"
	run -0 --separate-stderr perf-validate -f text --fail-on fail "$CASES/runs-warmup.csv"
	assert_line --regexp '^warn +statistics .* warmup_drift = 37.31 pct'
}

@test "file mode: each check catches its constructed problem" {
	run -1 --separate-stderr perf-validate -o s.json "$CASES/samples-gap.csv"
	check_json validation.schema.json s.json
	[ "$(status_of s.json gaps)" = warn ]
	[ "$(status_of s.json duplicate_rows)" = warn ]
	[ "$(status_of s.json schema_values)" = fail ]
	run -1 --separate-stderr perf-validate -o b.json "$CASES/runs-bimodal.csv"
	[ "$(status_of b.json bimodality)" = warn ]
	[ "$(status_of b.json warmup_drift)" = pass ]
	run -0 --separate-stderr perf-validate -o w.json "$CASES/runs-warmup.csv"
	[ "$(status_of w.json warmup_drift)" = warn ]
	run -1 --separate-stderr perf-validate -o g.json "$CASES/runs-good.csv"
	[ "$(status_of g.json failed_runs)" = fail ]
	[ "$(status_of g.json bimodality)" = pass ]
	[ "$(status_of g.json warmup_drift)" = pass ]
	[ "$(status_of g.json autocorrelation)" = pass ]
	check_json validation.schema.json g.json
}

@test "time going back is a failure with file:line" {
	printf 'time,host,interval_s\n10,a,1\n11,a,1\n9,a,1\n12,a,1\n' > back.csv
	run -1 --separate-stderr perf-validate -f text back.csv
	assert_line "fail    schema     back.csv time_order = 1 count (expected <= 0 count): time goes back in host=a: back.csv:4 (1 in all)"
}

@test "bad input: wrong format, truncated JSON and an empty file fail with file:line" {
	run -1 --separate-stderr perf-validate -o x.json "$CASES/wrong.csv" "$CASES/truncated.json" "$CASES/empty.csv"
	[ -z "$stderr" ]
	check_json validation.schema.json x.json
	run -0 $PY -c 'import json
for c in json.load(open("x.json"))["checks"]: print(c["name"], c["status"], c["detail"].split(": ")[0].rsplit("/", 1)[-1])'
	assert_output - <<'EOF2'
format fail wrong.csv:1
json_syntax fail truncated.json:3:12
format fail empty.csv:1
EOF2
}

@test "the run statistics agree with numpy and scipy" {
	for f in runs-bimodal runs-warmup runs-good; do
		perf-validate -o "$f.json" "$CASES/$f.csv" || true
		run -0 $PY "$ROOT/tests/stats/check_validate.py" "$f.json" "$CASES/$f.csv"
		refute_line --partial "not ok"
	done
}

@test "system mode, --quick: real output passes the schema, the calibration file too" {
	run --separate-stderr perf-validate --quick --calibration-out cal.json -o v.json
	[ "$status" -le 1 ]
	[ -z "$stderr" ]
	check_json validation.schema.json v.json
	check_json calibration.schema.json cal.json
	run -0 $PY -c 'import json
d = json.load(open("v.json")); c = json.load(open("cal.json"))
assert d["calibration"] == c["calibration"]
assert c["spawn"]["n"] == 30 and c["shell"]["n"] == 15
assert 0 < c["calibration"]["spawn_floor_s"] < 1
assert 0 < c["calibration"]["timer_resolution_s"] < 1e-3
names = [x["name"] for x in d["checks"]]
for n in ("timer_resolution", "clock_read_cost", "sleep_overshoot_1ms", "sleep_overshoot_10ms", "sleep_overshoot_100ms", "cpu_time_vs_wall", "cpu_time_rusage", "cpu_time_proc", "cpu_tick", "rss_proc", "rss_rusage", "noise_cv", "spawn_floor", "shell_overhead"):
    assert n in names, n
print("ok")'
	assert_output ok
}

@test "a run killed at its timeout (timed_out true, a signal too) counts as timed out, not failed" {
	{
		echo time,host,name,command,run,wall_s,exit_status,signal,timed_out
		for i in 1 2 3 4 5 6; do echo "$i,h,a,x,$i,0.1$i,0,,false"; done
		echo "7,h,a,x,7,0.5,,9,true"
		echo "8,h,a,x,8,0.1,3,,false"
	} > to.csv
	run --separate-stderr perf-validate -f text to.csv
	assert_line --partial "failed_runs = 2 count (expected <= 0 count): 1 runs failed (exit status or signal), 1 timed out, 6 succeeded"
}

@test "one CPU on another governor: the check is a warning, and so counted in the totals" {
	cp -r "$NOISY" tree
	echo performance > tree/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor
	run -1 --separate-stderr perf-validate --no-measure --root tree -o v.json
	[ "$(status_of v.json cpu_governor)" = warn ]
	# Every total as many as the checks of its status say.
	run -0 $PY -c 'import json, collections; d = json.load(open("v.json"))
n = collections.Counter(c["status"] for c in d["checks"])
print(all(d["totals"][s] == n[s] for s in ("pass", "warn", "fail", "unknown")), d["totals"]["total"] == len(d["checks"]))'
	assert_output "True True"
}

# runs of N one-run benchmarks (8 checks each: more than the 4,096 held).
one_run_groups() {
	awk -v n="$1" 'BEGIN { srand(1); print "time,host,name,command,run,wall_s,user_s,sys_s,cpu_pct,max_rss_kib,exit_status,timed_out,measured_by"
		for (i = 0; i < n; i++) printf "%d,vm,bench%d,cmd %d,1,%.4f,%.4f,%.4f,50,%d,%d,false,rusage\n",
		    1700000000 + i, i, i, rand(), rand() / 10, rand() / 100, 1000 + int(8000 * rand()), i % 97 == 5 }' > "$2"
}

@test "checks past what memory holds are read back whole: the same as when held, in every form" {
	# One name (the subject holds it), two directories.
	mkdir big small
	one_run_groups 1000 big/runs.csv
	head -n 101 big/runs.csv > small/runs.csv
	(cd big && perf-validate -o ../big.json --junit ../big.xml runs.csv) || [ $? = 1 ]
	(cd small && perf-validate -o ../small.json runs.csv) || [ $? = 1 ]
	check_json validation.schema.json big.json
	check_junit big.xml
	# The checks of the first 100 groups, byte for byte as JSON, where
	# the small file's are held and the big file's went through the
	# scratch file (the file checks before them count rows: left out).
	run -0 $PY -c 'import json
b, s = (json.load(open(f)) for f in ("big.json", "small.json"))
g = lambda d: [json.dumps(c) for c in d["checks"] if "{" in c["subject"]]
print(len(b["checks"]), b["totals"]["total"], g(b)[:len(g(s))] == g(s), len(g(s)))'
	assert_output "8005 8005 True 800"
	[ "$(xmllint --xpath 'count(//testcase)' big.xml)" = 8005 ]
	(cd big && perf-validate -f text runs.csv > ../big.txt) || [ $? = 1 ]
	[ "$(grep -c '^[a-z]* *statistics runs.csv:wall_s{' big.txt)" = 8000 ]
	(cd big && perf-validate -f markdown runs.csv > ../big.md) || [ $? = 1 ]
	[ "$(grep -c '^| [a-z]* | statistics | runs.csv:wall\\_s{' big.md)" = 8000 ]
}

@test "peak memory over 20,000 groups of runs stays small (release build)" {
	[[ $BIN != */asan ]] || skip "the sanitizer build's memory is not the program's"
	one_run_groups 20000 g.csv
	cc -O2 -o rusage "$ROOT/bench/trend/rusage.c"
	# 160,000 checks as jansson objects took 380 MiB.  Through sh, for
	# perf-validate exits 1 on these checks (wait4 counts the child).
	run -0 ./rusage t sh -c '"$0" g.csv > /dev/null; [ $? = 1 ]' "$BIN/perf-validate"
	[ "$(cut -d' ' -f3 t)" -lt 40000 ]
}
