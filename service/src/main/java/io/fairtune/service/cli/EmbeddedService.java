package io.fairtune.service.cli;

import io.fairtune.contract.launch.NativeEnvironment;
import io.fairtune.service.embedded.EmbeddedPostgresEnvironment;
import io.fairtune.service.embedded.InProcessWorker;
import io.fairtune.service.embedded.LeftoverPostmaster;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A whole Fairtune for one run: this same jar started as a child process on a loopback port of the system's
 * choosing, with its own embedded PostgreSQL and in-process worker slots in a data directory that is deleted
 * afterwards (unless kept). The command line then drives it over HTTP exactly as it drives a remote service, so
 * both modes run the same code. A child outlives neither this process nor a kill of it: it watches its parent.
 */
final class EmbeddedService implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    static final String MAIN_CLASS = "io.fairtune.service.ServiceApplication";

    private final Process process;
    private final Path dataDir;
    private final boolean keep;
    private final PrintWriter err;
    private final Thread cleanupOnSignal;
    private ServiceClient client;
    private boolean stopped;

    private EmbeddedService(Process process, Path dataDir, boolean keep, PrintWriter err) {
        this.process = process;
        this.dataDir = dataDir;
        this.keep = keep;
        this.err = err;
        this.cleanupOnSignal = new Thread(this::stop, "fairtune-embedded-cleanup");
    }

    /**
     * Starts the service and waits until it answers.
     *
     * @param keepDir the data directory to use and keep, or null for a temporary one deleted on close
     */
    /** @param pluginsDir optimizer plugins the service and its slots load; null for none */
    static EmbeddedService start(int slots, int threadsPerSlot, Path keepDir, Path pluginsDir, PrintWriter err) {
        if (!InProcessWorker.present() || !EmbeddedPostgresEnvironment.available()) {
            throw CliFailure.infrastructure(
                    "this jar has no in-process worker or embedded PostgreSQL (the schedule-only"
                            + " jar): run against a cluster with --server URL, or use fairtune-service.jar");
        }
        Path dataDir;
        try {
            dataDir = keepDir != null
                    ? Files.createDirectories(keepDir).toAbsolutePath()
                    : Files.createTempDirectory("fairtune-run-").toAbsolutePath();
        } catch (IOException e) {
            throw CliFailure.infrastructure("cannot create the data directory (" + e.getMessage() + ")");
        }
        Path portFile = dataDir.resolve("service.port");
        deleteQuietly(portFile);
        List<String> arguments = serviceArguments(dataDir, keepDir != null, slots, threadsPerSlot, pluginsDir);
        List<String> command = NativeEnvironment.commandOfThisProgram(
                        List.of(NativeEnvironment.exitWithParentOption()), MAIN_CLASS, arguments)
                .orElseThrow(() -> CliFailure.infrastructure("this JVM does not say how it was started, so the"
                        + " embedded service cannot be started; run against a cluster with --server URL"));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Set before ND4J loads in the child; an ephemeral run never borrows a database from the environment.
        NativeEnvironment.configure(builder.environment(), threadsPerSlot);
        new ArrayList<>(builder.environment().keySet())
                .stream().filter(k -> k.startsWith("SPRING_DATASOURCE")).forEach(builder.environment()::remove);
        Path log = dataDir.resolve("service.log");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw CliFailure.infrastructure("cannot start the embedded service (" + e.getMessage() + ")");
        }
        EmbeddedService service = new EmbeddedService(process, dataDir, keepDir != null, err);
        Runtime.getRuntime().addShutdownHook(service.cleanupOnSignal);
        try {
            service.client = service.awaitStart(portFile, log);
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /** The embedded service's arguments: on loopback, on a free port it writes to a file in {@code dataDir}. */
    static List<String> serviceArguments(Path dataDir, boolean kept, int slots, int threadsPerSlot, Path pluginsDir) {
        List<String> arguments = new ArrayList<>(List.of(
                "--fairtune.data-dir=" + dataDir,
                "--fairtune.port-file=" + dataDir.resolve("service.port"),
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--fairtune.worker.slots=" + slots,
                "--fairtune.worker.threads-per-slot=" + threadsPerSlot,
                // A temporary directory is deleted at the end: its commits need not wait for the disk.
                "--fairtune.embedded-postgres.durable=" + kept));
        if (pluginsDir != null) {
            arguments.add("--fairtune.plugins-dir=" + pluginsDir.toAbsolutePath());
        }
        return arguments;
    }

    ServiceClient client() {
        return client;
    }

    Path dataDir() {
        return dataDir;
    }

    private ServiceClient awaitStart(Path portFile, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Path adminToken = dataDir.resolve("admin-token");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw CliFailure.infrastructure("the embedded service exited with code " + process.exitValue()
                        + " while starting; its log: " + log + lastLines(log));
            }
            // The port is written when Tomcat listens, the token by a runner after the context has started.
            if (Files.isRegularFile(portFile) && Files.isRegularFile(adminToken)) {
                try {
                    String port =
                            Files.readString(portFile, StandardCharsets.UTF_8).trim();
                    String token =
                            Files.readString(adminToken, StandardCharsets.UTF_8).trim();
                    if (!port.isEmpty() && !token.isEmpty()) {
                        return new ServiceClient(URI.create("http://127.0.0.1:" + port + "/"), token, true);
                    }
                } catch (IOException e) {
                    // still being written
                }
            }
            sleep(200);
        }
        throw CliFailure.infrastructure(
                "the embedded service did not start within " + START_TIMEOUT.toMinutes() + " min; its log: " + log);
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** Stops the service (gracefully: it stops its PostgreSQL), then deletes the data directory unless kept. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnSignal);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running this
        }
        stop();
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        LeftoverPostmaster.stopIfOrphaned(
                EmbeddedPostgresEnvironment.postgresDirectory(dataDir.toString()), err::println);
        if (keep) {
            err.println("fairtune: kept the data directory " + dataDir);
        } else {
            deleteTree(dataDir);
        }
        err.flush();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(EmbeddedService::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temporary directory
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.infrastructure("interrupted while starting the embedded service");
        }
    }
}
