package io.fairtune.service.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fairtune.service.report.Report.ArmReport;
import io.fairtune.service.report.Report.BestTrial;
import io.fairtune.service.report.Report.Effort;
import io.fairtune.service.report.Report.FairnessCheck;
import io.fairtune.service.spec.ParameterSpace;
import io.fairtune.service.spec.StudySpec;
import io.fairtune.service.spec.StudySpecParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FairnessChecksTest {

    private static final String SPEC = """
            {
              "name": "checks",
              "workload": { "dataset": "synthetic", "model": "mlp", "batchSize": 64, "trainingSteps": 20,
                            "evalEverySteps": 10, "target": { "metric": "val_accuracy", "value": 0.8 } },
              "search": { "algorithm": "quasi_random", "seed": 1 },
              "budget": { "trialsPerArm": 4, "maxParallelTrials": 1 },
              "finalEvaluation": { "seeds": 0 },
              "arms": [
                { "name": "nesterov", "optimizer": "nesterov", "schedule": { "type": "constant" },
                  "space": { "learning_rate": { "min": 0.01, "max": 10.0, "scale": "log" },
                             "momentum": { "min": 0.8, "max": 0.99, "scale": "one_minus_log" } } },
                { "name": "adamw", "optimizer": "adamw", "schedule": { "type": "constant" },
                  "space": { "learning_rate": { "min": 1e-4, "max": 1e-2, "scale": "log" },
                             "weight_decay": { "min": 1e-4, "max": 1e-1, "scale": "log" } } }
              ]
            }
            """;

    private final StudySpec spec = StudySpecParser.parse(SPEC);

    @Test
    void positionIsMeasuredInTheRangesOwnScale() {
        ParameterSpace.Range log = new ParameterSpace.Range(0.01, 10.0, ParameterSpace.Scale.LOG);
        assertThat(FairnessChecks.position(log, 0.1)).isCloseTo(1.0 / 3, within(1e-12));
        ParameterSpace.Range oneMinus = new ParameterSpace.Range(0.9, 0.999, ParameterSpace.Scale.ONE_MINUS_LOG);
        assertThat(FairnessChecks.position(oneMinus, 0.99)).isCloseTo(0.5, within(1e-12));
        ParameterSpace.Range linear = new ParameterSpace.Range(0, 0.3, ParameterSpace.Scale.LINEAR);
        assertThat(FairnessChecks.position(linear, 0.03)).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void aBestPointAtTheEdgeOfItsRangeAndMostlyDivergedArmsAreWarnedAbout() {
        ArmReport nesterov = arm("nesterov", "COUPLED", List.of("learning_rate", "momentum"), 9.5, 3);
        ArmReport adamw = arm("adamw", "DECOUPLED", List.of("learning_rate", "weight_decay"), 1e-3, 0);
        Map<String, FairnessCheck> checks =
                byName(FairnessChecks.of(spec.workload().toWorkload(), spec, List.of(nesterov, adamw)));
        assertThat(checks.get("search-space-boundaries").status()).isEqualTo("WARN");
        assertThat(checks.get("search-space-boundaries").message())
                .contains("nesterov", "learning_rate", "upper bound 10.00")
                .doesNotContain("adamw");
        assertThat(checks.get("divergence").status()).isEqualTo("WARN");
        assertThat(checks.get("divergence").message()).contains("nesterov (3 of 4 diverged)");
        assertThat(checks.get("tuned-hyperparameters").status()).isEqualTo("PASS");
        assertThat(checks.get("equal-budgets").status()).isEqualTo("PASS");
        // adamw tunes a decoupled decay; nesterov applies none, so the kinds differ.
        assertThat(checks.get("weight-decay-kind").status()).isEqualTo("WARN");
        assertThat(checks.get("weight-decay-kind").message()).contains("adamw decoupled vs nesterov none");
    }

    @Test
    void armsThatApplyNoWeightDecayAreNotWarnedAbout() {
        assertThat(FairnessChecks.appliesWeightDecay(spec.arm("nesterov").orElseThrow()))
                .isFalse();
        assertThat(FairnessChecks.appliesWeightDecay(spec.arm("adamw").orElseThrow()))
                .isTrue();
    }

    private static ArmReport arm(String name, String decay, List<String> tuned, double bestRate, int diverged) {
        Effort effort = new Effort(4, 4 - diverged, diverged, 0, 0, 0, 0, 80, 1.0);
        BestTrial best = new BestTrial(1, 0, 0.8, null, Map.of("learning_rate", bestRate, "momentum", 0.9), List.of());
        return new ArmReport(name, name, "constant", decay, tuned, Map.of(), effort, best, List.of(), null);
    }

    private static Map<String, FairnessCheck> byName(List<FairnessCheck> checks) {
        return checks.stream().collect(java.util.stream.Collectors.toMap(FairnessCheck::name, c -> c));
    }
}
