package io.fairtune.service.study;

/** A change asked of a study that has already ended. */
public final class StudyFinishedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StudyFinishedException(long studyId, StudyStatus status) {
        super("study " + studyId + " is already " + status);
    }
}
