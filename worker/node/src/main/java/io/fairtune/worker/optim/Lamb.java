package io.fairtune.worker.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code lamb}: Adam moments with bias correction; u = m̂/(√ŝ + ε) + λw; tr = ‖w‖/‖u‖ (1 when either is 0); w ←
 * w − η_t·tr·u. Exempted bias/norm tensors take plain adam (no decay, no trust ratio).
 */
final class Lamb extends PerTensorOptimizer {

    private final AdamMoments moments;
    private final WeightDecay weightDecay;
    private final Adam biasAndNormRule;
    private final ScratchSpace scratch = new ScratchSpace();

    Lamb(AdamSettings settings, WeightDecay weightDecay) {
        this.moments = new AdamMoments(settings);
        this.weightDecay = weightDecay;
        this.biasAndNormRule = new Adam(settings);
    }

    @Override
    void update(ParameterTensor tensor, long step, double learningRate) {
        if (weightDecay.excludeBiasAndNorm() && tensor.biasOrNorm()) {
            biasAndNormRule.update(tensor, step, learningRate);
            return;
        }
        INDArray w = tensor.value();
        INDArray u = scratch.like(tensor);
        moments.update(tensor, step, u);
        InPlace.axpy(weightDecay.rate(), w, u);
        double weightNorm = InPlace.norm(w);
        double updateNorm = InPlace.norm(u);
        double ratio = weightNorm == 0 || updateNorm == 0 ? 1 : weightNorm / updateNorm;
        InPlace.axpy(-learningRate * ratio, u, w);
    }
}
