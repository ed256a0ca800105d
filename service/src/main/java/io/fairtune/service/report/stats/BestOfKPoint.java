package io.fairtune.service.report.stats;

/**
 * One point of an expected best-of-k curve with its bootstrap percentile interval.
 *
 * @param k number of trials drawn, {@code 1..n}
 * @param expectedMax exact expected maximum of {@code k} of the {@code n} observed values ({@link ExpectedMax})
 * @param lower lower interval bound
 * @param upper upper interval bound
 * @param bootstrapped {@code true} if the interval was bootstrapped at this {@code k}; {@code false} if it was
 *     interpolated between the neighbouring bootstrapped values of {@code k} (see {@link
 *     Bootstrap#bestOfKCurve(double[], BootstrapOptions)})
 */
public record BestOfKPoint(int k, double expectedMax, double lower, double upper, boolean bootstrapped) {}
