package io.fairtune.worker.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One named parameter tensor and its gradient, as an optimizer sees it.
 *
 * @param value updated in place by the optimizer
 * @param gradient the mean over the minibatch (not DL4J's batch sum)
 * @param biasOrNorm a bias or normalization tensor, which {@code exclude_bias_and_norm} exempts from weight
 *     decay and layer-wise adaptation
 */
public record ParameterTensor(String name, INDArray value, INDArray gradient, boolean biasOrNorm) {}
