package io.fairtune.service.study;

/** A ci token acting on a study that another token created. */
public final class NotStudyOwnerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotStudyOwnerException(long studyId) {
        super("study " + studyId + " was not created by this token; a ci token may cancel only its own studies");
    }
}
