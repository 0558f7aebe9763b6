#!/usr/bin/python3
"""check_validate.py - perf-validate's run statistics against independent
implementations in numpy and scipy.

Usage: /usr/bin/python3 tests/stats/check_validate.py VALIDATION.json RUNS.csv
(the JSON is perf-validate's output for RUNS.csv, one group of runs).
Prints TAP, one test per value checked; |got - want| <= 1e-9 * |want| + 1e-12
(the JSON keeps 12 significant digits).

  autocorrelation  lag-1: sum (x_i - m)(x_i+1 - m) / sum (x_i - m)^2 in numpy
  bimodality       (g^2 + 1) / (k + 3 (n-1)^2 / ((n-2)(n-3))) with
                   scipy.stats.skew(bias=False), kurtosis(bias=False)
  enough_runs      the smallest n >= 2 with t.ppf(0.975, n-1) cv / sqrt(n)
                   <= 0.01 (scipy's t quantile, cv = sd(ddof=1) / mean),
                   exactly
  cv               100 sd / mean
  warmup_drift     100 (mean(first max(1, n//5)) / median(rest) - 1)
"""
import csv
import json
import math
import sys

import numpy as np
from scipy import stats

doc = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2])))
x = np.array([float(r["wall_s"]) for r in rows
              if r.get("exit_status", "0") in ("0", "") and not r.get("signal")
              and r.get("timed_out", "false") != "true"])
n = len(x)
m = x.mean()
want = {}
want["autocorrelation"] = float(np.sum((x[:-1] - m) * (x[1:] - m)) / np.sum((x - m) ** 2))
g = stats.skew(x, bias=False)
k = stats.kurtosis(x, fisher=True, bias=False)
want["bimodality"] = float((g * g + 1) / (k + 3 * (n - 1) ** 2 / ((n - 2) * (n - 3))))
cv = x.std(ddof=1) / m
want["cv"] = 100 * cv
need = 2
while stats.t.ppf(0.975, need - 1) * cv / math.sqrt(need) > 0.01:
    need += 1
k5 = max(1, n // 5)
want["warmup_drift"] = 100 * (x[:k5].mean() / np.median(x[k5:]) - 1)

got = {c["name"]: c for c in doc["checks"] if c["group"] == "statistics"}
t = 0
out = []
for name, w in want.items():
    t += 1
    v = got[name]["measured"]
    ok = abs(v - w) <= 1e-9 * abs(w) + 1e-12
    out.append(f"{'ok' if ok else 'not ok'} {t} - {name}: {v!r} vs {w!r}")
t += 1
v = got["enough_runs"]["expected"]["min"]
out.append(f"{'ok' if v == need else 'not ok'} {t} - needed n: {v!r} vs {need}")
print(f"1..{t}")
print("\n".join(out))
sys.exit(any(line.startswith("not ok") for line in out))
