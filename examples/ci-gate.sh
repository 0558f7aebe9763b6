#!/bin/sh
# ci-gate.sh - a CI job step: benchmark the baseline build and the candidate
# build of a program side by side (interleaved, so drift and heat favour
# neither), keep the runs as an artifact, and fail the job on a significant
# regression larger than the threshold (OUTDIR/junit.xml says which).
#
#   sh examples/ci-gate.sh BASELINE_CMD CANDIDATE_CMD [OUTDIR]
#   e.g. sh examples/ci-gate.sh './old/app --bench' './new/app --bench' artifacts
#
# RUNS (20), THRESHOLD (2%) and METRICS (wall_s,user_s,sys_s,max_rss_kib)
# can be set in the environment. A command of a few milliseconds has a CPU
# time near the clock's grain, where a busy runner can double it: gate such
# a command on METRICS=wall_s, or give it more work per run.
#
# Exit status: 0 no regression, 1 a regression, 2 trouble (as perf-trend).
set -eu
[ $# -ge 2 ] || { echo "usage: ci-gate.sh BASELINE_CMD CANDIDATE_CMD [OUTDIR]" >&2; exit 2; }
out=${3:-perfpipe-ci}
runs=${RUNS:-20}
threshold=${THRESHOLD:-2%}
metrics=${METRICS:-wall_s,user_s,sys_s,max_rss_kib}
mkdir -p "$out"
perf-time -q -w 2 -r "$runs" --interleave -n baseline "$1" -n candidate "$2" \
	> "$out/runs.csv"
perf-trend -c name=baseline,candidate -t "$threshold" -m "$metrics" \
	-o "$out/trend.json" "$out/runs.csv" || true
# The verdict, readable in the CI log, as JUnit XML for the CI's test
# page, and the gate itself.
perf-trend -f text -c name=baseline,candidate -t "$threshold" \
	-m "$metrics" --junit "$out/junit.xml" \
	--fail-on regression "$out/runs.csv"
