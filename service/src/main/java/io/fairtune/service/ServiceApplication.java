package io.fairtune.service;

import io.fairtune.service.embedded.EmbeddedPostgresEnvironment;
import io.fairtune.service.embedded.LeftoverPostmaster;
import io.fairtune.worker.node.NativeEnvironment;
import io.fairtune.worker.node.WorkerNodeConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Fairtune service: REST API, study planning, Quartz scheduling and storage. By default it also trains
 * in one in-process worker slot, so one command runs a whole study.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import(WorkerNodeConfiguration.class)
public class ServiceApplication {

    public static void main(String[] args) {
        // The in-process slot trains, so native thread settings must be in place before ND4J loads. If the
        // relaunched service dies without stopping its embedded PostgreSQL, the launcher stops it.
        NativeEnvironment.ensure(
                args, 1, () -> LeftoverPostmaster.stopIfOrphaned(postgresDirectory(args), System.err::println));
        SpringApplication.run(ServiceApplication.class, args);
    }

    private static java.nio.file.Path postgresDirectory(String[] args) {
        SimpleCommandLinePropertySource arguments = new SimpleCommandLinePropertySource(args);
        String dataDir = arguments.containsProperty("fairtune.data-dir")
                ? arguments.getProperty("fairtune.data-dir")
                : System.getenv().getOrDefault("FAIRTUNE_DATA_DIR", "fairtune-data");
        return EmbeddedPostgresEnvironment.postgresDirectory(dataDir);
    }
}
