package io.fairtune.service.report.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PointsTextTest {

    @Test
    void formatsPercentagePointsWithSignAndOneDecimal() {
        assertThat(PointsText.signed(0.012)).isEqualTo("+1.2");
        assertThat(PointsText.signed(-0.006)).isEqualTo("\u22120.6");
        assertThat(PointsText.signed(-0.123456)).isEqualTo("\u221212.3");
        assertThat(PointsText.signed(0.00049)).isEqualTo("0.0");
        assertThat(PointsText.signed(-0.00049)).isEqualTo("0.0");
        assertThat(PointsText.signed(0.0)).isEqualTo("0.0");
        assertThat(PointsText.signed(-0.0)).isEqualTo("0.0");
        assertThat(PointsText.signed(0.0005)).isEqualTo("+0.1"); // half away from zero
        assertThat(PointsText.signed(-0.0005)).isEqualTo("\u22120.1");
        assertThat(PointsText.signed(0.0025)).isEqualTo("+0.3"); // decimal value, not its binary neighbour
        assertThat(PointsText.signed(1.0)).isEqualTo("+100.0");
        assertThat(PointsText.signed(-0.006)).doesNotContain("-").startsWith(String.valueOf(PointsText.MINUS));
    }

    @Test
    void rejectsNonFiniteNumbers() {
        assertThatThrownBy(() -> PointsText.signed(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Estimate(0.0, 0.1, -0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
