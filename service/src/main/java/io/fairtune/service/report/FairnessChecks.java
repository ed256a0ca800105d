package io.fairtune.service.report;

import io.fairtune.contract.catalog.Workload;
import io.fairtune.service.report.Report.ArmReport;
import io.fairtune.service.report.Report.Effort;
import io.fairtune.service.report.Report.FairnessCheck;
import io.fairtune.service.spec.ArmSpec;
import io.fairtune.service.spec.ParameterSpace;
import io.fairtune.service.spec.StudySpec;
import io.fairtune.service.trial.TrialStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The checks that tell whether a comparison was fair: equal budgets, one workload, comparable search
 * spaces, best points away from the edges, few divergences, and comparable weight decay.
 */
final class FairnessChecks {

    /** A best point closer than this (as a fraction of the range, in its scale) to an edge suggests widening. */
    static final double BOUNDARY_FRACTION = 0.05;

    private FairnessChecks() {}

    static List<FairnessCheck> of(Workload workload, StudyDesign design, List<ArmReport> arms) {
        List<FairnessCheck> checks = new ArrayList<>();
        checks.add(equalBudgets(arms));
        checks.add(sameWorkload(workload));
        checks.add(tunedHyperparameters(arms));
        checks.add(boundaries(design, arms));
        checks.add(divergence(arms));
        checks.add(weightDecay(design, arms));
        FairnessCheck finalSeeds = finalSeeds(design.finalSeeds(), arms);
        if (finalSeeds != null) {
            checks.add(finalSeeds);
        }
        return checks;
    }

    /**
     * Budgets are compared on the charged trials (failures counted); trials lost to infrastructure are not charged,
     * so an arm that lost some explored fewer points, and the check says so by name.
     */
    private static FairnessCheck equalBudgets(List<ArmReport> arms) {
        String ledger = arms.stream()
                .map(arm -> {
                    Effort e = arm.effort();
                    return arm.name() + " " + e.charged() + "/" + e.planned()
                            + (e.lost() > 0 ? " (" + e.lost() + " lost to infrastructure, not charged)" : "");
                })
                .collect(Collectors.joining(", "));
        if (arms.stream().map(a -> a.effort().planned()).distinct().count() > 1) {
            return FairnessCheck.warn("equal-budgets", "arms planned different numbers of trials: " + ledger);
        }
        if (arms.stream().map(a -> a.effort().charged()).distinct().count() > 1
                || arms.stream().map(a -> a.effort().lost()).distinct().count() > 1) {
            return FairnessCheck.warn(
                    "equal-budgets",
                    "arms spent different budgets (failures counted, trials lost to infrastructure not): " + ledger);
        }
        return FairnessCheck.pass("equal-budgets", "every arm spent the same budget (failures counted): " + ledger);
    }

    /**
     * Once the final phase has run, every arm should have its planned number of re-trained seeds. Lost runs are
     * replaced by fresh seeds; an arm still short (or with none) is named.
     */
    private static FairnessCheck finalSeeds(int planned, List<ArmReport> arms) {
        if (arms.stream().allMatch(a -> a.finalPhase() == null)) {
            return null;
        }
        List<String> counts = new ArrayList<>();
        List<String> shortfalls = new ArrayList<>();
        boolean running = false;
        for (ArmReport arm : arms) {
            if (arm.finalPhase() == null) {
                shortfalls.add(arm.name() + " has no final runs (no successful tuning trial)");
                continue;
            }
            Map<TrialStatus, Long> byStatus = arm.finalPhase().runs().stream()
                    .collect(Collectors.groupingBy(Report.FinalRun::status, Collectors.counting()));
            long succeeded = byStatus.getOrDefault(TrialStatus.SUCCEEDED, 0L);
            running |=
                    arm.finalPhase().runs().stream().anyMatch(r -> !r.status().finished());
            counts.add(arm.name() + " " + succeeded + "/" + planned);
            if (succeeded < planned) {
                String others = byStatus.entrySet().stream()
                        .filter(e -> e.getKey() != TrialStatus.SUCCEEDED)
                        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT))
                        .sorted()
                        .collect(Collectors.joining(", "));
                shortfalls.add(arm.name() + " " + succeeded + " of " + planned + " succeeded"
                        + (others.isEmpty() ? "" : " (" + others + ")"));
            }
        }
        if (running) {
            return FairnessCheck.pass("final-seeds", "final phase running: " + String.join(", ", counts));
        }
        return shortfalls.isEmpty()
                ? FairnessCheck.pass(
                        "final-seeds",
                        "every arm re-trained its best point with all its seeds: " + String.join(", ", counts))
                : FairnessCheck.warn(
                        "final-seeds",
                        "arms have fewer final-phase results than planned: " + String.join("; ", shortfalls));
    }

    private static FairnessCheck sameWorkload(Workload w) {
        return FairnessCheck.pass(
                "same-workload",
                "every arm trained " + w.model() + " on " + w.dataset() + ", batch " + w.batchSize() + ", "
                        + w.trainingSteps() + " steps, evaluated every " + w.evalEverySteps() + " steps");
    }

    private static FairnessCheck tunedHyperparameters(List<ArmReport> arms) {
        String counts = arms.stream()
                .map(a -> a.name() + " " + a.tunedHyperparameters().size() + " " + a.tunedHyperparameters())
                .collect(Collectors.joining(", "));
        long distinct = arms.stream()
                .mapToInt(a -> a.tunedHyperparameters().size())
                .distinct()
                .count();
        return distinct > 1
                ? FairnessCheck.warn(
                        "tuned-hyperparameters",
                        "arms tune different numbers of hyperparameters with the same budget: " + counts)
                : FairnessCheck.pass("tuned-hyperparameters", "tuned per arm: " + counts);
    }

    private static FairnessCheck boundaries(StudyDesign design, List<ArmReport> arms) {
        List<String> near = new ArrayList<>();
        for (ArmReport arm : arms) {
            ArmSpec armSpec = design.arm(arm.name()).orElse(null);
            if (arm.best() == null || armSpec == null) {
                continue;
            }
            for (Map.Entry<String, ParameterSpace> entry : armSpec.space().entrySet()) {
                if (!(entry.getValue() instanceof ParameterSpace.Range range)
                        || !(arm.best().hyperparameters().get(entry.getKey()) instanceof Number value)) {
                    continue;
                }
                double u = position(range, value.doubleValue());
                if (u < BOUNDARY_FRACTION || u > 1 - BOUNDARY_FRACTION) {
                    near.add(arm.name() + ": best " + entry.getKey() + " = " + format(value.doubleValue())
                            + " lies within 5% of the "
                            + (u < 0.5 ? "lower bound " + format(range.min()) : "upper bound " + format(range.max()))
                            + " (" + range.scale().specName() + " scale); widen the range");
                }
            }
        }
        return near.isEmpty()
                ? FairnessCheck.pass("search-space-boundaries", "every best point lies inside its ranges")
                : FairnessCheck.warn("search-space-boundaries", String.join("; ", near));
    }

    /** Where a value sits in its range, 0 at min and 1 at max, measured in the range's own scale. */
    static double position(ParameterSpace.Range range, double value) {
        return switch (range.scale()) {
            case LINEAR -> (value - range.min()) / (range.max() - range.min());
            case LOG -> (Math.log(value) - Math.log(range.min())) / (Math.log(range.max()) - Math.log(range.min()));
            case ONE_MINUS_LOG ->
                (Math.log1p(-value) - Math.log1p(-range.min())) / (Math.log1p(-range.max()) - Math.log1p(-range.min()));
        };
    }

    private static FairnessCheck divergence(List<ArmReport> arms) {
        List<String> unstable = new ArrayList<>();
        for (ArmReport arm : arms) {
            Effort e = arm.effort();
            int finished = e.succeeded() + e.diverged() + e.failed();
            if (finished > 0 && e.diverged() * 2 > finished) {
                unstable.add(arm.name() + " (" + e.diverged() + " of " + finished + " diverged)");
            }
        }
        return unstable.isEmpty()
                ? FairnessCheck.pass("divergence", "no arm diverged in more than half of its trials")
                : FairnessCheck.warn(
                        "divergence",
                        "more than half of the trials diverged: " + String.join(", ", unstable)
                                + "; the search space may be too aggressive for this arm");
    }

    private static FairnessCheck weightDecay(StudyDesign design, List<ArmReport> arms) {
        Map<String, String> kinds = new LinkedHashMap<>();
        for (ArmReport arm : arms) {
            boolean decays = design.arm(arm.name())
                    .map(FairnessChecks::appliesWeightDecay)
                    .orElse(false);
            kinds.put(arm.name(), decays ? arm.weightDecayKind() : "NONE");
        }
        List<String> differing = new ArrayList<>();
        for (StudySpec.Comparison pair : design.comparisons()) {
            String candidate = kinds.get(pair.candidate());
            String baseline = kinds.get(pair.baseline());
            if (candidate != null && !candidate.equals(baseline)) {
                differing.add(pair.candidate() + " " + candidate.toLowerCase() + " vs " + pair.baseline() + " "
                        + String.valueOf(baseline).toLowerCase());
            }
        }
        return differing.isEmpty()
                ? FairnessCheck.pass(
                        "weight-decay-kind", "compared arms apply weight decay the same way (or not at all)")
                : FairnessCheck.warn(
                        "weight-decay-kind",
                        "weight decay differs between compared arms (values are not comparable across kinds): "
                                + String.join("; ", differing));
    }

    /** Whether any point of the arm can have a non-zero weight decay (the catalog default is 0). */
    static boolean appliesWeightDecay(ArmSpec arm) {
        ParameterSpace space = arm.space().get("weight_decay");
        if (space == null) {
            return arm.schedule().settings().get("weight_decay") instanceof Number n && n.doubleValue() > 0;
        }
        if (space instanceof ParameterSpace.Range range) {
            return range.max() > 0;
        }
        if (space instanceof ParameterSpace.Choice choice) {
            return choice.values().stream().anyMatch(v -> v instanceof Number n && n.doubleValue() > 0);
        }
        return ((ParameterSpace.Fixed) space).value() instanceof Number n && n.doubleValue() > 0;
    }

    private static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.4g", value);
    }
}
