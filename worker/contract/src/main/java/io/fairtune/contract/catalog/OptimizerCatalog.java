package io.fairtune.contract.catalog;

import static io.fairtune.contract.catalog.HyperparameterDefinition.flag;
import static io.fairtune.contract.catalog.HyperparameterDefinition.real;

import io.fairtune.contract.catalog.OptimizerDefinition.WeightDecayKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every built-in optimizer of OPTIMIZERS.md with its hyperparameters, legal ranges and defaults. Both sides read
 * them through {@link io.fairtune.contract.plugin.OptimizerRegistry}, which adds the plugins of a plugins directory. The base learning
 * rate is the schedule's ({@link ScheduleCatalog#LEARNING_RATE}); a rule is handed η_t each step.
 */
public final class OptimizerCatalog {

    private static final double INF = Double.POSITIVE_INFINITY;

    static final HyperparameterDefinition MOMENTUM = real("momentum", 0, true, 1, false, 0.9, "momentum μ");
    static final HyperparameterDefinition WEIGHT_DECAY = real("weight_decay", 0, true, INF, false, 0.0, "λ");
    static final HyperparameterDefinition BETA1 = real("beta1", 0, true, 1, false, 0.9, "first-moment decay β1");
    static final HyperparameterDefinition BETA2 = real("beta2", 0, true, 1, false, 0.999, "second-moment decay β2");
    /** A loss setting every optimizer's catalog entry ends with, plugins' too: the trainer reads it, no rule does. */
    public static final HyperparameterDefinition LABEL_SMOOTHING =
            real("label_smoothing", 0, true, 1, false, 0.0, "label smoothing of the cross-entropy loss");

    private static final Map<String, OptimizerDefinition> OPTIMIZERS = new LinkedHashMap<>();

    static {
        HyperparameterDefinition excludeOff =
                flag("exclude_bias_and_norm", false, "rank-1 tensors get no weight decay and no layer-wise adaptation");
        HyperparameterDefinition excludeOn =
                flag("exclude_bias_and_norm", true, "rank-1 tensors get no weight decay and no layer-wise adaptation");
        register("sgd", WeightDecayKind.COUPLED, WEIGHT_DECAY, excludeOff);
        register("heavy_ball", WeightDecayKind.COUPLED, MOMENTUM, WEIGHT_DECAY, excludeOff);
        register("nesterov", WeightDecayKind.COUPLED, MOMENTUM, WEIGHT_DECAY, excludeOff);
        register(
                "adam",
                WeightDecayKind.NONE,
                BETA1,
                BETA2,
                real("epsilon", 0, true, INF, false, 1e-8, "ε added to √ŝ"));
        register(
                "adamw",
                WeightDecayKind.DECOUPLED,
                BETA1,
                BETA2,
                real("epsilon", 0, true, INF, false, 1e-8, "ε added to √ŝ"),
                WEIGHT_DECAY,
                excludeOff);
        register(
                "lars",
                WeightDecayKind.COUPLED,
                MOMENTUM,
                WEIGHT_DECAY,
                real("trust_coefficient", 0, false, INF, false, 0.001, "trust coefficient ζ"),
                real("epsilon", 0, true, INF, false, 0.0, "ε in the trust-ratio denominator"),
                flag("nesterov", false, "Nesterov form of the LARS momentum"),
                excludeOn);
        register(
                "lamb",
                WeightDecayKind.DECOUPLED,
                BETA1,
                BETA2,
                real("epsilon", 0, true, INF, false, 1e-6, "ε added to √ŝ"),
                WEIGHT_DECAY,
                excludeOn);
    }

    private OptimizerCatalog() {}

    private static void register(
            String name, WeightDecayKind weightDecayKind, HyperparameterDefinition... hyperparameters) {
        List<HyperparameterDefinition> all = new ArrayList<>(Arrays.asList(hyperparameters));
        all.add(LABEL_SMOOTHING);
        OPTIMIZERS.put(name, new OptimizerDefinition(name, all, weightDecayKind));
    }

    public static Optional<OptimizerDefinition> find(String name) {
        return Optional.ofNullable(OPTIMIZERS.get(name));
    }

    public static List<OptimizerDefinition> all() {
        return List.copyOf(OPTIMIZERS.values());
    }

    public static List<String> names() {
        return List.copyOf(OPTIMIZERS.keySet());
    }
}
