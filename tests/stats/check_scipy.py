#!/usr/bin/python3
"""check_scipy.py - the statistics core against an independent
implementation: scipy, numpy and Python's own statistics module.

Usage: /usr/bin/python3 tests/stats/check_scipy.py VARIANT [SAME...]
(build or build/asan).  Runs VARIANT/tests/stats/statsdrv once on a fixed
list of requests (see statsdrv.c) and prints TAP, one test per statistic
checked.  Each SAME variant's driver must then answer the same requests
byte for byte as VARIANT's, and exit 0 quietly: one test each.  The suite
checks build/asan against scipy and build as SAME, since the two builds
compile the same C to the same IEEE arithmetic (no -ffast-math, no FMA on
baseline x86-64); a difference would mean undefined behaviour or a
compiler problem, and fails.

Tolerances (|got - want| <= ABS + REL * |want|), by kind of computation:
  EXACT     rel 0      order statistics, counts, flags, ranks, U, binomial
                       and U quantiles, interval ends that are data values,
                       PRNG streams
  CLOSED    rel 1e-12  mean, sd, quantiles, median, MAD, geometric mean,
                       Welford (sd 1e-9), exact Mann-Whitney p against
                       Python-integer counts, Holm, Hodges-Lehmann shift
  NORMAL    rel 1e-13  normal cdf/sf/pdf/ppf
  CFRAC     rel 1e-10  incomplete beta/gamma, t, F, chi-square, binomial cdf
                       (continued fractions; far inside the 1e-6 p-values
                       need), t intervals, Welch and asymptotic MWU p
  t.ppf     rel 1e-8   against scipy 1.10's t.ppf, which is itself good to
                       1e-9 only; the quantile also goes back through
                       scipy's t.cdf, which must return p to rel 1e-12
  TOST      rel 1e-8   p-values against ttest_ind on shifted data (the shift
                       itself rounds the data)
  bootstrap rel 1e-14  against the Python twin (same PRNG, same resampling);
                       against scipy.stats.bootstrap (its own resampling)
                       within 1.5% of the ratio
References: scipy.stats and numpy; statistics.stdev/fmean (exact sums) for
the sd and mean; for huge df, where scipy's t.pdf loses digits, the 1/df
expansion.  R-equivalent definitions are written out here where scipy has
none: qbinom/qwilcox, DescTools MedianCI(exact), p.adjust("holm"),
wilcox.test(conf.int = TRUE)'s exact interval, power.t.test (via nct).
"""
import math
import statistics
from fractions import Fraction
import subprocess
import sys

import numpy as np
from scipy import stats as ss

EXACT = (0.0, 0.0)
CLOSED = (1e-12, 1e-300)
NORMAL = (1e-13, 1e-300)
CFRAC = (1e-10, 1e-300)

requests = []   # (request line, [(name, want, tol)] per result, or callback)


def fmt(v):
    return repr(float(v))


def sample_text(*samples):
    return " ".join("| " + " ".join(fmt(v) for v in s) for s in samples)


def add(line, checks):
    """checks: a list of (name, want, tol), one per result in the order the
    driver prints them (want None: not checked), or a function taking the
    results as strings and returning a list of (name, got, want, tol)."""
    requests.append((line, checks))


# ---------------------------------------------------------------- data
rng = np.random.default_rng(20261124)
DATA = {
    "n=1": [42.0],
    "n=2": [1.0, 3.0],
    "constant": [5.25] * 7,
    "ties": [1, 2, 2, 3, 3, 3, 4, 4, 5, 10],
    "small": [12.1, 11.8, 12.6, 12.0, 11.9, 12.3, 13.9, 12.2],
    "skewed": list(rng.lognormal(0.0, 1.0, 200)),
    "large": list(rng.normal(100.0, 15.0, 5001)),
    "epoch": list(1.7e9 + rng.uniform(0, 1e-3, 50)),
    "huge": [1e300, 3e300, -2e300, 5e299, 1.5e300],
    "tiny": [1e-300, 3e-300, 2e-300, 5e-301, 4e-300, 2.5e-300],
    "outl": [10, 11, 10.5, 10.2, 9.9, 10.1, 10.4, 30, 13.5, -5, 10.3, 10.0],
}
PCTS = [5, 25, 75, 90, 95, 99]


def ref_sd(x):
    """statistics.stdev: exact (Fraction) sums, so a reference also for
    epoch offsets, where numpy's own rounding reaches 1e-6, and for the
    1e300 and 1e-300 sets, where numpy overflows or underflows."""
    return statistics.stdev(x) if len(x) >= 2 else math.nan


def ref_tppf(p, df):
    """scipy's t.ppf refined by Newton steps on scipy's t.sf and t.pdf."""
    t = ss.t.ppf(p, df)
    for _ in range(3):
        t += (ss.t.sf(t, df) - (1 - p)) / ss.t.pdf(t, df)
    return t


def ref_tpdf(t, df):
    """scipy 1.10's t.pdf loses digits for huge df (2e-9 at df 1e7); there
    the expansion phi(t) (1 + (t^4 - 2 t^2 - 1) / (4 df)), whose error is
    O(df^-2), is the reference."""
    if df < 1e6:
        return ss.t.pdf(t, df)
    return ss.norm.pdf(t) * (1 + (t ** 4 - 2 * t * t - 1) / (4 * df))


def ref_mean(x):
    return statistics.fmean(x) if x else math.nan


def median_ci(x, conf):
    """DescTools MedianCI(method = "exact"): k = qbinom(alpha/2, n, 1/2)."""
    n = len(x)
    k = int(ss.binom.ppf((1 - conf) / 2, n, 0.5))
    if k < 1:
        return math.nan, math.nan
    s = sorted(x)
    return s[k - 1], s[n - k]


def describe_checks(name, x, conf):
    n = len(x)
    m, sd = ref_mean(x), ref_sd(x)
    s = sorted(x)
    if n >= 2 and sd > 0:
        lo, hi = ss.t.interval(conf, n - 1, loc=m, scale=sd / math.sqrt(n))
        # scipy 1.10's t.ppf is good to 1e-9 only: refine its quantile.
        h = ref_tppf(1 - (1 - conf) / 2, n - 1) * sd / math.sqrt(n)
        if abs(h - (hi - m)) > 1e-8 * (abs(h) + abs(m)):
            raise SystemExit("t.interval and the refined t.ppf disagree")
        lo, hi = m - h, m + h
    elif n >= 2:
        lo = hi = m     # scipy refuses scale 0; the interval is the point
    else:
        lo = hi = math.nan
    mlo, mhi = median_ci(x, conf)
    if max(abs(v) for v in x) > 1e150:
        q = [math.nan] * 6      # numpy's lerp overflows; checked in C
        med, mad = statistics.median(x), math.nan
    else:
        q = list(np.percentile(x, PCTS))
        med = float(np.median(x))
        mad = float(ss.median_abs_deviation(x))
    cv = sd / abs(m) if n >= 2 and m != 0 else math.nan
    want = [("n", n, EXACT), ("mean", m, CLOSED), ("sd", sd, CLOSED),
            ("cv", cv, CLOSED), ("min", s[0], EXACT), ("max", s[-1], EXACT),
            ("median", med, CLOSED), ("mad", mad, CLOSED)]
    want += [("p%d" % p, v, CLOSED) for p, v in zip(PCTS, q)]
    want += [("mean_lo", lo, CFRAC), ("mean_hi", hi, CFRAC),
             ("median_lo", mlo, EXACT), ("median_hi", mhi, EXACT)]
    if max(abs(v) for v in x) > 1e150:
        want = [w if not (w[0].startswith("p") or w[0] == "mad")
                else (w[0], None, None) for w in want]
    add("describe %r %s" % (conf, sample_text(x)),
        [("describe %s conf %g: %s" % (name, conf, w[0]), w[1], w[2])
         for w in want])


def outlier_checks(name, x):
    x = np.asarray(x, dtype=float)
    q1, q3 = np.percentile(x, [25, 75])
    iqr = q3 - q1
    sev = (x < q1 - 3 * iqr) | (x > q3 + 3 * iqr)
    mild = ((x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr)) & ~sev
    med = np.median(x)
    mad = ss.median_abs_deviation(x)
    modz = (np.abs(0.6745 * (x - med) / mad) > 3.5) if mad > 0 else \
        np.zeros(len(x), bool)
    flags = mild * 1 + sev * 2 + modz * 4
    out = sev | mild
    want = [("mild", mild.sum()), ("severe", sev.sum()),
            ("low", (out & (x < q1)).sum()), ("high", (out & (x > q3)).sum()),
            ("modz", modz.sum())]
    want += [("flag[%d]" % i, f) for i, f in enumerate(flags)]
    add("outliers " + sample_text(x),
        [("outliers %s: %s" % (name, w), v, EXACT) for w, v in want])


def stats_section():
    for name, x in DATA.items():
        describe_checks(name, x, 0.95)
    add("describe 0.95 |", [("describe n=0: n", 0, EXACT)] +
        [("describe n=0: field %d is NaN" % i, math.nan, EXACT)
         for i in range(1, 18)])
    for name in ("ties", "skewed", "large", "outl"):
        describe_checks(name, DATA[name], 0.90)
        describe_checks(name, DATA[name], 0.99)
    for name in ("ties", "skewed", "outl", "constant", "n=2"):
        outlier_checks(name, DATA[name])
    for p in (0.0, 0.01, 0.333, 0.5, 0.875, 1.0):
        for name in ("ties", "skewed", "n=1", "n=2"):
            add("quantile %r %s" % (p, sample_text(DATA[name])),
                [("quantile %s p=%g" % (name, p),
                  np.percentile(DATA[name], 100 * p), CLOSED)])
    for name in ("skewed", "small", "tiny", "n=1"):
        add("geomean " + sample_text(DATA[name]),
            [("geomean %s" % name, ss.gmean(DATA[name]), CLOSED)])
    add("geomean " + sample_text([1.0, -2.0, 3.0]),
        [("geomean with a negative value is NaN", math.nan, EXACT)])
    for name in ("large", "epoch", "ties", "skewed"):
        x = DATA[name]
        for k in (0, 1, len(x) // 3):
            add("acc %d %s" % (k, sample_text(x)),
                [("acc %s split %d: %s" % (name, k, w), v, t) for w, v, t in
                 [("n", len(x), EXACT), ("mean", np.mean(x), CLOSED),
                  ("sd", ref_sd(x), (1e-9, 0)),
                  ("min", min(x), EXACT), ("max", max(x), EXACT)]])
    for name in ("large", "epoch", "tiny"):
        x = DATA[name]
        add("var " + sample_text(x),
            [("var %s" % name, statistics.variance(x), CLOSED)])


def tppf_checks(p, df):
    """scipy 1.10's t.ppf (cephes stdtrit) is good to about 1e-9 only, so
    the quantile is checked twice: against t.ppf at rel 1e-8, and by
    putting it back through scipy's t.cdf (or t.sf), which must give the
    smaller tail, min(p, 1 - p), to rel 1e-12."""
    def checks(got):
        got = [float(got[0])]
        if p == 0.5:
            return [("tppf 0.5 df %g is 0" % df, got[0], 0.0, EXACT)]
        back = ss.t.cdf(got[0], df) if p < 0.5 else ss.t.sf(got[0], df)
        return [("tppf %g df %g vs t.ppf" % (p, df), got[0],
                 ss.t.ppf(p, df), (1e-8, 1e-300)),
                ("tppf %g df %g back through t.cdf" % (p, df), back,
                 min(p, 1 - p), (1e-12, 1e-300))]
    return checks


def distrib_section():
    for x in (-40, -10, -3, -1.5, 0, 0.3, 2, 5, 8.3, 37):
        add("normcdf %r" % x, [("normcdf %g" % x, ss.norm.cdf(x), NORMAL)])
        add("normsf %r" % x, [("normsf %g" % x, ss.norm.sf(x), NORMAL)])
        add("normpdf %r" % x, [("normpdf %g" % x, ss.norm.pdf(x), NORMAL)])
    for p in (1e-300, 1e-20, 1e-10, 1e-5, 0.001, 0.02, 0.02425, 0.025, 0.1,
              0.3, 0.5, 0.7, 0.975, 0.999, 1 - 1e-10, 0.0, 1.0):
        add("normppf %r" % p, [("normppf %g" % p, ss.norm.ppf(p), NORMAL)])
    for df in (1, 2, 3, 4.5, 10, 29.7, 100, 1e4, 1e7):
        for t in (-50, -3.2, -1, 0, 0.25, 1.96, 4, 12, 1e3):
            add("tcdf %r %r" % (t, df),
                [("tcdf %g df %g" % (t, df), ss.t.cdf(t, df), CFRAC)])
            add("tsf %r %r" % (t, df),
                [("tsf %g df %g" % (t, df), ss.t.sf(t, df), CFRAC)])
        add("tpdf 1.3 %r" % df, [("tpdf 1.3 df %g" % df, ref_tpdf(1.3, df),
                                  CFRAC)])
        for p in (1e-12, 0.001, 0.025, 0.05, 0.3, 0.5, 0.9, 0.95, 0.975,
                  0.995):
            add("tppf %r %r" % (p, df), tppf_checks(p, df))
    for x, a, b in ((0.3, 2, 5), (0.01, 0.5, 0.5), (0.99, 0.5, 0.5),
                    (0.5, 200, 200), (0.45, 1000, 1200), (0.2, 1e-3, 3),
                    (0.9, 30, 2.5), (1e-8, 2, 3), (0.999999, 4, 0.7),
                    (0.0, 2, 2), (1.0, 2, 2), (0.5, 5e5, 5e5)):
        add("ibeta %r %r %r" % (x, a, b),
            [("ibeta x=%g a=%g b=%g" % (x, a, b),
              ss.beta.cdf(x, a, b), CFRAC)])
    for a, x in ((0.5, 0.1), (1, 1), (3, 2.5), (3, 10), (10, 3), (100, 90),
                 (100, 130), (0.01, 5), (2.5, 0.0), (50.5, 49)):
        add("igp %r %r" % (a, x), [("igamma P a=%g x=%g" % (a, x),
                                    ss.gamma.cdf(x, a), CFRAC)])
        add("igq %r %r" % (a, x), [("igamma Q a=%g x=%g" % (a, x),
                                    ss.gamma.sf(x, a), CFRAC)])
    for x, k in ((0.5, 1), (3.84, 1), (10, 4), (100, 80), (0.01, 7)):
        add("chi2cdf %r %r" % (x, k), [("chi2cdf %g k=%g" % (x, k),
                                        ss.chi2.cdf(x, k), CFRAC)])
        add("chi2sf %r %r" % (x, k), [("chi2sf %g k=%g" % (x, k),
                                       ss.chi2.sf(x, k), CFRAC)])
    for x, d1, d2 in ((1.0, 3, 10), (4.5, 2, 30), (0.2, 5, 5),
                      (30, 1, 100), (2.1, 12.5, 7.3)):
        add("fcdf %r %r %r" % (x, d1, d2), [("fcdf %g %g %g" % (x, d1, d2),
                                             ss.f.cdf(x, d1, d2), CFRAC)])
        add("fsf %r %r %r" % (x, d1, d2), [("fsf %g %g %g" % (x, d1, d2),
                                            ss.f.sf(x, d1, d2), CFRAC)])
    for k, n, p in ((0, 10, 0.5), (3, 10, 0.5), (9, 10, 0.5), (10, 10, 0.5),
                    (40, 100, 0.3), (480, 1000, 0.5), (2, 7, 0.9),
                    (-1, 5, 0.5)):
        add("binomcdf %r %r %r" % (k, n, p),
            [("binomcdf %d n=%d p=%g" % (k, n, p),
              ss.binom.cdf(k, n, p), CFRAC)])
    for q, n, p in ((0.025, 10, 0.5), (0.025, 6, 0.5), (0.025, 5, 0.5),
                    (0.005, 100, 0.5), (0.05, 1001, 0.5), (0.5, 20, 0.3),
                    (0.95, 50, 0.1), (0.025, 100000, 0.5), (0.0, 10, 0.5),
                    (1.0, 10, 0.5)):
        # R's qbinom(0, n, p) is 0; scipy's binom.ppf(0) is -1.
        add("binomppf %r %r %r" % (q, n, p),
            [("binomppf q=%g n=%d p=%g" % (q, n, p),
              max(ss.binom.ppf(q, n, p), 0), EXACT)])


# ------------------------------------------------------------ hypotest
def u_counts(m, n):
    """Exact null counts of U, Python integers: the coefficients of the
    Gaussian binomial [m + n choose m]_q, built as prod (1 - q^(n+i)) /
    (1 - q^i), an independent route from the C recursion."""
    c = [1] + [0] * (m * n)
    for i in range(1, m + 1):
        for k in range(m * n, n + i - 1, -1):
            c[k] -= c[k - n - i]
        for k in range(i, m * n + 1):
            c[k] += c[k - i]
    return c


def pwilcox(u, m, n):
    c = u_counts(m, n)
    return float(Fraction(sum(c[:int(u) + 1]), math.comb(m + n, m)))


def qwilcox(q, m, n):
    """R's qwilcox: the least u with P(U <= u) >= q - 10 eps."""
    c, tot, run = u_counts(m, n), math.comb(m + n, m), 0
    for u, k in enumerate(c):
        run += k
        if run / tot >= q - 10 * 2.220446049250313e-16:
            return u
    return m * n


TWO = {
    "separated 5/6": ([1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]),
    "overlap 8/9": ([3.1, 4.7, 2.2, 5.9, 4.1, 3.3, 6.0, 2.8],
                    [4.4, 5.2, 6.3, 3.9, 7.1, 5.5, 6.6, 4.9, 5.0]),
    "ties 7/7": ([1, 2, 2, 3, 4, 4, 5], [2, 3, 3, 4, 5, 6, 6]),
    "n=2/3": ([1.5, 2.5], [1.0, 3.0, 4.0]),
    "normal 20/25": (list(rng.normal(10, 1, 20)), list(rng.normal(10.6, 1, 25))),
    "normal 50/50": (list(rng.normal(5, 2, 50)), list(rng.normal(5.5, 2, 50))),
    "skewed 200/300": (list(rng.lognormal(0, 0.5, 200)),
                       list(rng.lognormal(0.08, 0.5, 300))),
    "timings 60/40 with ties": (list(np.round(rng.normal(1.2, 0.05, 60), 2)),
                                list(np.round(rng.normal(1.22, 0.05, 40), 2))),
    "same values": ([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]),
}


def mwu_checks(name, x, y):
    nx, ny = len(x), len(y)
    ties = len(set(x) | set(y)) < nx + ny
    for method, mname in ((1, "exact"), (2, "asymptotic")):
        if method == 1 and ties:
            continue
        if method == 1 and nx * ny * min(nx, ny) > 2e6:
            continue
        ref = ss.mannwhitneyu(x, y, method=mname)
        want = [("u", ref.statistic, EXACT), ("p", ref.pvalue, CFRAC)]
        if method == 1:
            u = ref.statistic
            big = max(u, nx * ny - u)
            want[1] = ("p", min(1.0, 2 * pwilcox(nx * ny - big, nx, ny)),
                       CLOSED)
        add("mwu %d %s" % (method, sample_text(x, y)),
            [("mwu %s %s: %s" % (mname, name, w), v, t) for w, v, t in
             want if v is not None])
        if method == 1 and nx <= 25:
            add("mwu 1 %s" % sample_text(x, y),
                [("", None, None),
                 ("mwu exact %s: p as scipy's exact" % name, ref.pvalue,
                  (1e-12, 1e-300))])
    auto = 1 if not ties and nx <= 50 and ny <= 50 else 2
    add("mwu 0 %s" % sample_text(x, y),
        [("", None, None), ("", None, None), ("", None, None),
         ("mwu auto %s: cles" % name,
          ss.mannwhitneyu(x, y).statistic / (nx * ny), CLOSED),
         ("mwu auto %s: exact flag" % name, auto == 1, EXACT),
         ("mwu auto %s: ties flag" % name, ties, EXACT)])


def welch_checks(name, x, y, conf):
    nx, ny = len(x), len(y)
    vx, vy = np.var(x, ddof=1) / nx, np.var(y, ddof=1) / ny
    se = math.sqrt(vx + vy)
    df = (vx + vy) ** 2 / (vx ** 2 / (nx - 1) + vy ** 2 / (ny - 1))
    ref = ss.ttest_ind(x, y, equal_var=False)
    diff = np.mean(x) - np.mean(y)
    h = ref_tppf(1 - (1 - conf) / 2, df) * se
    want = [("diff", diff, CLOSED), ("t", ref.statistic, (1e-11, 0)),
            ("df", df, (1e-11, 0)), ("p", ref.pvalue, CFRAC),
            ("se", se, (1e-12, 0)), ("lo", diff - h, (1e-10, 1e-14)),
            ("hi", diff + h, (1e-10, 1e-14)), ("status", 0, EXACT)]
    add("welch %r %s" % (conf, sample_text(x, y)),
        [("welch %s conf %g: %s" % (name, conf, w), v, t)
         for w, v, t in want])


def r_wilcox_w(x, y, dd):
    """R's W(d) of wilcox.test's asymptotic interval (stats/R/wilcox.test.R,
    correct = TRUE): the continuity-corrected rank statistic of x - d
    against y over its tie-corrected sd, ranks by scipy's rankdata."""
    nx, ny = len(x), len(y)
    dr = ss.rankdata(np.concatenate([np.asarray(x, float) - dd,
                                     np.asarray(y, float)]))
    _, t = np.unique(dr, return_counts=True)
    dz = dr[:nx].sum() - nx * (nx + 1) / 2 - nx * ny / 2
    sd = math.sqrt(nx * ny / 12 * ((nx + ny + 1) - (t ** 3 - t).sum()
                                  / ((nx + ny) * (nx + ny - 1))))
    return (dz - np.sign(dz) * 0.5) / sd


def r_wilcox_root(x, y, d, zq):
    """Where R's uniroot puts the root of W(d) = zq: W falls by steps
    at the differences, so the root is the difference where it steps
    across zq (found by bisection over the distinct differences, W
    evaluated between them); the extreme differences beyond them, as R
    returns; NaN when every value is tied (R stops)."""
    u = np.unique(d)
    if len(set(x) | set(y)) == 1:
        return math.nan

    def w_after(i):  # W between u[i] and the next difference
        nxt = u[i + 1] if i + 1 < len(u) else u[i] + max(1, abs(u[i]))
        return r_wilcox_w(x, y, (u[i] + nxt) / 2)
    lo, hi = 0, len(u)  # the first i with w_after(i) <= zq, or len(u)
    while lo < hi:
        m = (lo + hi) // 2
        if w_after(m) <= zq:
            hi = m
        else:
            lo = m + 1
    return u[min(lo, len(u) - 1)]


def hl_checks(name, x, y, conf):
    nx, ny = len(x), len(y)
    d = np.sort(np.subtract.outer(np.asarray(x, float),
                                  np.asarray(y, float)).ravel())
    N = nx * ny
    ties = len(set(x) | set(y)) < nx + ny
    exact = not ties and nx <= 50 and ny <= 50
    if exact:
        k = qwilcox((1 - conf) / 2, nx, ny)
        lo, hi = (d[k - 1], d[N - k]) if k >= 1 else (math.nan, math.nan)
    else:
        z = ss.norm.ppf(1 - (1 - conf) / 2)
        lo, hi = r_wilcox_root(x, y, d, z), r_wilcox_root(x, y, d, -z)
        k = 1 if not math.isnan(lo) else 0
    # R ranks x - d against y, the C code orders the differences x - y:
    # they part only where the two round apart (decimal data: 1.23 - 1.22
    # and 1.28 - 1.27 are both 0.01 give or take an ulp), far inside
    # the 1e-4 to which R's uniroot finds the root.
    near = EXACT if exact else (0, 1e-12 * max(abs(d[0]), abs(d[-1])))
    want = [("shift", np.median(d), CLOSED), ("lo", lo, near),
            ("hi", hi, near), ("exact", exact, EXACT),
            ("status", 0 if k >= 1 else -1, EXACT)]
    add("hl %r %s" % (conf, sample_text(x, y)),
        [("hodges-lehmann %s conf %g: %s" % (name, conf, w), v, t)
         for w, v, t in want])


def tost_checks(name, x, y, rel):
    margin = rel * abs(np.mean(x))
    pl = ss.ttest_ind(np.asarray(y) + margin, x, equal_var=False,
                      alternative="greater").pvalue
    pu = ss.ttest_ind(np.asarray(y) - margin, x, equal_var=False,
                      alternative="less").pvalue
    want = [("margin", margin, CLOSED), ("diff", np.mean(y) - np.mean(x),
                                         (1e-12, 1e-13 * abs(np.mean(x)))),
            ("p_lower", pl, (1e-8, 1e-300)), ("p_upper", pu, (1e-8, 1e-300)),
            ("p", max(pl, pu), (1e-8, 1e-300)), ("status", 0, EXACT)]
    add("tost %r %s" % (rel, sample_text(x, y)),
        [("tost %s rel %g: %s" % (name, rel, w), v, t) for w, v, t in want])


def holm_ref(p):
    """Holm's step-down procedure from its definition."""
    idx = sorted((i for i in range(len(p)) if not math.isnan(p[i])),
                 key=lambda i: (p[i], i))
    m, adj, run = len(idx), [math.nan] * len(p), 0.0
    for j, i in enumerate(idx):
        run = max(run, min(1.0, (m - j) * p[i]))
        adj[i] = run
    return adj


def runs_checks(sd, mean, rel, alpha, power):
    """Guenther's formula exactly, and within one run of the least n whose
    exact power (noncentral t, R's power.t.test) reaches the target."""
    za, zb = ss.norm.ppf(1 - alpha / 2), ss.norm.ppf(power)
    d = rel * abs(mean) / sd
    n = max(2, math.ceil(2 * (za + zb) ** 2 / d ** 2 + za ** 2 / 4))

    def exact_n():
        with np.errstate(all="ignore"):
            return exact_n_loop()

    def exact_n_loop():
        for m in range(2, 100000):
            df = 2 * m - 2
            ncp = d * math.sqrt(m / 2)
            tc = ss.t.ppf(1 - alpha / 2, df)
            if ss.nct.sf(tc, df, ncp) + ss.nct.cdf(-tc, df, ncp) >= power:
                return m
        return math.nan

    def checks(got):
        got = [float(got[0])]
        name = "runs sd %g mean %g rel %g" % (sd, mean, rel)
        return [(name + ": Guenther's n", got[0], n, EXACT),
                (name + ": within 1 of the exact power n", abs(got[0] -
                 exact_n()) <= 1, True, EXACT)]
    add("runs %r %r %r %r %r" % (sd, mean, rel, alpha, power), checks)


def hypotest_section():
    for name, (x, y) in TWO.items():
        mwu_checks(name, x, y)
        welch_checks(name, x, y, 0.95)
        hl_checks(name, x, y, 0.95)
        tost_checks(name, x, y, 0.02)
        tost_checks(name, x, y, 0.10)
    for name in ("overlap 8/9", "normal 50/50", "timings 60/40 with ties"):
        x, y = TWO[name]
        welch_checks(name, x, y, 0.99)
        hl_checks(name, x, y, 0.90)
        hl_checks(name, x, y, 0.99)
    for u, m, n in ((0, 5, 6), (3, 5, 6), (14, 5, 6), (30, 5, 6),
                    (400, 30, 40), (1250, 50, 50), (-1, 3, 3)):
        add("mwucdf %r %r %r" % (u, m, n),
            [("pwilcox(%d, %d, %d)" % (u, m, n),
              pwilcox(u, m, n) if u >= 0 else 0.0, CLOSED)])
    for ps in ([0.01, 0.02, 0.03, 0.04, 0.05], [0.5], [0.04, math.nan, 0.01,
               0.03, 0.2, 0.01], [0.9, 0.8, 0.95]):
        add("holm | " + " ".join(fmt(v) for v in ps),
            [("holm %s [%d]" % (ps, i), v, CLOSED)
             for i, v in enumerate(holm_ref(ps))])
    add("holm |", lambda got: [("holm of no p-values is empty", len(got), 0,
                                EXACT)])
    add("holm | 0.01 0.02 0.03 0.04 0.05",
        [("holm R example [%d]" % i, v, CLOSED)
         for i, v in enumerate([0.05, 0.08, 0.09, 0.09, 0.09])])
    for args in ((1.0, 10.0, 0.05, 0.05, 0.8), (0.3, 10.0, 0.01, 0.05, 0.8),
                 (2.0, 10.0, 0.5, 0.05, 0.9), (0.05, 1.0, 0.02, 0.01, 0.8)):
        runs_checks(*args)


# ----------------------------------------------------------- bootstrap
M64 = (1 << 64) - 1


class Xoshiro:
    """xoshiro256** seeded by splitmix64, from the published algorithms,
    and boot_below's rejection rule: the Python twin of bootstrap.c."""

    def __init__(self, seed):
        self.s, x = [], seed & M64
        for _ in range(4):
            x = (x + 0x9e3779b97f4a7c15) & M64
            z = x
            z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M64
            z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M64
            self.s.append(z ^ (z >> 31))

    @staticmethod
    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & M64

    def next(self):
        s = self.s
        res = (self.rotl((s[1] * 5) & M64, 7) * 9) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self.rotl(s[3], 45)
        return res

    def below(self, n):
        lim = (1 << 64) % n     # (2^64 - n) mod n
        while True:
            x = self.next()
            if x >= lim:
                return x % n


def boot_ref(base, cand, conf, resamples, seed):
    g = Xoshiro(seed)
    base, cand = np.asarray(base, float), np.asarray(cand, float)
    nb, nc = len(base), len(cand)
    ratios = np.empty(resamples)
    for b in range(resamples):
        mb = np.median(base[[g.below(nb) for _ in range(nb)]])
        mc = np.median(cand[[g.below(nc) for _ in range(nc)]])
        ratios[b] = mc / mb
    a = (1 - conf) / 2
    lo, hi = np.percentile(ratios, [100 * a, 100 * (1 - a)])
    return np.median(cand) / np.median(base), lo, hi


def bootstrap_section():
    for seed, n, bound in ((0, 6, 0), (42, 6, 0), (2 ** 53, 4, 0),
                           (7, 40, 10), (7, 20, 3), (99, 10, 2 ** 40 + 3)):
        g = Xoshiro(seed)
        want = [g.below(bound) if bound else g.next() for _ in range(n)]

        def checks(got, want=want, seed=seed, bound=bound):
            # Compared as integers: 64-bit outputs do not survive floats.
            return [("rng seed %d bound %d: %d draws as the Python twin"
                     % (seed, bound, len(want)), [int(v) for v in got] ==
                     want, True, EXACT)]
        add("rng %d %d %d" % (seed, n, bound), checks)
    sets = {
        "small 8/8": ([1, 2, 3, 4, 5, 6, 7, 8], [2, 3, 4, 5, 6, 7, 8, 9]),
        "timings 30/31": (list(rng.normal(1.00, 0.03, 30)),
                          list(rng.normal(1.05, 0.03, 31))),
        "ties 12/10": ([5, 5, 5, 6, 6, 7, 7, 7, 7, 8, 9, 9],
                       [6, 6, 6, 7, 7, 8, 8, 8, 9, 10]),
    }
    for name, (b, c) in sets.items():
        for conf, res, seed in ((0.95, 400, 1), (0.90, 300, 12345)):
            ratio, lo, hi = boot_ref(b, c, conf, res, seed)
            add("boot %r %d %d %s" % (conf, res, seed, sample_text(b, c)),
                [("bootstrap %s conf %g seed %d: %s" % (name, conf, seed, w),
                  v, (1e-14, 0)) for w, v in
                 (("ratio", ratio), ("lo", lo), ("hi", hi))] +
                [("bootstrap %s: status" % name, 0, EXACT)])
    # scipy.stats.bootstrap's own percentile interval (its own resampling)
    # must be close: Monte Carlo error of 2000 resamples at n = 200 is a
    # few tenths of a percent of the ratio; allow 1.5% of the ratio.
    b = list(rng.lognormal(0, 0.3, 200))
    c = list(rng.lognormal(0.1, 0.3, 200))
    ref = ss.bootstrap((c, b), lambda x, y: np.median(x) / np.median(y),
                       vectorized=False, paired=False, n_resamples=2000,
                       method="percentile", confidence_level=0.95,
                       random_state=np.random.default_rng(5))
    ratio = np.median(c) / np.median(b)
    add("boot 0.95 0 2026 %s" % sample_text(b, c),
        [("bootstrap vs scipy.stats.bootstrap: ratio", ratio, CLOSED),
         ("bootstrap vs scipy.stats.bootstrap: lo (loose)",
          ref.confidence_interval.low, (0, 0.015 * ratio)),
         ("bootstrap vs scipy.stats.bootstrap: hi (loose)",
          ref.confidence_interval.high, (0, 0.015 * ratio))])
    add("boot 0.95 0 1 | 3 | 4", [("bootstrap n = 1: ratio", 4 / 3, CLOSED),
                                  ("bootstrap n = 1: no interval", math.nan,
                                   EXACT), ("", None, None),
                                  ("bootstrap n = 1: status", -1, EXACT)])
    add("boot 0.95 0 1 | 0 0 1 | 4 5",
        [("bootstrap median(base) 0: ratio NaN", math.nan, EXACT),
         ("", None, None), ("", None, None),
         ("bootstrap median(base) 0: status", -1, EXACT)])


def close(got, want, tol):
    if want is None:
        return True
    want = float(want)
    if math.isnan(want) or math.isnan(got):
        return math.isnan(want) and math.isnan(got)
    if math.isinf(want) or math.isinf(got):
        return got == want
    return abs(got - want) <= tol[1] + tol[0] * abs(want)


def main():
    if len(sys.argv) < 2:
        print("usage: check_scipy.py VARIANT [SAME...]", file=sys.stderr)
        return 2
    drv = "%s/tests/stats/statsdrv" % sys.argv[1]
    stats_section()
    distrib_section()
    hypotest_section()
    bootstrap_section()
    text = "".join(line + "\n" for line, _ in requests)
    proc = subprocess.run([drv], input=text, capture_output=True, text=True)
    lines = proc.stdout.splitlines()
    n = 0
    failed = 0
    for i, (line, checks) in enumerate(requests):
        got = lines[i].split() if i < len(lines) else ["error: no answer"]
        if callable(checks):
            try:
                checks = checks(got)
            except (IndexError, ValueError):
                checks = [("answer to '%s'" % line[:60], None, 0, EXACT)]
        else:
            checks = [(c[0], got[j] if j < len(got) else None) + c[1:]
                      for j, c in enumerate(checks)]
        for name, g, want, tol in checks:
            if want is None and g is not None:
                continue
            n += 1
            try:
                g = float(g)
                ok = close(g, want, tol)
            except (TypeError, ValueError):
                g, ok = " ".join(got), False
            print("%sok %d - %s" % ("" if ok else "not ", n, name))
            if not ok:
                failed += 1
                print("#   got:  %r\n#   want: %r (tol rel %g abs %g)"
                      % (g, want, tol[0], tol[1]))
                print("#   request: %s" % line[:200])
    if proc.returncode != 0 or proc.stderr:
        n += 1
        failed += 1
        print("not ok %d - statsdrv exits 0 quietly\n#   status %d: %s"
              % (n, proc.returncode, proc.stderr.strip()[:500]))
    for other in sys.argv[2:]:
        p = subprocess.run(["%s/tests/stats/statsdrv" % other], input=text,
                           capture_output=True, text=True)
        n += 1
        ok = p.stdout == proc.stdout
        print("%sok %d - %s statsdrv answers as %s's, byte for byte"
              % ("" if ok else "not ", n, other, sys.argv[1]))
        if not ok:
            failed += 1
            mine, theirs = p.stdout.splitlines(), lines
            for i, (a, b) in enumerate(zip(mine, theirs)):
                if a != b:
                    print("#   request: %s\n#   %s: %s\n#   %s: %s"
                          % (requests[i][0][:200], other, a, sys.argv[1], b))
                    break
        n += 1
        ok = p.returncode == 0 and not p.stderr
        print("%sok %d - %s statsdrv exits 0 quietly" % ("" if ok else "not ", n, other))
        if not ok:
            failed += 1
            print("#   status %d: %s" % (p.returncode, p.stderr.strip()[:500]))
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
