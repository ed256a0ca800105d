package io.fairtune.worker.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every reference vector of {@code shared/examples/optimizer-vectors} (optax 0.2.8 and timm) through {@link
 * TraceCommand} and compares the trajectory with the vector's {@code expected}.
 */
class OptimizerVectorsTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String VECTORS = "shared/examples/optimizer-vectors";

    /**
     * The repository is /work/main or a clone with {@code shared/} beside it: walk up from the working directory
     * (the module, under Maven) until {@code shared/examples/optimizer-vectors} appears.
     */
    static Path vectorDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(VECTORS);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "no " + VECTORS + " directory above " + Path.of("").toAbsolutePath() + ": the vectors are missing");
    }

    static List<Path> vectors() throws IOException {
        try (Stream<Path> files = Files.list(vectorDirectory())) {
            List<Path> json =
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            if (json.isEmpty()) {
                throw new IllegalStateException("no vectors in " + vectorDirectory());
            }
            return json;
        }
    }

    @Test
    void theVectorsCoverEveryOptimizerButSgdAndBothSchedulesWithDecay() throws IOException {
        List<String> optimizers = new ArrayList<>();
        List<String> schedules = new ArrayList<>();
        for (Path vector : vectors()) {
            JsonNode root = JSON.readTree(vector.toFile());
            if (root.has("optimizer")) {
                optimizers.add(root.get("optimizer").stringValue());
            } else {
                schedules.add(root.get("schedule").get("type").stringValue());
            }
        }
        assertThat(optimizers).contains("heavy_ball", "nesterov", "adam", "adamw", "lars", "lamb");
        assertThat(schedules).contains("warmup_polynomial_decay", "warmup_cosine_decay");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void traceMatchesTheReference(Path vector) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TraceCommand.run(
                new String[] {vector.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(exit).isZero();

        JsonNode expected = JSON.readTree(vector.toFile()).get("expected");
        JsonNode actual = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(expected).as("the vector's expected").isNotNull();
        if (expected.has("learningRates")) {
            compare("learningRates", actual.get("learningRates"), expected.get("learningRates"));
        }
        if (expected.has("params")) {
            JsonNode steps = actual.get("params");
            assertThat(steps.size())
                    .as("steps")
                    .isEqualTo(expected.get("params").size());
            for (int step = 0; step < steps.size(); step++) {
                JsonNode expectedStep = expected.get("params").get(step);
                assertThat(steps.get(step).propertyNames())
                        .containsExactlyInAnyOrderElementsOf(expectedStep.propertyNames());
                for (Map.Entry<String, JsonNode> param : expectedStep.properties()) {
                    compare(
                            "params[" + step + "]." + param.getKey(),
                            steps.get(step).get(param.getKey()),
                            param.getValue());
                }
            }
        }
    }

    /**
     * Float64 vectors must match to 1e-9 relative (1e-12 absolute near zero). A vector whose every value is a
     * float32 number was computed in float32 (optax's schedules under JAX's default precision): it can only be
     * matched to float32 rounding, about 1e-6 of its largest value.
     */
    private static void compare(String what, JsonNode actual, JsonNode expected) {
        assertThat(actual.size()).as(what + " length").isEqualTo(expected.size());
        boolean float32 = true;
        double largest = 0;
        for (JsonNode value : expected) {
            float32 &= (double) (float) value.doubleValue() == value.doubleValue();
            largest = Math.max(largest, Math.abs(value.doubleValue()));
        }
        for (int i = 0; i < expected.size(); i++) {
            double want = expected.get(i).doubleValue();
            double got = actual.get(i).doubleValue();
            double tolerance = float32 ? 1e-6 * largest : Math.max(1e-9 * Math.abs(want), 1e-12);
            if (!(Math.abs(got - want) <= tolerance)) {
                fail(
                        "%s[%d] is %s, expected %s (tolerance %s%s)",
                        what, i, got, want, tolerance, float32 ? ", float32 vector" : "");
            }
        }
    }
}
