package io.fairtune.service.trial;

/** A claim for a trial that needs no further attempt: finished, cancelled, not queued or out of attempts. */
public final class TrialNotClaimableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrialNotClaimableException(long trialId) {
        super("trial " + trialId + " needs no further attempt");
    }
}
