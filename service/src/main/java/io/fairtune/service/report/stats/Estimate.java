package io.fairtune.service.report.stats;

/**
 * A point estimate with a confidence interval.
 *
 * @param value the statistic on the observed data
 * @param lower lower interval bound
 * @param upper upper interval bound, {@code >= lower}
 */
public record Estimate(double value, double lower, double upper) {

    public Estimate {
        if (lower > upper) {
            throw new IllegalArgumentException("lower bound " + lower + " exceeds upper bound " + upper);
        }
    }
}
