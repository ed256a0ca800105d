package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairtune.contract.catalog.OptimizerCatalog;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A study with every optimizer of the catalog as an arm runs end to end through the in-process slot. */
@FairtuneTrainingTest
class AllOptimizersStudyTest {

    private static final Path DATA_DIR = Path.of(FairtuneTrainingTest.DATA_DIR);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyOptimizerTrainsAsAnArm() throws Exception {
        List<String> optimizers = OptimizerCatalog.names();
        assertThat(optimizers)
                .containsExactlyInAnyOrder("sgd", "heavy_ball", "nesterov", "adam", "adamw", "lars", "lamb");
        String arms = optimizers.stream().map(AllOptimizersStudyTest::arm).collect(Collectors.joining(",\n"));
        String spec = """
                {
                  "name": "all-optimizers",
                  "workload": {
                    "dataset": "synthetic", "model": "mlp", "batchSize": 128,
                    "trainingSteps": 30, "evalEverySteps": 10,
                    "target": { "metric": "val_accuracy", "value": 0.5 }
                  },
                  "search": { "algorithm": "quasi_random", "seed": 3 },
                  "budget": { "trialsPerArm": 2, "maxParallelTrials": 4 },
                  "finalEvaluation": { "seeds": 0 },
                  "arms": [%s]
                }
                """.formatted(arms);
        TestApi api = TestApi.local(port, DATA_DIR);
        HttpResponse<String> created = api.post("/api/v1/studies", spec);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = TestApi.json(created).path("summary").path("id").asLong();

        StudyWaits.untilFinished(api, id, Duration.ofMinutes(6));

        List<Map<String, Object>> rows = jdbc.queryForList(
                "select a.optimizer, t.status, t.best_val_accuracy from trial t join arm a on a.id = t.arm_id"
                        + " where t.study_id = ?",
                id);
        assertThat(rows).hasSize(14);
        assertThat(rows.stream().map(r -> r.get("optimizer")).distinct()).hasSize(7);
        // Rates are sampled from ranges each optimizer trains in; none of these may fail with an error.
        assertThat(rows).allSatisfy(row -> assertThat(row.get("status")).isIn("SUCCEEDED", "DIVERGED"));
        assertThat(rows.stream()
                        .filter(r -> "SUCCEEDED".equals(r.get("status")))
                        .count())
                .isGreaterThanOrEqualTo(10);
    }

    private static String arm(String optimizer) {
        String rate = switch (optimizer) {
            case "adam", "adamw", "lamb" -> "{ \"min\": 1e-3, \"max\": 1e-2, \"scale\": \"log\" }";
            case "lars" -> "{ \"min\": 1.0, \"max\": 10.0, \"scale\": \"log\" }";
            default -> "{ \"min\": 0.05, \"max\": 0.5, \"scale\": \"log\" }";
        };
        return """
                {
                  "name": "%s",
                  "optimizer": "%s",
                  "schedule": { "type": "warmup_cosine_decay", "warmup_fraction": 0.1 },
                  "space": { "learning_rate": %s }
                }
                """.formatted(optimizer.replace('_', '-'), optimizer, rate);
    }
}
