package io.fairtune.worker.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every rule, three scheduled steps on a weight matrix and a bias, against {@link ReferenceRules}. */
class OptimizerRulesTest {

    /** One step of a reference rule on one tensor, with that tensor's state arrays. */
    interface ReferenceStep {
        void apply(double[] w, double[] g, double[][] state, long t, double lr);
    }

    static Stream<Arguments> cases() {
        ReferenceStep plainMomentum = (w, g, st, t, lr) -> ReferenceRules.momentum(w, g, st[0], lr, 0.9, 0, false);
        ReferenceStep plainNesterov = (w, g, st, t, lr) -> ReferenceRules.momentum(w, g, st[0], lr, 0.9, 0, true);
        ReferenceStep plainAdam =
                (w, g, st, t, lr) -> ReferenceRules.adam(w, g, st[0], st[1], t, lr, 0.9, 0.999, 1e-6, 0);
        return Stream.of(
                Arguments.of("sgd", Map.of("weight_decay", 0.1), sgd(0.1), sgd(0.1)),
                Arguments.of("sgd", Map.of("weight_decay", 0.1, "exclude_bias_and_norm", true), sgd(0.1), sgd(0.0)),
                Arguments.of(
                        "heavy_ball",
                        Map.of("momentum", 0.9, "weight_decay", 0.01),
                        momentum(0.01, false),
                        momentum(0.01, false)),
                Arguments.of(
                        "heavy_ball",
                        Map.of("momentum", 0.9, "weight_decay", 0.01, "exclude_bias_and_norm", true),
                        momentum(0.01, false),
                        momentum(0.0, false)),
                Arguments.of(
                        "nesterov",
                        Map.of("momentum", 0.9, "weight_decay", 0.01),
                        momentum(0.01, true),
                        momentum(0.01, true)),
                Arguments.of(
                        "nesterov",
                        Map.of("momentum", 0.9, "weight_decay", 0.01, "exclude_bias_and_norm", true),
                        momentum(0.01, true),
                        momentum(0.0, true)),
                Arguments.of(
                        "adam",
                        Map.of("beta1", 0.8, "beta2", 0.99, "epsilon", 1e-3),
                        adam(0.8, 0.99, 1e-3, 0),
                        adam(0.8, 0.99, 1e-3, 0)),
                Arguments.of(
                        "adamw",
                        Map.of("beta1", 0.8, "beta2", 0.99, "epsilon", 1e-3, "weight_decay", 0.1),
                        adam(0.8, 0.99, 1e-3, 0.1),
                        adam(0.8, 0.99, 1e-3, 0.1)),
                Arguments.of(
                        "adamw",
                        Map.of(
                                "beta1",
                                0.8,
                                "beta2",
                                0.99,
                                "epsilon",
                                1e-3,
                                "weight_decay",
                                0.1,
                                "exclude_bias_and_norm",
                                true),
                        adam(0.8, 0.99, 1e-3, 0.1),
                        adam(0.8, 0.99, 1e-3, 0)),
                Arguments.of(
                        "lars",
                        Map.of("momentum", 0.9, "weight_decay", 0.1, "trust_coefficient", 0.02, "epsilon", 1e-4),
                        lars(0.1, 0.02, 1e-4, false),
                        plainMomentum),
                Arguments.of(
                        "lars",
                        Map.of("weight_decay", 0.1, "trust_coefficient", 0.02, "nesterov", true),
                        lars(0.1, 0.02, 0, true),
                        plainNesterov),
                Arguments.of(
                        "lars",
                        Map.of("weight_decay", 0.1, "trust_coefficient", 0.02, "exclude_bias_and_norm", false),
                        lars(0.1, 0.02, 0, false),
                        lars(0.1, 0.02, 0, false)),
                Arguments.of("lamb", Map.of("weight_decay", 0.01), lamb(0.01), plainAdam),
                Arguments.of(
                        "lamb", Map.of("weight_decay", 0.01, "exclude_bias_and_norm", false), lamb(0.01), lamb(0.01)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void followsTheReferenceRule(
            String optimizer, Map<String, Object> hyperparameters, ReferenceStep weightRule, ReferenceStep biasRule) {
        Optimizer rule = Optimizers.create(optimizer, hyperparameters);
        INDArray weight = TestTensors.weight(DataType.DOUBLE);
        INDArray bias = TestTensors.bias(DataType.DOUBLE);
        double[] w = TestTensors.WEIGHT.clone();
        double[] b = TestTensors.BIAS.clone();
        double[][] weightState = {new double[w.length], new double[w.length]};
        double[][] biasState = {new double[b.length], new double[b.length]};
        for (int t = 0; t < TestTensors.LEARNING_RATES.length; t++) {
            double lr = TestTensors.LEARNING_RATES[t];
            rule.apply(TestTensors.step(weight, bias, t), t, lr);
            weightRule.apply(w, TestTensors.WEIGHT_GRADIENTS[t], weightState, t, lr);
            biasRule.apply(b, TestTensors.BIAS_GRADIENTS[t], biasState, t, lr);
            assertClose(TestTensors.values(weight), w);
            assertClose(TestTensors.values(bias), b);
        }
    }

    @Test
    void larsTakesATrustRatioOfOneForZeroWeightsOrZeroGradients() {
        Optimizer lars = Optimizers.create("lars", Map.of("momentum", 0.0, "weight_decay", 0.1));
        INDArray zeroWeight = Nd4j.zeros(DataType.DOUBLE, 2, 2);
        INDArray weight = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
        lars.apply(
                List.of(
                        new ParameterTensor(
                                "zero", zeroWeight, Nd4j.createFromArray(new double[][] {{1, -1}, {2, 0}}), false),
                        new ParameterTensor("still", weight, Nd4j.zeros(DataType.DOUBLE, 2, 2), false)),
                0,
                0.5);
        // tr = 1: w ← 0 − 0.5·(g + 0.1·0); and w ← w − 0.5·(0 + 0.1·w) = 0.95 w.
        assertClose(TestTensors.values(zeroWeight), new double[] {-0.5, 0.5, -1, 0});
        assertClose(TestTensors.values(weight), new double[] {0.95, 1.9, 2.85, 3.8});
    }

    @Test
    void lambTakesATrustRatioOfOneForZeroWeights() {
        Optimizer lamb = Optimizers.create("lamb", Map.of());
        INDArray zeroWeight = Nd4j.zeros(DataType.DOUBLE, 2, 2);
        lamb.apply(
                List.of(new ParameterTensor(
                        "zero", zeroWeight, Nd4j.createFromArray(new double[][] {{1, -1}, {2, 0}}), false)),
                0,
                0.5);
        // Step 0: m̂ = g, ŝ = g², u = g/(|g| + 1e-6); tr = 1.
        double u = 1 / (1 + 1e-6);
        double u2 = 2 / (2 + 1e-6);
        assertClose(TestTensors.values(zeroWeight), new double[] {-0.5 * u, 0.5 * u, -0.5 * u2, 0});
    }

    private static ReferenceStep sgd(double decay) {
        return (w, g, state, t, lr) -> ReferenceRules.sgd(w, g, lr, decay);
    }

    private static ReferenceStep momentum(double decay, boolean nesterov) {
        return (w, g, state, t, lr) -> ReferenceRules.momentum(w, g, state[0], lr, 0.9, decay, nesterov);
    }

    private static ReferenceStep adam(double b1, double b2, double eps, double decay) {
        return (w, g, state, t, lr) -> ReferenceRules.adam(w, g, state[0], state[1], t, lr, b1, b2, eps, decay);
    }

    private static ReferenceStep lars(double decay, double zeta, double eps, boolean nesterov) {
        return (w, g, state, t, lr) -> ReferenceRules.lars(w, g, state[0], lr, 0.9, decay, zeta, eps, nesterov);
    }

    private static ReferenceStep lamb(double decay) {
        return (w, g, state, t, lr) -> ReferenceRules.lamb(w, g, state[0], state[1], t, lr, 0.9, 0.999, 1e-6, decay);
    }

    static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i])
                    .as("element %d", i)
                    .isCloseTo(expected[i], within(1e-12 * Math.max(1, Math.abs(expected[i]))));
        }
    }
}
