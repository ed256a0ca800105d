package io.fairtune.worker.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code heavy_ball}: g' = g + λw; v ← μv + g'; w ← w − η_t v (learning rate outside the buffer). */
final class HeavyBall extends PerTensorOptimizer {

    private final double momentum;
    private final WeightDecay weightDecay;
    private final MomentumBuffers buffers = new MomentumBuffers();

    HeavyBall(double momentum, WeightDecay weightDecay) {
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    @Override
    void update(ParameterTensor tensor, long step, double learningRate) {
        INDArray v = buffers.accumulate(tensor, momentum, 1, weightDecay.rateFor(tensor));
        Descent.step(tensor, 0, 0, v, learningRate);
    }
}
