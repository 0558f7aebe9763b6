#!/usr/bin/env bats
# examples.bats - the examples in examples/ keep working with the programs.
load helpers

setup() {
	cd "$BATS_TEST_TMPDIR"
}

@test "ci-gate.sh fails the job on a regression" {
	RUNS=8 run -1 --separate-stderr sh "$ROOT/examples/ci-gate.sh" 'sleep 0.01' 'sleep 0.15' out
	assert_line --regexp 'wall_s .* regressed$'
	[ -s out/runs.csv ]
	check_csv runs.schema.json out/runs.csv
	check_json trend.schema.json out/trend.json
	check_junit out/junit.xml
	[ "$(xmllint --xpath 'string(//testcase[@name="wall_s"]/failure/@type)' out/junit.xml)" = regressed ]
}

@test "ci-gate.sh passes when nothing changed beyond the threshold" {
	# Same command both sides: only noise differs. The CPU times of a
	# 10 ms sleep are its exec, a millisecond that a busy machine can
	# double (5 runs a side fully apart passes Mann-Whitney); wall time
	# it is, on 50 ms, where a 90% change is load no test box sees.
	RUNS=5 THRESHOLD=90% METRICS=wall_s run -0 --separate-stderr \
	    sh "$ROOT/examples/ci-gate.sh" 'sleep 0.05' 'sleep 0.05' out
	assert_line --regexp '^host=[^ ]+ +wall_s .* (unchanged|inconclusive|within_threshold)$'
	refute_line --regexp 'regressed$'
}

@test "ci-gate.sh without two commands is a usage error" {
	run -2 --separate-stderr sh "$ROOT/examples/ci-gate.sh" 'true'
	[ "$stderr" = "usage: ci-gate.sh BASELINE_CMD CANDIDATE_CMD [OUTDIR]" ]
}

@test "Makefile: bench, bench-baseline, bench-check and bench-trend" {
	# A short command through the shell (with its redirection), as the
	# default gzip one goes; 48 runs of gzip -9 cost seconds, not the point.
	mk() { make -s -f "$ROOT/examples/Makefile" BENCH_DIR=b THRESHOLD=90% \
	    BENCH_CMD='sleep 0.01 > /dev/null' "$@"; }
	run -0 mk bench-baseline
	[ -s b/baseline.csv ]
	run -0 mk bench-check
	assert_line --partial 'wall_s'
	check_junit b/junit.xml
	[ "$(xmllint --xpath 'string(/testsuites/@failures)' b/junit.xml)" = 0 ]
	grep -q '^| name=main | wall\\_s | ' b/summary.md
	run -0 mk bench
	[ "$(wc -l < b/history.csv)" -eq 46 ]
	head -n 1 b/history.csv | grep -q ',commit,'
	run -0 mk bench-trend
}

@test "Makefile: profile builds a C program with the hooks and reports self time per function" {
	# The sanitizer build's library cannot be preloaded into a program
	# built without ASan: the release build's it is.
	run -0 make -s -f "$ROOT/examples/Makefile" BENCH_DIR=b \
	    PROFILE_SRC="$ROOT/examples/spans/spans.c" PROFILE_ARGS='100 4 100000 1' \
	    PERFSPAN_AUTO="$ROOT/build/libperfspan-auto.so" profile
	assert_line --regexp '^  spin +inner +400 '
	assert_line --regexp '^  outer +thread +100 '
	[ -s b/profile/selftime.svg ]
	check_csv runs.schema.json b/functions.csv
	[ "$(cut -d, -f21 b/functions.csv | sort -u | tr '\n' ' ')" = "instrument-sampled measured_by " ]
}

@test "Makefile: bench-check fails make on a regression, the JUnit report says which" {
	mk() { make -s -f "$ROOT/examples/Makefile" BENCH_DIR=b BENCH_RUNS=8 "$@"; }
	run -0 mk bench-baseline BENCH_CMD='sleep 0.01'
	run -2 mk bench-check BENCH_CMD='sleep 0.15'
	assert_line --regexp '^(name=main +|  )wall_s .* regressed$'
	check_junit b/junit.xml
	[ "$(xmllint --xpath 'string(//testcase[@name="wall_s"]/failure/@type)' b/junit.xml)" = regressed ]
	grep -q '| regressed |$' b/summary.md
}

@test "cron file: every job line has five time fields, a user and a command" {
	run -0 awk '!/^#/ && NF && !/^[A-Z]+=/ { if (NF < 7 || $6 != "root") bad++ } END { exit bad }' \
		"$ROOT/examples/cron/perfpipe-sample"
}

@test "cron file: every job runs: the day's sampling (shortened), the morning's report and forecast" {
	log=$BATS_TEST_TMPDIR/log
	today=$(date -u +%F) yesterday=$(date -u -d yesterday +%F)
	grep -v -e '^#' -e '^[A-Z]*=' -e '^$' "$ROOT/examples/cron/perfpipe-sample" |
	    cut -d' ' -f7- | sed -e "s|/var/log/perfpipe|$log|g" -e 's/\\%/%/g' \
	    -e 's/-i 60s -d 1d/-i 200ms -n 8/' > jobs
	[ "$(wc -l < jobs)" -eq 3 ]
	run -0 sh -c "$(sed -n 1p jobs)"
	[ "$(wc -l < "$log/samples-$today.csv")" -eq 9 ]
	mv "$log/samples-$today.csv" "$log/samples-$yesterday.csv"
	run -0 sh -c "$(sed -n 2p jobs)"
	[ -s "$log/report-$yesterday/report.html" ]
	grep -q ': health [0-9]* (' "$log/report-$yesterday/report.txt"
	run -0 sh -c "$(sed -n 3p jobs)"
	assert_output --partial "mem_used_pct"
}

@test "prometheus.sh keeps a .prom file with the latest sample" {
	INTERVAL=100ms sh "$ROOT/examples/prometheus.sh" prom 2>err &
	pid=$!
	# perf-sample writes the first sample after one interval at most; await
	# the file (up to 20 s, for a loaded machine) rather than sleeping.
	for _ in $(seq 400); do [ -s prom/perfpipe.prom ] && break; sleep 0.05; done
	kill "$pid"
	wait "$pid" || true
	[ -s prom/perfpipe.prom ]
	grep -q '^# TYPE perfpipe_cpu_busy_ratio gauge' prom/perfpipe.prom
	[ -z "$(ls prom | grep -v '^perfpipe.prom$')" ]
}

@test "github-actions.yml: a workflow GitHub reads, its steps in order" {
	run -0 /usr/bin/python3 -c '
import sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
# YAML 1.1 reads the key "on" as True.
assert wf["name"] and (wf.get("on") or wf.get(True)) == {"pull_request": None}
steps = wf["jobs"]["perf-gate"]["steps"]
for s in steps:
    assert ("run" in s) != ("uses" in s), s
    assert "${{" not in s.get("run", ""), s["id"]
print(" ".join(s.get("id", s.get("uses", "")) for s in steps))
print(" ".join(s["if"] for s in steps if "if" in s))
' "$ROOT/examples/ci/github-actions.yml"
	assert_line --index 0 "actions/checkout@v4 actions/checkout@v4 install build validate bench gate actions/upload-artifact@v4 mikepenz/action-junit-report@v4"
	assert_line --index 1 "always() always()"
}

# gha OUTDIR STEP...: runs the workflow's steps here, on the programs in
# the build, with the job summary in summary.md.
gha() {
	: > summary.md
	GITHUB_STEP_SUMMARY=$PWD/summary.md RUNS=${RUNS:-5} \
		/usr/bin/python3 "$ROOT/tests/examples/run_workflow.py" \
		"$ROOT/examples/ci/github-actions.yml" perf-gate "$@"
}

@test "github-actions.yml: the gate fails the job on a regression, with JUnit and a summary" {
	BASELINE_CMD='sleep 0.01' CANDIDATE_CMD='sleep 0.15' RUNS=8 run -1 gha validate bench gate
	assert_line --regexp '^(host=[^ ]* +|  )wall_s .* regressed$'
	assert_line "step gate: exit 1"
	for f in runner.xml perf.xml; do check_junit "perfpipe-out/$f"; done
	[ "$(xmllint --xpath 'string(//testcase[@name="wall_s"]/failure/@type)' perfpipe-out/perf.xml)" = regressed ]
	check_json trend.schema.json perfpipe-out/trend.json
	check_csv runs.schema.json perfpipe-out/runs.csv
	grep -qx '## perf-validate' summary.md
	grep -qx '## perf-trend' summary.md
	grep -q '| wall\\_s | .* | regressed |$' summary.md
}

@test "github-actions.yml: the gate passes without a regression" {
	BASELINE_CMD='sleep 0.01' CANDIDATE_CMD='sleep 0.01' THRESHOLD=90% run -0 gha bench gate
	assert_line "step gate: exit 0"
	[ "$(xmllint --xpath 'string(/testsuites/@failures)' perfpipe-out/perf.xml)" = 0 ]
}

@test "fleet.sh: several hosts' files, merged by column name, in one report" {
	mkdir -p fleet/web1 fleet/web2 fleet/db1
	perf-sample --host web1 -i 20ms -n 3 -o fleet/web1/today.csv
	perf-sample --host web2 --per-cpu -i 20ms -n 3 -o fleet/web2/today.csv
	# A day of a saturated host, from the fixtures, as db1.
	sed 's/,web1,/,db1,/' "$FIXTURES/bottleneck/cpu-saturated.csv" > fleet/db1/day.csv
	run -1 --separate-stderr sh "$ROOT/examples/fleet.sh" fleet out
	assert_line "host 'db1': score 32 (F), 1200 rows, 2026-01-01T00:00:00.000Z to 2026-01-01T00:19:59.000Z"
	assert_line --regexp "^host 'web1': score [0-9]+ "
	assert_line --regexp "^host 'web2': score [0-9]+ "
	check_json findings.schema.json out/findings.json
	check_junit out/fleet.xml
	[ "$(xmllint --xpath 'count(//testcase[@classname="host=db1"]/failure)' out/fleet.xml)" -eq 4 ]
	grep -qx '### host db1: score 32 (F), 1200 rows, 2026-01-01T00:00:00.000Z to 2026-01-01T00:19:59.000Z' out/fleet.md
	grep -q '^host=web2 *cpu_busy_pct ' out/hosts.txt
	# Without db1, nothing held long enough to be a finding.
	mkdir calm
	cp -r fleet/web1 fleet/web2 calm/
	run -0 --separate-stderr sh "$ROOT/examples/fleet.sh" calm calm-out
	[ "$(xmllint --xpath 'string(/testsuites/@failures)' calm-out/fleet.xml)" = 0 ]
	run -2 --separate-stderr sh "$ROOT/examples/fleet.sh" no-dir
	[ "$stderr" = "fleet.sh: no-dir: not a directory" ]
	mkdir empty
	run -2 --separate-stderr sh "$ROOT/examples/fleet.sh" empty
	[ "$stderr" = "fleet.sh: empty: no .csv files" ]
}

@test "perfpipe-textfile.service: its ExecStart writes a valid exposition file" {
	local unit=$ROOT/examples/perfpipe-textfile.service exec
	grep -qx '\[Service\]' "$unit"
	grep -qx 'WantedBy=multi-user.target' "$unit"
	exec=$(sed -n 's/^ExecStart=//p' "$unit")
	[[ $exec == "/usr/local/bin/perf-sample "*" /var/lib/prometheus/node-exporter/perfpipe.prom" ]]
	# The same command on the build's perf-sample, into a directory here,
	# two samples at 50 ms (the last -i wins).
	mkdir prom
	# shellcheck disable=SC2086
	set -- ${exec#/usr/local/bin/perf-sample }
	set -- "${@:1:$#-1}" -i 50ms -n 2 "$PWD/prom/perfpipe.prom"
	run -0 --separate-stderr perf-sample "$@"
	[ -z "$(ls prom | grep -v '^perfpipe.prom$')" ]
	# Every sample line is NAME{LABELS} VALUE; every name has its TYPE.
	run -0 awk '
		/^# TYPE / { type[$3] = 1; next }
		/^#/ { next }
		!/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? [-+0-9.eE]+$/ { print "bad: " $0; bad = 1 }
		{ n = $1; sub(/\{.*/, "", n); if (!(n in type)) { print "no TYPE: " n; bad = 1 } }
		END { exit bad }' prom/perfpipe.prom
	grep -q '^perfpipe_cpu_busy_ratio' prom/perfpipe.prom
	# As Prometheus's own linter (Debian's, from .ci/deps) sees it.
	run -0 promtool check metrics < prom/perfpipe.prom
	# --per-disk and --per-net as labels.
	grep -qE '^perfpipe_(disk|net)_[a-z_]*\{[^}]*(device|interface)="' prom/perfpipe.prom
}
