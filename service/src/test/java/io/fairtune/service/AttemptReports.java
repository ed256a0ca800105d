package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** A worker driven by hand over the attempt API, and the admin calls tests need around it. */
final class AttemptReports {

    private AttemptReports() {}

    record Token(long id, String secret) {}

    static Token createToken(TestApi admin, String role) {
        HttpResponse<String> created = admin.post(
                "/api/v1/tokens", "{\"name\":\"" + role + "-" + UUID.randomUUID() + "\",\"role\":\"" + role + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new Token(
                TestApi.json(created).path("id").asLong(),
                TestApi.json(created).path("token").asString());
    }

    /** The worker token the first start of the shared test context wrote. */
    static String workerToken() {
        try {
            return Files.readString(Path.of(FairtuneIntegrationTest.DATA_DIR, "worker-token"))
                    .trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> claim(TestApi worker, long trial, String node) {
        return worker.post("/api/v1/trials/" + trial + "/attempts", "{\"worker\":\"" + node + "\"}");
    }

    static String path(long trial, int attempt, String what) {
        return "/api/v1/trials/" + trial + "/attempts/" + attempt + "/" + what;
    }

    static String point(int step, double accuracy) {
        return "{\"step\":" + step + ",\"trainLoss\":1.5,\"validationLoss\":1.4,\"validationAccuracy\":" + accuracy
                + ",\"learningRate\":0.1,\"elapsedSeconds\":1.0}";
    }

    static String batch(String... points) {
        return "{\"measurements\":[" + String.join(",", points) + "]}";
    }

    /** A complete tuning-phase result. */
    static String result(String outcome, int steps, double accuracy) {
        return "{\"outcome\":\"" + outcome + "\",\"stepsCompleted\":" + steps + ",\"bestValidationAccuracy\":"
                + accuracy + ",\"finalValidationAccuracy\":" + accuracy + ",\"stepsToTarget\":null,"
                + "\"wallSeconds\":2.0,\"samplesPerSecond\":5000.0,\"testAccuracy\":null,\"testLoss\":null,"
                + "\"message\":null}";
    }

    /** A complete final-phase result, evaluated on the test split. */
    static String finalResult(int steps, double accuracy) {
        return "{\"outcome\":\"SUCCEEDED\",\"stepsCompleted\":" + steps + ",\"bestValidationAccuracy\":" + accuracy
                + ",\"finalValidationAccuracy\":" + accuracy + ",\"stepsToTarget\":null,\"wallSeconds\":2.0,"
                + "\"samplesPerSecond\":5000.0,\"testAccuracy\":" + accuracy + ",\"testLoss\":0.5,\"message\":null}";
    }

    /** An outcome per trial: a result body for the trial of {@code arm} with sample index {@code index}. */
    interface Result {
        String of(String arm, int index);
    }

    /**
     * Plays a worker for every QUEUED trial of a study's phase, round after round (finishing trials queues the
     * next), until none is left: claim, then report the result {@code result} gives.
     */
    static void drive(JdbcTemplate jdbc, TestApi worker, long study, String phase, Result result) {
        List<Map<String, Object>> trials;
        int round = 0;
        while (!(trials = jdbc.queryForList(
                                "select t.id, a.name, t.sample_index from trial t join arm a on a.id = t.arm_id"
                                        + " where t.study_id = ? and t.phase = ? and t.status = 'QUEUED' order by t.id",
                                study,
                                phase))
                        .isEmpty()
                && round++ < 20) {
            for (Map<String, Object> trial : trials) {
                long id = ((Number) trial.get("id")).longValue();
                assertThat(claim(worker, id, "driver-node/slot-1").statusCode()).isEqualTo(201);
                HttpResponse<String> reported = worker.post(
                        path(id, 1, "result"),
                        result.of((String) trial.get("name"), ((Number) trial.get("sample_index")).intValue()));
                assertThat(reported.statusCode()).as(reported.body()).isEqualTo(204);
            }
        }
    }
}
