package io.fairtune.service.cli;

/** The command line's exit codes, one meaning each, so a pipeline can branch on them. */
final class ExitCodes {

    /** Every claim passed (or, for commands without claims, the command did what it was asked). */
    static final int OK = 0;
    /** Some claim failed: the data contradict it. */
    static final int CLAIM_FAILED = 1;
    /** No claim failed, but some is INCONCLUSIVE or INSUFFICIENT_DATA. */
    static final int INCONCLUSIVE = 2;
    /** The spec was rejected: unreadable, not JSON, or invalid (each field error is printed). */
    static final int SPEC_REJECTED = 3;
    /** Infrastructure: the service unreachable or refusing, the study cancelled or timed out. */
    static final int INFRASTRUCTURE = 4;
    /** The command line itself is wrong: an unknown option, a missing argument. */
    static final int USAGE = 64;

    /** The table {@code --help} prints. */
    static final String HELP = """

            Exit codes:
              0   every claim PASS (or the command succeeded)
              1   some claim FAIL
              2   some claim INCONCLUSIVE or INSUFFICIENT_DATA, none FAIL
              3   the spec was rejected (field errors on stderr, with line numbers)
              4   infrastructure: service unreachable, study cancelled or timed out
              64  wrong command line (unknown option, missing argument)""";

    private ExitCodes() {}
}
