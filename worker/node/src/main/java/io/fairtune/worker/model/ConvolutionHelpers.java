package io.fairtune.worker.model;

import java.lang.reflect.Field;
import java.util.function.Function;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Routes DL4J's convolution, batch-norm and pooling layers on the CPU backend to libnd4j's native ops
 * ({@code conv2d}, {@code batchnorm}, {@code maxpool2d} and their {@code _bp}), which the oneDNN build runs with
 * oneDNN.
 *
 * <p>DL4J 1.0.0-M2.1 reaches those ops only through its "MKLDNN" helpers, and installs them only when
 * {@code BaseMKLDNNHelper.mklDnnEnabled()} says so, which it does not on this ND4J (measured: false on the oneDNN
 * build too). Without a helper, convolution goes through im2col into a permuted column array (57% of a cnn step,
 * inference 3–6× slower), and batch norm through a chain of reductions and broadcasts (21% of a cnn step). The
 * helpers merely call the generic custom ops, so they are installed here directly. Other backends (cuDNN) and
 * layers that already have a helper are left alone. {@code ConvolutionHelpersTest} checks that the network's
 * gradients, batch-norm statistics included, are DL4J's own.
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
                installed += install(
                        CONVOLUTION,
                        layer,
                        MKLDNNConvHelper::new,
                        convolution.getParam("W").dataType());
            } else if (layer instanceof BatchNormalization batchNorm) {
                installed += install(
                        BATCH_NORM,
                        layer,
                        MKLDNNBatchNormHelper::new,
                        batchNorm.getParam("gamma").dataType());
            } else if (layer instanceof SubsamplingLayer) {
                installed += install(
                        POOLING,
                        layer,
                        MKLDNNSubsamplingHelper::new,
                        network.getLayerWiseConfigurations().getDataType());
            }
        }
        return installed;
    }

    /** Removes the helpers again: DL4J's own layer code, for comparisons in tests. */
    static void useDl4jConvolutions(MultiLayerNetwork network) throws IllegalAccessException {
        for (Layer layer : network.getLayers()) {
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

    private static int install(Field field, Layer layer, Function<DataType, Object> helper, DataType dataType) {
        try {
            if (field == null || field.get(layer) != null) {
                return 0;
            }
            field.set(layer, helper.apply(dataType));
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
