package io.fairtune.service.report.stats;

/**
 * An estimate whose studentized error follows Student's t: one-sided level-α bounds {@code estimate ∓ t_{1−α,ν}
 * se} and the p-values of the same t statistic, so a bound clears a shift exactly when the matching p-value is at
 * most α. Welch's mean difference and the jackknifed best-of-k difference are both of this form.
 *
 * @param estimate the point estimate
 * @param standardError its standard error, positive
 * @param degreesOfFreedom ν, positive
 */
public record TInterval(double estimate, double standardError, double degreesOfFreedom) {

    /**
     * Two independent estimates' difference with variances {@code va} and {@code vb} on {@code na − 1} and {@code nb
     * − 1} degrees of freedom, combined by Welch–Satterthwaite: {@code ν = (va + vb)² / (va²/(na−1) + vb²/(nb−1))}.
     */
    static TInterval welchSatterthwaite(double estimate, double va, double vb, int na, int nb) {
        double v = va + vb;
        return new TInterval(estimate, Math.sqrt(v), v * v / (va * va / (na - 1) + vb * vb / (nb - 1)));
    }

    /** The one-sided {@code 1 − alpha} lower bound. */
    public double lowerBound(double alpha) {
        return estimate - StudentT.quantile(1 - alpha, degreesOfFreedom) * standardError;
    }

    /** The one-sided {@code 1 − alpha} upper bound. */
    public double upperBound(double alpha) {
        return estimate + StudentT.quantile(1 - alpha, degreesOfFreedom) * standardError;
    }

    /** The one-sided p-value of H0: {@code true value <= shift}. */
    public double pValueAbove(double shift) {
        return 1 - StudentT.cdf((estimate - shift) / standardError, degreesOfFreedom);
    }

    /** The one-sided p-value of H0: {@code true value >= shift}. */
    public double pValueBelow(double shift) {
        return StudentT.cdf((estimate - shift) / standardError, degreesOfFreedom);
    }
}
