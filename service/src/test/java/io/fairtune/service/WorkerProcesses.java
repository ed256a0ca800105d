package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairtune.contract.launch.NativeEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Separate worker JVMs from {@code fairtune-worker.jar}, pointed at a test's service and its PostgreSQL, as a
 * user would start them on other machines.
 */
final class WorkerProcesses implements AutoCloseable {

    static final Path WORKER_JAR = Path.of("../worker/target/fairtune-worker.jar");

    private final String jdbcUrl;
    private final int servicePort;
    private final String token;
    private final JdbcTemplate jdbc;
    private final List<Process> processes = new ArrayList<>();
    private Path pluginsDir;

    WorkerProcesses(String jdbcUrl, int servicePort, String token, JdbcTemplate jdbc) {
        assertThat(WORKER_JAR)
                .as("build the worker first: ./mvnw -pl worker package")
                .exists();
        this.jdbcUrl = jdbcUrl;
        this.servicePort = servicePort;
        this.token = token;
        this.jdbc = jdbc;
    }

    /** Workers started from now on load the optimizer plugins of {@code dir}. */
    WorkerProcesses withPlugins(Path dir) {
        this.pluginsDir = dir.toAbsolutePath();
        return this;
    }

    /** Starts a worker with one slot; its log goes to {@code target/<name>.log}. */
    Process start(String name) {
        return start(name, List.of());
    }

    /** Starts a worker with more settings (e.g. its external trainers); one slot unless they set the slots. */
    Process start(String name, List<String> settings) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx2g",
                "-jar",
                WORKER_JAR.toString(),
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--fairtune.worker.service-url=http://127.0.0.1:" + servicePort,
                "--fairtune.worker.token=" + token,
                "--fairtune.worker.name=" + name));
        if (settings.stream().noneMatch(s -> s.startsWith("--fairtune.worker.slots="))) {
            command.add("--fairtune.worker.slots=1");
        }
        if (pluginsDir != null) {
            command.add("--fairtune.plugins-dir=" + pluginsDir);
        }
        command.addAll(settings);
        ProcessBuilder builder = new ProcessBuilder(command);
        NativeEnvironment.configure(builder.environment(), 1);
        builder.redirectErrorStream(true);
        builder.redirectOutput(Path.of("target", name + ".log").toFile());
        try {
            Process process = builder.start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Started Quartz nodes check in; a service that only schedules never does. */
    void awaitClusterNodes(int expected, Duration timeout) throws InterruptedException {
        awaitNodes("FairtuneTrials", expected, timeout);
    }

    /** Waits for nodes of one scheduler name: a trainer's pool ({@code FairtuneTrials.trainer.<name>}), say. */
    void awaitNodes(String schedulerName, int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Integer nodes = jdbc.queryForObject(
                    "select count(*) from qrtz_scheduler_state where sched_name = ?", Integer.class, schedulerName);
            if (nodes != null && nodes >= expected) {
                return;
            }
            for (Process process : processes) {
                assertThat(process.isAlive())
                        .as("worker exited; see target/worker-*.log")
                        .isTrue();
            }
            Thread.sleep(500);
        }
        throw new AssertionError(expected + " worker nodes did not join " + schedulerName + " within " + timeout);
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
