package io.fairtune.worker.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code nesterov}: as heavy_ball, then w ← w − η_t (g' + μv) with the new v. */
final class Nesterov extends PerTensorOptimizer {

    private final double momentum;
    private final WeightDecay weightDecay;
    private final MomentumBuffers buffers = new MomentumBuffers();

    Nesterov(double momentum, WeightDecay weightDecay) {
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    @Override
    void update(ParameterTensor tensor, long step, double learningRate) {
        double decay = weightDecay.rateFor(tensor);
        INDArray v = buffers.accumulate(tensor, momentum, 1, decay);
        Descent.step(tensor, learningRate, decay, v, learningRate * momentum);
    }
}
