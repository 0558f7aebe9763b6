load helpers

# perf-time.bats - the benchmark harness: options, the runs CSV and its
# schema, run control, failures, timeouts, signals, parameters, interleaving,
# pinning, the summary.  Commands are short (true, sleep 0.01) so the file
# stays fast; timing assertions are loose where the machine may be busy.

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
}

# col NAME FILE: the values of column NAME, one per line.
col() {
	/usr/bin/python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[2])))
for r in rows: print(r[sys.argv[1]])' "$1" "$2"
}

@test "--help exits 0 and prints the usage on stdout" {
	run -0 --separate-stderr perf-time --help
	[[ ${lines[0]} == "usage: perf-time "* ]]
	[ "$stderr" = "" ]
}

@test "--version names the program" {
	run -0 --separate-stderr perf-time --version
	[ "$output" = "perf-time (perfpipe) 0.1.0" ]
}

@test "an unknown option exits 2 with the usage" {
	run -2 --separate-stderr perf-time --bogus true
	[ "$output" = "" ]
	[ "${stderr%%$'\n'*}" = "perf-time: unknown option '--bogus'" ]
	[[ $stderr == *"usage: perf-time "* ]]
}

@test "a bad number exits 2 naming the range" {
	run -2 --separate-stderr perf-time -r 0 true
	[ "$stderr" = "perf-time: runs '0': too small (allowed 1-100000000)" ]
	run -2 --separate-stderr perf-time --timeout 5x true
	[ "$stderr" = "perf-time: timeout '5x': unknown unit 'x' (use ns, us, ms, s, m, h, d)" ]
	run -2 --separate-stderr perf-time --param n=1:x 'echo {n}'
	[ "$stderr" = "perf-time: parameter 'n': maximum 'x': not a number" ]
}

@test "golden cases: messages and statuses (run by tests/golden)" {
	golden_cases perf-time 20
}

@test "-- COMMAND: one row per run, the schema kept, no shell" {
	run -0 --separate-stderr perf-time -r 3 -- true
	[ "$stderr" = "" ]
	[ "${#lines[@]}" -eq 4 ]
	[ "${lines[0]}" = "time,host,name,command,run,wall_s,user_s,sys_s,cpu_pct,max_rss_kib,minor_faults_count,major_faults_count,vol_ctx_switches_count,invol_ctx_switches_count,read_bytes,write_bytes,exit_status,signal,timed_out,measured_by,overhead_s" ]
	printf '%s\n' "${lines[@]}" > runs.csv
	check_csv runs.schema.json runs.csv
	[ "$(col run runs.csv | tr '\n' ' ')" = "1 2 3 " ]
	[ "$(col command runs.csv | sort -u)" = "true" ]
	[ "$(col exit_status runs.csv | sort -u)" = "0" ]
	[ "$(col timed_out runs.csv | sort -u)" = "false" ]
	[ "$(col overhead_s runs.csv | sort -u)" = "" ]
	[ "$(col host runs.csv | sort -u)" = "$(hostname)" ]
}

@test "the output of a failing run and counters passes the schema" {
	run -0 --separate-stderr perf-time -r 2 -i --counters --timeout 50ms \
	    -n slow -n fails 'sleep 5' 'exit 7'
	printf '%s\n' "${lines[@]}" > runs.csv
	check_csv runs.schema.json runs.csv
	[[ ${lines[0]} == *",overhead_s,instructions_count,cycles_count,branch_misses_count,cache_misses_count" ]]
}

# Never under 50 ms; over 200 ms only on a machine too busy to tell
# (retried).
sleep_50ms() {
	local w
	run -0 --separate-stderr perf-time -r 3 -- sleep 0.05 || return 1
	printf '%s\n' "${lines[@]}" > runs.csv
	for w in $(col wall_s runs.csv); do
		/usr/bin/python3 -c "import sys; w=float('$w'); sys.exit(not 0.05 <= w < 0.2)" || return 1
	done
}

@test "sleep 0.05 measures about 50 ms" {
	retry 3 sleep_50ms
}

@test "shell mode subtracts the shell's start-up and records it" {
	run -0 --separate-stderr perf-time -r 5 'sleep 0.02'
	printf '%s\n' "${lines[@]}" > runs.csv
	o=$(col overhead_s runs.csv | sort -u)
	/usr/bin/python3 -c "import sys; sys.exit(not 0 < float('$o') < 0.05)"
	[ "$(col name runs.csv | sort -u)" = "sleep 0.02" ]
}

@test "--no-shell splits words, quotes kept together" {
	run -0 --separate-stderr perf-time -N -r 1 --output out.txt \
	    "printf '%s|%s' 'a b' \"c\""
	[ "$(cat out.txt)" = "a b|c" ]
	printf '%s\n' "${lines[@]}" > runs.csv
	[ "$(col overhead_s runs.csv)" = "" ]
}

@test "a command not found exits 2 and records no run" {
	run -2 --separate-stderr perf-time -r 3 -- perfpipe-no-such-command
	[ "$stderr" = "perf-time: command 'perfpipe-no-such-command': not found" ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "a failing command stops with its name, run and status" {
	run -2 --separate-stderr perf-time -r 5 -- sh -c '[ "$PERFPIPE_RUN" -lt 3 ]'
	[ "$stderr" = "perf-time: command 'sh -c [ \"\$PERFPIPE_RUN\" -lt 3 ]' failed in run 3: exit status 1 (use --ignore-failure to go on)" ]
	printf '%s\n' "${lines[@]}" > runs.csv
	[ "$(col exit_status runs.csv | tr '\n' ' ')" = "0 0 1 " ]
}

@test "--ignore-failure records the status; =CODES only those" {
	run -0 --separate-stderr perf-time -r 2 -i -- sh -c 'exit 3'
	printf '%s\n' "${lines[@]}" > runs.csv
	[ "$(col exit_status runs.csv | tr '\n' ' ')" = "3 3 " ]
	run -0 --separate-stderr perf-time -r 2 --ignore-failure=3,4 -- sh -c 'exit 4'
	run -2 --separate-stderr perf-time -r 2 --ignore-failure=3 -- sh -c 'exit 4'
	[[ $stderr == *"failed in run 1: exit status 4"* ]]
}

@test "a run killed by a signal is recorded in its columns" {
	run -0 --separate-stderr perf-time -r 1 -i -- sh -c 'kill -USR1 $$'
	printf '%s\n' "${lines[@]}" > runs.csv
	[ "$(col signal runs.csv)" = "10" ]
	[ "$(col exit_status runs.csv)" = "" ]
	run -2 --separate-stderr perf-time -r 1 -- sh -c 'kill -USR1 $$'
	[[ $stderr == *"failed in run 1: killed by signal 10 (use --ignore-failure to go on)" ]]
}

@test "--timeout kills the run's whole process group and goes on" {
	run -0 --separate-stderr perf-time -r 2 --timeout 100ms -- \
	    sh -c 'sleep 30 & echo $! > bg.pid; sleep 30'
	printf '%s\n' "${lines[@]}" > runs.csv
	[ "$(col timed_out runs.csv | tr '\n' ' ')" = "true true " ]
	[ "$(col signal runs.csv | sort -u)" = "9" ]
	for w in $(col wall_s runs.csv); do
		/usr/bin/python3 -c "import sys; sys.exit(not 0.1 <= float('$w') < 2)"
	done
	# The background sleep went with the group (reaped by its new parent).
	pid=$(cat bg.pid)
	for _ in $(seq 100); do
		[ -e /proc/$pid ] && [ "$(awk '{print $3}' /proc/$pid/stat)" != Z ] ||
		    break
		sleep 0.02
	done
	[ ! -e /proc/$pid ] || [ "$(awk '{print $3}' /proc/$pid/stat)" = Z ]
}

@test "warm-up runs are not written; PERFPIPE_RUN numbers the runs" {
	run -0 --separate-stderr perf-time -w 2 -r 3 -- sh -c 'echo $PERFPIPE_RUN >> seen'
	[ "$(tr '\n' ' ' < seen)" = "0 0 1 2 3 " ]
	[ "${#lines[@]}" -eq 4 ]
}

@test "setup and cleanup once per command, prepare and conclude per run" {
	run -0 --separate-stderr perf-time -w 1 -r 2 -s 'echo setup >> log' \
	    -p 'echo prepare $PERFPIPE_RUN >> log' --conclude 'echo conclude >> log' \
	    -c 'echo cleanup >> log' 'echo run >> log'
	[ "$(tr '\n' ' ' < log)" = "setup prepare 0 run conclude prepare 1 run conclude prepare 2 run conclude cleanup " ]
}

@test "--input feeds each run from the start; --output inherit" {
	printf 'hello\n' > in.txt
	run -0 --separate-stderr perf-time -r 2 --input in.txt --output inherit -- cat
	[ "${lines[1]}" = "hello" ]
	[ "${lines[3]}" = "hello" ]
}

@test "parameters: lists, ranges, their product, param_ columns" {
	run -0 --separate-stderr perf-time -r 1 --param n=1,2 -P x 0 1 -D 0.5 \
	    -n 'e{n}' 'echo {n} {x}'
	printf '%s\n' "${lines[@]}" > runs.csv
	check_csv runs.schema.json runs.csv
	[[ ${lines[0]} == "time,host,name,command,param_n,param_x,run,"* ]]
	[ "$(col command runs.csv | tr '\n' ',')" = "echo 1 0,echo 1 0.5,echo 1 1,echo 2 0,echo 2 0.5,echo 2 1," ]
	[ "$(col name runs.csv | tr '\n' ',')" = "e1,e1,e1,e2,e2,e2," ]
	[ "$(col param_x runs.csv | tr '\n' ',')" = "0,0.5,1,0,0.5,1," ]
}

@test "parameters in -- COMMAND words, hyperfine's -L" {
	run -0 --separate-stderr perf-time -r 1 -L w a,b -- echo '{w}'
	printf '%s\n' "${lines[@]}" > runs.csv
	[ "$(col command runs.csv | tr '\n' ',')" = "echo a,echo b," ]
	[ "$(col name runs.csv | sort -u)" = "echo {w}" ]
}

@test "--interleave alternates; shuffle is reproducible by seed" {
	run -0 --separate-stderr perf-time -r 2 --interleave 'echo a' 'echo b'
	printf '%s\n' "${lines[@]}" > runs.csv
	[ "$(col command runs.csv | tr '\n' ',')" = "echo a,echo b,echo a,echo b," ]
	run -0 --separate-stderr perf-time -r 3 --interleave=shuffle --seed 7 'echo a' 'echo b' 'echo c'
	printf '%s\n' "${lines[@]}" > s1.csv
	run -0 --separate-stderr perf-time -r 3 --interleave=shuffle --seed 7 'echo a' 'echo b' 'echo c'
	printf '%s\n' "${lines[@]}" > s2.csv
	[ "$(col command s1.csv)" = "$(col command s2.csv)" ]
	[ "$(col command s1.csv | sort | uniq -c | awk '{print $1}' | sort -u)" = "3" ]
}

@test "run control: min and max runs, min time" {
	run -0 --separate-stderr perf-time -m 4 -M 6 --min-time 0 -- true
	[ "${#lines[@]}" -eq 5 ]
	run -0 --separate-stderr perf-time -m 2 -M 3 --min-time 10s -- true
	[ "${#lines[@]}" -eq 4 ]
	# --min-time: past -m, runs go on until their wall times add up to
	# 60 ms, and stop there (counted from wall_s, so a slow machine that
	# stretches sleep 0.02 changes the number of runs, not the verdict).
	run -0 --separate-stderr perf-time -m 2 --min-time 60ms -- sleep 0.02
	printf '%s\n' "${lines[@]}" > mt.csv
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "wall_s") c = i; next }
	    { n++; before = sum; sum += $c }
	    END { exit !(c && n >= 2 && sum >= 0.06 && (n == 2 || before < 0.06)) }' mt.csv
}

@test "--precision stops once the median's interval is tight enough" {
	run -0 --separate-stderr perf-time --precision 50% -m 2 -M 200 -- sleep 0.01
	# The 95% order-statistic interval needs 6 runs at least.
	[ "${#lines[@]}" -ge 7 ]
	[ "${#lines[@]}" -lt 100 ]
}

@test "--cpu pins the runs" {
	run -0 --separate-stderr perf-time -r 1 --output inherit --cpu 0 -- \
	    grep Cpus_allowed_list /proc/self/status
	[ "${lines[1]}" = "$(printf 'Cpus_allowed_list:\t0')" ]
}

@test "--measure cgroup measures the tree, or says why it cannot" {
	if ! perf-time -r 1 --measure cgroup -- true > probe.csv 2> probe.err; then
		[[ $(cat probe.err) == "perf-time: --measure cgroup: "* ]]
		skip "no cgroup v2 here: $(cat probe.err)"
	fi
	run -0 --separate-stderr perf-time -r 2 --measure cgroup -- \
	    sh -c 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done'
	printf '%s\n' "${lines[@]}" > runs.csv
	check_csv runs.schema.json runs.csv
	[ "$(col measured_by runs.csv | sort -u)" = "cgroup" ]
	for u in $(col user_s runs.csv); do
		/usr/bin/python3 -c "import sys; sys.exit(not float('$u') > 0.001)"
	done
	run -0 --separate-stderr perf-time -r 1 --measure rusage -- true
	[[ ${lines[1]} == *",rusage," ]]
}

@test "--counters: counts, or empty columns and one warning" {
	run -0 --separate-stderr perf-time -r 2 --counters -- true
	printf '%s\n' "${lines[@]}" > runs.csv
	if [ -n "$stderr" ]; then
		[[ $stderr == "perf-time: hardware counters unavailable ("*"): their columns are empty" ]]
		[ "$(col instructions_count runs.csv | sort -u)" = "" ]
	else
		[ "$(col instructions_count runs.csv | sort -u | wc -l)" -ge 1 ]
		[ -n "$(col instructions_count runs.csv | head -1)" ]
	fi
}

@test "the summary: mean, median, range, comparison" {
	run -0 --separate-stderr perf-time --summary -r 6 -n fast -- sleep 0.01
	[[ $stderr == *"Benchmark 1: fast"* ]]
	[[ $stderr != *"Summary"* ]]
	run -0 --separate-stderr perf-time --summary -r 6 -n fast -n slow \
	    'sleep 0.01' 'sleep 0.03'
	[[ $stderr == *"Benchmark 1: fast"*"Time (mean ± σ):"*"Median (95% CI):"*"Range (min … max):"*"6 runs"* ]]
	[[ $stderr == *"Benchmark 2: slow"* ]]
	[[ $stderr == *"Summary"*"fast ran"*"times faster than slow (median ratio "*", 95% bootstrap interval "* ]]
	run -0 --separate-stderr perf-time -q -r 2 true
	[ "$stderr" = "" ]
}

# 20 runs, so that one run stalled by a busy machine cannot lift the
# mean of a command that takes no time above 5 ms (and retried, for a
# machine busy throughout).
too_short() {
	run -0 --separate-stderr perf-time --summary -r 20 true || return 1
	[[ $stderr == *"Warning: the command took less than 5 ms on average"* ]]
}

@test "the summary warns about too short commands in shell mode" {
	retry 3 too_short
}

@test "SIGINT: the runs so far are written whole, exit 130" {
	perf-time -r 1000 -- sleep 0.05 > runs.csv 2> err.txt &
	pid=$!
	for _ in $(seq 200); do
		[ "$(wc -l < runs.csv)" -ge 3 ] && break
		sleep 0.02
	done
	kill -INT $pid
	rc=0
	wait $pid || rc=$?
	[ "$rc" -eq 130 ]
	[ "$(cat err.txt)" = "perf-time: interrupted: the runs so far are written" ]
	check_csv runs.schema.json runs.csv
	[ "$(tail -c 1 runs.csv | od -An -c | tr -d ' ')" = '\n' ]
}

@test "--help > /dev/full exits 2 with a message (the shared stdout check)" {
	# --help writes only through stdio and leaves the check to
	# cli_close_stdout (common/util/cli.c), at exit.
	run -2 --separate-stderr sh -c 'perf-time --help > /dev/full'
	[ "$stderr" = "perf-time: <stdout>: write error: No space left on device" ]
	[ -z "$output" ]
}

@test "> /dev/full exits 2 with a message" {
	run -2 --separate-stderr sh -c 'perf-time -r 2 -- true > /dev/full'
	[ "$stderr" = "perf-time: <stdout>: write error: No space left on device" ]
}

@test "a missing --input file is named" {
	run -2 --separate-stderr perf-time -r 1 --input nofile -- cat
	[ "$stderr" = "perf-time: nofile: No such file or directory" ]
}

@test "on a terminal: a progress line with the time left, then the summary" {
	run -0 script -qec "perf-time -r 40 -- sleep 0.01 > runs.csv" /dev/null
	[[ $output == *$'\r\033[K  sleep 0.01  ['*'] '*'/40  mean '*' ms  ETA '* ]]
	[[ $output == *"Benchmark 1: sleep 0.01"*"40 runs"* ]]
	[ "$(wc -l < runs.csv)" -eq 41 ]
}

@test "cpu_pct is of the run as measured, never inflated by the shell correction" {
	run -0 --separate-stderr perf-time -q -r 5 'true'
	# user + sys cannot exceed wall time times the CPUs; the corrected wall
	# time of 'true' is near zero, so a ratio taken after it would.
	awk -F, -v max="$((100 * $(nproc) + 5))" 'NR > 1 && ($9 == "" || $9 > max) { bad++ }
	    END { exit bad }' <<<"$output"
}

@test "-o appends under the same header only, never onto a cut-off line; --label and --host" {
	run -0 --separate-stderr perf-time -q -r 2 -o h.csv --label commit=aaa -- true
	[ "$output" = "" ]
	run -0 --separate-stderr perf-time -q -r 2 -o h.csv --label commit=bbb -- true
	run -0 awk -F, 'NR > 1 { print $3 }' h.csv
	[ "$output" = "$(printf 'aaa\naaa\nbbb\nbbb')" ]
	[ "$(head -1 h.csv | cut -d, -f1-4)" = "time,host,commit,name" ]
	[ "$(grep -c '^time,' h.csv)" = 1 ]
	run -2 --separate-stderr perf-time -q -r 2 -o h.csv -- true
	[ "$stderr" = "perf-time: h.csv:1: header differs from the columns of this run; not appending" ]
	printf '1,x' >> h.csv
	cp h.csv before.csv
	run -2 --separate-stderr perf-time -q -r 2 -o h.csv --label commit=c -- true
	[ "$stderr" = "perf-time: h.csv: the last line has no newline (cut off?); not appending" ]
	cmp h.csv before.csv
	run -2 --separate-stderr perf-time -q -r 2 --label run=3 -- true
	[ "$stderr" = "perf-time: label 'run=3': 'run' is a column of the runs already" ]
	run -0 --separate-stderr perf-time -q -r 2 --host '' -- true
	[ "$(echo "${lines[1]}" | cut -d, -f2)" = "" ]
	run -2 --separate-stderr perf-time -q -r 2 -o /dev/full -- true
	[ "$stderr" = "perf-time: /dev/full: write error: No space left on device" ]
}

@test "--ignore-failure=127 records a command not found; a missed --precision is said; uncounted commands are named" {
	run -0 --separate-stderr perf-time -q -r 2 --ignore-failure=127 'nosuchcmd_x'
	[ "${#lines[@]}" -eq 3 ]
	assert_equal "$(echo "$stderr" | grep -c "perf-time: command 'nosuchcmd_x': not found (the shell's exit status 127): its runs are recorded as failed (--ignore-failure)")" 1
	run -0 --separate-stderr perf-time -q --precision 0.1% -m 2 -M 3 -- sleep 0.01
	[[ "$stderr" == "perf-time: command 'sleep 0.01': --precision 0.1% not reached: no interval yet after 3 runs (raise -M, --max-runs)" ]]
	run -0 --separate-stderr perf-time --summary -r 2 --timeout 20ms 'sleep 0.5' 'sleep 0.6'
	[[ "$stderr" == *"  sleep 0.5: no run counted: not compared"* ]]
	# One command left with runs: nothing to compare, said (not a bare "ran").
	run -0 --separate-stderr perf-time --summary -r 2 --timeout 50ms 'sleep 0.5' 'sleep 0.01'
	[[ "$stderr" == *"  sleep 0.5: no run counted: not compared"$'\n'"  sleep 0.01: the only command with runs counted: nothing to compare it with"* ]]
	# Without a shell, a command not found is taken the same way.
	run -0 --separate-stderr perf-time -r 2 --summary --ignore-failure=127 -N nosuchcmd_x
	[ "${#lines[@]}" -eq 3 ]
	[[ "${lines[1]}" == *,nosuchcmd_x,nosuchcmd_x,1,,,,,,,,,,,,127,,false,* ]]
	[[ "$stderr" == *"perf-time: command 'nosuchcmd_x': not found: its runs are recorded as failed (--ignore-failure)"* ]]
	[[ "$stderr" == *"  No run counted (2 runs)"$'\n'"  Warning: 2 of 2 runs failed (not started: nothing measured)"* ]]
	run -2 --separate-stderr perf-time -q -r 2 --ignore-failure=1 -- nosuchcmd_x
	[ "$stderr" = "perf-time: command 'nosuchcmd_x': not found" ]
}

@test "--measure cgroup: a run's leftover child is killed, not charged to the next run; a timeout does not kill the runs after it" {
	run perf-time -q -r 1 --measure cgroup -- true
	[ "$status" -eq 0 ] || skip "no cgroup of its own here: $output"
	run -0 --separate-stderr perf-time -q -r 3 --measure cgroup -- sh -c 'sleep 3 & echo hi'
	[ "$stderr" = "perf-time: command 'sh -c sleep 3 & echo hi': killed the processes still running when its run ended (in the run's cgroup they would be charged to the next run)" ]
	run -0 awk -F, 'NR > 1 { print $17 }' <<<"$output"
	[ "$output" = "$(printf '0\n0\n0')" ]
	run -0 --separate-stderr perf-time -q -r 2 -i --measure cgroup --timeout 50ms 'sleep 1' 'sleep 0.01'
	run -0 awk -F, 'NR > 1 && $3 == "sleep 0.01" { print $17 $18 }' <<<"$output"
	[ "$output" = "$(printf '0\n0')" ]
}

@test "hyperfine's exports: the same files as Debian's hyperfine writes, for the same commands" {
	command -v hyperfine > /dev/null || fail "hyperfine (Debian's) is not installed: .ci/deps installs it"
	hyperfine -N -r 3 -P n 1 2 --export-json h.json --export-csv h.csv \
	    --export-markdown h.md 'sleep 0.0{n}' > /dev/null 2>&1
	run -0 --separate-stderr perf-time -q -N -r 3 -P n 1 2 --export-json p.json \
	    --export-csv p.csv --export-markdown p.md 'sleep 0.0{n}'
	# The same shape: keys, commands, parameters, run counts, headers.
	run -0 /usr/bin/python3 - h.json p.json <<'PYEOF'
import json, sys, statistics
h, p = (json.load(open(f))["results"] for f in sys.argv[1:])
assert [r["command"] for r in h] == [r["command"] for r in p], "commands"
for a, b in zip(h, p):
    assert list(a) == list(b), (list(a), list(b))
    assert a["parameters"] == b["parameters"]
    assert len(b["times"]) == 3 and b["exit_codes"] == [0, 0, 0]
    t = b["times"]
    assert abs(b["mean"] - statistics.mean(t)) < 1e-12
    assert abs(b["stddev"] - statistics.stdev(t)) < 1e-12
    assert abs(b["median"] - statistics.median(t)) < 1e-12
    assert b["min"] == min(t) and b["max"] == max(t)
print("same")
PYEOF
	[ "$output" = "same" ]
	[ "$(head -1 h.csv)" = "$(head -1 p.csv)" ]
	[ "$(cut -d, -f1,9 h.csv)" = "$(cut -d, -f1,9 p.csv)" ]
	[ "$(head -2 h.md)" = "$(head -2 p.md)" ]
	[ "$(cut -d'|' -f2 h.md)" = "$(cut -d'|' -f2 p.md)" ]
	[ "$(wc -l < p.md)" = 4 ]
	run -0 --separate-stderr perf-time -q -r 2 --style none -S bash --show-output 'echo shown'
	[ "$stderr" = "" ]
	assert_line "shown"
}

@test "--calibration: perf-validate's spawn floor subtracted from every run and recorded in overhead_s" {
	/usr/bin/python3 - > cal.json <<'PYEOF'
import json, socket
print(json.dumps({"format": "perf-calibration/1", "calibration": {
    "host": socket.gethostname(), "spawn_floor_s": 0.25, "shell_overhead_s": 0.125},
    "spawn": {}, "shell": {}}))
PYEOF
	run -0 --separate-stderr perf-time -q -N -r 2 --calibration cal.json -- sleep 0.3
	[ "$stderr" = "" ]
	run -0 awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    { print ($c["overhead_s"] == 0.25) && ($c["wall_s"] >= 0.04) && ($c["wall_s"] < 0.25) }' <<<"$output"
	[ "$output" = "$(printf '1\n1')" ]
	run -0 --separate-stderr perf-time -q -r 1 --calibration cal.json 'sleep 0.5'
	run -0 awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { print $c["overhead_s"] }' <<<"$output"
	[ "$output" = "0.375" ]
	echo '{"format": "perf-trend/1"}' > not.json
	run -2 --separate-stderr perf-time -q -r 1 --calibration not.json -- true
	[ "$stderr" = "perf-time: not.json: not a calibration (perf-validate --calibration-out writes one)" ]
}

@test "the first-run warning only when the first run moves the mean (1% of the median)" {
	# 12 runs: a first run must be 12% (24 ms) over the median to move
	# the mean by 1%, more than a loaded test box delays one sleep (with
	# 5, 10 ms did, under three suites at once and a fuzzer).
	run -0 --separate-stderr perf-time --summary -r 12 'if [ $PERFPIPE_RUN = 1 ]; then sleep 0.203; else sleep 0.2; fi'
	refute_line --partial "first run took"
	[[ "$stderr" != *"first run took"* ]]
	run -0 --separate-stderr perf-time --summary -r 5 'if [ $PERFPIPE_RUN = 1 ]; then sleep 0.4; else sleep 0.05; fi'
	[[ "$stderr" == *"Warning: the first run took "*", much longer than the median "*" (cold caches?), moving the mean by "*"%; consider --warmup"* ]]
}
