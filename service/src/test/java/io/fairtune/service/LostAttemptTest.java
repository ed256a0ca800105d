package io.fairtune.service;

import static io.fairtune.service.AttemptReports.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.fairtune.contract.job.TrialJob;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * A worker that claims a trial and goes silent (hung job, frozen node): the sweeper marks the attempt LOST by
 * the database clock and queues the trial again, with a growing wait, until its attempts run out; then the trial
 * ends LOST, an infrastructure outcome that is shown but never charged to its arm. A lost final-phase run is
 * replaced by a fresh seed, so the final phase still gets its planned runs.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "fairtune.data-dir=target/it-lost-attempts",
            "fairtune.worker.slots=0",
            "fairtune.heartbeat-timeout=2s",
            "fairtune.sweep-interval=500ms",
            "fairtune.retry.first-delay=6s"
        })
@DirtiesContext
class LostAttemptTest {

    private static final Path DATA_DIR = Path.of("target/it-lost-attempts");

    static {
        SharedExamples.deleteTree(DATA_DIR);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Scheduler scheduler;

    TestApi admin;
    TestApi worker;

    @BeforeEach
    void tokens() throws Exception {
        admin = TestApi.local(port, DATA_DIR);
        worker = admin.withToken(
                Files.readString(DATA_DIR.resolve("worker-token")).trim());
    }

    @Test
    void silentAttemptsAreRequeuedWithBackoffAndThenTheTrialEndsLostWithoutBeingCharged() throws Exception {
        String spec = Specs.smoke().maxAttemptsPerTrial(3).json();
        long study = submit(spec);
        long trial = queuedTrials(study).get(0);
        String arm = jdbc.queryForObject(
                "select a.name from arm a join trial t on t.arm_id = a.id where t.id = ?", String.class, trial);

        assertThat(claim(trial).statusCode()).isEqualTo(201);
        awaitStatus(trial, "QUEUED");
        assertThat(attemptStatuses(trial)).containsExactly("LOST");
        // After the first loss the trial is queued again at once.
        assertThat(secondsUntilNextFire(trial)).isLessThan(1.0);
        assertThat(worker.post(path(trial, 1, "heartbeat"), "").statusCode()).isEqualTo(409);

        assertThat(claim(trial).statusCode()).isEqualTo(201);
        awaitStatus(trial, "QUEUED");
        // After the second, it waits (first-delay 6 s) so a trial that kills its workers cannot hog the cluster.
        assertThat(secondsUntilNextFire(trial)).isGreaterThan(3.0);

        assertThat(claim(trial).statusCode()).isEqualTo(201);
        awaitStatus(trial, "LOST");
        assertThat(attemptStatuses(trial)).containsExactly("LOST", "LOST", "LOST");
        assertThat(jdbc.queryForObject("select failure_message from trial where id = ?", String.class, trial))
                .contains("3 attempts were lost to infrastructure", "not charged");
        assertThat(triggers(trial)).isZero();
        HttpResponse<String> refused = claim(trial);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(TestApi.json(refused).path("type").asString()).isEqualTo("/problems/trial-not-claimable");

        JsonNode report = admin.getJson("/api/v1/studies/" + study + "/report");
        JsonNode effort = armReport(report, arm).path("effort");
        assertThat(effort.path("lost").asInt()).isEqualTo(1);
        assertThat(effort.path("failed").asInt()).isZero();
        assertThat(effort.path("lostAttempts").asInt()).isEqualTo(3);
        JsonNode budgets = check(report, "equal-budgets");
        assertThat(budgets.path("status").asString()).isEqualTo("WARN");
        assertThat(budgets.path("message").asString()).contains(arm + " 0/4 (1 lost to infrastructure, not charged)");
        assertThat(admin.get("/api/v1/studies/" + study + "/report.md").body()).contains("lost trials (not counted)");
    }

    @Test
    void aLostFinalRunIsReplacedByAFreshSeedSoEveryArmGetsItsPlannedRuns() throws Exception {
        String spec = Specs.smoke()
                .trialsPerArm(1)
                .maxAttemptsPerTrial(1)
                .finalSeeds(1)
                .json();
        long study = submit(spec);
        for (long tuning : queuedTrials(study)) {
            assertThat(claim(tuning).statusCode()).isEqualTo(201);
            assertThat(worker.post(path(tuning, 1, "result"), AttemptReports.result("SUCCEEDED", 40, 0.9))
                            .statusCode())
                    .isEqualTo(204);
        }
        List<Long> finals = queuedTrials(study);
        assertThat(finals).hasSize(2);
        long victim = finals.get(0);
        assertThat(claim(victim).statusCode()).isEqualTo(201);
        awaitStatus(victim, "LOST");

        List<java.util.Map<String, Object>> runs = jdbc.queryForList(
                "select id, sample_index, seed, status from trial where phase = 'FINAL'"
                        + " and arm_id = (select arm_id from trial where id = ?) order by sample_index",
                victim);
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("status")).isEqualTo("LOST");
        assertThat(runs.get(1).get("sample_index")).isEqualTo(1);
        assertThat(runs.get(1).get("seed")).isNotEqualTo(runs.get(0).get("seed"));
        assertThat(runs.get(1).get("status")).isEqualTo("QUEUED");

        for (long run : queuedTrials(study)) {
            assertThat(claim(run).statusCode()).isEqualTo(201);
            assertThat(worker.post(path(run, 1, "result"), AttemptReports.finalResult(40, 0.9))
                            .statusCode())
                    .isEqualTo(204);
        }
        assertThat(jdbc.queryForObject("select status from study where id = ?", String.class, study))
                .isEqualTo("COMPLETED");
        JsonNode finalSeeds = check(admin.getJson("/api/v1/studies/" + study + "/report"), "final-seeds");
        assertThat(finalSeeds.path("status").asString())
                .as(finalSeeds.toString())
                .isEqualTo("PASS");
        assertThat(finalSeeds.path("message").asString()).contains("nesterov 1/1", "adam 1/1");
    }

    @Test
    void aQueuedTrialWhoseTriggerWasConsumedWithoutAClaimIsScheduledAgain() throws Exception {
        long study = submit(SharedExamples.study("synthetic-smoke.json"));
        long trial = queuedTrials(study).get(0);
        // What a job leaves behind when its claim never reached the service: no trigger, trial still QUEUED.
        scheduler.deleteJob(JobKey.jobKey(TrialJob.jobName(trial), TrialJob.GROUP));
        assertThat(triggers(trial)).isZero();

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (triggers(trial) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(triggers(trial)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from trial where id = ?", String.class, trial))
                .isEqualTo("QUEUED");
    }

    private long submit(String spec) {
        HttpResponse<String> created = admin.post("/api/v1/studies", spec);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestApi.json(created).path("summary").path("id").asLong();
    }

    private List<Long> queuedTrials(long study) {
        return jdbc.queryForList(
                "select id from trial where study_id = ? and status = 'QUEUED' order by id", Long.class, study);
    }

    private int triggers(long trial) {
        return jdbc.queryForObject(
                "select count(*) from qrtz_triggers where job_name = ?", Integer.class, "trial-" + trial);
    }

    private double secondsUntilNextFire(long trial) {
        Long next = jdbc.queryForObject(
                "select max(next_fire_time) from qrtz_triggers where job_name = ? and trigger_state = 'WAITING'",
                Long.class,
                "trial-" + trial);
        Timestamp now = jdbc.queryForObject("select now()", Timestamp.class);
        return (next - now.getTime()) / 1000.0;
    }

    private HttpResponse<String> claim(long trial) {
        return AttemptReports.claim(worker, trial, "frozen-node/slot-1");
    }

    private List<String> attemptStatuses(long trial) {
        return jdbc.queryForList("select status from attempt where trial_id = ? order by number", String.class, trial);
    }

    private static JsonNode armReport(JsonNode report, String arm) {
        for (JsonNode node : report.path("arms")) {
            if (node.path("name").asString().equals(arm)) {
                return node;
            }
        }
        throw new AssertionError("no arm " + arm + " in " + report);
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode node : report.path("fairnessChecks")) {
            if (node.path("name").asString().equals(name)) {
                return node;
            }
        }
        throw new AssertionError("no check " + name + " in " + report.path("fairnessChecks"));
    }

    private void awaitStatus(long trial, String status) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (status.equals(jdbc.queryForObject("select status from trial where id = ?", String.class, trial))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("trial " + trial + " never became " + status);
    }
}
