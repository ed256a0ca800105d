package io.fairtune.contract.protocol;

/**
 * One point of a learning curve. Non-finite values are legal (a diverging run) and stored as such. Fields are boxed
 * so that the service can tell a missing value from a zero when a worker reports it.
 *
 * @param step training steps completed when measured
 * @param trainLoss mean training loss since the previous measurement
 * @param learningRate the rate used at the last step
 * @param elapsedSeconds wall time since training started
 */
public record Measurement(
        Integer step,
        Double trainLoss,
        Double validationLoss,
        Double validationAccuracy,
        Double learningRate,
        Double elapsedSeconds) {}
