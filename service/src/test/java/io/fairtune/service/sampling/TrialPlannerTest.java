package io.fairtune.service.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.fairtune.service.spec.StudySpec;
import io.fairtune.service.spec.StudySpecParser;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrialPlannerTest {

    private static final String SPEC = """
            {
              "name": "planner-test",
              "workload": {
                "dataset": "synthetic", "model": "mlp", "batchSize": 128,
                "trainingSteps": 40, "evalEverySteps": 10,
                "target": { "metric": "val_accuracy", "value": 0.8 }
              },
              "search": { "algorithm": "%s", "seed": 17 },
              "budget": { "trialsPerArm": 12, "maxParallelTrials": 2 },
              "finalEvaluation": { "seeds": 4 },
              "arms": [
                {
                  "name": "nesterov",
                  "optimizer": "nesterov",
                  "schedule": { "type": "warmup_polynomial_decay", "decay_power": 2.0 },
                  "space": {
                    "learning_rate": { "min": 0.01, "max": 1.0, "scale": "log" },
                    "momentum": { "min": 0.8, "max": 0.99, "scale": "one_minus_log" },
                    "warmup_fraction": { "value": 0.1 }
                  }
                },
                {
                  "name": "lamb",
                  "optimizer": "lamb",
                  "schedule": { "type": "warmup_cosine_decay", "warmup_steps": 4 },
                  "space": {
                    "learning_rate": { "min": 1e-4, "max": 0.1, "scale": "log" },
                    "beta1": { "min": 0.8, "max": 0.95, "scale": "one_minus_log" },
                    "weight_decay": { "min": 0.0, "max": 0.1, "scale": "linear" },
                    "exclude_bias_and_norm": { "values": [true, false] },
                    "epsilon": { "value": 1e-8 }
                  }
                },
                {
                  "name": "sgd-fixed",
                  "optimizer": "sgd",
                  "schedule": { "type": "constant", "learning_rate": 0.5 }
                }
              ]
            }
            """;

    private static StudySpec spec(String algorithm) {
        return StudySpecParser.parse(SPEC.formatted(algorithm));
    }

    @Test
    void plansTrialsPerArmForEveryArmBySampleIndexThenArm() {
        List<PlannedTrial> plan = TrialPlanner.plan(spec("quasi_random"));

        assertThat(plan).hasSize(36);
        for (int i = 0; i < 12; i++) {
            assertThat(plan.subList(3 * i, 3 * i + 3))
                    .extracting(PlannedTrial::arm, PlannedTrial::sampleIndex)
                    .containsExactly(tuple("nesterov", i), tuple("lamb", i), tuple("sgd-fixed", i));
        }
        Set<String> keys =
                plan.stream().map(t -> t.arm() + "#" + t.sampleIndex()).collect(Collectors.toSet());
        assertThat(keys).hasSize(36);
    }

    @Test
    void sameSampleIndexTrainsWithTheSameSeedInEveryArm() {
        StudySpec spec = spec("quasi_random");
        List<PlannedTrial> plan = TrialPlanner.plan(spec);

        Map<Integer, Set<Long>> seedsByIndex = plan.stream()
                .collect(Collectors.groupingBy(
                        PlannedTrial::sampleIndex, Collectors.mapping(PlannedTrial::seed, Collectors.toSet())));
        assertThat(seedsByIndex)
                .hasSize(12)
                .allSatisfy((index, seeds) -> assertThat(seeds).containsExactly(TrialSeeds.tuning(17, index)));
        assertThat(seedsByIndex.values().stream().flatMap(Set::stream).distinct())
                .hasSize(12);
    }

    @Test
    void fillsEveryEffectiveValueInCatalogOrder() {
        List<PlannedTrial> plan = TrialPlanner.plan(spec("quasi_random"));

        PlannedTrial nesterov = plan.get(0);
        assertThat(nesterov.hyperparameters().asMap().keySet())
                .containsExactly(
                        "learning_rate",
                        "momentum",
                        "weight_decay",
                        "exclude_bias_and_norm",
                        "label_smoothing",
                        "warmup_fraction",
                        "warmup_power",
                        "decay_power",
                        "end_lr_factor");
        assertThat(nesterov.hyperparameters().asMap())
                .containsEntry("weight_decay", 0.0)
                .containsEntry("exclude_bias_and_norm", false)
                .containsEntry("label_smoothing", 0.0)
                .containsEntry("warmup_fraction", 0.1)
                .containsEntry("warmup_power", 1.0)
                .containsEntry("decay_power", 2.0)
                .containsEntry("end_lr_factor", 0.0)
                .doesNotContainKey("warmup_steps");

        PlannedTrial lamb = plan.get(1);
        assertThat(lamb.hyperparameters().asMap().keySet())
                .containsExactly(
                        "learning_rate",
                        "beta1",
                        "beta2",
                        "epsilon",
                        "weight_decay",
                        "exclude_bias_and_norm",
                        "label_smoothing",
                        "warmup_fraction",
                        "warmup_steps",
                        "end_lr_factor");
        assertThat(lamb.hyperparameters().asMap())
                .containsEntry("beta2", 0.999)
                .containsEntry("epsilon", 1e-8)
                .containsEntry("warmup_steps", 4.0);

        PlannedTrial sgd = plan.get(2);
        assertThat(sgd.hyperparameters().asMap())
                .containsExactly(
                        Map.entry("learning_rate", 0.5),
                        Map.entry("weight_decay", 0.0),
                        Map.entry("exclude_bias_and_norm", false),
                        Map.entry("label_smoothing", 0.0),
                        Map.entry("warmup_fraction", 0.0));
    }

    @Test
    void sampledValuesStayInTheirRangesAndVary() {
        for (String algorithm : List.of("quasi_random", "random")) {
            List<PlannedTrial> plan = TrialPlanner.plan(spec(algorithm));
            List<Map<String, Object>> lamb = plan.stream()
                    .filter(t -> t.arm().equals("lamb"))
                    .map(t -> t.hyperparameters().asMap())
                    .toList();
            for (Map<String, Object> values : lamb) {
                assertThat((Double) values.get("learning_rate")).isBetween(1e-4, 0.1);
                assertThat((Double) values.get("beta1")).isBetween(0.8, 0.95);
                assertThat((Double) values.get("weight_decay")).isBetween(0.0, 0.1);
                assertThat(values.get("exclude_bias_and_norm")).isIn(true, false);
            }
            assertThat(lamb.stream().map(v -> v.get("learning_rate")).distinct())
                    .hasSize(12);
            assertThat(lamb.stream().map(v -> v.get("exclude_bias_and_norm")).distinct())
                    .containsExactlyInAnyOrder(true, false);
            // The fixed arm has no dimension: every trial trains the same values, with its sample's seed.
            assertThat(plan.stream()
                            .filter(t -> t.arm().equals("sgd-fixed"))
                            .map(t -> t.hyperparameters().asMap())
                            .distinct())
                    .hasSize(1);
        }
    }

    @Test
    void sampleIndexIMeansTheSamePointInEveryArm() {
        List<PlannedTrial> plan = TrialPlanner.plan(spec("quasi_random"));

        for (int i = 0; i < 12; i++) {
            Map<String, Object> nesterov = plan.get(3 * i).hyperparameters().asMap();
            Map<String, Object> lamb = plan.get(3 * i + 1).hyperparameters().asMap();
            // Dimension 0 is learning_rate in both arms and dimension 1 momentum resp. beta1.
            assertThat(logPosition((Double) nesterov.get("learning_rate"), 0.01, 1.0))
                    .isCloseTo(logPosition((Double) lamb.get("learning_rate"), 1e-4, 0.1), within(1e-9));
            assertThat(logPosition(1 - (Double) nesterov.get("momentum"), 0.2, 0.01))
                    .isCloseTo(logPosition(1 - (Double) lamb.get("beta1"), 0.2, 0.05), within(1e-9));
        }
    }

    @Test
    void isDeterministicAndDependsOnTheSeed() {
        StudySpec spec = spec("quasi_random");
        StudySpec otherSeed =
                StudySpecParser.parse(SPEC.formatted("quasi_random").replace("\"seed\": 17", "\"seed\": 18"));

        assertThat(TrialPlanner.plan(spec)).isEqualTo(TrialPlanner.plan(spec));
        assertThat(TrialPlanner.plan(otherSeed).get(0).hyperparameters().asMap())
                .isNotEqualTo(TrialPlanner.plan(spec).get(0).hyperparameters().asMap());
        assertThat(TrialPlanner.plan(spec("random")).get(0).hyperparameters().asMap())
                .isNotEqualTo(TrialPlanner.plan(spec).get(0).hyperparameters().asMap());
    }

    @Test
    void finalSeedsAreFreshAndShared() {
        StudySpec spec = spec("quasi_random");
        long[] finalSeeds = TrialPlanner.finalSeeds(spec);

        assertThat(finalSeeds).hasSize(4).doesNotHaveDuplicates();
        assertThat(TrialPlanner.finalSeeds(spec)).containsExactly(finalSeeds);
        Set<Long> tuningSeeds = new HashSet<>();
        TrialPlanner.plan(spec).forEach(t -> tuningSeeds.add(t.seed()));
        assertThat(Arrays.stream(finalSeeds).boxed()).doesNotContainAnyElementsOf(tuningSeeds);
        // Distinct by construction, not by luck: disjoint positions of one bijective stream.
        Set<Long> many = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(TrialSeeds.tuning(17, i));
            many.add(TrialSeeds.finalEvaluation(17, i));
        }
        assertThat(many).hasSize(20_000);
    }

    @Test
    void hyperparameterMapsAreImmutable() {
        PlannedTrial trial = TrialPlanner.plan(spec("random")).get(0);

        assertThatThrownBy(() -> trial.hyperparameters().asMap().put("x", 1.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static double logPosition(double x, double min, double max) {
        return Math.log(x / min) / Math.log(max / min);
    }
}
