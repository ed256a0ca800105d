package io.fairtune.service.sampling;

/**
 * SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): the
 * generator of {@link java.util.SplittableRandom}. {@code new SplitMix64(s).nextLong()} returns exactly what
 * {@code new SplittableRandom(s).nextLong()} returns; it is written out here so that a study's plan is defined by
 * this file and not by a JDK version.
 *
 * <p>Output {@code k} (the first is {@code k = 1}) of the stream seeded with {@code s} is
 * {@code mix64(s + k * GOLDEN_GAMMA)}. Every use draws from its own stream, the study seed XOR a constant:
 * {@link #HALTON_STREAM}, {@link #UNIFORM_STREAM}, {@link #SEED_STREAM}.
 */
public final class SplitMix64 {

    public static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** Digit permutations of the scrambled Halton sequence ("HALTON" in ASCII). */
    public static final long HALTON_STREAM = 0x48414C544F4E0000L;
    /** Points of the uniform random search ("UNIFORM" in ASCII). */
    public static final long UNIFORM_STREAM = 0x554E49464F524D00L;
    /** Training seeds of tuning and final trials ("SEEDS" in ASCII). */
    public static final long SEED_STREAM = 0x5345454453000000L;
    /** Resampling seeds of a study's report ("REPORT" in ASCII). */
    public static final long REPORT_STREAM = 0x5245504F52540000L;

    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** Uniform in {@code [0, 1)} with 53 random bits, as {@link java.util.SplittableRandom#nextDouble()}. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in {@code [0, bound)}: 63 random bits, rejecting the short last block so no value is favoured. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long candidate = nextLong() >>> 1;
        long value = candidate % bound;
        // Overflow means candidate fell in the incomplete block at the top of the range: draw again.
        while (candidate - value + (bound - 1) < 0) {
            candidate = nextLong() >>> 1;
            value = candidate % bound;
        }
        return (int) value;
    }

    /** Output {@code k} of the stream seeded with {@code seed}, for any {@code k} (also zero or negative). */
    public static long at(long seed, long k) {
        return mix64(seed + k * GOLDEN_GAMMA);
    }

    /** Stafford's variant 13 finalizer: a bijection on 64-bit values, so distinct states give distinct outputs. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
