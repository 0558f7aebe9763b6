#!/usr/bin/python3
"""check_trend.py - the trend statistics (regress, changepoint, complexity)
against independent implementations: scipy, numpy, and straightforward
Python re-implementations.

Usage: /usr/bin/python3 tests/stats/check_trend.py VARIANT [SAME...]
(build or build/asan).  Runs VARIANT/tests/stats/trenddrv once on a fixed
list of requests (see trenddrv.c) and prints TAP, one test per value
checked; each SAME variant's driver must answer byte for byte the same and
exit 0 (see check_scipy.py).

What is checked against what (|got - want| <= ABS + REL * |want|):
  OLS        scipy.stats.linregress: slope, intercept, both standard
             errors, r^2 (rel 1e-9; epoch-second x loses digits in the
             intercept: abs 1e-12 of its scale); p (rel 1e-8, the t
             distribution's continued fraction); the intervals against
             estimate -+ scipy.stats.t.ppf(1 - alpha/2, n - 2) se (rel
             1e-8: distrib.h's t quantile is 1e-9 off scipy's at df 6).
  Theil-Sen  scipy.stats.theilslopes(y, x, 1 - alpha): slope, intercept
             and Sen's interval, exactly (rel 1e-15): the same order
             statistics of the same slopes, including a series of 3000
             points (4.5 million pairs) that takes the bracketed path.
  forecast   the crossing of the fitted line, and the earliest and latest
             crossing of the prediction band found by scipy.optimize.brentq
             on the band as scipy's t quantile gives it (abs 1e-6 of the
             span of x).
  complexity numpy.linalg.lstsq through the origin for each class:
             coefficient, RMS, normalized RMS, r^2 (rel 1e-10); the best.
  PELT       the default penalty (half the mean squared first difference
             as sigma^2) against numpy (rel 1e-12); the change points
             against an unpruned optimal partitioning in numpy with the
             same cost and penalty (exactly the same indices), also on
             lognormal, t3 and Cauchy noise; the segment means (rel 1e-12),
             the Welch p against scipy.stats.ttest_ind(equal_var=False)
             (rel 1e-8) and each point's significance mark against Holm's
             adjustment of those p at 0.05.
  E-divisive the first split's statistic and index against the energy
             statistic Q(tau) computed naively from all pairwise distances
             (rel 1e-9); injected steps found within 5 points (the bench's
             criterion); no change in pure noise.
"""
import math
import subprocess
import sys

import numpy as np
from scipy import optimize
from scipy import stats as ss

REL9 = (1e-9, 0.0)
EXACT = (1e-15, 0.0)

requests = []   # (line, callback(results) -> [(name, got, want, (rel, abs))])


def fmt(v):
    return repr(float(v))


def samples(*s):
    return " ".join("| " + " ".join(fmt(v) for v in x) for x in s)


def add(line, check):
    requests.append((line, check))


rng = np.random.default_rng(20261124)

# ---------------------------------------------------------------- OLS
OLS_SETS = {
    "noisy line": (np.arange(20.0), 3 + 0.5 * np.arange(20.0) +
                   rng.normal(0, 1, 20)),
    "falling": (np.linspace(0, 1, 50), 10 - 2 * np.linspace(0, 1, 50) +
                rng.normal(0, 0.3, 50)),
    "epoch x": (1.7e9 + 60.0 * np.arange(100), 40 + 1e-4 * 60 *
                np.arange(100) + rng.normal(0, 0.5, 100)),
    "no trend": (np.arange(30.0), rng.normal(5, 1, 30)),
    "n=3": (np.array([1.0, 2.0, 4.0]), np.array([1.0, 3.0, 2.0])),
    "x ties": (np.array([1.0, 1, 2, 2, 3, 3, 4, 4]),
               np.array([1.0, 1.5, 2, 2.6, 2.9, 3.5, 4.1, 4.0])),
}


def ols_check(name, x, y, alpha):
    def check(got):
        r = ss.linregress(x, y)
        n = len(x)
        tq = ss.t.ppf(1 - alpha / 2, n - 2)
        scale = abs(r.intercept) + abs(r.slope) * float(np.max(np.abs(x)))
        iabs = (1e-9, 1e-12 * scale)
        ci = (1e-8, 1e-12 * scale)
        out = [
            ("slope", got[0], r.slope, REL9),
            ("intercept", got[1], r.intercept, iabs),
            ("slope stderr", got[2], r.stderr, REL9),
            ("intercept stderr", got[3], r.intercept_stderr,
             (1e-9, 1e-12 * scale)),
            ("slope low", got[4], r.slope - tq * r.stderr, ci),
            ("slope high", got[5], r.slope + tq * r.stderr, ci),
            ("intercept low", got[6], r.intercept - tq *
             r.intercept_stderr, ci),
            ("intercept high", got[7], r.intercept + tq *
             r.intercept_stderr, ci),
            ("r2", got[8], r.rvalue ** 2, REL9),
            ("p", got[9], r.pvalue, (1e-8, 1e-300)),
        ]
        want_dir = 0 if r.pvalue >= alpha else (1 if r.slope > 0 else 2)
        out.append(("direction", got[10], want_dir, (0, 0)))
        return [(f"ols {name}: {k}", g, w, t) for k, g, w, t in out]
    add(f"ols {alpha} {samples(x, y)}", check)


for name, (x, y) in OLS_SETS.items():
    ols_check(name, x, y, 0.05)
ols_check("noisy line at alpha 0.01", *OLS_SETS["noisy line"], 0.01)

# ---------------------------------------------------------------- Theil-Sen
TS_SETS = {
    "n=2": (np.array([0.0, 2.0]), np.array([1.0, 5.0])),
    "n=3": (np.array([1.0, 2.0, 4.0]), np.array([1.0, 3.0, 2.0])),
    "noisy line": OLS_SETS["noisy line"],
    "ties in x and y": (np.array([1.0, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5]),
                        np.array([2.0, 2, 3, 3.5, 3.5, 4, 5, 5, 6, 6.5,
                                  7])),
    "outliers": (np.arange(40.0), np.concatenate(
        [1 + 0.2 * np.arange(35.0) + rng.normal(0, 0.1, 35),
         [50.0, -30, 80, 90, 100]])),
    "epoch x": OLS_SETS["epoch x"],
    "rounded 300": (np.arange(300.0),
                    np.round(0.01 * np.arange(300) + rng.normal(0, 1, 300),
                             1)),
    "3000 points": (np.arange(3000.0), 0.001 * np.arange(3000) +
                    rng.standard_t(3, 3000)),
}


def ts_check(name, x, y, alpha):
    def check(got):
        r = ss.theilslopes(y, x, 1 - alpha)
        out = [("slope", got[0], r[0], EXACT),
               ("intercept", got[1], r[1], EXACT),
               ("low slope", got[2], r[2], EXACT),
               ("high slope", got[3], r[3], EXACT),
               ("exact", got[5], 1, (0, 0))]
        want_dir = 1 if r[2] > 0 else (2 if r[3] < 0 else 0)
        out.append(("direction", got[4], want_dir, (0, 0)))
        return [(f"theilsen {name}: {k}", g, w, t) for k, g, w, t in out]
    add(f"theilsen {alpha} {samples(x, y)}", check)


for name, (x, y) in TS_SETS.items():
    ts_check(name, x, y, 0.05)
ts_check("noisy line at alpha 0.2", *TS_SETS["noisy line"], 0.2)

# ---------------------------------------------------------------- forecast
STATUS = {"never": 0, "ahead": 1, "reached": 2, "no_trend": 3}


def cross_check(name, x, y, alpha, thr, side, want_status, since=False):
    def check(got):
        r = ss.linregress(x, y)
        n = len(x)
        xm = np.mean(x)
        sxx = np.sum((x - xm) ** 2)
        s = math.sqrt(np.sum((y - r.intercept - r.slope * x) ** 2) /
                      (n - 2))
        k = ss.t.ppf(1 - alpha / 2, n - 2) * s
        span = float(np.ptp(x))
        out = [("status", got[0], STATUS[want_status], (0, 0))]
        if want_status == "ahead":
            tstar = (thr - r.intercept) / r.slope
            sgn = 1 if r.slope > 0 else -1

            def band(t, w):
                return (r.intercept + r.slope * t + w * k * math.sqrt(
                    1 + 1 / n + (t - xm) ** 2 / sxx) - thr)
            # The band nearer the threshold crosses first.
            lo = tstar - span
            while band(lo, sgn) * band(tstar, sgn) > 0:
                lo -= 10 * span
            hi = tstar + span
            while band(hi, -sgn) * band(tstar, -sgn) > 0:
                hi += 10 * span
            early = optimize.brentq(band, lo, tstar, args=(sgn,),
                                    xtol=1e-12 * span, rtol=1e-15)
            late = optimize.brentq(band, tstar, hi, args=(-sgn,),
                                   xtol=1e-12 * span, rtol=1e-15)
            tol = (0, 1e-6 * span)
            out += [("t", got[1], tstar, tol),
                    ("earliest", got[2], early, tol),
                    ("latest", got[3], late, tol)]
        elif want_status == "reached" and since:
            # Where the significant trend went through the threshold.
            out += [("since", got[1], (thr - r.intercept) / r.slope,
                     (0, 1e-6 * span))]
        else:
            out += [("t is unknown", got[1], math.nan, (0, 0))]
        return [(f"cross {name}: {k}", g, w, t) for k, g, w, t in out]
    add(f"cross {alpha} {fmt(thr)} {side} {samples(x, y)}", check)


xe, ye = OLS_SETS["epoch x"]
cross_check("epoch rising to 45", xe, ye, 0.05, 45.0, 0, "ahead")
cross_check("epoch rising, upper 45", xe, ye, 0.05, 45.0, 1, "ahead")
cross_check("epoch rising, lower 30", xe, ye, 0.05, 30.0, -1, "never")
cross_check("epoch rising, 30 inferred", xe, ye, 0.05, 30.0, 0, "reached",
            since=True)
cross_check("epoch rising, upper 35 reached", xe, ye, 0.05, 35.0, 1,
            "reached", since=True)
xf, yf = OLS_SETS["falling"]
cross_check("falling to 5", xf, yf, 0.05, 5.0, 0, "ahead")
xn, yn = OLS_SETS["no trend"]
cross_check("no trend", xn, yn, 0.05, 10.0, 0, "no_trend")
cross_check("no trend, upper 10", xn, yn, 0.05, 10.0, 1, "never")

# ---------------------------------------------------------------- complexity
LOG2 = np.log2
FUNCS = [lambda n: np.ones_like(n), LOG2, lambda n: n,
         lambda n: n * LOG2(n), lambda n: n ** 2, lambda n: n ** 3]


def cx_check(name, n, t):
    def check(got):
        out = []
        nrms = []
        sst = np.sum((t - np.mean(t)) ** 2)
        for i, f in enumerate(FUNCS):
            fx = f(n)[:, None]
            c = np.linalg.lstsq(fx, t, rcond=None)[0][0]
            res = t - c * fx[:, 0]
            rms = math.sqrt(np.mean(res ** 2))
            nr = rms / abs(np.mean(t))
            nrms.append(nr)
            out += [(f"class {i} coef", got[1 + 4 * i], c, (1e-10, 0)),
                    (f"class {i} rms", got[2 + 4 * i], rms, (1e-10, 0)),
                    (f"class {i} nrms", got[3 + 4 * i], nr, (1e-10, 0)),
                    (f"class {i} r2", got[4 + 4 * i],
                     1 - np.sum(res ** 2) / sst, (1e-10, 1e-12))]
        out.append(("best", got[0], int(np.argmin(nrms)), (0, 0)))
        return [(f"cx {name}: {k}", g, w, tl) for k, g, w, tl in out]
    add(f"cx {samples(n, t)}", check)


NS = 2.0 ** np.arange(4, 16)
for i, (name, c) in enumerate([("O(1)", 5e-3), ("O(log n)", 1e-6),
                               ("O(n)", 1e-8), ("O(n log n)", 1e-9),
                               ("O(n^2)", 1e-12), ("O(n^3)", 1e-15)]):
    t = c * FUNCS[i](NS) * rng.lognormal(0, 0.05, len(NS))
    cx_check(name + " with 5% noise", NS, t)
cx_check("hand-made", np.array([10.0, 20, 40, 80, 160]),
         np.array([1.1, 2.3, 4.9, 10.8, 23.0]))

# ---------------------------------------------------------------- PELT


def ref_penalty(y):
    var = np.mean(np.diff(y) ** 2) / 2
    return 2 * var * math.log(len(y))


def ref_holm(p):
    """Holm's step-down adjustment, as R's p.adjust(p, "holm")."""
    order = np.argsort(p, kind="stable")
    adj = np.empty(len(p))
    run = 0.0
    for i, j in enumerate(order):
        run = max(run, min(1.0, (len(p) - i) * p[j]))
        adj[j] = run
    return adj


def ref_op(y, m, pen):
    """Optimal partitioning (Jackson et al. 2005), no pruning: F(t) =
    min over tau of F(tau) + SSE(tau, t) + pen, segments >= m."""
    n = len(y)
    c = y - np.mean(y)
    s1 = np.concatenate([[0.0], np.cumsum(c)])
    s2 = np.concatenate([[0.0], np.cumsum(c * c)])
    f = np.full(n + 1, np.inf)
    f[0] = -pen
    last = np.zeros(n + 1, dtype=int)
    for t in range(m, n + 1):
        tau = np.arange(0, t - m + 1)
        tau = tau[np.isfinite(f[tau])]
        ln = t - tau
        d = s1[t] - s1[tau]
        v = f[tau] + (s2[t] - s2[tau]) - d * d / ln + pen
        j = int(np.argmin(v))
        f[t] = v[j]
        last[t] = tau[j]
    cps = []
    t = last[n]
    while t > 0:
        cps.append(int(t))
        t = last[t]
    return sorted(cps)


def steps(sizes, seglen, sd=1.0, base=10.0):
    y = []
    level = base
    for s in [0] + list(sizes):
        level += s
        y += list(level + rng.normal(0, sd, seglen))
    return np.array(y), [seglen * (i + 1) for i in range(len(sizes))]


def cp_parse(got):
    k = int(got[0])
    return [got[1 + 7 * i: 8 + 7 * i] for i in range(k)]


def pelt_check(name, y, m, pen=None):
    def check(got):
        p = ref_penalty(y) if pen is None else pen
        want = ref_op(y, m, p)
        cps = cp_parse(got)
        idx = [int(c[0]) for c in cps]
        out = [("change points", " ".join(map(str, idx)),
                " ".join(map(str, want)), None)]
        b = [0] + idx + [len(y)]
        welch = [ss.ttest_ind(y[b[i + 1]:b[i + 2]], y[b[i]:b[i + 1]],
                              equal_var=False).pvalue
                 for i in range(len(cps))]
        adj = ref_holm(np.array(welch))
        for i, c in enumerate(cps):
            out.append((f"cp {i} significant", bool(c[6]),
                        bool(adj[i] <= 0.05), None))
        for i, c in enumerate(cps):
            y0, y1 = y[b[i]:b[i + 1]], y[b[i + 1]:b[i + 2]]
            out += [(f"cp {i} mean before", c[1], np.mean(y0), (1e-12, 0)),
                    (f"cp {i} mean after", c[2], np.mean(y1), (1e-12, 0)),
                    (f"cp {i} change %", c[3], 100 * (np.mean(y1) -
                     np.mean(y0)) / abs(np.mean(y0)), (1e-10, 1e-12)),
                    (f"cp {i} Welch p", c[4], ss.ttest_ind(
                        y1, y0, equal_var=False).pvalue, (1e-8, 1e-300))]
        return [(f"pelt {name}: {k}", g, w, t) for k, g, w, t in out]
    add(f"pelt {m} {fmt(-1 if pen is None else pen)} {samples(y)}", check)
    if pen is None:
        add(f"penalty {samples(y)}", lambda got: [
            (f"penalty {name}", got[0], ref_penalty(y), (1e-12, 0))])


y, _ = steps([3, -2, 4, 1.5], 100)
pelt_check("4 steps", y, 5)
y, _ = steps([1, 1, -1, 2, -0.5, 1], 60, sd=0.8)
pelt_check("6 small steps", y, 2)
y, _ = steps([0.7, -0.7], 150)
pelt_check("steps near the noise, min 10", y, 10)
pelt_check("noise, low penalty 3", rng.normal(0, 1, 300), 5, 3.0)
pelt_check("noise", rng.normal(0, 1, 500), 5)
y, _ = steps([2, 3], 40, sd=0.5, base=-20.0)
pelt_check("negative levels", y, 3)
# Skewed and heavy-tailed noise: the penalty's scale is the cost's (a second
# moment), so few changes, and the ones found are marked not significant.
hrng = np.random.default_rng(8)
pelt_check("lognormal noise", hrng.lognormal(0, 1, 400), 5)
pelt_check("t3 noise", hrng.standard_t(3, 400), 5)
pelt_check("Cauchy noise", hrng.standard_cauchy(400), 5)
pelt_check("Cauchy noise, low penalty 5", hrng.standard_cauchy(200), 5, 5.0)

# ---------------------------------------------------------------- E-divisive


def naive_q(z, min_size):
    """max over tau of Q(tau) with alpha = 1, from all pairwise
    distances, the split's end at the series' end."""
    n = len(z)
    d = np.abs(z[:, None] - z[None, :])
    best, arg = -np.inf, None
    for t in range(min_size, n - min_size + 1):
        m, k = t, n - t
        b = d[:t, t:].sum()
        wx = d[:t, :t].sum() / 2
        wy = d[t:, t:].sum() / 2
        q = m * k / (m + k) * (2 * b / (m * k) - 2 * wx / (m * (m - 1)) -
                               2 * wy / (k * (k - 1)))
        if q > best:
            best, arg = q, t
    return best, arg


def ediv_check(name, y, truth, m=5, perms=199, tol=5):
    def check(got):
        cps = cp_parse(got)
        idx = [int(c[0]) for c in cps]
        q, arg = naive_q(np.asarray(y, dtype=float), m)
        out = [("count", len(idx), len(truth), (0, 0))]
        for t in truth:
            near = min((abs(i - t) for i in idx), default=10 ** 9)
            out.append((f"step at {t} found within {tol}", near <= tol, True,
                        None))
        if cps:
            first = max(cps, key=lambda c: c[5])
            out += [("first split's Q", first[5], q, (1e-9, 0)),
                    ("first split's index", int(first[0]), arg, (0, 0)),
                    ("all p <= 0.05", all(c[4] <= 0.05 for c in cps), True,
                     None)]
        return [(f"edivisive {name}: {k}", g, w, t) for k, g, w, t in out]
    add(f"edivisive {m} {perms} 0.05 1 {samples(y)}", check)


y, truth = steps([3, -3, 4], 80)
ediv_check("3 steps of 3-4 sd", y, truth)
y, truth = steps([2, 2, -2, 2, -2], 100, sd=1.0, base=100.0)
ediv_check("5 steps of 2 sd", y, truth)
ediv_check("noise", rng.normal(0, 1, 400), [])
ediv_check("one value", [3.0], [])


# ---------------------------------------------------------------- run
def main():
    drv = f"{sys.argv[1]}/tests/stats/trenddrv"
    text = "".join(line + "\n" for line, _ in requests)
    p = subprocess.run([drv], input=text, capture_output=True, text=True)
    lines = p.stdout.splitlines()
    results = []
    if len(lines) != len(requests):
        print("1..1")
        print(f"not ok 1 - trenddrv answered {len(lines)} lines for "
              f"{len(requests)} requests (status {p.returncode})")
        print("# " + p.stderr.replace("\n", "\n# "))
        return 1
    for (line, check), ans in zip(requests, lines):
        if ans.startswith("error"):
            results.append((f"{line[:40]}...", ans, "no error", None))
            continue
        got = [float(v) for v in ans.split()]
        results += check(got)
    # A sanitizer report or a leak makes the driver exit non-zero.
    results.append(("trenddrv exits 0", p.returncode, 0, (0, 0)))
    # Other variants (argv[2:]) must answer byte for byte the same: see
    # check_scipy.py for why one variant is enough against scipy.
    for other in sys.argv[2:]:
        q = subprocess.run([f"{other}/tests/stats/trenddrv"], input=text,
                           capture_output=True, text=True)
        diff = next((i for i, (a, b) in enumerate(
            zip(q.stdout.splitlines(), lines)) if a != b), None)
        if diff is None and q.stdout != p.stdout:
            diff = min(len(q.stdout.splitlines()), len(lines))
        results.append((f"{other} trenddrv answers as {sys.argv[1]}'s, byte "
                        "for byte", "differs at request %s" % diff if diff
                        is not None else "same", "same", None))
        results.append((f"{other} trenddrv exits 0", q.returncode, 0, (0, 0)))
    print(f"1..{len(results)}")
    failed = 0
    for i, (name, got, want, tol) in enumerate(results, 1):
        if tol is None:
            ok = got == want
        else:
            rel, ab = tol
            ok = ((isinstance(got, float) and math.isnan(got) and
                   math.isnan(want)) or
                  abs(got - want) <= ab + rel * abs(want))
        print(f"{'' if ok else 'not '}ok {i} - {name}")
        if not ok:
            failed += 1
            print(f"#   got:  {got!r}\n#   want: {want!r}")
            if name == "trenddrv exits 0":
                print("# " + p.stderr[-2000:].replace("\n", "\n# "))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
