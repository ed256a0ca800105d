package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A plugin optimizer is a first-class arm: with the example plugin's jar in the plugins directory of the service
 * (validation, planning, reports) and of its in-process slot (training), a study of nesterov, adam and signum runs
 * end to end, and the plugin's hyperparameters are checked and sampled as a built-in's are.
 */
@FairtuneTrainingTest
class PluginStudyEndToEndTest {

    private static final Path DATA_DIR = Path.of(FairtuneTrainingTest.DATA_DIR);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void theExampleJarIsBuilt() {
        Plugins.exampleJar();
    }

    @Test
    void aStudyOfNesterovAdamAndThePluginCompletesAndReportsThePluginArm() throws Exception {
        String spec = Specs.smoke()
                .trainingSteps(30)
                .trialsPerArm(2)
                .finalSeeds(1)
                .arm(Plugins.signumArm())
                .json();
        TestApi api = TestApi.local(port, DATA_DIR);
        HttpResponse<String> created = api.post("/api/v1/studies", spec);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = TestApi.json(created).path("summary").path("id").asLong();

        JsonNode finished = StudyWaits.untilFinished(api, id, Duration.ofMinutes(6));

        assertThat(finished.path("summary").path("status").asString()).isEqualTo("COMPLETED");
        List<Map<String, Object>> signum = jdbc.queryForList(
                "select t.phase, t.status, t.hyperparameters from trial t join arm a on a.id = t.arm_id"
                        + " where t.study_id = ? and a.optimizer = 'signum' order by t.id",
                id);
        assertThat(signum).extracting(row -> row.get("phase")).containsExactly("TUNING", "TUNING", "FINAL");
        assertThat(signum).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("SUCCEEDED"));
        // Defaults filled from the plugin's catalog entry, label_smoothing added as for every optimizer.
        JsonNode values = TestApi.JSON.readTree((String) signum.get(0).get("hyperparameters"));
        assertThat(values.path("weight_decay").isNumber()).isTrue();
        assertThat(values.path("exclude_bias_and_norm").isBoolean()).isTrue();
        assertThat(values.path("label_smoothing").isNumber()).isTrue();

        JsonNode report = api.getJson("/api/v1/studies/" + id + "/report");
        List<String> arms = new ArrayList<>();
        report.path("arms").forEach(arm -> arms.add(arm.path("optimizer").asString()));
        assertThat(arms).containsExactly("nesterov", "adam", "signum");
        JsonNode signumArm = report.path("arms").get(2);
        assertThat(signumArm.path("weightDecayKind").asString()).isEqualTo("DECOUPLED");
        assertThat(signumArm.path("tunedHyperparameters").toString()).isEqualTo("[\"learning_rate\",\"momentum\"]");
        assertThat(signumArm.path("best").path("bestValAccuracy").isNumber())
                .as(signumArm.toString())
                .isTrue();
        assertThat(signumArm.path("finalPhase").isObject()).isTrue();
        List<String> checks = new ArrayList<>();
        report.path("fairnessChecks")
                .forEach(check -> checks.add(check.path("name").asString()));
        assertThat(checks).contains("equal-budgets", "weight-decay-kind");
        assertThat(api.get("/api/v1/studies/" + id + "/report.md").body()).contains("signum");
    }

    @Test
    void thePluginsHyperparametersAreCheckedAgainstItsCatalog() {
        TestApi api = testApi();
        String outOfRange = Specs.smoke()
                .arm(Plugins.signumArm())
                .set("/arms/2/space/momentum", "max", "1.5")
                .set("/arms/2/schedule", "weight_decay", "-0.1")
                .set("/arms/2/space", "beta1", "{\"value\": 0.9}")
                .json();

        HttpResponse<String> response = api.post("/api/v1/studies/plan", outOfRange);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode errors = TestApi.json(response).path("errors");
        assertThat(errors.findValuesAsString("field"))
                .containsExactlyInAnyOrder(
                        "arms[2].space.momentum.max", "arms[2].schedule.weight_decay", "arms[2].space.beta1");
    }

    @Test
    void thePluginArmIsSampledAtTheSamePointsAsABuiltInArmWithTheSameSpace() {
        TestApi api = testApi();
        // nesterov's space is signum's: rate and momentum over the same ranges, so point i must be equal.
        String spec = Specs.smoke()
                .arm(Plugins.signumArm())
                .set("/arms/0/space", "learning_rate", "{\"min\": 1e-3, \"max\": 1e-2, \"scale\": \"log\"}")
                .json();

        JsonNode plan = TestApi.json(api.post("/api/v1/studies/plan", spec));

        Map<Integer, JsonNode> nesterov = new java.util.HashMap<>();
        Map<Integer, JsonNode> signum = new java.util.HashMap<>();
        plan.path("planned").forEach(trial -> {
            int index = trial.path("sampleIndex").asInt();
            if (trial.path("arm").asString().equals("nesterov")) {
                nesterov.put(index, trial);
            } else if (trial.path("arm").asString().equals("signum")) {
                signum.put(index, trial);
            }
        });
        assertThat(signum).hasSize(4).containsOnlyKeys(nesterov.keySet());
        signum.forEach((index, trial) -> {
            JsonNode twin = nesterov.get(index);
            assertThat(trial.path("seed").asString())
                    .isEqualTo(twin.path("seed").asString());
            for (String name : List.of("learning_rate", "momentum")) {
                assertThat(trial.path("hyperparameters").path(name).doubleValue())
                        .as("%s of sample %d", name, index)
                        .isEqualTo(twin.path("hyperparameters").path(name).doubleValue());
            }
        });
    }

    private TestApi testApi() {
        try {
            return TestApi.local(port, DATA_DIR);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
