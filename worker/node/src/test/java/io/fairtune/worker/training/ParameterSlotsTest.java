package io.fairtune.worker.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairtune.contract.catalog.DatasetCatalog;
import io.fairtune.worker.model.ModelFactory;
import io.fairtune.worker.optim.ParameterTensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ParameterSlotsTest {

    private static final int BATCH = 16;

    private MultiLayerNetwork network;
    private ParameterSlots slots;

    @BeforeEach
    void computeOneGradient() {
        network = ModelFactory.create(ModelFactory.CNN, DatasetCatalog.SYNTHETIC, 3);
        Nd4j.getRandom().setSeed(1);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
        for (int i = 0; i < BATCH; i++) {
            labels.putScalar(i, i % 10, 1f);
        }
        network.setInput(Nd4j.rand(DataType.FLOAT, BATCH, 64));
        network.setLabels(labels);
        network.computeGradientAndScore();
        slots = ParameterSlots.bind(network);
    }

    @Test
    void batchNormRunningStatisticsNeverReachTheOptimizer() {
        List<String> trainable =
                slots.trainable().stream().map(ParameterTensor::name).toList();

        assertThat(trainable).noneMatch(name -> name.endsWith("_mean") || name.endsWith("_log10stdev"));
        assertThat(slots.runningStatisticNames())
                .hasSize(4)
                .allMatch(name -> name.endsWith("_mean") || name.endsWith("_log10stdev"));
        assertThat(trainable.size() + slots.runningStatisticNames().size())
                .isEqualTo(network.paramTable().size());
    }

    @Test
    void biasOrNormMeansBiasesAndBatchNormScaleAndShift() {
        for (ParameterTensor tensor : slots.trainable()) {
            String param = tensor.name().substring(tensor.name().indexOf('_') + 1);
            assertThat(tensor.biasOrNorm())
                    .as(tensor.name())
                    .isEqualTo(param.equals("b") || param.equals("gamma") || param.equals("beta"));
        }
    }

    @Test
    void tensorsAreTheNetworksOwnParameterAndGradientViews() {
        Map<String, INDArray> params = network.paramTable();
        Map<String, INDArray> gradients = network.gradient().gradientForVariable();
        for (ParameterTensor tensor : slots.trainable()) {
            assertThat(tensor.value()).isSameAs(params.get(tensor.name()));
            assertThat(tensor.gradient()).isSameAs(gradients.get(tensor.name()));
        }

        INDArray weight = slots.trainable().get(0).value();
        weight.putScalar(0, 123.5f);
        assertThat(network.params().getFloat(0)).isEqualTo(123.5f);
    }

    @Test
    void dividesTrainableGradientsByTheBatchSize() {
        Map<String, float[]> sums = new HashMap<>();
        slots.trainable()
                .forEach(tensor ->
                        sums.put(tensor.name(), tensor.gradient().ravel().toFloatVector()));

        slots.divideGradients(BATCH);

        for (ParameterTensor tensor : slots.trainable()) {
            float[] sum = sums.get(tensor.name());
            float[] mean = tensor.gradient().ravel().toFloatVector();
            for (int i = 0; i < sum.length; i++) {
                assertThat(mean[i]).isEqualTo(sum[i] / BATCH);
            }
        }
    }

    @Test
    void appliesRunningStatisticUpdatesLikeDl4j() {
        Map<String, INDArray> params = network.paramTable();
        Map<String, INDArray> gradients = network.gradient().gradientForVariable();
        Map<String, INDArray> expected = new HashMap<>();
        for (String name : slots.runningStatisticNames()) {
            expected.put(name, params.get(name).sub(gradients.get(name)));
            assertThat(gradients.get(name).norm2Number().doubleValue()).as(name).isGreaterThan(0);
        }

        slots.updateRunningStatistics();

        for (String name : slots.runningStatisticNames()) {
            assertThat(params.get(name).toFloatVector())
                    .containsExactly(expected.get(name).toFloatVector());
        }
    }
}
