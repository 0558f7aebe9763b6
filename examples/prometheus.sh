#!/bin/sh
# prometheus.sh - feed a fleet's Prometheus through node_exporter's textfile
# collector: perf-sample keeps one .prom file holding the latest sample,
# replaced atomically each interval, so the collector never reads half a
# file.  Run it under a service manager on every host.
#
#   sh examples/prometheus.sh [DIR]   (default /var/lib/prometheus/node-exporter)
set -eu
dir=${1:-/var/lib/prometheus/node-exporter}
mkdir -p "$dir"
exec perf-sample -i 15s --per-disk --per-net --format prometheus "$dir/perfpipe.prom"
