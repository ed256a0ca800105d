package io.fairtune.worker.optim;

import java.util.List;

/**
 * One update rule of OPTIMIZERS.md applied per named tensor. Implementations keep their buffers (momentum,
 * moments) per tensor name, allocated on the first step in the tensor's data type, so the same code runs in
 * float32 for training and float64 for traces.
 */
public interface Optimizer {

    /**
     * Updates every tensor's value in place. Gradients are only read, never written, so the caller may reuse
     * them (e.g. for logging or gradient norms) after the step. Not thread-safe: one optimizer per training run.
     *
     * @param step the 0-based step t (Adam's bias correction uses t + 1)
     * @param learningRate the scheduled rate η_t for this step, finite and >= 0
     * @throws IllegalArgumentException when a gradient's shape or data type differs from its value's, or a
     *     tensor changes shape between steps
     */
    void apply(List<ParameterTensor> tensors, long step, double learningRate);
}
