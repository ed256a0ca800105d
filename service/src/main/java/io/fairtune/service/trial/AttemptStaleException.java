package io.fairtune.service.trial;

import io.fairtune.service.problem.DomainException;
import io.fairtune.service.problem.ProblemType;

/** A report from an attempt that is no longer its trial's running one (superseded, lost, cancelled). */
public final class AttemptStaleException extends DomainException {

    private static final long serialVersionUID = 1L;

    public AttemptStaleException(long trialId, int attempt) {
        super(ProblemType.ATTEMPT_STALE, "attempt " + attempt + " of trial " + trialId + " is stale");
    }
}
