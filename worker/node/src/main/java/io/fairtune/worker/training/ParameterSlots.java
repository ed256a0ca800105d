package io.fairtune.worker.training;

import io.fairtune.worker.optim.ParameterTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network's parameter tensors paired with their gradients, bound once: DL4J's parameter and gradient arrays
 * are views into its flat buffers and stay the same objects every step. The two maps come in different orders
 * (forward vs backprop), so they are matched by key ({@code "<layer>_<param>"}).
 *
 * <p>Two kinds of slot:
 *
 * <ul>
 *   <li>trainable tensors go to the optimizer, their gradients divided by the batch size first (DL4J returns
 *       minibatch sums). A tensor is bias-or-norm when it has rank 1, as OPTIMIZERS.md defines it; in DL4J
 *       1.0.0-M2.1 exactly the biases ({@code b}, shape {@code [n]}) and batch norm's {@code gamma} and {@code
 *       beta} ({@code [channels]}) have rank 1, while weights are {@code [in, out]} or {@code [out, in, kH,
 *       kW]}.
 *   <li>batch norm's running statistics ({@code mean}, {@code log10stdev} or {@code var}), for which {@link
 *       Layer#updaterDivideByMinibatch} is false: DL4J leaves the finished update in the gradient slot and
 *       applies {@code w -= g} with no learning rate, division or decay. They never reach the optimizer.
 * </ul>
 */
final class ParameterSlots {

    private final List<ParameterTensor> trainable;
    private final List<Slot> runningStatistics;

    private ParameterSlots(List<ParameterTensor> trainable, List<Slot> runningStatistics) {
        this.trainable = List.copyOf(trainable);
        this.runningStatistics = List.copyOf(runningStatistics);
    }

    private record Slot(String name, INDArray value, INDArray gradient) {}

    /** Binds the network's slots; needs one computed gradient (DL4J creates the gradient map lazily). */
    static ParameterSlots bind(MultiLayerNetwork network) {
        if (network.gradient() == null) {
            throw new IllegalStateException("compute a gradient before binding parameter slots");
        }
        Map<String, INDArray> gradients = network.gradient().gradientForVariable();
        List<ParameterTensor> trainable = new ArrayList<>();
        List<Slot> statistics = new ArrayList<>();
        for (Map.Entry<String, INDArray> entry : network.paramTable().entrySet()) {
            String key = entry.getKey();
            INDArray value = entry.getValue();
            INDArray gradient = gradients.get(key);
            if (gradient == null || gradient.length() != value.length()) {
                throw new IllegalStateException(
                        "no gradient matching parameter " + key + " " + value.shapeInfoToString());
            }
            int separator = key.indexOf('_');
            Layer layer = network.getLayer(Integer.parseInt(key.substring(0, separator)));
            String param = key.substring(separator + 1);
            if (layer.updaterDivideByMinibatch(param)) {
                trainable.add(new ParameterTensor(key, value, gradient, value.rank() == 1));
            } else {
                statistics.add(new Slot(key, value, gradient));
            }
        }
        return new ParameterSlots(trainable, statistics);
    }

    /** Applies batch norm's running-statistic updates as DL4J's updater would. */
    void updateRunningStatistics() {
        for (Slot slot : runningStatistics) {
            slot.value().subi(slot.gradient());
        }
    }

    /** Turns DL4J's minibatch-sum gradients of the trainable tensors into means. */
    void divideGradients(int batchSize) {
        for (ParameterTensor tensor : trainable) {
            tensor.gradient().divi(batchSize);
        }
    }

    /** The tensors the optimizer updates, in forward order; the same objects every step. */
    List<ParameterTensor> trainable() {
        return trainable;
    }

    List<String> runningStatisticNames() {
        return runningStatistics.stream().map(Slot::name).toList();
    }
}
