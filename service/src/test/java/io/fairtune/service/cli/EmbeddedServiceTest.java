package io.fairtune.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedServiceTest {

    private static final Path DATA = Path.of("/tmp/fairtune-run-1");

    @Test
    void onlyADataDirectoryThatIsDeletedAfterTheRunSkipsFlushingCommits() {
        assertThat(EmbeddedService.serviceArguments(DATA, false, 1, 2, null))
                .contains("--fairtune.embedded-postgres.durable=false");
        assertThat(EmbeddedService.serviceArguments(DATA, true, 1, 2, null))
                .contains("--fairtune.embedded-postgres.durable=true")
                .doesNotContain("--fairtune.embedded-postgres.durable=false");
    }

    @Test
    void theServiceListensOnLoopbackAndTrainsWithTheGivenSlots() {
        assertThat(EmbeddedService.serviceArguments(DATA, true, 3, 1, Path.of("/plugins")))
                .contains(
                        "--fairtune.data-dir=/tmp/fairtune-run-1",
                        "--fairtune.port-file=/tmp/fairtune-run-1/service.port",
                        "--server.address=127.0.0.1",
                        "--fairtune.worker.slots=3",
                        "--fairtune.worker.threads-per-slot=1",
                        "--fairtune.plugins-dir=/plugins");
    }
}
