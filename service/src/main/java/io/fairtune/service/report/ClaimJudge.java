package io.fairtune.service.report;

import io.fairtune.service.report.Report.ClaimFamily;
import io.fairtune.service.report.Report.ClaimOutcome;
import io.fairtune.service.report.Report.ClaimResult;
import io.fairtune.service.report.Report.Comparison;
import io.fairtune.service.report.stats.BestOfKDifference;
import io.fairtune.service.report.stats.Holm;
import io.fairtune.service.report.stats.MeanDifference;
import io.fairtune.service.report.stats.PointsText;
import io.fairtune.service.report.stats.SeedsNeeded;
import io.fairtune.service.report.stats.TInterval;
import io.fairtune.service.spec.Claim;
import io.fairtune.service.spec.Claim.Basis;
import io.fairtune.service.spec.Claim.Kind;
import io.fairtune.service.spec.StudySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Judges a study's claims as one family (Holm's step-down at family-wise level {@link #ALPHA}) and computes its
 * exploratory comparisons. A claim's interval is the two-sided {@code 1 - 2 α_i} interval at the level Holm tests it
 * at: PASS when Holm rejects the claim's null (the interval clears 0 or −δ, or lies inside ±δ), FAIL when the data
 * contradict it at that level (the interval lies below 0 or below −δ, or outside ±δ), INCONCLUSIVE otherwise, and
 * INSUFFICIENT_DATA below the sample sizes where the method's coverage was measured to hold.
 */
final class ClaimJudge {

    /** Family-wise error rate of a study's claims: the report says "family-wise 95%". */
    static final double ALPHA = 0.05;

    /** Exploratory comparisons: two-sided 95%, unadjusted. */
    static final double EXPLORATORY_CONFIDENCE = 0.95;

    static final double POWER = 0.8;

    private ClaimJudge() {}

    /** The samples of each arm: final-phase test accuracies and charged tuning trials' best validation accuracy. */
    record Samples(Map<String, double[]> finalAccuracies, Map<String, double[]> tuningValues) {
        double[] of(String arm, Basis basis) {
            return (basis == Basis.FINAL_PHASE ? finalAccuracies : tuningValues).getOrDefault(arm, new double[0]);
        }
    }

    /**
     * What a method found for d = candidate − baseline: its t interval, the sample sizes, and for Welch the pooled
     * spread that a power calculation needs.
     */
    record Evidence(TInterval t, int candidateN, int baselineN, String method, OptionalDouble pooledSd) {

        double estimate() {
            return t.estimate();
        }

        /** Seeds per arm that would resolve a final-phase claim at the observed spread; empty for other bases. */
        OptionalInt seedsNeeded(Claim claim, double alpha) {
            if (pooledSd.isEmpty()) {
                return OptionalInt.empty();
            }
            double sd = pooledSd.getAsDouble();
            double d = t.estimate();
            double delta = claim.margin();
            return switch (claim.kind()) {
                case SUPERIOR -> SeedsNeeded.perArm(sd, d, 0, alpha, POWER);
                case NON_INFERIOR -> SeedsNeeded.perArm(sd, d, -delta, alpha, POWER);
                case EQUIVALENT -> {
                    OptionalInt below = SeedsNeeded.perArm(sd, d, -delta, alpha, POWER);
                    OptionalInt above = SeedsNeeded.perArm(sd, -d, -delta, alpha, POWER);
                    yield below.isPresent() && above.isPresent()
                            ? OptionalInt.of(Math.max(below.getAsInt(), above.getAsInt()))
                            : OptionalInt.empty();
                }
            };
        }
    }

    static ClaimFamily judge(List<Claim> claims, Samples samples) {
        int m = claims.size();
        List<Optional<Evidence>> evidence =
                claims.stream().map(c -> evidence(c, samples)).toList();
        double[] p = new double[m];
        for (int i = 0; i < m; i++) {
            Claim claim = claims.get(i);
            p[i] = evidence.get(i).map(e -> pValue(claim, e)).orElse(1.0);
        }
        boolean[] rejected = Holm.rejects(p, ALPHA);
        double[] levels = Holm.levels(p, ALPHA);
        List<ClaimResult> results = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            results.add(result(claims.get(i), evidence.get(i), p[i], rejected[i], levels[i], m, samples));
        }
        String text = m == 0
                ? "No claims: the comparisons are exploratory."
                : "Family-wise " + percent(1 - ALPHA) + " over " + m + (m == 1 ? " claim" : " claims")
                        + " (Holm's step-down; each interval is at the level its claim was tested at).";
        return new ClaimFamily(m, 1 - ALPHA, m > 1 ? "holm" : "none", text, results);
    }

    static List<Comparison> explore(List<StudySpec.Comparison> pairs, Samples samples, int finalMinSeeds) {
        List<Comparison> comparisons = new ArrayList<>();
        double alpha = (1 - EXPLORATORY_CONFIDENCE) / 2;
        for (StudySpec.Comparison pair : pairs) {
            double[] candidateFinal = samples.of(pair.candidate(), Basis.FINAL_PHASE);
            double[] baselineFinal = samples.of(pair.baseline(), Basis.FINAL_PHASE);
            Claim probe;
            if (Math.min(candidateFinal.length, baselineFinal.length) >= finalMinSeeds) {
                probe = new Claim(pair.candidate(), pair.baseline(), Kind.SUPERIOR, 0, Basis.FINAL_PHASE, null);
            } else {
                int n = Math.min(
                        samples.of(pair.candidate(), Basis.BEST_OF_K).length,
                        samples.of(pair.baseline(), Basis.BEST_OF_K).length);
                int k = Math.max(1, BestOfKDifference.maxK(n));
                probe = new Claim(pair.candidate(), pair.baseline(), Kind.SUPERIOR, 0, Basis.BEST_OF_K, k);
            }
            Optional<Evidence> found = evidence(probe, samples);
            String basis = basisText(probe);
            if (found.isEmpty()) {
                comparisons.add(new Comparison(
                        pair.candidate(),
                        pair.baseline(),
                        probe.basis().specName(),
                        probe.k(),
                        ClaimOutcome.INSUFFICIENT_DATA,
                        null,
                        null,
                        null,
                        EXPLORATORY_CONFIDENCE,
                        null,
                        null,
                        pair.candidate() + " vs " + pair.baseline() + ": "
                                + (probe.basis() == Basis.BEST_OF_K
                                                && (BestOfKDifference.hasDiverged(
                                                                samples.of(pair.candidate(), Basis.BEST_OF_K))
                                                        || BestOfKDifference.hasDiverged(
                                                                samples.of(pair.baseline(), Basis.BEST_OF_K)))
                                        ? "no interval with diverged or failed tuning trials ("
                                        : "not enough finished runs to compare (")
                                + basis + ")"));
                continue;
            }
            Evidence e = found.get();
            double lower = e.t().lowerBound(alpha);
            double upper = e.t().upperBound(alpha);
            comparisons.add(new Comparison(
                    pair.candidate(),
                    pair.baseline(),
                    probe.basis().specName(),
                    probe.k(),
                    ClaimOutcome.EXPLORATORY,
                    e.estimate(),
                    lower,
                    upper,
                    EXPLORATORY_CONFIDENCE,
                    e.candidateN(),
                    e.baselineN(),
                    "exploratory: " + pair.candidate() + " − " + pair.baseline() + " = "
                            + interval(e.estimate(), lower, upper)
                            + " points (" + percent(EXPLORATORY_CONFIDENCE) + ", unadjusted, " + basis + ", "
                            + e.candidateN() + " vs " + e.baselineN() + "; no verdict)"));
        }
        return comparisons;
    }

    private static ClaimResult result(
            Claim claim, Optional<Evidence> found, double p, boolean rejected, double alpha, int m, Samples samples) {
        String statement = claim.statement();
        String basis = basisText(claim);
        if (found.isEmpty()) {
            double[] candidate = samples.of(claim.candidate(), claim.basis());
            double[] baseline = samples.of(claim.baseline(), claim.basis());
            String needs = claim.basis() == Basis.FINAL_PHASE
                    ? "at least " + MeanDifference.MIN_SEEDS + " finished final-phase seeds per arm with some spread"
                    : BestOfKDifference.hasDiverged(candidate) || BestOfKDifference.hasDiverged(baseline)
                            ? "tuning trials none of which diverged or failed (" + diverged(candidate) + " and "
                                    + diverged(baseline) + " did here): with them its coverage was measured below"
                                    + " 90%; a final_phase claim has no such limit"
                            : "enough charged tuning trials per arm for k = " + claim.k();
            int nc = candidate.length;
            int nb = baseline.length;
            return new ClaimResult(
                    claim.candidate(),
                    claim.baseline(),
                    claim.kind().specName(),
                    claim.margin(),
                    claim.basis().specName(),
                    claim.k(),
                    statement,
                    ClaimOutcome.INSUFFICIENT_DATA,
                    null,
                    null,
                    null,
                    null,
                    null,
                    nc,
                    nb,
                    null,
                    null,
                    statement + ": insufficient data (" + basis + ", " + nc + " vs " + nb + "; the method needs "
                            + needs + ")");
        }
        Evidence e = found.get();
        double lower = e.t().lowerBound(alpha);
        double upper = e.t().upperBound(alpha);
        double delta = claim.margin();
        boolean clears = switch (claim.kind()) {
            case SUPERIOR -> lower > 0;
            case NON_INFERIOR -> lower > -delta;
            case EQUIVALENT -> lower > -delta && upper < delta;
        };
        boolean contradicted = switch (claim.kind()) {
            case SUPERIOR -> upper < 0;
            case NON_INFERIOR -> upper < -delta;
            case EQUIVALENT -> lower > delta || upper < -delta;
        };
        ClaimOutcome outcome =
                rejected ? ClaimOutcome.PASS : contradicted ? ClaimOutcome.FAIL : ClaimOutcome.INCONCLUSIVE;
        Integer seeds = null;
        String note = "";
        if (outcome == ClaimOutcome.INCONCLUSIVE) {
            if (clears) {
                note = "; it would pass on its own, but Holm's step-down stopped at a claim with a smaller p-value";
            }
            OptionalInt needed = e.seedsNeeded(claim, alpha);
            if (needed.isPresent()) {
                seeds = needed.getAsInt();
                note += "; about " + seeds + " seeds per arm would settle it at the observed spread";
            } else if (claim.basis() == Basis.FINAL_PHASE) {
                note += "; at the observed difference no number of seeds would settle it";
            }
        }
        double confidence = 1 - 2 * alpha;
        String text = statement + ": " + interval(e.estimate(), lower, upper) + " → " + outcome + " (" + basis + ", "
                + e.candidateN() + " vs " + e.baselineN() + ", " + e.method() + " " + percent(confidence)
                + " interval" + (m > 1 ? " at Holm's level for this claim" : "") + ")" + note;
        return new ClaimResult(
                claim.candidate(),
                claim.baseline(),
                claim.kind().specName(),
                delta,
                claim.basis().specName(),
                claim.k(),
                statement,
                outcome,
                e.estimate(),
                lower,
                upper,
                confidence,
                p,
                e.candidateN(),
                e.baselineN(),
                seeds,
                e.method(),
                text);
    }

    /** The p-value of the claim's null: d ≤ 0, d ≤ −δ, or |d| ≥ δ (TOST: the larger of its two). */
    static double pValue(Claim claim, Evidence e) {
        return switch (claim.kind()) {
            case SUPERIOR -> e.t().pValueAbove(0);
            case NON_INFERIOR -> e.t().pValueAbove(-claim.margin());
            case EQUIVALENT -> Math.max(e.t().pValueAbove(-claim.margin()), e.t().pValueBelow(claim.margin()));
        };
    }

    static Optional<Evidence> evidence(Claim claim, Samples samples) {
        double[] candidate = samples.of(claim.candidate(), claim.basis());
        double[] baseline = samples.of(claim.baseline(), claim.basis());
        if (claim.basis() == Basis.FINAL_PHASE) {
            int minSeeds = MeanDifference.MIN_SEEDS;
            if (Math.min(candidate.length, baseline.length) < minSeeds) {
                return Optional.empty();
            }
            return MeanDifference.welch(candidate, baseline)
                    .map(d -> new Evidence(
                            d.t(),
                            d.candidateN(),
                            d.baselineN(),
                            "Welch",
                            OptionalDouble.of(Math.sqrt(
                                    (d.candidateSd() * d.candidateSd() + d.baselineSd() * d.baselineSd()) / 2))));
        }
        return BestOfKDifference.of(candidate, baseline, claim.k())
                .map(d -> new Evidence(d.t(), d.candidateN(), d.baselineN(), "best-of-k", OptionalDouble.empty()));
    }

    private static long diverged(double[] values) {
        return Arrays.stream(values)
                .filter(v -> v <= BestOfKDifference.DIVERGED)
                .count();
    }

    private static String basisText(Claim claim) {
        return claim.basis() == Basis.FINAL_PHASE
                ? "final-phase test accuracy over seeds"
                : "expected best validation accuracy of " + claim.k() + " tuning trials";
    }

    static String interval(double estimate, double lower, double upper) {
        return PointsText.signed(estimate) + " [" + PointsText.signed(lower) + ", " + PointsText.signed(upper) + "]";
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
