package io.fairtune.service.report.stats;

import static org.assertj.core.api.Assertions.assertThat;

/** The cases and the pass mark of the coverage simulations. */
final class Coverage {

    static final int REPLICATIONS = 4000;

    /** Nominal two-sided coverage. */
    static final double NOMINAL = 0.95;

    /** Nominal less 1.5 points: a simulated coverage below this fails. */
    static final double LOWEST = NOMINAL - 0.015;

    /** Above this the interval is too wide to be useful (Welch at n = 3 with equal spreads is about 0.966). */
    static final double HIGHEST = 0.98;

    /** Candidate and baseline distributions: normal with equal and unequal spreads, and skewed ones. */
    static final Simulated[][] PAIRS = {
        {Simulated.normal(0.90, 0.003), Simulated.normal(0.89, 0.003)},
        {Simulated.normal(0.90, 0.002), Simulated.normal(0.89, 0.006)},
        {Simulated.ceilingBeta(0.92, 0.05, 1.2, 8), Simulated.ceilingBeta(0.91, 0.08, 1, 6)},
        {Simulated.ceilingBeta(0.92, 0.05, 0.6, 6), Simulated.normal(0.91, 0.004)},
    };

    private Coverage() {}

    static void assertNominal(String what, double coverage) {
        assertThat(coverage).as(what).isBetween(LOWEST, HIGHEST);
    }
}
