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
    void aPluginArmValidatesAgainstThePluginsDirectoryAndIsRejectedWithout() throws IOException {
        tools.jackson.databind.node.ObjectNode root = (tools.jackson.databind.node.ObjectNode)
                tools.jackson.databind.json.JsonMapper.shared().readTree(smoke());
        root.withArray("arms")
                .add(tools.jackson.databind.json.JsonMapper.shared().readTree("""
                {"name": "signum", "optimizer": "signum", "schedule": {"type": "constant"},
                 "space": {"learning_rate": {"min": 1e-3, "max": 1e-2, "scale": "log"},
                           "momentum": {"value": 0.95}}}
                """));
        Path spec = write("plugin.json", root.toString());
        String plugins = "../examples/optimizer-plugin/target/plugins";

        assertThat(run("validate", "--plan", "--plugins-dir", plugins, spec.toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString())
                .contains("signum (signum): 4 tuning trials")
                .containsPattern("  signum #0 seed -?\\d+ \\{learning_rate=[0-9.E-]+, momentum=0.95, weight_decay=0.0,"
                        + " exclude_bias_and_norm=false, label_smoothing=0.0");

        assertThat(run("validate", spec.toString())).isEqualTo(3);
        assertThat(err.toString()).contains(": arms[2].optimizer: unknown optimizer 'signum'");

        assertThat(run("validate", "--plugins-dir", dir.resolve("none").toString(), spec.toString()))
                .isEqualTo(64);
        assertThat(err.toString()).contains("--plugins-dir: plugins directory").contains("is not a readable directory");
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

    @Test
    void theVerdictIsOneExitCode() {
        var pass = new Verdict.Claim("a", "PASS", "a → PASS");
        var fail = new Verdict.Claim("b", "FAIL", "b → FAIL");
        var open = new Verdict.Claim("c", "INCONCLUSIVE", "c → INCONCLUSIVE");
        var thin = new Verdict.Claim("d", "INSUFFICIENT_DATA", "d: insufficient data");
        var unknown = new Verdict.Claim("e", "SOMETHING_NEW", "e");

        assertThat(Verdict.exitCode(java.util.List.of(pass, pass), Verdict.Inconclusive.EXIT2))
                .isZero();
        assertThat(Verdict.exitCode(java.util.List.of(pass, open, fail), Verdict.Inconclusive.PASS))
                .isEqualTo(1);
        assertThat(Verdict.exitCode(java.util.List.of(pass, open), Verdict.Inconclusive.EXIT2))
                .isEqualTo(2);
        assertThat(Verdict.exitCode(java.util.List.of(thin), Verdict.Inconclusive.EXIT2))
                .isEqualTo(2);
        assertThat(Verdict.exitCode(java.util.List.of(open), Verdict.Inconclusive.FAIL))
                .isEqualTo(1);
        assertThat(Verdict.exitCode(java.util.List.of(thin), Verdict.Inconclusive.PASS))
                .isZero();
        assertThat(Verdict.exitCode(java.util.List.of(pass, unknown), Verdict.Inconclusive.PASS))
                .as("an outcome this version does not know never passes")
                .isEqualTo(2);
        assertThat(Verdict.exitCode(java.util.List.of(), Verdict.Inconclusive.EXIT2))
                .isZero();
    }

    @Test
    void theJunitReportParsesWithOneCasePerClaimWhateverTheText() throws Exception {
        var claims = java.util.List.of(
                new Verdict.Claim("x <beats> \"y\" & z", "FAIL", "x & y: −1.1 [−1.3, −0.9] → FAIL\u0007"),
                new Verdict.Claim("p", "PASS", "p → PASS"),
                new Verdict.Claim("q", "INCONCLUSIVE", "q → INCONCLUSIVE"));
        String xml = JunitReport.render("study <1>", 7, 12.5, claims, Verdict.Inconclusive.EXIT2);

        var document = javax.xml.parsers.DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var suite =
                (org.w3c.dom.Element) document.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        var failure =
                (org.w3c.dom.Element) document.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("FAIL: x & y: −1.1 [−1.3, −0.9] → FAIL");
        var first =
                (org.w3c.dom.Element) document.getElementsByTagName("testcase").item(0);
        assertThat(first.getAttribute("name")).isEqualTo("x <beats> \"y\" & z");

        String strict = JunitReport.render("s", 7, 1, claims, Verdict.Inconclusive.FAIL);
        assertThat(strict).contains("failures=\"2\"", "skipped=\"0\"");
    }

    @Test
    void ciLabelsComeFromTheCisOwnVariables() {
        assertThat(CiLabels.from(java.util.Map.of(
                        "GITHUB_ACTIONS", "true",
                        "GITHUB_SHA", "abc123",
                        "GITHUB_HEAD_REF", "feature/lion",
                        "GITHUB_REF_NAME", "17/merge",
                        "GITHUB_SERVER_URL", "https://github.com",
                        "GITHUB_REPOSITORY", "lab/optim",
                        "GITHUB_RUN_ID", "42")))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                        "ci", "github-actions",
                        "commit", "abc123",
                        "branch", "feature/lion",
                        "run_url", "https://github.com/lab/optim/actions/runs/42"));
        assertThat(CiLabels.from(java.util.Map.of(
                        "GITLAB_CI", "true",
                        "CI_COMMIT_SHA", "def456",
                        "CI_COMMIT_REF_NAME", "main",
                        "CI_JOB_URL", "https://gitlab.com/lab/optim/-/jobs/9")))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                        "ci", "gitlab-ci",
                        "commit", "def456",
                        "branch", "main",
                        "run_url", "https://gitlab.com/lab/optim/-/jobs/9"));
        assertThat(CiLabels.from(java.util.Map.of("CI_COMMIT_SHA", "not in GitLab")))
                .isEmpty();
    }

    @Test
    void timeoutsReadAsAPipelineWritesThem() {
        Durations durations = new Durations();
        assertThat(durations.convert("90s")).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(durations.convert("45m")).isEqualTo(java.time.Duration.ofMinutes(45));
        assertThat(durations.convert("2h")).isEqualTo(java.time.Duration.ofHours(2));
        assertThat(durations.convert("PT1H30M")).isEqualTo(java.time.Duration.ofMinutes(90));
        assertThat(run("wait", "1", "--timeout", "soon", "--server", "http://127.0.0.1:9"))
                .isEqualTo(64);
        assertThat(err.toString()).contains("'soon' is not a duration");
        assertThat(run("wait", "1", "--timeout", "0s", "--server", "http://127.0.0.1:9"))
                .isEqualTo(64);
    }

    @Test
    void aServerCommandWithoutServerOrTokenIsAUsageError() throws IOException {
        assertThat(run("cancel", "1")).isEqualTo(64);
        assertThat(err.toString()).contains("no service named: give --server URL or set FAIRTUNE_SERVER");
        assertThat(run("cancel", "1", "--server", "ftp://x")).isEqualTo(64);
        Path empty = write("empty-token", "\n");
        assertThat(run("cancel", "1", "--server", "http://127.0.0.1:9", "--token-file", empty.toString()))
                .isEqualTo(64);
        assertThat(err.toString()).contains("is empty; it should hold a bearer token");
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
