package io.fairtune.worker.model;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Routes DL4J's convolution layers on the CPU backend to libnd4j's {@code conv2d}/{@code conv2d_bp} ops.
 *
 * <p>Without a helper, DL4J 1.0.0-M2.1 convolves by im2col into a permuted column array: measured here, im2col
 * took 57% of a CNN training step and inference ran 3–6× slower than through the native ops. DL4J reaches the
 * native ops only via {@link MKLDNNConvHelper}, which it installs only when the native build reports oneDNN
 * (the default {@code linux-x86_64-onednn} classifier does, and DL4J then installs its oneDNN helpers for batch
 * norm and pooling too; the plain {@code linux-x86_64} one does not). That helper merely calls the generic
 * {@code Conv2D} and {@code Conv2DDerivative} custom ops, so on the plain build it is installed here directly. Other backends (cuDNN) and layers
 * that already have a helper are left alone. {@code ConvolutionHelpersTest} checks that both paths give the
 * same gradients.
 */
final class ConvolutionHelpers {

    private static final Field HELPER = helperField();

    private ConvolutionHelpers() {}

    /** Installs the native-op helper where DL4J left none; returns how many layers got it. */
    static int useLibnd4jConvolutions(MultiLayerNetwork network) {
        if (HELPER == null || !isCpuBackend()) {
            return 0;
        }
        int installed = 0;
        for (Layer layer : network.getLayers()) {
            if (layer instanceof ConvolutionLayer convolution && convolution.getHelper() == null) {
                ConvolutionHelper helper =
                        new MKLDNNConvHelper(convolution.getParam("W").dataType());
                try {
                    HELPER.set(convolution, helper);
                    installed++;
                } catch (IllegalAccessException e) {
                    return installed;
                }
            }
        }
        return installed;
    }

    /** Removes the helpers again: DL4J's own im2col path, for comparisons in tests. */
    static void useDl4jConvolutions(MultiLayerNetwork network) throws IllegalAccessException {
        for (Layer layer : network.getLayers()) {
            if (layer instanceof ConvolutionLayer convolution) {
                HELPER.set(convolution, null);
            }
        }
    }

    static boolean isCpuBackend() {
        return "CPU"
                .equalsIgnoreCase(
                        Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
    }

    /** Null when a DL4J version renames the field: training then keeps DL4J's slower but correct path. */
    private static Field helperField() {
        try {
            Field field = ConvolutionLayer.class.getDeclaredField("helper");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
