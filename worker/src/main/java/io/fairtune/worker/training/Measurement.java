package io.fairtune.worker.training;

/**
 * One point of a learning curve. Non-finite values are legal (a diverging run) and stored as such.
 *
 * @param step training steps completed when measured
 * @param trainLoss mean training loss since the previous measurement
 * @param learningRate the rate used at the last step
 * @param elapsedSeconds wall time since training started
 */
public record Measurement(
        int step,
        double trainLoss,
        double validationLoss,
        double validationAccuracy,
        double learningRate,
        double elapsedSeconds) {}
