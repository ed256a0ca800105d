package io.fairtune.worker.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fairtune.contract.catalog.OptimizerCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OptimizersTest {

    static List<String> optimizers() {
        return OptimizerCatalog.names();
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void everyCatalogOptimizerHasARuleAndTakesItsDefaults(String optimizer) {
        assertThat(Optimizers.create(optimizer, Map.of())).isNotNull();
        assertThat(Optimizers.create(optimizer, null)).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void gradientsAreOnlyRead(String optimizer) {
        Optimizer rule = Optimizers.create(optimizer, Map.of());
        INDArray weight = TestTensors.weight(DataType.DOUBLE);
        INDArray bias = TestTensors.bias(DataType.DOUBLE);
        for (int t = 0; t < 3; t++) {
            List<ParameterTensor> tensors = TestTensors.step(weight, bias, t);
            rule.apply(tensors, t, 0.1);
            assertThat(TestTensors.values(tensors.get(0).gradient())).containsExactly(TestTensors.WEIGHT_GRADIENTS[t]);
            assertThat(TestTensors.values(tensors.get(1).gradient())).containsExactly(TestTensors.BIAS_GRADIENTS[t]);
        }
        assertThat(TestTensors.values(weight)).isNotEqualTo(TestTensors.WEIGHT);
    }

    @Test
    void acceptsAnyNumberAndIgnoresLabelSmoothing() {
        Map<String, Object> hyperparameters = new HashMap<>();
        hyperparameters.put("label_smoothing", 0.1f);
        hyperparameters.put("weight_decay", 0);
        hyperparameters.put("momentum", java.math.BigDecimal.valueOf(0.5));
        Optimizer rule = Optimizers.create("heavy_ball", hyperparameters);
        INDArray w = Nd4j.createFromArray(1.0, 2.0);
        rule.apply(List.of(new ParameterTensor("w", w, Nd4j.createFromArray(1.0, -1.0), false)), 0, 0.5);
        assertThat(TestTensors.values(w)).containsExactly(0.5, 2.5);
    }

    @Test
    void rejectsUnknownOptimizers() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Optimizers.create("adagrad", Map.of()))
                .withMessageContaining("unknown optimizer 'adagrad'")
                .withMessageContaining("lamb");
        assertThatIllegalArgumentException().isThrownBy(() -> Optimizers.create(null, Map.of()));
    }

    @Test
    void rejectsUnknownHyperparameters() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Optimizers.create("adam", Map.of("weight_decay", 0.1)))
                .withMessage("unknown setting 'weight_decay' for optimizer adam"
                        + " (known: beta1, beta2, epsilon, label_smoothing)");
        // The base rate is the schedule's: a rule is only ever handed η_t.
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Optimizers.create("nesterov", Map.of("learning_rate", 0.1)))
                .withMessageContaining("'learning_rate'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Optimizers.create("sgd", Map.of("momentum", 0.9)))
                .withMessageContaining("'momentum'");
    }

    @Test
    void rejectsIllTypedHyperparameters() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Optimizers.create("lars", Map.of("momentum", "0.9")))
                .withMessage("'momentum' for optimizer lars must be a number, got String 0.9");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Optimizers.create("lars", Map.of("nesterov", 1)))
                .withMessage("'nesterov' for optimizer lars must be true or false, got Integer 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Optimizers.create("sgd", Map.of("weight_decay", true)))
                .withMessageContaining("must be a number");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("beta1", null);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Optimizers.create("adam", withNull))
                .withMessageContaining("got null");
    }

    @Test
    void rejectsOutOfRangeHyperparameters() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Optimizers.create("heavy_ball", Map.of("momentum", 1.0)))
                .withMessage("'momentum' for optimizer heavy_ball is 1.0, outside [0, 1)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Optimizers.create("lamb", Map.of("beta2", -0.1)))
                .withMessageContaining("outside [0, 1)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Optimizers.create("lars", Map.of("trust_coefficient", 0.0)))
                .withMessageContaining("outside (0, inf)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Optimizers.create("sgd", Map.of("weight_decay", Double.NaN)))
                .withMessageContaining("NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Optimizers.create("sgd", Map.of("weight_decay", Double.POSITIVE_INFINITY)))
                .withMessageContaining("Infinity");
    }

    @Test
    void keepsStatePerTensorName() {
        Optimizer rule = Optimizers.create("heavy_ball", Map.of("momentum", 0.5));
        INDArray a = Nd4j.createFromArray(0.0);
        INDArray b = Nd4j.createFromArray(0.0);
        rule.apply(List.of(new ParameterTensor("a", a, Nd4j.createFromArray(1.0), false)), 0, 1);
        rule.apply(
                List.of(
                        new ParameterTensor("a", a, Nd4j.createFromArray(1.0), false),
                        new ParameterTensor("b", b, Nd4j.createFromArray(1.0), false)),
                1,
                1);
        // a: v = 1, then 1.5 → −2.5; b starts its own buffer: v = 1 → −1.
        assertThat(a.getDouble(0)).isEqualTo(-2.5);
        assertThat(b.getDouble(0)).isEqualTo(-1.0);
    }

    @Test
    void rejectsMismatchedGradientsAndChangedTensors() {
        Optimizer rule = Optimizers.create("adam", Map.of());
        INDArray w = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> rule.apply(
                        List.of(new ParameterTensor("w", w, Nd4j.zeros(DataType.DOUBLE, 3, 2), false)), 0, 0.1))
                .withMessage("gradient of 'w' is DOUBLE[3, 2] but its value is DOUBLE[2, 3]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> rule.apply(
                        List.of(new ParameterTensor("w", w, Nd4j.zeros(DataType.FLOAT, 2, 3), false)), 0, 0.1))
                .withMessageContaining("FLOAT[2, 3]");
        rule.apply(List.of(new ParameterTensor("w", w, Nd4j.ones(DataType.DOUBLE, 2, 3), false)), 0, 0.1);
        INDArray other = Nd4j.zeros(DataType.DOUBLE, 6);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> rule.apply(
                        List.of(new ParameterTensor("w", other, Nd4j.ones(DataType.DOUBLE, 6), false)), 1, 0.1))
                .withMessageContaining("changed shape or data type");
    }

    @Test
    void rejectsBadStepsAndRates() {
        Optimizer rule = Optimizers.create("sgd", Map.of());
        assertThatIllegalArgumentException().isThrownBy(() -> rule.apply(List.of(), -1, 0.1));
        assertThatIllegalArgumentException().isThrownBy(() -> rule.apply(List.of(), 0, Double.NaN));
        assertThatIllegalArgumentException().isThrownBy(() -> rule.apply(List.of(), 0, -0.1));
    }

    @Test
    void aZeroRateStillAccumulatesMomentsButLeavesWeights() {
        // Warmup starts at η_0 = 0: the moments must still see the first gradient.
        Optimizer rule = Optimizers.create("adam", Map.of());
        INDArray w = Nd4j.createFromArray(1.0, 2.0);
        rule.apply(List.of(new ParameterTensor("w", w, Nd4j.createFromArray(0.5, -0.5), false)), 0, 0);
        assertThat(TestTensors.values(w)).containsExactly(1.0, 2.0);
        rule.apply(List.of(new ParameterTensor("w", w, Nd4j.createFromArray(0.5, -0.5), false)), 1, 0.1);
        // m̂ = g, ŝ = g² for a constant gradient: w moves by 0.1·g/(|g| + 1e-8).
        assertThat(TestTensors.values(w)[0])
                .isCloseTo(1 - 0.1 * 0.5 / (0.5 + 1e-8), org.assertj.core.api.Assertions.within(1e-14));
    }
}
