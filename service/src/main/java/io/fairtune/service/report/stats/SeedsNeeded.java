package io.fairtune.service.report.stats;

import java.util.OptionalInt;

/**
 * Seeds per arm for a one-sided test of {@code H0: d <= bound} at level α to reach a given power when the true
 * difference is {@code assumedDifference} and both arms have standard deviation σ. The normal approximation is
 * {@code n = 2 (z₁₋α + z₁₋β)² σ² / (Δ − bound)²}; at the small n of final phases the t distribution is used
 * instead, iterating {@code n = 2 (t₁₋α,ν + t₁₋β,ν)² σ² / (Δ − bound)²} with {@code ν = 2n − 2} until it is stable.
 */
public final class SeedsNeeded {

    /** Beyond this many seeds per arm the answer is "no practical number". */
    public static final int MAX_SEEDS = 10_000;

    private SeedsNeeded() {}

    /**
     * @return the seeds per arm (at least 2), or empty when the assumed difference does not clear the bound (no
     *     number of seeds gives the power) or more than {@link #MAX_SEEDS} would be needed
     */
    public static OptionalInt perArm(
            double standardDeviation, double assumedDifference, double bound, double alpha, double power) {
        if (!(standardDeviation >= 0) || !(alpha > 0 && alpha < 0.5) || !(power > 0.5 && power < 1)) {
            throw new IllegalArgumentException("need sd >= 0, 0 < alpha < 0.5, 0.5 < power < 1; got "
                    + standardDeviation + ", " + alpha + ", " + power);
        }
        double gap = assumedDifference - bound;
        if (!(gap > 0)) {
            return OptionalInt.empty();
        }
        double ratio = standardDeviation / gap;
        double z = Normal.quantile(1 - alpha) + Normal.quantile(power);
        double normal = 2 * z * z * ratio * ratio;
        if (normal > MAX_SEEDS) {
            return OptionalInt.empty();
        }
        int n = Math.max(2, (int) Math.ceil(normal));
        for (int i = 0; i < 100; i++) {
            double df = 2.0 * n - 2;
            double t = StudentT.quantile(1 - alpha, df) + StudentT.quantile(power, df);
            int next = Math.max(2, (int) Math.ceil(2 * t * t * ratio * ratio));
            if (next <= n) {
                break;
            }
            n = next;
        }
        return n > MAX_SEEDS ? OptionalInt.empty() : OptionalInt.of(n);
    }
}
