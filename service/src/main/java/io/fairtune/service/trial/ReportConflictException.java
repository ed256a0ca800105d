package io.fairtune.service.trial;

/** A replayed report whose content differs from what is stored for the same attempt. */
public final class ReportConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReportConflictException(String detail) {
        super(detail);
    }
}
