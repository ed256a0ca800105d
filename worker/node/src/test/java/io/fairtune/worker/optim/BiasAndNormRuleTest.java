package io.fairtune.worker.optim;

import static io.fairtune.worker.optim.OptimizerRulesTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LARS and LAMB with exclude_bias_and_norm leave bias/norm tensors on their plain rule: LARS on heavy_ball (or
 * Nesterov) with λ = 0 at η_t, learning rate outside the buffer; LAMB on adam without decay. The scheduled rates
 * differ per step, so a learning rate inside the buffer would show.
 */
class BiasAndNormRuleTest {

    private static final double[] RATES = {0.5, 1.0, 0.25};
    private static final double[][] GRADIENTS = {{0.01, 0.02, -0.05}, {-0.03, 0.01, 0.02}, {0.02, -0.02, 0.0}};

    @Test
    void larsMovesBiasesByHeavyBallWithoutDecay() {
        double[] expected = TestTensors.BIAS.clone();
        double[] v = new double[3];
        for (int t = 0; t < RATES.length; t++) {
            for (int i = 0; i < 3; i++) {
                v[i] = 0.9 * v[i] + GRADIENTS[t][i];
                expected[i] -= RATES[t] * v[i];
            }
        }
        assertClose(biasAfterSteps("lars", Map.of("momentum", 0.9, "weight_decay", 0.1)), expected);
    }

    @Test
    void nesterovLarsMovesBiasesByNesterovWithoutDecay() {
        double[] expected = TestTensors.BIAS.clone();
        double[] v = new double[3];
        for (int t = 0; t < RATES.length; t++) {
            for (int i = 0; i < 3; i++) {
                v[i] = 0.9 * v[i] + GRADIENTS[t][i];
                expected[i] -= RATES[t] * (GRADIENTS[t][i] + 0.9 * v[i]);
            }
        }
        assertClose(biasAfterSteps("lars", Map.of("momentum", 0.9, "weight_decay", 0.1, "nesterov", true)), expected);
    }

    @Test
    void lambMovesBiasesByAdamWithoutDecay() {
        double[] expected = TestTensors.BIAS.clone();
        double[] m = new double[3];
        double[] s = new double[3];
        for (int t = 0; t < RATES.length; t++) {
            for (int i = 0; i < 3; i++) {
                double g = GRADIENTS[t][i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                s[i] = 0.999 * s[i] + 0.001 * g * g;
                double mHat = m[i] / (1 - Math.pow(0.9, t + 1));
                double sHat = s[i] / (1 - Math.pow(0.999, t + 1));
                expected[i] -= RATES[t] * mHat / (Math.sqrt(sHat) + 1e-6);
            }
        }
        assertClose(biasAfterSteps("lamb", Map.of("weight_decay", 0.1)), expected);
        assertClose(biasAfterSteps("adam", Map.of("epsilon", 1e-6)), expected);
    }

    @Test
    void withoutTheExclusionBiasesGetTheLayerWiseRule() {
        double[] plain = biasAfterSteps("lars", Map.of("weight_decay", 0.1));
        double[] adapted = biasAfterSteps("lars", Map.of("weight_decay", 0.1, "exclude_bias_and_norm", false));
        assertThat(adapted).isNotEqualTo(plain);
        double[] lambPlain = biasAfterSteps("lamb", Map.of("weight_decay", 0.1));
        double[] lambAdapted = biasAfterSteps("lamb", Map.of("weight_decay", 0.1, "exclude_bias_and_norm", false));
        assertThat(lambAdapted).isNotEqualTo(lambPlain);
    }

    /** Runs the optimizer on a weight matrix and the bias; returns the bias. */
    private static double[] biasAfterSteps(String optimizer, Map<String, Object> hyperparameters) {
        Optimizer rule = Optimizers.create(optimizer, hyperparameters);
        INDArray weight = TestTensors.weight(DataType.DOUBLE);
        INDArray bias = TestTensors.bias(DataType.DOUBLE);
        for (int t = 0; t < RATES.length; t++) {
            rule.apply(
                    List.of(
                            new ParameterTensor(
                                    "w",
                                    weight,
                                    Nd4j.create(TestTensors.WEIGHT_GRADIENTS[t], new long[] {2, 3}, 'c'),
                                    false),
                            new ParameterTensor("b", bias, Nd4j.createFromArray(GRADIENTS[t]), true)),
                    t,
                    RATES[t]);
        }
        return TestTensors.values(bias);
    }
}
