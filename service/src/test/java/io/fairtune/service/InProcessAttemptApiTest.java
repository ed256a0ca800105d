package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fairtune.contract.protocol.AttemptApi;
import io.fairtune.contract.protocol.AttemptFailure;
import io.fairtune.contract.protocol.Measurement;
import io.fairtune.contract.protocol.MeasurementBatch;
import io.fairtune.contract.protocol.TrainingOutcome;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.contract.protocol.TrialAssignment;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The attempt API of the service's in-process slots, driven by hand against the real service and database: it must
 * answer exactly as the HTTP API does (fencing, idempotent replays, refused reports), or an in-process study and a
 * cluster study would not mean the same thing.
 */
@FairtuneIntegrationTest
class InProcessAttemptApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AttemptApi attempts;

    @Test
    void theServiceAnswersItsOwnSlotsDirectly() {
        assertThat(attempts.getClass().getSimpleName()).isEqualTo("InProcessAttemptApi");
    }

    @Test
    void aNewClaimFencesTheOldAttemptAndAReplayedResultIsHarmless() throws Exception {
        long trial = firstQueuedTrial(submitSmokeStudy());

        TrialAssignment first = attempts.claim(trial, "node-1").orElseThrow();
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.hyperparameters()).containsKey("learning_rate");
        assertThat(attempts.measurements(trial, 1, new MeasurementBatch(List.of(point(10, 0.5)))))
                .isTrue();
        assertThat(attempts.heartbeat(trial, 1)).isTrue();

        TrialAssignment second = attempts.claim(trial, "node-2").orElseThrow();
        assertThat(second.attempt()).isEqualTo(2);
        // The superseded attempt is told it is stale, on every kind of report.
        assertThat(attempts.measurements(trial, 1, new MeasurementBatch(List.of(point(20, 0.5)))))
                .isFalse();
        assertThat(attempts.heartbeat(trial, 1)).isFalse();
        assertThat(attempts.result(trial, 1, result(0.9, List.of()))).isFalse();
        assertThat(attempts.failure(trial, 1, new AttemptFailure("boom", "trace")))
                .isFalse();

        assertThat(attempts.result(trial, 2, result(0.9, List.of(point(10, 0.6)))))
                .isTrue();
        assertThat(attempts.result(trial, 2, result(0.9, List.of(point(10, 0.6)))))
                .isTrue();
        // A replay that changes the outcome is a conflict: the stored one stands.
        assertThat(attempts.result(trial, 2, result(0.8, List.of(point(10, 0.6)))))
                .isFalse();
        assertThat(attempts.claim(trial, "node-3")).isEqualTo(Optional.empty());

        assertThat(jdbc.queryForList(
                        "select status from attempt where trial_id = ? order by number", String.class, trial))
                .containsExactly("LOST", "SUCCEEDED");
        assertThat(jdbc.queryForObject("select best_val_accuracy from trial where id = ?", Double.class, trial))
                .isEqualTo(0.9);
        assertThat(jdbc.queryForObject(
                        "select count(*) from measurement where trial_id = ? and attempt_number = 2",
                        Integer.class,
                        trial))
                .isEqualTo(1);
    }

    @Test
    void anInvalidReportIsRefusedWithItsFieldAndStoresNothing() throws Exception {
        long trial = firstQueuedTrial(submitSmokeStudy());
        attempts.claim(trial, "node-1").orElseThrow();

        assertThatThrownBy(() -> attempts.result(trial, 1, result(0.9, List.of(point(10, 1.5)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("report-invalid")
                .hasMessageContaining("measurements[0].validationAccuracy");
        assertThatThrownBy(() -> attempts.claim(trial, " "))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("worker");

        assertThat(jdbc.queryForObject("select status from trial where id = ?", String.class, trial))
                .isEqualTo("RUNNING");
        assertThat(jdbc.queryForObject("select count(*) from measurement where trial_id = ?", Integer.class, trial))
                .isZero();
    }

    private long submitSmokeStudy() throws Exception {
        TestApi admin = TestApi.local(port, Path.of(FairtuneIntegrationTest.DATA_DIR));
        HttpResponse<String> created = admin.post("/api/v1/studies", SharedExamples.study("synthetic-smoke.json"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestApi.json(created).path("summary").path("id").asLong();
    }

    private long firstQueuedTrial(long study) {
        return jdbc.queryForObject(
                "select min(id) from trial where study_id = ? and status = 'QUEUED'", Long.class, study);
    }

    private static Measurement point(int step, double accuracy) {
        return new Measurement(step, 1.5, 1.4, accuracy, 0.1, 1.0);
    }

    private static TrainingResult result(double accuracy, List<Measurement> points) {
        return new TrainingResult(
                TrainingOutcome.SUCCEEDED, 40, accuracy, accuracy, null, 2.0, 5000.0, null, null, null, points);
    }
}
