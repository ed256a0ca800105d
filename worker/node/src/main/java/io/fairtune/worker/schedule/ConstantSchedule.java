package io.fairtune.worker.schedule;

/** {@code constant}: η, after a linear warmup η t/W for t < W when W > 0. */
record ConstantSchedule(double baseRate, long warmupSteps) implements LearningRateSchedule {

    @Override
    public double learningRate(long step) {
        Steps.requireValid(step);
        return step < warmupSteps ? baseRate * step / warmupSteps : baseRate;
    }
}
