package io.fairtune.service.report.stats;

/** Student's t distribution with real degrees of freedom (Welch–Satterthwaite gives fractional ones). */
public final class StudentT {

    private StudentT() {}

    /** {@code P(T <= t)} for {@code df > 0}: {@code 1 - I_{df/(df+t²)}(df/2, 1/2) / 2} for {@code t >= 0}. */
    public static double cdf(double t, double degreesOfFreedom) {
        requireDegrees(degreesOfFreedom);
        if (Double.isInfinite(t)) {
            return t > 0 ? 1 : 0;
        }
        double tail = 0.5
                * SpecialFunctions.incompleteBeta(
                        degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
        return t < 0 ? tail : 1 - tail;
    }

    /** The {@code p} quantile, {@code 0 < p < 1}. */
    public static double quantile(double p, double degreesOfFreedom) {
        requireDegrees(degreesOfFreedom);
        Normal.requireProbability(p);
        if (p == 0.5) {
            return 0;
        }
        if (p < 0.5) {
            return -quantile(1 - p, degreesOfFreedom);
        }
        return SpecialFunctions.invert(t -> cdf(t, degreesOfFreedom), p);
    }

    private static void requireDegrees(double degreesOfFreedom) {
        if (!(degreesOfFreedom > 0) || Double.isInfinite(degreesOfFreedom)) {
            throw new IllegalArgumentException("degrees of freedom must be positive but were " + degreesOfFreedom);
        }
    }
}
