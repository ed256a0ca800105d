package io.fairtune.service.sampling;

/**
 * Training seeds (weight initialization and data order), all from the {@link SplitMix64#SEED_STREAM} stream of
 * the study seed {@code s}, writing {@code S = s ^ SEED_STREAM}:
 *
 * <ul>
 *   <li>tuning sample {@code i} (0-based) trains with {@code mix64(S + (i + 1) * GOLDEN_GAMMA)}, whatever its arm,
 *       so point {@code i} of every arm sees the same initialization and batches and arms differ only in their
 *       hyperparameters;
 *   <li>final-phase run {@code j} (0-based) trains with {@code mix64(S - j * GOLDEN_GAMMA)}.
 * </ul>
 *
 * The two sets use disjoint stream positions ({@code >= 1} and {@code <= 0}); {@code GOLDEN_GAMMA} is odd and
 * {@code mix64} a bijection, so a final seed never repeats a tuning seed or another final seed.
 */
public final class TrialSeeds {

    private TrialSeeds() {}

    public static long tuning(long studySeed, int sampleIndex) {
        if (sampleIndex < 0) {
            throw new IllegalArgumentException("sample index must not be negative: " + sampleIndex);
        }
        return SplitMix64.at(studySeed ^ SplitMix64.SEED_STREAM, sampleIndex + 1L);
    }

    public static long finalEvaluation(long studySeed, int run) {
        if (run < 0) {
            throw new IllegalArgumentException("run must not be negative: " + run);
        }
        return SplitMix64.at(studySeed ^ SplitMix64.SEED_STREAM, -(long) run);
    }
}
