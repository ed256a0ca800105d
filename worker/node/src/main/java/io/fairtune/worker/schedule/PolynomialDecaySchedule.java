package io.fairtune.worker.schedule;

/**
 * {@code warmup_polynomial_decay}, MLPerf / init2winit {@code mlperf_polynomial}: for t ≤ W, η_t = η
 * (t/W)^warmupPower; for t > W, with D = T − W + 1, η_t = η_end + (η − η_end)(1 − min(t − W, D)/D)^decayPower.
 * D = T − W + 1 (not T − W) is the reference's: the rate never quite reaches η_end within training. Without warmup
 * (W = 0) the decay branch serves t = 0 too, where it gives η, the value an ended warmup gives.
 */
record PolynomialDecaySchedule(
        double baseRate, double endRate, long warmupSteps, long trainingSteps, double warmupPower, double decayPower)
        implements LearningRateSchedule {

    @Override
    public double learningRate(long step) {
        Steps.requireValid(step);
        if (step <= warmupSteps && warmupSteps > 0) {
            return baseRate * Math.pow((double) step / warmupSteps, warmupPower);
        }
        double decaySteps = trainingSteps - warmupSteps + 1;
        double progress = Math.min(step - warmupSteps, decaySteps) / decaySteps;
        return endRate + (baseRate - endRate) * Math.pow(1 - progress, decayPower);
    }
}
