package io.fairtune.contract.plugin;

/**
 * One named parameter tensor as an {@link UpdateRule} sees it: row-major copies of its value and gradient.
 *
 * @param shape the tensor's shape; {@code value.length} is the product of its dimensions
 * @param value written in place by the rule
 * @param gradient the minibatch mean; read only
 * @param biasOrNorm a bias or normalization tensor (rank 1), which rules exempt from weight decay and layer-wise
 *     adaptation when their {@code exclude_bias_and_norm} flag says so
 */
public record Tensor(String name, long[] shape, double[] value, double[] gradient, boolean biasOrNorm) {

    public Tensor {
        if (value.length != gradient.length) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + value.length + " values but "
                    + gradient.length + " gradient values");
        }
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }
}
