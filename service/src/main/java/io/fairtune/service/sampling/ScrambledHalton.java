package io.fairtune.service.sampling;

import java.util.Arrays;

/**
 * The Halton sequence with random digit permutations (Braaten and Weller 1979; the "scrambled Halton" of the
 * quasi-random search of Bousquet et al. 2017 that Nado et al. 2021 tune with).
 *
 * <p>Dimension {@code d} (0-based) uses the {@code (d+1)}-th prime {@code b} as base. Coordinate {@code d} of
 * sequence index {@code n} with base-{@code b} digits {@code a_0, a_1, ...} (least significant first) is
 * {@code sum_k pi_{d,k}(a_k) b^-(k+1)} over {@code k < K_b}, where {@code K_b} is the number of base-{@code b}
 * digits that 53-bit doubles resolve ({@code b^K_b >= 2^53}).
 *
 * <p>Decisions:
 *
 * <ul>
 *   <li>Each {@code pi_{d,k}} is a full uniform permutation of {@code 0..b-1}; 0 is <em>not</em> kept at 0. The
 *       leading zero digits of small indices are permuted too, which makes every coordinate exactly uniform on its
 *       {@code b^-K_b} grid (fixing 0 would pull points towards the lower bounds) at the cost of a tail beyond
 *       double precision, which is why digits stop at {@code K_b}.
 *   <li>Permutations come from {@link SplitMix64} seeded with {@code studySeed ^ HALTON_STREAM}, drawn by
 *       Fisher-Yates ({@code j = nextInt(i + 1)} for {@code i = b-1 .. 1}) in the order dimension, then digit
 *       position. Dimension {@code d}'s permutations are thus the same whatever the number of dimensions.
 *   <li>Sample index {@code i} uses sequence index {@code i + 1}: index 0 of the unscrambled sequence is the
 *       origin (every hyperparameter at its lower bound), and skipping it in both variants keeps the scrambled
 *       sequence a digit permutation of the classic one whose points start 1/2, 1/4, 3/4, ...
 * </ul>
 */
public final class ScrambledHalton implements UnitCubeSequence {

    private final int[] bases;
    private final int[][][] permutations;

    private ScrambledHalton(int[] bases, int[][][] permutations) {
        this.bases = bases;
        this.permutations = permutations;
    }

    public static ScrambledHalton scrambled(long seed, int dimensions) {
        int[] bases = firstPrimes(dimensions);
        SplitMix64 random = new SplitMix64(seed ^ SplitMix64.HALTON_STREAM);
        int[][][] permutations = new int[dimensions][][];
        for (int d = 0; d < dimensions; d++) {
            int base = bases[d];
            permutations[d] = new int[digitCount(base)][];
            for (int k = 0; k < permutations[d].length; k++) {
                int[] permutation = identity(base);
                for (int i = base - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int swap = permutation[i];
                    permutation[i] = permutation[j];
                    permutation[j] = swap;
                }
                permutations[d][k] = permutation;
            }
        }
        return new ScrambledHalton(bases, permutations);
    }

    /** The classic Halton sequence (identity permutations), for tests and comparisons. */
    public static ScrambledHalton unscrambled(int dimensions) {
        int[] bases = firstPrimes(dimensions);
        int[][][] permutations = new int[dimensions][][];
        for (int d = 0; d < dimensions; d++) {
            permutations[d] = new int[digitCount(bases[d])][];
            Arrays.fill(permutations[d], identity(bases[d]));
        }
        return new ScrambledHalton(bases, permutations);
    }

    @Override
    public int dimensions() {
        return bases.length;
    }

    /** Sample {@code i} is sequence index {@code i + 1}. */
    @Override
    public double[][] points(int count) {
        double[][] points = new double[count][];
        for (int i = 0; i < count; i++) {
            points[i] = point(i + 1);
        }
        return points;
    }

    /** The point at a raw sequence index (0 is the origin of the unscrambled sequence). */
    public double[] point(int sequenceIndex) {
        if (sequenceIndex < 0) {
            throw new IllegalArgumentException("sequence index must not be negative: " + sequenceIndex);
        }
        double[] point = new double[bases.length];
        for (int d = 0; d < bases.length; d++) {
            int base = bases[d];
            int[][] digitPermutations = permutations[d];
            int[] digits = new int[digitPermutations.length];
            int rest = sequenceIndex;
            for (int k = 0; k < digits.length && rest > 0; k++) {
                digits[k] = rest % base;
                rest /= base;
            }
            // Horner from the least significant end: each step divides by the base once.
            double value = 0;
            for (int k = digits.length - 1; k >= 0; k--) {
                value = (value + digitPermutations[k][digits[k]]) / base;
            }
            point[d] = Math.min(value, Math.nextDown(1.0));
        }
        return point;
    }

    /** The first {@code count} primes: 2, 3, 5, 7, ... */
    public static int[] firstPrimes(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        int[] primes = new int[count];
        int found = 0;
        for (int candidate = 2; found < count; candidate++) {
            boolean prime = true;
            for (int i = 0; i < found && primes[i] * primes[i] <= candidate; i++) {
                if (candidate % primes[i] == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                primes[found++] = candidate;
            }
        }
        return primes;
    }

    /** Digits {@code K} with {@code base^K >= 2^53}: finer digits are below double resolution. */
    static int digitCount(int base) {
        int digits = 0;
        for (double scale = 1; scale < 0x1.0p53; scale *= base) {
            digits++;
        }
        return digits;
    }

    private static int[] identity(int base) {
        int[] identity = new int[base];
        for (int i = 0; i < base; i++) {
            identity[i] = i;
        }
        return identity;
    }
}
