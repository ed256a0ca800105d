package io.fairtune.worker.training;

import io.fairtune.contract.protocol.Measurement;
import io.fairtune.contract.protocol.TrainingOutcome;

/** Receives a run's measurements as they happen and may stop it. */
public interface TrainingListener {

    void onMeasurement(Measurement measurement);

    /** Polled between steps; true stops the run with {@link TrainingOutcome#STOPPED}. */
    default boolean shouldStop() {
        return false;
    }
}
