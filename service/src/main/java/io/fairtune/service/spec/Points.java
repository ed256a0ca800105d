package io.fairtune.service.spec;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Accuracy fractions as percentage points for sentences: {@code 0.005 -> "0.5"}, trailing zeros kept to one. */
final class Points {

    private Points() {}

    static String of(double fraction) {
        BigDecimal points = BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros();
        return points.scale() <= 0
                ? points.setScale(1, RoundingMode.UNNECESSARY).toPlainString()
                : points.toPlainString();
    }
}
