load helpers

# perf-bottleneck.bats - the bottleneck finder: options, messages, each
# default rule at, just below and just above its level and duration,
# hysteresis, gaps, hosts, --follow, budgets, --fail-on, schemas.

FX=$ROOT/tests/fixtures/bottleneck
T0=1767225600

setup() {
	cd "$BATS_TEST_TMPDIR"
}

# gen COL VALUE N [BASE]: one-second rows of host h: 10 rows of BASE (0),
# N rows of COL=VALUE, 10 rows of BASE.
gen() {
	awk -v col="$1" -v v="$2" -v n="$3" -v base="${4:-0}" -v t="$T0" 'BEGIN {
		print "time,host,interval_s," col
		for (i = 0; i < 10; i++) print t++ ",h,1," base
		for (i = 0; i < n; i++) print t++ ",h,1," v
		for (i = 0; i < 10; i++) print t++ ",h,1," base
	}'
}

# findings FILE [OPTION...]: "metric severity rows" per finding, via -f csv.
findings() {
	local f=$1
	shift
	perf-bottleneck -f csv "$@" "$f" | awk -F, 'NR > 1 { print $5, $6, $10 }'
}

@test "--help prints the usage and options on stdout and exits 0" {
	run -0 --separate-stderr perf-bottleneck --help
	assert_line --index 0 --partial "usage: perf-bottleneck [-FhqV]"
	assert_line --partial "  -t, --threshold M=W,C[,FOR[,CLEAR]]"
	assert_line "Exit status: 0 done, 1 --fail-on tripped, 2 trouble."
	[ -z "$stderr" ]
}

@test "--help to a full disk exits 2 with a message" {
	run -2 --separate-stderr sh -c 'perf-bottleneck --help > /dev/full'
	[[ "$stderr" == "perf-bottleneck: "*"No space left on device"* ]]
}

@test "findings to a full disk exit 2 with a message" {
	run -2 --separate-stderr sh -c "perf-bottleneck $FX/fleet.csv > /dev/full"
	[[ "$stderr" == "perf-bottleneck: <stdout>: write error"* ]]
}

@test "--version names the program" {
	run -0 --separate-stderr perf-bottleneck --version
	assert_output --regexp '^perf-bottleneck \(perfpipe\) [0-9.]+$'
}

@test "an unknown option exits 2 with the usage on stderr" {
	run -2 --separate-stderr perf-bottleneck --bogus
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "perf-bottleneck: unknown option '--bogus'" ]
	[[ "${stderr_lines[1]}" == "usage: perf-bottleneck [-FhqV]"* ]]
}

@test "bad numbers exit 2 naming the allowed range" {
	run -2 --separate-stderr perf-bottleneck --cpus 0 "$FX/fleet.csv"
	[ "$stderr" = "perf-bottleneck: cpus '0': too small (allowed 1-65536)" ]
	run -2 --separate-stderr perf-bottleneck --fd-max abc "$FX/fleet.csv"
	[ "$stderr" = "perf-bottleneck: fd-max 'abc': not an integer" ]
	run -2 --separate-stderr perf-bottleneck -t cpu_busy_pct=9x,95 "$FX/fleet.csv"
	[ "$stderr" = "perf-bottleneck: threshold 'cpu_busy_pct=9x,95': not a number" ]
	run -2 --separate-stderr perf-bottleneck -t cpu_busy_pct=90,95,-1m "$FX/fleet.csv"
	[ "$stderr" = "perf-bottleneck: threshold 'cpu_busy_pct=90,95,-1m': duration '-1m': too small (allowed 0s-1e+09s)" ] ||
	[[ "$stderr" == "perf-bottleneck: threshold 'cpu_busy_pct=90,95,-1m': duration '-1m': too small"* ]]
	run -2 --separate-stderr perf-bottleneck --budget wall_s=-1 "$FX/fleet.csv"
	[ "$stderr" = "perf-bottleneck: budget 'wall_s=-1': limit '-1': too small (allowed 0-1e+300)" ]
}

@test "misused options exit 2" {
	run -2 --separate-stderr perf-bottleneck -f xml "$FX/fleet.csv"
	[ "${stderr_lines[0]}" = "perf-bottleneck: format 'xml': not json, text, csv or markdown" ]
	run -2 --separate-stderr perf-bottleneck --fail-on info "$FX/fleet.csv"
	[ "${stderr_lines[0]}" = "perf-bottleneck: fail-on 'info': not warning or critical" ]
	run -2 --separate-stderr perf-bottleneck -t nope_pct=1,2 "$FX/fleet.csv"
	[ "$stderr" = "perf-bottleneck: threshold for 'nope_pct' (--threshold): no column 'nope_pct' in the input" ]
	run -2 --separate-stderr perf-bottleneck -t Bad-Name=1,2 "$FX/fleet.csv"
	[ "$stderr" = "perf-bottleneck: threshold 'Bad-Name=1,2': 'Bad-Name' is not a column name (snake_case)" ]
	run -2 --separate-stderr perf-bottleneck -t mem_used_pct=95,90 "$FX/fleet.csv"
	[ "$stderr" = "perf-bottleneck: threshold 'mem_used_pct=95,90': metric 'mem_used_pct': warning 95 above critical 90 (direction above)" ]
	run -2 --separate-stderr perf-bottleneck --budget oops "$FX/fleet.csv"
	[ "$stderr" = "perf-bottleneck: budget 'oops': not [name=NAME:]METRIC=LIMIT" ]
}

@test "the golden cases of tests/cases/perf-bottleneck pass" {
	run "$ROOT/tests/golden" "$BIN"
	refute_line --regexp '^not ok [0-9]+ - perf-bottleneck/'
	[ "$(grep -c '^ok [0-9]* - perf-bottleneck/' <<<"$output")" -ge 8 ]
}

@test "malformed input is reported with file:line" {
	printf 'time,host,cpu_busy_pct\n1,h,5\n2,h,lots\n' > bad.csv
	run -2 --separate-stderr perf-bottleneck bad.csv
	[ "$stderr" = "perf-bottleneck: bad.csv:3: column 'cpu_busy_pct': 'lots' is not a number" ]
	printf 'time,host,cpu_busy_pct\n1,h,5\n2,h\n' > short.csv
	run -2 --separate-stderr perf-bottleneck short.csv
	[[ "$stderr" == "perf-bottleneck: short.csv:3: "* ]]
	printf 'metric,warning,critical,for_s,clear,direction\ncpu_busy_pct,80,95,60,,sideways\n' > t.csv
	run -2 --separate-stderr perf-bottleneck -T t.csv "$FX/fleet.csv"
	[ "$stderr" = "perf-bottleneck: t.csv:2: direction 'sideways': not above or below" ]
}

@test "findings, alert lines and alert rows pass their schemas" {
	for f in cpu-saturated disk-iowait iowait-alone fleet; do
		perf-bottleneck "$FX/$f.csv" > $f.json
		run -0 check_json findings.schema.json $f.json
	done
	printf 'name,command,wall_s\n' > runs.csv
	for i in 1 2 3 4 5 6 7 8; do echo "sort,sort x,3.$i" >> runs.csv; done
	perf-bottleneck --budget wall_s=2 runs.csv > runs.json
	run -0 check_json findings.schema.json runs.json
	perf-bottleneck -F -t mem_used_pct=50,90,1m < "$FX/fleet.csv" > a.jsonl 2> /dev/null
	[ "$(wc -l < a.jsonl)" -eq 6 ]
	run -0 check_json alerts.schema.json a.jsonl
	perf-bottleneck -F -f csv -t mem_used_pct=50,90,1m < "$FX/fleet.csv" > a.csv 2> /dev/null
	run -0 check_csv alerts.table.json a.csv
}

# Each default rule read directly from a column: metric warning critical for_s.
RULES='cpu_busy_pct 90 98 900
cpu3_busy_pct 95 99 900
psi_cpu_some_avg10_pct 25 50 300
psi_cpu_full_avg10_pct 5 20 300
cpu_steal_pct 10 25 300
cgroup_throttled_pct 25 50 300
mem_used_pct 90 95 900
pgmajfault_per_s 500 2000 900
psi_memory_some_avg10_pct 10 30 300
psi_memory_full_avg10_pct 5 15 300
swap_in_per_s 100 1000 300
swap_out_per_s 100 1000 300
swap_used_pct 80 95 900
disk_util_pct 90 98 900
disk_sda_util_pct 90 98 900
disk_queue_count 10 30 1800
disk_nvme0n1_queue_count 10 30 1800
disk_await_ms 100 500 900
cpu_iowait_pct 20 50 300
psi_io_some_avg10_pct 30 60 300
psi_io_full_avg10_pct 10 30 300'

@test "every direct rule fires at its level for its duration, not below either" {
	while read -r m w c d; do
		gen "$m" "$w" "$d" > at.csv
		run -0 findings at.csv
		[ "$output" = "$m warning $d" ] || { echo "at: $m: $output"; false; }
		gen "$m" "$(awk -v w="$w" 'BEGIN { print w - 0.01 }')" "$d" > below.csv
		run -0 findings below.csv
		[ -z "$output" ] || { echo "below level: $m: $output"; false; }
		gen "$m" "$w" "$((d - 1))" > short.csv
		run -0 findings short.csv
		[ -z "$output" ] || { echo "below duration: $m: $output"; false; }
		gen "$m" "$c" "$((d + 1))" > crit.csv
		run -0 findings crit.csv
		[ "$output" = "$m critical $((d + 1))" ] || { echo "crit: $m: $output"; false; }
		gen "$m" "$(awk -v c="$c" 'BEGIN { print c - 0.01 }')" "$d" > under.csv
		run -0 findings under.csv
		[ "$output" = "$m warning $d" ] || { echo "under crit: $m: $output"; false; }
	done <<<"$RULES"
}

@test "load per CPU: load1 over --cpus or the count of cpuN columns" {
	gen load1 4 900 > l.csv
	run -0 findings l.csv --cpus 2
	[ "$output" = "load1_per_cpu warning 900" ]
	run -0 findings l.csv --cpus 3
	[ -z "$output" ]
	run -0 --separate-stderr perf-bottleneck l.csv
	assert_output --partial '"rule load1_per_cpu skipped: needs load1 and the number of CPUs (cpuN_busy_pct columns or --cpus)"'
	run -0 findings "$FX/cpu-saturated.csv"
	assert_line "load1_per_cpu warning 960"
}

@test "network errors are a share of packets, held for an hour" {
	awk -v t=$T0 'BEGIN { print "time,host,interval_s,net_rx_packets_per_s,net_rx_errors_per_s"
		for (i = 0; i < 3600; i++) print t + i ",h,1,1000,10"
		print t + 3600 ",h,1,1000,0" }' > n.csv
	run -0 findings n.csv
	[ "$output" = "net_rx_errors_pct warning 3600" ]
	sed '$d' n.csv | sed '$d' > n2.csv
	run -0 findings n2.csv
	[ -z "$output" ]
}

@test "file handles used against --fd-max: 70% warning, 90% critical" {
	gen fd_open_count 700 900 > fd.csv
	run -0 findings fd.csv --fd-max 1000
	[ "$output" = "fd_used_pct warning 900" ]
	run -0 findings fd.csv --fd-max 1001
	[ -z "$output" ]
	gen fd_open_count 900 900 > fd.csv
	run -0 findings fd.csv --fd-max 1000
	[ "$output" = "fd_used_pct critical 900" ]
}

@test "hysteresis: a firing finding holds down to the clear level" {
	awk -v t=$T0 'BEGIN { print "time,host,interval_s,cpu_busy_pct"
		for (i = 0; i < 900; i++) print t++ ",h,1,95"
		for (i = 0; i < 100; i++) print t++ ",h,1,85"
		for (i = 0; i < 100; i++) print t++ ",h,1,95"
		for (i = 0; i < 10; i++) print t++ ",h,1,79" }' > h.csv
	run -0 findings h.csv
	[ "$output" = "cpu_busy_pct warning 1100" ]
	# Clear at the level itself: it resolves at 85, the next run is short.
	run -0 findings h.csv -t cpu_busy_pct=90,98,15m,90
	[ "$output" = "cpu_busy_pct warning 900" ]
	# A thresholds file does the same.
	printf 'metric,warning,critical,for_s,clear,direction\ncpu_busy_pct,90,98,900,,above\n' > t.csv
	run -0 findings h.csv -T t.csv
	[ "$output" = "cpu_busy_pct warning 900" ]
}

@test "gaps and steps back in time break windows, and are said" {
	awk -v t=$T0 'BEGIN { print "time,host,interval_s,cpu_busy_pct"
		for (i = 0; i < 500; i++) print t++ ",h,1,95"
		t += 100
		for (i = 0; i < 500; i++) print t++ ",h,1,95" }' > g.csv
	run -0 findings g.csv
	[ -z "$output" ]
	run -0 perf-bottleneck g.csv
	assert_output --partial "\"host 'h': 1 gaps in time (over twice the interval) and 0 steps back in time; no window spans them\""
	awk -v t=$T0 'BEGIN { print "time,host,interval_s,cpu_busy_pct"
		for (i = 0; i < 500; i++) print t++ ",h,1,95"
		t -= 50
		for (i = 0; i < 500; i++) print t++ ",h,1,95" }' > b.csv
	run -0 findings b.csv
	[ -z "$output" ]
	# A window that fired ends at the gap and says so.
	awk -v t=$T0 'BEGIN { print "time,host,interval_s,cpu_busy_pct"
		for (i = 0; i < 950; i++) print t++ ",h,1,95"
		t += 10
		for (i = 0; i < 5; i++) print t++ ",h,1,95" }' > f.csv
	run -0 findings f.csv
	[ "$output" = "cpu_busy_pct warning 950" ]
	run -0 perf-bottleneck -f text f.csv
	assert_output --partial "the window ends at a gap or a step back in time"
}

@test "several hosts: one entry each, sorted, scored on their own" {
	run -0 perf-bottleneck "$FX/fleet.csv"
	python3 - "$output" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
assert [h["host"] for h in d["hosts"]] == ["a", "b"], d["hosts"]
assert d["hosts"][0]["score"] == 100 and d["hosts"][0]["main_cause"] is None
assert d["hosts"][1]["grade"] == "F" and d["overall"]["host"] == "b"
assert d["hosts"][1]["main_finding"] == "b/mem_used_pct/1767225659"
PY
}

@test "the health score follows the published formula" {
	gen cpu_busy_pct 95 900 > w.csv
	run -0 perf-bottleneck w.csv
	# one warning of 15 min: 100 - 30 x (1 + 0.5 x 900/3600) = 66.25
	assert_output --partial '"score": 66,'
	gen cpu_busy_pct 99 3600 > c.csv
	# one critical of an hour: 100 - 60 x 1.5 = 10 (cpu_busy_pct alone)
	run -0 perf-bottleneck c.csv
	assert_output --partial '"score": 10,'
}

@test "the recommendation depends on what else was seen" {
	run -0 perf-bottleneck -f text "$FX/disk-iowait.csv"
	assert_output --partial "the CPUs wait on a saturated disk (busiest disk 97% busy)"
	run -0 perf-bottleneck -f text "$FX/iowait-alone.csv"
	assert_output --partial "the CPUs wait for I/O while the local disks are not busy (busiest 20%)"
	run -0 perf-bottleneck -f text "$FX/cpu-saturated.csv"
	assert_output --partial "run queue (load1) peak 7.8 on 2 CPUs for 16m00s (per CPU peak 3.9, mean 3.9), at or above the warning level 2; meanwhile CPU pressure some 63%"
}

@test "--fail-on exits 1 at or above the severity asked for" {
	gen cpu_busy_pct 95 900 > w.csv
	run -0 --separate-stderr perf-bottleneck --fail-on critical w.csv
	run -1 --separate-stderr perf-bottleneck --fail-on warning w.csv
	gen cpu_busy_pct 50 900 > ok.csv
	run -0 --separate-stderr perf-bottleneck --fail-on warning ok.csv
}

@test "budgets fail only when the interval of the median is above them" {
	printf 'time,name,command,wall_s\n' > runs.csv
	for i in 0 1 2 3 4 5 6 7 8 9; do echo "$((T0 + i)),sort,sort x,2.6$i" >> runs.csv; done
	echo "$((T0 + 10)),gzip,gzip x,0.5" >> runs.csv
	run -1 --separate-stderr perf-bottleneck --fail-on critical --budget wall_s=2.5 -f csv runs.csv
	[ "$(awk -F, 'NR > 1 { print $3, $8 }' <<<"$output")" = "sort critical" ]
	# 2.62 is inside [2.61, 2.68]: over in the median only, not failed
	run -0 --separate-stderr perf-bottleneck --fail-on warning --budget name=sort:wall_s=2.62 -f text runs.csv
	assert_output --partial "median 2.645 s, 95% interval [2.61, 2.68] s over 10 runs, above in the median only"
	run -0 --separate-stderr perf-bottleneck --fail-on critical --budget name=gzip:wall_s=0.4 runs.csv
	assert_output --partial "1 runs are too few for a 95% interval of the median (6 needed): not judged"
	run -0 --separate-stderr perf-bottleneck --budget max_rss_kib=10 runs.csv
	assert_output --partial '"budget max_rss_kib=10 skipped: no column '"'max_rss_kib'"'"'
}

@test "--follow prints a line per state change, flushed, and a summary" {
	awk -v t=$T0 'BEGIN { print "time,host,interval_s,cpu_busy_pct"
		for (i = 0; i < 5; i++) print t++ ",h,1,10"
		for (i = 0; i < 70; i++) print t++ ",h,1,95"
		for (i = 0; i < 5; i++) print t++ ",h,1,10" }' > s.csv
	run -0 --separate-stderr perf-bottleneck -F -f text -t cpu_busy_pct=90,98,1m < s.csv
	[ "${lines[0]}" = "2026-01-01T00:01:04.000Z firing warning host 'h' cpu utilization cpu_busy_pct=95%: CPU busy (cpu_busy_pct) peak 95%, mean 95% for 1m00s, at or above the warning level 90%" ]
	[ "${lines[1]}" = "2026-01-01T00:01:15.000Z resolved warning host 'h' cpu utilization cpu_busy_pct=10%: CPU busy (cpu_busy_pct) peak 95%, mean 95% for 1m10s, at or above the warning level 90%" ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$stderr" = "perf-bottleneck: end of input after 80 rows: 1 firing (0 critical, 1 warning), 0 still firing" ]
}

@test "--follow reads rows as they arrive and ends on SIGTERM with a summary" {
	mkfifo in
	perf-bottleneck -F -f json -t cpu_busy_pct=90,98,0 < in > out 2> err &
	pid=$!
	exec 5> in
	printf 'time,host,interval_s,cpu_busy_pct\n%s,h,1,95\n' $T0 >&5
	# The alert must come while the pipe is still open.
	for i in $(seq 100); do [ -s out ] && break; sleep 0.05; done
	[ -s out ]
	kill -TERM $pid
	wait $pid
	exec 5>&-
	[ "$(cat err)" = "perf-bottleneck: stopped after 1 rows: 1 firing (0 critical, 1 warning), 1 still firing" ]
	run -0 check_json alerts.schema.json out
}

# Real recordings (record.sh: perf-sample -i 1s --per-cpu for 30 s under
# stress-ng --cpu 2, --vm 2 --vm-bytes 3g, --hdd 2, and without).  30 s is
# shorter than any default duration, so the durations are lowered to 10 s;
# the memory level to 10% (3 GiB of stress on a 24 GiB machine, idle at
# 2%), iowait and I/O pressure to 15%, disk busy to 30%.  The idle
# stretch was recorded on a quiet machine (load1 0.2): nothing at all.
REAL="-t cpu_busy_pct=90,98,10s -t load1_per_cpu=2,4,10s -t psi_cpu_some_avg10_pct=25,50,10s -t mem_used_pct=10,50,10s -t cpu_iowait_pct=15,50,10s -t psi_io_some_avg10_pct=15,60,10s -t disk_util_pct=30,98,10s"

# kinds FILE: "resource kind metric" of its findings, sorted.
kinds() {
	perf-bottleneck $REAL -f csv "$FX/real-$1.csv" | awk -F, 'NR > 1 { print $3, $4, $5 }' | sort
}

@test "real recordings: stress-ng --vm is memory, --hdd is disk, --cpu is cpu" {
	run -0 kinds vm
	assert_line "memory utilization mem_used_pct"
	run -0 kinds io
	assert_line "disk utilization disk_util_pct"
	assert_line "disk saturation cpu_iowait_pct"
	assert_line "disk saturation psi_io_some_avg10_pct"
	refute_line --partial "memory"
	run -0 kinds cpu
	assert_line "cpu utilization cpu_busy_pct"
	assert_line "cpu saturation psi_cpu_some_avg10_pct"
	refute_line --partial "memory"
	refute_line --partial "disk"
	run -0 kinds idle
	assert_output ""
	for f in idle cpu vm io leak; do
		perf-bottleneck $REAL "$FX/real-$f.csv" > $f.json
		run -0 check_json findings.schema.json $f.json
	done
}

@test "process rows beside system rows: the processes responsible, ranked by share" {
	# real-cpu-sys.csv and real-cpu-procs.csv were recorded at once:
	# the system, and a row per process of stress-ng --cpu 2.
	perf-bottleneck $REAL "$FX/real-cpu-sys.csv" "$FX/real-cpu-procs.csv" > out.json
	run -0 check_json findings.schema.json out.json
	run -0 jq -r '.findings[] | select(.resource == "cpu") |
	    [.metric, (.responsible | map(.keys.comm) | join(" ")),
	    ((.responsible | map(.share_pct) | add) > 95)] | @tsv' out.json
	assert_line "$(printf 'cpu_busy_pct\tstress-ng-cpu stress-ng-cpu\ttrue')"
	run -0 jq -r '.hosts[0].top.cpu[0].keys.comm, .hosts[0].top.memory[0].unit' out.json
	assert_output "$(printf 'stress-ng-cpu\nKiB')"
	run -0 perf-bottleneck $REAL -f text "$FX/real-cpu-sys.csv" "$FX/real-cpu-procs.csv"
	assert_line --regexp "^    responsible: 'stress-ng-cpu' \(pid [0-9]+\) [0-9.]+% \(mean [0-9.]+%\), 'stress-ng-cpu'"
	assert_line "  top consumers over the whole input:"
	# Without process rows: no ranking, nothing made up.
	run -0 jq -e '[.findings[] | has("responsible")] | any | not' \
	    <(perf-bottleneck $REAL "$FX/real-cpu-sys.csv")
}

@test "shares: CPU time, memory x time and bytes, over files given out of time order" {
	# pid 1 at 30% for 100 s, then (2000 s later, so the buckets widen)
	# pid 2 at 10%: 75% and 25%; the later file comes first.
	printf 'time,host,interval_s,pid,comm,proc_cpu_pct,proc_rss_kib,proc_read_bytes_per_s,proc_write_bytes_per_s\n' > a.csv
	cp a.csv b.csv
	awk -v t=$T0 'BEGIN { for (i = 1; i <= 100; i++) print t + i ",h,1,1,one,30,1000,100," }' >> a.csv
	awk -v t=$T0 'BEGIN { for (i = 2001; i <= 2100; i++) print t + i ",h,1,2,two,10,3000,,300" }' >> b.csv
	perf-bottleneck b.csv a.csv > out.json
	run -0 check_json findings.schema.json out.json
	run -0 jq -c '.hosts[0].top | [.cpu[] | [.keys.pid, .share_pct, .value]],
	    [.memory[] | [.keys.pid, .share_pct, .value]],
	    [.disk[] | [.keys.pid, .share_pct, .value]]' out.json
	assert_output '[["1",75,30],["2",25,10]]
[["2",75,3000],["1",25,1000]]
[["2",75,30000],["1",25,10000]]'
}

@test "memory that grows steadily is a leak; a plateau and a sawtooth are not" {
	# Over 4000 s (so the time buckets are merged): one process leaks
	# 50 KiB/s under noise, one holds steady, one grows and frees every
	# minute (a cache, a garbage collector).
	printf 'time,host,interval_s,pid,comm,proc_rss_kib\n' > p.csv
	awk -v t=$T0 'BEGIN { srand(7); for (i = 1; i <= 4000; i++) {
	    n = (rand() - 0.5) * 20000
	    print t + i ",h,1,10,leaky," int(100000 + 50 * i + n)
	    print t + i ",h,1,11,steady," int(200000 + n)
	    print t + i ",h,1,12,saw," int(100000 + (i % 60) * 3000) } }' >> p.csv
	perf-bottleneck -f json p.csv > out.json
	run -0 check_json findings.schema.json out.json
	run -0 jq -r '.findings[] | [.resource, .kind, .metric, .keys.comm, .severity] | @tsv' out.json
	assert_output "$(printf 'memory\tutilization\tproc_rss_kib\tleaky\twarning')"
	run -0 jq -r '.findings[0].evidence' out.json
	assert_output --regexp "^'leaky' \(pid 10\): proc_rss_kib grew steadily from 9[0-9.]+ MiB to 29[0-9.]+ MiB over 1h06m: 17[0-9.]+ MiB/h"
	# The recording: the process leaking 16 MiB/s is found, the one that
	# took 256 MiB at its start is not.
	run -0 jq -r '.findings[] | [.keys.pid, .metric] | @tsv' \
	    <(perf-bottleneck "$FX/real-leak.csv")
	assert_output "$(printf '26266\tproc_rss_kib')"
	run -0 awk -F, '$4 == 26267 && $10 > 260000 { n++ } END { print n }' "$FX/real-leak.csv"
	[ "$output" -ge 25 ]
}

@test "a column of the user's own (perf-sample --metric) takes a threshold: above, or below when warning > critical" {
	printf 'time,host,interval_s,queue_count,free_slots_count\n' > u.csv
	awk -v t=$T0 'BEGIN { for (i = 1; i <= 60; i++)
	    print t + i ",h,1," (i > 20 && i <= 40 ? 50 : 3) "," (i > 30 ? 1 : 9) }' >> u.csv
	perf-bottleneck -t queue_count=10,40,5s -t free_slots_count=4,2,5s u.csv > out.json
	run -0 check_json findings.schema.json out.json
	run -0 jq -r '.findings[] | [.resource, .metric, .severity, .direction, .rows, .peak] | @tsv' out.json
	assert_output "$(printf 'custom\tqueue_count\tcritical\tabove\t20\t50\ncustom\tfree_slots_count\tcritical\tbelow\t30\t1')"
	run -0 perf-bottleneck -f text -t queue_count=10,40,5s u.csv
	assert_line --partial "recommendation: queue_count passed the level set for it (--threshold)"
	printf 'metric,warning,critical,for_s,clear,direction\nqueue_count,10,40,5,,above\n' > t.csv
	run -0 jq -r '.findings[0].metric' <(perf-bottleneck -T t.csv u.csv)
	assert_output queue_count
}

@test "OOM kills are memory errors, critical at the first" {
	printf 'time,host,interval_s,mem_used_pct,mem_oom_kills_per_s\n' > o.csv
	awk -v t=$T0 'BEGIN { for (i = 1; i <= 60; i++)
	    print t + i ",h,60,40," (i == 30 ? "0.016667" : "0") }' >> o.csv
	run -0 perf-bottleneck -f csv o.csv
	assert_line --partial ",memory,errors,mem_oom_kills_per_s,critical,above,"
	run -0 perf-bottleneck -f text o.csv
	assert_line --partial "recommendation: the kernel killed processes to free memory"
	run -1 perf-bottleneck --fail-on critical o.csv
}

@test "absent and empty columns are said once in the notes; the rest still run" {
	printf 'time,host,interval_s,cpu_busy_pct,psi_cpu_some_avg10_pct\n' > e.csv
	awk -v t=$T0 'BEGIN { for (i = 0; i < 900; i++) print t + i ",h,1,95," }' >> e.csv
	run -0 perf-bottleneck -f text e.csv
	assert_line "  rule psi_cpu_some_avg10_pct: psi_cpu_some_avg10_pct has no value in any row"
	assert_line "  rule mem_used_pct skipped: no such column"
	[ "$(grep -c 'mem_used_pct skipped' <<<"$output")" -eq 1 ]
	assert_line --partial "  WARNING  cpu utilization  cpu_busy_pct"
	printf 'time,host,cpu_busy_pct\n' > h.csv
	run -0 perf-bottleneck -f text h.csv
	assert_line "  no data rows"
}

@test "--follow: escalation fires again with the same id, then resolves once" {
	awk -v t=$T0 'BEGIN { print "time,host,interval_s,cpu_busy_pct"
		for (i = 0; i < 70; i++) print t++ ",h,1,95"
		for (i = 0; i < 70; i++) print t++ ",h,1,99"
		for (i = 0; i < 5; i++) print t++ ",h,1,10" }' > s.csv
	run -0 --separate-stderr perf-bottleneck -F -f csv -t cpu_busy_pct=90,98,1m < s.csv
	[ "$(awk -F, 'NR > 1 { print $1, $2, $3, $8, $12 }' <<<"$output")" = "1767225659 firing h/cpu_busy_pct/1767225599 warning 60
1767225729 firing h/cpu_busy_pct/1767225599 critical 130
1767225740 resolved h/cpu_busy_pct/1767225599 critical 140" ]
	run -0 findings s.csv -t cpu_busy_pct=90,98,1m
	[ "$output" = "cpu_busy_pct critical 140" ]
}
