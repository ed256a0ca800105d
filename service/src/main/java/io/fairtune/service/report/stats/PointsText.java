package io.fairtune.service.report.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Accuracy differences as signed percentage points for the report's sentences: {@code 0.012 -> "+1.2"}, {@code
 * -0.006 -> "−0.6"}, {@code 0.0004 -> "0.0"}. One decimal, rounded half away from zero on the decimal value, a
 * leading {@code +} for positive numbers, the Unicode minus sign {@code −} (U+2212) for negative ones, and no sign
 * for a number that rounds to {@code 0.0}.
 */
public final class PointsText {

    /** The Unicode minus sign used for negative numbers. */
    public static final char MINUS = '\u2212';

    private PointsText() {}

    public static String signed(double accuracyDifference) {
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
