package io.fairtune.service.report.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class HolmTest {

    @Test
    void stepsDownUntilTheFirstPValueAboveItsLevel() {
        // Sorted: 0.005 ≤ 0.05/4, 0.01 ≤ 0.05/3, 0.03 > 0.05/2 stops; 0.04 is not rejected although ≤ 0.05.
        double[] p = {0.01, 0.04, 0.03, 0.005};
        assertThat(Holm.rejects(p, 0.05)).containsExactly(true, false, false, true);
        double[] levels = Holm.levels(p, 0.05);
        assertThat(levels[3]).isCloseTo(0.0125, offset(1e-15));
        assertThat(levels[0]).isCloseTo(0.05 / 3, offset(1e-15));
        assertThat(levels[2]).isCloseTo(0.025, offset(1e-15));
        assertThat(levels[1]).isCloseTo(0.05, offset(1e-15));
    }

    @Test
    void oneTestIsHeldToAlphaItself() {
        assertThat(Holm.rejects(new double[] {0.049}, 0.05)).containsExactly(true);
        assertThat(Holm.levels(new double[] {0.2}, 0.05)).containsExactly(0.05);
    }

    @Test
    void tiesTakeTheStricterLevelsInOrder() {
        assertThat(Holm.levels(new double[] {0.01, 0.01}, 0.05)).containsExactly(0.025, 0.05);
        assertThat(Holm.rejects(new double[] {0.02, 0.02}, 0.05)).containsExactly(true, true);
    }

    @Test
    void anEmptyFamilyRejectsNothing() {
        assertThat(Holm.rejects(new double[0], 0.05)).isEmpty();
    }
}
