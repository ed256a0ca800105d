package io.fairtune.service.report.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExpectedMaxTest {

    @Test
    void handComputedExample() {
        // {0.1, 0.5, 0.9}: k=1 is the mean 0.5; k=2 averages the maxima of the pairs {0.1,0.5}, {0.1,0.9},
        // {0.5,0.9} = (0.5 + 0.9 + 0.9) / 3; k=3 is the maximum.
        double[] curve = ExpectedMax.curve(new double[] {0.9, 0.1, 0.5});

        assertThat(curve).hasSize(3);
        assertThat(curve[0]).isCloseTo(0.5, within(1e-15));
        assertThat(curve[1]).isCloseTo(2.3 / 3, within(1e-15));
        assertThat(curve[2]).isEqualTo(0.9);
    }

    @Test
    void handComputedExampleWithTiesAndZeros() {
        // {0, 0, 0.8, 0.8}: k=2 -> of the 6 pairs only {0,0} has maximum 0, so 5/6 * 0.8; k=3 -> every triple
        // holds a 0.8, so 0.8.
        double[] values = {0.8, 0.0, 0.8, 0.0};

        assertThat(ExpectedMax.of(values, 1)).isCloseTo(0.4, within(1e-15));
        assertThat(ExpectedMax.of(values, 2)).isCloseTo(5.0 / 6 * 0.8, within(1e-15));
        assertThat(ExpectedMax.of(values, 3)).isCloseTo(0.8, within(1e-15));
        assertThat(ExpectedMax.of(values, 4)).isEqualTo(0.8);
    }

    @Test
    void matchesBruteForceEnumerationOfAllSubsets() {
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 1; n <= 10; n++) {
            for (int repetition = 0; repetition < 20; repetition++) {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    // diverged trials (0), ties from coarse values, and plain values
                    double u = random.nextDouble();
                    values[i] = u < 0.2 ? 0.0 : u < 0.4 ? 0.5 + 0.1 * random.nextInt(3) : random.nextDouble();
                }
                double[] curve = ExpectedMax.curve(values);
                for (int k = 1; k <= n; k++) {
                    assertThat(curve[k - 1])
                            .as("n=%d k=%d values=%s", n, k, Arrays.toString(values))
                            .isCloseTo(bruteForce(values, k), within(1e-13));
                    assertThat(ExpectedMax.of(values, k)).isCloseTo(bruteForce(values, k), within(1e-13));
                }
            }
        }
    }

    @Test
    void matchesExactRationalArithmeticForModerateN() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 120;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble() < 0.1 ? 0.0 : 0.6 + 0.3 * random.nextDouble();
        }
        double[] curve = ExpectedMax.curve(values);
        for (int k = 1; k <= n; k++) {
            assertThat(curve[k - 1]).as("k=%d", k).isCloseTo(exactWithBinomials(values, k), within(1e-13));
        }
    }

    @Test
    void largeNAgreesWithClosedFormsAndLogGammaWeights() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 10_000;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble() < 0.05 ? 0.0 : Math.min(1.0, 0.75 + 0.04 * random.nextGaussian());
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] curve = ExpectedMax.curve(values);

        assertThat(curve).hasSize(n);
        assertThat(curve[0]).isCloseTo(Arrays.stream(values).sum() / n, within(1e-12));
        assertThat(curve[n - 1]).isEqualTo(sorted[n - 1]);
        // k = 2: weight of the i-th smallest is (i - 1) / C(n, 2)
        double two = 0.0;
        for (int i = 1; i <= n; i++) {
            two += sorted[i - 1] * 2.0 * (i - 1) / ((double) n * (n - 1));
        }
        assertThat(curve[1]).isCloseTo(two, within(1e-12));
        for (int k : new int[] {3, 17, 100, 999, 5000, 9999}) {
            assertThat(curve[k - 1]).as("k=%d", k).isCloseTo(withLogFactorials(sorted, k), within(1e-9));
        }
    }

    @Test
    void curveIsNondecreasingFromMeanToMax() {
        SplittableRandom random = new SplittableRandom(8);
        for (int n : new int[] {1, 2, 7, 50, 1000}) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(4) == 0 ? 0.0 : random.nextDouble();
            }
            double[] curve = ExpectedMax.curve(values);
            double mean = Arrays.stream(values).sum() / n;
            double max = Arrays.stream(values).max().orElseThrow();

            assertThat(curve[0]).isCloseTo(mean, within(1e-12));
            assertThat(curve[n - 1]).isEqualTo(max);
            for (int k = 2; k <= n; k++) {
                assertThat(curve[k - 1]).isGreaterThanOrEqualTo(curve[k - 2]);
            }
        }
    }

    @Test
    void constantValuesGiveAFlatCurve() {
        double[] values = new double[500];
        Arrays.fill(values, 0.9);

        for (double value : ExpectedMax.curve(values)) {
            assertThat(value).isCloseTo(0.9, within(1e-14));
        }
    }

    @Test
    void leavesInputUntouchedAndHandlesEmptyInput() {
        double[] values = {0.3, 0.1, 0.2};
        ExpectedMax.curve(values);

        assertThat(values).containsExactly(0.3, 0.1, 0.2);
        assertThat(ExpectedMax.curve(new double[0])).isEmpty();
    }

    @Test
    void rejectsNonFiniteValuesAndBadK() {
        assertThatThrownBy(() -> ExpectedMax.curve(new double[] {0.1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExpectedMax.curve(new double[] {Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExpectedMax.of(new double[] {0.1, 0.2}, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExpectedMax.of(new double[] {0.1, 0.2}, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Average of max over all C(n, k) subsets, enumerated as bit masks. */
    private static double bruteForce(double[] values, int k) {
        int n = values.length;
        double sum = 0.0;
        int subsets = 0;
        for (int mask = 1; mask < (1 << n); mask++) {
            if (Integer.bitCount(mask) != k) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    max = Math.max(max, values[i]);
                }
            }
            sum += max;
            subsets++;
        }
        return sum / subsets;
    }

    /** The textbook formula with exact integer binomials and decimal arithmetic. */
    private static double exactWithBinomials(double[] values, int k) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = k; i <= n; i++) {
            sum = sum.add(new BigDecimal(sorted[i - 1]).multiply(new BigDecimal(binomial(i - 1, k - 1))));
        }
        return sum.divide(new BigDecimal(binomial(n, k)), MathContext.DECIMAL128)
                .doubleValue();
    }

    private static BigInteger binomial(int n, int k) {
        BigInteger result = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            result = result.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return result;
    }

    /** The formula with weights exp(ln C(i-1, k-1) - ln C(n, k)) from a table of ln m!. */
    private static double withLogFactorials(double[] sorted, int k) {
        int n = sorted.length;
        double[] logFactorial = new double[n + 1];
        for (int m = 1; m <= n; m++) {
            logFactorial[m] = logFactorial[m - 1] + Math.log(m);
        }
        double logTotal = logFactorial[n] - logFactorial[k] - logFactorial[n - k];
        double sum = 0.0;
        for (int i = k; i <= n; i++) {
            double logWeight = logFactorial[i - 1] - logFactorial[k - 1] - logFactorial[i - k] - logTotal;
            sum += sorted[i - 1] * Math.exp(logWeight);
        }
        return sum;
    }
}
