package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairtune.worker.node.RunTrialJob;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A worker that claims a trial and goes silent (hung job, frozen node): the sweeper marks the attempt LOST by
 * the database clock and queues the trial again, until the attempts run out. Lost attempts stay on record.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "fairtune.data-dir=target/it-lost-attempts",
            "fairtune.worker.slots=0",
            "fairtune.heartbeat-timeout=2s",
            "fairtune.sweep-interval=500ms"
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

    @Test
    void silentAttemptsAreLostAndTheTrialIsRequeuedUntilItsAttemptsRunOut() throws Exception {
        TestApi admin = TestApi.local(port, DATA_DIR);
        TestApi worker = admin.withToken(
                Files.readString(DATA_DIR.resolve("worker-token")).trim());
        String spec = SharedExamples.study("synthetic-smoke.json")
                .replace("\"maxParallelTrials\": 2", "\"maxParallelTrials\": 2, \"maxAttemptsPerTrial\": 2");
        HttpResponse<String> created = admin.post("/api/v1/studies", spec);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long study = TestApi.json(created).path("summary").path("id").asLong();
        long trial = jdbc.queryForObject(
                "select min(id) from trial where study_id = ? and status = 'QUEUED'", Long.class, study);

        assertThat(claim(worker, trial).statusCode()).isEqualTo(201);
        awaitStatus(trial, "QUEUED");
        assertThat(attemptStatuses(trial)).containsExactly("LOST");
        Integer waiting = jdbc.queryForObject(
                "select count(*) from qrtz_triggers where job_name = ? and trigger_state = 'WAITING'",
                Integer.class,
                "trial-" + trial);
        assertThat(waiting).isEqualTo(1);
        // The lost attempt can no longer report.
        assertThat(worker.post("/api/v1/trials/" + trial + "/attempts/1/heartbeat", "")
                        .statusCode())
                .isEqualTo(409);

        assertThat(claim(worker, trial).statusCode()).isEqualTo(201);
        awaitStatus(trial, "FAILED");
        assertThat(attemptStatuses(trial)).containsExactly("LOST", "LOST");
        assertThat(jdbc.queryForObject("select failure_message from trial where id = ?", String.class, trial))
                .contains("2 attempts were lost");
        assertThat(claim(worker, trial).statusCode()).isEqualTo(409);
    }

    @Test
    void aQueuedTrialWhoseTriggerWasConsumedWithoutAClaimIsScheduledAgain() throws Exception {
        TestApi admin = TestApi.local(port, DATA_DIR);
        HttpResponse<String> created = admin.post("/api/v1/studies", SharedExamples.study("synthetic-smoke.json"));
        long study = TestApi.json(created).path("summary").path("id").asLong();
        long trial = jdbc.queryForObject(
                "select min(id) from trial where study_id = ? and status = 'QUEUED'", Long.class, study);
        // What a job leaves behind when its claim never reached the service: no trigger, trial still QUEUED.
        scheduler.deleteJob(JobKey.jobKey(RunTrialJob.jobName(trial), RunTrialJob.GROUP));
        assertThat(triggers(trial)).isZero();

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (triggers(trial) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(triggers(trial)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from trial where id = ?", String.class, trial))
                .isEqualTo("QUEUED");
    }

    private int triggers(long trial) {
        return jdbc.queryForObject(
                "select count(*) from qrtz_triggers where job_name = ?", Integer.class, "trial-" + trial);
    }

    private static HttpResponse<String> claim(TestApi worker, long trial) {
        return worker.post("/api/v1/trials/" + trial + "/attempts", "{\"worker\":\"frozen-node\"}");
    }

    private java.util.List<String> attemptStatuses(long trial) {
        return jdbc.queryForList("select status from attempt where trial_id = ? order by number", String.class, trial);
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
