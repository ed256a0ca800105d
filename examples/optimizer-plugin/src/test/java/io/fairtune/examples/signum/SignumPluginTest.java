package io.fairtune.examples.signum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fairtune.contract.catalog.Hyperparameters;
import io.fairtune.contract.catalog.OptimizerDefinition;
import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.contract.plugin.Tensor;
import io.fairtune.contract.plugin.UpdateRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signum's numbers against values worked out by hand, and its definition as the registry checks it. */
class SignumPluginTest {

    private final SignumPlugin plugin = new SignumPlugin();

    @Test
    void twoStepsMatchTheHandComputedTrajectory() {
        // β = 0.5, λ = 0.1; w = (1, −2, 0.5), rates 0.1 then 0.05.
        // Step 0: g = (0.2, −0.4, 0) → m = (0.1, −0.2, 0), sign (1, −1, 0)
        //   w = (1 − 0.1·(1 + 0.1), −2 − 0.1·(−1 − 0.2), 0.5 − 0.1·(0 + 0.05)) = (0.89, −1.88, 0.495)
        // Step 1: g = (−0.6, 0.1, 0.3) → m = (−0.25, −0.05, 0.15), sign (−1, −1, 1)
        //   w = (0.89 − 0.05·(−1 + 0.089), −1.88 − 0.05·(−1 − 0.188), 0.495 − 0.05·(1 + 0.0495))
        //     = (0.93555, −1.8206, 0.442525)
        UpdateRule rule = plugin.rule(values(Map.of("momentum", 0.5, "weight_decay", 0.1)));
        double[] w = {1.0, -2.0, 0.5};

        rule.update(tensor("w", w, new double[] {0.2, -0.4, 0.0}, false), 0, 0.1);
        assertThat(w).containsExactly(new double[] {0.89, -1.88, 0.495}, within(1e-12));

        rule.update(tensor("w", w, new double[] {-0.6, 0.1, 0.3}, false), 1, 0.05);
        assertThat(w).containsExactly(new double[] {0.93555, -1.8206, 0.442525}, within(1e-12));
    }

    @Test
    void biasAndNormTensorsGetNoDecayWhenExcludedAndTensorsKeepTheirOwnMomentum() {
        UpdateRule rule =
                plugin.rule(values(Map.of("momentum", 0.5, "weight_decay", 0.1, "exclude_bias_and_norm", true)));
        double[] bias = {2.0};
        double[] weight = {2.0};

        rule.update(tensor("b", bias, new double[] {1.0}, true), 0, 0.1);
        rule.update(tensor("w", weight, new double[] {-1.0}, false), 0, 0.1);
        // b: m = 0.5, w ← 2 − 0.1·1 = 1.9 (no decay). w: m = −0.5, w ← 2 − 0.1·(−1 + 0.2) = 2.08.
        assertThat(bias[0]).isCloseTo(1.9, within(1e-12));
        assertThat(weight[0]).isCloseTo(2.08, within(1e-12));

        rule.update(tensor("b", bias, new double[] {-3.0}, true), 1, 0.1);
        // b: m = 0.25 − 1.5 = −1.25, sign −1: 1.9 + 0.1 = 2.0.
        assertThat(bias[0]).isCloseTo(2.0, within(1e-12));
        rule.update(tensor("w", weight, new double[] {0.8}, false), 1, 0.1);
        // w's own buffer: m = −0.25 + 0.4 = 0.15, sign 1: 2.08 − 0.1·(1 + 0.208) = 1.9592. One buffer shared with b
        // would hold −0.8125 + 0.4 < 0 and give 2.1592.
        assertThat(weight[0]).isCloseTo(1.9592, within(1e-12));
    }

    @Test
    void theDefinitionPassesTheRegistrysChecksAndGainsLabelSmoothing() {
        OptimizerRegistry registry = OptimizerRegistry.of(List.of(plugin));

        OptimizerDefinition signum = registry.find("signum").orElseThrow();
        assertThat(registry.pluginNames()).containsExactly("signum");
        assertThat(signum.hyperparameters().stream().map(h -> h.name()))
                .containsExactly("momentum", "weight_decay", "exclude_bias_and_norm", "label_smoothing");
        assertThat(signum.weightDecayKind()).isEqualTo(OptimizerDefinition.WeightDecayKind.DECOUPLED);
    }

    private Hyperparameters values(Map<String, Object> given) {
        OptimizerDefinition definition =
                OptimizerRegistry.of(List.of(plugin)).find("signum").orElseThrow();
        return Hyperparameters.of("signum", definition.hyperparameters(), given);
    }

    private static Tensor tensor(String name, double[] value, double[] gradient, boolean biasOrNorm) {
        return new Tensor(name, new long[] {value.length}, value, gradient, biasOrNorm);
    }
}
