package io.fairtune.examples.signum;

import io.fairtune.contract.plugin.Tensor;
import io.fairtune.contract.plugin.UpdateRule;
import java.util.HashMap;
import java.util.Map;

/** The Signum rule of {@link SignumPlugin}, with one momentum buffer per tensor name. */
final class Signum implements UpdateRule {

    private final double momentum;
    private final double weightDecay;
    private final boolean excludeBiasAndNorm;
    private final Map<String, double[]> buffers = new HashMap<>();

    Signum(double momentum, double weightDecay, boolean excludeBiasAndNorm) {
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.excludeBiasAndNorm = excludeBiasAndNorm;
    }

    @Override
    public void update(Tensor tensor, long step, double learningRate) {
        double[] w = tensor.value();
        double[] g = tensor.gradient();
        double[] m = buffers.computeIfAbsent(tensor.name(), name -> new double[w.length]);
        if (m.length != w.length) {
            throw new IllegalArgumentException("tensor '" + tensor.name() + "' changed size");
        }
        double decay = excludeBiasAndNorm && tensor.biasOrNorm() ? 0 : weightDecay;
        for (int i = 0; i < w.length; i++) {
            m[i] = momentum * m[i] + (1 - momentum) * g[i];
            w[i] -= learningRate * (Math.signum(m[i]) + decay * w[i]);
        }
    }
}
