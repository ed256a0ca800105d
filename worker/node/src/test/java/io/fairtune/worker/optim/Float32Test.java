package io.fairtune.worker.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Training runs in float32 on views into DL4J's flat parameter and gradient buffers; traces run in float64 on
 * plain arrays. Both must give the same trajectory up to float32 rounding, on dense views (the BLAS path) and on
 * strided views (the ND4J-op path).
 */
class Float32Test {

    static Stream<Arguments> cases() {
        Map<String, Map<String, Object>> optimizers = Map.of(
                "sgd", Map.of("weight_decay", 0.1),
                "heavy_ball", Map.of("weight_decay", 0.01),
                "nesterov", Map.of("weight_decay", 0.01, "exclude_bias_and_norm", true),
                "adam", Map.of(),
                "adamw", Map.of("weight_decay", 0.1),
                "lars", Map.of("weight_decay", 0.1, "trust_coefficient", 0.02),
                "lamb", Map.of("weight_decay", 0.01));
        return optimizers.entrySet().stream()
                .flatMap(e -> Stream.of(
                        Arguments.of(e.getKey(), e.getValue(), "dense"),
                        Arguments.of(e.getKey(), e.getValue(), "strided")));
    }

    @ParameterizedTest(name = "{0} on {2} float32 views")
    @MethodSource("cases")
    void float32ViewsFollowTheFloat64Trajectory(String optimizer, Map<String, Object> hyperparameters, String layout) {
        Function<double[][], INDArray[]> float32 =
                "dense".equals(layout) ? Float32Test::denseViews : Float32Test::stridedViews;
        INDArray weight64 = TestTensors.weight(DataType.DOUBLE);
        INDArray bias64 = TestTensors.bias(DataType.DOUBLE);
        INDArray[] params = float32.apply(new double[][] {TestTensors.WEIGHT, TestTensors.BIAS});
        Optimizer rule64 = Optimizers.create(optimizer, hyperparameters);
        Optimizer rule32 = Optimizers.create(optimizer, hyperparameters);
        for (int t = 0; t < TestTensors.LEARNING_RATES.length; t++) {
            double lr = TestTensors.LEARNING_RATES[t];
            rule64.apply(TestTensors.step(weight64, bias64, t), t, lr);
            INDArray[] gradients =
                    float32.apply(new double[][] {TestTensors.WEIGHT_GRADIENTS[t], TestTensors.BIAS_GRADIENTS[t]});
            rule32.apply(
                    List.of(
                            new ParameterTensor("w", params[0], gradients[0], false),
                            new ParameterTensor("b", params[1], gradients[1], true)),
                    t,
                    lr);
        }
        assertThat(params[0].dataType()).isEqualTo(DataType.FLOAT);
        assertNear(TestTensors.values(params[0]), TestTensors.values(weight64));
        assertNear(TestTensors.values(params[1]), TestTensors.values(bias64));
    }

    /**
     * As DL4J lays them out: one flat [1, N] float32 buffer, a weight view reshaped in 'f' order, then a rank-1 bias
     * view.
     */
    private static INDArray[] denseViews(double[][] weightAndBias) {
        INDArray flat = Nd4j.create(DataType.FLOAT, 1, 9);
        INDArray weight =
                flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 6)).reshape('f', 2, 3);
        INDArray bias = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(6, 9));
        weight.assign(Nd4j.create(weightAndBias[0], new long[] {2, 3}, 'c'));
        bias.assign(Nd4j.createFromArray(weightAndBias[1]));
        assertThat(weight.isView() && weight.elementWiseStride() == 1).isTrue();
        return new INDArray[] {weight, bias};
    }

    /** Every other column of a wider matrix: not dense, so no BLAS. */
    private static INDArray[] stridedViews(double[][] weightAndBias) {
        INDArray wide = Nd4j.create(DataType.FLOAT, 2, 6);
        INDArray weight = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 6));
        INDArray biasHost = Nd4j.create(DataType.FLOAT, 3, 2);
        INDArray bias = biasHost.getColumn(1);
        weight.assign(Nd4j.create(weightAndBias[0], new long[] {2, 3}, 'c'));
        bias.assign(Nd4j.createFromArray(weightAndBias[1]));
        assertThat(weight.elementWiseStride()).isNotEqualTo(1);
        assertThat(bias.elementWiseStride()).isNotEqualTo(1);
        return new INDArray[] {weight, bias};
    }

    private static void assertNear(double[] float32, double[] float64) {
        for (int i = 0; i < float64.length; i++) {
            assertThat(float32[i])
                    .as("element %d", i)
                    .isCloseTo(float64[i], within(2e-6 * Math.max(1, Math.abs(float64[i]))));
        }
    }
}
