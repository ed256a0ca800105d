package io.fairtune.service.report.stats;

/** The standard normal distribution. */
public final class Normal {

    private Normal() {}

    /** {@code Φ(x)}, from {@code erfc(z) = Q(1/2, z²)} so that both tails keep their relative precision. */
    public static double cdf(double x) {
        double z = x / Math.sqrt(2);
        double tail = 0.5 * SpecialFunctions.upperIncompleteGamma(0.5, z * z);
        return x < 0 ? tail : 1 - tail;
    }

    /** {@code Φ⁻¹(p)}, {@code 0 < p < 1}. */
    public static double quantile(double p) {
        requireProbability(p);
        if (p == 0.5) {
            return 0;
        }
        return SpecialFunctions.invert(Normal::cdf, p);
    }

    static void requireProbability(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1) but was " + p);
        }
    }
}
