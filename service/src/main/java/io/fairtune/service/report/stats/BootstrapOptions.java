package io.fairtune.service.report.stats;

/**
 * Settings of a bootstrap: number of resamples, confidence level of the percentile interval and the seed of the
 * {@link java.util.SplittableRandom} that draws the resamples (same options and data, same result).
 *
 * @param resamples number of bootstrap resamples {@code B}, at least 1
 * @param level confidence level in (0, 1); the interval runs from the {@code (1 - level) / 2} to the {@code (1 +
 *     level) / 2} quantile of the resampled statistic
 * @param seed seed of the random generator
 */
public record BootstrapOptions(int resamples, double level, long seed) {

    /** Default number of resamples. */
    public static final int DEFAULT_RESAMPLES = 1000;

    /** Default confidence level: a 95% interval between the 2.5% and 97.5% percentiles. */
    public static final double DEFAULT_LEVEL = 0.95;

    public BootstrapOptions {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1 but was " + resamples);
        }
        if (!(level > 0.0 && level < 1.0)) {
            throw new IllegalArgumentException("level must be in (0, 1) but was " + level);
        }
    }

    /** {@value #DEFAULT_RESAMPLES} resamples, 95% level, the given seed. */
    public static BootstrapOptions withSeed(long seed) {
        return new BootstrapOptions(DEFAULT_RESAMPLES, DEFAULT_LEVEL, seed);
    }

    /** The same options with another number of resamples. */
    public BootstrapOptions withResamples(int newResamples) {
        return new BootstrapOptions(newResamples, level, seed);
    }
}
