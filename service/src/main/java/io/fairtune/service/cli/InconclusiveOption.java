package io.fairtune.service.cli;

import picocli.CommandLine.Option;

/** The {@code --inconclusive} option of every command that turns claims into an exit code. */
final class InconclusiveOption {

    @Option(
            names = "--inconclusive",
            paramLabel = "exit2|fail|pass",
            defaultValue = "exit2",
            description = "what an INCONCLUSIVE or INSUFFICIENT_DATA claim does: exit 2 (default), exit 1 as a"
                    + " failure, or exit 0 as a pass")
    Verdict.Inconclusive policy;
}
