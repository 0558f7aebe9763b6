load helpers
# tests/run: sanitizer only

# fuzz.bats - a small seeded run of tests/fuzz/fuzz_inputs.py against the
# variant under test: mutated CSV into perf-trend (plain and with hostile
# options), mutated /proc trees into perf-sample --root, hostile arguments
# into perf-time.  Any crash, sanitizer report, hang, exit status other
# than 0 or 2, malformed message or invalid output fails the test and
# prints the command that reproduces it.  Longer runs: see the fuzzer's
# --help (e.g. -n 1000 -s 7).

fuzz() {
	run /usr/bin/python3 "$ROOT/tests/fuzz/fuzz_inputs.py" -b "$BIN" \
	    -T 20 "$@"
	[ "$status" -eq 0 ] || echo "$output" >&3
	assert_success
	assert_line "fuzz: 0 findings"
}

@test "fuzz: mutated CSV into perf-trend" {
	fuzz -t csv -n 100 -s 11
}

@test "fuzz: perf-trend options on mutated CSV" {
	fuzz -t trend -n 100 -s 12
}

@test "fuzz: perf-sample --root on mutated /proc trees" {
	fuzz -t sample -n 60 -s 13
}

@test "fuzz: perf-time with hostile arguments" {
	fuzz -t time -n 95 -s 14
}
