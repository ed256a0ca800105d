package io.fairtune.examples.signum;

import static io.fairtune.contract.catalog.HyperparameterDefinition.flag;
import static io.fairtune.contract.catalog.HyperparameterDefinition.real;

import io.fairtune.contract.catalog.Hyperparameters;
import io.fairtune.contract.catalog.OptimizerDefinition;
import io.fairtune.contract.catalog.OptimizerDefinition.WeightDecayKind;
import io.fairtune.contract.plugin.OptimizerPlugin;
import io.fairtune.contract.plugin.UpdateRule;
import java.util.List;

/**
 * {@code signum}: momentum {@code m ← β m + (1 − β) g}, then {@code w ← w − η_t (sign(m) + λ w)} with sign(0) = 0
 * (Bernstein et al., signSGD, 2018). Weight decay is decoupled, scaled by the current rate as in adamw; with {@code
 * exclude_bias_and_norm} bias and normalization tensors get none.
 */
public final class SignumPlugin implements OptimizerPlugin {

    static final String NAME = "signum";

    @Override
    public OptimizerDefinition definition() {
        return new OptimizerDefinition(
                NAME,
                List.of(
                        real("momentum", 0, true, 1, false, 0.9, "momentum β of the averaged gradient"),
                        real("weight_decay", 0, true, Double.POSITIVE_INFINITY, false, 0.0, "decoupled decay λ"),
                        flag("exclude_bias_and_norm", false, "rank-1 tensors get no weight decay")),
                WeightDecayKind.DECOUPLED);
    }

    @Override
    public UpdateRule rule(Hyperparameters values) {
        return new Signum(values.real("momentum"), values.real("weight_decay"), values.flag("exclude_bias_and_norm"));
    }
}
