package io.fairtune.service.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.fairtune.service.spec.ParameterSpace.Choice;
import io.fairtune.service.spec.ParameterSpace.Fixed;
import io.fairtune.service.spec.ParameterSpace.Range;
import io.fairtune.service.spec.ParameterSpace.Scale;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpaceMappingTest {

    private static final double BELOW_ONE = Math.nextDown(1.0);

    @Test
    void linearScaleIsAffine() {
        Range range = new Range(0.02, 0.3, Scale.LINEAR);

        assertThat(SpaceMapping.range(range, 0)).isEqualTo(0.02);
        assertThat(SpaceMapping.range(range, 0.5)).isCloseTo(0.16, within(1e-15));
        assertThat(SpaceMapping.range(range, BELOW_ONE))
                .isCloseTo(0.3, within(1e-15))
                .isLessThanOrEqualTo(0.3);
    }

    @Test
    void logScaleIsUniformInTheLogarithm() {
        Range range = new Range(1e-4, 1e-1, Scale.LOG);

        assertThat(SpaceMapping.range(range, 0)).isCloseTo(1e-4, withinPercentage(1e-9));
        assertThat(SpaceMapping.range(range, 1 / 3.0)).isCloseTo(1e-3, within(1e-15));
        assertThat(SpaceMapping.range(range, 0.5)).isCloseTo(Math.sqrt(1e-5), within(1e-15));
        assertThat(SpaceMapping.range(range, BELOW_ONE)).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void oneMinusLogScaleTunesTheDistanceToOneLogarithmically() {
        Range range = new Range(0.9, 0.999, Scale.ONE_MINUS_LOG);

        assertThat(SpaceMapping.range(range, 0)).isCloseTo(0.9, within(1e-15));
        // 1 - x runs log-uniformly from 0.1 to 0.001: half way is 0.01, a quarter of the way 10^-1.5.
        assertThat(SpaceMapping.range(range, 0.5)).isCloseTo(0.99, within(1e-12));
        assertThat(SpaceMapping.range(range, 0.25)).isCloseTo(1 - Math.pow(10, -1.5), within(1e-12));
        assertThat(SpaceMapping.range(range, BELOW_ONE)).isCloseTo(0.999, within(1e-12));
    }

    @Test
    void everyScaleStaysInsideItsRangeAndGrowsWithU() {
        List<Range> ranges = List.of(
                new Range(-3, 7, Scale.LINEAR),
                new Range(1e-6, 1e-3, Scale.LOG),
                new Range(0.1, 100, Scale.LOG),
                new Range(0.5, 0.98, Scale.ONE_MINUS_LOG),
                new Range(0.7, 0.995, Scale.ONE_MINUS_LOG),
                new Range(1e-9, 1 - 1e-9, Scale.ONE_MINUS_LOG));
        for (Range range : ranges) {
            double previous = Double.NEGATIVE_INFINITY;
            for (int i = 0; i <= 10_000; i++) {
                double u = i == 10_000 ? BELOW_ONE : i / 10_000.0;
                double x = SpaceMapping.range(range, u);
                assertThat(x).as("%s at %s", range, u).isBetween(range.min(), range.max());
                assertThat(x).isGreaterThanOrEqualTo(previous);
                previous = x;
            }
        }
    }

    @Test
    void choicesSplitTheUnitIntervalEvenly() {
        Choice choice = new Choice(List.of(0.0, 0.1, 0.2));

        assertThat(SpaceMapping.value(choice, 0)).isEqualTo(0.0);
        assertThat(SpaceMapping.value(choice, 0.33)).isEqualTo(0.0);
        assertThat(SpaceMapping.value(choice, 0.34)).isEqualTo(0.1);
        assertThat(SpaceMapping.value(choice, 0.67)).isEqualTo(0.2);
        assertThat(SpaceMapping.value(choice, BELOW_ONE)).isEqualTo(0.2);
        assertThat(SpaceMapping.value(new Choice(List.of(true, false)), 0.6)).isEqualTo(false);
    }

    @Test
    void fixedValuesIgnoreTheCoordinate() {
        assertThat(SpaceMapping.value(new Fixed(0.001), 0.7)).isEqualTo(0.001);
        assertThat(SpaceMapping.value(new Range(1, 2, Scale.LINEAR), 0.5)).isEqualTo(1.5);
    }
}
