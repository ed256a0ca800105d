package io.fairtune.worker.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fairtune.contract.catalog.Workload;
import io.fairtune.contract.protocol.Measurement;
import io.fairtune.contract.protocol.TrainingOutcome;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.contract.protocol.TrialAssignment;
import io.fairtune.worker.training.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quadratic test trainer (python3) run as a real process through the protocol. */
class ExternalTrainerTest {

    /** Absolute: a trainer runs in a scratch directory of its own. */
    static final Path QUADRATIC = Path.of("../../examples/trainers/quadratic_trainer.py")
            .toAbsolutePath()
            .normalize();

    @TempDir
    Path temp;

    @Test
    void streamsEveryMeasurementWithTheWorkersLearningRatesAndSucceedsDeterministically() {
        Recording first = new Recording();
        TrainingResult result = trainer().train(assignment("point", false), first);
        Recording second = new Recording();
        trainer().train(assignment("point", false), second);

        assertThat(result.outcome()).isEqualTo(TrainingOutcome.SUCCEEDED);
        assertThat(result.stepsCompleted()).isEqualTo(20);
        assertThat(first.measurements).extracting(Measurement::step).containsExactly(5, 10, 15, 20);
        // warmup_cosine_decay, 20 steps, warmup 4: the peak at step index 4, then cosine decay to 0; a point
        // carries the rate of its last step (index 9 for step 10).
        assertThat(first.measurements.get(0).learningRate()).isEqualTo(0.05);
        assertThat(first.measurements.get(1).learningRate())
                .isCloseTo(0.05 * (1 + Math.cos(Math.PI * 5 / 16)) / 2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(result.bestValidationAccuracy())
                .isEqualTo(first.measurements.stream()
                        .mapToDouble(Measurement::validationAccuracy)
                        .max()
                        .orElseThrow());
        assertThat(result.finalValidationAccuracy())
                .isEqualTo(first.measurements.get(3).validationAccuracy());
        assertThat(result.testAccuracy()).isNull();
        assertThat(first.curve()).isEqualTo(second.curve());
    }

    @Test
    void aFinalPhaseRunReportsItsTestResult() {
        TrainingResult result = trainer().train(assignment("point", true), new Recording());

        assertThat(result.outcome()).isEqualTo(TrainingOutcome.SUCCEEDED);
        assertThat(result.testAccuracy()).isBetween(0.0, 1.0);
        assertThat(result.testLoss()).isNotNull().isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void aTrainerKilledMidTrialFailsWithItsStderrTail() {
        Recording recording = new Recording();
        TrainerFailedException failure = catchThrowableOfType(
                TrainerFailedException.class, () -> trainer().train(assignment("crash-at-7", false), recording));

        assertThat(recording.measurements).extracting(Measurement::step).containsExactly(5);
        assertThat(failure.getMessage()).isEqualTo("trainer 'quadratic' exited with code 137 (killed by signal 9)");
        assertThat(failure.detail()).contains("quadratic: step 7: about to be killed (SIGKILL)");
    }

    @Test
    void aNonZeroExitFailsAndANonFiniteLossDiverges() {
        TrainerFailedException failure = catchThrowableOfType(
                TrainerFailedException.class, () -> trainer().train(assignment("exit-at-12", false), new Recording()));
        assertThat(failure.getMessage()).isEqualTo("trainer 'quadratic' exited with code 3");
        assertThat(failure.detail()).contains("giving up with exit code 3");

        Recording recording = new Recording();
        TrainingResult diverged = trainer().train(assignment("diverge-at-8", false), recording);
        assertThat(diverged.outcome()).isEqualTo(TrainingOutcome.DIVERGED);
        assertThat(diverged.stepsCompleted()).isEqualTo(8);
        assertThat(recording.measurements).extracting(Measurement::step).containsExactly(5, 8);
        assertThat(recording.measurements.get(1).trainLoss()).isInfinite();
    }

    @Test
    void aLineOutsideTheProtocolFailsTheRunAndNamesTheLine() {
        TrainerFailedException failure = catchThrowableOfType(
                TrainerFailedException.class,
                () -> trainer().train(assignment("garbage-at-6", false), new Recording()));

        assertThat(failure.getMessage())
                .startsWith("trainer 'quadratic' broke the protocol on stdout line 2: not a JSON object")
                .endsWith(": this is not JSON");
    }

    @Test
    void aStopRequestEndsTheProcessTreeAtOnce() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Recording recording = new Recording(stop);
        Thread stopper = new Thread(() -> {
            sleep(1_500);
            stop.set(true);
        });
        stopper.start();
        long start = System.nanoTime();
        TrainingResult result = trainer().train(assignment("slow-1000", false), recording);

        assertThat(result.outcome()).isEqualTo(TrainingOutcome.STOPPED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
                .as("no trainer process left")
                .isEmpty();
    }

    @Test
    void aNodeShuttingDownStopsItsTrainersAndTheirAttemptsEndStopped() throws Exception {
        ExternalTrainer trainer = trainer();
        Recording recording = new Recording();
        java.util.concurrent.CompletableFuture<TrainingResult> run = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> trainer.train(assignment("slow-200", false), recording));
        while (recording.measurements.isEmpty()) {
            sleep(50);
        }

        trainer.close();

        assertThat(run.get(10, java.util.concurrent.TimeUnit.SECONDS).outcome()).isEqualTo(TrainingOutcome.STOPPED);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
                .as("no trainer process left")
                .isEmpty();
    }

    @Test
    void theWorkersOwnEnvironmentNeverReachesTheTrainer() throws Exception {
        Path script = temp.resolve("env.sh");
        Files.writeString(script, "#!/bin/sh\nenv >&2\nexit 1\n");
        script.toFile().setExecutable(true);
        ExternalTrainer envTrainer = new ExternalTrainer(RegisteredTrainer.of(
                "envcheck",
                new TrainerSettings(List.of(script.toString()), null, Map.of("MY_SETTING", "42"), 1, null, null),
                System.getenv("PATH")));

        TrainerFailedException failure = catchThrowableOfType(
                TrainerFailedException.class, () -> envTrainer.train(assignment("point", false), new Recording()));

        assertThat(failure.detail()).contains("\nMY_SETTING=42\n", "\nFAIRTUNE_TRIAL_INPUT=");
        List<String> workersOwn = System.getenv().keySet().stream()
                .filter(name -> !ExternalTrainer.INHERITED.contains(name))
                .filter(name -> !List.of("PWD", "OLDPWD", "SHLVL", "_").contains(name)) // sh sets these itself
                .toList();
        assertThat(workersOwn).isNotEmpty();
        for (String name : workersOwn) {
            assertThat(failure.detail()).doesNotContain("\n" + name + "=");
        }
    }

    @Test
    void aConfigurationThatCannotWorkIsRefusedWithOneLine() throws Exception {
        Path notExecutable = Files.writeString(temp.resolve("train.py"), "print('hi')\n");
        assertThat(refusal("quadratic", List.of("no-such-program-here")))
                .isEqualTo("fairtune.worker.trainers.quadratic.command: program 'no-such-program-here' does not"
                        + " exist or is not executable (looked up on PATH)");
        assertThat(refusal("quadratic", List.of(notExecutable.toString())))
                .isEqualTo("fairtune.worker.trainers.quadratic.command: program '" + notExecutable
                        + "' does not exist or is not executable");
        assertThat(refusal("quadratic", List.of())).contains(".command: required");
        assertThat(refusal("Bad Name", List.of("python3"))).contains("a trainer's name must match");
        assertThat(refusal("dl4j", List.of("python3"))).contains("not be dl4j");
    }

    private static String refusal(String name, List<String> command) {
        return catchThrowableOfType(
                        TrainerConfigurationException.class,
                        () -> RegisteredTrainer.of(
                                name, new TrainerSettings(command, null, null, 1, null, null), System.getenv("PATH")))
                .getMessage();
    }

    static ExternalTrainer trainer() {
        return new ExternalTrainer(RegisteredTrainer.of(
                "quadratic",
                new TrainerSettings(
                        List.of("python3", QUADRATIC.toString()), null, null, 1, Duration.ofSeconds(2), Duration.ZERO),
                System.getenv("PATH")));
    }

    static TrialAssignment assignment(String model, boolean finalPhase) {
        Workload workload = new Workload("bowl", model, 64, 20, 5, 0, "val_accuracy", 0.9, "quadratic");
        return new TrialAssignment(
                7L,
                1,
                3L,
                "adam",
                finalPhase ? "FINAL" : "TUNING",
                0,
                workload,
                "adam",
                "warmup_cosine_decay",
                Map.of("learning_rate", 0.05, "warmup_fraction", 0.2, "end_lr_factor", 0.0),
                -7442450358886325750L,
                finalPhase);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class Recording implements TrainingListener {
        final List<Measurement> measurements = new ArrayList<>();
        private final AtomicBoolean stop;

        Recording() {
            this(new AtomicBoolean());
        }

        Recording(AtomicBoolean stop) {
            this.stop = stop;
        }

        @Override
        public void onMeasurement(Measurement measurement) {
            measurements.add(measurement);
        }

        @Override
        public boolean shouldStop() {
            return stop.get();
        }

        List<List<Double>> curve() {
            return measurements.stream()
                    .map(m -> List.of(
                            (double) m.step(),
                            m.trainLoss(),
                            m.validationLoss(),
                            m.validationAccuracy(),
                            m.learningRate()))
                    .toList();
        }
    }
}
