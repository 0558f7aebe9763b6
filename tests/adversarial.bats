load helpers

# adversarial.bats - every program that reads a file, on every input of
# tests/adversarial/inputs.py, against the outcomes tests/adversarial/expect
# gives: one loop per program, every mismatch listed.  None may crash, hang
# (each run has a timeout), or answer wrongly (equivalent inputs must give
# base.csv's output byte for byte; errors name input:line).

setup_file() {
	export ADV=$BATS_FILE_TMPDIR/in
	mkdir -p "$ADV"
	/usr/bin/python3 "$ROOT/tests/adversarial/inputs.py" "$ADV"
}

setup() {
	mkdir "$BATS_TEST_TMPDIR/w"
	cd "$BATS_TEST_TMPDIR/w"
	cp "$ADV/base.csv" base.csv
}

# invoke PROG FILE: the program's run on FILE (stdout out, stderr err).
invoke() {
	case $1 in
	trend) timeout 60 perf-trend "$2" ;;
	bottleneck) timeout 60 perf-bottleneck "$2" ;;
	validate) timeout 60 perf-validate -f json "$2" ;;
	thresholds) timeout 60 perf-bottleneck --thresholds "$2" base.csv ;;
	calibration) timeout 60 perf-time --calibration "$2" -r 1 -o run.csv true ;;
	report) SOURCE_DATE_EPOCH=1700000000 timeout 60 perf-report -f json "$2" ;;
	import) timeout 60 perf-import "$2" ;;
	esac > out 2> err
}

# same_output A B: the outputs are the same, but for the time perf-validate
# stamps its document with.
same_output() {
	cmp -s <(sed '/^ *"time": [0-9.]*,$/d' "$1") <(sed '/^ *"time": [0-9.]*,$/d' "$2")
}

# schema_of PROG: the schema its output keeps.
schema_of() {
	case $1 in
	trend) echo trend.schema.json ;;
	bottleneck | thresholds) echo findings.schema.json ;;
	validate) echo validation.schema.json ;;
	report) echo report.schema.json ;;
	esac
}

# matrix PROG: runs every input of the expect table through PROG; prints
# one line per mismatch and fails if there is any.  The schema checks of
# the outputs run at the end, all in one process (tests/adversarial/check.py).
matrix() {
	local prog=$1 col name want in ext rc base_rc bad=0 line prefix why
	local -a later=()
	case $prog in
	trend) col=2 ;; bottleneck) col=3 ;; validate) col=4 ;;
	thresholds) col=5 ;; calibration) col=6 ;; report) col=7 ;; import) col=8 ;;
	esac
	prefix=perf-$prog
	case $prog in thresholds) prefix=perf-bottleneck ;; calibration) prefix=perf-time ;; esac
	# base.csv's own run, under the same name as the others.  (bats runs
	# with errexit: statuses are taken, not tripped on.)
	cp "$ADV/base.csv" input.csv
	invoke "$prog" input.csv && base_rc=0 || base_rc=$?
	mv out base.out
	while read -r -a f; do
		case ${f[0]:-#} in '#'*) continue ;; esac
		name=${f[0]} want=${f[$((col - 1))]}
		ext=${name##*.} in=input.$ext
		rm -f input.csv input.json run.csv
		cp "$ADV/$name" "$in"
		invoke "$prog" "$in" && rc=0 || rc=$?
		why=
		[ "$rc" -ne 124 ] || why="timed out"
		[ "$rc" -le 128 ] || why="killed by signal $((rc - 128))"
		! grep -q 'Sanitizer\|runtime error' err || why="sanitizer report"
		if [ -z "$why" ]; then
			case $want in
			same)
				[ "$rc" -eq "$base_rc" ] && same_output out base.out ||
					why="exit $rc, output differs from base.csv's" ;;
			ok)
				if [ "$rc" -ne 0 ]; then
					why="exit $rc: $(head -c 200 err)"
				else
					mv out "out.$name"
					later+=("out.$name")
				fi ;;
			E:*)
				line=${want#E:}
				if [ "$rc" -ne 2 ] || [ -s out ] || [ "$(wc -l < err)" -ne 1 ] ||
				    ! grep -q "^$prefix: $in:$line:" err; then
					why="want exit 2 and '$prefix: $in:$line: ...', got exit $rc, $(wc -c < out) bytes out, stderr: $(head -c 200 err)"
				fi ;;
			F:* | P:*)
				line=${want#?:} want_rc=1
				[ "${want%%:*}" = F ] || want_rc=0
				if [ "$rc" -ne "$want_rc" ]; then
					why="want exit $want_rc, got $rc: $(head -c 200 err)"
				else
					mv out "out.$name"
					later+=("out.$name=$in:$line")
				fi ;;
			*) why="bad outcome '$want' in tests/adversarial/expect" ;;
			esac
		fi
		if [ -n "$why" ]; then
			echo "$prog $name: $why"
			bad=$((bad + 1))
		fi
	done < "$ROOT/tests/adversarial/expect"
	if [ "${#later[@]}" -gt 0 ] &&
	    ! /usr/bin/python3 "$ROOT/tests/adversarial/check.py" "$(schema_of "$prog")" "${later[@]}"; then
		bad=$((bad + 1))
	fi
	[ "$bad" -eq 0 ]
}

@test "perf-trend on every adversarial input" {
	matrix trend
}

@test "perf-bottleneck on every adversarial input" {
	matrix bottleneck
}

@test "perf-validate's file mode on every adversarial input" {
	matrix validate
}

@test "perf-bottleneck --thresholds on every adversarial input" {
	matrix thresholds
}

@test "perf-time --calibration on every adversarial input" {
	matrix calibration
}

@test "perf-report on every adversarial input" {
	matrix report
}

@test "perf-import on every adversarial input" {
	matrix import
}
