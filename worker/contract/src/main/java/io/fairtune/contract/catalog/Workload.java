package io.fairtune.contract.catalog;

/**
 * What is trained, identical for every arm of a study.
 *
 * @param validationExamples taken from the tail of the training split; 0 for an external trainer that keeps its own
 *     split
 * @param targetMetric {@code val_accuracy}
 * @param targetValue the accuracy that counts as reaching the target (steps to target)
 * @param trainer the external trainer that trains it (see {@link TrainerNames}); null for the built-in DL4J trainer
 */
public record Workload(
        String dataset,
        String model,
        int batchSize,
        int trainingSteps,
        int evalEverySteps,
        int validationExamples,
        String targetMetric,
        double targetValue,
        String trainer) {

    /** A workload of the built-in DL4J trainer. */
    public Workload(
            String dataset,
            String model,
            int batchSize,
            int trainingSteps,
            int evalEverySteps,
            int validationExamples,
            String targetMetric,
            double targetValue) {
        this(
                dataset,
                model,
                batchSize,
                trainingSteps,
                evalEverySteps,
                validationExamples,
                targetMetric,
                targetValue,
                null);
    }

    /** True when an external trainer, not the built-in DL4J one, trains this workload. */
    public boolean external() {
        return trainer != null;
    }
}
