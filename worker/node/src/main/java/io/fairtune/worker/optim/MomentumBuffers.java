package io.fairtune.worker.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The momentum buffer v of heavy_ball, nesterov and lars, one per tensor. */
final class MomentumBuffers {

    private final TensorBuffers velocities = new TensorBuffers();

    /**
     * v ← μv + s·(g + λw), in place; returns v. heavy_ball and nesterov pass s = 1 (learning rate outside the
     * buffer), lars passes s = η_t·tr (learning rate inside the buffer).
     */
    INDArray accumulate(ParameterTensor tensor, double momentum, double gradientScale, double decay) {
        INDArray v = velocities.of(tensor);
        InPlace.scale(v, momentum);
        InPlace.axpy(gradientScale, tensor.gradient(), v);
        InPlace.axpy(gradientScale * decay, tensor.value(), v);
        return v;
    }
}
