package io.fairtune.worker.bench;

import io.fairtune.contract.catalog.Workload;
import io.fairtune.contract.protocol.Measurement;
import io.fairtune.contract.protocol.TrainingOutcome;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.worker.data.DatasetRepository;
import io.fairtune.worker.training.Trainer;
import io.fairtune.worker.training.TrainingListener;
import io.fairtune.worker.training.TrainingRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code fairtune-worker.jar bench MODEL BATCH THREADS STEPS WARM}: trains the worker's own model through the
 * worker's own {@link Trainer} on Fashion-MNIST, with the protocol of {@code shared/bench/torch_same_model.py}
 * (Nesterov 0.05/0.9, constant rate, full batches), and prints one JSON line with the same fields, so
 * {@code bench/training-bench} can set the two side by side. A warm-up run of WARM steps comes first in the same
 * JVM; samples/s is the trainer's own figure for the timed run (training steps only, evaluation excluded, as a
 * trial reports it). {@link KernelTime} samples the timed run to say how much of it is GEMM and convolution and how
 * much is everything around them.
 */
public final class BenchCommand {

    /** Exit code for wrong arguments or a native thread setting that does not match THREADS. */
    public static final int USAGE = 2;

    private BenchCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 5) {
            err.println("usage: bench MODEL BATCH THREADS STEPS WARM (mlp or cnn; whole numbers)");
            return USAGE;
        }
        String model = args[0];
        int batch;
        int threads;
        int steps;
        int warm;
        try {
            batch = Integer.parseInt(args[1]);
            threads = Integer.parseInt(args[2]);
            steps = Integer.parseInt(args[3]);
            warm = Integer.parseInt(args[4]);
        } catch (NumberFormatException e) {
            err.println("bench: BATCH, THREADS, STEPS and WARM must be whole numbers: " + e.getMessage());
            return USAGE;
        }
        // ND4J reads these once, when its native library loads: a mismatch would time another configuration.
        String ompThreads = System.getenv("OMP_NUM_THREADS");
        if (!String.valueOf(threads).equals(ompThreads) || !"PASSIVE".equals(System.getenv("OMP_WAIT_POLICY"))) {
            err.println("bench: set OMP_NUM_THREADS=" + threads + " and OMP_WAIT_POLICY=PASSIVE before the JVM starts"
                    + " (OMP_NUM_THREADS is " + ompThreads + ")");
            return USAGE;
        }
        Path data = Optional.ofNullable(System.getenv("FASHION_MNIST_DIR"))
                .map(Path::of)
                .orElse(DatasetRepository.DEFAULT_FASHION_MNIST_DIR);
        Trainer trainer = new Trainer(new DatasetRepository(data));
        try {
            if (warm > 0) {
                trainer.train(request(model, batch, warm), new LastLoss());
            }
            LastLoss loss = new LastLoss();
            KernelTime.Measured<TrainingResult> timed =
                    KernelTime.measure(() -> trainer.train(request(model, batch, steps), loss));
            TrainingResult result = timed.result();
            if (result.outcome() != TrainingOutcome.SUCCEEDED) {
                err.println("bench: the timed run ended " + result.outcome() + ": " + result.message());
                return 1;
            }
            out.println(String.format(
                    Locale.ROOT,
                    "{\"framework\": \"fairtune worker (%s)\", \"model\": \"%s\", \"batch\": %d, \"threads\": %d,"
                            + " \"steps\": %d, \"samples_per_s\": %.1f, \"mean_train_loss\": %.4f, \"peak_rss_mb\": %d,"
                            + " \"gemm_conv_fraction\": %.3f, \"profile_samples\": %d}",
                    Nd4j.getBackend().getClass().getSimpleName(),
                    model,
                    batch,
                    threads,
                    steps,
                    result.samplesPerSecond(),
                    loss.value,
                    peakResidentMegabytes(),
                    timed.time().kernelFraction(),
                    timed.time().samples()));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            return USAGE;
        }
    }

    private static TrainingRequest request(String model, int batch, int steps) {
        // One evaluation, at the end (excluded from samples/s), on a small validation split.
        Workload workload = new Workload("fashion-mnist", model, batch, steps, steps, 1_000, "val_accuracy", 1.0);
        return TrainingRequest.of(
                workload, "nesterov", "constant", Map.of("learning_rate", 0.05, "momentum", 0.9), 1, false);
    }

    /** The process's peak resident set (heap and ND4J's off-heap buffers), from /proc; -1 where there is none. */
    private static long peakResidentMegabytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Keeps the mean training loss of the last evaluation window (here the whole run): a check that it learned. */
    private static final class LastLoss implements TrainingListener {
        private double value = Double.NaN;

        @Override
        public void onMeasurement(Measurement measurement) {
            if (measurement.trainLoss() != null) {
                value = measurement.trainLoss();
            }
        }
    }
}
