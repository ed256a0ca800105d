package io.fairtune.worker.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code lars}: g' = g + λw; v ← μv + η_t·tr·g' (learning rate inside the buffer); w ← w − v, or with Nesterov
 * w ← w − (μv + η_t·tr·g'). Exempted bias/norm tensors take the plain momentum rule with λ = 0 at η_t
 * (learning rate outside its buffer), in the same heavy-ball or Nesterov form.
 */
final class Lars extends PerTensorOptimizer {

    private final double momentum;
    private final WeightDecay weightDecay;
    private final TrustRatio trustRatio;
    private final boolean nesterov;
    private final MomentumBuffers buffers = new MomentumBuffers();
    private final PerTensorOptimizer biasAndNormRule;

    Lars(double momentum, WeightDecay weightDecay, TrustRatio trustRatio, boolean nesterov) {
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.trustRatio = trustRatio;
        this.nesterov = nesterov;
        this.biasAndNormRule =
                nesterov ? new Nesterov(momentum, WeightDecay.NONE) : new HeavyBall(momentum, WeightDecay.NONE);
    }

    @Override
    void update(ParameterTensor tensor, long step, double learningRate) {
        if (weightDecay.excludeBiasAndNorm() && tensor.biasOrNorm()) {
            biasAndNormRule.update(tensor, step, learningRate);
            return;
        }
        double decay = weightDecay.rate();
        double ratio = trustRatio.of(InPlace.norm(tensor.value()), InPlace.norm(tensor.gradient()), decay);
        double scaledRate = learningRate * ratio;
        INDArray v = buffers.accumulate(tensor, momentum, scaledRate, decay);
        if (nesterov) {
            Descent.step(tensor, scaledRate, decay, v, momentum);
        } else {
            Descent.step(tensor, 0, 0, v, 1);
        }
    }
}
