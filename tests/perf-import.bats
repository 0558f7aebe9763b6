load helpers

# perf-import.bats - hyperfine and sysstat results as perfpipe files: the
# fixtures in tests/fixtures/import were recorded on this machine from
# Debian's hyperfine 1.15 and sysstat 12.6 (see their README), so these
# tests need neither tool.

FX=$FIXTURES/import
PY=/usr/bin/python3

setup() {
	cd "$BATS_TEST_TMPDIR"
}

# col FILE NAME ROW: the field of column NAME in data row ROW (1-based).
col() {
	$PY -c 'import csv, sys
r = list(csv.DictReader(open(sys.argv[1])))
print(r[int(sys.argv[3]) - 1][sys.argv[2]])' "$1" "$2" "$3"
}

@test "--help prints the usage and options on stdout and exits 0" {
	run -0 --separate-stderr perf-import --help
	assert_line --index 0 "usage: perf-import [-q] [-f format] [--host name] [--time epoch] [-o file]"
	assert_line --partial "  -f, --format FMT   hyperfine-json, hyperfine-csv, sadf-d or sadf-j"
	[ -z "$stderr" ]
}

@test "--help > /dev/full and output > /dev/full exit 2 with a message" {
	run -2 --separate-stderr sh -c 'perf-import --help > /dev/full'
	[ "$stderr" = "perf-import: <stdout>: write error: No space left on device" ]
	run -2 --separate-stderr sh -c 'perf-import "$1" > /dev/full' - "$FX/day-A.sadf-d.csv"
	[[ $stderr == "perf-import: <stdout>: write error"* ]]
}

@test "an unknown option, a bad format or a bad --time exit 2" {
	run -2 --separate-stderr perf-import --bogus
	[ "${stderr_lines[0]}" = "perf-import: unknown option '--bogus'" ]
	[[ ${stderr_lines[1]} == "usage: perf-import "* ]]
	run -2 --separate-stderr perf-import -f xml "$FX/hf.json"
	[ "${stderr_lines[0]}" = "perf-import: format 'xml': unknown (allowed hyperfine-json, hyperfine-csv, sadf-d, sadf-j)" ]
	run -2 --separate-stderr perf-import --time -5 "$FX/hf.json"
	[[ $stderr == "perf-import: time '-5': too small"* ]]
	run -2 --separate-stderr perf-import "$FX/hf.json" "$FX/hf.json"
	[[ ${stderr_lines[0]} == "perf-import: one file at a time"* ]]
}

@test "hyperfine JSON: a runs row per run, the wall times exact, exit codes, no summaries" {
	run -0 --separate-stderr perf-import --host ci1 --time 1700000000 "$FX/hf.json"
	[ -z "$stderr" ]
	[ "${lines[0]}" = "time,host,name,command,run,wall_s,exit_status,timed_out,measured_by" ]
	[ "${lines[1]}" = "1700000000,ci1,sleep 0.01,sleep 0.01,1,0.01518523,0,false,hyperfine" ]
	[ "${lines[2]}" = "1700000000,ci1,sleep 0.01,sleep 0.01,2,0.054570913,0,false,hyperfine" ]
	[ "${lines[10]}" = "1700000000,ci1,sleep 0.02,sleep 0.02,5,0.033398805,0,false,hyperfine" ]
	[ "${#lines[@]}" -eq 11 ]
	perf-import "$FX/hf.json" > runs.csv
	check_csv runs.schema.json runs.csv
}

@test "hyperfine parameter scan: parameters become param_* keys, failing exit codes are kept" {
	run -0 --separate-stderr perf-import --host h --time 1 "$FX/hfscan.json"
	[ "${lines[0]}" = "time,host,name,command,param_n,run,wall_s,exit_status,timed_out,measured_by" ]
	[ "${lines[4]}" = "1,h,nap 2,nap 2,2,1,0.027455681,0,false,hyperfine" ]
	run -0 --separate-stderr perf-import --host h --time 1 "$FX/hffail.json"
	[ "${lines[0]}" = "time,host,name,command,param_code,run,wall_s,exit_status,timed_out,measured_by" ]
	[[ ${lines[4]} == "1,h,exit 3,exit 3,3,1,"*",3,false,hyperfine" ]]
	perf-import "$FX/hfscan.json" > scan.csv
	check_csv runs.schema.json scan.csv
	# perf-trend sees the parameter as a key: one group per value
	run -0 --separate-stderr perf-trend -f csv -m wall_s scan.csv
	[ "$(printf '%s\n' "${lines[@]}" | grep -c ',wall_s,n,3$')" -eq 3 ]
}

@test "hyperfine CSV is refused: it holds summaries, not runs" {
	run -2 --separate-stderr perf-import "$FX/hf.csv"
	[ "$stderr" = "perf-import: $FX/hf.csv:1: hyperfine's CSV holds one summary per command (mean, median, ...), not its runs, and perfpipe's statistics need the runs: export with --export-json instead" ]
	[ -z "$output" ]
}

@test "the time of hyperfine runs is the file's, or --time; a pipe needs --time" {
	cp "$FX/hf.json" x.json
	touch -d @1600000000.5 x.json
	run -0 --separate-stderr perf-import x.json
	[[ ${lines[1]} == "1600000000.5,"* ]]
	run -2 --separate-stderr sh -c 'cat "$1" | perf-import' - "$FX/hf.json"
	[ "$stderr" = "perf-import: <stdin>: hyperfine exports hold no time and this input has no modification time: give --time" ]
	run -0 --separate-stderr sh -c 'cat "$1" | perf-import --time 5' - "$FX/hf.json"
	[[ ${lines[1]} == "5,"* ]]
}

@test "hyperfine from a newer version: known fields imported, new ones named; memory_usage_byte is peak memory" {
	$PY - "$FX/hf.json" > newer.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["results"]:
    r["memory_usage_byte"] = [4096 * (i + 1) for i in range(len(r["times"]))]
    r["cpu_cycles"] = 5
d["hyperfine_version"] = "9.0"
json.dump(d, sys.stdout)
PY
	run -0 --separate-stderr perf-import --host h --time 1 newer.json
	[ "$stderr" = "perf-import: newer.json: not imported, unknown to perf-import (a newer version?): hyperfine_version, results[].cpu_cycles" ]
	[ "${lines[0]}" = "time,host,name,command,run,wall_s,max_rss_kib,exit_status,timed_out,measured_by" ]
	[ "${lines[2]}" = "1,h,sleep 0.01,sleep 0.01,2,0.054570913,8,0,false,hyperfine" ]
	run -0 --separate-stderr perf-import -q --time 1 newer.json
	[ -z "$stderr" ]
}

@test "hyperfine bad input: truncated, fields removed, edited, not what it claims: exit 2, nothing written" {
	head -c 700 "$FX/hf.json" > cut.json
	run -2 --separate-stderr perf-import --time 1 cut.json
	[[ $stderr == "perf-import: cut.json:"*":"*": "* ]]
	[ -z "$output" ]
	$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); del d["results"][1]["times"]; json.dump(d, sys.stdout)' "$FX/hf.json" > notimes.json
	run -2 --separate-stderr perf-import --time 1 notimes.json
	[ "$stderr" = "perf-import: notimes.json: results[1]: no 'times' (the wall time of each run): a hyperfine older than 1.4, or not its export" ]
	[ -z "$output" ]
	# a run dropped by hand: the mean no longer agrees
	$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); d["results"][0]["times"].pop(); d["results"][0]["exit_codes"].pop(); json.dump(d, sys.stdout)' "$FX/hf.json" > edited.json
	run -2 --separate-stderr perf-import --time 1 edited.json
	[[ $stderr == "perf-import: edited.json: results[0]: 'mean' 0.0294234448 is not the mean of the 4 'times'"* ]]
	$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); d["results"][0]["exit_codes"].pop(); json.dump(d, sys.stdout)' "$FX/hf.json" > codes.json
	run -2 --separate-stderr perf-import --time 1 codes.json
	[ "$stderr" = "perf-import: codes.json: results[0].exit_codes: not an array of 5 values, one per run as in 'times'" ]
	run -2 --separate-stderr perf-import -f sadf-d --time 1 "$FX/hf.json"
	[ "$stderr" = "perf-import: $FX/hf.json:1: data before sadf -d's header (# hostname;interval;timestamp;...)" ]
	echo '{"results": 3}' > other.json
	run -2 --separate-stderr perf-import --time 1 other.json
	[ "$stderr" = "perf-import: other.json: no 'results' array: not a hyperfine --export-json file" ]
	printf 'a,b\n1,2\n' > plain.csv
	run -2 --separate-stderr perf-import plain.csv
	[ "$stderr" = "perf-import: plain.csv:1: neither hyperfine's export nor sadf -d or -j output (give -f to say which)" ]
	: > empty
	run -2 --separate-stderr perf-import empty
	[ "$stderr" = "perf-import: empty:1: empty" ]
}

@test "-o writes the file whole, and leaves it alone on bad input" {
	mkdir d && cd d
	perf-import -o out.csv --time 1 "$FX/hf.json"
	[ "$(wc -l < out.csv)" -eq 11 ]
	cp out.csv keep.csv
	run -2 --separate-stderr perf-import -o out.csv "$FX/hf.csv"
	cmp out.csv keep.csv
	# no temporary file left behind
	[ "$(ls -A | tr '\n' ' ')" = "keep.csv out.csv " ]
}

@test "perf-trend compares a hyperfine baseline with a perf-time candidate" {
	perf-import --host ci1 "$FX/hf.json" > base.csv
	# the candidate: the same commands through perf-time, 0.01 s slower
	# each, written here as perf-time writes them (fixed, so the verdict
	# is certain)
	{
		echo "time,host,name,command,run,wall_s,exit_status,timed_out,measured_by"
		for r in 1 2 3 4 5 6 7 8; do
			echo "1700000001,ci1,sleep 0.01,sleep 0.01,$r,0.08$r,0,false,rusage"
		done
	} > cand.csv
	check_csv runs.schema.json cand.csv
	run -1 --separate-stderr perf-trend -f csv -m wall_s --fail-on regression -b base.csv cand.csv
	assert_line "host=ci1;name=sleep 0.01,wall_s,compare.verdict,regressed"
	# and a real perf-time run against it: a comparison either way
	perf-time -N -r 3 --host ci1 'sleep 0.01' > real.csv 2> /dev/null
	run --separate-stderr perf-trend -f csv -m wall_s -b base.csv real.csv
	assert_line --regexp '^host=ci1;name=sleep 0.01,wall_s,compare.verdict,'
}

@test "sadf -d of sar -A: perfpipe's columns and units, derived as perf-sample derives them" {
	run -0 --separate-stderr perf-import "$FX/day-A.sadf-d.csv"
	[ -z "$stderr" ]
	[ "${#lines[@]}" -eq 6 ]
	perf-import "$FX/day-A.sadf-d.csv" > s.csv
	check_csv samples.schema.json s.csv
	[ "$(col s.csv time 1)" = 1796490691 ]
	[ "$(col s.csv host 1)" = vm ]
	[ "$(col s.csv interval_s 1)" = 1 ]
	[ "$(col s.csv cpu_user_pct 1)" = 77.72 ]
	[ "$(col s.csv cpu1_system_pct 1)" = 23.91 ]
	[ "$(col s.csv cpu_busy_pct 1)" = 100 ]
	# free + used + buffers + cached + slab of that row, = MemTotal
	[ "$(col s.csv mem_total_kib 1)" = 24683748 ]
	[ "$(col s.csv mem_used_pct 1)" = 2.66 ]
	[ "$(col s.csv disk_vda_write_bytes_per_s 1)" = 1523712 ]
	[ "$(col s.csv disk_util_pct 1)" = 10 ]
	[ "$(col s.csv intr_per_s 1)" = 590 ]
	[ "$(col s.csv swap_total_kib 1)" = 0 ]
	[ "$(col s.csv swap_used_pct 1)" = "" ]
	[ "$(col s.csv psi_cpu_some_stall_ms_per_s 1)" = 991.4 ]
	[ "$(col s.csv load1 1)" = 7.38 ]
}

@test "sadf -j gives the same table as sadf -d" {
	perf-import "$FX/day-A.sadf-d.csv" > d.csv
	perf-import "$FX/day-A.sadf-j.json" > j.csv
	cmp d.csv j.csv
}

@test "sadf per-device rows: disk and interface columns named as perf-sample names them, totals without lo" {
	perf-import "$FX/day-dev.sadf-d.csv" > dev.csv
	check_csv samples.schema.json dev.csv
	head -1 dev.csv | tr , '\n' > cols
	grep -qx disk_vda_util_pct cols
	grep -qx net_eth0_rx_bytes_per_s cols
	grep -qx net_ifb0_tx_drops_per_s cols
	grep -qx cpu0_idle_pct cols
	# an interface name with a byte outside a-z0-9 takes perf-sample's _HH
	sed 's/;eth0;/;eth0.100;/' "$FX/day-dev.sadf-d.csv" > vlan.csv
	perf-import vlan.csv | head -1 | tr , '\n' | grep -qx net_eth0_2e100_rx_bytes_per_s
	# net totals: the sum over interfaces other than lo
	sed 's/;lo;[0-9.]*;/;lo;1000.00;/' "$FX/day-dev.sadf-d.csv" > lo.csv
	perf-import lo.csv > lo-out.csv
	[ "$(col lo-out.csv net_lo_rx_packets_per_s 1)" = 1000 ]
	[ "$(col lo-out.csv net_rx_packets_per_s 1)" = "$(col dev.csv net_rx_packets_per_s 1)" ]
}

@test "a sa file from another host keeps its host name; --host replaces it" {
	run -0 --separate-stderr perf-import "$FX/other.sadf-d.csv"
	[[ ${lines[1]} == 1796490696,db-07.example.net,1,* ]]
	run -0 --separate-stderr perf-import --host db7 "$FX/other.sadf-d.csv"
	[[ ${lines[1]} == 1796490696,db7,1,* ]]
	# two hosts' files merge by column name into one fleet table
	perf-import "$FX/other.sadf-d.csv" > a.csv
	perf-import "$FX/day-A.sadf-d.csv" > b.csv
	run -0 --separate-stderr perf-trend -f csv -m cpu_busy_pct a.csv b.csv
	assert_line "host=db-07.example.net,cpu_busy_pct,n,2"
	assert_line "host=vm,cpu_busy_pct,n,5"
}

@test "sar -u's %system (irq and softirq included) is not taken for perf-sample's; epoch times read" {
	perf-import "$FX/day-u.sadf-d.csv" > u.csv
	[ "$(head -1 u.csv)" = "time,host,interval_s,cpu_user_pct,cpu_nice_pct,cpu_iowait_pct,cpu_steal_pct,cpu_busy_pct,cpu_idle_pct" ]
	perf-import "$FX/day-q-epoch.sadf-d.csv" > q.csv
	[ "$(col q.csv time 1)" = 1796490691 ]
	[ "$(col q.csv procs_total_count 1)" = 159 ]
}

@test "perf-bottleneck reads imported sar data" {
	perf-import "$FX/day-A.sadf-d.csv" > sar.csv
	run -0 --separate-stderr perf-bottleneck -f text sar.csv
	assert_line "host 'vm': score 100 (A), 5 rows, 2026-12-05T17:11:31.000Z to 2026-12-05T17:11:35.000Z"
	run -1 --separate-stderr perf-bottleneck -f json -t cpu_busy_pct=50,90,0 --fail-on critical sar.csv
	[[ $output == *'"metric": "cpu_busy_pct"'* ]]
	[[ $output == *'"severity": "critical"'* ]]
}

@test "sadf bad input: truncated, newer fields, wrong field count, local time, garbage: file:line" {
	head -c 4990 "$FX/day-A.sadf-d.csv" > cut.csv
	run -2 --separate-stderr perf-import cut.csv
	[[ $stderr == "perf-import: cut.csv:"*": the last line is cut short (no newline): a truncated file?" ]]
	[ -z "$output" ]
	sed '1s/;%idle$/;%idle;%newthing/; 2,6s/$/;1.00/' "$FX/day-u.sadf-d.csv" > newer.csv
	run -0 --separate-stderr perf-import newer.csv
	[ "$stderr" = "perf-import: newer.csv: not imported, unknown to perf-import (a newer version?): %newthing" ]
	[ "$(col <(echo "$output") cpu_user_pct 1)" = 77.72 ]
	sed '1s/;%idle$/;;%idle/; 2,6s/$/;1.00/' "$FX/day-u.sadf-d.csv" > noname.csv
	run -2 --separate-stderr perf-import noname.csv
	[ "$stderr" = "perf-import: noname.csv:1: column 10 of the header has no name" ]
	[ -z "$output" ]
	sed '3s/;0.00$//' "$FX/day-u.sadf-d.csv" > short.csv
	run -2 --separate-stderr perf-import short.csv
	[ "$stderr" = "perf-import: short.csv:3: 9 fields, the header on line 1 has 10" ]
	# An interrupts line without its value (found by the libFuzzer target:
	# the value was read from the previous line's fields).
	printf '# hostname;interval;timestamp;INTR\nvm;1;2026-12-05 17:11:32 UTC;-1\n' > intr.csv
	run -2 --separate-stderr perf-import -f sadf-d intr.csv
	[ "$stderr" = "perf-import: intr.csv:2: 4 fields, an INTR line has 5" ]
	sed '2s/ UTC;/;/' "$FX/day-u.sadf-d.csv" > local.csv
	run -2 --separate-stderr perf-import local.csv
	[ "$stderr" = "perf-import: local.csv:2: time '2026-12-05 17:11:31': not in UTC (sadf -t or -T print local time; run sadf without them)" ]
	sed '4s/;77.72;/;abc;/; 4s/;76.68;/;abc;/' "$FX/day-u.sadf-d.csv" > nan.csv
	run -2 --separate-stderr perf-import nan.csv
	[ "$stderr" = "perf-import: nan.csv:4: field 5 ('%user'): 'abc' is not a number" ]
	# the same activity twice for one time: not a second value
	{ cat "$FX/day-u.sadf-d.csv"; tail -1 "$FX/day-u.sadf-d.csv"; } > twice.csv
	run -2 --separate-stderr perf-import twice.csv
	[ "$stderr" = "perf-import: twice.csv:7: 'cpu_user_pct' given twice for this host and time" ]
	$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); d["sysstat"]["hosts"][0]["statistics"][2]["memory"]["memfree"]="x"; json.dump(d, sys.stdout)' "$FX/day-A.sadf-j.json" > bad.json
	run -2 --separate-stderr perf-import bad.json
	[ "$stderr" = "perf-import: bad.json: sysstat.hosts[0].statistics[2].memory.memfree: not a number" ]
	head -c 3000 "$FX/day-A.sadf-j.json" > cut.json
	run -2 --separate-stderr perf-import cut.json
	[[ $stderr == "perf-import: cut.json:"*":"*": "* ]]
}
