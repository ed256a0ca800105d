package io.fairtune.worker.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.fairtune.contract.plugin.UpdateRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The adapter between a plugin's rule and DL4J's tensors: row-major copies in, the result back in the tensor's own
 * order, view and data type, and a rule's error named.
 */
class PluginOptimizerTest {

    /** Adds 0.1 · (row-major index + 1) · g to each element, so a misplaced element shows. */
    private static final UpdateRule BY_POSITION = (tensor, step, rate) -> {
        for (int i = 0; i < tensor.value().length; i++) {
            tensor.value()[i] += 0.1 * (i + 1) * tensor.gradient()[i];
        }
    };

    @Test
    void aColumnMajorFloat32ViewIsUpdatedElementByElementInRowMajorOrder() {
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, 10);
        // A 2x3 column-major view inside a larger buffer, as DL4J's parameters are.
        INDArray value =
                flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(2, 8)).reshape('f', 2, 3);
        value.assign(Nd4j.create(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        INDArray gradient = Nd4j.ones(DataType.FLOAT, 2, 3);
        List<double[]> seen = new ArrayList<>();
        UpdateRule recording = (tensor, step, rate) -> {
            seen.add(tensor.value().clone());
            assertThat(tensor.shape()).containsExactly(2, 3);
            BY_POSITION.update(tensor, step, rate);
        };

        new PluginOptimizer("by_position", recording)
                .apply(List.of(new ParameterTensor("w", value, gradient, false)), 0, 0.1);

        assertThat(seen.get(0)).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(value.dataType()).isEqualTo(DataType.FLOAT);
        // Row-major element i gained 0.1 (i + 1), rounded to float.
        assertThat(value.getFloat(0, 0)).isEqualTo((float) 1.1);
        assertThat(value.getFloat(0, 2)).isEqualTo((float) 3.3);
        assertThat(value.getFloat(1, 0)).isEqualTo((float) 4.4);
        assertThat(value.getFloat(1, 2)).isEqualTo((float) 6.6);
        // Written through the view into the shared buffer, and nowhere else.
        assertThat(flat.getFloat(0, 0)).isZero();
        assertThat(flat.getFloat(0, 9)).isZero();
        assertThat(gradient.getFloat(1, 1)).isEqualTo(1f);
    }

    @Test
    void aRuleThatThrowsIsNamedWithItsTensor() {
        INDArray value = Nd4j.ones(DataType.DOUBLE, 3);
        UpdateRule broken = (tensor, step, rate) -> {
            throw new ArrayIndexOutOfBoundsException(7);
        };

        assertThatIllegalStateException()
                .isThrownBy(() -> new PluginOptimizer("broken", broken)
                        .apply(List.of(new ParameterTensor("b", value, value.dup(), true)), 0, 0.1))
                .withMessageContaining("optimizer plugin 'broken' failed on tensor 'b'");
    }
}
