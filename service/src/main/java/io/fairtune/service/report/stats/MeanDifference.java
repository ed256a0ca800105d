package io.fairtune.service.report.stats;

import java.util.Optional;

/**
 * The difference of two means, {@code d = mean(candidate) − mean(baseline)}, with Welch's t: standard error
 * {@code se = sqrt(s₁²/n₁ + s₂²/n₂)} and Welch–Satterthwaite degrees of freedom {@code ν = se⁴ / ((s₁²/n₁)²/(n₁−1)
 * + (s₂²/n₂)²/(n₂−1))}; the bounds and p-values are those of {@link TInterval}.
 *
 * <p>Coverage was measured by simulation ({@code MeanDifferenceTest}) down to {@link #MIN_SEEDS} per arm on
 * normal and skewed (beta) accuracies; below that the report says INSUFFICIENT_DATA.
 */
public final class MeanDifference {

    /** The fewest values per arm at which the interval's coverage was measured to hold. */
    public static final int MIN_SEEDS = 3;

    /** A standard error this small is rounding in equal values, not spread. */
    static final double NO_SPREAD = 1e-12;

    private final TInterval t;
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
        t = TInterval.welchSatterthwaite(
                candidateMean - baselineMean,
                candidateSd * candidateSd / candidateN,
                baselineSd * baselineSd / baselineN,
                candidateN,
                baselineN);
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
        return d.t.standardError() > NO_SPREAD ? Optional.of(d) : Optional.empty();
    }

    /** The difference with its t bounds and p-values. */
    public TInterval t() {
        return t;
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
