package io.fairtune.worker.training;

import io.fairtune.worker.data.Examples;
import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Assembles a run's training minibatches into two arrays allocated once and refilled every step, with the
 * labels smoothed as y' = y(1 − s) + s/K.
 */
final class Minibatches {

    private final Examples examples;
    private final MinibatchSampler sampler;
    private final int classes;
    private final float offValue;
    private final float onValue;
    private final int[] indices;
    private final float[] featureBuffer;
    private final float[] labelBuffer;
    private final INDArray features;
    private final INDArray labels;
    private final FloatPointer featureMemory;
    private final FloatPointer labelMemory;

    Minibatches(Examples examples, int classes, int batchSize, double labelSmoothing, long seed) {
        this.examples = examples;
        this.sampler = new MinibatchSampler(examples.size(), seed);
        this.classes = classes;
        this.offValue = (float) (labelSmoothing / classes);
        this.onValue = (float) (1 - labelSmoothing + labelSmoothing / classes);
        this.indices = new int[batchSize];
        this.featureBuffer = new float[batchSize * examples.featureCount()];
        this.labelBuffer = new float[batchSize * classes];
        this.features = Nd4j.create(DataType.FLOAT, batchSize, examples.featureCount());
        this.labels = Nd4j.create(DataType.FLOAT, batchSize, classes);
        this.featureMemory = new FloatPointer(features.data().addressPointer());
        this.labelMemory = new FloatPointer(labels.data().addressPointer());
    }

    /** Fills {@link #features()} and {@link #labels()} with the next minibatch. */
    void next() {
        sampler.next(indices);
        int featureCount = examples.featureCount();
        Arrays.fill(labelBuffer, offValue);
        for (int row = 0; row < indices.length; row++) {
            examples.copyFeatures(indices[row], featureBuffer, row * featureCount);
            labelBuffer[row * classes + examples.label(indices[row])] = onValue;
        }
        // One bulk copy each: DataBuffer.setData(float[]) copied element by element, 19 ms for a batch of 4096.
        featureMemory.put(featureBuffer, 0, featureBuffer.length);
        labelMemory.put(labelBuffer, 0, labelBuffer.length);
    }

    INDArray features() {
        return features;
    }

    INDArray labels() {
        return labels;
    }

    int batchSize() {
        return indices.length;
    }

    long epochs() {
        return sampler.epochs();
    }
}
