package io.fairtune.worker.optim;

import io.fairtune.contract.catalog.Hyperparameters;
import io.fairtune.contract.catalog.OptimizerDefinition;
import io.fairtune.contract.plugin.OptimizerPlugin;
import io.fairtune.contract.plugin.OptimizerRegistry;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the update rules of OPTIMIZERS.md, and those of optimizer plugins (through {@link PluginOptimizer}). A rule
 * never sees the base learning rate (the schedule hands it η_t each step), nor {@code label_smoothing} (a loss
 * setting).
 */
public final class Optimizers {

    private Optimizers() {}

    /** A built-in rule from its own hyperparameters alone (tests); see {@link #create(OptimizerRegistry, String, Map)}. */
    public static Optimizer create(String optimizer, Map<String, ?> hyperparameters) {
        return create(OptimizerRegistry.builtIns(), optimizer, hyperparameters);
    }

    /**
     * A rule from its own hyperparameters alone, checked against its catalog entry (the trace command, tests).
     *
     * @param optimizer a name of {@link OptimizerRegistry#names()}
     * @param hyperparameters a {@link Number} per real setting, a {@link Boolean} per flag; missing ones take the
     *     catalog defaults
     * @throws IllegalArgumentException for an unknown optimizer, or an unknown, ill-typed or out-of-range
     *     hyperparameter
     */
    public static Optimizer create(OptimizerRegistry registry, String optimizer, Map<String, ?> hyperparameters) {
        OptimizerDefinition definition = registry.find(optimizer)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown optimizer '" + optimizer + "' (known: " + String.join(", ", registry.names()) + ")"));
        return create(
                registry,
                definition,
                Hyperparameters.of("optimizer " + optimizer, definition.hyperparameters(), hyperparameters));
    }

    /** The rule of an arm, reading its already checked values; a plugin's from {@code registry}. */
    public static Optimizer create(OptimizerRegistry registry, OptimizerDefinition optimizer, Hyperparameters values) {
        Optional<OptimizerPlugin> plugin = registry.plugin(optimizer.name());
        if (plugin.isPresent()) {
            return new PluginOptimizer(optimizer.name(), plugin.get().rule(values));
        }
        return switch (optimizer.name()) {
            case "sgd" -> new Sgd(weightDecay(values));
            case "heavy_ball" -> new HeavyBall(values.real("momentum"), weightDecay(values));
            case "nesterov" -> new Nesterov(values.real("momentum"), weightDecay(values));
            case "adam" -> new Adam(adamSettings(values));
            case "adamw" -> new AdamW(adamSettings(values), weightDecay(values));
            case "lars" ->
                new Lars(
                        values.real("momentum"),
                        weightDecay(values),
                        new TrustRatio(values.real("trust_coefficient"), values.real("epsilon")),
                        values.flag("nesterov"));
            case "lamb" -> new Lamb(adamSettings(values), weightDecay(values));
            default ->
                throw new IllegalStateException(
                        "optimizer '" + optimizer.name() + "' is in the catalog but has no rule");
        };
    }

    private static WeightDecay weightDecay(Hyperparameters values) {
        return new WeightDecay(values.real("weight_decay"), values.flag("exclude_bias_and_norm"));
    }

    private static AdamSettings adamSettings(Hyperparameters values) {
        return new AdamSettings(values.real("beta1"), values.real("beta2"), values.real("epsilon"));
    }
}
