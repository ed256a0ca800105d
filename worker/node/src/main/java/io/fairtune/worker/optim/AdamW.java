package io.fairtune.worker.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code adamw}: as adam, plus decay decoupled from the moments but scaled by the current rate: w ← w − η_t
 * (m̂/(√ŝ + ε) + λw).
 */
final class AdamW extends PerTensorOptimizer {

    private final AdamMoments moments;
    private final WeightDecay weightDecay;
    private final ScratchSpace scratch = new ScratchSpace();

    AdamW(AdamSettings settings, WeightDecay weightDecay) {
        this.moments = new AdamMoments(settings);
        this.weightDecay = weightDecay;
    }

    @Override
    void update(ParameterTensor tensor, long step, double learningRate) {
        INDArray direction = scratch.like(tensor);
        moments.update(tensor, step, direction);
        INDArray w = tensor.value();
        InPlace.scale(w, 1 - learningRate * weightDecay.rateFor(tensor));
        InPlace.axpy(-learningRate, direction, w);
    }
}
