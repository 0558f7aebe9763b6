load helpers

# perf-trend.bats - the statistics program: options, messages, formats,
# schemas, and its numbers checked against numpy and scipy.

CASES=$ROOT/tests/cases/perf-trend
PY=/usr/bin/python3

setup() {
	cd "$BATS_TEST_TMPDIR"
}

@test "--help prints the usage and options on stdout and exits 0" {
	run -0 --separate-stderr perf-trend --help
	assert_line --index 0 --partial "usage: perf-trend [-ehqVw]"
	assert_line --partial "  -t, --threshold PCT"
	assert_line "Exit status: 0 done, 1 --fail-on tripped, 2 trouble."
	[ -z "$stderr" ]
}

@test "--version names the program" {
	run -0 --separate-stderr perf-trend --version
	assert_output --regexp '^perf-trend \(perfpipe\) [0-9.]+$'
}

@test "an unknown option exits 2 with the usage on stderr" {
	run -2 --separate-stderr perf-trend --bogus
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "perf-trend: unknown option '--bogus'" ]
	[[ "${stderr_lines[1]}" == "usage: perf-trend [-ehqVw]"* ]]
}

@test "bad numbers exit 2 naming the allowed range" {
	run -2 --separate-stderr perf-trend -t 200% "$CASES/runs.csv"
	[ "$stderr" = "perf-trend: threshold '200%': too large (allowed 0%-100%)" ]
	run -2 --separate-stderr perf-trend --confidence 40% "$CASES/runs.csv"
	[ "$stderr" = "perf-trend: confidence '40%': too small (allowed 50%-99.9%)" ]
	run -2 --separate-stderr perf-trend --memory 0 "$CASES/runs.csv"
	[ "$stderr" = "perf-trend: memory '0': too small (allowed 1-1048576)" ]
	run -2 --separate-stderr perf-trend --forecast mem_used_pct=lots "$CASES/samples.csv"
	[ "$stderr" = "perf-trend: forecast value 'lots': not a number" ]
}

@test "misused options exit 2" {
	run -2 --separate-stderr perf-trend -f xml "$CASES/runs.csv"
	[ "${stderr_lines[0]}" = "perf-trend: format 'xml': not json, csv, text or markdown" ]
	run -2 --separate-stderr perf-trend --fail-on regression "$CASES/runs.csv"
	[ "${stderr_lines[0]}" = "perf-trend: --fail-on regression needs --baseline or --compare" ]
	run -2 --separate-stderr perf-trend --compare commit=old "$CASES/commits.csv"
	[ "$stderr" = "perf-trend: compare 'commit=old': not COL=A,B" ]
	cd "$CASES"
	run -2 --separate-stderr perf-trend --forecast nope=3 samples.csv
	[ "$stderr" = "perf-trend: samples.csv:1: no metric column 'nope' (named by --forecast)" ]
	run -2 --separate-stderr perf-trend --forecast wall_s=3 complexity.csv
	[ "$stderr" = "perf-trend: complexity.csv:1: no time column (or --x) to forecast 'wall_s' (named by --forecast)" ]
	run -2 --separate-stderr perf-trend -b - - < runs.csv
	[ "${stderr_lines[0]}" = "perf-trend: standard input named twice" ]
}

@test "golden cases of tests/cases/perf-trend (run by tests/golden)" {
	golden_cases perf-trend 19
	[ -e "$ROOT/tests/cases/perf-trend/describe-runs.args" ]
}

@test "a text table for a small input, exactly" {
	printf 'name,wall_s\na,1\na,2\na,3\na,4\nb,10\n' > t.csv
	run -0 --separate-stderr perf-trend -f text t.csv
	assert_output - <<'EOF'
# descriptive (quantiles exact, R type 7; outliers Tukey mild+severe; p5, p99 in -f json or csv)
group   metric  n  mean    ±95%     sd  median   p95  min  max  outliers
name=a  wall_s  4   2.5  ±82.2%  1.291     2.5  3.85    1    4       0+0
name=b  wall_s  1    10       -      -      10    10   10   10       0+0
# -: no value (n=0), or not defined (sd and ±95% need 2 values, ±95% a mean other than 0)
EOF
	[ -z "$stderr" ]
	# A column with something to say is kept.
	printf 'name,wall_s\na,1\na,\na,3\n' > m.csv
	run -0 --separate-stderr perf-trend -f text m.csv
	assert_line --index 1 --regexp '^group +metric +n +missing +mean'
}

@test "malformed input is reported with file:line" {
	printf 'name,wall_s\nsort,0.1\nsort,0,2\n' > bad.csv
	run -2 --separate-stderr perf-trend bad.csv
	[ "$stderr" = "perf-trend: bad.csv:3: row has 3 fields, header has 2" ]
	printf 'name,wall_s\nsort,0.1\nsort,fast\n' > bad.csv
	run -2 --separate-stderr perf-trend bad.csv
	[ "$stderr" = "perf-trend: bad.csv:3: column 'wall_s': 'fast' is not a number" ]
	run -2 --separate-stderr perf-trend - < bad.csv
	[ "$stderr" = "perf-trend: <stdin>:3: column 'wall_s': 'fast' is not a number" ]
	[ -z "$output" ]
}

@test "empty input, a header only, no metric: exit 2 with file:line" {
	: > empty.csv
	run -2 --separate-stderr perf-trend empty.csv
	[ "$stderr" = "perf-trend: empty.csv:1: empty input: no header row" ]
	printf 'name,wall_s\n' > hdr.csv
	run -2 --separate-stderr perf-trend hdr.csv
	[ "$stderr" = "perf-trend: hdr.csv:2: empty input: no data rows" ]
	printf 'host,name\nh,x\n' > keys.csv
	run -2 --separate-stderr perf-trend keys.csv
	[ "$stderr" = "perf-trend: keys.csv:1: no metric column (numeric columns other than time and identifiers)" ]
	run -2 --separate-stderr perf-trend -m nope "$CASES/runs.csv"
	[ "$stderr" = "perf-trend: $CASES/runs.csv:1: no column 'nope' (named by --metric)" ]
}

@test "files are merged by name; one with no column in common is refused" {
	printf 'name,wall_s\na,1\n' > one.csv
	printf 'wall_s,name,user_s\n2,a,0.5\n' > two.csv
	run -0 --separate-stderr perf-trend -f csv -m wall_s one.csv two.csv
	assert_line "name=a,wall_s,n,2"
	assert_line "name=a,wall_s,mean,1.5"
	printf 'size\n1\n' > three.csv
	run -2 --separate-stderr perf-trend one.csv three.csv
	[ "$stderr" = "perf-trend: three.csv:1: no column in common with one.csv" ]
	printf 'name,wall_s\nb,slow\n' > four.csv
	run -2 --separate-stderr perf-trend one.csv four.csv
	[ "$stderr" = "perf-trend: four.csv:2: column 'wall_s': 'slow' is not a number" ]
	# A column named with a unit is a metric from the header on: a
	# first value that is no number is refused, not made a key.
	printf 'name,odd_ms\na,0x10\na,5\n' > five.csv
	run -2 --separate-stderr perf-trend five.csv
	[ "$stderr" = "perf-trend: five.csv:2: column 'odd_ms': '0x10' is not a number" ]
}

@test "empty fields are missing values, never zeros" {
	printf 'name,wall_s\na,1\na,\na,3\n' > m.csv
	run -0 --separate-stderr perf-trend -f csv m.csv
	assert_line "name=a,wall_s,n,2"
	assert_line "name=a,wall_s,missing,1"
	assert_line "name=a,wall_s,mean,2"
	assert_line "name=a,wall_s,min,1"
}

@test "--help > /dev/full exits 2 with a message (the shared stdout check)" {
	# --help writes only through stdio and leaves the check to
	# cli_close_stdout (common/util/cli.c), at exit.
	run -2 --separate-stderr sh -c 'perf-trend --help > /dev/full'
	[ "$stderr" = "perf-trend: <stdout>: write error: No space left on device" ]
	[ -z "$output" ]
}

@test "writing to a full disk exits 2 with a message" {
	local f
	for f in json csv text; do
		run -2 --separate-stderr sh -c 'perf-trend -f "$1" "$2" > /dev/full' \
		    sh "$f" "$CASES/runs.csv"
		[ "$stderr" = "perf-trend: <stdout>: write error: No space left on device" ]
	done
}

@test "-o writes the file whole; a failure leaves nothing behind" {
	mkdir o
	run -0 --separate-stderr perf-trend -o o/out.json "$CASES/runs.csv"
	[ -z "$output" ]
	check_json trend.schema.json o/out.json
	run -2 --separate-stderr perf-trend -o o/out2.json "$CASES/runs.csv" "$CASES/complexity-other.csv"
	run ls -A o
	assert_output "out.json"
}

@test "outputs pass the trend schema and the tidy table schema" {
	local a
	for a in "" "--compare commit=old,new" "--changepoints --by host,name" \
	    "--forecast mem_used_pct=90" "--complexity"; do
		case $a in
		--compare*) f=commits.csv ;;
		--change*) f=history.csv ;;
		--forecast*) f=samples.csv ;;
		--complexity) f=complexity.csv ;;
		*) f=runs.csv ;;
		esac
		perf-trend $a "$CASES/$f" > out.json
		check_json trend.schema.json out.json
		perf-trend -f csv $a "$CASES/$f" > out.csv
		check_csv trend-tidy.schema.json out.csv
	done
	perf-trend -b "$CASES/base.csv" "$CASES/cand.csv" > out.json
	check_json trend.schema.json out.json
}

@test "--fail-on regression exits 1 on a regression, 0 without one" {
	run -1 --separate-stderr perf-trend --fail-on regression -f csv --compare commit=old,new "$CASES/commits.csv"
	assert_line "host=ci1;name=sort,wall_s,compare.verdict,regressed"
	assert_line "host=ci1;name=sort,ops_per_s,compare.better,higher"
	assert_line "host=ci1;name=sort,ops_per_s,compare.verdict,regressed"
	run -0 --separate-stderr perf-trend --fail-on regression -f csv -b "$CASES/base.csv" "$CASES/base.csv"
	refute_line --partial "regressed"
	assert_line "host=ci1;name=sort,wall_s,compare.verdict,unchanged"
	run -0 --separate-stderr perf-trend --fail-on regression --higher-is-better wall_s -m wall_s -f csv --compare commit=old,new "$CASES/commits.csv"
	assert_line "host=ci1;name=sort,wall_s,compare.verdict,improved"
}

@test "too few samples are said, not papered over" {
	printf 'v,w\nold,1\nold,2\nnew,3\nnew,4\n' > few.csv
	run -0 --separate-stderr perf-trend -f csv --compare v=old,new few.csv
	assert_line "all,w,compare.notes.0,\"too few samples: n=2, need 3\""
	assert_line "all,w,compare.verdict,inconclusive"
	assert_line "all,w,compare.mann_whitney.p,"
	assert_line "v=old,w,notes.0,\"too few samples for median_ci: n=2, need 6\""
	run -2 --separate-stderr perf-trend --compare v=old,newer few.csv
	[ "$stderr" = "perf-trend: few.csv: no rows with v=newer (named by --compare)" ]
}

@test "descriptive statistics agree with numpy and scipy" {
	perf-trend -m wall_s,user_s "$CASES/runs.csv" > out.json
	run -0 $PY - "$CASES/runs.csv" out.json <<'EOF'
import csv, json, sys
import numpy as np
from scipy import stats
rows = list(csv.DictReader(open(sys.argv[1])))
doc = json.load(open(sys.argv[2]))
bad = 0
for g in doc["groups"]:
    for m, d in g["metrics"].items():
        x = np.array([float(r[m]) for r in rows if r["name"] == g["keys"]["name"]])
        want = {"n": len(x), "mean": x.mean(), "sd": x.std(ddof=1),
                "min": x.min(), "max": x.max(), "median": np.median(x),
                "mad": stats.median_abs_deviation(x),
                "cv": x.std(ddof=1) / abs(x.mean())}
        for q in (5, 25, 75, 90, 95, 99):
            want["p%d" % q] = np.percentile(x, q)
        lo, hi = stats.t.interval(0.95, len(x) - 1, x.mean(), stats.sem(x))
        want["mean_ci.lo"], want["mean_ci.hi"] = lo, hi
        for k, v in want.items():
            got = d[k.split(".")[0]][k.split(".")[1]] if "." in k else d[k]
            if abs(got - v) > 1e-9 * max(1, abs(v)):
                print(g["keys"], m, k, got, v); bad = 1
sys.exit(bad)
EOF
	assert_output ""
}

@test "comparisons agree with scipy" {
	perf-trend --compare commit=old,new -m wall_s "$CASES/commits.csv" > out.json
	run -0 $PY - "$CASES/commits.csv" out.json <<'EOF'
import csv, json, sys
from scipy import stats
rows = list(csv.DictReader(open(sys.argv[1])))
c = json.load(open(sys.argv[2]))["comparisons"][0]
a = [float(r["wall_s"]) for r in rows if r["commit"] == "old"]
b = [float(r["wall_s"]) for r in rows if r["commit"] == "new"]
mw = stats.mannwhitneyu(a, b, method="exact")
w = stats.ttest_ind(b, a, equal_var=False)  # candidate - baseline, as diff
checks = [(c["mann_whitney"]["u"], mw.statistic), (c["mann_whitney"]["p"], mw.pvalue),
          (c["welch"]["t"], w.statistic), (c["welch"]["p"], w.pvalue),
          (c["welch"]["diff"], sum(b) / len(b) - sum(a) / len(a))]
bad = [(g, v) for g, v in checks if abs(g - v) > 1e-9 * max(1, abs(v))]
print(bad if bad else "", end="")
sys.exit(1 if bad else 0)
EOF
	assert_output ""
}

@test "trends agree with scipy, and the forecast is in words" {
	perf-trend -m mem_used_pct --forecast mem_used_pct=90 "$CASES/samples.csv" > out.json
	run -0 $PY - "$CASES/samples.csv" out.json <<'EOF'
import csv, json, sys
from scipy import stats
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["host"] == "web1"]
t = json.load(open(sys.argv[2]))["groups"][0]["metrics"]["mem_used_pct"]["trend"]
x = [float(r["time"]) for r in rows]; y = [float(r["mem_used_pct"]) for r in rows]
lr = stats.linregress(x, y)
ts = stats.theilslopes(y, x, 0.95)
checks = [(t["ols"]["slope"], lr.slope), (t["ols"]["p"], lr.pvalue),
          (t["ols"]["r2"], lr.rvalue ** 2), (t["theil_sen"]["slope"], ts.slope),
          (t["theil_sen"]["slope_ci"]["lo"], ts.low_slope)]
bad = [(g, v) for g, v in checks if abs(g - v) > 1e-7 * max(1e-12, abs(v))]
print(bad if bad else t["forecast"]["text"], end="")
sys.exit(1 if bad else 0)
EOF
	assert_output "in 11.7 min (prediction interval 11.4 min to 12.1 min)"
}

@test "each value keeps its own row's x: metrics with gaps or starting late, against scipy" {
	# full: every row; gappy: every 7th row empty; late: from row 50.
	# The x are irregular, so a value read against another row's x would
	# change the slope.
	awk 'BEGIN { srand(3); t = 1700000000; print "time,host,full,gappy,late"
		for (i = 0; i < 400; i++) { t += 1 + int(10 * rand())
			printf "%d,h,%.3f,%s,%s\n", t, i * 0.5 + 3 * rand(),
			    i % 7 == 3 ? "" : sprintf("%.3f", 100 - i * 0.25 + 5 * rand()),
			    i < 50 ? "" : sprintf("%.3f", i * i * 0.01 + rand()) } }' > gaps.csv
	for mode in --memory=24 --exact; do
		perf-trend "$mode" gaps.csv > out.json
		run -0 $PY - gaps.csv out.json <<'EOF'
import csv, json, sys
from scipy import stats
rows = list(csv.DictReader(open(sys.argv[1])))
ms = json.load(open(sys.argv[2]))["groups"][0]["metrics"]
bad = []
for m in ("full", "gappy", "late"):
    pts = [(float(r["time"]), float(r[m])) for r in rows if r[m] != ""]
    lr = stats.linregress([p[0] for p in pts], [p[1] for p in pts])
    t = ms[m]["trend"]
    if t["n"] != len(pts) or abs(t["ols"]["slope"] - lr.slope) > 1e-9 * abs(lr.slope):
        bad.append((m, t["n"], len(pts), t["ols"]["slope"], lr.slope))
print(bad if bad else "", end="")
sys.exit(1 if bad else 0)
EOF
		assert_output ""
	done
}

@test "the same input and seed give the same bytes" {
	perf-trend --compare commit=old,new --seed 3 "$CASES/commits.csv" > a.json
	perf-trend --compare commit=old,new --seed 3 "$CASES/commits.csv" > b.json
	cmp a.json b.json
	perf-trend --compare commit=old,new --seed 4 "$CASES/commits.csv" > c.json
	! cmp -s a.json c.json
}

@test "many small groups past --memory stay exact: their sketches would be larger" {
	# 12,000 one-value groups: the first 8,192 spend 1 MiB, and the
	# rest were each folded into two sketches, which take more memory.
	awk 'BEGIN { print "time,name,wall_s"; for (i = 0; i < 12000; i++)
		printf "%d,b%d,%.3f\n", 1700000000 + i, i, 1 + i % 7 }' > g.csv
	run -0 --separate-stderr perf-trend -f csv --memory 1 g.csv
	[ "$(grep -c ',wall_s,quantiles,exact$' <<<"$output")" = 12000 ]
}

# Groups in random order, rows of a group far apart, runs that timed out
# or failed, a commit per row, a metric empty in its first rows.
many_groups() {
	awk -v n="$1" 'BEGIN { srand(3); print "time,host,name,commit,wall_s,late,timed_out,exit_status"
		for (i = 0; i < 10 * n; i++) { g = int(rand() * n)
			printf "%d,h%d,bench%d,c%d,%.4f,%s,%s,%d\n", 1700000000 + i,
			    g % 3, g, i, rand(), i < 500 ? "" : sprintf("%.3f", rand() - 0.5),
			    rand() < 0.05 ? "true" : "false", rand() < 0.03 } }' > many.csv
}

@test "more groups than --memory holds are read in waves, with the same output as all at once" {
	# 3,000 groups of about ten rows take ~2 MiB: --memory 1 holds a
	# few hundred at a time, --memory 4096 all of them.
	many_groups 3000
	for args in "-f json --changepoints" "-f csv" "-f text" "-f json --include-failed"; do
		# shellcheck disable=SC2086
		perf-trend $args --memory 1 many.csv | grep -v '"memory"' > waves.out
		# shellcheck disable=SC2086
		perf-trend $args --memory 4096 many.csv | grep -v '"memory"' > whole.out
		[ "$(wc -l < waves.out)" -gt 3000 ]
		cmp waves.out whole.out
	done
}

@test "without a temporary file for the waves, every group is held, with a warning" {
	many_groups 3000
	perf-trend -f csv --memory 4096 many.csv > whole.csv
	TMPDIR=$BATS_TEST_TMPDIR/none run -0 --separate-stderr perf-trend -f csv --memory 1 many.csv
	[ "$stderr" = "perf-trend: temporary file in $BATS_TEST_TMPDIR/none: No such file or directory; every group is held in memory" ]
	cmp <(printf '%s\n' "$output") whole.csv
}

@test "a full disk under the rows set aside is told before any output, wherever it fills" {
	many_groups 1000
	# A limit on the size of the files it writes (stdout is a pipe, to a
	# byte count): the temporary file is the one.  Its last buffered
	# block fails only when flushed, so the limits just under the least
	# that passes are the ones to try: each must fail before any output.
	at() { run --separate-stderr bash -c "trap '' XFSZ; ulimit -f $1
		perf-trend --memory 1 many.csv | wc -c; exit \${PIPESTATUS[0]}"; }
	lo=1 hi=8192
	while [ "$lo" -lt "$hi" ]; do
		mid=$(((lo + hi) / 2))
		at "$mid"
		if [ "$status" = 0 ]; then hi=$mid; else lo=$((mid + 1)); fi
	done
	at "$lo"
	[ "$status" = 0 ] && [ "$output" -gt 1000000 ]
	for k in 1 2 3 4; do
		at $((lo - k))
		[ "$status" = 2 ] && [ "$output" = 0 ]
		[ "$stderr" = "perf-trend: temporary file: write error: File too large" ]
	done
}

@test "a bad number in a row of a group left for a later wave is told before any output" {
	many_groups 3000
	echo "1800000000,h9,newbench,c9,abc,1,false,0" >> many.csv
	run -2 --separate-stderr perf-trend -f csv --memory 1 many.csv
	[ "$stderr" = "perf-trend: many.csv:30002: column 'wall_s': 'abc' is not a number" ]
	[ -z "$output" ]
}

@test "peak memory over 30,000 groups stays near --memory (release build: ASan's shadow is not ours)" {
	[[ $BIN != */asan ]] || skip "the sanitizer build's memory is not the program's"
	awk 'BEGIN { print "time,name,wall_s,user_s"; for (i = 0; i < 30000; i++)
		printf "%d,bench%d,%.4f,%.4f\n", 1700000000 + i, i, i % 7, i % 5 }' > g.csv
	# wait4's peak RSS, from a small C parent (a Python one counts its
	# own pages, copied into the child before the exec).
	cc -O2 -o rusage "$ROOT/bench/trend/rusage.c"
	rss() { ./rusage t "$@" > /dev/null && cut -d' ' -f3 t; }
	# Held whole, 30,000 groups of two metrics take about 19 MiB; in waves,
	# the peak is the program, its buffers and the MiB asked for.
	run -0 rss "$BIN/perf-trend" -f json --memory 1 g.csv
	[ "$output" -lt 8000 ]
	run -0 rss "$BIN/perf-trend" -f json --memory 256 g.csv
	[ "$output" -gt 16000 ]
	# Text aligns its tables over every row: the rows wait in a file
	# (all 120,000 cells of them in memory took 50 MiB).
	run -0 rss "$BIN/perf-trend" -f text --memory 1 g.csv
	[ "$output" -lt 8000 ]
}

@test "-f text: a table longer than memory keeps is aligned over all its rows, in order" {
	# 6,000 rows, the widest (99999) last: past the 4,096 rows a
	# table keeps in memory.
	awk 'BEGIN { print "time,name,wall_s"; for (i = 0; i < 6000; i++)
		printf "%d,b%04d,%s\n", 1700000000 + i, i, i == 5999 ? 99999 : i % 10 }' > t.csv
	for f in text markdown; do
		perf-trend -f "$f" t.csv > "out.$f"
	done
	# Every row of the descriptive table, in order, as long as the first
	# (in bytes: the header's ± is two).
	run -0 awk '/^# descriptive/ { on = 1; next } on && /^#/ { exit }
		on { n++; if (n == 2) w = length($0)
			if (n > 1 && ($1 != sprintf("name=b%04d", n - 2) || length($0) != w)) bad++ }
		END { print n - 1, bad + 0 }' out.text
	[ "$output" = "6000 0" ]
	grep -q '^name=b5999 wall_s 1 99999 - - 99999 ' <(tr -s ' ' < out.text)
	[ "$(grep -c '^| name=b[0-9]* | wall\\_s |' out.markdown)" = 6000 ]
}

@test "beyond --memory values go to the sketch, within its stated error" {
	awk 'BEGIN { print "host,v"; s = 1; for (i = 0; i < 300000; i++) {
		s = (s * 1103515245 + 12345) % 2147483648;
		printf "h%d,%.4f\n", i % 2, exp(10 * s / 2147483648) } }' > big.csv
	perf-trend -f csv --memory 1 big.csv > sk.csv
	perf-trend -f csv --exact big.csv > ex.csv
	grep -q '^host=h0,v,quantiles,sketch$' sk.csv
	grep -q '^host=h0,v,quantiles,exact$' ex.csv
	run -0 $PY - sk.csv ex.csv <<'EOF'
import csv, sys
sk = {(r["group"], r["statistic"]): r["value"] for r in csv.DictReader(open(sys.argv[1]))}
ex = {(r["group"], r["statistic"]): r["value"] for r in csv.DictReader(open(sys.argv[2]))}
worst = 0
for k in ex:
    if k[1] in ("median", "p5", "p25", "p75", "p90", "p95", "p99"):
        worst = max(worst, abs(float(sk[k]) / float(ex[k]) - 1))
        assert abs(float(sk[k]) - float(ex[k])) <= float(sk[(k[0], "error." + k[1])]), k
        assert abs(float(sk[k]) - float(ex[k])) <= float(sk[(k[0], "relative_error")]) * abs(float(ex[k])), k
    if k[1] == "relative_error":
        assert float(sk[k]) <= 0.01, k
    if k[1] in ("n", "missing", "mean", "min", "max"):
        assert abs(float(sk[k]) - float(ex[k])) <= 1e-9 * abs(float(ex[k])), k
print("ok" if worst <= 0.01 else worst, end="")
EOF
	assert_output "ok"
}

@test "every bound a sketch prints holds: 1e12 +- 1000, 60 decades, signed, constant, 200k rows" {
	run -0 --separate-stderr $PY "$BATS_TEST_DIRNAME/stats/check_sketch.py" "$BIN"
	refute_output --partial "not ok"
}

@test "from a zero baseline median any significant increase counts" {
	printf 'v,faults_count\na,0\na,0\na,0\na,0\na,0\nb,3\nb,4\nb,5\nb,3\nb,6\n' > z.csv
	run -1 --separate-stderr perf-trend -f csv --fail-on regression -c v=a,b z.csv
	assert_line "all,faults_count,compare.change_pct,"
	assert_line "all,faults_count,compare.verdict,regressed"
	assert_line "all,faults_count,compare.notes.0,ratio of medians not defined: baseline median is 0"
}

@test "a metric with no values at all is compared without a crash" {
	printf 'v,wall_s,max_rss_kib\na,1,\na,2,\na,3,\nb,1,\nb,2,\nb,3,\n' > e.csv
	run -0 --separate-stderr perf-trend -f csv -c v=a,b e.csv
	[ "$stderr" = "" ]
	assert_line 'all,max_rss_kib,compare.notes.0,"too few samples: n=0, need 3"'
	assert_line "all,max_rss_kib,compare.verdict,inconclusive"
}

@test "negative values: a lower-is-better metric that rises regressed" {
	{
		echo v,offset_ms
		for x in -10.0 -10.2 -10.4 -10.1 -10.3 -10.2; do echo a,$x; done
		for x in -8.0 -8.1 -8.2 -8.1 -8.0 -8.2; do echo b,$x; done
	} > neg.csv
	run -1 --separate-stderr perf-trend -f csv --fail-on regression -c v=a,b neg.csv
	assert_line "all,offset_ms,compare.change_pct,20.5882352941"
	assert_line "all,offset_ms,compare.verdict,regressed"
}

@test "which way is better comes from whole words, not substrings" {
	{
		echo v,frame_hitch_ms,unfreeze_latency_ms,mem_free_kib
		for x in 10 11 12 10 11 12; do echo a,$x,$x,$x; done
		for x in 12 13 14 12 13 15; do echo b,$x,$x,$x; done
	} > w.csv
	run -1 --separate-stderr perf-trend -f csv --fail-on regression -c v=a,b w.csv
	assert_line "all,frame_hitch_ms,compare.better,lower"
	assert_line "all,frame_hitch_ms,compare.verdict,regressed"
	assert_line "all,unfreeze_latency_ms,compare.verdict,regressed"
	assert_line "all,mem_free_kib,compare.better,higher"
	assert_line "all,mem_free_kib,compare.verdict,improved"
}

@test "percentages: 5% and 0.05 are the same, a bare 1 or 90 is ambiguous" {
	printf 'v,w\na,1\na,2\na,3\nb,1\nb,2\nb,3\n' > p.csv
	run -0 --separate-stderr perf-trend -t 5% -f csv -c v=a,b p.csv
	a=$output
	run -0 --separate-stderr perf-trend -t 0.05 -f csv -c v=a,b p.csv
	[ "$output" = "$a" ]
	run -0 --separate-stderr perf-trend --confidence 99.9% -f csv -c v=a,b p.csv
	run -2 --separate-stderr perf-trend -t 1 p.csv
	[ "$stderr" = "perf-trend: threshold '1': ambiguous: write a percentage with % (1%) or a fraction below 1 (0.01)" ]
	run -2 --separate-stderr perf-trend --confidence 90 p.csv
	[ "$stderr" = "perf-trend: confidence '90': ambiguous: write a percentage with % (90%) or a fraction below 1 (0.9)" ]
}

@test "a forecast of a level already passed says so, and since when" {
	{
		echo time,mem_used_pct
		for i in $(seq 0 29); do
			awk -v i=$i 'BEGIN { printf "%d,%.2f\n", 1700000000 + 60 * i, 91 + 4 * i / 29 + (i % 2 ? 0.05 : -0.05) }'
		done
	} > m.csv
	run -0 --separate-stderr perf-trend -f csv --forecast mem_used_pct=90 m.csv
	assert_line "all,mem_used_pct,trend.forecast.status,reached"
	assert_line --regexp '^all,mem_used_pct,trend.forecast.text,"?already reached, [0-9.]+ (min|h) before the last sample"?$'
	printf 'time,v\n1,5\n2,5.1\n3,4.9\n4,5\n5,5.1\n6,4.9\n' > f.csv
	run -0 --separate-stderr perf-trend -f csv --forecast v=90 f.csv
	assert_line "all,v,trend.forecast.status,no_trend"
	assert_line "all,v,trend.forecast.text,no significant trend"
}

@test "--fail-on regression fails loudly when nothing was compared" {
	printf 'host,name,wall_s\nci1,sort,1\nci1,sort,1.1\nci1,sort,1.2\n' > b.csv
	printf 'host,name,wall_s\nci2,sort,2\nci2,sort,2.1\nci2,sort,2.2\n' > c.csv
	run -2 --separate-stderr perf-trend --fail-on regression -f csv -b b.csv c.csv
	[ "$stderr" = "perf-trend: --fail-on regression: nothing was compared: no group of the candidate matches the baseline (baseline: host=ci1;name=sort; candidate: host=ci2;name=sort); match groups with --by (e.g. --by name), or record a key that stays the same across runs" ]
	run -0 --separate-stderr perf-trend --fail-on regression --by name -f csv -b b.csv c.csv
	assert_line "name=sort,wall_s,compare.verdict,inconclusive"
	printf 'host,name,cpu_s\nci1,sort,2\nci1,sort,2.1\nci1,sort,2.2\n' > d.csv
	run -2 --separate-stderr perf-trend --fail-on regression -f csv -b b.csv d.csv
	[ "$stderr" = "perf-trend: --fail-on regression: nothing was compared: the groups match but share no metric; match groups with --by (e.g. --by name), or record a key that stays the same across runs" ]
	run -0 --separate-stderr perf-trend -f csv -b b.csv c.csv
}

@test "timed-out and failed runs are left out of the statistics and counted" {
	printf 'name,wall_s,exit_status,signal,timed_out\n' > to.csv
	printf 'sl,0.05,0,,0\nsl,0.052,0,,0\nsl,0.054,0,,0\nsl,0.2,,9,1\nsl,0.2,,9,1\nsl,0.01,1,,0\n' >> to.csv
	run -0 --separate-stderr perf-trend -f csv -m wall_s to.csv
	assert_line "name=sl,wall_s,n,3"
	assert_line "name=sl,wall_s,mean,0.052"
	run -0 --separate-stderr perf-trend -m wall_s to.csv
	[ "$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["groups"][0]["excluded"])' <<<"$output")" = "{'timed_out': 2, 'failed': 1}" ]
	perf-trend to.csv > to.json
	check_json trend.schema.json to.json
	run -0 --separate-stderr perf-trend -f csv -m wall_s --include-failed to.csv
	assert_line "name=sl,wall_s,n,4"
	run -0 --separate-stderr perf-trend -f text -m wall_s to.csv
	assert_line "# name=sl: left out of the statistics: 2 timed-out runs (censored: only a lower bound), 1 failed run (--include-failed keeps them)"
}

@test "--higher-is-better refuses a column that does not exist" {
	printf 'v,w\na,1\n' > h.csv
	run -2 --separate-stderr perf-trend --higher-is-better nosuch h.csv
	[ "$stderr" = "perf-trend: h.csv:1: no metric column 'nosuch' (named by --higher-is-better)" ]
}

@test "change points: none found is said, with what was tested; short series are not 'no trend'" {
	{ echo time,v; for i in $(seq 1 40); do echo "$i,$((i % 3))"; done; } > cp.csv
	run -0 --separate-stderr perf-trend -f text --changepoints cp.csv
	assert_line "# change points: none found (E-divisive and PELT, 1 series in 1 group)"
	printf 'time,v,name\n1,1,a\n2,2,a\n1,1,b\n' > u.csv
	run -0 --separate-stderr perf-trend -f text u.csv
	assert_line "# 2 series too short to test for a trend (fewer than 3 values with an x)"
	refute_line --partial "no significant trend"
}

@test "a significant change smaller than the threshold is within_threshold" {
	{
		echo v,wall_s
		for x in 1.00 1.01 0.99 1.00 1.02 0.98 1.00 1.01; do echo a,$x; done
		for x in 1.10 1.11 1.09 1.10 1.12 1.08 1.10 1.11; do echo b,$x; done
	} > t.csv
	run -0 --separate-stderr perf-trend -t 15% -f csv --fail-on regression -c v=a,b t.csv
	assert_line "all,wall_s,compare.verdict,within_threshold"
	run -1 --separate-stderr perf-trend -t 5% -f csv --fail-on regression -c v=a,b t.csv
	assert_line "all,wall_s,compare.verdict,regressed"
}

@test "perf-time's own timed_out (true, false): every run timed out is a result, not an error" {
	printf 'name,wall_s,exit_status,signal,timed_out\ns,0.05,0,,false\ns,0.06,0,,false\ns,0.2,,9,true\n' > tf.csv
	run -0 --separate-stderr perf-trend -f csv -m wall_s tf.csv
	assert_line "name=s,wall_s,n,2"
	printf 'name,wall_s,timed_out\ns,1,true\ns,1,true\n' > all.csv
	run -0 --separate-stderr perf-trend -f text all.csv
	assert_line "# name=s: left out of the statistics: 2 timed-out runs (censored: only a lower bound), 0 failed runs"
}

@test "--complexity fits a perf-time scan whose command holds the parameter" {
	{
		echo name,command,param_n,wall_s
		for n in 1000 2000 4000 8000; do
			for r in 1 2 3; do
				awk -v n=$n -v r=$r 'BEGIN { printf "s {n},sort %d,%d,%.6f\n", n, n, n * 1e-6 * (1 + r / 1000) }'
			done
		done
	} > scan.csv
	run -0 --separate-stderr perf-trend -f csv --complexity -m wall_s scan.csv
	assert_line "name=s {n},wall_s,complexity.best,O(n)"
	printf 'name,param_n,wall_s\na,1,1\n' > one.csv
	run -0 --separate-stderr perf-trend -f text --complexity -m wall_s one.csv
	assert_line --regexp '^# name=a wall_s: no fit: .+'
}

@test "a complexity fit whose runner-up fits almost as well says so" {
	{
		echo name,param_n,wall_s
		# Sizes too close together to tell n from n log n.
		for n in 1000 1100 1200; do
			awk -v n=$n 'BEGIN { printf "s,%d,%.6f\ns,%d,%.6f\n", n, n * log(n) * 1e-7, n, n * log(n) * 1.02e-7 }'
		done
	} > close.csv
	run -0 --separate-stderr perf-trend -f text close.csv
	assert_line --regexp '^# name=s wall_s: O\(n( log n)?\) fits almost as well \(nrms [0-9.]+ against [0-9.]+\): the class is not certain$'
	perf-trend close.csv > close.json
	check_json trend.schema.json close.json
}

@test "constant samples: the undefined tests are said; one and the same constant is unchanged" {
	printf 'v,w\na,5\na,5\na,5\nb,5\nb,5\nb,5\n' > c5.csv
	run -0 --separate-stderr perf-trend -f csv -c v=a,b c5.csv
	assert_line "all,w,compare.verdict,unchanged"
	assert_line --partial "both samples are the same constant"
	printf 'v,w\na,5\na,5\na,5\nb,6\nb,6\nb,6\n' > c6.csv
	run -0 --separate-stderr perf-trend -f csv -c v=a,b c6.csv
	assert_line --partial "both samples are constant: Welch's t and TOST are undefined"
}

@test "Theil-Sen on a sample of a long series is not called exact" {
	{ echo time,v; for i in $(seq 1 1200); do echo "$i,$((i % 7 + i / 100))"; done; } > ts.csv
	run -0 --separate-stderr perf-trend -f csv ts.csv
	assert_line "all,v,trend.theil_sen.exact,false"
	assert_line "all,v,trend.notes.0,\"Theil-Sen fitted on one value in 3 (400 of the series), not all: an estimate\""
	head -301 ts.csv > short.csv
	run -0 --separate-stderr perf-trend -f csv short.csv
	assert_line "all,v,trend.theil_sen.exact,true"
}

# 1000 iid values (kind lognormal or cauchy) from a seeded minstd generator,
# in awk's exact double arithmetic.
iid() {
	awk -v kind="$1" -v x="$2" '
	function u() { x = (x * 48271) % 2147483647; return x / 2147483647 }
	BEGIN {
		print "time,v"
		for (i = 1; i <= 1000; i++) {
			if (kind == "cauchy") {
				a = 3.141592653589793 * (u() - 0.5)
				v = sin(a) / cos(a)
			} else
				v = exp(sqrt(-2 * log(u())) * cos(6.283185307179586 * u()))
			printf "%d,%.9g\n", i, v
		}
	}'
}

@test "PELT on skewed and heavy-tailed iid noise: few change points, each marked not significant" {
	local kind seed n ns
	for kind in lognormal cauchy; do
		for seed in 1 2 3; do
			iid $kind $seed > noise.csv
			perf-trend -f csv --changepoints noise.csv > out.csv
			n=$(grep -c '^all,v,changepoints\.pelt\.[0-9]*\.index,' out.csv || true)
			ns=$(grep -c '^all,v,changepoints\.pelt\.[0-9]*\.significant,false$' out.csv || true)
			echo "$kind seed $seed: $n PELT points, $ns not significant"
			# Before: 20-60 per 1000 points, every one unmarked.
			[ "$n" -le 5 ]
			[ "$ns" -eq "$n" ]
		done
	done
	iid cauchy 1 > noise.csv
	run -0 --separate-stderr perf-trend -f text --changepoints noise.csv
	assert_line --regexp '^# change points .*n\.s\.: not significant, Holm\)$'
	assert_line --regexp '^all +v +pelt +5 .* 0\.3745 n\.s\.$'
	perf-trend --changepoints noise.csv > out.json
	check_json trend.schema.json out.json
	run -0 jq -c '.groups[0].metrics.v.changepoints | [.pelt[].significant, .notes]' out.json
	assert_output '[false,["1 of 1 PELT change points not significant (Welch p, Holm-adjusted over the series'"'"' PELT points, above 0.05)"]]'
}

@test "a scan of names (param_algo=cat,cksum) is read, and not fitted, with the reason" {
	printf '%s\n' 'time,host,name,command,param_algo,run,wall_s,exit_status' \
	    '1,h,x,cat f,cat,1,0.5,0' '2,h,x,cat f,cat,2,0.6,0' \
	    '3,h,x,cksum f,cksum,1,0.9,0' '4,h,x,cksum f,cksum,2,1.0,0' > names.csv
	# Before: "names.csv:2: column 'param_algo': 'cat' is not a number", exit 2.
	run -0 --separate-stderr perf-trend -f text names.csv
	assert_line "# complexity: not fitted: names.csv:2: column 'param_algo': 'cat' is not a number"
	perf-trend names.csv > out.json
	check_json trend.schema.json out.json
	run -0 jq -c '[.options.complexity, .columns.key, [.groups[].keys.param_algo]]' out.json
	assert_output '[null,["host","name","command","param_algo"],["cat","cksum"]]'
	# Asked for by name, it is an error still.
	run -2 --separate-stderr perf-trend --complexity=param_algo names.csv
	[ "$stderr" = "perf-trend: names.csv:2: column 'param_algo': 'cat' is not a number" ]
	# And perf-report reports it.
	run -0 --separate-stderr perf-report names.csv
	assert_line --partial "complexity: not fitted: names.csv:2: column 'param_algo'"
}

@test "-f text fits 100 columns: groups on lines of their own, further columns in blocks; --wide keeps each row on one line" {
	{
		echo time,host,name,wall_s,user_s
		for i in 1 2 3 4 5 6; do
			echo "$i,h,a command line long enough to widen the group column past what fits,0.$i,0.0$i"
			echo "$((i + 10)),h,another command line as long as that one so both are as wide,1.$i,0.1$i"
		done
	} > wide.csv
	run -0 --separate-stderr perf-trend -f text wide.csv
	within_100 "$output"
	assert_line --index 1 --regexp '^  metric +n +mean '
	assert_line 'host=h;name=a command line long enough to widen the group column past what fits'
	assert_line --regexp '^  wall_s +6 +0\.35 '
	run -0 --separate-stderr perf-trend -f text --wide wide.csv
	assert_line --regexp '^host=h;name=a command line long enough to widen the group column past what fits +wall_s +6 +0\.35 '
	run -0 --separate-stderr perf-trend -f text -w wide.csv
	assert_line --regexp '^group +metric +n +mean '
	# A group's own line longer than the width: broken, the rest indented.
	n=$(printf 'abcdefghij%.0s' 1 2 3 4 5 6 7 8 9 10)
	printf 'time,host,name,wall_s
1,h,%s,1
2,h,%s,2
' "$n" "$n" > longname.csv
	run -0 --separate-stderr perf-trend -f text longname.csv
	within_100 "$output"
	assert_line "    ijabcdefghij"
}

@test "change points when every series is too short: none tested, and how to join them" {
	{
		echo time,host,name,commit,run,wall_s
		for c in 10 11 12 13 14 15 16 17 18 19 20 21; do
			for r in 1 2 3; do echo "$c$r,h,bench,c$c,$r,1.$c$r"; done
		done
	} > short.csv
	run -0 --separate-stderr perf-trend -f text --changepoints short.csv
	assert_line "# change points: none tested: each of the 12 series has too few values (at most 3); the key columns (host, name, commit) may split a history into groups of a few rows: --by with fewer keys joins them"
	refute_line --partial "none found"
	run -0 --separate-stderr perf-trend -f text --changepoints --by name short.csv
	refute_line --partial "none tested"
}

@test "JSON numbers keep 15 significant digits: values on a large offset read right" {
	{
		echo time,host,v
		for i in 0 1 2 3 4 5 6 7 8 9; do echo "$i,h,100000000089$i.5"; done
	} > offset.csv
	perf-trend -m v offset.csv > out.json
	# Before: 12 digits, "median": 1.0000000009e12 against 1000000000895.
	run -0 jq -r '.groups[0].metrics.v | "\(.median) \(.min) \(.max)"' out.json
	assert_output "1000000000895 1000000000890.5 1000000000899.5"
}

@test "a metric whose first value is out of range or not finite is refused with the reason, not taken for a key" {
	printf 'time,name,wall_s\n1,a,1e400\n2,a,0.5\n' > big.csv
	run -2 --separate-stderr perf-trend big.csv
	[ "$stderr" = "perf-trend: big.csv:2: column 'wall_s': '1e400' is beyond the range of a double" ]
	printf 'time,name,wall_s\n1,a,NaN\n2,a,0.5\n' > nan.csv
	run -2 --separate-stderr perf-trend nan.csv
	[ "$stderr" = "perf-trend: nan.csv:2: column 'wall_s': 'NaN' is not a finite number (a missing value is an empty field)" ]
	printf 'time,name,wall_s\n1,a,0.5\n2,a,-inf\n' > inf.csv
	run -2 --separate-stderr perf-trend inf.csv
	[ "$stderr" = "perf-trend: inf.csv:3: column 'wall_s': '-inf' is not a finite number (a missing value is an empty field)" ]
}

@test "--forecast twice for one metric is refused, not the first dropped" {
	run -2 --separate-stderr perf-trend --forecast mem_used_pct=90 --forecast mem_used_pct=75 x.csv
	[ "$stderr" = "perf-trend: forecast 'mem_used_pct=75': mem_used_pct has one already (mem_used_pct=90): one level a metric" ]
}

@test "a comparison says which runs were left out (timed out, failed), in its notes and under the text table" {
	{
		echo time,host,name,run,wall_s,exit_status,timed_out
		for i in 1 2 3 4 5 6 7 8 9; do echo "$i,h,base,$i,0.10$i,0,false"; done
		for i in 1 2 3 4 5; do
			echo "$((i + 20)),h,cand,$i,0.12$i,0,false"
			echo "$((i + 30)),h,cand,$((i + 5)),0.3,,true"
		done
		echo "40,h,base,10,0.2,1,false"
	} > to.csv
	run -0 --separate-stderr perf-trend -c name=base,cand to.csv
	run -0 jq -r '.comparisons[] | select(.metric == "wall_s") | .notes[]' <<< "$output"
	assert_output "runs left out: baseline 1 failed, candidate 5 timed out (a timed-out run took at least its timeout: the change shown leaves them out)"
	run -0 --separate-stderr perf-trend -f text -c name=base,cand to.csv
	assert_line "# host=h: runs left out: baseline 1 failed, candidate 5 timed out (a timed-out run took at least its timeout: the change shown leaves them out)"
}

@test "-f text: a sketched median shows its bound (a sketch that can only place it within 100% says so)" {
	awk 'BEGIN { srand(3); print "time,host,v"; for (i = 0; i < 200000; i++) printf "%d,h,%.6g\n", i, 10 ^ (60 * rand() - 30) }' > dec.csv
	run -0 --separate-stderr perf-trend -f text --memory 1 dec.csv
	assert_line --regexp '^  v +sketch ±>100%$'
	awk 'BEGIN { srand(4); print "time,host,v"; for (i = 0; i < 200000; i++) printf "%d,h,%.4f\n", i, 100 + rand() }' > near.csv
	run -0 --separate-stderr perf-trend -f text --memory 1 near.csv
	assert_line --regexp ' v .* sketch ±[0-9.]+(e-?[0-9]+)?%$'
	refute_line --partial '>100%'
}

@test "-c on a column another key follows: nothing compared, and the --by that matches them" {
	{
		echo time,host,name,command,wall_s
		for i in 1 2 3 4 5 6; do
			echo "$i,h,fast,sleep 1,0.$i"
			echo "$((i + 10)),h,slow,sleep 2,1.$i"
		done
	} > two.csv
	run -0 --separate-stderr perf-trend -f text -c 'command=sleep 1,sleep 2' two.csv
	assert_line "# nothing compared: the two sides' groups differ in name; --by host matches them"
	run -0 --separate-stderr perf-trend -f text --by host -c 'command=sleep 1,sleep 2' two.csv
	assert_line --regexp '^(host=h +|  )wall_s .* regressed$'
}

@test "-f text: every - has its reason under the table" {
	{
		echo time,host,name,v,w
		for i in 1 2 3 4 5 6; do echo "$i,h,base,0,0.5"; echo "$((i + 10)),h,cand,0,0.5"; done
	} > zero.csv
	run -0 --separate-stderr perf-trend -f text -c name=base,cand zero.csv
	assert_line "# -: no value (n=0), or not defined (sd and ±95% need 2 values, ±95% a mean other than 0)"
	assert_line "# change, ratio_ci, p: - where not defined: constant samples, or a baseline median of 0 (the notes of -f json say which)"
	awk 'BEGIN { print "time,v"; for (i = 0; i < 1000; i++) print i "," i % 7 + i / 100 }' > long.csv
	run -0 --separate-stderr perf-trend -f text long.csv
	assert_line "# theil_sen: on series over 512 values, fitted on every k-th value, an estimate (-f json says which)"
}

@test "a time that only looks better because the candidate's slow runs timed out is inconclusive, not improved" {
	{
		echo time,host,name,run,wall_s,exit_status,timed_out
		for i in 1 2 3 4 5 6 7 8; do echo "$i,h,base,$i,0.10$i,0,false"; done
		for i in 1 2 3 4 5 6; do
			echo "$((i + 20)),h,cand,$i,0.05$i,0,false"
			echo "$((i + 30)),h,cand,$((i + 6)),0.15,,true"
		done
	} > cens.csv
	run -0 --separate-stderr perf-trend -c name=base,cand cens.csv
	run -0 jq -r '.comparisons[] | select(.metric == "wall_s") | .verdict, .notes[-1]' <<< "$output"
	assert_output "inconclusive
inconclusive: improved without the timed-out runs (the candidate's), which took at least the timeout and could change it"
	run -0 --separate-stderr perf-trend -f text -c name=base,cand cens.csv
	assert_line "# host=h wall_s: inconclusive: improved without the timed-out runs (the candidate's), which took at least the timeout and could change it"
	run -0 --separate-stderr perf-report --no-charts cens.csv
	assert_line --partial "h: runs left out: baseline none, candidate 6 timed out"
	assert_line --partial "h wall_s: inconclusive: improved without the timed-out runs"
}

@test "-f text: control characters from the data are made visible, never sent to the terminal or breaking a row" {
	printf 'time,host,name,wall_s\n1,h,"a\nb",1\n2,h,"a\nb",1.5\n3,h,"\033[31mred\tx",2\n4,h,"\033[31mred\tx",2.5\n' > ctl.csv
	for w in "" -w; do
		run -0 --separate-stderr perf-trend -f text $w ctl.csv
		! grep -q $'\033\|\t' <<< "$output"
		assert_line --regexp '(^|  )host=h;name=a\\nb( |$)'
		assert_line --regexp '(^|  )host=h;name=\\x1b\[31mred\\tx( |$)'
	done
}

@test "-f text: two groups of one name and two commands read apart (the second labelled whole)" {
	printf 'time,host,name,command,run,wall_s\n1,h,a,cmd1,1,1.0\n2,h,a,cmd1,2,1.1\n3,h,a,cmd2,1,2.0\n4,h,a,cmd2,2,2.1\n' > twocmd.csv
	run -0 --separate-stderr perf-trend -f text twocmd.csv
	assert_line --regexp '^host=h;name=a +wall_s +2 +1\.05 '
	assert_line --regexp '^host=h;name=a;command=cmd2 +wall_s +2 +2\.05 '
}
