package io.fairtune.service.report.stats;

/**
 * Five-number summary, mean, standard deviation and target rate of a sample (e.g. the test accuracies of an arm's
 * final-phase seeds).
 *
 * @param n sample size, at least 1
 * @param min smallest value
 * @param q1 first quartile, type 7 (see {@link Quantiles})
 * @param median median, type 7
 * @param q3 third quartile, type 7
 * @param max largest value
 * @param mean arithmetic mean
 * @param standardDeviation sample standard deviation (divisor {@code n - 1}); {@code NaN} when {@code n == 1}
 * @param fractionReachingTarget fraction of values {@code >= target}
 */
public record Summary(
        int n,
        double min,
        double q1,
        double median,
        double q3,
        double max,
        double mean,
        double standardDeviation,
        double fractionReachingTarget) {

    /**
     * Summarizes a sample.
     *
     * @param values finite values in any order (not modified), at least one
     * @param target the value a sample must reach (inclusive) to count in {@link #fractionReachingTarget()}
     * @throws IllegalArgumentException on an empty sample, a non-finite value or a non-finite target
     */
    public static Summary of(double[] values, double target) {
        double[] sorted = ExpectedMax.sortedFiniteCopy(values);
        if (sorted.length == 0) {
            throw new IllegalArgumentException("summary of an empty sample");
        }
        if (!Double.isFinite(target)) {
            throw new IllegalArgumentException("target must be finite but was " + target);
        }
        int n = sorted.length;
        double sum = 0.0;
        int reaching = 0;
        for (double value : sorted) {
            sum += value;
            if (value >= target) {
                reaching++;
            }
        }
        double mean = sum / n;
        double squares = 0.0;
        for (double value : sorted) {
            squares += (value - mean) * (value - mean);
        }
        double standardDeviation = n > 1 ? Math.sqrt(squares / (n - 1)) : Double.NaN;
        return new Summary(
                n,
                sorted[0],
                Quantiles.ofSorted(sorted, 0.25),
                Quantiles.ofSorted(sorted, 0.5),
                Quantiles.ofSorted(sorted, 0.75),
                sorted[n - 1],
                mean,
                standardDeviation,
                (double) reaching / n);
    }
}
