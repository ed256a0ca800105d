package io.fairtune.service.report;

import io.fairtune.service.study.StudyStatus;
import io.fairtune.service.study.api.StudyViews.CurvePoint;
import io.fairtune.service.study.api.StudyViews.WorkloadView;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

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
        long searchSeed,
        List<ArmReport> arms,
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
            BestTrial best,
            List<BestOfK> bestOfK,
            FinalPhase finalPhase) {}

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
            Integer stepsToTarget,
            Map<String, Object> hyperparameters,
            List<CurvePoint> curve) {}

    public record BestOfK(int k, double expected, double low, double high) {}

    public record FinalRun(long trialId, long seed, String status, Double testAccuracy, Integer stepsToTarget) {}

    /**
     * @param summary over the runs with a test accuracy; null when none has one yet
     * @param medianStepsToTarget over the runs that reached the target; null when none did
     */
    public record FinalPhase(
            long sourceTrialId, List<FinalRun> runs, Distribution summary, Double medianStepsToTarget) {}

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

    public record Difference(double estimate, double low, double high) {}

    /**
     * @param medianDifference candidate minus baseline, final-phase test accuracy medians
     * @param bestOfNDifference candidate minus baseline, best validation accuracy over all tuning trials
     * @param verdict from the final-phase medians when both arms have final runs, else from best-of-n
     */
    public record Comparison(
            String candidate,
            String baseline,
            Difference medianDifference,
            Difference bestOfNDifference,
            String verdict,
            String text) {}

    public record FairnessCheck(String name, String status, String message) {
        static FairnessCheck pass(String name, String message) {
            return new FairnessCheck(name, "PASS", message);
        }

        static FairnessCheck warn(String name, String message) {
            return new FairnessCheck(name, "WARN", message);
        }
    }
}
