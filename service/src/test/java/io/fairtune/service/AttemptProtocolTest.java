package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The attempt API as a worker speaks it, driven by hand (no slot trains here): fencing of stale attempts,
 * idempotent reports, non-finite numbers, and Quartz jobs that exist exactly for queued trials.
 */
@FairtuneIntegrationTest
class AttemptProtocolTest {

    private static final Path DATA_DIR = Path.of(FairtuneIntegrationTest.DATA_DIR);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestApi admin;
    TestApi worker;

    @BeforeEach
    void tokens() throws Exception {
        admin = TestApi.local(port, DATA_DIR);
        worker = admin.withToken(
                Files.readString(DATA_DIR.resolve("worker-token")).trim());
    }

    @Test
    void queuedTrialsHaveRecoverableQuartzJobsWithinTheParallelLimit() {
        long study = submitSmokeStudy();
        Integer queued = jdbc.queryForObject(
                "select count(*) from trial where study_id = ? and status = 'QUEUED'", Integer.class, study);
        assertThat(queued).isEqualTo(2); // maxParallelTrials
        Integer jobs = jdbc.queryForObject(
                "select count(*) from qrtz_job_details j join trial t on j.job_name = 'trial-' || t.id"
                        + " where t.study_id = ? and j.requests_recovery and j.sched_name = 'FairtuneTrialsShared'",
                Integer.class,
                study);
        assertThat(jobs).isEqualTo(2);
    }

    @Test
    void aNewClaimFencesTheOldAttemptAndReportsAreIdempotent() {
        long study = submitSmokeStudy();
        long trial = firstQueuedTrial(study);

        JsonNode first = TestApi.json(claim(trial, "node-1"));
        assertThat(first.path("attempt").asInt()).isEqualTo(1);
        assertThat(first.path("hyperparameters").has("learning_rate")).isTrue();
        assertThat(first.path("workload").path("dataset").asString()).isEqualTo("synthetic");

        String point = "{\"measurements\":[{\"step\":10,\"trainLoss\":1.5,\"validationLoss\":1.4,"
                + "\"validationAccuracy\":0.5,\"learningRate\":0.1,\"elapsedSeconds\":1.0}]}";
        assertThat(worker.post(attemptPath(trial, 1, "measurements"), point).statusCode())
                .isEqualTo(204);
        assertThat(worker.post(attemptPath(trial, 1, "measurements"), point).statusCode())
                .isEqualTo(204);

        HttpResponse<String> second = claim(trial, "node-2");
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(TestApi.json(second).path("attempt").asInt()).isEqualTo(2);

        HttpResponse<String> stale = worker.post(attemptPath(trial, 1, "measurements"), point);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(worker.post(attemptPath(trial, 1, "result"), result("SUCCEEDED", "0.9"))
                        .statusCode())
                .isEqualTo(409);

        assertThat(worker.post(attemptPath(trial, 2, "result"), result("SUCCEEDED", "0.9"))
                        .statusCode())
                .isEqualTo(204);
        assertThat(worker.post(attemptPath(trial, 2, "result"), result("SUCCEEDED", "0.9"))
                        .statusCode())
                .isEqualTo(204);
        assertThat(claim(trial, "node-3").statusCode()).isEqualTo(409);

        Integer stored = jdbc.queryForObject(
                "select count(*) from measurement where trial_id = ? and attempt_number = 1", Integer.class, trial);
        assertThat(stored).isEqualTo(1);
        assertThat(jdbc.queryForList(
                        "select status from attempt where trial_id = ? order by number", String.class, trial))
                .containsExactly("LOST", "SUCCEEDED");
        // A finished trial makes room: the next pending one is queued.
        Integer queued = jdbc.queryForObject(
                "select count(*) from trial where study_id = ? and status in ('QUEUED', 'RUNNING')",
                Integer.class,
                study);
        assertThat(queued).isEqualTo(2);
    }

    @Test
    void aResultCarriesTheCurvesLastPointsAllOrNothing() {
        long study = submitSmokeStudy();
        long trial = firstQueuedTrial(study);
        claim(trial, "node-1");
        assertThat(worker.post(attemptPath(trial, 1, "measurements"), "{\"measurements\":[" + point(10, "0.5") + "]}")
                        .statusCode())
                .isEqualTo(204);

        HttpResponse<String> invalid =
                worker.post(attemptPath(trial, 1, "result"), resultWith(point(10, "0.5"), point(20, "1.5")));
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.body()).contains("measurements[1].validationAccuracy");
        HttpResponse<String> conflicting =
                worker.post(attemptPath(trial, 1, "result"), resultWith(point(10, "0.6"), point(20, "0.9")));
        assertThat(conflicting.statusCode()).as(conflicting.body()).isEqualTo(409);
        assertThat(steps(trial)).as("refused results store no point").containsExactly(10);
        assertThat(status(trial)).isEqualTo("RUNNING");

        String carrying = resultWith(point(10, "0.5"), point(20, "0.9"));
        assertThat(worker.post(attemptPath(trial, 1, "result"), carrying).statusCode())
                .isEqualTo(204);
        assertThat(steps(trial)).containsExactly(10, 20);
        assertThat(status(trial)).isEqualTo("SUCCEEDED");

        assertThat(worker.post(attemptPath(trial, 1, "result"), carrying).statusCode())
                .as("the same report again")
                .isEqualTo(204);
        assertThat(worker.post(attemptPath(trial, 1, "result"), resultWith(point(10, "0.5"), point(20, "0.8")))
                        .statusCode())
                .as("a replay with another value")
                .isEqualTo(409);
        assertThat(worker.post(attemptPath(trial, 1, "result"), resultWith(point(30, "0.9")))
                        .statusCode())
                .as("a replay with a point never stored")
                .isEqualTo(409);
        assertThat(steps(trial)).containsExactly(10, 20);
    }

    @Test
    void aDivergedTrialKeepsItsNonFiniteCurve() {
        long study = submitSmokeStudy();
        long trial = firstQueuedTrial(study);
        claim(trial, "node-1");
        String point = "{\"measurements\":[{\"step\":10,\"trainLoss\":\"NaN\",\"validationLoss\":\"Infinity\","
                + "\"validationAccuracy\":0.1,\"learningRate\":0.1,\"elapsedSeconds\":1.0}]}";
        assertThat(worker.post(attemptPath(trial, 1, "measurements"), point).statusCode())
                .isEqualTo(204);
        assertThat(worker.post(attemptPath(trial, 1, "result"), result("DIVERGED", "0.1"))
                        .statusCode())
                .isEqualTo(204);

        JsonNode detail = admin.getJson("/api/v1/trials/" + trial);
        assertThat(detail.path("trial").path("status").asString()).isEqualTo("DIVERGED");
        assertThat(detail.path("curve").get(0).path("trainLoss").asString()).isEqualTo("NaN");
        assertThat(detail.path("curve").get(0).path("validationLoss").asString())
                .isEqualTo("Infinity");
    }

    @Test
    void cancellingAStudyEndsItsRunningAttemptsAndFencesTheirReports() {
        long study = submitSmokeStudy();
        long trial = firstQueuedTrial(study);
        claim(trial, "node-1");
        assertThat(admin.post("/api/v1/studies/" + study + "/cancel", "").statusCode())
                .isEqualTo(200);
        assertThat(jdbc.queryForObject("select status from attempt where trial_id = ?", String.class, trial))
                .isEqualTo("CANCELLED");
        assertThat(worker.post(attemptPath(trial, 1, "heartbeat"), "").statusCode())
                .isEqualTo(409);
        assertThat(worker.post(attemptPath(trial, 1, "result"), result("SUCCEEDED", "0.9"))
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void workerTokensCannotUseTheStudyApiAndAdminsCannotBeRefusedIt() {
        assertThat(worker.get("/api/v1/studies").statusCode()).isEqualTo(403);
        assertThat(admin.get("/api/v1/studies").statusCode()).isEqualTo(200);
    }

    private long submitSmokeStudy() {
        HttpResponse<String> created = admin.post("/api/v1/studies", SharedExamples.study("synthetic-smoke.json"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestApi.json(created).path("summary").path("id").asLong();
    }

    private long firstQueuedTrial(long study) {
        Long id = jdbc.queryForObject(
                "select min(id) from trial where study_id = ? and status = 'QUEUED'", Long.class, study);
        return id;
    }

    private HttpResponse<String> claim(long trial, String node) {
        return worker.post("/api/v1/trials/" + trial + "/attempts", "{\"worker\":\"" + node + "\"}");
    }

    private static String attemptPath(long trial, int attempt, String what) {
        return "/api/v1/trials/" + trial + "/attempts/" + attempt + "/" + what;
    }

    private static String result(String outcome, String accuracy) {
        return "{\"outcome\":\"" + outcome + "\",\"stepsCompleted\":40,\"bestValidationAccuracy\":" + accuracy
                + ",\"finalValidationAccuracy\":" + accuracy + ",\"stepsToTarget\":null,\"wallSeconds\":2.0,"
                + "\"samplesPerSecond\":5000.0,\"testAccuracy\":null,\"testLoss\":null,\"message\":null}";
    }

    private static String point(int step, String accuracy) {
        return "{\"step\":" + step + ",\"trainLoss\":1.5,\"validationLoss\":1.4,\"validationAccuracy\":" + accuracy
                + ",\"learningRate\":0.1,\"elapsedSeconds\":1.0}";
    }

    /** A result of accuracy 0.9 that carries {@code points}. */
    private static String resultWith(String... points) {
        String plain = result("SUCCEEDED", "0.9");
        return plain.substring(0, plain.length() - 1) + ",\"measurements\":[" + String.join(",", points) + "]}";
    }

    private List<Integer> steps(long trial) {
        return jdbc.queryForList(
                "select step from measurement where trial_id = ? and attempt_number = 1 order by step",
                Integer.class,
                trial);
    }

    private String status(long trial) {
        return jdbc.queryForObject("select status from trial where id = ?", String.class, trial);
    }
}
