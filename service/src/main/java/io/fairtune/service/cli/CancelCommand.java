package io.fairtune.service.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** Cancels a study: its unfinished trials end CANCELLED (a ci token cancels only the studies it created). */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description = "Cancel a study; unfinished trials end CANCELLED.",
        footer = ExitCodes.HELP)
final class CancelCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Parameters(paramLabel = "ID", description = "the study id")
    long id;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() {
        JsonNode study = server.connect(System.getenv()).cancel(id);
        command.commandLine()
                .getOut()
                .println("study " + id + " "
                        + study.path("summary").path("status").asString(""));
        return ExitCodes.OK;
    }
}
