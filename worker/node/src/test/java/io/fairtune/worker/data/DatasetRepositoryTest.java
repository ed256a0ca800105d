package io.fairtune.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetRepositoryTest {

    private final DatasetRepository repository = new DatasetRepository(DatasetRepository.DEFAULT_FASHION_MNIST_DIR);

    @Test
    void loadsEachDatasetOnceAndSharesItBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<LoadedDataset>> loads = IntStream.range(0, 8)
                    .<Callable<LoadedDataset>>mapToObj(i -> () -> repository.get("synthetic"))
                    .toList();
            List<Future<LoadedDataset>> results = pool.invokeAll(loads);
            LoadedDataset first = results.get(0).get();
            for (Future<LoadedDataset> result : results) {
                assertThat(result.get()).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void namesThePackageAndDirectoryWhenFashionMnistIsMissing(@TempDir Path empty) {
        DatasetRepository missing = new DatasetRepository(empty);

        assertThat(missing.isAvailable("fashion-mnist")).isFalse();
        assertThatThrownBy(() -> missing.get("fashion-mnist"))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("apt-get install dataset-fashion-mnist")
                .hasMessageContaining(empty.toAbsolutePath().toString());
    }

    @Test
    void rejectsUnknownDatasets() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> repository.get("imagenet"))
                .withMessageContaining("fashion-mnist, synthetic");
    }

    @Test
    void splitsValidationFromTheTailOfTheTrainingSet() {
        LoadedDataset synthetic = repository.get("synthetic");

        Examples training = synthetic.training(2_000);
        Examples validation = synthetic.validation(2_000);

        assertThat(training.size()).isEqualTo(10_000);
        assertThat(validation.size()).isEqualTo(2_000);
        assertThat(validation.label(0)).isEqualTo(synthetic.train().label(10_000));
        assertThat(validation.feature(1_999, 63)).isEqualTo(synthetic.train().feature(11_999, 63));
        assertThatIllegalArgumentException().isThrownBy(() -> synthetic.validation(12_000));
        assertThatIllegalArgumentException().isThrownBy(() -> synthetic.training(0));
    }

    @Test
    void readsFashionMnistFromTheDebianPackage() {
        assumeThat(repository.isAvailable("fashion-mnist"))
                .as("Fashion-MNIST files in " + repository.fashionMnistDir())
                .isTrue();

        LoadedDataset fashion = repository.get("fashion-mnist");

        assertThat(fashion.train().size()).isEqualTo(60_000);
        assertThat(fashion.test().size()).isEqualTo(10_000);
        assertThat(fashion.train().featureCount()).isEqualTo(784);
        assertThat(fashion.train().classCounts(10)).containsOnly(6_000);
        assertThat(fashion.test().classCounts(10)).containsOnly(1_000);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        float[] image = new float[784];
        for (int i = 0; i < 1_000; i++) {
            fashion.train().copyFeatures(i, image, 0);
            for (float pixel : image) {
                min = Math.min(min, pixel);
                max = Math.max(max, pixel);
            }
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
        // The first training image of Fashion-MNIST is an ankle boot (class 9), the first test image too.
        assertThat(fashion.train().label(0)).isEqualTo(9);
        assertThat(fashion.test().label(0)).isEqualTo(9);
    }
}
