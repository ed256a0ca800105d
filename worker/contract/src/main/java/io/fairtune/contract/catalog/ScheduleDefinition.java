package io.fairtune.contract.catalog;

import java.util.List;
import java.util.Optional;

/** A schedule type and the settings it reads, its base rate first. */
public record ScheduleDefinition(String type, List<HyperparameterDefinition> settings) {
    public ScheduleDefinition {
        settings = List.copyOf(settings);
    }

    public Optional<HyperparameterDefinition> setting(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
