package io.fairtune.service.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** Token management from the command line; needs an admin token. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Manage bearer tokens (needs an admin token).",
        subcommands = TokenCommand.Create.class,
        footer = ExitCodes.HELP)
final class TokenCommand {

    /**
     * Creates a token and prints its secret, alone on stdout, this once (so {@code > ci-token} captures it); what
     * it is goes to stderr.
     */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a token and print its secret once, e.g. fairtune token create --role ci --name"
                    + " nightly > ci-token",
            footer = ExitCodes.HELP)
    static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec command;

        @Mixin
        ServerOptions server;

        @Option(
                names = "--role",
                required = true,
                description = "admin, researcher, viewer, ci or worker (a pipeline: ci)")
        String role;

        @Option(names = "--name", required = true, description = "what the token is for, unique, e.g. github-ci")
        String name;

        @Override
        public Integer call() {
            JsonNode issued = server.connect(System.getenv()).createToken(name, role);
            command.commandLine()
                    .getErr()
                    .println("fairtune: token " + issued.path("id").asLong() + " '"
                            + issued.path("name").asString("") + "' with role "
                            + issued.path("role").asString("")
                            + "; its secret is shown this once");
            command.commandLine().getOut().println(issued.path("token").asString(""));
            return ExitCodes.OK;
        }
    }
}
