#!/usr/bin/env bats
# habits.bats - what shell users expect of every program: progress only on
# a terminal, -q for quiet, and no colour codes (perfpipe writes none, so
# none off a terminal and none under NO_COLOR; this keeps it so).
load helpers

TC=$ROOT/tests/cases/perf-trend

setup() {
	cd "$BATS_TEST_TMPDIR"
}

# onterm CMD: runs the shell command CMD on a terminal (script(1)), its
# terminal output in $output.
onterm() {
	run -0 script -qec "$1" /dev/null
}

@test "progress only on a terminal: none in a pipe, even with --summary" {
	run -0 --separate-stderr perf-time --summary -r 5 -- true
	[[ $stderr != *$'\r'* && $stderr != *$'\033'* ]]
	[[ $stderr == *"Benchmark 1: true"* ]]
}

@test "-q on a terminal: perf-time shows neither progress nor summary" {
	onterm "perf-time -q -r 5 -- true > runs.csv"
	[ -z "$output" ]
	[ "$(wc -l < runs.csv)" -eq 6 ]
}

@test "-q on every gate: nothing on stdout, the exit status says it" {
	run -1 --separate-stderr perf-trend -q --fail-on regression -b "$TC/base.csv" "$TC/cand.csv"
	[ -z "$output" ] && [ -z "$stderr" ]
	run -1 --separate-stderr perf-bottleneck -q --fail-on critical "$FIXTURES/bottleneck/cpu-saturated.csv"
	[ -z "$output" ] && [ -z "$stderr" ]
	run -0 --separate-stderr perf-validate -q "$ROOT/tests/cases/perf-validate/runs-warmup.csv"
	[ -z "$output" ] && [ -z "$stderr" ]
	# -q with -o still writes the file.
	run -1 perf-trend -q -o t.json --fail-on regression -b "$TC/base.csv" "$TC/cand.csv"
	check_json trend.schema.json t.json
}

@test "no colour codes on a terminal, with or without NO_COLOR" {
	local nc
	for nc in "" "NO_COLOR=1"; do
		onterm "$nc perf-trend -f text -b '$TC/base.csv' '$TC/cand.csv'; $nc perf-bottleneck -f text '$FIXTURES/bottleneck/fleet.csv'; $nc perf-validate -f text --no-measure; $nc perf-sample -n 1 -i 10ms | head -c 0; true"
		[[ $output == *"comparison"* && $output == *"host 'b'"* && $output == *"verdict:"* ]]
		# SGR: ESC [ digits m
		! grep -q $'\033\\[[0-9;]*m' <<<"$output"
	done
}
