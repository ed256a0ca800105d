package io.fairtune.service.report.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MeanDifferenceTest {

    @Test
    void equalSpreadsGiveTheTextbookPooledInterval() {
        // Means 0.92 and 0.91, s = 0.01 in both arms, n = 3: se = 0.01·sqrt(2/3) = 0.0081650, ν = 4,
        // t(0.975, 4) = 2.776445 from the table, so 0.01 ± 0.0226693.
        MeanDifference d = MeanDifference.welch(new double[] {0.91, 0.92, 0.93}, new double[] {0.90, 0.91, 0.92})
                .orElseThrow();
        assertThat(d.t().estimate()).isCloseTo(0.01, offset(1e-12));
        assertThat(d.t().standardError()).isCloseTo(0.0081649658, offset(1e-9));
        assertThat(d.t().degreesOfFreedom()).isCloseTo(4, offset(1e-9));
        assertThat(d.t().lowerBound(0.025)).isCloseTo(-0.0126693, offset(1e-6));
        assertThat(d.t().upperBound(0.025)).isCloseTo(0.0326693, offset(1e-6));
    }

    @Test
    void unequalArmsUseWelchSatterthwaite() {
        // Worked separately: means 0.9138 and 0.908, variances 9.2e-6 and 9.0e-6, se = 0.0022,
        // ν = 4.3815652, t(0.975, ν) = 2.6836409 (Simpson integration of the t density), so
        // 0.0058 ± 0.0059040 = [−0.0001040, +0.0117040].
        MeanDifference d = MeanDifference.welch(
                        new double[] {0.912, 0.915, 0.910, 0.918, 0.914}, new double[] {0.905, 0.911, 0.908})
                .orElseThrow();
        assertThat(d.t().estimate()).isCloseTo(0.0058, offset(1e-12));
        assertThat(d.t().standardError()).isCloseTo(0.0022, offset(1e-12));
        assertThat(d.t().degreesOfFreedom()).isCloseTo(4.3815652, offset(1e-6));
        assertThat(d.t().lowerBound(0.025)).isCloseTo(-0.0001040, offset(1e-6));
        assertThat(d.t().upperBound(0.025)).isCloseTo(0.0117040, offset(1e-6));
    }

    @Test
    void aBoundClearsAShiftExactlyWhenItsPValueIsBelowTheLevel() {
        MeanDifference d = MeanDifference.welch(
                        new double[] {0.912, 0.915, 0.910, 0.918, 0.914}, new double[] {0.905, 0.911, 0.908})
                .orElseThrow();
        assertThat(d.t().pValueAbove(d.t().lowerBound(0.01))).isCloseTo(0.01, offset(1e-9));
        assertThat(d.t().pValueBelow(d.t().upperBound(0.2))).isCloseTo(0.2, offset(1e-9));
    }

    @Test
    void noIntervalWithoutSpreadOrWithASingleValue() {
        assertThat(MeanDifference.welch(new double[] {0.9, 0.9, 0.9}, new double[] {0.8, 0.8, 0.8}))
                .isEmpty();
        assertThat(MeanDifference.welch(new double[] {0.9}, new double[] {0.8, 0.7}))
                .isEmpty();
    }

    /**
     * Two-sided 95% coverage over 4,000 replications per case at n = 3, 5, 10, 20 per arm, on normal arms (equal
     * and unequal spreads) and skewed ones (a long left tail below a ceiling, different shapes per arm). Nominal
     * within 1.5 points below; above, a bound only against uselessly wide intervals.
     */
    @Test
    void coverageHoldsDownToTheMinimumSeeds() {
        for (Simulated[] pair : Coverage.PAIRS) {
            for (int n : new int[] {MeanDifference.MIN_SEEDS, 5, 10, 20}) {
                SplittableRandom random =
                        new SplittableRandom(1000L * n + pair[0].name().length());
                double truth = pair[0].mean() - pair[1].mean();
                int covered = 0;
                for (int i = 0; i < Coverage.REPLICATIONS; i++) {
                    MeanDifference d = MeanDifference.welch(pair[0].sample(random, n), pair[1].sample(random, n))
                            .orElseThrow();
                    if (d.t().lowerBound(0.025) <= truth && truth <= d.t().upperBound(0.025)) {
                        covered++;
                    }
                }
                Coverage.assertNominal(
                        "Welch " + pair[0].name() + " − " + pair[1].name() + ", n = " + n,
                        (double) covered / Coverage.REPLICATIONS);
            }
        }
    }

    /** The same simulation catches an interval that ignores small-sample uncertainty (z instead of t). */
    @Test
    void theSimulationRejectsANormalApproximationAtThreeSeeds() {
        Simulated[] pair = Coverage.PAIRS[0];
        SplittableRandom random = new SplittableRandom(7);
        double truth = pair[0].mean() - pair[1].mean();
        double z = Normal.quantile(0.975);
        int covered = 0;
        for (int i = 0; i < Coverage.REPLICATIONS; i++) {
            MeanDifference d = MeanDifference.welch(pair[0].sample(random, 3), pair[1].sample(random, 3))
                    .orElseThrow();
            if (Math.abs(d.t().estimate() - truth) <= z * d.t().standardError()) {
                covered++;
            }
        }
        assertThat((double) covered / Coverage.REPLICATIONS).isLessThan(Coverage.LOWEST);
    }
}
