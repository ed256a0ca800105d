package io.fairtune.service.spec;

import io.fairtune.contract.catalog.HyperparameterDefinition;
import io.fairtune.contract.catalog.Hyperparameters;
import io.fairtune.contract.catalog.OptimizerDefinition;
import io.fairtune.contract.catalog.ScheduleDefinition;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The hyperparameters of an arm's optimizer and the settings of its schedule, by name; either is null when the arm
 * names one the catalogs do not have.
 */
record ArmSettings(OptimizerDefinition optimizer, ScheduleDefinition schedule) {

    static final String WARMUP_STEPS = "warmup_steps";
    static final String WARMUP_FRACTION = "warmup_fraction";

    /** Both catalogs resolved, so a name found in neither is certainly wrong. */
    boolean complete() {
        return optimizer != null && schedule != null;
    }

    HyperparameterDefinition find(String name) {
        if (optimizer != null) {
            Optional<HyperparameterDefinition> found = optimizer.hyperparameter(name);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return schedule == null ? null : schedule.setting(name).orElse(null);
    }

    boolean rejects(String name) {
        return complete() && find(name) == null;
    }

    /** Every setting the arm takes, in the order its values are kept (see {@link Hyperparameters}). */
    List<HyperparameterDefinition> all() {
        return Hyperparameters.definitions(optimizer, schedule);
    }

    /** Which of the two defines a setting, for messages. */
    String owner(String name) {
        return optimizer.hyperparameter(name).isPresent()
                ? "optimizer " + optimizer.name()
                : "schedule " + schedule.type();
    }

    String unknownMessage(String name) {
        return "'" + name + "' is neither a hyperparameter of optimizer " + optimizer.name()
                + " nor a setting of schedule " + schedule.type() + "; allowed: "
                + all().stream().map(HyperparameterDefinition::name).collect(Collectors.joining(", "));
    }
}
