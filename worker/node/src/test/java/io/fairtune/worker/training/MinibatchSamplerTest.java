package io.fairtune.worker.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MinibatchSamplerTest {

    @Test
    void visitsEveryExampleOncePerEpochInAFreshOrder() {
        MinibatchSampler sampler = new MinibatchSampler(100, 3);
        int[] firstEpoch = new int[100];
        int[] secondEpoch = new int[100];

        sampler.next(firstEpoch);
        sampler.next(secondEpoch);

        int[] all = IntStream.range(0, 100).toArray();
        assertThat(firstEpoch).containsExactlyInAnyOrder(all);
        assertThat(secondEpoch).containsExactlyInAnyOrder(all);
        assertThat(secondEpoch).isNotEqualTo(firstEpoch);
        assertThat(firstEpoch).isNotEqualTo(all);
        assertThat(sampler.epochs()).isEqualTo(2);
    }

    @Test
    void sameSeedGivesTheSameOrderAndOtherSeedsAnother() {
        int[] first = stream(new MinibatchSampler(1_000, 42), 64, 40);
        int[] again = stream(new MinibatchSampler(1_000, 42), 64, 40);
        int[] other = stream(new MinibatchSampler(1_000, 43), 64, 40);

        assertThat(again).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void fullBatchesRunAcrossEpochBoundaries() {
        MinibatchSampler sampler = new MinibatchSampler(10, 1);
        int[] batch = new int[4];
        int[] seen = new int[10];

        for (int i = 0; i < 5; i++) {
            sampler.next(batch);
            Arrays.stream(batch).forEach(index -> seen[index]++);
        }

        assertThat(seen).containsOnly(2);
    }

    private static int[] stream(MinibatchSampler sampler, int batchSize, int batches) {
        int[] all = new int[batchSize * batches];
        int[] batch = new int[batchSize];
        for (int b = 0; b < batches; b++) {
            sampler.next(batch);
            System.arraycopy(batch, 0, all, b * batchSize, batchSize);
        }
        return all;
    }
}
