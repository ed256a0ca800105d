package io.fairtune.service.trial;

/** How one attempt to run a trial ended. LOST and REJECTED are infrastructure, never the budget. */
public enum AttemptStatus {
    RUNNING,
    SUCCEEDED,
    DIVERGED,
    FAILED,
    /** No report within the heartbeat timeout, or superseded by a newer claim. */
    LOST,
    REJECTED,
    CANCELLED
}
