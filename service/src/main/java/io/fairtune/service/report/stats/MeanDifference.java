package io.fairtune.service.report.stats;

import java.util.Optional;

/**
 * The difference of two means, {@code d = mean(candidate) − mean(baseline)}, with Welch's t: standard error
 * {@code se = sqrt(s₁²/n₁ + s₂²/n₂)} and Welch–Satterthwaite degrees of freedom {@code ν = se⁴ / ((s₁²/n₁)²/(n₁−1)
 * + (s₂²/n₂)²/(n₂−1))}. A one-sided level-α bound is {@code d ∓ t_{1−α,ν} se}; the p-values are those of the same
 * t statistic, so a bound clears a shift exactly when the matching p-value is at most α.
 *
 * <p>Coverage was measured by simulation ({@code MeanDifferenceCoverageTest}) down to {@link #MIN_SEEDS} per arm on
 * normal and skewed (beta) accuracies; below that the report says INSUFFICIENT_DATA.
 */
public final class MeanDifference {

    /** The fewest values per arm at which the interval's coverage was measured to hold. */
    public static final int MIN_SEEDS = 3;

    /** A standard error this small is rounding in equal values, not spread. */
    static final double NO_SPREAD = 1e-12;

    private final double estimate;
    private final double standardError;
    private final double degreesOfFreedom;
    private final int candidateN;
    private final int baselineN;
    private final double candidateSd;
    private final double baselineSd;

    private MeanDifference(double[] candidate, double[] baseline) {
        requireFinite(candidate);
        requireFinite(baseline);
        candidateN = candidate.length;
        baselineN = baseline.length;
        double candidateMean = mean(candidate);
        double baselineMean = mean(baseline);
        candidateSd = Math.sqrt(variance(candidate, candidateMean));
        baselineSd = Math.sqrt(variance(baseline, baselineMean));
        estimate = candidateMean - baselineMean;
        double a = candidateSd * candidateSd / candidateN;
        double b = baselineSd * baselineSd / baselineN;
        standardError = Math.sqrt(a + b);
        degreesOfFreedom = (a + b) * (a + b) / (a * a / (candidateN - 1) + b * b / (baselineN - 1));
    }

    /**
     * Welch's comparison of two samples; empty when an arm has fewer than two values or neither arm varies (the
     * standard error is then 0 and no interval can be formed).
     */
    public static Optional<MeanDifference> welch(double[] candidate, double[] baseline) {
        if (candidate.length < 2 || baseline.length < 2) {
            return Optional.empty();
        }
        MeanDifference d = new MeanDifference(candidate, baseline);
        return d.standardError > NO_SPREAD ? Optional.of(d) : Optional.empty();
    }

    public double estimate() {
        return estimate;
    }

    public double standardError() {
        return standardError;
    }

    public double degreesOfFreedom() {
        return degreesOfFreedom;
    }

    /** The one-sided {@code 1 − alpha} lower bound. */
    public double lowerBound(double alpha) {
        return estimate - StudentT.quantile(1 - alpha, degreesOfFreedom) * standardError;
    }

    /** The one-sided {@code 1 − alpha} upper bound. */
    public double upperBound(double alpha) {
        return estimate + StudentT.quantile(1 - alpha, degreesOfFreedom) * standardError;
    }

    /** The one-sided p-value of H0: {@code d <= shift}. */
    public double pValueAbove(double shift) {
        return 1 - StudentT.cdf((estimate - shift) / standardError, degreesOfFreedom);
    }

    /** The one-sided p-value of H0: {@code d >= shift}. */
    public double pValueBelow(double shift) {
        return StudentT.cdf((estimate - shift) / standardError, degreesOfFreedom);
    }

    public int candidateN() {
        return candidateN;
    }

    public int baselineN() {
        return baselineN;
    }

    public double candidateSd() {
        return candidateSd;
    }

    public double baselineSd() {
        return baselineSd;
    }

    static void requireFinite(double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("values must be finite but contain " + value);
            }
        }
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The sample variance, divisor {@code n − 1}. */
    static double variance(double[] values, double mean) {
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum / (values.length - 1);
    }
}
