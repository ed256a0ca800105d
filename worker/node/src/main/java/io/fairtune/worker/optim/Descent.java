package io.fairtune.worker.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one parameter move all SGD-family rules share: w ← w − s·(g + λw) − c·v, written as w ← (1 − sλ)w − s·g −
 * c·v so that g + λw is never materialized (the gradient stays untouched and no temporary is allocated).
 */
final class Descent {

    private Descent() {}

    /**
     * @param gradientScale s, the factor of the decayed gradient g + λw (0 when only the buffer moves w)
     * @param decay λ
     * @param velocity v, or {@code null} when {@code velocityScale} is 0
     * @param velocityScale c, the factor of the momentum buffer
     */
    static void step(
            ParameterTensor tensor, double gradientScale, double decay, INDArray velocity, double velocityScale) {
        INDArray w = tensor.value();
        InPlace.scale(w, 1 - gradientScale * decay);
        InPlace.axpy(-gradientScale, tensor.gradient(), w);
        if (velocityScale != 0) {
            InPlace.axpy(-velocityScale, velocity, w);
        }
    }
}
