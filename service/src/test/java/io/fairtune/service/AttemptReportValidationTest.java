package io.fairtune.service;

import static io.fairtune.service.AttemptReports.batch;
import static io.fairtune.service.AttemptReports.path;
import static io.fairtune.service.AttemptReports.point;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A worker is trusted to train, not to be right: what it reports is checked before anything is stored, tried the
 * way a buggy or forged worker would send it. The smoke study trains 40 steps evaluated every 10, so an attempt
 * holds at most 5 points (4 evaluations and a diverging step).
 */
@FairtuneIntegrationTest
class AttemptReportValidationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestApi admin;
    TestApi worker;
    long trial;

    @BeforeEach
    void aClaimedAttempt() throws Exception {
        admin = TestApi.local(port, Path.of(FairtuneIntegrationTest.DATA_DIR));
        worker = admin.withToken(AttemptReports.workerToken());
        HttpResponse<String> created = admin.post("/api/v1/studies", SharedExamples.study("synthetic-smoke.json"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long study = TestApi.json(created).path("summary").path("id").asLong();
        trial = jdbc.queryForObject(
                "select min(id) from trial where study_id = ? and status = 'QUEUED'", Long.class, study);
        assertThat(AttemptReports.claim(worker, trial, "node-1/slot-1").statusCode())
                .isEqualTo(201);
    }

    @Test
    void aBatchBeyondTheBodyLimitIsRefusedBeforeItIsReadAndNothingIsStored() throws Exception {
        String huge = batch(IntStream.rangeClosed(1, 100_000)
                .mapToObj(step -> point(step, 0.5))
                .toArray(String[]::new));
        assertThat(huge.length()).isGreaterThan(10_000_000);
        HttpResponse<String> declared = worker.post(path(trial, 1, "measurements"), huge);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(TestApi.json(declared).path("type").asString()).isEqualTo("/problems/request-too-large");

        // The same body chunked, with no length declared: read up to the limit and refused there.
        HttpRequest chunked = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path(trial, 1, "measurements")))
                .header("Authorization", "Bearer " + AttemptReports.workerToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> streamed = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(points()).isZero();
    }

    @Test
    void anAttemptHoldsNoMorePointsThanItsRunCanProduce() {
        String six =
                batch(IntStream.rangeClosed(1, 6).mapToObj(s -> point(s, 0.5)).toArray(String[]::new));
        assertRefused(worker.post(path(trial, 1, "measurements"), six), "measurements");
        assertThat(points()).isZero();

        assertThat(worker.post(path(trial, 1, "measurements"), batch(point(10, 0.5), point(20, 0.6)))
                        .statusCode())
                .isEqualTo(204);
        assertThat(worker.post(path(trial, 1, "measurements"), batch(point(30, 0.6), point(40, 0.7)))
                        .statusCode())
                .isEqualTo(204);
        // Two more distinct steps would make six: the whole batch is refused, the four points stay.
        assertRefused(
                worker.post(path(trial, 1, "measurements"), batch(point(5, 0.5), point(15, 0.6))), "measurements");
        assertThat(points()).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "step|-5",
                "step|0",
                "step|2147483647",
                "step|1000000",
                "step|41",
                "step|1.5",
                "step|null",
                "validationAccuracy|7.5",
                "validationAccuracy|-0.1",
                "trainLoss|-1.0",
                "validationLoss|\"-Infinity\"",
                "learningRate|-0.1",
                "learningRate|\"NaN\"",
                "elapsedSeconds|-1.0",
                "elapsedSeconds|\"Infinity\"",
                "validationAccuracy|null",
            })
    void aPointOutsideItsRangeIsRefusedAndNothingIsStored(String field, String value) {
        String good = point(10, 0.5);
        String bad = good.replaceFirst("\"" + field + "\":[^,}]+", "\"" + field + "\":" + value);
        assertThat(bad).isNotEqualTo(good);
        HttpResponse<String> response = worker.post(path(trial, 1, "measurements"), batch(point(20, 0.5), bad));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestApi.json(response).path("errors").findValuesAsString("field"))
                .anySatisfy(f -> assertThat(f).endsWith(field));
        assertThat(points()).isZero();
    }

    @Test
    void unknownFieldsAndAMissingBodyAreRefused() {
        String extra = point(10, 0.5).replace("{\"step\"", "{\"admin\":true,\"step\"");
        assertThat(worker.post(path(trial, 1, "measurements"), batch(extra)).statusCode())
                .isEqualTo(400);
        assertThat(worker.post(path(trial, 1, "measurements"), "").statusCode()).isEqualTo(400);
        assertThat(worker.post(path(trial, 1, "measurements"), "{\"measurements\":[]}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(points()).isZero();
    }

    @Test
    void aResultWithoutAnOutcomeIsRefusedAndTheTrialKeepsRunning() {
        String noOutcome = AttemptReports.result("SUCCEEDED", 40, 0.9).replace("\"outcome\":\"SUCCEEDED\",", "");
        assertRefused(worker.post(path(trial, 1, "result"), noOutcome), "outcome");
        String stopped = AttemptReports.result("STOPPED", 40, 0.9);
        assertRefused(worker.post(path(trial, 1, "result"), stopped), "outcome");
        assertStillRunning();
    }

    @Test
    void resultValuesOutsideTheirRangesAreRefusedFieldByField() {
        String bad = AttemptReports.result("SUCCEEDED", 40, 0.9)
                .replace("\"stepsCompleted\":40", "\"stepsCompleted\":-1")
                .replace("\"bestValidationAccuracy\":0.9", "\"bestValidationAccuracy\":5")
                .replace("\"wallSeconds\":2.0", "\"wallSeconds\":-2.0")
                .replace("\"samplesPerSecond\":5000.0", "\"samplesPerSecond\":-1.0")
                .replace("\"stepsToTarget\":null", "\"stepsToTarget\":400");
        HttpResponse<String> response = worker.post(path(trial, 1, "result"), bad);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestApi.json(response).path("type").asString()).isEqualTo("/problems/report-invalid");
        assertThat(TestApi.json(response).path("errors").findValuesAsString("field"))
                .contains(
                        "stepsCompleted", "bestValidationAccuracy", "wallSeconds", "samplesPerSecond", "stepsToTarget");
        // A success that did not train every step, and a tuning trial that peeked at the test split.
        assertRefused(
                worker.post(path(trial, 1, "result"), AttemptReports.result("SUCCEEDED", 39, 0.9)), "stepsCompleted");
        assertRefused(worker.post(path(trial, 1, "result"), AttemptReports.finalResult(40, 0.9)), "testAccuracy");
        assertRefused(
                worker.post(
                        path(trial, 1, "result"),
                        AttemptReports.result("SUCCEEDED", 40, 0.9).replace("40,", "40.0,")),
                "stepsCompleted");
        assertStillRunning();
    }

    @Test
    void aReplayedPointMustRepeatWhatIsStored() {
        assertThat(worker.post(path(trial, 1, "measurements"), batch(point(10, 0.5)))
                        .statusCode())
                .isEqualTo(204);
        assertThat(worker.post(path(trial, 1, "measurements"), batch(point(10, 0.5)))
                        .statusCode())
                .isEqualTo(204);
        HttpResponse<String> changed =
                worker.post(path(trial, 1, "measurements"), batch(point(20, 0.6), point(10, 0.9)));
        assertThat(changed.statusCode()).isEqualTo(409);
        assertThat(TestApi.json(changed).path("type").asString()).isEqualTo("/problems/report-conflict");
        assertThat(points()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select val_accuracy from measurement where trial_id = ? and step = 10", Double.class, trial))
                .isEqualTo(0.5);
        HttpResponse<String> twice = worker.post(path(trial, 1, "measurements"), batch(point(20, 0.6), point(20, 0.7)));
        assertRefused(twice, "measurements[1].step");
    }

    @Test
    void aReplayedResultMustRepeatWhatIsStored() {
        String result = AttemptReports.result("SUCCEEDED", 40, 0.9);
        assertThat(worker.post(path(trial, 1, "result"), result).statusCode()).isEqualTo(204);
        assertThat(worker.post(path(trial, 1, "result"), result).statusCode()).isEqualTo(204);
        for (String other : List.of(
                AttemptReports.result("SUCCEEDED", 40, 0.8),
                AttemptReports.result("DIVERGED", 12, 0.1),
                "{\"message\":\"out of memory\",\"cause\":null}")) {
            String what = other.contains("message\":\"out") ? "failure" : "result";
            HttpResponse<String> replay = worker.post(path(trial, 1, what), other);
            assertThat(replay.statusCode()).as(other).isEqualTo(409);
            assertThat(TestApi.json(replay).path("type").asString()).isEqualTo("/problems/report-conflict");
        }
        assertThat(jdbc.queryForObject("select best_val_accuracy from trial where id = ?", Double.class, trial))
                .isEqualTo(0.9);
        assertThat(jdbc.queryForObject("select status from trial where id = ?", String.class, trial))
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void aReplayedFailureMustRepeatWhatIsStored() {
        String failure = "{\"message\":\"CUDA error\",\"cause\":\"stack\"}";
        assertThat(worker.post(path(trial, 1, "failure"), failure).statusCode()).isEqualTo(204);
        assertThat(worker.post(path(trial, 1, "failure"), failure).statusCode()).isEqualTo(204);
        assertThat(worker.post(path(trial, 1, "failure"), "{\"message\":\"other\",\"cause\":null}")
                        .statusCode())
                .isEqualTo(409);
        assertRefused(worker.post(path(trial, 1, "failure"), "{\"message\":null,\"cause\":null}"), "message");
    }

    @Test
    void aClaimMustNameItsWorkerPlainly() {
        long other = jdbc.queryForObject(
                "select max(id) from trial where study_id = (select study_id from trial where id = ?)"
                        + " and status = 'QUEUED'",
                Long.class,
                trial);
        for (String body : List.of(
                "{}",
                "{\"worker\":\"\"}",
                "{\"worker\":\"a\\nb\"}",
                "{\"worker\":7}",
                "",
                "{\"worker\":\"" + "x".repeat(201) + "\"}")) {
            HttpResponse<String> response = worker.post("/api/v1/trials/" + other + "/attempts", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
        }
        assertThat(jdbc.queryForObject("select count(*) from attempt where trial_id = ?", Integer.class, other))
                .isZero();
    }

    private void assertRefused(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode errors = TestApi.json(response).path("errors");
        assertThat(errors.findValuesAsString("field")).as(response.body()).contains(field);
    }

    private void assertStillRunning() {
        assertThat(jdbc.queryForObject("select status from trial where id = ?", String.class, trial))
                .isEqualTo("RUNNING");
        assertThat(jdbc.queryForObject(
                        "select status from attempt where trial_id = ? and number = 1", String.class, trial))
                .isEqualTo("RUNNING");
    }

    private int points() {
        return jdbc.queryForObject("select count(*) from measurement where trial_id = ?", Integer.class, trial);
    }
}
