package io.fairtune.service.report.stats;

import java.util.Optional;

/**
 * One arm's expected best-of-k with a two-sided interval: {@code E[max_k] ± t_{(1+c)/2, n−1} · sqrt(v)}, where v is
 * the jackknife variance of {@link ExpectedMax#jackknifeVariance(double[], int)}. Its coverage was measured only up
 * to {@link BestOfKDifference#maxK(int)}, and one arm alone (unlike a difference of two, where skewness largely
 * cancels) under-covers on skewed accuracies until about {@link #MIN_TRIALS} trials (0.86 at n = 3, 0.92 at n = 20
 * for a long left tail). So there is no interval below that n or beyond that k: the report's best-of-k curve shows
 * a band where it is trusted and the bare estimate elsewhere.
 */
public final class ExpectedMaxInterval {

    /** The fewest trials at which one arm's band was measured to hold on skewed accuracies. */
    public static final int MIN_TRIALS = 60;

    private ExpectedMaxInterval() {}

    /**
     * Empty below {@link #MIN_TRIALS}, when {@code k > maxK(n)}, with a diverged trial among the values (where the
     * difference's coverage was measured to fail) or when the values do not vary.
     */
    public static Optional<Estimate> of(double[] values, int k, double confidence) {
        if (values.length < MIN_TRIALS
                || k < 1
                || k > BestOfKDifference.maxK(values.length)
                || BestOfKDifference.hasDiverged(values)) {
            return Optional.empty();
        }
        return unguarded(values, k, confidence);
    }

    /** The same interval without the {@code maxK} guard, for the simulations that set that guard. */
    static Optional<Estimate> unguarded(double[] values, int k, double confidence) {
        double[] sorted = ExpectedMax.sortedFiniteCopy(values);
        int n = sorted.length;
        if (k < 1 || k >= n) {
            return Optional.empty();
        }
        double se = Math.sqrt(ExpectedMax.jackknifeVariance(sorted, k));
        if (!(se > MeanDifference.NO_SPREAD)) {
            return Optional.empty();
        }
        double estimate = ExpectedMax.ofSorted(sorted, k);
        double half = StudentT.quantile((1 + confidence) / 2, n - 1) * se;
        return Optional.of(new Estimate(estimate, estimate - half, estimate + half));
    }
}
