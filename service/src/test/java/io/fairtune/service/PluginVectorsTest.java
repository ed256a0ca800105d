package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the README tells a plugin author to run: the worker jar's {@code trace} with {@code --plugins-dir} on the
 * example plugin's vectors file, whose expected trajectory was worked out by hand.
 */
class PluginVectorsTest {

    private static final Path VECTORS = Path.of("../examples/optimizer-plugin/vectors/signum_constant.json");

    @Test
    void theWorkerJarTracesThePluginToItsHandComputedVectors() throws Exception {
        assertThat(WorkerProcesses.WORKER_JAR)
                .as("build the worker first: ./mvnw -pl worker/node -am package")
                .exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process trace = new ProcessBuilder(
                        java,
                        "-jar",
                        WorkerProcesses.WORKER_JAR.toString(),
                        "trace",
                        "--plugins-dir",
                        Plugins.exampleJar().getParent().toString(),
                        VECTORS.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(trace.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(trace.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(trace.exitValue()).as(out).isZero();

        JsonNode actual = TestApi.JSON.readTree(out).path("params");
        JsonNode expected =
                TestApi.JSON.readTree(VECTORS.toFile()).path("expected").path("params");
        assertThat(actual.size()).isEqualTo(expected.size()).isEqualTo(2);
        for (int step = 0; step < expected.size(); step++) {
            JsonNode want = expected.get(step).path("w");
            JsonNode got = actual.get(step).path("w");
            assertThat(got.size()).isEqualTo(want.size());
            for (int i = 0; i < want.size(); i++) {
                assertThat(got.get(i).doubleValue()).isCloseTo(want.get(i).doubleValue(), within(1e-12));
            }
        }
    }
}
