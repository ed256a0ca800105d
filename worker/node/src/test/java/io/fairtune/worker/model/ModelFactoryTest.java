package io.fairtune.worker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fairtune.contract.catalog.DatasetCatalog;
import io.fairtune.contract.catalog.DatasetDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

class ModelFactoryTest {

    static List<Arguments> modelsAndDatasets() {
        List<Arguments> arguments = new ArrayList<>();
        for (String model : io.fairtune.contract.catalog.ModelCatalog.names()) {
            arguments.add(Arguments.of(model, DatasetCatalog.FASHION_MNIST));
            arguments.add(Arguments.of(model, DatasetCatalog.SYNTHETIC));
        }
        return arguments;
    }

    @ParameterizedTest
    @MethodSource("modelsAndDatasets")
    void mapsFlatRowsToClassProbabilities(String model, DatasetDefinition dataset) {
        MultiLayerNetwork network = ModelFactory.create(model, dataset, 7);
        INDArray input = Nd4j.rand(DataType.FLOAT, 5, dataset.features());

        INDArray output = network.output(input, false);

        assertThat(output.shape()).containsExactly(5, dataset.classes());
        assertThat(output.dataType()).isEqualTo(DataType.FLOAT);
        for (double sum : output.sum(1).toDoubleVector()) {
            assertThat(sum).isCloseTo(1.0, offset());
        }
    }

    @ParameterizedTest
    @MethodSource("modelsAndDatasets")
    void hasNoUpdaterAndNoRegularizationOfItsOwn(String model, DatasetDefinition dataset) {
        MultiLayerNetwork network = ModelFactory.create(model, dataset, 7);

        for (NeuralNetConfiguration configuration :
                network.getLayerWiseConfigurations().getConfs()) {
            if (configuration.getLayer() instanceof BaseLayer layer) {
                assertThat(layer.getIUpdater()).isInstanceOf(NoOp.class);
                assertThat(layer.getRegularization()).isNullOrEmpty();
                assertThat(layer.getRegularizationBias()).isNullOrEmpty();
                assertThat(layer.getGradientNormalization().name()).isEqualTo("None");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("modelsAndDatasets")
    void sameSeedGivesSameInitialWeights(String model, DatasetDefinition dataset) {
        float[] first = ModelFactory.create(model, dataset, 11).params().toFloatVector();
        float[] second = ModelFactory.create(model, dataset, 11).params().toFloatVector();
        float[] other = ModelFactory.create(model, dataset, 12).params().toFloatVector();

        assertThat(second).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    /**
     * The shapes the trainer's bias/norm rule relies on (OPTIMIZERS.md: rank-1 tensors), and the batch-norm
     * running statistics that DL4J updates through their gradient slot.
     */
    @ParameterizedTest
    @MethodSource("modelsAndDatasets")
    void biasesAndBatchNormScalesAreTheRankOneTensors(String model, DatasetDefinition dataset) {
        MultiLayerNetwork network = ModelFactory.create(model, dataset, 7);

        for (Layer layer : network.getLayers()) {
            for (Map.Entry<String, INDArray> param : layer.paramTable().entrySet()) {
                String name = param.getKey();
                boolean biasOrNorm = name.equals("b") || name.equals("gamma") || name.equals("beta");
                boolean runningStatistic = name.equals("mean") || name.equals("log10stdev");
                boolean convolution = layer instanceof ConvolutionLayer;
                int expectedRank = biasOrNorm || runningStatistic ? 1 : convolution ? 4 : 2;
                assertThat(param.getValue().rank())
                        .as(layer.getClass().getSimpleName() + " " + name)
                        .isEqualTo(expectedRank);
                assertThat(layer.updaterDivideByMinibatch(name)).isEqualTo(!runningStatistic);
            }
        }
    }

    /** Quartz runs several slots per node: weight init must not depend on what other threads initialize. */
    @Test
    void concurrentInitializationsWithOneSeedAgree() throws Exception {
        float[] expected = ModelFactory.create(ModelFactory.CNN, DatasetCatalog.FASHION_MNIST, 21)
                .params()
                .toFloatVector();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long seed = i % 2 == 0 ? 21 : 22;
                results.add(pool.submit(() -> ModelFactory.create(ModelFactory.CNN, DatasetCatalog.FASHION_MNIST, seed)
                        .params()
                        .toFloatVector()));
            }
            for (int i = 0; i < results.size(); i += 2) {
                assertThat(results.get(i).get()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsUnknownModels() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ModelFactory.create("resnet", DatasetCatalog.SYNTHETIC, 1))
                .withMessageContaining("mlp, cnn");
    }

    private static Offset<Double> offset() {
        return Offset.offset(1e-5);
    }
}
