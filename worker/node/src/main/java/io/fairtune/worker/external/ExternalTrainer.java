package io.fairtune.worker.external;

import io.fairtune.contract.catalog.Workload;
import io.fairtune.contract.protocol.Measurement;
import io.fairtune.contract.protocol.TrainingOutcome;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.contract.protocol.TrialAssignment;
import io.fairtune.worker.schedule.LearningRateSchedule;
import io.fairtune.worker.schedule.Schedules;
import io.fairtune.worker.training.TrainingListener;
import io.fairtune.worker.training.TrainingRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains one attempt with a registered program: writes the trial's input file, runs the program on it without a
 * shell, checks each line it prints before it becomes a measurement, and stops it (SIGTERM to the process and its
 * descendants, SIGKILL after the grace period) when the listener asks, when the attempt runs out of time, or when
 * it breaks the protocol. Thread-safe: each call runs its own process.
 */
public final class ExternalTrainer {

    /** The only variables a trainer inherits from the worker: its token and database settings never reach it. */
    static final List<String> INHERITED = List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR");

    /** The input file's path, also appended to the command. */
    static final String INPUT_VARIABLE = "FAIRTUNE_TRIAL_INPUT";

    static final int STDERR_TAIL_BYTES = 8 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ExternalTrainer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RegisteredTrainer trainer;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    public ExternalTrainer(RegisteredTrainer trainer) {
        this.trainer = trainer;
    }

    /**
     * Stops every program still running (the node is shutting down): their attempts end STOPPED, and Quartz's
     * recovery or the sweeper runs them again. Without this a trainer would outlive its worker.
     */
    public void close() {
        closing = true;
        running.forEach(this::stop);
    }

    public String name() {
        return trainer.name();
    }

    /**
     * Runs the attempt to its end.
     *
     * @return SUCCEEDED, DIVERGED (a non-finite loss) or STOPPED (the listener asked)
     * @throws TrainerFailedException when the program fails, breaks the protocol or runs out of time
     * @throws IllegalArgumentException for an optimizer, schedule or hyperparameters outside the catalog
     */
    public TrainingResult train(TrialAssignment assignment, TrainingListener listener) {
        Workload workload = assignment.workload();
        // The same checks and schedule code as the built-in trainer: the program gets the rate of every step.
        TrainingRequest request = TrainingRequest.of(
                workload,
                assignment.optimizer(),
                assignment.scheduleType(),
                assignment.hyperparameters(),
                assignment.seed(),
                assignment.evaluateOnTest());
        LearningRateSchedule schedule =
                Schedules.create(request.schedule(), request.hyperparameters(), workload.trainingSteps());
        double[] rates = new double[workload.trainingSteps()];
        for (int step = 0; step < rates.length; step++) {
            rates[step] = schedule.learningRate(step);
        }
        Path directory = createDirectory(assignment);
        try {
            Path input = directory.resolve("trial.json");
            JSON.writeValue(input.toFile(), input(assignment, request, rates));
            return run(assignment, input, directory, rates, listener);
        } finally {
            deleteTree(directory);
        }
    }

    private static Map<String, Object> input(TrialAssignment a, TrainingRequest request, double[] rates) {
        Workload w = a.workload();
        Map<String, Object> workload = new LinkedHashMap<>();
        workload.put("dataset", w.dataset());
        workload.put("model", w.model());
        workload.put("batch_size", w.batchSize());
        workload.put("training_steps", w.trainingSteps());
        workload.put("eval_every_steps", w.evalEverySteps());
        workload.put("validation_examples", w.validationExamples());
        workload.put("target_metric", w.targetMetric());
        workload.put("target_value", w.targetValue());
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("protocol", 1);
        input.put("trial_id", a.trialId());
        input.put("attempt", a.attempt());
        input.put("study_id", a.studyId());
        input.put("arm", a.arm());
        input.put("phase", a.phase());
        input.put("sample_index", a.sampleIndex());
        input.put("seed", a.seed());
        input.put("evaluate_on_test", a.evaluateOnTest());
        input.put("trainer", w.trainer());
        input.put("workload", workload);
        input.put("optimizer", request.optimizer().name());
        input.put("schedule", request.schedule().type());
        input.put("hyperparameters", request.hyperparameters().asMap());
        input.put("learning_rates", rates);
        return input;
    }

    private TrainingResult run(
            TrialAssignment assignment, Path input, Path scratch, double[] rates, TrainingListener listener) {
        List<String> command = new ArrayList<>(trainer.command());
        command.add(input.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory((trainer.workingDirectory() == null ? scratch : trainer.workingDirectory()).toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> environment = builder.environment();
        Map<String, String> inherited = new LinkedHashMap<>(environment);
        environment.clear();
        for (String name : INHERITED) {
            if (inherited.containsKey(name)) {
                environment.put(name, inherited.get(name));
            }
        }
        environment.putAll(trainer.environment());
        environment.put(INPUT_VARIABLE, input.toString());
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TrainerFailedException(
                    "trainer '" + trainer.name() + "' could not start: " + e.getMessage(), String.join(" ", command));
        }
        running.add(process);
        log.info(
                "Trial {} attempt {}: trainer '{}' started as pid {}",
                assignment.trialId(),
                assignment.attempt(),
                trainer.name(),
                process.pid());
        StderrTail stderr = StderrTail.start(process.getErrorStream(), STDERR_TAIL_BYTES, trainer.name());
        StdoutLines stdout = StdoutLines.start(process.getInputStream(), trainer.name());
        TrainerRun run = new TrainerRun(assignment.workload(), assignment.evaluateOnTest(), rates, start);
        try {
            while (true) {
                if (closing || listener.shouldStop() || Thread.currentThread().isInterrupted()) {
                    stop(process);
                    return run.result(TrainingOutcome.STOPPED, "stopped on request");
                }
                if (!trainer.timeout().isZero()
                        && System.nanoTime() - start > trainer.timeout().toNanos()) {
                    stop(process);
                    throw failure(
                            "ran longer than its timeout of "
                                    + trainer.timeout().toSeconds() + " s",
                            process,
                            stderr);
                }
                StdoutLines.Next next = stdout.next(200);
                if (next == null) {
                    continue;
                }
                if (next.end()) {
                    break;
                }
                if (next.error() != null) {
                    stop(process);
                    throw failure(next.error(), process, stderr);
                }
                Measurement measurement;
                try {
                    measurement = run.accept(TrainerLine.parse(next.line()));
                } catch (IllegalArgumentException e) {
                    stop(process);
                    throw failure(
                            "broke the protocol on stdout line " + next.number() + ": " + e.getMessage() + ": "
                                    + abbreviate(next.line()),
                            process,
                            stderr);
                }
                if (measurement != null) {
                    listener.onMeasurement(measurement);
                    if (run.diverged()) {
                        stop(process);
                        return run.result(TrainingOutcome.DIVERGED, null);
                    }
                }
            }
            int code = awaitExit(process, listener);
            if (code == Integer.MIN_VALUE || closing) {
                return run.result(TrainingOutcome.STOPPED, "stopped on request");
            }
            if (code != 0) {
                throw failure(exitDescription(code), process, stderr);
            }
            String incomplete = run.incomplete();
            if (incomplete != null) {
                throw failure(incomplete, process, stderr);
            }
            return run.result(TrainingOutcome.SUCCEEDED, null);
        } finally {
            if (process.isAlive()) {
                stop(process);
            }
            running.remove(process);
        }
    }

    /** The exit code, or {@code Integer.MIN_VALUE} when the listener asked to stop first. */
    private int awaitExit(Process process, TrainingListener listener) {
        try {
            while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (listener.shouldStop()) {
                    stop(process);
                    return Integer.MIN_VALUE;
                }
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            return Integer.MIN_VALUE;
        }
    }

    private TrainerFailedException failure(String what, Process process, StderrTail stderr) {
        String message = "trainer '" + trainer.name() + "' " + what;
        String status = process.isAlive() ? "still running" : exitDescription(process.exitValue());
        return new TrainerFailedException(
                message,
                message + (what.equals(status) ? "" : "\n(" + status + ")") + "\n--- stderr, last "
                        + STDERR_TAIL_BYTES / 1024 + " KB ---\n" + stderr.awaitText(2_000));
    }

    /** Java reports a process killed by signal n as exit code 128 + n. */
    static String exitDescription(int code) {
        return code > 128 && code < 160
                ? "exited with code " + code + " (killed by signal " + (code - 128) + ")"
                : "exited with code " + code;
    }

    /** SIGTERM to the process and everything it started, SIGKILL to what still runs after the grace period. */
    private void stop(Process process) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        try (Stream<ProcessHandle> descendants = process.descendants()) {
            descendants.forEach(tree::add);
        }
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + trainer.stopGrace().toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // still running: forced below
                }
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path createDirectory(TrialAssignment assignment) {
        try {
            return Files.createTempDirectory(
                    "fairtune-" + trainer.name() + "-trial-" + assignment.trialId() + "-" + assignment.attempt() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the trial's scratch directory", e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", root, e.getMessage());
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
