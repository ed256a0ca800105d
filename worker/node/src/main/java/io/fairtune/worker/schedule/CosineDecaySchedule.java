package io.fairtune.worker.schedule;

/**
 * {@code warmup_cosine_decay}: η_t = η t/W for t < W, then η_t = η_end + (η − η_end)(1 + cos(π (t − W)/(T −
 * W)))/2, held at η_end past T (as optax's warmup_cosine_decay_schedule). When W = T there is nothing left to
 * decay over, and t ≥ W gives η_end.
 */
record CosineDecaySchedule(double baseRate, double endRate, long warmupSteps, long trainingSteps)
        implements LearningRateSchedule {

    @Override
    public double learningRate(long step) {
        Steps.requireValid(step);
        if (step < warmupSteps) {
            return baseRate * step / warmupSteps;
        }
        long decaySteps = trainingSteps - warmupSteps;
        double progress = decaySteps == 0 ? 1 : (double) Math.min(step - warmupSteps, decaySteps) / decaySteps;
        return endRate + (baseRate - endRate) * (1 + Math.cos(Math.PI * progress)) / 2;
    }
}
