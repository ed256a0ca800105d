package io.fairtune.worker.model;

import java.util.Collection;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's max-pooling layer, except that its forward pass, too, goes through the layer's helper when that is a
 * {@link GenericMaxPooling}: DL4J 1.0.0-M2.1 asks a pooling helper only for the backward pass, and its own forward
 * call of {@code maxpool2d} runs oneDNN's slow reference kernel for NCHW arrays. Without such a helper (another
 * backend, or DL4J's path restored for a comparison) the layer is exactly DL4J's.
 */
final class MaxPoolingLayer extends SubsamplingLayer {

    private static final long serialVersionUID = 1L;

    /** For DL4J's JSON form of a configuration. */
    @SuppressWarnings("unused")
    private MaxPoolingLayer() {}

    MaxPoolingLayer(int size) {
        super(new SubsamplingLayer.Builder(PoolingType.MAX)
                .kernelSize(size, size)
                .stride(size, size));
    }

    @Override
    public Layer instantiate(
            NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners,
            int layerIndex,
            INDArray layerParamsView,
            boolean initializeParams,
            DataType networkDataType) {
        return LayerWiring.wire(
                new Forward(conf, networkDataType),
                initializer(),
                conf,
                trainingListeners,
                layerIndex,
                layerParamsView,
                initializeParams);
    }

    /** The layer itself: DL4J's, with the forward pass through a {@link GenericMaxPooling} helper. */
    static final class Forward extends org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer {

        private static final long serialVersionUID = 1L;

        Forward(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            if (!(helper instanceof GenericMaxPooling pooling)) {
                return super.activate(training, workspaceMgr);
            }
            assertInputSet(false);
            if (input.rank() != 4) {
                throw new DL4JInvalidInputException("max pooling expects a rank 4 array, got shape "
                        + java.util.Arrays.toString(input.shape()) + " " + layerId());
            }
            SubsamplingLayer conf = layerConf();
            return pooling.activate(
                    input.castTo(dataType),
                    training,
                    conf.getKernelSize(),
                    conf.getStride(),
                    conf.getPadding(),
                    conf.getPoolingType(),
                    convolutionMode,
                    conf.getDilation(),
                    conf.getCnn2dDataFormat(),
                    workspaceMgr);
        }
    }
}
