package io.fairtune.contract.catalog;

import java.util.List;
import java.util.Optional;

/**
 * An optimizer's name, its hyperparameters and how it applies weight decay (reports must say which kind each
 * arm used, because coupled and decoupled decay values are not comparable).
 */
public record OptimizerDefinition(
        String name, List<HyperparameterDefinition> hyperparameters, WeightDecayKind weightDecayKind) {

    public OptimizerDefinition {
        hyperparameters = List.copyOf(hyperparameters);
    }

    public Optional<HyperparameterDefinition> hyperparameter(String hyperparameterName) {
        return hyperparameters.stream()
                .filter(h -> h.name().equals(hyperparameterName))
                .findFirst();
    }

    /** Coupled: added to the gradient (SGD family, LARS). Decoupled: applied beside the adaptive step. */
    public enum WeightDecayKind {
        NONE,
        COUPLED,
        DECOUPLED
    }
}
