package io.fairtune.worker.optim;

/** {@code sgd}: g' = g + λw; w ← w − η_t g'. */
final class Sgd extends PerTensorOptimizer {

    private final WeightDecay weightDecay;

    Sgd(WeightDecay weightDecay) {
        this.weightDecay = weightDecay;
    }

    @Override
    void update(ParameterTensor tensor, long step, double learningRate) {
        Descent.step(tensor, learningRate, weightDecay.rateFor(tensor), null, 0);
    }
}
