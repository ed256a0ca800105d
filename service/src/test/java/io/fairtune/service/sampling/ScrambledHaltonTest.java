package io.fairtune.service.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fairtune.service.spec.SearchAlgorithm;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ScrambledHaltonTest {

    @Test
    void usesTheFirstPrimesAsBases() {
        assertThat(ScrambledHalton.firstPrimes(10)).containsExactly(2, 3, 5, 7, 11, 13, 17, 19, 23, 29);
        assertThat(ScrambledHalton.firstPrimes(0)).isEmpty();
        assertThat(ScrambledHalton.digitCount(2)).isEqualTo(53);
        assertThat(ScrambledHalton.digitCount(3)).isEqualTo(34);
    }

    @Test
    void unscrambledSequenceIsTheClassicHaltonSequence() {
        double[][] points = ScrambledHalton.unscrambled(3).points(7);

        assertThat(column(points, 0)).containsExactly(1 / 2.0, 1 / 4.0, 3 / 4.0, 1 / 8.0, 5 / 8.0, 3 / 8.0, 7 / 8.0);
        double[] base3 = column(points, 1);
        double[] expected3 = {1 / 3.0, 2 / 3.0, 1 / 9.0, 4 / 9.0, 7 / 9.0, 2 / 9.0, 5 / 9.0};
        for (int i = 0; i < expected3.length; i++) {
            assertThat(base3[i]).isCloseTo(expected3[i], within(1e-15));
        }
        assertThat(points[0][2]).isCloseTo(1 / 5.0, within(1e-15));
        assertThat(ScrambledHalton.unscrambled(2).point(0)).containsExactly(0.0, 0.0);
    }

    @Test
    void sameSeedGivesSamePointsAndOtherSeedsOtherPoints() {
        double[][] first = ScrambledHalton.scrambled(7, 4).points(64);
        double[][] again = ScrambledHalton.scrambled(7, 4).points(64);
        double[][] other = ScrambledHalton.scrambled(8, 4).points(64);

        assertThat(again).isDeepEqualTo(first);
        for (int d = 0; d < 4; d++) {
            assertThat(column(other, d)).isNotEqualTo(column(first, d));
        }
        assertThat(column(first, 0))
                .isNotEqualTo(column(ScrambledHalton.unscrambled(4).points(64), 0));
    }

    @Test
    void aPointDependsOnlyOnItsIndexAndDimension() {
        double[][] twoDimensions = ScrambledHalton.scrambled(3, 2).points(50);
        double[][] fiveDimensions = ScrambledHalton.scrambled(3, 5).points(100);

        for (int i = 0; i < 50; i++) {
            assertThat(Arrays.copyOf(fiveDimensions[i], 2)).containsExactly(twoDimensions[i]);
        }
    }

    @Test
    void pointsStayInTheUnitCubeAndAreDistinct() {
        double[][] points = ScrambledHalton.scrambled(11, 6).points(1000);

        for (double[] point : points) {
            for (double x : point) {
                assertThat(x).isGreaterThanOrEqualTo(0).isLessThan(1);
            }
        }
        assertThat(Arrays.stream(points).map(Arrays::toString).distinct().count())
                .isEqualTo(1000);
        for (int d = 0; d < 6; d++) {
            assertThat(Arrays.stream(column(points, d)).average().orElseThrow()).isCloseTo(0.5, within(0.02));
        }
    }

    @Test
    void eachBaseBlockFillsEveryStratum() {
        // Indices m*b^k .. (m+1)*b^k - 1 fall one per interval of width b^-k in every scrambled coordinate.
        ScrambledHalton halton = ScrambledHalton.scrambled(2024, 2);
        int[] bases = {2, 3};
        int[] blocks = {64, 81};
        for (int d = 0; d < 2; d++) {
            boolean[] seen = new boolean[blocks[d]];
            for (int n = blocks[d]; n < 2 * blocks[d]; n++) {
                seen[(int) Math.floor(halton.point(n)[d] * blocks[d])] = true;
            }
            assertThat(seen).as("base %d", bases[d]).doesNotContain(false);
        }
    }

    @Test
    void hasFarLowerDiscrepancyThanRandomPoints() {
        int n = 256;
        int d = 4;
        double halton = 0;
        int haltonSeeds = 5;
        for (long seed = 1; seed <= haltonSeeds; seed++) {
            halton += l2StarDiscrepancy(ScrambledHalton.scrambled(seed, d).points(n));
        }
        halton /= haltonSeeds;
        double random = 0;
        int randomSets = 30;
        for (long seed = 1; seed <= randomSets; seed++) {
            random += l2StarDiscrepancy(new UniformRandomSequence(seed, d).points(n));
        }
        random /= randomSets;

        // Expected L2-star discrepancy of n uniform points: sqrt((2^-d - 3^-d) / n).
        assertThat(random).isCloseTo(Math.sqrt((Math.pow(2, -d) - Math.pow(3, -d)) / n), within(0.004));
        assertThat(halton).isLessThan(random / 2);
        for (long seed = 100; seed < 110; seed++) {
            assertThat(l2StarDiscrepancy(ScrambledHalton.scrambled(seed, d).points(n)))
                    .isLessThan(random / 2);
        }
    }

    @Test
    void choosesTheSequenceOfTheSearchAlgorithm() {
        assertThat(UnitCubeSequence.of(SearchAlgorithm.QUASI_RANDOM, 1, 3)).isInstanceOf(ScrambledHalton.class);
        assertThat(UnitCubeSequence.of(SearchAlgorithm.RANDOM, 1, 3)).isInstanceOf(UniformRandomSequence.class);
        assertThat(UnitCubeSequence.of(SearchAlgorithm.RANDOM, 1, 3).dimensions())
                .isEqualTo(3);
    }

    @Test
    void randomPointsAreSeededAndSharedAcrossDimensions() {
        double[][] a = new UniformRandomSequence(9, 2).points(20);
        double[][] b = new UniformRandomSequence(9, 4).points(30);
        double[][] c = new UniformRandomSequence(10, 2).points(20);

        for (int i = 0; i < 20; i++) {
            assertThat(Arrays.copyOf(b[i], 2)).containsExactly(a[i]);
        }
        assertThat(c).isNotEqualTo(a);
        assertThat(new UniformRandomSequence(9, 2).points(20)).isDeepEqualTo(a);
    }

    /** Warnock's closed form of the L2-star discrepancy of points in the unit cube. */
    static double l2StarDiscrepancy(double[][] points) {
        int n = points.length;
        int d = points[0].length;
        double single = 0;
        for (double[] x : points) {
            double product = 1;
            for (double v : x) {
                product *= 1 - v * v;
            }
            single += product;
        }
        double pairs = 0;
        for (double[] x : points) {
            for (double[] y : points) {
                double product = 1;
                for (int k = 0; k < d; k++) {
                    product *= 1 - Math.max(x[k], y[k]);
                }
                pairs += product;
            }
        }
        double squared = Math.pow(3, -d) - Math.pow(2, 1 - d) / n * single + pairs / ((double) n * n);
        return Math.sqrt(squared);
    }

    private static double[] column(double[][] points, int d) {
        return Arrays.stream(points).mapToDouble(p -> p[d]).toArray();
    }
}
