package io.fairtune.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairtune.contract.catalog.DatasetCatalog;
import io.fairtune.contract.catalog.DatasetDefinition;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ConvolutionHelpersTest {

    @Test
    void installsTheNativeOpHelperOnEveryConvolutionBatchNormAndPoolingLayerOnCpu() {
        MultiLayerNetwork network = ModelFactory.create(ModelFactory.CNN, DatasetCatalog.FASHION_MNIST, 1);

        long withHelper = java.util.Arrays.stream(network.getLayers())
                .filter(layer -> (layer instanceof ConvolutionLayer
                                || layer instanceof BatchNormalization
                                || layer instanceof SubsamplingLayer)
                        && helper(layer) != null)
                .count();

        // Two blocks of convolution, batch norm and pooling (SubsamplingLayer extends no ConvolutionLayer).
        assertThat(withHelper).isEqualTo(ConvolutionHelpers.isCpuBackend() ? 6 : 0);
    }

    @Test
    void theCnnsConfigurationReadsBackFromDl4jsJsonWithTheWorkersOwnLayers() {
        MultiLayerConfiguration configuration = ModelFactory.create(ModelFactory.CNN, DatasetCatalog.FASHION_MNIST, 1)
                .getLayerWiseConfigurations();

        MultiLayerConfiguration readBack = MultiLayerConfiguration.fromJson(configuration.toJson());

        assertThat(readBack).isEqualTo(configuration);
        assertThat(readBack.getInputPreProcess(0)).isInstanceOf(FlatImageInput.class);
        assertThat(readBack.getConfs().stream()
                        .<Class<?>>map(conf -> conf.getLayer().getClass()))
                .contains(InputConvolutionLayer.class, ReluLayer.class, MaxPoolingLayer.class);
    }

    @Test
    void trainsAndPredictsAsDl4jsOwnLayersDo() throws IllegalAccessException {
        DatasetDefinition dataset = DatasetCatalog.FASHION_MNIST;
        MultiLayerNetwork nativeOps = ModelFactory.create(ModelFactory.CNN, dataset, 7);
        MultiLayerNetwork dl4j = ModelFactory.create(ModelFactory.CNN, dataset, 7);
        ConvolutionHelpers.useDl4jConvolutions(dl4j);
        Nd4j.getRandom().setSeed(3);
        INDArray input = Nd4j.rand(DataType.FLOAT, 32, dataset.features());
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 32, dataset.classes());
        for (int i = 0; i < 32; i++) {
            labels.putScalar(i, i % dataset.classes(), 1f);
        }
        for (int step = 0; step < 5; step++) {
            nativeOps.fit(input, labels);
            dl4j.fit(input, labels);
        }

        assertThat(helperFailures(nativeOps))
                .as("a helper that throws is dropped by DL4J, which then trains on its own path")
                .isZero();
        // Parameters after five steps include the batch norms' running statistics.
        INDArray reference = dl4j.params();
        double difference = nativeOps.params().sub(reference).norm2Number().doubleValue();
        assertThat(difference / reference.norm2Number().doubleValue()).isLessThan(1e-4);
        // Inference from the same weights and running statistics (trained ones, not the initial unit variance).
        nativeOps.setParams(reference.dup());
        INDArray expected = dl4j.output(input, false);
        double outputDifference =
                nativeOps.output(input, false).sub(expected).norm2Number().doubleValue();
        assertThat(outputDifference / expected.norm2Number().doubleValue())
                .as("inference, with the running statistics")
                .isLessThan(1e-5);
    }

    private static Object helper(Layer layer) {
        return field(layer, "helper");
    }

    /** DL4J counts a helper's exceptions in each layer and falls back to its own code, without failing. */
    private static int helperFailures(MultiLayerNetwork network) {
        return java.util.Arrays.stream(network.getLayers())
                .map(layer -> field(layer, "helperCountFail"))
                .mapToInt(count -> count == null ? 0 : (Integer) count)
                .sum();
    }

    private static Object field(Layer layer, String name) {
        for (Class<?> type = layer.getClass(); type != null; type = type.getSuperclass()) {
            try {
                java.lang.reflect.Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(layer);
            } catch (NoSuchFieldException e) {
                // the field is declared higher up
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }

    @Test
    void givesTheGradientsOfDl4jsOwnPath() throws IllegalAccessException {
        for (DatasetDefinition dataset :
                new DatasetDefinition[] {DatasetCatalog.FASHION_MNIST, DatasetCatalog.SYNTHETIC}) {
            MultiLayerNetwork nativeOps = ModelFactory.create(ModelFactory.CNN, dataset, 5);
            MultiLayerNetwork dl4j = ModelFactory.create(ModelFactory.CNN, dataset, 5);
            ConvolutionHelpers.useDl4jConvolutions(dl4j);
            Nd4j.getRandom().setSeed(99);
            INDArray input = Nd4j.rand(DataType.FLOAT, 16, dataset.features());
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 16, dataset.classes());
            for (int i = 0; i < 16; i++) {
                labels.putScalar(i, i % dataset.classes(), 1f);
            }

            double nativeScore = score(nativeOps, input, labels);
            double dl4jScore = score(dl4j, input, labels);
            assertThat(helperFailures(nativeOps))
                    .as(dataset.name() + ": helpers that failed")
                    .isZero();

            assertThat(nativeScore).isCloseTo(dl4jScore, org.assertj.core.data.Offset.offset(1e-5));
            Map<String, INDArray> expected = dl4j.gradient().gradientForVariable();
            for (Map.Entry<String, INDArray> gradient :
                    nativeOps.gradient().gradientForVariable().entrySet()) {
                INDArray reference = expected.get(gradient.getKey());
                double difference =
                        gradient.getValue().sub(reference).norm2Number().doubleValue();
                double scale = reference.norm2Number().doubleValue() + 1e-6;
                assertThat(difference / scale)
                        .as(dataset.name() + " gradient " + gradient.getKey())
                        .isLessThan(1e-4);
            }
        }
    }

    private static double score(MultiLayerNetwork network, INDArray input, INDArray labels) {
        network.setInput(input);
        network.setLabels(labels);
        network.computeGradientAndScore();
        return network.score();
    }
}
