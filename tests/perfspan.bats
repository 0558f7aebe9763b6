#!/usr/bin/env bats
# perfspan.bats - lib/perfspan through examples/spans: rows against the
# work the program did, both ways (spans by hand, -finstrument-functions
# with libperfspan-auto.so preloaded), misuse, and the rows through
# perf-trend and perf-bottleneck.
load helpers

setup() {
	cd "$BATS_TEST_TMPDIR"
	SPANS=$BIN/examples/spans/spans
	AUTO=$BIN/examples/spans/spans-auto
	# The sanitizer build's hooks preloaded into its sanitized example:
	# the ASan runtime then is not the first library, which is harmless.
	export ASAN_OPTIONS=$ASAN_OPTIONS:verify_asan_link_order=0
}

# rowsum FILE NAME PARENT COLUMN: the sum of COLUMN over NAME's rows
# under PARENT (any parent when PARENT is '*').
rowsum() {
	/usr/bin/python3 - "$@" <<'EOF'
import csv, sys
f, name, parent, col = sys.argv[1:]
t = sum(float(r[col]) for r in csv.DictReader(open(f, newline=''))
        if r['name'] == name and (parent == '*' or r['parent'] == parent))
print(int(t) if col == 'calls_count' else repr(t))
EOF
}

# calls FILE 'NAME PARENT N'...: NAME was called N times under PARENT
# ('-': at the root).
calls() {
	local f=$1 spec got
	shift
	for spec in "$@"; do
		set -- $spec
		[ "$2" = - ] && set -- "$1" '' "$3"
		got=$(rowsum "$f" "$1" "$2" calls_count)
		[ "$got" = "$3" ] || { echo "$spec: $got calls" >&2; return 1; }
	done
}

@test "spans by hand: calls, nesting, self time, the schema" {
	PERFSPAN_OUT=rows.csv PERFSPAN_MODE=aggregate run -0 --separate-stderr "$SPANS" 3 4 20000 1
	[ "$output" = "checksum $(PERFSPAN_OUT= "$SPANS" 3 4 20000 1 | cut -d' ' -f2)" ]
	[ "$stderr" = "" ]
	check_csv runs.schema.json rows.csv
	calls rows.csv 'outer - 3' 'inner outer 12' 'leaf outer 3'
	/usr/bin/python3 - rows.csv <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
outer = [r for r in rows if r['name'] == 'outer'][0]
kids = [r for r in rows if r['parent'] == 'outer']
t = float(outer['total_s']); k = sum(float(r['total_s']) for r in kids)
assert t >= k, (t, k)
# Integer nanoseconds: self is total less the children, exactly.
assert abs(float(outer['self_s']) - (t - k)) < 1.5e-9, (outer['self_s'], t, k)
for r in rows:
    assert r['measured_by'] == 'span' and r['dropped_count'] == '0', r
    assert float(r['min_s']) <= float(r['wall_s']) <= float(r['max_s']), r
    assert int(r['pid']) > 0 and int(r['tid']) > 0, r
EOF
}

@test "spans by hand: an occurrence a row, then aggregates above PERFSPAN_ROWS" {
	PERFSPAN_OUT=rows.csv run -0 --separate-stderr "$SPANS" 2 3 1000 1
	[ "$(grep -c ',inner,' rows.csv)" = 6 ]
	[ "$(cut -d, -f13 rows.csv | sort -u | tr '\n' ' ')" = "1 calls_count " ]
	PERFSPAN_OUT=agg.csv PERFSPAN_ROWS=5 run -0 --separate-stderr "$SPANS" 2 3 1000 1
	[ "$(wc -l < agg.csv)" = 4 ]
	[ "$(rowsum agg.csv inner outer calls_count)" = 6 ]
	check_csv runs.schema.json agg.csv
}

@test "spans by hand: threads, each its own rows, none lost" {
	PERFSPAN_OUT=rows.csv PERFSPAN_MODE=aggregate run -0 --separate-stderr "$SPANS" 50 4 100 4
	calls rows.csv 'inner outer 800' 'outer - 200'
	[ "$(grep ',outer,' rows.csv | cut -d, -f8 | sort -u | wc -l)" = 4 ]
	[ "$(cut -d, -f19 rows.csv | sort -u | tr '\n' ' ')" = "0 dropped_count " ]
}

@test "PERFSPAN_OUT unset: nothing written, nothing said" {
	mkdir empty && cd empty
	run -3 --separate-stderr env -u PERFSPAN_OUT "$SPANS" -b 2 2 100 2
	[ "$stderr" = "" ]
	[ "$(ls -A)" = "" ]
}

@test "misuse: one message, the exit status and output unchanged" {
	PERFSPAN_OUT=rows.csv run -3 --separate-stderr "$SPANS" -b 2 2 100 1
	[ "$output" = "checksum $(PERFSPAN_OUT= "$SPANS" 2 2 100 1 | cut -d' ' -f2)" ]
	[ "$stderr" = "perfspan: end of span 'never-begun' that was never begun (ignored)" ]
	[ "$(rowsum rows.csv outer '' calls_count)" = 2 ]
}

@test "an unwritable output: one message, the program undisturbed" {
	PERFSPAN_OUT=/nonexistent/dir/rows.csv run -0 --separate-stderr "$SPANS" 2 2 100 1
	[ "${output%% *}" = checksum ]
	[ "$stderr" = "perfspan: cannot write '/nonexistent/dir/rows.csv': No such file or directory" ]
	: > ro.csv && chmod 0444 ro.csv && mkdir rodir && chmod 0555 rodir
	if [ "$(id -u)" -ne 0 ]; then
		PERFSPAN_OUT=rodir/rows.csv run -0 --separate-stderr "$SPANS" 2 2 100 1
		[ "$stderr" = "perfspan: cannot write 'rodir/rows.csv': Permission denied" ]
	fi
	PERFSPAN_OUT=/dev/full run -0 --separate-stderr "$SPANS" 2 2 100 1
	[ "$stderr" = "perfspan: cannot write '/dev/full': No space left on device" ]
}

@test "a fatal signal: rows written, the program killed as it would be" {
	PERFSPAN_OUT=rows.csv run -134 --separate-stderr "$SPANS" -a 2 2 100 1
	[ "$(rowsum rows.csv outer '' calls_count)" = 2 ]
	check_csv runs.schema.json rows.csv
}

@test "exit inside a span: rows of the closed ones, the open one named, status kept" {
	PERFSPAN_OUT=rows.csv run -5 --separate-stderr "$SPANS" -s 2 3 100 1
	[ "$stderr" = "perfspan: span 'outer' still open when the rows were written (not recorded)" ]
	[ "$(rowsum rows.csv inner outer calls_count)" = 3 ]
}

@test "PERFSPAN_OUT %p is the process id; bad settings are said once each" {
	PERFSPAN_OUT=rows-%p.csv PERFSPAN_ROWS=x PERFSPAN_MODE=y run -0 --separate-stderr "$SPANS" 1 1 10 1
	[ "${lines[0]%% *}" = checksum ]
	[ "${#stderr_lines[@]}" = 2 ]
	[ "${stderr_lines[0]}" = "perfspan: PERFSPAN_ROWS: want 0 to 1000000, not 'x' (4096 it is)" ]
	f=$(ls rows-*.csv)
	[ "$f" = "rows-$(cut -d, -f7 "$f" | tail -1).csv" ]
}

@test "every function: -finstrument-functions with libperfspan-auto.so" {
	PERFSPAN_OUT=rows.csv PERFSPAN_MODE=aggregate LD_PRELOAD=$BIN/libperfspan-auto.so \
		run -0 --separate-stderr "$AUTO" 3 4 1000 2
	[ "$stderr" = "" ]
	check_csv runs.schema.json rows.csv
	# Static functions too, named from the program's symbol table.
	calls rows.csv 'outer thread 6' 'inner outer 24' 'spin inner 24' \
	    'spin leaf 6' 'main - 1'
	[ "$(grep -c ',instrument$' rows.csv)" = "$(($(wc -l < rows.csv) - 1))" ]
	# Without the variable the hooks do nothing.
	mkdir empty && cd empty
	LD_PRELOAD=$BIN/libperfspan-auto.so run -0 --separate-stderr env -u PERFSPAN_OUT "$AUTO" 3 4 1000 2
	[ "$stderr" = "" ]
	[ "$(ls -A)" = "" ]
}

@test "PERFSPAN_SAMPLE: calls exact, CPU time from samples charged to the whole stack" {
	# About 0.3 s of CPU in spin(): 8 of every 9 rounds under inner().
	PERFSPAN_OUT=rows.csv PERFSPAN_SAMPLE=1000 LD_PRELOAD=$BIN/libperfspan-auto.so \
		run -0 --separate-stderr "$AUTO" 150 4 400000 1
	[ "$stderr" = "" ]
	check_csv runs.schema.json rows.csv
	calls rows.csv 'outer thread 150' 'spin inner 600' 'spin leaf 150'
	/usr/bin/python3 - rows.csv <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
for r in rows:
    assert r['measured_by'] == 'instrument-sampled', r
    assert r['wall_s'] == r['min_s'] == r['max_s'] == r['stddev_s'] == '', r
    assert int(float(r['self_s']) * 1e9) <= int(float(r['total_s']) * 1e9), r
ns = lambda r, c: round(float(r[c]) * 1e9)
main = [r for r in rows if r['name'] == 'main'][0]
# Every sample's time is some frame's self time: the selfs add up to
# the root's total, to the nanosecond.
assert sum(ns(r, 'self_s') for r in rows) == ns(main, 'total_s'), rows
# A parent's total holds its children's.
for p in rows:
    kids = [r for r in rows if r['parent'] == p['name']]
    assert ns(p, 'total_s') >= sum(ns(r, 'total_s') for r in kids), p
spin = {r['parent']: float(r['self_s']) for r in rows if r['name'] == 'spin'}
t = float(main['total_s'])
assert t > 0.1, t
# spin holds nearly all the work, inner's share 8/9 of it; the bounds are
# wide enough for 250 Hz ticks on a loaded machine.
assert spin['inner'] + spin['leaf'] > 0.8 * t, (spin, t)
assert 0.75 < spin['inner'] / (spin['inner'] + spin['leaf']) < 0.97, spin
EOF
}

@test "PERFSPAN_SAMPLE: each thread sampled on its own CPU clock, however many share the CPUs" {
	# Four threads on the test machine's CPUs, about 0.3 s of CPU each.
	PERFSPAN_OUT=rows.csv PERFSPAN_SAMPLE=1000 LD_PRELOAD=$BIN/libperfspan-auto.so \
		run -0 --separate-stderr "$AUTO" 300 4 200000 4
	[ "$stderr" = "" ]
	calls rows.csv 'outer thread 1200' 'spin leaf 1200'
	/usr/bin/python3 - rows.csv <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
tids = {r['tid'] for r in rows if r['name'] == 'outer'}
assert len(tids) == 4, tids
for t in tids:
    s = {r['parent']: float(r['self_s']) for r in rows
         if r['tid'] == t and r['name'] == 'spin'}
    # 1/9 of each thread's work is spin under leaf: some 8 of the 75
    # samples its own timer gives it at 250 a second (a timer shared by
    # the process gave each of them a quarter of its samples here).
    share = s['leaf'] / (s['leaf'] + s['inner'])
    assert 0.02 < share < 0.3, (t, s)
EOF
}

@test "PERFSPAN_SAMPLE: the timer ends at exec; a program's own SIGPROF is left alone" {
	# A preloaded shell burns CPU and then execs: a profiling timer that
	# outlived exec would kill the new program (SIGPROF's default).
	PERFSPAN_OUT=rows.csv PERFSPAN_SAMPLE=1000 LD_PRELOAD=$BIN/libperfspan-auto.so \
		run -0 --separate-stderr sh -c 'i=0; while [ $i -lt 100000 ]; do i=$((i + 1)); done; exec "$0" 3 4 20000 1' "$AUTO"
	[ "$stderr" = "" ]
	[ "$(rowsum rows.csv inner outer calls_count)" = 12 ]
	# SIGPROF ignored (inherited through exec): the clocks, said once.
	PERFSPAN_OUT=rows.csv PERFSPAN_SAMPLE=1000 LD_PRELOAD=$BIN/libperfspan-auto.so \
		run -0 --separate-stderr sh -c 'trap "" PROF; exec "$0" 3 4 1000 1' "$AUTO"
	[ "$stderr" = "perfspan: PERFSPAN_SAMPLE: the program uses SIGPROF or its timer; every span reads the clock instead" ]
	[ "$(rowsum rows.csv inner outer calls_count)" = 12 ]
	[ "$(grep -c ',instrument$' rows.csv)" = "$(($(wc -l < rows.csv) - 1))" ]
	PERFSPAN_OUT=rows.csv PERFSPAN_SAMPLE=x LD_PRELOAD=$BIN/libperfspan-auto.so \
		run -0 --separate-stderr "$AUTO" 1 1 10 1
	[ "$stderr" = "perfspan: PERFSPAN_SAMPLE: want 0 to 10000 a second, not 'x' (clocks it is)" ]
}

@test "aggregates agree with numpy on the occurrences they sum" {
	TEST_PERFSPAN_KEEP=$PWD run -0 "$BIN/tests/unit/perfspan/test_perfspan"
	/usr/bin/python3 - rows.csv agg.csv <<'EOF'
import csv, sys
import numpy as np
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
agg = list(csv.DictReader(open(sys.argv[2], newline='')))
groups = {}
for r in rows:
    groups.setdefault((r['tid'], r['name'], r['parent']), []).append(float(r['wall_s']))
n = 0
for k, v in groups.items():
    a = [x for x in agg if (x['tid'], x['name'], x['parent']) == k]
    assert len(a) == 1, k
    a = a[0]; v = np.array(v)
    assert int(a['calls_count']) == len(v), k
    assert abs(float(a['total_s']) - v.sum()) < 1e-9 * len(v), k
    assert abs(float(a['wall_s']) - v.mean()) < 1e-9, k
    assert float(a['min_s']) == v.min() and float(a['max_s']) == v.max(), k
    if len(v) > 1:
        assert abs(float(a['stddev_s']) - v.std(ddof=1)) < 2e-9, (k, a['stddev_s'], v.std(ddof=1))
        n += 1
assert n >= 1
EOF
}

@test "through the pipeline: perf-trend compares two builds' spans, perf-bottleneck budgets one" {
	PERFSPAN_OUT=before.csv run -0 "$SPANS" 8 2 20000 1
	# Ten times the work: a regression no load on the machine can hide
	# (three times was inconclusive once, with the suite running three at
	# a time).
	PERFSPAN_OUT=after.csv run -0 "$SPANS" 8 2 200000 1
	# pid is a key of perf-trend's: group by span and parent instead.
	run -1 --separate-stderr perf-trend -f csv --by name,parent -m wall_s --fail-on regression -b before.csv after.csv
	/usr/bin/python3 - "$output" <<'EOF'
import csv, io, sys
v = {r['group']: r['value'] for r in csv.DictReader(io.StringIO(sys.argv[1]))
     if r['metric'] == 'wall_s' and r['statistic'] == 'compare.verdict'}
assert v['name=inner;parent=outer'] == 'regressed', v
assert v['name=outer'] == 'regressed', v
EOF
	run -1 --separate-stderr perf-bottleneck -f csv --budget name=inner:wall_s=0.000001 --fail-on critical after.csv
	assert_output --partial inner
	assert_output --partial critical
	run -0 --separate-stderr perf-bottleneck -f csv --budget name=inner:wall_s=10 --fail-on critical after.csv
}

@test "perf-report: functions and spans by self time, table and chart; perf-validate leaves them out of the run checks" {
	PERFSPAN_OUT=ex.csv PERFSPAN_MODE=aggregate LD_PRELOAD=$BIN/libperfspan-auto.so \
		run -0 "$AUTO" 20 4 20000 2
	PERFSPAN_OUT=sa.csv PERFSPAN_SAMPLE=1000 LD_PRELOAD=$BIN/libperfspan-auto.so \
		run -0 "$AUTO" 60 4 200000 2
	for f in ex.csv sa.csv; do
		run -0 --separate-stderr perf-report -o "rep-$f" "$f"
		check_json report.schema.json "rep-$f/report.json"
		[ -s "rep-$f/selftime.svg" ] && [ -s "rep-$f/selftime.png" ]
		/usr/bin/python3 - "$f" "rep-$f/report.json" "rep-$f/data/selftime.dat" <<'EOF'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
doc = json.load(open(sys.argv[2]))
sec = [s for s in doc['sections'] if s['id'] == 'spans'][0]
assert 'selftime.svg' in sec['charts'], sec
# The table: each (name, parent) once, its rows (threads) summed, most
# self time first.
want = {}
for r in rows:
    k = (r['name'], r['parent'])
    c, t, s = want.get(k, (0, 0.0, 0.0))
    want[k] = (c + int(r['calls_count']), t + float(r['total_s']), s + float(r['self_s']))
tbl = sec['tables'][0]
cols = [c['name'] for c in tbl['columns']]
got = {(r[0], r[1] or ''): dict(zip(cols, r)) for r in tbl['rows']}
assert set(got) == set(want), (set(got) ^ set(want))
for k, (c, t, s) in want.items():
    g = got[k]
    assert g['calls'] == c, (k, g, c)
    assert abs(g['total'] - t) <= 1e-9 * max(1, len(rows)), (k, g, t)
    assert abs(g['self'] - s) <= 1e-9 * max(1, len(rows)), (k, g, s)
selfs = [r[cols.index('self')] for r in tbl['rows']]
assert selfs == sorted(selfs, reverse=True), selfs
assert abs(sum(r[cols.index('self_pct')] for r in tbl['rows']) - 100) < 1e-6
assert got[('spin', 'inner')]['calls'] == (80 if sys.argv[1] == 'ex.csv' else 240) * 2
# The chart draws the same, in the same order.
bars = [float(l.split()[1]) for l in open(sys.argv[3]) if not l.startswith('#')]
assert len(bars) == min(len(selfs), 15), bars
assert all(abs(b - s) <= 1e-5 * s for b, s in zip(bars, selfs)), (bars, selfs)
sampled = any('PERFSPAN_SAMPLE' in l for l in sec['lines'])
assert sampled == (sys.argv[1] == 'sa.csv'), sec['lines']
# No run statistics of commands made of a program's functions.
assert not [s for s in doc['sections'] if s['id'] == 'runs'], doc['sections']
# One row per function: nothing to test for a trend, and not called flat.
tl = [l for s in doc['sections'] if s['id'] == 'trend' for l in s['lines']]
assert any('too short to test for a trend' in l for l in tl), tl
assert not any('flat' in l for l in tl), tl
EOF
		run -0 --separate-stderr perf-validate -f json "$f"
		/usr/bin/python3 -c '
import json, sys
d = json.loads(sys.argv[1])
c = [c for c in d["checks"] if c["name"] == "span_rows"]
assert len(c) == 1 and c[0]["status"] == "pass", c
assert not [c for c in d["checks"] if c["name"] in ("run_length", "enough_runs", "cv")], d["checks"]
assert all(c["status"] == "pass" for c in d["checks"]), d["checks"]
' "$output"
	done
	# A count that is not one: file:line, exit 2.
	awk -F, -v OFS=, 'NR == 3 { $13 = "-4" } { print }' sa.csv > bad.csv
	run -2 --separate-stderr perf-report bad.csv
	[ "$stderr" = "perf-report: bad.csv:3: column 'calls_count': want a number 0 or more in perfspan's rows" ]
	# Calls dropped (occurrences beyond PERFSPAN_ROWS, rows forced): a warning.
	PERFSPAN_OUT=drop.csv PERFSPAN_MODE=rows PERFSPAN_ROWS=5 run -0 "$SPANS" 2 3 1000 1
	run -0 --separate-stderr perf-validate -f json drop.csv
	/usr/bin/python3 -c '
import json, sys
d = json.loads(sys.argv[1])
c = [c for c in d["checks"] if c["name"] == "span_rows"][0]
assert c["status"] == "warn" and c["measured"] > 0, c
' "$output"
}
