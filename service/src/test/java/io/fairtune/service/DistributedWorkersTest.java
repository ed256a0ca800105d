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
 * The service schedules only (no in-process slot); two separate worker JVMs, started from
 * {@code fairtune-worker.jar} and pointed at the service and its PostgreSQL, train every trial. The example
 * optimizer plugin is installed on both sides, the service's (validation, reports) and the workers' (training), and
 * is one of the study's arms.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "fairtune.data-dir=target/it-distributed",
            "fairtune.worker.slots=0",
            "fairtune.plugins-dir=" + Plugins.EXAMPLE_DIR
        })
@DirtiesContext
class DistributedWorkersTest {

    private static final Path DATA_DIR = Path.of("target/it-distributed");

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
    void twoWorkerProcessesShareTheStudyOfABuiltInAndAPluginArmAndEachTrialSucceedsOnce() throws Exception {
        TestApi api = TestApi.local(port, DATA_DIR);
        String workerToken = Files.readString(DATA_DIR.resolve("worker-token")).trim();
        try (WorkerProcesses workers = new WorkerProcesses(
                environment.getRequiredProperty("spring.datasource.url"), port, workerToken, jdbc)) {
            workers.withPlugins(Plugins.exampleJar().getParent());
            workers.start("worker-a");
            workers.start("worker-b");
            workers.awaitClusterNodes(2, Duration.ofMinutes(2));

            // 3 arms x 3 tuning trials and 1 final seed: the 12 trials the two-arm smoke study has.
            String spec = Specs.smoke()
                    .trialsPerArm(3)
                    .finalSeeds(1)
                    .arm(Plugins.signumArm())
                    .json();
            HttpResponse<String> created = api.post("/api/v1/studies", spec);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long id = TestApi.json(created).path("summary").path("id").asLong();

            StudyWaits.untilFinished(api, id, Duration.ofMinutes(8));

            List<Map<String, Object>> perTrial = jdbc.queryForList(
                    "select t.id, t.status, count(a.id) filter (where a.status = 'SUCCEEDED') as succeeded"
                            + " from trial t left join attempt a on a.trial_id = t.id where t.study_id = ?"
                            + " group by t.id, t.status",
                    id);
            assertThat(perTrial).hasSize(12).allSatisfy(row -> {
                assertThat(row.get("status")).isEqualTo("SUCCEEDED");
                assertThat(((Number) row.get("succeeded")).intValue()).isEqualTo(1);
            });
            List<String> nodes = jdbc.queryForList(
                    "select distinct split_part(a.worker, '/', 1) from attempt a join trial t on t.id = a.trial_id"
                            + " where t.study_id = ? and a.status = 'SUCCEEDED'",
                    String.class,
                    id);
            assertThat(nodes).containsExactlyInAnyOrder("worker-a", "worker-b");
            assertThat(jdbc.queryForObject(
                            "select count(*) from trial t join arm a on a.id = t.arm_id where t.study_id = ?"
                                    + " and a.optimizer = 'signum' and t.status = 'SUCCEEDED'",
                            Integer.class,
                            id))
                    .isEqualTo(4);
        }
    }
}
