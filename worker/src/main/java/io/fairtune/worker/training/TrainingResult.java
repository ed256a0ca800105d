package io.fairtune.worker.training;

/**
 * The result of one run.
 *
 * @param stepsToTarget first measured step whose validation accuracy reached the target, or null
 * @param testAccuracy only for runs with {@code evaluateOnTest}, else null
 */
public record TrainingResult(
        TrainingOutcome outcome,
        int stepsCompleted,
        double bestValidationAccuracy,
        double finalValidationAccuracy,
        Integer stepsToTarget,
        double wallSeconds,
        double samplesPerSecond,
        Double testAccuracy,
        Double testLoss,
        String message) {}
