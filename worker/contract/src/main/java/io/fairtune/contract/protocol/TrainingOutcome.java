package io.fairtune.contract.protocol;

/** How a run ended when training itself did not throw. */
public enum TrainingOutcome {
    SUCCEEDED,
    /** A non-finite loss: stopped at once, stored and counted in the budget. */
    DIVERGED,
    /** The listener asked to stop (cancelled study, stale attempt). */
    STOPPED
}
