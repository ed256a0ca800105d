package io.fairtune.service;

import java.nio.file.Files;
import java.nio.file.Path;

/** The example optimizer plugin as tests install it: its module's {@code target/plugins}, the jar alone. */
final class Plugins {

    /** Relative to the service module, where Maven runs its tests; the reactor builds the example before it. */
    static final String EXAMPLE_DIR = "../examples/optimizer-plugin/target/plugins";

    /** The optimizer the example plugin adds. */
    static final String SIGNUM = "signum";

    private Plugins() {}

    /** Fails loudly when the jar was not built, rather than letting a context start without the plugin. */
    static Path exampleJar() {
        Path jar = Path.of(EXAMPLE_DIR, "signum-plugin.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build examples/optimizer-plugin first"
                    + " (./mvnw -pl service -am ... builds it)");
        }
        return jar;
    }

    /** An arm of the plugin optimizer tuning its rate and momentum, as a built-in arm would. */
    static String signumArm() {
        return """
                {
                  "name": "signum",
                  "optimizer": "signum",
                  "schedule": { "type": "warmup_cosine_decay", "end_lr_factor": 0.0 },
                  "space": {
                    "learning_rate":   { "min": 1e-3, "max": 1e-2, "scale": "log" },
                    "momentum":        { "min": 0.8, "max": 0.99, "scale": "one_minus_log" },
                    "warmup_fraction": { "value": 0.1 }
                  }
                }
                """;
    }
}
