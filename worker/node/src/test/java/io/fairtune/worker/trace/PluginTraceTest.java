package io.fairtune.worker.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A plugin author's check: heavy ball written as a plugin (compiled from source here into a jar of its own, as a
 * plugin author builds one) and traced with {@code --plugins-dir} must reproduce the optax vectors of the built-in
 * heavy_ball, through the same copy-to-double adapter that trains.
 */
class PluginTraceTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static final String SOURCE = """
            package example;

            import io.fairtune.contract.catalog.*;
            import io.fairtune.contract.plugin.*;
            import java.util.*;

            public final class HeavyBallPlugin implements OptimizerPlugin {
                public OptimizerDefinition definition() {
                    return new OptimizerDefinition("heavy_ball_plugin", List.of(
                            HyperparameterDefinition.real("momentum", 0, true, 1, false, 0.9, "μ"),
                            HyperparameterDefinition.real("weight_decay", 0, true, 1e9, false, 0.0, "λ"),
                            HyperparameterDefinition.flag("exclude_bias_and_norm", false, "")),
                            OptimizerDefinition.WeightDecayKind.COUPLED);
                }

                public UpdateRule rule(Hyperparameters values) {
                    double mu = values.real("momentum");
                    double lambda = values.real("weight_decay");
                    boolean exclude = values.flag("exclude_bias_and_norm");
                    Map<String, double[]> buffers = new HashMap<>();
                    return (tensor, step, rate) -> {
                        double[] w = tensor.value();
                        double[] g = tensor.gradient();
                        double[] v = buffers.computeIfAbsent(tensor.name(), k -> new double[w.length]);
                        double decay = exclude && tensor.biasOrNorm() ? 0 : lambda;
                        for (int i = 0; i < w.length; i++) {
                            v[i] = mu * v[i] + g[i] + decay * w[i];
                            w[i] -= rate * v[i];
                        }
                    };
                }
            }
            """;

    @TempDir
    static Path work;

    static Path plugins;

    @BeforeAll
    static void buildThePluginJar() throws IOException {
        Path sources = Files.createDirectories(work.resolve("src/example"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        Files.writeString(sources.resolve("HeavyBallPlugin.java"), SOURCE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int exit = javac.run(
                null,
                null,
                null,
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                classes.toString(),
                sources.resolve("HeavyBallPlugin.java").toString());
        assertThat(exit).as("javac").isZero();
        plugins = Files.createDirectories(work.resolve("plugins"));
        try (OutputStream file = Files.newOutputStream(plugins.resolve("heavy-ball-plugin.jar"));
                JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("META-INF/services/io.fairtune.contract.plugin.OptimizerPlugin"));
            jar.write("example.HeavyBallPlugin\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("example/HeavyBallPlugin.class"));
            jar.write(Files.readAllBytes(classes.resolve("example/HeavyBallPlugin.class")));
            jar.closeEntry();
            try (Stream<Path> lambdas = Files.list(classes.resolve("example"))) {
                for (Path inner : lambdas.filter(p -> p.getFileName().toString().contains("$"))
                        .toList()) {
                    jar.putNextEntry(new JarEntry("example/" + inner.getFileName()));
                    jar.write(Files.readAllBytes(inner));
                    jar.closeEntry();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heavy_ball_constant.json", "heavy_ball_scheduled.json"})
    void thePluginReproducesTheReferenceVectors(String vector) throws IOException {
        ObjectNode trace = (ObjectNode) JSON.readTree(
                OptimizerVectorsTest.vectorDirectory().resolve(vector).toFile());
        JsonNode expected = trace.get("expected").get("params");
        trace.put("optimizer", "heavy_ball_plugin");
        Path file = work.resolve(vector);
        Files.writeString(file, trace.toString());

        Result result = trace("--plugins-dir", plugins.toString(), file.toString());

        assertThat(result.err()).isEmpty();
        assertThat(result.exit()).isZero();
        JsonNode steps = JSON.readTree(result.out()).get("params");
        assertThat(steps.size()).isEqualTo(expected.size()).isPositive();
        for (int step = 0; step < steps.size(); step++) {
            for (String name : List.of("w", "b")) {
                JsonNode want = expected.get(step).get(name);
                JsonNode got = steps.get(step).get(name);
                assertThat(got.size()).isEqualTo(want.size());
                for (int i = 0; i < want.size(); i++) {
                    assertThat(got.get(i).doubleValue())
                            .as("step %d %s[%d]", step, name, i)
                            .isCloseTo(want.get(i).doubleValue(), org.assertj.core.api.Assertions.within(1e-12));
                }
            }
        }
    }

    @Test
    void withoutThePluginsDirectoryThePluginIsUnknownAndABadDirectoryIsOneLine() throws IOException {
        ObjectNode trace = (ObjectNode) JSON.readTree(OptimizerVectorsTest.vectorDirectory()
                .resolve("heavy_ball_constant.json")
                .toFile());
        trace.put("optimizer", "heavy_ball_plugin");
        Path file = work.resolve("unknown.json");
        Files.writeString(file, trace.toString());

        Result unknown = trace(file.toString());
        assertThat(unknown.exit()).isEqualTo(TraceCommand.INVALID_INPUT);
        assertThat(unknown.err()).contains("unknown optimizer 'heavy_ball_plugin'");

        Result missing = trace("--plugins-dir=" + work.resolve("nowhere"), file.toString());
        assertThat(missing.exit()).isEqualTo(TraceCommand.INVALID_INPUT);
        assertThat(missing.err().strip()).matches("trace: plugins directory .*nowhere is not a readable directory");
    }

    private static Result trace(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TraceCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exit, String out, String err) {}
}
