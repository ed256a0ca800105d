package io.fairtune.worker.model;

import java.lang.reflect.Field;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Routes DL4J's convolution, batch-norm and pooling layers on the CPU backend to libnd4j's native ops
 * ({@code conv2d}, {@code batchnorm}, {@code maxpool2d} and their {@code _bp}).
 *
 * <p>DL4J 1.0.0-M2.1 reaches those ops only through its "MKLDNN" helpers, and installs them only when
 * {@code BaseMKLDNNHelper.mklDnnEnabled()} says so, which it does not on this ND4J (measured: false on the oneDNN
 * build too). Without a helper, convolution goes through im2col into a permuted column array (57% of a cnn step,
 * inference 3–6× slower), and batch norm through a chain of reductions and broadcasts (21% of a cnn step).
 * Convolution gets DL4J's helper, which merely calls {@code conv2d} (oneDNN's kernels on the oneDNN build); batch
 * norm and pooling get this package's own, {@link RowStatisticsBatchNorm} and {@link GenericMaxPooling}, because
 * DL4J's spend more time around oneDNN than in it. Other backends (cuDNN) and layers that already have a helper
 * are left alone. {@code ConvolutionHelpersTest} checks that the network's gradients, batch-norm statistics
 * included, are DL4J's own.
 */
final class ConvolutionHelpers {

    private static final Field CONVOLUTION = helperField(ConvolutionLayer.class);
    private static final Field BATCH_NORM = helperField(BatchNormalization.class);
    private static final Field POOLING = helperField(SubsamplingLayer.class);

    private ConvolutionHelpers() {}

    /** Installs the native-op helpers where DL4J left none; returns how many layers got one. */
    static int useLibnd4jConvolutions(MultiLayerNetwork network) {
        if (!isCpuBackend()) {
            return 0;
        }
        int installed = 0;
        for (Layer layer : network.getLayers()) {
            if (layer instanceof ConvolutionLayer convolution) {
                DataType dataType = convolution.getParam("W").dataType();
                installed += install(CONVOLUTION, layer, () -> new MKLDNNConvHelper(dataType));
            } else if (layer instanceof BatchNormalization) {
                installed += install(BATCH_NORM, layer, RowStatisticsBatchNorm::new);
            } else if (layer instanceof SubsamplingLayer) {
                installed += install(POOLING, layer, GenericMaxPooling::new);
            }
        }
        return installed;
    }

    /** Removes the helpers and the lean ReLU backward pass again: DL4J's own layer code, for comparisons in tests. */
    static void useDl4jConvolutions(MultiLayerNetwork network) throws IllegalAccessException {
        for (Layer layer : network.getLayers()) {
            if (layer instanceof ReluLayer.Rectifier rectifier) {
                rectifier.useDl4jPath();
            }
            for (Field field : new Field[] {CONVOLUTION, BATCH_NORM, POOLING}) {
                if (field != null && field.getDeclaringClass().isInstance(layer)) {
                    field.set(layer, null);
                }
            }
        }
    }

    static boolean isCpuBackend() {
        return "CPU"
                .equalsIgnoreCase(
                        Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
    }

    private static int install(Field field, Layer layer, Supplier<Object> helper) {
        try {
            if (field == null || field.get(layer) != null) {
                return 0;
            }
            field.set(layer, helper.get());
            return 1;
        } catch (IllegalAccessException e) {
            return 0;
        }
    }

    /** Null when a DL4J version renames the field: that layer then keeps DL4J's slower but correct path. */
    private static Field helperField(Class<?> layerClass) {
        try {
            Field field = layerClass.getDeclaredField("helper");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
