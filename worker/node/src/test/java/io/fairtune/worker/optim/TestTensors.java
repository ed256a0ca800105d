package io.fairtune.worker.optim;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A weight matrix and a bias, with gradients for a few steps, as float64 or float32 ND4J arrays. */
final class TestTensors {

    static final double[] WEIGHT = {1.0, -2.0, 0.5, 3.0, -0.25, 0.75};
    static final double[] BIAS = {0.1, -0.1, 0.3};
    static final double[][] WEIGHT_GRADIENTS = {
        {0.3, -0.1, 0.2, 0.05, 0.0, -0.4}, {-0.2, 0.4, 0.1, 0.0, 0.3, 0.1}, {0.1, 0.1, -0.3, 0.2, -0.1, 0.05}
    };
    static final double[][] BIAS_GRADIENTS = {{0.01, 0.02, -0.05}, {-0.03, 0.01, 0.02}, {0.02, -0.02, 0.0}};
    static final double[] LEARNING_RATES = {0.05, 0.1, 0.08};

    private TestTensors() {}

    static INDArray weight(DataType type) {
        return Nd4j.create(WEIGHT, new long[] {2, 3}, 'c').castTo(type);
    }

    static INDArray bias(DataType type) {
        return Nd4j.create(BIAS, new long[] {3}, 'c').castTo(type);
    }

    static List<ParameterTensor> step(INDArray weight, INDArray bias, int step) {
        List<ParameterTensor> tensors = new ArrayList<>();
        tensors.add(new ParameterTensor(
                "w",
                weight,
                Nd4j.create(WEIGHT_GRADIENTS[step], new long[] {2, 3}, 'c').castTo(weight.dataType()),
                false));
        tensors.add(new ParameterTensor(
                "b",
                bias,
                Nd4j.create(BIAS_GRADIENTS[step], new long[] {3}, 'c').castTo(bias.dataType()),
                true));
        return tensors;
    }

    static double[] values(INDArray array) {
        return array.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }
}
