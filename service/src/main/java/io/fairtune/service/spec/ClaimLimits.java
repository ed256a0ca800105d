package io.fairtune.service.spec;

import java.util.function.IntUnaryOperator;

/**
 * How far the report's methods are trusted, as their coverage simulations measured: final-phase claims need at
 * least {@code minSeeds} seeds per arm, best-of-k claims at most {@code maxK(trials)}.
 */
public record ClaimLimits(int minSeeds, IntUnaryOperator maxK) {

    public int maxK(int trialsPerArm) {
        return maxK.applyAsInt(trialsPerArm);
    }
}
