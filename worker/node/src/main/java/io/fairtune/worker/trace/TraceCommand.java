package io.fairtune.worker.trace;

import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.contract.plugin.PluginException;
import io.fairtune.worker.optim.Optimizer;
import io.fairtune.worker.optim.Optimizers;
import io.fairtune.worker.optim.ParameterTensor;
import io.fairtune.worker.schedule.LearningRateSchedule;
import io.fairtune.worker.schedule.Schedules;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code fairtune-worker.jar trace FILE.json}: applies an optimizer to given tensors and gradients, or evaluates a
 * schedule, and prints the trajectory as {@code {"learningRates": [...], "params": [{name: values}, ...]}} (the
 * parameters after each step; empty for a schedule-only case), so the worker's numbers can be checked against
 * other libraries. It runs in float64 through the same {@link Optimizers} and {@link Schedules} code the trainer
 * uses; rank-1 tensors count as bias/norm tensors, as in training. With {@code --plugins-dir DIR} it also knows the
 * optimizer plugins in DIR's jars, so a plugin author checks a rule against their own vectors.
 */
public final class TraceCommand {

    /** Exit code for a file that cannot be read or does not describe a valid trace. */
    public static final int INVALID_INPUT = 1;
    /** Exit code for wrong arguments. */
    public static final int USAGE = 2;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private TraceCommand() {}

    /**
     * @param args the trace file, after an optional {@code --plugins-dir DIR} (or {@code --plugins-dir=DIR}, {@code
     *     --fairtune.plugins-dir=DIR}) whose optimizer plugins the trace may name
     * @return 0 on success, {@link #INVALID_INPUT} or {@link #USAGE} after printing a one-line reason to {@code err}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        String pluginsDir = null;
        if (!rest.isEmpty() && rest.get(0).equals("--plugins-dir") && rest.size() > 1) {
            pluginsDir = rest.get(1);
            rest = rest.subList(2, rest.size());
        } else if (!rest.isEmpty() && rest.get(0).matches("--(fairtune\\.)?plugins-dir=.*")) {
            pluginsDir = rest.get(0).substring(rest.get(0).indexOf('=') + 1);
            rest = rest.subList(1, rest.size());
        }
        if (rest.size() != 1 || rest.get(0).startsWith("--")) {
            err.println("usage: trace [--plugins-dir DIR] FILE.json");
            return USAGE;
        }
        String file = rest.get(0);
        OptimizerRegistry optimizers;
        try {
            optimizers = OptimizerRegistry.load(pluginsDir);
        } catch (PluginException e) {
            err.println("trace: " + oneLine(e.getMessage()));
            return INVALID_INPUT;
        }
        try {
            TraceCase trace = TraceCase.parse(JSON.readTree(read(file)));
            out.println(JSON.writeValueAsString(run(trace, optimizers)));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("trace " + file + ": " + oneLine(e.getMessage()));
            return INVALID_INPUT;
        } catch (JacksonException e) {
            err.println("trace " + file + ": malformed JSON: " + oneLine(e.getOriginalMessage()));
            return INVALID_INPUT;
        }
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file");
        } catch (IOException | InvalidPathException e) {
            throw new IllegalArgumentException("cannot read: " + e.getMessage());
        }
    }

    private static ObjectNode run(TraceCase trace, OptimizerRegistry optimizers) {
        LearningRateSchedule schedule = trace.schedule() == null
                ? null
                : Schedules.create(trace.schedule().type(), trace.schedule().settings(), trace.steps());
        ObjectNode result = JSON.createObjectNode();
        ArrayNode learningRates = result.putArray("learningRates");
        ArrayNode params = result.putArray("params");
        if (trace.scheduleOnly()) {
            for (long step = 0; step < trace.steps(); step++) {
                learningRates.add(schedule.learningRate(step));
            }
            return result;
        }
        Optimizer optimizer = Optimizers.create(optimizers, trace.optimizer(), trace.hyperparameters());
        loadNd4jQuietly();
        Map<String, INDArray> values = new LinkedHashMap<>();
        trace.params().forEach((name, tensor) -> values.put(name, array(tensor.values(), tensor.shape())));
        for (int step = 0; step < trace.gradients().size(); step++) {
            double learningRate = schedule == null ? trace.learningRates()[step] : schedule.learningRate(step);
            Map<String, double[]> gradients = trace.gradients().get(step);
            List<ParameterTensor> tensors = new ArrayList<>();
            values.forEach((name, value) -> tensors.add(
                    new ParameterTensor(name, value, array(gradients.get(name), value.shape()), value.rank() == 1)));
            optimizer.apply(tensors, step, learningRate);
            learningRates.add(learningRate);
            ObjectNode snapshot = params.addObject();
            values.forEach((name, value) -> {
                ArrayNode numbers = snapshot.putArray(name);
                for (double number : value.dup('c').data().asDouble()) {
                    numbers.add(number);
                }
            });
        }
        return result;
    }

    /**
     * ND4J logs a backend banner when it loads, and outside Spring's logging setup logback writes it to System.out,
     * where it would precede the JSON. Load the backend with System.out pointing at stderr (a no-op once loaded).
     */
    private static void loadNd4jQuietly() {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            Nd4j.getBlasWrapper().level1();
            Nd4j.getExecutioner();
            Nd4j.scalar(0.0);
        } finally {
            System.setOut(stdout);
        }
    }

    private static INDArray array(double[] values, long[] shape) {
        return Nd4j.create(values, shape, 'c').castTo(DataType.DOUBLE);
    }

    private static String oneLine(String message) {
        return message == null
                ? "invalid input"
                : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
