package io.fairtune.service.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Creates a study on a service and prints its id, for pipelines that wait in a later step. */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = "Submit a study to a service and print its id (then: fairtune wait ID).",
        footer = ExitCodes.HELP)
final class SubmitCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Parameters(paramLabel = "SPEC.json", description = "the study spec")
    Path specFile;

    @Mixin
    ServerOptions server;

    @Mixin
    RunCommand.SubmitOptions submit;

    @Mixin
    PluginsOption plugins;

    @Override
    public Integer call() {
        var err = command.commandLine().getErr();
        Map<String, String> environment = System.getenv();
        ServiceClient client = server.connect(environment);
        SpecFile spec = SpecFile.read(specFile, plugins.registry(), err).withLabels(submit.labels(environment), err);
        long id = client.createStudy(spec.json(), spec.path().toString(), err);
        command.commandLine().getOut().println(id);
        return ExitCodes.OK;
    }
}
