package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fairtune.contract.protocol.AttemptApi;
import io.fairtune.contract.protocol.AttemptFailure;
import io.fairtune.contract.protocol.Measurement;
import io.fairtune.contract.protocol.MeasurementBatch;
import io.fairtune.contract.protocol.ResultReceipt;
import io.fairtune.contract.protocol.TrainingOutcome;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.contract.protocol.TrialAssignment;
import io.fairtune.service.scheduling.TrialJobs;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Autowired
    TrialJobs jobs;

    @Autowired
    MeterRegistry meters;

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

    /**
     * A slot that reports a result gets its study's next trial in the answer and never waits for Quartz: through the
     * tuning trials, into the final phase, to the study's end. The study has an external trainer of its own, so its
     * pool holds no other study's trigger.
     */
    @Test
    void aResultHandsTheSlotItsStudysNextTrialUntilTheStudyIsDone() throws Exception {
        String trainer = uniqueTrainer();
        long study = submit(Specs.smoke()
                .set("/workload", "trainer", "\"" + trainer + "\"")
                .trialsPerArm(2)
                .maxParallelTrials(1)
                .finalSeeds(1));
        long first = firstQueuedTrial(study);
        TrialAssignment claimed = attempts.claim(first, "node-1/slot-1").orElseThrow();
        jobs.remove(first, trainer); // as when Quartz fired it: the claim follows a consumed trigger
        TrialAssignment running = claimed;
        double handedOverBefore = handedOver();

        List<Long> ran = new ArrayList<>(List.of(first));
        while (true) {
            ResultReceipt receipt =
                    attempts.resultAndNext(running.trialId(), running.attempt(), resultOf(running), "node-1/slot-1");
            assertThat(receipt.accepted()).isTrue();
            if (receipt.next().isEmpty()) {
                break;
            }
            running = receipt.next().get();
            assertThat(running.studyId()).isEqualTo(study);
            assertThat(running.attempt()).isEqualTo(1);
            assertThat(ran).doesNotContain(running.trialId());
            ran.add(running.trialId());
            assertThat(jdbc.queryForMap(
                            "select t.status, a.status as attempt, a.worker from trial t join attempt a"
                                    + " on a.trial_id = t.id and a.number = t.attempts where t.id = ?",
                            running.trialId()))
                    .containsEntry("status", "RUNNING")
                    .containsEntry("attempt", "RUNNING")
                    .containsEntry("worker", "node-1/slot-1");
            assertThat(jobsOf(running.trialId()))
                    .as("a handed-over trial has no Quartz job")
                    .isZero();
        }

        // 2 arms x 2 tuning trials, then the best of each arm once more in the final phase.
        assertThat(ran).hasSize(6);
        assertThat(jdbc.queryForList("select phase from trial where study_id = ? order by id", String.class, study))
                .containsExactly("TUNING", "TUNING", "TUNING", "TUNING", "FINAL", "FINAL");
        assertThat(jdbc.queryForObject("select status from study where id = ?", String.class, study))
                .isEqualTo("COMPLETED");
        assertThat(jdbc.queryForList(
                        "select distinct status || '/' || attempts from trial where study_id = ?", String.class, study))
                .containsExactly("SUCCEEDED/1");
        assertThat(handedOver() - handedOverBefore).isEqualTo(5.0);
        // A replayed result changes nothing and hands over nothing.
        assertThat(attempts.resultAndNext(first, 1, resultOf(claimed), "node-1/slot-1"))
                .isEqualTo(new ResultReceipt(true, Optional.empty()));
        assertThat(handedOver() - handedOverBefore).isEqualTo(5.0);
    }

    /**
     * While a trigger that was queued earlier waits in the pool, a slot's result takes nothing: the next trial is
     * queued through Quartz behind it. A stale result and an unnamed worker are refused as they are without a next.
     */
    @Test
    void aSlotTakesNoTrialWhileAnEarlierOneWaitsInItsPool() throws Exception {
        String trainer = uniqueTrainer();
        long study = submit(
                Specs.smoke().set("/workload", "trainer", "\"" + trainer + "\"").maxParallelTrials(2));
        long first = firstQueuedTrial(study);
        attempts.claim(first, "node-1/slot-1").orElseThrow();
        jobs.remove(first, trainer);
        TrialAssignment second = attempts.claim(first, "node-2/slot-1").orElseThrow();

        assertThat(attempts.resultAndNext(first, 1, resultOf(second), "node-1/slot-1"))
                .isEqualTo(new ResultReceipt(false, Optional.empty()));
        assertThatThrownBy(() -> attempts.resultAndNext(first, 2, resultOf(second), " "))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("worker");
        assertThat(jdbc.queryForObject("select status from trial where id = ?", String.class, first))
                .isEqualTo("RUNNING");

        assertThat(attempts.resultAndNext(first, 2, resultOf(second), "node-2/slot-1"))
                .isEqualTo(new ResultReceipt(true, Optional.empty()));
        List<Long> queued =
                jdbc.queryForList("select id from trial where study_id = ? and status = 'QUEUED'", Long.class, study);
        assertThat(queued).hasSize(2);
        assertThat(queued).allSatisfy(trial -> assertThat(jobsOf(trial)).isOne());
        assertThat(jdbc.queryForObject(
                        "select count(*) from trial where study_id = ? and status = 'RUNNING'", Integer.class, study))
                .isZero();
    }

    private String uniqueTrainer() {
        return "handover-" + Long.toString(System.nanoTime(), 36);
    }

    private double handedOver() {
        return meters.counter("fairtune.attempts.handed.over").count();
    }

    private int jobsOf(long trial) {
        return jdbc.queryForObject(
                "select count(*) from qrtz_job_details where job_name = ?", Integer.class, "trial-" + trial);
    }

    private long submit(Specs spec) throws Exception {
        TestApi admin = TestApi.local(port, Path.of(FairtuneIntegrationTest.DATA_DIR));
        HttpResponse<String> created = admin.post("/api/v1/studies", spec.json());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestApi.json(created).path("summary").path("id").asLong();
    }

    /** A valid result for the assignment: final-phase runs are evaluated on the test split. */
    private static TrainingResult resultOf(TrialAssignment assignment) {
        boolean test = assignment.evaluateOnTest();
        return new TrainingResult(
                TrainingOutcome.SUCCEEDED,
                assignment.workload().trainingSteps(),
                0.9,
                0.9,
                null,
                2.0,
                5000.0,
                test ? 0.88 : null,
                test ? 0.4 : null,
                null,
                List.of(point(10, 0.9)));
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
