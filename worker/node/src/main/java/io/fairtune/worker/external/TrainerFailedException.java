package io.fairtune.worker.external;

/**
 * An external trainer's run that failed: it exited with an error, broke the protocol or ran out of time. The trial
 * ends FAILED with {@link #getMessage()} as its message and {@link #detail()} (the exit status and the tail of the
 * program's stderr) as its cause.
 */
public final class TrainerFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String detail;

    TrainerFailedException(String message, String detail) {
        super(message);
        this.detail = detail;
    }

    public String detail() {
        return detail;
    }
}
