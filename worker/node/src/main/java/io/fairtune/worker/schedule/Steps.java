package io.fairtune.worker.schedule;

/** Step checks shared by the schedules. */
final class Steps {

    private Steps() {}

    static void requireValid(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
    }
}
