package io.fairtune.service.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * The one command a pipeline step needs: validate the spec, run the study (here, in a throw-away embedded
 * service, or on the cluster {@code --server} names), wait, write the reports and exit with the claims' verdict.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run a study and exit with its claims' verdict.",
            "Without --server it runs here: a temporary embedded service with in-process worker slots, removed"
                    + " afterwards (--keep DIR keeps it). With --server it runs on that cluster."
        },
        footer = ExitCodes.HELP)
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Parameters(paramLabel = "SPEC.json", description = "the study spec")
    Path specFile;

    @Mixin
    ServerOptions server;

    @Mixin
    SubmitOptions submit;

    /** Validates here and, without --server, installs the plugins in the embedded service too. */
    @Mixin
    PluginsOption plugins;

    @Mixin
    WaitOptions wait;

    @Mixin
    ReportOutputs outputs;

    @ArgGroup(exclusive = false, heading = "Embedded mode (without --server):%n")
    EmbeddedOptions embedded = new EmbeddedOptions();

    static final class EmbeddedOptions {
        @Option(
                names = "--slots",
                defaultValue = "1",
                description = "in-process trial slots (default: ${DEFAULT-VALUE})")
        int slots;

        @Option(
                names = "--threads-per-slot",
                description = "native threads per slot (default: the cores divided by the slots)")
        Integer threadsPerSlot;

        @Option(
                names = "--keep",
                paramLabel = "DIR",
                description = "keep the service's data (database, log, tokens) in DIR instead of deleting it")
        Path keep;
    }

    @Override
    public Integer call() {
        var out = command.commandLine().getOut();
        var err = command.commandLine().getErr();
        Map<String, String> environment = System.getenv();
        SpecFile spec = SpecFile.read(specFile, plugins.registry(), err).withLabels(submit.labels(environment), err);
        if (server.given(environment)) {
            ServiceClient client = server.connect(environment);
            return runOn(client, spec, out, err);
        }
        if (embedded.slots < 1) {
            throw new CliFailure(ExitCodes.USAGE, "--slots must be at least 1 to train here");
        }
        int threads = embedded.threadsPerSlot != null
                ? embedded.threadsPerSlot
                : Math.max(1, Runtime.getRuntime().availableProcessors() / embedded.slots);
        if (threads < 1) {
            throw new CliFailure(ExitCodes.USAGE, "--threads-per-slot must be at least 1");
        }
        err.println("fairtune: starting an embedded service (" + embedded.slots + " slot"
                + (embedded.slots == 1 ? "" : "s") + " × " + threads + " thread" + (threads == 1 ? "" : "s") + ")");
        err.flush();
        try (EmbeddedService service =
                EmbeddedService.start(embedded.slots, threads, embedded.keep, plugins.dir, err)) {
            return runOn(service.client(), spec, out, err);
        }
    }

    private int runOn(ServiceClient client, SpecFile spec, java.io.PrintWriter out, java.io.PrintWriter err) {
        long id = client.createStudy(spec.json(), spec.path().toString(), err);
        err.println("fairtune: study " + id + " created on " + client.base());
        err.flush();
        JsonNode study = wait.waiter(client, err).await(id, wait.timeout);
        return outputs.finish(client, study, out, err);
    }

    /** {@code --label} flags, merged over the labels of the CI run. */
    static final class SubmitOptions {
        @Option(
                names = "--label",
                paramLabel = "KEY=VALUE",
                description = "a label for the study (repeatable); commit, branch, run_url and ci are read from"
                        + " GitHub Actions or GitLab CI variables when present")
        Map<String, String> labels = new LinkedHashMap<>();

        Map<String, String> labels(Map<String, String> environment) {
            Map<String, String> merged = new LinkedHashMap<>(CiLabels.from(environment));
            merged.putAll(labels);
            return merged;
        }
    }

    /** How long to wait, and how progress is shown. */
    static final class WaitOptions {
        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                converter = Durations.class,
                description = "cancel the study and exit 4 if it has not finished by then (e.g. 45m, 2h)")
        Duration timeout;

        @Option(
                names = "--poll-interval",
                paramLabel = "DURATION",
                converter = Durations.class,
                defaultValue = "2s",
                description = "how often to ask for progress (default: ${DEFAULT-VALUE})")
        Duration pollInterval;

        StudyWaiter waiter(ServiceClient client, java.io.PrintWriter err) {
            return new StudyWaiter(client, err, System.console() != null, pollInterval);
        }
    }
}
