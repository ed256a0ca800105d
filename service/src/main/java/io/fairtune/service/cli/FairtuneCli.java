package io.fairtune.service.cli;

import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line of the service jar ({@code java -jar fairtune-service.jar validate SPEC.json}, or the
 * {@code fairtune} launcher at the repository root): what a pipeline calls instead of raw HTTP.
 */
@Command(
        name = "fairtune",
        mixinStandardHelpOptions = true,
        versionProvider = FairtuneCli.Version.class,
        description = "Fairtune's command line. Without a command, the jar starts the service.",
        subcommands = {
            RunCommand.class,
            SubmitCommand.class,
            WaitCommand.class,
            ReportCommand.class,
            CancelCommand.class,
            ValidateCommand.class,
            TokenCommand.class
        },
        footer = ExitCodes.HELP)
public final class FairtuneCli {

    private static final Set<String> COMMANDS = Set.of(
            "run",
            "submit",
            "wait",
            "report",
            "cancel",
            "validate",
            "token",
            "help",
            "--help",
            "-h",
            "--version",
            "-V");

    private FairtuneCli() {}

    /** The jar's version, from its manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FairtuneCli.class.getPackage().getImplementationVersion();
            return new String[] {"fairtune " + (version == null ? "(unpackaged build)" : version)};
        }
    }

    /** Whether these arguments name a command rather than start the service. */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs a command and returns its exit code (see {@link ExitCodes}). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new FairtuneCli())
                .addSubcommand(new CommandLine.HelpCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler((problem, given) -> {
                    CommandLine command = problem.getCommandLine();
                    command.getErr().println("fairtune: " + problem.getMessage());
                    command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
                    return ExitCodes.USAGE;
                })
                // A command ends early with a reason and its exit code; anything else it throws is a bug or the
                // environment, never a verdict: one line, exit 4.
                .setExecutionExceptionHandler((problem, command, parsed) -> {
                    if (problem instanceof CliFailure failure) {
                        command.getErr().println("fairtune: " + failure.getMessage());
                        return failure.exitCode();
                    }
                    command.getErr().println("fairtune: " + problem);
                    return ExitCodes.INFRASTRUCTURE;
                });
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
