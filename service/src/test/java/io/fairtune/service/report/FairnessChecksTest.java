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
import io.fairtune.service.trial.TrialStatus;
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
                byName(FairnessChecks.of(spec.workload().toWorkload(), StudyDesign.of(spec), List.of(nesterov, adamw)));
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

    @Test
    void trialsLostToInfrastructureAreShownButNotCharged() {
        ArmReport nesterov = withEffort(
                arm("nesterov", "COUPLED", List.of("learning_rate", "momentum"), 1.0, 0),
                new Effort(4, 3, 0, 0, 0, 1, 0, 3, 60, 1.0));
        ArmReport adamw = arm("adamw", "DECOUPLED", List.of("learning_rate", "weight_decay"), 1e-3, 0);
        FairnessCheck budgets = byName(
                        FairnessChecks.of(spec.workload().toWorkload(), StudyDesign.of(spec), List.of(nesterov, adamw)))
                .get("equal-budgets");
        assertThat(budgets.status()).isEqualTo("WARN");
        assertThat(budgets.message()).contains("nesterov 3/4 (1 lost to infrastructure, not charged)", "adamw 4/4");

        // Every arm lost one: the budgets spent are equal again, and the ledger still names the losses.
        ArmReport adamwLost = withEffort(adamw, new Effort(4, 3, 0, 0, 0, 1, 0, 3, 60, 1.0));
        FairnessCheck even = byName(FairnessChecks.of(
                        spec.workload().toWorkload(), StudyDesign.of(spec), List.of(nesterov, adamwLost)))
                .get("equal-budgets");
        assertThat(even.status()).isEqualTo("PASS");
        assertThat(even.message()).contains("adamw 3/4 (1 lost to infrastructure, not charged)");
        // A failure is the arm's own: charged, so 3 succeeded + 1 failed is the full budget.
        ArmReport adamwFailed = withEffort(adamw, new Effort(4, 3, 0, 1, 0, 0, 0, 0, 80, 1.0));
        assertThat(byName(FairnessChecks.of(
                                spec.workload().toWorkload(), StudyDesign.of(spec), List.of(nesterov, adamwFailed)))
                        .get("equal-budgets")
                        .status())
                .isEqualTo("WARN");
    }

    @Test
    void armsShortOfTheirPlannedFinalRunsAreNamed() {
        StudySpec threeSeeds = StudySpecParser.parse(SPEC.replace("\"seeds\": 0", "\"seeds\": 3"));
        ArmReport nesterov = withFinals(
                arm("nesterov", "COUPLED", List.of("learning_rate", "momentum"), 1.0, 0),
                "SUCCEEDED",
                "LOST",
                "SUCCEEDED",
                "SUCCEEDED");
        ArmReport adamw = withFinals(
                arm("adamw", "DECOUPLED", List.of("learning_rate", "weight_decay"), 1e-3, 0),
                "SUCCEEDED",
                "DIVERGED",
                "SUCCEEDED");
        FairnessCheck seeds = byName(FairnessChecks.of(
                        threeSeeds.workload().toWorkload(), StudyDesign.of(threeSeeds), List.of(nesterov, adamw)))
                .get("final-seeds");
        assertThat(seeds.status()).isEqualTo("WARN");
        assertThat(seeds.message())
                .contains("adamw 2 of 3 succeeded (1 diverged)")
                .doesNotContain("nesterov 3 of");

        ArmReport running = withFinals(adamw, "SUCCEEDED", "RUNNING", "SUCCEEDED");
        assertThat(byName(FairnessChecks.of(
                                threeSeeds.workload().toWorkload(),
                                StudyDesign.of(threeSeeds),
                                List.of(nesterov, running)))
                        .get("final-seeds")
                        .status())
                .isEqualTo("PASS");
        assertThat(byName(FairnessChecks.of(
                        spec.workload().toWorkload(),
                        StudyDesign.of(spec),
                        List.of(
                                arm("nesterov", "COUPLED", List.of(), 1.0, 0),
                                arm("adamw", "DECOUPLED", List.of(), 1e-3, 0)))))
                .doesNotContainKey("final-seeds");
    }

    private static ArmReport withEffort(ArmReport arm, Effort effort) {
        return new ArmReport(
                arm.name(),
                arm.optimizer(),
                arm.scheduleType(),
                arm.weightDecayKind(),
                arm.tunedHyperparameters(),
                arm.space(),
                effort,
                arm.best(),
                arm.bestOfK(),
                arm.finalPhase());
    }

    private static ArmReport withFinals(ArmReport arm, String... statuses) {
        List<Report.FinalRun> runs = java.util.stream.IntStream.range(0, statuses.length)
                .mapToObj(i -> new Report.FinalRun(
                        i, i, TrialStatus.valueOf(statuses[i]), statuses[i].equals("SUCCEEDED") ? 0.8 : null, null))
                .toList();
        return new ArmReport(
                arm.name(),
                arm.optimizer(),
                arm.scheduleType(),
                arm.weightDecayKind(),
                arm.tunedHyperparameters(),
                arm.space(),
                arm.effort(),
                arm.best(),
                arm.bestOfK(),
                new Report.FinalPhase(1, runs, null, null));
    }

    private static ArmReport arm(String name, String decay, List<String> tuned, double bestRate, int diverged) {
        Effort effort = new Effort(4, 4 - diverged, diverged, 0, 0, 0, 0, 0, 80, 1.0);
        BestTrial best = new BestTrial(1, 0, 0.8, null, Map.of("learning_rate", bestRate, "momentum", 0.9), List.of());
        return new ArmReport(name, name, "constant", decay, tuned, Map.of(), effort, best, List.of(), null);
    }

    private static Map<String, FairnessCheck> byName(List<FairnessCheck> checks) {
        return checks.stream().collect(java.util.stream.Collectors.toMap(FairnessCheck::name, c -> c));
    }
}
