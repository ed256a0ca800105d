package io.fairtune.service.spec;

import java.util.Optional;

/** How an arm's points are drawn from its search space. */
public enum SearchAlgorithm {
    /** Scrambled Halton: low discrepancy, the algorithm of the paper. */
    QUASI_RANDOM("quasi_random"),
    /** Independent uniform points: the control for the quasi-random search. */
    RANDOM("random");

    private final String specName;

    SearchAlgorithm(String specName) {
        this.specName = specName;
    }

    /** The spelling used in specs. */
    public String specName() {
        return specName;
    }

    public static Optional<SearchAlgorithm> fromSpecName(String name) {
        for (SearchAlgorithm algorithm : values()) {
            if (algorithm.specName.equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
