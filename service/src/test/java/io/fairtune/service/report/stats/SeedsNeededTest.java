package io.fairtune.service.report.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedsNeededTest {

    @Test
    void matchesTheWorkedExampleRefinedWithT() {
        // σ = 0.3 points, margin 0.5 points, true difference 0, one-sided 5%, power 0.8. The normal formula gives
        // 2 (1.645 + 0.842)² 0.09 / 0.25 = 4.45. With t at ν = 2n − 2 (tables): n = 5 → (1.8595 + 0.8889)² · 0.72
        // = 5.44 → 6; n = 6 → (1.8125 + 0.8791)² · 0.72 = 5.22 → 6, stable. So 6 seeds per arm.
        assertThat(SeedsNeeded.perArm(0.003, 0, -0.005, 0.05, 0.8)).hasValue(6);
    }

    @Test
    void noNumberOfSeedsWhenTheDifferenceDoesNotClearTheBound() {
        assertThat(SeedsNeeded.perArm(0.003, -0.006, -0.005, 0.05, 0.8)).isEmpty();
        assertThat(SeedsNeeded.perArm(0.003, -0.005, -0.005, 0.05, 0.8)).isEmpty();
    }

    @Test
    void noSpreadNeedsTheMinimum() {
        assertThat(SeedsNeeded.perArm(0, 0.001, 0, 0.05, 0.8)).hasValue(2);
    }

    /** Welch's test at the answer has the asked power in simulation, and clearly less with two seeds fewer. */
    @Test
    void theAnswerHasThePowerInSimulation() {
        int n = SeedsNeeded.perArm(0.003, 0, -0.005, 0.05, 0.8).orElseThrow();
        assertThat(power(n)).isGreaterThan(0.78);
        assertThat(power(n - 2)).isLessThan(0.75);
    }

    private static double power(int n) {
        Simulated arm = Simulated.normal(0.9, 0.003);
        SplittableRandom random = new SplittableRandom(n);
        int passed = 0;
        int reps = 4000;
        for (int i = 0; i < reps; i++) {
            MeanDifference d = MeanDifference.welch(arm.sample(random, n), arm.sample(random, n))
                    .orElseThrow();
            if (d.t().lowerBound(0.05) > -0.005) {
                passed++;
            }
        }
        return (double) passed / reps;
    }
}
