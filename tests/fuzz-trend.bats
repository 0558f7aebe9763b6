load helpers
# tests/run: sanitizer only

# fuzz-trend.bats, fuzz-proc.bats - a small seeded run of
# tests/fuzz/fuzz_inputs.py (through fuzz in helpers.bash) against the
# variant under test: mutated CSV into perf-trend (plain and with hostile
# options), mutated /proc trees into perf-sample --root, hostile arguments
# into perf-time.  Any crash, sanitizer report, hang, exit status other
# than 0 or 2, malformed message or invalid output fails the test and
# prints the command that reproduces it.  Two files, so that tests/run
# runs the halves side by side; this one perf-trend, fuzz-proc.bats
# perf-sample and perf-time.  Longer runs: see the fuzzer's
# --help (e.g. -n 1000 -s 7).

@test "fuzz: mutated CSV into perf-trend" {
	fuzz -t csv -n 100 -s 11
}

@test "fuzz: perf-trend options on mutated CSV" {
	fuzz -t trend -n 100 -s 12
}
