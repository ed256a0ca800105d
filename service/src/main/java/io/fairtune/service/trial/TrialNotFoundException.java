package io.fairtune.service.trial;

import io.fairtune.service.problem.DomainException;
import io.fairtune.service.problem.ProblemType;

/** A trial id that names no trial. */
public final class TrialNotFoundException extends DomainException {

    private static final long serialVersionUID = 1L;

    public TrialNotFoundException(long trialId) {
        super(ProblemType.NOT_FOUND, "trial " + trialId + " does not exist");
    }
}
