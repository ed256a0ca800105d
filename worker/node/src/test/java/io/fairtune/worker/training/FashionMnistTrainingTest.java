package io.fairtune.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.fairtune.contract.catalog.Workload;
import io.fairtune.contract.protocol.Measurement;
import io.fairtune.contract.protocol.TrainingOutcome;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.worker.data.DatasetRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Training on real Fashion-MNIST (Debian's {@code dataset-fashion-mnist}; skipped only when its files are
 * absent). Short runs sized for a shared 2-core CI machine; the numbers are printed for the record.
 */
class FashionMnistTrainingTest {

    private static final DatasetRepository DATASETS =
            new DatasetRepository(DatasetRepository.DEFAULT_FASHION_MNIST_DIR);

    private final Trainer trainer = new Trainer(DATASETS);

    @BeforeAll
    static void requireFashionMnist() {
        assumeThat(DATASETS.isAvailable("fashion-mnist"))
                .as("Fashion-MNIST in " + DATASETS.fashionMnistDir() + " (apt-get install dataset-fashion-mnist)")
                .isTrue();
    }

    private static TrainingRequest request(
            String model,
            int batchSize,
            int steps,
            int evalEvery,
            int validation,
            String optimizer,
            Map<String, Object> hp) {
        Workload workload =
                new Workload("fashion-mnist", model, batchSize, steps, evalEvery, validation, "val_accuracy", 0.85);
        return TrainingRequest.of(workload, optimizer, "constant", hp, 1, false);
    }

    @Test
    void mlpReachesABelievableValidationAccuracy() {
        RecordingListener listener = new RecordingListener();

        TrainingResult result =
                trainer.train(request("mlp", 128, 400, 100, 2_000, "adam", Map.of("learning_rate", 1e-3)), listener);

        System.out.printf(
                "fashion-mnist mlp, adam 1e-3, batch 128, 400 steps (~0.9 epoch), 2000 validation examples:"
                        + " validation accuracy %.4f (best %.4f), %.0f samples/s, %.1f s%n",
                result.finalValidationAccuracy(),
                result.bestValidationAccuracy(),
                result.samplesPerSecond(),
                result.wallSeconds());
        assertThat(result.outcome()).isEqualTo(TrainingOutcome.SUCCEEDED);
        assertThat(result.finalValidationAccuracy()).isGreaterThanOrEqualTo(0.82);
        assertThat(listener.measurements).extracting(Measurement::step).containsExactly(100, 200, 300, 400);
    }

    @Test
    void mlpThroughputAtBatch256() {
        TrainingResult result = trainer.train(
                request("mlp", 256, 150, 150, 1_000, "nesterov", Map.of("learning_rate", 0.05, "momentum", 0.9)),
                new RecordingListener());

        System.out.printf(
                "fashion-mnist mlp, nesterov, batch 256, 150 steps: validation accuracy %.4f, %.0f samples/s"
                        + " (training steps only, evaluation excluded)%n",
                result.finalValidationAccuracy(), result.samplesPerSecond());
        assertThat(result.finalValidationAccuracy()).isGreaterThan(0.75);
    }

    /** Rates picked by hand for 50 steps of batch 64; they show each rule trains the cnn, not which is best. */
    static List<Arguments> optimizers() {
        return List.of(
                Arguments.of("sgd", Map.of("learning_rate", 0.1)),
                Arguments.of("heavy_ball", Map.of("learning_rate", 0.02, "momentum", 0.9)),
                Arguments.of("nesterov", Map.of("learning_rate", 0.02, "momentum", 0.9)),
                Arguments.of("adam", Map.of("learning_rate", 3e-3)),
                Arguments.of("adamw", Map.of("learning_rate", 3e-3, "weight_decay", 1e-4)),
                Arguments.of("lars", Map.of("learning_rate", 0.1, "trust_coefficient", 0.02, "weight_decay", 1e-4)),
                Arguments.of("lamb", Map.of("learning_rate", 0.01, "weight_decay", 1e-4)));
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void everyOptimizerTrainsTheCnn(String optimizer, Map<String, Object> hyperparameters) {
        Map<String, Object> hp = new HashMap<>(hyperparameters);
        RecordingListener listener = new RecordingListener();

        TrainingResult result = trainer.train(request("cnn", 64, 50, 25, 1_000, optimizer, hp), listener);

        System.out.printf(
                "fashion-mnist cnn, %s %s, batch 64, 50 steps: validation accuracy %.4f, %.0f samples/s%n",
                optimizer, hyperparameters, result.finalValidationAccuracy(), result.samplesPerSecond());
        assertThat(result.outcome()).isEqualTo(TrainingOutcome.SUCCEEDED);
        assertThat(result.finalValidationAccuracy()).isGreaterThan(0.6);
        assertThat(listener.measurements.get(1).trainLoss())
                .isLessThan(listener.measurements.get(0).trainLoss());
    }
}
