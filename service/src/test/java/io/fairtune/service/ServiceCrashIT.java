package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The one-command service killed with SIGKILL, as a crash or an OOM killer would: its embedded PostgreSQL outlives
 * it. The next start on the same data directory (default random port) stops that leftover and finishes the
 * study; a launcher whose service child dies stops the database itself; a service whose launcher is killed shuts
 * down with it.
 */
class ServiceCrashIT {

    /** No relaunch: the service is the process the test starts. */
    private static final Map<String, String> TUNED = Map.of("OMP_NUM_THREADS", "1", "OMP_WAIT_POLICY", "PASSIVE");

    private static final String[] QUICK_RECOVERY = {
        "--fairtune.heartbeat-timeout=5s", "--fairtune.sweep-interval=1s", "--fairtune.worker.slots=1"
    };

    @Test
    void aServiceKilledMidStudyIsRestartedOnItsDataDirectoryAndTheStudyCompletes() throws Exception {
        Path data = fresh("it-crash-restart");
        long study;
        ProcessHandle orphan;
        try (ServiceProcess first = ServiceProcess.start(data, "crash-restart-1", TUNED, QUICK_RECOVERY)) {
            TestApi api = TestApi.local(first.awaitPort(Duration.ofMinutes(2)), data);
            String spec = Specs.smoke()
                    .trainingSteps(600)
                    .evalEverySteps(100)
                    .trialsPerArm(2)
                    .finalSeeds(1)
                    .json();
            HttpResponse<String> created = api.post("/api/v1/studies", spec);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            study = TestApi.json(created).path("summary").path("id").asLong();
            awaitRunningTrial(api, study);

            first.process().destroyForcibly().waitFor();
            orphan = ServiceProcess.postmaster(data).orElseThrow();
            assertThat(orphan.isAlive())
                    .as("the postmaster outlives a killed service")
                    .isTrue();
        }

        try (ServiceProcess second = ServiceProcess.start(data, "crash-restart-2", TUNED, QUICK_RECOVERY)) {
            TestApi api = TestApi.local(second.awaitPort(Duration.ofMinutes(2)), data);
            assertThat(second.log())
                    .contains("Stopping the embedded PostgreSQL (pid " + orphan.pid() + ") that a previous run left");
            assertThat(orphan.isAlive()).isFalse();
            JsonNode finished = StudyWaits.untilFinished(api, study, Duration.ofMinutes(5));
            assertThat(finished.path("summary").path("status").asString()).isEqualTo("COMPLETED");
            JsonNode trials = api.getJson("/api/v1/studies/" + study + "/trials?size=100");
            assertThat(trials.path("items"))
                    .allSatisfy(t -> assertThat(t.path("status").asString()).isEqualTo("SUCCEEDED"));
            JsonNode killed = api.getJson("/api/v1/studies/" + study + "/trials?size=100&sort=attempts,desc")
                    .path("items")
                    .get(0);
            assertThat(killed.path("attempts").asInt())
                    .as("the killed trial ran again")
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aLauncherWhoseServiceIsKilledStopsItsDatabase() throws Exception {
        Path data = fresh("it-crash-launcher");
        Map<String, String> untuned = new HashMap<>();
        untuned.put("OMP_NUM_THREADS", null);
        untuned.put("OMP_WAIT_POLICY", null);
        try (ServiceProcess launcher = ServiceProcess.start(data, "crash-launcher", untuned)) {
            launcher.awaitPort(Duration.ofMinutes(2));
            ProcessHandle service = onlyChild(launcher.process().toHandle());
            ProcessHandle postmaster = ServiceProcess.postmaster(data).orElseThrow();

            service.destroyForcibly();
            assertThat(launcher.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(launcher.process().exitValue()).isNotZero();
            ServiceProcess.awaitExit(postmaster, Duration.ofSeconds(30));
        }
    }

    @Test
    void aServiceWhoseLauncherIsKilledShutsDownWithIt() throws Exception {
        Path data = fresh("it-crash-launcher-killed");
        Map<String, String> untuned = new HashMap<>();
        untuned.put("OMP_NUM_THREADS", null);
        untuned.put("OMP_WAIT_POLICY", null);
        try (ServiceProcess launcher = ServiceProcess.start(data, "crash-launcher-killed", untuned)) {
            launcher.awaitPort(Duration.ofMinutes(2));
            ProcessHandle service = onlyChild(launcher.process().toHandle());
            ProcessHandle postmaster = ServiceProcess.postmaster(data).orElseThrow();

            launcher.process().destroyForcibly().waitFor();
            ServiceProcess.awaitExit(service, Duration.ofSeconds(60));
            ServiceProcess.awaitExit(postmaster, Duration.ofSeconds(30));
        }
    }

    private static ProcessHandle onlyChild(ProcessHandle launcher) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> child = launcher.children()
                    .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                    .findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the launcher " + launcher.pid() + " started no service JVM");
    }

    private static void awaitRunningTrial(TestApi api, long study) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode running = api.getJson("/api/v1/studies/" + study + "/trials?status=RUNNING");
            if (running.path("total").asLong() > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no trial of study " + study + " started within 2 minutes");
    }

    private static Path fresh(String name) {
        Path dir = Path.of("target", name);
        SharedExamples.deleteTree(dir);
        return dir;
    }
}
