load helpers
# tests/run: once

# quickstart.bats - the README's first command, examples/quickstart.sh,
# run as a new user runs it (into a directory of its own): it samples
# this machine while it benchmarks, then writes every file it names and
# the report, and ends by saying where the report is.

@test "examples/quickstart.sh: the whole pipeline on this machine, the report written" {
	[ "$(id -u)" = 0 ] || command -v gnuplot > /dev/null ||
	    skip "not root and the packages are missing (.ci/deps installs them)"
	run -0 --separate-stderr sh "$ROOT/examples/quickstart.sh" "$BATS_TEST_TMPDIR/qs"
	assert_line --regexp '^== .*/qs/samples\.csv: (9|10|11) samples x [0-9]+ columns'
	assert_line --regexp '^== the report: .*/qs/report/report\.html'
	for f in samples.csv runs.csv report/report.txt report/report.md \
	    report/report.html report/report.json report/cpu.png report/runs_box.svg; do
		[ -s "$BATS_TEST_TMPDIR/qs/$f" ] || { echo "missing: $f"; false; }
	done
	check_csv samples.schema.json "$BATS_TEST_TMPDIR/qs/samples.csv"
	check_csv runs.schema.json "$BATS_TEST_TMPDIR/qs/runs.csv"
	check_json report.schema.json "$BATS_TEST_TMPDIR/qs/report/report.json"
	within_100 "$(cat "$BATS_TEST_TMPDIR/qs/report/report.txt")"
}
