package io.fairtune.worker.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code adam}: bias-corrected moments; w ← w − η_t m̂/(√ŝ + ε); no weight decay. */
final class Adam extends PerTensorOptimizer {

    private final AdamMoments moments;
    private final ScratchSpace scratch = new ScratchSpace();

    Adam(AdamSettings settings) {
        this.moments = new AdamMoments(settings);
    }

    @Override
    void update(ParameterTensor tensor, long step, double learningRate) {
        INDArray direction = scratch.like(tensor);
        moments.update(tensor, step, direction);
        InPlace.axpy(-learningRate, direction, tensor.value());
    }
}
