package io.fairtune.worker.data;

import io.fairtune.contract.catalog.DatasetCatalog;
import io.fairtune.contract.catalog.DatasetDefinition;
import java.util.SplittableRandom;

/**
 * Generates the {@code synthetic} dataset: uniform [0,1) "pixels" labelled by a fixed random teacher network
 * (one tanh hidden layer, argmax of ten logits). Only {@link SplittableRandom} with fixed seeds, IEEE double
 * arithmetic and {@link StrictMath} are used, so every JVM on every machine produces the same bits.
 */
final class SyntheticDataGenerator {

    private static final long TEACHER_SEED = 0x7EAC4E5L;
    private static final long PILOT_SEED = 0x9170L;
    private static final long TRAIN_SEED = 0x7A11L;
    private static final long TEST_SEED = 0x7E57L;
    private static final int HIDDEN = 32;
    /** Input weights are U(-a, a): a = 0.75 gives the hidden pre-activations unit variance on U[0,1) inputs. */
    private static final double INPUT_WEIGHT_RANGE = 0.75;
    /** Inputs whose two best logits are closer than this are redrawn: labels are then learnable quickly. */
    static final double MARGIN = 1.0;

    private static final int PILOT_EXAMPLES = 20_000;
    private static final int BALANCING_ROUNDS = 400;
    private static final double BALANCING_RATE = 2.0;

    private SyntheticDataGenerator() {}

    static LoadedDataset generate() {
        DatasetDefinition definition = DatasetCatalog.SYNTHETIC;
        Teacher teacher = Teacher.create(definition);
        double[] offsets = balancingOffsets(teacher, definition);
        return new LoadedDataset(
                definition,
                split(teacher, offsets, new SplittableRandom(TRAIN_SEED), definition.trainExamples()),
                split(teacher, offsets, new SplittableRandom(TEST_SEED), definition.testExamples()));
    }

    /**
     * Draws inputs until every class holds exactly 1/K of the examples, keeping only inputs at least {@link
     * #MARGIN} from a decision boundary, then shuffles so that no class gathers in the validation tail.
     */
    private static Examples split(Teacher teacher, double[] offsets, SplittableRandom random, int examples) {
        int features = teacher.features();
        int classes = teacher.classes();
        if (examples % classes != 0) {
            throw new IllegalStateException("split size " + examples + " is not a multiple of " + classes);
        }
        int quota = examples / classes;
        int[] counts = new int[classes];
        float[] values = new float[examples * features];
        byte[] labels = new byte[examples];
        float[] candidate = new float[features];
        double[] logits = new double[classes];
        int accepted = 0;
        while (accepted < examples) {
            for (int f = 0; f < features; f++) {
                candidate[f] = (float) random.nextDouble();
            }
            teacher.logits(candidate, 0, logits);
            int label = argmax(logits, offsets);
            if (counts[label] < quota && margin(logits, offsets, label) >= MARGIN) {
                System.arraycopy(candidate, 0, values, accepted * features, features);
                labels[accepted++] = (byte) label;
                counts[label]++;
            }
        }
        shuffle(random, values, labels, features);
        return new Examples(values, labels, features);
    }

    private static void shuffle(SplittableRandom random, float[] values, byte[] labels, int features) {
        float[] row = new float[features];
        for (int i = labels.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            byte label = labels[i];
            labels[i] = labels[j];
            labels[j] = label;
            System.arraycopy(values, i * features, row, 0, features);
            System.arraycopy(values, j * features, values, i * features, features);
            System.arraycopy(row, 0, values, j * features, features);
        }
    }

    /**
     * A random teacher's argmax labels crowd into a few classes; per-class logit offsets found by a fixed
     * number of deterministic steps on pilot inputs make every class about equally likely, so the quotas of
     * {@link #split} fill at similar rates.
     */
    private static double[] balancingOffsets(Teacher teacher, DatasetDefinition definition) {
        int classes = definition.classes();
        SplittableRandom random = new SplittableRandom(PILOT_SEED);
        float[] input = new float[teacher.features()];
        double[] pilot = new double[PILOT_EXAMPLES * classes];
        double[] logits = new double[classes];
        for (int n = 0; n < PILOT_EXAMPLES; n++) {
            for (int f = 0; f < input.length; f++) {
                input[f] = (float) random.nextDouble();
            }
            teacher.logits(input, 0, logits);
            System.arraycopy(logits, 0, pilot, n * classes, classes);
        }
        double[] offsets = new double[classes];
        for (int round = 0; round < BALANCING_ROUNDS; round++) {
            int[] counts = new int[classes];
            for (int n = 0; n < PILOT_EXAMPLES; n++) {
                System.arraycopy(pilot, n * classes, logits, 0, classes);
                counts[argmax(logits, offsets)]++;
            }
            for (int k = 0; k < classes; k++) {
                offsets[k] -= BALANCING_RATE * ((double) counts[k] / PILOT_EXAMPLES - 1.0 / classes);
            }
        }
        return offsets;
    }

    private static int argmax(double[] logits, double[] offsets) {
        int best = 0;
        for (int k = 1; k < logits.length; k++) {
            if (logits[k] + offsets[k] > logits[best] + offsets[best]) {
                best = k;
            }
        }
        return best;
    }

    private static double margin(double[] logits, double[] offsets, int label) {
        double runnerUp = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < logits.length; k++) {
            if (k != label) {
                runnerUp = Math.max(runnerUp, logits[k] + offsets[k]);
            }
        }
        return logits[label] + offsets[label] - runnerUp;
    }

    /** x → W2 tanh(W1 (x − 0.5) + b1): the fixed network that defines the labels. */
    private record Teacher(int features, int classes, double[] w1, double[] b1, double[] w2) {

        static Teacher create(DatasetDefinition definition) {
            SplittableRandom random = new SplittableRandom(TEACHER_SEED);
            int features = definition.features();
            int classes = definition.classes();
            double[] w1 = uniform(random, HIDDEN * features, INPUT_WEIGHT_RANGE);
            double[] b1 = uniform(random, HIDDEN, 0.5);
            double[] w2 = uniform(random, classes * HIDDEN, 1.0);
            return new Teacher(features, classes, w1, b1, w2);
        }

        private static double[] uniform(SplittableRandom random, int count, double range) {
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                values[i] = (2 * random.nextDouble() - 1) * range;
            }
            return values;
        }

        /** Writes the logits of the input at {@code offset} of {@code inputs} into {@code logits}. */
        void logits(float[] inputs, int offset, double[] logits) {
            double[] hidden = new double[HIDDEN];
            for (int j = 0; j < HIDDEN; j++) {
                double sum = b1[j];
                for (int f = 0; f < features; f++) {
                    sum += w1[j * features + f] * (inputs[offset + f] - 0.5);
                }
                hidden[j] = StrictMath.tanh(sum);
            }
            for (int k = 0; k < classes; k++) {
                double sum = 0;
                for (int j = 0; j < HIDDEN; j++) {
                    sum += w2[k * HIDDEN + j] * hidden[j];
                }
                logits[k] = sum;
            }
        }
    }
}
