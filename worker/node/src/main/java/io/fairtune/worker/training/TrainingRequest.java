package io.fairtune.worker.training;

import io.fairtune.contract.catalog.Hyperparameters;
import io.fairtune.contract.catalog.OptimizerDefinition;
import io.fairtune.contract.catalog.ScheduleCatalog;
import io.fairtune.contract.catalog.ScheduleDefinition;
import io.fairtune.contract.catalog.Workload;
import io.fairtune.contract.plugin.OptimizerRegistry;
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

    /** A request of a built-in optimizer (tests, the bench command); see the overload with a registry. */
    public static TrainingRequest of(
            Workload workload,
            String optimizer,
            String scheduleType,
            Map<String, ?> hyperparameters,
            long seed,
            boolean evaluateOnTest) {
        return of(
                OptimizerRegistry.builtIns(), workload, optimizer, scheduleType, hyperparameters, seed, evaluateOnTest);
    }

    /**
     * A request from names and raw values, as the attempt API delivers them: the one place where a worker checks
     * them against the catalog.
     *
     * @param optimizers the built-ins and this node's plugins
     * @throws IllegalArgumentException for an unknown optimizer or schedule, or values they do not accept
     */
    public static TrainingRequest of(
            OptimizerRegistry optimizers,
            Workload workload,
            String optimizer,
            String scheduleType,
            Map<String, ?> hyperparameters,
            long seed,
            boolean evaluateOnTest) {
        OptimizerDefinition optimizerDefinition = optimizers
                .find(optimizer)
                .orElseThrow(() -> new IllegalArgumentException("unknown optimizer '" + optimizer + "' (known: "
                        + String.join(", ", optimizers.names()) + ")"));
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
