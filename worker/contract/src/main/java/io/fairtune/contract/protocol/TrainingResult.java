package io.fairtune.contract.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The result of one run. Fields are boxed so that the service can tell a missing value from a zero when a worker
 * reports it.
 *
 * @param stepsToTarget first measured step whose validation accuracy reached the target, or null
 * @param testAccuracy only for runs with {@code evaluateOnTest}, else null
 * @param measurements the curve's last points, not yet sent in a {@link MeasurementBatch}: stored in the result's
 *     own transaction, which saves a short trial a request; empty when every point was sent before
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
        String message,
        List<Measurement> measurements) {

    public TrainingResult {
        // A worker that sends no points omits the field; a null point is kept for the service to refuse.
        measurements = measurements == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(measurements));
    }

    /** A result whose points were all sent before it. */
    public TrainingResult(
            TrainingOutcome outcome,
            Integer stepsCompleted,
            Double bestValidationAccuracy,
            Double finalValidationAccuracy,
            Integer stepsToTarget,
            Double wallSeconds,
            Double samplesPerSecond,
            Double testAccuracy,
            Double testLoss,
            String message) {
        this(
                outcome,
                stepsCompleted,
                bestValidationAccuracy,
                finalValidationAccuracy,
                stepsToTarget,
                wallSeconds,
                samplesPerSecond,
                testAccuracy,
                testLoss,
                message,
                List.of());
    }

    /** This result carrying {@code points}, the curve's points not yet sent. */
    public TrainingResult withMeasurements(List<Measurement> points) {
        return new TrainingResult(
                outcome,
                stepsCompleted,
                bestValidationAccuracy,
                finalValidationAccuracy,
                stepsToTarget,
                wallSeconds,
                samplesPerSecond,
                testAccuracy,
                testLoss,
                message,
                points);
    }
}
