package io.fairtune.service.trial;

/** A report from an attempt that is no longer its trial's running one (superseded, lost, cancelled). */
public final class AttemptStaleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AttemptStaleException(long trialId, int attempt) {
        super("attempt " + attempt + " of trial " + trialId + " is stale");
    }
}
