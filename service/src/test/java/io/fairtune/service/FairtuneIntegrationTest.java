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
 * The service over real HTTP with its embedded PostgreSQL and Quartz, scheduling only (no in-process slot): the one
 * context that API tests share, so the suite starts one PostgreSQL for all of them. Tests on it create their own
 * studies and tokens and never assume an empty database.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FairtuneIntegrationTest.FreshDataDir.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "fairtune.data-dir=" + FairtuneIntegrationTest.DATA_DIR,
            "fairtune.worker.slots=0",
            // Schedule tests fire every few seconds.
            "fairtune.schedules.min-interval=1s",
            "fairtune.metrics.refresh-interval=1s",
            // Quartz registers a job store's connections JVM-wide by scheduler name: a name of its own keeps this
            // cached context working while other test contexts start and close.
            "spring.quartz.scheduler-name=FairtuneTrialsShared"
        })
public @interface FairtuneIntegrationTest {

    String DATA_DIR = "target/it-shared";

    /** Empties the shared data directory once per JVM, before the first context starts its PostgreSQL in it. */
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
