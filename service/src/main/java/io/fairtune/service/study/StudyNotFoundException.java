package io.fairtune.service.study;

import io.fairtune.service.problem.DomainException;
import io.fairtune.service.problem.ProblemType;

/** A study id that names no study. */
public final class StudyNotFoundException extends DomainException {

    private static final long serialVersionUID = 1L;

    public StudyNotFoundException(long studyId) {
        super(ProblemType.NOT_FOUND, "study " + studyId + " does not exist");
    }
}
