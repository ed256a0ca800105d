package io.fairtune.service.trial;

import io.fairtune.service.problem.DomainException;
import io.fairtune.service.problem.ProblemType;

/** A claim for a trial that needs no further attempt: finished, cancelled, not queued or out of attempts. */
public final class TrialNotClaimableException extends DomainException {

    private static final long serialVersionUID = 1L;

    public TrialNotClaimableException(long trialId) {
        super(ProblemType.TRIAL_NOT_CLAIMABLE, "trial " + trialId + " needs no further attempt");
    }
}
