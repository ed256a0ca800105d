package io.fairtune.contract.catalog;

import static io.fairtune.contract.catalog.HyperparameterDefinition.optionalReal;
import static io.fairtune.contract.catalog.HyperparameterDefinition.real;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The learning-rate schedules of OPTIMIZERS.md and their settings, the base rate {@code learning_rate} first: the
 * schedule turns it into η_t, and the optimizer rules only ever see η_t. A spec names the type in {@code schedule}
 * and may fix or tune these settings there or in an arm's search space.
 */
public final class ScheduleCatalog {

    public static final String LEARNING_RATE = "learning_rate";

    private static final double INF = Double.POSITIVE_INFINITY;

    private static final HyperparameterDefinition BASE_RATE =
            real(LEARNING_RATE, 0, false, INF, false, null, "base learning rate η of the schedule");

    private static final HyperparameterDefinition WARMUP_FRACTION =
            real("warmup_fraction", 0, true, 1, false, 0.0, "warmup steps as a fraction of the training steps");
    private static final HyperparameterDefinition WARMUP_STEPS =
            optionalReal("warmup_steps", 0, true, INF, false, "warmup steps; overrides warmup_fraction");
    private static final HyperparameterDefinition END_LR_FACTOR =
            real("end_lr_factor", 0, true, 1, true, 0.0, "final learning rate as a fraction of the base rate");

    private static final Map<String, ScheduleDefinition> SCHEDULES = new LinkedHashMap<>();

    static {
        register(
                "warmup_polynomial_decay",
                WARMUP_FRACTION,
                WARMUP_STEPS,
                real("warmup_power", 0, false, INF, false, 1.0, "power of the warmup ramp"),
                real("decay_power", 0, false, INF, false, 1.0, "power p of the polynomial decay"),
                END_LR_FACTOR);
        register("warmup_cosine_decay", WARMUP_FRACTION, WARMUP_STEPS, END_LR_FACTOR);
        register("constant", WARMUP_FRACTION, WARMUP_STEPS);
    }

    private ScheduleCatalog() {}

    private static void register(String type, HyperparameterDefinition... settings) {
        List<HyperparameterDefinition> all = new java.util.ArrayList<>(List.of(BASE_RATE));
        all.addAll(List.of(settings));
        SCHEDULES.put(type, new ScheduleDefinition(type, all));
    }

    public static Optional<ScheduleDefinition> find(String type) {
        return Optional.ofNullable(SCHEDULES.get(type));
    }

    public static List<String> types() {
        return List.copyOf(SCHEDULES.keySet());
    }
}
