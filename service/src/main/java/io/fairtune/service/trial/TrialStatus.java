package io.fairtune.service.trial;

import java.util.List;

/**
 * A trial's state. The last five are outcomes: SUCCEEDED, DIVERGED and FAILED are charged to the arm's budget;
 * CANCELLED and LOST are not.
 */
public enum TrialStatus {
    /** Planned, not yet handed to Quartz (maxParallelTrials holds it back). */
    PENDING,
    /** A Quartz job exists for it. */
    QUEUED,
    /** An attempt has been claimed. */
    RUNNING,
    SUCCEEDED,
    /** A non-finite loss: stored and counted. */
    DIVERGED,
    /** A training error, message and cause stored. */
    FAILED,
    CANCELLED,
    /**
     * Every one of its attempts was lost to infrastructure (a worker that vanished or went silent): an outcome of
     * the cluster, not of the hyperparameters, so it is shown but never charged to the arm.
     */
    LOST;

    public static final List<TrialStatus> UNFINISHED = List.of(PENDING, QUEUED, RUNNING);
    /** The outcomes a trial's hyperparameters are responsible for: they spend the arm's budget. */
    public static final List<TrialStatus> CHARGED = List.of(SUCCEEDED, DIVERGED, FAILED);

    public boolean finished() {
        return !UNFINISHED.contains(this);
    }

    public boolean charged() {
        return CHARGED.contains(this);
    }
}
