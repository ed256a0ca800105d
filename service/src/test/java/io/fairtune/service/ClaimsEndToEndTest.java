package io.fairtune.service;

import static io.fairtune.service.AttemptReports.drive;
import static io.fairtune.service.JsonAssertions.number;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A study with two claims, one the data support and one they contradict, judged in the report over HTTP. The
 * worker is driven by hand so the final-phase accuracies are known: adam's five seeds score about 90%, nesterov's
 * about 80%.
 */
@FairtuneIntegrationTest
class ClaimsEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aClaimTheDataSupportPassesAndOneTheyContradictFails() throws Exception {
        TestApi admin = TestApi.local(port, Path.of(FairtuneIntegrationTest.DATA_DIR));
        TestApi worker = admin.withToken(AttemptReports.workerToken());
        String spec = Specs.smoke()
                .trialsPerArm(2)
                .finalSeeds(5)
                .set("", "claims", """
                        [{"candidate": "adam", "baseline": "nesterov", "kind": "non_inferior", "margin": 0.01,
                          "basis": "final_phase"},
                         {"candidate": "nesterov", "baseline": "adam", "kind": "superior", "basis": "final_phase"}]
                        """)
                .json();
        HttpResponse<String> created = admin.post("/api/v1/studies", spec);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long study = TestApi.json(created).path("summary").path("id").asLong();

        drive(jdbc, worker, study, "TUNING", (arm, i) -> AttemptReports.result("SUCCEEDED", 40, 0.7 + 0.01 * i));
        drive(
                jdbc,
                worker,
                study,
                "FINAL",
                (arm, i) ->
                        AttemptReports.finalResult(40, (arm.equals("adam") ? 0.90 : 0.80) + 0.004 * ((i * 7) % 5 - 2)));
        assertThat(jdbc.queryForObject("select status from study where id = ?", String.class, study))
                .isEqualTo("COMPLETED");

        JsonNode report = admin.getJson("/api/v1/studies/" + study + "/report");
        JsonNode claims = report.path("claims");
        assertThat(claims.path("size").asInt()).isEqualTo(2);
        assertThat(claims.path("text").asString()).contains("Family-wise 95% over 2 claims", "Holm");
        JsonNode pass = claims.path("results").get(0);
        assertThat(pass.path("outcome").asString()).isEqualTo("PASS");
        assertThat(number(pass, "/estimate")).isCloseTo(0.10, org.assertj.core.data.Offset.offset(0.005));
        assertThat(number(pass, "/lower")).isGreaterThan(-0.01);
        assertThat(pass.path("text").asString())
                .startsWith("adam is not worse than nesterov by more than 1.0 points: +10.0 [")
                .contains("→ PASS", "5 vs 5");
        JsonNode fail = claims.path("results").get(1);
        assertThat(fail.path("outcome").asString()).isEqualTo("FAIL");
        assertThat(number(fail, "/upper")).isLessThan(0);
        assertThat(report.path("comparisons")).isEmpty();

        String markdown = admin.get("/api/v1/studies/" + study + "/report.md").body();
        assertThat(markdown).contains("## Claims", "**PASS**", "**FAIL**", "Family-wise 95% over 2 claims");
    }
}
