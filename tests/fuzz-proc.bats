load helpers
# tests/run: sanitizer only

# fuzz-trend.bats, fuzz-proc.bats - a small seeded run of
# tests/fuzz/fuzz_inputs.py (through fuzz in helpers.bash) against the
# variant under test: mutated CSV into perf-trend (plain and with hostile
# options), mutated /proc trees into perf-sample --root, hostile arguments
# into perf-time.  Any crash, sanitizer report, hang, exit status other
# than 0 or 2, malformed message or invalid output fails the test and
# prints the command that reproduces it.  Two files, so that tests/run
# runs the halves side by side; this one perf-sample and perf-time,
# fuzz-trend.bats perf-trend.  Longer runs: see the fuzzer's
# --help (e.g. -n 1000 -s 7).

@test "fuzz: perf-sample --root on mutated /proc trees" {
	fuzz -t sample -n 60 -s 13
}

@test "fuzz: perf-time with hostile arguments" {
	fuzz -t time -n 95 -s 14
}
