#!/bin/sh
# prometheus.sh - feed a fleet's Prometheus through node_exporter's textfile
# collector: perf-sample keeps one .prom file holding the latest sample,
# replaced atomically each interval, so the collector never reads half a
# file.  Run it under a service manager on every host (with systemd:
# perfpipe-textfile.service beside this script).
#
#   sh examples/prometheus.sh [DIR]   (default /var/lib/prometheus/node-exporter)
#
# INTERVAL sets the sampling interval (default 15s, the usual scrape
# interval; any perf-sample duration, e.g. 250ms).
set -eu
dir=${1:-/var/lib/prometheus/node-exporter}
interval=${INTERVAL:-15s}
mkdir -p "$dir"
exec perf-sample -i "$interval" --per-disk --per-net --format prometheus "$dir/perfpipe.prom"
