package io.fairtune.service.report.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** Quantiles and distribution functions against printed tables and closed forms, never against this code. */
class DistributionsTest {

    @Test
    void studentQuantilesMatchTheTables() {
        // Two-sided 95% and one-sided 95% critical values, as printed to 9–10 digits in t tables.
        assertThat(StudentT.quantile(0.975, 10)).isCloseTo(2.228138852, offset(1e-8));
        assertThat(StudentT.quantile(0.95, 3)).isCloseTo(2.353363435, offset(1e-8));
        assertThat(StudentT.quantile(0.975, 1)).isCloseTo(12.70620474, offset(1e-7));
        assertThat(StudentT.quantile(0.975, 4)).isCloseTo(2.776445105, offset(1e-8));
        assertThat(StudentT.quantile(0.95, 8)).isCloseTo(1.859548038, offset(1e-8));
        // 0.80 at ν = 10: 0.8790578286 by Simpson integration of the density (tables print 0.879).
        assertThat(StudentT.quantile(0.80, 10)).isCloseTo(0.8790578286, offset(1e-9));
        assertThat(StudentT.quantile(0.025, 10)).isCloseTo(-2.228138852, offset(1e-8));
    }

    @Test
    void studentDistributionFunctionMatchesClosedForms() {
        // df = 1 is Cauchy: F(t) = 1/2 + atan(t)/π; df = 2: F(t) = 1/2 + t / (2 sqrt(2 + t²)).
        for (double t : new double[] {-7.5, -1, 0, 0.3, 1, 4}) {
            assertThat(StudentT.cdf(t, 1)).isCloseTo(0.5 + Math.atan(t) / Math.PI, offset(1e-14));
            assertThat(StudentT.cdf(t, 2)).isCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), offset(1e-14));
        }
    }

    @Test
    void fractionalDegreesOfFreedomMatchAnIndependentIntegration() {
        // The 0.975 quantile at 4.381565165 degrees of freedom, found by Simpson integration of the t density
        // (written down from a separate computation): 2.683640931.
        assertThat(StudentT.quantile(0.975, 4.381565165344905)).isCloseTo(2.683640931, offset(1e-6));
    }

    @Test
    void normalMatchesTheTables() {
        assertThat(Normal.quantile(0.975)).isCloseTo(1.959963985, offset(1e-9));
        assertThat(Normal.quantile(0.95)).isCloseTo(1.644853627, offset(1e-9));
        assertThat(Normal.quantile(0.80)).isCloseTo(0.8416212336, offset(1e-9));
        assertThat(Normal.cdf(1.96)).isCloseTo(0.9750021048517795, offset(1e-14));
        assertThat(Normal.cdf(-3)).isCloseTo(0.0013498980316301, offset(1e-15));
        assertThat(Normal.cdf(0)).isEqualTo(0.5);
    }

    @Test
    void largeDegreesOfFreedomApproachTheNormal() {
        assertThat(StudentT.quantile(0.975, 1e7)).isCloseTo(Normal.quantile(0.975), offset(1e-6));
    }

    @Test
    void rejectsImpossibleArguments() {
        assertThatThrownBy(() -> StudentT.quantile(1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StudentT.cdf(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Normal.quantile(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
