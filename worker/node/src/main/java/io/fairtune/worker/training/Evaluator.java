package io.fairtune.worker.training;

import io.fairtune.worker.data.Examples;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Mean cross-entropy and accuracy of a network on a split, in inference mode (batch norm uses its running
 * statistics). The loss is against the true one-hot labels, never smoothed ones, so runs with different
 * {@code label_smoothing} stay comparable.
 */
final class Evaluator {

    /** DL4J's softmax cross-entropy clips probabilities the same way, so train and validation loss agree. */
    private static final double MIN_PROBABILITY = 1e-10;

    private Evaluator() {}

    record Evaluation(double loss, double accuracy) {}

    /**
     * Evaluates in chunks of {@link GradientStep#evaluationChunk()} examples, copied in bulk straight into the native
     * memory of one input array that serves every chunk.
     */
    static Evaluation evaluate(GradientStep network, Examples examples, int classes) {
        int featureCount = examples.featureCount();
        int chunk = Math.min(network.evaluationChunk(), examples.size());
        INDArray input = Nd4j.createUninitialized(DataType.FLOAT, chunk, featureCount);
        try {
            return evaluate(network, examples, classes, input);
        } finally {
            input.close(); // at once, for the reason GradientStep#release gives
        }
    }

    private static Evaluation evaluate(GradientStep network, Examples examples, int classes, INDArray input) {
        int chunk = (int) input.size(0);
        FloatBuffer inputMemory =
                input.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < examples.size(); from += chunk) {
            int count = Math.min(chunk, examples.size() - from);
            examples.copyFeatures(from, count, inputMemory.clear());
            // The first rows of the row-major input are a contiguous view of it.
            INDArray rows = count == chunk ? input : input.get(NDArrayIndex.interval(0, count), NDArrayIndex.all());
            INDArray output = network.predict(rows);
            float[] probabilities =
                    (output.isView() ? output.dup() : output).data().asFloat();
            for (int i = 0; i < count; i++) {
                int label = examples.label(from + i);
                int offset = i * classes;
                double p = probabilities[offset + label];
                lossSum -= Math.log(Math.min(1.0, Math.max(MIN_PROBABILITY, p)));
                if (isArgmax(probabilities, offset, classes, label)) {
                    correct++;
                }
            }
        }
        return new Evaluation(lossSum / examples.size(), (double) correct / examples.size());
    }

    /**
     * True when {@code label} has the strictly largest probability, first index winning ties. NaN outputs
     * count as wrong (every comparison with NaN is false).
     */
    private static boolean isArgmax(float[] probabilities, int offset, int classes, int label) {
        float value = probabilities[offset + label];
        if (Float.isNaN(value)) {
            return false;
        }
        for (int k = 0; k < classes; k++) {
            float other = probabilities[offset + k];
            if (Float.isNaN(other) || (k < label ? other >= value : other > value)) {
                return false;
            }
        }
        return true;
    }
}
