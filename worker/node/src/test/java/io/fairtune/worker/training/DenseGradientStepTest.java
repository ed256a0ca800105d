package io.fairtune.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fairtune.contract.catalog.DatasetCatalog;
import io.fairtune.worker.model.ModelFactory;
import io.fairtune.worker.optim.Optimizer;
import io.fairtune.worker.optim.Optimizers;
import io.fairtune.worker.optim.ParameterTensor;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The lean mlp path against DL4J's own {@code computeGradientAndScore()} for the same weights and batch. */
class DenseGradientStepTest {

    private static final int BATCH = 48;
    private static final int CLASSES = 10;

    @Test
    void lossAndEveryGradientMatchDl4jForTheSameWeightsAndBatch() {
        MultiLayerNetwork network = ModelFactory.create(ModelFactory.MLP, DatasetCatalog.FASHION_MNIST, 5);
        MultiLayerNetwork reference = network.clone();
        INDArray features = features(1);
        INDArray labels = smoothedLabels(2, 0.1);
        GradientStep lean = DenseGradientStep.forNetwork(network, BATCH).orElseThrow();
        GradientStep dl4j = new Dl4jGradientStep(reference);

        double leanLoss = lean.compute(features, labels);
        double dl4jLoss = dl4j.compute(features, labels);

        assertThat(leanLoss).isCloseTo(dl4jLoss, org.assertj.core.data.Percentage.withPercentage(1e-4));
        assertSameTensors(lean.trainable(), dl4j.trainable(), true);
    }

    @Test
    void trainingStepsThroughEitherPathReachTheSameWeights() {
        MultiLayerNetwork network = ModelFactory.create(ModelFactory.MLP, DatasetCatalog.FASHION_MNIST, 7);
        MultiLayerNetwork reference = network.clone();
        GradientStep lean = DenseGradientStep.forNetwork(network, BATCH).orElseThrow();
        GradientStep dl4j = new Dl4jGradientStep(reference);
        Optimizer leanOptimizer = Optimizers.create("nesterov", Map.of("momentum", 0.9));
        Optimizer dl4jOptimizer = Optimizers.create("nesterov", Map.of("momentum", 0.9));

        for (int step = 0; step < 8; step++) {
            INDArray features = features(10 + step);
            INDArray labels = smoothedLabels(20 + step, 0.0);
            double leanLoss = lean.compute(features, labels);
            double dl4jLoss = dl4j.compute(features, labels);
            assertThat(leanLoss)
                    .as("loss of step " + step)
                    .isCloseTo(dl4jLoss, org.assertj.core.data.Offset.offset(1e-4));
            leanOptimizer.apply(lean.trainable(), step, 0.1);
            dl4jOptimizer.apply(dl4j.trainable(), step, 0.1);
        }

        assertSameTensors(lean.trainable(), dl4j.trainable(), false);
        assertThat(network.params().sub(reference.params()).amaxNumber().doubleValue())
                .as("the network's own parameters are the ones trained")
                .isLessThan(1e-4);
    }

    @Test
    void predictionsMatchDl4jOutputForFullAndShortChunks() {
        MultiLayerNetwork network = ModelFactory.create(ModelFactory.MLP, DatasetCatalog.FASHION_MNIST, 9);
        GradientStep lean = DenseGradientStep.forNetwork(network, BATCH).orElseThrow();
        Nd4j.getRandom().setSeed(3);
        INDArray full = Nd4j.rand(DataType.FLOAT, DenseGradientStep.EVALUATION_CHUNK, 784);
        INDArray shortChunk = full.get(NDArrayIndex.interval(0, 37), NDArrayIndex.all());

        INDArray expectedFull = network.output(full, false);
        double fullDifference =
                lean.predict(full).sub(expectedFull).amaxNumber().doubleValue();
        INDArray expectedShort = network.output(shortChunk.dup(), false);
        INDArray actualShort = lean.predict(shortChunk);

        assertThat(fullDifference).as("a full chunk").isLessThan(1e-5);
        assertThat(actualShort.shape()).isEqualTo(new long[] {37, CLASSES});
        assertThat(actualShort.sub(expectedShort).amaxNumber().doubleValue())
                .as("a short last chunk")
                .isLessThan(1e-5);
        assertThat(expectedShort.amaxNumber().doubleValue()).isGreaterThan(0.1);
    }

    @Test
    void releaseFreesTheStepsOwnArraysAndLeavesTheNetworksParameters() {
        MultiLayerNetwork network = ModelFactory.create(ModelFactory.MLP, DatasetCatalog.FASHION_MNIST, 11);
        GradientStep lean = DenseGradientStep.forNetwork(network, BATCH).orElseThrow();
        lean.compute(features(4), smoothedLabels(4, 0.0));
        INDArray probabilities = lean.predict(features(5));
        INDArray parametersBefore = network.params().dup();

        lean.release();

        assertThat(lean.trainable()).allSatisfy(tensor -> {
            assertThat(tensor.gradient().wasClosed())
                    .as(tensor.name() + " gradient")
                    .isTrue();
            assertThat(tensor.value().wasClosed())
                    .as(tensor.name() + " parameters")
                    .isFalse();
        });
        assertThat(probabilities.wasClosed()).as("the evaluation buffer").isTrue();
        assertThat(network.params().wasClosed()).isFalse();
        assertThat(network.params()).isEqualTo(parametersBefore);
    }

    @Test
    void coversOnlyNetworksItComputesExactly() {
        assertThat(DenseGradientStep.forNetwork(
                        ModelFactory.create(ModelFactory.CNN, DatasetCatalog.FASHION_MNIST, 1), BATCH))
                .isEmpty();
        assertThat(DenseGradientStep.forNetwork(
                        mlpWith(new DenseLayer.Builder().nOut(8).activation(Activation.TANH)), BATCH))
                .as("another activation")
                .isEmpty();
        assertThat(DenseGradientStep.forNetwork(
                        mlpWith(new DenseLayer.Builder()
                                .nOut(8)
                                .activation(Activation.RELU)
                                .dropOut(0.5)),
                        BATCH))
                .as("dropout")
                .isEmpty();
        assertThat(DenseGradientStep.forNetwork(
                        mlpWith(new DenseLayer.Builder()
                                .nOut(8)
                                .activation(Activation.RELU)
                                .hasBias(false)),
                        BATCH))
                .as("no bias")
                .isEmpty();
        assertThat(DenseGradientStep.forNetwork(
                        mlpWith(new DenseLayer.Builder().nOut(8).activation(Activation.RELU)), BATCH))
                .as("the control: a plain ReLU layer is covered")
                .isPresent();
    }

    @Test
    void refusesABatchOfAnotherSize() {
        MultiLayerNetwork network = ModelFactory.create(ModelFactory.MLP, DatasetCatalog.FASHION_MNIST, 5);
        GradientStep lean = DenseGradientStep.forNetwork(network, BATCH).orElseThrow();

        assertThatThrownBy(() -> lean.compute(Nd4j.rand(DataType.FLOAT, BATCH + 1, 784), smoothedLabels(1, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("built for " + BATCH);
    }

    private static MultiLayerNetwork mlpWith(DenseLayer.Builder hidden) {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.FLOAT)
                .updater(new NoOp())
                .list()
                .layer(hidden.nIn(784).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT)
                        .nIn(8)
                        .nOut(CLASSES)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
        network.init();
        return network;
    }

    /** Pixel-like values in [0, 1), as the datasets give. */
    private static INDArray features(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, BATCH, 784);
    }

    private static INDArray smoothedLabels(long seed, double smoothing) {
        java.util.Random random = new java.util.Random(seed);
        INDArray labels = Nd4j.valueArrayOf(new long[] {BATCH, CLASSES}, (float) (smoothing / CLASSES));
        for (int row = 0; row < BATCH; row++) {
            labels.putScalar(row, random.nextInt(CLASSES), (float) (1 - smoothing + smoothing / CLASSES));
        }
        return labels;
    }

    /** Same names in the same order, and values within float tolerance of the reference's scale. */
    private static void assertSameTensors(
            List<ParameterTensor> lean, List<ParameterTensor> reference, boolean gradients) {
        assertThat(lean.stream().map(ParameterTensor::name).toList())
                .isEqualTo(reference.stream().map(ParameterTensor::name).toList());
        for (int i = 0; i < lean.size(); i++) {
            INDArray actual = gradients ? lean.get(i).gradient() : lean.get(i).value();
            INDArray expected =
                    gradients ? reference.get(i).gradient() : reference.get(i).value();
            assertThat(actual.shape()).as(lean.get(i).name()).isEqualTo(expected.shape());
            double scale = expected.amaxNumber().doubleValue();
            assertThat(scale).as(lean.get(i).name() + " is not all zeros").isGreaterThan(0);
            double difference = actual.sub(expected).amaxNumber().doubleValue();
            assertThat(difference)
                    .as(
                            "%s %s: largest difference %.3g against largest value %.3g",
                            lean.get(i).name(), gradients ? "gradient" : "value", difference, scale)
                    .isLessThanOrEqualTo(1e-4 * scale);
            assertThat(lean.get(i).biasOrNorm()).isEqualTo(reference.get(i).biasOrNorm());
        }
    }
}
