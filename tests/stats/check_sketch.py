#!/usr/bin/python3
"""check_sketch.py - perf-trend's sketched statistics against numpy: every
printed bound must hold.

Usage: /usr/bin/python3 tests/stats/check_sketch.py BUILDDIR  (build or
build/asan).  Writes one CSV of awkward groups to a temporary directory,
runs BUILDDIR/perf-trend --memory 1 (every group goes to the sketch) and
--exact on it, and prints TAP, one test per claim checked:

  error.S     |printed S - exact S| <= bound for median, p5 .. p99 and mad
              (numpy: np.quantile's default is R type 7; mad is
              np.median(|x - median|)) and for the outlier counts
              (Tukey's fences and the modified z as stats_outliers has
              them, recounted in numpy)
  relative    |printed q - exact q| <= relative_error * |exact q| when
              relative_error is not null
  median_ci   the sketch's interval holds the exact one (--exact's)
and the cases the issue named: 1e12 +- 1000 gives no outliers and a mad
within 1% of the exact one; values over 60 decades print relative_error
null and a note naming p5; constant data is exact.
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

QS = {"median": 0.5, "p5": 0.05, "p25": 0.25, "p75": 0.75, "p90": 0.90,
      "p95": 0.95, "p99": 0.99}

rng = np.random.default_rng(20261124)
N = 40000
GROUPS = {
    "cluster": 1e12 + rng.uniform(-1000, 1000, N),
    "decades": 10.0 ** rng.uniform(-30, 30, N),
    "negative": -np.exp(rng.normal(3, 2, N)),
    "signed": rng.normal(0, 1, N) * np.exp(rng.normal(0, 3, N)),
    "constant": np.full(N, 3.25),
    "ordinary": np.concatenate([rng.normal(1.0, 0.05, 199000),
                                rng.normal(1.4, 0.2, 1000)]),
}

n_test = 0
failed = 0


def ok(cond, name):
    global n_test, failed
    n_test += 1
    if not cond:
        failed += 1
    print(("ok" if cond else "not ok") + " %d - %s" % (n_test, name))


def exact_stats(x):
    s = {k: float(np.quantile(x, q)) for k, q in QS.items()}
    m = s["median"]
    s["mad"] = float(np.median(np.abs(x - m)))
    q1, q3 = s["p25"], s["p75"]
    iqr = q3 - q1
    lo_m, hi_m = q1 - 1.5 * iqr, q3 + 1.5 * iqr
    lo_s, hi_s = q1 - 3 * iqr, q3 + 3 * iqr
    sev = (x < lo_s) | (x > hi_s)
    out = (x < lo_m) | (x > hi_m)
    s["outliers"] = {
        "severe": int(sev.sum()),
        "mild": int((out & ~sev).sum()),
        "low": int((out & (x < q1)).sum()),
        "high": int((out & (x > q3)).sum()),
        "modz": (int((np.abs(0.6745 * (x - m) / s["mad"]) > 3.5).sum())
                 if s["mad"] > 0 else None),
    }
    return s


def run(build, path, *args):
    p = subprocess.run([os.path.join(build, "perf-trend"), *args, path],
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("perf-trend: exit %d: %s" % (p.returncode, p.stderr))
    return {g["host"]: g["metrics"]["v"]
            for g in json.loads(p.stdout)["groups"]}


def main():
    build = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "awkward.csv")
        with open(path, "w") as f:
            f.write("host,v\n")
            for name, x in GROUPS.items():
                f.write("".join("%s,%r\n" % (name, float(v)) for v in x))
        sk = run(build, path, "--memory", "1")
        ex = run(build, path, "--exact")
    for name, x in GROUPS.items():
        got, want = sk[name], exact_stats(x)
        ok(got["quantiles"] == "sketch", "%s: sketched" % name)
        err = got["error"]
        for k in list(QS) + ["mad"]:
            d = abs(got[k] - want[k])
            ok(d <= err[k], "%s: %s %.17g within %.3g of %.17g (off %.3g)"
               % (name, k, got[k], err[k], want[k], d))
        rel = got["relative_error"]
        if rel is not None:
            worst = max(abs(got[k] - want[k]) - rel * abs(want[k])
                        for k in QS)
            ok(worst <= 0, "%s: relative_error %.3g holds" % (name, rel))
        for k, w in want["outliers"].items():
            g, b = got["outliers"][k], err["outliers"][k]
            if w is None or g is None:
                ok(g is None or b is not None, "%s: outliers.%s null or "
                   "bounded" % (name, k))
                continue
            ok(abs(g - w) <= b, "%s: outliers.%s %d within %d of %d"
               % (name, k, g, b, w))
        ci, eci = got["median_ci"], ex[name]["median_ci"]
        ok(ci["lo"] <= eci["lo"] and ci["hi"] >= eci["hi"],
           "%s: median_ci [%.17g, %.17g] holds the exact [%.17g, %.17g]"
           % (name, ci["lo"], ci["hi"], eci["lo"], eci["hi"]))
    c = sk["cluster"]
    w = exact_stats(GROUPS["cluster"])
    ok(c["outliers"]["severe"] == 0 and c["outliers"]["mild"] == 0,
       "cluster: no value flagged as an outlier")
    ok(abs(c["mad"] - w["mad"]) <= 0.01 * w["mad"] and
       c["error"]["mad"] <= 0.01 * w["mad"],
       "cluster: mad %.6g within 1%% of %.6g, and says so (bound %.3g)"
       % (c["mad"], w["mad"], c["error"]["mad"]))
    d = sk["decades"]
    ok(d["relative_error"] is None, "decades: relative_error null")
    ok(any("p5" in n and "merged" in n for n in d["notes"]),
       "decades: a note names p5 and why")
    k = sk["constant"]
    ok(all(k[q] == 3.25 for q in QS) and k["mad"] == 0 and
       k["outliers"]["modz"] is None, "constant: every quantile exact")
    o = sk["ordinary"]
    ok(o["relative_error"] is not None and o["relative_error"] <= 0.01,
       "ordinary: relative_error %s at most the sketch's 0.01"
       % o["relative_error"])
    print("1..%d" % n_test)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
