package io.fairtune.service.cli;

/** Ends a command with an exit code and a one-line reason on stderr (see {@link ExitCodes}). */
final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliFailure(int exitCode, String reason) {
        super(reason);
        this.exitCode = exitCode;
    }

    static CliFailure infrastructure(String reason) {
        return new CliFailure(ExitCodes.INFRASTRUCTURE, reason);
    }

    int exitCode() {
        return exitCode;
    }
}
