package io.fairtune.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulesTest {

    /** The check case of OPTIMIZERS.md: η = 10, W = 50, T = 150, p = 2, η_end = 1e-4 (factor 1e-5), power 1. */
    private static final LearningRateSchedule MLPERF = Schedules.create(
            "warmup_polynomial_decay",
            Map.of(
                    "learning_rate", 10.0,
                    "warmup_steps", 50,
                    "decay_power", 2.0,
                    "end_lr_factor", 1e-5,
                    "warmup_power", 1.0),
            150);

    @Test
    void polynomialWarmupRisesLinearlyToTheBaseRateAtStepW() {
        for (int t = 0; t <= 50; t++) {
            assertThat(MLPERF.learningRate(t)).as("t = %d", t).isCloseTo(0.2 * t, within(1e-12));
        }
        assertThat(MLPERF.learningRate(50)).isEqualTo(10.0);
    }

    @Test
    void polynomialDecayMatchesTheCheckNumbersOfOptimizersMd() {
        // Printed with their digits cut off, not rounded (9.6078855… appears as 9.607885).
        assertThat(MLPERF.learningRate(51)).isBetween(9.802962, 9.802963);
        assertThat(MLPERF.learningRate(52)).isBetween(9.607885, 9.607886);
        assertThat(MLPERF.learningRate(53)).isBetween(9.414769, 9.414770);
        // OPTIMIZERS.md prints 0.004021142 for t = 149; the formula (D = 101) gives
        // 1e-4 + (10 − 1e-4)·(2/101)² = 0.00402114499, as does the optax vector (0.004021144985785714).
        assertThat(MLPERF.learningRate(149)).isCloseTo(0.004021142, within(5e-9));
        assertThat(MLPERF.learningRate(149)).isCloseTo(1e-4 + (10 - 1e-4) * Math.pow(2.0 / 101, 2), within(1e-15));
    }

    @Test
    void polynomialDecayUsesDEqualToTMinusWPlusOne() {
        // t = 51 is one step into D = 101 decay steps: (1 − 1/101)², not (1 − 1/100)².
        assertThat(MLPERF.learningRate(51)).isCloseTo(1e-4 + (10 - 1e-4) * Math.pow(100.0 / 101, 2), within(1e-14));
        // η_end is reached at t = W + D = T + 1 and held after it.
        assertThat(MLPERF.learningRate(150)).isGreaterThan(1e-4);
        assertThat(MLPERF.learningRate(151)).isCloseTo(1e-4, within(1e-18));
        assertThat(MLPERF.learningRate(10_000)).isCloseTo(1e-4, within(1e-18));
    }

    @Test
    void polynomialWithoutWarmupStartsAtTheBaseRate() {
        LearningRateSchedule schedule =
                Schedules.create("warmup_polynomial_decay", Map.of("learning_rate", 2.0, "decay_power", 1.0), 9);
        assertThat(schedule.learningRate(0)).isEqualTo(2.0);
        // Defaults: end_lr_factor 0, so η_t = 2·(1 − t/10).
        assertThat(schedule.learningRate(1)).isCloseTo(1.8, within(1e-15));
        assertThat(schedule.learningRate(8)).isCloseTo(0.4, within(1e-15));
    }

    @Test
    void polynomialWarmupPowerShapesTheRamp() {
        LearningRateSchedule schedule = Schedules.create(
                "warmup_polynomial_decay", Map.of("learning_rate", 1.0, "warmup_steps", 4, "warmup_power", 2.0), 10);
        assertThat(schedule.learningRate(1)).isEqualTo(1.0 / 16);
        assertThat(schedule.learningRate(2)).isEqualTo(0.25);
    }

    @Test
    void warmupStepsComeFromTheFractionUnlessGiven() {
        // floor(0.25 · 10) = 2 warmup steps.
        LearningRateSchedule fraction =
                Schedules.create("constant", Map.of("learning_rate", 1.0, "warmup_fraction", 0.25), 10);
        assertThat(fraction.learningRate(0)).isEqualTo(0.0);
        assertThat(fraction.learningRate(1)).isEqualTo(0.5);
        assertThat(fraction.learningRate(2)).isEqualTo(1.0);
        LearningRateSchedule steps = Schedules.create(
                "constant", Map.of("learning_rate", 1.0, "warmup_fraction", 0.25, "warmup_steps", 4), 10);
        assertThat(steps.learningRate(2)).isEqualTo(0.5);
        assertThat(steps.learningRate(4)).isEqualTo(1.0);
    }

    @Test
    void constantWithoutWarmupIsTheBaseRate() {
        LearningRateSchedule schedule = Schedules.create("constant", Map.of("learning_rate", 0.3), 5);
        assertThat(schedule.learningRate(0)).isEqualTo(0.3);
        assertThat(schedule.learningRate(100)).isEqualTo(0.3);
    }

    @Test
    void cosineWarmsUpLinearlyThenDecaysToTheEndRate() {
        LearningRateSchedule schedule = Schedules.create(
                "warmup_cosine_decay", Map.of("learning_rate", 0.5, "warmup_steps", 10, "end_lr_factor", 0.01), 60);
        assertThat(schedule.learningRate(0)).isEqualTo(0.0);
        assertThat(schedule.learningRate(5)).isEqualTo(0.25);
        assertThat(schedule.learningRate(10)).isEqualTo(0.5);
        // Halfway through the 50 decay steps the cosine term is 1/2.
        assertThat(schedule.learningRate(35)).isCloseTo(0.005 + 0.495 / 2, within(1e-15));
        assertThat(schedule.learningRate(60)).isCloseTo(0.005, within(1e-15));
        assertThat(schedule.learningRate(70)).isCloseTo(0.005, within(1e-15));
    }

    @Test
    void cosineHandlesNoWarmupAndAllWarmup() {
        LearningRateSchedule noWarmup = Schedules.create("warmup_cosine_decay", Map.of("learning_rate", 1.0), 4);
        assertThat(noWarmup.learningRate(0)).isEqualTo(1.0);
        assertThat(noWarmup.learningRate(2)).isCloseTo(0.5, within(1e-15));
        LearningRateSchedule allWarmup =
                Schedules.create("warmup_cosine_decay", Map.of("learning_rate", 1.0, "warmup_steps", 4), 4);
        assertThat(allWarmup.learningRate(3)).isEqualTo(0.75);
        assertThat(allWarmup.learningRate(4)).isEqualTo(0.0);
    }

    @Test
    void rejectsBadSettings() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Schedules.create("step", Map.of("learning_rate", 1.0), 10))
                .withMessageContaining("unknown schedule 'step'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Schedules.create("constant", Map.of(), 10))
                .withMessage("schedule constant needs a value for 'learning_rate'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Schedules.create("constant", Map.of("learning_rate", 0.0), 10))
                .withMessageContaining("outside (0, inf)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Schedules.create("constant", Map.of("learning_rate", 1.0, "decay_power", 2.0), 10))
                .withMessageContaining("unknown setting 'decay_power' for schedule constant");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Schedules.create("constant", Map.of("learning_rate", 1.0, "warmup_steps", 11), 10))
                .withMessage("schedule constant has 11 warmup steps but only 10 training steps");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Schedules.create("constant", Map.of("learning_rate", 1.0, "warmup_steps", 2.5), 10))
                .withMessageContaining("whole number");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> Schedules.create("constant", Map.of("learning_rate", 1.0, "warmup_fraction", 1.0), 10))
                .withMessageContaining("outside [0, 1)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Schedules.create("constant", Map.of("learning_rate", 1.0), 0))
                .withMessageContaining("at least 1 training step");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Schedules.create("constant", Map.of("learning_rate", 1.0), 10)
                        .learningRate(-1));
    }
}
