package io.fairtune.worker.schedule;

/** The scheduled learning rate η_t for a 0-based step t. */
@FunctionalInterface
public interface LearningRateSchedule {
    double learningRate(long step);
}
