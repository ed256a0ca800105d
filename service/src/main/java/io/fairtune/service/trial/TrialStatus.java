package io.fairtune.service.trial;

import java.util.List;

/** A trial's state. The last four are outcomes; all four count in the budget except CANCELLED. */
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
    CANCELLED;

    public static final List<TrialStatus> ACTIVE = List.of(QUEUED, RUNNING);
    public static final List<TrialStatus> UNFINISHED = List.of(PENDING, QUEUED, RUNNING);

    public boolean finished() {
        return !UNFINISHED.contains(this);
    }
}
