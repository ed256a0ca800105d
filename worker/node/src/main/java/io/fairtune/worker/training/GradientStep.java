package io.fairtune.worker.training;

import io.fairtune.worker.optim.ParameterTensor;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One minibatch's training objective and gradients, for the optimizer to apply: through DL4J's {@code
 * MultiLayerNetwork} ({@link Dl4jGradientStep}) or, for the models it covers, the worker's own lean path ({@link
 * DenseGradientStep}), whose gradients a test holds equal to DL4J's.
 */
interface GradientStep {

    /**
     * Computes the mean loss of the minibatch and leaves the minibatch-mean gradients in {@link #trainable()}; any
     * state that is no gradient (batch norm's running statistics) is updated here too, unless the loss is
     * non-finite.
     */
    double compute(INDArray features, INDArray labels);

    /** The tensors the optimizer updates, in DL4J's parameter order; the same objects every step. */
    List<ParameterTensor> trainable();

    /**
     * The network's class probabilities for {@code features} in inference mode (batch norm on its running
     * statistics), for evaluation. The answer may be a buffer that the next call overwrites.
     */
    INDArray predict(INDArray features);

    /** How many examples {@link #predict} takes at once at most: bounds the memory of the activations. */
    int evaluationChunk();

    /**
     * Frees the native arrays this step made, once the run is over; nothing it returned may be used afterwards.
     * Freed at once, the next trial's allocations reuse memory the process already holds: left to the garbage
     * collector, each trial's arrays came from fresh pages, and the kernel zero-filling them on first touch took a
     * fifth of a one-step trial's thread.
     */
    default void release() {}
}
