package io.fairtune.service.sampling;

import io.fairtune.contract.catalog.Hyperparameters;
import java.util.Objects;

/**
 * One tuning-phase trial as planned: {@code (arm, sampleIndex)} is unique within a study.
 *
 * @param seed weight initialization and data order; equal for equal sample indices across arms
 * @param hyperparameters every effective value the worker trains with
 */
public record PlannedTrial(String arm, int sampleIndex, long seed, Hyperparameters hyperparameters) {

    public PlannedTrial {
        Objects.requireNonNull(arm, "arm");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
    }
}
