package io.fairtune.service.report.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    private static final int DATASETS = 200;

    @Test
    void percentileIntervalOfTheMeanCoversTheTruthAtAboutTheNominalRate() {
        // 200 data sets of n = 50 from Normal(0.8, 0.05^2); the true mean is 0.8.
        SplittableRandom data = new SplittableRandom(2024);
        int covered = 0;
        for (int d = 0; d < DATASETS; d++) {
            double[] sample = new double[50];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = 0.8 + 0.05 * data.nextGaussian();
            }
            Estimate estimate = Bootstrap.of(sample, BootstrapTest::mean, BootstrapOptions.withSeed(d));
            if (estimate.lower() <= 0.8 && 0.8 <= estimate.upper()) {
                covered++;
            }
        }
        assertThat(covered / (double) DATASETS).isBetween(0.90, 0.98);
    }

    @Test
    void percentileIntervalOfTheMedianCoversTheTruthAtAboutTheNominalRate() {
        // 200 data sets of n = 50 from the (skewed) standard exponential; the true median is ln 2.
        SplittableRandom data = new SplittableRandom(77);
        double truth = Math.log(2.0);
        int covered = 0;
        for (int d = 0; d < DATASETS; d++) {
            double[] sample = new double[50];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = -Math.log(1.0 - data.nextDouble());
            }
            Estimate estimate = Bootstrap.of(sample, Quantiles::median, BootstrapOptions.withSeed(d));
            if (estimate.lower() <= truth && truth <= estimate.upper()) {
                covered++;
            }
        }
        assertThat(covered / (double) DATASETS).isBetween(0.90, 0.98);
    }

    @Test
    void medianDifferenceIntervalCoversTheTrueDifferenceAtAboutTheNominalRate() {
        // candidate ~ Normal(0.81, 0.01^2), baseline ~ Normal(0.80, 0.01^2), 30 seeds each: true difference 0.01.
        // 400 data sets: the percentile interval of a median of 30 tends to run a little above nominal.
        SplittableRandom data = new SplittableRandom(99);
        int datasets = 2 * DATASETS;
        int covered = 0;
        for (int d = 0; d < datasets; d++) {
            double[] candidate = new double[30];
            double[] baseline = new double[30];
            for (int i = 0; i < 30; i++) {
                candidate[i] = 0.81 + 0.01 * data.nextGaussian();
                baseline[i] = 0.80 + 0.01 * data.nextGaussian();
            }
            Estimate estimate = Bootstrap.medianDifference(candidate, baseline, BootstrapOptions.withSeed(d));
            if (estimate.lower() <= 0.01 && 0.01 <= estimate.upper()) {
                covered++;
            }
        }
        assertThat(covered / (double) datasets).isBetween(0.90, 0.98);
    }

    @Test
    void bestOfKIntervalsForSmallKCoverTheTruthAtAboutTheNominalRate() {
        // The best-of-k value is an unbiased estimate of E[max of k draws] from the population; for Uniform(0, 1)
        // that is k / (k + 1). 200 data sets of n = 50.
        SplittableRandom data = new SplittableRandom(4242);
        int[] ks = {1, 2, 3};
        int[] covered = new int[ks.length];
        for (int d = 0; d < DATASETS; d++) {
            double[] sample = new double[50];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = data.nextDouble();
            }
            List<BestOfKPoint> curve = Bootstrap.bestOfKCurve(sample, BootstrapOptions.withSeed(d));
            for (int j = 0; j < ks.length; j++) {
                BestOfKPoint point = curve.get(ks[j] - 1);
                double truth = ks[j] / (ks[j] + 1.0);
                if (point.lower() <= truth && truth <= point.upper()) {
                    covered[j]++;
                }
            }
        }
        for (int j = 0; j < ks.length; j++) {
            assertThat(covered[j] / (double) DATASETS).as("k=%d", ks[j]).isBetween(0.90, 0.98);
        }
    }

    @Test
    void sameSeedSameResultOtherSeedOtherResult() {
        double[] a = sample(new SplittableRandom(1), 40, 0.80);
        double[] b = sample(new SplittableRandom(2), 40, 0.79);

        assertThat(Bootstrap.medianDifference(a, b, BootstrapOptions.withSeed(7)))
                .isEqualTo(Bootstrap.medianDifference(a, b, BootstrapOptions.withSeed(7)))
                .isNotEqualTo(Bootstrap.medianDifference(a, b, BootstrapOptions.withSeed(8)));
        assertThat(Bootstrap.bestOfKCurve(a, BootstrapOptions.withSeed(7)))
                .isEqualTo(Bootstrap.bestOfKCurve(a, BootstrapOptions.withSeed(7)))
                .isNotEqualTo(Bootstrap.bestOfKCurve(a, BootstrapOptions.withSeed(8)));
        assertThat(Bootstrap.maxDifference(a, b, BootstrapOptions.withSeed(7)))
                .isEqualTo(Bootstrap.maxDifference(a, b, BootstrapOptions.withSeed(7)));
    }

    @Test
    void differencesEstimateTheObservedDifference() {
        double[] baseline = {0.70, 0.72, 0.74, 0.71, 0.73};
        double[] candidate = {0.80, 0.82, 0.84, 0.81, 0.83};

        Estimate median = Bootstrap.medianDifference(candidate, baseline, BootstrapOptions.withSeed(3));
        Estimate max = Bootstrap.maxDifference(candidate, baseline, BootstrapOptions.withSeed(3));
        Estimate mean = Bootstrap.difference(candidate, baseline, BootstrapTest::mean, BootstrapOptions.withSeed(3));

        assertThat(median.value()).isCloseTo(0.82 - 0.72, within(1e-12));
        assertThat(median.lower()).isGreaterThan(0.0);
        assertThat(max.value()).isCloseTo(0.84 - 0.74, within(1e-12));
        assertThat(max.lower()).isGreaterThan(0.0);
        assertThat(mean.value()).isCloseTo(0.1, within(1e-12));
        assertThat(mean.lower()).isBetween(0.07, 0.1);
        assertThat(mean.upper()).isBetween(0.1, 0.13);
        assertThat(Verdict.of("B", "A", median).outcome()).isEqualTo(Verdict.Outcome.BETTER);
        assertThat(Verdict.of("A", "B", Bootstrap.medianDifference(baseline, candidate, BootstrapOptions.withSeed(3)))
                        .outcome())
                .isEqualTo(Verdict.Outcome.WORSE);
    }

    @Test
    void equalSamplesShowNoDifference() {
        double[] a = sample(new SplittableRandom(10), 200, 0.8);

        Estimate median = Bootstrap.medianDifference(a, a.clone(), BootstrapOptions.withSeed(1));
        Estimate max = Bootstrap.maxDifference(a, a.clone(), BootstrapOptions.withSeed(1));

        assertThat(median.value()).isZero();
        assertThat(median.lower()).isNegative();
        assertThat(median.upper()).isPositive();
        assertThat(max.value()).isZero();
        assertThat(max.lower()).isNegative();
        assertThat(max.upper()).isPositive();
    }

    @Test
    void resampledMaximumRankHasTheExactDistribution() {
        // P(rank of the max of 5 draws from 5 items = m) = (m/5)^5 - ((m-1)/5)^5
        SplittableRandom random = new SplittableRandom(6);
        int n = 5;
        int draws = 200_000;
        int[] histogram = new int[n + 1];
        for (int i = 0; i < draws; i++) {
            histogram[Bootstrap.sampleMaxRank(random, n)]++;
        }
        assertThat(histogram[0]).isZero();
        for (int m = 1; m <= n; m++) {
            double expected = Math.pow(m / 5.0, 5) - Math.pow((m - 1) / 5.0, 5);
            assertThat(histogram[m] / (double) draws).as("m=%d", m).isCloseTo(expected, within(0.005));
        }
        assertThat(Bootstrap.sampleMaxRank(random, 1)).isEqualTo(1);
    }

    @Test
    void uniformIndexIsUniformAndInRange() {
        SplittableRandom random = new SplittableRandom(12);
        int[] histogram = new int[7];
        for (int i = 0; i < 70_000; i++) {
            histogram[Bootstrap.uniformIndex(random, 7)]++;
        }
        for (int count : histogram) {
            assertThat(count).isBetween(9_500, 10_500);
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(Bootstrap.uniformIndex(random, 1)).isZero();
            assertThat(Bootstrap.uniformIndex(random, Integer.MAX_VALUE)).isBetween(0, Integer.MAX_VALUE - 1);
        }
    }

    @Test
    void countBasedResampleKernelMatchesTheMaterializedResample() {
        SplittableRandom random = new SplittableRandom(21);
        for (int n : new int[] {1, 2, 5, 37, 400}) {
            double[] sorted = new double[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = random.nextInt(5) == 0 ? 0.0 : Math.round(random.nextDouble() * 50) / 50.0;
            }
            Arrays.sort(sorted);
            int[] allK = new int[n];
            Arrays.setAll(allK, i -> i + 1);
            for (int repetition = 0; repetition < 5; repetition++) {
                int[] counts = new int[n];
                double[] materialized = new double[n];
                for (int i = 0; i < n; i++) {
                    int index = random.nextInt(n);
                    counts[index]++;
                    materialized[i] = sorted[index];
                }
                double[] fromCounts = Bootstrap.expectedMaxOfCounts(sorted, counts, allK);
                double[] direct = ExpectedMax.curve(materialized);
                for (int k = 1; k <= n; k++) {
                    assertThat(fromCounts[k - 1]).as("n=%d k=%d", n, k).isCloseTo(direct[k - 1], within(1e-12));
                }
            }
        }
    }

    @Test
    void intervalGridIsDenseForSmallKThenGeometricAndEndsAtN() {
        assertThat(Bootstrap.intervalGrid(0)).isEmpty();
        assertThat(Bootstrap.intervalGrid(1)).containsExactly(1);
        assertThat(Bootstrap.intervalGrid(10)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(Bootstrap.intervalGrid(20)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 17, 20);
        int[] large = Bootstrap.intervalGrid(10_000);
        assertThat(large)
                .startsWith(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12)
                .endsWith(10_000)
                .isSorted();
        assertThat(large.length).isBetween(40, 60);
        assertThat(large).doesNotHaveDuplicates();
    }

    @Test
    void bestOfKCurveHasExactPointsAndAnIntervalForEveryK() {
        SplittableRandom random = new SplittableRandom(31);
        int n = 300;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(10) == 0 ? 0.0 : 0.7 + 0.1 * random.nextDouble();
        }
        double max = Arrays.stream(values).max().orElseThrow();
        List<BestOfKPoint> curve = Bootstrap.bestOfKCurve(values, BootstrapOptions.withSeed(5));
        double[] exact = ExpectedMax.curve(values);
        int[] grid = Bootstrap.intervalGrid(n);

        assertThat(curve).hasSize(n);
        for (int k = 1; k <= n; k++) {
            BestOfKPoint point = curve.get(k - 1);
            assertThat(point.k()).isEqualTo(k);
            assertThat(point.expectedMax()).isEqualTo(exact[k - 1]);
            assertThat(point.lower()).isLessThanOrEqualTo(point.upper());
            assertThat(point.bootstrapped()).isEqualTo(Arrays.binarySearch(grid, k) >= 0);
        }
        BestOfKPoint first = curve.get(0);
        assertThat(first.lower()).isLessThan(first.expectedMax());
        assertThat(first.upper()).isGreaterThan(first.expectedMax());
        // The degenerate end of a maximum: most resamples contain the sample maximum (see Bootstrap).
        assertThat(curve.get(n - 1).upper()).isEqualTo(max);
        assertThat(Bootstrap.bestOfKCurve(new double[0], BootstrapOptions.withSeed(5)))
                .isEmpty();
    }

    @Test
    void singleObservationGivesADegenerateInterval() {
        Estimate estimate = Bootstrap.of(new double[] {0.9}, BootstrapTest::mean, BootstrapOptions.withSeed(1));
        List<BestOfKPoint> curve = Bootstrap.bestOfKCurve(new double[] {0.9}, BootstrapOptions.withSeed(1));

        assertThat(estimate).isEqualTo(new Estimate(0.9, 0.9, 0.9));
        assertThat(curve).containsExactly(new BestOfKPoint(1, 0.9, 0.9, 0.9, true));
    }

    @Test
    void rejectsBadInputAndOptions() {
        BootstrapOptions options = BootstrapOptions.withSeed(1);
        assertThatThrownBy(() -> Bootstrap.of(new double[0], BootstrapTest::mean, options))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bootstrap.medianDifference(new double[] {Double.NaN}, new double[] {1}, options))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bootstrap.maxDifference(new double[] {0.5}, new double[0], options))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BootstrapOptions(0, 0.95, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BootstrapOptions(100, 1.0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(options.withResamples(2000)).isEqualTo(new BootstrapOptions(2000, 0.95, 1));
    }

    private static double mean(double[] values) {
        double sum = 0.0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double[] sample(SplittableRandom random, int n, double center) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = center + 0.02 * random.nextGaussian();
        }
        return values;
    }
}
