package io.fairtune.service.study;

import io.fairtune.service.problem.DomainException;
import io.fairtune.service.problem.ProblemType;

/** A change asked of a study that has already ended. */
public final class StudyFinishedException extends DomainException {

    private static final long serialVersionUID = 1L;

    public StudyFinishedException(long studyId, StudyStatus status) {
        super(ProblemType.STUDY_FINISHED, "study " + studyId + " is already " + status);
    }
}
