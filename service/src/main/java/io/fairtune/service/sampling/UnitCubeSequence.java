package io.fairtune.service.sampling;

import io.fairtune.service.spec.SearchAlgorithm;

/**
 * Points in the unit cube {@code [0, 1)^d}, one per sample index. Point {@code i} depends only on the seed and
 * {@code i}: not on how many points are drawn, and its first {@code k} coordinates not on {@code d}. So every arm of
 * a study, whatever its number of tuned hyperparameters, gets the same coordinates for the same sample index.
 */
public interface UnitCubeSequence {

    int dimensions();

    /** The points of sample indices {@code 0 .. count - 1}. */
    double[][] points(int count);

    static UnitCubeSequence of(SearchAlgorithm algorithm, long seed, int dimensions) {
        return switch (algorithm) {
            case QUASI_RANDOM -> ScrambledHalton.scrambled(seed, dimensions);
            case RANDOM -> new UniformRandomSequence(seed, dimensions);
        };
    }
}
