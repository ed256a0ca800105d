package io.fairtune.contract.plugin;

import io.fairtune.contract.catalog.Hyperparameters;
import io.fairtune.contract.catalog.OptimizerDefinition;

/**
 * An optimizer that is not built in: its catalog entry and its update rule. Listed in a jar's {@code
 * META-INF/services/io.fairtune.contract.plugin.OptimizerPlugin} and found by {@link OptimizerRegistry#load}. The
 * service only reads {@link #definition()}; workers and the {@code trace} command also call {@link #rule}. One
 * instance serves every slot of a process, so it keeps no state of its own (a rule does); it needs a public
 * no-argument constructor, as {@link java.util.ServiceLoader} does.
 */
public interface OptimizerPlugin {

    /**
     * The optimizer's name (what a spec's {@code optimizer} says), its hyperparameters with their ranges and
     * defaults, and its weight-decay kind. Leave out {@code learning_rate} (the schedule's base rate; the rule is
     * handed η_t) and {@code label_smoothing} (a loss setting the registry adds to every optimizer). A rule that
     * treats bias and normalization tensors apart declares a flag, by convention {@code exclude_bias_and_norm}.
     */
    OptimizerDefinition definition();

    /**
     * A fresh rule for one training run or trace.
     *
     * @param values every value the arm's trial trains with, checked against {@link #definition()} and completed
     *     with its defaults (read them with {@link Hyperparameters#real} and {@link Hyperparameters#flag})
     */
    UpdateRule rule(Hyperparameters values);
}
