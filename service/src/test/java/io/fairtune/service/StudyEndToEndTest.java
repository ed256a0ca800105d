package io.fairtune.service;

import static io.fairtune.service.JsonAssertions.integer;
import static io.fairtune.service.JsonAssertions.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The smoke study through real HTTP with a token, the real Quartz JDBC store on the embedded PostgreSQL, and
 * real DL4J training in the service's in-process slot.
 */
@FairtuneTrainingTest
class StudyEndToEndTest {

    private static final Path DATA_DIR = Path.of(FairtuneTrainingTest.DATA_DIR);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void smokeStudyRunsToCompletionWithEveryTrialStored() throws Exception {
        TestApi api = TestApi.local(port, DATA_DIR);
        HttpResponse<String> created = api.post("/api/v1/studies", SharedExamples.study("synthetic-smoke.json"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = TestApi.json(created).path("summary").path("id").asLong();

        JsonNode study = StudyWaits.untilFinished(api, id, Duration.ofMinutes(6));
        assertThat(study.path("summary").path("status").asString()).isEqualTo("COMPLETED");
        // The in-process slot reported through the attempt service directly, never over the service's own HTTP.
        List<String> requested = meters.find("http.server.requests").meters().stream()
                .map(meter -> meter.getId().getTag("uri"))
                .toList();
        assertThat(requested).contains("/api/v1/studies").noneMatch(uri -> uri.contains("/attempts"));

        Map<String, Object> counts = jdbc.queryForMap(
                "select count(*) filter (where status = 'SUCCEEDED') as succeeded, count(*) as total"
                        + " from trial where study_id = ? and phase = 'TUNING'",
                id);
        assertThat(((Number) counts.get("total")).intValue()).isEqualTo(8);
        assertThat(((Number) counts.get("succeeded")).intValue()).isEqualTo(8);
        // Final phase: each arm's best point re-trained with 2 fresh seeds and scored on the test split.
        List<Map<String, Object>> finals =
                jdbc.queryForList("select status, test_accuracy from trial where study_id = ? and phase = 'FINAL'", id);
        assertThat(finals).hasSize(2 * 2).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("SUCCEEDED");
            assertThat((Double) row.get("test_accuracy")).isBetween(0.0, 1.0);
        });
        Integer attempts = jdbc.queryForObject(
                "select count(*) from attempt a join trial t on t.id = a.trial_id where t.study_id = ?"
                        + " and a.status = 'SUCCEEDED'",
                Integer.class,
                id);
        assertThat(attempts).isEqualTo(12);
        // 40 steps, evaluated every 10: four curve points per trial.
        Integer points = jdbc.queryForObject(
                "select count(*) from measurement m join trial t on t.id = m.trial_id where t.study_id = ?",
                Integer.class,
                id);
        assertThat(points).isEqualTo(12 * 4);

        JsonNode trials = api.getJson("/api/v1/studies/" + id + "/trials?arm=adam&phase=TUNING&size=10");
        assertThat(integer(trials, "/total")).isEqualTo(4);
        long trialId = trials.path("items").get(0).path("id").asLong();
        JsonNode trial = api.getJson("/api/v1/trials/" + trialId);
        assertThat(trial.path("curve")).hasSize(4);
        assertThat(trial.path("trial").path("hyperparameters").has("learning_rate"))
                .isTrue();

        HttpResponse<String> csv = api.get("/api/v1/studies/" + id + "/trials.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(1 + 12);
        assertThat(lines.get(0)).contains("learning_rate", "momentum", "beta1", "best_val_accuracy", "status");
        assertThat(lines.subList(1, lines.size()))
                .allSatisfy(line -> assertThat(line).contains("SUCCEEDED"));

        JsonNode sorted =
                api.getJson("/api/v1/studies/" + id + "/trials?phase=TUNING&sort=bestValAccuracy,desc&size=3");
        assertThat(sorted.path("sort").asString()).isEqualTo("bestValAccuracy,desc");
        assertThat(number(sorted, "/items/0/bestValAccuracy"))
                .isGreaterThanOrEqualTo(number(sorted, "/items/1/bestValAccuracy"));
        assertThat(api.get("/api/v1/studies/" + id + "/trials?sort=password,asc")
                        .statusCode())
                .isEqualTo(400);

        assertReportConsistent(api.getJson("/api/v1/studies/" + id + "/report"), jdbc, id);
        HttpResponse<String> markdown = api.get("/api/v1/studies/" + id + "/report.md");
        assertThat(markdown.statusCode()).isEqualTo(200);
        assertThat(markdown.body())
                .contains("## Claims", "## Exploratory comparisons", "## Fairness checks", "## Search spaces", "adam");
    }

    private static void assertReportConsistent(JsonNode report, JdbcTemplate jdbc, long studyId) {
        assertThat(report.path("arms")).hasSize(2);
        for (JsonNode arm : report.path("arms")) {
            String name = arm.path("name").asString();
            List<Double> values = jdbc.queryForList(
                    "select case when t.status = 'SUCCEEDED' then t.best_val_accuracy else 0 end from trial t"
                            + " join arm a on a.id = t.arm_id where t.study_id = ? and a.name = ? and t.phase = 'TUNING'",
                    Double.class,
                    studyId,
                    name);
            JsonNode curve = arm.path("bestOfK");
            assertThat(curve).hasSize(values.size());
            double mean =
                    values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertThat(number(curve.get(0), "/expected")).isCloseTo(mean, within(1e-12));
            assertThat(number(curve.get(values.size() - 1), "/expected")).isCloseTo(max, within(1e-12));
            double previous = Double.NEGATIVE_INFINITY;
            for (JsonNode point : curve) {
                double expected = number(point, "/expected");
                assertThat(expected).isGreaterThanOrEqualTo(previous - 1e-12);
                // 4 trials per arm: below the 60 at which one arm's band was measured, so no band at any k.
                assertThat(point.path("low").isNull()).as("low at %s", point).isTrue();
                assertThat(point.path("high").isNull()).as("high at %s", point).isTrue();
                previous = expected;
            }
            JsonNode effort = arm.path("effort");
            assertThat(integer(effort, "/succeeded")
                            + integer(effort, "/diverged")
                            + integer(effort, "/failed")
                            + integer(effort, "/cancelled")
                            + integer(effort, "/unfinished"))
                    .isEqualTo(integer(effort, "/planned"))
                    .isEqualTo(4);
            assertThat(number(arm, "/best/bestValAccuracy")).isCloseTo(max, within(1e-12));
            JsonNode finalPhase = arm.path("finalPhase");
            assertThat(finalPhase.path("runs")).hasSize(2);
            JsonNode summary = finalPhase.path("summary");
            assertThat(number(summary, "/min"))
                    .isLessThanOrEqualTo(number(summary, "/median"))
                    .isLessThanOrEqualTo(number(summary, "/max"));
        }
        JsonNode comparison = report.path("comparisons").get(0);
        assertThat(comparison.path("candidate").asString()).isEqualTo("adam");
        assertThat(comparison.path("baseline").asString()).isEqualTo("nesterov");
        // 2 final seeds per arm are below Welch's measured minimum of 3: no final-phase difference is stated, and
        // the exploratory comparison falls back to the tuning trials at k = 1, without a verdict.
        assertThat(comparison.path("basis").asString()).isEqualTo("best_of_k");
        assertThat(comparison.path("outcome").asString()).isIn("EXPLORATORY", "INSUFFICIENT_DATA");
        if (comparison.path("outcome").asString().equals("EXPLORATORY")) {
            assertThat(number(comparison, "/lower"))
                    .isLessThanOrEqualTo(number(comparison, "/estimate"))
                    .isLessThanOrEqualTo(number(comparison, "/upper"));
            assertThat(comparison.path("text").asString())
                    .startsWith("exploratory: adam − nesterov")
                    .contains("no verdict");
        }
        assertThat(report.path("claims").path("size").asInt()).isZero();
        assertThat(report.path("fairnessChecks").findValuesAsString("name"))
                .contains(
                        "equal-budgets",
                        "same-workload",
                        "tuned-hyperparameters",
                        "search-space-boundaries",
                        "divergence",
                        "weight-decay-kind");
    }

    @Test
    void everyApiCallNeedsAToken() {
        TestApi anonymous = new TestApi(java.net.URI.create("http://127.0.0.1:" + port), null);
        HttpResponse<String> response = anonymous.get("/api/v1/studies");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(anonymous.withToken("ft_wrong").get("/api/v1/studies").statusCode())
                .isEqualTo(401);
    }
}
