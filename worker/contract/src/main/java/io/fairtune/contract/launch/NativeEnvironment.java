package io.fairtune.contract.launch;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ND4J's OpenMP runtime and OpenBLAS read OMP_NUM_THREADS and OMP_WAIT_POLICY once, when the native library
 * loads; without PASSIVE their threads spin against each other (12k vs 29k samples/s measured at 2 threads).
 * OpenBLAS's own idle threads spin on sched_yield for 2^28 cycles (about 0.1 s) after each call unless
 * OPENBLAS_THREAD_TIMEOUT says otherwise; 22 (about 2 ms) keeps them awake between a step's GEMMs yet lets them
 * sleep while a trial talks to the service (measured in README "Per-trial overhead"). A JVM cannot set its own
 * environment, so a process started without these starts itself again with them.
 */
public final class NativeEnvironment {

    private static final Logger log = LoggerFactory.getLogger(NativeEnvironment.class);
    static final String THREADS = "OMP_NUM_THREADS";
    static final String WAIT_POLICY = "OMP_WAIT_POLICY";
    static final String BLAS_THREAD_TIMEOUT = "OPENBLAS_THREAD_TIMEOUT";
    /** log2 of the cycles an idle OpenBLAS thread spins before it sleeps (OpenBLAS clamps it to [4, 30]). */
    static final String BLAS_THREAD_TIMEOUT_VALUE = "22";

    private static final String RELAUNCHED = "fairtune.relaunched";

    /**
     * The JIT of a process that trains: C1 only, compiling after a tenth of the usual calls. With few cores, C2's
     * compiler thread takes one of them from the training threads for minutes, to compile code that only orchestrates
     * native kernels; on 2 cores C1 only trained as fast or faster even after long warm-ups, and ran one-step trials
     * faster. The service's code runs once or twice a trial, so at the usual thresholds a study of a few hundred
     * trials ran much of it interpreted; C1 compiles cheaply (README "The JIT").
     */
    static final List<String> TRAINING_JIT = List.of("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.1");

    private NativeEnvironment() {}

    /**
     * Returns normally when the environment is right (or cannot be fixed); otherwise runs this same command
     * as a child with the variables set and exits with its exit code.
     */
    public static void ensure(String[] args, int slots) {
        ensure(args, slots, () -> {});
    }

    /**
     * Like {@link #ensure(String[], int)}; {@code afterChildDied} runs in this launcher when the child ends with a
     * non-zero code (killed, crashed), to clean up what the child could not (the service stops the PostgreSQL it
     * had started). A relaunched child exits when its launcher does, so the two never outlive each other.
     */
    public static void ensure(String[] args, int slots, Runnable afterChildDied) {
        if (Boolean.getBoolean(RELAUNCHED)) {
            exitWithLauncher();
            return;
        }
        Map<String, String> env = System.getenv();
        if (env.containsKey(THREADS) && env.containsKey(WAIT_POLICY) && env.containsKey(BLAS_THREAD_TIMEOUT)) {
            return;
        }
        if (env.containsKey("FAIRTUNE_NO_RELAUNCH")) {
            return;
        }
        Optional<List<String>> command = currentCommand(args);
        if (command.isEmpty()) {
            log.warn("Cannot restart with {} set; native training may run slower", WAIT_POLICY);
            return;
        }
        int threads = threadsPerSlot(args, slots);
        ProcessBuilder builder = new ProcessBuilder(command.get()).inheritIO();
        builder.environment().putIfAbsent(THREADS, Integer.toString(threads));
        builder.environment().putIfAbsent(WAIT_POLICY, "PASSIVE");
        builder.environment().putIfAbsent(BLAS_THREAD_TIMEOUT, BLAS_THREAD_TIMEOUT_VALUE);
        try {
            Process child = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                child.destroy();
                try {
                    child.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            int code = child.waitFor();
            if (code != 0) {
                afterChildDied.run();
            }
            System.exit(code);
        } catch (Exception e) {
            log.warn("Restart with {} failed ({}); continuing without it", WAIT_POLICY, e.toString());
        }
    }

    /** A launcher killed with SIGKILL cannot stop its child: the child notices and shuts down cleanly. */
    private static void exitWithLauncher() {
        ProcessHandle.current()
                .parent()
                .ifPresent(launcher -> launcher.onExit().thenRun(() -> {
                    log.warn("The launcher process {} ended; shutting down", launcher.pid());
                    System.exit(1);
                }));
    }

    /** Sets a child's native variables, for {@code threads} threads per slot, as {@link #ensure} would. */
    public static void configure(Map<String, String> environment, int threads) {
        environment.put(THREADS, Integer.toString(threads));
        environment.put(WAIT_POLICY, "PASSIVE");
        environment.put(BLAS_THREAD_TIMEOUT, BLAS_THREAD_TIMEOUT_VALUE);
    }

    /** Describes the settings in force, for the start-up log. */
    public static String describe() {
        return THREADS + "=" + System.getenv().getOrDefault(THREADS, "(unset)") + ", " + WAIT_POLICY + "="
                + System.getenv().getOrDefault(WAIT_POLICY, "(unset)") + ", " + BLAS_THREAD_TIMEOUT + "="
                + System.getenv().getOrDefault(BLAS_THREAD_TIMEOUT, "(unset)");
    }

    static int threadsPerSlot(String[] args, int slots) {
        int configured = intArgument(args, "--fairtune.worker.threads-per-slot=", 0);
        if (configured > 0) {
            return configured;
        }
        int effectiveSlots = Math.max(1, intArgument(args, "--fairtune.worker.slots=", slots));
        return Math.max(1, Runtime.getRuntime().availableProcessors() / effectiveSlots);
    }

    private static int intArgument(String[] args, String prefix, int fallback) {
        for (String arg : args) {
            if (arg.startsWith(prefix)) {
                try {
                    return Integer.parseInt(arg.substring(prefix.length()).trim());
                } catch (NumberFormatException e) {
                    return fallback;
                }
            }
        }
        return fallback;
    }

    private static Optional<List<String>> currentCommand(String[] args) {
        return commandOfThisProgram(List.of(exitWithParentOption()), null, List.of(args));
    }

    /**
     * The command that starts this same program again (the same java, JVM options, and jar or class path and main
     * class), with {@link #TRAINING_JIT} and {@code jvmOptions} added and {@code args} as its arguments; empty where
     * the JVM does not say how it was started. A child started with {@link #exitWithParentOption()} exits when this
     * process does.
     *
     * @param mainClass the main class to run when this program was not started from a jar (a test runner, an IDE);
     *     null for the one it was started with
     */
    public static Optional<List<String>> commandOfThisProgram(
            List<String> jvmOptions, String mainClass, List<String> args) {
        Optional<String> java = ProcessHandle.current().info().command();
        String classPath = System.getProperty("java.class.path");
        String main = System.getProperty("sun.java.command");
        if (java.isEmpty() || main == null || main.isBlank()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments();
        command.addAll(inherited);
        command.addAll(trainingJit(inherited));
        command.addAll(jvmOptions);
        // sun.java.command starts with the main class or jar; the arguments are taken as given, not re-split.
        String launched = main.split(" ", 2)[0];
        if (launched.endsWith(".jar")) {
            command.add("-jar");
            command.add(launched);
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(mainClass == null ? launched : mainClass);
        }
        command.addAll(args);
        return Optional.of(command);
    }

    /** {@link #TRAINING_JIT}, unless the JVM options already choose the JIT's tiers or thresholds. */
    static List<String> trainingJit(List<String> jvmOptions) {
        boolean chosen = jvmOptions.stream()
                .anyMatch(o -> o.startsWith("-XX:TieredStopAtLevel=")
                        || o.startsWith("-XX:CompileThresholdScaling=")
                        || o.matches("-XX:[+-]TieredCompilation"));
        return chosen ? List.of() : TRAINING_JIT;
    }

    /** The system property that makes a child started by {@link #commandOfThisProgram} exit with this process. */
    public static String exitWithParentOption() {
        return "-D" + RELAUNCHED + "=true";
    }
}
