#!/bin/sh
# quickstart.sh - the first command to run: installs what is missing (from
# Debian's packages), builds perfpipe, then runs its main job on this
# machine: samples the system for 10 seconds while benchmarking two
# compression levels, summarises both with perf-trend, looks for
# bottlenecks (perf-bottleneck), checks whether the numbers can be trusted
# (perf-validate) and writes the report (perf-report).
#
#   sh examples/quickstart.sh [OUTDIR]      (default: ./perfpipe-out)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-perfpipe-out}
bin=$top/build
"$top/.ci/deps"
ninja -C "$top" >/dev/null
mkdir -p "$out"
rm -f "$out/samples.csv" "$out/runs.csv"

# Some data to compress: the perfpipe sources, repeated to ~4 MB.
data=$out/data.bin
: > "$data"
while [ "$(wc -c < "$data")" -lt 4000000 ]; do
	cat "$top"/common/*/*.c "$top"/cmd/*/*.c >> "$data"
done

echo "== sampling this machine for 10 s (perf-sample -i 1s -n 10) ..."
"$bin/perf-sample" -i 1s -n 10 -o "$out/samples.csv" &
sampler=$!
echo "== meanwhile benchmarking gzip -1 against gzip -9 (perf-time) ..."
"$bin/perf-time" --summary -w 1 -m 10 --min-time 2s --interleave \
	--input "$data" -n gzip-1 'gzip -1' -n gzip-9 'gzip -9' > "$out/runs.csv"
wait "$sampler"

rows=$(($(wc -l < "$out/samples.csv") - 1))
cols=$(head -n 1 "$out/samples.csv" | tr ',' '\n' | wc -l)
echo
echo "== $out/samples.csv: $rows samples x $cols columns (schemas/samples.schema.json)"
echo "   $(head -n 1 "$out/samples.csv" | cut -d, -f1-12),..."
echo
"$bin/perf-trend" -f text -m cpu_busy_pct,cpu_iowait_pct,load1,mem_used_pct,disk_write_bytes_per_s,ctxt_per_s \
	"$out/samples.csv"
echo
echo "== $out/runs.csv: one row per run (schemas/runs.schema.json); gzip -9 against gzip -1:"
"$bin/perf-trend" -f text -m wall_s,user_s,max_rss_kib -c name=gzip-1,gzip-9 "$out/runs.csv" |
	sed -n '/^# comparison/,$p'

echo
echo "== bottlenecks (perf-bottleneck), trust (perf-validate), the report (perf-report) ..."
"$bin/perf-bottleneck" -o "$out/findings.json" "$out/samples.csv"
# perf-validate exits 1 when a check fails: the report says which.
"$bin/perf-validate" -o "$out/validation.json" "$out/samples.csv" "$out/runs.csv" || [ $? -eq 1 ]
"$bin/perf-report" -o "$out/report" "$out/samples.csv" "$out/runs.csv" \
	"$out/findings.json" "$out/validation.json"
echo
sed -n '/^Summary$/,/^$/p' "$out/report/report.txt"
echo "== the report: $out/report/report.html (one page, charts inline), report.txt,"
echo "   report.md, report.json, the charts as SVG and PNG, their data in data/"
echo
echo "Next: perf-report --live (perf-sample | perf-report --live); man cmd/perf-report/perf-report.1; README.md"
