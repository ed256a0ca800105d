package io.fairtune.service.report.stats;

/**
 * Sample quantiles by linear interpolation between order statistics: Hyndman and Fan's type 7, the default of R's
 * {@code quantile} and of numpy's {@code percentile}/{@code quantile}. For ascending {@code x[0..n-1]} and
 * probability {@code p}: {@code h = (n - 1) p}, {@code Q(p) = x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] -
 * x[floor(h)])}.
 */
public final class Quantiles {

    private Quantiles() {}

    /** Type 7 quantile of values in any order (not modified). */
    public static double of(double[] values, double p) {
        return ofSorted(ExpectedMax.sortedFiniteCopy(values), p);
    }

    /** Type 7 median of values in any order (not modified). */
    public static double median(double[] values) {
        return of(values, 0.5);
    }

    /**
     * Type 7 quantile of ascending values.
     *
     * @throws IllegalArgumentException if {@code sorted} is empty or {@code p} is outside [0, 1]
     */
    public static double ofSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("quantile of an empty sample");
        }
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("p must be in [0, 1] but was " + p);
        }
        double h = (sorted.length - 1) * p;
        int low = (int) Math.floor(h);
        if (low >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double fraction = h - low;
        return sorted[low] + fraction * (sorted[low + 1] - sorted[low]);
    }
}
