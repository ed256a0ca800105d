package io.fairtune.service.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Without {@code spring.datasource.url} the service starts its own PostgreSQL (zonky's embedded binaries) in
 * {@code <fairtune.data-dir>/postgres}, so nothing but Java is needed. It runs before the context exists,
 * because the DataSource, Flyway and Quartz all need the URL while being created. It is durable (fsync on, every
 * commit flushed) unless {@code fairtune.embedded-postgres.durable=false}, which {@code fairtune run} sets for a data
 * directory it deletes at the end; a postmaster that a crashed run left behind is stopped first.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

    private static final String ZONKY = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

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
        if (!available()) {
            throw new IllegalStateException("this build of the service has no embedded PostgreSQL (the schedule-only"
                    + " jar): set SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD");
        }
        Path directory = postgresDirectory(environment.getProperty("fairtune.data-dir", "fairtune-data"));
        int port = environment.getProperty("fairtune.embedded-postgres.port", Integer.class, 0);
        boolean durable = environment.getProperty("fairtune.embedded-postgres.durable", Boolean.class, true);
        EmbeddedPostgresServers.Server postgres = EmbeddedPostgresServers.start(directory, port, durable, log::warn);
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        properties.put("fairtune.embedded-postgres.active-port", postgres.port());
        environment.getPropertySources().addFirst(new MapPropertySource("fairtuneEmbeddedPostgres", properties));
    }

    /** Whether this build embeds PostgreSQL (the schedule-only jar does not). */
    public static boolean available() {
        return ClassUtils.isPresent(ZONKY, EmbeddedPostgresEnvironment.class.getClassLoader());
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
