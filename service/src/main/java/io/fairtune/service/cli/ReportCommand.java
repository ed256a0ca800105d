package io.fairtune.service.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * Prints a study's report as it stands. The exit code is the claims' verdict once the study has completed; before
 * that the verdicts are provisional and it exits 2, and a cancelled study exits 4.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Print a study's report (Markdown, JUnit XML or JSON).",
            "Exits with the claims' verdict once the study completed; 2 while it still runs, 4 if it was cancelled."
        },
        footer = ExitCodes.HELP)
final class ReportCommand implements Callable<Integer> {

    enum Format {
        MD,
        JUNIT,
        JSON
    }

    @Spec
    CommandSpec command;

    @Parameters(paramLabel = "ID", description = "the study id")
    long id;

    @Mixin
    ServerOptions server;

    @Option(names = "--format", defaultValue = "md", description = "md, junit or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "write to FILE instead of stdout")
    Path output;

    @Mixin
    InconclusiveOption inconclusive;

    @Override
    public Integer call() {
        var err = command.commandLine().getErr();
        ServiceClient client = server.connect(System.getenv());
        JsonNode study = client.study(id);
        JsonNode report = client.report(id);
        List<Verdict.Claim> claims = Verdict.claims(report);
        String text = switch (format) {
            case MD -> client.reportMarkdown(id);
            case JSON -> ReportOutputs.prettyJson(report);
            case JUNIT -> JunitReport.render(study, claims, inconclusive.policy);
        };
        if (output != null) {
            ReportOutputs.write(output, text);
        } else {
            command.commandLine().getOut().print(text);
        }
        String status = study.path("summary").path("status").asString("");
        return switch (status) {
            case "COMPLETED" -> Verdict.exitCode(claims, inconclusive.policy);
            case "CANCELLED" -> {
                err.println("fairtune: study " + id + " was cancelled; its verdicts are not final");
                yield ExitCodes.INFRASTRUCTURE;
            }
            default -> {
                err.println("fairtune: study " + id + " is still " + status + "; its verdicts are provisional");
                yield ExitCodes.INCONCLUSIVE;
            }
        };
    }
}
