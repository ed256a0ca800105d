package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A worker JVM killed with SIGKILL in the middle of a trial: its attempt is lost (Quartz recovery or the
 * sweeper, whichever notices first), the other worker runs the trial again, and every trial still succeeds
 * exactly once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "fairtune.data-dir=target/it-failover",
            "fairtune.worker.slots=0",
            "fairtune.heartbeat-timeout=20s",
            "fairtune.sweep-interval=1s"
        })
@DirtiesContext
class WorkerFailoverTest {

    private static final Path DATA_DIR = Path.of("target/it-failover");

    static {
        SharedExamples.deleteTree(DATA_DIR);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    @Test
    void aKilledWorkersTrialIsRunAgainElsewhereAndSucceedsOnce() throws Exception {
        TestApi api = TestApi.local(port, DATA_DIR);
        String workerToken = Files.readString(DATA_DIR.resolve("worker-token")).trim();
        // Longer trials than the smoke study's, so the kill lands mid-training.
        String spec = Specs.smoke()
                .trainingSteps(600)
                .evalEverySteps(50)
                .trialsPerArm(2)
                .finalSeeds(0)
                .json();
        try (WorkerProcesses workers = new WorkerProcesses(
                environment.getRequiredProperty("spring.datasource.url"), port, workerToken, jdbc)) {
            Process victim = workers.start("failover-a");
            workers.start("failover-b");
            workers.awaitClusterNodes(2, Duration.ofMinutes(2));

            HttpResponse<String> created = api.post("/api/v1/studies", spec);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long id = TestApi.json(created).path("summary").path("id").asLong();

            long victimTrial = awaitRunningOn("failover-a", Duration.ofMinutes(2));
            victim.destroyForcibly().waitFor();

            StudyWaits.untilFinished(api, id, Duration.ofMinutes(6));

            List<Map<String, Object>> perTrial = jdbc.queryForList(
                    "select t.id, t.status, count(a.id) filter (where a.status = 'SUCCEEDED') as succeeded"
                            + " from trial t left join attempt a on a.trial_id = t.id where t.study_id = ?"
                            + " group by t.id, t.status",
                    id);
            assertThat(perTrial).hasSize(4).allSatisfy(row -> {
                assertThat(row.get("status")).isEqualTo("SUCCEEDED");
                assertThat(((Number) row.get("succeeded")).intValue()).isEqualTo(1);
            });
            List<Map<String, Object>> attempts = jdbc.queryForList(
                    "select number, status, worker from attempt where trial_id = ? order by number", victimTrial);
            assertThat(attempts).hasSizeGreaterThanOrEqualTo(2);
            assertThat(attempts.get(0).get("status")).isEqualTo("LOST");
            assertThat((String) attempts.get(0).get("worker")).startsWith("failover-a/");
            assertThat(attempts.get(attempts.size() - 1).get("status")).isEqualTo("SUCCEEDED");
            assertThat((String) attempts.get(attempts.size() - 1).get("worker")).startsWith("failover-b/");
        }
    }

    /** The trial a worker is training once it has streamed at least one curve point. */
    private long awaitRunningOn(String worker, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> running = jdbc.queryForList(
                    "select a.trial_id from attempt a where a.status = 'RUNNING' and a.worker like ?"
                            + " and exists (select 1 from measurement m where m.trial_id = a.trial_id"
                            + " and m.attempt_number = a.number)",
                    Long.class,
                    worker + "/%");
            if (!running.isEmpty()) {
                return running.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError(worker + " never ran a trial within " + timeout);
    }
}
