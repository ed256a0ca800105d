package io.fairtune.service.report.stats;

/**
 * The special functions behind {@link StudentT} and {@link Normal}, in double precision: the log-gamma function
 * (Lanczos, g = 7, nine terms; relative error about 1e-15), the regularized incomplete beta function (the continued
 * fraction of Numerical Recipes §6.4, evaluated with Lentz's method) and the regularized upper incomplete gamma
 * function (series below {@code a + 1}, continued fraction above; Numerical Recipes §6.2).
 */
final class SpecialFunctions {

    private static final double[] LANCZOS = {
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7
    };

    private static final double EPSILON = 1e-16;
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 10_000;

    private SpecialFunctions() {}

    /** {@code ln Γ(x)} for {@code x > 0}. */
    static double logGamma(double x) {
        if (x < 0.5) {
            // Reflection keeps the Lanczos sum in its accurate range.
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /** The regularized incomplete beta function {@code I_x(a, b)}, {@code 0 <= x <= 1}, {@code a, b > 0}. */
    static double incompleteBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaFraction(x, a, b) / a;
        }
        return 1 - front * betaFraction(1 - x, b, a) / b;
    }

    private static double betaFraction(double x, double a, double b) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        d = Math.abs(d) < TINY ? TINY : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < EPSILON) {
                return h;
            }
        }
        throw new ArithmeticException("incomplete beta did not converge for x=" + x + ", a=" + a + ", b=" + b);
    }

    /** The regularized upper incomplete gamma function {@code Q(a, x) = Γ(a, x) / Γ(a)}, {@code a > 0, x >= 0}. */
    static double upperIncompleteGamma(double a, double x) {
        if (x <= 0) {
            return 1;
        }
        double logFront = -x + a * Math.log(x) - logGamma(a);
        if (x < a + 1) {
            double term = 1 / a;
            double sum = term;
            for (int n = 1; n <= MAX_ITERATIONS; n++) {
                term *= x / (a + n);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * EPSILON) {
                    return 1 - sum * Math.exp(logFront);
                }
            }
            throw new ArithmeticException("incomplete gamma series did not converge for a=" + a + ", x=" + x);
        }
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i <= MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < TINY ? TINY : d;
            c = b + an / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < EPSILON) {
                return Math.exp(logFront) * h;
            }
        }
        throw new ArithmeticException("incomplete gamma fraction did not converge for a=" + a + ", x=" + x);
    }

    /**
     * The {@code x} with {@code cdf(x) = p} for an increasing {@code cdf}, by bisection to double precision after
     * bracketing outward from {@code [-1, 1]}.
     */
    static double invert(java.util.function.DoubleUnaryOperator cdf, double p) {
        double lo = -1;
        double hi = 1;
        while (cdf.applyAsDouble(lo) > p) {
            lo *= 2;
        }
        while (cdf.applyAsDouble(hi) < p) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf.applyAsDouble(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
