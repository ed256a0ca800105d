package io.fairtune.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a pipeline calls it: its output and, above all, its exit codes. */
class FairtuneCliTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return FairtuneCli.execute(args, new PrintWriter(out), new PrintWriter(err));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static String smoke() {
        return io.fairtune.service.SharedExamples.study("synthetic-smoke.json");
    }

    @Test
    void aValidSpecShowsItsPlanAndExitsZero() throws IOException {
        Path spec = write("smoke.json", smoke());

        assertThat(run("validate", spec.toString())).isZero();
        assertThat(out.toString())
                .contains("valid, study 'synthetic-smoke'")
                .contains("nesterov (nesterov): 4 tuning trials, 2 final-phase seeds")
                .contains("adam (adam): 4 tuning trials")
                .contains("8 tuning trials, 0 claims, 0 labels");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void planListsEveryTrial() throws IOException {
        Path spec = write("smoke.json", smoke());

        assertThat(run("validate", "--plan", spec.toString())).isZero();
        assertThat(out.toString().lines().filter(l -> l.matches("  (nesterov|adam) #\\d seed -?\\d+ .*")))
                .hasSize(8);
    }

    @Test
    void fieldErrorsNameTheirLinesAndExitThree() throws IOException {
        String text = smoke().replace("\"batchSize\": 256", "\"batchSize\": -256")
                .replace("\"min\": 0.01, \"max\": 1.0", "\"min\": 2.0, \"max\": 1.0");
        Path spec = write("bad.json", text);
        int batchLine = lineOf(text, "\"batchSize\"");
        int armLine = lineOf(text, "\"min\": 2.0");

        assertThat(run("validate", spec.toString())).isEqualTo(3);
        assertThat(err.toString())
                .contains(spec + ":" + batchLine + ": workload.batchSize: ")
                .containsPattern(
                        java.util.regex.Pattern.quote(spec + ":" + armLine + ": arms[0].space.learning_rate") + ".*")
                .contains("rejected, 2 field errors");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void malformedJsonAndMissingFilesAreRejectedSpecs() throws IOException {
        Path spec = write("broken.json", "{\n  \"name\": \"x\",\n  \"arms\": [\n}");

        assertThat(run("validate", spec.toString())).isEqualTo(3);
        assertThat(err.toString()).contains("malformed JSON at line 4");

        assertThat(run("validate", dir.resolve("absent.json").toString())).isEqualTo(3);
        assertThat(err.toString()).contains("absent.json: cannot read the spec");
    }

    @Test
    void aWrongCommandLineIsAUsageErrorNotAVerdict() {
        assertThat(run("validate")).isEqualTo(64);
        assertThat(err.toString()).contains("Missing required parameter: 'SPEC.json'");
        assertThat(run("validate", "--no-such-option", "x.json")).isEqualTo(64);
    }

    @Test
    void helpDocumentsTheExitCodes() {
        assertThat(run("validate", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: fairtune validate", "Exit codes:", "3   the spec was rejected");
        assertThat(FairtuneCli.handles(new String[] {"validate", "x"})).isTrue();
        assertThat(FairtuneCli.handles(new String[] {"--server.port=8080"})).isFalse();
        assertThat(FairtuneCli.handles(new String[] {})).isFalse();
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
