package io.fairtune.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The service as one command runs it: embedded PostgreSQL, Quartz, and an in-process slot that really trains, with
 * the example optimizer plugin installed. The
 * one context the end-to-end tests share; each waits for its own studies and never assumes an empty database.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FairtuneTrainingTest.FreshDataDir.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "fairtune.data-dir=" + FairtuneTrainingTest.DATA_DIR,
            "fairtune.worker.slots=1",
            // The example plugin's jar, for the service's validation and the in-process slot alike.
            "fairtune.plugins-dir=" + Plugins.EXAMPLE_DIR,
            // Schedule tests fire every few seconds.
            "fairtune.schedules.min-interval=1s",
            // Its own Quartz cluster: see FairtuneIntegrationTest.
            "spring.quartz.scheduler-name=FairtuneTrialsTraining"
        })
public @interface FairtuneTrainingTest {

    String DATA_DIR = "target/it-training";

    /** Empties the data directory once per JVM, before the context starts its PostgreSQL in it. */
    final class FreshDataDir implements BeforeAllCallback {
        private static final AtomicBoolean DONE = new AtomicBoolean();

        @Override
        public void beforeAll(ExtensionContext context) {
            if (DONE.compareAndSet(false, true)) {
                SharedExamples.deleteTree(Path.of(DATA_DIR));
            }
        }
    }
}
