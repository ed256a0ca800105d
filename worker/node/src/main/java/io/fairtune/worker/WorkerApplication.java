package io.fairtune.worker;

import io.fairtune.contract.launch.NativeEnvironment;
import io.fairtune.worker.backend.BackendCommand;
import io.fairtune.worker.bench.BenchCommand;
import io.fairtune.worker.trace.TraceCommand;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A worker node: joins the Quartz cluster with one thread per slot and trains the trials it fires (the beans come
 * from {@code WorkerNodeAutoConfiguration}). {@code trace FILE.json} instead prints an optimizer trajectory (see
 * OPTIMIZERS.md); {@code backend} prints the ND4J backend and devices this node would train on; {@code bench}
 * times the training loop (see {@code bench/training-bench}).
 */
@SpringBootApplication
public class WorkerApplication {

    /**
     * The worker's settings, as defaults in code rather than an {@code application.properties} that the service,
     * which runs this module as its in-process slot, would find on its classpath too.
     */
    static final Map<String, Object> DEFAULTS = Map.of(
            "spring.application.name", "fairtune-worker",
            "spring.config.import", "classpath:fairtune-cluster.properties",
            "spring.main.banner-mode", "off",
            // Workers share the service's PostgreSQL for the Quartz tables only; they never touch domain tables. Each
            // trainer's pool is a scheduler of its own, with its own cluster and misfire threads.
            "spring.datasource.hikari.maximum-pool-size", "10");

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("backend")) {
            // Same native settings as a trial, so the report describes the backend trials get.
            NativeEnvironment.ensure(args, 1);
            System.exit(BackendCommand.run(System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("bench")) {
            System.exit(BenchCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("trace")) {
            System.exit(TraceCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        NativeEnvironment.ensure(args, 1);
        SpringApplication application = new SpringApplication(WorkerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(DEFAULTS);
        application.run(args);
    }
}
