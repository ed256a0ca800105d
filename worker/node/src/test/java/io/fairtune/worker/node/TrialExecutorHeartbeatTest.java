package io.fairtune.worker.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fairtune.contract.catalog.Workload;
import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.contract.protocol.AttemptApi;
import io.fairtune.contract.protocol.Measurement;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.contract.protocol.TrialAssignment;
import io.fairtune.worker.data.DatasetRepository;
import io.fairtune.worker.training.Trainer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order of what a worker sends for one attempt, over real HTTP to a stand-in for the attempt API: once the
 * result is on its way no heartbeat may follow, or the service refuses it as stale and counts a fencing that
 * never happened (seen in the Docker cluster: fenced_total 1 with nothing killed).
 */
class TrialExecutorHeartbeatTest {

    private static final long TRIAL = 7;

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> resultBodies = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void noHeartbeatReachesTheServiceAfterTheResult() throws IOException {
        TrialAssignment assignment = assignment("nesterov", Map.of("learning_rate", 0.05, "momentum", 0.9));
        TrialExecutor executor = executorFor(assignment, Duration.ZERO);

        executor.run(TRIAL, () -> false);
        sleep(100);

        assertThat(received).first().isEqualTo("attempts");
        assertThat(received).contains("heartbeat", "measurements");
        assertThat(received.subList(received.indexOf("result"), received.size()))
                .as("requests from the result on")
                .containsExactly("result");
    }

    @Test
    void aTrialOfAnOptimizerThisNodeLacksIsLeftToBeLostNotFailed() throws IOException {
        TrialAssignment assignment = assignment("signum", Map.of("learning_rate", 0.05));
        TrialExecutor executor = executorFor(assignment, Duration.ZERO);

        executor.run(TRIAL, () -> false);
        sleep(100);

        // No failure (it would charge the arm a FAILED trial), no heartbeat (the attempt is lost at the timeout).
        assertThat(received).containsExactly("attempts");
    }

    @Test
    void pointsMeasuredWithinTheIntervalTravelWithTheResult() throws IOException {
        TrialAssignment assignment = assignment("nesterov", Map.of("learning_rate", 0.05, "momentum", 0.9));
        TrialExecutor executor = executorFor(assignment, Duration.ofHours(1));

        executor.run(TRIAL, () -> false);

        assertThat(received).doesNotContain("measurements").contains("result");
        TrainingResult result = json.readValue(resultBodies.get(0), TrainingResult.class);
        assertThat(result.measurements())
                .as("the curve, every point measured, in the result")
                .extracting(Measurement::step)
                .containsExactly(20, 40, 60);
    }

    /** A 60-step tuning trial of the synthetic mlp, evaluated every 20 steps, with {@code optimizer} as its arm. */
    private static TrialAssignment assignment(String optimizer, Map<String, Object> hyperparameters) {
        Workload workload = new Workload("synthetic", "mlp", 32, 60, 20, 500, "val_accuracy", 0.99);
        return new TrialAssignment(
                TRIAL, 1, 1, optimizer, "TUNING", 0, workload, optimizer, "constant", hyperparameters, 11, false);
    }

    /** An executor of built-in optimizers talking to a stand-in that hands out {@code assignment}. */
    private TrialExecutor executorFor(TrialAssignment assignment, Duration measurementInterval) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String kind = path.substring(path.lastIndexOf('/') + 1);
            received.add(kind);
            if (kind.equals("result")) {
                resultBodies.add(new String(body, StandardCharsets.UTF_8));
                // A slow answer to the result: a heartbeat still scheduled would arrive meanwhile.
                sleep(300);
            }
            answer(exchange, kind.equals("attempts") ? json.writeValueAsString(assignment) : "{}");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ServiceClient client = new ServiceClient(
                () -> base, () -> "token", json, new AttemptApi.RetryPolicy(1, Duration.ZERO, Duration.ZERO));
        return new TrialExecutor(
                client,
                new Trainer(new DatasetRepository(DatasetRepository.DEFAULT_FASHION_MNIST_DIR)),
                OptimizerRegistry.builtIns(),
                "test-node",
                new Reporting(Duration.ofMillis(1), measurementInterval));
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
