package io.fairtune.service;

import static io.fairtune.service.AttemptReports.drive;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A schedule on a fast cron (every 2 s; the shared context allows 1 s) in the real Quartz JDBC store: it starts
 * labelled studies, never a second beside a running one, and its history shows each study's claim turning from
 * PASS to FAIL when the second night's data contradict it.
 */
@FairtuneIntegrationTest
class StudyScheduleTest {

    private static final String CLAIM = """
            [{"candidate": "adam", "baseline": "nesterov", "kind": "non_inferior", "margin": 0.01,
              "basis": "final_phase"}]""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void aFastCronStartsOneLabelledStudyAtATimeAndItsHistoryShowsTheRegression() throws Exception {
        TestApi admin = TestApi.local(port, Path.of(FairtuneIntegrationTest.DATA_DIR));
        TestApi worker = admin.withToken(AttemptReports.workerToken());
        String spec = Specs.smoke()
                .trialsPerArm(2)
                .finalSeeds(5)
                .set("", "claims", CLAIM)
                .json();
        HttpResponse<String> created = admin.post(
                "/api/v1/schedules",
                "{\"name\": \"nightly smoke\", \"cron\": \"*/2 * * * * ?\", \"timeZone\": \"Europe/Berlin\", \"spec\": "
                        + spec + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = TestApi.json(created).path("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/schedules/" + id);
        assertThat(TestApi.json(created).path("nextFireAt").asString()).isNotEmpty();
        assertThat(TestApi.json(created).at("/spec/labels/schedule").asString()).isEqualTo(Long.toString(id));
        try {
            long first = awaitStudies(admin, id, 1).get(0);
            JsonNode study = admin.getJson("/api/v1/studies/" + first);
            assertThat(study.at("/summary/labels/schedule").asString()).isEqualTo(Long.toString(id));
            assertThat(study.path("createdBy").asString())
                    .isEqualTo(TestApi.json(created).path("createdBy").asString());

            // Two more firings come while the first study runs: both are recorded as skipped, none starts a study.
            awaitRuns(admin, id, "SKIPPED_RUNNING", 2);
            assertThat(studies(admin, id)).containsExactly(first);

            drive(jdbc, worker, first, "TUNING", (arm, i) -> AttemptReports.result("SUCCEEDED", 40, 0.7 + 0.01 * i));
            drive(
                    jdbc,
                    worker,
                    first,
                    "FINAL",
                    (arm, i) -> AttemptReports.finalResult(
                            40, (arm.equals("adam") ? 0.90 : 0.80) + 0.004 * ((i * 7) % 5 - 2)));
            // The next night's data contradict the claim: adam ten points worse.
            long second = awaitStudies(admin, id, 2).get(0);
            drive(jdbc, worker, second, "TUNING", (arm, i) -> AttemptReports.result("SUCCEEDED", 40, 0.7 + 0.01 * i));
            drive(
                    jdbc,
                    worker,
                    second,
                    "FINAL",
                    (arm, i) -> AttemptReports.finalResult(
                            40, (arm.equals("adam") ? 0.70 : 0.80) + 0.004 * ((i * 7) % 5 - 2)));

            HttpResponse<String> paused = admin.post("/api/v1/schedules/" + id + "/pause", "");
            assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
            assertThat(TestApi.json(paused).path("paused").asBoolean()).isTrue();
            assertThat(TestApi.json(paused).path("nextFireAt").isNull()).isTrue();
            int firings = admin.getJson("/api/v1/schedules/" + id).path("runs").size();
            Thread.sleep(4_500);
            long reportsComputed = reportsComputed();
            JsonNode detail = admin.getJson("/api/v1/schedules/" + id);
            assertThat(reportsComputed())
                    .as("the claims of finished studies are not computed again on every look")
                    .isEqualTo(reportsComputed);
            assertThat(detail.path("runs"))
                    .as("a paused schedule does not fire")
                    .hasSize(firings);

            List<String> outcomes = new ArrayList<>();
            for (JsonNode run : detail.path("runs")) {
                if (run.path("outcome").asString().equals("STARTED")) {
                    assertThat(run.path("studyStatus").asString()).isEqualTo("COMPLETED");
                    outcomes.add(run.path("studyId").asLong() + ":"
                            + run.at("/claims/0/outcome").asString());
                }
            }
            assertThat(outcomes).containsExactly(first + ":PASS", second + ":FAIL");
            assertThat(detail.at("/runs/0/claims/0/statement").asString()).contains("adam");

            HttpResponse<String> resumed = admin.post("/api/v1/schedules/" + id + "/resume", "");
            assertThat(TestApi.json(resumed).path("paused").asBoolean()).isFalse();
        } finally {
            assertThat(admin.delete("/api/v1/schedules/" + id).statusCode()).isEqualTo(204);
        }
        assertThat(admin.get("/api/v1/schedules/" + id).statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject(
                        "select count(*) from qrtz_job_details where job_name = ?", Integer.class, "schedule-" + id))
                .as("the cron job is gone from the job store")
                .isZero();
        assertThat(admin.getJson("/api/v1/studies?label=schedule:" + id)
                        .path("total")
                        .asInt())
                .as("the studies it started stay")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aBadScheduleIsRefusedFieldByFieldAndOnlyResearchersMayCreateOne() throws Exception {
        TestApi admin = TestApi.local(port, Path.of(FairtuneIntegrationTest.DATA_DIR));
        String badSpec = Specs.smoke().set("/workload", "batchSize", 0).json();
        HttpResponse<String> refused = admin.post(
                "/api/v1/schedules",
                "{\"name\": \"\", \"cron\": \"every night\", \"timeZone\": \"Mars/Olympus\", \"when\": 1, \"spec\": "
                        + badSpec + "}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode problem = TestApi.json(refused);
        assertThat(problem.path("type").asString()).isEqualTo("/problems/request-invalid");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("name", "cron", "timeZone", "when", "spec.workload.batchSize");
        assertThat(admin.post("/api/v1/schedules", "[1]").statusCode()).isEqualTo(400);

        String good = "{\"name\": \"n\", \"cron\": \"0 0 2 * * ?\", \"spec\": "
                + Specs.smoke().json() + "}";
        for (String role : List.of("viewer", "ci", "worker")) {
            TestApi other =
                    admin.withToken(AttemptReports.createToken(admin, role).secret());
            assertThat(other.post("/api/v1/schedules", good).statusCode())
                    .as(role)
                    .isEqualTo(403);
        }
        TestApi viewer =
                admin.withToken(AttemptReports.createToken(admin, "viewer").secret());
        assertThat(viewer.get("/api/v1/schedules").statusCode()).isEqualTo(200);
        assertThat(admin.withToken("ft_forged").get("/api/v1/schedules").statusCode())
                .isEqualTo(401);
        assertThat(admin.get("/api/v1/schedules/987654").statusCode()).isEqualTo(404);
    }

    private static List<Long> studies(TestApi api, long schedule) {
        List<Long> ids = new ArrayList<>();
        api.getJson("/api/v1/studies?label=schedule:" + schedule)
                .path("items")
                .forEach(s -> ids.add(s.path("id").asLong()));
        return ids;
    }

    /** The schedule's studies, newest first, once there are at least {@code count}. */
    private static List<Long> awaitStudies(TestApi api, long schedule, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Long> ids;
        while ((ids = studies(api, schedule)).size() < count) {
            assertThat(System.nanoTime())
                    .as("schedule " + schedule + " started " + ids)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
        return ids;
    }

    private long reportsComputed() {
        return meters.get("fairtune.report.duration").timer().count();
    }

    private static void awaitRuns(TestApi api, long schedule, String outcome, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            int seen = 0;
            for (JsonNode run : api.getJson("/api/v1/schedules/" + schedule).path("runs")) {
                seen += run.path("outcome").asString().equals(outcome) ? 1 : 0;
            }
            if (seen >= count) {
                return;
            }
            assertThat(System.nanoTime())
                    .as(outcome + " firings of schedule " + schedule)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
