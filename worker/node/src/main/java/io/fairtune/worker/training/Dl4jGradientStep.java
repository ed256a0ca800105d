package io.fairtune.worker.training;

import io.fairtune.worker.optim.ParameterTensor;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradients from DL4J: {@code computeGradientAndScore()} on a network whose DL4J updater is NoOp (never {@code
 * fit()}), batch norm's running statistics applied as DL4J would, gradients divided by the batch size.
 */
final class Dl4jGradientStep implements GradientStep {

    private final MultiLayerNetwork network;
    private ParameterSlots slots;

    Dl4jGradientStep(MultiLayerNetwork network) {
        this.network = network;
    }

    @Override
    public double compute(INDArray features, INDArray labels) {
        network.setInput(features);
        network.setLabels(labels);
        network.computeGradientAndScore();
        double loss = network.score();
        if (Double.isFinite(loss)) {
            if (slots == null) {
                slots = ParameterSlots.bind(network);
            }
            slots.updateRunningStatistics();
            slots.divideGradients((int) features.size(0));
        }
        return loss;
    }

    @Override
    public INDArray predict(INDArray features) {
        return network.output(features, false);
    }

    /** Bounds the cnn's activations (about 60 KB per example). */
    @Override
    public int evaluationChunk() {
        return 500;
    }

    @Override
    public List<ParameterTensor> trainable() {
        if (slots == null) {
            throw new IllegalStateException("no gradient computed yet");
        }
        return slots.trainable();
    }
}
