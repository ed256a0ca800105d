package io.fairtune.service.spec;

import io.fairtune.contract.catalog.Workload;
import java.util.Objects;

/**
 * What every arm of a study trains, as given in the spec (validation split already defaulted from the dataset).
 *
 * @param validationExamples taken from the tail of the training split
 */
public record WorkloadSpec(
        String dataset,
        String model,
        int batchSize,
        int trainingSteps,
        int evalEverySteps,
        int validationExamples,
        Target target) {

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
                target.value());
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
