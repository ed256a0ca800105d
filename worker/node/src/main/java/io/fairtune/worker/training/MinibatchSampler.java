package io.fairtune.worker.training;

import java.util.SplittableRandom;

/**
 * The order in which a run visits the training examples: a fresh seeded permutation per epoch, read as one
 * endless stream, so every minibatch is full and a batch may span two epochs. The same seed gives the same
 * order on every machine (plain Java arithmetic, no ND4J random numbers).
 */
final class MinibatchSampler {

    /** Keeps the data order independent of the weight initialization, which uses the seed itself. */
    private static final long DATA_ORDER_SALT = 0x5DEECE66DL;

    private final SplittableRandom random;
    private final int[] order;
    private int position;
    private long epochs;

    MinibatchSampler(int examples, long seed) {
        if (examples <= 0) {
            throw new IllegalArgumentException("no training examples");
        }
        this.random = new SplittableRandom(seed ^ DATA_ORDER_SALT);
        this.order = new int[examples];
        this.position = examples;
    }

    /** Fills {@code indices} with the next example indices of the stream. */
    void next(int[] indices) {
        for (int i = 0; i < indices.length; i++) {
            if (position == order.length) {
                shuffle();
            }
            indices[i] = order[position++];
        }
    }

    /** Epochs started so far. */
    long epochs() {
        return epochs;
    }

    private void shuffle() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        position = 0;
        epochs++;
    }
}
