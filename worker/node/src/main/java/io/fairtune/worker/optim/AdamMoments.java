package io.fairtune.worker.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The moments m, s of one Adam-family optimizer and its direction m̂/(√ŝ + ε), shared by adam, adamw and lamb.
 *
 * <p>Why libnd4j's fused {@code adam_updater}: it updates both moments and writes the direction in one native
 * op, where separate ops (g², two scaled adds, √, + ε, ÷) would pay the per-op overhead nine times. The op
 * computes {@code lr·√(1 − β2^(t+1))/(1 − β1^(t+1)) · m/(√s + ε')} with the uncorrected s. With lr = 1 and ε'
 * = ε·√(1 − β2^(t+1)) this is exactly m̂/(√ŝ + ε), the spec's form (ε added to the corrected √ŝ, as optax does).
 * lr = 1 also keeps the op off its fallback for a zero η_t (it replaces a zero factor by ε').
 */
final class AdamMoments {

    private final AdamSettings settings;
    private final TensorBuffers firstMoments = new TensorBuffers();
    private final TensorBuffers secondMoments = new TensorBuffers();

    AdamMoments(AdamSettings settings) {
        this.settings = settings;
    }

    /**
     * m ← β1 m + (1−β1) g; s ← β2 s + (1−β2) g²; then {@code direction} ← m̂/(√ŝ + ε) with the bias corrections
     * of the 0-based {@code step} t (powers t + 1).
     */
    void update(ParameterTensor tensor, long step, INDArray direction) {
        INDArray m = firstMoments.of(tensor);
        INDArray s = secondMoments.of(tensor);
        double secondCorrection = 1 - Math.pow(settings.beta2(), step + 1.0);
        // Past 2^31 steps β^(t+1) has long underflowed to 0 either way; the op takes an int.
        int iteration = (int) Math.min(step, Integer.MAX_VALUE - 1L);
        Nd4j.exec(new AdamUpdater(
                tensor.gradient(),
                s,
                m,
                direction,
                s,
                m,
                1.0,
                settings.beta1(),
                settings.beta2(),
                settings.epsilon() * Math.sqrt(secondCorrection),
                iteration));
    }
}
