#!/usr/bin/env bats
# completion.bats - completions/perfpipe.bash, sourced and called the way
# bash calls it (COMP_WORDS, COMP_CWORD): options from each program's
# --help, columns from a CSV file's header, values from the usage line.
load helpers

setup() {
	cd "$BATS_TEST_TMPDIR"
	# shellcheck source=../completions/perfpipe.bash
	source "$ROOT/completions/perfpipe.bash"
	printf 'time,host,name,param_n,wall_s,max_rss_kib\n1,h,sort,10,0.5,100\n' > runs.csv
}

# comp WORD...: completes the last word; the candidates, one a line, sorted.
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_perfpipe
	printf '%s\n' "${COMPREPLY[@]}" | sort
}

@test "it completes exactly build.ninja's programs" {
	[ "$_perfpipe_progs" = "$(sed -n 's/^progs = //p' "$ROOT/build.ninja")" ]
	for p in $_perfpipe_progs; do
		run -0 complete -p "$p"
		[ "$output" = "complete -F _perfpipe $p" ]
	done
}

@test "every long option of every program, from its getopt_long table, is offered" {
	local p o missing=
	for p in $_perfpipe_progs; do
		offered=$(comp "$p" --)
		for o in $(/usr/bin/python3 "$ROOT/tests/options/check_options.py" --list "$p" | grep '^--'); do
			grep -qxF -- "$o" <<<"$offered" || missing="$missing $p:$o"
		done
	done
	[ -z "$missing" ] || { echo "not offered:$missing"; false; }
}

@test "options by prefix, short ones too" {
	run comp perf-trend --hi
	[ "$output" = "--higher-is-better" ]
	run comp perf-bottleneck --f
	[ "$output" = $'--fail-on\n--fd-max\n--follow\n--format' ]
	run comp perf-validate -
	assert_line -- -q
	assert_line -- --junit
}

@test "values from the usage line: --format and --fail-on of each program" {
	run comp perf-trend -f ""
	[ "$output" = $'csv\njson\nmarkdown\ntext' ]
	run comp perf-bottleneck --format m
	[ "$output" = markdown ]
	run comp perf-sample -f ""
	[ "$output" = $'csv\nprometheus' ]
	run comp perf-trend --fail-on ""
	[ "$output" = regression ]
	run comp perf-bottleneck --fail-on ""
	[ "$output" = $'critical\nwarning' ]
	run comp perf-validate --fail-on=w
	[ "$output" = warn ]
	run comp perf-validate --fail-on = ""
	[ "$output" = $'fail\nwarn' ]
}

@test "columns from the header of the files on the line: keys for --by, metrics for -m" {
	run comp perf-trend runs.csv --by ""
	[ "$output" = $'host\nname\nparam_n' ]
	run comp perf-trend runs.csv -m ""
	[ "$output" = $'max_rss_kib\nparam_n\ntime\nwall_s' ]
	run comp perf-trend runs.csv --metric wall_s,m
	[ "$output" = "wall_s,max_rss_kib" ]
	run comp perf-trend runs.csv --higher-is-better=w
	[ "$output" = "wall_s" ]
	run comp perf-trend runs.csv --complexity = ""
	[ "$output" = "param_n" ]
	run comp perf-trend -b runs.csv -c n
	[ "$output" = "name=" ]
	run comp perf-trend runs.csv --forecast m
	[ "$output" = "max_rss_kib=" ]
	run comp perf-bottleneck runs.csv --budget w
	[ "$output" = "wall_s=" ]
	printf '"time","cpu_busy_pct"\n' > quoted.csv
	run comp perf-bottleneck quoted.csv -t c
	[ "$output" = "cpu_busy_pct=" ]
}

@test "files, directories, process ids and commands where they belong" {
	mkdir dir
	touch j.xml
	run comp perf-trend --junit j
	[ "$output" = j.xml ]
	run comp perf-validate --root d
	[ "$output" = dir ]
	run comp perf-trend ru
	[ "$output" = runs.csv ]
	run comp perf-sample -p "$$"
	assert_line "$$"
	run comp perf-time -r 5 -- baz
	[ "$output" = "" ]
	run comp perf-time -r 5 -- bat
	assert_line bats
	run comp perf-time -- bats ru
	[ "$output" = runs.csv ]
	# A number is not guessed.
	run comp perf-time -r ""
	[ "$output" = "" ]
}
