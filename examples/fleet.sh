#!/bin/sh
# fleet.sh - one bottleneck report over a fleet: the samples files of
# several hosts (each row carries its `host`), merged by column name, so a
# host sampled with --per-cpu and one without still make one table.
# Collect the files however the hosts already share files, e.g.
#     for h in web1 web2 db1; do rsync -a "$h:/var/log/perfpipe/" "fleet/$h/"; done
#
#   sh examples/fleet.sh DIR [OUTDIR]   (every *.csv below DIR; default OUTDIR fleet-out)
#
# Writes OUTDIR/findings.json (the findings and a health score per host),
# OUTDIR/fleet.md (Markdown, for a wiki or a job summary), OUTDIR/fleet.xml
# (JUnit: a test case per host and rule) and OUTDIR/hosts.txt (each host's
# statistics, perf-trend by host), and prints the text report.
# Exit status: 0, 1 when a host has a critical finding (FAIL_ON, default
# critical), 2 trouble.
set -eu
[ $# -ge 1 ] || { echo "usage: fleet.sh DIR [OUTDIR]" >&2; exit 2; }
dir=$1
out=${2:-fleet-out}
fail_on=${FAIL_ON:-critical}
[ -d "$dir" ] || { echo "fleet.sh: $dir: not a directory" >&2; exit 2; }
files=$(find "$dir" -name '*.csv' -type f | LC_ALL=C sort)
[ -n "$files" ] || { echo "fleet.sh: $dir: no .csv files" >&2; exit 2; }
mkdir -p "$out"
# shellcheck disable=SC2086 # one word per file: names without blanks
set -- $files
perf-bottleneck -o "$out/findings.json" "$@"
perf-bottleneck -f markdown -o "$out/fleet.md" "$@"
perf-trend -f text --by host -m cpu_busy_pct,mem_used_pct,load1 -o "$out/hosts.txt" "$@"
status=0
perf-bottleneck -f text --fail-on "$fail_on" --junit "$out/fleet.xml" "$@" || status=$?
exit "$status"
