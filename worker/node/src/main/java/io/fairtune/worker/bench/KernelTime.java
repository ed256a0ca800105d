package io.fairtune.worker.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a training run's time goes, by sampling: JFR samples the training thread every 10 ms, in Java code and
 * in native calls (where it waits while ND4J's OpenMP threads work), and a sample counts as <em>kernel</em> time
 * when its stack is inside a GEMM or a convolution layer. The rest is everything around them: element-wise ops,
 * activations, pooling, batch norm, the optimizer, the minibatch gather, DL4J's bookkeeping.
 *
 * @param samples the training thread's samples during the run
 * @param kernelSamples those inside a GEMM ({@code Nd4j.gemm}, {@code mmul}, BLAS level 3) or a convolution
 *     layer (DL4J's {@code ConvolutionLayer} and its oneDNN helper)
 */
record KernelTime(int samples, int kernelSamples) {

    private static final Duration PERIOD = Duration.ofMillis(10);

    /** Frames that mark GEMM or convolution work; matched as "type.method" prefixes. */
    private static final List<String> KERNEL_FRAMES = List.of(
            "org.nd4j.linalg.factory.Nd4j.gemm",
            "org.nd4j.linalg.factory.Nd4j.matmul",
            "org.nd4j.linalg.api.blas.impl.BaseLevel3.gemm",
            "org.nd4j.linalg.api.ndarray.BaseNDArray.mmul",
            "org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.",
            "org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper.");

    /** The fraction of samples in kernels; NaN without samples. */
    double kernelFraction() {
        return samples == 0 ? Double.NaN : (double) kernelSamples / samples;
    }

    /** Runs {@code work} on this thread under JFR sampling and counts this thread's samples. */
    static <T> Measured<T> measure(Supplier<T> work) {
        Path file;
        T result;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(PERIOD);
            recording.enable("jdk.NativeMethodSample").withPeriod(PERIOD);
            recording.start();
            result = work.get();
            recording.stop();
            file = Files.createTempFile("fairtune-bench", ".jfr");
            recording.dump(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JFR recording", e);
        }
        try {
            return new Measured<>(result, count(file, Thread.currentThread().getId()));
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover temp file is harmless.
            }
        }
    }

    private static KernelTime count(Path file, long threadId) {
        int samples = 0;
        int kernel = 0;
        try (RecordingFile events = new RecordingFile(file)) {
            while (events.hasMoreEvents()) {
                RecordedEvent event = events.readEvent();
                RecordedThread thread = event.getThread("sampledThread");
                if (thread == null || thread.getJavaThreadId() != threadId || event.getStackTrace() == null) {
                    continue;
                }
                samples++;
                if (event.getStackTrace().getFrames().stream().anyMatch(KernelTime::isKernel)) {
                    kernel++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JFR recording", e);
        }
        return new KernelTime(samples, kernel);
    }

    private static boolean isKernel(RecordedFrame frame) {
        String name =
                frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
        return KERNEL_FRAMES.stream().anyMatch(name::startsWith);
    }

    /** A run's result and where its time went. */
    record Measured<T>(T result, KernelTime time) {}
}
