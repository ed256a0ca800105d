package io.fairtune.worker.optim;

/**
 * The weight decay λ of a rule and whether {@code exclude_bias_and_norm} exempts bias/norm tensors from it.
 */
record WeightDecay(double rate, boolean excludeBiasAndNorm) {

    static final WeightDecay NONE = new WeightDecay(0, false);

    /** λ for this tensor: 0 for an exempted bias/norm tensor. */
    double rateFor(ParameterTensor tensor) {
        return excludeBiasAndNorm && tensor.biasOrNorm() ? 0 : rate;
    }
}
