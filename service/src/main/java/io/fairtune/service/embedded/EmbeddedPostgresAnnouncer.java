package io.fairtune.service.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says where the embedded PostgreSQL listens, so separate workers can be pointed at it. */
@Component
@ConditionalOnProperty("fairtune.embedded-postgres.active-port")
class EmbeddedPostgresAnnouncer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresAnnouncer.class);

    private final Environment environment;

    EmbeddedPostgresAnnouncer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        log.info(
                "Embedded PostgreSQL: jdbc:postgresql://localhost:{}/postgres (user postgres), data in {}/postgres",
                environment.getProperty("fairtune.embedded-postgres.active-port"),
                environment.getProperty("fairtune.data-dir"));
    }
}
