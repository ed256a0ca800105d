package io.fairtune.contract.job;

import java.util.function.BooleanSupplier;

/** Something that runs trials: a worker node's trainer. The service schedules trial jobs without having one. */
public interface TrialSlot {

    /**
     * Claims and runs one attempt of the trial.
     *
     * @param interrupted true once the node is shutting down or the job was interrupted
     */
    void run(long trialId, BooleanSupplier interrupted);
}
