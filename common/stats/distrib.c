/* distrib.c - normal, Student t, F, chi-square and binomial distributions
 * on the regularized incomplete beta and gamma functions (specfun.h). */
#include <float.h>
#include <math.h>

#include "distrib.h"
#include "specfun.h"

double
distrib_norm_cdf(double x)
{
	return 0.5 * erfc(-x / M_SQRT2);
}

double
distrib_norm_sf(double x)
{
	return 0.5 * erfc(x / M_SQRT2);
}

double
distrib_norm_pdf(double x)
{
	return exp(-0.5 * x * x - SPECFUN_LN_SQRT_2PI);
}

/* Acklam's approximation (relative error 1.15e-9) for 0 < p <= 1/2. */
static double
acklam_lower(double p)
{
	static const double a[] = { -3.969683028665376e+01,
	    2.209460984245205e+02, -2.759285104469687e+02,
	    1.383577518672690e+02, -3.066479806614716e+01,
	    2.506628277459239e+00 };
	static const double b[] = { -5.447609879822406e+01,
	    1.615858368580409e+02, -1.556989798598866e+02,
	    6.680131188771972e+01, -1.328068155288572e+01 };
	static const double c[] = { -7.784894002430293e-03,
	    -3.223964580411365e-01, -2.400758277161838e+00,
	    -2.549732539343734e+00, 4.374664141464968e+00,
	    2.938163982698783e+00 };
	static const double d[] = { 7.784695709041462e-03,
	    3.224671290700398e-01, 2.445134137142996e+00,
	    3.754408661907416e+00 };
	double q, r;

	if (p < 0.02425) {
		q = sqrt(-2 * log(p));
		return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q +
		    c[4]) * q + c[5]) /
		    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	q = p - 0.5;
	r = q * q;
	return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r +
	    a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r +
	    b[4]) * r + 1);
}

double
distrib_norm_quantile(double p)
{
	double x, e, u, pdf;
	int i;

	if (isnan(p) || p < 0 || p > 1)
		return NAN;
	if (p == 0)
		return -INFINITY;
	if (p == 1)
		return INFINITY;
	if (p > 0.5)
		return -distrib_norm_quantile(1 - p);	/* 1 - p is exact */
	x = acklam_lower(p);
	for (i = 0; i < 2; i++) {	/* Halley's method on the cdf */
		pdf = distrib_norm_pdf(x);
		if (!(pdf > 0))
			break;
		e = distrib_norm_cdf(x) - p;
		u = e / pdf;
		if (!isfinite(u))
			break;
		x -= u / (1 + x * u / 2);
	}
	return x;
}

/*
 * P(T > t) for t >= 0: I_x(df/2, 1/2) / 2 with x = df / (df + t^2).  For
 * df > 1e5, where the continued fraction loses digits (1e-10 at df 1e7),
 * Hill's normal approximation (ACM algorithm 395), whose error there is
 * below 1e-14.
 */
static double
t_tail(double t, double df)
{
	double r2, a, b, y, z;

	if (isinf(df))
		return distrib_norm_sf(t);
	if (df > 1e5) {
		a = df - 0.5;
		b = 48 * a * a;
		y = a * log1p(t / df * t);
		z = (((((-0.4 * y - 3.3) * y - 24) * y - 85.5) /
		    (0.8 * y * y + 100 + b) + y + 3) / b + 1) * sqrt(y);
		return distrib_norm_sf(z);
	}
	r2 = (t / sqrt(df)) * (t / sqrt(df));
	if (isinf(r2))
		return 0;
	return 0.5 * specfun_ibeta_xy(1 / (1 + r2), r2 / (1 + r2), df / 2, 0.5,
	    0);
}

double
distrib_t_sf(double t, double df)
{
	if (isnan(t) || isnan(df) || !(df > 0))
		return NAN;
	return t >= 0 ? t_tail(t, df) : 1 - t_tail(-t, df);
}

double
distrib_t_cdf(double t, double df)
{
	if (isnan(t) || isnan(df) || !(df > 0))
		return NAN;
	return t <= 0 ? t_tail(-t, df) : 1 - t_tail(t, df);
}

double
distrib_t_pdf(double t, double df)
{
	if (isnan(t) || isnan(df) || !(df > 0))
		return NAN;
	if (isinf(df))
		return distrib_norm_pdf(t);
	return exp(-(df + 1) / 2 * log1p(t * t / df) - 0.5 * log(df) -
	    specfun_lbeta(df / 2, 0.5));
}

/* The t > 0 with P(T > t) = q, 0 < q < 1/2: Newton's method on the tail,
 * kept inside a bracket that bisection (geometric when wide) narrows. */
static double
t_upper(double q, double df)
{
	double lo = 0, hi, t, tn, f, pdf, z;
	int i;

	z = -distrib_norm_quantile(q);
	t = z + (z * z * z + z) / (4 * df);	/* Cornish-Fisher start */
	if (!(t > 0) || !isfinite(t))
		t = 1;
	hi = t;
	while (t_tail(hi, df) > q) {
		lo = hi;
		hi *= 4;
		if (isinf(hi))
			return INFINITY;
	}
	for (i = 0; i < 400; i++) {
		f = t_tail(t, df) - q;
		if (f == 0)
			break;
		if (f > 0)
			lo = t;
		else
			hi = t;
		pdf = distrib_t_pdf(t, df);
		tn = pdf > 0 ? t + f / pdf : NAN;
		if (!(tn > lo && tn < hi))
			tn = lo > 0 && hi / lo > 4 ? sqrt(lo * hi) : (lo + hi) / 2;
		if (fabs(tn - t) <= 4 * DBL_EPSILON * tn)
			return tn;
		t = tn;
	}
	return t;
}

double
distrib_t_quantile(double p, double df)
{
	if (isnan(p) || isnan(df) || !(df > 0) || p < 0 || p > 1)
		return NAN;
	if (p == 0)
		return -INFINITY;
	if (p == 1)
		return INFINITY;
	if (p == 0.5)
		return 0;
	if (isinf(df))
		return distrib_norm_quantile(p);
	if (df == 1)
		return p < 0.5 ? -1 / tan(M_PI * p) : 1 / tan(M_PI * (1 - p));
	return p < 0.5 ? -t_upper(p, df) : t_upper(1 - p, df);
}

double
distrib_chi2_cdf(double x, double k)
{
	if (isnan(x) || !(k > 0))
		return NAN;
	return x <= 0 ? 0 : specfun_igamma_p(k / 2, x / 2);
}

double
distrib_chi2_sf(double x, double k)
{
	if (isnan(x) || !(k > 0))
		return NAN;
	return x <= 0 ? 1 : specfun_igamma_q(k / 2, x / 2);
}

/* F(x) or its upper tail, on I with x' = d1 x / (d1 x + d2). */
static double
f_dist(double x, double d1, double d2, int upper)
{
	double s;

	if (isnan(x) || isnan(d1) || isnan(d2) || !(d1 > 0) || !(d2 > 0))
		return NAN;
	if (x <= 0)
		return upper ? 1 : 0;
	if (isinf(x))
		return upper ? 0 : 1;
	s = d1 * x + d2;
	return specfun_ibeta_xy(d1 * x / s, d2 / s, d1 / 2, d2 / 2, upper);
}

double
distrib_f_cdf(double x, double d1, double d2)
{
	return f_dist(x, d1, d2, 0);
}

double
distrib_f_sf(double x, double d1, double d2)
{
	return f_dist(x, d1, d2, 1);
}

double
distrib_binom_cdf(double k, double n, double p)
{
	if (isnan(k) || isnan(n) || isnan(p) || n < 0 || n != floor(n) ||
	    p < 0 || p > 1)
		return NAN;
	k = floor(k);
	if (k < 0)
		return 0;
	if (k >= n)
		return 1;
	/* P(X <= k) = I_{1-p}(n - k, k + 1). */
	return specfun_ibeta_xy(1 - p, p, n - k, k + 1, 0);
}

long
distrib_binom_quantile(double q, long n, double p)
{
	double z, sd, fq;
	long k;

	if (isnan(q) || isnan(p) || n < 0 || q < 0 || q > 1 || p < 0 || p > 1)
		return -1;
	if (q == 1)
		return n;
	fq = q * (1 - 64 * DBL_EPSILON);	/* R's fuzz */
	z = distrib_norm_quantile(q);
	sd = sqrt(n * p * (1 - p));
	z = floor(n * p + z * sd + 0.5);
	k = z < 0 ? 0 : z > n ? n : (long)z;
	if (distrib_binom_cdf(k, n, p) >= fq) {
		while (k > 0 && distrib_binom_cdf(k - 1, n, p) >= fq)
			k--;
	} else {
		while (k < n && !(distrib_binom_cdf(k, n, p) >= fq))
			k++;
	}
	return k;
}
