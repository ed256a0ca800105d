package io.fairtune.service.trial;

/** A trial id that names no trial. */
public final class TrialNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrialNotFoundException(long trialId) {
        super("trial " + trialId + " does not exist");
    }
}
