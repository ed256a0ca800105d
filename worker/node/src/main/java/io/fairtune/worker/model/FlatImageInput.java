package io.fairtune.worker.model;

import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's reshape of flat examples into images in front of the first convolution, which also passes on that layer's
 * missing input gradient ({@link InputConvolutionLayer} computes none) instead of failing on it.
 */
final class FlatImageInput extends FeedForwardToCnnPreProcessor {

    private static final long serialVersionUID = 1L;

    @JsonCreator
    FlatImageInput(
            @JsonProperty("inputHeight") long height,
            @JsonProperty("inputWidth") long width,
            @JsonProperty("numChannels") long channels) {
        super(height, width, channels);
    }

    @Override
    public INDArray backprop(INDArray epsilons, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return epsilons == null ? null : super.backprop(epsilons, miniBatchSize, workspaceMgr);
    }

    @Override
    public FlatImageInput clone() {
        return (FlatImageInput) super.clone();
    }
}
