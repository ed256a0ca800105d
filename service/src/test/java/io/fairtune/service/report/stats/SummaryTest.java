package io.fairtune.service.report.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference numbers are computed by hand with the type 7 rule h = (n - 1) p, Q = x[floor h] + frac(h) (x[floor h +
 * 1] - x[floor h]) (0-based), and cross-checked with numpy 2: {@code np.percentile(a, [25, 50, 75])}, {@code
 * a.mean()}, {@code a.std(ddof=1)}.
 */
class SummaryTest {

    private static final double EPS = 1e-12;

    @Test
    void fiveSeedsWithQuartilesOnOrderStatistics() {
        // sorted: 0.899 0.905 0.912 0.918 0.921; h = 1, 2, 3 hit order statistics exactly
        // mean = 4.555 / 5 = 0.911; deviations -12 -6 1 7 10 (1e-3): squares sum 330e-6, / 4 = 82.5e-6
        Summary summary = Summary.of(new double[] {0.912, 0.905, 0.918, 0.899, 0.921}, 0.91);

        assertThat(summary.n()).isEqualTo(5);
        assertThat(summary.min()).isEqualTo(0.899);
        assertThat(summary.q1()).isCloseTo(0.905, within(EPS));
        assertThat(summary.median()).isCloseTo(0.912, within(EPS));
        assertThat(summary.q3()).isCloseTo(0.918, within(EPS));
        assertThat(summary.max()).isEqualTo(0.921);
        assertThat(summary.mean()).isCloseTo(0.911, within(EPS));
        assertThat(summary.standardDeviation()).isCloseTo(0.009082951062292475, within(EPS));
        assertThat(summary.fractionReachingTarget()).isEqualTo(0.6); // 0.912, 0.918, 0.921
    }

    @Test
    void sixSeedsWithInterpolatedQuartiles() {
        // sorted: 0.80 0.82 0.85 0.86 0.90 0.91; h(q1) = 1.25 -> 0.82 + 0.25 * 0.03 = 0.8275;
        // h(median) = 2.5 -> 0.855; h(q3) = 3.75 -> 0.86 + 0.75 * 0.04 = 0.89.
        // mean = 5.14 / 6; in hundredths the deviations are (-17 -11 -2 1 13 16) / 3, squares sum 840 / 9,
        // so sd = sqrt(840 / 9 / 5) / 100 = 0.043204937989385...
        Summary summary = Summary.of(new double[] {0.86, 0.80, 0.91, 0.82, 0.90, 0.85}, 0.86);

        assertThat(summary.n()).isEqualTo(6);
        assertThat(summary.min()).isEqualTo(0.80);
        assertThat(summary.q1()).isCloseTo(0.8275, within(EPS));
        assertThat(summary.median()).isCloseTo(0.855, within(EPS));
        assertThat(summary.q3()).isCloseTo(0.89, within(EPS));
        assertThat(summary.max()).isEqualTo(0.91);
        assertThat(summary.mean()).isCloseTo(5.14 / 6, within(EPS));
        assertThat(summary.standardDeviation()).isCloseTo(0.043204937989385, within(1e-14));
        assertThat(summary.fractionReachingTarget()).isCloseTo(0.5, within(EPS)); // target reached inclusively
    }

    @Test
    void oneToTen() {
        // h = 2.25, 4.5, 6.75 -> 3.25, 5.5, 7.75; sum of squared deviations 82.5, sd = sqrt(82.5 / 9)
        Summary summary = Summary.of(new double[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 11);

        assertThat(summary.q1()).isCloseTo(3.25, within(EPS));
        assertThat(summary.median()).isCloseTo(5.5, within(EPS));
        assertThat(summary.q3()).isCloseTo(7.75, within(EPS));
        assertThat(summary.mean()).isCloseTo(5.5, within(EPS));
        assertThat(summary.standardDeviation()).isCloseTo(3.0276503540974917, within(EPS));
        assertThat(summary.fractionReachingTarget()).isZero();
    }

    @Test
    void singleSeed() {
        Summary summary = Summary.of(new double[] {0.93}, 0.9);

        assertThat(summary)
                .extracting(Summary::min, Summary::q1, Summary::median, Summary::q3, Summary::max, Summary::mean)
                .containsOnly(0.93);
        assertThat(summary.standardDeviation()).isNaN();
        assertThat(summary.fractionReachingTarget()).isEqualTo(1.0);
    }

    @Test
    void quantilesAtTheEnds() {
        double[] values = {0.3, 0.1, 0.2};

        assertThat(Quantiles.of(values, 0.0)).isEqualTo(0.1);
        assertThat(Quantiles.of(values, 1.0)).isEqualTo(0.3);
        assertThat(Quantiles.median(values)).isEqualTo(0.2);
        assertThat(values).containsExactly(0.3, 0.1, 0.2);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> Summary.of(new double[0], 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Summary.of(new double[] {Double.NaN}, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Summary.of(new double[] {0.5}, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quantiles.of(new double[] {0.5}, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
