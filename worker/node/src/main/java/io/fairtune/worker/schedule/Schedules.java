package io.fairtune.worker.schedule;

import io.fairtune.contract.catalog.Hyperparameters;
import io.fairtune.contract.catalog.ScheduleCatalog;
import io.fairtune.contract.catalog.ScheduleDefinition;
import java.util.Map;
import java.util.OptionalDouble;

/** Builds the learning-rate schedules of OPTIMIZERS.md. */
public final class Schedules {

    private Schedules() {}

    /**
     * A schedule from its own settings alone, checked against its catalog entry (the trace command, tests).
     *
     * @param type a type of {@link ScheduleCatalog#types()}
     * @param settings {@code learning_rate} (required) and the type's other settings; missing settings take the
     *     catalog defaults. {@code warmup_steps}, a whole number, overrides {@code floor(warmup_fraction · T)}.
     * @param trainingSteps T, at least 1
     * @throws IllegalArgumentException for an unknown type, an unknown, ill-typed or out-of-range setting, a
     *     missing learning rate, or more warmup steps than training steps
     */
    public static LearningRateSchedule create(String type, Map<String, ?> settings, long trainingSteps) {
        ScheduleDefinition definition = ScheduleCatalog.find(type)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown schedule '" + type + "' (known: " + String.join(", ", ScheduleCatalog.types()) + ")"));
        return create(
                definition, Hyperparameters.of("schedule " + type, definition.settings(), settings), trainingSteps);
    }

    /** The schedule of an arm, reading its already checked values. */
    public static LearningRateSchedule create(ScheduleDefinition schedule, Hyperparameters values, long trainingSteps) {
        String type = schedule.type();
        if (trainingSteps < 1) {
            throw new IllegalArgumentException(
                    "schedule " + type + " needs at least 1 training step, got " + trainingSteps);
        }
        double baseRate = values.real(ScheduleCatalog.LEARNING_RATE);
        long warmupSteps = warmupSteps(type, values, trainingSteps);
        return switch (type) {
            case "warmup_polynomial_decay" ->
                new PolynomialDecaySchedule(
                        baseRate,
                        values.real("end_lr_factor") * baseRate,
                        warmupSteps,
                        trainingSteps,
                        values.real("warmup_power"),
                        values.real("decay_power"));
            case "warmup_cosine_decay" ->
                new CosineDecaySchedule(baseRate, values.real("end_lr_factor") * baseRate, warmupSteps, trainingSteps);
            case "constant" -> new ConstantSchedule(baseRate, warmupSteps);
            default -> throw new IllegalStateException("schedule '" + type + "' is in the catalog but has no formula");
        };
    }

    /** W: {@code warmup_steps} if given, else floor(warmup_fraction · T), as Python's int() of the product. */
    private static long warmupSteps(String type, Hyperparameters values, long trainingSteps) {
        OptionalDouble given = values.optionalReal("warmup_steps");
        long warmup;
        if (given.isPresent()) {
            double steps = given.getAsDouble();
            if (steps != Math.rint(steps)) {
                throw new IllegalArgumentException(
                        "'warmup_steps' for schedule " + type + " must be a whole number, got " + steps);
            }
            warmup = (long) steps;
        } else {
            warmup = (long) Math.floor(values.real("warmup_fraction") * trainingSteps);
        }
        if (warmup > trainingSteps) {
            throw new IllegalArgumentException("schedule " + type + " has " + warmup + " warmup steps but only "
                    + trainingSteps + " training steps");
        }
        return warmup;
    }
}
