package io.fairtune.service.report.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fairtune.service.report.stats.Verdict.Outcome;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void candidateBeatsBaselineWhenTheWholeIntervalIsAboveZero() {
        Verdict verdict = Verdict.of("LARS", "Nesterov", new Estimate(0.012, 0.004, 0.020));

        assertThat(verdict.outcome()).isEqualTo(Outcome.BETTER);
        assertThat(verdict.text()).isEqualTo("LARS beats Nesterov: +1.2 points [+0.4, +2.0]");
    }

    @Test
    void candidateIsWorseWhenTheWholeIntervalIsBelowZero() {
        Verdict verdict = Verdict.of("LARS", "Nesterov", new Estimate(-0.012, -0.020, -0.004));

        assertThat(verdict.outcome()).isEqualTo(Outcome.WORSE);
        assertThat(verdict.text()).isEqualTo("LARS is worse than Nesterov: \u22121.2 points [\u22122.0, \u22120.4]");
    }

    @Test
    void noSignificantDifferenceWhenTheIntervalContainsZero() {
        Verdict verdict = Verdict.of("LARS", "Nesterov", new Estimate(0.002, -0.006, 0.010));

        assertThat(verdict.outcome()).isEqualTo(Outcome.NO_SIGNIFICANT_DIFFERENCE);
        assertThat(verdict.text()).isEqualTo("LARS does not beat Nesterov: +0.2 points [\u22120.6, +1.0]");
    }

    @Test
    void intervalTouchingZeroIsNotSignificant() {
        assertThat(Verdict.of("Adam", "AdamW", new Estimate(0.01, 0.0, 0.02)).outcome())
                .isEqualTo(Outcome.NO_SIGNIFICANT_DIFFERENCE);
        assertThat(Verdict.of("Adam", "AdamW", new Estimate(-0.01, -0.02, 0.0)).outcome())
                .isEqualTo(Outcome.NO_SIGNIFICANT_DIFFERENCE);
    }

    @Test
    void usesTheCallersDisplayNames() {
        assertThat(Verdict.of("heavy ball (lr×2)", "Adam", new Estimate(0.1, 0.05, 0.15))
                        .text())
                .isEqualTo("heavy ball (lr×2) beats Adam: +10.0 points [+5.0, +15.0]");
    }

    @Test
    void formatsPercentagePointsWithSignAndOneDecimal() {
        assertThat(Verdict.points(0.012)).isEqualTo("+1.2");
        assertThat(Verdict.points(-0.006)).isEqualTo("\u22120.6");
        assertThat(Verdict.points(-0.123456)).isEqualTo("\u221212.3");
        assertThat(Verdict.points(0.00049)).isEqualTo("0.0");
        assertThat(Verdict.points(-0.00049)).isEqualTo("0.0");
        assertThat(Verdict.points(0.0)).isEqualTo("0.0");
        assertThat(Verdict.points(-0.0)).isEqualTo("0.0");
        assertThat(Verdict.points(0.0005)).isEqualTo("+0.1"); // half away from zero
        assertThat(Verdict.points(-0.0005)).isEqualTo("\u22120.1");
        assertThat(Verdict.points(0.0025)).isEqualTo("+0.3"); // decimal value, not its binary neighbour
        assertThat(Verdict.points(1.0)).isEqualTo("+100.0");
        assertThat(Verdict.points(-0.006)).doesNotContain("-").startsWith(String.valueOf(Verdict.MINUS));
    }

    @Test
    void rejectsNonFiniteNumbers() {
        assertThatThrownBy(() -> Verdict.of("A", "B", new Estimate(Double.NaN, 0.0, 0.1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Verdict.points(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Estimate(0.0, 0.1, -0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
