package io.fairtune.service;

import static io.fairtune.service.AttemptReports.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A stored study is read as stored. A rule tightened after a study was accepted (as warmup_steps had to become a
 * whole number) must not turn its report into an error or stop its final phase: the study below was stored, then
 * its stored spec and space were made to break today's validation, and it still reports and completes.
 */
@FairtuneIntegrationTest
class StoredStudyTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aStudyThatTodaysValidationWouldRejectStillReportsAndCompletesItsFinalPhase() throws Exception {
        TestApi admin = TestApi.local(port, Path.of(FairtuneIntegrationTest.DATA_DIR));
        TestApi worker = admin.withToken(AttemptReports.workerToken());
        String spec = Specs.smoke().trialsPerArm(2).finalSeeds(1).json();
        HttpResponse<String> created = admin.post("/api/v1/studies", spec);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long study = TestApi.json(created).path("summary").path("id").asLong();

        // What an older, looser version accepted and today's parser refuses.
        jdbc.update(
                "update study set spec = ? where id = ?",
                "{\"name\": \"synthetic-smoke\", \"workload\": {\"batchSize\": 0}, \"legacyField\": true}",
                study);
        jdbc.update(
                "update arm set space = ? where study_id = ? and name = 'nesterov'",
                "{\"learning_rate\": {\"min\": 0.01, \"max\": 1.0, \"scale\": \"log\"},"
                        + " \"momentum\": {\"min\": 0.8, \"max\": 0.99, \"scale\": \"one_minus_log\"},"
                        + " \"warmup_steps\": {\"value\": 2.5}}",
                study);

        assertThat(admin.get("/api/v1/studies/" + study + "/report").statusCode())
                .isEqualTo(200);
        assertThat(admin.get("/api/v1/studies/" + study + "/report.md").statusCode())
                .isEqualTo(200);

        drive(worker, study, "TUNING", AttemptReports.result("SUCCEEDED", 40, 0.9));
        assertThat(jdbc.queryForObject("select status from study where id = ?", String.class, study))
                .isEqualTo("FINAL_PHASE");
        drive(worker, study, "FINAL", AttemptReports.finalResult(40, 0.85));
        assertThat(jdbc.queryForObject("select status from study where id = ?", String.class, study))
                .isEqualTo("COMPLETED");

        JsonNode report = admin.getJson("/api/v1/studies/" + study + "/report");
        assertThat(report.path("arms").get(0).path("tunedHyperparameters").toString())
                .isEqualTo("[\"learning_rate\",\"momentum\"]");
        assertThat(report.path("comparisons")).hasSize(1);
        assertThat(report.path("comparisons").get(0).path("candidate").asString())
                .isEqualTo("adam");
        assertThat(report.path("arms").get(0).path("finalPhase").path("runs")).hasSize(1);
    }

    /** Claims every queued trial of the study's phase and reports the result, until none is queued. */
    private void drive(TestApi worker, long study, String phase, String result) {
        for (int round = 0; round < 10; round++) {
            List<Long> queued = jdbc.queryForList(
                    "select id from trial where study_id = ? and phase = ? and status = 'QUEUED' order by id",
                    Long.class,
                    study,
                    phase);
            if (queued.isEmpty()) {
                return;
            }
            for (long trial : queued) {
                assertThat(AttemptReports.claim(worker, trial, "stored-node/slot-1")
                                .statusCode())
                        .isEqualTo(201);
                HttpResponse<String> reported = worker.post(path(trial, 1, "result"), result);
                assertThat(reported.statusCode()).as(reported.body()).isEqualTo(204);
            }
        }
    }
}
