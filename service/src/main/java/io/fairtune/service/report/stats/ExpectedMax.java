package io.fairtune.service.report.stats;

import java.util.Arrays;
import java.util.Objects;

/**
 * Exact expected maximum of {@code k} values drawn without replacement from {@code n} values (the expected
 * best-of-k of Dodge et al. 2019, "Show your work").
 *
 * <p>With the values sorted ascending, {@code v(1) <= ... <= v(n)}:
 *
 * <pre>E[max_k] = sum_{i=k..n} v(i) * w_i(k),   w_i(k) = C(i-1, k-1) / C(n, k)</pre>
 *
 * <p>{@code w_i(k)} is the probability that {@code v(i)} is the largest of the {@code k} drawn values. No
 * binomial coefficient is ever formed: the weights start at {@code w_n(k) = k / n} and are walked down with the
 * exact ratio {@code w_{i-1}(k) / w_i(k) = (i-k) / (i-1)}, so they only shrink and cannot overflow. For
 * {@code k >= 2} the ratios themselves shrink as {@code i} falls, so the weights still to come after index
 * {@code i} sum to at most {@code w_i(k) * (i-k) / (k-1)} (a geometric bound); the walk stops once that bound
 * is below {@value #DROPPED_WEIGHT}, which changes the result by less than {@code 1e-17 * max|v|}, i.e. below
 * double rounding. A value of {@code k} then costs about {@code min(n, n * 39 / k)} steps, so the whole curve
 * costs {@code O(n log n)} (about {@code 39 n ln n} multiply-adds, a few milliseconds for {@code n = 10,000}).
 */
public final class ExpectedMax {

    /** Total weight that may be left out of a sum (see the class comment). */
    static final double DROPPED_WEIGHT = 1e-17;

    private ExpectedMax() {}

    /**
     * The whole best-of-k curve.
     *
     * @param values the trial values in any order (not modified); all finite
     * @return an array of length {@code n} whose element {@code k - 1} is {@code E[max_k]}, {@code k = 1..n}:
     *     element 0 is the mean, element {@code n - 1} the maximum; empty for empty input. The curve is made
     *     nondecreasing and capped at the maximum by a running maximum, which only moves values by rounding
     *     error (the exact curve has these properties).
     */
    public static double[] curve(double[] values) {
        return curveOfSorted(sortedFiniteCopy(values));
    }

    /**
     * {@code E[max_k]} for one {@code k}, in {@code O(n log n)} (the sort).
     *
     * @throws IllegalArgumentException unless {@code 1 <= k <= values.length}
     */
    public static double of(double[] values, int k) {
        double[] sorted = sortedFiniteCopy(values);
        if (k < 1 || k > sorted.length) {
            throw new IllegalArgumentException("k must be in [1, " + sorted.length + "] but was " + k);
        }
        return ofSorted(sorted, k);
    }

    static double[] curveOfSorted(double[] sorted) {
        int n = sorted.length;
        double[] curve = new double[n];
        if (n == 0) {
            return curve;
        }
        double max = sorted[n - 1];
        double previous = Double.NEGATIVE_INFINITY;
        for (int k = 1; k <= n; k++) {
            double value = Math.min(max, Math.max(previous, ofSorted(sorted, k)));
            curve[k - 1] = value;
            previous = value;
        }
        return curve;
    }

    /** {@code E[max_k]} of ascending values; {@code 1 <= k <= n}. */
    static double ofSorted(double[] sorted, int k) {
        int n = sorted.length;
        if (k == n) {
            return sorted[n - 1];
        }
        double weight = (double) k / n; // w_n(k)
        double sum = 0.0;
        for (int i = n; ; i--) { // 1-based rank i
            sum += weight * sorted[i - 1];
            if (i == k || (k >= 2 && weight * (i - k) <= DROPPED_WEIGHT * (k - 1))) {
                return sum;
            }
            weight *= (double) (i - k) / (i - 1);
        }
    }

    /**
     * Jackknife variance of {@code E[max_k]} over the ascending values, {@code k < n}. Leaving out the value of rank
     * j keeps the ranks below it and moves those above it down by one, so with the weights {@code w_r} of a sample
     * of {@code n − 1} every leave-one-out estimate is a prefix sum plus a suffix sum: all n of them in O(n).
     */
    static double jackknifeVariance(double[] sorted, int k) {
        int n = sorted.length;
        int m = n - 1;
        double[] weight = new double[m]; // weight[r]: chance that rank r + 1 of m values is the largest of k
        weight[m - 1] = (double) k / m;
        for (int rank = m; rank > k; rank--) {
            weight[rank - 2] = weight[rank - 1] * (rank - k) / (rank - 1);
        }
        double[] below = new double[n + 1]; // below[j] = Σ_{i<j} v_i w_i
        for (int i = 0; i < m; i++) {
            below[i + 1] = below[i] + sorted[i] * weight[i];
        }
        double[] above = new double[n + 1]; // above[j] = Σ_{i>=j, i>=1} v_i w_{i−1}
        for (int i = n - 1; i >= 1; i--) {
            above[i] = above[i + 1] + sorted[i] * weight[i - 1];
        }
        double[] estimates = new double[n];
        double sum = 0;
        for (int j = 0; j < n; j++) {
            estimates[j] = below[Math.min(j, m)] + above[j + 1];
            sum += estimates[j];
        }
        double mean = sum / n;
        double squares = 0;
        for (double e : estimates) {
            squares += (e - mean) * (e - mean);
        }
        return squares * (n - 1) / n;
    }

    static double[] sortedFiniteCopy(double[] values) {
        Objects.requireNonNull(values, "values");
        double[] sorted = values.clone();
        for (double value : sorted) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("values must be finite but contain " + value);
            }
        }
        Arrays.sort(sorted);
        return sorted;
    }
}
