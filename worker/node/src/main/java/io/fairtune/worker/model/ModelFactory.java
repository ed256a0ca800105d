package io.fairtune.worker.model;

import io.fairtune.contract.catalog.DatasetDefinition;
import io.fairtune.contract.catalog.ModelCatalog;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Builds the networks a workload names. Every network takes flat float32 rows of {@code features} values
 * (channel, row, column order) and ends in softmax with cross-entropy loss.
 *
 * <p>The DL4J updater is {@link NoOp} and the configuration has no l1, l2, weight decay or gradient clipping:
 * the trainer applies the rules of OPTIMIZERS.md itself, and DL4J would skip those settings under NoOp while
 * still adding their penalties to the score.
 */
public final class ModelFactory {

    public static final String MLP = ModelCatalog.MLP;
    public static final String CNN = ModelCatalog.CNN;

    static final int MLP_HIDDEN = 256;
    static final int[] CNN_CHANNELS = {16, 32};
    static final int[] CNN_KERNELS = {5, 3};
    static final int CNN_DENSE = 128;

    private ModelFactory() {}

    /**
     * An initialized network; the same seed gives the same initial weights.
     *
     * @throws IllegalArgumentException for a model name outside {@link ModelCatalog#names()}
     */
    public static MultiLayerNetwork create(String model, DatasetDefinition dataset, long seed) {
        NeuralNetConfiguration.ListBuilder layers = base(seed).list();
        switch (model) {
            case MLP -> mlp(layers, dataset);
            case CNN -> cnn(layers, dataset);
            default ->
                throw new IllegalArgumentException(
                        "unknown model '" + model + "'; known models: " + String.join(", ", ModelCatalog.names()));
        }
        MultiLayerNetwork network = new MultiLayerNetwork(layers.build());
        network.init();
        ConvolutionHelpers.useLibnd4jConvolutions(network);
        return network;
    }

    private static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new NoOp())
                .weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
    }

    /** flatten → 256 → 256 → classes. */
    private static void mlp(NeuralNetConfiguration.ListBuilder layers, DatasetDefinition dataset) {
        layers.layer(new DenseLayer.Builder()
                        .nOut(MLP_HIDDEN)
                        .activation(Activation.RELU)
                        .build())
                .layer(new DenseLayer.Builder()
                        .nOut(MLP_HIDDEN)
                        .activation(Activation.RELU)
                        .build())
                .layer(output(dataset))
                .setInputType(InputType.feedForward(dataset.features()));
    }

    /**
     * Two blocks of same-mode convolution (5×5 with 16 channels, then 3×3 with 32) → batch norm → ReLU → 2×2 max
     * pooling, then a dense layer. A block pools only while the feature map is at least 4×4, so 8×8 inputs work
     * as well as 28×28. The convolutions have no bias: the batch norm's shift right after them would cancel it.
     * The widths are small because a CPU slot must train it: ~1.2M multiply-adds per 28×28 image forward.
     */
    private static void cnn(NeuralNetConfiguration.ListBuilder layers, DatasetDefinition dataset) {
        long height = dataset.height();
        long width = dataset.width();
        for (int block = 0; block < CNN_CHANNELS.length; block++) {
            ConvolutionLayer.Builder convolution = new ConvolutionLayer.Builder(CNN_KERNELS[block], CNN_KERNELS[block])
                    .nOut(CNN_CHANNELS[block])
                    .convolutionMode(ConvolutionMode.Same)
                    .hasBias(false)
                    .activation(Activation.IDENTITY);
            layers.layer(block == 0 ? new InputConvolutionLayer(convolution) : convolution.build())
                    .layer(new BatchNormalization.Builder().build())
                    .layer(new ReluLayer());
            if (height >= 4 && width >= 4) {
                layers.layer(new MaxPoolingLayer(2));
                height /= 2;
                width /= 2;
            }
        }
        layers.layer(new DenseLayer.Builder()
                        .nOut(CNN_DENSE)
                        .activation(Activation.RELU)
                        .build())
                .layer(output(dataset))
                .inputPreProcessor(0, new FlatImageInput(dataset.height(), dataset.width(), dataset.channels()))
                .setInputType(InputType.convolutionalFlat(dataset.height(), dataset.width(), dataset.channels()));
    }

    private static OutputLayer output(DatasetDefinition dataset) {
        return new OutputLayer.Builder(LossFunction.MCXENT)
                .nOut(dataset.classes())
                .activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER)
                .build();
    }
}
