package io.fairtune.worker.optim;

import io.fairtune.contract.plugin.Tensor;
import io.fairtune.contract.plugin.UpdateRule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A plugin's {@link UpdateRule} as an {@link Optimizer}: each tensor's value and gradient are copied into row-major
 * double arrays, the rule updates the value copy, and the result is written back in the tensor's data type (rounded
 * to float in float32 training, exact in float64 traces). The copies cost two array conversions per tensor and step,
 * which is small beside a minibatch's forward and backward pass.
 */
final class PluginOptimizer extends PerTensorOptimizer {

    private final String optimizer;
    private final UpdateRule rule;

    PluginOptimizer(String optimizer, UpdateRule rule) {
        this.optimizer = optimizer;
        this.rule = rule;
    }

    @Override
    void update(ParameterTensor tensor, long step, double learningRate) {
        INDArray value = tensor.value();
        double[] values = doubles(value);
        Tensor copy = new Tensor(tensor.name(), value.shape(), values, doubles(tensor.gradient()), tensor.biasOrNorm());
        try {
            rule.update(copy, step, learningRate);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "optimizer plugin '" + optimizer + "' failed on tensor '" + tensor.name() + "': " + e, e);
        }
        value.assign(Nd4j.create(values, value.shape(), 'c').castTo(value.dataType()));
    }

    private static double[] doubles(INDArray array) {
        return array.dup('c').reshape(new long[] {array.length()}).toDoubleVector();
    }
}
