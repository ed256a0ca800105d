package io.fairtune.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.fairtune.contract.catalog.Workload;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.worker.data.DatasetRepository;
import io.fairtune.worker.data.Examples;
import io.fairtune.worker.data.LoadedDataset;
import io.fairtune.worker.model.ModelFactory;
import io.fairtune.worker.optim.Optimizers;
import io.fairtune.worker.schedule.Schedules;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BatchNormTrainingTest {

    @Test
    void runningStatisticsFollowTheDataAndServeInference() {
        LoadedDataset synthetic = new DatasetRepository(DatasetRepository.DEFAULT_FASHION_MNIST_DIR).get("synthetic");
        Workload workload = new Workload("synthetic", "cnn", 128, 60, 60, 2_000, "val_accuracy", 0.8);
        Map<String, Object> hyperparameters = Map.of("learning_rate", 3e-3);
        TrainingRequest request = TrainingRequest.of(workload, "adam", "constant", hyperparameters, 9, false);
        MultiLayerNetwork network = ModelFactory.create("cnn", synthetic.definition(), request.seed());
        Map<String, float[]> initial = runningStatistics(network);

        TrainingResult result = new TrainingRun(
                        request,
                        synthetic,
                        new Dl4jGradientStep(network),
                        Optimizers.create("adam", Map.of()),
                        Schedules.create("constant", hyperparameters, workload.trainingSteps()),
                        0.0,
                        new RecordingListener(),
                        System.nanoTime())
                .execute();

        Map<String, float[]> trained = runningStatistics(network);
        assertThat(initial).containsOnlyKeys("1_mean", "1_log10stdev", "5_mean", "5_log10stdev");
        for (String name : initial.keySet()) {
            assertThat(trained.get(name)).as(name).isNotEqualTo(initial.get(name));
        }

        // The running statistics track the first convolution's per-channel output statistics on the data.
        INDArray input = features(synthetic.validation(2_000));
        INDArray convolved = network.feedForwardToLayer(0, input, false).get(1);
        float[] means = convolved.mean(0, 2, 3).toFloatVector();
        float[] stds = convolved.std(false, 0, 2, 3).toFloatVector();
        float[] runningMeans = trained.get("1_mean");
        float[] runningLog10Stds = trained.get("1_log10stdev");
        for (int channel = 0; channel < means.length; channel++) {
            assertThat(runningMeans[channel])
                    .as("running mean of channel " + channel)
                    .isCloseTo(means[channel], within(0.1f * stds[channel] + 0.02f));
            assertThat(Math.pow(10, runningLog10Stds[channel]))
                    .as("running std of channel " + channel)
                    .isCloseTo(stds[channel], withinPercentage(20));
        }

        // Inference (running statistics) predicts as well as batch statistics do.
        double inference = accuracy(network.output(input, false), synthetic.validation(2_000));
        double batchStatistics = accuracy(network.output(input, true), synthetic.validation(2_000));
        System.out.printf(
                "synthetic cnn, adam 3e-3, batch 128, 60 steps: validation accuracy %.4f with running statistics,"
                        + " %.4f with batch statistics, %.0f samples/s%n",
                inference, batchStatistics, result.samplesPerSecond());
        assertThat(result.finalValidationAccuracy()).isEqualTo(inference);
        assertThat(inference).isGreaterThan(0.25).isCloseTo(batchStatistics, within(0.05));
    }

    private static INDArray features(Examples examples) {
        float[] values = new float[examples.size() * examples.featureCount()];
        examples.copyFeatures(0, examples.size(), values, 0);
        return Nd4j.create(values, new long[] {examples.size(), examples.featureCount()}, DataType.FLOAT);
    }

    private static double accuracy(INDArray probabilities, Examples examples) {
        int[] predicted = probabilities.argMax(1).toIntVector();
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == examples.label(i)) {
                correct++;
            }
        }
        return (double) correct / predicted.length;
    }

    private static Map<String, float[]> runningStatistics(MultiLayerNetwork network) {
        Map<String, float[]> statistics = new HashMap<>();
        for (Map.Entry<String, INDArray> param : network.paramTable().entrySet()) {
            if (param.getKey().endsWith("_mean") || param.getKey().endsWith("_log10stdev")) {
                statistics.put(param.getKey(), param.getValue().toFloatVector());
            }
        }
        return statistics;
    }
}
