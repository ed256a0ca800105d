package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code fairtune run} as a pipeline calls it: the jar as a process, its exit code the gate. The claims are built so
 * their outcomes are known: an arm tuned over a sensible learning-rate range against one confined to 1e-5 (no
 * learning in 40 steps) passes non-inferiority one way and fails it the other; two arms that differ only in a
 * slightly longer warm-up cannot be shown equivalent within 0.01 points on three seeds, nor different.
 */
class CommandLineIT {

    private static final Path WORK = Path.of("target/it-cli");
    private static ServiceProcess service;
    private static String url;

    @BeforeAll
    static void startService() throws Exception {
        SharedExamples.deleteTree(WORK);
        Files.createDirectories(WORK);
        service = ServiceProcess.start(WORK.resolve("service"), "cli-service", Map.of());
        url = "http://127.0.0.1:" + service.awaitPort(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    record Result(int code, String out, String err) {}

    private static Result fairtune(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                ServiceProcess.JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Not in CI here, whatever runs this test: provenance comes only from what a test sets.
        builder.environment()
                .keySet()
                .removeIf(k -> k.startsWith("GITHUB_")
                        || k.startsWith("CI_")
                        || k.equals("GITLAB_CI")
                        || k.startsWith("FAIRTUNE_"));
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(WORK, "out", ".txt");
        Path err = Files.createTempFile(WORK, "err", ".txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES))
                .as("fairtune " + args[0])
                .isTrue();
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Path spec(String name, String kind, String candidate, String baseline, double margin)
            throws IOException {
        ObjectNode spec = (ObjectNode) TestApi.JSON.readTree(SharedExamples.study("synthetic-smoke.json"));
        spec.put("name", name);
        spec.putObject("finalEvaluation").put("seeds", 3);
        ObjectNode good = ((ObjectNode) spec.path("arms").get(0)).deepCopy();
        ObjectNode tiny = good.deepCopy();
        tiny.put("name", "tiny");
        ((ObjectNode) tiny.path("space"))
                .putObject("learning_rate")
                .put("min", 1e-5)
                .put("max", 2e-5)
                .put("scale", "log");
        ObjectNode twin = good.deepCopy();
        twin.put("name", "twin");
        ((ObjectNode) twin.path("space")).putObject("warmup_fraction").put("value", 0.12);
        spec.putArray("arms").add(good).add(tiny).add(twin);
        ObjectNode claim = spec.putArray("claims").addObject();
        claim.put("candidate", candidate).put("baseline", baseline).put("kind", kind);
        claim.put("margin", margin).put("basis", "final_phase");
        Path file = WORK.resolve(name + ".json");
        Files.writeString(file, TestApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec));
        return file;
    }

    private Path tokenFile(String role) throws Exception {
        Result created = fairtune(
                Map.of(),
                "token",
                "create",
                "--server",
                url,
                "--token-file",
                WORK.resolve("service/admin-token").toString(),
                "--role",
                role,
                "--name",
                "cli-it-" + role);
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out().strip()).startsWith("ft_").doesNotContain("\n");
        assertThat(created.err()).contains("with role " + role);
        Path file = WORK.resolve(role + "-token");
        Files.writeString(file, created.out());
        return file;
    }

    @Test
    void aCiTokenGatesOnTheClaimsVerdicts() throws Exception {
        Path ci = tokenFile("ci");
        Path junit = WORK.resolve("pass-junit.xml");
        Path markdown = WORK.resolve("pass.md");

        Result pass = fairtune(
                Map.of("GITHUB_ACTIONS", "true", "GITHUB_SHA", "0123abc", "GITHUB_REF_NAME", "main"),
                "run",
                spec("cli-pass", "non_inferior", "nesterov", "tiny", 0.01).toString(),
                "--server",
                url,
                "--token-file",
                ci.toString(),
                "--label",
                "purpose=it",
                "--junit",
                junit.toString(),
                "--report-md",
                markdown.toString(),
                "--poll-interval",
                "1s");
        assertThat(pass.code()).as(pass.err()).isZero();
        assertThat(pass.out()).contains("PASS  nesterov is not worse than tiny by more than 1.0 points", "exit 0");
        assertThat(pass.err()).contains("tuning 12/12, final 9/9");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(1);
        assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
        assertThat(Files.readString(markdown, StandardCharsets.UTF_8))
                .contains("## Claims", "**PASS**", "`commit`: 0123abc", "`branch`: main", "`purpose`: it");

        Path failJunit = WORK.resolve("fail-junit.xml");
        Result fail = fairtune(
                Map.of("FAIRTUNE_TOKEN", Files.readString(ci).strip(), "FAIRTUNE_SERVER", url),
                "run",
                spec("cli-fail", "non_inferior", "tiny", "nesterov", 0.01).toString(),
                "--junit",
                failJunit.toString(),
                "--poll-interval",
                "1s");
        assertThat(fail.code()).as(fail.err()).isEqualTo(1);
        Document failed =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(failJunit.toFile());
        assertThat(failed.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(failed.getElementsByTagName("failure")
                        .item(0)
                        .getAttributes()
                        .getNamedItem("message")
                        .getNodeValue())
                .startsWith("FAIL: tiny is not worse than nesterov");

        Path twins = spec("cli-inconclusive", "equivalent", "twin", "nesterov", 0.0001);
        Result submitted =
                fairtune(Map.of(), "submit", twins.toString(), "--server", url, "--token-file", ci.toString());
        assertThat(submitted.code()).as(submitted.err()).isZero();
        String id = submitted.out().strip();
        assertThat(id).matches("\\d+");
        Result waited =
                fairtune(Map.of(), "wait", id, "--server", url, "--token-file", ci.toString(), "--poll-interval", "1s");
        assertThat(waited.code()).as(waited.out() + waited.err()).isEqualTo(2);
        Result lenient = fairtune(
                Map.of(),
                "report",
                id,
                "--format",
                "junit",
                "--server",
                url,
                "--token-file",
                ci.toString(),
                "--inconclusive=pass");
        assertThat(lenient.code()).isZero();
        assertThat(lenient.out()).contains("<testcase", "tests=\"1\"", "failures=\"0\"");

        JsonNode listed = TestApi.local(
                        Integer.parseInt(url.substring(url.lastIndexOf(':') + 1)), WORK.resolve("service"))
                .getJson("/api/v1/studies?label=commit:0123abc");
        assertThat(listed.path("total").asLong()).isEqualTo(1);
    }

    @Test
    void aViewerTokenCannotCreateAStudy() throws Exception {
        Path viewer = tokenFile("viewer");
        Result refused = fairtune(
                Map.of(),
                "submit",
                spec("cli-viewer", "non_inferior", "nesterov", "tiny", 0.01).toString(),
                "--server",
                url,
                "--token-file",
                viewer.toString());
        assertThat(refused.code()).isEqualTo(4);
        assertThat(refused.err()).contains("answered 403");
    }

    @Test
    void aRejectedSpecExitsThreeAndAnUnreachableServerFour() throws Exception {
        Path bad = WORK.resolve("bad.json");
        Files.writeString(
                bad, SharedExamples.study("synthetic-smoke.json").replace("\"batchSize\": 256", "\"batchSize\": 0"));
        Result rejected = fairtune(Map.of(), "run", bad.toString());
        assertThat(rejected.code()).isEqualTo(3);
        assertThat(rejected.err()).contains("workload.batchSize", "rejected, 1 field error");

        Result unreachable = fairtune(
                Map.of("FAIRTUNE_TOKEN", "ft_nothing"),
                "run",
                spec("cli-unreachable", "non_inferior", "nesterov", "tiny", 0.01)
                        .toString(),
                "--server",
                "http://127.0.0.1:9");
        assertThat(unreachable.code()).isEqualTo(4);
        assertThat(unreachable.err()).contains("cannot reach http://127.0.0.1:9/");
    }

    @Test
    void embeddedModeRunsAStudyHereAndStopsItsDatabase() throws Exception {
        Path junit = WORK.resolve("embedded-junit.xml");
        Path keep = WORK.resolve("embedded-kept");
        Result run = fairtune(
                new HashMap<>(),
                "run",
                spec("cli-embedded", "non_inferior", "tiny", "nesterov", 0.01).toString(),
                "--junit",
                junit.toString(),
                "--keep",
                keep.toString(),
                "--poll-interval",
                "1s");
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("starting an embedded service", "kept the data directory");
        assertThat(run.out())
                .contains("an embedded run (to open it later: --keep DIR")
                .doesNotContain("http://");
        assertThat(junit).exists();
        assertThat(keep.resolve("service.log")).exists();
        assertThat(ServiceProcess.postmaster(keep)).as("PostgreSQL stopped").isEmpty();
    }

    @Test
    void embeddedModeInstallsTheOptimizerPluginsItValidatesAgainst() throws Exception {
        ObjectNode spec = (ObjectNode) TestApi.JSON.readTree(SharedExamples.study("synthetic-smoke.json"));
        spec.put("name", "cli-embedded-plugin");
        spec.putObject("budget").put("trialsPerArm", 2).put("maxParallelTrials", 2);
        spec.putObject("finalEvaluation").put("seeds", 0);
        ((tools.jackson.databind.node.ArrayNode) spec.path("arms")).add(TestApi.JSON.readTree(Plugins.signumArm()));
        Path file = WORK.resolve("cli-embedded-plugin.json");
        Files.writeString(file, spec.toString());
        Path markdown = WORK.resolve("cli-embedded-plugin.md");

        Result without = fairtune(Map.of(), "run", file.toString());
        assertThat(without.code()).as(without.err()).isEqualTo(3);
        assertThat(without.err()).contains("arms[2].optimizer: unknown optimizer 'signum'");

        Result run = fairtune(
                new HashMap<>(),
                "run",
                file.toString(),
                "--plugins-dir",
                Plugins.exampleJar().getParent().toString(),
                "--report-md",
                markdown.toString(),
                "--poll-interval",
                "1s");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(Files.readString(markdown)).contains("cli-embedded-plugin", "| signum | signum | decoupled |");
    }

    @Test
    void embeddedModePassesAndGoesInconclusiveAsTheClaimsSayAndRemovesItsDataDirectory() throws Exception {
        Path tmp = Files.createDirectories(WORK.resolve("embedded-tmp"));
        // The CLI's temporary directory, so the test sees the ephemeral data directory go.
        Map<String, String> environment = Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp.toAbsolutePath());
        Path markdown = WORK.resolve("embedded-summary.md");
        Result pass = fairtune(
                environment,
                "run",
                spec("cli-embedded-pass", "non_inferior", "nesterov", "tiny", 0.01)
                        .toString(),
                "--report-md",
                markdown.toString(),
                "--slots",
                "1",
                "--poll-interval",
                "1s");
        assertThat(pass.code()).as(pass.out() + pass.err()).isZero();
        assertThat(pass.out()).contains("PASS  nesterov is not worse than tiny", "exit 0");
        assertThat(Files.readString(markdown)).contains("cli-embedded-pass", "PASS");

        Result inconclusive = fairtune(
                environment,
                "run",
                spec("cli-embedded-inconclusive", "equivalent", "twin", "nesterov", 0.0001)
                        .toString(),
                "--poll-interval",
                "1s");
        assertThat(inconclusive.code())
                .as(inconclusive.out() + inconclusive.err())
                .isEqualTo(2);
        assertThat(inconclusive.out()).contains("INCONCLUSIVE", "exit 2");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(Path::getFileName).map(Path::toString))
                    .as("the embedded runs' data directories are removed")
                    .noneMatch(name -> name.startsWith("fairtune-run-"));
        }
    }
}
