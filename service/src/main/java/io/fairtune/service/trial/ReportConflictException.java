package io.fairtune.service.trial;

import io.fairtune.service.problem.DomainException;
import io.fairtune.service.problem.ProblemType;

/** A replayed report whose content differs from what is stored for the same attempt. */
public final class ReportConflictException extends DomainException {

    private static final long serialVersionUID = 1L;

    public ReportConflictException(String detail) {
        super(ProblemType.REPORT_CONFLICT, detail);
    }
}
