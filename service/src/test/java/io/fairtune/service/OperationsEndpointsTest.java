package io.fairtune.service;

import static io.fairtune.service.AttemptReports.claim;
import static io.fairtune.service.AttemptReports.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The operations endpoints: probes anyone may call (state only), and Prometheus metrics behind a token that count
 * what the attempt protocol did: a claim, a claim that superseded it (a lost attempt), the stale report that
 * followed (fenced), the report computation.
 */
@FairtuneIntegrationTest
class OperationsEndpointsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void probesArePublicAndTellTheDatabaseAndTheSchedulersApart() throws Exception {
        TestApi anonymous =
                TestApi.local(port, Path.of(FairtuneIntegrationTest.DATA_DIR)).withToken(null);
        HttpResponse<String> readiness = anonymous.get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        JsonNode ready = TestApi.json(readiness);
        assertThat(ready.path("status").asString()).isEqualTo("UP");
        for (String component : new String[] {"db", "quartz", "schedules", "readinessState"}) {
            assertThat(ready.at("/components/" + component + "/status").asString())
                    .as(component)
                    .isEqualTo("UP");
        }
        assertThat(readiness.body()).as("no details for the public").doesNotContain("PostgreSQL", "jobGroups");
        assertThat(anonymous.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/metrics").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/env").statusCode())
                .as("not exposed, and denied")
                .isIn(401, 403, 404);
    }

    @Test
    void prometheusCountsStartedLostAndFencedAttemptsForAnAdminOrAViewer() throws Exception {
        TestApi admin = TestApi.local(port, Path.of(FairtuneIntegrationTest.DATA_DIR));
        TestApi worker = admin.withToken(AttemptReports.workerToken());
        assertThat(worker.get("/actuator/prometheus").statusCode()).isEqualTo(403);
        String before = metrics(admin);

        HttpResponse<String> created =
                admin.post("/api/v1/studies", Specs.smoke().json());
        long study = TestApi.json(created).path("summary").path("id").asLong();
        long trial = jdbc.queryForObject(
                "select min(id) from trial where study_id = ? and status = 'QUEUED'", Long.class, study);
        assertThat(claim(worker, trial, "ops-node/slot-1").statusCode()).isEqualTo(201);
        // Its running attempt shows a heartbeat age (gauges refresh every second in this context).
        awaitSeries(admin, "fairtune_worker_heartbeat_age_seconds{worker=\"ops-node/slot-1\"}");
        // The same trial claimed again: the first attempt is superseded (lost), and its late report is fenced.
        assertThat(claim(worker, trial, "ops-node/slot-2").statusCode()).isEqualTo(201);
        assertThat(worker.post(path(trial, 1, "heartbeat"), "").statusCode()).isEqualTo(409);
        assertThat(worker.post(path(trial, 2, "result"), AttemptReports.result("SUCCEEDED", 40, 0.8))
                        .statusCode())
                .isEqualTo(204);
        assertThat(admin.get("/api/v1/studies/" + study + "/report").statusCode())
                .isEqualTo(200);

        String after = metrics(admin);
        assertThat(value(after, "fairtune_attempts_started_total") - value(before, "fairtune_attempts_started_total"))
                .isEqualTo(2);
        assertThat(value(after, "fairtune_attempts_lost_total{reason=\"superseded\"}")
                        - value(before, "fairtune_attempts_lost_total{reason=\"superseded\"}"))
                .isEqualTo(1);
        assertThat(value(after, "fairtune_attempts_fenced_total") - value(before, "fairtune_attempts_fenced_total"))
                .isEqualTo(1);
        assertThat(value(after, "fairtune_attempt_duration_seconds_count{status=\"SUCCEEDED\"}")
                        - value(before, "fairtune_attempt_duration_seconds_count{status=\"SUCCEEDED\"}"))
                .isEqualTo(1);
        assertThat(value(after, "fairtune_report_duration_seconds_count")
                        - value(before, "fairtune_report_duration_seconds_count"))
                .isGreaterThanOrEqualTo(1);

        // The gauges come from the database, refreshed every second in this context.
        String gauges = awaitSeries(
                admin,
                "fairtune_queue_depth{study=\"" + study + "\"}",
                "fairtune_worker_samples_per_second{worker=\"ops-node/slot-2\"}");
        assertThat(value(gauges, "fairtune_trials{phase=\"TUNING\",status=\"SUCCEEDED\"}"))
                .isGreaterThanOrEqualTo(1);
        TestApi viewer =
                admin.withToken(AttemptReports.createToken(admin, "viewer").secret());
        assertThat(viewer.get("/actuator/prometheus").statusCode()).isEqualTo(200);
        admin.post("/api/v1/studies/" + study + "/cancel", "");
    }

    private static String awaitSeries(TestApi api, String... series) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String text = metrics(api);
            if (java.util.Arrays.stream(series).allMatch(text::contains)) {
                return text;
            }
            assertThat(System.nanoTime()).as(text).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static String metrics(TestApi api) {
        HttpResponse<String> response = api.get("/actuator/prometheus");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** A sample's value in the Prometheus text format; 0 when the series does not exist yet. */
    private static double value(String text, String series) {
        Matcher matcher =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
