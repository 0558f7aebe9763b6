load helpers

# perf-sample.bats - the resource sampler: options and messages, rates
# checked against captured and hand-made /proc trees (replayed with
# --root), the schema, the live system, process trees, commands, cgroups,
# output files, Prometheus files, signals and pipes.  Live runs use short
# intervals so the file stays fast.

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	F=$FIXTURES
}

# col NAME FILE [ROW]: the value of column NAME in data row ROW (default 1).
col() {
	/usr/bin/python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[2])))
print(rows[int(sys.argv[3]) - 1][sys.argv[1]])' "$1" "$2" "${3:-1}"
}

# near GOT WANT TOL: |GOT - WANT| <= TOL.
# GOT must be a plain number (an empty field or NaN is not near anything).
near() {
	[[ $1 =~ ^-?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?$ ]] &&
	    awk -v g="$1" -v w="$2" -v t="$3" \
	    'BEGIN { d = g - w; exit !(d <= t && -d <= t) }' ||
	    { echo "got $1, want $2 +- $3" >&2; return 1; }
}

# waitlines FILE N: waits (at most 10 s) until FILE has N lines.
waitlines() {
	local i
	for i in $(seq 1000); do
		[ -f "$1" ] && [ "$(wc -l < "$1")" -ge "$2" ] && return 0
		sleep 0.01
	done
	return 1
}

# treeroot: the root of the process tree captured in proc-live.
treeroot() {
	sed -n '/^-p$/{n;p;}' "$ROOT/tests/cases/perf-sample/live-tree.args"
}

# replay FIXTURE [OPTIONS]: samples the fixture's two trees.
replay() {
	local f=$1
	shift
	perf-sample --root "$F/$f/0" --root "$F/$f/1" "$@"
}

@test "--help exits 0 and prints the usage on stdout" {
	run -0 --separate-stderr perf-sample --help
	[ "${lines[0]}" = "usage: perf-sample [-i interval] [-n count] [-d duration] [-o file]" ]
	[[ $output == *"Exit status: 0 done or stopped by a signal, 2 trouble"* ]]
	[ "$stderr" = "" ]
}

@test "--version names the program" {
	run -0 --separate-stderr perf-sample --version
	[ "$output" = "perf-sample (perfpipe) 0.1.0" ]
}

@test "an unknown option exits 2 with the usage" {
	run -2 --separate-stderr perf-sample --bogus
	[ "$output" = "" ]
	[ "${stderr%%$'\n'*}" = "perf-sample: unknown option '--bogus'" ]
	[[ $stderr == *"usage: perf-sample "* ]]
}

@test "a bad number exits 2 naming the range" {
	run -2 --separate-stderr perf-sample -i 0
	[ "$stderr" = "perf-sample: interval '0': too small (allowed 10ms-1d)" ]
	run -2 --separate-stderr perf-sample -i -5
	[ "$stderr" = "perf-sample: interval '-5': too small (allowed 10ms-1d)" ]
	run -2 --separate-stderr perf-sample -i 2d
	[ "$stderr" = "perf-sample: interval '2d': too large (allowed 10ms-1d)" ]
	run -2 --separate-stderr perf-sample -n 1e3
	[ "$stderr" = "perf-sample: count '1e3': not an integer" ]
	run -2 --separate-stderr perf-sample -p -4
	[ "$stderr" = "perf-sample: pid '-4': too small (allowed 1-2147483647)" ]
}

@test "golden cases: replayed trees, messages and statuses (run by tests/golden)" {
	golden_cases perf-sample 35
}

@test "a captured tree: rates agree with the raw counters" {
	run -0 --separate-stderr replay proc-live --per-disk --per-net
	[ "$stderr" = "" ]
	printf '%s\n' "${lines[@]}" > s.csv
	# The same numbers, computed independently from the captured files.
	/usr/bin/python3 - "$F/proc-live" > want <<'EOF'
import sys
d = sys.argv[1]
def rd(k, f): return open(f"{d}/{k}/{f}").read()
t = [float(rd(k, "perfpipe-time")) for k in (0, 1)]
dt = t[1] - t[0]
def kv(k, f, key):
    for l in rd(k, f).splitlines():
        if l.split()[0] == key: return int(l.split()[1])
print("ctxt_per_s", (kv(1, "proc/stat", "ctxt") - kv(0, "proc/stat", "ctxt")) / dt)
c = [list(map(int, rd(k, "proc/stat").splitlines()[0].split()[1:9])) for k in (0, 1)]
dd = [b - a for a, b in zip(*c)]
print("cpu_busy_pct", 100 * (sum(dd) - dd[3] - dd[4]) / sum(dd))
m = {l.split(":")[0]: int(l.split()[1]) for l in rd(1, "proc/meminfo").splitlines()}
print("mem_used_pct", 100 * (m["MemTotal"] - m["MemAvailable"]) / m["MemTotal"])
def net(k):
    s = [0] * 16
    for l in rd(k, "proc/net/dev").splitlines()[2:]:
        name, v = l.split(":")
        if name.strip() != "lo":
            s = [a + int(b) for a, b in zip(s, v.split())]
    return s
print("net_rx_bytes_per_s", (net(1)[0] - net(0)[0]) / dt)
print("net_tx_packets_per_s", (net(1)[9] - net(0)[9]) / dt)
def disk(k):
    for l in rd(k, "proc/diskstats").splitlines():
        if l.split()[2] == "vda": return list(map(int, l.split()[3:]))
print("disk_read_bytes_per_s", (disk(1)[2] - disk(0)[2]) * 512 / dt)
print("disk_vda_reads_per_s", (disk(1)[0] - disk(0)[0]) / dt)
print("pgfault_per_s", (kv(1, "proc/vmstat", "pgfault") - kv(0, "proc/vmstat", "pgfault")) / dt)
p = [int(rd(k, "proc/pressure/cpu").split("total=")[1].split()[0]) for k in (0, 1)]
print("psi_cpu_some_stall_ms_per_s", (p[1] - p[0]) / 1000 / dt)
print("interval_s", dt)
EOF
	while read -r name want; do
		near "$(col "$name" s.csv)" "$want" 0.01
	done < want
	[ "$(col host s.csv)" = "vm" ]
	[ "$(col time s.csv)" = "$(cat "$F/proc-live/1/perfpipe-time")" ]
	[ "$(col swap_used_pct s.csv)" = "" ]	# this machine has no swap
}

@test "output keeps the samples schema" {
	replay proc-live --per-cpu --per-disk --per-net > sys.csv
	check_csv samples.schema.json sys.csv
	replay proc-vanish --per-cpu --per-disk --per-net > vanish.csv
	check_csv samples.schema.json vanish.csv
	replay proc-64cpu --per-cpu > cpu64.csv
	check_csv samples.schema.json cpu64.csv
	replay proc-live -p "$(treeroot)" --per-process > pp.csv
	check_csv samples.schema.json pp.csv
	replay proc-cgroup -c test.slice > cg.csv
	check_csv samples.schema.json cg.csv
	perf-sample -n 2 -i 20ms --per-cpu --per-disk --per-net > live.csv
	check_csv samples.schema.json live.csv
	# The checker is not a rubber stamp.
	sed '2s/,vm,/,vm,-3,/' sys.csv | cut -d, -f1-3,5- > bad.csv
	run -1 check_csv samples.schema.json bad.csv
}

@test "every column the sampler writes is in the schema" {
	replay proc-vanish --per-cpu --per-disk --per-net > a.csv
	replay proc-live -p "$(treeroot)" > b.csv
	replay proc-cgroup -c test.slice > c.csv
	/usr/bin/python3 - "$ROOT/schemas/samples.schema.json" a.csv b.csv c.csv <<'EOF'
import json, re, sys
s = json.load(open(sys.argv[1]))
names = {f["name"] for f in s["fields"]}
pats = [re.compile(p["pattern"]) for p in s["x-fieldPatterns"]]
for f in s["fields"]:
    assert f["description"] and "(" in f["description"], f["name"]
for path in sys.argv[2:]:
    for c in open(path).readline().strip().split(","):
        assert c in names or any(p.fullmatch(c) for p in pats), c
EOF
}

@test "hand-made trees: vanished devices give empty fields, totals stay right" {
	run -0 --separate-stderr replay proc-vanish --per-disk --per-net
	printf '%s\n' "${lines[@]}" > v.csv
	[ "$(col disk_reads_per_s v.csv)" = "50" ]	# sda only
	[ "$(col disk_sdb_reads_per_s v.csv)" = "" ]
	[[ ${lines[0]} != *disk_sdc_* ]]		# appeared later
	[[ ${lines[0]} != *disk_sda1_* ]]		# a partition
	[[ ${lines[0]} != *disk_loop0_* ]]		# no I/O at the start
	[ "$(col disk_dm_2d0_reads_per_s v.csv)" = "10" ]
	[ "$(col net_rx_bytes_per_s v.csv)" = "10000" ]	# eth0, not lo
	[ "$(col net_eth1_rx_bytes_per_s v.csv)" = "" ]
	[[ ${lines[0]} != *net_eth2_* ]]
	[ "$(col swap_used_pct v.csv)" = "25" ]
	[ "$(col swap_in_per_s v.csv)" = "100" ]
	[ "$(col cpu_guest_pct v.csv)" = "2" ]
}

@test "no PSI, no swap, many CPUs: empty fields, never a crash" {
	run -0 --separate-stderr replay proc-nopsi
	printf '%s\n' "${lines[@]}" > n.csv
	[ "$(col psi_io_full_avg10_pct n.csv)" = "" ]
	[ "$(col psi_cpu_some_stall_ms_per_s n.csv)" = "" ]
	[ -n "$(col cpu_busy_pct n.csv)" ]
	run -0 --separate-stderr replay proc-64cpu --per-cpu --host big
	printf '%s\n' "${lines[@]}" > c.csv
	[ "$(col cpu63_user_pct c.csv)" = "63" ]
	[ "$(col cpu47_user_pct c.csv)" = "" ]		# offline
	[ "$(col cpu_user_pct c.csv)" = "31.25" ]
	[ "$(col swap_used_pct c.csv)" = "" ]
	[ "$(col disk_reads_per_s c.csv)" = "" ]
	[ "$(head -1 c.csv | tr , '\n' | grep -c '^cpu[0-9][0-9]*_busy_pct$')" = 64 ]
}

@test "malformed input reports file:line" {
	run -2 --separate-stderr perf-sample --root "$F/proc-bad/stat" -n 1 -i 10ms
	[ "$output" = "" ]
	[ "$stderr" = "perf-sample: $F/proc-bad/stat/proc/stat:2: malformed" ]
	run -2 --separate-stderr perf-sample --root "$F/proc-bad/badtime" --root "$F/proc-bad/badtime"
	[ "$stderr" = "perf-sample: $F/proc-bad/badtime/perfpipe-time:1: 'yesterday' is not a time" ]
}

@test "--help > /dev/full exits 2 with a message (the shared stdout check)" {
	# --help writes only through stdio and leaves the check to
	# cli_close_stdout (common/util/cli.c), at exit.
	run -2 --separate-stderr sh -c 'perf-sample --help > /dev/full'
	[ "$stderr" = "perf-sample: <stdout>: write error: No space left on device" ]
	[ -z "$output" ]
}

@test "> /dev/full exits 2 with a message" {
	run -2 --separate-stderr perf-sample -n 1 -i 10ms -o /dev/full
	[ "$stderr" = "perf-sample: /dev/full: write error: No space left on device" ]
	run -2 --separate-stderr sh -c 'perf-sample -n 1 -i 10ms > /dev/full'
	[ "$stderr" = "perf-sample: <stdout>: write error: No space left on device" ]
}

# The live system's figures against /proc read just after: other suites
# running beside this one move memory and process counts, now and then
# beyond the tolerances (retried).
live_system() {
	local r sum now
	run -0 --separate-stderr perf-sample -n 3 -i 200ms || return 1
	now=$(date +%s)
	[ "$stderr" = "" ] && [ "${#lines[@]}" -eq 4 ] || return 1
	printf '%s\n' "${lines[@]}" > l.csv
	for r in 1 2 3; do
		near "$(col interval_s l.csv $r)" 0.2 0.1 || return 1
		sum=$(for s in user nice system iowait irq softirq steal guest idle; do
			col cpu_${s}_pct l.csv $r
		done | awk '{ s += $1 } END { print s }')
		near "$sum" 100 0.05 || return 1
		near "$(col time l.csv $r)" "$now" 5 || return 1
	done
	near "$(col mem_total_kib l.csv)" "$(awk '/^MemTotal/ { print $2 }' /proc/meminfo)" 0 &&
	    near "$(col mem_available_kib l.csv 3)" "$(awk '/^MemAvailable/ { print $2 }' /proc/meminfo)" 200000 &&
	    near "$(col procs_total_count l.csv)" "$(cut -d/ -f2 /proc/loadavg | cut -d' ' -f1)" 200 &&
	    [ "$(col host l.csv)" = "$(hostname)" ]
}

@test "the live system: sane values, as vmstat and /proc say" {
	retry 3 live_system
}

# Six intervals of 50 ms: the last row 250 ms after the first, whatever
# the wake-ups in between (a wake-up late by more than the tolerance on a
# busy machine is retried; drift would fail every time).
cadence() {
	local r
	run -0 --separate-stderr perf-sample -n 6 -i 50ms || return 1
	printf '%s\n' "${lines[@]}" > c.csv
	near "$(awk "BEGIN { print $(col time c.csv 6) - $(col time c.csv 1) }")" 0.25 0.03 || return 1
	for r in 2 3 4 5 6; do
		near "$(col interval_s c.csv $r)" 0.05 0.025 || return 1
	done
}

@test "the cadence keeps absolute deadlines" {
	retry 3 cadence
}

@test "-n and -d bound the run" {
	run -0 --separate-stderr perf-sample -i 20ms -d 100ms
	[ "${#lines[@]}" -eq 6 ]
	run -2 --separate-stderr perf-sample -i 1s -d 500ms
	[ "$stderr" = "perf-sample: duration '500ms': shorter than the interval" ]
}

@test "perf-sample | head -n 3 ends quietly" {
	run -0 --separate-stderr bash -c 'perf-sample -i 10ms | head -n 3; echo "${PIPESTATUS[0]}" >&2'
	[ "${#lines[@]}" -eq 3 ]
	[ "$stderr" = "141" ]	# SIGPIPE, and not a word
}

@test "SIGINT and SIGTERM end it after a whole row, status 0" {
	for sig in INT TERM; do
		perf-sample -i 20ms -o s.csv 2> err &
		pid=$!
		waitlines s.csv 4
		kill -$sig $pid
		status=0
		wait $pid || status=$?
		[ "$status" -eq 0 ]
		[ "$(cat err)" = "" ]
		[ "$(tail -c 1 s.csv | od -An -c | tr -d ' ')" = '\n' ]
		awk -F, 'NR == 1 { n = NF } NF != n { exit 1 }' s.csv
		rm s.csv
	done
}

@test "-o appends only under the same header, else leaves the file alone" {
	perf-sample -n 1 -i 10ms -o s.csv
	perf-sample -n 2 -i 10ms -o s.csv
	[ "$(wc -l < s.csv)" -eq 4 ]
	[ "$(grep -c '^time,' s.csv)" -eq 1 ]
	cp s.csv before.csv
	run -2 --separate-stderr perf-sample -n 1 -i 10ms --per-cpu -o s.csv
	[ "$stderr" = "perf-sample: s.csv:1: header differs from the columns of this run; not appending" ]
	cmp s.csv before.csv
	: > empty.csv
	perf-sample -n 1 -i 10ms -o empty.csv
	[ "$(head -c 5 empty.csv)" = "time," ]
}

@test "-p PID: the process tree, aggregated or per process" {
	sh -c 'sleep 5 & sleep 5 & wait' &
	root=$!
	for i in $(seq 500); do
		[ "$(pgrep -c -P $root)" -ge 2 ] && break
		sleep 0.01
	done
	run -0 --separate-stderr perf-sample -p $root -n 1 -i 50ms
	printf '%s\n' "${lines[@]}" > t.csv
	[ "$(col pid t.csv)" = "$root" ]
	[ "$(col comm t.csv)" = "sh" ]
	[ "$(col proc_count t.csv)" = "3" ]
	[ "$(col proc_threads_count t.csv)" = "3" ]
	near "$(col proc_fd_count t.csv)" "$(ls /proc/$root/fd | wc -l)" 30
	run -0 --separate-stderr perf-sample -p $root -n 1 -i 50ms --per-process
	[ "${#lines[@]}" -eq 4 ]
	[ "$(printf '%s\n' "${lines[@]:1}" | cut -d, -f5 | sort | tr '\n' ' ')" = "sh sleep sleep " ]
	pkill -P $root
	wait $root || true
	run -2 --separate-stderr perf-sample -p 2147483647 -n 1
	[ "$stderr" = "perf-sample: process 2147483647: no such process" ]
}

@test "-- COMMAND: sampled until it exits, its status returned" {
	run -7 --separate-stderr perf-sample -i 20ms -- sh -c 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; exit 7'
	[ "$stderr" = "" ]
	[ "${#lines[@]}" -ge 2 ]
	printf '%s\n' "${lines[@]}" > c.csv
	[ "$(col comm c.csv)" = "sh" ]
	[ "$(col proc_count c.csv)" = "1" ]
	run -127 --separate-stderr perf-sample -- perfpipe-no-such-command
	[ "$stderr" = "perf-sample: cannot run 'perfpipe-no-such-command': No such file or directory" ]
	[ "$output" = "" ]
	run -126 --separate-stderr perf-sample -- "$ROOT/tests/perf-sample.bats"
	[ "$stderr" = "perf-sample: cannot run '$ROOT/tests/perf-sample.bats': Permission denied" ]
	run -143 --separate-stderr perf-sample -i 20ms -- sh -c 'kill -TERM $$'
}

@test "-- COMMAND: SIGTERM is passed on to the command" {
	perf-sample -i 20ms -o s.csv -- sleep 30 2> err &
	pid=$!
	waitlines s.csv 3
	kill -TERM $pid
	status=0
	wait $pid || status=$?
	[ "$status" -eq 143 ]	# sleep's death by SIGTERM
	[ "$(cat err)" = "" ]
	awk -F, 'NR == 1 { n = NF } NF != n { exit 1 }' s.csv
	[ "$(tail -1 s.csv | cut -d, -f5)" = "sleep" ]
}

@test "-- COMMAND --per-process: a row per process" {
	run -0 --separate-stderr perf-sample -i 50ms --per-process -- sh -c 'sleep 0.2 & sleep 0.2; wait'
	[[ $output == *",sleep,1,"* ]]
	[[ $output == *",sh,1,"* ]]
}

# policy PID: the scheduling policy of PID as chrt names it, e.g.
# "SCHED_FIFO|SCHED_RESET_ON_FORK 1".
policy() {
	chrt -p "$1" | sed -n 's/.*policy: //p; s/.*priority: //p' | paste -sd ' '
}

@test "--realtime: SCHED_FIFO 1 for the sampler, not for its command" {
	[ "$(id -u)" = 0 ] || [ "$(ulimit -r)" != 0 ] ||
	    skip "neither root nor an RLIMIT_RTPRIO"
	perf-sample --realtime -i 20ms -o s.csv 2> err &
	pid=$!
	waitlines s.csv 2	# the policy is set before the header
	[ "$(policy $pid)" = "SCHED_FIFO|SCHED_RESET_ON_FORK 1" ]
	kill -TERM $pid
	wait $pid
	[ "$(cat err)" = "" ]
	perf-sample -R -i 20ms -o c.csv -- sleep 30 2> err &
	pid=$!
	waitlines c.csv 2
	child=$(pgrep -P $pid)
	[ "$(policy $pid)" = "SCHED_FIFO|SCHED_RESET_ON_FORK 1" ]
	[ "$(policy $child)" = "SCHED_OTHER 0" ]
	kill -TERM $pid
	status=0
	wait $pid || status=$?
	[ "$status" -eq 143 ]
	[ "$(cat err)" = "" ]
}

@test "--realtime not allowed: one warning, samples all the same" {
	if [ "$(id -u)" = 0 ]; then
		set -- setpriv --bounding-set=-sys_nice prlimit --rtprio=0
	else
		set -- prlimit --rtprio=0
	fi
	run -0 --separate-stderr "$@" perf-sample -R -n 3 -i 10ms
	[ "$stderr" = "perf-sample: --realtime: SCHED_FIFO refused, sampling with normal scheduling: Operation not permitted" ]
	[ "${#lines[@]}" -eq 4 ]
}

@test "--cgroup: a captured cgroup and, where cgroup2 is mounted, the real one" {
	run -0 --separate-stderr replay proc-cgroup -c test.slice
	printf '%s\n' "${lines[@]}" > g.csv
	[ "$(col cgroup g.csv)" = "/test.slice" ]
	[ "$(col cgroup_cpu_pct g.csv)" = "50" ]
	[ "$(col cgroup_throttled_pct g.csv)" = "25" ]
	[ "$(col cgroup_mem_peak_kib g.csv)" = "204800" ]
	run -2 --separate-stderr replay proc-cgroup -c notacg
	[ "$stderr" = "perf-sample: cgroup 'notacg': not a cgroup v2 directory (no cgroup.controllers)" ]
	if ! grep -q ' - cgroup2 ' /proc/self/mountinfo; then
		skip "no cgroup2 mounted here"
	fi
	run -0 --separate-stderr perf-sample -c / -n 2 -i 50ms
	printf '%s\n' "${lines[@]}" > r.csv
	[ "$(col cgroup r.csv)" = "/" ]
	near "$(col cgroup_cpu_pct r.csv 2)" 50 200	# 0-200 on 2 CPUs
	run -2 --separate-stderr perf-sample -c /no/such/cgroup -n 1
	[[ "$stderr" == "perf-sample: cgroup '/no/such/cgroup': no such cgroup ("*"/no/such/cgroup: No such file or directory)" ]]
}

@test "--format prometheus: the latest sample, replaced whole" {
	run -0 --separate-stderr replay proc-vanish --per-disk -f prometheus -o m.prom
	[ "$output" = "" ]
	# 50 reads/s over the 2 s between the trees: a counter of 100.
	grep -qx 'perfpipe_disk_reads_total{host="synth"} 100' m.prom
	grep -qx '# TYPE perfpipe_disk_reads_total counter' m.prom
	grep -qx 'perfpipe_disk_device_util_ratio{host="synth",device="dm-0"} 0.02' m.prom
	! grep -q 'device="sdb"' m.prom		# vanished: left out
	grep -qx '# TYPE perfpipe_disk_device_util_ratio gauge' m.prom
	# The exposition format: each family once, HELP and TYPE first;
	# counters and only counters end in _total.
	awk '
	/^# HELP / { if ($3 in seen) exit 1; seen[$3] = 1; fam = $3; next }
	/^# TYPE / { if ($3 != fam || ($4 == "counter") != ($3 ~ /_total$/)) exit 1
	  next }
	{ split($0, a, "{"); if (a[1] != fam) exit 1
	  if ($0 !~ /^[a-z_0-9]+\{([a-z]+="[^"]*",?)+\} -?[0-9.]+$/) exit 1 }
	' m.prom
	perf-sample -n 3 -i 20ms --format prometheus live.prom
	grep -q '^perfpipe_cpu_busy_ratio{host="' live.prom
	replay proc-cgroup -c test.slice --format prometheus cg.prom
	grep -qx 'perfpipe_cgroup_throttled_ratio{host="synth",cgroup="/test.slice"} 0.25' cg.prom
	[ "$(ls | grep -c '\.prom')" -eq 3 ]	# no temporary file left
}

@test "-- COMMAND: the command's output never mixes into the CSV" {
	run -0 --separate-stderr perf-sample -i 50ms -- sh -c 'echo from-the-command; sleep 0.12'
	refute_output --partial "from-the-command"
	[ "${lines[0]%%,*}" = "time" ]
	[ "$stderr" = "from-the-command" ]
	run -0 --separate-stderr perf-sample -i 50ms -o out.csv -- sh -c 'echo kept; sleep 0.12'
	[ "$output" = "kept" ]
	run -1 grep -c kept out.csv
	[ "$(head -c 5 out.csv)" = "time," ]
}

@test "--format prometheus FILE: options may follow the file" {
	run -0 --separate-stderr perf-sample -f prometheus p.prom -i 50ms -n 2
	[ "$stderr" = "" ]
	grep -q '^perfpipe_cpu_busy_ratio{host=' p.prom
}

@test "--format prometheus: promtool accepts the file (base units, counters as _total)" {
	command -v promtool > /dev/null || fail "promtool (Debian's prometheus) is not installed: .ci/deps installs it"
	replay proc-vanish --per-disk --per-net --per-cpu -f prometheus -o m.prom
	run -0 promtool check metrics < m.prom
	[ "$output" = "" ]
	replay proc-cgroup -c test.slice -f prometheus cg.prom
	run -0 promtool check metrics < cg.prom
	perf-sample -n 2 -i 20ms --per-process -f prometheus pp.prom -- sh -c 'sleep 0.1'
	run -0 promtool check metrics < pp.prom
}

@test "--per-net: interfaces that differ only in characters a column cannot hold keep apart" {
	cp -r "$FIXTURES/proc-live/0" t1
	cp -r "$FIXTURES/proc-live/1" t2
	for t in t1 t2; do
		f=$t/proc/net/dev
		sed -n '3p' "$f" | sed 's/^ *[^:]*:/eth0.100:/' > nd
		sed -n '3p' "$f" | sed 's/^ *[^:]*:/eth0_100:/' >> nd
		cat nd >> "$f"
	done
	run -0 --separate-stderr perf-sample --per-net --root t1 --root t2
	run -0 awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i ~ /^net_eth0/) print $i }' <<<"$output"
	assert_line "net_eth0_2e100_rx_bytes_per_s"
	assert_line "net_eth0_5f100_rx_bytes_per_s"
	[ "$(printf '%s\n' "${lines[@]}" | sort | uniq -d)" = "" ]
}
