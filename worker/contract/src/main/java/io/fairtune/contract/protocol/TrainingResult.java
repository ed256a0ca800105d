package io.fairtune.contract.protocol;

/**
 * The result of one run. Fields are boxed so that the service can tell a missing value from a zero when a worker
 * reports it.
 *
 * @param stepsToTarget first measured step whose validation accuracy reached the target, or null
 * @param testAccuracy only for runs with {@code evaluateOnTest}, else null
 */
public record TrainingResult(
        TrainingOutcome outcome,
        Integer stepsCompleted,
        Double bestValidationAccuracy,
        Double finalValidationAccuracy,
        Integer stepsToTarget,
        Double wallSeconds,
        Double samplesPerSecond,
        Double testAccuracy,
        Double testLoss,
        String message) {}
