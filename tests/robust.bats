load helpers

# robust.bats - regressions for what fuzzing and hostile use found: wide
# and long input, output paths that are devices, FIFOs or links, write
# errors, odd arguments.  The fuzzer itself runs in fuzz-*.bats.

CASES=$ROOT/tests/cases/perf-trend
LIVE0=$FIXTURES/proc-live/0
LIVE1=$FIXTURES/proc-live/1

# In a directory of its own: bats keeps its files in BATS_TEST_TMPDIR.
setup() {
	mkdir "$BATS_TEST_TMPDIR/w"
	cd "$BATS_TEST_TMPDIR/w"
}

# A private copy of /dev/full, so that a regression (a device replaced by
# a file through rename) can never touch the real one.  Needs root.
full_device() {
	[ "$(id -u)" = 0 ] || skip "mknod needs root"
	mknod -m 666 full c 1 7 || skip "mknod refused"
}

@test "a header of 60000 columns opens in linear time" {
	/usr/bin/python3 -c 'print(",".join("c%d" % i for i in range(60000)))' > wide.csv
	run -2 --separate-stderr timeout 20 perf-trend wide.csv
	[ "$stderr" = "perf-trend: wide.csv:2: empty input: no data rows" ]
}

@test "a row of more than 65536 fields is refused, not taken into memory" {
	/usr/bin/python3 -c 'print(",".join("c%d" % i for i in range(70000)))' > wide.csv
	run -2 --separate-stderr perf-trend wide.csv
	[ "$stderr" = "perf-trend: wide.csv:1: more than 65536 fields in a row" ]
	/usr/bin/python3 -c 'print("a\n1\n" + ",".join("1" for i in range(70000)))' > wide.csv
	run -2 --separate-stderr perf-trend wide.csv
	[ "$stderr" = "perf-trend: wide.csv:3: more than 65536 fields in a row" ]
}

@test "a row longer than 64 MiB is refused" {
	/usr/bin/python3 -c 'import sys; sys.stdout.write("a,b\n1," + "x" * (65 << 20) + "\n")' > long.csv
	run -2 --separate-stderr perf-trend long.csv
	[ "$stderr" = "perf-trend: long.csv:2: row longer than 64 MiB" ]
}

@test "a value holding a newline gives a one-line message" {
	printf 'name,wall_s\nsort,0.12\nsort,"0.1\r\n3"\n' > nl.csv
	run -2 --separate-stderr perf-trend nl.csv
	[ "$stderr" = "perf-trend: nl.csv:3: column 'wall_s': '0.1\\r\\n3' is not a number" ]
	printf 'name,"wall\ns"\nsort,0.12\n' > nl.csv
	run -2 --separate-stderr perf-trend nl.csv
	[ "$stderr" = "perf-trend: nl.csv:1: column 'wall\\ns': not a metric name (a-z first, then a-z, 0-9 or _)" ]
}

@test "column names the trend schema refuses are refused" {
	printf 'name,+1\nsort,0.12\n' > n.csv
	run -2 --separate-stderr perf-trend n.csv
	[ "$stderr" = "perf-trend: n.csv:1: column '+1': not a metric name (a-z first, then a-z, 0-9 or _)" ]
	printf 'Name,wall_s\nsort,0.12\n' > n.csv
	run -0 --separate-stderr perf-trend n.csv
	check_json trend.schema.json <(echo "$output")
	printf '1x,wall_s\nsort,0.12\n' > n.csv
	run -2 --separate-stderr perf-trend n.csv
	[ "$stderr" = "perf-trend: n.csv:1: column '1x': not a key name (letters, digits or _, not a digit first)" ]
}

@test "--compare given twice: the last counts, nothing leaks" {
	run -0 --separate-stderr perf-trend --compare commit=a,b \
	    --compare commit=old,new "$CASES/commits.csv"
	[[ "$output" == *'"compare": "commit=old,new"'* ]]
	[ -z "$stderr" ]
}

@test "perf-trend -o writes to a device or FIFO, never replaces it" {
	full_device
	run -2 --separate-stderr perf-trend -o full "$CASES/runs.csv"
	[ "$stderr" = "perf-trend: full: write error: No space left on device" ]
	[ -c full ]
	mkfifo fifo
	cat fifo > got &
	run -0 --separate-stderr perf-trend -f text -o fifo "$CASES/runs.csv"
	wait
	[ -p fifo ]
	grep -q '^# descriptive' got
	run -0 perf-trend -o /dev/null "$CASES/runs.csv"
	[ -c /dev/null ]
}

@test "perf-trend -o through a symbolic link replaces the file, keeps the link" {
	echo old > target
	ln -s target link
	run -0 --separate-stderr perf-trend -o link "$CASES/runs.csv"
	[ -L link ]
	check_json trend.schema.json target
	[ "$(ls)" = "$(printf 'link\ntarget')" ]
}

@test "perf-trend -o where no file can be made leaves nothing behind" {
	full_device
	run -2 --separate-stderr perf-trend -o full/x.json "$CASES/runs.csv"
	[ "$stderr" = "perf-trend: full/x.json: cannot create a temporary file: Not a directory" ]
	run -2 --separate-stderr perf-trend -o nodir/x.json "$CASES/runs.csv"
	[ "$stderr" = "perf-trend: nodir/x.json: cannot create a temporary file: No such file or directory" ]
	[ "$(ls)" = full ]
}

@test "perf-sample --format prometheus: write errors, devices, missing directories" {
	full_device
	run -2 --separate-stderr perf-sample --root "$LIVE0" --root "$LIVE1" -f prometheus full
	[ "$stderr" = "perf-sample: full: write error: No space left on device" ]
	[ -c full ]
	run -2 --separate-stderr perf-sample --root "$LIVE0" --root "$LIVE1" -f prometheus nodir/m.prom
	[ "$stderr" = "perf-sample: nodir/m.prom: cannot create a temporary file: No such file or directory" ]
	mkdir dir
	run -2 --separate-stderr perf-sample --root "$LIVE0" --root "$LIVE1" -f prometheus dir
	[ "$stderr" = "perf-sample: dir: Is a directory" ]
	[ "$(ls dir)" = "" ]
	[ "$(ls)" = "$(printf 'dir\nfull')" ]
}

@test "perf-sample -o to a full device exits 2" {
	full_device
	run -2 --separate-stderr perf-sample --root "$LIVE0" --root "$LIVE1" -o full
	[ "$stderr" = "perf-sample: full: write error: No space left on device" ]
	[ -c full ]
}

@test "a malformed pressure line is reported at its own line" {
	cp -r "$FIXTURES/proc-live" t
	printf 'some avg10=0.00 avg60=0.00 avg300=0.00 total=1\nfull avg10=x\n' > t/1/proc/pressure/io
	run -2 --separate-stderr perf-sample --root t/0 --root t/1
	[ "$stderr" = "perf-sample: t/1/proc/pressure/io:2: malformed" ]
	printf 'some avg10=0.00\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=1\n' > t/1/proc/pressure/io
	run -2 --separate-stderr perf-sample --root t/0 --root t/1
	[ "$stderr" = "perf-sample: t/1/proc/pressure/io:1: malformed" ]
}

@test "perf-time refuses empty commands and names" {
	run -2 --separate-stderr perf-time -r 1 ''
	[ "$stderr" = "perf-time: command '': empty" ]
	run -2 --separate-stderr perf-time -r 1 '  '
	[ "$stderr" = "perf-time: command '  ': empty" ]
	run -2 --separate-stderr perf-time -r 1 -n '' true
	[ "$stderr" = "perf-time: name '': empty" ]
}

@test "perf-time: a name of -- is a name, not the end of the options" {
	run -0 --separate-stderr perf-time -q -r 1 -n -- 'exit 0'
	[[ "${lines[1]}" == *",--,exit 0,1,"* ]]
}
