package io.fairtune.contract.catalog;

/**
 * What is trained, identical for every arm of a study.
 *
 * @param validationExamples taken from the tail of the training split
 * @param targetMetric {@code val_accuracy}
 * @param targetValue the accuracy that counts as reaching the target (steps to target)
 */
public record Workload(
        String dataset,
        String model,
        int batchSize,
        int trainingSteps,
        int evalEverySteps,
        int validationExamples,
        String targetMetric,
        double targetValue) {}
