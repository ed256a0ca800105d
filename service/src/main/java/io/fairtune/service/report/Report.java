package io.fairtune.service.report;

import static io.fairtune.service.study.api.StudyViews.SEED_TEXT;

import io.fairtune.service.study.StudyStatus;
import io.fairtune.service.study.api.StudyViews.CurvePoint;
import io.fairtune.service.study.api.StudyViews.WorkloadView;
import io.fairtune.service.trial.TrialStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ser.std.ToStringSerializer;

/**
 * What a study proves, computed from stored rows only so anyone can recompute and audit it. Accuracies are
 * fractions in [0, 1]; differences are fractions too (the text renders them in points).
 */
public record Report(
        long studyId,
        String name,
        StudyStatus status,
        OffsetDateTime generatedAt,
        Target target,
        WorkloadView workload,
        String searchAlgorithm,

        @JsonSerialize(using = ToStringSerializer.class)
        @Schema(implementation = String.class, format = "int64", description = SEED_TEXT)
        long searchSeed,

        Map<String, String> labels,
        List<ArmReport> arms,
        ClaimFamily claims,
        List<Comparison> comparisons,
        List<FairnessCheck> fairnessChecks) {

    public record Target(String metric, double value) {}

    /**
     * @param space the arm's search space as submitted
     * @param bestOfK expected best validation accuracy after k trials, k = 1..n, with a 95% interval
     */
    public record ArmReport(
            String name,
            String optimizer,
            String scheduleType,
            String weightDecayKind,
            List<String> tunedHyperparameters,
            Map<String, Object> space,
            Effort effort,
            @Nullable BestTrial best,
            List<BestOfK> bestOfK,
            @Nullable FinalPhase finalPhase) {}

    /**
     * The tuning-effort ledger of an arm. Succeeded, diverged and failed trials spend the budget; cancelled trials
     * and lost attempts do not, nor do trials that ended LOST because every attempt was lost to infrastructure.
     *
     * @param lost tuning trials whose attempts were all lost to infrastructure: shown, never charged
     * @param lostAttempts attempts lost to infrastructure, over all the arm's tuning trials
     * @param trainingSteps steps trained by the arm's finished tuning trials
     * @param computeSeconds their training wall time
     */
    public record Effort(
            int planned,
            int succeeded,
            int diverged,
            int failed,
            int cancelled,
            int lost,
            int unfinished,
            int lostAttempts,
            long trainingSteps,
            double computeSeconds) {

        /** Trials charged to the arm's budget: those whose outcome its hyperparameters decided. */
        public int charged() {
            return succeeded + diverged + failed;
        }
    }

    public record BestTrial(
            long trialId,
            int sampleIndex,
            double bestValAccuracy,
            @Nullable Integer stepsToTarget,
            Map<String, Object> hyperparameters,
            List<CurvePoint> curve) {}

    /**
     * The expected best validation accuracy after k tuning trials, with its 95% interval where the interval's
     * coverage was measured (k up to the study's best-of-k limit); {@code low} and {@code high} are null beyond.
     */
    public record BestOfK(
            int k,
            double expected,
            @Nullable Double low,
            @Nullable Double high) {}

    public record FinalRun(
            long trialId,

            @JsonSerialize(using = ToStringSerializer.class)
            @Schema(implementation = String.class, format = "int64", description = SEED_TEXT)
            long seed,

            TrialStatus status,
            @Nullable Double testAccuracy,
            @Nullable Integer stepsToTarget) {}

    /**
     * @param summary over the runs with a test accuracy; null when none has one yet
     * @param medianStepsToTarget over the runs that reached the target; null when none did
     */
    public record FinalPhase(
            long sourceTrialId,
            List<FinalRun> runs,
            @Nullable Distribution summary,
            @Nullable Double medianStepsToTarget) {}

    public record Distribution(
            int n,
            double min,
            double q1,
            double median,
            double q3,
            double max,
            double mean,
            double sd,
            double fractionReachingTarget) {}

    /** How a claim ended, and what an exploratory comparison is. */
    public enum ClaimOutcome {
        /** The data show the claim at its level, family-wise controlled. */
        PASS,
        /** The data contradict the claim at its level. */
        FAIL,
        /** Neither: the interval is too wide for the margin. */
        INCONCLUSIVE,
        /** Fewer runs than the method keeps its coverage with: no verdict at all. */
        INSUFFICIENT_DATA,
        /** An exploratory comparison: an interval, never a verdict. */
        EXPLORATORY
    }

    /**
     * The study's claims judged as one family.
     *
     * @param familyConfidence 1 − the family-wise error rate, e.g. 0.95
     * @param adjustment {@code holm}, or {@code none} for a single claim
     */
    public record ClaimFamily(
            int size, double familyConfidence, String adjustment, String text, List<ClaimResult> results) {}

    /**
     * One claim's judgement. Differences are fractions of accuracy; null where there is no interval.
     *
     * @param confidence of the two-sided interval [lower, upper]: 1 − 2α_i, α_i the level Holm tested the claim at
     * @param pValue of the claim's null hypothesis
     * @param seedsNeeded for an inconclusive final-phase claim: seeds per arm that would settle it at the observed
     *     spread (power 0.8); null otherwise
     */
    public record ClaimResult(
            String candidate,
            String baseline,

            @Schema(allowableValues = {"non_inferior", "superior"})
            String kind,

            double margin,

            @Schema(allowableValues = {"final_phase", "best_of_k"})
            String basis,

            @Nullable Integer k,
            String statement,
            ClaimOutcome outcome,
            @Nullable Double estimate,
            @Nullable Double lower,
            @Nullable Double upper,
            @Nullable Double confidence,
            @Nullable Double pValue,
            @Nullable Integer candidateN,
            @Nullable Integer baselineN,
            @Nullable Integer seedsNeeded,
            String method,
            String text) {}

    /**
     * An exploratory comparison: candidate minus baseline with an unadjusted two-sided interval and no verdict
     * (outcome EXPLORATORY, or INSUFFICIENT_DATA without one).
     */
    public record Comparison(
            String candidate,
            String baseline,

            @Schema(allowableValues = {"final_phase", "best_of_k"})
            String basis,

            @Nullable Integer k,
            ClaimOutcome outcome,
            @Nullable Double estimate,
            @Nullable Double lower,
            @Nullable Double upper,
            double confidence,
            @Nullable Integer candidateN,
            @Nullable Integer baselineN,
            String text) {}

    public record FairnessCheck(
            String name,
            @Schema(allowableValues = {"PASS", "WARN"}) String status,
            String message) {
        static FairnessCheck pass(String name, String message) {
            return new FairnessCheck(name, "PASS", message);
        }

        static FairnessCheck warn(String name, String message) {
            return new FairnessCheck(name, "WARN", message);
        }
    }
}
