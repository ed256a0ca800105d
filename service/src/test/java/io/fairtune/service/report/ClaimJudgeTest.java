package io.fairtune.service.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairtune.service.report.Report.ClaimFamily;
import io.fairtune.service.report.Report.ClaimOutcome;
import io.fairtune.service.report.Report.ClaimResult;
import io.fairtune.service.spec.Claim;
import io.fairtune.service.spec.Claim.Basis;
import io.fairtune.service.spec.Claim.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Error rates of whole claim families, simulated through the judge the report uses. */
class ClaimJudgeTest {

    private static final int FAMILIES = 4000;
    private static final double MARGIN = 0.005;
    private static final double SD = 0.003;

    /** A claim exactly at its margin (true difference −δ) passes at most α of the time, at 3 and 10 seeds. */
    @Test
    void nonInferiorityExactlyAtTheMarginPassesAtMostAlpha() {
        for (int seeds : new int[] {3, 10}) {
            double rate = passRate(1, seeds, -MARGIN, Kind.NON_INFERIOR, new Random(seeds));
            // α = 0.05; the allowance is two standard errors of a 4,000-family simulation.
            assertThat(rate).as("n = %d", seeds).isLessThanOrEqualTo(0.05 + 2 * Math.sqrt(0.05 * 0.95 / FAMILIES));
            assertThat(rate).as("n = %d", seeds).isGreaterThan(0.03);
        }
    }

    /** Equivalence (TOST) with the true difference on the edge of ±δ passes at most α of the time. */
    @Test
    void equivalenceOnTheEdgeOfTheMarginPassesAtMostAlpha() {
        double rate = passRate(1, 10, MARGIN, Kind.EQUIVALENT, new Random(3));
        assertThat(rate).isLessThanOrEqualTo(0.05 + 2 * Math.sqrt(0.05 * 0.95 / FAMILIES));
    }

    /** Every claim of the family at its margin: Holm keeps the chance of any false PASS at most α. */
    @Test
    void holmKeepsTheFamilyWiseErrorOverThreeAndTenClaims() {
        for (int m : new int[] {3, 10}) {
            double rate = familyErrorRate(m, 5, new Random(m));
            assertThat(rate).as("m = %d", m).isLessThanOrEqualTo(0.05 + 2 * Math.sqrt(0.05 * 0.95 / FAMILIES));
        }
    }

    /** The same families without adjustment go wrong about 1 − 0.95^10 ≈ 40% of the time: the check can fail. */
    @Test
    void withoutAdjustmentTenClaimsWouldFailTheFamilyWiseCheck() {
        Random random = new Random(10);
        int anyFalsePass = 0;
        for (int f = 0; f < FAMILIES; f++) {
            boolean any = false;
            for (int i = 0; i < 10; i++) {
                ClaimFamily one =
                        ClaimJudge.judge(List.of(claim(0, Kind.NON_INFERIOR)), samples(1, 5, -MARGIN, random));
                any |= one.results().get(0).outcome() == ClaimOutcome.PASS;
            }
            anyFalsePass += any ? 1 : 0;
        }
        assertThat((double) anyFalsePass / FAMILIES).isGreaterThan(0.3);
    }

    @Test
    void aClearDifferencePassesAndAContradictionFails() {
        Map<String, double[]> finals = new HashMap<>();
        finals.put("x", new double[] {0.910, 0.912, 0.911, 0.913, 0.909});
        finals.put("y", new double[] {0.890, 0.892, 0.891, 0.889, 0.893});
        ClaimJudge.Samples samples = new ClaimJudge.Samples(finals, Map.of());
        ClaimFamily family = ClaimJudge.judge(
                List.of(
                        new Claim("x", "y", Kind.SUPERIOR, 0, Basis.FINAL_PHASE, null),
                        new Claim("y", "x", Kind.NON_INFERIOR, 0.005, Basis.FINAL_PHASE, null)),
                samples);
        assertThat(family.results())
                .extracting(ClaimResult::outcome)
                .containsExactly(ClaimOutcome.PASS, ClaimOutcome.FAIL);
        assertThat(family.text()).contains("Family-wise 95% over 2 claims").contains("Holm");
        assertThat(family.results().get(0).text())
                .startsWith("x is better than y: +2.0 [")
                .contains("→ PASS");
    }

    @Test
    void tooFewSeedsIsInsufficientDataNeverAVerdict() {
        Map<String, double[]> finals = Map.of("x", new double[] {0.95, 0.96}, "y", new double[] {0.80, 0.81});
        ClaimFamily family = ClaimJudge.judge(
                List.of(new Claim("x", "y", Kind.SUPERIOR, 0, Basis.FINAL_PHASE, null)),
                new ClaimJudge.Samples(finals, Map.of()));
        ClaimResult result = family.results().get(0);
        assertThat(result.outcome()).isEqualTo(ClaimOutcome.INSUFFICIENT_DATA);
        assertThat(result.lower()).isNull();
        assertThat(result.text()).contains("insufficient data");
    }

    @Test
    void aBestOfKClaimOverADivergedTrialIsInsufficientData() {
        double[] clean = {0.90, 0.91, 0.92, 0.905, 0.915, 0.895};
        double[] withDiverged = {0.88, 0.0, 0.89, 0.885, 0.875, 0.89};
        ClaimResult result = ClaimJudge.judge(
                        List.of(new Claim("x", "y", Kind.NON_INFERIOR, 0.01, Basis.BEST_OF_K, 1)),
                        new ClaimJudge.Samples(Map.of(), Map.of("x", clean, "y", withDiverged)))
                .results()
                .get(0);
        assertThat(result.outcome()).isEqualTo(ClaimOutcome.INSUFFICIENT_DATA);
        assertThat(result.lower()).isNull();
        assertThat(result.text()).contains("0 and 1 did here");
    }

    @Test
    void anInconclusiveClaimSaysHowManySeedsWouldSettleIt() {
        Map<String, double[]> finals = Map.of(
                "x", new double[] {0.900, 0.906, 0.897, 0.903},
                "y", new double[] {0.902, 0.899, 0.905, 0.900});
        ClaimResult result = ClaimJudge.judge(
                        List.of(new Claim("x", "y", Kind.NON_INFERIOR, 0.002, Basis.FINAL_PHASE, null)),
                        new ClaimJudge.Samples(finals, Map.of()))
                .results()
                .get(0);
        assertThat(result.outcome()).isEqualTo(ClaimOutcome.INCONCLUSIVE);
        assertThat(result.seedsNeeded()).isGreaterThan(4);
        assertThat(result.text()).contains("seeds per arm would settle it");
    }

    private static double passRate(int m, int seeds, double trueDifference, Kind kind, Random random) {
        int passed = 0;
        for (int f = 0; f < FAMILIES; f++) {
            ClaimFamily family = ClaimJudge.judge(claims(m, kind), samples(m, seeds, trueDifference, random));
            passed += (int) family.results().stream()
                    .filter(r -> r.outcome() == ClaimOutcome.PASS)
                    .count();
        }
        return (double) passed / (FAMILIES * m);
    }

    private static double familyErrorRate(int m, int seeds, Random random) {
        int anyFalsePass = 0;
        for (int f = 0; f < FAMILIES; f++) {
            ClaimFamily family = ClaimJudge.judge(claims(m, Kind.NON_INFERIOR), samples(m, seeds, -MARGIN, random));
            if (family.results().stream().anyMatch(r -> r.outcome() == ClaimOutcome.PASS)) {
                anyFalsePass++;
            }
        }
        return (double) anyFalsePass / FAMILIES;
    }

    private static List<Claim> claims(int m, Kind kind) {
        List<Claim> claims = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            claims.add(claim(i, kind));
        }
        return claims;
    }

    private static Claim claim(int i, Kind kind) {
        return new Claim("c" + i, "b" + i, kind, MARGIN, Basis.FINAL_PHASE, null);
    }

    /** Independent pairs of normal arms whose true difference c − b is {@code trueDifference}. */
    private static ClaimJudge.Samples samples(int m, int seeds, double trueDifference, Random random) {
        Map<String, double[]> finals = new HashMap<>();
        for (int i = 0; i < m; i++) {
            double[] c = new double[seeds];
            double[] b = new double[seeds];
            for (int s = 0; s < seeds; s++) {
                c[s] = 0.9 + trueDifference + SD * random.nextGaussian();
                b[s] = 0.9 + SD * random.nextGaussian();
            }
            finals.put("c" + i, c);
            finals.put("b" + i, b);
        }
        return new ClaimJudge.Samples(finals, Map.of());
    }
}
