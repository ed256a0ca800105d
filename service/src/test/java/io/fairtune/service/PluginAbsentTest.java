package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A service without the plugin (the shared API context has no plugins directory): a spec naming the plugin's
 * optimizer is refused like any unknown optimizer, and a study stored while the plugin was installed still reads,
 * reports and completes as stored.
 */
@FairtuneIntegrationTest
class PluginAbsentTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSpecNamingAnAbsentPluginIsAFieldError() throws Exception {
        TestApi api = TestApi.local(port, Path.of(FairtuneIntegrationTest.DATA_DIR));
        long before = jdbc.queryForObject("select count(*) from study", Long.class);

        HttpResponse<String> response = api.post(
                "/api/v1/studies", Specs.smoke().arm(Plugins.signumArm()).json());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode errors = TestApi.json(response).path("errors");
        assertThat(errors.findValuesAsString("field")).containsExactly("arms[2].optimizer");
        assertThat(errors.get(0).path("message").asString()).contains("signum").contains("nesterov");
        assertThat(jdbc.queryForObject("select count(*) from study", Long.class))
                .isEqualTo(before);
    }

    @Test
    void aStoredStudyOfAnAbsentPluginStillReportsAndCompletes() throws Exception {
        TestApi admin = TestApi.local(port, Path.of(FairtuneIntegrationTest.DATA_DIR));
        TestApi worker = admin.withToken(AttemptReports.workerToken());
        HttpResponse<String> created = admin.post(
                "/api/v1/studies", Specs.smoke().trialsPerArm(2).finalSeeds(1).json());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long study = TestApi.json(created).path("summary").path("id").asLong();
        // As if stored by a service that had the plugin: the adam arm becomes a signum arm.
        jdbc.update("update arm set optimizer = 'signum' where study_id = ? and name = 'adam'", study);

        AttemptReports.drive(
                jdbc,
                worker,
                study,
                "TUNING",
                (arm, index) -> AttemptReports.result("SUCCEEDED", 40, 0.8 + index / 100.0));
        AttemptReports.drive(jdbc, worker, study, "FINAL", (arm, index) -> AttemptReports.finalResult(40, 0.8));

        assertThat(jdbc.queryForObject("select status from study where id = ?", String.class, study))
                .isEqualTo("COMPLETED");
        JsonNode report = admin.getJson("/api/v1/studies/" + study + "/report");
        JsonNode signum = report.path("arms").get(1);
        assertThat(signum.path("optimizer").asString()).isEqualTo("signum");
        // Its kind came from the plugin's catalog entry, which this service does not have.
        assertThat(signum.path("weightDecayKind").asString()).isEqualTo("UNKNOWN");
        assertThat(signum.path("finalPhase").path("runs")).hasSize(1);
        HttpResponse<String> markdown = admin.get("/api/v1/studies/" + study + "/report.md");
        assertThat(markdown.statusCode()).isEqualTo(200);
        assertThat(markdown.body()).contains("signum");
        assertThat(admin.get("/api/v1/studies/" + study).statusCode()).isEqualTo(200);
    }
}
