load helpers

# perf-report.bats - the report: options, inputs recognised or refused
# with file:line, a full report from raw CSV, the report directory written
# whole or not at all, charts drawn the same byte for byte, text from data
# escaped everywhere it is written.

GEN=$ROOT/tests/report/gen.awk
export SOURCE_DATE_EPOCH=1767225600

setup() {
	cd "$BATS_TEST_TMPDIR"
	awk -v kind=samples -f "$GEN" > samples.csv
	awk -v kind=runs -f "$GEN" > runs.csv
}

@test "--help prints the usage and options on stdout and exits 0" {
	run -0 --separate-stderr perf-report --help
	assert_line --index 0 --partial "usage: perf-report [-hV]"
	assert_line --partial "  -o, --output DIR"
	assert_line "Exit status: 0 done, 2 trouble (bad input, gnuplot missing or failing)."
	[ -z "$stderr" ]
	run -2 --separate-stderr sh -c 'perf-report --help > /dev/full'
	[ "$stderr" = "perf-report: <stdout>: write error: No space left on device" ]
}

@test "--version names the program" {
	run -0 --separate-stderr perf-report --version
	assert_output --regexp '^perf-report \(perfpipe\) [0-9.]+$'
}

@test "misuse exits 2 with the usage on stderr" {
	run -2 --separate-stderr perf-report --bogus
	[ "${stderr_lines[0]}" = "perf-report: unknown option '--bogus'" ]
	[[ "${stderr_lines[1]}" == "usage: perf-report [-hV]"* ]]
	run -2 --separate-stderr perf-report -f xml samples.csv
	[ "${stderr_lines[0]}" = "perf-report: format 'xml': not text, md or json" ]
	run -2 --separate-stderr perf-report --live -i 0 samples.csv
	[ "${stderr_lines[0]}" = "perf-report: interval '0': too small (allowed 50ms-1h)" ]
	run -2 --separate-stderr perf-report --interactive samples.csv
	[ "${stderr_lines[0]}" = "perf-report: --interactive needs -o DIR (report.html)" ]
}

@test "inputs of unknown format, empty, of another major version: exit 2 naming the file" {
	printf 'a,b\n1,2\n' > other.csv
	run -2 --separate-stderr perf-report other.csv
	[ "$stderr" = "perf-report: other.csv:1: unknown format: neither samples (columns time, host, interval_s) nor runs (wall_s, run)" ]
	: > empty.csv
	run -2 --separate-stderr perf-report samples.csv empty.csv
	[ "$stderr" = "perf-report: empty.csv:1: empty input" ]
	echo '{"format": "perf-trend/2"}' > t2.json
	run -2 --separate-stderr perf-report t2.json
	[ "$stderr" = "perf-report: t2.json:1: format 'perf-trend/2': another major version (this perf-report reads perf-trend/1)" ]
	echo '{"format": "perf-report/1"}' > r.json
	run -2 --separate-stderr perf-report r.json
	[ "$stderr" = "perf-report: r.json:1: unknown format 'perf-report/1' (perf-report reads perf-trend/1, perf-bottleneck/1, perf-validate/1, samples and runs CSV)" ]
	echo '{"format": ' > cut.json
	run -2 --separate-stderr perf-report cut.json
	[[ "$stderr" == "perf-report: cut.json:2:"* ]]
	run -2 --separate-stderr perf-report < /dev/null
	[ "$stderr" = "perf-report: <stdin>:1: empty input" ]
	run -2 --separate-stderr perf-report missing.csv
	[ "$stderr" = "perf-report: missing.csv: No such file or directory" ]
}

@test "a malformed value is reported by file:line" {
	sed '5s/,1,/,x,/' samples.csv > bad.csv
	run -2 --separate-stderr perf-report bad.csv
	[ "$stderr" = "perf-report: bad.csv:5: column 'interval_s': 'x' is not a number" ]
}

@test "samples alone: a full report on stdout, summary first, within 100 columns" {
	run -0 --separate-stderr perf-report samples.csv
	[ -z "$stderr" ]
	[ "${lines[0]}" = "perfpipe report: db1 and others, 2026-01-01" ]
	[ "${lines[3]}" = "Summary" ]
	assert_line "  * measurements: trustworthy (perf-validate)"
	assert_line --regexp '^  \* db1: health [0-9]+ \([A-F]\), cpu utilization: '
	assert_line "  * web1: health 100 (A), no bottleneck found"
	assert_line "  * samples: 2400 from 2 hosts over 20 min"
	# Trust before the findings, the findings before the numbers.
	local v f r
	v=$(grep -n '^Can these numbers be trusted?$' <<< "$output" | cut -d: -f1)
	f=$(grep -n '^Bottlenecks and health$' <<< "$output" | cut -d: -f1)
	r=$(grep -n '^Resource usage$' <<< "$output" | cut -d: -f1)
	[ "$v" -lt "$f" ] && [ "$f" -lt "$r" ]
	assert_line --regexp '^  1\. warning cpu utilization on db1, 2026-01-01 00:'
	run awk 'length > 100' <<< "$output"
	[ -z "$output" ]
}

@test "runs alone: statistics per command and the comparison with its verdict" {
	run -0 --separate-stderr perf-report runs.csv
	assert_line "  * comparisons: 1 regressed of 2"
	assert_line --regexp '^  regressed: ci1 wall_s \+(29|30)\.[0-9]% \(ratio of medians 1\.[23][0-9]*, 95% interval'
	assert_line --regexp '^  ci1 name=gzip -1 +12 +0\.10'
	run -0 --separate-stderr perf-report -f json runs.csv
	echo "$output" > r.json
	check_json report.schema.json r.json
}

@test "-o DIR: the renderings, the charts and their data; report.json passes its schema" {
	run -0 --separate-stderr perf-report -o rep samples.csv runs.csv
	[ -z "$output" ] && [ -z "$stderr" ]
	for f in report.txt report.md report.html report.json cpu.svg cpu.png \
	    memory.svg load.svg disk.svg runs_box.svg runs_hist.svg \
	    runs_history.svg compare.svg data/cpu-1.dat data/cpu-2.dat \
	    data/trend-samples.json data/trend-runs.json data/findings.json \
	    data/validation.json; do
		[ -s "rep/$f" ] || { echo "missing $f"; false; }
	done
	check_json report.schema.json rep/report.json
	# Every SVG chart is inline in the page, every PNG is a PNG.
	local svgs inline
	svgs=$(/usr/bin/python3 -c 'import json, sys
print(sum(c["file"].endswith(".svg") for c in json.load(open(sys.argv[1]))["charts"]))' rep/report.json)
	inline=$(grep -c '^<svg' rep/report.html)
	[ "$svgs" -eq 12 ] && [ "$inline" -eq "$svgs" ]
	[ "$(head -c 8 rep/cpu.png | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ]
	! grep -q '<script' rep/report.html
	# Two hosts: two panels, titled by host.
	grep -q '>db1</text>' rep/cpu.svg
	grep -q '>web1</text>' rep/cpu.svg
	# The finding's window is shaded on the CPU chart and the
	# thresholds are drawn.
	grep -q 'warning' rep/cpu.svg
	[ -z "$(ls -A . | grep '^\.rep\.tmp')" ]
}

@test "the same input gives the same report byte for byte" {
	perf-report -o a samples.csv runs.csv
	perf-report -o b samples.csv runs.csv
	sed -i 's/"output": "b"/"output": "a"/' b/report.json
	diff -r a b
}

@test "a long series is downsampled with its peaks, and the report says so" {
	awk 'BEGIN { print "time,host,interval_s,cpu_busy_pct"
	    for (i = 0; i < 20000; i++) printf "%d,h,1,%d\n", 1767225600 + i, i == 12345 ? 99 : 5 }' > day.csv
	run -0 --separate-stderr perf-report -o day day.csv
	grep -q '^  charts of h: 20000 rows as [0-9]* buckets of [0-9]* (min, mean, max of each: peaks kept)$' day/report.txt
	[ "$(wc -l < day/data/cpu_busy-1.dat)" -le 1001 ]
	# The one-second peak survives as a bucket's maximum.
	awk '$4 == 99 { found = 1 } END { exit !found }' day/data/cpu_busy-1.dat
}

@test "gnuplot missing or failing: exit 2 naming the chart, the previous report intact" {
	perf-report -o rep runs.csv
	cp rep/report.txt before.txt
	run -2 --separate-stderr env PERFPIPE_GNUPLOT=./no-gnuplot perf-report -o rep samples.csv
	[ "$stderr" = "perf-report: chart cpu.svg: ./no-gnuplot not found (install gnuplot-nox, or set PERFPIPE_GNUPLOT)" ]
	cmp before.txt rep/report.txt
	mkdir plots
	cp "$ROOT"/plots/*.gp plots/
	echo 'plot no_such_function(x)' >> plots/box.gp
	run -2 --separate-stderr env PERFPIPE_PLOTS="$PWD/plots" perf-report -o rep samples.csv runs.csv
	[[ "$stderr" == "perf-report: chart runs_box.svg: gnuplot failed (exit status 1): \""*"box.gp\" line "*": undefined function: no_such_function" ]]
	cmp before.txt rep/report.txt
	# A chart drawn after others by the same gnuplot is named as itself,
	# whatever the number of CPUs (one gnuplot draws several in turn).
	cp "$ROOT"/plots/box.gp plots/
	echo 'plot no_such_function(x)' >> plots/history.gp
	for cpus in 0 0,1; do
		run -2 --separate-stderr env PERFPIPE_PLOTS="$PWD/plots" taskset -c "$cpus" perf-report -o rep samples.csv runs.csv
		[[ "$stderr" == "perf-report: chart runs_history.svg: gnuplot failed (exit status 1): \""*"history.gp\" line "*": undefined function: no_such_function" ]]
	done
	cmp before.txt rep/report.txt
	[ -z "$(ls -A . | grep '^\.rep\.tmp')" ]
}

@test "a directory that is not a report is not replaced" {
	mkdir notes
	echo keep > notes/todo
	run -2 --separate-stderr perf-report -o notes runs.csv
	[ "$stderr" = "perf-report: notes: holds files and no report.txt: not a report to replace" ]
	[ "$(cat notes/todo)" = keep ]
}

@test "text from data is data: nothing runs, and names read right in text, Markdown, HTML and charts" {
	awk -v kind=evil -f "$GEN" > evil.csv
	run -0 --separate-stderr perf-report -o rep -t 'title `touch pwned-4` <i>' evil.csv
	[ -z "$stderr" ]
	[ ! -e pwned-1 ] && [ ! -e pwned-2 ] && [ ! -e pwned-3 ] && [ ! -e pwned-4 ]
	[ ! -e rep/pwned-3 ] && [ ! -e rep/data/pwned-3 ]
	# Text: control characters visible, the rest as written.
	grep -qF "ci1 name=line1\\nline2 \\" rep/report.txt
	# (a long name wraps within its column: its end on the next line)
	grep -A1 -F "  ci1 name=it's \"quoted\" \`touch pwned-1\`  " rep/report.txt |
	    grep -qx '  \$(touch pwned-2)'
	# Markdown: no markup starts from data.
	grep -qF 'system\("touch pwned\-3"\) \<b\>\&amp;\</b\> \| \*x\* @m' rep/report.md
	# HTML: entities, and no element from data.
	grep -qF 'system(&quot;touch pwned-3&quot;) &lt;b&gt;&amp;amp;&lt;/b&gt;' rep/report.html
	! grep -q '<b>' rep/report.html
	grep -qF '<title>title `touch pwned-4` &lt;i&gt;</title>' rep/report.html
	# Charts: the labels as written (XML-escaped by gnuplot).
	grep -qF "it's \"quoted\" \`touch pwned-1\` \$(touch pwned-2)" rep/runs_box.svg
	grep -qF 'system("touch pwned-3") &lt;b>&amp;amp;&lt;/b> | *x* @m' rep/runs_box.svg
	grep -qF 'line1\nline2 \' rep/runs_box.svg
	check_json report.schema.json rep/report.json
}

@test "given JSON, the report uses it and runs nothing for it" {
	perf-report -o one samples.csv
	run -0 --separate-stderr perf-report -o two samples.csv one/data/trend-samples.json \
	    one/data/findings.json one/data/validation.json
	[ ! -e two/data/trend-samples.json ] && [ ! -e two/data/findings.json ]
	diff <(sed '1,/^$/d' one/report.txt | grep -v '^  perf-validate on') \
	    <(sed '1,/^$/d' two/report.txt | grep -v '^  one/data/validation.json')
}

@test "standard input is read like a file; a write error on stdout exits 2" {
	run -0 --separate-stderr sh -c 'perf-report < runs.csv | head -n 3'
	[ "${lines[2]}" = "made 2026-01-01 00:00:00 UTC from <stdin> (runs)" ]
	# Kept with the report's data, not beside report.txt, and named
	# <stdin> in every document, never by its copy's temporary path.
	perf-report -o rep --no-charts < runs.csv > /dev/null
	cmp runs.csv rep/data/stdin.in
	! grep -l 'tmp\|stdin\.in' rep/data/*.json rep/report.*
	grep -q '"<stdin>' rep/data/validation.json
	[ "$(ls rep)" = "$(printf '%s\n' data report.html report.json report.md report.txt)" ]
	run -2 --separate-stderr sh -c 'perf-report runs.csv > /dev/full'
	[ "$stderr" = "perf-report: <stdout>: write error: No space left on device" ]
}

@test "--live on a terminal, run as a background job (under timeout): it draws, not stopped by SIGTTOU" {
	command -v tmux > /dev/null || skip "tmux is missing (.ci/deps installs it)"
	awk -F, 'NR == 1 || $2 == "db1"' samples.csv | head -n 50 > db1.csv
	sock=$BATS_TEST_TMPDIR/tmux.sock
	# timeout(1) runs it in a process group of its own, not the
	# terminal's foreground: setting the terminal's modes stopped it
	# before its first frame (a blank screen until the timeout).
	tmux -S "$sock" new-session -d -x 120 -y 40 \
	    "timeout 4 perf-report --live -i 1 db1.csv 2> err; echo \$? > done; sleep 60"
	# Up to 40 s: a loaded machine (the suite runs three at a time)
	# takes longer than the timeout to start tmux and the program.
	for i in $(seq 400); do
		[ -s done ] && break
		sleep 0.1
	done
	screen=$(tmux -S "$sock" capture-pane -p)
	tmux -S "$sock" kill-server
	echo "$screen"
	[ "$(cat done)" = 124 ]
	grep -q '^perf-report --live: 49 rows' <<< "$screen"
	grep -Eq '^now \(2026-01-01 00:00:[0-9]{2} UTC\):$' <<< "$screen"
	# gnuplot's warnings are not on the screen.
	! grep -q 'Warning' <<< "$screen"
	[ ! -s err ]
}

@test "--live: at the end of input, the last frame with current values and the alerts firing" {
	awk -F, 'NR == 1 || $2 == "db1"' samples.csv | head -n 1050 > db1.csv
	run -0 --separate-stderr perf-report --live -i 10s < db1.csv
	[ -z "$stderr" ]
	[ "${lines[0]}" = "perf-report --live: 1049 rows, end of input; q or Ctrl-C quits" ]
	assert_line --regexp '^ +cpu_busy_pct +mem_used_pct +load1 *$'
	assert_line --regexp '^now \(2026-01-01 00:17:28 UTC\):$'
	assert_line --regexp '^  cpu_busy_pct +9[6-8](\.[0-9]+)?$'
	assert_line "alerts firing: 1"
	assert_line --regexp '^  warning  cpu_busy_pct: CPU busy \(cpu_busy_pct\) peak'
	# Not a terminal: no colour, no cursor movement.
	! grep -q $'\033' <<< "$output"
	run -2 --separate-stderr perf-report --live runs.csv
	[ "$stderr" = "perf-report: runs.csv:1: not samples (no time and interval_s columns): --live draws samples" ]
	run -2 --separate-stderr perf-report --live -o x samples.csv
	[ "${stderr_lines[0]}" = "perf-report: --live reads one file (or standard input) and writes no directory" ]
}

@test "golden cases: the refusals, one per kind of bad input" {
	golden_cases perf-report 4
}

@test "a comparison whose baseline median is 0 says so, never +nan%" {
	{
		echo time,host,name,command,run,wall_s,exit_status
		for i in 1 2 3 4 5 6 7 8; do
			echo "$i,h,fast,true,$i,0,0"
			echo "$((i + 10)),h,slow,sleep,$i,0.00$((i + 1)),0"
		done
	} > zero.csv
	run -0 --separate-stderr perf-report --no-charts zero.csv
	assert_line "  regressed: h wall_s: median 0 to 0.0055 (ratio of medians not defined: baseline median is 0)"
	! grep -qi nan <<< "$output"
}

# two_names A B CMD: a runs CSV of six runs named A (command x) and six
# named B (command CMD), A and B written as CSV fields.
two_names() {
	echo time,host,name,command,run,wall_s,exit_status
	for i in 1 2 3 4 5 6; do
		echo "$i,h,$1,x,$i,0.1$i,0"
		echo "$((i + 10)),h,$2,$3,$i,0.2$i,0"
	done
}

@test "text tables wrap a long name within its column, never cut it: names alike for 60 characters read apart" {
	p="python3 -c 'import time; time.sleep(0.001)' # a variant with a long shared prefix"
	two_names "\"$p AAA\"" "\"$p BBB\"" x > long.csv
	run -0 --separate-stderr perf-report --no-charts long.csv
	! grep -q '~' <<< "$output"
	within_100 "$output"
	assert_line --regexp '^  +shared prefix AAA$'
	assert_line --regexp '^  +shared prefix BBB$'
}

@test "a trend or validation made from other files stands in for nothing: the files it lacks are derived, and it is said" {
	perf-report -o one runs.csv > /dev/null
	sed 's/gzip -\([19]\)/xz -\1/g' runs.csv > other.csv
	run -0 --separate-stderr perf-report -o two other.csv one/data/trend-runs.json one/data/validation.json
	[[ "$stderr" == *"perf-report: one/data/trend-runs.json: made from none of the files given beside it: its figures are about other files (the files it lacks are derived)"* ]]
	[ -s two/data/trend-runs.json ] && [ -s two/data/validation.json ]
	jq -e '[.groups[].keys.name] | index("xz -1")' two/data/trend-runs.json > /dev/null
	grep -q 'xz -1' two/report.txt
	# A document made from a file given beside it is used, and that file
	# is not derived again.
	run -0 --separate-stderr perf-report -o three runs.csv one/data/trend-runs.json
	[ -z "$stderr" ]
	[ ! -e three/data/trend-runs.json ]
}

@test "two commands that perf-trend -c cannot name (a ',' in a name) are said not compared, not left out in silence" {
	two_names '"a,b"' plain y > comma.csv
	run -0 --separate-stderr perf-report --no-charts comma.csv
	[ "$stderr" = "perf-report: 'a,b' and 'plain' not compared: perf-trend -c cannot name a command whose name holds ',' or '=' (perf-time -n gives it another)" ]
}

@test "standard input named twice is refused as a usage error" {
	run -2 --separate-stderr perf-report - - < runs.csv
	[ "${stderr_lines[0]}" = "perf-report: standard input named twice" ]
}

@test "many commands: a chart that draws the first 12 says so; the trust table lists the worst 30 and counts all by check" {
	awk 'BEGIN { srand(2); print "time,host,name,command,run,wall_s,user_s,sys_s,exit_status,timed_out,measured_by"
		for (r = 1; r <= 4; r++) for (i = 0; i < 20; i++)
			printf "%d,vm,b%02d,cmd %d,%d,%.4f,0.01,0.01,0,false,rusage\n", 1700000000 + 20 * r + i, i, i, r, 0.1 + rand() / 10 }' > many.csv
	run -0 --separate-stderr perf-report -o rep many.csv
	run -0 /usr/bin/python3 -c 'import json, sys
for c in json.load(open(sys.argv[1]))["charts"]:
    if c["file"] in ("runs_box.svg", "runs_hist.svg", "runs_history.svg"):
        print(c["file"], c["title"].endswith("(the first 12 of 20)"), "; the first 12 of 20 commands, in order of first appearance" in c["shows"])' rep/report.json
	assert_output "runs_box.svg True True
runs_hist.svg True True
runs_history.svg True True"
	grep -q 'Run time per command (the first 12 of 20)' rep/runs_box.svg
	# The twelfth is drawn, the thirteenth is not.
	grep -q '>b11<' rep/runs_box.svg
	! grep -q '>b12<' rep/runs_box.svg
	# The checks that did not pass: the worst 30 listed, all of them
	# counted by check, as many as perf-validate says.
	run -0 /usr/bin/python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
v = json.load(open(sys.argv[2]))
sec = [s for s in d["sections"] if s["id"] == "validation"][0]
t = {x["title"].split(":")[0]: x for x in sec["tables"]}
rows = t["checks that did not pass, worst first"]["rows"]
by = t["checks that did not pass, by check"]["rows"]
bad = sum(v["totals"][k] for k in ("fail", "warn", "unknown"))
print(len(rows), sum(sum(r[1:]) for r in by) == bad, bad > 30,
    t["checks that did not pass, worst first"]["title"].endswith("the first 30 of %d (counted by check above; the validation JSON has them all)" % bad))' rep/report.json rep/data/validation.json
	assert_output "30 True True True"
}
