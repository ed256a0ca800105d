package io.fairtune.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fairtune.worker.data.DatasetRepository;
import io.fairtune.worker.data.Examples;
import io.fairtune.worker.data.LoadedDataset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class MinibatchesTest {

    private final LoadedDataset synthetic = new DatasetRepository(Path.of("unused")).get("synthetic");

    @Test
    void fillsFeaturesAndSmoothedLabelsOfTheSampledExamples() {
        Examples training = synthetic.training(2_000);
        Minibatches batches = new Minibatches(training, 10, 8, 0.1, 5);
        int[] expectedOrder = new int[8];
        new MinibatchSampler(training.size(), 5).next(expectedOrder);

        batches.next();

        INDArray features = batches.features();
        INDArray labels = batches.labels();
        assertThat(features.shape()).containsExactly(8, 64);
        assertThat(labels.shape()).containsExactly(8, 10);
        for (int row = 0; row < 8; row++) {
            int example = expectedOrder[row];
            assertThat(features.getFloat(row, 17)).isEqualTo(training.feature(example, 17));
            int label = training.label(example);
            for (int k = 0; k < 10; k++) {
                // y' = y(1 − s) + s/K with s = 0.1, K = 10
                assertThat(labels.getFloat(row, k)).isCloseTo(k == label ? 0.91f : 0.01f, within(1e-7f));
            }
            assertThat(labels.getRow(row).sumNumber().doubleValue()).isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void withoutSmoothingLabelsAreOneHot() {
        Minibatches batches = new Minibatches(synthetic.training(2_000), 10, 4, 0.0, 1);

        batches.next();

        assertThat(batches.labels().ravel().toFloatVector()).containsOnly(0f, 1f);
        assertThat(batches.labels().sumNumber().doubleValue()).isEqualTo(4.0);
    }
}
