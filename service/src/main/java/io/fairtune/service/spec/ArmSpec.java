package io.fairtune.service.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One optimizer under comparison with its schedule and search space.
 *
 * @param space hyperparameters and schedule settings by name, in spec order (that order fixes the dimensions)
 */
public record ArmSpec(String name, String optimizer, Schedule schedule, Map<String, ParameterSpace> space) {

    public ArmSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        space = Collections.unmodifiableMap(new LinkedHashMap<>(space));
    }

    /** Names of the ranges and choices in spec order: dimension {@code d} of the search is element {@code d}. */
    public List<String> tunedParameters() {
        return space.entrySet().stream()
                .filter(e -> e.getValue().tuned())
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * The learning-rate schedule family and the values it fixes.
     *
     * @param settings fixed values ({@link Double} or {@link Boolean}) of schedule settings or optimizer
     *     hyperparameters, in spec order
     */
    public record Schedule(String type, Map<String, Object> settings) {
        public Schedule {
            Objects.requireNonNull(type, "type");
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }
    }
}
