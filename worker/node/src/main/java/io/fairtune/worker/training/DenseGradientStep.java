package io.fairtune.worker.training;

import io.fairtune.worker.optim.ParameterTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The lean forward and backward pass of a stack of ReLU dense layers ending in softmax with cross-entropy (the
 * mlp), on the network's own parameter arrays, so DL4J still initializes the weights and evaluates the model.
 *
 * <p>Why not {@code computeGradientAndScore()}: measured at batch 4096, DL4J spent more time around the GEMMs
 * than in them, chiefly copying activations between row- and column-major order (about 27 ms per 4096×256 copy
 * here), summing bias gradients with a column reduction 8× slower than a GEMM against a ones vector, and a
 * lambda-based ReLU derivative 7× slower than a step mask. This path keeps every activation row-major in
 * buffers allocated once per run, adds no copies, and produces minibatch-mean gradients directly. {@code
 * DenseGradientStepTest} holds its loss and gradients equal to DL4J's for the same weights and batch.
 */
final class DenseGradientStep implements GradientStep {

    /**
     * Up to this batch a training step runs its OpenMP work (oneDNN's GEMMs) on the calling thread alone: a team of
     * two waits on each other longer than it saves. Measured here (2 cores, the step alone, two-thread team against
     * one, alternating in one JVM): batch 128 3.75 → 2.86 ms, 256 7.1 → 6.0, 512 8.8 → 8.2, but 1024 15.3 → 16.8 and
     * 2048 29.6 → 35.0. Evaluation, on chunks of up to {@link #EVALUATION_CHUNK} rows, keeps the slot's threads.
     */
    static final int MAX_SINGLE_THREAD_BATCH = 512;

    /** Examples evaluated at once: 2 KB of activations each, and large GEMMs instead of many small ones. */
    static final int EVALUATION_CHUNK = 4096;

    private final List<Dense> layers;
    /** Each layer's training activation buffer, in order: what the forward pass of a step writes. */
    private final List<INDArray> trainingOutputs;

    private final List<ParameterTensor> trainable;
    private final double clipEpsilon;
    private final int batchSize;
    /** {@code [1, batch]} of ones: bias gradients, and the bias under each row of a forward pass, as GEMMs. */
    private final INDArray ones;
    /** Scratch for the clipped log-probabilities of the loss. */
    private final INDArray logProbabilities;
    /** Per layer, {@code [rows, width]} for up to {@link #EVALUATION_CHUNK} rows; made on the first evaluation. */
    private List<INDArray> evaluationOutputs;

    /**
     * One layer's arrays.
     *
     * @param weights {@code [in, out]}, the network's own view
     * @param biasGradientRow {@code [1, out]} view of the bias gradient the optimizer reads
     * @param bias {@code [1, out]} view of the network's bias
     * @param output {@code [batch, out]}: the activation; the softmax layer's is overwritten by its delta
     * @param delta {@code [batch, out]} gradient of the loss by the pre-activation; null for the softmax layer
     * @param mask {@code [batch, out]} ReLU derivative; null for the softmax layer
     */
    private record Dense(
            INDArray weights,
            INDArray weightGradient,
            INDArray biasGradientRow,
            INDArray bias,
            INDArray output,
            INDArray delta,
            INDArray mask) {}

    private DenseGradientStep(MultiLayerNetwork network, int batchSize) {
        this.batchSize = batchSize;
        Map<String, INDArray> parameters = network.paramTable();
        Map<String, INDArray> gradients = new HashMap<>();
        List<Dense> dense = new ArrayList<>();
        int count = network.getnLayers();
        for (int i = 0; i < count; i++) {
            INDArray weights = parameters.get(i + "_W");
            INDArray bias = parameters.get(i + "_b");
            long width = weights.size(1);
            INDArray weightGradient = Nd4j.createUninitialized(weights.dataType(), weights.shape(), weights.ordering());
            INDArray biasGradient = Nd4j.createUninitialized(bias.dataType(), bias.shape(), 'c');
            gradients.put(i + "_W", weightGradient);
            gradients.put(i + "_b", biasGradient);
            boolean hidden = i < count - 1;
            dense.add(new Dense(
                    weights,
                    weightGradient,
                    biasGradient.reshape(1, width),
                    bias.reshape(1, width),
                    Nd4j.createUninitialized(DataType.FLOAT, batchSize, width),
                    hidden ? Nd4j.createUninitialized(DataType.FLOAT, batchSize, width) : null,
                    hidden ? Nd4j.createUninitialized(DataType.FLOAT, batchSize, width) : null));
        }
        List<ParameterTensor> tensors = new ArrayList<>();
        parameters.forEach(
                (key, value) -> tensors.add(new ParameterTensor(key, value, gradients.get(key), value.rank() == 1)));
        this.layers = List.copyOf(dense);
        this.trainingOutputs = layers.stream().map(Dense::output).toList();
        this.trainable = List.copyOf(tensors);
        OutputLayer output = (OutputLayer)
                network.getLayerWiseConfigurations().getConf(count - 1).getLayer();
        this.clipEpsilon = ((LossMCXENT) output.getLossFn()).getSoftmaxClipEps();
        this.ones = Nd4j.ones(DataType.FLOAT, 1, batchSize);
        this.logProbabilities = Nd4j.createUninitialized(
                DataType.FLOAT, batchSize, dense.get(count - 1).output().size(1));
    }

    /**
     * The lean path for {@code network} at a fixed batch size, when the network is exactly what it computes:
     * float32 dense layers with bias and ReLU, no dropout, weight noise, layer norm, regularization or input
     * preprocessor, then a softmax output layer with unweighted cross-entropy.
     */
    static Optional<GradientStep> forNetwork(MultiLayerNetwork network, int batchSize) {
        MultiLayerConfiguration configuration = network.getLayerWiseConfigurations();
        int count = network.getnLayers();
        if (count < 1 || configuration.getDataType() != DataType.FLOAT) {
            return Optional.empty();
        }
        for (int i = 0; i < count; i++) {
            Layer layer = configuration.getConf(i).getLayer();
            boolean last = i == count - 1;
            boolean shape = last
                    ? isSoftmaxCrossEntropy(layer)
                    : layer instanceof DenseLayer dense
                            && isPlain(dense)
                            && dense.getActivationFn() instanceof ActivationReLU;
            if (!shape || configuration.getInputPreProcess(i) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(new DenseGradientStep(network, batchSize));
    }

    private static boolean isSoftmaxCrossEntropy(Layer layer) {
        return layer instanceof OutputLayer output
                && isPlain(output)
                && output.getActivationFn() instanceof ActivationSoftmax
                && output.getLossFn() instanceof LossMCXENT loss
                && loss.getWeights() == null;
    }

    private static boolean isPlain(BaseLayer layer) {
        boolean withBias = layer instanceof DenseLayer dense
                ? dense.hasBias() && !dense.hasLayerNorm()
                : layer instanceof OutputLayer output && output.hasBias();
        return withBias
                && layer.getIDropout() == null
                && layer.getWeightNoise() == null
                && layer.getRegularization().isEmpty()
                && layer.getRegularizationBias().isEmpty();
    }

    @Override
    public double compute(INDArray features, INDArray labels) {
        if (features.size(0) != batchSize) {
            throw new IllegalArgumentException("batch of " + features.size(0) + " rows, built for " + batchSize);
        }
        if (batchSize > MAX_SINGLE_THREAD_BATCH) {
            return step(features, labels);
        }
        // OpenMP's thread count is per calling thread, so this holds for this trial's thread alone.
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int threads = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(1);
        try {
            return step(features, labels);
        } finally {
            ops.setOmpNumThreads(threads);
        }
    }

    private double step(INDArray features, INDArray labels) {
        INDArray probabilities = forward(features, trainingOutputs, ones);
        double loss = crossEntropy(probabilities, labels);
        if (!Double.isFinite(loss)) {
            return loss;
        }
        // Softmax with cross-entropy: dL/dz = (p - y) / batch for labels that sum to one, as smoothed ones do.
        probabilities.subi(labels).divi(batchSize);
        for (int i = layers.size() - 1; i >= 0; i--) {
            Dense layer = layers.get(i);
            INDArray delta = layer.delta() != null ? layer.delta() : layer.output();
            INDArray layerInput = i == 0 ? features : layers.get(i - 1).output();
            Nd4j.gemm(layerInput, delta, layer.weightGradient(), true, false, 1.0, 0.0);
            Nd4j.gemm(ones, delta, layer.biasGradientRow(), false, false, 1.0, 0.0);
            if (i > 0) {
                Dense below = layers.get(i - 1);
                Nd4j.gemm(delta, layer.weights(), below.delta(), false, true, 1.0, 0.0);
                // ReLU's derivative from its output: relu(z) > 0 exactly where z > 0.
                Nd4j.exec(new Step(below.output(), below.mask()));
                below.delta().muli(below.mask());
            }
        }
        return loss;
    }

    /**
     * Every layer's activation into {@code outputs} (one {@code [rows, width]} array per layer), ending in the
     * softmax probabilities, which it answers.
     *
     * @param ones {@code [1, rows]} of ones: the bias goes into every row as a rank-1 GEMM and x·W is added onto it,
     *     faster than libnd4j's row-wise broadcast add in training; null adds the bias after x·W, which was faster for
     *     the evaluation's larger, once-a-trial chunks
     */
    private INDArray forward(INDArray features, List<INDArray> outputs, INDArray ones) {
        INDArray input = features;
        for (int i = 0; i < layers.size(); i++) {
            Dense layer = layers.get(i);
            INDArray output = outputs.get(i);
            if (ones != null) {
                Nd4j.gemm(ones, layer.bias(), output, true, false, 1.0, 0.0);
                Nd4j.gemm(input, layer.weights(), output, false, false, 1.0, 1.0);
            } else {
                Nd4j.gemm(input, layer.weights(), output, false, false, 1.0, 0.0);
                output.addiRowVector(layer.bias());
            }
            if (layer.mask() != null) {
                Transforms.relu(output, false);
            }
            input = output;
        }
        return Transforms.softmax(input, false);
    }

    /** Inference is the training forward pass (no dropout or batch norm here), on buffers of its own. */
    @Override
    public INDArray predict(INDArray features) {
        int rows = (int) features.size(0);
        if (rows > EVALUATION_CHUNK) {
            throw new IllegalArgumentException(rows + " rows exceed the evaluation chunk of " + EVALUATION_CHUNK);
        }
        // Sized to the first request (a small validation split needs no full chunk), grown if a later one is larger.
        if (evaluationOutputs == null || evaluationOutputs.get(0).size(0) < rows) {
            releaseEvaluationBuffers();
            evaluationOutputs = layers.stream()
                    .map(layer -> Nd4j.createUninitialized(
                            DataType.FLOAT, rows, layer.output().size(1)))
                    .toList();
        }
        // The first rows of a row-major buffer are a contiguous view, so a short chunk needs no buffers of its own.
        List<INDArray> outputs = rows == evaluationOutputs.get(0).size(0)
                ? evaluationOutputs
                : evaluationOutputs.stream()
                        .map(buffer -> buffer.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()))
                        .toList();
        return forward(features, outputs, null);
    }

    @Override
    public int evaluationChunk() {
        return EVALUATION_CHUNK;
    }

    @Override
    public void release() {
        List<INDArray> made = new ArrayList<>(List.of(ones, logProbabilities));
        trainable.forEach(tensor -> made.add(tensor.gradient()));
        for (Dense layer : layers) {
            made.add(layer.output());
            if (layer.delta() != null) {
                made.add(layer.delta());
                made.add(layer.mask());
            }
        }
        made.forEach(INDArray::close);
        releaseEvaluationBuffers();
    }

    private void releaseEvaluationBuffers() {
        if (evaluationOutputs != null) {
            evaluationOutputs.forEach(INDArray::close);
            evaluationOutputs = null;
        }
    }

    /** Mean of −Σ y·log p, with p clipped to [ε, 1 − ε] as DL4J's score clips it. */
    private double crossEntropy(INDArray probabilities, INDArray labels) {
        logProbabilities.assign(probabilities);
        // Conditions, not max/min: a NaN probability must stay NaN so a diverged run is seen as one.
        BooleanIndexing.replaceWhere(logProbabilities, clipEpsilon, Conditions.lessThan(clipEpsilon));
        BooleanIndexing.replaceWhere(logProbabilities, 1 - clipEpsilon, Conditions.greaterThan(1 - clipEpsilon));
        Transforms.log(logProbabilities, false);
        return -logProbabilities.muli(labels).sumNumber().doubleValue() / batchSize;
    }

    @Override
    public List<ParameterTensor> trainable() {
        return trainable;
    }
}
