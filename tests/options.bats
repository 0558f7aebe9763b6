#!/usr/bin/env bats
# options.bats - every option of every program (its getopt_long table and
# short-option string) is in its --help and its man page, and neither names
# one it lacks (tests/options/check_options.py).  The programs are
# build.ninja's `progs`, so a new program is checked without a change here.
load helpers

progs() {
	sed -n 's/^progs = //p' "$ROOT/build.ninja"
}

@test "build.ninja lists the programs of cmd/" {
	local want got
	want=$(progs | tr ' ' '\n' | sort)
	got=$(cd "$ROOT/cmd" && ls -d perf-* | sort)
	[ "$want" = "$got" ]
}

@test "every option is in --help and the man page, and only those" {
	local p bad=0
	for p in $(progs); do
		run /usr/bin/python3 "$ROOT/tests/options/check_options.py" "$BIN" "$p"
		[ "$status" -eq 0 ] || { echo "$output" | grep '^not ok'; bad=1; }
	done
	[ "$bad" -eq 0 ]
}

@test "the checker finds an option missing from --help and one the man page invents" {
	# A program of its own, so that the check is seen to fail.
	local d=$BATS_TEST_TMPDIR/t
	mkdir -p "$d/tests/options" "$d/cmd/perf-x" "$d/bin"
	cp "$ROOT/tests/options/check_options.py" "$d/tests/options/"
	cat > "$d/cmd/perf-x/perf-x.c" <<'C'
static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "hidden", required_argument, NULL, 'z' },
	{ NULL, 0, NULL, 0 }
};
	while ((c = getopt_long(argc, argv, ":hz:", longopts, NULL)) != -1)
C
	printf '#!/bin/sh\necho "usage: perf-x [-h] [-z n]"\necho "  -h, --help   this help"\n' > "$d/bin/perf-x"
	chmod +x "$d/bin/perf-x"
	printf '.Op Fl h\n.It Fl h , Fl \\-help\n.It Fl \\-invented\n' > "$d/cmd/perf-x/perf-x.1"
	run -1 /usr/bin/python3 "$d/tests/options/check_options.py" "$d/bin" perf-x
	assert_line "not ok 1 - perf-x every option is in --help: --hidden"
	assert_line "not ok 3 - perf-x every option is in the man page: --hidden -z"
	assert_line "not ok 4 - perf-x the man page's synopsis and options list name no option the program lacks: --invented"
	assert_line "ok 2 - perf-x --help names no option the program lacks"
}
