package io.fairtune.worker.training;

import io.fairtune.contract.catalog.Workload;
import java.util.Map;

/**
 * One run to train: the workload, the optimizer with every hyperparameter value (defaults filled in, schedule
 * settings included), and the seed of weight initialization and data order.
 *
 * @param hyperparameters values are {@link Double} or {@link Boolean}
 * @param evaluateOnTest final-phase runs also report accuracy on the held-out test split
 */
public record TrainingRequest(
        Workload workload,
        String optimizer,
        String scheduleType,
        Map<String, Object> hyperparameters,
        long seed,
        boolean evaluateOnTest) {

    public TrainingRequest {
        hyperparameters = Map.copyOf(hyperparameters);
    }
}
