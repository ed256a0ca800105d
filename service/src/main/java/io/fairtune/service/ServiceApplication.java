package io.fairtune.service;

import io.fairtune.contract.launch.NativeEnvironment;
import io.fairtune.service.cli.FairtuneCli;
import io.fairtune.service.embedded.EmbeddedPostgresEnvironment;
import io.fairtune.service.embedded.InProcessWorker;
import io.fairtune.service.embedded.LeftoverPostmaster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Fairtune service: REST API, study planning, Quartz scheduling and storage. With the worker node on its
 * classpath (the default jar) it also trains in an in-process slot, so one command runs a whole study; the
 * schedule-only jar leaves the node out.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ServiceApplication {

    /**
     * The service's one clock for the times it records (created, queued, started, finished). Liveness is judged
     * by PostgreSQL's clock instead, and the two never meet in one duration.
     */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        if (FairtuneCli.handles(args)) {
            System.exit(
                    FairtuneCli.execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
        }
        if (trainsInProcess(args)) {
            // ND4J reads its thread settings when its native library loads: they must be in place before. If the
            // relaunched service dies without stopping its embedded PostgreSQL, the launcher stops it.
            NativeEnvironment.ensure(
                    args, 1, () -> LeftoverPostmaster.stopIfOrphaned(postgresDirectory(args), System.err::println));
        }
        SpringApplication application = new SpringApplication(ServiceApplication.class);
        portFile(args).ifPresent(file -> application.addListeners(new WebServerPortFileWriter(file.toFile())));
        application.run(args);
    }

    /** Whether this process will train: the node is on the classpath and slots are not set to 0. */
    static boolean trainsInProcess(String[] args) {
        if (!InProcessWorker.present()) {
            return false;
        }
        String slots = argument(args, "fairtune.worker.slots", "FAIRTUNE_WORKER_SLOTS", "1");
        try {
            return Integer.parseInt(slots.trim()) > 0;
        } catch (NumberFormatException e) {
            return true; // the context reports the bad value
        }
    }

    /** Where to write the HTTP port once it is known: how the command line finds the service it started. */
    private static Optional<Path> portFile(String[] args) {
        SimpleCommandLinePropertySource arguments = new SimpleCommandLinePropertySource(args);
        return Optional.ofNullable(arguments.getProperty("fairtune.port-file")).map(Path::of);
    }

    private static Path postgresDirectory(String[] args) {
        return EmbeddedPostgresEnvironment.postgresDirectory(
                argument(args, "fairtune.data-dir", "FAIRTUNE_DATA_DIR", "fairtune-data"));
    }

    private static String argument(String[] args, String name, String environmentVariable, String fallback) {
        SimpleCommandLinePropertySource arguments = new SimpleCommandLinePropertySource(args);
        return arguments.containsProperty(name)
                ? arguments.getProperty(name)
                : System.getenv().getOrDefault(environmentVariable, fallback);
    }
}
