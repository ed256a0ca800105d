package io.fairtune.service.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitMix64Test {

    @Test
    void matchesSplittableRandom() {
        for (long seed : new long[] {0, 1, -1, 42, Long.MIN_VALUE, 0x123456789abcdefL}) {
            SplitMix64 ours = new SplitMix64(seed);
            SplittableRandom jdk = new SplittableRandom(seed);
            for (int i = 0; i < 100; i++) {
                assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
            }
            ours = new SplitMix64(seed);
            jdk = new SplittableRandom(seed);
            for (int i = 0; i < 100; i++) {
                assertThat(ours.nextDouble()).isEqualTo(jdk.nextDouble());
            }
        }
    }

    @Test
    void readsAnyStreamPositionDirectly() {
        SplitMix64 random = new SplitMix64(99);
        for (int k = 1; k <= 10; k++) {
            assertThat(SplitMix64.at(99, k)).isEqualTo(random.nextLong());
        }
    }

    @Test
    void boundedIntegersCoverTheRangeEvenly() {
        SplitMix64 random = new SplitMix64(5);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[random.nextInt(7)]++;
        }
        for (int count : counts) {
            assertThat(count).isBetween(9_500, 10_500);
        }
        assertThat(random.nextInt(1)).isZero();
    }
}
