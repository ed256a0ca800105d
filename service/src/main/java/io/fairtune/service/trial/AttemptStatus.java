package io.fairtune.service.trial;

/** How one attempt to run a trial ended. LOST and CANCELLED are infrastructure and users, never the budget. */
public enum AttemptStatus {
    RUNNING,
    SUCCEEDED,
    DIVERGED,
    FAILED,
    /** No report within the heartbeat timeout, or superseded by a newer claim. */
    LOST,
    CANCELLED;

    /** Ended by the worker's own report of how training went. */
    public boolean outcome() {
        return this == SUCCEEDED || this == DIVERGED || this == FAILED;
    }
}
