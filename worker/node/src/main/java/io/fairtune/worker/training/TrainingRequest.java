package io.fairtune.worker.training;

import io.fairtune.contract.catalog.Hyperparameters;
import io.fairtune.contract.catalog.OptimizerCatalog;
import io.fairtune.contract.catalog.OptimizerDefinition;
import io.fairtune.contract.catalog.ScheduleCatalog;
import io.fairtune.contract.catalog.ScheduleDefinition;
import io.fairtune.contract.catalog.Workload;
import java.util.Map;
import java.util.Objects;

/**
 * One run to train: the workload, the optimizer and schedule with every value they read (checked, defaults filled
 * in), and the seed of weight initialization and data order.
 *
 * @param evaluateOnTest final-phase runs also report accuracy on the held-out test split
 */
public record TrainingRequest(
        Workload workload,
        OptimizerDefinition optimizer,
        ScheduleDefinition schedule,
        Hyperparameters hyperparameters,
        long seed,
        boolean evaluateOnTest) {

    public TrainingRequest {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
    }

    /**
     * A request from names and raw values, as the attempt API delivers them: the one place where a worker checks
     * them against the catalog.
     *
     * @throws IllegalArgumentException for an unknown optimizer or schedule, or values they do not accept
     */
    public static TrainingRequest of(
            Workload workload,
            String optimizer,
            String scheduleType,
            Map<String, ?> hyperparameters,
            long seed,
            boolean evaluateOnTest) {
        OptimizerDefinition optimizerDefinition = OptimizerCatalog.find(optimizer)
                .orElseThrow(() -> new IllegalArgumentException("unknown optimizer '" + optimizer + "' (known: "
                        + String.join(", ", OptimizerCatalog.names()) + ")"));
        ScheduleDefinition scheduleDefinition = ScheduleCatalog.find(scheduleType)
                .orElseThrow(() -> new IllegalArgumentException("unknown schedule '" + scheduleType + "' (known: "
                        + String.join(", ", ScheduleCatalog.types()) + ")"));
        return new TrainingRequest(
                workload,
                optimizerDefinition,
                scheduleDefinition,
                Hyperparameters.of(optimizerDefinition, scheduleDefinition, hyperparameters),
                seed,
                evaluateOnTest);
    }
}
