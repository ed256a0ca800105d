package io.fairtune.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The sampler tells GEMM time from other work, and counts only the measuring thread. */
class KernelTimeTest {

    private static final long RUN_NANOS = 600_000_000L;

    @Test
    void aLoopOfGemmsIsKernelTime() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 256, 256);
        INDArray b = Nd4j.rand(DataType.FLOAT, 256, 256);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, 256, 256);

        KernelTime time = KernelTime.measure(() -> {
                    long end = System.nanoTime() + RUN_NANOS;
                    while (System.nanoTime() < end) {
                        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
                    }
                    return c;
                })
                .time();

        assertThat(time.samples()).isGreaterThan(10);
        assertThat(time.kernelFraction()).isGreaterThan(0.8);
    }

    @Test
    void elementWiseWorkAndJavaCodeAreNot() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 512, 512);

        KernelTime time = KernelTime.measure(() -> {
                    long end = System.nanoTime() + RUN_NANOS;
                    double sum = 0;
                    while (System.nanoTime() < end) {
                        a.addi(1e-6f);
                        for (int i = 0; i < 10_000; i++) {
                            sum += Math.sqrt(i);
                        }
                    }
                    return sum;
                })
                .time();

        assertThat(time.samples()).isGreaterThan(10);
        assertThat(time.kernelFraction()).isLessThan(0.1);
    }
}
