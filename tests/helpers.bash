# helpers.bash - loaded by every bats file: bats-support, bats-assert, the
# programs of the variant under test on PATH, and the schema checkers.
bats_require_minimum_version 1.5.0
# bats re-reads this file for every test: source the libraries' files
# directly, as their load.bash would, without its fifteen `dirname` forks
# (0.2 s of CPU a test, most of a bats file's overhead).
for _f in /usr/lib/bats/bats-support/src/*.bash /usr/lib/bats/bats-assert/src/*.bash; do
	# shellcheck disable=SC1090
	source "$_f"
done
unset _f

ROOT=${BATS_TEST_DIRNAME%/tests}
BIN=${PERFPIPE_BIN:-$ROOT/build}
PATH=$BIN:$ROOT/build/tools:$PATH
FIXTURES=$ROOT/tests/fixtures
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

# check_json SCHEMA FILE: FILE is valid against schemas/SCHEMA (JSON Schema
# 2020-12, checked by python3-jsonschema).
check_json() {
	/usr/bin/python3 "$ROOT/tests/schema/check_json.py" "$ROOT/schemas/$1" "$2"
}

# check_csv SCHEMA FILE: FILE keeps the Table Schema schemas/SCHEMA.
check_csv() {
	/usr/bin/python3 "$ROOT/tests/schema/check_table.py" "$ROOT/schemas/$1" "$2"
}

# golden_cases PROG MIN: PROG has at least MIN golden cases under
# tests/cases/PROG/ and no expected file without its NAME.args.  The cases
# themselves run once per variant from tests/run (tests/golden), not here.
golden_cases() {
	local f n=0 orphans=
	for f in "$ROOT/tests/cases/$1"/*; do
		case $f in
		*.args) n=$((n + 1)) ;;
		*.in | *.out | *.err | *.status)
			[ -e "${f%.*}.args" ] || orphans="$orphans ${f##*/}" ;;
		esac
	done
	[ -z "$orphans" ] || { echo "no .args for:$orphans"; return 1; }
	[ "$n" -ge "$2" ] || { echo "$1: $n golden cases, want $2 or more"; return 1; }
}

# fuzz ARGS...: runs tests/fuzz/fuzz_inputs.py with ARGS against the variant
# under test; any finding fails, with the fuzzer's report.
fuzz() {
	run /usr/bin/python3 "$ROOT/tests/fuzz/fuzz_inputs.py" -b "$BIN" \
	    -T 20 "$@"
	[ "$status" -eq 0 ] || echo "$output" >&3
	assert_success
	assert_line "fuzz: 0 findings"
}

# check_junit FILE: FILE is a JUnit XML report that CI servers read: valid
# against the Ant/Jenkins schema in tests/fixtures/junit (xmllint, from
# libxml2-utils).
check_junit() {
	xmllint --noout --schema "$ROOT/tests/fixtures/junit/junit.xsd" "$1"
}

# retry N FUNC: runs FUNC until it returns 0, at most N times.  For
# checks of timing that a busy machine (the suite runs three files at a
# time) can upset once but not N times running; a real fault fails every
# time.  FUNC must return non-zero itself: set -e does not act inside a
# function run as a condition.
retry() {
	# Not i: bats's run, called by FUNC, sets a global i (dynamic scope).
	local attempt
	for attempt in $(seq "$1"); do
		"$2" && return 0
		echo "# attempt $attempt of $1 failed" >&2
	done
	return 1
}

# within_100 TEXT: every line of TEXT fits 100 columns (the tables' width
# as column -t users expect it); the lines that do not are printed.
within_100() {
	awk '{ if (length > 100) { print "too wide: " $0; bad = 1 } } END { exit bad }' <<< "$1"
}
