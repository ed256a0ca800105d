package io.fairtune.service.sampling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One tuning-phase trial as planned: {@code (arm, sampleIndex)} is unique within a study.
 *
 * @param seed weight initialization and data order; equal for equal sample indices across arms
 * @param hyperparameters every effective value ({@link Double} or {@link Boolean}) the worker trains with:
 *     optimizer hyperparameters in catalog order, then schedule settings in catalog order
 */
public record PlannedTrial(String arm, int sampleIndex, long seed, Map<String, Object> hyperparameters) {

    public PlannedTrial {
        Objects.requireNonNull(arm, "arm");
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    }
}
