package io.fairtune.service.study;

import io.fairtune.service.problem.DomainException;
import io.fairtune.service.problem.ProblemType;

/** A ci token acting on a study that another token created. */
public final class NotStudyOwnerException extends DomainException {

    private static final long serialVersionUID = 1L;

    public NotStudyOwnerException(long studyId) {
        super(
                ProblemType.FORBIDDEN,
                "study " + studyId + " was not created by this token; a ci token may cancel only its own studies");
    }
}
