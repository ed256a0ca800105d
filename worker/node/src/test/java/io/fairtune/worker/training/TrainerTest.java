package io.fairtune.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fairtune.contract.catalog.Workload;
import io.fairtune.contract.protocol.Measurement;
import io.fairtune.contract.protocol.TrainingOutcome;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.worker.data.DatasetRepository;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The training loop on the synthetic dataset: seconds per run, no files needed. */
class TrainerTest {

    private static final DatasetRepository DATASETS =
            new DatasetRepository(DatasetRepository.DEFAULT_FASHION_MNIST_DIR);

    private final Trainer trainer = new Trainer(DATASETS);

    static Workload synthetic(String model, int batchSize, int steps, int evalEvery) {
        return new Workload("synthetic", model, batchSize, steps, evalEvery, 2_000, "val_accuracy", 0.8);
    }

    static TrainingRequest request(
            Workload workload, String optimizer, Map<String, Object> hyperparameters, long seed) {
        return TrainingRequest.of(workload, optimizer, "constant", hyperparameters, seed, false);
    }

    @Test
    void sameSeedGivesBitIdenticalLearningCurves() {
        for (String model : new String[] {"mlp", "cnn"}) {
            TrainingRequest request = request(
                    synthetic(model, 64, 30, 10),
                    "nesterov",
                    Map.of("learning_rate", 0.05, "momentum", 0.9, "weight_decay", 1e-4),
                    17);
            RecordingListener first = new RecordingListener();
            RecordingListener second = new RecordingListener();
            RecordingListener otherSeed = new RecordingListener();

            trainer.train(request, first);
            trainer.train(request, second);
            trainer.train(
                    TrainingRequest.of(
                            request.workload(),
                            "nesterov",
                            "constant",
                            request.hyperparameters().asMap(),
                            18,
                            false),
                    otherSeed);

            assertThat(first.curve()).as(model).hasSize(3).isEqualTo(second.curve());
            assertThat(otherSeed.curve()).as(model).isNotEqualTo(first.curve());
        }
    }

    @Test
    void mlpLearnsTheSyntheticTaskInAFewDozenSteps() {
        RecordingListener listener = new RecordingListener();

        TrainingResult result = trainer.train(
                request(synthetic("mlp", 256, 50, 10), "adam", Map.of("learning_rate", 3e-3), 1), listener);

        System.out.printf(
                "synthetic mlp, adam 3e-3, batch 256: validation accuracy %.4f after 50 steps, %.0f samples/s%n",
                result.finalValidationAccuracy(), result.samplesPerSecond());
        assertThat(result.outcome()).isEqualTo(TrainingOutcome.SUCCEEDED);
        assertThat(result.finalValidationAccuracy()).isGreaterThan(0.8);
        assertThat(result.stepsToTarget()).isNotNull().isLessThanOrEqualTo(50);
    }

    @Test
    void measuresEveryEvalStepsAndAfterTheLastStep() {
        RecordingListener listener = new RecordingListener();

        TrainingResult result = trainer.train(
                request(synthetic("mlp", 128, 25, 10), "adam", Map.of("learning_rate", 3e-3), 2), listener);

        assertThat(listener.measurements).extracting(Measurement::step).containsExactly(10, 20, 25);
        assertThat(result.stepsCompleted()).isEqualTo(25);
        double best = listener.measurements.stream()
                .mapToDouble(Measurement::validationAccuracy)
                .max()
                .orElseThrow();
        assertThat(result.bestValidationAccuracy()).isEqualTo(best);
        assertThat(result.finalValidationAccuracy()).isEqualTo(listener.last().validationAccuracy());
        assertThat(listener.measurements).allSatisfy(m -> {
            assertThat(m.trainLoss()).isPositive();
            assertThat(m.validationLoss()).isPositive();
            assertThat(m.learningRate()).isEqualTo(3e-3);
        });
        assertThat(listener.measurements)
                .extracting(Measurement::elapsedSeconds)
                .isSorted();
        assertThat(result.samplesPerSecond()).isPositive();
        assertThat(result.testAccuracy()).isNull();
        assertThat(result.testLoss()).isNull();
    }

    @Test
    void stepsToTargetIsTheFirstMeasuredStepAtTheTarget() {
        RecordingListener listener = new RecordingListener();

        TrainingResult result = trainer.train(
                request(synthetic("mlp", 256, 60, 5), "adam", Map.of("learning_rate", 3e-3), 3), listener);

        Integer expected = listener.measurements.stream()
                .filter(m -> m.validationAccuracy() >= 0.8)
                .map(Measurement::step)
                .findFirst()
                .orElse(null);
        assertThat(result.stepsToTarget()).isNotNull().isEqualTo(expected);
    }

    @Test
    void divergentLearningRateEndsTheRunAtOnce() {
        RecordingListener listener = new RecordingListener();

        TrainingResult result = trainer.train(
                request(synthetic("mlp", 64, 500, 100), "sgd", Map.of("learning_rate", 1e6), 4), listener);

        assertThat(result.outcome()).isEqualTo(TrainingOutcome.DIVERGED);
        assertThat(result.stepsCompleted()).isLessThan(20);
        assertThat(result.message()).contains("non-finite training loss");
        assertThat(result.finalValidationAccuracy()).isNaN();
        Measurement last = listener.last();
        assertThat(Double.isFinite(last.trainLoss())).isFalse();
        assertThat(last.step()).isEqualTo(result.stepsCompleted());
        assertThat(listener.measurements).extracting(Measurement::step).doesNotHaveDuplicates();
    }

    @Test
    void listenerCanStopTheRun() {
        RecordingListener listener = new RecordingListener(5);

        TrainingResult result = trainer.train(
                request(synthetic("mlp", 64, 100, 50), "adam", Map.of("learning_rate", 1e-3), 5), listener);

        assertThat(result.outcome()).isEqualTo(TrainingOutcome.STOPPED);
        assertThat(result.stepsCompleted()).isEqualTo(5);
        assertThat(listener.measurements).isEmpty();
    }

    @Test
    void finalPhaseRunsAlsoReportTheTestSplit() {
        Map<String, Object> hyperparameters = new HashMap<>();
        hyperparameters.put("learning_rate", 0.1);
        hyperparameters.put("momentum", 0.9);
        hyperparameters.put("label_smoothing", 0.1);
        hyperparameters.put("warmup_fraction", 0.1);
        hyperparameters.put("end_lr_factor", 0.01);
        TrainingRequest request = TrainingRequest.of(
                synthetic("mlp", 128, 40, 20), "heavy_ball", "warmup_cosine_decay", hyperparameters, 6, true);
        RecordingListener listener = new RecordingListener();

        TrainingResult result = trainer.train(request, listener);

        assertThat(result.outcome()).isEqualTo(TrainingOutcome.SUCCEEDED);
        assertThat(result.testAccuracy()).isNotNull().isBetween(0.5, 1.0);
        assertThat(result.testLoss()).isNotNull().isPositive();
        // cosine decay from 0.1 to 0.001 after 4 warmup steps: the last step's rate is just above the end rate
        assertThat(listener.last().learningRate()).isBetween(0.001, 0.002);
    }

    @Test
    void rejectsHyperparametersThatNoPartOfTheRunReads() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> trainer.train(
                        request(synthetic("mlp", 64, 10, 5), "adam", Map.of("learning_rate", 1e-3, "momentum", 0.9), 1),
                        new RecordingListener()))
                .withMessageContaining("'momentum'");
    }

    @Test
    void rejectsInvalidWorkloads() {
        Map<String, Object> rate = Map.of("learning_rate", 1e-3);
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        trainer.train(request(synthetic("vit", 64, 10, 5), "adam", rate, 1), new RecordingListener()))
                .withMessageContaining("unknown model");
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        trainer.train(request(synthetic("mlp", 0, 10, 5), "adam", rate, 1), new RecordingListener()))
                .withMessageContaining("batchSize");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> trainer.train(
                        request(
                                new Workload("synthetic", "mlp", 64, 10, 5, 12_000, "val_accuracy", 0.8),
                                "adam",
                                rate,
                                1),
                        new RecordingListener()))
                .withMessageContaining("validationExamples");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> trainer.train(
                        request(new Workload("synthetic", "mlp", 64, 10, 5, 2_000, "val_loss", 0.8), "adam", rate, 1),
                        new RecordingListener()))
                .withMessageContaining("targetMetric");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> trainer.train(
                        request(
                                synthetic("mlp", 64, 10, 5),
                                "adam",
                                Map.of("learning_rate", 1e-3, "label_smoothing", 1.0),
                                1),
                        new RecordingListener()))
                .withMessageContaining("label_smoothing");
    }
}
