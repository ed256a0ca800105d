package io.fairtune.service.spec;

import io.fairtune.contract.catalog.Workload;
import java.util.Objects;

/**
 * What every arm of a study trains, as given in the spec (validation split already defaulted from the dataset).
 *
 * @param validationExamples taken from the tail of the training split; 0 when an external trainer keeps its own
 * @param trainer an external trainer registered on workers, or null for the built-in DL4J trainer
 */
public record WorkloadSpec(
        String dataset,
        String model,
        int batchSize,
        int trainingSteps,
        int evalEverySteps,
        int validationExamples,
        Target target,
        String trainer) {

    /** A workload of the built-in trainer. */
    public WorkloadSpec(
            String dataset,
            String model,
            int batchSize,
            int trainingSteps,
            int evalEverySteps,
            int validationExamples,
            Target target) {
        this(dataset, model, batchSize, trainingSteps, evalEverySteps, validationExamples, target, null);
    }

    public WorkloadSpec {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(target, "target");
    }

    /** The worker's view of the same workload. */
    public Workload toWorkload() {
        return new Workload(
                dataset,
                model,
                batchSize,
                trainingSteps,
                evalEverySteps,
                validationExamples,
                target.metric(),
                target.value(),
                trainer);
    }

    /**
     * The quality that counts as reaching the target (steps to target).
     *
     * @param metric {@code val_accuracy}
     * @param value in {@code (0, 1]}
     */
    public record Target(String metric, double value) {
        public Target {
            Objects.requireNonNull(metric, "metric");
        }
    }
}
