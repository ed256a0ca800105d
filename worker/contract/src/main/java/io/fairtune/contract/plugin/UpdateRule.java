package io.fairtune.contract.plugin;

/**
 * A plugin's update rule, applied to one parameter tensor at a time, every tensor once per step. It computes in
 * double; the worker copies each tensor into {@link Tensor}'s arrays and back in the tensor's own data type, so
 * training (float32) rounds the new values to float and traces (float64) keep them exactly. A rule keeps its state
 * (momentum, moments) itself, per {@link Tensor#name()}, starting at zero on a tensor's first step. Not thread-safe:
 * one rule per training run.
 */
@FunctionalInterface
public interface UpdateRule {

    /**
     * Updates {@code tensor.value()} in place from {@code tensor.gradient()}.
     *
     * @param step the 0-based step t (a bias correction uses t + 1)
     * @param learningRate the scheduled rate η_t of this step, finite and >= 0
     */
    void update(Tensor tensor, long step, double learningRate);
}
