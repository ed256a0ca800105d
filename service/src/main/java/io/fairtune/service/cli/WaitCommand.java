package io.fairtune.service.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** Waits for a submitted study, writes its reports and exits with the claims' verdict, as {@code run} does. */
@Command(
        name = "wait",
        mixinStandardHelpOptions = true,
        description = "Wait for a study to finish, write its reports and exit with its claims' verdict.",
        footer = ExitCodes.HELP)
final class WaitCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Parameters(paramLabel = "ID", description = "the study id (as submit printed it)")
    long id;

    @Mixin
    ServerOptions server;

    @Mixin
    RunCommand.WaitOptions wait;

    @Mixin
    ReportOutputs outputs;

    @Override
    public Integer call() {
        var err = command.commandLine().getErr();
        ServiceClient client = server.connect(System.getenv());
        JsonNode study = wait.waiter(client, err).await(id, wait.timeout);
        return outputs.finish(client, study, command.commandLine().getOut(), err);
    }
}
