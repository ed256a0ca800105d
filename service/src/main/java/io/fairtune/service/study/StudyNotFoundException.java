package io.fairtune.service.study;

/** A study id that names no study. */
public final class StudyNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StudyNotFoundException(long studyId) {
        super("study " + studyId + " does not exist");
    }
}
