package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code fairtune-service.jar} started as its own process, as a user starts it, with its log in a file. */
final class ServiceProcess implements AutoCloseable {

    static final Path JAR = Path.of("target/fairtune-service.jar");
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private final Process process;
    private final Path log;
    private final Path dataDir;

    private ServiceProcess(Process process, Path log, Path dataDir) {
        this.process = process;
        this.log = log;
        this.dataDir = dataDir;
    }

    /**
     * @param environment added to (or, with a null value, removed from) the test JVM's environment
     */
    static ServiceProcess start(Path dataDir, String name, Map<String, String> environment, String... args) {
        return start(JAR, dataDir, name, environment, args);
    }

    static ServiceProcess start(Path jar, Path dataDir, String name, Map<String, String> environment, String... args) {
        assertThat(jar)
                .as("package the service first: ./mvnw -pl service package")
                .exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                jar.toString(),
                "--fairtune.data-dir=" + dataDir,
                "--server.port=0"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        environment.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        Path log = Path.of("target", name + ".log");
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        try {
            return new ServiceProcess(builder.start(), log, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Process process() {
        return process;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The HTTP port, once the service has started and its first-start tokens are written (Boot logs "Started"
     * before the runners that write them).
     */
    int awaitPort(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String text = log();
            Matcher matcher = PORT.matcher(text);
            if (matcher.find()
                    && text.contains("Started ServiceApplication")
                    && Files.exists(dataDir.resolve("admin-token"))) {
                return Integer.parseInt(matcher.group(1));
            }
            assertThat(process.isAlive()).as("the service exited; see " + log).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not start within " + timeout + "; see " + log);
    }

    /** The live process named by the PostgreSQL pid file of a data directory, if any. */
    static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | IndexOutOfBoundsException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void awaitExit(ProcessHandle process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(process.isAlive())
                .as("process " + process.pid() + " still alive after " + timeout)
                .isFalse();
    }

    @Override
    public void close() {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
