package io.fairtune.service.report.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Plain-language verdict of a comparison {@code candidate - baseline}, e.g. {@code "LARS does not beat Nesterov:
 * +0.2 points [−0.6, +1.0]"}.
 *
 * <p>The difference and its interval are given in accuracy units (fractions) and rendered in percentage points
 * with one decimal (rounded half away from zero on the decimal value), a leading {@code +} for positive numbers,
 * the Unicode minus sign {@code −} (U+2212) for negative ones, and no sign for a number that rounds to {@code
 * 0.0}. The outcome depends on the unrounded interval: {@link Outcome#BETTER} if its lower bound is above 0,
 * {@link Outcome#WORSE} if its upper bound is below 0, otherwise {@link Outcome#NO_SIGNIFICANT_DIFFERENCE}.
 *
 * @param outcome machine-readable outcome
 * @param text human-readable sentence
 */
public record Verdict(Outcome outcome, String text) {

    /** Machine-readable outcome of a comparison. */
    public enum Outcome {
        /** The whole interval lies above 0: the candidate is better. */
        BETTER,
        /** The whole interval lies below 0: the candidate is worse. */
        WORSE,
        /** The interval contains 0. */
        NO_SIGNIFICANT_DIFFERENCE
    }

    /** The Unicode minus sign used for negative numbers. */
    public static final char MINUS = '\u2212';

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(text, "text");
    }

    /**
     * The verdict on {@code candidate - baseline}.
     *
     * @param candidate display name of the candidate arm, e.g. {@code "LARS"}
     * @param baseline display name of the baseline arm, e.g. {@code "Nesterov"}
     * @param difference the difference {@code candidate - baseline} in accuracy units with its interval; all three
     *     numbers finite
     */
    public static Verdict of(String candidate, String baseline, Estimate difference) {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(difference, "difference");
        if (!Double.isFinite(difference.value())
                || !Double.isFinite(difference.lower())
                || !Double.isFinite(difference.upper())) {
            throw new IllegalArgumentException("difference must be finite but was " + difference);
        }
        Outcome outcome;
        String relation;
        if (difference.lower() > 0.0) {
            outcome = Outcome.BETTER;
            relation = " beats ";
        } else if (difference.upper() < 0.0) {
            outcome = Outcome.WORSE;
            relation = " is worse than ";
        } else {
            outcome = Outcome.NO_SIGNIFICANT_DIFFERENCE;
            relation = " does not beat ";
        }
        String text = candidate + relation + baseline + ": " + points(difference.value()) + " points ["
                + points(difference.lower()) + ", " + points(difference.upper()) + "]";
        return new Verdict(outcome, text);
    }

    /**
     * An accuracy difference in percentage points with sign and one decimal: {@code 0.012 -> "+1.2"}, {@code
     * -0.006 -> "−0.6"}, {@code 0.0004 -> "0.0"}.
     */
    public static String points(double accuracyDifference) {
        if (!Double.isFinite(accuracyDifference)) {
            throw new IllegalArgumentException("difference must be finite but was " + accuracyDifference);
        }
        BigDecimal rounded =
                BigDecimal.valueOf(accuracyDifference).movePointRight(2).setScale(1, RoundingMode.HALF_UP);
        String magnitude = rounded.abs().toPlainString();
        return switch (rounded.signum()) {
            case 1 -> "+" + magnitude;
            case -1 -> MINUS + magnitude;
            default -> magnitude;
        };
    }
}
