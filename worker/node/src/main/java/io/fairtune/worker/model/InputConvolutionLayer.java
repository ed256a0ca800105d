package io.fairtune.worker.model;

import java.util.Collection;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network's first convolution, which on its way back computes the gradient of its weights but not the gradient
 * of the network's input: training never uses the latter, and PyTorch skips it for the same reason (an input does
 * not require a gradient). With one input channel it is most of oneDNN's {@code conv2d_bp} (34 ms of a 256×1×28×28
 * batch's backward pass, against 15 ms for the weight gradient alone, measured here). The layer then gives DL4J no
 * input gradient (null, as DL4J's embedding layers do), so {@code MultiLayerNetwork#backpropGradient} has none to
 * return for this network.
 *
 * <p>The weight gradient is itself a forward convolution, which oneDNN runs fast: dW[o,c,i,j] = Σ over examples n
 * and positions (y,x) of δ[n,o,y,x]·x[n,c,y+i−p,x+j−p] correlates the input, read with examples as channels, with the
 * incoming gradient, read as an output-channel × example kernel of the feature map's size. Applies to same-mode,
 * stride 1, undilated, odd kernels without bias, identity activation and no dropout or weight noise, on the CPU
 * helper; any other case, and DL4J's own path restored for comparisons, is DL4J's layer unchanged.
 */
final class InputConvolutionLayer extends ConvolutionLayer {

    private static final long serialVersionUID = 1L;

    /** For DL4J's JSON form of a configuration. */
    @SuppressWarnings("unused")
    private InputConvolutionLayer() {}

    InputConvolutionLayer(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(
            NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners,
            int layerIndex,
            INDArray layerParamsView,
            boolean initializeParams,
            DataType networkDataType) {
        return LayerWiring.wire(
                new WeightGradientOnly(conf, networkDataType),
                initializer(),
                conf,
                trainingListeners,
                layerIndex,
                layerParamsView,
                initializeParams);
    }

    /** The layer itself: DL4J's convolution, with the lean backward pass where it applies. */
    static final class WeightGradientOnly extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {

        private static final long serialVersionUID = 1L;

        WeightGradientOnly(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (!appliesTo(epsilon)) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            INDArray input = this.input.castTo(dataType);
            long examples = input.size(0);
            long channels = input.size(1);
            long height = input.size(2);
            long width = input.size(3);
            long outputs = epsilon.size(1);
            int[] kernel = layerConf().getKernelSize();

            // Input with examples as channels, one "image" per input channel: [channels, examples, height, width].
            INDArray images = channels == 1
                    ? input.reshape('c', 1, examples, height, width)
                    : workspaceMgr.dup(ArrayType.BP_WORKING_MEM, input.permute(1, 0, 2, 3), 'c');
            // The incoming gradient as a kernel: [outputs, examples, height, width].
            INDArray kernels = workspaceMgr.createUninitialized(
                    ArrayType.BP_WORKING_MEM, dataType, new long[] {outputs, examples, height, width}, 'c');
            kernels.assign(epsilon.permute(1, 0, 2, 3));
            INDArray perChannel = workspaceMgr.createUninitialized(
                    ArrayType.BP_WORKING_MEM, dataType, new long[] {channels, outputs, kernel[0], kernel[1]}, 'c');
            Nd4j.exec(DynamicCustomOp.builder("conv2d")
                    .addInputs(images, kernels)
                    .addOutputs(perChannel)
                    .addIntegerArguments(
                            (int) height,
                            (int) width,
                            1,
                            1,
                            (kernel[0] - 1) / 2,
                            (kernel[1] - 1) / 2,
                            1,
                            1,
                            0, // explicit padding
                            0, // NCHW
                            1) // weights [out, in, height, width]
                    .build());
            INDArray weightGradient = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
            weightGradient.assign(perChannel.permute(1, 0, 2, 3));
            Gradient gradient = new DefaultGradient();
            gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradient, 'c');
            weightNoiseParams.clear();
            return new Pair<>(gradient, null);
        }

        private boolean appliesTo(INDArray epsilon) {
            ConvolutionLayer conf = layerConf();
            return getIndex() == 0
                    && helper instanceof MKLDNNConvHelper
                    && input != null
                    && input.rank() == 4
                    && epsilon.rank() == 4
                    && epsilon.size(2) == input.size(2)
                    && epsilon.size(3) == input.size(3)
                    && input.dataType() == DataType.FLOAT
                    && dataType == DataType.FLOAT
                    && conf.getCnn2dDataFormat() == CNN2DFormat.NCHW
                    && convolutionMode == ConvolutionMode.Same
                    && conf.getKernelSize()[0] % 2 == 1
                    && conf.getKernelSize()[1] % 2 == 1
                    && conf.getStride()[0] == 1
                    && conf.getStride()[1] == 1
                    && conf.getDilation()[0] == 1
                    && conf.getDilation()[1] == 1
                    && !conf.hasBias()
                    && conf.getActivationFn() instanceof ActivationIdentity
                    && conf.getIDropout() == null
                    && conf.getWeightNoise() == null;
        }
    }
}
