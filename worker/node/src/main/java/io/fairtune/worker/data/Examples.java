package io.fairtune.worker.data;

import java.nio.FloatBuffer;

/**
 * An immutable run of labelled examples: float32 features (row-major, one row per example) and class labels.
 * Slices share the backing arrays, so a dataset is held in memory once however many trials read it.
 */
public final class Examples {

    private final float[] features;
    private final byte[] labels;
    private final int featureCount;
    private final int offset;
    private final int size;

    /** Takes ownership of the arrays: callers must not change them afterwards. */
    Examples(float[] features, byte[] labels, int featureCount) {
        this(features, labels, featureCount, 0, labels.length);
        if (features.length != (long) labels.length * featureCount) {
            throw new IllegalArgumentException(
                    "features hold " + features.length + " values, expected " + labels.length + " × " + featureCount);
        }
    }

    private Examples(float[] features, byte[] labels, int featureCount, int offset, int size) {
        this.features = features;
        this.labels = labels;
        this.featureCount = featureCount;
        this.offset = offset;
        this.size = size;
    }

    public int size() {
        return size;
    }

    public int featureCount() {
        return featureCount;
    }

    public int label(int index) {
        return labels[offset + checkIndex(index)];
    }

    public float feature(int index, int feature) {
        if (feature < 0 || feature >= featureCount) {
            throw new IndexOutOfBoundsException("feature " + feature + " of " + featureCount);
        }
        return features[(offset + checkIndex(index)) * featureCount + feature];
    }

    /** Copies example {@code index}'s features into {@code target} starting at {@code targetOffset}. */
    public void copyFeatures(int index, float[] target, int targetOffset) {
        System.arraycopy(features, (offset + checkIndex(index)) * featureCount, target, targetOffset, featureCount);
    }

    /** Copies {@code count} consecutive examples' features starting at {@code from}. */
    public void copyFeatures(int from, int count, float[] target, int targetOffset) {
        if (from < 0 || count < 0 || from + count > size) {
            throw new IndexOutOfBoundsException("examples " + from + ".." + (from + count) + " of " + size);
        }
        System.arraycopy(features, (offset + from) * featureCount, target, targetOffset, count * featureCount);
    }

    /** Copies {@code count} consecutive examples' features starting at {@code from} to the buffer's position. */
    public void copyFeatures(int from, int count, FloatBuffer target) {
        if (from < 0 || count < 0 || from + count > size) {
            throw new IndexOutOfBoundsException("examples " + from + ".." + (from + count) + " of " + size);
        }
        target.put(features, (offset + from) * featureCount, count * featureCount);
    }

    /** The examples {@code from} (inclusive) to {@code to} (exclusive), sharing this run's arrays. */
    public Examples slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + size);
        }
        return new Examples(features, labels, featureCount, offset + from, to - from);
    }

    /** How many examples carry each label, for checks of class balance. */
    public int[] classCounts(int classes) {
        int[] counts = new int[classes];
        for (int i = 0; i < size; i++) {
            counts[labels[offset + i]]++;
        }
        return counts;
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("example " + index + " of " + size);
        }
        return index;
    }
}
