package io.fairtune.worker;

import io.fairtune.worker.node.NativeEnvironment;
import io.fairtune.worker.node.WorkerNodeConfiguration;
import io.fairtune.worker.trace.TraceCommand;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * A worker node: joins the Quartz cluster with one thread per slot and trains the trials it fires.
 * {@code trace FILE.json} instead prints an optimizer trajectory (see OPTIMIZERS.md).
 */
@SpringBootApplication(scanBasePackages = "io.fairtune.worker.none")
@Import(WorkerNodeConfiguration.class)
public class WorkerApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("trace")) {
            System.exit(TraceCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        NativeEnvironment.ensure(args, 1);
        SpringApplication application = new SpringApplication(WorkerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        // A distinct config name: the service embeds this jar and must not pick up the worker's settings.
        application.setDefaultProperties(Map.of("spring.config.name", "fairtune-worker"));
        application.run(args);
    }
}
