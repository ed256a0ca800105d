package io.fairtune.worker.optim;

import java.util.List;

/**
 * Checks the step's arguments once, then updates tensor by tensor: every rule of OPTIMIZERS.md is defined per
 * tensor, and LARS and LAMB hand single bias/norm tensors to a plain rule through {@link #update}.
 */
abstract class PerTensorOptimizer implements Optimizer {

    @Override
    public final void apply(List<ParameterTensor> tensors, long step, double learningRate) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        if (!Double.isFinite(learningRate) || learningRate < 0) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + learningRate);
        }
        for (ParameterTensor tensor : tensors) {
            checkGradient(tensor);
            update(tensor, step, learningRate);
        }
    }

    /** Applies the rule to one tensor whose gradient matches its value. */
    abstract void update(ParameterTensor tensor, long step, double learningRate);

    /** BLAS reads {@code value.length()} elements of the gradient: a mismatch must fail before it. */
    private static void checkGradient(ParameterTensor tensor) {
        if (tensor.gradient().dataType() != tensor.value().dataType()
                || !tensor.gradient().equalShapes(tensor.value())) {
            throw new IllegalArgumentException("gradient of '" + tensor.name() + "' is "
                    + TensorBuffers.describe(tensor.gradient()) + " but its value is "
                    + TensorBuffers.describe(tensor.value()));
        }
        if (!tensor.value().dataType().isFPType()) {
            throw new IllegalArgumentException(
                    "tensor '" + tensor.name() + "' is " + tensor.value().dataType() + ", not floating point");
        }
    }
}
