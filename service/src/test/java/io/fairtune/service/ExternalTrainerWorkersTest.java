package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * External trainers end to end: the service schedules only; separate worker JVMs from {@code fairtune-worker.jar} have
 * the dependency-free test trainer ({@code examples/trainers/quadratic_trainer.py}, python3) registered in their own
 * configuration and run it as a real process for every trial of a study that names it: {@code worker-q} beside its
 * built-in DL4J slot as {@code quadratic}, {@code worker-p} with no built-in slot as {@code quadratic2}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"fairtune.data-dir=target/it-external-trainers", "fairtune.worker.slots=0"})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalTrainerWorkersTest {

    private static final Path DATA_DIR = Path.of("target/it-external-trainers");
    private static final Path QUADRATIC = Path.of("../examples/trainers/quadratic_trainer.py")
            .toAbsolutePath()
            .normalize();
    private static final String POOL = "FairtuneTrials.trainer.quadratic";

    static {
        SharedExamples.deleteTree(DATA_DIR);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    private WorkerProcesses workers;
    private Process worker;
    private TestApi api;

    @BeforeAll
    void startAWorkerThatHasTheQuadraticTrainer() throws Exception {
        api = TestApi.local(port, DATA_DIR);
        String workerToken = Files.readString(DATA_DIR.resolve("worker-token")).trim();
        workers =
                new WorkerProcesses(environment.getRequiredProperty("spring.datasource.url"), port, workerToken, jdbc);
        worker = workers.start(
                "worker-q",
                List.of(
                        "--fairtune.worker.trainers.quadratic.command=python3," + QUADRATIC,
                        "--fairtune.worker.trainers.quadratic.slots=2",
                        "--fairtune.worker.trainers.quadratic.stop-grace=2s"));
        workers.start(
                "worker-p",
                List.of(
                        "--fairtune.worker.slots=0",
                        "--fairtune.worker.trainers.quadratic2.command=python3," + QUADRATIC));
        workers.awaitNodes(POOL, 1, Duration.ofMinutes(2));
        workers.awaitNodes(POOL + "2", 1, Duration.ofMinutes(2));
    }

    @AfterAll
    void stopTheWorker() {
        workers.close();
    }

    @Test
    void aStudyOfAnExternalTrainerCompletesOnTheWorkerThatHasIt() throws Exception {
        long id = create(quadraticStudy("point").finalSeeds(2));

        JsonNode done = StudyWaits.untilFinished(api, id, Duration.ofMinutes(3));

        assertThat(done.path("summary").path("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.path("workload").path("trainer").asString()).isEqualTo("quadratic");
        assertThat(done.path("waiting").isNull()).isTrue();
        List<Map<String, Object>> trials = jdbc.queryForList(
                "select t.id, t.phase, t.status, t.test_accuracy, count(a.id) filter (where a.status = 'SUCCEEDED')"
                        + " as succeeded, min(a.worker) as worker from trial t left join attempt a on a.trial_id = t.id"
                        + " where t.study_id = ? group by t.id",
                id);
        // 2 arms x 2 tuning trials, then 2 arms x 2 final seeds.
        assertThat(trials).hasSize(8).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("SUCCEEDED");
            assertThat(((Number) row.get("succeeded")).intValue()).isEqualTo(1);
            assertThat((String) row.get("worker")).startsWith("worker-q/");
            assertThat(row.get("test_accuracy") != null)
                    .isEqualTo(row.get("phase").equals("FINAL"));
        });
        long trialId = ((Number) trials.get(0).get("id")).longValue();
        JsonNode curve = api.getJson("/api/v1/trials/" + trialId).path("curve");
        assertThat(curve).hasSize(4);
        assertThat(curve.get(3).path("step").asInt()).isEqualTo(20);
        assertThat(curve.get(3).path("learningRate").asDouble()).isGreaterThanOrEqualTo(0.0);

        // The report is the built-in trainer's, from stored trials only.
        JsonNode report = api.getJson("/api/v1/studies/" + id + "/report");
        assertThat(report.path("workload").path("trainer").asString()).isEqualTo("quadratic");
        HttpResponse<String> markdown = api.get("/api/v1/studies/" + id + "/report.md");
        assertThat(markdown.statusCode()).as(markdown.body()).isEqualTo(200);
        assertThat(markdown.body()).contains("Workload: `point` on `bowl` (external trainer `quadratic`), batch 256");

        JsonNode nodes = api.getJson("/api/v1/workers").path("nodes");
        assertThat(nodes.valueStream()
                        .map(n -> n.path("trainers")
                                .valueStream()
                                .map(JsonNode::asString)
                                .toList())
                        .toList())
                .containsExactlyInAnyOrder(List.of("dl4j", "quadratic"), List.of("quadratic2"));
    }

    @Test
    void aWorkerWithExternalTrainersOnlyTrainsThemAndNeverJoinsTheBuiltInPool() throws Exception {
        long id = create(quadraticStudy("point")
                .set("/workload", "trainer", "\"quadratic2\"")
                .trialsPerArm(1)
                .finalSeeds(0));

        JsonNode done = StudyWaits.untilFinished(api, id, Duration.ofMinutes(2));

        assertThat(done.path("summary").path("status").asString()).isEqualTo("COMPLETED");
        assertThat(jdbc.queryForList(
                        "select a.status || ' ' || split_part(a.worker, '/', 1) from attempt a"
                                + " join trial t on t.id = a.trial_id where t.study_id = ?",
                        String.class,
                        id))
                .containsExactly("SUCCEEDED worker-p", "SUCCEEDED worker-p");
        assertThat(jdbc.queryForObject(
                        "select count(*) from qrtz_scheduler_state where sched_name = 'FairtuneTrials'", Integer.class))
                .as("only worker-q runs the built-in trainer")
                .isEqualTo(1);
    }

    @Test
    void withNoLiveWorkerForItsTrainerAStudyStaysQueuedAndSaysWhy() throws Exception {
        long id = create(quadraticStudy("point").set("/workload", "trainer", "\"nosuch\""));
        Thread.sleep(12_000); // a few worker polls (2 s) and sweeps (5 s)

        JsonNode study = api.getJson("/api/v1/studies/" + id);
        assertThat(study.path("summary").path("status").asString()).isEqualTo("TUNING");
        assertThat(study.path("waiting").asString()).isEqualTo("waiting: no live worker has trainer 'nosuch'");
        List<Map<String, Object>> trials = jdbc.queryForList(
                "select t.status, t.attempts, (select count(*) from qrtz_triggers q where q.sched_name = 'FairtuneTrials.trainer.nosuch'"
                        + " and q.job_name = 'trial-' || t.id and q.trigger_state = 'WAITING') as waiting"
                        + " from trial t where t.study_id = ? and t.status <> 'PENDING'",
                id);
        assertThat(trials).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("QUEUED");
            assertThat(((Number) row.get("attempts")).intValue()).isZero();
            assertThat(((Number) row.get("waiting")).intValue()).isEqualTo(1);
        });
        // Nothing spins: the sweeper finds the triggers where they wait and queues nothing again.
        List<Object> queuedAt = jdbc.queryForList(
                "select queued_at from trial where study_id = ? and status = 'QUEUED' order by id", Object.class, id);
        Thread.sleep(6_000);
        assertThat(jdbc.queryForList(
                        "select queued_at from trial where study_id = ? and status = 'QUEUED' order by id",
                        Object.class,
                        id))
                .isEqualTo(queuedAt);

        HttpResponse<String> cancelled = api.post("/api/v1/studies/" + id + "/cancel", "");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(api.getJson("/api/v1/studies/" + id).path("waiting").isNull())
                .isTrue();
    }

    @Test
    void aTrainerKilledMidTrialIsAFailedTrialWithItsStderrTail() throws Exception {
        long id = create(quadraticStudy("crash-at-7").trialsPerArm(1).finalSeeds(0));

        StudyWaits.untilFinished(api, id, Duration.ofMinutes(2));

        List<Long> trialIds = jdbc.queryForList("select id from trial where study_id = ?", Long.class, id);
        assertThat(trialIds).hasSize(2);
        for (long trialId : trialIds) {
            JsonNode trial = api.getJson("/api/v1/trials/" + trialId);
            assertThat(trial.path("trial").path("status").asString()).isEqualTo("FAILED");
            assertThat(trial.path("trial").path("failureMessage").asString())
                    .isEqualTo("trainer 'quadratic' exited with code 137 (killed by signal 9)");
            assertThat(trial.path("failureCause").asString())
                    .contains("--- stderr, last 8 KB ---", "quadratic: step 7: about to be killed (SIGKILL)");
            assertThat(trial.path("curve")).hasSize(1);
        }
    }

    @Test
    void cancellingAStudyStopsItsTrainerProcess() throws Exception {
        long id = create(
                quadraticStudy("slow-100").trainingSteps(400).evalEverySteps(5).finalSeeds(0));
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (trainerProcesses() == 0 || measurements(id) == 0) {
            assertThat(System.nanoTime()).as("a trainer process that reports").isLessThan(deadline);
            Thread.sleep(200);
        }

        HttpResponse<String> cancelled = api.post("/api/v1/studies/" + id + "/cancel", "");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);

        // The next heartbeat or measurement is refused; the node then stops the process (grace 2 s).
        deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (trainerProcesses() > 0) {
            assertThat(System.nanoTime()).as("the trainer process stopped").isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(jdbc.queryForList("select distinct status from trial where study_id = ?", String.class, id))
                .containsExactly("CANCELLED");
    }

    /** What an attacker would try through the API; nothing runs, and invalid specs are 400 problems. */
    @Test
    void theApiIsNeverAWayToRunACommandOnAWorker() throws Exception {
        Path marker = Path.of("/tmp/fairtune-pwned-" + UUID.randomUUID());
        List<Specs> attacks = List.of(
                quadraticStudy("point").set("/workload", "trainer", quoted("sh -c 'touch " + marker + "'")),
                quadraticStudy("point").set("/workload", "trainer", quoted("../../bin/sh")),
                quadraticStudy("point").set("/workload", "trainer", quoted("python3 -c open('" + marker + "','w')")),
                quadraticStudy("point").set("/workload", "command", "[\"touch\", \"" + marker + "\"]"),
                quadraticStudy("point").set("/workload", "args", "[\"" + marker + "\"]"),
                quadraticStudy("point").set("/workload", "env", "{\"PYTHONSTARTUP\": \"" + marker + "\"}"),
                quadraticStudy("point").set("/workload", "model", quoted("$(touch " + marker + ")")),
                quadraticStudy("point").set("/workload", "dataset", quoted("../../../" + marker)));
        for (Specs attack : attacks) {
            for (String path : List.of("/api/v1/studies", "/api/v1/studies/plan")) {
                HttpResponse<String> answer = api.post(path, attack.json());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
                assertThat(answer.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(TestApi.json(answer).path("type").asString()).endsWith("/problems/spec-invalid");
            }
        }
        // A valid name that no worker registered is stored and waits; it names nothing a worker could run.
        long id = create(quadraticStudy("point").set("/workload", "trainer", quoted("touch")));
        Thread.sleep(4_000);
        assertThat(jdbc.queryForObject(
                        "select count(*) from attempt a join trial t on t.id = a.trial_id" + " where t.study_id = ?",
                        Integer.class,
                        id))
                .isZero();
        api.post("/api/v1/studies/" + id + "/cancel", "");
        assertThat(marker).doesNotExist();
        assertThat(worker.isAlive()).isTrue();
    }

    private Specs quadraticStudy(String model) {
        return Specs.smoke()
                .set("/workload", "trainer", "\"quadratic\"")
                .set("/workload", "dataset", "\"bowl\"")
                .set("/workload", "model", quoted(model))
                .trainingSteps(20)
                .evalEverySteps(5)
                .trialsPerArm(2)
                .maxParallelTrials(2);
    }

    private long create(Specs spec) {
        HttpResponse<String> created = api.post("/api/v1/studies", spec.json());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestApi.json(created).path("summary").path("id").asLong();
    }

    private long trainerProcesses() {
        return worker.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("quadratic_trainer.py"))
                .count();
    }

    private int measurements(long studyId) {
        return jdbc.queryForObject(
                "select count(*) from measurement m join trial t on t.id = m.trial_id where t.study_id = ?",
                Integer.class,
                studyId);
    }

    private static String quoted(String text) {
        return TestApi.JSON.writeValueAsString(text);
    }
}
