package io.fairtune.service.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * What a finished study leaves for the pipeline: report files, the verdict on stdout, and the exit code. Shared by
 * {@code run} and {@code wait}.
 */
final class ReportOutputs {

    @Option(
            names = "--report-md",
            paramLabel = "FILE",
            description = "write the Markdown report (GitHub: --report-md \"$GITHUB_STEP_SUMMARY\")")
    Path markdown;

    @Option(names = "--junit", paramLabel = "FILE", description = "write a JUnit XML report, one test case per claim")
    Path junit;

    @Option(names = "--json", paramLabel = "FILE", description = "write the JSON report")
    Path json;

    @Mixin
    InconclusiveOption inconclusive;

    /** Writes the files, prints the verdict and returns the exit code of a finished study. */
    int finish(ServiceClient client, JsonNode study, PrintWriter out, PrintWriter err) {
        long id = study.path("summary").path("id").asLong();
        JsonNode report = client.report(id);
        List<Verdict.Claim> claims = Verdict.claims(report);
        if (markdown != null) {
            write(markdown, client.reportMarkdown(id));
        }
        if (json != null) {
            write(json, prettyJson(report));
        }
        if (junit != null) {
            write(junit, JunitReport.render(study, claims, inconclusive.policy));
        }
        return printVerdict(client, study, claims, inconclusive.policy, out, err);
    }

    static int printVerdict(
            ServiceClient client,
            JsonNode study,
            List<Verdict.Claim> claims,
            Verdict.Inconclusive inconclusive,
            PrintWriter out,
            PrintWriter err) {
        long id = study.path("summary").path("id").asLong();
        out.println("study " + id + " '" + study.path("summary").path("name").asString("") + "' "
                + study.path("summary").path("status").asString("") + ": "
                + client.whereToRead(id));
        if (claims.isEmpty()) {
            err.println("fairtune: the spec states no claims, so nothing gates this run (see README, Claims)");
        }
        for (Verdict.Claim claim : claims) {
            out.println("  " + claim.outcome() + "  " + claim.text());
        }
        int code = Verdict.exitCode(claims, inconclusive);
        out.println("exit " + code);
        return code;
    }

    static String prettyJson(JsonNode report) {
        return ServiceClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
    }

    static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliFailure.infrastructure("cannot write " + file + " (" + e.getMessage() + ")");
        }
    }
}
